"""`newsreader add` subscribes only to what is a feed: a web page without a feed link, an image,
XML that is not a feed or so broken that no item can be read are refused, saying why, and
nothing is subscribed. A page linking its feed, and a feed with no items yet, are added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.httpserver import LocalServer
from tests.processes import newsreader as run

ITEM = "<item><title>Harbour plan</title><link>http://127.0.0.1/a</link><guid>a</guid></item>"
CHANNEL = "<title>Local Paper</title><link>http://127.0.0.1/</link><description>d</description>"
RSS = f'<?xml version="1.0"?><rss version="2.0"><channel>{CHANNEL}{{items}}</channel></rss>'
XML = {"Content-Type": "application/rss+xml"}
NOT_FEEDS = {
    "page.html": (b"<html><head><title>P</title></head><body><p>A page</p></body></html>", "html"),
    "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00", "png"),
    "note.xml": (b'<?xml version="1.0"?><note><to>you</to></note>', "xml"),
    # broken before any item could be read: the channel's title alone is no feed
    "cut.xml": (f'<?xml version="1.0"?><rss version="2.0"><channel>{CHANNEL}<ite'.encode(), "xml"),
    "bad.xml": (b'<?xml version="1.0"?><rss><channel><title>B</title><item><title>x</item>', "xml"),
}
TYPES = {"html": "text/html", "png": "image/png", "xml": "application/xml"}


@pytest.fixture
def common(tmp_path: Path) -> tuple[str, ...]:
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nconcurrency = 2\n")  # no configured feeds
    return ("--config", str(config), "--db", str(tmp_path / "news.db"))


def subscribed(common: tuple[str, ...]) -> list[str]:
    listed = run("feeds", "--json", *common)
    assert listed.returncode == 0, listed.stderr
    return [feed["url"] for feed in json.loads(listed.stdout)]


@pytest.mark.parametrize("name", sorted(NOT_FEEDS))
def test_what_is_no_feed_is_refused_and_nothing_subscribed(
    srv: LocalServer, common: tuple[str, ...], name: str
) -> None:
    body, kind = NOT_FEEDS[name]
    srv.route(f"/{name}", body=body, headers={"Content-Type": TYPES[kind]})
    added = run("add", srv.url(f"/{name}"), *common)
    assert added.returncode == 1, added.stdout
    said = added.stdout + added.stderr
    assert f"Could not add {srv.url(f'/{name}')}" in said
    # a web page is searched for the feed it names: it says that it names none
    assert ("names no feed" if kind == "html" else "not a feed") in said
    if name in ("cut.xml", "bad.xml"):  # the parser's reason, in words, with where it broke
        assert "XML is not well-formed (broken at line 1, column" in said
        assert "no item could be read" in said
    assert subscribed(common) == []


def test_a_page_linking_its_feed_and_a_feed_without_items_are_added(
    srv: LocalServer, common: tuple[str, ...]
) -> None:
    srv.route("/feed.xml", body=RSS.format(items=ITEM).encode(), headers=XML)
    srv.route("/empty.xml", body=RSS.format(items="").encode(), headers=XML)
    link = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    page = f"<html><head><title>P</title>{link}</head><body>x</body></html>"
    srv.route("/site.html", body=page.encode(), headers={"Content-Type": "text/html"})
    broken_late = RSS.format(items=ITEM + "<item><title>x</item>").removesuffix("</rss>")

    srv.route("/late.xml", body=broken_late.encode(), headers=XML)
    for path in ("/site.html", "/empty.xml", "/late.xml"):
        added = run("add", srv.url(path), *common)
        assert added.returncode == 0, added.stdout + added.stderr
    assert sorted(subscribed(common)) == sorted(
        srv.url(p) for p in ("/feed.xml", "/empty.xml", "/late.xml")
    )
