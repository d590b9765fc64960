"""A charset in the HTTP header that the bytes plainly contradict does not win: a UTF-8 feed served
as "charset=utf-16" is read (a UTF-16 body has a byte order mark or a NUL byte beside every ASCII
character; this one has neither), while real UTF-16 and UTF-32 feeds, with or without a byte order
mark, keep working."""

from __future__ import annotations

import pytest

from reader import feeds
from reader.config import Config, RefreshConfig
from reader.extract.decode import decode
from reader.feeds import parse_feed
from reader.refresh import add_subscription
from reader.store import Store
from reader.textutil import sniff_encoding
from tests.httpserver import Item, LocalServer, rss

URL = "https://charset.example/feed.xml"
TITLES = ["Café in Zürich", "北京的新闻", "Ελληνικά νέα"]
WRONG = "The feed declared the wrong character set; it was decoded as utf-8."
CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


def feed_text(encoding: str | None = "utf-8") -> str:
    """The feed as text, with an XML declaration naming ``encoding`` (None: no declaration)."""
    items = [Item(title=t, link=f"https://charset.example/{n}") for n, t in enumerate(TITLES)]
    text = rss(items, title="Wide news").decode("utf-8")
    if encoding is None:
        return text.split("\n", 1)[1]
    return text.replace('encoding="utf-8"', f'encoding="{encoding}"')


UTF8_BODIES = {
    "declared utf-8": feed_text().encode("utf-8"),
    "no encoding in the declaration": feed_text().replace(' encoding="utf-8"', "").encode(),
    "no declaration": feed_text(None).encode("utf-8"),
    "utf-8 byte order mark": b"\xef\xbb\xbf" + feed_text(None).encode("utf-8"),
}


@pytest.mark.parametrize("fast_path", [True, False])
@pytest.mark.parametrize(
    "charset", ["utf-16", "UTF-16BE", "utf-16le", "ucs-2", "utf-32", "cp037", "made-up"]
)
@pytest.mark.parametrize("body", UTF8_BODIES.values(), ids=UTF8_BODIES.keys())
def test_a_utf8_feed_under_a_wrong_charset_is_read(
    body: bytes, charset: str, fast_path: bool
) -> None:
    feed = parse_feed(body, URL, f"application/rss+xml; charset={charset}", fast_path=fast_path)
    assert feed.error is None
    assert [e.title for e in feed.entries] == TITLES and feed.title == "Wide news"
    assert feed.warning == WRONG


WIDE = {
    "utf-16 with a byte order mark": ("utf-16", "utf-16"),
    "utf-16 little-endian, no mark": ("utf-16-le", "utf-16"),
    "utf-16 big-endian, no mark": ("utf-16-be", "utf-16"),
    "utf-16 big-endian, named so": ("utf-16-be", "utf-16be"),
    "utf-32 with a byte order mark": ("utf-32", "utf-32"),
    "utf-32 little-endian, no mark": ("utf-32-le", "utf-32"),
}


@pytest.mark.parametrize("fast_path", [True, False])
@pytest.mark.parametrize("header", [True, False], ids=["charset in header", "no charset"])
@pytest.mark.parametrize(("codec", "label"), WIDE.values(), ids=WIDE.keys())
def test_real_utf16_and_utf32_feeds_keep_working(
    codec: str, label: str, header: bool, fast_path: bool
) -> None:
    body = feed_text(label).encode(codec)
    content_type = f"application/rss+xml; charset={label}" if header else "application/rss+xml"
    feed = parse_feed(body, URL, content_type, fast_path=fast_path)
    assert feed.error is None and feed.warning is None
    assert [e.title for e in feed.entries] == TITLES


def test_a_utf16_feed_under_a_utf8_header_is_read_by_its_bytes() -> None:
    body = feed_text("utf-16").encode("utf-16-le")  # no byte order mark: the NUL bytes tell
    feed = parse_feed(body, URL, "application/rss+xml; charset=utf-8")
    assert [e.title for e in feed.entries] == TITLES
    assert feed.warning is not None and "wrong character set" in feed.warning


def test_what_the_bytes_show() -> None:
    text = feed_text(None)
    assert sniff_encoding(text.encode("utf-8")) is None
    assert sniff_encoding(text.encode("latin-1", "replace")) is None
    assert sniff_encoding(b"\xef\xbb\xbf" + text.encode()) == "utf-8"
    assert sniff_encoding(text.encode("utf-16")) == "utf-16"
    assert sniff_encoding(text.encode("utf-16-le")) == "utf-16-le"
    assert sniff_encoding(text.encode("utf-16-be")) == "utf-16-be"
    assert sniff_encoding(text.encode("utf-32-le")) == "utf-32-le"
    assert sniff_encoding(text.encode("utf-32-be")) == "utf-32-be"
    assert sniff_encoding(b"<a>\x00</a>") is None  # one stray NUL in a short text is no evidence


def test_a_page_in_utf16_without_a_byte_order_mark_is_decoded() -> None:
    page = "<html><body><p>Café in Zürich, 北京的新闻.</p></body></html>"
    for codec in ("utf-16-le", "utf-16-be"):
        text, used = decode(page.encode(codec), "utf-16")
        assert text == page and used == codec


async def test_adding_a_utf8_feed_served_as_utf16_subscribes(
    srv: LocalServer, store: Store
) -> None:
    srv.route(
        "/wrong.xml",
        body=UTF8_BODIES["no encoding in the declaration"],
        headers={"Content-Type": "application/rss+xml; charset=utf-16"},
    )
    srv.route(
        "/real.xml",
        body=feed_text("utf-16").encode("utf-16"),
        headers={"Content-Type": "application/rss+xml; charset=utf-16"},
    )
    for path in ("/wrong.xml", "/real.xml"):
        feed, message = await add_subscription(store, CONFIG, srv.url(path))
        assert feed is not None, message
        assert "not a feed" not in message
        stored = store.query("SELECT title FROM articles WHERE feed_id = ?", (feed.id,))
        assert sorted(r["title"] for r in stored) == sorted(TITLES)


def test_a_fault_while_reading_a_feed_is_said_in_words_and_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a bug of ours")

    monkeypatch.setattr(feeds, "repair_utf8", broken)  # a fault of ours, not of the feed
    with caplog.at_level("ERROR", logger="reader.feeds"):
        feed = parse_feed(UTF8_BODIES["declared utf-8"], URL, "application/rss+xml")
    assert feed.error == "The feed could not be read: a fault in newsreader stopped it."
    assert "KeyError" in caplog.text and "a bug of ours" in caplog.text
