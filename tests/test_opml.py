from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from reader.opml import OpmlError, OpmlFeed, build_opml, parse_opml, parse_urls

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


def test_outlines_that_cannot_be_subscribed_are_left_out_and_said() -> None:
    doc = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline type="rss" text="Good" xmlUrl="https://good.example/feed"/>'
        b'<outline type="rss" text="Same, shouted" xmlUrl="HTTPS://GOOD.example/feed"/>'
        b'<outline type="rss" text="Script" xmlUrl="javascript:alert(1)"/>'
        b'<outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>'
        b'<outline type="rss" text="Relative" xmlUrl="/feed.xml"/>'
        b'<outline type="rss" text="No address"/>'
        b'<outline type="rss" text="Broken" xmlUrl="http://[::1"/>'
        b"</body></opml>"
    )
    skipped: list[tuple[str, str]] = []
    feeds = parse_opml(doc, skipped)
    assert [f.url for f in feeds] == ["https://good.example/feed"]  # one subscription
    given = [g for g, _ in skipped]
    assert given == [
        "HTTPS://GOOD.example/feed", "javascript:alert(1)", "file:///etc/passwd", "/feed.xml",
        "No address", "http://[::1",
    ]  # fmt: skip
    assert all(why for _, why in skipped)
    assert "more than once" in skipped[0][1]


def test_deeply_nested_outlines_name_a_category_by_their_last_three_labels() -> None:
    inner = '<outline type="rss" text="Deep" xmlUrl="https://deep.example/feed"/>'
    for n in range(5000):  # (a walk by recursion stopped at about 1,000)
        inner = f'<outline text="level {n}">{inner}</outline>'
    doc = f'<?xml version="1.0"?><opml version="2.0"><body>{inner}</body></opml>'.encode()
    (feed,) = parse_opml(doc)
    assert feed.category == "level 2 / level 1 / level 0"
    folders = "".join(f'<outline text="f{n}">' for n in range(5000)) + "</outline>" * 5000
    first = '<outline type="rss" text="First" xmlUrl="https://a.example/feed"/>'
    last = '<outline type="rss" text="Last" xmlUrl="https://b.example/feed"/>'
    doc = f"<opml><body>{first}{folders}{last}</body></opml>".encode()
    assert [f.title for f in parse_opml(doc)] == ["First", "Last"]  # document order


def test_feed_addresses_and_labels_are_read_however_their_attributes_are_spelt() -> None:
    # Readers export xmlUrl as xmlURL or XMLURL, and Title with a capital; all are subscriptions
    data = b"""<?xml version="1.0"?>
<opml version="1.0"><body>
  <outline text="News">
    <outline type="rss" text="BBC" xmlURL="https://bbc.example/rss.xml"/>
    <outline TYPE="RSS" TEXT="Spiegel" XMLURL="https://spiegel.example/index.rss"/>
    <outline type="rss" Title="Ars" xmlurl="https://ars.example/feed"/>
  </outline>
</body></opml>"""
    skipped: list[tuple[str, str]] = []
    assert parse_opml(data, skipped) == [
        OpmlFeed("https://bbc.example/rss.xml", "BBC", "News"),
        OpmlFeed("https://spiegel.example/index.rss", "Spiegel", "News"),
        OpmlFeed("https://ars.example/feed", "Ars", "News"),
    ]
    assert skipped == []


# A newsboat urls file as people keep them: comments, quoted and bare tags, "~" renames, "!"
# hidden tags, query/exec/filter lines, a duplicate, an address with a # and a quote in it
NEWSBOAT_URLS = r"""# news
https://bbc.example/news/rss.xml "World" "~BBC World" tech
https://lwn.example/headlines/rss Linux  # bare tag, then a comment
https://shop.example/feed?a=1&b='2'#top
"https://quoted.example/atom"  "!hidden"   "Long tag name"

"query:Unread Articles:unread = \"yes\""
"exec:~/bin/mkfeed.sh" scripts
"filter:~/bin/clean.sh:https://filtered.example/rss"
file:///etc/passwd
https://bbc.example/news/rss.xml "Again"
https://open.example/rss "~Unclosed
"""


def test_a_newsboat_urls_file_gives_its_feeds_with_their_first_tag_and_title() -> None:
    skipped: list[tuple[str, str]] = []
    feeds = parse_urls(NEWSBOAT_URLS.encode(), skipped)
    assert feeds == [
        OpmlFeed("https://bbc.example/news/rss.xml", "BBC World", "World"),
        OpmlFeed("https://lwn.example/headlines/rss", "", "Linux"),
        OpmlFeed("https://shop.example/feed?a=1&b='2'#top", "", ""),
        OpmlFeed("https://quoted.example/atom", "", "Long tag name"),
    ]
    why = dict(skipped)
    assert "query feed" in why['query:Unread Articles:unread = "yes"']
    assert "command" in why["exec:~/bin/mkfeed.sh"]
    assert "command" in why["filter:~/bin/clean.sh:https://filtered.example/rss"]
    assert "http and https" in why["file:///etc/passwd"]
    assert any("https://open.example/rss" in given and "quote" in w for given, w in skipped)
    assert "more than once" in why["https://bbc.example/news/rss.xml"]  # the second listing
    assert len(skipped) == 6


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b" \n\t\n", "empty"), (SAMPLE, "import-opml")],
)
def test_what_cannot_be_a_urls_file_says_why(data: bytes, reason: str) -> None:
    with pytest.raises(OpmlError, match=reason):
        parse_urls(data)


def test_folders_round_trip_as_nested_outlines_with_the_sites_address() -> None:
    feeds = [
        OpmlFeed("https://lwn.example/rss", "LWN", "Tech / Linux", "https://lwn.example/"),
        OpmlFeed("https://deep.example/rss", "Deep", "Tech / Linux / Kernel"),
        OpmlFeed("https://news.example/rss", "News", ""),
    ]
    doc = build_opml(feeds)
    body = ET.fromstring(doc).find("body")
    assert body is not None
    (tech,) = [o for o in body if o.get("text") == "Tech"]  # a folder in a folder
    (linux,) = list(tech)
    assert linux.get("text") == "Linux" and linux[0].get("htmlUrl") == "https://lwn.example/"
    back = parse_opml(doc)
    assert [(f.url, f.title, f.category) for f in back] == [
        (f.url, f.title, f.category) for f in feeds
    ]


def test_an_outlines_category_attribute_and_links_that_are_no_feeds() -> None:
    doc = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline type="rss" text="Kernel" xmlUrl="https://k.example/rss" category="/Tech/Linux,/x"/>'
        b'<outline type="link" text="A page" url="https://page.example/"/>'
        b"</body></opml>"
    )
    skipped: list[tuple[str, str]] = []
    (feed,) = parse_opml(doc, skipped)
    assert feed.category == "Tech / Linux"
    assert skipped == [("A page", "a web link, not a feed")]


def test_a_urls_file_says_which_tags_and_hidden_marks_it_could_not_keep() -> None:
    notes: list[str] = []
    feeds = parse_urls(
        b'https://a.example/feed "Tech" "News"\n'
        b'https://b.example/feed "!" "Tech"\n'
        b'https://c.example/feed "~My title" Tech\n'
        b'https://a.example/feed "Other" "More"\n',  # listed again: skipped, not counted
        [],
        notes,
    )
    assert [(f.category, f.title) for f in feeds] == [
        ("Tech", ""),
        ("Tech", ""),
        ("Tech", "My title"),
    ]
    tags, hidden = notes  # one note each, counting the feeds imported (not the repeat)
    assert tags.startswith("1 feed had more than one tag") and "category" in tags
    assert hidden.startswith("1 feed marked hidden") and "nothing is hidden here" in hidden
    plain: list[str] = []
    parse_urls(b"https://a.example/feed Tech\n", [], plain)
    assert plain == []
