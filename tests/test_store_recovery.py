"""Repairing a damaged database keeps what is left in the file; other programs' databases and
paths SQLite cannot use are refused without changing anything.

Each test builds and damages its own database: a file cut short, a header overwritten, pages
scrambled in the middle. What must come back is worked out from the undamaged file (where
each article's row lies), never written down by hand.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.salvage import RECOVERED_FEED
from reader.store import DamageCheck, StoreError, StoreMissing, open_store

T0 = datetime(2025, 1, 1, tzinfo=UTC)
FEEDS = [FeedConfig(f"https://site{k}.example/feed.xml", "", "World") for k in range(3)]
WORDS = ["harbour", "council", "plan", "vote", "river", "city", "market", "bridge", "rail"]
PAGE = 4096


def entry(i: int, rnd: random.Random) -> ParsedEntry:
    text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(60, 200)))
    return ParsedEntry(
        f"guid-{i}",
        f"https://news.example/{i}",
        f"Story {i}",
        author="Reporter",
        published=T0 + timedelta(minutes=i),
        content_html=f"<p>{text}</p>",
        summary_text=f"What happened in story {i}",
    )


@dataclass
class Saved:
    """An article as the user had it (what a repair must give back)."""

    title: str
    url: str
    summary: str
    feed_title: str
    is_read: bool
    is_favourite: bool
    favourited_at: float | None


def build(path: Path, n: int = 600) -> dict[str, Saved]:
    """A database of ``n`` stories in three feeds (titled by their "fetch"), 8 favourites
    (3 of them unread), about half of the others read, all in the file itself (no WAL)."""
    rnd = random.Random(7)
    store = open_store(path)
    store.sync_config_feeds(FEEDS)
    feeds = store.feeds()
    for k, feed in enumerate(feeds):
        store.update_feed(feed.id, title=f"Feed title {k}")
    for start in range(0, n, 200):
        feed = feeds[start // 200 % len(feeds)]
        store.upsert_entries(feed.id, [entry(i, rnd) for i in range(start, min(n, start + 200))])
    ids = [int(r[0]) for r in store.db.execute("SELECT id FROM articles ORDER BY id")]
    store.set_read([i for i in ids if rnd.random() < 0.5], True)
    favourites = rnd.sample(ids, 8)
    for i in favourites:
        store.set_favourite(i, True)
    store.set_read(favourites[:5], True)
    store.set_read(favourites[5:], False)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    saved = state(store.db)
    store.close()
    return saved


def state(db: sqlite3.Connection) -> dict[str, Saved]:
    rows = db.execute(
        "SELECT a.guid, a.title, a.url, a.summary_text, f.title, a.is_read, a.is_favourite, "
        "a.favourited_at FROM articles a JOIN feeds f ON f.id = a.feed_id"
    )
    return {
        r[0]: Saved(r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7]) for r in rows.fetchall()
    }


def row_pages(path: Path, saved: dict[str, Saved]) -> dict[str, int]:
    """The page that holds each article's row: where its guid is followed by its url (the
    guid alone is also in the guid index)."""
    data = path.read_bytes()
    pages = {}
    for guid, article in saved.items():
        at = data.find(guid.encode() + article.url.encode())
        assert at > 0, guid
        pages[guid] = at // PAGE + 1
    return pages


def reopened(path: Path) -> tuple[dict[str, Saved], str]:
    store = open_store(path, DamageCheck(path, wait=30))
    note = store.recovery_note or ""
    got = state(store.db)
    store.close()
    return got, note


def assert_kept_as_they_were(
    got: dict[str, Saved], saved: dict[str, Saved], whole: set[str]
) -> None:
    """Articles whose page is ``whole`` come back as they were; one from a page cut through
    may have lost text (the next refresh gives it again), never its read or favourite state."""
    for guid, article in got.items():
        assert guid in saved
        if guid in whole:
            assert article == saved[guid], guid
        else:
            assert (article.is_read, article.is_favourite) == (
                saved[guid].is_read,
                saved[guid].is_favourite,
            ), guid


def test_a_file_cut_short_keeps_every_article_in_what_is_left(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    saved = build(db)
    pages = row_pages(db, saved)
    size = db.stat().st_size
    for cut in (0.05, 0.5):
        copy = tmp_path / f"cut{cut}" / "news.db"
        copy.parent.mkdir()
        copy.write_bytes(db.read_bytes()[: int(size * (1 - cut))])
        left = copy.stat().st_size // PAGE
        expected = {g for g, page in pages.items() if page <= left}
        assert 0 < len(expected) < len(saved)
        got, note = reopened(copy)
        assert "moved to news.db.corrupt" in note
        assert expected <= set(got)  # read and unread alike
        assert_kept_as_they_were(got, saved, expected)
        favourites = {g for g, a in got.items() if a.is_favourite}
        assert {g for g in expected if saved[g].is_favourite} <= favourites
        assert f"{len(favourites)} favourite" in note


def test_a_damaged_header_loses_nothing_else(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    saved = build(db)
    data = bytearray(db.read_bytes())
    data[:700] = random.Random(1).randbytes(700)
    db.write_bytes(bytes(data))
    got, note = reopened(db)
    assert got == saved  # favourites (unread ones unread), feed titles, every read state
    assert "8 favourites recovered" in note


def test_scrambled_pages_lose_only_the_articles_on_them(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    saved = build(db)
    pages = row_pages(db, saved)
    total = db.stat().st_size // PAGE
    favourite_pages = {pages[g] for g, a in saved.items() if a.is_favourite}
    rnd = random.Random(5)
    wrecked = set(rnd.sample([p for p in range(2, total + 1) if p not in favourite_pages], 12))
    data = bytearray(db.read_bytes())
    for page in wrecked:
        data[(page - 1) * PAGE : page * PAGE] = rnd.randbytes(PAGE)
    db.write_bytes(bytes(data))
    got, note = reopened(db)
    assert "moved to news.db.corrupt" in note
    intact = {g for g, page in pages.items() if page not in wrecked}
    assert intact <= set(got)
    assert_kept_as_they_were(got, saved, intact)
    assert "8 favourites recovered" in note


def test_after_a_repair_a_refresh_brings_no_read_story_back_unread(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    saved = build(db, n=200)
    data = bytearray(db.read_bytes())
    data[:700] = b"\0" * 700
    db.write_bytes(bytes(data))
    store = open_store(db)
    assert store.recovery_note
    store.sync_config_feeds(FEEDS)
    feed = store.feeds()[0]
    rnd = random.Random(7)
    new, _ = store.upsert_entries(feed.id, [entry(i, rnd) for i in range(200)])
    assert new == []
    after = state(store.db)
    store.close()
    assert {g for g, a in after.items() if a.is_read} == {g for g, a in saved.items() if a.is_read}


def test_articles_whose_feed_was_lost_go_back_to_it_on_the_next_refresh(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    saved = build(db, n=200)
    con = sqlite3.connect(db)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'feeds'").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * PAGE : root * PAGE] = b"\xff" * PAGE
    db.write_bytes(bytes(data))
    got, _ = reopened(db)
    assert set(got) == set(saved)
    assert {a.feed_title for a in got.values()} == {RECOVERED_FEED[1]}
    store = open_store(db)
    listed = {a.guid for a in store.headlines(View("all"), limit=500)}
    assert listed == set(saved)  # listed in All meanwhile, not hidden under a feed not shown
    unread = {g for g, a in saved.items() if not a.is_read}
    assert {a.guid for a in store.headlines(View("unread"), limit=500)} == unread
    store.sync_config_feeds(FEEDS)
    feed = store.feed_by_url(FEEDS[0].url)
    assert feed is not None
    store.upsert_entries(feed.id, [ParsedEntry("guid-3", "https://news.example/3", "Story 3")])
    assert store.articles_by_url(["https://news.example/3"])["https://news.example/3"].feed_id == (
        feed.id
    )
    store.close()


def test_an_sqlite_database_of_another_program_is_refused_and_left_unchanged(
    tmp_path: Path,
) -> None:
    for tables in (
        "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)",
        "CREATE TABLE articles(x)",
    ):
        other = tmp_path / f"other{len(tables)}.sqlite"
        con = sqlite3.connect(other)
        con.execute(tables)
        con.execute("PRAGMA user_version = 3")
        con.commit()
        con.close()
        before = hashlib.sha256(other.read_bytes()).hexdigest()
        with pytest.raises(StoreError, match=r"another program.*left unchanged"):
            open_store(other)
        assert hashlib.sha256(other.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in tmp_path.glob(other.name + "*")) == [other.name]


def test_a_path_with_no_database_is_not_made_one_when_only_reading(tmp_path: Path) -> None:
    missing = tmp_path / "sub" / "news.db"
    with pytest.raises(StoreMissing, match="no newsreader database"):
        open_store(missing, create=False)
    assert not (tmp_path / "sub").exists()
    open_store(missing).close()  # made when it is to be written
    open_store(missing, create=False).close()


def test_stats_at_a_db_path_with_no_database_says_so(tmp_path: Path) -> None:
    from reader.cli import main

    db = tmp_path / "none.db"
    assert main(["stats", "--db", str(db)]) == 1
    assert not db.exists()


def test_a_database_path_too_long_for_sqlite_says_so(tmp_path: Path) -> None:
    deep = tmp_path
    while len(str(deep)) < 520:
        deep = deep / ("d" * 60)
    with pytest.raises(StoreError, match="too long for SQLite"):
        open_store(deep / "news.db")
    with pytest.raises(StoreError, match=r"name in the database path .* too long"):
        open_store(tmp_path / ("n" * 300 + ".db"))


def test_articles_on_wrecked_pages_keep_what_the_indexes_say_and_a_refresh_the_rest(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    saved = build(db, n=300)
    pages = row_pages(db, saved)
    favourite_pages = {pages[g] for g, a in saved.items() if a.is_favourite}
    wrecked = {g for g, page in pages.items() if page in favourite_pages}
    data = bytearray(db.read_bytes())
    for page in favourite_pages:
        data[(page - 1) * PAGE : page * PAGE] = b"\xff" * PAGE
    db.write_bytes(bytes(data))
    got, note = reopened(db)
    assert set(got) == set(saved)
    for guid in wrecked:  # from the indexes: guid, url, feed, read, favourite and when
        was, now = saved[guid], got[guid]
        assert (now.url, now.feed_title, now.is_read) == (was.url, was.feed_title, was.is_read)
        assert (now.is_favourite, now.favourited_at) == (was.is_favourite, was.favourited_at)
    assert "8 favourites recovered" in note and f"{len(wrecked)} of them lost their text" in note
    store = open_store(db)
    rnd = random.Random(7)
    entries = [entry(i, rnd) for i in range(300)]  # (the same stories, the same texts)
    for start in range(0, 300, 200):
        feed = store.feed_by_url(FEEDS[start // 200].url)
        assert feed is not None
        new, _ = store.upsert_entries(feed.id, entries[start : start + 200])
        assert new == []
    after = state(store.db)
    store.close()
    assert after == saved


def test_favourites_still_in_the_wal_file_survive_a_damaged_header(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    build(db, n=200)
    store = open_store(db)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    ids = [int(r[0]) for r in store.db.execute("SELECT id FROM articles WHERE is_favourite = 0")]
    for i in ids[:3]:
        store.set_favourite(i, True)  # written to the WAL file only
    saved = state(store.db)
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # the files as a crash leaves them
        (crashed / f"news.db{suffix}").write_bytes(Path(f"{db}{suffix}").read_bytes())
    store.close()
    copy = crashed / "news.db"
    assert Path(f"{copy}-wal").stat().st_size > 0
    data = bytearray(copy.read_bytes())
    data[:700] = b"\0" * 700
    copy.write_bytes(bytes(data))
    got, note = reopened(copy)
    assert got == saved
    assert "11 favourites recovered" in note


def test_a_repair_that_fills_the_disk_leaves_the_file_for_the_next_start(tmp_path: Path) -> None:
    import subprocess

    from tests.hazards.mounts import tmpfs

    built = tmp_path / "built" / "news.db"
    built.parent.mkdir()
    saved = build(built, n=300)
    data = bytearray(built.read_bytes())
    data[:700] = b"\0" * 700
    room = len(data) + 64 * 1024  # the damaged file fits; a copy of what it holds does not
    with tmpfs(tmp_path / "mnt", f"{room // 1024}k") as mnt:
        db = mnt / "news.db"
        db.write_bytes(bytes(data))
        with pytest.raises(StoreError, match="full"):
            open_store(db)
        assert db.read_bytes() == bytes(data)  # back where it was, as it was
        assert not list(mnt.glob("*corrupt*")) and not Path(f"{db}-wal").exists()
        subprocess.run(["mount", "-o", "remount,size=16m", str(mnt)], check=True)
        got, note = reopened(db)
        assert got == saved and "8 favourites recovered" in note


def test_after_a_repair_pruned_stories_stay_pruned(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    build(db, n=200)
    store = open_store(db)
    assert store.prune(1, now=datetime.now(UTC).timestamp() + 90 * 86400) > 0
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    kept = state(store.db)
    store.close()
    pages = row_pages(db, kept)
    wrecked = pages[next(g for g, a in kept.items() if not a.is_favourite)]
    data = bytearray(db.read_bytes())
    data[(wrecked - 1) * PAGE : wrecked * PAGE] = random.Random(3).randbytes(PAGE)
    db.write_bytes(bytes(data))
    store = open_store(db, DamageCheck(db, wait=30))
    assert store.recovery_note
    store.sync_config_feeds(FEEDS)
    rnd = random.Random(7)
    new, _ = store.upsert_entries(store.feeds()[0].id, [entry(i, rnd) for i in range(200)])
    back = {a.guid for a in store.articles_for_grouping(ids=new)}
    store.close()
    # the feeds still list the pruned ones: they are not news again (the stories lost on the
    # damaged page are, unread as they were or not)
    assert back <= {g for g, page in pages.items() if page == wrecked}


def test_a_repair_is_announced_before_it_starts(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    build(db, n=50)
    data = bytearray(db.read_bytes())
    data[:700] = random.Random(2).randbytes(700)
    db.write_bytes(bytes(data))
    said: list[tuple[str, bool]] = []  # what was said, and whether the repair had begun

    def say(text: str) -> None:
        said.append((text, (tmp_path / "news.db").exists()))

    store = open_store(db, say=say)
    try:
        assert store.recovery_note  # repaired
    finally:
        store.close()
    ((text, begun),) = said
    assert "damaged" in text and "repairing" in text and "news.db.corrupt" in text
    assert not begun  # said before the new database was made and filled


def test_a_command_that_only_reads_leaves_a_file_that_is_no_database_alone(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes.txt"  # a mistyped --db
    notes.write_text("Shopping: milk, bread.\n" * 20)
    with pytest.raises(StoreError, match="not a newsreader database"):
        open_store(notes, create=False)
    assert notes.read_text() == "Shopping: milk, bread.\n" * 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    # a damaged newsreader database given to such a command is still repaired
    db = tmp_path / "news.db"
    build(db, n=20)
    data = bytearray(db.read_bytes())
    data[:100] = bytes(100)
    db.write_bytes(bytes(data))
    store = open_store(db, create=False)
    assert store.recovery_note
    store.close()
