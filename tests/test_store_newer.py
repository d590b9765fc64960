"""A database written by a newer newsreader: this one says so and what to do, and writes
nothing to it; it reads one only when the newsreader that wrote it says that is safe."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main
from reader.config import FeedConfig
from reader.models import ParsedEntry
from reader.schema import LATEST, READABLE_BY_KEY
from reader.store import StoreError, open_store

FEED = FeedConfig("https://example.org/feed.xml", "Example", "World")


def newer_database(path: Path, wal: bool = True, readable_by: int | None = None) -> None:
    """A database of this version with a favourite, then marked as a newer schema's (in
    rollback-journal mode unless ``wal``; saying since which schema it can be read)."""
    store = open_store(path)
    store.sync_config_feeds([FEED])
    ids, _ = store.upsert_entries(
        store.feeds()[0].id,
        [
            ParsedEntry("g1", "https://example.org/1", "Kept favourite"),
            ParsedEntry("g2", "", "Other"),
        ],
    )
    store.set_favourite(ids[0], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # (a newer schema's migration states it, or removes what this one said: schema.migrate)
    if readable_by is not None:
        store.set_meta(READABLE_BY_KEY, str(readable_by))
    else:
        store.db.execute("DELETE FROM meta WHERE key = ?", (READABLE_BY_KEY,))
    store.close()
    con = sqlite3.connect(path, isolation_level=None)
    if not wal:
        con.execute("PRAGMA journal_mode = DELETE")
    con.execute(f"PRAGMA user_version = {LATEST + 1}")
    if wal:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def files(path: Path) -> dict[str, str]:
    """The database's files, by name, as hashes of what they hold (empty ones left out; not
    the "-shm" index of its WAL file, which SQLite builds again from it when it is opened)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.parent.glob(path.name + "*"))
        if p.stat().st_size and not p.name.endswith("-shm")
    }


def config_args(tmp_path: Path, db: Path) -> list[str]:
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{FEED.url}"\n')
    return ["--config", str(config), "--db", str(db)]


@pytest.mark.parametrize("wal", [True, False], ids=["wal", "rollback-journal"])
def test_a_newer_database_is_refused_saying_to_upgrade_and_left_as_it_was(
    tmp_path: Path, wal: bool
) -> None:
    db = tmp_path / "news.db"
    newer_database(db, wal=wal)
    before = files(db)
    with pytest.raises(StoreError) as raised:
        open_store(db)
    message = str(raised.value)
    assert "written by a newer newsreader" in message
    assert f"schema {LATEST + 1}" in message and __version__ in message
    assert "Upgrade newsreader" in message and "left unchanged" in message
    assert files(db) == before  # (not even switched to WAL, nor a journal left)


def test_commands_on_a_newer_database_say_to_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "news.db"
    newer_database(db)
    before = files(db)
    args = config_args(tmp_path, db)
    for command in (["favourites", "--format", "json"], ["stats"], ["refresh"]):
        assert main([*command, *args]) == 1, command
        err = capsys.readouterr().err
        assert "Upgrade newsreader" in err and "Traceback" not in err, command
    assert files(db) == before


def test_a_newer_database_that_says_it_can_be_read_is_read_but_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "news.db"
    newer_database(db, readable_by=LATEST)
    before = files(db)
    assert main(["favourites", "--format", "json", *config_args(tmp_path, db)]) == 0
    out = capsys.readouterr().out
    assert [d["title"] for d in json.loads(out)] == ["Kept favourite"]
    store = open_store(db)
    assert store.read_only and store.recovery_note and "Upgrade newsreader" in store.recovery_note
    assert [a.title for a in store.favourites()] == ["Kept favourite"]
    with pytest.raises(StoreError, match="Upgrade newsreader"):
        store.set_favourite(store.favourites()[0].id, False)
    store.close()
    assert files(db) == before


def test_a_newer_database_readable_only_by_later_versions_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    newer_database(db, readable_by=LATEST + 1)
    with pytest.raises(StoreError, match="Upgrade newsreader"):
        open_store(db)
