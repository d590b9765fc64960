"""A view's unread headlines only (``View.unread_only``): what the reader lists with read
headlines hidden, in a feed, a category or a smart view, paged and counted like the view."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import Cursor, ParsedEntry, View
from reader.store import Store, open_store

T0 = datetime(2025, 6, 28, 9, 0, tzinfo=UTC)
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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds(FEEDS)
    for feed in s.feeds():
        s.upsert_entries(feed.id, entries(feed.title.lower(), 10), now=T0)
    yield s
    s.close()


def feed_view(store: Store, title: str, unread_only: bool = False) -> View:
    feed_id = next(f.id for f in store.feeds() if f.title == title)
    return View("feed", feed_id=feed_id, unread_only=unread_only)


def read_every_third(store: Store, view: View) -> set[int]:
    """Mark every third headline of ``view`` read; the ids left unread."""
    ids = [a.id for a in store.headlines(view, limit=100)]
    store.set_read(ids[::3], True)
    return set(ids) - set(ids[::3])


@pytest.mark.parametrize(
    "make_view",
    [
        lambda s: feed_view(s, "Alpha"),
        lambda s: View("category", category="Science"),
        lambda s: View("all"),
    ],
    ids=["feed", "category", "all"],
)
def test_unread_only_lists_the_views_unread_headlines(store: Store, make_view) -> None:
    view = make_view(store)
    unread = read_every_third(store, view)
    only = replace(view, unread_only=True)

    listed = store.headlines(only, limit=100)

    assert {a.id for a in listed} == unread
    assert not any(a.is_read for a in listed)
    assert store.count(only) == len(unread) == store.count(view, unread=True)
    assert store.count(view) == len(store.headlines(view, limit=100))  # the view is unchanged


def test_unread_only_pages_by_keyset_without_gaps(store: Store) -> None:
    only = View("all", unread_only=True)
    unread = read_every_third(store, View("all"))
    seen: list[int] = []
    after: Cursor | None = None
    while page := store.headlines(only, after=after, limit=3):
        seen += [a.id for a in page]
        after = store.cursor_of(only, page[-1])
    assert sorted(seen) == sorted(unread)
    assert len(seen) == len(set(seen))


def test_unread_only_of_a_view_with_nothing_unread_is_empty(store: Store) -> None:
    view = feed_view(store, "Beta")
    store.mark_view_read(view)
    assert store.headlines(feed_view(store, "Beta", unread_only=True)) == []
    assert store.count(feed_view(store, "Alpha", unread_only=True)) == 10  # the other feed's


def test_marking_an_unread_only_view_read_marks_what_it_lists(store: Store) -> None:
    view = feed_view(store, "Alpha")
    unread = read_every_third(store, view)
    ids, copies = store.mark_view_read(feed_view(store, "Alpha", unread_only=True))
    assert set(ids) == unread and copies == 0
    assert store.count(view, unread=True) == 0
