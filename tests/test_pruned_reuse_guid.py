"""A guid retention pruned that its feed gives to another story (a new link and a new headline:
a CMS numbering its items anew, a "latest" guid) brings that story in, unread, as it would were
the old story still stored; the story pruned, listed as it was, retitled or moved, stays out
(schema 10). Pruned guids kept before schema 10 keep out whatever their feed lists under them,
as they always did."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import reader.store as store_module
from reader.config import Config, FeedConfig, RefreshConfig
from reader.models import ParsedEntry, View
from reader.refresh import refresh
from reader.schema import READABLE_BY_KEY, migrate
from reader.store import Store, open_store
from tests.httpserver import Item, LocalServer, rss

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
DAY = 86400.0
FEED = "https://cms.example/feed.xml"
GUID = "https://cms.example/?p=7"
BUDGET = "https://cms.example/2026/01/council-approves-budget"
LIBRARY = "https://cms.example/2026/03/library-reopens"


def entry(guid: str, title: str, url: str, day: float = 0) -> ParsedEntry:
    return ParsedEntry(
        guid=guid,
        url=url,
        title=title,
        published=T0 + timedelta(days=day),
        summary_text=f"{title}: the summary.",
    )


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def unread(store: Store) -> list[str]:
    return [a.title for a in store.headlines(View("unread"))]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds([FeedConfig(FEED, "City news")])
    yield s
    s.close()


def feed_id(store: Store) -> int:
    feed = store.feed_by_url(FEED)
    assert feed is not None
    return feed.id


def prune_budget_story(store: Store) -> int:
    """The budget story under GUID, read and pruned (a newer story, unread, is kept)."""
    feed = feed_id(store)
    budget = entry(GUID, "Council approves budget", BUDGET)
    newer = entry("https://cms.example/?p=8", "Tram line opens", "https://cms.example/tram", 1)
    (old, _), _ = store.upsert_entries(feed, [budget, newer], now=T0)
    store.set_read([old])
    assert store.prune(30, now=at(31).timestamp()) == 1
    assert store.article(old) is None
    return feed


@pytest.mark.parametrize(
    ("title", "url"),
    [
        ("Council approves budget", BUDGET),
        ("Council approves budget after a long night", BUDGET),  # retitled
        ("Council approves budget", "https://cms.example/news/council-approves-budget"),  # moved
    ],
    ids=["as-it-was", "retitled", "moved"],
)
def test_the_pruned_story_its_feed_still_lists_stays_out(
    store: Store, title: str, url: str
) -> None:
    feed = prune_budget_story(store)
    new, updated = store.upsert_entries(feed, [entry(GUID, title, url)], now=at(32))
    assert (new, updated) == ([], 0)
    assert unread(store) == ["Tram line opens"]


def test_the_pruned_guid_given_to_another_story_brings_it_in_unread(store: Store) -> None:
    feed = prune_budget_story(store)
    budget = entry(GUID, "Council approves budget", BUDGET)
    assert store.upsert_entries(feed, [budget], now=at(32)) == ([], 0)
    # the CMS numbered its items anew: its 7th item is another story
    library = entry(GUID, "Library reopens after repairs", LIBRARY, 60)
    (new,), _ = store.upsert_entries(feed, [library], now=at(61))
    article = store.article(new)
    assert article is not None and article.guid == GUID and article.url == LIBRARY
    assert not article.is_read
    assert unread(store) == ["Library reopens after repairs", "Tram line opens"]
    # listed again, it is that article (not news a second time)
    assert store.upsert_entries(feed, [library], now=at(62)) == ([], 0)
    assert store.count(View("unread")) == 2


def test_a_pruned_story_retitled_then_moved_is_still_the_story_pruned(store: Store) -> None:
    # as a stored article takes its entry's link and headline, so does what pruning keeps
    feed = prune_budget_story(store)
    retitled = entry(GUID, "Budget passes at last", BUDGET)
    moved = entry(GUID, "Budget passes at last", "https://cms.example/news/budget-passes")
    assert store.upsert_entries(feed, [retitled], now=at(32)) == ([], 0)
    assert store.upsert_entries(feed, [moved], now=at(33)) == ([], 0)
    assert unread(store) == ["Tram line opens"]


def test_both_stories_a_guid_had_stay_out_once_each_is_pruned(store: Store) -> None:
    feed = prune_budget_story(store)
    library = entry(GUID, "Library reopens after repairs", LIBRARY, 32)
    (second,), _ = store.upsert_entries(feed, [library], now=at(32))
    later = entry("https://cms.example/?p=9", "Snow closes schools", "https://cms.example/snow", 33)
    store.upsert_entries(feed, [later], now=at(33))  # (the newest article is never pruned)
    store.set_read([second])
    assert store.prune(1, now=at(35).timestamp()) == 1
    # (within the grace period of each: a story its feed has left out longer is forgotten)
    for listed in (library, entry(GUID, "Council approves budget", BUDGET)):
        assert store.upsert_entries(feed, [listed], now=at(36)) == ([], 0)
    assert store.count(View("unread")) == 2  # the tram and the snow


CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


async def test_a_refresh_shows_the_story_a_pruned_guid_is_given_to(
    srv: LocalServer, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "refreshed.db")
    budget = Item(title="Council approves budget", link=BUDGET, guid=GUID)
    tram = Item(title="Tram line opens", link="https://cms.example/tram", guid="tram")

    def serve(*items: Item) -> None:
        srv.route("/feed.xml", body=rss(list(items), title="City news"))

    async def new_on_refresh() -> int:
        (result,) = await refresh(store, CONFIG, force=True)
        assert result.error is None
        return result.new

    serve(budget, tram)
    store.add_feed(srv.url("/feed.xml"), "City news")
    assert await new_on_refresh() == 2
    [old] = [a for a in store.headlines(View("all")) if a.title == "Council approves budget"]
    store.set_read([old.id])
    assert store.prune(1, now=time.time() + 2 * DAY) == 1
    # the feed still lists it (with a new item, so that its document is read again): it stays out
    snow = Item(title="Snow closes schools", link="https://cms.example/snow", guid="snow")
    serve(budget, tram, snow)
    assert await new_on_refresh() == 1
    # retitled under its link: the same story, still out
    serve(Item(title="Council approves budget at last", link=BUDGET, guid=GUID), tram, snow)
    assert await new_on_refresh() == 0
    assert unread_sorted(store) == ["Snow closes schools", "Tram line opens"]
    # the guid given to another story: shown, unread
    serve(Item(title="Library reopens after repairs", link=LIBRARY, guid=GUID), tram, snow)
    assert await new_on_refresh() == 1
    assert unread_sorted(store) == [
        "Library reopens after repairs",
        "Snow closes schools",
        "Tram line opens",
    ]
    store.close()


def unread_sorted(store: Store) -> list[str]:
    return sorted(unread(store))


def v9_guid_key(guid: str) -> int:
    """The key schema 9 kept a pruned guid by (a hash of the guid alone)."""
    digest = hashlib.blake2b(guid.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def schema_9_database(path: Path) -> None:
    """A database of schema 9 with a feed, an article and three pruned guids."""
    con = sqlite3.connect(path, isolation_level=None)
    migrate(con, target=9)
    con.execute(
        "INSERT INTO feeds(id, url, title, etag) VALUES (1, ?, 'City news', '\"v1\"')", (FEED,)
    )
    con.execute(
        "INSERT INTO articles(id, feed_id, guid, url, title, published, first_seen) "
        "VALUES (5, 1, 'https://cms.example/?p=8', 'https://cms.example/tram', "
        "'Tram line opens', ?, ?)",
        (T0.timestamp(), T0.timestamp()),
    )
    con.executemany(
        "INSERT INTO pruned(guid_key, feed_id, seen) VALUES (?, 1, ?)",
        [
            (v9_guid_key(GUID), at(40).timestamp()),
            (v9_guid_key("https://cms.example/?p=3"), at(41).timestamp()),
            (-4242, at(42).timestamp()),  # (a re-post's key: any number)
        ],
    )
    con.close()


def test_a_schema_9_database_migrates_keeping_its_pruned_guids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    schema_9_database(path)
    raw = sqlite3.connect(path)
    pruned = "SELECT guid_key, feed_id, seen FROM pruned ORDER BY guid_key"
    before = raw.execute(pruned).fetchall()
    raw.close()

    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == 10
    after = [tuple(r) for r in store.db.execute(pruned)]
    assert after == before and len(after) == 3  # every pruned guid, as it was
    assert store.get_meta(READABLE_BY_KEY) == "7"
    # nothing to fetch again: the feed keeps its validator
    assert store.db.execute("SELECT etag FROM feeds").fetchone()[0] == '"v1"'
    # a guid pruned before is kept without its story: whatever the feed lists under it is
    # taken to be the story pruned and stays out, as before the upgrade
    library = entry(GUID, "Library reopens after repairs", LIBRARY, 60)
    assert store.upsert_entries(1, [library], now=at(61)) == ([], 0)
    assert unread(store) == ["Tram line opens"]
    store.close()

    # the newsreader of schema 9 reads it, and only reads it
    monkeypatch.setattr(store_module, "LATEST", 9)
    older = open_store(path)
    assert older.read_only and older.newer_schema == 10
    assert unread(older) == ["Tram line opens"]
    older.close()


def test_a_story_whose_guid_went_to_another_is_pruned_by_the_guid_it_had(store: Store) -> None:
    """The budget story's guid went to the library story while both were stored (the budget
    one kept its row under a retired guid); read and pruned, the budget story listed again
    under its old guid (retitled) stays out, and the library story keeps its row and guid."""
    feed = feed_id(store)
    budget = entry(GUID, "Council approves budget", BUDGET)
    (old,), _ = store.upsert_entries(feed, [budget], now=T0)
    library = entry(GUID, "Library reopens after repairs", LIBRARY, 1)
    (lib,), _ = store.upsert_entries(feed, [library], now=at(1))
    store.set_read([old])
    assert store.prune(30, now=at(31).timestamp()) == 1
    assert store.article(old) is None
    retitled = entry(GUID, "Council approves budget after a long night", BUDGET)
    assert store.upsert_entries(feed, [retitled], now=at(32)) == ([], 0)
    assert unread(store) == ["Library reopens after repairs"]
    article = store.article(lib)
    assert article is not None and article.guid == GUID
