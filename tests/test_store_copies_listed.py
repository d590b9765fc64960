"""A story's copies are listed once, under the first copy, but only where that one is listed: a
copy whose first copy is in another category, or in a feed since removed, is the story's row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.store import Store, open_store

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
WIRE = FeedConfig("https://wire.example/feed.xml", "Wire", "News")
SPORT = FeedConfig("https://sport.example/feed.xml", "Sport blog", "Sport")


def entry(prefix: str, n: int) -> ParsedEntry:
    return ParsedEntry(
        guid=f"{prefix}-{n}",  # feed-scoped guids: each feed's copy is an article of its own
        url=f"https://wire.example/story/{n}",
        title=f"Story {n}",
        published=T0 + timedelta(minutes=n),
        summary_text=f"Text of story {n}",
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds([WIRE, SPORT])
    yield s
    s.close()


def feed_id(store: Store, config: FeedConfig) -> int:
    feed = store.feed_by_url(config.url)
    assert feed is not None
    return feed.id


def listed(store: Store, view: View) -> set[int]:
    return {a.id for a in store.headlines(view, limit=100)}


def copies(store: Store) -> tuple[list[int], list[int]]:
    """Three wire stories; the sport blog carries copies of the first two and one of its own."""
    wire, _ = store.upsert_entries(feed_id(store, WIRE), [entry("w", n) for n in range(3)], now=T0)
    sport, _ = store.upsert_entries(
        feed_id(store, SPORT), [entry("s", n) for n in (0, 1, 7)], now=T0
    )
    store.save_grouping(
        [(w, i, None) for i, w in enumerate(wire)]
        + [(sport[0], 0, wire[0]), (sport[1], 1, wire[1]), (sport[2], 7, None)],
        [],
        [],
    )
    return wire, sport


def test_a_copy_is_listed_in_its_category_when_the_first_copy_is_in_another(store: Store) -> None:
    wire, sport = copies(store)
    # everywhere at once: each story once, under the first copy
    assert listed(store, View("all")) == {*wire, sport[2]}
    assert store.count(View("all")) == 4
    # the sport category would otherwise never show the two stories its blog carries
    assert listed(store, View("category", category="Sport")) == set(sport)
    assert listed(store, View("category", category="News")) == set(wire)
    assert store.unread_by_category() == {"News": 3, "Sport": 3}
    # the feed itself lists all of its articles, as before
    assert listed(store, View("feed", feed_id=feed_id(store, SPORT))) == set(sport)


def test_a_copy_takes_the_stories_place_when_the_first_copys_feed_is_removed(
    store: Store,
) -> None:
    _, sport = copies(store)
    store.remove_feed(feed_id(store, WIRE))
    assert listed(store, View("all")) == set(sport)
    assert listed(store, View("unread")) == set(sport)
    assert store.count(View("unread"), unread=True) == 3


def test_a_wire_storys_update_in_its_own_feed_is_listed_there_once(store: Store) -> None:
    """A wire story re-posted in the same feed under a new guid ("UPDATE 1-...", a copy of the
    first): the feed's list shows the story once, as All does, and the feed's counts agree;
    another feed's copy is still that feed's row."""
    wire_id, sport_id = feed_id(store, WIRE), feed_id(store, SPORT)
    (first, other), _ = store.upsert_entries(wire_id, [entry("w", 0), entry("w", 1)], now=T0)
    (update,), _ = store.upsert_entries(
        wire_id,
        [
            ParsedEntry(
                guid="w-0-update-1",
                url="https://wire.example/story/0-update",
                title="UPDATE 1-Story 0",
                published=T0 + timedelta(hours=1),
                summary_text="Text of story 0, with more.",
            )
        ],
        now=T0,
    )
    (carried,), _ = store.upsert_entries(sport_id, [entry("s", 0)], now=T0)
    store.save_grouping(
        [(first, 1, None), (other, 2, None), (update, 1, first), (carried, 1, first)], [], []
    )
    assert listed(store, View("feed", feed_id=wire_id)) == {first, other}
    assert store.count(View("feed", feed_id=wire_id)) == 2
    assert listed(store, View("all")) == {first, other}
    assert listed(store, View("feed", feed_id=sport_id)) == {carried}
    counts = {f.id: (f.unread, f.total) for f in store.feeds()}
    assert counts[wire_id] == (2, 2) and counts[sport_id] == (1, 1)
