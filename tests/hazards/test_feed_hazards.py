"""Feed-parsing hazards: hostile feed documents, checked as far as the store.

Each test is named after the hazard. Already tested elsewhere (not copied):
# billion laughs + XXE (general entity, RSS): tests/test_feeds.py::test_billion_laughs_and_external_entities_do_not_expand
# billion laughs / XXE in OPML: tests/test_opml.py::test_billion_laughs_is_refused, ::test_external_entity_is_refused
# a body that is a path string: tests/test_feeds.py::test_body_that_is_a_path_is_never_opened
# ESC/OSC/CSI in titles and summaries: tests/test_feeds.py::test_escape_sequences_and_controls_are_stripped,
#   tests/test_refresh.py::test_escapes_and_bad_links_never_reach_the_store
# javascript:/data:/file: entry links, vbscript/data in content: tests/test_feeds.py::test_unsafe_link_schemes_are_dropped
# unparseable / far-future (clamped) / 1900 dates: tests/test_feeds.py::test_unparseable_and_far_future_dates
# duplicate guids in one document: tests/test_feeds.py::test_duplicate_guids_in_one_document_keep_the_first
# guid switching http -> https: tests/test_feeds.py::test_guid_that_switches_http_to_https_is_the_same_article
# no guid / no link / no title: tests/test_feeds.py::test_missing_title_link_and_date_never_crash
# HTML title, double-escaped entities: tests/test_feeds.py::test_html_titles_and_double_escaped_entities_become_text
# 5,000-entry feed capped: tests/test_feeds.py::test_entries_are_capped_and_a_5000_entry_feed_parses
"""

from __future__ import annotations

import json
import time
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.config import Config, RefreshConfig
from reader.feeds import parse_feed
from reader.models import Article, View
from reader.opml import parse_opml
from reader.refresh import refresh
from reader.store import Store
from reader.tui.format import age
from tests.httpserver import Item, LocalServer, atom, rss

URL = "https://news.example/feed.xml"
CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=5.0, feed_deadline_seconds=20.0, max_bytes=2_000_000)
)
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


def stored(store: Store, feed_id: int) -> list[Article]:
    return store.headlines(View(kind="feed", feed_id=feed_id), limit=100_000)


async def refreshed(srv: LocalServer, store: Store, body: bytes, config: Config = CONFIG) -> int:
    srv.route("/f", body=body, headers={"Content-Type": "application/rss+xml"})
    feed, _ = store.add_feed(srv.url("/f"))
    (result,) = await refresh(store, config, force=True)
    assert result.status == "ok", result.error
    return feed.id


# --------------------------------------------------------------------------- XML entity attacks


def laughs(levels: int) -> tuple[str, str]:
    decls = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' if i else '<!ENTITY l0 "lol">'
        for i in range(levels)
    )
    return decls, f"&l{levels - 1};"


def test_billion_laughs_in_an_atom_feed_does_not_expand() -> None:
    decls, top = laughs(10)
    body = (
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE feed [{decls}]>'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t {top}</title><id>urn:f</id>'
        f'<entry><id>urn:e:1</id><title>a {top}</title><link href="https://e.example/a"/>'
        f'<content type="html">c {top}</content></entry></feed>'
    ).encode()
    tracemalloc.start()
    try:
        feed = parse_feed(body, URL)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    texts = [feed.title] + [f for e in feed.entries for f in (e.title, e.content_html)]
    assert all("lollol" not in t and len(t) < 1000 for t in texts)
    assert feed.entries and feed.entries[0].url == "https://e.example/a"
    assert peak < 50_000_000


def test_quadratic_blowup_entity_does_not_expand() -> None:
    # one harmless-looking 50 KB entity referenced 4,000 times would make 200 MB of text
    big = "A" * 50_000
    refs = "&a;" * 4000
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]><rss version="2.0"><channel>'
        f"<title>t</title><item><title>x {refs}</title><link>https://e.example/q</link>"
        f"<description>{refs}</description></item></channel></rss>"
    ).encode()
    feed = parse_feed(body, URL)
    for e in feed.entries:
        assert len(e.title) <= 1000 and len(e.content_html) < 1_000_000
        assert len(e.summary_text) < 10_000


@pytest.mark.parametrize("kind", ["system-doctype", "parameter-entity", "atom-general-entity"])
def test_external_entities_and_dtds_read_nothing_from_disk(tmp_path: Path, kind: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">')
    item = "<item><title>a &leak;</title><link>https://e.example/a</link></item>"
    if kind == "system-doctype":
        body = f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd.as_uri()}"><rss version="2.0">'
        body += f"<channel><title>t</title>{item}</channel></rss>"
    elif kind == "parameter-entity":
        body = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{dtd.as_uri()}"> %p;]>'
        body += f'<rss version="2.0"><channel><title>t</title>{item}</channel></rss>'
    else:
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE feed [<!ENTITY leak SYSTEM '
            f'"{secret.as_uri()}">]><feed xmlns="http://www.w3.org/2005/Atom"><title>t &leak;'
            "</title><id>urn:f</id><entry><id>urn:e:1</id><title>a &leak;</title>"
            '<link href="https://e.example/a"/><summary>s &leak;</summary></entry></feed>'
        )
    feed = parse_feed(body.encode(), URL)
    texts = [feed.title, feed.error or "", feed.warning or ""]
    texts += [f for e in feed.entries for f in (e.title, e.summary_text, e.content_html)]
    assert not any("TOPSECRET" in t for t in texts)


# --------------------------------------------------------------------------- only bytes we fetched


def test_feed_body_that_is_a_url_is_never_fetched(srv: LocalServer) -> None:
    srv.route("/secret", body=rss([Item(title="FETCHED BEHIND YOUR BACK")]))
    for body in (srv.url("/secret").encode(), b"  " + srv.url("/secret").encode() + b"\n"):
        feed = parse_feed(body, URL)
        assert feed.error and not feed.entries
    assert srv.hits("/secret") == 0


def test_feed_body_that_is_a_file_uri_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([Item(title="SECRET TITLE")]))
    feed = parse_feed(secret.as_uri().encode(), URL)
    assert feed.error and not feed.entries


# --------------------------------------------------------------------------- control characters


async def test_controls_in_author_feed_title_summary_and_link_never_reach_the_store(
    srv: LocalServer, store: Store
) -> None:
    evil = "\x1b]0;PWNED\x07\x1b[2J\x1bP1;2|x\x1b\\\x9b31m\x90q\x9c\x07\x08\x00\u202e"
    body = rss(
        [
            Item(
                title=f"T{evil}itle",
                link=f"https://e.example/a{evil}",
                guid="tag:e.example,2025:1",
                description=f"Sum{evil}mary",
                extra=f"<author>someone@e.example (Ann{evil} Author)</author>",
            )
        ],
        title=f"Feed{evil} title",
    )
    body = body.replace(b"\x1b", b"&#27;").replace(b"\x07", b"&#7;").replace(b"\x08", b"&#8;")
    body = body.replace(b"\x00", b"")  # NUL is not even representable in XML 1.0
    fid = await refreshed(srv, store, body)
    (article,) = stored(store, fid)
    feed = store.feed(fid)
    assert feed is not None
    fields = [article.title, article.author, article.url, article.summary_text, feed.title]
    for value in fields:
        assert not any(ch in value for ch in "\x1b\x07\x08\x9b\x90\x9c\u202e"), repr(value)
        assert "PWNED" not in value
    # feedparser maps a lone U+009B to cp1252 "›" (a printable character): harmless
    assert article.title.startswith("T") and article.title.endswith("itle")
    assert "Ann" in article.author and article.url.startswith("https://e.example/a")


def test_json_feed_with_escapes_and_unsafe_links_is_cleaned() -> None:
    evil = "\x1b]0;PWNED\x07\x9b2J\x00\u202e"
    doc = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"J{evil}",
            "home_page_url": "javascript:alert(0)",
            "items": [
                {
                    "id": "tag:j,1",
                    "url": " javascript:alert(1)",
                    "external_url": "file:///etc/passwd",
                    "title": f"T{evil}itle",
                    "summary": f"S{evil}ummary",
                    "content_html": f'<a href="vbscript:x">c</a>{evil}',
                    "authors": [{"name": f"A{evil}uthor"}],
                },
                {"id": "tag:j,2", "url": "-oProxyCommand=x", "content_text": f"plain{evil}"},
            ],
        }
    )
    feed = parse_feed(doc.encode(), URL)
    assert feed.error is None and len(feed.entries) == 2 and feed.site_url == ""
    first, second = feed.entries
    fields = [feed.title, first.title, first.author, first.summary_text, first.content_html]
    fields += [second.summary_text, second.content_html]
    for value in fields:
        assert not any(ch in value for ch in "\x1b\x07\x9b\x00\u202e"), repr(value)
        assert "PWNED" not in value
    assert first.title == "Title" and first.author == "Author"
    assert first.url == "" and not second.url.startswith("-")
    assert "vbscript" not in first.content_html


# --------------------------------------------------------------------------- link schemes


def test_unsafe_schemes_in_guid_as_link_enclosure_and_dash_links_are_dropped() -> None:
    items = [
        Item(link=None, extra='<guid isPermaLink="true">javascript:alert(1)</guid>'),
        Item(
            link=None,
            guid="tag:e.example,2025:enc",
            extra='<enclosure url="file:///etc/passwd" type="audio/mpeg" length="1"/>',
        ),
        Item(
            link=None,
            guid="tag:e.example,2025:enc2",
            extra='<enclosure url="javascript:alert(2)" type="audio/mpeg" length="1"/>',
        ),
        Item(link=" JaVaScRiPt:alert(3)", guid="tag:e.example,2025:case"),
        Item(link="java\tscript:alert(4)", guid="tag:e.example,2025:tab"),
        Item(link="vbscript:msgbox(5)", guid="tag:e.example,2025:vb"),
        Item(link="-oProxyCommand=touch /tmp/pwned", guid="tag:e.example,2025:dash"),
    ]
    feed = parse_feed(rss(items), "-x")  # a feed URL that is not http does not resolve links
    assert len(feed.entries) == len(items)
    for e in feed.entries:
        assert e.url == "" or e.url.startswith(("http://", "https://")), e.url
        assert not e.url.startswith("-")
        assert not any(s in e.url.lower() for s in BAD_SCHEMES)
    atom_feed = parse_feed(
        atom([Item(link=None, guid="urn:x:1")]).replace(
            b"<id>urn:x:1</id>",
            b'<id>urn:x:1</id><link rel="enclosure" href="data:text/html,&lt;b&gt;x"/>'
            b'<link rel="alternate" href="vbscript:x"/>',
        ),
        URL,
    )
    assert atom_feed.entries[0].url == ""


def test_obfuscated_unsafe_schemes_in_content_links_are_neutralised() -> None:
    content = (
        "<a href=javascript:alert(1)>unquoted</a>"
        '<a href=" javascript:alert(2)">leading space</a>'
        '<a href="java&#x09;script:alert(3)">tab entity</a>'
        '<a href="&#106;avascript:alert(4)">decimal entity</a>'
        '<a href="javascript&colon;alert(5)">named colon</a>'
        '<a href="JAVASCRIPT:alert(6)">upper</a>'
        '<iframe src="file:///etc/passwd"></iframe>'
        '<form action="vbscript:x"><button formaction="data:text/html,x">b</button></form>'
        '<svg><a xlink:href="javascript:alert(7)">svg</a></svg>'
    )
    feed = parse_feed(rss([Item(description=content, guid="tag:e,1")]), URL)
    html = feed.entries[0].content_html.lower()
    for needle in ("alert(", "file:///etc", "vbscript:", "data:text"):
        assert needle not in html, needle
    assert "unquoted" in html and "svg" in html  # the text itself stays


def test_opml_from_a_stranger_cannot_subscribe_to_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(rss([Item(title="SECRET")]))
    doc = (
        '<opml version="2.0"><body>'
        f'<outline text="local" xmlUrl="{secret.as_uri()}"/>'
        '<outline text="home" xmlUrl="file:///root/.ssh/id_rsa"/>'
        '<outline text="path" xmlUrl="/etc/passwd"/>'
        '<outline text="tilde" xmlUrl="~/.config/newsreader/config.toml"/>'
        '<outline text="ok" xmlUrl="https://good.example/feed"/>'
        "</body></opml>"
    )
    assert [f.url for f in parse_opml(doc.encode())] == ["https://good.example/feed"]


# --------------------------------------------------------------------------- dates


async def test_impossible_and_extreme_dates_are_stored_sanely(
    srv: LocalServer, store: Store
) -> None:
    dates = [
        "2025-02-30T10:00:00Z",  # no such day
        "2025-13-01T10:00:00Z",  # no such month
        "9999-12-31T23:59:59Z",  # far future: clamped to the fetch time
        "0001-01-01T00:00:00Z",  # far past
        "1969-12-31T23:59:59Z",  # before the epoch
        "-0044-03-15T12:00:00Z",  # BC
        "",  # missing
    ]
    items = [Item(title=f"d{i}", guid=f"urn:d:{i}", date=d or None) for i, d in enumerate(dates)]
    srv.route("/f", body=atom(items))
    feed, _ = store.add_feed(srv.url("/f"))
    before = time.time()
    (result,) = await refresh(store, CONFIG)
    assert result.status == "ok" and result.new == len(dates)
    now = datetime.now(UTC)
    for a in stored(store, feed.id):
        if a.published is not None:
            assert a.published.timestamp() <= time.time() + 1
            assert isinstance(age(a.published, now), str)  # the headline list can show it
    by_title = {a.title: a for a in stored(store, feed.id)}
    future = by_title["d2"].published
    assert future is not None and before - 1 <= future.timestamp() <= time.time() + 1


# --------------------------------------------------------------------------- identity


async def test_entries_without_guid_link_or_title_are_not_duplicated_on_refetch(
    srv: LocalServer, store: Store
) -> None:
    items = [
        Item(title="", link=None, date=None, description=f"anonymous text number {i}")
        for i in range(3)
    ]
    fid = await refreshed(srv, store, rss(items))
    assert len(stored(store, fid)) == 3
    (again,) = await refresh(store, CONFIG, force=True)
    assert again.new == 0 or again.status == "not-modified"
    srv.route("/f", body=rss(items) + b"\n")  # a different body hash forces a re-parse
    (third,) = await refresh(store, CONFIG, force=True)
    assert third.status == "ok" and third.new == 0
    assert len(stored(store, fid)) == 3


async def test_guid_switching_to_https_keeps_the_favourite(srv: LocalServer, store: Store) -> None:
    fid = await refreshed(
        srv, store, rss([Item(title="Story", guid=None, link="http://news.example/p/1")])
    )
    (article,) = stored(store, fid)
    store.set_favourite(article.id, True)
    srv.route("/f", body=rss([Item(title="Story", guid=None, link="https://news.example/p/1")]))
    await refresh(store, CONFIG, force=True)
    (after,) = stored(store, fid)
    assert after.id == article.id and after.is_favourite


def test_html_title_with_script_and_style_shows_only_text() -> None:
    body = atom([Item(title="x", guid="urn:t:1")]).replace(
        b"<title>x</title>",
        b'<title type="html">&lt;script&gt;alert("SCRIPT")&lt;/script&gt;'
        b"&lt;style&gt;b{STYLE}&lt;/style&gt;Real &amp;amp; &lt;b&gt;title&lt;/b&gt;</title>",
    )
    (e,) = parse_feed(body, URL).entries
    assert "SCRIPT" not in e.title and "STYLE" not in e.title and "<" not in e.title
    assert e.title.startswith("Real") and e.title.endswith("title")


# --------------------------------------------------------------------------- size


def big_feed(entries: int, description: str) -> bytes:
    return rss(
        [
            Item(title=f"n{i}", link=f"https://big.example/{i}", description=description)
            for i in range(entries)
        ]
    )


async def test_30mb_50000_entry_feed_is_refused_by_size_and_keeps_articles(
    srv: LocalServer, store: Store
) -> None:
    fid = await refreshed(srv, store, rss([Item(title="kept", link="https://e.example/k")]))
    huge = big_feed(50_000, "word " * 110)
    assert len(huge) > 30_000_000
    srv.route("/f", body=huge)
    config = Config(refresh=replace(CONFIG.refresh, max_bytes=10_000_000))  # the default cap
    (result,) = await refresh(store, config, force=True)
    assert result.status == "error" and result.error and "larger" in result.error
    assert [a.title for a in stored(store, fid)] == ["kept"]


async def test_50000_entry_feed_within_the_size_cap_stores_a_capped_number(
    srv: LocalServer, store: Store
) -> None:
    body = big_feed(50_000, "w")
    config = Config(
        refresh=replace(CONFIG.refresh, max_bytes=len(body) + 1, max_entries_per_feed=500)
    )
    fid = await refreshed(srv, store, body, config)
    assert len(stored(store, fid)) == 500
