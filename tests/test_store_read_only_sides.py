"""Commands that only read an older (or a newer, readable) database leave its folder as they found
it: no "-wal" and "-shm" files stay beside a database that had none, and those of a newsreader
still running on it stay, while what it wrote and has not yet put into the database file is read."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.schema import LATEST
from reader.store import StoreError, open_store
from tests.processes import newsreader
from tests.test_store_newer import newer_database
from tests.test_store_shared_guids import schema_8_database

COMMANDS = [["stats"], ["favourites"], ["export-opml"], ["feeds"], ["related", "Bridge"]]

# an older newsreader with the database open: it stars a story (in the WAL file only, not yet in
# the database file), waits, writes again, waits, and closes
OLDER_READER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("UPDATE articles SET is_favourite = 1, favourited_at = 1764170000.0 WHERE id = 11")
print("starred", flush=True)
sys.stdin.readline()
db.execute("UPDATE articles SET is_read = 0 WHERE id = 14")
print("wrote", flush=True)
sys.stdin.readline()
db.close()
"""


def older_wal_database(path: Path) -> None:
    """A schema-8 database as newsreader 0.2.0 keeps it: in WAL mode, closed (no "-wal" and
    "-shm" files beside it)."""
    schema_8_database(path)
    con = sqlite3.connect(path, isolation_level=None)
    assert con.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    con.close()


def folder(path: Path) -> dict[str, str]:
    """The database's files, by name, as hashes of what they hold."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.glob(path.name + "*"))
    }


def args(tmp_path: Path, db: Path) -> list[str]:
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\ninterval_minutes = 0\n", encoding="utf-8")
    return ["--config", str(config), "--db", str(db)]


@pytest.fixture
def older_reader(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """An older WAL database with an older newsreader running on it (another process)."""
    db = tmp_path / "news.db"
    older_wal_database(db)
    proc = subprocess.Popen(
        [sys.executable, "-c", OLDER_READER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "starred\n"
        yield db, proc
    finally:
        proc.kill()
        proc.wait()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_command_that_only_reads_leaves_no_wal_files_beside_an_older_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = tmp_path / "news.db"
    older_wal_database(db)
    before = folder(db)
    assert list(before) == ["news.db"]
    assert main([*args(tmp_path, db), *command]) == 0
    out, err = capsys.readouterr()
    assert "older newsreader" in err and out
    assert folder(db) == before  # (the database file not written either)


def test_the_command_run_as_a_script_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    older_wal_database(db)
    before = folder(db)
    result = newsreader(*args(tmp_path, db), "favourites", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {d["title"] for d in json.loads(result.stdout)} == {"Bridge reopens", "A saved story"}
    assert folder(db) == before


def test_a_running_older_reader_keeps_its_files_and_what_it_wrote_is_read(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    older_reader: tuple[Path, subprocess.Popen[str]],
) -> None:
    db, proc = older_reader
    wal = Path(f"{db}-wal")
    assert wal.stat().st_size > 0 and Path(f"{db}-shm").exists()
    for command in COMMANDS:
        assert main([*args(tmp_path, db), *command]) == 0, command
        assert wal.exists() and Path(f"{db}-shm").exists(), command
    capsys.readouterr()
    assert main([*args(tmp_path, db), "favourites", "--format", "json"]) == 0
    starred = {d["title"] for d in json.loads(capsys.readouterr().out)}
    # the star it gave is in its WAL file only: read too
    assert starred == {"Bridge reopens", "A saved story", "Cup final ends in a draw"}
    # it goes on writing, and closing (the last one) it removes its files itself
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.stdout.readline() == "wrote\n"
    proc.stdin.write("\n")
    proc.stdin.flush()
    assert proc.wait(timeout=10) == 0
    assert list(folder(db)) == ["news.db"]
    con = sqlite3.connect(db)
    assert con.execute("SELECT is_favourite FROM articles WHERE id = 11").fetchone() == (1,)
    assert con.execute("SELECT is_read FROM articles WHERE id = 14").fetchone() == (0,)
    assert con.execute("PRAGMA user_version").fetchone() == (8,)  # (not upgraded under it)
    con.close()


def test_a_reader_that_starts_while_the_store_reads_keeps_its_files(tmp_path: Path) -> None:
    """The files were not there when the read-only store opened, but a newsreader started on
    the database since: closing the store leaves them to it."""
    db = tmp_path / "news.db"
    older_wal_database(db)
    store = open_store(db, upgrade=False)
    assert store.read_only and [a.title for a in store.favourites()]
    other = sqlite3.connect(db, isolation_level=None)  # (a newsreader starting meanwhile)
    other.execute("UPDATE articles SET is_read = 0 WHERE id = 14")
    store.close()
    assert Path(f"{db}-wal").stat().st_size > 0 and Path(f"{db}-shm").exists()
    other.execute("UPDATE articles SET is_read = 0 WHERE id = 10")  # (still works)
    other.close()
    assert list(folder(db)) == ["news.db"]


def test_files_left_by_a_reader_that_stopped_are_kept_and_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newsreader that was killed left its "-wal" (with a star not yet in the database file)
    and "-shm": they stay as they are, and the star is read."""
    source = tmp_path / "live" / "news.db"
    source.parent.mkdir()
    older_wal_database(source)
    live = sqlite3.connect(source, isolation_level=None)
    live.execute("UPDATE articles SET is_favourite = 1, favourited_at = 1764170000.0 WHERE id = 11")
    db = tmp_path / "news.db"
    for suffix in ("", "-wal", "-shm"):  # (what a killed one leaves)
        shutil.copyfile(f"{source}{suffix}", f"{db}{suffix}")
    live.close()
    before = folder(db)
    assert sorted(before) == ["news.db", "news.db-shm", "news.db-wal"]
    assert main([*args(tmp_path, db), "favourites", "--format", "json"]) == 0
    starred = {d["title"] for d in json.loads(capsys.readouterr().out)}
    assert "Cup final ends in a draw" in starred
    after = folder(db)
    assert sorted(after) == sorted(before)
    assert after["news.db"] == before["news.db"] and after["news.db-wal"] == before["news.db-wal"]


@pytest.mark.parametrize("readable", [True, False], ids=["read", "refused"])
def test_a_newer_database_looked_at_keeps_no_wal_files(tmp_path: Path, readable: bool) -> None:
    db = tmp_path / "news.db"
    newer_database(db, readable_by=LATEST if readable else None)
    before = folder(db)
    assert list(before) == ["news.db"]
    if readable:
        store = open_store(db)
        assert store.read_only and [a.title for a in store.favourites()] == ["Kept favourite"]
        store.close()
    else:
        with pytest.raises(StoreError, match="Upgrade newsreader"):
            open_store(db)
    assert folder(db) == before
