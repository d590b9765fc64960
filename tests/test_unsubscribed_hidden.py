"""While a feed is unsubscribed from, its stories stay stored (subscribing again gives them back
as they were) but show nowhere except Favourites: not in search, not in the "+N" marker, a
group's sizes, the related reports or the summary across them, nor among the copies marked read
together. A favourite of it still opens, with the subscribed feeds' reports beside it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.models import ParsedEntry, View
from reader.reading import find_reports, group_stories
from reader.store import Store, open_store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
GONE_URL = "https://gone.example/feed.xml"
QWEN = 5  # the group of the Qwen story
TITLES = {  # feed -> its headlines
    "Wire": ["Alibaba and the Qwen VLo launch", "Harbour plan voted down", "Mayor resigns"],
    "Daily": ["Qwen VLo: Alibaba's new model", "Council rejects the harbour plan"],
    "Gone": [
        "Alibaba unveils Qwen VLo",  # 0: a report of the Qwen story
        "Harbour plan voted down",  # 1: the first copy of Wire's harbour story
        "Mayor resigns",  # 2: a copy of Wire's mayor story
        "Qwen VLo hands-on",  # 3: a favourite, in the Qwen story
    ],
}


def build(store: Store) -> dict[str, int]:
    """The three feeds' headlines, their ids by "feed/n". The Qwen story is reported by Wire,
    Daily and Gone (twice: one of them a favourite); the harbour story by Gone and Daily, Wire
    carrying a copy of Gone's; Gone's mayor story is a copy of Wire's."""
    ids: dict[str, int] = {}
    for name, titles in TITLES.items():
        feed, _ = store.add_feed(f"https://{name.lower()}.example/feed.xml", title=name)
        entries = [
            ParsedEntry(
                guid=f"{name}-{n}",
                url=f"https://{name.lower()}.example/{n}.html",
                title=title,
                published=NOW - timedelta(hours=n + 1, minutes=len(name)),
                summary_text=f"{title}. Said on Wednesday, with more words for the summary.",
            )
            for n, title in enumerate(titles)
        ]
        new, _ = store.upsert_entries(feed.id, entries, now=NOW)
        ids.update({f"{name}/{n}": i for n, i in enumerate(new)})
    store.save_grouping(
        [
            (ids["Wire/0"], QWEN, None),
            (ids["Daily/0"], QWEN, None),
            (ids["Gone/0"], QWEN, None),
            (ids["Gone/3"], QWEN, None),
            (ids["Gone/1"], 6, None),
            (ids["Wire/1"], 6, ids["Gone/1"]),
            (ids["Daily/1"], 6, None),
            (ids["Wire/2"], 7, None),
            (ids["Gone/2"], 7, ids["Wire/2"]),
        ],
        [
            (ids["Wire/0"], ((ids["Daily/0"], 0.7), (ids["Gone/0"], 0.6), (ids["Gone/3"], 0.5))),
            (ids["Gone/3"], ((ids["Gone/0"], 0.8),)),
        ],
        [],
    )
    store.set_favourite(ids["Gone/3"], True)
    store.set_read([ids["Gone/0"]])  # (read before the feed is removed: read when it is back)
    return ids


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    store = open_store(tmp_path / "news.db")
    ids = build(store)
    yield store, ids
    store.close()


def remove_gone(store: Store) -> None:
    feed = store.feed_by_url(GONE_URL)
    assert feed is not None
    store.remove_feed(feed.id)


def subscribe_again(store: Store) -> None:
    store.add_feed(GONE_URL)


def found(store: Store, words: str) -> set[int]:
    return {a.id for a in store.headlines(View("search", query=words), limit=100)}


def test_search_finds_no_story_of_an_unsubscribed_feed_but_its_favourites(world) -> None:
    store, ids = world
    qwen = {ids["Wire/0"], ids["Daily/0"], ids["Gone/0"], ids["Gone/3"]}
    assert found(store, "Qwen") == qwen
    harbour = {ids["Gone/1"], ids["Daily/1"]}  # (Wire's copy: the story listed once)
    assert found(store, "harbour") == harbour
    remove_gone(store)
    assert found(store, "Qwen") == qwen - {ids["Gone/0"]}  # the favourite stays findable
    assert store.count(View("search", query="Qwen")) == 3
    # the story Gone carried first is listed as the copy a subscribed feed carries, as in All
    assert found(store, "harbour") == {ids["Wire/1"], ids["Daily/1"]}
    assert ids["Wire/1"] in {a.id for a in store.headlines(View("all"), limit=100)}
    subscribe_again(store)
    assert found(store, "Qwen") == qwen
    assert found(store, "harbour") == harbour
    assert store.article(ids["Gone/0"]).is_read


def related_count(store: Store, article_id: int) -> int:
    (row,) = [a for a in store.headlines(View("all"), limit=100) if a.id == article_id]
    return row.related_count


def test_the_plus_n_marker_and_group_sizes_count_only_subscribed_feeds(world) -> None:
    store, ids = world
    assert related_count(store, ids["Wire/0"]) == 3
    assert store.group_sizes([QWEN]) == {QWEN: (4, 3)}
    remove_gone(store)
    assert related_count(store, ids["Wire/0"]) == 1  # Daily's
    assert store.group_sizes([QWEN]) == {QWEN: (2, 2)}  # "+1", "+1 source"
    # a story whose first copy is the unsubscribed feed's counts its listed copy
    assert store.group_sizes([6]) == {6: (2, 2)}
    subscribe_again(store)
    assert related_count(store, ids["Wire/0"]) == 3
    assert store.group_sizes([QWEN]) == {QWEN: (4, 3)}


def test_related_reports_leave_an_unsubscribed_feed_out(world) -> None:
    store, ids = world
    remove_gone(store)
    assert [a.id for a, _ in store.related(ids["Wire/0"])] == [ids["Daily/0"]]
    assert {a.id for a in store.group_articles(QWEN)} == {ids["Wire/0"], ids["Daily/0"]}
    reports = find_reports(store, ids["Wire/0"])
    assert [a.id for a, _ in reports.pairs] == [ids["Daily/0"]]
    # the summary across the stories: Daily's report only
    assert [s.source for s in group_stories(store, ids["Wire/0"], [])] == ["Daily"]
    # Gone's copy of the mayor story no longer carries it
    assert find_reports(store, ids["Wire/2"]).carried[ids["Wire/2"]] == ()
    assert store.duplicates_of(ids["Wire/2"]) == []
    subscribe_again(store)
    assert {a.id for a, _ in find_reports(store, ids["Wire/0"]).pairs} == {
        ids["Daily/0"],
        ids["Gone/0"],
        ids["Gone/3"],
    }
    assert find_reports(store, ids["Wire/2"]).carried[ids["Wire/2"]] == ("Gone",)


def test_a_copy_standing_for_a_story_first_carried_by_an_unsubscribed_feed(world) -> None:
    store, ids = world
    remove_gone(store)
    # Wire's harbour story is listed (its first copy is not): it is the story, not a copy
    assert store.duplicates_of(ids["Wire/1"]) == []
    reports = find_reports(store, ids["Wire/1"])
    assert [a.id for a, _ in reports.pairs] == [ids["Daily/1"]]
    assert reports.carried[ids["Wire/1"]] == ()
    # and is the report beside Daily's, carried by no one
    reports = find_reports(store, ids["Daily/1"])
    assert [a.id for a, _ in reports.pairs] == [ids["Wire/1"]]
    assert reports.carried[ids["Wire/1"]] == ()


def test_a_favourite_of_an_unsubscribed_feed_opens_with_subscribed_reports(world) -> None:
    store, ids = world
    remove_gone(store)
    assert [a.id for a in store.favourites()] == [ids["Gone/3"]]
    assert store.article(ids["Gone/3"]) is not None
    reports = find_reports(store, ids["Gone/3"])
    assert {a.id for a, _ in reports.pairs} == {ids["Wire/0"], ids["Daily/0"]}


def test_marking_read_together_leaves_an_unsubscribed_feeds_copies_as_they_were(world) -> None:
    store, ids = world
    remove_gone(store)
    assert store.set_read([ids["Wire/2"]], with_copies=True) == [ids["Wire/2"]]
    store.set_read([ids["Wire/2"]], False)
    changed, copies = store.mark_view_read(View("all"))
    assert copies == 0 and ids["Gone/2"] not in changed
    subscribe_again(store)
    assert not store.article(ids["Gone/2"]).is_read
    assert store.article(ids["Gone/0"]).is_read
