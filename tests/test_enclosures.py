"""Enclosures (a podcast's audio, a video): read from RSS, Atom, Media RSS and JSON Feed by both
parsing paths, stored with their article (schema 8), given again by a refresh of an article
stored before, and kept readable by an older newsreader and by a repair."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader import fastfeed, schema
from reader import store as store_module
from reader.config import Config, FeedConfig, RefreshConfig
from reader.feeds import parse_feed
from reader.models import Enclosure, ParsedEntry, View
from reader.refresh import refresh_sync
from reader.schema import READABLE_BY_KEY, migrate
from reader.store import DamageCheck, Store, _entry_hash, enclosures_from_json, open_store
from tests.httpserver import Item, LocalServer, Request, Route, atom, rss

URL = "https://pod.example/feed.xml"
NOW = 2_000_000_000.0
MP3 = "https://cdn.pod.example/ep1.mp3"
FEED = FeedConfig("https://pod.example/feed.xml", "Pod", "Talk")


def parsed(body: bytes, fast: bool) -> list[ParsedEntry]:
    return list(parse_feed(body, URL, namespace="ns", now=NOW, fast_path=fast).entries)


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
def test_an_rss_enclosure_is_read_by_both_paths(fast: bool) -> None:
    body = rss(
        [
            Item(
                title="Episode 1",
                link="https://pod.example/1",
                extra=f'<enclosure url="{MP3}" length="45000000" type="audio/mpeg"/>',
            ),
            Item(
                title="Episode 2",
                link="https://pod.example/2",
                # relative, with a length that is no number
                extra='<enclosure url="/media/ep2.m4a" length="unknown" type="Audio/MP4"/>',
            ),
            Item(
                title="Episode 3",
                link="https://pod.example/3",
                extra='<enclosure url="javascript:alert(1)" length="1" type="audio/mpeg"/>',
            ),
        ]
    )
    if fast:  # (the fast path takes it: the comparison is not vacuous)
        assert fastfeed.extract(body) is not None
    first, second, third = parsed(body, fast)
    assert first.enclosures == (Enclosure(MP3, "audio/mpeg", 45_000_000),)
    assert first.url == "https://pod.example/1"  # the story's link stays the page
    assert second.enclosures == (Enclosure("https://pod.example/media/ep2.m4a", "audio/mp4"),)
    assert third.enclosures == ()  # (a script is no file to fetch)


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
def test_an_atom_enclosure_link_is_read_by_both_paths(fast: bool) -> None:
    body = atom(
        [
            Item(
                title="Talk",
                link="https://pod.example/talk",
                guid="urn:pod:talk",
                date="2025-06-10T04:00:00Z",
                extra=f'<link rel="enclosure" href="{MP3}" type="audio/mpeg" length="1200"/>',
            )
        ]
    )
    if fast:
        assert fastfeed.extract(body) is not None
    (entry,) = parsed(body, fast)
    assert entry.enclosures == (Enclosure(MP3, "audio/mpeg", 1200),)


def test_media_rss_audio_and_video_are_enclosures_and_its_pictures_are_not() -> None:
    media = 'xmlns:media="http://search.yahoo.com/mrss/"'
    body = rss(
        [
            Item(
                title="Show",
                link="https://pod.example/show",
                extra=(
                    f'<media:content url="{MP3}" fileSize="5000" type="audio/mpeg"/>'
                    f'<enclosure url="{MP3}" length="5000" type="audio/mpeg"/>'  # the same file
                    '<media:content url="https://cdn.pod.example/v.mp4" medium="video"/>'
                    '<media:content url="https://cdn.pod.example/p.jpg" type="image/jpeg"/>'
                ),
            )
        ]
    ).replace(b'<rss version="2.0">', f'<rss version="2.0" {media}>'.encode())
    assert fastfeed.extract(body) is None  # (media:content: feedparser reads it)
    (entry,) = parsed(body, True)
    assert entry.enclosures == (
        Enclosure(MP3, "audio/mpeg", 5000),
        Enclosure("https://cdn.pod.example/v.mp4", "", None),
    )


def test_json_feed_attachments_are_enclosures() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Pod",
            "items": [
                {
                    "id": "1",
                    "url": "https://pod.example/1",
                    "title": "Episode",
                    "content_text": "Notes.",
                    "attachments": [
                        {"url": MP3, "mime_type": "audio/mpeg", "size_in_bytes": 900},
                        {"url": "ftp://pod.example/x.mp3", "mime_type": "audio/mpeg"},
                        "not an attachment",
                    ],
                }
            ],
        }
    ).encode()
    (entry,) = parse_feed(body, URL, "application/feed+json", now=NOW).entries
    assert entry.enclosures == (Enclosure(MP3, "audio/mpeg", 900),)


def test_the_real_podcast_feed_shape_gives_one_enclosure_per_episode() -> None:
    """An iTunes podcast item (itunes: elements, media:content and enclosure of the same file)."""
    itunes = (
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:media="http://search.yahoo.com/mrss/"'
    )
    items = [
        Item(
            title=f"Bombcast {n}",
            link=f"https://pod.example/{n}",
            guid=f"1600-{n}",
            extra=(
                "<itunes:duration>10475</itunes:duration>"
                f'<media:content url="https://cdn.pod.example/{n}.mp3" fileSize="105003355" '
                'type="audio/mpeg"/>'
                f'<enclosure url="https://cdn.pod.example/{n}.mp3" length="105003355" '
                'type="audio/mpeg"/>'
            ),
        )
        for n in range(3)
    ]
    body = rss(items).replace(b'<rss version="2.0">', f'<rss version="2.0" {itunes}>'.encode())
    for fast in (True, False):
        entries = parsed(body, fast)
        assert [e.enclosures for e in entries] == [
            (Enclosure(f"https://cdn.pod.example/{n}.mp3", "audio/mpeg", 105_003_355),)
            for n in range(3)
        ]


# --------------------------------------------------------------------------- the store


def entry(enclosures: tuple[Enclosure, ...] = ()) -> ParsedEntry:
    return ParsedEntry(
        guid="urn:pod:1",
        url="https://pod.example/1",
        title="Episode 1",
        published=datetime(2025, 6, 10, tzinfo=UTC),
        content_html="<p>Show notes.</p>",
        summary_text="Show notes.",
        enclosures=enclosures,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds([FEED])
    return s


def test_an_articles_enclosures_are_stored_and_read_back(store: Store) -> None:
    attached = (Enclosure(MP3, "audio/mpeg", 45_000_000), Enclosure("https://c.example/v.mp4"))
    (article_id,), _ = store.upsert_entries(store.feeds()[0].id, [entry(attached)])
    article = store.article(article_id)
    assert article is not None and article.enclosures == attached
    # a refresh that gives the same: nothing to update
    assert store.upsert_entries(store.feeds()[0].id, [entry(attached)]) == ([], 0)


def test_a_refresh_gives_an_article_stored_without_them_its_enclosures(store: Store) -> None:
    feed_id = store.feeds()[0].id
    (article_id,), _ = store.upsert_entries(feed_id, [entry()])  # (as before version 8)
    store.set_read([article_id])
    assert store.article(article_id).enclosures == ()  # type: ignore[union-attr]
    attached = (Enclosure(MP3, "audio/mpeg", 45_000_000),)
    new, updated = store.upsert_entries(feed_id, [entry(attached)])
    assert (new, updated) == ([], 1)
    article = store.article(article_id)
    assert article is not None and article.enclosures == attached and article.is_read
    # and a feed that drops them: they go
    assert store.upsert_entries(feed_id, [entry()]) == ([], 1)
    assert store.article(article_id).enclosures == ()  # type: ignore[union-attr]


def test_enclosures_of_the_wrong_shape_in_the_column_are_left_out(store: Store) -> None:
    (article_id,), _ = store.upsert_entries(store.feeds()[0].id, [entry()])
    column = json.dumps([{"url": MP3, "type": 3, "length": "x"}, {"type": "audio/mpeg"}, 7])
    store.db.execute("UPDATE articles SET enclosures = ? WHERE id = ?", (column, article_id))
    assert store.article(article_id).enclosures == (Enclosure(MP3, "", None),)  # type: ignore[union-attr]
    store.db.execute("UPDATE articles SET enclosures = '[{' WHERE id = ?", (article_id,))
    assert store.article(article_id).enclosures == ()  # type: ignore[union-attr]


def version_7_database(path: Path) -> int:
    """A database as newsreader wrote it at schema 7, with one article; its id."""
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 7)
    db.execute("INSERT INTO feeds(id, url, title) VALUES (1, ?, 'Pod')", (FEED.url,))
    db.execute(
        "INSERT INTO articles(id, feed_id, guid, url, title, published, first_seen, "
        "content_html, summary_text) VALUES (5, 1, 'urn:pod:1', 'https://pod.example/1', "
        "'Episode 1', 1749513600.0, 1.0, '<p>Show notes.</p>', 'Show notes.')"
    )
    db.close()
    return 5


def test_a_version_7_database_migrates_and_a_refresh_adds_the_enclosures(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    article_id = version_7_database(path)
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST >= 8
    article = store.article(article_id)
    assert article is not None and article.title == "Episode 1" and article.enclosures == ()
    # the newest schema says who can still read it: the code of schema 7, opened read-only
    assert store.get_meta(READABLE_BY_KEY) == "7"
    attached = (Enclosure(MP3, "audio/mpeg", 45_000_000),)
    store.sync_config_feeds([FEED])
    assert store.upsert_entries(1, [entry(attached)]) == ([], 1)
    assert store.article(article_id).enclosures == attached  # type: ignore[union-attr]
    store.close()


def test_an_older_database_opened_read_only_is_read_without_enclosures(tmp_path: Path) -> None:
    """A file that cannot be migrated (read-only) is read as it is: its articles have none."""
    path = tmp_path / "news.db"
    article_id = version_7_database(path)
    store = Store(path, read_only=True)
    article = store.article(article_id)
    assert article is not None and article.title == "Episode 1" and article.enclosures == ()
    store.close()


def test_the_newsreader_of_schema_7_reads_a_version_8_database_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    store.sync_config_feeds([FEED])
    store.upsert_entries(store.feeds()[0].id, [entry((Enclosure(MP3, "audio/mpeg", 1),))])
    store.close()
    monkeypatch.setattr(store_module, "LATEST", 7)  # as the newsreader of schema 7 checks it
    older = open_store(path)
    assert older.read_only and older.newer_schema == schema.LATEST
    assert [a.title for a in older.headlines(View("all"))] == ["Episode 1"]
    older.close()


def test_a_migration_that_says_nothing_about_older_readers_takes_back_what_was_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later schema that adds what older code would get wrong must not inherit version 8's
    statement: ``migrate`` removes it unless that version states its own."""
    db = sqlite3.connect(tmp_path / "news.db", isolation_level=None)
    migrate(db)
    assert db.execute("SELECT value FROM meta WHERE key = ?", (READABLE_BY_KEY,)).fetchone() == (
        "7",
    )
    nxt = schema.LATEST + 1
    later = {**schema.MIGRATIONS, nxt: lambda con: con.execute("CREATE TABLE later (x)")}
    monkeypatch.setattr(schema, "MIGRATIONS", later)
    migrate(db, nxt)
    assert db.execute("PRAGMA user_version").fetchone()[0] == nxt
    assert db.execute("SELECT value FROM meta WHERE key = ?", (READABLE_BY_KEY,)).fetchone() is None
    db.close()


def test_a_repair_of_a_damaged_file_keeps_the_enclosures(tmp_path: Path) -> None:
    """The page scan (a damaged header: SQLite reads nothing) knows rows with the new column."""
    path = tmp_path / "news.db"
    store = open_store(path)
    store.sync_config_feeds([FEED])
    episodes = [
        replace_entry(n, (Enclosure(f"https://cdn.pod.example/{n}.mp3", "audio/mpeg", n + 1),))
        for n in range(40)
    ]
    store.upsert_entries(store.feeds()[0].id, episodes)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    data[:700] = bytes(700)
    path.write_bytes(bytes(data))
    repaired = open_store(path, DamageCheck(path, wait=30))
    assert repaired.recovery_note and "moved to news.db.corrupt" in repaired.recovery_note
    got = {
        row["guid"]: enclosures_from_json(row["enclosures"])
        for row in repaired.query("SELECT guid, enclosures FROM articles")
    }
    assert got == {e.guid: e.enclosures for e in episodes}
    repaired.close()


def replace_entry(n: int, enclosures: tuple[Enclosure, ...]) -> ParsedEntry:
    return ParsedEntry(
        guid=f"urn:pod:{n}",
        url=f"https://pod.example/{n}",
        title=f"Episode {n}",
        published=datetime(2025, 6, 10, tzinfo=UTC),
        content_html=f"<p>Show notes {n}.</p>",
        enclosures=enclosures,
    )


def test_after_the_upgrade_the_first_refresh_reads_a_not_modified_feed_again(
    tmp_path: Path,
) -> None:
    """The feed's server knows the validator it gave before the upgrade and would answer "not
    modified": the migration forgets it, so the episodes stored before get their audio."""
    body = rss(
        [
            Item(
                title="Episode 1",
                link="https://pod.example/1",
                guid="urn:pod:1",
                description="Show notes.",
                extra=f'<enclosure url="{MP3}" length="45000000" type="audio/mpeg"/>',
            )
        ]
    )

    def answer(request: Request) -> Route:
        if request.headers.get("If-None-Match") == '"v1"':
            return Route(status=304)
        return Route(body=body, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})

    with LocalServer() as server:
        server.route("/feed.xml", handler=answer)
        url = server.url("/feed.xml")
        path = tmp_path / "news.db"
        (stored,) = parse_feed(body, url).entries
        db = sqlite3.connect(path, isolation_level=None)
        migrate(db, 7)  # as the newsreader of schema 7 stored it: no enclosures, a validator
        db.execute(
            "INSERT INTO feeds(id, url, title, etag, content_hash, last_fetched) "
            "VALUES (1, ?, 'Pod', '\"v1\"', 'seen', 1.0)",
            (url,),
        )
        db.execute(
            "INSERT INTO articles(feed_id, guid, url, title, published, first_seen, "
            "content_html, summary_text, content_hash) VALUES (1, ?, ?, ?, 1.0, 1.0, ?, ?, ?)",
            (
                stored.guid,
                stored.url,
                stored.title,
                stored.content_html,
                stored.summary_text,
                _entry_hash(stored),
            ),
        )
        db.close()

        store = open_store(path)  # migrated to 8
        store.sync_config_feeds([FeedConfig(url, "Pod", "Talk")])
        config = Config(refresh=RefreshConfig(timeout_seconds=3.0, interval_minutes=0))
        (result,) = refresh_sync(store, config, force=True)
        assert result.status == "ok" and result.updated == 1
        (article,) = store.headlines(View("all"))
        assert store.article(article.id).enclosures == (  # type: ignore[union-attr]
            Enclosure(MP3, "audio/mpeg", 45_000_000),
        )
        (again,) = refresh_sync(store, config, force=True)  # the validator is used again
        assert again.status == "not-modified"
        assert server.requests[-1].headers.get("If-None-Match") == '"v1"'
        store.close()
