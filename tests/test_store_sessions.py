"""A reader left open for weeks beside cron refreshes: the WAL file, two processes creating the
database at once."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import reader.store as store_module
from reader.config import FeedConfig
from reader.models import ParsedEntry
from reader.store import Store, open_store


def test_the_wal_file_is_cut_back_after_a_large_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 256 * 1024
    monkeypatch.setattr(store_module, "WAL_LIMIT", limit)
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example")])
    fid = store.feeds()[0].id
    big = [
        ParsedEntry(f"g{i}", f"https://example.org/{i}", f"Story {i}", summary_text=f"{i} " * 800)
        for i in range(1000)
    ]
    store.upsert_entries(fid, big)  # one transaction of a few MB (a feed of thousands)
    wal = Path(f"{store.path}-wal")
    assert wal.stat().st_size > 4 * limit
    store.db.execute("PRAGMA wal_checkpoint(PASSIVE)")  # (SQLite's own, every 1,000 pages)
    store.set_read([1])  # the next write starts the WAL file again: it is cut back
    assert wal.stat().st_size <= limit
    store.close()


def test_a_second_process_creating_the_database_at_once_waits_for_the_first(
    tmp_path: Path,
) -> None:
    # the first one holds the new file while it switches it to WAL (the switch needs the file
    # to itself, and SQLite gives up at once rather than wait)
    path = tmp_path / "news.db"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("CREATE TABLE t(x)")
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO t VALUES (1)")
    release = threading.Timer(0.3, lambda: first.execute("ROLLBACK"))
    release.start()
    try:
        second = Store(path)
        assert second.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        second.close()
    finally:
        release.join()
        first.close()
