"""A story's link is cleaned as an enclosure's address is (one rule, ``textutil.clean_address``,
applied by ``safe_link``): character references a broken or double-escaped feed leaves in it
are decoded, breaks inside dropped, spaces encoded; a hostile address is still refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.feeds import parse_feed
from reader.models import ParsedEntry, View
from reader.store import open_store
from reader.textutil import safe_link
from tests.httpserver import Item, rss

URL = "https://news.example/feed.xml"
NOW = 2_000_000_000.0


def entry(href: str, how: str) -> ParsedEntry:
    """The one entry of a feed whose item links to ``href`` and attaches it as its audio too
    (``rss`` escapes the text: "&#10;" reaches the parser as it does from a double-escaped feed)."""
    extra = f'<enclosure url="{href}" type="audio/mpeg"/>'
    body = rss([Item(title="Story", link=href, guid="g-1", extra=extra)])
    if how == "lenient":  # not well-formed: feedparser's lenient parser leaves "&#10;" as it is
        body = body.replace(b"</channel>", b"<broken & </channel>")
    (found,) = parse_feed(body, URL, namespace="ns", now=NOW, fast_path=how == "fast").entries
    return found


HOWS = ["fast", "feedparser", "lenient"]


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://news.example/my story&#10;two", "https://news.example/my%20storytwo"),
        ("/world/a&#9;b c", "https://news.example/world/ab%20c"),
        ("&#10; /media/a b ", "https://news.example/media/a%20b"),
    ],
)
def test_a_story_link_is_cleaned_as_its_enclosure_is(href: str, expected: str, how: str) -> None:
    found = entry(href, how)
    assert found.url == expected
    assert [e.url for e in found.enclosures] == [found.url]


@pytest.mark.parametrize("how", HOWS)
def test_a_link_that_is_only_breaks_is_no_link(how: str) -> None:
    """(not the feed's own address, which joining an empty link to it would give)"""
    assert entry("&#10;", how).url == ""


def test_a_json_feed_items_link_is_cleaned_too() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"id": "1", "url": "/my story&#10;two\n", "title": "Story"}],
    }
    body = json.dumps(doc).encode()
    (found,) = parse_feed(body, URL, "application/feed+json", namespace="ns", now=NOW).entries
    assert found.url == "https://news.example/my%20storytwo"


@pytest.mark.parametrize(
    "url",
    [
        "java&#10;script:alert(1)",  # the break dropped spells javascript:
        "&#106;avascript:alert(1)",
        "&#10; javascript:alert(1)",
        "&#45;oProxyCommand=x",  # "-": an option to whatever is handed the link
        "https&#10;:no-slashes",
        "&#10;",
    ],
)
def test_cleaning_never_lets_a_hostile_address_through(url: str) -> None:
    assert safe_link(url) == ""
    assert safe_link(url, allow_mailto=True) == ""


def test_safe_link_cleans_an_address_stored_before_the_rule() -> None:
    """Links are shown, opened and copied through ``safe_link``: one stored with a space or a
    break is handed over as a browser would read it."""
    assert safe_link(" https://news.example/a b\nc ") == "https://news.example/a%20bc"
    assert safe_link("mailto:a@b.example?subject=a b", allow_mailto=True) == (
        "mailto:a@b.example?subject=a%20b"
    )


# What newsreader 0.2 stored a guid-less item under, for links it kept as they came (before
# they were cleaned): the fixture is those versions' data, so it is written out as they wrote it.
STORED_BY_0_2 = {
    "https://news.example/c/story&#45;three?x=1&#38;y=2": "Story three",
    "https://news.example/c/story four.html": "Story four",
}


@pytest.mark.parametrize("how", ["fast", "full", "lenient"])
def test_an_item_without_a_guid_stays_the_item_stored_before_links_were_cleaned(
    tmp_path: Path, how: str
) -> None:
    """Cleaning links changed no identity: an item a feed lists without a guid, stored by 0.2
    under its link as it came, is the same item at the next refresh (no new article, no second
    copy in its feed); its link is the cleaned one from then on."""
    store = open_store(tmp_path / "news.db")
    feed, _ = store.add_feed(URL, "Messy")
    store.upsert_entries(
        feed.id,
        [ParsedEntry(guid=guid, url=guid, title=title) for guid, title in STORED_BY_0_2.items()],
    )
    body = rss([Item(title=title, link=link) for link, title in STORED_BY_0_2.items()])
    if how == "lenient":
        body = body.replace(b"</channel>", b"<broken & </channel>")
    parsed = parse_feed(body, URL, namespace=f"feed:{feed.id}", now=NOW, fast_path=how == "fast")
    assert len(parsed.entries) == 2
    new, _ = store.upsert_entries(feed.id, parsed.entries)
    assert new == []
    links = sorted(a.url for a in store.headlines(View("feed", feed_id=feed.id)))
    assert links == [
        "https://news.example/c/story%20four.html",
        "https://news.example/c/story-three?x=1&y=2",
    ]
    store.close()


@pytest.mark.parametrize("how", ["fast", "full", "lenient"])
def test_a_link_that_is_no_address_loses_its_item_nothing_else(how: str) -> None:
    """A broken IPv6 host ("http://[bad/x", which urljoin refuses with ValueError) in one
    item's link made the whole feed "could not be read": the item stays, without a link, and
    the feed's other items are read as ever."""
    items = [
        Item(title="Broken", link="http://[bad/x", guid="g-1"),
        Item(title="Fine", link="https://news.example/fine", guid="g-2"),
    ]
    body = rss(items)
    if how == "lenient":
        body = body.replace(b"</channel>", b"<broken & </channel>")
    parsed = parse_feed(body, URL, namespace="ns", now=NOW, fast_path=how == "fast")
    assert parsed.error is None
    assert [(e.title, e.url) for e in parsed.entries] == [
        ("Broken", ""),
        ("Fine", "https://news.example/fine"),
    ]
