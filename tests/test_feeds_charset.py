"""Character sets: a UTF-8 feed with a few invalid bytes stays UTF-8 (bad bytes become U+FFFD), a
feed really in another charset is decoded as before, and XML errors are told in words."""

from __future__ import annotations

import re

import pytest

from reader.config import Config, RefreshConfig
from reader.feeds import parse_feed, repair_utf8
from reader.refresh import add_subscription, refresh
from reader.store import Store
from tests.httpserver import Item, LocalServer, rss

URL = "https://charset.example/feed.xml"
TITLES = [f"Café número {n} — “quoted” in Zürich" for n in range(4)]
LATIN_TITLES = [f"Café número {n} in Zürich" for n in range(4)]  # all in ISO-8859-1
DESCRIPTIONS = [f"Crème brûlée, part {n}." for n in range(4)]
CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


def utf8_feed(encoding: str = "utf-8") -> bytes:
    titles = TITLES if encoding == "utf-8" else LATIN_TITLES
    items = [
        Item(title=t, link=f"https://charset.example/{n}", description=d)
        for n, (t, d) in enumerate(zip(titles, DESCRIPTIONS, strict=True))
    ]
    return rss(items, title="Ünïcode news", encoding=encoding)


def with_bad_bytes(body: bytes, *bad: bytes) -> bytes:
    """``body`` with each of ``bad`` inserted before a different description's text."""
    for n, junk in enumerate(bad):
        at = body.index(f"part {n}.".encode())
        body = body[:at] + junk + body[at:]
    return body


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml; charset=utf-8", "application/rss+xml", None],
)
def test_one_bad_byte_keeps_a_utf8_feed_readable(content_type: str | None) -> None:
    clean = parse_feed(utf8_feed(), URL, content_type)
    assert clean.warning is None and [e.title for e in clean.entries] == TITLES

    feed = parse_feed(with_bad_bytes(utf8_feed(), b"\xff"), URL, content_type)

    assert feed.error is None
    assert feed.title == clean.title == "Ünïcode news"
    assert [e.title for e in feed.entries] == TITLES
    texts = [e.summary_text for e in feed.entries]
    assert "\ufffd" in texts[0]  # the bad byte, visibly replaced
    assert texts[0].replace("\ufffd", "") == clean.entries[0].summary_text
    assert texts[1:] == [e.summary_text for e in clean.entries[1:]]
    assert feed.warning is not None
    assert "1 invalid byte sequence" in feed.warning
    assert "wrong character set" not in feed.warning


def test_no_declaration_at_all_is_read_as_utf8_too() -> None:
    body = with_bad_bytes(utf8_feed().replace(b' encoding="utf-8"', b""), b"\xfe", b"\xc3")
    feed = parse_feed(body, URL, "text/xml")
    assert [e.title for e in feed.entries] == TITLES
    assert feed.warning is not None and "2 invalid byte sequences" in feed.warning


def test_repair_counts_each_bad_sequence_and_leaves_valid_utf8_alone() -> None:
    good = utf8_feed()
    assert repair_utf8(good) == (good, 0)
    # a stray byte; two stray continuation bytes (two sequences); a cut three-byte sequence (one)
    bad = with_bad_bytes(good, b"\xff", b"\x80\x80", b"\xe2\x80")
    fixed, count = repair_utf8(bad, "application/rss+xml; charset=UTF-8")
    assert count == 4
    text = fixed.decode("utf-8")  # valid now
    assert text.count("\ufffd") == 4
    assert text.replace("\ufffd", "") == good.decode("utf-8")


def test_a_genuine_replacement_character_is_not_counted() -> None:
    body = with_bad_bytes(utf8_feed(), "\ufffd".encode(), b"\xff")
    fixed, count = repair_utf8(body)
    assert count == 1 and fixed.decode("utf-8").count("\ufffd") == 2


def test_a_latin1_feed_declared_as_utf8_is_decoded_as_before() -> None:
    # really ISO-8859-1 (no valid UTF-8 sequence in it), the declaration is wrong
    body = utf8_feed("iso-8859-1").replace(b'encoding="iso-8859-1"', b'encoding="utf-8"')
    assert repair_utf8(body, "application/rss+xml; charset=utf-8") == (body, 0)
    feed = parse_feed(body, URL, "application/rss+xml; charset=utf-8")
    assert [e.title for e in feed.entries] == LATIN_TITLES
    assert feed.title == "Ünïcode news"
    assert feed.warning is not None and "invalid byte" not in feed.warning


def test_another_declared_charset_is_never_repaired() -> None:
    body = with_bad_bytes(utf8_feed(), b"\xff")
    for content_type in ("application/rss+xml; charset=windows-1252", None):
        declared = body if content_type else body.replace(b'"utf-8"', b'"windows-1252"', 1)
        assert repair_utf8(declared, content_type) == (declared, 0)
    utf16 = "\ufeff".encode("utf-16-le") + "<rss/>".encode("utf-16-le")
    assert repair_utf8(utf16) == (utf16, 0)


def test_a_properly_declared_latin1_feed_is_fine() -> None:
    body = utf8_feed("iso-8859-1")
    assert repair_utf8(body, "application/rss+xml") == (body, 0)
    feed = parse_feed(body, URL, "application/rss+xml")
    assert [e.title for e in feed.entries] == LATIN_TITLES
    assert feed.title == "Ünïcode news" and feed.warning is None


def test_broken_xml_is_told_in_words() -> None:
    body = utf8_feed().replace(b"</channel></rss>", b"<item><title>cut & broken</title>")
    feed = parse_feed(body, URL)
    assert feed.error is None and feed.entries
    assert feed.warning is not None
    assert re.search(r"line \d+, column \d+", feed.warning)
    assert "<unknown>" not in feed.warning and "token" not in feed.warning


async def test_refresh_and_add_store_readable_titles(srv: LocalServer, store: Store) -> None:
    body = with_bad_bytes(utf8_feed(), b"\xff")
    srv.route("/bad.xml", body=body, headers={"Content-Type": "application/rss+xml"})
    feed, message = await add_subscription(store, CONFIG, srv.url("/bad.xml"))
    assert feed is not None, message
    assert "wrong character set" not in message and "invalid byte sequence" in message
    stored = store.query("SELECT title FROM articles WHERE feed_id = ?", (feed.id,))
    assert sorted(r["title"] for r in stored) == sorted(TITLES)
    assert feed.title == "Ünïcode news"

    srv.route("/bad.xml", body=body + b" ", headers={"Content-Type": "application/rss+xml"})
    (result,) = await refresh(store, CONFIG, force=True)
    assert result.status == "ok" and result.error and "invalid byte sequence" in result.error
    stored = store.query("SELECT title FROM articles WHERE feed_id = ?", (feed.id,))
    assert sorted(r["title"] for r in stored) == sorted(TITLES)
    again = store.feed(feed.id)
    assert again is not None and again.failures == 0 and again.last_error == result.error
