"""A feed that gives a known guid to another story (feeds that number their items by position):
the old story keeps its row (read state, favourite, group, cached page and summaries), the new
one is a new article, and each story stays one article over many refreshes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import Page, ParsedEntry, Story, Summary, View
from reader.store import Store, open_store

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
FEED = "https://positional.example/feed.xml"


def story(name: str, **kw: object) -> dict[str, object]:
    """What the feed says of one story, wherever it lists it."""
    n = sum(map(ord, name))
    base: dict[str, object] = dict(
        url=f"https://positional.example/{name}.html",
        title=f"The {name} story",
        published=T0 + timedelta(minutes=n),
        summary_text=f"All about {name}. Nothing else.",
    )
    base.update(kw)
    return base


def listing(*names: str) -> list[ParsedEntry]:
    """The feed as it numbers its items: the first listed is item 1, and so on."""
    return [
        ParsedEntry(guid=f"feed:1#{position}", **story(name))  # type: ignore[arg-type]
        for position, name in enumerate(names, 1)
    ]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds([FeedConfig(FEED, "Positional")])
    return s


def feed_id(store: Store) -> int:
    (feed,) = store.feeds()
    return feed.id


def by_title(store: Store) -> dict[str, int]:
    rows = store.query("SELECT title, id FROM articles")
    titles = [r["title"] for r in rows]
    assert len(titles) == len(set(titles)), f"a story stored twice: {sorted(titles)}"
    return {r["title"]: r["id"] for r in rows}


def at(minutes: int) -> datetime:
    return T0 + timedelta(days=1, minutes=minutes)


def test_a_shifting_positional_feed_keeps_one_article_per_story(store: Store) -> None:
    fid = feed_id(store)
    first, _ = store.upsert_entries(fid, listing("harbour", "trains", "bread"), now=at(0))
    ids = by_title(store)
    assert sorted(first) == sorted(ids.values())
    harbour, trains, bread = (ids[f"The {n} story"] for n in ("harbour", "trains", "bread"))
    store.set_read([trains])
    store.set_favourite(bread, True)

    # a new story at the top: every guid moves one down
    new, updated = store.upsert_entries(
        fid, listing("casino", "harbour", "trains", "bread"), now=at(1)
    )
    ids = by_title(store)
    assert new == [ids["The casino story"]] and updated == 0
    assert len(ids) == 4 and {harbour, trains, bread} <= set(ids.values())

    # another one: "bread" falls off the end of the feed
    new, updated = store.upsert_entries(
        fid, listing("weather", "casino", "harbour", "trains"), now=at(2)
    )
    ids = by_title(store)
    assert new == [ids["The weather story"]] and updated == 0
    assert len(ids) == 5

    # the same listing again: nothing new, nothing changed
    assert store.upsert_entries(
        fid, listing("weather", "casino", "harbour", "trains"), now=at(3)
    ) == ([], 0)

    # the states are on the stories they were given to
    saved = store.article(bread)
    assert saved is not None and saved.is_favourite and saved.title == "The bread story"
    assert saved.url == "https://positional.example/bread.html"
    assert saved.summary_text == "All about bread. Nothing else."
    assert [a.id for a in store.favourites()] == [bread]
    assert {a.title for a in store.headlines(View("unread"), limit=100)} == {
        "The weather story",
        "The casino story",
        "The harbour story",
        "The bread story",
    }
    assert ids["The trains story"] == trains and ids["The harbour story"] == harbour

    # the story that fell off comes back under yet another number: it is the one kept
    new, _ = store.upsert_entries(
        fid, listing("bread", "weather", "casino", "harbour", "trains"), now=at(4)
    )
    assert new == [] and len(by_title(store)) == 5
    assert [a.id for a in store.favourites()] == [bread]


def test_an_item_dropped_from_the_top_moves_every_guid_up(store: Store) -> None:
    fid = feed_id(store)
    store.upsert_entries(fid, listing("harbour", "trains", "bread"), now=at(0))
    ids = by_title(store)
    store.set_favourite(ids["The harbour story"], True)
    assert store.upsert_entries(fid, listing("trains", "bread"), now=at(1)) == ([], 0)
    assert by_title(store) == ids
    assert store.upsert_entries(fid, listing("trains", "bread"), now=at(2)) == ([], 0)
    new, _ = store.upsert_entries(fid, listing("casino", "trains", "bread"), now=at(3))
    assert len(new) == 1 and len(by_title(store)) == 4
    assert [a.title for a in store.favourites()] == ["The harbour story"]


def test_a_favourite_whose_guid_goes_to_spam_keeps_what_was_saved(store: Store) -> None:
    fid = feed_id(store)
    (kept,), _ = store.upsert_entries(fid, listing("bread"), now=at(0))
    store.set_favourite(kept, True)
    spam = ParsedEntry(
        guid="feed:1#1",
        url="https://positional.example/spam.html",
        title="Casino bonus click now",
        summary_text="Spam spam spam. Buy now.",
        published=at(1),
    )
    (new,), updated = store.upsert_entries(fid, [spam], now=at(1))
    assert new != kept and updated == 0
    (favourite,) = store.favourites()
    assert (favourite.id, favourite.title, favourite.summary_text) == (
        kept,
        "The bread story",
        "All about bread. Nothing else.",
    )
    arrived = store.article(new)
    assert arrived is not None and arrived.title == "Casino bonus click now"
    assert not arrived.is_favourite and not arrived.is_read


@pytest.mark.parametrize(
    "edit",
    [
        {"title": "The bread story, corrected"},  # the same link
        {"url": "https://positional.example/bread-2.html"},  # the same headline
        # the same link spelt otherwise (http, the host's case, a fragment), a new headline
        {"url": "http://Positional.example/bread.html#top", "title": "Bread, corrected"},
        # the same headline but for case and punctuation, a new link
        {"url": "https://positional.example/b.html", "title": "THE BREAD STORY!"},
    ],
)
def test_an_edited_story_is_updated_in_place_even_a_favourite(
    store: Store, edit: dict[str, object]
) -> None:
    fid = feed_id(store)
    (kept,), _ = store.upsert_entries(fid, listing("bread"), now=at(0))
    store.set_favourite(kept, True)
    store.set_read([kept])
    edited = ParsedEntry(guid="feed:1#1", **story("bread", **edit))  # type: ignore[arg-type]
    assert store.upsert_entries(fid, [edited], now=at(1)) == ([], 1)
    (favourite,) = store.favourites()
    assert favourite.id == kept and favourite.is_read
    assert (favourite.title, favourite.url) == (edited.title, edited.url)


def test_the_old_story_keeps_its_group_page_and_summaries_the_new_starts_clean(
    store: Store,
) -> None:
    fid = feed_id(store)
    (kept,), _ = store.upsert_entries(fid, listing("bread"), now=at(0))
    store.set_group(kept, 7)
    page = Page(main=Story(title="The bread story", text="Bread, at length."))
    store.put_page(kept, page, "page")
    summary = Summary(sentences=("Bread.",), algorithm="lsa", total_sentences=3)
    store.put_summary(kept, 0, "lsa", "3", summary)

    (new,), _ = store.upsert_entries(fid, listing("casino"), now=at(1))
    old = store.article(kept)
    assert old is not None and old.group_id == 7 and old.title == "The bread story"
    cached = store.get_page(kept)
    assert cached is not None and cached[0].main.text == "Bread, at length."
    assert store.get_summary(kept, 0, "lsa", "3") == summary
    assert store.body_text(kept) == "Bread, at length."
    fresh = store.article(new)
    assert fresh is not None and fresh.group_id is None and fresh.duplicate_of is None
    assert store.get_page(new) is None and store.any_summary(new) is None
    assert store.body_text(new) == ""
    assert [i for _, i in store.ungrouped_ids(0.0)] == [new]


def test_one_story_listed_twice_under_two_guids_stays_one_article(store: Store) -> None:
    fid = feed_id(store)
    new, _ = store.upsert_entries(fid, listing("bread", "bread"), now=at(0))
    assert len(new) == 1
    for minutes in (1, 2):
        assert store.upsert_entries(fid, listing("bread", "bread"), now=at(minutes)) == ([], 0)
    assert store.query("SELECT guid FROM articles")[0]["guid"] == "feed:1#1"


def test_a_story_edited_after_the_feed_moved_it_is_updated_not_new(store: Store) -> None:
    fid = feed_id(store)
    store.upsert_entries(fid, listing("harbour", "trains"), now=at(0))
    ids = by_title(store)
    store.upsert_entries(fid, listing("casino", "harbour", "trains"), now=at(1))
    # the harbour story's headline corrected where the feed now lists it (item 2)
    edited = listing("casino", "harbour", "trains")
    edited[1] = ParsedEntry(guid="feed:1#2", **story("harbour", title="The harbour story, fixed"))  # type: ignore[arg-type]
    assert store.upsert_entries(fid, edited, now=at(2)) == ([], 1)
    after = by_title(store)
    assert after["The harbour story, fixed"] == ids["The harbour story"] and len(after) == 3
