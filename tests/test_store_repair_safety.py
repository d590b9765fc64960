"""A repair stopped halfway, damaged bytes where SQLite keeps text, and files that are no
database: the user's favourites and reading state are never lost, nothing prints a traceback,
and a file that is not a database is left alone by every command, with the same words.

Every case is a real file, damaged the way a reviewer damaged it, and the command line is run
as a real second process where a process matters (kill -9, Ctrl+C).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import Config, FeedConfig, StorageConfig
from reader.models import ParsedEntry, View
from reader.store import DamageCheck, StoreError, open_store
from tests.processes import ctrl_c_as_at_a_terminal, newsreader

FEED = FeedConfig("https://example.org/feed.xml", "Example", "World")
T0 = datetime(2025, 1, 1, tzinfo=UTC)
FAVOURITES = {"Story 5", "Story 17", "Story 40"}


def seeded(path: Path, n: int = 60) -> list[int]:
    """A database of ``n`` stories with some text, "Story 5", "17" and "40" its favourites,
    all in the file itself (no WAL)."""
    store = open_store(path)
    store.sync_config_feeds([FEED])
    fid = store.feeds()[0].id
    ids, _ = store.upsert_entries(
        fid,
        [
            ParsedEntry(
                f"g{i}",
                f"https://example.org/{i}",
                f"Story {i}",
                published=T0 + timedelta(minutes=i),
                content_html="<p>" + f"words of story {i} " * 60 + "</p>",
            )
            for i in range(n)
        ],
    )
    for i in (5, 17, 40):
        store.set_favourite(ids[i], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return ids


def favourite_titles(db: Path) -> set[str]:
    result = newsreader("--db", str(db), "favourites", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    return {item["title"] for item in json.loads(result.stdout)}


# ---------------------------------------------------------------------- 1. a stopped repair


def damaged_header(db: Path, n: int) -> None:
    seeded(db, n)
    with db.open("r+b") as fh:
        fh.write(b"X" * 16)


def stopped_during_repair(db: Path, how: signal.Signals) -> str:
    """Run `newsreader --db DB stats` on the damaged ``db`` and send it ``how`` as soon as it
    says the repair is starting; what it said."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader.cli", "--db", str(db), "stats"],
        preexec_fn=ctrl_c_as_at_a_terminal,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    said = ""
    try:
        while line := proc.stderr.readline():
            said += line
            if "repairing it now" in line:
                proc.send_signal(how)
                break
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    return said


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_a_repair_stopped_halfway_is_done_again_by_the_next_command(
    tmp_path: Path, how: signal.Signals
) -> None:
    db = tmp_path / "rep.db"
    damaged_header(db, 3000)  # (big enough that the repair takes a while)
    said = stopped_during_repair(db, how)
    assert "repairing it now" in said, said
    assert "Traceback" not in said
    # the next command finds the favourites, saying the repair was done again
    result = newsreader("--db", str(db), "favourites", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {item["title"] for item in json.loads(result.stdout)} == FAVOURITES
    assert "stopped before it was done" in result.stderr
    stats = newsreader("--db", str(db), "stats")
    assert stats.returncode == 0, stats.stderr
    assert "articles        3000" in stats.stdout or "articles        3,000" in stats.stdout
    # nothing of the repair is left over but the damaged file, kept
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "rep.db",
        "rep.db.corrupt",
    ]


def test_a_repair_stopped_before_the_damaged_file_was_moved_leaves_it_to_be_repaired(
    tmp_path: Path,
) -> None:
    """A marker naming a damaged file that was never moved (the stop came first): the file at
    the path is repaired as usual, and the marker goes."""
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    (tmp_path / "news.db.repairing").write_text("news.db.corrupt")
    store = open_store(db)
    try:
        assert store.recovery_note and "3 favourites recovered" in store.recovery_note
        assert {a.title for a in store.favourites()} == FAVOURITES
    finally:
        store.close()
    assert not (tmp_path / "news.db.repairing").exists()


def test_a_second_newsreader_does_not_repair_while_one_is_repairing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    import fcntl

    marker = tmp_path / "news.db.repairing"
    with marker.open("w") as held:  # (what a repair under way holds)
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="being repaired by another newsreader"):
            open_store(db)
    assert db.read_bytes()[:16] == b"X" * 16  # not touched meanwhile
    marker.unlink()
    store = open_store(db)
    assert {a.title for a in store.favourites()} == FAVOURITES
    store.close()


# ---------------------------------------------------------------------- 2. a damaged schema


def bad_schema(db: Path) -> None:
    """The reviewer's damage: bytes that are not UTF-8 in one table's definition."""
    seeded(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA writable_schema = ON")
    con.execute(
        "UPDATE sqlite_master SET sql = CAST(X'435245415445FF' AS TEXT) "
        "WHERE name = 'articles_fts_ad'"
    )
    con.commit()
    con.close()


def test_a_schema_with_bytes_that_are_not_text_is_repaired_by_every_command(
    tmp_path: Path,
) -> None:
    db = tmp_path / "x.db"
    bad_schema(db)
    result = newsreader("--db", str(db), "stats")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr
    assert "is damaged: repairing it now" in result.stderr
    assert "3 favourites recovered" in result.stderr
    assert favourite_titles(db) == FAVOURITES


def test_the_readers_check_takes_a_schema_that_is_not_text_for_damage(tmp_path: Path) -> None:
    from reader.cli import _reader_store

    db = tmp_path / "x.db"
    bad_schema(db)
    raised: list[BaseException | None] = []
    hook = threading.excepthook
    threading.excepthook = lambda args: raised.append(args.exc_value)
    try:
        assert DamageCheck(db, wait=30).problem()
        config = dataclasses.replace(Config(feeds=(FEED,)), storage=StorageConfig(path=str(db)))
        store = _reader_store(config, [])
    finally:
        threading.excepthook = hook
    assert raised == []  # no "Exception in thread quick-check"
    try:
        assert store.recovery_note and "3 favourites recovered" in store.recovery_note
        assert {a.title for a in store.favourites()} == FAVOURITES
        assert store.count(View(kind="all")) == 60
    finally:
        store.close()


# ---------------------------------------------------------------------- 3. a title not UTF-8


def test_a_favourite_whose_title_is_not_utf8_is_listed_with_a_replacement_character(
    tmp_path: Path,
) -> None:
    db = tmp_path / "y.db"
    ids = seeded(db)
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET title = CAST(X'41FF42' AS TEXT) WHERE id = ?", (ids[5],))
    con.commit()
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    assert favourite_titles(db) == {"A\ufffdB", "Story 17", "Story 40"}
    text = newsreader("--db", str(db), "favourites")
    assert text.returncode == 0, text.stderr
    assert "A\ufffdB" in text.stdout and "Story 40" in text.stdout
    store = open_store(db)
    try:  # what the reader's lists read
        assert "A\ufffdB" in {a.title for a in store.headlines(View(kind="all"))}
        assert "A\ufffdB" in {a.title for a in store.favourites()}
        assert store.article(ids[5]) is not None
    finally:
        store.close()


# ---------------------------------------------------------------------- 4. not a database


@pytest.mark.parametrize("command", ["refresh", "stats", "favourites", "feeds"])
def test_a_file_that_is_no_database_is_left_alone_by_every_command(
    tmp_path: Path, command: str
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping: milk, bread.\n" * 50)
    result = newsreader("--db", str(notes), command)
    assert result.returncode != 0
    assert "is not a newsreader database (nor a damaged one); it was left unchanged" in (
        result.stderr
    )
    assert "repairing" not in result.stderr and "Traceback" not in result.stderr
    assert notes.read_text() == "Shopping: milk, bread.\n" * 50
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_reader_leaves_a_file_that_is_no_database_alone(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(os.urandom(64 * 1024))
    before = notes.read_bytes()
    with pytest.raises(StoreError, match="not a newsreader database"):
        open_store(notes)  # (as the reader and the commands that save open it)
    assert notes.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_repair_that_cannot_begin_says_so_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    before = db.read_bytes()
    (tmp_path / "news.db.repairing").mkdir()  # (no marker can be written there)
    result = newsreader("--db", str(db), "stats")
    assert result.returncode == 1
    assert "is damaged and cannot be repaired where it is" in result.stderr, result.stderr
    assert "nothing was changed" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.db", "news.db.repairing"]


def test_a_repair_stopped_while_moving_the_damaged_file_gives_it_back_its_wal_file(
    tmp_path: Path,
) -> None:
    """The move aside takes the "-wal" file first: stopped right after it, the database is
    still at its path, its WAL file (with the favourites saved last) beside the new name."""
    db = tmp_path / "news.db"
    ids = seeded(db)
    store = open_store(db)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    store.set_favourite(ids[50], True)  # written to the WAL file only
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    copy = crashed / "news.db"
    copy.write_bytes(db.read_bytes())
    Path(f"{copy}.corrupt-wal").write_bytes(Path(f"{db}-wal").read_bytes())
    store.close()
    (crashed / "news.db.repairing").write_text("news.db.corrupt")
    with copy.open("r+b") as fh:
        fh.write(b"X" * 16)
    store = open_store(copy)
    try:
        assert {a.title for a in store.favourites()} == FAVOURITES | {"Story 50"}
    finally:
        store.close()
    assert not (crashed / "news.db.repairing").exists()
