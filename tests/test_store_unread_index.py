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
from reader.schema import LATEST, READABLE_BY_KEY, migrate
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


def tables(
    db: sqlite3.Connection, columns: dict[str, list[str]] | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index's shadow tables included), of ``columns``
    (table -> its columns; all of them when None)."""
    names = [
        str(r[0])
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    if columns is None:
        columns = {n: [str(r[1]) for r in db.execute(f"PRAGMA table_info({n})")] for n in names}
    return {
        name: sorted(
            (tuple(r) for r in db.execute(f"SELECT {', '.join(columns[name])} FROM {name}")),
            key=repr,
        )
        for name in columns
        if name != "articles_fts"  # (its content is the articles'; its own rows are below)
    }


def version_5_database(path: Path) -> None:
    """A database as newsreader left it at schema 5: two feeds (one unsubscribed), read and
    unread articles with their search index, a favourite, related stories, a pruned story,
    a cached page and summary."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    migrate(db, target=5)
    db.execute(
        "INSERT INTO feeds(id, url, title, category, last_fetched, active) VALUES "
        "(1, 'https://a.example.org/feed.xml', 'Alpha', 'World', 100.0, 1), "
        "(2, 'https://b.example.org/feed.xml', 'Beta', 'Science', 90.0, 0)"
    )
    db.executemany(
        "INSERT INTO articles(id, feed_id, guid, url, title, summary_text, published, "
        "first_seen, is_read, is_favourite, favourited_at, group_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 1.0, ?, ?, ?, ?)",
        [
            (
                n,
                1 + n % 2,
                f"g{n}",
                f"https://x.example/{n}",
                f"Story {n}",
                f"Text {n}",
                1000.0 + n,
                int(n % 3 == 0),
                int(n == 4),
                5.0 if n == 4 else None,
                7 if n in (4, 5) else None,
            )
            for n in range(1, 21)
        ],
    )
    db.execute("INSERT INTO related(article_id, other_id, score) VALUES (4, 5, 0.9), (5, 4, 0.9)")
    db.execute("INSERT INTO pruned(guid_key, feed_id, seen) VALUES (123456789, 1, 50.0)")
    db.execute(
        "INSERT INTO pages(article_id, fetched_at, source, page_json) VALUES (4, 2.0, 'page', '{}')"
    )
    db.execute(
        "INSERT INTO summaries(article_id, part, algorithm, length, created, summary_json) "
        "VALUES (4, 0, 'lexrank', '3', 3.0, '{}')"
    )
    db.execute("INSERT INTO meta(key, value) VALUES ('last_refresh', '100.0')")
    db.close()


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
    version_5_database(path)
    old = sqlite3.connect(path)
    names = [str(r[0]) for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {n: [str(r[1]) for r in old.execute(f"PRAGMA table_info({n})")] for n in names}
    before = tables(old, {n: c for n, c in columns.items() if not n.startswith("sqlite")})
    old.close()

    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST >= 6
    after = tables(store.db, {n: c for n, c in columns.items() if not n.startswith("sqlite")})
    # (what the newest schema says about older readers is the one row a migration adds)
    after["meta"] = [row for row in after["meta"] if row[0] != READABLE_BY_KEY]
    assert after == before
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    unread = {r[0] for r in store.db.execute("SELECT id FROM articles WHERE is_read = 0")}
    assert unread
    listed = store.headlines(View("unread"), limit=500)
    assert {a.id for a in listed} == {i for i in unread if i % 2 == 0}  # (the feed subscribed)
    assert [a.title for a in store.favourites()] == ["Story 4"]
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
