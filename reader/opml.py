"""OPML 2.0 import and export of subscriptions (categories as nested outlines).

Parsing goes through defusedxml: entity expansion (billion laughs) and external entities (XXE) are
refused, and the file never reaches the network or the disk beyond itself.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import formatdate

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from reader.config import feed_url_problem
from reader.textutil import clean_line

MAX_OPML_BYTES = 5_000_000


class OpmlError(Exception):
    """The OPML file cannot be used; nothing was imported."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str = ""
    category: str = ""


MAX_CATEGORY_LEVELS = 3  # nested outlines name a category by their last three labels


def _address(url: str) -> str:
    """A feed address as one subscription: the scheme and host in lower case
    ("HTTP://Example.org/Feed" is "http://example.org/Feed")."""
    scheme, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}{sep}{host.lower()}{slash}{path}"


def parse_opml(data: bytes, skipped: list[tuple[str, str]] | None = None) -> list[OpmlFeed]:
    """Feeds listed in an OPML document. Raises OpmlError with a reason when it is unusable.
    Outlines that cannot be subscribed to are left out, and added to ``skipped`` (when given)
    as (what the outline gave, why)."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"the file is larger than {MAX_OPML_BYTES // 1_000_000} MB")
    if not data.strip():
        raise OpmlError("the file is empty")
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
    feeds: list[OpmlFeed] = []
    seen: set[str] = set()

    def skip(given: str, why: str) -> None:
        if skipped is not None:
            skipped.append((clean_line(given, 200), why))

    def walk(node: ET.Element, path: tuple[str, ...]) -> None:
        category = " / ".join(path[-MAX_CATEGORY_LEVELS:])
        for outline in node.findall("outline"):
            # readers spell the attributes as they like: xmlUrl, xmlURL, XMLURL, Title
            attrs = {name.lower(): value for name, value in outline.attrib.items()}
            url = clean_line(attrs.get("xmlurl") or "")
            label = clean_line(attrs.get("title") or attrs.get("text") or "", 80)
            kind = (attrs.get("type") or "").lower()
            if url:
                # http(s) only: a shared list must not point the reader at local files
                problem = feed_url_problem(url)
                if not url.lower().startswith(("http://", "https://")):
                    skip(url, "only http and https addresses are imported")
                elif problem is not None:
                    skip(url, f"the address {problem}")
                elif _address(url) not in seen:
                    seen.add(_address(url))
                    feeds.append(OpmlFeed(url=_address(url), title=label, category=category))
                walk(outline, path)
            elif kind in ("rss", "atom"):
                skip(label or "(an untitled outline)", "it has no feed address (xmlUrl)")
            else:
                walk(outline, (*path, label) if label else path)

    walk(body, ())
    return feeds


def build_opml(feeds: Sequence[OpmlFeed], title: str = "newsreader subscriptions") -> bytes:
    """An OPML 2.0 document; feeds are grouped under one outline per category."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = formatdate(usegmt=True)
    body = ET.SubElement(root, "body")
    groups: dict[str, ET.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            if feed.category not in groups:
                groups[feed.category] = ET.SubElement(
                    body, "outline", text=feed.category, title=feed.category
                )
            parent = groups[feed.category]
        name = feed.title or feed.url
        ET.SubElement(parent, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
