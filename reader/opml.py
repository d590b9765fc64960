"""Subscription lists: OPML 2.0 import and export (categories as nested outlines), and newsboat's
``urls`` file import. Both give the same ``OpmlFeed`` list, checked and de-duplicated alike.

Parsing goes through defusedxml: entity expansion (billion laughs) and external entities (XXE) are
refused, and the file never reaches the network or the disk beyond itself.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from email.utils import formatdate

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from reader.config import feed_url_problem
from reader.textutil import clean_line, counted, sniff_encoding

MAX_OPML_BYTES = 5_000_000
BINARY_SNIFF = 8192  # bytes looked at for a NUL, as git and grep tell a binary file


class OpmlError(Exception):
    """The OPML file cannot be used; nothing was imported."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str = ""
    category: str = ""  # nested folders as "Tech / Linux"
    site_url: str = ""  # the site the feed is of (OPML's htmlUrl), when known


MAX_CATEGORY_LEVELS = 3  # nested outlines name a category by their last three labels


def _address(url: str) -> str:
    """A feed address as one subscription: the scheme and host in lower case
    ("HTTP://Example.org/Feed" is "http://example.org/Feed")."""
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}"


def is_binary(data: bytes) -> bool:
    """The bytes are no text file: a NUL byte near the start, where text in UTF-16 or UTF-32
    (whose NULs ``sniff_encoding`` recognises) has none (an image, an archive, a database)."""
    return b"\0" in data[:BINARY_SNIFF] and sniff_encoding(data) is None


def parse_opml(data: bytes, skipped: list[tuple[str, str]] | None = None) -> list[OpmlFeed]:
    """Feeds listed in an OPML document. Raises OpmlError with a reason when it is unusable.
    Outlines that cannot be subscribed to are left out, and added to ``skipped`` (when given)
    as (what the outline gave, why)."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"the file is larger than {MAX_OPML_BYTES // 1_000_000} MB")
    if not data.strip():
        raise OpmlError("the file is empty")
    if is_binary(data):
        raise OpmlError("it is a binary file, not an OPML document")
    try:
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise OpmlError("the file declares XML entities, which are refused for safety") from None
    except ET.ParseError as exc:
        raise OpmlError(f"it is not well-formed XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"the root element is <{root.tag}>, not <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError("it has no <body> element")
    found = _Found(skipped)

    # the outlines in document order, each with its nearest folders (as many as a category
    # names); a stack rather than recursion, so a file nested thousands deep is read like any other
    stack: list[tuple[Iterator[ET.Element], tuple[str, ...]]] = [
        (iter(body.findall("outline")), ())
    ]
    while stack:
        outline = next(stack[-1][0], None)
        if outline is None:
            stack.pop()
            continue
        path = stack[-1][1]
        # readers spell the attributes as they like: xmlUrl, xmlURL, XMLURL, Title
        attrs = {name.lower(): value for name, value in outline.attrib.items()}
        url = clean_line(attrs.get("xmlurl") or "")
        label = clean_line(attrs.get("title") or attrs.get("text") or "", 80)
        kind = (attrs.get("type") or "").lower()
        if url:
            # OPML 2.0's category attribute ("/Tech/Linux") where no folder gives one
            category = " / ".join(path)
            found.add(url, label, category or _category_attribute(attrs.get("category")))
            stack.append((iter(outline.findall("outline")), path))
        elif kind in ("rss", "atom"):
            found.skip(label or "(an untitled outline)", "it has no feed address (xmlUrl)")
        elif kind == "link" or (attrs.get("url") and not len(outline)):
            found.skip(label or attrs.get("url") or "(a link)", "a web link, not a feed")
        else:  # only the nearest labels are kept: a path thousands deep costs no more
            folders = (*path, label)[-MAX_CATEGORY_LEVELS:] if label else path
            stack.append((iter(outline.findall("outline")), folders))
    return found.feeds


def _category_attribute(value: str | None) -> str:
    """The first path of an OPML 2.0 category attribute ("/Tech/Linux,/News") as a category
    ("Tech / Linux")."""
    first = (value or "").split(",")[0]
    parts = [clean_line(p, 80) for p in first.split("/") if p.strip()]
    return " / ".join(parts[-MAX_CATEGORY_LEVELS:])


class _Found:
    """The feeds a subscription list gives: http(s) only (a shared list must not point the reader
    at local files), each address once; what is left out is noted with why."""

    def __init__(self, skipped: list[tuple[str, str]] | None) -> None:
        self.feeds: list[OpmlFeed] = []
        self._seen: set[str] = set()
        self._skipped = skipped

    def skip(self, given: str, why: str) -> None:
        if self._skipped is not None:
            self._skipped.append((clean_line(given, 200), why))

    def add(self, url: str, title: str, category: str) -> None:
        problem = feed_url_problem(url)
        address = _address(url)
        if not url.lower().startswith(("http://", "https://")):
            self.skip(url, "only http and https addresses are imported")
        elif problem is not None:
            self.skip(url, f"the address {problem}")
        elif address in self._seen:
            self.skip(url, "listed more than once (subscribed once)")
        else:
            self._seen.add(address)
            self.feeds.append(OpmlFeed(url=address, title=title, category=category))


def parse_urls(
    data: bytes, skipped: list[tuple[str, str]] | None = None, notes: list[str] | None = None
) -> list[OpmlFeed]:
    """Feeds listed in a newsboat ``urls`` file: one address a line, then its tags, each
    optionally in double quotes. The first plain tag becomes the category (the reader has one per
    feed), a ``"~Name"`` tag the title; ``"!"`` (hidden) tags are ignored, ``#`` starts a
    comment. ``query:``, ``exec:`` and ``filter:`` lines have no equivalent here and are left
    out, with why, in ``skipped`` (when given), as are addresses that cannot be subscribed to;
    what was read differently from newsboat (tags after the first, hidden feeds) is said in
    ``notes`` (when given). Raises OpmlError when the file cannot be a urls file."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"the file is larger than {MAX_OPML_BYTES // 1_000_000} MB")
    if is_binary(data):
        raise OpmlError("it is a binary file, not a list of addresses")
    encoding = sniff_encoding(data)  # a list saved as UTF-16 (Windows' Notepad) is text too
    text = data.decode("utf-8-sig" if encoding in (None, "utf-8") else encoding, "replace")
    if not text.strip():
        raise OpmlError("the file is empty")
    if text.lstrip().startswith("<"):
        raise OpmlError("it is XML, not a list of addresses (an OPML file? use import-opml)")
    found = _Found(skipped)
    extra_tags = hidden = 0
    for number, line in enumerate(text.splitlines(), 1):
        words = _words(line)
        if words is None:
            found.skip(f"line {number}: {line.strip()}", "a quote is not closed")
            continue
        if not words:
            continue
        url, tags = words[0], words[1:]
        kind = url.partition(":")[0].lower()
        if kind in _NEWSBOAT_ONLY:
            found.skip(clean_line(url, 80), _NEWSBOAT_ONLY[kind])
            continue
        title = next((clean_line(t[1:], 80) for t in tags if t.startswith("~")), "")
        plain = [clean_line(t, 80) for t in tags if t[:1] not in ("~", "!")]
        category = plain[0] if plain else ""
        before = len(found.feeds)
        found.add(clean_line(url), title, category)
        if len(found.feeds) > before:
            if len(plain) > 1:
                extra_tags += 1
            if "!" in tags:
                hidden += 1
    if notes is not None and extra_tags:
        notes.append(
            f"{counted(extra_tags, 'feed')} had more than one tag: the first is its category "
            "(a feed has one here), the others were left out."
        )
    if notes is not None and hidden:
        notes.append(
            f'{counted(hidden, "feed")} marked hidden ("!") in newsboat '
            f"{'is' if hidden == 1 else 'are'} listed like the others (nothing is hidden here)."
        )
    return found.feeds


# a "quoted tag" (backslash escapes inside), or a bare word
_WORD = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def _words(line: str) -> list[str] | None:
    """A urls line's words as newsboat reads them; None when a quote is left open. A word
    starting with # starts a comment (a # inside an address is part of it)."""
    words: list[str] = []
    for match in _WORD.finditer(line):
        quoted, bare = match.groups()
        if quoted is not None:
            words.append(re.sub(r"\\(.)", r"\1", quoted))
        elif bare.startswith("#"):
            break
        elif bare.startswith('"'):
            return None
        else:
            words.append(bare)
    return words


_NEWSBOAT_ONLY = {
    "query": "a newsboat query feed (the Unread and Today views and / search stand in for it)",
    "exec": "a feed made by a command, which is never run here",
    "filter": "a feed passed through a filter command, which is never run here",
}


def build_opml(feeds: Sequence[OpmlFeed], title: str = "newsreader subscriptions") -> bytes:
    """An OPML 2.0 document; feeds are grouped under one outline per category, nested as the
    category says ("Tech / Linux": a Linux folder in a Tech folder, as the import reads it)."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    groups: dict[tuple[str, ...], ET.Element] = {}
    for feed in feeds:
        parent, path = body, tuple(p.strip() for p in feed.category.split(" / ") if p.strip())
        for depth in range(1, len(path) + 1):
            key = path[:depth]
            if key not in groups:
                groups[key] = ET.SubElement(parent, "outline", text=key[-1], title=key[-1])
            parent = groups[key]
        name = feed.title or feed.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.site_url:
            attrs["htmlUrl"] = feed.site_url
        ET.SubElement(parent, "outline", attrs)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
