"""The lxml fast path (reader.fastfeed) must give exactly the articles feedparser gives.

Every document here is parsed both ways and the ParsedFeeds compared field by field; documents the
fast path is meant to take are also checked to have taken it (so the comparison is not vacuous),
and documents outside its subset are checked to fall back.
"""

from __future__ import annotations

import pytest

from reader import fastfeed
from reader.feeds import parse_feed
from tests.httpserver import Item, atom, rss

URL = "https://news.example/feed.xml"
NOW = 2_000_000_000.0

RSS_ITEMS = [
    Item(title="Plain", link="https://e.example/1", guid="https://e.example/1"),
    Item(title="Tom &amp; Jerry <b>bold</b>", link="https://e.example/2?a=1&b=2"),
    Item(title="  spaced  ", link=" https://e.example/3 ", date="Mon, 02 Jun 2025 10:00:00 +0200"),
    Item(title="no link", link=None, guid="https://e.example/guid-as-link"),
    Item(title="perma false", link=None, guid="42"),
    Item(title="relative", link="/story/7", guid=None),
    Item(title="Caf\u00c3\u00a9 mojibake \u0080 \u0093quoted\u0094", link="https://e.example/m"),
    Item(title="", link=None, date=None, description="nameless"),
    Item(title="bad date", link="https://e.example/d", date="not a date"),
    Item(title="future", link="https://e.example/f", date="Fri, 01 Jan 2100 00:00:00 GMT"),
    Item(
        title="html body",
        link="https://e.example/h",
        description='<p>Para <a href="/rel">rel</a> <a href="javascript:x()">js</a></p>',
    ),
]

EXTRA_ITEMS = [
    Item(
        title="enclosure only",
        link=None,
        extra='<enclosure url="https://cdn.example/a.mp3" length="1" type="audio/mpeg"/>',
    ),
    Item(title="creator", extra="<dc:creator>Ann Author</dc:creator>"),
    Item(title="rss author", extra="<author>ann@example.com (Ann)</author>"),
    Item(
        title="encoded",
        extra="<content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded>",
    ),
    Item(title="comments", extra="<comments>https://e.example/c</comments><category>x</category>"),
    Item(
        title="inert ext",
        extra="<slash:comments>5</slash:comments><wfw:commentRss>https://e.example/r</wfw:commentRss>",
    ),
]

NS = (
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:slash="http://purl.org/rss/1.0/modules/slash/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:atom="http://www.w3.org/2005/Atom"'
)


def both(body: bytes, content_type: str | None = None) -> tuple[object, object]:
    fast = parse_feed(body, URL, content_type, namespace="ns", now=NOW, fast_path=True)
    slow = parse_feed(body, URL, content_type, namespace="ns", now=NOW, fast_path=False)
    return fast, slow


def rss_ns(items: list[Item], **kw: object) -> bytes:
    return rss(items, **kw).replace(b'<rss version="2.0">', f'<rss version="2.0" {NS}>'.encode())  # type: ignore[arg-type]


FAST_DOCS = {
    "rss": rss(RSS_ITEMS),
    "rss-ns-extras": rss_ns(
        RSS_ITEMS + EXTRA_ITEMS,
        channel_extra="<language>de-DE</language><ttl>30</ttl>"
        '<atom:link href="https://news.example/feed.xml" rel="self" type="application/rss+xml"/>'
        "<image><url>https://e.example/i.png</url><title>Image title</title>"
        "<link>https://e.example/</link></image><!-- a comment -->",
    ),
    "rss-crlf": rss(RSS_ITEMS[:3]).replace(b"><", b">\r\n<"),
    "atom": atom(
        [
            Item(
                title="A1",
                link="https://e.example/a1",
                guid="urn:uuid:1",
                date="2025-06-10T04:00:00Z",
            ),
            Item(title="A2 <i>html</i>", link="rel/2", guid="tag:e.example,2025:2"),
            Item(title="no link", link=None, guid="https://e.example/id-as-link"),
            Item(title="no id", link="https://e.example/a4", guid=None, date=None),
            Item(
                title="id then enclosure",
                link=None,
                guid="https://e.example/a5",
                extra='<link rel="enclosure" href="https://cdn.example/a5.mp3"/>',
            ),
        ]
    ).replace(b"<title>A2", b'<title type="html">A2'),
    "atom-authors": atom(
        [
            Item(
                title="by",
                guid="urn:x:1",
                extra="<author><name>Bo</name><email>b@e.example</email></author>",
            ),
            Item(title="by2", guid="urn:x:2", extra="<author><name>Cy</name></author>"),
            Item(
                title="content",
                guid="urn:x:3",
                extra='<content type="html">&lt;p&gt;Body&lt;/p&gt;</content>',
            ),
            Item(
                title="text content", guid="urn:x:4", extra="<content>plain &amp; simple</content>"
            ),
        ]
    ),
}

SLOW_DOCS = {
    "doctype": rss(RSS_ITEMS[:2]).replace(b"<rss", b'<!DOCTYPE rss [<!ENTITY x "y">]><rss', 1),
    "latin1": rss([Item(title="Caf\u00e9")], encoding="iso-8859-1"),
    "xml-base": atom([Item(link="rel/1", guid="urn:x:1")], base="https://b.example/d/"),
    "media": rss_ns([Item(extra="<dc:date>2025-01-01</dc:date>")]),
    "broken": rss(RSS_ITEMS[:2]).replace(b"</channel>", b""),
    "xhtml-title": atom([Item(guid="urn:x:1")]).replace(
        b"<title>An item</title>",
        b'<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div></title>',
    ),
}


@pytest.mark.parametrize("name", sorted(FAST_DOCS))
@pytest.mark.parametrize(
    "content_type", [None, "application/rss+xml", "application/xml; charset=utf-8"]
)
def test_fast_path_matches_feedparser(name: str, content_type: str | None) -> None:
    body = FAST_DOCS[name]
    assert fastfeed.extract(body, content_type) is not None, "the fast path should take this one"
    fast, slow = both(body, content_type)
    assert fast == slow


@pytest.mark.parametrize("name", sorted(SLOW_DOCS))
def test_documents_outside_the_subset_fall_back(name: str) -> None:
    body = SLOW_DOCS[name]
    assert fastfeed.extract(body, None) is None
    fast, slow = both(body)
    assert fast == slow


@pytest.mark.parametrize(
    "content_type", ["text/xml", "text/html", "application/xml; charset=latin-1"]
)
def test_other_declared_types_fall_back(content_type: str) -> None:
    body = FAST_DOCS["rss"]
    assert fastfeed.extract(body, content_type) is None
    fast, slow = both(body, content_type)
    assert fast == slow


def test_big_feed_matches() -> None:
    items = [Item(title=f"n{i} &amp; co", link=f"https://e.example/{i}") for i in range(600)]
    fast, slow = both(rss(items))
    assert fast == slow and len(fast.entries) == 600  # type: ignore[attr-defined]
