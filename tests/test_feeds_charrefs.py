"""Numeric character references that name no character (a UTF-16 surrogate half, a number
beyond U+10FFFF) in one item: the feed is read, a surrogate pair written as two references is the
one character it means, anything else is U+FFFD, and both parsing paths agree."""

from __future__ import annotations

import pytest

from reader import fastfeed
from reader.config import Config, RefreshConfig
from reader.feeds import parse_feed, repair_charrefs
from reader.refresh import add_subscription, refresh
from reader.store import Store
from tests.httpserver import LocalServer

URL = "https://refs.example/feed.xml"
CONFIG = Config(refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0))


def feed(title: str, description: str = "We celebrate.", encoding: str = "utf-8") -> bytes:
    """An RSS feed of two items, the second titled ``title`` (written as it is: references
    stay references)."""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0"><channel><title>Refs</title><link>https://refs.example/</link>\n'
        "<item><title>Normal story one</title><link>https://refs.example/1</link>"
        "<guid>e1</guid><description>Plain text.</description></item>\n"
        f"<item><title>{title}</title><link>https://refs.example/2</link>"
        f"<guid>e2</guid><description>{description}</description></item>\n"
        "</channel></rss>\n"
    ).encode(encoding)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("&#55357;&#56832;", "\U0001f600"),  # a pair, decimal (the reviewer's feed)
        ("&#xD83D;&#xDE00;", "\U0001f600"),  # a pair, hexadecimal
        ("&#xd83d;&#56832;", "\U0001f600"),  # a pair, one of each
        ("&#xD800;", "\ufffd"),  # a lone high half
        ("&#56832;", "\ufffd"),  # a lone low half
        ("&#xDE00;&#xD83D;", "\ufffd\ufffd"),  # halves in the wrong order
        ("&#xD83D;&#xD83D;&#xDE00;", "\ufffd\U0001f600"),  # a lone half, then a pair
        ("&#x110000;", "\ufffd"),  # beyond Unicode
        ("&#99999999999999999999;", "\ufffd"),
        ("&#x10FFFF;", "\U0010ffff"),  # the last code point is one
    ],
)
@pytest.mark.parametrize("fast_path", [True, False])
def test_a_bad_reference_keeps_the_feed_and_reads_as_meant(
    written: str, meant: str, fast_path: bool
) -> None:
    parsed = parse_feed(
        feed(f"Party time {written}"), URL, "application/rss+xml", fast_path=fast_path
    )
    assert parsed.error is None and parsed.warning is None
    assert [e.title for e in parsed.entries] == ["Normal story one", f"Party time {meant}"]


@pytest.mark.parametrize("written", ["&#55357;&#56832;", "&#xD800;", "&#x110000;"])
def test_both_paths_agree_and_the_fast_one_reads_the_repaired_feed(written: str) -> None:
    body = feed(f"Party {written}", f"Cake {written} and <![CDATA[<b>{written}</b>]]>")
    assert fastfeed.extract(repair_charrefs(body)) is not None  # the fast path is taken
    fast = parse_feed(body, URL, now=2e9, fast_path=True)
    slow = parse_feed(body, URL, now=2e9, fast_path=False)
    assert fast == slow and len(fast.entries) == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "iso-8859-1"])
def test_other_encodings_are_repaired_too(encoding: str) -> None:
    body = feed("Caf\xe9 &#55357;&#56832; &#xD800;", encoding=encoding)
    parsed = parse_feed(body, URL)
    assert parsed.error is None
    assert [e.title for e in parsed.entries] == ["Normal story one", "Caf\xe9 \U0001f600 \ufffd"]


def test_a_feed_without_bad_references_is_left_as_it_is() -> None:
    body = feed("Quotes &#8220;a&#8221; &#x2019; &#128512; &#x1F600; &#55295; &#57344; &#0055;")
    assert repair_charrefs(body) == body
    wide = feed("Quotes &#8220;a&#8221;", encoding="utf-16")
    assert repair_charrefs(wide) == wide


def test_long_runs_of_digits_are_read_in_linear_time() -> None:
    # a pattern that backtracked over a run of digits would take minutes here
    for junk in (b"&#" + b"0" * 200_000, b"&#x" + b"f" * 200_000, b"&#5" * 100_000):
        assert repair_charrefs(junk) == junk
    assert repair_charrefs(b"&#" + b"0" * 200_000 + b"55357;") == b"&#xFFFD;"


async def test_add_and_refresh_keep_every_item(srv: LocalServer, store: Store) -> None:
    srv.route("/f.xml", body=feed("Party time &#55357;&#56832;"))
    added, message = await add_subscription(store, CONFIG, srv.url("/f.xml"))
    assert added is not None, message
    assert "could not be read" not in message
    titles = store.query("SELECT title FROM articles WHERE feed_id = ?", (added.id,))
    assert sorted(r["title"] for r in titles) == ["Normal story one", "Party time \U0001f600"]
    srv.route("/f.xml", body=feed("Party time &#55357;&#56832; &#xD800;"))
    (result,) = await refresh(store, CONFIG, force=True)
    assert result.status == "ok" and result.error is None
    titles = store.query("SELECT title FROM articles WHERE feed_id = ?", (added.id,))
    assert sorted(r["title"] for r in titles) == [
        "Normal story one",
        "Party time \U0001f600 \ufffd",
    ]
