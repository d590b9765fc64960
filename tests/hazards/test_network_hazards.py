"""Network hazards: hostile or broken servers, seen through the whole refresh / story-opening path.

Each test is named after the hazard. Hazards already tested at the fetch layer are pointed to, not
copied:
# slow-loris body: tests/test_fetch.py::test_slow_loris_stopped_by_overall_deadline
#   (and through refresh: tests/test_refresh.py::test_slow_server_and_slow_loris_fail_without_hanging)
# gzip bomb, bounded memory: tests/test_fetch.py::test_gzip_bomb_is_stopped_with_bounded_memory
# brotli bomb: tests/test_fetch.py::test_brotli_bomb_is_capped
# endless body without Content-Length: tests/test_fetch.py::test_endless_body_is_cut_at_the_cap
# redirect loop / too many redirects: tests/test_fetch.py::test_redirect_loop, ::test_too_many_redirects
# redirect to file:// / ftp / javascript / data: tests/test_fetch.py::test_redirect_to_other_scheme_refused
# Retry-After seconds / HTTP date / clamped: tests/test_fetch.py::test_429_retry_after_seconds,
#   ::test_503_retry_after_http_date, ::test_retry_after_is_clamped_and_tolerant,
#   tests/test_refresh.py::test_retry_after_is_honoured
# corrupt gzip: tests/test_fetch.py::test_corrupt_gzip
# compressed body cut short: tests/test_fetch.py::test_compressed_body_cut_short
# 200 HTML challenge page and empty 200 keep the stored articles:
#   tests/test_refresh.py::test_html_challenge_page_is_an_error_and_keeps_articles
# invalid URL in config / OPML: tests/hazards/test_config_cli_hazards.py::test_feed_url_with_bad_scheme,
#   ::test_opml_with_invalid_feed_urls_skips_them
"""

from __future__ import annotations

import contextlib
import gzip
import os
import threading
import time
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from reader.config import Config, ConfigError, RefreshConfig, parse_config
from reader.fetch import RETRY_AFTER_MAX, fetch
from reader.models import View
from reader.reading import load_page
from reader.refresh import add_subscription, refresh
from reader.store import Store
from tests.httpserver import Item, LocalServer, gzip_bomb, rss

RC = RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=1_000_000)
CONFIG = Config(refresh=RC)
ITEMS = [Item(title=f"Kept story {i}", link=f"https://news.example/{i}") for i in range(3)]


def titles(store: Store, feed_id: int) -> list[str]:
    return sorted(a.title for a in store.headlines(View(kind="feed", feed_id=feed_id), limit=100))


async def subscribed_with_stories(srv: LocalServer, store: Store, path: str = "/f") -> int:
    srv.route(path, body=rss(ITEMS), headers={"Content-Type": "application/rss+xml"})
    feed, _ = store.add_feed(srv.url(path))
    (first,) = await refresh(store, CONFIG)
    assert first.status == "ok" and first.new == 3
    return feed.id


async def then_serve(srv: LocalServer, store: Store, fid: int, **route: Any) -> Any:
    """Replace the feed's response with a hostile one and refresh: the error, never an exception."""
    srv.route("/f", **route)
    (result,) = await refresh(store, CONFIG, force=True)
    assert result.status == "error" and result.error
    assert titles(store, fid) == [f"Kept story {i}" for i in range(3)]  # nothing lost
    feed = store.feed(fid)
    assert feed is not None and feed.last_error == result.error and feed.failures == 1
    return result


# --------------------------------------------------------------------------- the refresh path


async def test_gzip_bomb_in_a_subscribed_feed_is_an_error_and_keeps_articles(
    srv: LocalServer, store: Store
) -> None:
    fid = await subscribed_with_stories(srv, store)
    tracemalloc.start()
    try:
        result = await then_serve(
            srv, store, fid, body=gzip_bomb(50_000_000), headers={"Content-Encoding": "gzip"}
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "larger" in result.error
    assert peak < 25_000_000  # the 50 MB never exist in memory


async def test_nested_gzip_bomb_is_capped(srv: LocalServer) -> None:
    # gzip inside gzip: the outer layer inflates to a few hundred KB, the inner one to 200 MB
    twice = gzip.compress(gzip_bomb(200_000_000))
    assert len(twice) < 100_000
    srv.route("/f", body=twice, headers={"Content-Encoding": "gzip, gzip"})
    res = await fetch(srv.url("/f"), RC)
    assert res.error and "larger" in res.error and res.body == b""


async def test_endless_body_in_a_subscribed_feed_is_an_error_and_keeps_articles(
    srv: LocalServer, store: Store
) -> None:
    fid = await subscribed_with_stories(srv, store)
    result = await then_serve(srv, store, fid, endless=True, body=b"<item>" * 10_000)
    assert "larger" in result.error


async def test_corrupt_gzip_in_a_subscribed_feed_keeps_articles(
    srv: LocalServer, store: Store
) -> None:
    fid = await subscribed_with_stories(srv, store)
    good = gzip.compress(rss(ITEMS) * 20)
    broken = good[:30] + bytes(b ^ 0x5A for b in good[30:200]) + good[200:]
    result = await then_serve(srv, store, fid, body=broken, headers={"Content-Encoding": "gzip"})
    assert "corrupt" in result.error


async def test_body_shorter_than_its_content_length_is_an_error(srv: LocalServer) -> None:
    body = rss(ITEMS)
    srv.route("/f", body=body, headers={"Content-Length": str(len(body) + 5000)})
    res = await fetch(srv.url("/f"), replace(RC, timeout_seconds=0.5))
    assert res.error and res.body == b""


async def test_challenge_page_served_as_rss_keeps_articles(srv: LocalServer, store: Store) -> None:
    fid = await subscribed_with_stories(srv, store)
    challenge = (
        b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
        b"<noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
    )
    # the server lies about the type: the body decides
    result = await then_serve(
        srv, store, fid, body=challenge, headers={"Content-Type": "application/rss+xml"}
    )
    assert "not a feed" in result.error


async def test_empty_gzip_200_keeps_articles(srv: LocalServer, store: Store) -> None:
    fid = await subscribed_with_stories(srv, store)
    result = await then_serve(
        srv, store, fid, body=gzip.compress(b""), headers={"Content-Encoding": "gzip"}
    )
    assert "empty" in result.error


async def test_retry_after_far_future_date_is_clamped_in_the_schedule(
    srv: LocalServer, store: Store
) -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(days=3650), usegmt=True)
    srv.route("/f", status=503, headers={"Retry-After": when})
    feed, _ = store.add_feed(srv.url("/f"))
    (result,) = await refresh(store, CONFIG)
    assert result.status == "error"
    stored = store.feed(feed.id)
    assert stored is not None and stored.next_fetch is not None
    assert stored.next_fetch.timestamp() <= time.time() + RETRY_AFTER_MAX + 60


async def test_oversized_response_headers_are_an_error(srv: LocalServer) -> None:
    srv.route("/f", body=rss(ITEMS), headers={"X-Junk": "j" * 200_000})
    res = await fetch(srv.url("/f"), RC)
    assert res.error is not None and res.body == b""


async def test_non_ascii_etag_does_not_break_later_refreshes(
    srv: LocalServer, store: Store
) -> None:
    # latin-1 bytes in validators: httpx cannot send them back, which failed every later refresh
    headers = {"ETag": '"caf\xe9"', "Last-Modified": "Tue, 10 Jun 2025 04:00:00 GMT\xe9"}
    srv.route("/f", body=rss(ITEMS), headers=headers)
    feed, _ = store.add_feed(srv.url("/f"))
    for _ in range(3):
        (result,) = await refresh(store, CONFIG, force=True)
        assert result.status in ("ok", "not-modified"), result.error
    assert srv.hits("/f") == 3
    assert len(titles(store, feed.id)) == 3


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/feed", "http://example.com:-1/feed"])
async def test_feed_url_with_an_impossible_port_is_an_error_value(url: str) -> None:
    res = await fetch(url, RC)
    assert res.error and "not a valid URL" in res.error


async def test_redirect_to_an_impossible_port_is_refused(srv: LocalServer) -> None:
    srv.route("/a", status=302, headers={"Location": "http://127.0.0.1:70000/feed"})
    res = await fetch(srv.url("/a"), RC)
    assert res.error and "redirect" in res.error.lower()


async def test_redirect_location_with_control_characters_is_refused(srv: LocalServer) -> None:
    srv.route("/a", status=302, headers={"Location": "/b\x1b]0;PWNED\x07"})
    srv.route("/b\x1b]0;PWNED\x07", body=rss(ITEMS))
    res = await fetch(srv.url("/a"), RC)
    assert res.error and "PWNED" not in res.error and "\x1b" not in res.error


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/feed",
        "http://127.0.0.1:99999/feed",
        "http://example.com:port/feed",
        "http://exa mple.com/feed",
        "http://example.com\x00.evil/feed",
        "https://\u202eexample.com/feed",
        "-oProxyCommand=touch /tmp/pwned",
        "javascript:alert(1)",
        "",
    ],
)
async def test_invalid_url_given_to_add_is_a_message_not_a_crash(store: Store, url: str) -> None:
    feed, message = await add_subscription(store, CONFIG, url)
    assert feed is None and message
    assert "\x00" not in message and "\u202e" not in message
    assert store.feeds() == []


def test_invalid_ipv6_url_in_the_config_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"feeds\[1\]\.url"):
        parse_config('[[feeds]]\nurl = "http://[::1/feed"\n')
    with pytest.raises(ConfigError, match=r"feeds\[1\]\.url"):
        parse_config('[[feeds]]\nurl = "https://example.com:99999/feed"\n')


async def test_local_feed_that_is_a_fifo_or_a_device_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.fifo"
    os.mkfifo(fifo)

    def late_writer() -> None:  # without the defence the read blocks until this writer comes
        time.sleep(3)
        with contextlib.suppress(OSError):  # ENXIO: nobody is reading, as it should be
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            os.write(fd, b"x")
            os.close(fd)

    writer = threading.Thread(target=late_writer, daemon=True)
    writer.start()
    res = await fetch(str(fifo), RC)
    assert res.error and "regular file" in res.error
    zero = await fetch("/dev/zero", RC)
    assert zero.error and zero.body == b""


# --------------------------------------------------------------------------- opening a story


def article_with_link(store: Store, url: str) -> int:
    feed, _ = store.add_feed("https://news.example/feed.xml")
    from reader.models import ParsedEntry

    (aid,), _ = store.upsert_entries(
        feed.id,
        [
            ParsedEntry(
                "g1", url, "A story", summary_text="The feed's own text of the story is here."
            )
        ],
    )
    return aid


def test_story_page_redirecting_to_a_local_file_is_never_read(
    srv: LocalServer, store: Store, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.html"
    secret.write_text("<html><body><p>TOPSECRET contents of a local file.</p></body></html>")
    srv.route("/story", status=302, headers={"Location": secret.as_uri()})
    aid = article_with_link(store, srv.url("/story"))
    page, source, note = load_page(store, CONFIG, aid)
    assert source == "feed" and note and "redirect" in note
    assert "TOPSECRET" not in page.main.text
    assert page.main.text == "The feed's own text of the story is here."


def test_story_page_that_never_ends_falls_back_to_the_feed_text(
    srv: LocalServer, store: Store
) -> None:
    srv.route("/story", endless=True, body=b"<p>more and more words</p>" * 1000)
    aid = article_with_link(store, srv.url("/story"))
    page, source, note = load_page(store, CONFIG, aid)
    assert source == "feed" and note and "larger" in note
    assert page.main.text == "The feed's own text of the story is here."


def test_story_page_that_drips_is_given_up_on(srv: LocalServer, store: Store) -> None:
    srv.route("/story", body=b"<html><body>" + b"<p>x</p>" * 400, drip=0.05, chunk=2)
    config = Config(refresh=replace(RC, timeout_seconds=1.0, feed_deadline_seconds=1.0))
    aid = article_with_link(store, srv.url("/story"))
    page, source, note = load_page(store, config, aid)
    assert source == "feed" and note and "Gave up" in note
    assert page.main.text == "The feed's own text of the story is here."


def test_story_page_gzip_bomb_falls_back_to_the_feed_text(srv: LocalServer, store: Store) -> None:
    srv.route(
        "/story",
        body=gzip_bomb(50_000_000),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html"},
    )
    aid = article_with_link(store, srv.url("/story"))
    page, source, note = load_page(store, CONFIG, aid)
    assert source == "feed" and note and "larger" in note
    assert page.main.text == "The feed's own text of the story is here."
