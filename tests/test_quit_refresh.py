"""Stopping a refresh: quitting the reader mid-refresh, Ctrl+C in ``newsreader refresh``.

A feed served one byte at a time keeps a fetch busy far longer than these tests run (the time
limits are set to minutes), so only a working stop can end it. Bounds on waiting are there only
so that a failure does not hang the suite; nothing here measures speed.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reader.config import Config, FeedConfig, RefreshConfig
from reader.models import FeedResult, RefreshEvent, View
from reader.refresh import PROCESS_POOL_MIN_FEEDS, refresh_and_group, refresh_sync
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp
from reader.tui.widgets.status import StatusBar
from tests.httpserver import Item, LocalServer, rss
from tests.processes import children_of, ctrl_c_as_at_a_terminal, wait_gone

BOUND = 30.0  # seconds: far below the fetch limits below, far above any normal stop
SLOW = RefreshConfig(interval_minutes=0, timeout_seconds=300.0, feed_deadline_seconds=600.0)
FEED_TYPE = {"Content-Type": "application/rss+xml"}


def items(name: str, count: int = 3) -> list[Item]:
    return [
        Item(title=f"{name} story {n}", link=f"https://quit.example/{name}/{n}")
        for n in range(count)
    ]


def serve(srv: LocalServer, fast: int = 1) -> None:
    """``fast`` quick feeds at /fastN.xml, and /drip.xml: a feed sent a byte every half second."""
    for n in range(fast):
        srv.route(f"/fast{n}.xml", body=rss(items(f"fast{n}")), headers=FEED_TYPE)
    srv.route("/drip.xml", body=rss(items("drip", 20)), headers=FEED_TYPE, drip=0.5)


def subscribed(path: Path, urls: list[str]) -> tuple[Store, Config]:
    feeds = tuple(FeedConfig(u, u.rsplit("/", 1)[1], "Test") for u in urls)
    store = open_store(path)
    store.sync_config_feeds(feeds)
    return store, Config(feeds=feeds, refresh=SLOW)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def feed_id(store: Store, path: str) -> int:
    return next(f.id for f in store.feeds() if f.url.endswith(path))


def assert_sound(db: Path) -> None:
    """The database file passes SQLite's own check, read by a fresh connection."""
    check = open_store(db)
    try:
        assert [tuple(r) for r in check.query("PRAGMA integrity_check")] == [("ok",)]
    finally:
        check.close()


def assert_untouched(store: Store, fid: int) -> None:
    """A feed whose fetch was cancelled: not counted as a failure, left for the next refresh."""
    feed = store.feed(fid)
    assert feed is not None
    assert feed.failures == 0 and feed.last_error is None and feed.last_fetched is None
    assert store.count(View(kind="feed", feed_id=fid)) == 0


def in_thread(fn: Callable[[], object]) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # reported by the test
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


# --------------------------------------------------------------------------- the core


def test_stop_cancels_a_fetch_and_keeps_what_was_stored(tmp_path: Path) -> None:
    with LocalServer() as srv:
        serve(srv)
        store, config = subscribed(
            tmp_path / "news.db", [srv.url("/fast0.xml"), srv.url("/drip.xml")]
        )
        fast, drip = feed_id(store, "/fast0.xml"), feed_id(store, "/drip.xml")
        stop = threading.Event()
        events: list[RefreshEvent] = []
        thread, out = in_thread(
            lambda: refresh_sync(store, config, force=True, on_event=events.append, stop=stop)
        )
        wait_until(lambda: any(e.kind == "feed-finished" for e in events), "the fast feed done")
        wait_until(lambda: srv.hits("/drip.xml") > 0, "the dripping feed requested")

        stop.set()
        thread.join(BOUND)

        assert not thread.is_alive(), "the refresh did not stop"
        assert "error" not in out
        results: list[FeedResult] = out["value"]
        assert [(r.feed_id, r.status, r.new) for r in results] == [(fast, "ok", 3)]
        assert events[-1].kind == "finished" and events[-1].results == tuple(results)
        assert store.count(View(kind="feed", feed_id=fast)) == 3
        assert_untouched(store, drip)
        assert store.get_meta("last_refresh") is None  # a refresh cut short is not a refresh
    assert_sound(tmp_path / "news.db")


def test_a_stopped_refresh_reports_and_skips_grouping(tmp_path: Path) -> None:
    with LocalServer() as srv:
        serve(srv)
        store, config = subscribed(
            tmp_path / "news.db", [srv.url("/fast0.xml"), srv.url("/drip.xml")]
        )
        stop = threading.Event()
        reports: list[list[FeedResult] | None] = []
        grouped: list[float] = []

        def on_event(event: RefreshEvent) -> None:
            if event.kind == "feed-finished" and event.result and event.result.new:
                stop.set()  # as if the user quit once the first feed was in

        thread, out = in_thread(
            lambda: refresh_and_group(
                store,
                config,
                force=True,
                on_event=on_event,
                report=reports.append,
                housekeeping=grouped.append,
                stop=stop,
            )
        )
        thread.join(BOUND)
        assert not thread.is_alive(), "the refresh did not stop"
        assert "error" not in out and [r.new for r in out["value"]] == [3]
        assert reports == [out["value"]]
        assert grouped == []

        # the same refresh not stopped (no dripping feed) hands its new articles to grouping
        srv.route("/fast0.xml", body=rss(items("more")), headers=FEED_TYPE)
        fast = [feed_id(store, "/fast0.xml")]
        done = refresh_and_group(store, config, fast, force=True, housekeeping=grouped.append)
        assert [r.new for r in done] == [3] and len(grouped) == 1


def pool_workers() -> list[int]:
    """This process's multiprocessing pool workers (not its resource tracker)."""
    found = []
    for pid in children_of(os.getpid()):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            found.append(pid)
    return found


def test_stop_ends_the_parse_processes_of_a_large_refresh(tmp_path: Path) -> None:
    before = set(pool_workers())
    with LocalServer() as srv:
        count = PROCESS_POOL_MIN_FEEDS + 2
        serve(srv, fast=count)
        urls = [srv.url(f"/fast{n}.xml") for n in range(count)] + [srv.url("/drip.xml")]
        store, config = subscribed(tmp_path / "news.db", urls)
        stop = threading.Event()
        events: list[RefreshEvent] = []
        thread, out = in_thread(
            lambda: refresh_sync(store, config, force=True, on_event=events.append, stop=stop)
        )
        wait_until(
            lambda: sum(e.kind == "feed-finished" for e in events) == count, "the fast feeds done"
        )
        started = [p for p in pool_workers() if p not in before]
        assert started, "the refresh was meant to parse in worker processes"

        stop.set()
        thread.join(BOUND)

        assert not thread.is_alive(), "the refresh did not stop"
        assert "error" not in out and len(out["value"]) == count
        assert wait_gone(started, BOUND) == []
        assert store.count(View(kind="all")) == 3 * count
        assert_untouched(store, feed_id(store, "/drip.xml"))
    assert_sound(tmp_path / "news.db")


# --------------------------------------------------------------------------- the reader


def quit_once(app: NewsReaderApp, key: str, started: Callable[[], bool], group: str) -> Any:
    """Run the reader in an event loop of its own (as ``App.run`` does), press ``key``, wait
    until ``started()``, press q: that loop must close (it waits for the worker threads). What
    it saw before q: the workers of ``group`` and whether a refresh was on."""
    seen: dict[str, Any] = {}

    async def session() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(key)
            deadline = time.monotonic() + BOUND
            while not started() and time.monotonic() < deadline:
                await pilot.pause(0.05)
            seen["refreshing"] = app.screen.query_one(StatusBar).refreshing
            seen["workers"] = [w for w in app.workers if w.group == group]
            await pilot.press("q")

    thread, out = in_thread(lambda: asyncio.run(session()))
    thread.join(BOUND)
    assert not thread.is_alive(), "the reader's loop never closed: its work kept running"
    assert "error" not in out, out.get("error")
    assert seen["workers"] and all(w.is_finished for w in seen["workers"])
    return seen


def test_quitting_the_reader_mid_refresh_ends_its_worker(tmp_path: Path) -> None:
    with LocalServer() as srv:
        serve(srv)
        store, config = subscribed(
            tmp_path / "news.db", [srv.url("/fast0.xml"), srv.url("/drip.xml")]
        )
        app = NewsReaderApp(config, store)
        seen = quit_once(app, "R", lambda: srv.hits("/drip.xml") > 0, "refresh")
        assert seen["refreshing"]
        assert_untouched(store, feed_id(store, "/drip.xml"))
    assert_sound(tmp_path / "news.db")


def test_quitting_the_reader_while_a_story_page_loads_ends_its_worker(tmp_path: Path) -> None:
    """The same for a story whose page comes from a slow server: the page fetch stops."""
    with LocalServer() as srv:
        serve(srv)
        page = b"<html><body><article><p>" + b"Slow page. " * 400 + b"</p></article></body></html>"
        srv.route("/page.html", body=page, headers={"Content-Type": "text/html"}, drip=0.5)
        store, config = subscribed(tmp_path / "news.db", [srv.url("/fast0.xml")])
        refresh_sync(store, config)
        (article,) = store.headlines(View("all"), limit=1)
        store.db.execute(
            "UPDATE articles SET url = ? WHERE id = ?", (srv.url("/page.html"), article.id)
        )
        store.db.commit()
        app = NewsReaderApp(config, store)
        quit_once(app, "enter", lambda: srv.hits("/page.html") > 0, "story")
        assert store.db.execute("SELECT COUNT(*) FROM pages").fetchone()[0] == 0  # nothing kept
    assert_sound(tmp_path / "news.db")


# --------------------------------------------------------------------------- the program

NEWSREADER = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())"]


def write_config(tmp_path: Path, urls: list[str]) -> Path:
    feeds = "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls)
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\npath = "{tmp_path / "news.db"}"\n'
        "[refresh]\ntimeout_seconds = 300\nfeed_deadline_seconds = 600\n" + feeds,
        encoding="utf-8",
    )
    return path


def test_ctrl_c_during_newsreader_refresh_is_a_clean_interrupt(tmp_path: Path) -> None:
    with LocalServer() as srv:
        serve(srv)
        config = write_config(tmp_path, [srv.url("/fast0.xml"), srv.url("/drip.xml")])
        proc = subprocess.Popen(
            [*NEWSREADER, "--config", str(config), "refresh"],
            preexec_fn=ctrl_c_as_at_a_terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_until(lambda: srv.hits("/drip.xml") > 0, "the dripping feed requested")
            proc.send_signal(signal.SIGINT)
            stdout, stderr = proc.communicate(timeout=BOUND)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.returncode == 130
    assert "newsreader: interrupted" in stderr
    assert "Traceback" not in stderr + stdout and "failed" not in stderr
    assert_sound(tmp_path / "news.db")


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_q_mid_refresh_quits_the_real_reader_without_a_traceback(tmp_path: Path) -> None:
    socket = f"newsreader-quit-{uuid.uuid4().hex[:8]}"

    def tmux(*args: str) -> str:
        done = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True)
        return done.stdout

    with LocalServer() as srv:
        serve(srv)
        config = write_config(tmp_path, [srv.url("/fast0.xml"), srv.url("/drip.xml")])
        command = " ".join(shlex.quote(a) for a in [*NEWSREADER, "--config", str(config)])
        # the shell stays after the reader, so that anything printed after it is seen
        shell = f"{command}; echo READER-ENDED $?; sleep 60"
        tmux("new-session", "-d", "-s", "reader", "-x", "100", "-y", "30", shell)
        try:
            wait_until(
                lambda: "Refreshing" in tmux("capture-pane", "-p", "-t", "reader"),
                "the reader refreshing",
            )
            wait_until(lambda: srv.hits("/drip.xml") > 0, "the dripping feed requested")
            tmux("send-keys", "-t", "reader", "q")
            wait_until(
                lambda: "READER-ENDED" in tmux("capture-pane", "-p", "-t", "reader"),
                "the reader quitting",
            )
            time.sleep(1.0)  # anything a leftover thread printed would come now
            screen = tmux("capture-pane", "-p", "-t", "reader")
        finally:
            tmux("kill-server")
    assert "READER-ENDED 0" in screen
    assert "Traceback" not in screen and "Error" not in screen
    assert_sound(tmp_path / "news.db")
