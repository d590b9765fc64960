"""Feed documents (RSS, Atom, RDF, JSON Feed) -> :class:`ParsedFeed`, via feedparser.

:func:`parse_feed` never raises. A document that is not a feed at all (a web page, a challenge
page, an empty or garbage body) comes back as a ``ParsedFeed`` with ``error`` set (a sentence for
the user) and no entries; a feed that is merely ill-formed keeps whatever feedparser recovered and
carries a ``warning``. ``looks_like_html`` tells the caller whether autodiscovery
(:func:`discover_feeds`) is worth trying.

Plain, well-formed RSS 2.0 / Atom 1.0 documents are read by an lxml fast path
(:mod:`reader.fastfeed`) that yields exactly what feedparser would (checked by tests and by
``benchmarks/feeds_corpus.py``); everything else goes through feedparser. JSON Feed is read here.

Hygiene: feedparser only ever receives a byte stream (never a string it could treat as a path or
URL); its DOCTYPE handling drops entity declarations, so billion-laughs and external entities do not
expand; numeric character references that name no character (UTF-16 surrogate halves, numbers
beyond Unicode) are repaired first (``repair_charrefs``); every text field is stripped of terminal
escapes and control characters; links are resolved against the document and kept only when they
are http/https; dates become UTC and are clamped to the fetch time; entries are capped per
document. Entry HTML is kept for the reader (not sanitised here: it is never rendered as HTML, only
converted to text), but URL attributes with unsafe schemes are neutralised and relative ones
resolved.
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import html
import io
import json
import logging
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import feedparser
from feedparser.datetimes import _parse_date
from feedparser.datetimes.rfc822 import _parse_date_rfc822

from reader import fastfeed
from reader.dates import ENGLISH_MONTHS, month_number
from reader.models import Enclosure, ParsedEntry, ParsedFeed
from reader.textutil import (
    clean_address,
    clean_block,
    clean_line,
    counted,
    html_to_text,
    join_url,
    normalise_url,
    repair_charrefs,
    safe_link,
    sniff_encoding,
    strip_controls,
    strip_source_suffix,
    utf8_evidence,
)

log = logging.getLogger(__name__)

SUMMARY_CHARS = 4000  # plain-text summary kept per entry (lists, search, fallback text)
TITLE_CHARS = 500
MAX_ENCLOSURES = 20  # files attached to one entry that are kept
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.I)
_URL_ATTR = re.compile(
    r"""(\s(?:href|src|action|formaction|poster|background|cite|longdesc|xlink:href)\s*=\s*)
        (?:"([^"]*)"|'([^']*)'|([^\s>"']+))""",
    re.I | re.X,
)


WEB_PAGE = "This address is a web page, not a feed."  # (add: one that names no feed)
BROKEN_XML = "The feed's XML is not well-formed"  # how that warning begins (add reads it)


def capped(kept: int, listed: int) -> str:
    """The warning of a feed listing more entries than one document may give."""
    return (
        f"Only the first {kept} of {listed} entries were kept (max_entries_per_feed in the "
        "config's [refresh] raises the limit)."
    )


def files_capped(listed: list[int]) -> str:
    """The warning of a feed whose items list more files (enclosures) than one item keeps;
    ``listed``: how many each such item lists."""
    if len(listed) == 1:
        return f"An item had {listed[0]} files; the first {MAX_ENCLOSURES} were kept."
    return (
        f"{len(listed)} items had more than {MAX_ENCLOSURES} files (up to {max(listed)}); the "
        f"first {MAX_ENCLOSURES} of each were kept."
    )


# --------------------------------------------------------------------------- identity


def _looks_global(guid: str) -> bool:
    """True when a guid is plausibly unique across the web (URL, tag:/urn: URI, UUID, long hash)."""
    if _SCHEME.match(guid) and len(guid) >= 10:
        return True
    return (
        len(guid) >= 20
        and any(c.isdigit() for c in guid)
        and any(c.isalpha() for c in guid)
        and " " not in guid
    )


def identity_link(base: str, address: str) -> str:
    """The link an entry without a guid is known by: the address as newsreader read it before
    links were cleaned (0.2: joined and trimmed, character references and spaces kept), so
    that cleaning them (``textutil.clean_address``, what is stored and opened) made no stored
    item new again."""
    return clean_line(join_url(base, address.strip()))


def entry_identity(
    guid: str, link: str, title: str, date: datetime | None, summary: str, namespace: str
) -> str:
    """The stable key an entry is stored under (see the module doc)."""
    guid = clean_line(guid, 1000)
    if guid:
        if guid.lower().startswith(("http://", "https://")):
            return normalise_url(guid)
        if _looks_global(guid):
            return guid
        return f"{namespace}#{guid}"
    if link:
        return normalise_url(link)
    h = hashlib.sha1(usedforsecurity=False)
    h.update(title.encode("utf-8", "surrogatepass"))
    h.update(b"\0" + (date.isoformat() if date else "").encode())
    if not title and date is None:
        h.update(b"\0" + summary.encode("utf-8", "surrogatepass"))
    return f"{namespace}#sha1:{h.hexdigest()}"


# --------------------------------------------------------------------------- dates

_ENGLISH_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# [weekday,] day[.] month[.] year [time [zone]]: the RFC 822 shape, in any language
_LOCAL_DATE = re.compile(
    r"^\s*(?:([^\W\d_]+)\.?,?\s+)?(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{2,4})\b(.*)$"
)


def _parse_date_local(value: str) -> time.struct_time | None:
    """An RFC 822 date whose weekday or month is not in English ("Seg, 24 Set 2018 10:00:00
    -0300", "Mo, 24. Sep 2018", "lun. 24 sept. 2018"); None for anything else, English included
    (feedparser's own handlers read those)."""
    m = _LOCAL_DATE.match(value)
    if m is None:
        return None
    weekday, day, word, year, rest = m.groups()
    if word[:3].lower() in ENGLISH_MONTHS and (
        weekday is None or weekday[:3].lower() in _ENGLISH_DAYS
    ):
        return None
    month = month_number(word)
    if month is None:
        return None
    parsed: time.struct_time | None = _parse_date_rfc822(
        f"{day} {ENGLISH_MONTHS[month - 1]} {year}{rest}"
    )
    return parsed


# Registered with feedparser, so that its parse and the fast path (reader.fastfeed, which calls
# feedparser's date parser) read these dates alike.
feedparser.registerDateHandler(_parse_date_local)


# --------------------------------------------------------------------------- field helpers


def _date(value: Any, now: float) -> datetime | None:
    if not value:
        return None
    try:
        stamp = float(calendar.timegm(value))
        return datetime.fromtimestamp(min(stamp, now), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _text(value: Any, detail: Any, limit: int) -> str:
    """A title-like field as one clean line; HTML titles (type=html) become text."""
    if not isinstance(value, str) or not value:
        return ""
    kind = detail.get("type", "") if isinstance(detail, Mapping) else ""
    if kind in _HTML_TYPES or "<" in value or _ENTITY.search(value):
        value = html_to_text(value) if kind in _HTML_TYPES else html.unescape(value)
    return clean_line(value, limit)


def _fix_attr(base: str) -> Any:
    def fix(m: re.Match[str]) -> str:
        value = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
        raw = html.unescape(value).strip()
        squashed = re.sub(r"[\x00-\x20]+", "", raw)
        if _SCHEME.match(squashed):
            scheme = squashed.split(":", 1)[0].lower()
            if scheme not in ("http", "https", "mailto"):
                return f'{m.group(1)}"#"'
            target = raw
        else:
            target = join_url(base, raw) if base else raw
        return f'{m.group(1)}"{html.escape(target, quote=True)}"'

    return fix


def clean_html(fragment: str, base: str) -> str:
    """Entry HTML for storage: controls stripped, unsafe URL schemes removed, relative URLs resolved."""
    if not fragment:
        return ""
    fragment = strip_controls(fragment)
    if "=" in fragment:
        fragment = _URL_ATTR.sub(_fix_attr(base), fragment)
    return fragment


def _content(entry: Mapping[str, Any], base: str) -> tuple[str, str]:
    """The richest HTML the entry offers (content:encoded / atom:content, else the summary), with
    the base URL its relative links are relative to."""
    best, best_base = "", base
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        if part.get("type", "") in ("text/plain", "text"):
            value = html.escape(value).replace("\n", "<br>")
        if len(value) > len(best):
            best, best_base = value, join_url(base, part.get("base") or "")
    if not best:
        detail = entry.get("summary_detail") or {}
        best = entry.get("summary") or ""
        if detail.get("type", "") in ("text/plain", "text"):
            best = html.escape(best).replace("\n", "<br>")
        best_base = join_url(base, detail.get("base") or "")
    return best, best_base


_MEDIA_KINDS = ("audio/", "video/")


def _length(value: Any) -> int | None:
    """A size in bytes as a feed gives it ("105003355"); None when it is not a positive number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    text = value.strip() if isinstance(value, str) else ""
    if not text.isascii() or not text.isdigit() or len(text) > 15:
        return None
    return int(text) or None


def enclosure_address(href: Any, base: str) -> str:
    """An enclosure's address made absolute and safe to hand to a browser or a player; "" when
    it is neither a plain http(s) URL nor a clean relative path (``-http://x``, ``a:b``, a
    ``javascript:``). It is cleaned as every link is (``textutil.clean_address``: character
    references decoded, breaks dropped, spaces encoded) before it is made absolute."""
    if not isinstance(href, str):
        return ""
    href = clean_address(href)
    if not href or href.startswith("-"):
        return ""
    if not _SCHEME.match(href):
        # a relative path: its first segment may hold no ":" (RFC 3986 4.2), which would make
        # it a scheme of sorts rather than a path on the feed's host
        first = re.split(r"[/?#]", href, maxsplit=1)[0]
        if ":" in first:
            return ""
        href = join_url(base, href)
    return safe_link(href)


def collect_enclosures(
    offered: Iterable[tuple[Any, Any, Any]], base: str
) -> tuple[tuple[Enclosure, ...], int]:
    """Files offered as (address, type, length), in their order, as they are kept: each once
    (by address) and only when it is an http(s) address (``enclosure_address``), the first
    ``MAX_ENCLOSURES`` of them; and how many distinct files were offered (more than those kept
    past the limit: what a feed's warning says was left out)."""
    found: list[Enclosure] = []
    seen: set[str] = set()
    for href, kind, length in offered:
        url = enclosure_address(href, base)
        key = normalise_url(url) if url else ""
        if not url or key in seen:
            continue
        seen.add(key)
        if len(found) < MAX_ENCLOSURES:
            media = clean_line(kind, 100).lower() if isinstance(kind, str) else ""
            found.append(Enclosure(url, media, _length(length)))
    return tuple(found), len(seen)


def listed_enclosures(entry: Mapping[str, Any], base: str) -> tuple[tuple[Enclosure, ...], int]:
    """The files an entry attaches (``collect_enclosures``): RSS ``<enclosure>`` and Atom
    ``link rel="enclosure"`` (both parsing paths list them as links), then Media RSS
    ``media:content`` that is audio or video (its pictures are a story's illustrations, not a
    file to fetch); and how many distinct files it lists."""
    return collect_enclosures(_offered_files(entry), base)


def _offered_files(entry: Mapping[str, Any]) -> Iterator[tuple[Any, Any, Any]]:
    for link in entry.get("links") or ():
        if isinstance(link, Mapping) and link.get("rel") == "enclosure":
            yield link.get("href"), link.get("type"), link.get("length")
    for media in entry.get("media_content") or ():
        if not isinstance(media, Mapping):
            continue
        kind, medium = media.get("type"), media.get("medium")
        kind = kind if isinstance(kind, str) else ""
        medium = medium if isinstance(medium, str) else ""
        if kind.strip().lower().startswith(_MEDIA_KINDS) or medium.strip().lower() in (
            "audio",
            "video",
        ):
            yield media.get("url"), kind, media.get("filesize", media.get("fileSize"))


def looks_like_html(body: bytes, content_type: str | None = None) -> bool:
    head = body[:4096].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return True
    if content_type and "html" in content_type.lower() and b"<rss" not in head:
        return b"<feed" not in head and b"<rdf" not in head
    return b"<html" in head or b"<head" in head or b"<body" in head


def _warning(d: Any, declared: bool = True) -> str | None:
    """What feedparser's complaint (``bozo_exception``) means for the user, in words (None: no
    fault worth telling)."""
    if not d.get("bozo"):
        return None
    exc = d.get("bozo_exception")
    name = exc.__class__.__name__ if exc is not None else ""
    if name == "CharacterEncodingOverride":
        if not declared:  # nothing was declared (e.g. plain text/xml): detection is no fault
            return None
        return f"The feed declared the wrong character set; it was decoded as {d.get('encoding')}."
    if name == "NonXMLContentType":
        return None  # served as text/html or text/plain but parsed fine: not worth a warning
    if exc is None:
        return None
    if name == "CharacterEncodingUnknown":
        return "The feed's character set could not be recognised; some characters may be wrong."
    if name == "UndeclaredNamespace":
        return "The feed uses a prefix it does not declare; kept what could be read."
    line, column = _position(exc)
    where = f" (broken at line {line}, column {column})" if line is not None else ""
    return f"{BROKEN_XML}{where}; kept what could be read."


def _position(exc: BaseException) -> tuple[int | None, int | None]:
    """Line and column of an XML parser's error (SAX), or (None, None)."""
    try:
        line, column = exc.getLineNumber(), exc.getColumnNumber()  # type: ignore[attr-defined]
    except Exception:  # not a parse error with a position (or no locator)
        return None, None
    if isinstance(line, int) and isinstance(column, int) and line > 0:
        return line, column
    return None, None


# --------------------------------------------------------------------------- mostly-UTF-8 bodies

_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16/32: not ours to judge
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:\-]+)", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:\-]+)["']""")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "utf_8"})


def _declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """The character sets the HTTP header and the XML declaration name (lower case)."""
    names = []
    if content_type and (http := _HTTP_CHARSET.search(content_type)):
        names.append(http.group(1).lower())
    head = body[:512].removeprefix(b"\xef\xbb\xbf")
    if xml := _XML_ENCODING.match(head):
        names.append(xml.group(1).decode("ascii", "replace").lower())
    return names


def repair_utf8(body: bytes, content_type: str | None = None) -> tuple[bytes, int]:
    """A body that is UTF-8 but for a few invalid byte sequences, as valid UTF-8 with each of
    those replaced by U+FFFD; returns (body, how many were replaced).

    feedparser otherwise decodes such a feed as a legacy 8-bit charset (ISO-8859-x), garbling every
    accented letter and quote of it for one bad byte. The body is left as it is (0 replaced)
    when it is valid UTF-8, when a charset other than UTF-8 is declared (HTTP or XML), when it
    starts with a UTF-16/32 byte order mark, or when there is no evidence that it is UTF-8 at all:
    it must hold more correctly encoded non-ASCII characters than twice the invalid sequences
    (a Latin-1 or Windows-1252 feed, declared or not, has next to none, and is decoded as today).
    """
    try:
        body.decode("utf-8")
        return body, 0
    except UnicodeDecodeError:
        pass
    if body.startswith(_OTHER_BOMS):
        return body, 0
    if any(name not in _UTF8_NAMES for name in _declared_charsets(body, content_type)):
        return body, 0
    good, bad = utf8_evidence(body)
    if bad <= 0 or good < 2 * bad:
        return body, 0
    return body.decode("utf-8", "replace").encode("utf-8"), bad


def _with_charset(content_type: str, charset: str | None) -> str:
    """``content_type`` with its charset parameter replaced by ``charset`` (dropped for None)."""
    media, *params = content_type.split(";")
    kept = [p.strip() for p in params if p.strip() and not p.strip().lower().startswith("charset")]
    return "; ".join([media.strip(), *kept, *([f"charset={charset}"] if charset else [])])


def trusted_content_type(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """The content type to decode ``body`` by, and the charset the HTTP header declared when the
    bytes plainly contradict it (else None).

    A byte order mark, or the NUL bytes every ASCII character has in UTF-16 and UTF-32, are the
    bytes' own word and win over the header; a header that says UTF-16 or UTF-32 over a body
    without a single NUL byte is wrong, and the XML declaration (or, without one, detection)
    decides. "utf-16" over BOM-less bytes gets the byte order the bytes show.
    """
    match = _HTTP_CHARSET.search(content_type or "")
    if content_type is None or match is None:
        return content_type, None
    declared = match.group(1).lower()
    try:
        name = codecs.lookup(declared).name  # "utf-16", "utf-16-le", "utf-8", "cp1252"
    except LookupError:
        name = ""  # a made-up name: feedparser falls back by itself
    shown = sniff_encoding(body)
    if shown is None:
        if name.startswith(("utf-16", "utf-32")) and b"\0" not in body[:512]:
            xml = _XML_ENCODING.match(body[:512].removeprefix(b"\xef\xbb\xbf"))
            charset = xml.group(1).decode("ascii", "replace") if xml else None
            return _with_charset(content_type, charset), declared
        return content_type, None
    if name[:6] == shown[:6]:  # the same encoding ("utf-8", "utf-16", "utf-32")
        exact = shown.endswith(("-le", "-be")) and name != shown
        return (_with_charset(content_type, shown) if exact else content_type), None
    return _with_charset(content_type, shown), declared


# --------------------------------------------------------------------------- DOCTYPE defusing

_DOCTYPE = re.compile(rb"<!DOCTYPE\s+([\w:.\-]+)([^\[>]*)", re.I)
_SUBSET_END = re.compile(rb"\]\s*>")
_SAFE_ENTITY = re.compile(rb"<!ENTITY\s+(\w+)\s+\"(&#\w+;|[^&\"%<>]*)\"\s*>")
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


def defuse_doctype(body: bytes) -> bytes:
    """Rewrite an internal DTD subset so that only harmless entities survive.

    feedparser drops dangerous ``<!ENTITY>`` declarations itself, but only when each starts a line;
    declarations packed on one line reached expat, which then expanded a billion-laughs document
    for seconds. Here the whole subset is rebuilt from the safe declarations (a name and a literal
    value without references), one per line, which feedparser's own filter then accepts.
    """
    head = body[:65536]
    m = _DOCTYPE.search(head)
    if m is None:
        return body
    first = _FIRST_ELEMENT.search(head)
    if first is not None and first.start() < m.start():
        return body  # a DOCTYPE-looking string inside the document, not a declaration
    start, pos = m.start(), m.end()
    if body[pos : pos + 1] == b"[":
        end = _SUBSET_END.search(body, pos)
        stop = end.end() if end is not None else len(body)
        subset = body[pos:stop]
    elif body[pos : pos + 1] == b">":
        return body
    else:  # malformed: drop the declaration up to the next '>'
        close = body.find(b">", pos)
        stop = close + 1 if close >= 0 else len(body)
        subset = b""
    safe = [b'<!ENTITY %s "%s">' % (name, value) for name, value in _SAFE_ENTITY.findall(subset)][
        :64
    ]
    decl = b"<!DOCTYPE " + m.group(1) + m.group(2).rstrip()
    decl += b" [\n" + b"\n".join(safe) + b"\n]>" if safe else b">"
    return body[:start] + decl + body[stop:]


# --------------------------------------------------------------------------- parsing


def parse_feed(
    body: bytes,
    url: str,
    content_type: str | None = None,
    max_entries: int = 2000,
    *,
    namespace: str | None = None,
    now: float | None = None,
    fast_path: bool = True,
) -> ParsedFeed:
    """Parse a fetched feed document. Never raises; see the module doc for the result contract.

    ``namespace`` prefixes guids that do not look globally unique (default: the feed URL; the
    refresh engine passes a per-feed key that survives the feed moving). ``now`` (unix time) is the
    fetch time that future dates are clamped to. ``fast_path=False`` always uses feedparser (the
    reference the lxml fast path in :mod:`reader.fastfeed` is checked against).
    """
    try:
        return _parse(
            body, url, content_type, max_entries, namespace or url, now or time.time(), fast_path
        )
    except Exception:  # feedparser is robust, but this edge must never raise
        log.exception("reading the feed %s failed", clean_line(url, 300))
        return ParsedFeed(error="The feed could not be read: a fault in newsreader stopped it.")


def _read(body: bytes, content_type: str | None, fast_path: bool) -> Any:
    """The fast path's or feedparser's dictionary for ``body`` decoded as ``content_type`` says."""
    d: Any = fastfeed.extract(body, content_type) if fast_path else None
    if d is None:
        # no content-location: feedparser would then urljoin every link and id itself (a third
        # of its time); links are resolved by the caller against the document URL and xml:base
        d = feedparser.parse(
            io.BytesIO(defuse_doctype(body)),  # a stream: never treated as a path or URL
            response_headers={"content-type": content_type} if content_type else {},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    return d


def _parse(
    body: bytes,
    url: str,
    content_type: str | None,
    max_entries: int,
    namespace: str,
    now: float,
    fast_path: bool = True,
) -> ParsedFeed:
    if not body.strip():
        return ParsedFeed(error="The server sent an empty document, not a feed.")
    if body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _parse_json(body, url, max_entries, namespace, now)
    parse_type, overruled = trusted_content_type(body, content_type)
    body, replaced = repair_utf8(body, parse_type)
    body = repair_charrefs(body)  # (before either path: both read the same document)
    d = _read(body, parse_type, fast_path)
    header = _HTTP_CHARSET.search(parse_type or "")
    if (
        parse_type
        and header
        and not d.get("version")
        and not d.get("entries")
        and not looks_like_html(body, parse_type)
    ):
        # decoded by the header's charset, it is no feed: let the body's own declaration (or
        # detection) decide, as for a charset nobody knows
        again = _read(body, _with_charset(parse_type, None), fast_path)
        if again.get("version") or again.get("entries"):
            d, overruled = again, overruled or header.group(1).lower()
    raw_entries = d.get("entries") or []
    if not d.get("version") and not raw_entries:
        if looks_like_html(body, content_type):
            return ParsedFeed(error=WEB_PAGE, warning=_warning(d))
        return ParsedFeed(
            error="This is not a feed (no RSS, Atom or JSON Feed found).", warning=_warning(d)
        )
    f = d.get("feed") or {}
    base = url if "://" in url else ""
    site_url = safe_link(join_url(base, f.get("link") or "")) if f.get("link") else ""
    language = clean_line(f.get("language") or "", 20).lower()
    ttl: int | None = None
    try:
        ttl = int(str(f.get("ttl", "")).strip()) or None
        if ttl is not None and not 0 < ttl <= 7 * 24 * 60:
            ttl = None
    except ValueError:
        ttl = None
    feed_title = _text(f.get("title"), f.get("title_detail"), TITLE_CHARS)
    entries: list[ParsedEntry] = []
    seen: set[str] = set()
    overflow: list[int] = []  # how many files each item listing too many lists
    for e in raw_entries[: max(0, max_entries)]:
        entry = _entry(e, base, namespace, now, feed_title, overflow)
        if entry.guid in seen or _is_empty(entry):
            continue
        seen.add(entry.guid)
        entries.append(entry)
    declared = "charset" in (content_type or "").lower() or b"encoding=" in body[:200]
    warning = _warning(d, declared)
    if overruled:
        wrong = (
            "The feed declared the wrong character set; "
            f"it was decoded as {clean_line(str(d.get('encoding') or 'utf-8'), 40)}."
        )
        warning = f"{wrong} {warning}" if warning and warning != wrong else wrong
    if replaced:
        bad = counted(replaced, "invalid byte sequence")
        note = f"The feed is UTF-8 with {bad}, shown as \ufffd."
        warning = f"{warning} {note}" if warning else note
    if len(raw_entries) > max_entries:
        note = capped(max_entries, len(raw_entries))
        warning = f"{warning} {note}" if warning else note
    if overflow:
        note = files_capped(overflow)
        warning = f"{warning} {note}" if warning else note
    return ParsedFeed(
        title=feed_title,
        site_url=site_url,
        language=language,
        entries=tuple(entries),
        warning=warning,
        ttl_minutes=ttl,
    )


def _is_empty(entry: ParsedEntry) -> bool:
    """No title, no link and no text once cleaned (often a scrap recovered from a broken feed):
    nothing to show or open, so not an article. Both parsing paths (and JSON Feed) skip it."""
    return not (entry.title or entry.url or entry.summary_text or html_to_text(entry.content_html))


def _entry(
    e: dict[str, Any],
    base: str,
    namespace: str,
    now: float,
    feed_title: str = "",
    overflow: list[int] | None = None,
) -> ParsedEntry:
    """One entry; given ``overflow``, how many files it lists is added there when that is more
    than it keeps (``MAX_ENCLOSURES``)."""
    entry_base = base
    detail = e.get("title_detail")
    if isinstance(detail, Mapping) and detail.get("base"):
        entry_base = join_url(base, detail["base"])
    link = known_by = ""
    for candidate in [e.get("link"), *(lk.get("href") for lk in e.get("links") or ())]:
        address = clean_address(candidate) if isinstance(candidate, str) else ""
        if address:
            link = safe_link(join_url(entry_base, address))
            if link:
                known_by = identity_link(entry_base, str(candidate))
                break
    guid = e.get("id") if isinstance(e.get("id"), str) else ""
    if not link and guid and e.get("guidislink", False):
        link = known_by = safe_link(join_url(entry_base, guid))
    # dict.get: FeedParserDict would map a missing published_parsed to updated_parsed, with a warning
    published = _date(dict.get(e, "published_parsed"), now) or _date(
        dict.get(e, "created_parsed"), now
    )
    updated = _date(dict.get(e, "updated_parsed"), now)
    if published is None:
        published = updated
    content, content_base = _content(e, entry_base)
    summary = html_to_text(e.get("summary") or content)
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
    title = _text(e.get("title"), detail, TITLE_CHARS)
    author = clean_line(e.get("author") or "", 200)
    identity = entry_identity(
        guid or "",
        normalise_url(known_by) if known_by else "",
        title,
        published,
        summary,
        namespace,
    )
    source = e.get("source")  # the outlet an aggregator's entry comes from (Google News)
    attached, listed = listed_enclosures(e, entry_base)
    if overflow is not None and listed > len(attached):
        overflow.append(listed)
    source_title = source.get("title") if isinstance(source, Mapping) else None
    return ParsedEntry(
        guid=identity,
        url=link,
        # the site's name some feeds append to every headline goes (after the identity, which
        # stays what earlier versions made of the raw title)
        title=strip_source_suffix(title, feed_title, clean_line(_str(source_title))),
        author=author,
        published=published,
        updated=updated,
        content_html=clean_html(content, content_base),
        summary_text=summary,
        enclosures=attached,
    )


# --------------------------------------------------------------------------- JSON Feed


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _json_kind(value: Any) -> str:
    """A JSON value's type in words: "an object", "a list", "a string", "a number"."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    return "a number" if isinstance(value, int | float) else "null"


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


class _JsonFaults:
    """What a JSON Feed gives in the wrong shape, gathered for its warning: fields of the wrong
    type (ignored; the rest of their entry is kept), items that are not objects (left out),
    entries left with nothing usable (left out)."""

    def __init__(self) -> None:
        self.fields: dict[str, tuple[str, int]] = {}  # field -> (its first wrong type, count)
        self.not_objects: dict[str, int] = {}  # type -> how many items are of it
        self.empty = 0

    def text(self, obj: Mapping[str, Any], key: str, name: str = "") -> str:
        """``obj[key]`` when it is a string; "" when it is missing or null, and when it is of
        another type (noted under ``name``, default ``key``)."""
        value = obj.get(key)
        if value is None or isinstance(value, str):
            return value or ""
        self.wrong(name or key, value)
        return ""

    def wrong(self, name: str, value: Any) -> None:
        kind, count = self.fields.get(name, (_json_kind(value), 0))
        self.fields[name] = (kind, count + 1)

    def notes(self, items: int) -> list[str]:
        """The faults in sentences (``items``: how many items the feed lists)."""
        notes: list[str] = []
        if self.not_objects:
            left = sum(self.not_objects.values())
            were = "was" if left == 1 else "were"
            notes.append(
                f"{left} of {counted(items, 'item')} {'is' if left == 1 else 'are'} not an entry "
                f"({', '.join(self.not_objects)}) and {were} left out."
            )
        if self.fields:
            named = [
                f"{name} ({kind})"
                if name.startswith("the feed")
                else f"{name} ({kind}, in {_entries(count)})"
                for name, (kind, count) in self.fields.items()
            ]
            notes.append(f"Fields of the wrong type were ignored: {', '.join(named)}.")
        if self.empty:
            were = "was" if self.empty == 1 else "were"
            notes.append(f"{_entries(self.empty)} had nothing usable left and {were} left out.")
        return notes


def _json_attachments(item: Mapping[str, Any], base: str) -> tuple[tuple[Enclosure, ...], int]:
    """A JSON Feed item's ``attachments`` (url, mime_type, size_in_bytes) as enclosures, and how
    many it lists (``collect_enclosures``); those of the wrong shape are passed over."""
    attachments = item.get("attachments")
    return collect_enclosures(
        (
            (one.get("url"), one.get("mime_type"), one.get("size_in_bytes"))
            for one in (attachments if isinstance(attachments, list) else ())
            if isinstance(one, Mapping)
        ),
        base,
    )


def _json_date(value: str, now: float) -> datetime | None:
    if not value.strip():
        return None
    return _date(_parse_date(value.strip()[:100]), now)


def _json_author(obj: Mapping[str, Any], faults: _JsonFaults) -> str:
    authors = obj.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], Mapping):
        return clean_line(faults.text(authors[0], "name", "author"), 200)
    author = obj.get("author")
    if isinstance(author, Mapping):
        return clean_line(faults.text(author, "name", "author"), 200)
    return ""


def _json_items(data: Mapping[str, Any]) -> tuple[list[Any], str | None]:
    """The feed's items as a list, and what is wrong with them when they are not a list: an
    object is read as one entry; anything else gives none."""
    items = data.get("items")
    if isinstance(items, list):
        return items, None
    if items is None:
        return [], "The feed has no list of items (a JSON Feed needs one)."
    if isinstance(items, dict):
        return [items], "The feed's items are an object, not a list; it was read as one entry."
    return (
        [],
        f"The feed's items are {_json_kind(items)}, not a list of entries; none could be read.",
    )


def _parse_json(body: bytes, url: str, max_entries: int, namespace: str, now: float) -> ParsedFeed:
    """JSON Feed 1.0/1.1 (https://jsonfeed.org), which feedparser 6 does not read. What is of
    the wrong type is said in the warning; every entry with something usable is kept (one whose
    title is not a string is kept untitled, as an RSS item without a title)."""
    try:
        data = json.loads(body.decode("utf-8-sig", "replace"))
    except (ValueError, RecursionError):
        return ParsedFeed(error="This is not a feed (the document is broken JSON).")
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, str) or "jsonfeed.org" not in version:
        return ParsedFeed(error="This is not a feed (JSON, but not a JSON Feed).")
    base = url if "://" in url else ""
    faults = _JsonFaults()
    raw_items, items_note = _json_items(data)
    feed_title = clean_line(
        html.unescape(faults.text(data, "title", "the feed's title")), TITLE_CHARS
    )
    entries: list[ParsedEntry] = []
    seen: set[str] = set()
    overflow: list[int] = []  # (as in parse_feed)
    for item in raw_items[: max(0, max_entries)]:
        if not isinstance(item, dict):
            kind = _json_kind(item)
            faults.not_objects[kind] = faults.not_objects.get(kind, 0) + 1
            continue
        wrong_before = sum(count for _, count in faults.fields.values())
        link = known_by = ""
        for key in ("url", "external_url"):
            address = clean_address(faults.text(item, key))
            if address:
                link = safe_link(join_url(base, address))
                if link:
                    known_by = identity_link(base, faults.text(item, key))
                    break
        content = faults.text(item, "content_html")
        text = faults.text(item, "content_text")
        if not content and text:
            content = html.escape(text).replace("\n", "<br>")
        summary_raw = faults.text(item, "summary")
        summary = clean_block(summary_raw) or html_to_text(strip_controls(content))
        if len(summary) > SUMMARY_CHARS:
            summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
        title = clean_line(html.unescape(faults.text(item, "title")), TITLE_CHARS)
        published = _json_date(faults.text(item, "date_published"), now)
        updated = _json_date(faults.text(item, "date_modified"), now)
        guid = item.get("id")
        if guid is not None and not (isinstance(guid, str | int) and not isinstance(guid, bool)):
            faults.wrong("id", guid)
        guid = str(guid) if isinstance(guid, str | int) and not isinstance(guid, bool) else ""
        identity = entry_identity(
            guid,
            normalise_url(known_by) if known_by else "",
            title,
            published or updated,
            summary,
            namespace,
        )
        if identity in seen:
            continue
        attached, listed = _json_attachments(item, base)
        entry = ParsedEntry(
            guid=identity,
            url=link,
            title=strip_source_suffix(title, feed_title),
            author=_json_author(item, faults),
            published=published or updated,
            updated=updated,
            content_html=clean_html(content, link or base),
            summary_text=clean_block(summary),
            enclosures=attached,
        )
        if _is_empty(entry):
            if sum(count for _, count in faults.fields.values()) > wrong_before:
                faults.empty += 1  # (an item empty as it is, as in RSS, goes without a word)
            continue
        if listed > len(attached):
            overflow.append(listed)
        seen.add(identity)
        entries.append(entry)
    home = faults.text(data, "home_page_url", "the feed's home_page_url")
    language = faults.text(data, "language", "the feed's language")
    notes = [items_note] if items_note else []
    notes += faults.notes(len(raw_items[: max(0, max_entries)]))
    if len(raw_items) > max_entries:
        notes.append(capped(max_entries, len(raw_items)))
    if overflow:
        notes.append(files_capped(overflow))
    return ParsedFeed(
        title=feed_title,
        site_url=safe_link(join_url(base, home)) if home else "",
        language=clean_line(language, 20).lower(),
        entries=tuple(entries),
        warning=" ".join(notes) or None,
    )


# --------------------------------------------------------------------------- autodiscovery

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/xml",
    "application/xml",
)


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        if tag != "link":
            return
        rels = a.get("rel", "").lower().split()
        kind = a.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in _FEED_TYPES and a.get("href", "").strip():
            self.found.append((kind, a["href"].strip()))


def discover_feeds(html_doc: bytes, base_url: str) -> list[str]:
    """Feed URLs a web page advertises with ``<link rel="alternate" type="application/rss+xml">``
    (RSS and Atom first), resolved against the page and kept only when http/https."""
    text = html_doc[:2_000_000].decode("utf-8", "replace")
    finder = _LinkFinder()
    try:
        finder.feed(text)
        finder.close()
    except Exception:  # HTMLParser is lenient; keep whatever was found before any failure
        pass
    base = join_url(base_url, finder.base) if finder.base else base_url
    ranked = sorted(
        finder.found, key=lambda kv: _FEED_TYPES.index(kv[0]) if kv[0] in _FEED_TYPES else 99
    )
    urls: list[str] = []
    for _, href in ranked:
        link = safe_link(join_url(base, html.unescape(href)))
        if link and link not in urls:
            urls.append(link)
    return urls
