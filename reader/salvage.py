"""What can still be read from a damaged newsreader database, copied into a fresh one.

Only Python's ``sqlite3`` and the file format are used, in three steps:

* SQLite itself reads table by table in rowid order; where it meets a damaged page it goes
  on a range of rowids at a time (then one at a time) past the damage. A file cut short is
  read from a copy padded to its full length, so the pages that are left still count.
* Where SQLite stops short (a damaged header or schema page, damaged b-tree pages), every
  page of the file is scanned for table-leaf cells whose records have the shape of a row of
  ``articles``, ``feeds`` or ``pruned`` (the column order is the schema's), taking the newest
  committed copy of a page from the WAL file as SQLite would. Pages on the free list (older
  copies) are left out when the header says where they are; a row SQLite read wins over the
  scan's. The rows of ``pruned`` its index by feed still holds are kept too.
* An article whose row is lost but whose guid the guid index still holds comes back with
  what the other indexes say: its feed and date, whether it is a favourite and since when,
  and whether it was read (the unread index, read around its damaged pages by key range).
  It has no text until the next refresh gives it again.

Favourites keep their text, feed, read state and the time they were saved; every other
article found keeps its read state, so the next refresh does not bring read stories back as
unread, nor (the pruned list kept) stories retention removed while their feed lists them. Time
and memory are bounded: rows go straight to the new database (rows found by the
scan through a temporary table), pages are read one at a time through ``mmap``.
"""

from __future__ import annotations

import contextlib
import mmap
import shutil
import sqlite3
import struct
import time
import urllib.parse
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ARTICLE_COLS = (
    "id",
    "feed_id",
    "guid",
    "url",
    "title",
    "author",
    "published",
    "has_date",
    "updated",
    "content_html",
    "summary_text",
    "is_read",
    "is_favourite",
    "favourited_at",
    "first_seen",
    "content_hash",
    "body_text",
    "kind",
    "language",
    "group_id",
    "duplicate_of",
    "enclosures",  # (schema 8: a row written before has the columns up to here only)
)
ARTICLE_DEFAULTS: dict[str, Any] = {
    "content_hash": "",
    "body_text": "",
    "kind": "feed",
    "language": "",
    "group_id": None,
    "duplicate_of": None,
    "enclosures": "",
}
FEED_COLS = (
    "id",
    "url",
    "title",
    "category",
    "site_url",
    "origin",
    "etag",
    "last_modified",
    "last_fetched",
    "last_error",
    "failures",
    "next_fetch",
    "dead",
    "full_article",
    "active",
    "content_hash",
    "language",
    "unsubscribed",  # (schema 7: a row written before has the columns up to here only)
    "last_status",
    "retry_after",  # (schema 9: the same)
)
FEED_REQUIRED = 17  # up to its language: a feed found without these is not kept
# tables copied as SQLite reads them (caches and links; the scan does not look for them)
OTHER_TABLES = ("meta", "pages", "summaries", "related")
# where articles whose feed could not be read are kept (a feed never fetched: inactive)
RECOVERED_FEED = ("recovered:favourites", "Recovered stories", "")

# what SQLite reading a damaged file may raise: its errors, and a UnicodeDecodeError when the
# message it gives holds bytes of the damaged schema that are not UTF-8 (Python decodes it)
DB_ERRORS = (sqlite3.Error, UnicodeDecodeError)


def lenient_text(data: bytes) -> str:
    """Text as a connection reads it (``text_factory``): bytes that are not UTF-8 (a damaged
    page, another program's write) become U+FFFD instead of failing the whole query."""
    return data.decode("utf-8", "replace")


STEP = 256  # rowids read at a time past damaged pages
_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Salvaged:
    """What was copied out of a damaged database."""

    favourites: int = 0
    articles: int = 0  # all articles, favourites included
    read: int = 0  # of them, read
    feeds: int = 0
    scanned: bool = False  # pages were scanned for rows SQLite could not reach
    without_text: int = 0  # of the articles, those known from indexes only (no text)


# ---------------------------------------------------------------------- the file format


def _varint(buf: bytes | mmap.mmap, i: int) -> tuple[int, int]:
    value = 0
    for k in range(8):
        byte = buf[i + k]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, i + k + 1
    return (value << 8) | buf[i + 8], i + 9


def _u16(buf: bytes | mmap.mmap, i: int) -> int:
    return (buf[i] << 8) | buf[i + 1]


def _u32(buf: mmap.mmap | bytes, i: int) -> int:
    return int.from_bytes(buf[i : i + 4], "big")


_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _size(serial: int) -> int:
    if serial in _INT_SIZES:
        return _INT_SIZES[serial]
    if serial == 7:
        return 8
    if serial >= 12:
        return (serial - 12) // 2
    return 0


def _value(serial: int, data: bytes, i: int) -> Any:
    if serial == 0:
        return None
    if serial in _INT_SIZES:
        return int.from_bytes(data[i : i + _INT_SIZES[serial]], "big", signed=True)
    if serial == 7:
        return struct.unpack(">d", data[i : i + 8])[0]
    if serial in (8, 9):
        return serial - 8
    n = (serial - 12) // 2
    if serial % 2:
        return data[i : i + n].decode("utf-8")  # newsreader writes UTF-8 only
    return data[i : i + n]


# column kinds: N null, I integer, F number, T text, and their unions
def _fits(serial: int, kinds: str) -> bool:
    if serial == 0:
        return "N" in kinds
    if serial in _INT_SIZES or serial in (8, 9):
        return "I" in kinds or "F" in kinds
    if serial == 7:
        return "F" in kinds
    if serial >= 13 and serial % 2:
        return "T" in kinds
    return False


# the shape of each table's record, column by column (the id is stored as NULL: the rowid)
# (N null, I integer, F number, T text; "NF" null or a number)
_ARTICLE_SHAPE = "N I T T T T F I NF T T I I NF F T T T T NI NI T"
_FEED_SHAPE = "N T T T T T NT NT NF NT I NF I I I NT T NF NI NF"
ARTICLE_SHAPE: tuple[str, ...] = tuple(_ARTICLE_SHAPE.split(" "))
FEED_SHAPE: tuple[str, ...] = tuple(_FEED_SHAPE.split(" "))
ARTICLE_REQUIRED = 3  # up to its guid: an article found without these is not kept
# a row of ``pruned``: its guid key (the rowid), feed id, when a feed last listed it
PRUNED_SHAPE: tuple[str, ...] = ("N", "I", "F")
_ARTICLE_TEXT = frozenset(
    ("url", "title", "author", "content_html", "summary_text", "content_hash", "body_text")
)
_ARTICLE_TEXT |= {"kind", "language", "enclosures"}


def _header_info(head: bytes) -> tuple[int, int, int, int, int] | None:
    """(page size, usable size, pages per the header or 0, first free-list trunk, free pages)
    from a sound database header; None when the header is damaged."""
    if len(head) < 100 or head[:16] != _MAGIC:
        return None
    size = int.from_bytes(head[16:18], "big")
    size = 65536 if size == 1 else size
    if size < 512 or size > 65536 or size & (size - 1):
        return None
    reserved = head[20]
    pages = _u32(head, 28) if _u32(head, 24) == _u32(head, 92) else 0
    return size, size - reserved, pages, _u32(head, 32), _u32(head, 36)


def _sound_btree_page(mm: bytes | mmap.mmap, base: int, hdr: int, size: int) -> bool:
    """Whether the page at ``base`` (its header at ``hdr``) looks like a b-tree page of a
    database whose pages are ``size`` bytes: its cells lie between its header and its end."""
    kind = mm[hdr]
    if kind not in (2, 5, 10, 13):
        return False
    cells = _u16(mm, hdr + 3)
    start = _u16(mm, hdr + 5) or 65536
    pointers = hdr + (12 if kind in (2, 5) else 8)
    top = pointers + 2 * cells - base
    if cells == 0 or top > size or start > size or start < top:
        return False
    return all(start <= _u16(mm, pointers + 2 * k) < size for k in range(cells))


def _guess_page_size(mm: mmap.mmap) -> int:
    """The page size of a file whose header is damaged: the one at which the most pages of
    its first 32 MiB look like sound b-tree pages (too big a size lands on a page's start
    only now and then; too small a one finds cells beyond a page's end)."""
    best, best_count = 4096, 0
    span = min(len(mm), 32 << 20)
    for size in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512):
        count = 0
        for base in range(size, span - size + 1, size):
            with contextlib.suppress(IndexError):
                count += _sound_btree_page(mm, base, base, size)
        if count > best_count:
            best, best_count = size, count
    return best


_WAL_MAGIC = (0x377F0682, 0x377F0683)


class _Pages:
    """The pages of a database file as SQLite would see them: the newest committed copy in its
    WAL file where there is one, else the file's own (short or empty past its end)."""

    def __init__(self, mm: mmap.mmap, size: int, usable: int) -> None:
        self.mm = mm
        self.size = size
        self.usable = usable
        self.count = len(mm) // size
        self.wal: mmap.mmap | None = None
        self.frames: dict[int, int] = {}  # page number -> where its newest copy is in the WAL

    def read_wal(self, wal: mmap.mmap) -> None:
        """Take the frames of every transaction committed in ``wal`` (stopping at the first
        frame of another generation, as SQLite does)."""
        if len(wal) < 32 or _u32(wal, 0) not in _WAL_MAGIC or _u32(wal, 8) != self.size:
            return
        salts = bytes(wal[16:24])
        pending: dict[int, int] = {}
        at = 32
        while at + 24 + self.size <= len(wal):
            if bytes(wal[at + 8 : at + 16]) != salts:
                break
            pgno, commit = _u32(wal, at), _u32(wal, at + 4)
            pending[pgno] = at + 24
            if commit:
                self.frames.update(pending)
                pending.clear()
                self.count = max(self.count, commit)
            at += 24 + self.size
        self.wal = wal

    def page(self, pgno: int) -> bytes:
        at = self.frames.get(pgno)
        if at is not None and self.wal is not None:
            return bytes(self.wal[at : at + self.size])
        return bytes(self.mm[(pgno - 1) * self.size : pgno * self.size])

    def free(self) -> set[int]:
        """The pages on the free list (older copies of rows lie there), as far as it reads."""
        info = _header_info(self.page(1)[:100])
        if info is None:
            return set()
        trunk, total = info[3], info[4]
        free: set[int] = set()
        seen = 0
        while 1 < trunk <= self.count and seen < self.count and len(free) <= total:
            seen += 1
            free.add(trunk)
            page = self.page(trunk)
            if len(page) < 8:
                break
            leaves = _u32(page, 4)
            if leaves > (self.size - 8) // 4:
                break
            free.update(_u32(page, 8 + 4 * k) for k in range(leaves))
            trunk = _u32(page, 0)
        return free


@contextlib.contextmanager
def _open_pages(path: Path) -> Iterator[_Pages | None]:
    """The pages of the database file at ``path`` and of its WAL file; None when the file is
    too short to hold a page. The page size is the header's, else the WAL's, else a guess."""
    with contextlib.ExitStack() as stack:
        try:
            fh = stack.enter_context(path.open("rb"))
            if fh.seek(0, 2) < 512:
                yield None
                return
            mm = stack.enter_context(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
            wal: mmap.mmap | None = None
            wal_path = Path(str(path) + "-wal")
            if wal_path.is_file() and wal_path.stat().st_size > 32:
                wfh = stack.enter_context(wal_path.open("rb"))
                wal = stack.enter_context(mmap.mmap(wfh.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):
            yield None
            return
        info = _header_info(bytes(mm[:100]))
        if info is not None:
            size, usable = info[0], info[1]
        elif wal is not None and _u32(wal, 0) in _WAL_MAGIC and 512 <= _u32(wal, 8) <= 65536:
            size = usable = _u32(wal, 8)
        else:
            size = usable = _guess_page_size(mm)
        pages = _Pages(mm, size, usable)
        if wal is not None:
            pages.read_wal(wal)
        yield pages


@dataclass
class _Cell:
    rowid: int
    types: list[int]
    data: bytes  # the record (possibly cut short where an overflow chain breaks)
    body: int  # where the values start in ``data``


def _leaf_cells(pages: _Pages, pgno: int, known: Container[int] = ()) -> Iterator[_Cell]:
    """The cells of a table-leaf page, with their records put together from overflow pages;
    rows shaped as articles under the ids ``known`` are passed over."""
    page = pages.page(pgno)
    size, usable = pages.size, pages.usable
    hdr = 100 if pgno == 1 else 0
    if len(page) < size or page[hdr] != 13:
        return
    cells = _u16(page, hdr + 3)
    if cells == 0 or hdr + 8 + 2 * cells > size:
        return
    most = usable - 35
    least = ((usable - 12) * 32 // 255) - 23
    for k in range(cells):
        off = _u16(page, hdr + 8 + 2 * k)
        if off < 8 or off >= usable:
            continue
        try:
            payload, p = _varint(page, off)
            rowid, p = _varint(page, p)
        except IndexError:
            continue
        if rowid >= 1 << 63:
            rowid -= 1 << 64
        if payload > 1 << 28:
            continue
        local = payload
        if payload > most:
            local = least + (payload - least) % (usable - 4)
            local = local if local <= most else least
        if p + local + (4 if local < payload else 0) > usable:
            continue
        data = page[p : p + local]
        try:
            head, q = _varint(data, 0)
            types: list[int] = []
            while q < head and len(types) < 32:
                serial, q = _varint(data, q)
                types.append(serial)
        except IndexError:
            continue
        if q != head or not (
            16 <= len(types) <= len(ARTICLE_SHAPE) or len(types) == len(PRUNED_SHAPE)
        ):
            continue  # not a row of articles, feeds or pruned: no need to read overflow pages
        if rowid in known and _shaped(types, ARTICLE_SHAPE):
            continue
        if local < payload:
            chain, remain, hops = _u32(page, p + local), payload - local, 0
            parts = [data]
            while remain > 0 and 1 < chain <= pages.count and hops <= payload // (usable - 4) + 1:
                hops += 1
                overflow = pages.page(chain)
                if len(overflow) < usable:
                    break
                piece = overflow[4 : 4 + min(remain, usable - 4)]
                parts.append(piece)
                remain -= len(piece)
                chain = _u32(overflow, 0)
            data = b"".join(parts)
        yield _Cell(rowid, types, data, head)


_CUT = object()  # a value whose bytes were lost with an overflow page


def _shaped(types: list[int], shape: tuple[str, ...]) -> bool:
    return len(types) <= len(shape) and all(
        _fits(t, kinds) for t, kinds in zip(types, shape, strict=False)
    )


def _decode(cell: _Cell, shape: tuple[str, ...], required: int) -> list[Any] | None:
    """The cell's values if its record has the table's shape, else None. Where a broken
    overflow chain cut the record short, the values lost are ``_CUT``, except 0 and 1, which
    the record's header holds; the first ``required`` values must all be there."""
    if len(cell.types) < required or not _shaped(cell.types, shape):
        return None
    values: list[Any] = []
    i = cell.body
    for serial in cell.types:
        n = _size(serial)
        if i + n > len(cell.data):
            values.append(serial - 8 if serial in (8, 9) else _CUT)
        else:
            try:
                values.append(_value(serial, cell.data, i))
            except UnicodeDecodeError:
                if len(values) < required or i + n <= len(cell.data):
                    return None
                values.append(_CUT)
        i += n
    if any(v is _CUT for v in values[:required]):
        return None
    return values


def _article_from_scan(rowid: int, values: list[Any]) -> dict[str, Any] | None:
    row = dict(ARTICLE_DEFAULTS)
    row.update(zip(ARTICLE_COLS, values, strict=False))
    row["id"] = rowid
    if any(v is _CUT for v in row.values()):  # text lost: the next refresh gives it again
        row["content_hash"] = ""
        for key, value in list(row.items()):
            if value is _CUT:
                row[key] = "" if key in _ARTICLE_TEXT else None
    if rowid <= 0 or not row["guid"] or row["is_read"] not in (0, 1):
        return None
    if row["is_favourite"] not in (0, 1):
        return None
    return row


def _feed_from_scan(rowid: int, values: list[Any]) -> dict[str, Any] | None:
    if not FEED_REQUIRED <= len(values) <= len(FEED_COLS) or not values[1] or rowid <= 0:
        return None
    row: dict[str, Any] = dict.fromkeys(FEED_COLS)
    row.update(zip(FEED_COLS, values, strict=False))
    row["id"] = rowid
    return row


def _pruned_from_scan(rowid: int, values: list[Any]) -> dict[str, Any] | None:
    feed_id, seen = values[1], values[2]
    if not isinstance(feed_id, int) or feed_id <= 0 or not isinstance(seen, int | float):
        return None
    return {"guid_key": rowid, "feed_id": feed_id, "seen": float(seen)}


def scan_file(path: Path, known: Container[int] = ()) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of ``articles`` ("articles", row), ``feeds`` ("feeds", row) and ``pruned``
    ("pruned", row) that the pages of the file at ``path`` (and its WAL file) still hold,
    whatever state its header and b-trees are in; articles under the ids ``known`` (read
    already) are left out. (No other table of newsreader's has rows of three values.)"""
    with _open_pages(path) as pages:
        if pages is None:
            return
        try:
            free = pages.free()
        except (IndexError, ValueError):
            free = set()
        for pgno in range(1, pages.count + 1):
            if pgno in free:
                continue
            try:
                for cell in _leaf_cells(pages, pgno, known):
                    values = _decode(cell, ARTICLE_SHAPE, ARTICLE_REQUIRED)
                    if values is not None:
                        article = _article_from_scan(cell.rowid, values)
                        if article is not None:
                            yield "articles", article
                        continue
                    if len(cell.types) == len(PRUNED_SHAPE):
                        values = _decode(cell, PRUNED_SHAPE, len(PRUNED_SHAPE))
                        pruned = _pruned_from_scan(cell.rowid, values) if values else None
                        if pruned is not None:
                            yield "pruned", pruned
                        continue
                    values = _decode(cell, FEED_SHAPE, FEED_REQUIRED)
                    feed = None
                    if values is not None and _CUT not in values:
                        feed = _feed_from_scan(cell.rowid, values)
                    if feed is not None:
                        yield "feeds", feed
            except (IndexError, ValueError, struct.error):
                continue


Key = list[Any] | None  # an index key (its columns and rowid); None: no bound
Gap = tuple[Key, Key]  # keys between these two (neither included) could not be read


def _index_record(data: bytes) -> list[Any]:
    head, q = _varint(data, 0)
    types: list[int] = []
    while q < head and len(types) < 8:
        serial, q = _varint(data, q)
        types.append(serial)
    values, i = [], head
    for serial in types:
        values.append(_value(serial, data, i))
        i += _size(serial)
    if i > len(data):
        raise ValueError("record cut short")
    return values


def _index_records(pages: _Pages, root: int) -> tuple[list[list[Any]], list[Gap]]:
    """The records of the index b-tree at page ``root`` that its sound pages hold, and the
    ranges of keys under damaged pages (passed over): an index read whole has none."""
    size = pages.size
    most = ((pages.usable - 12) * 64 // 255) - 23
    records: list[list[Any]] = []
    gaps: list[Gap] = []
    stack: list[tuple[int, Key, Key]] = [(root, None, None)]
    seen: set[int] = set()
    while stack:
        pgno, low, high = stack.pop()
        if pgno in seen or not 1 <= pgno <= pages.count:
            gaps.append((low, high))
            continue
        seen.add(pgno)
        page = pages.page(pgno)
        hdr = 100 if pgno == 1 else 0
        if (
            len(page) < size
            or page[hdr] not in (2, 10)
            or not _sound_btree_page(page, 0, hdr, size)
        ):
            gaps.append((low, high))
            continue
        kind = page[hdr]
        interior = kind == 2
        pointers = hdr + (12 if interior else 8)
        below: Key = low  # the key before the next child's keys
        for k in range(_u16(page, hdr + 3)):
            p = _u16(page, pointers + 2 * k)
            child = _u32(page, p) if interior else 0
            key: Key
            try:
                payload, q = _varint(page, p + (4 if interior else 0))
                if payload > most:  # (keys this long are not newsreader's ids, guids or dates)
                    raise ValueError("key on overflow pages")
                key = _index_record(page[q : q + payload])
                records.append(key)
            except (IndexError, ValueError, struct.error):
                key = None
                gaps.append((below, high))  # (this key, and where the next child starts)
            if interior:
                stack.append((child, below, key if key is not None else high))
            below = key if key is not None else low
        if interior:
            stack.append((_u32(page, hdr + 8), below, high))
    return records, gaps


def _in_gap(key: list[Any], gaps: list[Gap]) -> bool:
    try:
        return any(
            (low is None or low < key) and (high is None or key < high) for low, high in gaps
        )
    except TypeError:  # (keys of other types: not comparable, so not known)
        return True


@dataclass
class _Lost:
    """What the indexes still say about articles whose rows were lost, by id."""

    guid: dict[int, str]
    feed: dict[int, tuple[int, float]]  # id -> (feed id, published)
    favourite: dict[int, float | None]  # id -> favourited_at
    unread: set[int]
    unread_gaps: list[Gap]  # (feed id, id) ranges of the unread index that could not be read
    url: dict[int, str]  # id -> its URL, lower-cased
    home: dict[int, int] = field(default_factory=dict)  # id -> feed id (the guid index's)


def _from_indexes(path: Path, roots: dict[str, int], have: Container[int]) -> _Lost | None:
    """What the indexes of the articles table say about the articles not in ``have``."""
    lost = _Lost({}, {}, {}, set(), [(None, None)], {})
    with _open_pages(path) as pages:
        if pages is None:
            return None
        found = pages

        def entries(name: str) -> tuple[list[list[Any]], list[Gap]]:
            root = roots.get(name)
            return _index_records(found, root) if root else ([], [(None, None)])

        # an index record is its columns, then the rowid (the article's id): the guid index,
        # (guid, feed id) since schema 9, (guid) before
        for values in entries("articles_guid")[0]:
            if len(values) != 3:
                continue
            guid, feed, rowid = values
            ok = isinstance(feed, int) and isinstance(guid, str) and isinstance(rowid, int)
            if ok and guid and rowid > 0 and rowid not in have:
                lost.guid[rowid] = guid
                lost.home[rowid] = feed
        for values in entries("sqlite_autoindex_articles_1")[0]:
            guid, rowid = values[0], values[-1]
            ok = len(values) == 2 and isinstance(guid, str) and isinstance(rowid, int)
            if ok and guid and rowid > 0 and rowid not in have:
                lost.guid[rowid] = guid
        if not lost.guid:
            return lost
        wanted = lost.guid
        for values in entries("articles_feed_date")[0]:  # feed_id, published, id, rowid
            if len(values) != 4 or values[-1] not in wanted:
                continue
            feed, published = values[0], values[1]
            if isinstance(feed, int) and isinstance(published, int | float):
                lost.feed[values[-1]] = (feed, float(published))
        for values in entries("articles_favourites")[0]:  # favourited_at, id, rowid
            if len(values) == 3 and values[-1] in wanted:
                stamp = values[0]
                lost.favourite[values[-1]] = (
                    float(stamp) if isinstance(stamp, int | float) else None
                )
        unread, lost.unread_gaps = entries("articles_unread")  # feed_id, rowid
        lost.unread = {v[-1] for v in unread if len(v) == 2 and v[-1] in wanted}
        for values in entries("articles_url")[0]:  # lower(url), rowid
            if len(values) == 2 and values[-1] in wanted and isinstance(values[0], str):
                lost.url[values[-1]] = values[0]
    return lost


def _pruned_from_index(path: Path, roots: dict[str, int]) -> list[dict[str, Any]]:
    """The rows of ``pruned`` that its index by feed (feed id, seen, guid key) still holds."""
    root = roots.get("pruned_feed")
    if not root:
        return []
    with _open_pages(path) as pages:
        if pages is None:
            return []
        records, _ = _index_records(pages, root)
    found = []
    for values in records:
        if len(values) == 3 and isinstance(values[2], int):
            row = _pruned_from_scan(values[2], [None, values[0], values[1]])
            if row is not None:
                found.append(row)
    return found


# ---------------------------------------------------------------------- reading through SQLite


def _open_source(old: Path) -> tuple[sqlite3.Connection | None, Path | None]:
    """A connection to the damaged file (None if SQLite cannot open it), and the padded copy
    it reads when the file was cut short (to be deleted afterwards)."""
    work: Path | None = None
    target = old
    try:
        with old.open("rb") as fh:
            info = _header_info(fh.read(100))
        length = old.stat().st_size
    except OSError:
        return None, None
    if info is not None:
        size, _, pages, _, _ = info
        whole = max(pages * size, -(-length // size) * size)
        if whole != length:  # cut short: the pages that are left are read from a padded copy
            work = old.with_name(old.name + ".salvage")
            try:
                shutil.copyfile(old, work)
                wal = Path(str(old) + "-wal")
                if wal.exists():
                    shutil.copyfile(wal, Path(str(work) + "-wal"))
                with work.open("r+b") as fh:
                    fh.truncate(whole)
                target = work
            except OSError:
                _remove(work)
                work = None
    try:
        if work is not None:
            con = sqlite3.connect(str(target), isolation_level=None)
        else:
            uri = f"file:{urllib.parse.quote(str(old.absolute()))}?mode=ro"
            con = sqlite3.connect(uri, uri=True, isolation_level=None)
        con.row_factory = sqlite3.Row
        con.text_factory = lenient_text
        con.execute("PRAGMA cell_size_check = ON")
        # a table's definition that cannot be read (damaged bytes) does not stop the reading
        # of the others (nothing is written: the connection only reads)
        con.execute("PRAGMA writable_schema = ON")
    except DB_ERRORS:
        return None, work
    return con, work


def _remove(work: Path | None) -> None:
    if work is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(work) + suffix).unlink()


def _roots(src: sqlite3.Connection) -> dict[str, int]:
    try:
        rows = src.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'index'")
        return {str(r[0]): int(r[1]) for r in rows.fetchall() if isinstance(r[1], int)}
    except DB_ERRORS:
        return {}


def _ids(db: sqlite3.Connection) -> set[int]:
    return {int(r[0]) for r in db.execute("SELECT id FROM articles")}


def _columns(src: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [str(r[1]) for r in src.execute(f"PRAGMA table_info({table})")]
    except DB_ERRORS:
        return []


def _stream(
    src: sqlite3.Connection, table: str, sink: Callable[[sqlite3.Row], None]
) -> tuple[bool, int | None]:
    """Hand the rows of ``table`` to ``sink`` in rowid order until a damaged page is in the
    way: (whether all were read, the last rowid read)."""
    last: int | None = None
    try:
        cur = src.execute(f"SELECT rowid AS _rowid_, * FROM {table} ORDER BY rowid")
        while batch := cur.fetchmany(500):
            for row in batch:
                sink(row)
                last = int(row[0])
        return True, last
    except DB_ERRORS:
        return False, last


def _past_damage(
    src: sqlite3.Connection,
    table: str,
    sink: Callable[[sqlite3.Row], None],
    after: int | None,
    top_hint: int = 0,
    found: Container[int] = (),
) -> None:
    """The rows of ``table`` after rowid ``after`` that SQLite can still read, a range of
    rowids at a time, then one at a time in a range with a damaged page (but for the rows the
    scan ``found``), up to the largest rowid SQLite or the scan (``top_hint``) knows of."""
    select = f"SELECT rowid AS _rowid_, * FROM {table}"
    top = top_hint
    with contextlib.suppress(*DB_ERRORS, TypeError, ValueError):
        top = max(top, int(src.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0))
    for first in range(1 if after is None else after + 1, top + 1, STEP):
        end = min(first + STEP - 1, top)
        try:
            rows = src.execute(select + " WHERE rowid BETWEEN ? AND ?", (first, end)).fetchall()
        except DB_ERRORS:
            rows = []
            for one in range(first, end + 1):
                if one in found:
                    continue
                with contextlib.suppress(*DB_ERRORS):
                    rows += src.execute(select + " WHERE rowid = ?", (one,)).fetchall()
        for row in rows:
            sink(row)


# ---------------------------------------------------------------------- writing the new database


class _Writer:
    """Puts what is found into the new database (one open transaction, foreign keys off)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.feeds: dict[int, dict[str, Any]] = {}
        self.scanned_feeds: dict[int, dict[str, Any]] = {}
        self.top = {"articles": 0, "feeds": 0}
        self.article_ids: set[int] = set()  # articles SQLite read
        self.scanned_ids: dict[str, set[int]] = {"articles": set(), "feeds": set()}
        cols = ", ".join(ARTICLE_COLS)
        marks = ", ".join("?" * len(ARTICLE_COLS))
        sets = ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLS[1:])
        self._upsert = (
            f"INSERT INTO articles({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}"
        )
        self._scanned = False

    @staticmethod
    def _values(row: dict[str, Any]) -> tuple[Any, ...] | None:
        full = {**ARTICLE_DEFAULTS, **row}
        if not isinstance(full.get("guid"), str) or not full["guid"]:
            return None
        if not isinstance(full.get("feed_id"), int):
            return None
        for key in _ARTICLE_TEXT:  # zeros where a page was lost (a file cut short, read padded)
            if isinstance(full.get(key), str) and "\x00" in full[key]:
                full[key] = full[key].replace("\x00", "")
                full["content_hash"] = ""  # the next refresh writes the text again
        if "\x00" in full["guid"]:
            return None
        now = time.time()
        if not isinstance(full.get("published"), int | float):
            full["published"], full["has_date"] = full.get("first_seen") or now, 0
        if not isinstance(full.get("first_seen"), int | float):
            full["first_seen"] = now
        if full.get("is_favourite") and not isinstance(full.get("favourited_at"), int | float):
            full["favourited_at"] = full["first_seen"]
        full["is_read"] = int(bool(full.get("is_read")))
        full["is_favourite"] = int(bool(full.get("is_favourite")))
        for text in ("url", "title", "author", "content_html", "summary_text", "content_hash"):
            if not isinstance(full.get(text), str):
                full[text] = ""
        return tuple(full.get(c) for c in ARTICLE_COLS)

    def article(self, row: sqlite3.Row) -> None:
        """A row SQLite read: it stands, whatever the scan found under its id or guid."""
        names = row.keys()  # (iterating a Row gives its values)
        values = self._values({k: row[k] for k in names if k in ARTICLE_COLS})
        if values is None:
            return
        with contextlib.suppress(sqlite3.IntegrityError):  # (a feed's guid twice: the first stays)
            self.db.execute(self._upsert, values)
        self.article_ids.add(int(values[0]))

    def feed(self, row: sqlite3.Row) -> None:
        names = row.keys()
        data = {k: row[k] for k in names if k in FEED_COLS}
        if data.get("id") is not None and data.get("url"):
            self.feeds[int(data["id"])] = data

    def scanned(self, kind: str, row: dict[str, Any]) -> None:
        """A row found by scanning the pages: kept where SQLite read nothing for its id."""
        self.top[kind] = max(self.top[kind], int(row["id"]))
        self.scanned_ids[kind].add(int(row["id"]))
        if kind == "feeds":
            held = self.scanned_feeds.get(row["id"])
            if held is None or (row.get("last_fetched") or 0) > (held.get("last_fetched") or 0):
                self.scanned_feeds[row["id"]] = row
            return
        values = self._values(row)
        if values is None:
            return
        if not self._scanned:
            self._scanned = True
            self.db.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS salvage_scan ({', '.join(ARTICLE_COLS)})"
            )
        self.db.execute(
            f"INSERT INTO temp.salvage_scan VALUES ({', '.join('?' * len(ARTICLE_COLS))})", values
        )

    def pruned(self, row: dict[str, Any]) -> None:
        """A row of ``pruned`` found by the scan or in its index (the latest time seen wins)."""
        self.db.execute(
            "INSERT INTO pruned(guid_key, feed_id, seen) VALUES (?, ?, ?) "
            "ON CONFLICT(guid_key) DO UPDATE SET seen = MAX(seen, excluded.seen)",
            (row["guid_key"], row["feed_id"], row["seen"]),
        )

    def merge_scanned(self) -> None:
        """Articles found by the scan under ids SQLite could not read; where a page (an older
        copy of it, say) gave an id twice, the favourite then the read copy is kept."""
        if not self._scanned:
            return
        cols = ", ".join(ARTICLE_COLS)
        self.db.execute(
            f"INSERT INTO articles({cols}) SELECT {cols} FROM temp.salvage_scan WHERE true "
            "ORDER BY is_favourite DESC, is_read DESC, first_seen DESC ON CONFLICT DO NOTHING"
        )
        self.db.execute("DROP TABLE temp.salvage_scan")

    def write_feeds(self) -> None:
        """The feeds read, then those found by the scan; fetched again in full on the next
        refresh (no validators kept), so that stories lost with the damage come back."""
        every = {**self.scanned_feeds, **self.feeds}
        cols = list(FEED_COLS)
        for data in every.values():
            row = {c: data.get(c) for c in cols}
            row.update(etag=None, last_modified=None, content_hash=None, next_fetch=None)
            for key, default in (
                ("title", ""),
                ("category", ""),
                ("site_url", ""),
                ("language", ""),
            ):
                if not isinstance(row[key], str):
                    row[key] = default
            row["origin"] = row["origin"] if isinstance(row["origin"], str) else "user"
            for key, number in (("failures", 0), ("dead", 0), ("full_article", 0), ("active", 1)):
                if not isinstance(row[key], int):
                    row[key] = number
            with contextlib.suppress(sqlite3.IntegrityError):
                self.db.execute(
                    f"INSERT INTO feeds({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                    "ON CONFLICT DO NOTHING",
                    [row[c] for c in cols],
                )

    def from_indexes(self, lost: _Lost) -> int:
        """Articles whose rows were lost but whose guid an index still holds, with what the
        other indexes say (feed, date, favourite, read): their text comes back with the next
        refresh while their feed lists them (no content hash: it is written again)."""
        made = 0
        now = time.time()
        for article_id, guid in lost.guid.items():
            feed_id, published = lost.feed.get(article_id, (lost.home.get(article_id, 0), None))
            url = guid if guid.startswith(("http://", "https://")) else lost.url.get(article_id, "")
            favourite = article_id in lost.favourite
            # (the unread index is by feed: with the feed known, a key it does not hold where
            # it was read whole is a read article)
            by_feed = article_id in lost.feed or article_id in lost.home
            known = article_id in lost.unread or (
                by_feed and not _in_gap([feed_id, article_id], lost.unread_gaps)
            )
            if not (known or favourite):
                continue  # its read state is not known: a refresh gives it as new, as before
            read = int(known and article_id not in lost.unread)  # (a favourite: unread)
            cur = self.db.execute(
                "INSERT INTO articles(id, feed_id, guid, url, title, published, has_date, "
                "first_seen, is_read, is_favourite, favourited_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (
                    article_id,
                    feed_id,
                    guid,
                    url,
                    url or guid,
                    published if published is not None else now,
                    int(published is not None),
                    published if published is not None else now,
                    read,
                    int(favourite),
                    (lost.favourite.get(article_id) or now) if favourite else None,
                ),
            )
            made += cur.rowcount
        return made

    def tidy(self) -> None:
        """Articles whose feed was lost go under one inactive feed; links to lost articles go."""
        db = self.db
        orphans = db.execute(
            "SELECT 1 FROM articles WHERE feed_id NOT IN (SELECT id FROM feeds) LIMIT 1"
        ).fetchone()
        if orphans:
            url, title, category = RECOVERED_FEED
            db.execute(
                "INSERT INTO feeds(url, title, category, origin, active) VALUES (?, ?, ?, 'user', 0) "
                "ON CONFLICT(url) DO NOTHING",
                (url, title, category),
            )
            home = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()[0]
            # a feed's guids are its own (schema 9): one that two lost feeds had, or that a
            # story recovered before has, is kept apart by its id (nothing is dropped)
            taken: set[str] = set()
            clashes: list[tuple[str, int]] = []
            for article_id, guid in db.execute(
                "SELECT id, guid FROM articles WHERE feed_id NOT IN (SELECT id FROM feeds) "
                "ORDER BY id"
            ).fetchall():
                if (
                    guid in taken
                    or db.execute(
                        "SELECT 1 FROM articles WHERE feed_id = ? AND guid = ?", (home, guid)
                    ).fetchone()
                ):
                    clashes.append((f"{guid}#recovered-{article_id}", article_id))
                taken.add(guid)
            db.executemany("UPDATE articles SET guid = ? WHERE id = ?", clashes)
            db.execute(
                "UPDATE articles SET feed_id = ? WHERE feed_id NOT IN (SELECT id FROM feeds)",
                (home,),
            )
        db.execute(
            "UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL AND "
            "duplicate_of NOT IN (SELECT id FROM articles)"
        )
        for table, column in (("pages", "article_id"), ("summaries", "article_id")):
            db.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM articles)")
        db.execute(
            "DELETE FROM related WHERE article_id NOT IN (SELECT id FROM articles) "
            "OR other_id NOT IN (SELECT id FROM articles)"
        )

    def other(self, table: str, columns: list[str]) -> Callable[[sqlite3.Row], None]:
        names = [c for c in _columns(self.db, table) if c in columns]
        sql = (
            f"INSERT INTO {table}({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
            "ON CONFLICT DO NOTHING"
        )

        def put(row: sqlite3.Row) -> None:
            with contextlib.suppress(*DB_ERRORS):
                self.db.execute(sql, [row[n] for n in names])

        return put


def salvage(old: Path, db: sqlite3.Connection) -> Salvaged:
    """Copy what can be read of the damaged database file ``old`` into the empty newsreader
    database ``db`` (autocommit mode; its schema at the latest version), in one transaction."""
    src, work = _open_source(old)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("BEGIN IMMEDIATE")
        try:
            writer = _Writer(db)
            stubs = 0
            readable = src is not None and bool(
                _columns(src, "articles") and _columns(src, "feeds")
            )
            stopped: dict[str, int | None] = {}  # table -> last rowid read before damage
            pruned_whole = False  # (what retention pruned: a refresh does not bring it back)
            if src is not None and readable:
                for table, sink in (("feeds", writer.feed), ("articles", writer.article)):
                    complete, last = _stream(src, table, sink)
                    if not complete:
                        stopped[table] = last
                columns = _columns(src, "pruned")
                # (its rowids are hashes: it cannot be read past damage a range at a time)
                pruned_whole = (
                    not columns or _stream(src, "pruned", writer.other("pruned", columns))[0]
                )
            whole = readable and not stopped
            if not whole or not pruned_whole:
                for kind, found in scan_file(work or old, writer.article_ids):
                    if kind == "pruned":
                        writer.pruned(found)
                    elif not whole:
                        writer.scanned(kind, found)
                if src is not None and readable and not pruned_whole:
                    for found in _pruned_from_index(work or old, _roots(src)):
                        writer.pruned(found)
            if not whole:
                if src is not None and readable:
                    for table, sink in (("feeds", writer.feed), ("articles", writer.article)):
                        if table in stopped:
                            top, seen = writer.top[table], writer.scanned_ids[table]
                            _past_damage(src, table, sink, stopped[table], top, seen)
                writer.merge_scanned()
                if src is not None and readable:
                    lost = _from_indexes(work or old, _roots(src), _ids(db))
                    stubs = writer.from_indexes(lost) if lost is not None else 0
            if src is not None and readable:
                for table in OTHER_TABLES:
                    columns = _columns(src, table)
                    if columns:
                        put = writer.other(table, columns)
                        complete, last = _stream(src, table, put)
                        if not complete:
                            _past_damage(src, table, put, last)
            writer.write_feeds()
            writer.tidy()
            row = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(is_favourite), 0), COALESCE(SUM(is_read), 0), "
                "(SELECT COUNT(*) FROM feeds) FROM articles"
            ).fetchone()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return Salvaged(
            favourites=int(row[1]),
            articles=int(row[0]),
            read=int(row[2]),
            feeds=int(row[3]),
            scanned=not whole,
            without_text=stubs,
        )
    finally:
        if src is not None:
            src.close()
        _remove(work)
        with contextlib.suppress(*DB_ERRORS):
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = NORMAL")
