from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reader.config import FeedConfig
from reader.models import Cursor, ParsedEntry, Story, Summary, View
from reader.schema import LATEST, MIGRATIONS, migrate
from reader.store import Store, StoreError, open_store

T0 = datetime(2025, 6, 28, 9, 0, tzinfo=UTC)


def entry(n: int, **kw: Any) -> ParsedEntry:
    base = ParsedEntry(
        guid=f"https://example.org/story/{n}",
        url=f"https://example.org/story/{n}",
        title=f"Story number {n}",
        published=T0 + timedelta(minutes=n),
        summary_text=f"Text of story {n}",
    )
    return replace(base, **kw)


def published(store: Store, article_id: int) -> datetime:
    """The date of an article that has one."""
    article = store.article(article_id)
    assert article is not None and article.published is not None
    return article.published


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "news.db")
    s.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example", "World")])
    return s


def feed_id(store: Store) -> int:
    return store.feeds()[0].id


def test_fresh_database_is_at_latest_version_with_wal_and_foreign_keys(store: Store) -> None:
    db = store.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


@pytest.mark.parametrize("start", range(0, LATEST))
def test_every_previous_version_migrates_to_latest_keeping_data(tmp_path: Path, start: int) -> None:
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=start)
    if start >= 1:
        db.execute("INSERT INTO feeds(url, title) VALUES ('https://a.org/f', 'A')")
        db.execute(
            "INSERT INTO articles(feed_id, guid, title, published, first_seen, is_favourite, "
            "favourited_at) VALUES (1, 'g1', 'Kept favourite', 1.0, 1.0, 1, 5.0)"
        )
    db.close()
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == LATEST
    if start >= 1:
        favs = store.favourites()
        assert [a.title for a in favs] == ["Kept favourite"]
        assert store.count(View(kind="search", query="favourite")) == 1


def test_interrupted_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, target=1)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT ''")
        raise RuntimeError("power cut")

    monkeypatch.setitem(MIGRATIONS, 2, broken)
    with pytest.raises(RuntimeError):
        migrate(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    cols = [r[1] for r in db.execute("PRAGMA table_info(articles)")]
    assert "body_text" not in cols


def test_newer_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {LATEST + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer newsreader"):
        open_store(path)
    assert path.exists()  # untouched


def test_refetch_keeps_read_and_favourite_state(store: Store) -> None:
    fid = feed_id(store)
    new, updated = store.upsert_entries(fid, [entry(1), entry(2)])
    assert len(new) == 2 and updated == 0
    store.set_read([new[0]])
    store.set_favourite(new[1], True)
    new2, updated2 = store.upsert_entries(fid, [entry(1), entry(2, title="Story two, updated")])
    assert new2 == [] and updated2 == 1
    a1, a2 = store.article(new[0]), store.article(new[1])
    assert a1 and a1.is_read
    assert a2 and a2.is_favourite and a2.title == "Story two, updated"
    assert store.count(View()) == 2


def test_duplicate_guid_in_one_document_stored_once(store: Store) -> None:
    new, _ = store.upsert_entries(feed_id(store), [entry(1), entry(1, title="copy")])
    assert len(new) == 1
    assert store.count(View()) == 1


def test_missing_date_uses_first_seen_and_is_shown_as_unknown(store: Store) -> None:
    (aid,), _ = store.upsert_entries(feed_id(store), [entry(1, published=None)], now=T0)
    article = store.article(aid)
    assert article is not None and article.published is None
    assert article.first_seen == T0


def test_favourites_survive_feed_removal_from_config(store: Store) -> None:
    fid = feed_id(store)
    new, _ = store.upsert_entries(fid, [entry(1), entry(2)])
    store.set_favourite(new[0], True)
    store.sync_config_feeds([])  # the feed was removed from the config
    assert store.feeds() == []
    assert store.count(View()) == 0
    assert [a.id for a in store.favourites()] == [new[0]]
    assert store.count(View(kind="favourites")) == 1
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Renamed", "World")])
    assert store.feeds()[0].title == "Renamed"
    assert store.article(new[0]).is_favourite  # type: ignore[union-attr]


def test_favourites_survive_pruning(store: Store) -> None:
    fid = feed_id(store)
    new, _ = store.upsert_entries(fid, [entry(1), entry(2), entry(3), entry(4)], now=T0)
    store.set_read(new)
    store.set_favourite(new[0], True)
    removed = store.prune(retention_days=30, now=(T0 + timedelta(days=31)).timestamp())
    assert removed == 2  # (the newest, entry 4, is kept: see test_store_retention.py)
    assert [a.id for a in store.favourites()] == [new[0]]


def test_keyset_paging_walks_every_headline_once(store: Store) -> None:
    fid = feed_id(store)
    entries = [entry(i) for i in range(250)]
    # two articles with the same date: the id breaks the tie
    entries.append(entry(999, published=entries[10].published))
    store.upsert_entries(fid, entries)
    seen: list[int] = []
    cursor: Cursor | None = None
    while True:
        page = store.headlines(View(), after=cursor, limit=37)
        if not page:
            break
        seen.extend(a.id for a in page)
        cursor = store.cursor_of(View(), page[-1])
    assert len(seen) == len(set(seen)) == 251
    dates = [published(store, i) for i in seen]
    assert dates == sorted(dates, reverse=True)


def test_views_unread_category_feed_and_search(store: Store) -> None:
    fid = feed_id(store)
    new, _ = store.upsert_entries(
        fid, [entry(1, title="Hikvision ordered to close"), entry(2, title="Trade talks end")]
    )
    store.set_read([new[1]])
    assert [a.id for a in store.headlines(View(kind="unread"))] == [new[0]]
    assert store.count(View(kind="category", category="World")) == 2
    assert store.count(View(kind="feed", feed_id=fid)) == 2
    assert [a.id for a in store.headlines(View(kind="search", query="hikvis"))] == [new[0]]
    assert store.count(View(kind="search", query='"unbalanced AND (')) == 0


def test_search_takes_or_minus_and_phrases_and_nothing_else_of_fts_syntax(store: Store) -> None:
    fid = feed_id(store)
    titles = [
        "Hikvision ordered to close",
        "Nadal keeps Spain alive",
        "Tesla Motors opens in Dallas",
        "Tesla stock climbs",
        "C++ standard committee meets",
        "Spain alive after Nadal win",
        "Cabinet meets in Canberra",
    ]
    ids, _ = store.upsert_entries(fid, [entry(n, title=t) for n, t in enumerate(titles)])
    by_title = dict(zip(titles, ids, strict=True))

    def found(query: str) -> set[str]:
        hits = {a.id for a in store.headlines(View(kind="search", query=query))}
        return {t for t, i in by_title.items() if i in hits}

    assert found("nadal OR hikvision") == {titles[0], titles[1], titles[5]}
    # as web search engines read it: OR between the two words beside it, -word for the whole
    assert found("spain OR canberra -nadal") == {"Cabinet meets in Canberra"}
    assert found("tesla OR spain alive") == {titles[1], titles[5]}
    assert found("tesla OR hikvision OR canberra -stock") == {titles[0], titles[2], titles[6]}
    assert found("OR tesla stock OR") == {"Tesla stock climbs"}  # a stray OR is no term
    assert found("tesla -motors") == {"Tesla stock climbs"}
    assert found('"spain alive"') == {titles[1], titles[5]}  # the words in that order
    assert found('"alive spain"') == set()
    assert found("C++") == {"C++ standard committee meets"}  # not every word starting with c
    assert found("hikvis") == {titles[0]}  # as typed: the last word is a prefix
    assert found("-tesla") == set()  # only what must not be there: no search
    for hostile in ('"unbalanced AND (', "NEAR(a b)", "title:x", "*", "a NOT", "AND OR NOT"):
        store.count(View(kind="search", query=hostile))  # no FTS5 syntax error gets through


def test_search_lists_a_storys_copies_once_like_the_other_views(store: Store) -> None:
    fid = feed_id(store)
    (first, copy, other), _ = store.upsert_entries(
        fid,
        [
            entry(1, title="Amazon unveils its Fire phone"),
            entry(2, title="Amazon unveils its Fire phone"),
            entry(3, title="Fire phone reviews are in"),
        ],
    )
    store.set_group(copy, 1, duplicate_of=first)
    found = [a.id for a in store.headlines(View(kind="search", query="fire phone"))]
    assert sorted(found) == sorted([first, other])
    store.set_favourite(copy, True)  # the star is the story's: its first copy is the favourite
    rows = store.headlines(View(kind="search", query="fire phone"))
    assert sorted(a.id for a in rows) == sorted([first, other])
    assert [a.id for a in rows if a.is_favourite] == [first]
    # a copy starred itself (by an older newsreader) is a favourite, always found
    store.db.execute("UPDATE articles SET is_favourite = 1 WHERE id = ?", (copy,))
    rows = store.headlines(View(kind="search", query="fire phone"))
    assert sorted(a.id for a in rows) == sorted([first, copy, other])


def test_mark_view_read_returns_ids_for_undo(store: Store) -> None:
    fid = feed_id(store)
    new, _ = store.upsert_entries(fid, [entry(1), entry(2), entry(3)])
    store.set_read([new[0]])
    ids, copies = store.mark_view_read(View(kind="feed", feed_id=fid))
    assert copies == 0
    assert sorted(ids) == sorted(new[1:])
    assert store.count(View(kind="unread")) == 0
    store.set_read(ids, False)
    assert store.count(View(kind="unread")) == 2


def test_unread_counts_per_feed(store: Store) -> None:
    fid = feed_id(store)
    new, _ = store.upsert_entries(fid, [entry(1), entry(2), entry(3)])
    store.set_read(new[:1])
    assert store.feeds()[0].unread == 2


def test_copies_are_read_together_only_when_asked_and_undo_gives_back_exactly(
    store: Store,
) -> None:
    """related.mark_duplicates_read decides whether a story's copies go with it, in both the
    one-story and the whole-view paths; an undo restores what changed, not more (a copy read
    before stays read)."""
    fid = feed_id(store)
    first, copy, other_copy, plain = store.upsert_entries(fid, [entry(n) for n in range(4)])[0]
    store.save_grouping([(first, 1, None), (copy, 1, first), (other_copy, 1, first)], [], [])
    store.set_read([other_copy])  # read before

    def unread() -> set[int]:  # (the feed's list shows the story once: read each one)
        found = [store.article(i) for i in (first, copy, other_copy, plain)]
        return {a.id for a in found if a is not None and not a.is_read}

    assert store.set_read([copy], with_copies=False) == [copy]
    assert unread() == {first, plain}
    assert store.set_read([copy], False) == [copy]
    changed = store.set_read([copy], with_copies=True)  # the first copy too, from a later one
    assert sorted(changed) == sorted([copy, first]) and unread() == {plain}
    assert sorted(store.set_read(changed, False)) == sorted(changed)
    assert unread() == {first, copy, plain}  # the copy read before stays read

    view = View(kind="all")  # lists one copy of each story: the first
    ids, copies = store.mark_view_read(view, with_copies=False)
    assert sorted(ids) == sorted([first, plain]) and copies == 0 and unread() == {copy}
    store.set_read(ids, False)
    ids, copies = store.mark_view_read(view)
    assert sorted(ids) == sorted([first, plain, copy]) and copies == 1 and unread() == set()
    store.set_read(ids, False)
    assert unread() == {first, copy, plain}


def test_related_story_from_page_can_be_saved_as_favourite(store: Store) -> None:
    (aid,), _ = store.upsert_entries(feed_id(store), [entry(1)])
    story = Story(title="Related one", source="Mint", url="https://mint.example/r1", text="Body.")
    rid = store.save_page_story(aid, story)
    assert store.save_page_story(aid, story) == rid  # saving twice keeps one copy
    favs = store.favourites()
    assert [a.title for a in favs] == ["Related one"]
    assert store.count(View()) == 1  # not listed among the feed's headlines


def test_a_page_story_with_a_stored_articles_url_is_that_article(store: Store) -> None:
    (nadal, harbour), _ = store.upsert_entries(
        feed_id(store), [entry(1, url="http://Example.org/story/1"), entry(2)]
    )
    store.set_favourite(nadal, True)
    seen = Story(title="Nadal keeps Spain alive", url="https://example.org/story/1#comments")
    found = store.articles_by_url([seen.url or "", "https://example.org/story/9", ""])
    assert list(found) == [seen.url] and found[seen.url or ""].id == nadal
    assert store.save_page_story(harbour, seen) == nadal  # no second copy
    assert [a.id for a in store.favourites()] == [nadal]
    store.set_favourite(nadal, False)
    assert store.save_page_story(harbour, seen) == nadal  # favouriting it again: the same one
    assert [a.id for a in store.favourites()] == [nadal]
    assert store.favourites()[0].published == T0 + timedelta(minutes=1)


def test_finding_an_article_by_its_url_uses_an_index(store: Store) -> None:
    """It runs for every related story a pane shows: a scan of 100,000 articles takes ~80 ms."""
    plan = store.query(
        "EXPLAIN QUERY PLAN SELECT id FROM articles a WHERE lower(a.url) IN (?, ?)",
        ("https://example.org/1", "http://example.org/1"),
    )
    assert any("articles_url" in str(row["detail"]) for row in plan)


def test_a_story_seen_on_two_pages_is_kept_once(store: Store) -> None:
    (one, two), _ = store.upsert_entries(feed_id(store), [entry(1), entry(2)])
    story = Story(title="On both pages", url="https://mint.example/r1")
    kept = store.save_page_story(one, story)
    store.set_favourite(kept, False)
    assert store.articles_by_url(["http://MINT.example/r1"])["http://MINT.example/r1"].id == kept
    assert store.save_page_story(two, replace(story, url="http://mint.example/r1")) == kept
    assert [a.id for a in store.favourites()] == [kept]


def test_summary_cache_round_trip(store: Store) -> None:
    (aid,), _ = store.upsert_entries(feed_id(store), [entry(1)])
    key = Store.summary_length_key(3)
    assert store.get_summary(aid, 0, "default", key) is None
    s = Summary(("One.", "Two."), "default", 9)
    store.put_summary(aid, 0, "default", key, s)
    assert store.get_summary(aid, 0, "default", key) == s
    assert store.get_summary(aid, 0, "lexrank", key) is None
    assert Store.summary_length_key(3, 0.25) == "r0.25"


def test_related_links_are_symmetric(store: Store) -> None:
    new, _ = store.upsert_entries(feed_id(store), [entry(1), entry(2), entry(3)])
    store.set_related(new[0], [(new[1], 0.8), (new[2], 0.5)])
    assert [(a.id, s) for a, s in store.related(new[0])] == [(new[1], 0.8), (new[2], 0.5)]
    assert [a.id for a, _ in store.related(new[1])] == [new[0]]
    assert store.headlines(View())[-1].related_count == 2


def test_not_a_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"not a newsreader database.*left unchanged"):
        open_store(path)
    assert path.read_bytes() == b"this is not sqlite at all" * 100
    assert [p.name for p in tmp_path.iterdir()] == ["news.db"]


def test_zero_byte_file_becomes_a_fresh_database(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    path.write_bytes(b"")
    store = open_store(path)
    assert store.recovery_note is None
    assert store.stats().articles == 0


def test_corrupt_database_keeps_readable_favourites(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example")])
    fid = store.feeds()[0].id
    new, _ = store.upsert_entries(fid, [entry(i, summary_text="x" * 3000) for i in range(300)])
    store.set_favourite(new[5], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    # Damage the database header's schema page.
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    path.write_bytes(bytes(data))
    recovered = open_store(path)
    assert recovered.recovery_note is not None
    assert "damaged" in recovered.recovery_note
    assert list(tmp_path.glob("news.db.corrupt*"))


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(StoreError, match="Cannot create the folder"):
        open_store(tmp_path / "afile" / "sub" / "news.db")


def test_database_path_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_a_page_opened_directly_can_be_saved_as_favourite(store: Store) -> None:
    story = Story(title="Opened page", source="Example", url="https://example.org/p", text="Body.")
    sid = store.save_page_story(None, story)
    assert store.save_page_story(None, story) == sid
    favs = store.favourites()
    assert [(a.title, a.feed_title) for a in favs] == [("Opened page", "Example")]
    assert [f.url for f in store.feeds()] == [
        "https://example.org/feed.xml"
    ]  # not listed as a feed
    store.sync_config_feeds([])
    assert [a.id for a in store.favourites()] == [sid]


def test_an_opened_page_is_listed_under_its_site_and_its_own_date(store: Store) -> None:
    dated = Story(
        title="Harbour report",
        source="Harbour Gazette",
        published="2024-05-30T09:15:00+02:00",
        url="https://www.gazette.example/harbour",
        text="Body.",
    )
    same_site = replace(dated, title="Moorings", url="https://gazette.example/moorings")
    same_site = replace(same_site, source="HARBOUR gazette", published="2024-05-29")
    no_name = Story(title="No site name", url="https://www.other.example/x", text="Body.")
    local = Story(title="A file", published="2 hours ago", text="Body.")  # no site, no address
    before = datetime.now(UTC)
    ids = [store.save_page_story(None, s) for s in (dated, same_site, no_name, local)]
    after = datetime.now(UTC)
    got = {a.id: a for a in store.favourites()}
    assert [got[i].feed_title for i in ids] == [
        "Harbour Gazette",
        "Harbour Gazette",  # one source per site name, whatever its case
        "other.example",  # the host when the page names no site
        Store.OPENED_PAGES_TITLE,
    ]
    assert got[ids[0]].feed_id == got[ids[1]].feed_id != got[ids[2]].feed_id
    assert got[ids[0]].published == datetime(2024, 5, 30, 7, 15, tzinfo=UTC)
    assert got[ids[1]].published == datetime(2024, 5, 29, tzinfo=UTC)
    # no date the page gives: none is claimed, and lists fall back to the time it was saved
    assert got[ids[2]].published is None and got[ids[3]].published is None
    for i in ids[2:]:
        first_seen = got[i].first_seen
        assert first_seen is not None and before <= first_seen <= after
    assert [f.url for f in store.feeds()] == ["https://example.org/feed.xml"]


def test_an_opened_page_dated_in_the_future_keeps_no_date_beyond_now(store: Store) -> None:
    now = datetime.now(UTC)
    tomorrow_here = Story(title="Ahead", published=(now + timedelta(hours=3)).isoformat())
    far = Story(title="Far", published=(now + timedelta(days=30)).isoformat())
    ahead, later = store.save_page_story(None, tomorrow_here), store.save_page_story(None, far)
    saved = {a.id: a for a in store.favourites()}
    published = saved[ahead].published
    assert published is not None and now <= published <= datetime.now(UTC)  # counts as now
    assert saved[later].published is None  # not believed: the save time stands in


def test_a_story_is_led_by_a_recent_statement_related_to_most_of_its_reports(
    store: Store,
) -> None:
    hours = [0, 1, 2, 30]  # three reports of today, one from yesterday
    titles = [
        "Rates rise at the central bank",
        "Will the central bank raise rates again?",  # a question
        "Central bank raises rates by a quarter point",
        "Central bank expected to raise rates",  # the report most related, but a day older
    ]
    ids, _ = store.upsert_entries(
        feed_id(store),
        [
            entry(n, title=t, published=T0 - timedelta(hours=h))
            for n, (t, h) in enumerate(zip(titles, hours, strict=True))
        ],
    )
    for i in ids:
        store.set_group(i, 7)
    old, question = ids[3], ids[1]
    store.set_related(old, [(i, 0.5) for i in ids if i != old])
    store.set_related(question, [(i, 0.5) for i in ids if i != question])
    related = {a.id: a.related_count for a in store.headlines(View("all"))}
    assert related[old] == related[question] == 3 and related[ids[0]] == related[ids[2]] == 2
    listed = store.listed_stories(View("all"), [7])[7]
    # not yesterday's report nor the question, though each is related to more of the others
    assert listed.lead.id == ids[0]


def test_stats_count_what_the_reader_lists(store: Store) -> None:
    kept = feed_id(store)
    ids, _ = store.upsert_entries(kept, [entry(n) for n in range(3)])
    store.set_read([ids[0]])
    gone, _ = store.add_feed("https://gone.example/feed.xml", "Gone")
    store.upsert_entries(
        gone.id, [entry(n, guid=f"g{n}", url=f"https://g.example/{n}") for n in range(4)]
    )
    store.remove_feed(gone.id)  # unsubscribed: listed nowhere any more
    stats = store.stats()
    assert (stats.feeds, stats.articles, stats.unread) == (1, 3, 2)
    assert stats.articles == store.count(View("all"))
