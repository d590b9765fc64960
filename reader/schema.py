"""SQLite schema for the store, as a version-keyed table of migrations (``PRAGMA user_version``).

Each migration runs in one transaction together with the version bump, so an interrupted migration
leaves the database at the previous version. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable


def _v1_core(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE feeds (
            id              INTEGER PRIMARY KEY,
            url             TEXT NOT NULL UNIQUE,
            title           TEXT NOT NULL DEFAULT '',
            category        TEXT NOT NULL DEFAULT '',
            site_url        TEXT NOT NULL DEFAULT '',
            origin          TEXT NOT NULL DEFAULT 'config',
            etag            TEXT,
            last_modified   TEXT,
            last_fetched    REAL,
            last_error      TEXT,
            failures        INTEGER NOT NULL DEFAULT 0,
            next_fetch      REAL,
            dead            INTEGER NOT NULL DEFAULT 0,
            full_article    INTEGER NOT NULL DEFAULT 0,
            active          INTEGER NOT NULL DEFAULT 1,
            content_hash    TEXT,
            language        TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute(
        """
        CREATE TABLE articles (
            id              INTEGER PRIMARY KEY,
            feed_id         INTEGER NOT NULL REFERENCES feeds(id),
            guid            TEXT NOT NULL UNIQUE,
            url             TEXT NOT NULL DEFAULT '',
            title           TEXT NOT NULL DEFAULT '',
            author          TEXT NOT NULL DEFAULT '',
            published       REAL NOT NULL,
            has_date        INTEGER NOT NULL DEFAULT 1,
            updated         REAL,
            content_html    TEXT NOT NULL DEFAULT '',
            summary_text    TEXT NOT NULL DEFAULT '',
            is_read         INTEGER NOT NULL DEFAULT 0,
            is_favourite    INTEGER NOT NULL DEFAULT 0,
            favourited_at   REAL,
            first_seen      REAL NOT NULL,
            content_hash    TEXT NOT NULL DEFAULT ''
        )"""
    )
    db.execute("CREATE INDEX articles_feed_date ON articles(feed_id, published DESC, id DESC)")
    db.execute("CREATE INDEX articles_date ON articles(published DESC, id DESC)")
    db.execute("CREATE INDEX articles_unread ON articles(feed_id) WHERE is_read = 0")
    db.execute(
        "CREATE INDEX articles_favourites ON articles(favourited_at DESC, id DESC) "
        "WHERE is_favourite = 1"
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _v2_fts(db: sqlite3.Connection) -> None:
    db.execute("ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT ''")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, summary_text, body_text, content='articles', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
             INSERT INTO articles_fts(rowid, title, summary_text, body_text)
             VALUES (new.id, new.title, new.summary_text, new.body_text);
           END"""
    )
    db.execute(
        """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
             INSERT INTO articles_fts(articles_fts, rowid, title, summary_text, body_text)
             VALUES ('delete', old.id, old.title, old.summary_text, old.body_text);
           END"""
    )
    db.execute(
        """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, summary_text, body_text
           ON articles BEGIN
             INSERT INTO articles_fts(articles_fts, rowid, title, summary_text, body_text)
             VALUES ('delete', old.id, old.title, old.summary_text, old.body_text);
             INSERT INTO articles_fts(rowid, title, summary_text, body_text)
             VALUES (new.id, new.title, new.summary_text, new.body_text);
           END"""
    )
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def _v3_pages_summaries_related(db: sqlite3.Connection) -> None:
    # 'feed' = from a feed; 'page' = a related story saved from a page (a favourite of its own)
    db.execute("ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'feed'")
    db.execute("ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE articles ADD COLUMN group_id INTEGER")
    db.execute("ALTER TABLE articles ADD COLUMN duplicate_of INTEGER")
    db.execute("CREATE INDEX articles_group ON articles(group_id) WHERE group_id IS NOT NULL")
    db.execute(
        """
        CREATE TABLE pages (
            article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            fetched_at  REAL NOT NULL,
            source      TEXT NOT NULL,          -- 'page' (extracted) or 'feed' (fallback)
            note        TEXT,
            page_json   TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE summaries (
            article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            part        INTEGER NOT NULL DEFAULT 0,   -- 0 = the article, i = related story i on its page
            algorithm   TEXT NOT NULL,
            length      TEXT NOT NULL,                -- '3' sentences or 'r0.2' ratio
            created     REAL NOT NULL,
            summary_json TEXT NOT NULL,
            PRIMARY KEY (article_id, part, algorithm, length)
        )"""
    )
    db.execute(
        """
        CREATE TABLE related (
            article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            other_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            score       REAL NOT NULL,
            kind        TEXT NOT NULL DEFAULT 'feed',
            PRIMARY KEY (article_id, other_id)
        )"""
    )
    db.execute("CREATE INDEX related_other ON related(other_id)")


def _v4_url_index(db: sqlite3.Connection) -> None:
    # a story found on a page is the stored article with its URL (Store.articles_by_url)
    db.execute("CREATE INDEX articles_url ON articles(lower(url))")


def _v5_pruned(db: sqlite3.Connection) -> None:
    # what retention pruned (read, not favourites), by a 64-bit hash of the guid: a feed that
    # still lists one (a slow blog's last twenty posts) does not bring it back as unread;
    # "seen" is the last time a feed listed it (see Store.upsert_entries, Store.prune)
    db.execute(
        "CREATE TABLE pruned (guid_key INTEGER PRIMARY KEY, feed_id INTEGER NOT NULL, "
        "seen REAL NOT NULL)"
    )
    db.execute("CREATE INDEX pruned_feed ON pruned(feed_id, seen)")
    # pruning and a refresh's new arrivals go by first_seen; a story's copies by duplicate_of
    db.execute("CREATE INDEX articles_first_seen ON articles(first_seen)")
    db.execute(
        "CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL"
    )


def _v6_unread_by_date(db: sqlite3.Connection) -> None:
    # the unread headlines newest first (All, Unread, Today or a category with read headlines
    # hidden): without it, a list with few unread ones walks the date index through every
    # read article (about 150 ms among 100,000 when fewer than a page are unread)
    db.execute(
        "CREATE INDEX articles_unread_date ON articles(published DESC, id DESC) WHERE is_read = 0"
    )


def _v7_unsubscribed(db: sqlite3.Connection) -> None:
    # when a feed was unsubscribed (made inactive; NULL while subscribed, and for the feeds that
    # never were: pages opened directly, articles recovered without theirs): once it has been
    # unsubscribed for the retention period, its articles that are not favourites are pruned,
    # unread ones too (see Store.prune)
    db.execute("ALTER TABLE feeds ADD COLUMN unsubscribed REAL")
    # feeds unsubscribed before this version: the retention period starts now
    db.execute(
        "UPDATE feeds SET unsubscribed = ? WHERE active = 0 AND last_fetched IS NOT NULL",
        (time.time(),),
    )


def _v8_enclosures(db: sqlite3.Connection) -> None:
    # the files a feed attaches to an article (a podcast's audio, a video), as JSON
    # [{"url", "type", "length"}]; "" for none (and for the articles stored before this version,
    # until a refresh of their feed gives them: see Store.upsert_entries)
    db.execute("ALTER TABLE articles ADD COLUMN enclosures TEXT NOT NULL DEFAULT ''")
    _refetch_feeds(db)  # ... which needs each feed read again


def _refetch_feeds(db: sqlite3.Connection) -> None:
    """What a migration that keeps more of a feed than before needs: each feed read again whole.
    Its server would answer "not modified" (or send the body it sent before, which is not
    parsed again), so the validators go and the next refresh fetches every feed in full, once,
    as a first fetch does (UPGRADE_NOTES says so)."""
    db.execute("UPDATE feeds SET etag = NULL, last_modified = NULL, content_hash = NULL")


# the columns of ``articles`` in their order (versions 1 to 8), which the rebuild keeps: a
# damaged file's rows are read by this order (reader.salvage.ARTICLE_COLS)
_ARTICLE_COLUMNS = """
    id              INTEGER PRIMARY KEY,
    feed_id         INTEGER NOT NULL REFERENCES feeds(id),
    guid            TEXT NOT NULL,
    url             TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    author          TEXT NOT NULL DEFAULT '',
    published       REAL NOT NULL,
    has_date        INTEGER NOT NULL DEFAULT 1,
    updated         REAL,
    content_html    TEXT NOT NULL DEFAULT '',
    summary_text    TEXT NOT NULL DEFAULT '',
    is_read         INTEGER NOT NULL DEFAULT 0,
    is_favourite    INTEGER NOT NULL DEFAULT 0,
    favourited_at   REAL,
    first_seen      REAL NOT NULL,
    content_hash    TEXT NOT NULL DEFAULT '',
    body_text       TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT 'feed',
    language        TEXT NOT NULL DEFAULT '',
    group_id        INTEGER,
    duplicate_of    INTEGER,
    enclosures      TEXT NOT NULL DEFAULT ''
"""
_ARTICLE_NAMES = ", ".join(line.split()[0] for line in _ARTICLE_COLUMNS.strip().splitlines())


def _v9_guid_per_feed(db: sqlite3.Connection) -> None:
    # an article is its feed's: two feeds carrying the same item (a site's "Top stories" and
    # "World", the guid its link) each keep their copy, which the grouping makes one story
    # (Store.earlier_copies); until now the second feed's copy was not stored at all.
    # SQLite changes a UNIQUE constraint only by rebuilding the table (its documented steps:
    # https://www.sqlite.org/lang_altertable.html#otheralter). ``migrate`` runs this with
    # foreign keys off, so that dropping the old table does not cascade to the pages,
    # summaries and related links of its articles; every row keeps its id, so they and the
    # search index (rowid = id, the same text) hold as they are. Its indexes and the search
    # index's triggers go with the old table and are made again as they were.
    kept = [
        str(r[0])
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'articles' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name"
        )
    ]
    before = int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    db.execute(f"CREATE TABLE articles_v9 ({_ARTICLE_COLUMNS})")
    db.execute(
        f"INSERT INTO articles_v9({_ARTICLE_NAMES}) SELECT {_ARTICLE_NAMES} FROM articles "
        "ORDER BY id"
    )
    after = int(db.execute("SELECT COUNT(*) FROM articles_v9").fetchone()[0])
    if after != before:  # (cannot happen: a check that nothing was lost before the old goes)
        raise sqlite3.DatabaseError(f"articles copied {after} of {before}: migration stopped")
    db.execute("DROP TABLE articles")
    db.execute("ALTER TABLE articles_v9 RENAME TO articles")
    for sql in kept:
        db.execute(sql)
    # one article per guid in a feed; by guid first, which also finds another feed's copy
    db.execute("CREATE UNIQUE INDEX articles_guid ON articles(guid, feed_id)")
    # the copies a feed could not keep until now come with its next fetch of its whole document
    _refetch_feeds(db)
    # what the server answered to the feed's last fetch: its HTTP status (0 when no answer
    # came; NULL for a feed not fetched since this version), and the wait it asked for with
    # Retry-After on a 429 or 503 (seconds; NULL when it named none): a refresh by hand leaves
    # such a feed alone (refresh.server_asked_to_wait), not one waiting for its own back-off
    db.execute("ALTER TABLE feeds ADD COLUMN last_status INTEGER")
    db.execute("ALTER TABLE feeds ADD COLUMN retry_after REAL")


def _v10_pruned_by_story(db: sqlite3.Connection) -> None:
    """A story retention prunes from now on is remembered in table ``pruned`` by its guid with
    its link, and by its guid with its headline (two rows, Store.story_keys), no longer by its
    guid alone: a feed that gives the guid to another story (a new link and a new headline:
    items numbered anew, a "latest" guid) has that story shown, not skipped as pruned, while
    the story pruned, retitled or moved, stays out (as Store._another_story judges a stored
    article). The table is as it was; its rows of before (a guid's key alone, its story not
    kept) stay and mean what they meant: whatever story the feed gives under that guid is the
    one pruned, and stays out until the feed has left the guid out for the grace period.
    Nothing is rewritten: the version is what keeps an older newsreader, which knows pruned
    stories by their guid's key alone, from writing here (each story pruned since would come
    back unread at its refresh); it still reads the file (READABLE_BY)."""


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _v1_core,
    2: _v2_fts,
    3: _v3_pages_summaries_related,
    4: _v4_url_index,
    5: _v5_pruned,
    6: _v6_unread_by_date,
    7: _v7_unsubscribed,
    8: _v8_enclosures,
    9: _v9_guid_per_feed,
    10: _v10_pruned_by_story,
}
LATEST = max(MIGRATIONS)
# what the user is told at the first start after an upgrade that crossed a version listed here:
# a migration whose effect shows, one that makes the next refresh fetch every feed in full
# (_refetch_feeds), and what for
UPGRADE_NOTES: dict[int, str] = {
    8: "podcast episodes get their audio",
    9: "a story two of your feeds carry is listed in both",
}
# the migrations that rebuild a table: ``migrate`` runs them with foreign keys off (dropping the
# old table would otherwise delete what refers to its rows), as SQLite's documented steps do
REBUILDS = frozenset({9})


def upgrade_note(start: int, target: int = LATEST) -> str | None:
    """The line for the user after a database of version ``start`` was brought to ``target``
    (None when nothing was upgraded: a new database, or one already there)."""
    if start <= 0 or start >= target:
        return None
    said = [UPGRADE_NOTES[v] for v in range(start + 1, target + 1) if v in UPGRADE_NOTES]
    tail = (
        f": the next refresh fetches every feed in full, once, so {' and '.join(said)}."
        if said
        else "."
    )
    return f"The database was upgraded for this version of newsreader{tail}"


# the oldest version this code reads as it is (a read-only file cannot be migrated): version 5
# adds only what writes use, version 6 an index that makes reading faster, version 7 what
# pruning uses; version 8 enclosures, which an older file's articles are read without
# (Store.article); version 10 changes only what pruning and refreshes use (table pruned)
READABLE_SINCE = 4
# a database of a newer schema is refused (its writer may store things this code would get
# wrong) unless the newsreader that wrote it says otherwise: one whose schema only adds what
# older code's reads do not need (an index, a table, a column with a default) puts the oldest
# schema version that can still read it under this key of table ``meta``; this code then
# opens it read-only. Absent, a newer database is not read.
READABLE_BY_KEY = "schema_readable_by"
# what each version says under that key: the oldest schema whose code still reads it (opened
# read-only). A version not listed says nothing (``migrate`` removes what an earlier one said),
# so a new migration has to state it on purpose. Version 8 only adds a column with a default,
# which older reads do not name; 7 is the oldest schema whose code looks at the key. Version 9
# has the same columns and indexes (one more, a unique one) and a feed's copy of a story another
# feed carries too: older code lists it as it lists any copy (under the first one, where both
# are in a list), so it reads the file; its writes, which take a guid to be one article in the
# whole database, are refused by the read-only opening. (The two columns it adds to feeds,
# with no default but NULL, older reads do not name.) Version 10 changes only what table
# ``pruned``, which reads never use, holds.
READABLE_BY: dict[int, int] = {8: 7, 9: 7, 10: 7}


def migrate(db: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring ``db`` (autocommit mode) to ``target``; returns the version it started at.

    Another process may migrate the same file at the same time (the reader and a cron
    ``newsreader refresh`` started together after an upgrade): each step reads the version
    again once it holds the write lock, and a step the other one has made is not made twice."""
    start = int(db.execute("PRAGMA user_version").fetchone()[0])
    for version in range(start + 1, target + 1):
        # (the pragma does nothing inside a transaction: it is set before, and set back after)
        keys_on = int(db.execute("PRAGMA foreign_keys").fetchone()[0])
        if version in REBUILDS and keys_on:
            db.execute("PRAGMA foreign_keys = OFF")
        try:
            _migrate_step(db, version)
        finally:
            if version in REBUILDS and keys_on:
                db.execute("PRAGMA foreign_keys = ON")
    return start


def _migrate_step(db: sqlite3.Connection, version: int) -> None:
    """Bring ``db`` from ``version`` - 1 to ``version`` in one transaction (nothing if another
    process has meanwhile)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if int(db.execute("PRAGMA user_version").fetchone()[0]) >= version:
            db.execute("ROLLBACK")
            return
        MIGRATIONS[version](db)
        if version in READABLE_BY:
            db.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                (READABLE_BY_KEY, str(READABLE_BY[version])),
            )
        else:
            db.execute("DELETE FROM meta WHERE key = ?", (READABLE_BY_KEY,))
        db.execute(f"PRAGMA user_version = {version}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
