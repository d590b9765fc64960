"""reader.feeds: feed documents -> ParsedFeed, including hostile and broken input."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from reader.feeds import discover_feeds, entry_identity, parse_feed
from reader.textutil import normalise_url
from tests.httpserver import Item, atom, rss

URL = "https://news.example/feed.xml"


def test_rss_basics_dates_in_utc() -> None:
    body = rss(
        [Item(title="First", link="https://news.example/1", date="Tue, 10 Jun 2025 06:00:00 +0200")]
    )
    feed = parse_feed(body, URL, "application/rss+xml")
    assert feed.error is None and feed.title == "Test feed"
    assert feed.site_url == "https://example.com/"
    (e,) = feed.entries
    assert e.title == "First" and e.url == "https://news.example/1"
    assert e.published == datetime(2025, 6, 10, 4, 0, tzinfo=UTC)
    assert e.summary_text == "Some text."


def test_relative_links_resolved_against_feed_and_xml_base() -> None:
    feed = parse_feed(rss([Item(link="/story/7")]), URL)
    assert feed.entries[0].url == "https://news.example/story/7"
    based = parse_feed(atom([Item(link="rel/1", guid="urn:x:1")], base="https://b.example/d/"), URL)
    assert based.entries[0].url == "https://b.example/d/rel/1"
    content = rss([Item(description='<a href="/x">x</a> <img src="pic.png">')])
    html = parse_feed(content, URL).entries[0].content_html
    assert 'href="https://news.example/x"' in html and 'src="https://news.example/pic.png"' in html


def test_missing_title_link_and_date_never_crash() -> None:
    body = rss(
        [
            Item(title="", link=None, date=None, description="only text"),
            Item(title="no link", link=None, date=None, description="other"),
            Item(title="no date", link="https://news.example/n", date=None),
        ]
    )
    feed = parse_feed(body, URL)
    assert len(feed.entries) == 3
    assert all(e.published is None for e in feed.entries)
    assert len({e.guid for e in feed.entries}) == 3
    assert feed.entries[2].guid == "https://news.example/n"


def test_unparseable_and_far_future_dates() -> None:
    future = format_datetime(datetime.now(UTC) + timedelta(days=3650), usegmt=True)
    body = rss(
        [
            Item(link="https://e.example/a", date="32 Foo 20x5 99:99"),
            Item(link="https://e.example/b", date=future),
            Item(link="https://e.example/c", date="Mon, 01 Jan 1900 00:00:00 GMT"),
        ]
    )
    now = time.time()
    feed = parse_feed(body, URL, now=now)
    bad, fut, old = feed.entries
    assert bad.published is None
    assert fut.published == datetime.fromtimestamp(now, UTC)
    assert old.published is not None and old.published.year == 1900


LOCAL_DATES = {  # as feeds in other languages write them -> the instant meant, in UTC
    "Seg, 24 Set 2018 10:00:00 -0300": datetime(2018, 9, 24, 13, 0, tzinfo=UTC),  # Portuguese
    "Sáb, 13 Abr 2024 12:00:00 GMT": datetime(2024, 4, 13, 12, 0, tzinfo=UTC),
    "mié, 03 dic 2025 09:15:00 +0100": datetime(2025, 12, 3, 8, 15, tzinfo=UTC),  # Spanish
    "lun. 24 sept. 2018 10:00:00 +0200": datetime(2018, 9, 24, 8, 0, tzinfo=UTC),  # French
    "Fri, 13 Juin 2014 07:30:00 +0000": datetime(2014, 6, 13, 7, 30, tzinfo=UTC),
    "Mo, 24. März 2025 10:00:00 +0100": datetime(2025, 3, 24, 9, 0, tzinfo=UTC),  # German
    "gio, 10 lug 2025 18:00:00 +0200": datetime(2025, 7, 10, 16, 0, tzinfo=UTC),  # Italian
    "di, 01 okt 2024 00:00:00 +0200": datetime(2024, 9, 30, 22, 0, tzinfo=UTC),  # Dutch
}


def test_dates_with_weekdays_and_months_in_other_languages() -> None:
    body = rss(
        [Item(link=f"https://e.example/{n}", date=d) for n, d in enumerate(LOCAL_DATES)]
        + [Item(link="https://e.example/en", date="Tue, 10 Jun 2025 06:00:00 +0200")]
        + [Item(link="https://e.example/bad", date="Seg, 24 Foo 2018 10:00:00 -0300")]
    )
    for fast in (True, False):  # the fast path reads them as feedparser does
        feed = parse_feed(body, URL, "application/rss+xml", now=2e9, fast_path=fast)
        *local, english, bad = feed.entries
        assert [e.published for e in local] == list(LOCAL_DATES.values())
        assert english.published == datetime(2025, 6, 10, 4, 0, tzinfo=UTC)
        assert bad.published is None  # not a month in any language: the first-seen time


def test_duplicate_guids_in_one_document_keep_the_first() -> None:
    body = rss([Item(title="one", guid="tag:x,2025:1"), Item(title="two", guid="tag:x,2025:1")])
    feed = parse_feed(body, URL)
    assert [e.title for e in feed.entries] == ["one"]


def test_guid_that_switches_http_to_https_is_the_same_article() -> None:
    a = parse_feed(rss([Item(guid="http://News.Example:80/p?id=1")]), URL).entries[0]
    b = parse_feed(rss([Item(guid="https://news.example/p?id=1")]), URL).entries[0]
    assert a.guid == b.guid
    assert normalise_url("http://x.example") == "https://x.example/"


def test_short_guids_are_namespaced_per_feed() -> None:
    body = rss([Item(guid="42", link="https://shared.example/p")])
    one = parse_feed(body, "https://one.example/feed").entries[0]
    two = parse_feed(body, "https://two.example/feed").entries[0]
    assert one.guid != two.guid
    keyed = parse_feed(body, URL, namespace="feed:9").entries[0]
    assert keyed.guid == "feed:9#42"
    uuid = "550e8400-e29b-41d4-a716-446655440000"
    assert entry_identity(uuid, "", "", None, "", "ns") == uuid


def test_escape_sequences_and_controls_are_stripped() -> None:
    evil = "Hi\x1b]0;PWNED\x07 there\x1b[2J\x9b2J\x07\u202e"
    body = rss([Item(title=evil, description=f"body {evil}", link="https://e.example/x")])
    feed = parse_feed(body.replace(b"&", b"&amp;"), URL)
    e = feed.entries[0]
    for field in (e.title, e.summary_text, e.content_html):
        assert "\x1b" not in field and "\x07" not in field and "\x9b" not in field
        assert "\u202e" not in field and "PWNED" not in field
    assert e.title.startswith("Hi there")  # feedparser maps a lone 0x9b to cp1252 '›': harmless


def test_unsafe_link_schemes_are_dropped() -> None:
    items = [
        Item(link="javascript:alert(1)", guid="g-javascript-1-xxxxxxxxxx"),
        Item(link="data:text/html,hi", guid="g-data-2-xxxxxxxxxxxxxxx"),
        Item(link="file:///etc/passwd", guid="g-file-3-xxxxxxxxxxxxxxx"),
        Item(
            link="https://ok.example/",
            description='<a href="javascript:evil()">x</a><a href="vbscript:x">y</a>'
            '<img src="data:image/png;base64,AAAA"><a href="jav&#x61;script:z">z</a>',
        ),
    ]
    feed = parse_feed(rss(items), URL)
    assert [e.url for e in feed.entries] == ["", "", "", "https://ok.example/"]
    html = feed.entries[3].content_html.lower()
    for scheme in ("javascript:", "vbscript:", "data:", "jav&#x61;script"):
        assert scheme not in html


def test_html_titles_and_double_escaped_entities_become_text() -> None:
    body = atom([Item(title="<b>Bold</b> &amp; co", guid="urn:t:1")])
    body = body.replace(b"<title>&lt;b&gt;", b'<title type="html">&lt;b&gt;')
    assert parse_feed(body, URL).entries[0].title == "Bold & co"
    double = rss([Item(title="Tom &amp; Jerry", guid="urn:t:2")])
    assert parse_feed(double, URL).entries[0].title == "Tom & Jerry"


def test_wrong_declared_charset_is_decoded() -> None:
    latin = rss([Item(title="Café crème")], encoding="iso-8859-1")
    lying = latin.replace(b'encoding="iso-8859-1"', b'encoding="utf-8"')
    feed = parse_feed(lying, URL, "application/rss+xml; charset=utf-8")
    assert feed.entries[0].title == "Café crème"
    assert feed.warning and "character set" in feed.warning
    utf8 = rss([Item(title="Grüße ✓")])
    header_lies = parse_feed(utf8, URL, "text/xml; charset=iso-8859-1")
    assert header_lies.entries[0].title == "Grüße ✓"


def test_html_page_is_not_a_feed_and_autodiscovery() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Site</title>"
        b'<link rel="alternate" type="application/atom+xml" href="/atom.xml">'
        b'<link rel="alternate" type="application/rss+xml" href="https://site.example/rss">'
        b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        b'<link rel="stylesheet" type="text/css" href="/s.css">'
        b"</head><body><p>hello</p></body></html>"
    )
    feed = parse_feed(page, "https://site.example/blog/", "text/html")
    assert feed.error and "web page" in feed.error and feed.entries == ()
    assert discover_feeds(page, "https://site.example/blog/") == [
        "https://site.example/rss",
        "https://site.example/atom.xml",
    ]
    bare = b"<html><body><h1>Just a page</h1></body></html>"
    assert parse_feed(bare, URL, "text/html").error
    assert discover_feeds(bare, URL) == []


def test_challenge_page_with_200_is_an_error() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
        b"<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
    )
    feed = parse_feed(page, URL, "application/rss+xml")  # servers lie about the type too
    assert feed.error and feed.entries == ()


def test_empty_and_garbage_bodies() -> None:
    for body in (b"", b"   \n", b"\x00\x01\x02garbage\xff", b"{not json", b"/etc/passwd"):
        feed = parse_feed(body, URL)
        assert feed.error and feed.entries == (), body


def test_body_that_is_a_path_is_never_opened(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([Item(title="SECRET TITLE")]))
    feed = parse_feed(str(secret).encode(), URL)
    assert feed.error and not feed.entries


def test_malformed_xml_keeps_recovered_entries() -> None:
    body = rss([Item(title="good one", link="https://e.example/1")]).replace(
        b"</channel></rss>", b"<item><title>broken & bad</title><link>https://e.example/2</link>"
    )
    feed = parse_feed(body, URL)
    assert feed.error is None and feed.warning and "not well-formed" in feed.warning
    assert "good one" in [e.title for e in feed.entries]


def test_entries_with_no_title_link_or_text_are_not_kept() -> None:
    nothing = Item(title=" ", link=None, description="<p> </p>")
    for fast in (True, False):  # the lxml fast path and feedparser agree
        for body in (
            rss([Item(title="kept", link="https://e.example/1"), nothing]),
            atom([Item(title="kept", link="https://e.example/1", guid="urn:x:1"), nothing]),
        ):
            feed = parse_feed(body, URL, fast_path=fast)
            assert [e.title for e in feed.entries] == ["kept"], (fast, body)
        only_text = parse_feed(rss([Item(title="", link=None)]), URL, fast_path=fast)
        assert [e.summary_text for e in only_text.entries] == ["Some text."]
    # the scrap a broken feed leaves: a recovered item with nothing in it
    broken = rss([Item(title="good one", link="https://e.example/1")]).replace(
        b"</channel></rss>", b"<item><titl>cut</title></item></channel></rss>"
    )
    feed = parse_feed(broken, URL)
    assert feed.warning and [e.title for e in feed.entries] == ["good one"]
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1"}, {"title": "T"}]}
    assert [e.title for e in parse_feed(json.dumps(doc).encode(), URL).entries] == ["T"]


def test_billion_laughs_and_external_entities_do_not_expand(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    # declarations packed on one line slip past feedparser's own (line-based) entity filter
    for levels in (5, 10):
        top = f"&l{levels - 1};"
        laughs = "".join(
            f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' if i else '<!ENTITY l0 "lol">'
            for i in range(levels)
        )
        body = (
            f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}<!ENTITY ok "fine">'
            f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            f'<rss version="2.0"><channel><title>t {top}</title><item><title>a {top} &xxe; &ok;'
            f"</title><link>https://e.example/a</link><description>d &xxe; {top}</description>"
            "</item></channel></rss>"
        ).encode()
        feed = parse_feed(body, URL)
        texts = [feed.title] + [f for e in feed.entries for f in (e.title, e.content_html)]
        assert all("TOPSECRET" not in t and "lollol" not in t for t in texts)
        assert all(len(t) < 1000 for t in texts)
        assert feed.entries and feed.entries[0].url == "https://e.example/a"


def test_entries_are_capped_and_a_5000_entry_feed_parses() -> None:
    items = [Item(title=f"n{i}", link=f"https://e.example/{i}") for i in range(5000)]
    body = rss(items)
    full = parse_feed(body, URL, max_entries=5000)
    assert len(full.entries) == 5000 and len({e.guid for e in full.entries}) == 5000
    capped = parse_feed(rss(items[:300]), URL, max_entries=100)
    assert len(capped.entries) == 100 and capped.entries[0].title == "n0"
    assert capped.warning and "100" in capped.warning


def test_ttl_language_and_atom() -> None:
    body = rss([Item()], channel_extra="<ttl>90</ttl><language>en-GB</language>")
    feed = parse_feed(body, URL)
    assert feed.ttl_minutes == 90 and feed.language == "en-gb"
    a = parse_feed(atom([Item(guid="urn:uuid:1", date="2025-06-10T04:00:00+02:00")]), URL)
    assert a.title == "Test atom" and a.entries[0].published == datetime(2025, 6, 10, 2, tzinfo=UTC)


def test_json_feed() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J &amp; co",
        "home_page_url": "https://j.example/",
        "items": [
            {
                "id": "1",
                "url": "/p/1",
                "title": "One",
                "content_html": "<p>Hi</p>",
                "date_published": "2025-06-10T04:00:00Z",
                "authors": [{"name": "Ann"}],
            },
            {"id": "1", "title": "dup"},
            {"url": "javascript:alert(1)", "content_text": "plain\x1b[2J text"},
            "not an item",
        ],
    }
    feed = parse_feed(json.dumps(doc).encode(), "https://j.example/feed.json")
    assert feed.error is None and feed.title == "J & co" and feed.site_url == "https://j.example/"
    one, plain = feed.entries
    assert one.url == "https://j.example/p/1" and one.author == "Ann" and one.guid.endswith("#1")
    assert one.published == datetime(2025, 6, 10, 4, tzinfo=UTC) and one.summary_text == "Hi"
    assert plain.url == "" and plain.summary_text == "plain text"
    assert parse_feed(b'{"items": []}', URL).error
    assert parse_feed(b"{" * 100_000, URL).error


def test_the_sites_name_a_feed_appends_to_every_headline_goes() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>The Hollywood Reporter</title>
<item><title>Box office: Godzilla stomps the competition | Hollywood Reporter</title>
<link>https://thr.example/1</link></item>
<item><title>Nadal keeps Spain alive in Davis Cup - Sportsnet.ca</title>
<link>https://thr.example/2</link></item>
<item><title>Fed holds rates as inflation cools - Reuters</title>
<link>https://news.example/3</link><source url="https://reuters.example">Reuters</source></item>
<item><title>Spain beat Russia in the final - Nadal leads</title>
<link>https://thr.example/4</link></item>
<item><title>Studio deal expected within a month - Hollywood</title>
<link>https://thr.example/5</link></item>
</channel></rss>"""
    titles = [e.title for e in parse_feed(body, URL, "application/rss+xml").entries]
    assert titles == [
        "Box office: Godzilla stomps the competition",  # the feed's own name
        "Nadal keeps Spain alive in Davis Cup",  # a domain
        "Fed holds rates as inflation cools",  # the entry's source (an aggregator's feed)
        "Spain beat Russia in the final - Nadal leads",  # part of the headline
        "Studio deal expected within a month - Hollywood",  # one word of the name is not it
    ]


def test_a_headline_without_the_sites_name_keeps_its_identity() -> None:
    raw = "Box office: Godzilla stomps the competition | Hollywood Reporter"
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Hollywood Reporter</title>'
        f"<item><title>{raw}</title><description>Text.</description></item></channel></rss>"
    ).encode()
    (entry,) = parse_feed(body, URL, "application/rss+xml").entries
    assert entry.title == "Box office: Godzilla stomps the competition"
    # an entry without guid or link is known by its title: what earlier versions stored
    assert entry.guid == entry_identity("", "", raw, None, "Text.", URL)


def test_characters_no_utf8_or_xml_can_hold_are_dropped() -> None:
    from reader.opml import OpmlFeed, build_opml, parse_opml

    body = json.dumps(  # escapes as a JSON Feed may carry them: a lone surrogate, noncharacters
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Evil \ufffe feed \uffff",
            "items": [{"id": "1", "url": "https://e.example/1", "title": "Lone \ud800 half"}],
        }
    ).encode()
    feed = parse_feed(body, URL, "application/feed+json")
    assert feed.error is None and feed.title == "Evil feed"
    (entry,) = feed.entries
    assert entry.title == "Lone half"
    entry.title.encode("utf-8")  # storable and printable
    xml = build_opml([OpmlFeed("https://e.example/feed.json", feed.title, "")])
    assert [f.title for f in parse_opml(xml, [])] == ["Evil feed"]  # the export reads back


def test_a_feed_over_the_entry_limit_says_which_setting_raises_it() -> None:
    items = "".join(
        f"<item><title>Story {n}</title><link>https://x.example/{n}</link></item>" for n in range(5)
    )
    body = f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()
    parsed = parse_feed(body, "https://x.example/feed", "application/rss+xml", max_entries=3)
    assert [e.title for e in parsed.entries] == ["Story 0", "Story 1", "Story 2"]
    assert parsed.warning is not None
    assert "first 3 of 5 entries" in parsed.warning and "max_entries_per_feed" in parsed.warning
