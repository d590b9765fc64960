"""Retention after unsubscribing: a feed's articles that are not favourites go once it has been
unsubscribed for the retention period, unread ones too; favourites never go."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.schema import LATEST, migrate
from reader.store import Store, open_store

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
DAY = 86400.0
RETENTION = 30
GONE = FeedConfig("https://gone.example/feed.xml", "Gone")
KEPT = FeedConfig("https://kept.example/feed.xml", "Kept")


def entry(prefix: str, n: int) -> ParsedEntry:
    return ParsedEntry(
        guid=f"https://{prefix}.example/{n}",
        url=f"https://{prefix}.example/{n}",
        title=f"{prefix} story {n}",
        published=T0 + timedelta(minutes=n),
        summary_text=f"Text of {prefix} story {n}",
    )


def later() -> float:
    """A time when any feed unsubscribed by now has been so for longer than the retention."""
    return datetime.now(UTC).timestamp() + (RETENTION + 1) * DAY


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds([GONE, KEPT])
    yield s
    s.close()


def feed_id(store: Store, config: FeedConfig) -> int:
    feed = store.feed_by_url(config.url)
    assert feed is not None
    return feed.id


def stored(store: Store) -> set[int]:
    return {int(r[0]) for r in store.db.execute("SELECT id FROM articles")}


def fill(store: Store) -> dict[str, list[int]]:
    """Six stories in each feed, first seen at T0; in the feed to be unsubscribed: two unread,
    a read one, an unread favourite, a read favourite and an unread story related to a
    favourite. The other feed's stories all stay unread."""
    gone, _ = store.upsert_entries(
        feed_id(store, GONE), [entry("gone", n) for n in range(6)], now=T0
    )
    kept, _ = store.upsert_entries(
        feed_id(store, KEPT), [entry("kept", n) for n in range(6)], now=T0
    )
    store.set_read([gone[2], gone[4]])
    store.set_favourite(gone[3], True)
    store.set_favourite(gone[4], True)
    store.set_related(gone[3], [(gone[5], 0.8)])
    return {"gone": gone, "kept": kept}


def test_an_unsubscribed_feeds_stories_go_once_it_has_been_gone_the_retention_period(
    store: Store,
) -> None:
    ids = fill(store)
    gone, kept = ids["gone"], ids["kept"]
    store.remove_feed(feed_id(store, GONE))
    unsubscribed = float(
        store.db.execute("SELECT unsubscribed FROM feeds WHERE url = ?", (GONE.url,)).fetchone()[0]
    )
    # long after they were first seen, but within the retention period after unsubscribing:
    # only the read story goes, as in any feed
    assert store.prune(RETENTION, now=unsubscribed + (RETENTION - 1) * DAY) == 1
    assert stored(store) == set(gone + kept) - {gone[2]}
    # unsubscribed for longer: its unread stories go too, but never a favourite (read or
    # unread) nor a story related to one; the subscribed feed's unread stories stay
    assert store.prune(RETENTION, now=unsubscribed + (RETENTION + 1) * DAY) == 2
    assert stored(store) == set(kept) | {gone[3], gone[4], gone[5]}
    assert {a.id for a in store.favourites()} == {gone[3], gone[4]}
    assert store.count(View("unread")) == len(kept)


def test_stories_pruned_unread_come_back_unread_when_the_feed_is_subscribed_again(
    store: Store,
) -> None:
    ids = fill(store)
    gone = ids["gone"]
    store.remove_feed(feed_id(store, GONE))
    store.prune(RETENTION, now=later())
    assert not {gone[0], gone[1], gone[2]} & stored(store)
    store.add_feed(GONE.url)
    listed = [entry("gone", n) for n in range(6)]
    new, _ = store.upsert_entries(
        feed_id(store, GONE), listed, now=datetime.fromtimestamp(later(), UTC)
    )
    # the unread ones are news again, unread as they were; the read one stays pruned
    assert sorted(a.title for a in store.headlines(View("unread")) if a.id in new) == [
        "gone story 0",
        "gone story 1",
    ]


def test_subscribing_again_within_the_period_keeps_every_story(store: Store) -> None:
    ids = fill(store)
    store.remove_feed(feed_id(store, GONE))
    store.add_feed(GONE.url)
    store.prune(RETENTION, now=later())
    assert stored(store) == set(ids["gone"] + ids["kept"]) - {ids["gone"][2]}


def test_a_feed_taken_out_of_the_config_is_unsubscribed_from_then(store: Store) -> None:
    ids = fill(store)
    store.sync_config_feeds([KEPT])
    store.sync_config_feeds([KEPT])  # (the next start: the clock is not set again)
    row = store.db.execute("SELECT unsubscribed FROM feeds WHERE url = ?", (GONE.url,)).fetchone()
    unsubscribed = float(row[0])
    store.prune(RETENTION, now=unsubscribed + (RETENTION - 1) * DAY)
    assert {ids["gone"][0], ids["gone"][1]} <= stored(store)
    store.prune(RETENTION, now=unsubscribed + (RETENTION + 1) * DAY)
    assert not {ids["gone"][0], ids["gone"][1]} & stored(store)
    store.sync_config_feeds([KEPT, GONE])  # back in the config: subscribed again
    row = store.db.execute("SELECT unsubscribed FROM feeds WHERE url = ?", (GONE.url,)).fetchone()
    assert row[0] is None


def test_a_story_favourited_while_pruning_runs_stays(store: Store) -> None:
    # pruning reads its candidates first, then deletes them in pieces: the state at the
    # delete counts
    ids = fill(store)
    store.remove_feed(feed_id(store, GONE))
    real_query = store.query

    def query_then_favourite(sql: str, params: object = ()) -> list[sqlite3.Row]:
        rows = real_query(sql, params)  # type: ignore[arg-type]
        if "first_seen <" in sql:
            store.set_favourite(ids["gone"][0], True)
        return rows

    store.query = query_then_favourite  # type: ignore[method-assign]
    store.prune(RETENTION, now=later())
    assert ids["gone"][0] in stored(store)
    assert ids["gone"][1] not in stored(store)


def test_feeds_unsubscribed_before_the_upgrade_are_pruned_a_retention_period_later(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=6)
    db.execute(
        "INSERT INTO feeds(id, url, title, last_fetched, active) VALUES "
        "(1, 'https://gone.example/feed.xml', 'Gone', 1.0, 0), "
        "(2, 'newsreader:opened-pages', 'Opened pages', NULL, 0)"
    )
    db.executemany(
        "INSERT INTO articles(id, feed_id, guid, title, published, first_seen, kind) "
        "VALUES (?, ?, ?, 'x', 1.0, 1.0, ?)",
        [(1, 1, "a", "feed"), (2, 1, "b", "feed"), (3, 2, "c", "page"), (4, 1, "top", "feed")],
    )
    db.close()
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST
    upgraded = datetime.now(UTC).timestamp()
    assert store.prune(RETENTION, now=upgraded + (RETENTION - 1) * DAY) == 0
    assert store.prune(RETENTION, now=upgraded + (RETENTION + 1) * DAY) == 2
    # a page kept from the web is no subscription (nor is the newest article ever pruned)
    assert stored(store) == {3, 4}
    store.close()


def test_a_repaired_database_still_knows_when_a_feed_was_unsubscribed(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    store.sync_config_feeds([GONE, KEPT])
    fill(store)
    store.remove_feed(feed_id(store, GONE))
    when = "SELECT url, unsubscribed FROM feeds ORDER BY url"
    before = [tuple(r) for r in store.db.execute(when)]
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    data[:700] = b"\0" * 700  # the header and the schema: rows are found by scanning the pages
    path.write_bytes(bytes(data))
    store = open_store(path)
    assert store.recovery_note
    assert [tuple(r) for r in store.db.execute(when)] == before
    store.close()
