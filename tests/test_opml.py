from __future__ import annotations

import pytest

from reader.opml import OpmlError, OpmlFeed, build_opml, parse_opml

SAMPLE = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Mine</title></head>
  <body>
    <outline text="Tech" title="Tech">
      <outline type="rss" text="Ars" xmlUrl="https://feeds.arstechnica.com/arstechnica/index"/>
      <outline text="Linux">
        <outline type="rss" text="LWN" xmlUrl="https://lwn.net/headlines/rss"/>
      </outline>
    </outline>
    <outline type="rss" text="Loose feed" xmlUrl="https://example.org/feed.xml"/>
    <outline type="rss" text="Bad scheme" xmlUrl="javascript:alert(1)"/>
    <outline type="rss" text="Dup" xmlUrl="https://example.org/feed.xml"/>
  </body>
</opml>"""


def test_parse_keeps_titles_and_nested_categories() -> None:
    assert parse_opml(SAMPLE) == [
        OpmlFeed("https://feeds.arstechnica.com/arstechnica/index", "Ars", "Tech"),
        OpmlFeed("https://lwn.net/headlines/rss", "LWN", "Tech / Linux"),
        OpmlFeed("https://example.org/feed.xml", "Loose feed", ""),
    ]


def test_round_trip() -> None:
    feeds = parse_opml(SAMPLE)
    assert parse_opml(build_opml(feeds)) == feeds


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<opml><body><outline", "not well-formed"),
        (b"<html><body></body></html>", "not <opml>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
    ],
)
def test_malformed_opml_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(OpmlError, match=reason):
        parse_opml(data)


def test_billion_laughs_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<opml version="2.0"><body><outline text="&lol3;" xmlUrl="https://x.org/f"/></body></opml>"""
    with pytest.raises(OpmlError, match="entities"):
        parse_opml(bomb)


def test_external_entity_is_refused(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://x.org/f"/></body></opml>""".encode()
    with pytest.raises(OpmlError):
        parse_opml(xxe)
