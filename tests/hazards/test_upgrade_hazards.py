"""Upgrade hazards: a database written by an earlier newsreader, opened by this one.

Each test is named after the hazard it defends against.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.models import View
from reader.schema import LATEST, READABLE_SINCE, migrate
from reader.store import StoreError, open_store
from tests.hazards.mounts import remount_read_only, tmpfs


def older_database(path: Path, version: int) -> None:
    """A database as an earlier newsreader left it: a feed, a favourite, read and unread
    articles, a group of related stories."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    migrate(db, target=version)
    db.execute("INSERT INTO feeds(url, title) VALUES ('https://a.example/f', 'A')")
    rows = [
        (1, "g1", "Kept favourite", 1, 1, 5.0),
        (2, "g2", "Read story", 1, 0, None),
        (3, "g3", "Unread story", 0, 0, None),
    ]
    db.executemany(
        "INSERT INTO articles(id, feed_id, guid, title, published, first_seen, is_read, "
        "is_favourite, favourited_at) VALUES (?, 1, ?, ?, 1.0, 1.0, ?, ?, ?)",
        rows,
    )
    if version >= 3:
        db.execute("UPDATE articles SET group_id = 7 WHERE id IN (1, 2)")
        db.execute(
            "INSERT INTO related(article_id, other_id, score) VALUES (1, 2, 0.9), (2, 1, 0.9)"
        )
    db.close()


def test_a_database_of_the_previous_version_migrates_keeping_reading_state(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.db"
    older_database(path, LATEST - 1)
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert [a.title for a in store.favourites()] == ["Kept favourite"]
    assert [a.title for a in store.headlines(View("unread"))] == ["Unread story"]
    assert store.group_sizes([7]) == {7: (2, 1)}
    assert [a.id for a, _ in store.related(1)] == [2]
    # and the new version's housekeeping works on it
    assert store.prune(1, now=10 * 86400.0) == 0  # (the read story is related to a favourite)
    store.set_favourite(1, False)
    assert store.prune(1, now=10 * 86400.0) == 2
    store.close()


def test_a_read_only_database_of_the_previous_version_is_still_read(tmp_path: Path) -> None:
    # (it cannot be upgraded where it is; what it holds is shown all the same)
    if READABLE_SINCE >= LATEST:
        pytest.skip("the latest schema changed what reading needs: nothing older is readable")
    with tmpfs(tmp_path / "mnt", "4m") as mnt:
        path = mnt / "news.db"
        older_database(path, LATEST - 1)
        con = sqlite3.connect(path)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        remount_read_only(mnt)
        store = open_store(path)
        assert store.read_only and store.recovery_note and "read-only" in store.recovery_note
        assert [a.title for a in store.favourites()] == ["Kept favourite"]
        with pytest.raises(StoreError, match="read-only"):
            store.set_read([3])
        store.close()
