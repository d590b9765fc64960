"""SQLite store: a small typed facade over the database (frozen dataclasses out, never rows).

One connection per thread (``threading.local``), WAL, foreign keys, short ``BEGIN IMMEDIATE``
transactions with a busy timeout, keyset paging for headline lists, FTS5 for search.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from reader import __version__
from reader.config import FeedConfig
from reader.models import (
    Article,
    Block,
    Cursor,
    Enclosure,
    Feed,
    Page,
    ParsedEntry,
    Stats,
    StoreReason,
    Story,
    Summary,
    View,
)
from reader.salvage import DB_ERRORS, RECOVERED_FEED, Salvaged, lenient_text, salvage
from reader.schema import LATEST, READABLE_BY_KEY, READABLE_SINCE, migrate, upgrade_note
from reader.search import fts_query
from reader.textutil import clean_block, clean_line, normalise_title, url_key

if sys.platform != "win32":
    import fcntl

BUSY_TIMEOUT_MS = 5000


def _utc_now() -> datetime:
    return datetime.now(UTC)


# the WAL file is cut back to this after a checkpoint: a reader left open for weeks would
# otherwise keep it at the size of its largest write (a feed of thousands, a big pruning)
WAL_LIMIT = 32 * 1024 * 1024


def _wal_mode(conn: sqlite3.Connection) -> None:
    """Switch to WAL. The switch needs the file to itself and SQLite does not wait for it:
    when two processes create the database at once (the reader and a cron refresh), the
    second one waits here for the busy timeout instead of failing at once."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class StoreError(Exception):
    """A database problem, phrased for the user. ``reason`` says which kind of problem it is, for
    code that words it its own way or decides what to do: "busy" (another process holds it),
    "read_only" (the file cannot be written), "full" (the disk is), "corrupt" (the file is
    damaged), "newer" (a newer newsreader wrote it), "gone" (the file was deleted or replaced
    while open), "other" (anything else, its text says it)."""

    reason: StoreReason = "other"

    def __init__(self, message: str, reason: StoreReason | None = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason


class StoreBusy(StoreError):
    """Another process holds the database for longer than the busy timeout."""

    reason: StoreReason = "busy"

    def __init__(self, message: str, path: Path | None = None, holder: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.holder = holder  # who holds it, as the message names it


def _lock_holders(path: Path) -> list[str]:
    """The other processes holding a write lock on the database at ``path`` or its WAL index,
    named for the user ("sqlite3 (process 4242)", "another newsreader (process 42)"), as
    Linux lists them in /proc/locks; [] where that cannot be read."""
    wanted: set[tuple[int, int, int]] = set()
    for file in (path, Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            st = file.stat()
            wanted.add((os.major(st.st_dev), os.minor(st.st_dev), st.st_ino))
    try:
        lines = Path("/proc/locks").read_text().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    pids: list[int] = []
    for line in lines:
        # "1: POSIX  ADVISORY  WRITE 2751 fe:00:2482184 1073741826 1073742335" ("->": waiting)
        fields = line.split()
        if len(fields) < 6 or fields[1] == "->" or fields[3] != "WRITE":
            continue
        try:
            pid = int(fields[4])
            major, minor, inode = fields[5].split(":")
            where = (int(major, 16), int(minor, 16), int(inode))
        except ValueError:
            continue
        if where in wanted and pid > 0 and pid != os.getpid() and pid not in pids:
            pids.append(pid)
    names = []
    for pid in pids:
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            comm = Path(f"/proc/{pid}/comm").read_text()
        except OSError:
            continue
        args = [os.fsdecode(a) for a in argv if a]
        ours = any(Path(a).name == "newsreader" or a == "reader.cli" for a in args[:3])
        name = "another newsreader" if ours else clean_line(comm, 40) or "a program"
        names.append(f"{name} (process {pid})")
    return names


def _busy(path: Path) -> StoreBusy:
    """The database stayed locked by another process for the whole busy timeout, with who
    holds it where that can be seen."""
    holders = _lock_holders(path)
    holder = ", ".join(holders[:3]) if holders else "another newsreader or another program"
    held = f" Held now by: {holder}." if holders else ""
    return StoreBusy(
        f"The database {path} is busy: another newsreader is writing to it, or another program "
        f"has it locked.{held} Try again in a moment, or once that program has finished.",
        path,
        holder,
    )


def _ts(value: datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def _dt(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


def _page_site(story: Story) -> str:
    """The site a page opened directly comes from: the name extraction found (og:site_name, the
    publisher), else the host of its address without "www."; "" for a local file naming none."""
    site = clean_line(story.source, 80)
    if not site and story.url:
        with contextlib.suppress(ValueError):
            host = urllib.parse.urlsplit(story.url).hostname or ""
            site = clean_line(host.removeprefix("www."), 80)
    return site


def _page_date(published: str, now: float) -> float | None:
    """A page's own publication date as extraction gives it (ISO 8601) as a timestamp; None for
    no date, a text such as "2 hours ago", or a date more than a day after ``now``. A date
    within that day (the page's time zone runs ahead of UTC) counts as ``now``."""
    text = clean_line(published, 60)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    stamp = parsed.timestamp()
    return None if stamp > now + 86400 else min(stamp, now)


@functools.lru_cache(maxsize=16384)
def _feed_key(url: str) -> str:
    """``url_key`` of a feed's address, remembered: every subscription looked up compares it
    with every feed's (an OPML import of a thousand feeds looks up a thousand)."""
    return url_key(url)


# every stored feed's address, subscribed ones first (see _FeedAddresses)
_FEED_ADDRESSES = "SELECT id, url, active FROM feeds ORDER BY active DESC, id"


class _FeedAddresses:
    """Stored feeds (rows of _FEED_ADDRESSES) by address and by address identity (``url_key``):
    which one an address names (``Store.feed_by_url``, ``Store.sync_config_feeds``)."""

    def __init__(self, rows: Iterable[sqlite3.Row]) -> None:
        self._by_url: dict[str, tuple[int, str, bool]] = {}
        self._by_key: dict[str, tuple[int, str, bool]] = {}
        for row in rows:
            self.add(int(row["id"]), str(row["url"]), bool(row["active"]))

    def add(self, feed_id: int, url: str, active: bool) -> None:
        found = (feed_id, url, active)
        self._by_url[url] = found
        self._by_key.setdefault(_feed_key(url), found)  # (the first: a subscribed one)

    def find(self, url: str) -> tuple[int, str, bool] | None:
        """(id, address, subscribed) of the feed ``url`` names: one subscribed to before one
        unsubscribed from, and among those the one stored at this very address first."""
        known = self._by_url.get(url)
        key = _feed_key(url)
        other = self._by_key.get(key) if key else None
        if other is not None and (known is None or (other[2] and not known[2])):
            return other
        return known


def _url_forms(url: str) -> set[str]:
    """The ways a URL with ``url``'s identity is likely stored, lower-cased (as given, or in the
    normal form; http or https; with or without its fragment): candidates for ``url_key``."""
    key = url_key(url)
    forms = {url, url.split("#", 1)[0], key, "http://" + key.removeprefix("https://")}
    return {form.lower() for form in forms if form}


def _feed_listed(feed: str) -> str:
    """SQL: the feed (table alias ``feed``) is one whose stories the reader shows: one subscribed
    to, or the home of stories kept from a damaged database whose feed was lost (listed until a
    feed takes them back). An unsubscribed feed's stories stay stored for the retention period
    (subscribing again gives them back as they were) but show nowhere but in Favourites: every
    query that lists or counts stories, their related reports and copies included, asks this."""
    return f"({feed}.active = 1 OR {feed}.url = '{RECOVERED_FEED[0]}')"


# What the lists show (articles ``a`` of feeds ``f``). A story's copies (duplicate_of set) are
# listed once, under the first copy, where the list shows that one: a copy whose first copy's
# feed was removed, or (in a category) is in another category, is the story's row there.
_FEED_LISTED = _feed_listed("f")
_FIRST_COPY_LISTED = (
    "EXISTS (SELECT 1 FROM articles o JOIN feeds g ON g.id = o.feed_id WHERE o.id = a.duplicate_of "
    f"AND o.kind = 'feed' AND {_feed_listed('g')}{{}})"
)
_LISTED = (
    f"a.kind = 'feed' AND {_FEED_LISTED} AND "
    f"(a.duplicate_of IS NULL OR NOT {_FIRST_COPY_LISTED.format('')})"
)
# a story the reader shows somewhere: in its feed's lists, or in Favourites whatever its feed
# (an unsubscribed feed's favourites, stories kept from pages): what search finds, and what the
# links of a story's page are matched with
_SHOWN_OR_SAVED = f"({_FEED_LISTED} OR a.is_favourite = 1)"
# a feed's own list: a story once, under its first copy where that is in the feed too (a wire
# story's update under a new guid, "UPDATE 1-...", is the story's copy in the same feed)
_IN_OWN_FEED = (
    "a.kind = 'feed' AND (a.duplicate_of IS NULL OR NOT "
    + _FIRST_COPY_LISTED.format(" AND o.feed_id = a.feed_id")
    + ")"
)
# a story whose text matches a full-text query (the query its one parameter)
_MATCHING = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
# the same, in the category of each article's own feed
_IN_CATEGORY = (
    f"a.kind = 'feed' AND {_FEED_LISTED} AND (a.duplicate_of IS NULL OR NOT "
    + _FIRST_COPY_LISTED.format(" AND g.category = f.category")
    + ")"
)


_DAMAGE_SIGNS = ("malformed", "not a database", "vtable constructor failed", "disk image")


class StoreMissing(StoreError):
    """A command that only reads was pointed at a path with no database."""


class StoreGone(StoreError):
    """The database file was deleted, or another file put at its path, while this store had it
    open: its connections still read the file they opened (kept until they close), but what
    would be written to it now is lost with a deleted file, or goes where newsreader will not
    look again, and a new connection on the path would open another file (or make an empty
    one). Changes are refused; reading goes on from the connections still open."""

    reason: StoreReason = "gone"


def _gone(path: Path) -> StoreGone:
    # (the words that matter first: a short form of the text keeps its first hundred letters)
    return StoreGone(
        f"The database file was deleted or replaced while newsreader was running ({path}): what "
        "you change now cannot be saved, and what is shown is what it held. Quit and start "
        "newsreader again: it opens the file now at that path, or makes a new database where "
        "there is none (restore favourites from a `newsreader favourites --format json` backup "
        "if you have one)."
    )


# SQLite (unix) takes file names of up to 512 bytes, its "-journal" file's included
SQLITE_PATH_MAX = 512 - len("-journal")
NAME_MAX = 255  # one name in a path, on the usual file systems


def _path_too_long(path: Path) -> str | None:
    """Why SQLite cannot open a database at ``path`` because of its length, or None."""
    full = os.fsencode(path.absolute())
    if len(full) > SQLITE_PATH_MAX:
        return (
            f"The database path {path} is too long for SQLite ({len(full)} bytes; at most "
            f"{SQLITE_PATH_MAX}). Choose a shorter path with --db."
        )
    longest = max((len(os.fsencode(part)) for part in path.absolute().parts), default=0)
    if longest > NAME_MAX:
        return (
            f"A name in the database path {path} is too long ({longest} bytes; at most "
            f"{NAME_MAX}). Choose a shorter path with --db."
        )
    return None


@dataclass(frozen=True)
class _Peek:
    """What a look at an existing database file, read-only, finds."""

    foreign: list[str]  # its tables, when it is another program's SQLite database
    version: int = 0  # its newsreader schema version
    readable_by: int | None = None  # see schema.READABLE_BY_KEY
    read: bool = False  # SQLite read it as a database


def _peek(path: Path) -> _Peek:
    """A read-only look at the SQLite database at ``path``: its tables when it is another
    program's (it has tables, but not newsreader's under a newsreader schema version), and its
    schema version. Nothing for a file that is empty, not SQLite, damaged or cannot be read
    (the opening that follows says what is wrong)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return _Peek([])
        had_sides = _has_sides(path)
        con = sqlite3.connect(_ro_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error):
        return _Peek([])
    readable_by: int | None = None
    try:  # one snapshot: a newsreader creating it meanwhile commits between two reads
        con.execute("BEGIN")
        version = int(con.execute("PRAGMA user_version").fetchone()[0])
        names = sorted(
            str(r[0])
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
        )
        if version > LATEST and "meta" in names:
            readable_by = _readable_by(con)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower():  # (waited for already: not a second time to open it)
            raise _busy(path) from None
        return _Peek([])
    except (sqlite3.Error, ValueError, TypeError):
        return _Peek([])
    finally:
        con.close()
        if not had_sides:  # (a look leaves the folder as it was: a database refused, too)
            _tidy_sides(path)
    if not names or (version >= 1 and {"feeds", "articles", "meta"} <= set(names)):
        return _Peek([], version, readable_by, read=True)
    return _Peek(names, version, read=True)


def _readable_by(db: sqlite3.Connection) -> int | None:
    """The oldest schema a newer database says can read it (schema.READABLE_BY_KEY); None when
    it says nothing (or that cannot be read)."""
    try:
        found = db.execute("SELECT value FROM meta WHERE key = ?", (READABLE_BY_KEY,)).fetchone()
        return int(found[0]) if found is not None else None
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _newer(path: Path, version: int, action: str = "") -> str:
    """Why a database of a newer schema is not used (``action``: what could not be done),
    and what to do."""
    return (
        f"The database {path} was written by a newer newsreader (database schema "
        f"{version}; this newsreader, {__version__}, knows schema {LATEST} at most)"
        + (f", so {action}" if action else ", so it cannot use it")
        + "; it was left unchanged. Upgrade newsreader to the version that wrote it (or a later "
        "one), or choose another database with --db."
    )


class StoreCorrupt(StoreError):
    """The database file is damaged; the next start checks it and repairs what it can."""

    reason: StoreReason = "corrupt"


def _ro_uri(path: Path, mode: str = "ro") -> str:
    """An SQLite URI that opens ``path`` read-only ("#", "?" and "%" in a folder's name quoted);
    with ``mode`` "rw", one that may write but never creates the file."""
    return f"file:{urllib.parse.quote(str(path.absolute()))}?mode={mode}"


def _has_sides(path: Path) -> bool:
    """Whether SQLite's "-wal" or "-shm" file is beside the database at ``path``."""
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def _tidy_sides(path: Path) -> None:
    """Remove the "-wal" and "-shm" files that read-only connections made beside a database in
    WAL mode (called where there were none before they opened it). They cannot remove them
    themselves: SQLite does that when the last connection that may write closes, under an
    exclusive lock it gets only while no other connection, in any process, has the database
    open. So one such connection is opened here, reads the schema and closes: with a running
    newsreader on the database (which made the files its own meanwhile) the lock is not had
    and they stay. A "-wal" that holds something (another newsreader wrote meanwhile) is left
    as it is, for that one to write into the database: nothing here writes to the database
    file. Best effort: whatever fails leaves the files, which are harmless."""
    wal = Path(f"{path}-wal")
    try:
        if not _has_sides(path) or (wal.exists() and wal.stat().st_size):
            return
        con = sqlite3.connect(_ro_uri(path, "rw"), uri=True, isolation_level=None, timeout=1)
    except (OSError, sqlite3.Error):
        return
    try:
        con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # (opens the WAL)
    except DB_ERRORS:
        pass
    finally:
        con.close()


def _check_marker(path: Path) -> Path:
    return path.with_name(path.name + ".needs-check")


_FULL_DISK = "is full"


def _disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has no room left (SQLite may call it an I/O error)."""
    try:
        return shutil.disk_usage(path.absolute().parent).free < 64 * 1024
    except OSError:
        return False


CHANGED_KEY = "content_changed"


def put_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    """Set a meta value inside a write transaction under way."""
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _mark_changed(db: sqlite3.Connection) -> None:
    """Note, in the write transaction under way, that the headlines changed (see
    Store.content_version)."""
    put_meta(db, CHANGED_KEY, f"{time.time():.6f}")


def _explain(exc: sqlite3.Error | UnicodeDecodeError, path: Path) -> StoreError:
    text = str(exc).lower()
    if isinstance(exc, UnicodeDecodeError) or any(sign in text for sign in _DAMAGE_SIGNS):
        with contextlib.suppress(OSError):
            _check_marker(path).touch()
        return StoreCorrupt(
            f"The database {path} is damaged. Restart newsreader to repair it: favourites that can "
            "still be read will be kept."
        )
    if "locked" in text or "busy" in text:
        return _busy(path)
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"The database {path} is read-only; changes cannot be saved.", "read_only"
        )
    if "disk is full" in text or "full" in text:
        return StoreError(
            f"The disk holding {path} {_FULL_DISK}; nothing was lost, but nothing new can be saved.",
            "full",
        )
    if "unable to open" in text:
        too_long = _path_too_long(path)
        if too_long:
            return StoreError(too_long)
        folder = path.absolute().parent
        if not os.access(folder, os.W_OK | os.X_OK):
            return StoreError(f"Cannot open the database {path}: the folder is not writable.")
        return StoreError(f"Cannot open the database {path}: SQLite could not open the file.")
    return StoreError(f"Database error in {path}: {exc}")


_ARTICLE_LIST_COLS = (
    "a.id, a.feed_id, a.guid, a.url, a.title, a.author, a.published, a.has_date, a.updated, "
    "'' AS content_html, '' AS summary_text, a.is_read, "
    # a copy (another feed's of the same item, a syndicated one) shows its story's star: the
    # star is the story's, kept on its first copy (see Store.set_favourite)
    "CASE WHEN a.duplicate_of IS NULL THEN a.is_favourite ELSE max(a.is_favourite, "
    "COALESCE((SELECT o.is_favourite FROM articles o WHERE o.id = a.duplicate_of), 0)) END "
    "AS is_favourite, a.favourited_at, "
    "a.first_seen, f.title AS feed_title, f.category AS feed_category, a.language, a.group_id, "
    "a.duplicate_of, "
    # (the "+N" marker where the group is not known: the related reports of the feeds listed)
    "(SELECT COUNT(*) FROM related r JOIN articles o ON o.id = r.other_id "
    f"JOIN feeds g ON g.id = o.feed_id WHERE r.article_id = a.id AND {_feed_listed('g')}) "
    "AS related_count"
)
_ARTICLE_FULL_COLS = _ARTICLE_LIST_COLS.replace(
    "'' AS content_html, '' AS summary_text", "a.content_html, a.summary_text"
)
_GROUPING_COLS = _ARTICLE_FULL_COLS + ", a.body_text AS page_text"
_FEED_COLS = (
    "id, url, title, category, site_url, origin, etag, last_modified, last_fetched, last_error, "
    "failures, next_fetch, dead, full_article, active, {}"
)
# what the server answered to the last fetch (schema 9; not in an older file read as it is)
_FETCH_ANSWER = "last_status, retry_after"
_NO_FETCH_ANSWER = "NULL AS last_status, NULL AS retry_after"


LEAD_HOURS = 12  # a collapsed story is led by one of the reports this close to its newest


@dataclass(frozen=True, slots=True)
class ListedStory:
    """A group of related stories as a view lists it: the report that stands for it, and the
    ids of all its reports the view lists (the lead's among them), and of those unread."""

    lead: Article
    reports: tuple[int, ...]
    unread: tuple[int, ...]


_T = TypeVar("_T")
IN_LIST_MAX = 500  # values bound in one "IN (...)": well under SQLite's limit of parameters


def _group_counter(value: str | None) -> int | None:
    """The stored ``next_group_id`` meta value; None when there is none or it is unreadable."""
    try:
        return int(value) if value else None
    except ValueError:
        return None


def id_chunks(ids: Sequence[_T], size: int = IN_LIST_MAX) -> Iterator[tuple[list[_T], str]]:
    """``ids`` (or any values bound in an IN list) in pieces of ``size``, each with its
    "?,?,…" placeholders."""
    for start in range(0, len(ids), size):
        chunk = list(ids[start : start + size])
        yield chunk, ",".join("?" * len(chunk))


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        feed_id=row["feed_id"],
        guid=row["guid"],
        url=row["url"],
        title=row["title"],
        author=row["author"],
        published=_dt(row["published"]) if row["has_date"] else None,
        updated=_dt(row["updated"]),
        content_html=row["content_html"],
        summary_text=row["summary_text"],
        is_read=bool(row["is_read"]),
        is_favourite=bool(row["is_favourite"]),
        favourited_at=_dt(row["favourited_at"]),
        first_seen=_dt(row["first_seen"]),
        feed_title=row["feed_title"] or "",
        feed_category=row["feed_category"] or "",
        language=row["language"],
        related_count=row["related_count"],
        group_id=row["group_id"],
        duplicate_of=row["duplicate_of"],
    )


def _grouping_article(row: sqlite3.Row) -> Article:
    return replace(_article(row), page_text=row["page_text"])


def _feed(row: sqlite3.Row, unread: int = 0, total: int = 0) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        category=row["category"],
        site_url=row["site_url"],
        origin=row["origin"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_fetched=_dt(row["last_fetched"]),
        last_error=row["last_error"],
        failures=row["failures"],
        next_fetch=_dt(row["next_fetch"]),
        dead=bool(row["dead"]),
        full_article=bool(row["full_article"]),
        active=bool(row["active"]),
        unread=unread,
        total=total,
        last_status=row["last_status"],
        retry_after=row["retry_after"],
    )


def enclosures_to_json(enclosures: Sequence[Enclosure]) -> str:
    """An article's enclosures as column ``articles.enclosures`` holds them ("" for none)."""
    if not enclosures:
        return ""
    return json.dumps([asdict(e) for e in enclosures], ensure_ascii=False)


def enclosures_from_json(text: str | None) -> tuple[Enclosure, ...]:
    """The enclosures column read back; what is not of their shape is left out."""
    if not text:
        return ()
    try:
        return _enclosures(json.loads(text))
    except ValueError:
        return ()


def _enclosures(data: Any) -> tuple[Enclosure, ...]:
    found: list[Enclosure] = []
    for item in data if isinstance(data, list) else ():
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        kind, length = item.get("type"), item.get("length")
        found.append(
            Enclosure(
                item["url"],
                kind if isinstance(kind, str) else "",
                length if isinstance(length, int) and not isinstance(length, bool) else None,
            )
        )
    return tuple(found)


def page_to_json(page: Page) -> str:
    return json.dumps(asdict(page), ensure_ascii=False)


def page_from_json(text: str) -> Page:
    data = json.loads(text)

    def story(d: dict[str, Any]) -> Story:
        d = dict(d)
        d["blocks"] = tuple(Block(**b) for b in d.get("blocks", ()))
        d["links"] = tuple(d.get("links", ()))
        d["enclosures"] = _enclosures(d.get("enclosures"))
        known = Story.__dataclass_fields__
        return Story(**{k: v for k, v in d.items() if k in known})

    return Page(
        main=story(data["main"]),
        related=tuple(story(s) for s in data.get("related", ())),
        note=data.get("note"),
    )


def guid_key(guid: str) -> int:
    """A guid as the 64-bit key of table ``pruned`` (a signed SQLite integer). Not by feed,
    although each feed keeps its own copy of an item (schema 9): a story read and pruned is
    not news again in any feed that lists it (another feed subscribed later, say). Since
    schema 10 a pruned story is remembered by ``story_keys``; a row of this key alone is one
    pruned before, whose story is not known (see ``Store._was_pruned_story``)."""
    digest = hashlib.blake2b(guid.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def story_keys(guid: str, url: str, title: str) -> tuple[int, int]:
    """The keys of table ``pruned`` a story under ``guid`` is remembered by (schema 10): the
    guid with its link (as an identity, ``url_key``), and the guid with its headline
    (``normalise_title``). An entry under that guid that has either is that story, edited; one
    that has neither is another story the feed gave the guid to, as ``_another_story`` judges
    a stored article. (The normal forms are those of the code that pruned it: were both rules
    to change at once, a pruned story still listed would come back once.)"""
    return (
        guid_key(f"link\0{guid}\0{url_key(url)}"),
        guid_key(f"headline\0{guid}\0{normalise_title(title)}"),
    )


# articles deleted in one transaction: 500 held the write lock up to 0.4 s among 500,000
# articles (the search index's share), which the reader's toggles wait for
PRUNE_CHUNK = 100


def repost_key(feed_id: int, url: str, title: str, published: float | None, content: str) -> int:
    """The key of table ``pruned`` that an entry of ``feed_id`` re-posted under a new guid
    has (see ``Store._reposted``): its link and title, with its date or, without one, its
    text (``content``: the entry hash)."""
    same = f"{published!r}" if published is not None else content
    return guid_key(f"repost\0{feed_id}\0{url.lower()}\0{title}\0{same}")


PRUNED_GRACE_DAYS = 30  # a pruned guid is forgotten once its feed has left it out this long


def _pruned_keys(row: sqlite3.Row) -> list[int]:
    """The keys a pruned feed article is remembered by: its guid with its link and with its
    headline (``story_keys``), and (with a link and a title) what an entry re-posting it under
    another guid has."""
    # (an article whose guid its feed gave to another story: by the guid it had, which the
    # feed may list it under again)
    guid = row["guid"].partition(_RETIRED)[0]
    keys = list(story_keys(guid, row["url"], row["title"]))
    if row["url"] and row["title"]:
        published = float(row["published"]) if row["has_date"] else None
        keys.append(
            repost_key(row["feed_id"], row["url"], row["title"], published, row["content_hash"])
        )
    return keys


# what Store.upsert_entries reads of the article an entry may be
_UPSERT_COLS = "id, content_hash, feed_id, enclosures, url, title"


def _another_story(row: sqlite3.Row, e: ParsedEntry) -> bool:
    """Whether entry ``e``, under the guid of the stored article ``row``, is clearly another
    story: its link (as an identity, ``url_key``) and its headline (``normalise_title``) both
    differ from the article's. An edit keeps one of them: a corrected headline, a moved page."""
    return url_key(row["url"]) != url_key(e.url) and normalise_title(
        row["title"]
    ) != normalise_title(e.title)


def _retired_guid(guid: str, article_id: int) -> str:
    """The guid an article keeps when its feed gives its guid to another story: the old one,
    a control character (which the feed layer removes from every guid, ``clean_line``) and the
    article's id, so no entry ever has it and no two articles share it."""
    return f"{guid}{_RETIRED}{article_id}"


_RETIRED = "\x1f"  # between a retired guid and its article's id


def _entry_hash(e: ParsedEntry) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (e.title, e.url, e.author, e.content_html, e.summary_text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class Store:
    """The database. Safe to share between threads: each thread gets its own connection."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.disk_full = False  # read-only because the disk is full (not the file's rights)
        # read-only because a newer newsreader wrote it (and says this one may read it)
        self.newer_schema: int | None = None
        # "now" for the views that depend on it (Today): the reader's clock, so tests fix it
        self.clock: Callable[[], datetime] = _utc_now
        # a read-only file is opened as it is, with what its WAL file still holds; "immutable"
        # (no WAL, no locks) only where that cannot be done (a read-only folder without "-shm")
        self.immutable = read_only
        # (read-only) the "-wal" and "-shm" files its connections make are removed when it
        # closes, where it can be done: there were none when it opened (_tidy_sides)
        self.tidy_sides = False
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # the file the first connection opened (device, inode): a later connection opens no
        # other, and a change is not saved to it once it is no longer at the path (``gone``)
        self._file: tuple[int, int] | None = None
        self.gone = False
        self._wal_emptied = False  # (see _empty_wal)
        self.recovery_note: str | None = None
        self.upgrade_note: str | None = None  # said once, at the start that upgraded it
        self._has_enclosures: bool | None = None  # (see _enclosures_col)
        self._has_fetch_answer: bool | None = None  # (see _feed_cols)

    # ------------------------------------------------------------------ connections

    @property
    def db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._thread_connection()
            self._local.conn = conn
        return conn

    def _thread_connection(self) -> sqlite3.Connection:
        """A connection for the calling thread: a new one on the file the store opened; once
        that file is gone from the path (deleted or replaced), one of the store's connections
        still open on it (they read what it held), never one on whatever is at the path now."""
        if self._file is None or str(self.path) == ":memory:":
            conn = self._connect(create=True)
            if self._file is None and str(self.path) != ":memory:":
                self._file = _identity(self.path)
        elif not self.gone and _identity(self.path) == self._file:
            try:
                conn = self._connect(create=False)
            except StoreError:
                if _identity(self.path) == self._file:
                    raise
                return self._noticed_gone()  # (deleted while it was being opened)
            if _identity(self.path) != self._file:  # (replaced while it was being opened)
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
                return self._noticed_gone()
        else:
            return self._noticed_gone()
        with self._lock:
            self._all.append(conn)
        return conn

    def _noticed_gone(self) -> sqlite3.Connection:
        """The file is gone from the path: a connection still open on it (one not inside a
        write transaction first), shared with its thread; StoreGone when none is left."""
        self.gone = True  # (its WAL is emptied by the next write refused, or by close)
        with self._lock:
            conns = sorted(self._all, key=lambda c: c.in_transaction)
        if not conns:
            raise _gone(self.path)
        return conns[0]

    def _check_file(self) -> None:
        """StoreGone when the file the store opened is no longer at its path (an ``os.stat``,
        a few microseconds: asked once per write transaction)."""
        if self.gone or (self._file is not None and _identity(self.path) != self._file):
            self.gone = True
            raise _gone(self.path)

    def _empty_wal(self, conn: sqlite3.Connection) -> None:
        """Once the file is gone from the path: what its WAL holds is written into it (the file
        moved elsewhere keeps every change saved before; a deleted one takes it with it) and
        the WAL emptied. SQLite no longer does it when the last connection closes, and a WAL
        left at the path would be read into the next database put there (a backup moved into
        place, a new one made by the next start), its pages over that one's."""
        if self._wal_emptied or self.read_only or conn.in_transaction:
            return
        with contextlib.suppress(*DB_ERRORS):
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            self._wal_emptied = busy is not None and busy[0] == 0

    def _connect(self, create: bool = True) -> sqlite3.Connection:
        """A new connection; with ``create`` False, one that fails rather than make a new
        file where there is none."""
        conn: sqlite3.Connection | None = None
        try:
            target = str(self.path)
            if self.read_only:
                target = _ro_uri(self.path) + ("&immutable=1" if self.immutable else "")
            elif not create:
                target = _ro_uri(self.path, "rw")
            conn = sqlite3.connect(
                target,
                uri=self.read_only or not create,
                isolation_level=None,
                check_same_thread=False,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
            conn.row_factory = sqlite3.Row
            conn.text_factory = lenient_text
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            if not self.read_only:
                _wal_mode(conn)
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT}")
        except DB_ERRORS as exc:
            if conn is not None:  # (not left open: it would keep its files beside a damaged one)
                conn.close()
            raise _explain(exc, self.path) from None
        return conn

    def close(self) -> None:
        with self._lock:
            if self.gone and self._all:
                self._empty_wal(self._all[0])
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
        if self.tidy_sides:
            _tidy_sides(self.path)

    # --- refresh (owned by refresh.py)
    def close_thread_connection(self) -> None:
        """Close the calling thread's connection (for short-lived worker threads)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        if self.gone:  # (kept open: it, or another thread sharing it, still reads the file)
            return
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        with contextlib.suppress(sqlite3.Error):
            conn.close()

    @contextmanager
    def transaction(self, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """A short write transaction (BEGIN IMMEDIATE). ``durable`` syncs to disk on commit."""
        if self.newer_schema is not None:
            raise StoreError(
                _newer(self.path, self.newer_schema, "changes cannot be saved"), "newer"
            )
        if self.disk_full:
            raise StoreError(
                f"The disk holding {self.path} {_FULL_DISK}; nothing was lost, but nothing new "
                "can be saved until some space is freed.",
                "full",
            )
        if self.gone:
            self._empty_wal(self.db)
            raise _gone(self.path)
        db = self.db
        try:
            if durable:
                db.execute("PRAGMA synchronous = FULL")
            db.execute("BEGIN IMMEDIATE")
        except DB_ERRORS as exc:
            raise _explain(exc, self.path) from None
        try:
            yield db
            self._check_file()  # (written to a deleted file, it would be lost: rolled back)
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                with contextlib.suppress(*DB_ERRORS):
                    db.execute("ROLLBACK")
            if isinstance(exc, StoreGone):
                self._empty_wal(db)
            if isinstance(exc, DB_ERRORS):
                raise _explain(exc, self.path) from None
            raise
        finally:
            if durable:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("PRAGMA synchronous = NORMAL")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self.db.execute(sql, params).fetchall()
        except DB_ERRORS as exc:
            raise _explain(exc, self.path) from None

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def content_version(self) -> str | None:
        """What changes whenever headlines are added or regrouped, by this process or another
        (``newsreader refresh`` from cron, the reader's housekeeping process): a reader that
        sees it change re-reads its lists."""
        return self.get_meta(CHANGED_KEY)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            put_meta(db, key, value)

    # ------------------------------------------------------------------ feeds

    def sync_config_feeds(self, feeds: Sequence[FeedConfig]) -> None:
        """Make the configured feeds present and active; config feeds no longer listed go inactive.

        Their favourites stay, and their other articles until retention prunes them (see
        ``prune``); feeds added by the user (CLI, OPML) are not touched.
        """
        now = time.time()
        with self.transaction() as db:
            # a feed stored at another spelling of the address (http or https, the host's
            # case, a #fragment) is that feed: one subscription, not two (as feed_by_url)
            addresses = _FeedAddresses(db.execute(_FEED_ADDRESSES).fetchall())
            kept: list[int] = []
            for f in feeds:
                known = addresses.find(f.url)
                url = known[1] if known is not None else f.url
                db.execute(
                    "INSERT INTO feeds(url, title, category, full_article, origin) "
                    "VALUES (?, ?, ?, ?, 'config') ON CONFLICT(url) DO UPDATE SET "
                    "title = CASE WHEN excluded.title != '' THEN excluded.title ELSE feeds.title END, "
                    "category = CASE WHEN excluded.category != '' THEN excluded.category "
                    "ELSE feeds.category END, "
                    "full_article = excluded.full_article, active = 1, unsubscribed = NULL",
                    (url, clean_line(f.title), clean_line(f.category), int(f.full_article)),
                )
                feed_id = int(
                    db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()[0]
                )
                addresses.add(feed_id, url, True)
                kept.append(feed_id)
            marks = ",".join("?" * len(kept))
            db.execute(
                "UPDATE feeds SET active = 0, unsubscribed = "
                "CASE WHEN active = 1 THEN ? ELSE unsubscribed END "
                f"WHERE origin = 'config' AND id NOT IN ({marks})",
                [now, *kept],
            )

    def add_feed(self, url: str, title: str = "", category: str = "") -> tuple[Feed, bool]:
        """Subscribe (origin 'user'); returns the feed and whether it was new. Re-adding a feed
        subscribed to changes nothing; subscribing again to one unsubscribed from takes the
        title and category given (those it had where none are)."""
        existing = self.feed_by_url(url)
        if existing is not None and existing.active:
            return existing, False
        if existing is not None:  # unsubscribed from at another spelling: that one comes back
            url = existing.url
        with self.transaction() as db:
            db.execute(
                "INSERT INTO feeds(url, title, category, origin) VALUES (?, ?, ?, 'user') "
                "ON CONFLICT(url) DO UPDATE SET active = 1, unsubscribed = NULL, "
                "title = CASE WHEN excluded.title != '' THEN excluded.title ELSE feeds.title END, "
                "category = CASE WHEN excluded.category != '' THEN excluded.category "
                "ELSE feeds.category END, "
                # one dropped from the config file is the user's now: the next start, syncing
                # the config, would unsubscribe from it again
                "origin = CASE WHEN feeds.active = 1 THEN feeds.origin ELSE 'user' END",
                (url, clean_line(title), clean_line(category)),
            )
            _mark_changed(db)  # a reader open meanwhile lists the feed
        feed = self.feed_by_url(url)
        assert feed is not None
        return feed, True

    def name_feed(self, feed_id: int, title: str = "", category: str = "") -> None:
        """Give a subscription another title and/or category (an empty one is left as it is)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE feeds SET title = COALESCE(NULLIF(?, ''), title), "
                "category = COALESCE(NULLIF(?, ''), category) WHERE id = ?",
                (clean_line(title), clean_line(category), feed_id),
            )
            _mark_changed(db)  # a reader open meanwhile shows the new names

    def fill_feed_names(self, feed_id: int, title: str = "", category: str = "") -> bool:
        """Give a subscription the title and/or category it lacks (an imported list's names for
        a feed the config lists by its address alone); one it has, given by the user or by the
        feed itself, stays. Returns whether anything changed."""
        with self.transaction() as db:
            changed = db.execute(
                "UPDATE feeds SET title = CASE WHEN title = '' THEN :title ELSE title END, "
                "category = CASE WHEN category = '' THEN :category ELSE category END "
                "WHERE id = :id AND ((title = '' AND :title != '') "
                "OR (category = '' AND :category != ''))",
                {"title": clean_line(title), "category": clean_line(category), "id": feed_id},
            ).rowcount
            if changed:
                _mark_changed(db)  # a reader open meanwhile shows the names
        return bool(changed)

    def remove_feed(self, feed_id: int) -> None:
        """Unsubscribe: the feed stops being polled and listed; favourites stay in Favourites.
        Its other articles stay until it has been unsubscribed for the retention period (see
        ``prune``): subscribing again meanwhile gives them back as they were."""
        with self.transaction() as db:
            db.execute(
                "UPDATE feeds SET unsubscribed = CASE WHEN active = 1 THEN ? ELSE unsubscribed END, "
                "active = 0 WHERE id = ?",
                (time.time(), feed_id),
            )
            _mark_changed(db)  # a reader open meanwhile drops it from its tree

    def feeds(self, include_inactive: bool = False) -> list[Feed]:
        counts = {
            r["feed_id"]: (r["unread"], r["total"])
            for r in self.query(
                "SELECT a.feed_id, SUM(a.is_read = 0) AS unread, COUNT(*) AS total "
                f"FROM articles a WHERE {_IN_OWN_FEED} GROUP BY a.feed_id"
            )
        }
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.query(
            f"SELECT {self._feed_cols} FROM feeds {where} ORDER BY category, title, url"
        )
        return [_feed(r, *counts.get(r["id"], (0, 0))) for r in rows]

    def feed(self, feed_id: int) -> Feed | None:
        rows = self.query(f"SELECT {self._feed_cols} FROM feeds WHERE id = ?", (feed_id,))
        return _feed(rows[0]) if rows else None

    def feed_by_url(self, url: str) -> Feed | None:
        """The feed at ``url``, or at another spelling of the same address (``url_key``: http
        or https, the host's case, a default port, a ``#fragment``): one subscribed to before
        one unsubscribed from, and among those the one stored with this very address first."""
        rows = self.query(f"SELECT {self._feed_cols} FROM feeds WHERE url = ?", (url,))
        if rows and rows[0]["active"]:
            return _feed(rows[0])
        found = _FeedAddresses(self.query(_FEED_ADDRESSES)).find(url)
        return self.feed(found[0]) if found is not None else None

    _FEED_STATE = frozenset(
        {
            "url",
            "title",
            "site_url",
            "etag",
            "last_modified",
            "last_fetched",
            "last_error",
            "failures",
            "next_fetch",
            "dead",
            "content_hash",
            "language",
            "last_status",
            "retry_after",
        }
    )

    def update_feed(self, feed_id: int, **fields: Any) -> None:
        """Record fetch state (etag, errors, backoff...). Datetimes are stored as UTC timestamps."""
        unknown = set(fields) - self._FEED_STATE
        if unknown:
            raise ValueError(f"unknown feed fields: {sorted(unknown)}")
        if not fields:
            return
        with self.transaction() as db:
            self._set_feed_state(db, feed_id, fields)

    # --- refresh (owned by refresh.py)
    def _set_feed_state(self, db: sqlite3.Connection, feed_id: int, fields: dict[str, Any]) -> None:
        unknown = set(fields) - self._FEED_STATE
        if unknown:
            raise ValueError(f"unknown feed fields: {sorted(unknown)}")
        values = [_ts(v) if isinstance(v, datetime) else v for v in fields.values()]
        sets = ", ".join(f"{k} = ?" for k in fields)
        db.execute(f"UPDATE feeds SET {sets} WHERE id = ?", (*values, feed_id))

    # --- refresh (owned by refresh.py)
    def update_feeds(self, states: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Several feeds' fetch state in one short transaction (e.g. a run of 304 answers)."""
        if not states:
            return
        with self.transaction() as db:
            for feed_id, fields in states:
                if fields:
                    self._set_feed_state(db, feed_id, fields)

    # ------------------------------------------------------------------ articles: writes

    def upsert_entries(
        self,
        feed_id: int,
        entries: Sequence[ParsedEntry],
        now: datetime | None = None,
        language: str = "",
        feed_state: dict[str, Any] | None = None,  # --- refresh (owned by refresh.py)
    ) -> tuple[list[int], int]:
        """Store a feed's entries in one transaction. Returns (ids of new articles, number updated).

        Identity is the entry's guid within its feed (the feed layer derives it from id, link,
        or title+date): another feed carrying the same item has its own copy of it, which the
        grouping makes the same story (``earlier_copies``). Re-fetching an article updates it
        in place and keeps its read and favourite state, a favourite's too: an edit keeps the
        link or the headline (``_another_story``), and a corrected headline or a moved page is
        welcome in a saved story as anywhere.

        A guid the feed now gives another story (its link and its headline both new: feeds
        that number their items by position, where a new item at the top moves every number
        down) is not that story's update: the old article keeps its row as it is (read state,
        favourite, group, cached page and summaries) under a guid no feed can give
        (``_retired_guid``), and the entry is a new article. Listed again under another guid,
        the old story is found by its link and title (``_reposted``) and takes that guid. A
        story retention pruned is judged the same way (``_was_pruned_story``): the guid given to
        another story brings that one in, unread.
        """
        stamp = _ts(now or datetime.now(UTC)) or time.time()
        unique: dict[str, ParsedEntry] = {}
        for entry in entries:
            unique.setdefault(entry.guid, entry)  # the first copy of a duplicated guid wins
        new_ids: list[int] = []
        updated = 0
        found: set[int] = set()  # the articles this fetch's entries are, so far
        with self.transaction() as db:
            # articles kept from a damaged database whose feed was lost go home when it has them
            home = db.execute("SELECT id FROM feeds WHERE url = ?", (RECOVERED_FEED[0],)).fetchone()
            for e in unique.values():
                published = _ts(e.published)
                content_hash = _entry_hash(e)
                attached = enclosures_to_json(e.enclosures)
                row = db.execute(
                    f"SELECT {_UPSERT_COLS} FROM articles WHERE feed_id = ? AND guid = ?",
                    (feed_id, e.guid),
                ).fetchone()
                if row is not None and _another_story(row, e):
                    if self._was_pruned_story(db, feed_id, e, stamp):
                        continue  # a story pruned before its guid went to this one
                    # the guid given to another story: the old one keeps its row, under
                    # another guid, and the entry is the new article it is
                    db.execute(
                        "UPDATE articles SET guid = ? WHERE id = ?",
                        (_retired_guid(e.guid, row["id"]), row["id"]),
                    )
                    row = None
                if row is None and home is not None and home[0] != feed_id:
                    row = db.execute(
                        f"SELECT {_UPSERT_COLS} FROM articles WHERE feed_id = ? AND guid = ?",
                        (home[0], e.guid),
                    ).fetchone()
                    if row is not None and _another_story(row, e):
                        row = None  # another story of that guid stays where it is
                    if row is not None:
                        db.execute(
                            "UPDATE articles SET feed_id = ? WHERE id = ?", (feed_id, row["id"])
                        )
                if row is None and self._was_pruned_story(db, feed_id, e, stamp):
                    continue  # read and pruned: the feed still lists it, it is not news again
                if row is None:  # a guid that changes at every fetch: the same link and title
                    row = self._reposted(db, feed_id, e, published, content_hash)
                    if row is None and e.url and e.title:  # ... and it was pruned
                        key = repost_key(feed_id, e.url, e.title, published, content_hash)
                        if self._was_pruned(db, key, stamp):
                            continue
                    if row is not None and row["id"] not in found:
                        # known by the guid its feed gives it now (no article of the feed has
                        # it, see above): a numbered feed's next move finds it by its guid.
                        # Not a story this fetch lists twice: it would change at every fetch.
                        db.execute("UPDATE articles SET guid = ? WHERE id = ?", (e.guid, row["id"]))
                if row is not None:
                    found.add(row["id"])
                if row is None:
                    # the same item in another feed (a site's "Top stories" and its "World"):
                    # this feed's copy of that story, listed once where both are (see _LISTED)
                    first = db.execute(
                        "SELECT COALESCE(duplicate_of, id), group_id FROM articles "
                        "WHERE guid = ? AND feed_id != ? AND kind = 'feed' ORDER BY id LIMIT 1",
                        (e.guid, feed_id),
                    ).fetchone()
                    cur = db.execute(
                        "INSERT INTO articles(feed_id, guid, url, title, author, published, has_date, "
                        "updated, content_html, summary_text, first_seen, content_hash, language, "
                        "enclosures, duplicate_of, group_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            feed_id,
                            e.guid,
                            e.url,
                            e.title,
                            e.author,
                            published if published is not None else stamp,
                            int(published is not None),
                            _ts(e.updated),
                            e.content_html,
                            e.summary_text,
                            stamp,
                            content_hash,
                            language,
                            attached,
                            first[0] if first is not None else None,
                            first[1] if first is not None else None,
                        ),
                    )
                    new_ids.append(int(cur.lastrowid or 0))
                # (its enclosures are not in the hash, which re-posts are known by: an article
                # stored before they were kept gets them at the next refresh all the same)
                elif row["content_hash"] != content_hash or row["enclosures"] != attached:
                    db.execute(
                        "UPDATE articles SET url = ?, title = ?, author = ?, updated = ?, "
                        "content_html = ?, summary_text = ?, content_hash = ?, enclosures = ?, "
                        "published = COALESCE(?, published), "
                        "has_date = CASE WHEN ? IS NULL THEN has_date ELSE 1 END WHERE id = ?",
                        (
                            e.url,
                            e.title,
                            e.author,
                            _ts(e.updated),
                            e.content_html,
                            e.summary_text,
                            content_hash,
                            attached,
                            published,
                            published,
                            row["id"],
                        ),
                    )
                    updated += 1
            # the pruned guids this feed has left out for a while are not needed any more
            db.execute(
                "DELETE FROM pruned WHERE feed_id = ? AND seen < ?",
                (feed_id, stamp - PRUNED_GRACE_DAYS * 86400),
            )
            # --- refresh (owned by refresh.py): the feed's fetch state in the same transaction
            if feed_state:
                self._set_feed_state(db, feed_id, feed_state)
            if new_ids or updated:
                _mark_changed(db)
        return new_ids, updated

    @staticmethod
    def _reposted(
        db: sqlite3.Connection,
        feed_id: int,
        e: ParsedEntry,
        published: float | None,
        content_hash: str,
    ) -> sqlite3.Row | None:
        """The article of this feed that ``e``, under a guid not seen before, is again: the
        same link and title, and the same date or, without one, the same text. Some feeds make
        a new guid at every fetch (a session or a time in it); each would come back unread."""
        if not e.url or not e.title:
            return None
        row: sqlite3.Row | None = db.execute(
            f"SELECT {_UPSERT_COLS} FROM articles WHERE lower(url) = lower(?) "
            "AND feed_id = ? AND kind = 'feed' AND title = ? AND "
            "((has_date = 1 AND published = ?) OR content_hash = ?) ORDER BY id LIMIT 1",
            (e.url, feed_id, e.title, published, content_hash),
        ).fetchone()
        return row

    @staticmethod
    def _was_pruned_story(
        db: sqlite3.Connection, feed_id: int, e: ParsedEntry, stamp: float
    ) -> bool:
        """Whether retention pruned the story ``e`` is, by its guid: the same guid with the
        same link or the same headline (``story_keys``). The guid given to another story (a new
        link and a new headline: a feed numbering its items anew, a "latest" guid) is not that
        story: it is news, as it is where the old story is still stored (``_another_story``).
        A guid pruned before schema 10 (``guid_key`` alone) was kept without its story: the
        story under it now is taken to be that one, as it always was. The story found is
        remembered by its link and headline as the feed gives them now too, as a stored
        article takes its entry's: retitled, then moved, it is still the story pruned."""
        keys = story_keys(e.guid, e.url, e.title)
        cur = db.execute(
            "UPDATE pruned SET seen = MAX(seen, ?) WHERE guid_key IN (?, ?, ?)",
            (stamp, guid_key(e.guid), *keys),
        )
        if cur.rowcount == 0:
            return False
        db.executemany(
            "INSERT OR IGNORE INTO pruned(guid_key, feed_id, seen) VALUES (?, ?, ?)",
            [(key, feed_id, stamp) for key in keys],
        )
        return True

    @staticmethod
    def _was_pruned(db: sqlite3.Connection, key: int, stamp: float) -> bool:
        """Whether retention pruned the article with ``key`` (``repost_key``); if
        so, that a feed listed it at ``stamp`` is noted (it is remembered while a feed lists it)."""
        cur = db.execute("UPDATE pruned SET seen = MAX(seen, ?) WHERE guid_key = ?", (stamp, key))
        return cur.rowcount > 0

    def article_ids_since(self, first_seen: float) -> list[int]:
        """Feed articles first stored at or after ``first_seen`` (a refresh's new arrivals)."""
        rows = self.query(
            "SELECT id FROM articles WHERE first_seen >= ? AND kind = 'feed' ORDER BY published, id",
            (first_seen,),
        )
        return [int(r["id"]) for r in rows]

    def earlier_copies(self, article_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """For each of ``article_ids`` that another feed carried first (the same item, by its
        guid: a site's "Top stories" and "World" feeds; or the same link and headline: a
        section feed beside its site's main feed, a planet or digest re-serving posts), the
        first copy and its group: {id: (first copy's id, its group id)}. Only copies already
        grouped are named; however old, a copy is the same story."""
        found: dict[int, tuple[int, int]] = {}
        for chunk, marks in id_chunks(sorted(set(article_ids))):
            rows = self.query(
                "SELECT a.id AS id, b.id AS first, b.group_id AS grp, b.duplicate_of AS root "
                "FROM articles a JOIN articles b ON lower(b.url) = lower(a.url) "
                f"WHERE a.id IN ({marks}) AND a.url != '' AND b.id < a.id "
                "AND b.feed_id != a.feed_id AND b.kind = 'feed' AND b.title = a.title "
                "AND b.group_id IS NOT NULL "
                "UNION ALL "
                "SELECT a.id AS id, b.id AS first, b.group_id AS grp, b.duplicate_of AS root "
                "FROM articles a JOIN articles b ON b.guid = a.guid "
                f"WHERE a.id IN ({marks}) AND a.kind = 'feed' AND b.id < a.id "
                "AND b.feed_id != a.feed_id AND b.kind = 'feed' AND b.group_id IS NOT NULL "
                "ORDER BY 1, 2",
                [*chunk, *chunk],
            )
            for row in rows:
                if row["id"] not in found:
                    first = row["root"] if row["root"] is not None else row["first"]
                    found[int(row["id"])] = (int(first), int(row["grp"]))
        return found

    def duplicates_of(self, article_id: int) -> list[int]:
        """Other copies of the same story (syndicated or re-posted), flagged by the related engine."""
        try:
            return self._copies_of(self.db, [article_id])
        except DB_ERRORS as exc:
            raise _explain(exc, self.path) from None

    def set_read(
        self, article_ids: Sequence[int], read: bool = True, *, with_copies: bool = False
    ) -> list[int]:
        """Set the read state of articles and, ``with_copies``, of the other copies of their
        stories (related.mark_duplicates_read). Returns the ids whose state it changed: what an
        undo gives back, exactly (copies that were read before stay read)."""
        if not article_ids:
            return []
        with self.transaction() as db:
            ids = list(dict.fromkeys(article_ids))
            if with_copies:
                ids += self._copies_of(db, ids)
            return self._write_read(db, ids, read)

    @staticmethod
    def _write_read(db: sqlite3.Connection, ids: Sequence[int], read: bool) -> list[int]:
        """Set the read state of those of ``ids`` that have the other one; returns them."""
        changed = []
        for chunk, marks in id_chunks(ids):
            changed += [
                r[0]
                for r in db.execute(
                    f"SELECT id FROM articles WHERE is_read != ? AND id IN ({marks})",
                    [int(read), *chunk],
                )
            ]
        db.executemany(
            "UPDATE articles SET is_read = ? WHERE id = ?", [(int(read), i) for i in changed]
        )
        return changed

    @staticmethod
    def _copies_of(db: sqlite3.Connection, ids: Sequence[int]) -> list[int]:
        """The other copies of these articles' stories (each copy points at the first one with
        duplicate_of) in the feeds subscribed to, in no particular order and none of ``ids``:
        an unsubscribed feed's copies are left as they are (read or not) until it is back."""
        given = set(ids)
        firsts = set(given)
        for chunk, marks in id_chunks(list(given)):
            firsts.update(
                r[0]
                for r in db.execute(
                    f"SELECT duplicate_of FROM articles WHERE duplicate_of IS NOT NULL "
                    f"AND id IN ({marks})",
                    chunk,
                )
            )
        found = set(firsts - given)
        for chunk, marks in id_chunks(list(firsts)):
            found.update(
                r[0]
                for r in db.execute(
                    f"SELECT id FROM articles WHERE duplicate_of IN ({marks})", chunk
                )
            )
        listed = []
        for chunk, marks in id_chunks(sorted(found - given)):
            listed += [
                r[0]
                for r in db.execute(
                    "SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id "
                    f"WHERE a.id IN ({marks}) AND {_FEED_LISTED} ORDER BY a.id",
                    chunk,
                )
            ]
        return listed

    def mark_view_read(self, view: View, *, with_copies: bool = True) -> tuple[list[int], int]:
        """Mark every unread article of a view read, and (``with_copies``) the hidden copies of
        its stories in other feeds; returns the ids it changed (for undo), and how many of them
        are those copies."""
        where, params = self._view_where(view)
        with self.transaction() as db:
            ids = [
                r[0]
                for r in db.execute(
                    f"SELECT a.id FROM articles a JOIN feeds f ON f.id = a.feed_id "
                    f"WHERE {where} AND a.is_read = 0",
                    params,
                )
            ]
            listed = set(ids)
            if with_copies:  # hidden copies of the listed stories go with them
                ids += self._copies_of(db, ids)
            changed = self._write_read(db, ids, True)
        return changed, sum(1 for i in changed if i not in listed)

    def set_favourite(
        self, article_id: int, favourite: bool, saved_at: datetime | None = None
    ) -> None:
        """Durable (synchronous=FULL) favourite toggle: it survives a crash or power loss.
        ``saved_at``: when it was saved, if not now (favourites restored from an export).
        A copy's star is its story's: starring a copy stars the story's first copy (one
        favourite, never two of one story); unstarring takes it off both."""
        when = (_ts(saved_at) or time.time()) if favourite else None
        with self.transaction(durable=True) as db:
            row = db.execute(  # (the story's first copy, if it is still there)
                "SELECT b.id FROM articles a JOIN articles b ON b.id = a.duplicate_of "
                "WHERE a.id = ?",
                (article_id,),
            ).fetchone()
            story = row[0] if row is not None else article_id
            db.execute(
                "UPDATE articles SET is_favourite = ?, favourited_at = ? WHERE id = ?",
                (int(favourite), when, story),
            )
            if story != article_id and not favourite:
                db.execute(
                    "UPDATE articles SET is_favourite = 0, favourited_at = NULL WHERE id = ?",
                    (article_id,),
                )

    OPENED_PAGES_URL = (
        "newsreader:opened-pages"  # the (never fetched) home of pages opened directly
    )
    OPENED_PAGES_TITLE = "Opened pages"  # their source when neither a site name nor a host is known

    def _opened_pages_feed(self, site: str) -> int:
        """The (inactive, never fetched) feed that stands for ``site`` as the source of pages
        opened directly: one per site name, so lists show the site like a feed's title."""
        url = self.OPENED_PAGES_URL
        if site:
            url += "/" + urllib.parse.quote(site.casefold(), safe="")
        with self.transaction() as db:
            db.execute(
                "INSERT INTO feeds(url, title, origin, active) VALUES (?, ?, 'user', 0) "
                "ON CONFLICT(url) DO NOTHING",
                (url, site or self.OPENED_PAGES_TITLE),
            )
        feed = self.feed_by_url(url)
        assert feed is not None
        return feed.id

    def articles_by_url(self, urls: Iterable[str], *, listed: bool = False) -> dict[str, Article]:
        """The stored article each of ``urls`` names, by the article identity of a URL (see
        ``url_key``): a feed's article or a story kept from a page. Where several match, a
        favourite first (so it is never shown unstarred and saved twice), then a feed's article
        (its headline is in the lists), then the oldest. URLs with no stored article are left out.
        ``listed``: only those the reader shows (``_feed_listed``: an unsubscribed feed's stories
        show nowhere but in Favourites), for the links of a story's page."""
        wanted = {url: url_key(url) for url in dict.fromkeys(urls) if url}
        if not wanted:
            return {}
        candidates = sorted({form for url in wanted for form in _url_forms(url)})
        shown = f" AND {_SHOWN_OR_SAVED}" if listed else ""
        found: dict[str, list[sqlite3.Row]] = {}
        for chunk, marks in id_chunks(candidates):
            rows = self.query(
                f"SELECT {_ARTICLE_FULL_COLS}, a.kind FROM articles a "
                f"JOIN feeds f ON f.id = a.feed_id WHERE lower(a.url) IN ({marks}){shown}",
                chunk,
            )
            for row in rows:
                found.setdefault(url_key(row["url"]), []).append(row)
        result: dict[str, Article] = {}
        for url, key in wanted.items():
            matches = found.get(key)
            if matches:
                best = min(
                    matches, key=lambda r: (not r["is_favourite"], r["kind"] != "feed", r["id"])
                )
                result[url] = _article(best)
        return result

    def save_page_story(
        self, parent_id: int | None, story: Story, saved_at: datetime | None = None
    ) -> int:
        """Keep a story as a favourite of its own: a related story found on an article's page, or
        (``parent_id`` None) a page opened directly with ``newsreader open``.

        A related story is listed under its article's feed and date. An opened page is listed
        under its site (the name the page gives, else its host) and its own publication date
        when extraction found one, else the time it was saved. A story whose URL is that of an
        article already stored (``articles_by_url``) is that article: it is made a favourite and
        its id returned, never a second copy.

        ``saved_at``: when it was saved, if not now (a favourite restored from an export, where
        the story is its link, title, source, date and text: see ``newsreader favourites``)."""
        now = time.time()
        saved = _ts(saved_at) or now
        has_date = 0
        if parent_id is None:
            page_date = _page_date(story.published, now)
            has_date = int(page_date is not None)
            feed_id = self._opened_pages_feed(_page_site(story))
            parent_guid, published = "opened", now if page_date is None else page_date
        else:
            parent = self.article(parent_id)
            if parent is None:
                raise StoreError("The story this one belongs to is no longer in the database.")
            feed_id, parent_guid, published = (
                parent.feed_id,
                parent.guid,
                _ts(parent.published) or now,
            )
        guid = story.url or f"page:{parent_guid}#{clean_line(story.title, 200)}"
        known = self.articles_by_url([story.url]).get(story.url) if story.url else None
        if known is not None:  # the story is one already stored: it is that article's favourite
            if not known.is_favourite:
                self.set_favourite(known.id, True, saved_at)
            return known.id
        with self.transaction(durable=True) as db:
            db.execute(
                "INSERT INTO articles(feed_id, guid, url, title, author, published, has_date, "
                "summary_text, body_text, first_seen, is_read, is_favourite, favourited_at, kind) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, 'page') "
                "ON CONFLICT(guid, feed_id) DO UPDATE SET is_favourite = 1, "
                "favourited_at = excluded.favourited_at",
                (
                    feed_id,
                    guid,
                    story.url or "",
                    clean_line(story.title) or "(untitled)",
                    clean_line(story.author),
                    published,
                    has_date,
                    clean_block(story.text)[:2000],
                    clean_block(story.text),
                    now,
                    saved,
                ),
            )
            row = db.execute(
                "SELECT id FROM articles WHERE feed_id = ? AND guid = ?", (feed_id, guid)
            ).fetchone()
        return int(row["id"])

    def restore_favourite(
        self, story: Story, saved_at: datetime | None = None, summary: Summary | None = None
    ) -> int:
        """Keep a favourite restored from an export (``newsreader import-favourites``) with what
        was saved of it: its text and summary are not lost to what this database holds.

        An article stored under the same link and headline is that story: it becomes the
        favourite, and takes the saved text where it has a shorter one (a feed's blurb) and the
        saved byline where it names no author. An article under the same link with another
        headline (a link blog's item, an aggregator's entry) is another story: the favourite is
        kept as a story of its own. The summary, when given, is kept as the story's latest one
        (what exports and lists show beside it); its enclosures (a podcast's audio) are kept
        unless the article has its feed's."""
        known = self.articles_by_url([story.url]).get(story.url) if story.url else None
        if known is not None and normalise_title(known.title) == normalise_title(story.title):
            text = clean_block(story.text)
            with self.transaction(durable=True) as db:
                db.execute(
                    "UPDATE articles SET body_text = ? WHERE id = ? AND length(body_text) < ?",
                    (text, known.id, len(text)),
                )
                if story.author:  # (the byline its page gave, where its feed named nobody)
                    db.execute(
                        "UPDATE articles SET author = ? WHERE id = ? AND author = ''",
                        (story.author, known.id),
                    )
            if not known.is_favourite:
                self.set_favourite(known.id, True, saved_at)
            article_id = known.id
        elif known is not None:  # the same link under another headline: a story of its own
            own = replace(story, url=None)
            article_id = self.save_page_story(None, own, saved_at=saved_at)
            with self.transaction() as db:
                db.execute("UPDATE articles SET url = ? WHERE id = ?", (story.url, article_id))
        else:
            article_id = self.save_page_story(None, story, saved_at=saved_at)
        if story.enclosures:  # (an article that has its feed's own keeps those)
            with self.transaction() as db:
                db.execute(
                    "UPDATE articles SET enclosures = ? WHERE id = ? AND enclosures = ''",
                    (enclosures_to_json(story.enclosures), article_id),
                )
        if summary is not None and summary.sentences:
            self.put_summary(article_id, 0, summary.algorithm, "restored", summary)
        return article_id

    def prune(self, retention_days: int, now: float | None = None) -> int:
        """Delete read, non-favourite articles first seen more than ``retention_days`` ago (and
        not related to a favourite); returns how many. The articles of a feed unsubscribed more
        than ``retention_days`` ago go too, unread ones included (but never a favourite, nor
        one related to a favourite): the reader lists them nowhere any more.

        Each read one is remembered by its guid with its link and headline (table ``pruned``,
        ``story_keys``): a feed that still lists it does not bring it back as unread, while the
        guid given to another story brings that one (see ``upsert_entries``); an unread one is
        not remembered (its feed subscribed again gives it again, unread as it was). The copies
        of a deleted story get the oldest of them as their original, so that they are still
        listed once. The deletes run in short transactions of PRUNE_CHUNK articles, so that a
        favourite or read toggle of the reader, or a refresh, waits for one (tens of
        milliseconds), never the whole pruning. The newest article (highest id) is kept, so that no id is ever given to another article."""
        if retention_days <= 0:
            return 0
        stamp = now if now is not None else time.time()
        cutoff = stamp - retention_days * 86400
        # read, or a feed's article whose feed has been unsubscribed for the retention period
        gone = (
            "(a.is_read = 1 OR (a.kind = 'feed' AND a.feed_id IN (SELECT id FROM feeds "
            "WHERE active = 0 AND unsubscribed < ?)))"
        )
        candidates = [
            int(r["id"])
            for r in self.query(
                f"SELECT a.id FROM articles a WHERE a.first_seen < ? AND {gone} "
                "AND a.is_favourite = 0 "
                # the article with the highest id stays: SQLite gives a new article the highest
                # id + 1, and ids must not be given again (the grouping, a saved place, another
                # process may still hold the old one)
                "AND +a.id < (SELECT MAX(id) FROM articles)",  # (+: by first_seen, not rowid)
                (cutoff, cutoff),
            )
        ]
        removed = 0
        for chunk, marks in id_chunks(candidates, PRUNE_CHUNK):
            with self.transaction() as db:
                # the state now, not when the candidates were read: a story favourited (or
                # marked unread, or its feed subscribed again) meanwhile stays
                rows = db.execute(
                    "SELECT a.id, a.guid, a.feed_id, a.kind, a.url, a.title, a.published, "
                    f"a.has_date, a.content_hash, a.is_read FROM articles a WHERE a.id IN ({marks}) "
                    f"AND {gone} AND a.is_favourite = 0 AND NOT EXISTS (SELECT 1 FROM "
                    "related r JOIN articles b ON b.id = r.other_id "
                    "WHERE r.article_id = a.id AND b.is_favourite = 1)",
                    [*chunk, cutoff],
                ).fetchall()
                if not rows:
                    continue
                ids = [int(r["id"]) for r in rows]
                db.executemany(
                    "INSERT INTO pruned(guid_key, feed_id, seen) VALUES (?, ?, ?) "
                    "ON CONFLICT(guid_key) DO UPDATE SET seen = excluded.seen",
                    [
                        (key, r["feed_id"], stamp)
                        for r in rows
                        if r["kind"] == "feed" and r["is_read"]
                        for key in _pruned_keys(r)
                    ],
                )
                id_marks = ",".join("?" * len(ids))
                db.execute(f"DELETE FROM articles WHERE id IN ({id_marks})", ids)
                # copies of a deleted original: the oldest left leads them
                leads = db.execute(
                    f"SELECT duplicate_of, MIN(id) FROM articles WHERE duplicate_of IN ({id_marks}) "
                    "GROUP BY duplicate_of",
                    ids,
                ).fetchall()
                for old, lead in leads:
                    db.execute(
                        "UPDATE articles SET duplicate_of = CASE WHEN id = ? THEN NULL ELSE ? END "
                        "WHERE duplicate_of = ?",
                        (lead, lead, old),
                    )
                _mark_changed(db)
                removed += len(ids)
        return removed

    # ------------------------------------------------------------------ articles: reads

    def article(self, article_id: int) -> Article | None:
        """The article with its text and its enclosures (the lists' reads leave those out)."""
        rows = self.query(
            f"SELECT {_ARTICLE_FULL_COLS}, {self._enclosures_col} FROM articles a "
            "JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (article_id,),
        )
        if not rows:
            return None
        return replace(_article(rows[0]), enclosures=enclosures_from_json(rows[0]["enclosures"]))

    @property
    def _feed_cols(self) -> str:
        """What selects a feed: without what its server answered last in a database older
        than schema 9 (one read as it is, read-only; looked at again until it has them)."""
        if not self._has_fetch_answer:
            columns = self.query("PRAGMA table_info(feeds)")
            self._has_fetch_answer = any(c["name"] == "retry_after" for c in columns)
        return _FEED_COLS.format(_FETCH_ANSWER if self._has_fetch_answer else _NO_FETCH_ANSWER)

    @property
    def _enclosures_col(self) -> str:
        """What selects an article's enclosures: none in a database older than schema 8 (one
        read as it is, read-only)."""
        if self._has_enclosures is None:
            columns = self.query("PRAGMA table_info(articles)")
            self._has_enclosures = any(c["name"] == "enclosures" for c in columns)
        return "a.enclosures" if self._has_enclosures else "'' AS enclosures"

    def _view_where(self, view: View) -> tuple[str, list[Any]]:
        where, params = self._listed_where(view)
        if view.query and view.kind != "search":  # a view searched: what it lists that matches
            q = fts_query(view.query)
            if not q:
                return "0", []
            where = f"({where}) AND {_MATCHING}"
            params = [*params, q]
        if view.unread_only:  # the view's headlines, the read ones left out
            return f"({where}) AND a.is_read = 0", params
        return where, params

    def _listed_where(self, view: View) -> tuple[str, list[Any]]:
        if view.kind == "favourites":
            return "a.is_favourite = 1", []
        base = _LISTED
        if view.kind == "unread":
            return base + " AND a.is_read = 0", []
        if view.kind == "today":
            midnight = self.clock().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
            return base + " AND a.published >= ?", [midnight.timestamp()]
        if view.kind == "feed":
            return _IN_OWN_FEED + " AND a.feed_id = ?", [view.feed_id]
        if view.kind == "category":
            return _IN_CATEGORY + " AND f.category = ?", [view.category]
        if view.kind == "search":
            q = fts_query(view.query)
            if not q:
                return "0", []
            # what the other views list (a story's copies once, an unsubscribed feed's
            # stories not at all), and every favourite (those kept from pages too)
            return (
                f"{_SHOWN_OR_SAVED} AND (a.duplicate_of IS NULL OR "
                f"a.is_favourite = 1 OR NOT {_FIRST_COPY_LISTED.format('')}) AND {_MATCHING}",
                [q],
            )
        return base, []

    def _sort_col(self, view: View) -> str:
        return "a.favourited_at" if view.kind == "favourites" else "a.published"

    def headlines(self, view: View, after: Cursor | None = None, limit: int = 200) -> list[Article]:
        """One page of headlines, newest first, after the keyset ``after`` (None = from the top)."""
        where, params = self._view_where(view)
        sort = self._sort_col(view)
        if after is not None:
            where += f" AND ({sort}, a.id) < (?, ?)"
            params = [*params, after.key, after.id]
        rows = self.query(
            f"SELECT {_ARTICLE_LIST_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            f"WHERE {where} ORDER BY {sort} DESC, a.id DESC LIMIT ?",
            [*params, limit],
        )
        return [_article(r) for r in rows]

    def listed_stories(self, view: View, group_ids: Iterable[int]) -> dict[int, ListedStory]:
        """For each group, the reports ``view`` lists of it (one query, the ids only kept) and
        the one that best stands for it: one of its recent reports (LEAD_HOURS from its newest:
        the row stands where its newest report is, and shows the lead's age), a statement
        rather than a question, a headline without a wire service's marks ("UPDATE 2-"), then
        the one related to most of the others, then the one with the most text, then the
        newest."""
        from reader.related.text import strip_wire_marks  # (the reader starts without it)

        where, params = self._view_where(view)
        ids = sorted(set(group_ids))
        best: dict[int, tuple[tuple[bool, bool, bool, int, int, float, int], Article]] = {}
        reports: dict[int, list[int]] = {}
        unread: dict[int, list[int]] = {}
        for chunk, marks in id_chunks(ids):
            rows = self.query(
                f"SELECT {_ARTICLE_LIST_COLS}, "
                "length(a.summary_text) + length(a.content_html) AS size "
                "FROM articles a JOIN feeds f ON f.id = a.feed_id "
                f"WHERE {where} AND a.group_id IN ({marks})",
                [*params, *chunk],
            )
            found = [(r["group_id"], _article(r), int(r["size"] or 0)) for r in rows]
            newest: dict[int, float] = {}
            for gid, article, _ in found:  # a group's reports all come in one chunk
                when = article.published.timestamp() if article.published else 0.0
                newest[gid] = max(newest.get(gid, when), when)
                reports.setdefault(gid, []).append(article.id)
                if not article.is_read:
                    unread.setdefault(gid, []).append(article.id)
            for gid, article, size in found:
                when = article.published.timestamp() if article.published else 0.0
                rank = (
                    when >= newest[gid] - LEAD_HOURS * 3600,
                    not article.title.rstrip().endswith("?"),
                    strip_wire_marks(article.title) == article.title,
                    article.related_count,
                    size,
                    when,
                    article.id,
                )
                held = best.get(gid)
                if held is None or rank > held[0]:
                    best[gid] = (rank, article)
        return {
            gid: ListedStory(lead, tuple(reports[gid]), tuple(unread.get(gid, ())))
            for gid, (_, lead) in best.items()
        }

    def group_sizes(self, group_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
        """group id -> (its articles, the feeds they come from), as All lists them: a story's
        copies once, an unsubscribed feed's stories not at all."""
        ids = sorted(set(group_ids))
        sizes: dict[int, tuple[int, int]] = {}
        for chunk, marks in id_chunks(ids):
            rows = self.query(
                "SELECT a.group_id AS group_id, COUNT(*) AS n, "
                "COUNT(DISTINCT a.feed_id) AS feeds FROM articles a "
                f"JOIN feeds f ON f.id = a.feed_id WHERE a.group_id IN ({marks}) AND {_LISTED} "
                "GROUP BY a.group_id",
                chunk,
            )
            sizes.update((r["group_id"], (r["n"], r["feeds"])) for r in rows)
        return sizes

    def cursor_of(self, view: View, article: Article) -> Cursor:
        when = article.favourited_at if view.kind == "favourites" else article.published
        if when is None:
            rows = self.query("SELECT published FROM articles WHERE id = ?", (article.id,))
            return Cursor(rows[0]["published"] if rows else 0.0, article.id)
        return Cursor(when.timestamp(), article.id)

    def unread_by_category(self) -> dict[str, int]:
        """Unread headlines per category, as a category lists them (a story's copies once)."""
        rows = self.query(
            "SELECT f.category AS category, COUNT(*) AS n FROM articles a "
            f"JOIN feeds f ON f.id = a.feed_id WHERE {_IN_CATEGORY} AND a.is_read = 0 "
            "GROUP BY f.category"
        )
        return {r["category"]: int(r["n"]) for r in rows}

    def count(self, view: View, unread: bool = False) -> int:
        """Headlines the view lists (only the unread ones with ``unread``)."""
        where, params = self._view_where(view)
        if unread:
            where = f"({where}) AND a.is_read = 0"
        rows = self.query(
            f"SELECT COUNT(*) AS n FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE {where}",
            params,
        )
        return int(rows[0]["n"])

    def favourites(self) -> list[Article]:
        rows = self.query(
            f"SELECT {_ARTICLE_FULL_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            "WHERE a.is_favourite = 1 ORDER BY a.favourited_at DESC, a.id DESC"
        )
        return [_article(r) for r in rows]

    def body_text(self, article_id: int) -> str:
        rows = self.query("SELECT body_text FROM articles WHERE id = ?", (article_id,))
        return rows[0]["body_text"] if rows else ""

    # ------------------------------------------------------------------ pages (extraction cache)

    def get_page(self, article_id: int) -> tuple[Page, str, str | None] | None:
        """The cached extraction: (page, source 'page'|'feed', note), or None."""
        rows = self.query(
            "SELECT page_json, source, note FROM pages WHERE article_id = ?", (article_id,)
        )
        if not rows:
            return None
        try:
            return page_from_json(rows[0]["page_json"]), rows[0]["source"], rows[0]["note"]
        except (ValueError, KeyError, TypeError):
            return None

    def put_page(self, article_id: int, page: Page, source: str, note: str | None = None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO pages(article_id, fetched_at, source, note, page_json) "
                "VALUES (?, ?, ?, ?, ?)",
                (article_id, time.time(), source, note, page_to_json(page)),
            )
            if source == "page":
                db.execute(
                    "UPDATE articles SET body_text = ? WHERE id = ?", (page.main.text, article_id)
                )

    # ------------------------------------------------------------------ summaries cache

    @staticmethod
    def summary_length_key(sentences: int, ratio: float = 0.0, text: str | None = None) -> str:
        """The cache key of a summary's length; given the ``text`` summarised, a digest of it
        too, so that a story whose text changed (the feed's blurb, then the full page) is
        summarised again, not shown the old text's summary."""
        key = f"r{ratio:g}" if ratio > 0 else str(sentences)
        if text is None:
            return key
        digest = hashlib.blake2b(text.encode(errors="replace"), digest_size=6).hexdigest()
        return f"{key}#{digest}"

    def get_summary(
        self, article_id: int, part: int, algorithm: str, length: str
    ) -> Summary | None:
        rows = self.query(
            "SELECT summary_json FROM summaries WHERE article_id = ? AND part = ? AND algorithm = ? "
            "AND length = ?",
            (article_id, part, algorithm, length),
        )
        if not rows:
            return None
        data = json.loads(rows[0]["summary_json"])
        return Summary(
            sentences=tuple(data["sentences"]),
            algorithm=data["algorithm"],
            total_sentences=data["total_sentences"],
            note=data.get("note"),
        )

    def put_summary(
        self, article_id: int, part: int, algorithm: str, length: str, summary: Summary
    ) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO summaries(article_id, part, algorithm, length, created, "
                "summary_json) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    article_id,
                    part,
                    algorithm,
                    length,
                    time.time(),
                    json.dumps(asdict(summary), ensure_ascii=False),
                ),
            )

    def any_summary(self, article_id: int) -> Summary | None:
        rows = self.query(
            "SELECT summary_json FROM summaries WHERE article_id = ? AND part = 0 "
            "ORDER BY created DESC LIMIT 1",
            (article_id,),
        )
        if not rows:
            return None
        try:  # (a row written by another version, or damaged: no summary, not a failure)
            data = json.loads(rows[0]["summary_json"])
            return Summary(
                tuple(str(s) for s in data["sentences"]),
                str(data["algorithm"]),
                int(data["total_sentences"]),
                data.get("note"),
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    # ------------------------------------------------------------------ related

    def set_related(self, article_id: int, pairs: Sequence[tuple[int, float]]) -> None:
        """Record related articles both ways (replacing the article's earlier 'feed' links)."""
        self.save_grouping([], [(article_id, pairs)], [])

    def related(self, article_id: int) -> list[tuple[Article, float]]:
        """The articles related to this one, closest first (those of unsubscribed feeds left
        out), each with its similarity."""
        rows = self.query(
            f"SELECT {_ARTICLE_LIST_COLS}, r.score AS score FROM related r "
            "JOIN articles a ON a.id = r.other_id JOIN feeds f ON f.id = a.feed_id "
            f"WHERE r.article_id = ? AND {_FEED_LISTED} ORDER BY r.score DESC",
            (article_id,),
        )
        return [(_article(r), float(r["score"])) for r in rows]

    def group_articles(self, group_id: int, limit: int = 50) -> list[Article]:
        """The articles of a group of related stories as All lists them (a story's copies once,
        an unsubscribed feed's stories not at all), newest first."""
        rows = self.query(
            f"SELECT {_ARTICLE_LIST_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
            f"WHERE a.group_id = ? AND {_LISTED} ORDER BY a.published DESC, a.id DESC LIMIT ?",
            (group_id, limit),
        )
        return [_article(r) for r in rows]

    def set_group(
        self, article_id: int, group_id: int | None, duplicate_of: int | None = None
    ) -> None:
        self.save_grouping([(article_id, group_id, duplicate_of)], [], [])

    # ------------------------------------------------------------------ stats

    def stats(self) -> Stats:
        """Counts as the reader shows them: the articles and unread ones All lists (the feeds
        subscribed to, a story's copies once), every favourite."""
        row = self.query(
            "SELECT (SELECT COUNT(*) FROM feeds WHERE active = 1) AS feeds, "
            "(SELECT COUNT(*) FROM articles WHERE is_favourite = 1) AS favourites"
        )[0]
        everything = View("all")
        size = 0
        for suffix in ("", "-wal"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                size += p.stat().st_size
        last = self.get_meta("last_refresh")
        return Stats(
            feeds=row["feeds"],
            articles=self.count(everything),
            unread=self.count(everything, unread=True),
            favourites=row["favourites"],
            db_bytes=size,
            last_refresh=_dt(float(last)) if last else None,
        )

    def copy_count(self) -> int:
        """The stories All does not count because each is a copy of one it lists (a wire story
        carried by several feeds, an update under a new address): listed once, as that one."""
        rows = self.query(
            "SELECT COUNT(*) AS n FROM articles a JOIN feeds f ON f.id = a.feed_id "
            f"WHERE a.kind = 'feed' AND {_FEED_LISTED} AND a.duplicate_of IS NOT NULL "
            f"AND {_FIRST_COPY_LISTED.format('')}"
        )
        return int(rows[0]["n"])

    # --- related (owned by related.py): grouping articles that report the same event

    def articles_for_grouping(
        self, since: float | None = None, ids: Sequence[int] | None = None
    ) -> list[Article]:
        """Articles with the texts to group them by, oldest first: the given ids, or the feed
        articles published since ``since`` (epoch seconds; None = all). Each has its feed's
        text and, where it was fetched (``put_page``), its page's (``page_text``): a feed's
        one-line blurb says too little to tell which reports of other feeds tell the same
        event (``reader.related.persist.article_item``)."""
        select = f"SELECT {_GROUPING_COLS} FROM articles a JOIN feeds f ON f.id = a.feed_id "
        if ids is None:
            rows = self.query(
                select + "WHERE a.kind = 'feed' AND a.published >= ? ORDER BY a.published, a.id",
                (since if since is not None else float("-inf"),),
            )
            return [_grouping_article(r) for r in rows]
        wanted = list(dict.fromkeys(ids))
        out: list[Article] = []
        for chunk, marks in id_chunks(wanted):
            rows = self.query(select + f"WHERE a.id IN ({marks}) ORDER BY a.published, a.id", chunk)
            out.extend(_grouping_article(r) for r in rows)
        return out

    def ungrouped_ids(
        self, since: float, before: tuple[float, int] | None = None, limit: int = 250
    ) -> list[tuple[float, int]]:
        """(published, id) of feed articles published since ``since`` that have no group yet,
        newest first, after the keyset ``before``."""
        where = "kind = 'feed' AND group_id IS NULL AND published >= ?"
        params: list[Any] = [since]
        if before is not None:
            where += " AND (published, id) < (?, ?)"
            params += list(before)
        rows = self.query(
            f"SELECT published, id FROM articles WHERE {where} "
            "ORDER BY published DESC, id DESC LIMIT ?",
            [*params, limit],
        )
        return [(float(r["published"]), int(r["id"])) for r in rows]

    def newest_published(self) -> float | None:
        """Publication time (epoch seconds) of the newest feed article, None if there is none."""
        rows = self.query("SELECT MAX(published) AS m FROM articles WHERE kind = 'feed'")
        value = rows[0]["m"] if rows else None
        return float(value) if value is not None else None

    def max_group_id(self) -> int:
        rows = self.query("SELECT MAX(group_id) AS m FROM articles WHERE group_id IS NOT NULL")
        return int(rows[0]["m"] or 0) if rows else 0

    def group_ids_reserved(self) -> int:
        """Where the next range of group ids will start (0 before the first): it moves whenever
        a grouping, in any process, reserves ids."""
        return _group_counter(self.get_meta("next_group_id")) or 0

    def reserve_group_ids(self, count: int) -> int:
        """The first of ``count`` new group ids that no grouping, in this process or another on
        the same database, has been or will be given (a range handed out in one transaction)."""
        with self.transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'next_group_id'").fetchone()
            top = int(
                db.execute(
                    "SELECT MAX(group_id) FROM articles WHERE group_id IS NOT NULL"
                ).fetchone()[0]
                or 0
            )
            # none or an unreadable value: the groups in the store still say enough
            start = max(_group_counter(row[0] if row else None) or 1, top + 1)
            put_meta(db, "next_group_id", str(start + max(0, count)))
        return start

    def read_like_originals(self, article_ids: Sequence[int]) -> int:
        """The copies among ``article_ids`` whose story (the first copy) is read are read too
        (related.mark_duplicates_read, for copies that arrive after their story was read: a
        feed's own copy of another feed's item is a copy as it is stored). Returns how many
        changed."""
        with self.transaction() as db:
            changed = self._read_like_originals(db, article_ids)
            if changed:
                _mark_changed(db)
            return changed

    @staticmethod
    def _read_like_originals(db: sqlite3.Connection, article_ids: Sequence[int]) -> int:
        changed = 0
        for chunk, marks in id_chunks(article_ids):
            changed += db.execute(
                f"UPDATE articles SET is_read = 1 WHERE id IN ({marks}) AND is_read = 0 AND "
                "duplicate_of IS NOT NULL AND EXISTS "
                "(SELECT 1 FROM articles b WHERE b.id = articles.duplicate_of AND b.is_read = 1)",
                chunk,
            ).rowcount
        return changed

    def save_grouping(
        self,
        groups: Sequence[tuple[int, int | None, int | None]],
        related: Sequence[tuple[int, Sequence[tuple[int, float]]]],
        merges: Sequence[tuple[int, int]],
        *,
        copies_read: bool = False,
    ) -> None:
        """One transaction: (article, group, duplicate_of) rows; each article's related links
        both ways (kind 'feed', replacing its earlier ones; links to deleted articles are
        skipped); then groups merged into others, as (old group, new group), in order.
        ``copies_read`` (related.mark_duplicates_read): a copy of a story already read is read
        too, as marking the story read would have marked it, had it been there."""
        with self.transaction() as db:
            _mark_changed(db)
            # a copy of an article deleted meanwhile (pruned by another process, or while the
            # index still held it) is no copy: it would be listed nowhere
            db.executemany(
                "UPDATE articles SET group_id = ?, "
                "duplicate_of = (SELECT b.id FROM articles b WHERE b.id = ?) WHERE id = ?",
                [(group, dup, article) for article, group, dup in groups],
            )
            if copies_read:
                self._read_like_originals(db, [a for a, _, dup in groups if dup is not None])
            for article_id, pairs in related:
                db.execute(
                    "DELETE FROM related WHERE article_id = ? AND kind = 'feed'", (article_id,)
                )
                rows = []
                for other, score in pairs:
                    if other != article_id:
                        rows += [
                            (article_id, other, score, other),
                            (other, article_id, score, other),
                        ]
                db.executemany(
                    "INSERT INTO related(article_id, other_id, score, kind) "
                    "SELECT ?, ?, ?, 'feed' WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?) "
                    "ON CONFLICT(article_id, other_id) DO UPDATE SET score = excluded.score",
                    rows,
                )
            for old, new in merges:
                db.execute("UPDATE articles SET group_id = ? WHERE group_id = ?", (new, old))

    # --- end related


# ---------------------------------------------------------------------- opening, with recovery


class DamageCheck:
    """``PRAGMA quick_check`` of a database file on its own read-only connection, in a thread:
    SQLite lets go of the GIL while it reads, so the reader's imports go on meanwhile. It reads
    every page (about 0.5 s for 100,000 articles), which is why only the reader's start runs it;
    ``open_store(path, check)`` waits for it, at most ``wait`` seconds more, and repairs a damaged
    file at once. A check that takes longer is stopped: damage it did not reach is found when
    it is read, and repaired on the next start, as without it."""

    def __init__(self, path: str | Path, wait: float = 0.3) -> None:
        self.path = Path(path).expanduser()
        self.wait = wait
        self._problem: str | None = None
        self._con: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if not self.path.is_file() or self.path.stat().st_size == 0:
            return
        try:
            uri = _ro_uri(self.path)
            con = self._con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error:
            return  # open_store says what is wrong with it
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:
                self._problem = "the integrity check found damaged pages"
        except UnicodeDecodeError:
            self._problem = _BAD_SCHEMA
        except sqlite3.Error as exc:
            if any(sign in str(exc).lower() for sign in _DAMAGE_SIGNS):
                self._problem = str(exc)
        finally:
            con.close()

    def problem(self) -> str | None:
        """Wait for the check (``wait`` seconds at most): the damage it found, or None."""
        self._thread.join(self.wait)
        if self._thread.is_alive():  # too big to check now: stop, so the start is not held up
            with contextlib.suppress(sqlite3.Error, AttributeError):
                if self._con is not None:
                    self._con.interrupt()
            self._thread.join()
        return self._problem


def open_store(
    path: str | Path,
    check: DamageCheck | None = None,
    *,
    create: bool = True,
    say: Callable[[str], None] | None = None,
    upgrade: bool = True,
) -> Store:
    """Open (creating or migrating) the database at ``path``.

    A damaged database is moved aside as ``*.corrupt`` and a fresh database started (built
    under another name and moved into place when complete: a repair that is stopped is done
    again by the next opening, see ``_repair``); what can still be read of it (favourites with
    their text, feed and read state; the read state of every other article) is copied over and
    the user is told (``Store.recovery_note``). A file that is not a newsreader database (nor a
    damaged one), a database from a newer newsreader, and an SQLite database of another
    program, are refused with a clear message and left as they are. With ``create`` False, a
    path where there is no database yet is an error (``StoreMissing``), not a new one.
    The cheap checks on open read a few pages only; given a ``check`` of every page, damage
    anywhere is repaired now rather than found (and repaired on the next start) when it is read.
    ``say`` is told when a repair starts (it may take seconds). With ``upgrade`` False (a
    command that only reads), a database of an older schema this code can read is opened
    read-only as it is, not migrated: an older newsreader may be using it, and the upgrade's
    one full re-fetch is owed by the next refresh or start, which migrate it.
    """
    path = Path(path).expanduser()
    too_long = _path_too_long(path)
    if too_long:
        raise StoreError(too_long)
    if path.is_dir():
        raise StoreError(f"The database path {path} is a folder, not a file.")
    resumed = _resume_repair(path, say)  # (a repair that was stopped: before all else)
    if resumed is not None:
        return resumed
    if not create and (not path.exists() or path.stat().st_size == 0):
        raise StoreMissing(
            f"There is no newsreader database at {path} yet; nothing was created. Start "
            "newsreader or run `newsreader refresh` to make one, or check the --db path."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"Cannot create the folder for the database {path}: {exc.strerror}"
        ) from None
    peek = _peek(path)
    # (notes.txt) The file's bytes are read only where SQLite could not read it: closing any
    # other descriptor of a database file drops the locks this process's connections hold on
    # it, and another process's newsreader would then remove the WAL they still use
    if not peek.read and path.exists() and path.stat().st_size and not _looks_like_ours(path):
        raise StoreError(
            f"{path} is not a newsreader database (nor a damaged one); it was left unchanged. "
            "Check the --db path."
        )
    if peek.foreign:
        shown = ", ".join(peek.foreign[:5]) + (", …" if len(peek.foreign) > 5 else "")
        raise StoreError(
            f"{path} is an SQLite database of another program (tables: {shown}), not a "
            "newsreader database; it was left unchanged. Choose another file with --db."
        )
    if peek.version > LATEST:  # (seen before anything opens it for writing)
        if peek.readable_by is None or peek.readable_by > LATEST:
            raise StoreError(_newer(path, peek.version), "newer")
        return _open_read_only(path)
    if path.exists() and not os.access(path, os.W_OK):
        # SQLite would open it read-only without a word, and the first write would fail
        return _open_read_only(path)
    if not upgrade and READABLE_SINCE <= peek.version < LATEST:
        older = _open_read_only(path)
        older.recovery_note = None  # (not "read-only, changes not saved": nothing is to change)
        older.upgrade_note = (
            f"The database {path} is from an older newsreader (schema {peek.version}); it was "
            "only read. The next refresh, or starting newsreader, upgrades it."
        )
        return older
    found_in = _identity(path)  # (the file opened here: another one may repair it meanwhile)
    store = Store(path)
    checked = False
    try:
        _check_and_migrate(store)
        problem = check.problem() if check is not None else None
        if problem:
            checked = True  # (the check may have read a file repaired since)
            raise _Corrupt(problem)
        marker = _check_marker(path)
        if marker.exists():  # damage was seen during the last run: check it thoroughly now
            _integrity_check(store)
            marker.unlink(missing_ok=True)
        store.recovery_note = _unread_aside_note(store)
        return store
    except StoreError as exc:
        store.close()  # (a busy database is tried again: no connection left behind)
        if isinstance(exc, StoreBusy | StoreCorrupt) or not path.exists():
            raise
        try:
            return _open_read_only(path, full=exc.reason == "full" or _disk_full(path))
        except StoreError:
            raise exc from None
    except _Corrupt as exc:
        store.close()
        repaired = _repair(path, str(exc), say, found_in, checked)
        if repaired is None:  # (another newsreader repaired it meanwhile: it is opened as it is)
            return open_store(path, create=create, say=say, upgrade=upgrade)
        return repaired


def open_store_waiting(
    path: str | Path,
    check: DamageCheck | None = None,
    *,
    create: bool = True,
    say: Callable[[str], None],
    patience: float | None = None,
    pause: float = 1.0,
) -> Store:
    """``open_store``, waiting while another process keeps the database locked (a program
    holding SQLite's exclusive lock, such as the sqlite3 shell in a transaction): ``say`` is
    told why once, and again when another process holds it, and the opening is tried again
    every ``pause`` seconds (each try itself waits up to the busy timeout, and ends as soon as
    the lock is let go). ``patience``: seconds after which ``StoreBusy`` is raised (None: wait
    until the lock is gone, or KeyboardInterrupt)."""
    start = time.monotonic()
    said = ""
    while True:
        try:
            return open_store(path, check, create=create, say=say)
        except StoreBusy as exc:
            if patience is not None and time.monotonic() - start >= patience:
                raise
            where = exc.path or Path(path).expanduser()
            text = (
                f"The database {where} is locked by {exc.holder}. newsreader goes on as soon "
                "as it is free (Ctrl+C stops waiting)."
            )
            if text != said:
                say(text)
                said = text
        time.sleep(pause)


def _recovery_note(problem: str, aside: Path, saved: Salvaged) -> str:
    """What the repair did, for the user: where the damaged file is, what was kept."""
    others = saved.articles - saved.favourites
    kept = f"{saved.favourites} favourite{'s' if saved.favourites != 1 else ''} recovered"
    if others:
        kept += (
            f", and {others:,} other article{'s' if others != 1 else ''} with their read state "
            f"({saved.read:,} read in all)"
        )
    if saved.without_text:
        kept += (
            f"; {saved.without_text:,} of them lost their text, which the next refresh gives "
            "again while their feed still lists them"
        )
    return (
        f"The database was damaged ({problem}). It was moved to {aside.name} and a new one "
        f"started; {kept}. The damaged file is kept in case more can be had from it."
    )


def _open_read_only(path: Path, full: bool = False) -> Store:
    """A database we may not write (read-only file or folder, or ``full``, a full disk):
    readable, changes refused. It leaves the folder as it found it: no "-wal" and "-shm" files
    stay after it closes where there were none (where another newsreader's are, they stay)."""
    tidy = not _has_sides(path)
    store = Store(path, read_only=True)
    store.disk_full = full
    store.tidy_sides = tidy
    store.immutable = False  # first as it is: favourites still in its WAL file count
    try:
        version = int(store.db.execute("PRAGMA user_version").fetchone()[0])
        store.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except (StoreError, *DB_ERRORS):
        store.close()
        store = Store(path, read_only=True)  # immutable: no "-shm" file can be made here
        store.disk_full = full
        store.tidy_sides = tidy
        try:
            version = int(store.db.execute("PRAGMA user_version").fetchone()[0])
        except DB_ERRORS as exc:
            raise _explain(exc, path) from None
    if version < READABLE_SINCE:
        raise StoreError(
            f"The database {path} is read-only and needs an upgrade; make it writable and try again.",
            "read_only",
        )
    if version > LATEST:  # readable only when the newsreader that wrote it says so
        readable_by = _readable_by(store.db)
        if readable_by is None or readable_by > LATEST:
            store.close()
            raise StoreError(_newer(path, version), "newer")
        store.newer_schema = version
        store.recovery_note = (
            f"The database {path} was written by a newer newsreader (database schema "
            f"{version}; this one, {__version__}, knows schema {LATEST} at most): you can read "
            "and search, but changes will not be saved. Upgrade newsreader to save them."
        )
        return store
    store.recovery_note = (
        f"The disk holding the database {path} is full: you can read and search, but changes "
        "will not be saved until some space is freed."
        if full
        else f"The database {path} is read-only: you can read and search, but changes will not "
        "be saved."
    )
    return store


class _Corrupt(Exception):
    pass


_BAD_SCHEMA = "the list of its tables is damaged"


def _check_and_migrate(store: Store) -> None:
    try:
        db = store.db
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except StoreCorrupt as exc:
        bad_schema = isinstance(exc.__context__, UnicodeDecodeError)
        raise _Corrupt(
            _BAD_SCHEMA if bad_schema else "it is not a readable SQLite database"
        ) from None
    except UnicodeDecodeError:
        raise _Corrupt(_BAD_SCHEMA) from None
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "not a database" in text or "malformed" in text or "disk image" in text:
            raise _Corrupt(text) from None
        raise _explain(exc, store.path) from None
    if version > LATEST:  # (made newer since open_store looked: nothing was written yet)
        store.close()
        raise StoreError(_newer(store.path, version), "newer")
    try:
        # (said once, at the start that upgrades it: the CLI and the reader show the note)
        store.upgrade_note = upgrade_note(migrate(db))
    except UnicodeDecodeError:
        raise _Corrupt(_BAD_SCHEMA) from None
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if any(sign in text for sign in _DAMAGE_SIGNS):
            raise _Corrupt(text) from None
        raise _explain(exc, store.path) from None


def _integrity_check(store: Store) -> None:
    try:
        rows = store.db.execute("PRAGMA quick_check").fetchall()
    except UnicodeDecodeError:
        raise _Corrupt(_BAD_SCHEMA) from None
    except sqlite3.DatabaseError as exc:
        raise _Corrupt(str(exc)) from None
    if [tuple(r) for r in rows] != [("ok",)]:
        raise _Corrupt("the integrity check found damaged pages")


def _looks_like_ours(path: Path) -> bool:
    """Whether a file could be a newsreader database, whole or damaged: SQLite's header, or
    our tables' definitions somewhere in it (a damaged header). No command, the reader's start
    included, "repairs" another file given by mistake (notes.txt): it is left as it is."""
    signs = (b"CREATE TABLE articles", b"CREATE TABLE feeds")
    try:
        with path.open("rb") as f:
            if f.read(16) == b"SQLite format 3\x00":
                return True
            f.seek(0)
            tail = b""  # (a definition across two chunks)
            while chunk := f.read(1 << 20):
                if any(sign in tail + chunk for sign in signs):
                    return True
                tail = chunk[-32:]
    except OSError:
        return True  # (what cannot be read is for the opening to say)
    return False


def _aside_name(path: Path) -> Path:
    """A free name for the damaged file beside ``path``: ``news.db.corrupt``, ``.corrupt2``…"""
    aside = path.with_name(path.name + ".corrupt")
    n = 1
    while any(Path(f"{aside}{suffix}").exists() for suffix in ("", "-wal", "-shm")):
        n += 1
        aside = path.with_name(f"{path.name}.corrupt{n}")
    return aside


def _move_files(source: Path, target: Path) -> None:
    """Move the database file ``source`` with its "-wal" and "-shm" files to ``target``, the
    sides first: where this is stopped halfway, the file at ``source`` still has its WAL file,
    or the one at ``target`` has it already. Nothing where there is nothing to move."""
    for suffix in ("-wal", "-shm", ""):
        side = Path(f"{source}{suffix}")
        if side.exists() and not Path(f"{target}{suffix}").exists():
            os.replace(side, Path(f"{target}{suffix}"))


def _remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def _sync_folder(path: Path) -> None:
    """Make the renames in ``path``'s folder last through a power cut (where it can be done)."""
    with contextlib.suppress(OSError):
        fd = os.open(path.absolute().parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---------------------------------------------------------------------- a repair, crash-safe
#
# A repair moves the damaged file aside (``news.db.corrupt``), builds the new database under
# another name (``news.db.repair-tmp``) and moves it to ``news.db`` in one rename when it is
# complete. Before the damaged file is moved, its new name is written to a marker file
# (``news.db.repairing``), removed when the new database is in place: a repair stopped in
# between (kill -9, Ctrl+C, a power cut) is done again, from the start, by the next command
# or start, which says so. The marker is locked (flock) while a repair is under way, so that a
# second newsreader does not take the half-built database for a stopped repair.

REPAIRED_FROM_KEY = "repaired_from"  # meta: the damaged file a repair read (kept beside it)


def _repair_marker(path: Path) -> Path:
    return path.with_name(path.name + ".repairing")


def _repair_build(path: Path) -> Path:
    return path.with_name(path.name + ".repair-tmp")


def _repairing_elsewhere(path: Path) -> StoreBusy:
    return StoreBusy(
        f"The database {path} is being repaired by another newsreader; try again when it has "
        "finished.",
        path,
        "another newsreader, which is repairing it",
    )


@contextmanager
def _repair_held(path: Path) -> Iterator[int]:
    """The repair marker of ``path``, made if need be and locked for this process (a
    ``StoreBusy`` while another one holds it): its file descriptor."""
    marker = _repair_marker(path)
    for _ in range(5):  # (the one that held it may remove it meanwhile: lock the one in place)
        try:
            fd = os.open(marker, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _cannot_repair(path, exc) from None
        try:
            if sys.platform != "win32":
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.path.exists(marker) and os.path.samestat(os.fstat(fd), os.stat(marker)):
                break
        except BlockingIOError:
            os.close(fd)
            raise _repairing_elsewhere(path) from None
        except OSError:
            pass
        os.close(fd)
    else:
        raise _repairing_elsewhere(path)
    try:
        yield fd
    finally:
        os.close(fd)


def _marked_aside(path: Path, fd: int | None = None) -> Path | None:
    """The damaged file a repair that was stopped was reading, as its marker names it."""
    try:
        if fd is None:
            text = _repair_marker(path).read_text(encoding="utf-8")
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            text = os.read(fd, 4096).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    name = text.strip()
    if not name.startswith(path.name + ".corrupt") or "/" in name or os.sep in name:
        return None
    return path.with_name(name)


def _repaired_from(path: Path) -> str | None:
    """The damaged file the database at ``path`` was repaired from (meta), if it says."""
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", (REPAIRED_FROM_KEY,)).fetchone()
        return str(row[0]) if row is not None else None
    except DB_ERRORS:
        return None
    finally:
        con.close()


def _resume_repair(path: Path, say: Callable[[str], None] | None) -> Store | None:
    """Do again a repair of ``path`` that was stopped before its new database was in place;
    None when there is none (or it was complete after all: then only its marker goes)."""
    if not _repair_marker(path).exists():
        return None
    with _repair_held(path) as fd:
        aside = _marked_aside(path, fd)
        if aside is not None and not aside.exists():
            # stopped while the damaged file was being moved, its "-wal" first: it goes back
            _move_files(aside, path)
            aside = None
        elif aside is not None and not path.exists():
            _move_files(path, aside)  # (sides left behind by a move stopped halfway)
        if aside is None or _repaired_from(path) == aside.name:
            # stopped before the damaged file was moved (it is still at ``path``), or after
            # the new database was in place
            _remove_files(_repair_build(path))
            _repair_marker(path).unlink(missing_ok=True)
            return None
        if say is not None:
            say(
                f"A repair of the database {path} was stopped before it was done: doing it "
                f"again now from the damaged file, {aside.name}. This can take a while."
            )
        return _rebuild(
            path, aside, "a repair of it was stopped before it was done; it was done again", fd
        )


def _unread_aside_note(store: Store) -> str | None:
    """What to tell the user of a damaged file beside a database with no article yet that was
    not repaired from it (``REPAIRED_FROM_KEY``): an older newsreader stopped during its repair
    left the favourites in that file only (or the user removed the database to start afresh).
    Only words: whether this database was made by that repair cannot be told for sure, and a
    database another newsreader may have open is never replaced."""
    asides = sorted(
        (
            p
            for p in store.path.parent.glob(glob.escape(store.path.name) + ".corrupt*")
            if p.is_file() and not p.name.endswith(("-wal", "-shm")) and p.stat().st_size
        ),
        key=lambda p: p.stat().st_mtime,
    )
    if not asides or not _looks_like_ours(asides[-1]):
        return None
    aside = asides[-1]
    try:
        if store.query("SELECT 1 FROM articles LIMIT 1"):
            return None
        if store.get_meta(REPAIRED_FROM_KEY) == aside.name:
            return None
    except StoreError:
        return None
    path = store.path
    return (
        f"A damaged database is kept beside {path} as {aside.name}; what it held (favourites, "
        "read state) was not read into this one, which has no stories yet. To have it read, "
        f"quit newsreader, move {path.name} (with any {path.name}-wal beside it) away and "
        f"rename {aside.name} to {path.name}: the next start repairs it."
    )


def _cannot_repair(path: Path, exc: OSError) -> StoreError:
    return StoreError(
        f"The database {path} is damaged and cannot be repaired where it is ({exc.strerror}): "
        "nothing was changed. Make its folder writable, or free some space, and try again."
    )


def _mark(path: Path, fd: int, aside: Path) -> None:
    """Write the name of the damaged file a repair reads into its marker (``fd``), for good."""
    try:
        os.ftruncate(fd, 0)
        os.write(fd, aside.name.encode("utf-8"))
        os.fsync(fd)
        _sync_folder(path)
    except OSError as exc:
        _repair_marker(path).unlink(missing_ok=True)
        raise _cannot_repair(path, exc) from None


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (its device and inode); None where there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def _quick_check_passes(path: Path) -> bool:
    try:
        con = sqlite3.connect(_ro_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return False
    try:
        return [tuple(r) for r in con.execute("PRAGMA quick_check").fetchall()] == [("ok",)]
    except DB_ERRORS:
        return False
    finally:
        con.close()


def _repaired_meanwhile(path: Path, found_in: tuple[int, int] | None, checked: bool) -> bool:
    """Whether another newsreader repaired the database at ``path`` since it was found damaged
    (asked with the repair marker held): the file there is not the one found damaged
    (``found_in``), or, where a check begun earlier found the damage (``checked``: it may have
    read the file since repaired), the file says a repair made it and a quick check passes."""
    now = _identity(path)
    if found_in is not None and now is not None and now != found_in:
        return True
    return checked and _repaired_from(path) is not None and _quick_check_passes(path)


def _repair(
    path: Path,
    problem: str,
    say: Callable[[str], None] | None,
    found_in: tuple[int, int] | None = None,
    checked: bool = False,
) -> Store | None:
    """Move the damaged database at ``path`` aside and build a new one of what can be read;
    None when another newsreader repaired it since it was found damaged (``found_in``: the
    file found damaged, see ``_repaired_meanwhile``), which is then to be opened as it is: its
    new database would be moved aside, and what that one writes to it lost."""
    with _repair_held(path) as fd:
        if _marked_aside(path, fd) is not None or not path.exists():
            # (another newsreader repaired it meanwhile, or stopped doing so: start again)
            raise _repairing_elsewhere(path)
        if _repaired_meanwhile(path, found_in, checked):
            _repair_marker(path).unlink(missing_ok=True)
            return None
        aside = _aside_name(path)
        _mark(path, fd, aside)
        try:
            _move_files(path, aside)
        except OSError as exc:
            _move_files(aside, path)  # (what was moved goes back)
            raise _cannot_repair(path, exc) from None
        if say is not None:  # a large database takes seconds: not a silent start
            say(
                f"The database {path} is damaged: repairing it now (what can be read goes into a "
                f"new one; the damaged file is kept as {aside.name}). This can take a while."
            )
        return _rebuild(path, aside, problem, fd)


def _rebuild(path: Path, aside: Path, problem: str, fd: int) -> Store:
    """Build the new database of what can be read of ``aside`` beside ``path`` and move it there
    (``fd``: the repair marker, held)."""
    build = _repair_build(path)
    _remove_files(build)  # (what a repair stopped earlier left)
    fresh = Store(build)
    try:
        try:
            _check_and_migrate(fresh)
            saved = salvage(aside, fresh.db)
        except (StoreError, sqlite3.Error, _Corrupt):
            raise
        except Exception as err:  # (a file damaged in a way the reading did not foresee)
            saved = Salvaged()
            problem = f"{problem}; nothing could be read from it: {type(err).__name__}"
        put_meta(fresh.db, REPAIRED_FROM_KEY, aside.name)
        fresh.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except (StoreError, sqlite3.Error, _Corrupt) as err:
        # the new database could not be written (a full disk): all goes back as it was, so
        # that the next start repairs it again
        fresh.close()
        _remove_files(build)
        if not path.exists():
            _move_files(aside, path)
        _repair_marker(path).unlink(missing_ok=True)
        if isinstance(err, StoreError):
            raise
        raise (
            _explain(err, path)
            if isinstance(err, sqlite3.Error)
            else StoreError(
                f"The database {path} is damaged and could not be repaired now ({err})."
            )
        ) from None
    finally:
        fresh.close()
    for suffix in ("-wal", "-shm"):  # (emptied by the checkpoint; the damaged file's are aside)
        Path(f"{build}{suffix}").unlink(missing_ok=True)
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(build, path)
    _sync_folder(path)
    _repair_marker(path).unlink(missing_ok=True)
    _check_marker(path).unlink(missing_ok=True)
    store = Store(path)
    store.recovery_note = _recovery_note(problem, aside, saved)
    return store
