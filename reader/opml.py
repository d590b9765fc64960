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


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Feeds listed in an OPML document. Raises OpmlError with a reason when it is unusable."""
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

    def walk(node: ET.Element, category: str) -> None:
        for outline in node.findall("outline"):
            url = clean_line(outline.get("xmlUrl") or outline.get("xmlurl") or "")
            label = clean_line(outline.get("title") or outline.get("text") or "")
            if url:
                # http(s) only: a shared list must not point the reader at local files
                web = url.lower().startswith(("http://", "https://"))
                if web and feed_url_problem(url) is None and url not in seen:
                    seen.add(url)
                    feeds.append(OpmlFeed(url=url, title=label, category=category))
                walk(outline, category)
            else:
                nested = f"{category} / {label}" if category and label else category or label
                walk(outline, nested)

    walk(body, "")
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
