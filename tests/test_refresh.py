"""reader.refresh end to end: a real loopback HTTP server, a real SQLite store."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import reader.refresh as refresh_mod
from reader.config import Config, FeedConfig, RefreshConfig
from reader.models import RefreshEvent, View
from reader.refresh import add_subscription, backoff_seconds, refresh, refresh_sync
from reader.store import Store, open_store
from tests.httpserver import Item, LocalServer, Route, atom, rss

CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every parse the engine runs (thread mode: small refreshes parse in a thread)."""
    calls: list[str] = []
    real = refresh_mod._parse_job

    def spy(*args: Any) -> Any:
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(refresh_mod, "_parse_job", spy)
    return calls


def subscribe(store: Store, url: str) -> int:
    feed, _ = store.add_feed(url)
    return feed.id


def articles(store: Store, feed_id: int | None = None) -> list[Any]:
    view = View(kind="feed", feed_id=feed_id) if feed_id is not None else View(kind="all")
    return store.headlines(view, limit=10_000)


ITEMS = [Item(title=f"Story {i}", link=f"https://news.example/{i}") for i in range(3)]


async def test_200_stores_articles_and_reports_events(srv: LocalServer, store: Store) -> None:
    srv.route("/f", body=rss(ITEMS), headers={"Content-Type": "application/rss+xml"})
    fid = subscribe(store, srv.url("/f"))
    events: list[RefreshEvent] = []
    results = await refresh(store, CONFIG, on_event=events.append)
    (r,) = results
    assert r.status == "ok" and r.new == 3 and r.error is None and r.title == "Test feed"
    assert sorted(a.title for a in articles(store, fid)) == ["Story 0", "Story 1", "Story 2"]
    assert [e.kind for e in events] == ["started", "feed-finished", "finished"]
    assert events[0].total == 1 and events[1].done == 1 and events[1].result == r
    assert events[2].results == (r,)
    assert abs(float(store.get_meta("last_refresh") or 0) - time.time()) < 60
    feed = store.feed(fid)
    assert feed is not None and feed.title == "Test feed" and feed.failures == 0


async def test_304_costs_no_parsing(srv: LocalServer, store: Store, parses: list[str]) -> None:
    def handler(req: Any) -> Route:
        if req.headers.get("If-None-Match") == '"v1"':
            return Route(status=304)
        return Route(body=rss(ITEMS), headers={"ETag": '"v1"'})

    srv.route("/f", handler=handler)
    subscribe(store, srv.url("/f"))
    first = await refresh(store, CONFIG)
    second = await refresh(store, CONFIG)
    assert first[0].status == "ok" and second[0].status == "not-modified"
    assert len(parses) == 1
    assert srv.requests[-1].headers.get("If-None-Match") == '"v1"'


async def test_identical_body_is_not_reparsed(
    srv: LocalServer, store: Store, parses: list[str]
) -> None:
    srv.route("/f", body=rss(ITEMS))  # no validators: the server always sends the full body
    subscribe(store, srv.url("/f"))
    await refresh(store, CONFIG)
    again = await refresh(store, CONFIG)
    assert again[0].status == "not-modified" and len(parses) == 1
    srv.route("/f", body=rss([*ITEMS, Item(title="New", link="https://news.example/new")]))
    third = await refresh(store, CONFIG)
    assert third[0].status == "ok" and third[0].new == 1 and len(parses) == 2


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_updates_stored_url(
    srv: LocalServer, store: Store, status: int
) -> None:
    srv.route("/old", status=status, headers={"Location": "/new"})
    srv.route("/new", body=rss(ITEMS))
    fid = subscribe(store, srv.url("/old"))
    (r,) = await refresh(store, CONFIG)
    assert r.status == "ok" and r.moved_to == srv.url("/new")
    feed = store.feed(fid)
    assert feed is not None and feed.url == srv.url("/new")
    await refresh(store, CONFIG, force=True)
    assert srv.hits("/old") == 1


async def test_a_config_feed_that_moved_keeps_its_address_and_its_stories_once(
    srv: LocalServer, store: Store
) -> None:
    """The config is synced at every start: had the stored address followed the move, the
    config's address would come back as a second feed, with every story again, unread."""
    srv.route("/old", status=301, headers={"Location": "/new"})
    srv.route("/new", body=rss(ITEMS))
    feeds = (FeedConfig(srv.url("/old"), "Moved", "News"),)
    store.sync_config_feeds(feeds)
    (r,) = await refresh(store, CONFIG)
    assert r.status == "ok" and r.new == 3 and r.moved_to == srv.url("/new")  # said
    store.sync_config_feeds(feeds)  # the next start
    (feed,) = store.feeds()
    assert feed.url == srv.url("/old")
    (again,) = await refresh(store, CONFIG, force=True)
    assert again.new == 0 and store.count(View("all")) == 3


async def test_permanent_redirect_to_a_web_page_keeps_the_feed_url(
    srv: LocalServer, store: Store
) -> None:
    srv.route("/feed", status=301, headers={"Location": "/home"})
    srv.route(
        "/home", body=b"<html><body>new site</body></html>", headers={"Content-Type": "text/html"}
    )
    fid = subscribe(store, srv.url("/feed"))
    (r,) = await refresh(store, CONFIG)
    assert r.status == "error" and r.moved_to is None
    feed = store.feed(fid)
    assert feed is not None and feed.url == srv.url("/feed")


@pytest.mark.parametrize("status", [302, 307])
async def test_temporary_redirect_keeps_stored_url(
    srv: LocalServer, store: Store, status: int
) -> None:
    srv.route("/old", status=status, headers={"Location": "/new"})
    srv.route("/new", body=rss(ITEMS))
    fid = subscribe(store, srv.url("/old"))
    (r,) = await refresh(store, CONFIG)
    assert r.status == "ok" and r.new == 3 and r.moved_to is None
    feed = store.feed(fid)
    assert feed is not None and feed.url == srv.url("/old")


async def test_404_and_500_back_off_exponentially(srv: LocalServer, store: Store) -> None:
    srv.route("/e", status=500)
    missing = subscribe(store, srv.url("/missing"))
    broken = subscribe(store, srv.url("/e"))
    before = time.time()
    results = {r.feed_id: r for r in await refresh(store, CONFIG)}
    assert results[missing].status == "error" and "404" in (results[missing].error or "")
    assert results[broken].status == "error" and "500" in (results[broken].error or "")
    for fid in (missing, broken):
        feed = store.feed(fid)
        assert feed is not None and feed.failures == 1 and feed.next_fetch is not None
        assert feed.next_fetch.timestamp() >= before + backoff_seconds(1) - 1
        assert feed.last_error
    # not due yet: a normal refresh leaves them alone
    assert await refresh(store, CONFIG) == []
    assert srv.hits("/e") == 1
    await refresh(store, CONFIG, force=True)
    feed = store.feed(broken)
    assert feed is not None and feed.failures == 2
    assert feed.next_fetch is not None and feed.last_fetched is not None
    delay = feed.next_fetch.timestamp() - feed.last_fetched.timestamp()
    # tried before its wait ran out: the same wait again (test_refresh_backoff: it doubles once a
    # try after the wait fails too)
    assert delay == pytest.approx(backoff_seconds(1))
    srv.route("/e", body=rss(ITEMS))
    await refresh(store, CONFIG, force=True)
    healed = store.feed(broken)
    assert healed is not None and healed.failures == 0 and healed.last_error is None


async def test_a_not_feed_keeps_its_error_through_304_and_unchanged_bodies(
    srv: LocalServer, store: Store
) -> None:
    def validating(req: Any) -> Route:
        if req.headers.get("If-None-Match") == '"t1"':
            return Route(status=304)
        return Route(body=b"just some text", headers={"ETag": '"t1"', "Content-Type": "text/plain"})

    srv.route("/etag", handler=validating)
    srv.route("/plain", body=b"just some text", headers={"Content-Type": "text/plain"})
    ids = [subscribe(store, srv.url("/etag")), subscribe(store, srv.url("/plain"))]
    await refresh(store, CONFIG)
    second = {r.feed_id: r for r in await refresh(store, CONFIG, force=True)}
    for fid in ids:
        assert second[fid].status == "error" and "not a feed" in (second[fid].error or "")
        feed = store.feed(fid)
        assert feed is not None and feed.failures == 2
        assert feed.last_error and "not a feed" in feed.last_error
    etag_requests = [r for r in srv.requests if r.path == "/etag"]
    assert [r.headers.get("If-None-Match") for r in etag_requests] == [None, None]
    # once it serves a feed again, it is fine, and a 304 after that keeps it fine
    srv.route("/etag", body=rss(ITEMS), headers={"ETag": '"f1"'})
    (healed,) = await refresh(store, CONFIG, [ids[0]], force=True)
    assert healed.status == "ok" and healed.new == 3
    srv.route("/etag", handler=lambda req: Route(status=304))
    (same,) = await refresh(store, CONFIG, [ids[0]], force=True)
    feed = store.feed(ids[0])
    assert same.status == "not-modified" and feed is not None
    assert feed.failures == 0 and feed.last_error is None


async def test_410_marks_the_feed_dead(srv: LocalServer, store: Store) -> None:
    srv.route("/gone", status=410)
    fid = subscribe(store, srv.url("/gone"))
    (r,) = await refresh(store, CONFIG)
    assert r.status == "dead"
    feed = store.feed(fid)
    assert feed is not None and feed.dead
    assert await refresh(store, CONFIG, force=True) == []
    assert srv.hits("/gone") == 1


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_is_honoured(srv: LocalServer, store: Store, status: int) -> None:
    srv.route("/f", status=status, headers={"Retry-After": "7200"})
    fid = subscribe(store, srv.url("/f"))
    before = time.time()
    (r,) = await refresh(store, CONFIG)
    assert r.status == "error"
    feed = store.feed(fid)
    assert feed is not None and feed.next_fetch is not None
    assert before + 7190 <= feed.next_fetch.timestamp() <= time.time() + 7200
    assert await refresh(store, CONFIG) == []


async def test_ttl_is_a_lower_bound_unless_forced(srv: LocalServer, store: Store) -> None:
    def handler(req: Any) -> Route:
        if req.headers.get("If-None-Match") == '"t"':
            return Route(status=304)
        return Route(body=rss(ITEMS, channel_extra="<ttl>60</ttl>"), headers={"ETag": '"t"'})

    srv.route("/f", handler=handler)
    fid = subscribe(store, srv.url("/f"))
    await refresh(store, CONFIG)
    assert await refresh(store, CONFIG) == []
    (r,) = await refresh(store, CONFIG, force=True)
    assert r.status == "not-modified"
    feed = store.feed(fid)
    assert feed is not None and feed.next_fetch is not None and feed.last_fetched is not None
    assert feed.next_fetch.timestamp() - feed.last_fetched.timestamp() == pytest.approx(3600, 1)


async def test_slow_server_and_slow_loris_fail_without_hanging(
    srv: LocalServer, store: Store
) -> None:
    srv.route("/slow", body=rss(ITEMS), delay=1.5)
    srv.route("/drip", body=rss(ITEMS), drip=0.1, chunk=1)
    srv.route("/ok", body=rss(ITEMS))
    for path in ("/slow", "/drip", "/ok"):
        subscribe(store, srv.url(path))
    config = replace(
        CONFIG, refresh=replace(CONFIG.refresh, timeout_seconds=0.5, feed_deadline_seconds=1.0)
    )
    results = {r.url.rsplit("/", 1)[1]: r for r in await refresh(store, config)}
    assert results["slow"].status == "error" and "responding" in (results["slow"].error or "")
    assert results["drip"].status == "error" and "Gave up" in (results["drip"].error or "")
    assert results["ok"].status == "ok" and results["ok"].new == 3


async def test_waiting_for_a_busy_host_does_not_count_against_the_deadline(
    srv: LocalServer, store: Store
) -> None:
    # one connection per host; each response takes 0.6 s, the deadline is 1 s per feed: feeds
    # queued behind each other on the same host must still succeed
    for i in range(3):
        srv.route(f"/q{i}", body=rss([Item(link=f"https://q.example/{i}")]), delay=0.6)
        subscribe(store, srv.url(f"/q{i}"))
    config = replace(CONFIG, refresh=replace(CONFIG.refresh, per_host=1, feed_deadline_seconds=1.0))
    results = await refresh(store, config)
    assert [r.status for r in results] == ["ok", "ok", "ok"]


async def test_html_challenge_page_is_an_error_and_keeps_articles(
    srv: LocalServer, store: Store
) -> None:
    srv.route("/f", body=rss(ITEMS))
    fid = subscribe(store, srv.url("/f"))
    await refresh(store, CONFIG)
    challenge = (
        b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body></body></html>"
    )
    srv.route("/f", body=challenge, headers={"Content-Type": "text/html"})
    (r,) = await refresh(store, CONFIG, force=True)
    assert r.status == "error" and r.error and "not a feed" in r.error
    assert len(articles(store, fid)) == 3
    srv.route("/f", body=b"")
    (empty,) = await refresh(store, CONFIG, force=True)
    assert empty.status == "error" and empty.error and "empty" in empty.error
    assert len(articles(store, fid)) == 3


async def test_html_page_error_names_the_feed_it_links_to(srv: LocalServer, store: Store) -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>'
    )
    srv.route("/site", body=page, headers={"Content-Type": "text/html"})
    subscribe(store, srv.url("/site"))
    (r,) = await refresh(store, CONFIG)
    assert r.status == "error" and r.error and srv.url("/rss") in r.error


async def test_refetch_updates_in_place_and_keeps_read_and_favourite(
    srv: LocalServer, store: Store
) -> None:
    srv.route("/f", body=rss(ITEMS))
    fid = subscribe(store, srv.url("/f"))
    await refresh(store, CONFIG)
    first = {a.url: a for a in articles(store, fid)}
    target = first["https://news.example/1"]
    store.set_read([target.id])
    store.set_favourite(target.id, True)
    changed = [
        ITEMS[0],
        Item(title="Story 1 (corrected)", link="https://news.example/1"),
        ITEMS[2],
    ]
    srv.route("/f", body=rss(changed))
    (r,) = await refresh(store, CONFIG, force=True)
    assert r.new == 0 and r.updated == 1
    after = store.article(target.id)
    assert after is not None and after.title == "Story 1 (corrected)"
    assert after.is_read and after.is_favourite
    assert len(articles(store, fid)) == 3


async def test_article_moving_between_feeds_is_not_duplicated(
    srv: LocalServer, store: Store
) -> None:
    shared = Item(title="Shared", link="https://news.example/shared", guid=None)
    srv.route("/a", body=rss([shared]))
    srv.route("/b", body=atom([Item(title="Shared", link="http://news.example/shared")]))
    subscribe(store, srv.url("/a"))
    await refresh(store, CONFIG)
    subscribe(store, srv.url("/b"))
    await refresh(store, CONFIG, force=True)
    assert [a.title for a in articles(store)] == ["Shared"]


async def test_short_guids_in_two_feeds_do_not_collide(srv: LocalServer, store: Store) -> None:
    srv.route("/a", body=rss([Item(title="From A", guid="1", link="https://a.example/1")]))
    srv.route("/b", body=rss([Item(title="From B", guid="1", link="https://b.example/1")]))
    a, b = subscribe(store, srv.url("/a")), subscribe(store, srv.url("/b"))
    await refresh(store, CONFIG)
    assert [x.title for x in articles(store, a)] == ["From A"]
    assert [x.title for x in articles(store, b)] == ["From B"]


async def test_duplicate_guids_and_missing_fields_store_once(
    srv: LocalServer, store: Store
) -> None:
    items = [
        Item(title="dup", guid="tag:x.example,2025:1"),
        Item(title="dup again", guid="tag:x.example,2025:1"),
        Item(title="", link=None, date=None, description="nameless"),
    ]
    srv.route("/f", body=rss(items))
    fid = subscribe(store, srv.url("/f"))
    (r,) = await refresh(store, CONFIG)
    assert r.new == 2
    stored = articles(store, fid)
    assert sorted(a.title for a in stored) == ["", "dup"]
    assert all(a.first_seen is not None for a in stored)


async def test_malformed_feed_keeps_recovered_entries_and_reports_the_warning(
    srv: LocalServer, store: Store
) -> None:
    body = rss(ITEMS).replace(b"</channel></rss>", b"<item><title>cut & broken</title>")

    def handler(req: Any) -> Route:
        if req.headers.get("If-None-Match") == '"m1"':
            return Route(status=304)
        return Route(body=body, headers={"ETag": '"m1"'})

    srv.route("/f", handler=handler)
    fid = subscribe(store, srv.url("/f"))
    (r,) = await refresh(store, CONFIG)
    assert r.status == "ok" and r.new >= 3
    assert r.error and "not well-formed" in r.error
    # the reader's mark and `e` read the feed's last_error: the same message, not a failure
    feed = store.feed(fid)
    assert feed is not None and feed.last_error == r.error and feed.failures == 0
    assert feed.next_fetch is None  # due at the next refresh, no back-off
    (again,) = await refresh(store, CONFIG)
    feed = store.feed(fid)
    assert again.status == "not-modified" and feed is not None
    assert feed.last_error == r.error and feed.failures == 0
    # fixed: the warning goes
    srv.route("/f", body=rss(ITEMS))
    (fixed,) = await refresh(store, CONFIG)
    feed = store.feed(fid)
    assert fixed.status == "ok" and fixed.error is None
    assert feed is not None and feed.last_error is None


async def test_escapes_and_bad_links_never_reach_the_store(srv: LocalServer, store: Store) -> None:
    items = [
        Item(
            title="Evil\x1b]0;PWNED\x07 title\x1b[31m", link="javascript:alert(1)", guid="tag:e,1"
        ),
        Item(title="ok", link="file:///etc/passwd", guid="tag:e,2"),
    ]
    srv.route("/f", body=rss(items).replace(b"\x1b", b"&#27;").replace(b"\x07", b"&#7;"))
    fid = subscribe(store, srv.url("/f"))
    await refresh(store, CONFIG)
    stored = articles(store, fid)
    assert sorted(a.title.split()[0] for a in stored) == ["Evil", "ok"]  # kept, cleaned
    for a in stored:
        assert "\x1b" not in a.title and "\x07" not in a.title and "PWNED" not in a.title
        assert a.url == ""


async def test_big_feed_is_capped_per_feed(srv: LocalServer, store: Store) -> None:
    items = [Item(title=f"n{i}", link=f"https://big.example/{i}") for i in range(5000)]
    srv.route("/big", body=rss(items))
    fid = subscribe(store, srv.url("/big"))
    config = replace(CONFIG, refresh=replace(CONFIG.refresh, max_entries_per_feed=1500))
    (r,) = await refresh(store, config)
    assert r.status == "ok" and r.new == 1500
    assert r.error and "1500" in r.error  # the cap is reported as a warning with the ok result
    assert len(articles(store, fid)) == 1500


async def test_file_feeds(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "local.xml"
    path.write_bytes(rss(ITEMS))
    a = subscribe(store, path.as_uri())
    other = tmp_path / "other.xml"
    other.write_bytes(atom([Item(title="atom one", guid="urn:uuid:1")]))
    b = subscribe(store, str(other))
    results = {r.feed_id: r for r in await refresh(store, CONFIG)}
    assert results[a].new == 3 and results[b].new == 1


async def test_selected_feed_ids_only(srv: LocalServer, store: Store) -> None:
    srv.route("/a", body=rss(ITEMS))
    srv.route("/b", body=rss(ITEMS))
    a = subscribe(store, srv.url("/a"))
    subscribe(store, srv.url("/b"))
    results = await refresh(store, CONFIG, [a])
    assert [r.feed_id for r in results] == [a] and srv.hits("/b") == 0


def test_refresh_sync_from_a_worker_thread(srv: LocalServer, store: Store) -> None:
    srv.route("/f", body=rss(ITEMS))
    subscribe(store, srv.url("/f"))
    out: list[Any] = []
    seen_threads: set[str] = set()

    def work() -> None:
        out.extend(
            refresh_sync(
                store, CONFIG, on_event=lambda e: seen_threads.add(threading.current_thread().name)
            )
        )

    t = threading.Thread(target=work, name="tui-worker")
    t.start()
    t.join(30)
    assert [r.new for r in out] == [3] and seen_threads


def test_many_feeds_use_the_process_pool(
    srv: LocalServer, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    n = refresh_mod.PROCESS_POOL_MIN_FEEDS + 2
    for i in range(n):
        srv.route(f"/f{i}", body=rss([Item(title=f"t{i}", link=f"https://m.example/{i}")]))
        subscribe(store, srv.url(f"/f{i}"))
    with caplog.at_level("WARNING", logger="reader.refresh"):
        results = refresh_sync(store, CONFIG)
    assert "workers unavailable" not in caplog.text  # the workers really parsed and stored
    assert len(results) == n and all(r.status == "ok" and r.new == 1 for r in results)
    assert len(articles(store)) == n


def test_a_broken_event_handler_does_not_stop_the_refresh(srv: LocalServer, store: Store) -> None:
    srv.route("/f", body=rss(ITEMS))
    subscribe(store, srv.url("/f"))

    def boom(event: RefreshEvent) -> None:
        raise RuntimeError("display broke")

    assert [r.new for r in refresh_sync(store, CONFIG, on_event=boom)] == [3]


# --------------------------------------------------------------------------- add_subscription


async def test_add_feed_url_stores_articles(srv: LocalServer, store: Store) -> None:
    srv.route("/f", body=rss(ITEMS))
    feed, message = await add_subscription(store, CONFIG, srv.url("/f"), category="News")
    assert feed is not None and feed.url == srv.url("/f") and feed.category == "News"
    assert "Test feed" in message and "3 new" in message
    assert len(articles(store, feed.id)) == 3
    again, message2 = await add_subscription(store, CONFIG, srv.url("/f"))
    assert again is not None and again.id == feed.id and "Already" in message2


async def test_adding_a_partly_readable_feed_marks_it(srv: LocalServer, store: Store) -> None:
    body = rss(ITEMS).replace(b"</channel></rss>", b"<item><title>cut & broken</title>")
    srv.route("/f", body=body)
    feed, message = await add_subscription(store, CONFIG, srv.url("/f"))
    assert feed is not None and "not well-formed" in message
    assert feed.last_error and "not well-formed" in feed.last_error and feed.failures == 0
    assert len(articles(store, feed.id)) >= 3


async def test_add_site_url_autodiscovers_the_feed(srv: LocalServer, store: Store) -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" title="x" '
        b'href="/feed.rss"></head><body>site</body></html>'
    )
    srv.route("/", body=page, headers={"Content-Type": "text/html"})
    srv.route("/feed.rss", body=rss([Item(guid="7", link="https://s.example/7")]))
    feed, message = await add_subscription(store, CONFIG, srv.url("/"))
    assert feed is not None and feed.url == srv.url("/feed.rss"), message
    (a,) = articles(store, feed.id)
    assert a.guid == f"feed:{feed.id}#7"


async def test_add_page_without_feed_or_bad_url(srv: LocalServer, store: Store) -> None:
    srv.route("/", body=b"<html><body>no feed here</body></html>")
    feed, message = await add_subscription(store, CONFIG, srv.url("/"))
    assert feed is None and "web page" in message
    for bad in ("javascript:alert(1)", "", "ftp://x.example/f"):
        feed, message = await add_subscription(store, CONFIG, bad)
        assert feed is None and message
    feed, message = await add_subscription(store, CONFIG, srv.url("/missing"))
    assert feed is None and "404" in message
    assert store.feeds() == []


async def test_add_follows_a_permanent_move(srv: LocalServer, store: Store) -> None:
    srv.route("/old", status=301, headers={"Location": "/new"})
    srv.route("/new", body=rss(ITEMS))
    feed, message = await add_subscription(store, CONFIG, srv.url("/old"))
    assert feed is not None and feed.url == srv.url("/new") and "moved" in message


async def test_read_only_database_gives_error_results_not_a_crash(
    srv: LocalServer, tmp_path: Path
) -> None:
    srv.route("/f", body=rss(ITEMS))
    path = tmp_path / "ro.db"
    writable = open_store(path)
    subscribe(writable, srv.url("/f"))
    writable.close()
    ro = Store(path, read_only=True)
    try:
        (r,) = await refresh(ro, CONFIG)
    finally:
        ro.close()
    assert r.status == "error" and r.error and "read-only" in r.error


async def test_refresh_sync_called_inside_a_running_loop(srv: LocalServer, store: Store) -> None:
    srv.route("/f", body=rss(ITEMS))
    subscribe(store, srv.url("/f"))
    results = refresh_sync(store, CONFIG)  # blocking here on purpose: must not raise
    assert [r.new for r in results] == [3]
