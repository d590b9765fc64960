"""Retention over months: what pruning removes, what it keeps, and what must not come back."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.schema import LATEST, migrate
from reader.store import PRUNED_GRACE_DAYS, Store, open_store

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
DAY = 86400.0


def entry(n: int, **kw: object) -> ParsedEntry:
    base: dict[str, object] = dict(
        guid=f"https://blog.example/post/{n}",
        url=f"https://blog.example/post/{n}",
        title=f"Post number {n}",
        published=T0 + timedelta(minutes=n),
        summary_text=f"Text of post {n} about zebra{n}",
    )
    base.update(kw)
    return ParsedEntry(**base)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds(
        [FeedConfig("https://blog.example/feed.xml", "Blog"), FeedConfig("https://b.example/f")]
    )
    return s


def ids_of(store: Store) -> tuple[int, int]:
    blog, other = sorted(store.feeds(), key=lambda f: f.url)
    return blog.id, other.id


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def read_yesterday(store: Store, days: float) -> None:
    """A read story first seen the day before ``days``: the newest, which pruning keeps."""
    _, other = ids_of(store)
    ids, _ = store.upsert_entries(other, [entry(1000, guid="yesterday")], now=at(days - 1))
    store.set_read(ids)


def test_a_pruned_post_its_feed_still_lists_does_not_come_back_unread(store: Store) -> None:
    # a slow blog lists its last posts for months: read, pruned, then the feed changes
    blog, _ = ids_of(store)
    posts = [entry(n) for n in range(3)]
    read, _ = store.upsert_entries(blog, posts, now=T0)
    store.set_read(read)
    read_yesterday(store, 31)
    assert store.prune(30, now=at(31).timestamp()) == 3
    new, _ = store.upsert_entries(blog, [entry(3), *posts], now=at(32))
    assert len(new) == 1  # only the new post
    assert [a.title for a in store.headlines(View("unread"))] == ["Post number 3"]
    assert store.count(View("search", query='"zebra1"')) == 0  # the search index forgot it too


def test_pruned_guids_are_forgotten_once_the_feed_has_left_them_out(store: Store) -> None:
    blog, _ = ids_of(store)
    read, _ = store.upsert_entries(blog, [entry(n) for n in range(3)], now=T0)
    store.set_read(read)
    read_yesterday(store, 31)
    store.prune(30, now=at(31).timestamp())
    remembered = "SELECT COUNT(*) FROM pruned"
    store.upsert_entries(blog, [entry(0), entry(9)], now=at(40))  # 1 and 2 have left the feed
    # by guid with link, by guid with headline, and as re-posted
    assert store.db.execute(remembered).fetchone()[0] == 9
    # post 0 is still listed (seen again by its guid with its link and headline); the rest has
    # been left out for the grace period
    store.upsert_entries(blog, [entry(0), entry(9)], now=at(32 + PRUNED_GRACE_DAYS))
    assert store.db.execute(remembered).fetchone()[0] == 2


def test_copies_of_a_pruned_story_are_still_listed_once(store: Store) -> None:
    blog, other = ids_of(store)
    (original,), _ = store.upsert_entries(blog, [entry(1)], now=T0)
    copies, _ = store.upsert_entries(
        other, [entry(1, guid=g, url=f"https://b.example/{g}") for g in ("a", "b")], now=at(29)
    )
    store.save_grouping([(c, None, original) for c in copies], [], [])
    store.set_read([original])  # the copies came later and are unread
    assert store.count(View("unread")) == 0  # (listed under their original)
    assert store.prune(30, now=at(31).timestamp()) == 1
    listed = store.headlines(View("unread"))
    assert [a.id for a in listed] == [min(copies)]  # one of them leads now, shown once
    assert store.duplicates_of(min(copies)) == [max(copies)]


def test_pruning_keeps_favourites_unread_and_stories_related_to_a_favourite(store: Store) -> None:
    blog, _ = ids_of(store)
    ids, _ = store.upsert_entries(blog, [entry(n) for n in range(5)], now=T0)
    store.set_read(ids[:4])
    store.set_favourite(ids[0], True)
    store.set_related(ids[0], [(ids[1], 0.8)])
    assert store.prune(30, now=at(31).timestamp()) == 2  # ids[2], ids[3]
    left = {r[0] for r in store.db.execute("SELECT id FROM articles")}
    assert left == {ids[0], ids[1], ids[4]}
    assert store.article(ids[4]).is_read is False  # type: ignore[union-attr]
    fts = "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')"
    store.db.execute(fts)  # raises when the index and the table disagree


def test_pruning_many_articles_works_in_pieces_and_says_the_lists_changed(store: Store) -> None:
    blog, _ = ids_of(store)
    ids, _ = store.upsert_entries(blog, [entry(n) for n in range(1200)], now=T0)
    store.set_read(ids)
    read_yesterday(store, 31)
    before = store.content_version()
    assert store.prune(30, now=at(31).timestamp()) == 1200
    assert store.count(View()) == 1  # yesterday's
    assert store.content_version() != before  # a running reader re-reads its lists


class _Rows:
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self.rows = rows

    def fetchone(self) -> tuple[object, ...]:
        return self.rows[0]


def test_two_processes_migrating_at_once_do_not_make_a_step_twice(tmp_path: Path) -> None:
    # the reader and a cron `newsreader refresh` start together after an upgrade
    path = tmp_path / "old.db"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("PRAGMA journal_mode = WAL")
    migrate(first, target=LATEST - 1)

    class Racing:
        """A connection that lets another one migrate right after it has read the version."""

        def __init__(self, con: sqlite3.Connection) -> None:
            self.con, self.raced = con, False

        def execute(self, sql: str, *args: Any) -> object:
            if self.raced or not sql.startswith("PRAGMA user_version"):
                return self.con.execute(sql, *args)
            rows = self.con.execute(sql).fetchall()
            self.raced = True
            other = threading.Thread(target=migrate, args=(first,))
            other.start()
            other.join()
            return _Rows(rows)

    second = sqlite3.connect(path, isolation_level=None)
    assert migrate(Racing(second)) == LATEST - 1  # type: ignore[arg-type]
    assert second.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_a_story_whose_guid_changes_at_every_fetch_is_stored_once(store: Store) -> None:
    blog, _ = ids_of(store)
    (first,), _ = store.upsert_entries(blog, [entry(1, guid="tag:blog,sess=a1")], now=T0)
    store.set_read([first])
    store.set_favourite(first, True)
    for n, guid in enumerate(["tag:blog,sess=b2", "tag:blog,sess=c3"]):
        # the same story, a new guid each time (its text edited once, its date kept)
        text = f"Text of post 1, edited {n}"
        new, updated = store.upsert_entries(
            blog, [entry(1, guid=guid, summary_text=text)], now=at(n + 1)
        )
        assert new == [] and updated == 1
    # undated: the same text makes it the same story
    undated = [entry(1, guid="tag:blog,sess=d4", published=None, summary_text=text)]
    assert store.upsert_entries(blog, undated, now=at(5)) == ([], 0)
    assert [a.id for a in store.favourites()] == [first]
    assert store.count(View("unread")) == 0
    assert "edited 1" in (store.article(first).summary_text)  # type: ignore[union-attr]


def test_new_stories_sharing_a_link_and_title_are_not_taken_for_one(store: Store) -> None:
    # a feed whose every item links to the home page under the same title, one a day
    blog, _ = ids_of(store)
    same = dict(url="https://blog.example/", title="Today")
    daily = [
        entry(n, guid=f"day-{n}", published=at(n), summary_text=f"day {n}", **same)
        for n in range(3)
    ]
    new, _ = store.upsert_entries(blog, daily, now=at(3))
    assert len(new) == 3
    undated = [
        entry(9, guid=f"u-{n}", published=None, summary_text=f"u {n}", **same) for n in (1, 2)
    ]
    new, _ = store.upsert_entries(blog, undated, now=at(4))
    assert len(new) == 2


def test_a_new_copy_of_a_pruned_story_is_listed(store: Store) -> None:
    # retention shorter than the grouping window: the index still holds the pruned original
    blog, other = ids_of(store)
    (original, later), _ = store.upsert_entries(blog, [entry(1), entry(2)], now=T0)
    store.set_read([original, later])
    assert store.prune(1, now=at(2).timestamp()) == 1  # (the newest stays, see below)
    (copy,), _ = store.upsert_entries(other, [entry(1, guid="c", url="https://b.example/c")])
    store.save_grouping([(copy, 5, original)], [], [])
    assert [a.id for a in store.headlines(View("unread"))] == [copy]


def test_an_id_is_never_given_to_another_article(store: Store) -> None:
    # everything read and old (no refresh for months): the newest is kept, so SQLite does not
    # hand the highest id out again to the next new article
    blog, _ = ids_of(store)
    ids, _ = store.upsert_entries(blog, [entry(n) for n in range(3)], now=T0)
    store.set_read(ids)
    store.prune(30, now=at(90).timestamp())
    (new,), _ = store.upsert_entries(blog, [entry(7)], now=at(91))
    assert new not in ids


def test_a_story_with_a_changing_guid_stays_pruned_while_its_feed_lists_it(store: Store) -> None:
    blog, _ = ids_of(store)
    dated = entry(1, guid="tag:blog,sess=a1")
    undated = entry(2, guid="tag:blog,sess=a2", published=None)
    read, _ = store.upsert_entries(blog, [dated, undated], now=T0)
    store.set_read(read)
    read_yesterday(store, 31)
    assert store.prune(30, now=at(31).timestamp()) == 2
    again = [replace(dated, guid="tag:blog,sess=b1"), replace(undated, guid="tag:blog,sess=b2")]
    new, _ = store.upsert_entries(blog, again, now=at(32))
    assert new == []
    # a story that only shares the link and title is news
    new, _ = store.upsert_entries(blog, [replace(dated, guid="x", published=at(32))], now=at(32))
    assert len(new) == 1
