"""Schema 6: the unread headlines by date have an index of their own, so that a list with read
headlines hidden reads the unread ones only, not every read article before them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.schema import LATEST, migrate
from reader.store import Store, open_store

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
FEEDS = (
    FeedConfig("https://a.example.org/feed.xml", "Alpha", "World"),
    FeedConfig("https://b.example.org/feed.xml", "Beta", "Science"),
)


def entries(prefix: str, count: int) -> list[ParsedEntry]:
    return [
        ParsedEntry(
            guid=f"{prefix}-{n}",
            url=f"https://{prefix}.example.org/{n}",
            title=f"{prefix} story {n}",
            published=T0 + timedelta(minutes=n),
            summary_text=f"Text of {prefix} story {n}",
        )
        for n in range(count)
    ]


def tables(db: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's shadow tables included)."""
    names = [
        str(r[0])
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    return {
        name: sorted((tuple(r) for r in db.execute(f"SELECT * FROM {name}")), key=repr)
        for name in names
        if name != "articles_fts"  # (its content is the articles'; its own rows are below)
    }


def plans(store: Store, call: Callable[[], object]) -> list[str]:
    """The query plan of each statement that ``call`` (a store read) runs."""
    statements: list[str] = []
    store.db.set_trace_callback(statements.append)
    try:
        call()
    finally:
        store.db.set_trace_callback(None)
    return [
        " / ".join(str(r[3]) for r in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in statements
        if sql.lstrip().upper().startswith("SELECT")
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds(FEEDS)
    for feed in s.feeds():
        ids, _ = s.upsert_entries(feed.id, entries(feed.title.lower(), 30), now=T0)
        s.set_read(ids[::2])
    yield s
    s.close()


def test_a_version_5_database_migrates_keeping_every_row(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    old = sqlite3.connect(path, isolation_level=None)
    old.execute("PRAGMA journal_mode = WAL")
    migrate(old, target=5)
    old.close()
    # filled by this version's store on the version 5 schema: feeds, read and unread articles,
    # a favourite, a related pair, a pruned story, a cached summary's meta
    store = Store(path)
    store.sync_config_feeds(FEEDS)
    for feed in store.feeds():
        ids, _ = store.upsert_entries(feed.id, entries(feed.title.lower(), 20), now=T0)
        store.set_read(ids[:12])
        store.set_favourite(ids[3], True)
        store.set_related(ids[3], [(ids[4], 0.7)])
    store.upsert_entries(store.feeds()[0].id, entries("late", 1), now=T0 + timedelta(days=90))
    assert store.prune(30, now=(T0 + timedelta(days=90)).timestamp()) > 0
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 5
    before = tables(store.db)
    store.close()

    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST == 6
    assert tables(store.db) == before
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    unread = {r[0] for r in store.db.execute("SELECT id FROM articles WHERE is_read = 0")}
    assert {a.id for a in store.headlines(View("all", unread_only=True), limit=500)} == unread
    store.close()


@pytest.mark.parametrize(
    "view",
    [
        View("all", unread_only=True),
        View("unread"),
        View("today", unread_only=True),
        View("category", category="Science", unread_only=True),
    ],
    ids=["all", "unread", "today", "category"],
)
def test_unread_headlines_are_read_through_the_unread_index(store: Store, view: View) -> None:
    first = store.headlines(view, limit=5)
    page_plans = plans(store, lambda: store.headlines(view, limit=5))
    assert page_plans and all("articles_unread_date" in p for p in page_plans), page_plans
    after = store.cursor_of(view, first[-1]) if first else None
    next_plans = plans(store, lambda: store.headlines(view, after=after, limit=5))
    assert next_plans and all("articles_unread_date" in p for p in next_plans), next_plans
    # and what it lists is the view's unread headlines, newest first
    listed = store.headlines(view, limit=500)
    assert not any(a.is_read for a in listed)
    keys = [(a.published, a.id) for a in listed]
    assert keys == sorted(keys, reverse=True)
