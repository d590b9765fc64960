"""Enclosure addresses cleaned as links are (one that is not a plain http(s) URL nor a clean
relative path is dropped; breaks and spaces are not handed to a browser), and an item with more
files than are kept says so in its feed's warning."""

from __future__ import annotations

import json

import pytest

from reader import fastfeed
from reader.feeds import MAX_ENCLOSURES, parse_feed
from reader.models import Enclosure, ParsedFeed
from tests.httpserver import Item, rss

URL = "https://pod.example/feed.xml"
NOW = 2_000_000_000.0


def feed(extra: str, fast: bool, items: int = 1) -> ParsedFeed:
    body = rss(
        [
            Item(title=f"Episode {n}", link=f"https://pod.example/{n}", extra=extra)
            for n in range(items)
        ]
    )
    if fast and items == 1 and extra.count("<enclosure") == 1:
        assert fastfeed.extract(body) is not None  # (the fast path takes it: both are compared)
    return parse_feed(body, URL, namespace="ns", now=NOW, fast_path=fast)


def attached(href: str, fast: bool) -> tuple[Enclosure, ...]:
    extra = f'<enclosure url="{href}" length="10" type="audio/mpeg"/>'
    (entry,) = feed(extra, fast).entries
    return entry.enclosures


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
@pytest.mark.parametrize(
    "href", ["-http://x.example/a.mp3", "-a.mp3", "x:y/a.mp3", " javascript:alert(1)", "&#10;"]
)
def test_an_address_that_is_neither_a_url_nor_a_clean_path_is_dropped(
    href: str, fast: bool
) -> None:
    assert attached(href, fast) == ()


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
def test_breaks_inside_are_dropped_spaces_encoded_and_what_is_around_trimmed(fast: bool) -> None:
    (one,) = attached("&#10; /media/my episode&#10;two.mp3&#9; ", fast)
    assert one.url == "https://pod.example/media/my%20episodetwo.mp3"
    (one,) = attached("https://cdn.example/a b\u00a0c.mp3", fast)
    assert " " not in one.url and "\u00a0" not in one.url
    assert one.url.startswith("https://cdn.example/a%20b")


def test_character_references_left_by_a_broken_feed_are_decoded_then_cleaned() -> None:
    """A feed that is not well-formed goes through feedparser's lenient parser, which leaves
    "&#10;" in an attribute as it is."""
    body = rss(
        [
            Item(
                title="Episode",
                link="https://pod.example/1",
                extra='<enclosure url="/my episode&#10;two.mp3" type="audio/mpeg"/>'
                '<enclosure url="/b.mp3#x&#27;[31m" type="audio/mpeg"/>',
            )
        ]
    ).replace(b"</channel>", b"<broken & </channel>")
    parsed = parse_feed(body, URL, namespace="ns", now=NOW)
    assert parsed.warning is not None and "not well-formed" in parsed.warning
    (entry,) = parsed.entries
    assert [e.url for e in entry.enclosures] == [
        "https://pod.example/my%20episodetwo.mp3",
        "https://pod.example/b.mp3#x[31m",
    ]


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
def test_clean_relative_paths_and_urls_are_kept(fast: bool) -> None:
    assert attached("ep/1.mp3?x=a:b", fast)[0].url == "https://pod.example/ep/1.mp3?x=a:b"
    assert attached("//cdn.example/1.mp3", fast)[0].url == "https://cdn.example/1.mp3"
    assert attached("HTTP://cdn.example/1.mp3", fast)[0].url == "HTTP://cdn.example/1.mp3"


def files(count: int) -> str:
    return "".join(
        f'<enclosure url="https://cdn.example/{n}.mp3" type="audio/mpeg" length="1"/>'
        for n in range(count)
    )


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
def test_an_item_with_more_files_than_are_kept_says_so(fast: bool) -> None:
    parsed = feed(files(MAX_ENCLOSURES * 3), fast)
    (entry,) = parsed.entries
    assert len(entry.enclosures) == MAX_ENCLOSURES
    assert parsed.warning is not None
    assert f"{MAX_ENCLOSURES * 3} files" in parsed.warning
    assert f"first {MAX_ENCLOSURES}" in parsed.warning


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "feedparser"])
def test_several_items_with_too_many_files_are_counted_and_a_full_one_is_not(fast: bool) -> None:
    parsed = feed(files(MAX_ENCLOSURES + 5), fast, items=3)
    assert parsed.warning is not None and parsed.warning.startswith("3 items")
    assert f"up to {MAX_ENCLOSURES + 5}" in parsed.warning
    assert feed(files(MAX_ENCLOSURES), fast).warning is None
    # the same file listed again is one file
    assert feed(files(MAX_ENCLOSURES) * 2, fast).warning is None


def test_a_json_feed_item_with_too_many_attachments_says_so() -> None:
    listed = MAX_ENCLOSURES + 7
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "items": [
                {
                    "id": "1",
                    "url": "https://pod.example/1",
                    "title": "Episode",
                    "attachments": [
                        {"url": f"https://cdn.example/{n}.mp3", "mime_type": "audio/mpeg"}
                        for n in range(listed)
                    ],
                }
            ],
        }
    ).encode()
    parsed = parse_feed(body, URL, "application/feed+json", now=NOW)
    assert len(parsed.entries[0].enclosures) == MAX_ENCLOSURES
    assert parsed.warning is not None and f"{listed} files" in parsed.warning
