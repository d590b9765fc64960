"""Two feeds carrying the same item (a site's "Top stories" and "World", the guid its link):
each feed keeps its own copy (schema 9), the lists show the story once where both are, and a
database of schema 8 is brought there without losing anything."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import reader.store as store_module
from reader import schema
from reader.config import Config, RefreshConfig
from reader.models import ParsedEntry, View
from reader.refresh import after_refresh, refresh
from reader.salvage import RECOVERED_FEED, salvage
from reader.schema import READABLE_BY_KEY, migrate
from reader.store import DamageCheck, Store, guid_key, open_store
from tests.httpserver import Item, LocalServer, rss

CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)
BRIDGE = "https://news.example/2026/11/bridge-reopens"
SUMMIT = "https://news.example/2026/11/summit-ends"
CUP = "https://news.example/2026/11/cup-final"


def titles(store: Store, view: View) -> list[str]:
    return [a.title for a in store.headlines(view, limit=1000)]


def feed_view(store: Store, url: str) -> View:
    feed = store.feed_by_url(url)
    assert feed is not None
    return View("feed", feed_id=feed.id)


async def test_two_feeds_sharing_an_item_both_list_it_after_a_refresh(
    srv: LocalServer, store: Store
) -> None:
    bridge = Item(title="Bridge reopens", link=BRIDGE, guid=BRIDGE, description="Repairs done.")
    srv.route("/top.xml", body=rss([bridge, Item(title="Cup final", link=CUP, guid=CUP)]))
    srv.route("/world.xml", body=rss([bridge, Item(title="Summit ends", link=SUMMIT, guid=SUMMIT)]))
    top, world = srv.url("/top.xml"), srv.url("/world.xml")
    store.add_feed(top, "Top stories")
    store.add_feed(world, "World")
    results = await refresh(store, CONFIG)
    assert sorted((r.title, r.new) for r in results) == [("Top stories", 2), ("World", 2)]
    assert sorted(titles(store, feed_view(store, top))) == ["Bridge reopens", "Cup final"]
    assert sorted(titles(store, feed_view(store, world))) == ["Bridge reopens", "Summit ends"]
    counts = {f.title: (f.unread, f.total) for f in store.feeds()}
    assert counts == {"Top stories": (2, 2), "World": (2, 2)}
    # each feed's copy is its own article
    rows = store.db.execute("SELECT id, feed_id FROM articles WHERE guid = ?", (BRIDGE,)).fetchall()
    assert len({r["feed_id"] for r in rows}) == 2 and len({r["id"] for r in rows}) == 2


async def test_the_all_list_shows_the_shared_story_once(srv: LocalServer, store: Store) -> None:
    bridge = Item(title="Bridge reopens", link=BRIDGE, guid=BRIDGE, description="Repairs done.")
    srv.route("/top.xml", body=rss([bridge]))
    srv.route("/world.xml", body=rss([bridge, Item(title="Summit ends", link=SUMMIT, guid=SUMMIT)]))
    store.add_feed(srv.url("/top.xml"), "Top stories")
    store.add_feed(srv.url("/world.xml"), "World")
    await refresh(store, CONFIG)
    for _ in range(2):  # as stored, then once grouped (the housekeeping after a refresh)
        listed = titles(store, View("all"))
        assert sorted(listed) == ["Bridge reopens", "Summit ends"]
        assert store.count(View("all")) == 2 and store.count(View("all"), unread=True) == 2
        assert sorted(titles(store, View("unread"))) == ["Bridge reopens", "Summit ends"]
        after_refresh(store, CONFIG, 0)
    # the second feed's copy is the story's copy: read together (related.mark_duplicates_read)
    # (the feeds are fetched at once: either may have stored it first)
    copies = [
        next(a for a in store.headlines(feed_view(store, srv.url(path))) if a.title == title)
        for path, title in (("/top.xml", "Bridge reopens"), ("/world.xml", "Bridge reopens"))
    ]
    first, second = sorted(copies, key=lambda a: a.id)
    assert first.duplicate_of is None and second.duplicate_of == first.id
    world_copy = copies[1]
    changed = store.set_read([world_copy.id], with_copies=True)
    assert len(changed) == 2
    assert all(f.unread == 0 for f in store.feeds() if f.title == "Top stories")


def test_a_feed_subscribed_later_gets_its_copy_of_a_grouped_story(store: Store) -> None:
    """The second copy, arriving once the first was grouped, is that story's copy, for the
    grouping too (Store.earlier_copies), even under another headline."""
    top, _ = store.add_feed("https://news.example/top.xml", "Top stories")
    when = datetime(2026, 11, 26, 10, tzinfo=UTC)
    first = ParsedEntry(
        guid=BRIDGE,
        url=BRIDGE,
        title="Bridge reopens",
        author="",
        published=when,
        updated=None,
        content_html="",
        summary_text="Repairs done.",
    )
    (first_id,), _ = store.upsert_entries(top.id, [first])
    store.save_grouping([(first_id, 7, None)], [], [])
    world, _ = store.add_feed("https://news.example/world.xml", "World")
    edited = ParsedEntry(
        guid=BRIDGE,
        url=BRIDGE,
        title="Bridge reopens after two years",
        author="",
        published=when,
        updated=None,
        content_html="",
        summary_text="Repairs done.",
    )
    (copy_id,), _ = store.upsert_entries(world.id, [edited])
    assert copy_id != first_id
    assert store.earlier_copies([copy_id]) == {copy_id: (first_id, 7)}
    assert titles(store, View("all")) == ["Bridge reopens"]
    assert titles(store, View("feed", feed_id=world.id)) == ["Bridge reopens after two years"]


# ---------------------------------------------------------------------- from schema 8


TOP_URL, WORLD_URL = "https://news.example/top.xml", "https://news.example/world.xml"
PRUNED_GUID = "https://news.example/2026/09/old-story"


def schema_8_database(path: Path) -> None:
    """A database as newsreader 0.2.0 (schema 8) wrote it: two feeds, a favourite read and
    summarised with its page kept, a read story, an unread one, a story kept from a page, a
    copy grouped with its original, related links, a pruned guid. World carries the bridge
    story too, but schema 8 kept it under Top stories only."""
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 8)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(
        "INSERT INTO feeds(id, url, title, etag, last_modified, content_hash, last_fetched) "
        "VALUES (1, ?, 'Top stories', '\"e1\"', 'Thu, 26 Nov 2026 10:00:00 GMT', 'h1', 1.0), "
        "(2, ?, 'World', '\"e2\"', NULL, 'h2', 1.0)",
        (TOP_URL, WORLD_URL),
    )
    articles = [
        # id, feed, guid, title, read, favourite, favourited_at, kind, group, duplicate_of
        (10, 1, BRIDGE, "Bridge reopens", 1, 1, 1764150000.0, "feed", 3, None),
        (11, 1, CUP, "Cup final ends in a draw", 1, 0, None, "feed", 4, None),
        (12, 2, SUMMIT, "Summit ends without a deal", 0, 0, None, "feed", 3, None),
        (13, 2, "tag:world,2026:cup", "Cup final ends in a draw", 0, 0, None, "feed", 4, 11),
        (
            14,
            1,
            "https://other.example/saved",
            "A saved story",
            1,
            1,
            1764160000.0,
            "page",
            None,
            None,
        ),
    ]
    for aid, feed, guid, title, read, fav, fav_at, kind, group, dup in articles:
        db.execute(
            "INSERT INTO articles(id, feed_id, guid, url, title, author, published, first_seen, "
            "summary_text, body_text, content_hash, is_read, is_favourite, favourited_at, kind, "
            "group_id, duplicate_of, language, enclosures) "
            "VALUES (?, ?, ?, ?, ?, 'A. Writer', ?, ?, ?, ?, 'hash', ?, ?, ?, ?, ?, ?, 'en', ?)",
            (
                aid,
                feed,
                guid,
                guid if guid.startswith("http") else CUP,
                title,
                1764150000.0 + aid,
                1764150000.0 + aid,
                f"{title}: the summary.",
                f"{title}. The whole text, with the word pontoon{aid}.",
                read,
                fav,
                fav_at,
                kind,
                group,
                dup,
                json.dumps([{"url": f"{guid}.mp3", "type": "audio/mpeg"}]) if aid == 10 else "",
            ),
        )
    db.execute(
        "INSERT INTO pages(article_id, fetched_at, source, note, page_json) "
        "VALUES (10, 2.0, 'page', NULL, '{\"main\": {}}')"
    )
    db.execute(
        "INSERT INTO summaries(article_id, part, algorithm, length, created, summary_json) "
        "VALUES (10, 0, 'newsrank', '3', 2.0, '{\"sentences\": [\"One.\"]}')"
    )
    db.execute(
        "INSERT INTO related(article_id, other_id, score, kind) VALUES "
        "(10, 12, 0.5, 'feed'), (12, 10, 0.5, 'feed'), (10, 14, 1.0, 'page')"
    )
    db.execute(
        "INSERT INTO pruned(guid_key, feed_id, seen) VALUES (?, 2, ?)",
        (guid_key(PRUNED_GUID), 1764150000.0),
    )
    db.close()


def dump(db: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    tables = ("articles", "pages", "summaries", "related", "pruned")
    out = {t: [tuple(r) for r in db.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables}
    out["feeds"] = [
        tuple(r) for r in db.execute("SELECT id, url, title, last_fetched FROM feeds ORDER BY id")
    ]
    return out


def search_ids(db: sqlite3.Connection, word: str) -> list[int]:
    rows = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (word,))
    return sorted(int(r[0]) for r in rows)


def test_a_schema_8_database_migrates_losing_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    schema_8_database(path)
    raw = sqlite3.connect(path)
    before = dump(raw)
    indexes = {
        str(r[0]) for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
    }
    words = {aid: search_ids(raw, f"pontoon{aid}") for aid in range(10, 15)}
    raw.close()

    store = open_store(path)
    assert store.upgrade_note is not None and "listed in both" in store.upgrade_note
    db = store.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST == 10
    assert dump(db) == before  # every article (ids, read, favourites, groups), page, summary...
    after = {str(r[0]) for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    # the guid index is by feed now (the one of the UNIQUE constraint went with it)
    assert after == (indexes - {"sqlite_autoindex_articles_1"}) | {"articles_guid"}
    assert {aid: search_ids(db, f"pontoon{aid}") for aid in range(10, 15)} == words
    assert words[10] == [10]
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # set back after the rebuild
    assert store.get_meta(READABLE_BY_KEY) == "7"
    # the next refresh reads each feed whole: its validators are gone
    validators = db.execute("SELECT etag, last_modified, content_hash FROM feeds").fetchall()
    assert [tuple(r) for r in validators] == [
        (None, None, None),
        (None, None, None),
    ]
    # the search index's triggers were made again: a changed headline is found by its words
    db.execute("UPDATE articles SET title = 'Bridge reopens to traffic' WHERE id = 10")
    assert [a.id for a in store.headlines(View("search", query="traffic"))] == [10]
    db.execute("UPDATE articles SET title = 'Bridge reopens' WHERE id = 10")

    # World's refresh now keeps its copy of the bridge story; the pruned story stays out
    when = datetime(2026, 11, 26, 10, tzinfo=UTC)
    entries = [
        ParsedEntry(
            guid=guid,
            url=guid,
            title=title,
            author="A. Writer",
            published=when,
            updated=None,
            content_html="",
            summary_text=f"{title}: the summary.",
        )
        for guid, title in ((BRIDGE, "Bridge reopens"), (PRUNED_GUID, "Old story"))
    ]
    new_ids, updated = store.upsert_entries(2, entries)
    assert len(new_ids) == 1 and updated == 0
    copy = store.article(new_ids[0])
    assert copy is not None and copy.feed_id == 2 and copy.guid == BRIDGE
    assert copy.duplicate_of == 10 and copy.group_id == 3 and not copy.is_read
    original = store.article(10)
    assert original is not None and original.is_favourite and original.is_read
    assert [a.id for a in store.favourites()] == [14, 10]
    assert sorted(titles(store, View("feed", feed_id=2))) == [
        "Bridge reopens",
        "Cup final ends in a draw",
        "Summit ends without a deal",
    ]
    assert titles(store, View("all")).count("Bridge reopens") == 1
    store.close()


def test_the_newsreader_of_schema_8_reads_a_schema_9_database_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0.2.0 may read what 0.3.0 wrote (each feed's copy listed as any copy is), never write."""
    path = tmp_path / "news.db"
    schema_8_database(path)
    store = open_store(path)
    when = datetime(2026, 11, 26, 10, tzinfo=UTC)
    bridge = ParsedEntry(
        guid=BRIDGE,
        url=BRIDGE,
        title="Bridge reopens",
        author="",
        published=when,
        updated=None,
        content_html="",
        summary_text="",
    )
    store.upsert_entries(2, [bridge])
    store.close()
    monkeypatch.setattr(store_module, "LATEST", 8)  # as the newsreader of schema 8 checks it
    older = open_store(path)
    assert older.read_only and older.newer_schema == schema.LATEST  # (9 or later)
    assert titles(older, View("all")).count("Bridge reopens") == 1
    assert "Bridge reopens" in titles(older, View("feed", feed_id=2))
    older.close()


def test_a_migration_interrupted_leaves_schema_8_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    schema_8_database(path)
    raw = sqlite3.connect(path)
    before = dump(raw)
    raw.close()

    def fails(db: sqlite3.Connection) -> None:
        db.execute("UPDATE feeds SET etag = NULL")  # (something written, then it breaks)
        raise sqlite3.OperationalError("disk I/O error")

    real = schema.MIGRATIONS[9]

    def rebuild_then_fail(db: sqlite3.Connection) -> None:
        real(db)
        fails(db)

    monkeypatch.setitem(schema.MIGRATIONS, 9, rebuild_then_fail)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.OperationalError):
        migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 8
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert dump(db) == before
    db.close()


# ---------------------------------------------------------------------- repairs


def shared_database(path: Path, n: int = 60) -> dict[tuple[str, str], tuple[bool, bool]]:
    """Two feeds listing the same ``n`` items, some read or favourites in one feed only; each
    article's (feed url, guid) -> (read, favourite), read from the file."""
    store = open_store(path)
    when = datetime(2026, 11, 26, 10, tzinfo=UTC)
    for url, title in ((TOP_URL, "Top stories"), (WORLD_URL, "World")):
        feed, _ = store.add_feed(url, title)
        store.upsert_entries(
            feed.id,
            [
                ParsedEntry(
                    guid=f"https://news.example/story/{i}",
                    url=f"https://news.example/story/{i}",
                    title=f"Story number {i}",
                    published=when,
                    summary_text=f"What happened in story {i}, told at some length. " * 8,
                )
                for i in range(n)
            ],
        )
    ids = [int(r[0]) for r in store.db.execute("SELECT id FROM articles ORDER BY id")]
    store.set_read(ids[::3])  # (copies left alone: the first copy's state is its own)
    for article_id in ids[1::7]:
        store.set_favourite(article_id, True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    state = {
        (r[0], r[1]): (bool(r[2]), bool(r[3]))
        for r in store.db.execute(
            "SELECT f.url, a.guid, a.is_read, a.is_favourite FROM articles a "
            "JOIN feeds f ON f.id = a.feed_id"
        )
    }
    store.close()
    assert len(state) == 2 * n
    return state


def test_a_repair_keeps_each_feeds_copy(tmp_path: Path) -> None:
    """A damaged header: every page is scanned for rows; both feeds' copies come back."""
    path = tmp_path / "news.db"
    saved = shared_database(path)
    data = bytearray(path.read_bytes())
    data[:700] = bytes(700)
    path.write_bytes(bytes(data))
    store = open_store(path, DamageCheck(path, wait=30))
    assert store.recovery_note and "moved to" in store.recovery_note
    got = {
        (r[0], r[1]): (bool(r[2]), bool(r[3]))
        for r in store.db.execute(
            "SELECT f.url, a.guid, a.is_read, a.is_favourite FROM articles a "
            "JOIN feeds f ON f.id = a.feed_id"
        )
    }
    store.close()
    assert got == saved


def test_a_repair_keeps_copies_whose_feeds_were_lost(tmp_path: Path) -> None:
    """Articles whose feeds could not be read go under one feed, "Recovered stories": two
    copies of an item are both kept there (apart by id), favourites and read state with them."""
    path = tmp_path / "news.db"
    saved = shared_database(path, n=12)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("DELETE FROM feeds")  # (as if its pages were lost)
    db.close()
    fresh = sqlite3.connect(tmp_path / "new.db", isolation_level=None)
    migrate(fresh)
    found = salvage(path, fresh)
    assert found.articles == len(saved)
    rows = fresh.execute(
        "SELECT a.guid, a.is_read, a.is_favourite, f.url FROM articles a "
        "JOIN feeds f ON f.id = a.feed_id"
    ).fetchall()
    fresh.close()
    assert {r[3] for r in rows} == {RECOVERED_FEED[0]}
    # each item twice, once under its own guid; read and favourite states as they were
    kept = sorted((r[0].split("#recovered-")[0], bool(r[1]), bool(r[2])) for r in rows)
    assert kept == sorted((guid, *state) for (_, guid), state in saved.items())
    assert len({r[0] for r in rows}) == len(rows)


@pytest.mark.parametrize("copies_read", [True, False])
async def test_a_copy_of_a_story_already_read_arrives_read(
    srv: LocalServer, store: Store, copies_read: bool
) -> None:
    """related.mark_duplicates_read: a feed subscribed later (or an upgrade's full re-fetch)
    brings its copy of a story read in another feed; it is read too, not news again there.
    With the option off, the copy keeps its own state (unread)."""
    bridge = Item(title="Bridge reopens", link=BRIDGE, guid=BRIDGE, description="Repairs done.")
    srv.route("/top.xml", body=rss([bridge]))
    srv.route("/world.xml", body=rss([bridge, Item(title="Summit ends", link=SUMMIT, guid=SUMMIT)]))
    config = Config(
        refresh=CONFIG.refresh,
        related=replace(CONFIG.related, mark_duplicates_read=copies_read),
    )
    store.add_feed(srv.url("/top.xml"), "Top stories")
    await refresh(store, config)
    after_refresh(store, config, 0)
    (first,) = store.headlines(feed_view(store, srv.url("/top.xml")))
    store.set_read([first.id])
    world = store.add_feed(srv.url("/world.xml"), "World")[0]
    # the next refresh in another process (a CLI run, the reader's next start): its grouping
    # starts from the store, where this copy is one already as stored
    later = open_store(store.path)
    try:
        since = datetime.now(UTC).timestamp()
        await refresh(later, config, [world.id])
        after_refresh(later, config, since)
        world_view = feed_view(later, srv.url("/world.xml"))
        state = {a.title: a.is_read for a in later.headlines(world_view)}
        assert state == {"Bridge reopens": copies_read, "Summit ends": False}
        unread = {f.title: f.unread for f in later.feeds()}
        assert unread == {"Top stories": 0, "World": 1 if copies_read else 2}
    finally:
        later.close()


@pytest.mark.parametrize("command", [["stats"], ["favourites"], ["export-opml"]])
def test_a_command_that_only_reads_leaves_an_older_database_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """stats, favourites and export-opml write nothing: an older newsreader may be using the
    database, and the upgrade's one full re-fetch (its cleared ETags) is owed by the next
    refresh or start. They read it as it is, and say so; the next real open upgrades it."""
    from reader.cli import main

    path = tmp_path / "news.db"
    schema_8_database(path)
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\ninterval_minutes = 0\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["--config", str(config), "--db", str(path), *command]) == 0
    out, err = capsys.readouterr()
    assert path.read_bytes() == before
    assert "older newsreader" in err and "upgrades it" in err
    assert "will not be saved" not in err
    if command == ["favourites"]:
        assert "Bridge reopens" in out and "A saved story" in out
    store = open_store(path)  # a command that saves, or the reader: upgraded now
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert store.upgrade_note is not None
    finally:
        store.close()


def test_a_copy_shows_its_storys_star_and_starring_it_makes_no_second_favourite(
    tmp_path: Path,
) -> None:
    """Upgrade review: the quake story, a favourite in Top stories, showed unstarred in World,
    and f there saved it a second time. The star is the story's: one favourite."""
    store = open_store(tmp_path / "news.db")
    top, _ = store.add_feed(TOP_URL, "Top stories")
    world, _ = store.add_feed(WORLD_URL, "World")
    item = ParsedEntry(guid=BRIDGE, url=BRIDGE, title="Bridge reopens", summary_text="Done.")
    (original,), _ = store.upsert_entries(top.id, [item])
    (copy,), _ = store.upsert_entries(world.id, [item])
    store.set_favourite(original, True)

    def starred(feed_id: int) -> bool:
        (row,) = store.headlines(View("feed", feed_id=feed_id))
        return row.is_favourite

    assert starred(world.id) and starred(top.id)
    store.set_favourite(copy, False)  # f on the copy: the story is no favourite now
    assert not starred(top.id) and not starred(world.id) and store.favourites() == []
    store.set_favourite(copy, True)  # and again: one favourite, the story's first copy
    assert [a.id for a in store.favourites()] == [original]
    assert starred(world.id) and starred(top.id)
    store.close()
