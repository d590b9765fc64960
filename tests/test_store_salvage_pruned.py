"""A repaired database still knows what retention pruned, however it was read: a refresh whose
feeds still list pruned stories does not bring them back unread.

Each test builds, prunes and damages its own database; what must come back is read from the
undamaged file, never written down by hand.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.store import DamageCheck, open_store
from tests.test_store_recovery import FEEDS, PAGE, build, entry


def pruned_database(path: Path, n: int) -> set[tuple[int, int]]:
    """``n`` stories (see ``build``), the read ones pruned, all in the file itself; the rows of
    table ``pruned`` (guid key, feed id)."""
    build(path, n=n)
    store = open_store(path)
    assert store.prune(1, now=datetime.now(UTC).timestamp() + 90 * 86400) > 0
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    rows = {
        (int(r[0]), int(r[1])) for r in store.db.execute("SELECT guid_key, feed_id FROM pruned")
    }
    store.close()
    assert rows
    return rows


def repaired(path: Path, n: int) -> tuple[set[tuple[int, int]], list[int]]:
    """Open (and so repair) the damaged database of ``n`` stories, then refresh them all (the
    feeds still list them): the rows of ``pruned`` after the repair, and the stories that
    came back as new."""
    store = open_store(path, DamageCheck(path, wait=30))
    assert store.recovery_note and "moved to" in store.recovery_note
    rows = {
        (int(r[0]), int(r[1])) for r in store.db.execute("SELECT guid_key, feed_id FROM pruned")
    }
    store.sync_config_feeds(FEEDS)
    rnd = random.Random(7)  # (the same stories as built, the same texts)
    entries = [entry(i, rnd) for i in range(n)]
    new: list[int] = []
    for k, config in enumerate(FEEDS):
        feed = store.feed_by_url(config.url)
        assert feed is not None
        new += store.upsert_entries(feed.id, entries[k * 200 : (k + 1) * 200])[0]
    store.close()
    return rows, new


def wreck(path: Path, pages: set[int]) -> None:
    data = bytearray(path.read_bytes())
    rnd = random.Random(11)
    for page in pages:
        data[(page - 1) * PAGE : page * PAGE] = rnd.randbytes(PAGE)
    path.write_bytes(bytes(data))


def pruned_pages(path: Path) -> tuple[int, list[int]]:
    """The root page of table ``pruned`` and its leaf pages (one level below an interior
    root; the root itself when it is the only one)."""
    con = sqlite3.connect(path)
    root = int(
        con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'pruned'").fetchone()[0]
    )
    con.close()
    data = path.read_bytes()
    page = data[(root - 1) * PAGE : root * PAGE]
    if page[0] == 13:  # a leaf: the table is this one page
        return root, [root]
    assert page[0] == 5  # an interior page of a table b-tree
    cells = int.from_bytes(page[3:5], "big")
    children = [
        int.from_bytes(page[at : at + 4], "big")
        for at in (int.from_bytes(page[12 + 2 * k : 14 + 2 * k], "big") for k in range(cells))
    ]
    return root, [*children, int.from_bytes(page[8:12], "big")]


def test_a_repair_by_page_scan_keeps_the_pruned_list(tmp_path: Path) -> None:
    # the header and the schema page destroyed: SQLite reads nothing, the pages are scanned
    db = tmp_path / "news.db"
    before = pruned_database(db, 200)
    data = bytearray(db.read_bytes())
    data[:700] = b"\0" * 700
    db.write_bytes(bytes(data))
    after, new = repaired(db, 200)
    assert after == before
    assert new == []


@pytest.mark.parametrize("stories", [600, 60], ids=["rows-on-leaves", "index-only"])
def test_a_wrecked_pruned_table_is_read_from_its_pages_and_its_index(
    tmp_path: Path, stories: int
) -> None:
    # the table's root page destroyed (the schema sound): with more pruned stories than a page
    # holds, its leaves are still found by the scan; with fewer, only its index knows them
    db = tmp_path / "news.db"
    before = pruned_database(db, stories)
    root, leaves = pruned_pages(db)
    assert (leaves == [root]) == (stories == 60)
    wreck(db, {root})
    after, new = repaired(db, stories)
    assert after == before
    assert new == []


def test_a_wrecked_leaf_of_the_pruned_table_does_not_stop_the_repair(tmp_path: Path) -> None:
    # (its rowids are 64-bit hashes: reading past the damage a range of rowids at a time, as
    # for the other tables, would not end)
    db = tmp_path / "news.db"
    before = pruned_database(db, 600)
    _, leaves = pruned_pages(db)
    assert len(leaves) >= 3
    wreck(db, {leaves[1]})
    after, new = repaired(db, 600)
    assert after == before  # (what the leaf held, its index still has)
    assert new == []
