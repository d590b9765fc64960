"""reader.fetch against a real HTTP server on 127.0.0.1 (no mocks of httpx)."""

from __future__ import annotations

import gzip
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import brotli
import pytest

from reader.config import RefreshConfig
from reader.fetch import (
    MAX_REDIRECTS,
    RETRY_AFTER_MAX,
    USER_AGENT,
    FetchResult,
    fetch,
    fetch_page,
    fetch_page_sync,
    parse_max_age,
    parse_retry_after,
)
from tests.httpserver import LocalServer, Route, gzip_bomb

CFG = RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=1_000_000)
BODY = b"<rss version='2.0'><channel><title>t</title></channel></rss>"


@pytest.fixture
def srv() -> Iterator[LocalServer]:
    with LocalServer() as server:
        yield server


async def get(url: str, config: RefreshConfig = CFG, **kw: object) -> FetchResult:
    return await fetch(url, config, **kw)  # type: ignore[arg-type]


async def test_200_sends_user_agent_and_returns_body(srv: LocalServer) -> None:
    srv.route("/f", body=BODY, headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})
    res = await get(srv.url("/f"))
    assert res.ok and res.status == 200 and res.body == BODY
    assert res.etag == '"v1"' and res.content_type == "application/rss+xml"
    assert srv.requests[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsreader/")


async def test_conditional_get_and_304(srv: LocalServer) -> None:
    def handler(req: object) -> Route:
        h = req.headers  # type: ignore[attr-defined]
        if h.get("If-None-Match") == '"v1"' and h.get("If-Modified-Since") == "yesterday":
            return Route(status=304)
        return Route(body=BODY, headers={"ETag": '"v1"'})

    srv.route("/f", handler=handler)
    res = await get(srv.url("/f"), etag='"v1"', last_modified="yesterday")
    assert res.ok and res.not_modified and res.status == 304 and res.body == b""
    fresh = await get(srv.url("/f"))
    assert not fresh.not_modified and fresh.body == BODY


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_reports_new_url(srv: LocalServer, status: int) -> None:
    srv.route("/old", status=status, headers={"Location": "/new"})
    srv.route("/new", body=BODY)
    res = await get(srv.url("/old"))
    assert res.ok and res.body == BODY
    assert res.url == srv.url("/new") and res.moved_to == srv.url("/new")


@pytest.mark.parametrize("status", [302, 307])
async def test_temporary_redirect_is_followed_but_not_a_move(srv: LocalServer, status: int) -> None:
    srv.route("/old", status=status, headers={"Location": srv.url("/new")})
    srv.route("/new", body=BODY)
    res = await get(srv.url("/old"))
    assert res.ok and res.body == BODY and res.moved_to is None


async def test_mixed_redirect_chain_is_not_a_move(srv: LocalServer) -> None:
    srv.route("/a", status=301, headers={"Location": "/b"})
    srv.route("/b", status=302, headers={"Location": "/c"})
    srv.route("/c", body=BODY)
    res = await get(srv.url("/a"))
    assert res.ok and res.moved_to is None and res.redirects == 2


async def test_redirect_loop(srv: LocalServer) -> None:
    srv.route("/a", status=302, headers={"Location": "/b"})
    srv.route("/b", status=302, headers={"Location": "/a"})
    res = await get(srv.url("/a"))
    assert res.error and "loop" in res.error
    assert srv.hits("/a") + srv.hits("/b") <= MAX_REDIRECTS + 1


async def test_too_many_redirects(srv: LocalServer) -> None:
    for i in range(10):
        srv.route(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"})
    srv.route("/r10", body=BODY)
    res = await get(srv.url("/r0"))
    assert res.error and "redirects" in res.error
    assert srv.hits("/r10") == 0


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "data:,hi"]
)
async def test_redirect_to_other_scheme_refused(
    srv: LocalServer, target: str, tmp_path: Path
) -> None:
    srv.route("/a", status=301, headers={"Location": target})
    res = await get(srv.url("/a"))
    assert res.error and "redirect" in res.error.lower()
    assert res.body == b""


async def test_404_and_410(srv: LocalServer) -> None:
    srv.route("/gone", status=410, body=b"gone")
    missing = await get(srv.url("/nothing"))
    assert missing.status == 404  # the server's reason, then what it means (said once)
    assert missing.error == "HTTP 404 Not Found: there is nothing at this address."
    gone = await get(srv.url("/gone"))
    assert gone.status == 410 and gone.error == "HTTP 410 Gone: it is gone for good."


async def test_429_retry_after_seconds(srv: LocalServer) -> None:
    srv.route("/f", status=429, headers={"Retry-After": "120"})
    res = await get(srv.url("/f"))
    assert res.error and res.status == 429 and res.retry_after == 120.0


async def test_503_retry_after_http_date(srv: LocalServer) -> None:
    when = datetime.now(UTC) + timedelta(hours=1)
    srv.route("/f", status=503, headers={"Retry-After": format_datetime(when, usegmt=True)})
    res = await get(srv.url("/f"))
    assert res.retry_after is not None and 3500 < res.retry_after <= 3600


def test_retry_after_is_clamped_and_tolerant() -> None:
    now = time.time()
    far = format_datetime(datetime.now(UTC) + timedelta(days=400), usegmt=True)
    past = format_datetime(datetime.now(UTC) - timedelta(days=1), usegmt=True)
    assert parse_retry_after(far, now) == RETRY_AFTER_MAX
    assert parse_retry_after(past, now) == 0.0
    assert parse_retry_after("99999999999", now) == RETRY_AFTER_MAX
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after("", now) is None
    assert parse_max_age("public, max-age=600") == 600.0
    assert parse_max_age("no-cache") is None


async def test_500_is_an_error_value(srv: LocalServer) -> None:
    srv.route("/f", status=500, body=b"oops")
    res = await get(srv.url("/f"))
    assert res.status == 500 and res.error and "500" in res.error


async def test_server_slower_than_timeout(srv: LocalServer) -> None:
    srv.route("/f", body=BODY, delay=1.5)
    res = await get(srv.url("/f"), replace(CFG, timeout_seconds=0.3))
    assert res.error and "responding" in res.error


async def test_slow_loris_stopped_by_overall_deadline(srv: LocalServer) -> None:
    # each byte arrives well within the read timeout, but the whole body would take 40 s
    srv.route("/f", body=b"x" * 200, drip=0.2)
    config = replace(CFG, timeout_seconds=1.0, feed_deadline_seconds=1.0)
    res = await get(srv.url("/f"), config)
    assert res.error and "Gave up" in res.error
    assert 0 < srv.sent["/f"] < 200  # it hung up mid-body rather than wait for all of it


async def test_endless_body_is_cut_at_the_cap(srv: LocalServer) -> None:
    srv.route("/f", endless=True)
    res = await get(srv.url("/f"), replace(CFG, max_bytes=300_000))
    assert res.error and "larger" in res.error and res.body == b""


async def test_declared_length_over_cap_is_refused_without_reading(srv: LocalServer) -> None:
    srv.route("/f", body=b"y" * 400_000)
    res = await get(srv.url("/f"), replace(CFG, max_bytes=100_000))
    assert res.error and "larger" in res.error


async def test_gzip_bomb_is_stopped_with_bounded_memory(srv: LocalServer) -> None:
    bomb = gzip_bomb(100_000_000)
    assert len(bomb) < 500_000
    srv.route("/f", body=bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        res = await get(srv.url("/f"), replace(CFG, max_bytes=2_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert res.error and "larger" in res.error
    assert peak < 20_000_000  # the 100 MB never exist in memory


async def test_gzip_deflate_and_brotli_bodies(srv: LocalServer) -> None:
    srv.route("/gz", body=gzip.compress(BODY), headers={"Content-Encoding": "gzip"})
    srv.route("/zl", body=zlib.compress(BODY), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    srv.route(
        "/raw", body=raw.compress(BODY) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    srv.route("/br", body=brotli.compress(BODY), headers={"Content-Encoding": "br"})
    for path in ("/gz", "/zl", "/raw", "/br"):
        res = await get(srv.url(path))
        assert res.ok and res.body == BODY, path
    assert "br" in srv.requests[0].headers["Accept-Encoding"]


async def test_brotli_bomb_is_capped(srv: LocalServer) -> None:
    srv.route("/f", body=brotli.compress(b"\0" * 20_000_000), headers={"Content-Encoding": "br"})
    res = await get(srv.url("/f"), replace(CFG, max_bytes=1_000_000))
    assert res.error and "larger" in res.error


async def test_corrupt_gzip(srv: LocalServer) -> None:
    good = gzip.compress(BODY * 50)
    srv.route("/f", body=good[:20] + b"\xff" * 40 + good[60:], headers={"Content-Encoding": "gzip"})
    res = await get(srv.url("/f"))
    assert res.error and "corrupt" in res.error


async def test_compressed_body_cut_short(srv: LocalServer) -> None:
    whole = gzip.compress(BODY * 200)
    cut = whole[: len(whole) // 2]
    srv.route("/gz", body=cut, headers={"Content-Encoding": "gzip"}, content_length=False)
    br = brotli.compress(BODY * 200)
    srv.route("/br", body=br[: len(br) // 2], headers={"Content-Encoding": "br"})
    for path in ("/gz", "/br"):
        res = await get(srv.url(path))
        assert res.error and "cut short" in res.error, path
    srv.route("/empty", body=b"", headers={"Content-Encoding": "gzip"})
    empty = await get(srv.url("/empty"))
    assert empty.ok and empty.body == b""


async def test_unknown_encoding(srv: LocalServer) -> None:
    srv.route("/f", body=BODY, headers={"Content-Encoding": "zstd-9000"})
    res = await get(srv.url("/f"))
    assert res.error and "compression" in res.error


async def test_connection_refused_is_an_error_value() -> None:
    with LocalServer() as server:
        url = server.url("/f")
    res = await get(url)
    assert res.error and res.status == 0


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.com/feed", "http://", "http://exa mple.com/"]
)
async def test_invalid_urls_are_refused(url: str) -> None:
    res = await get(url)
    assert res.error and res.body == b""


async def test_file_urls_and_paths(tmp_path: Path) -> None:
    feed = tmp_path / "feed xml.rss"
    feed.write_bytes(BODY)
    for url in (feed.as_uri(), str(feed)):
        res = await get(url)
        assert res.ok and res.body == BODY and res.status == 200, url
    missing = await get((tmp_path / "nope.xml").as_uri())
    assert missing.error and "No such file" in missing.error
    folder = await get(str(tmp_path))
    assert folder.error
    big = tmp_path / "big.xml"
    big.write_bytes(b"z" * 2_000_000)
    capped = await get(str(big))
    assert capped.error and "larger" in capped.error and capped.body == b""


async def test_fetch_page_and_sync_wrapper(srv: LocalServer) -> None:
    srv.route("/page", body=b"<html><body>hi</body></html>", headers={"Content-Type": "text/html"})
    res = await fetch_page(srv.url("/page"), CFG)
    assert res.ok and b"hi" in res.body
    assert "text/html" in srv.requests[-1].headers["Accept"]


def test_fetch_page_sync(srv: LocalServer) -> None:
    srv.route("/page", body=b"<html>ok</html>")
    res = fetch_page_sync(srv.url("/page"), CFG)
    assert res.ok and res.body == b"<html>ok</html>"
    bad = fetch_page_sync("-rf /", CFG)
    assert bad.error
