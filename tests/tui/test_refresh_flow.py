"""Refresh from the reader against a real local HTTP server: progress, new headlines, grouped errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import ProgressBar

from reader.config import Config, FeedConfig
from reader.models import View
from reader.refresh import refresh
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.status import StatusBar
from tests.httpserver import LocalServer

from .conftest import NOW, build_store, fixed_clock, make_config, settle


def real_clock() -> datetime:
    """The machine's time: a refresh run by the test stored when feeds may be tried again by
    it, and a reader on another clock (fixed_clock, in 2024) sees those fetches as still to
    come, which makes a feed due at once (reader.refresh.next_try)."""
    return datetime.now(UTC)


def rss(titles: list[str], base: str, hours: int = 1) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{base}/a/{t.replace(' ', '-')}</link>"
        f"<guid>{base}/a/{t.replace(' ', '-')}</guid>"
        f"<pubDate>{(NOW + timedelta(hours=hours - n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
        f"<description>Story {n} about the harbour.</description></item>"
        for n, t in enumerate(titles)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        f"<link>{base}</link>{items}</channel></rss>"
    ).encode()


def main_of(app: NewsReaderApp) -> MainScreen:
    """The app's screen, the main one."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def subscribed(path: Path, feeds: tuple[FeedConfig, ...]) -> tuple[Store, Config]:
    """An empty store subscribed to ``feeds``, and the config that lists them."""
    store = build_store(path, per_feed=0)
    store.sync_config_feeds(feeds)
    return store, replace(make_config(), feeds=feeds)


async def test_refresh_all_shows_progress_keeps_cursor_and_groups_errors(tmp_path: Path) -> None:
    with LocalServer() as server:
        base = server.url("")
        old = [f"Older story {n}" for n in range(10)]
        server.route(
            "/good.xml",
            body=rss(old, base, hours=-1),
            headers={"Content-Type": "application/rss+xml"},
        )
        server.route("/gone.xml", status=404, body=b"no", delay=0.5)  # keeps the bar up a moment
        server.route("/broken.xml", status=500, body=b"oops")
        feeds = (
            FeedConfig(server.url("/good.xml"), "Good", "Local"),
            FeedConfig(server.url("/gone.xml"), "Gone", "Local"),
            FeedConfig(server.url("/broken.xml"), "Broken", "Local"),
        )
        store, config = subscribed(tmp_path / "r.db", feeds)
        good = next(f.id for f in store.feeds() if f.title == "Good")
        await refresh(store, config, [good], force=True)
        assert store.count(View("all")) == 10
        server.route(
            "/good.xml",
            body=rss(["Brand new one", "Brand new two", *old], base, hours=1),
            headers={"Content-Type": "application/rss+xml"},
        )
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = main_of(app)
            await pilot.press("j", "j", "j")
            before = screen.table.current
            labels: list[str] = []
            label = screen.query_one("#progress-label")
            await pilot.press("R")
            for _ in range(100):
                if label.display:
                    labels.append(str(label.render()))
                await settle(pilot, rounds=1)
                if not screen.refreshing:
                    break
                await pilot.pause(0.1)
            await settle(pilot)
            assert not screen.refreshing
            bar = screen.query_one("#progress", ProgressBar)
            assert bar.total == len(store.feeds()) and bar.progress == bar.total
            assert not bar.display
            total = len(store.feeds())
            assert labels, "the progress label was never shown"
            assert set(labels) <= {f"Refreshing {n}/{total} feeds" for n in range(total + 1)}
            titles = [a.title for a in screen.table.articles]
            assert "Brand new one" in titles and "Brand new two" in titles
            current = screen.table.current
            assert current is not None and before is not None
            assert current.id == before.id  # the cursor stayed on its story
            warnings = [n for n in app._notifications if n.severity == "warning"]
            assert len(warnings) == 1
            # one short line (it covered half an 80-column list), shown briefly; e says why
            said = warnings[0]
            message = said.message
            assert "2 feeds failed" in message and "e shows why" in message
            assert "\n" not in message and len(message) <= 60 and "Gone" not in message
            assert not said.title and said.timeout <= 5
            assert app.focused is screen.table
            await pilot.press("e")
            await pilot.pause()
            why = list(app._notifications)[-1]  # (e in All, from the list: every failing feed)
            assert "Gone" in why.message and "Broken" in why.message
            gone = next(f for f in store.feeds() if f.title == "Gone")
            assert gone.last_error
            assert "⚠ Gone" in str(screen.feeds_tree._feed_nodes[gone.id].label)
        store.close()


async def test_background_refresh_runs_on_start(tmp_path: Path) -> None:
    with LocalServer() as server:
        base = server.url("")
        server.route(
            "/feed.xml",
            body=rss(["Started fresh"], base),
            headers={"Content-Type": "application/rss+xml"},
        )
        feeds = (FeedConfig(server.url("/feed.xml"), "Local feed", "Local"),)
        store, config = subscribed(tmp_path / "s.db", feeds)
        config = replace(config, refresh=replace(config.refresh, interval_minutes=30))
        app = NewsReaderApp(config, store, clock=fixed_clock, background_refresh=True)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(100):
                await settle(pilot, rounds=1)
                if main_of(app).table.articles:
                    break
                await pilot.pause(0.1)
            assert [a.title for a in main_of(app).table.articles] == ["Started fresh"]
            assert store.count(View("unread")) == 1
        store.close()


async def test_timed_refresh_fires(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route(
            "/feed.xml",
            body=rss(["Started fresh"], server.url("")),
            headers={"Content-Type": "application/rss+xml"},
        )
        feeds = (FeedConfig(server.url("/feed.xml"), "Local feed", "Local"),)
        store, config = subscribed(tmp_path / "t.db", feeds)
        finished: list[StatusBar.Finished] = []

        def hook(message: object) -> None:
            if isinstance(message, StatusBar.Finished):
                finished.append(message)

        app = NewsReaderApp(
            config, store, clock=fixed_clock, background_refresh=True, refresh_every=0.3
        )
        async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
            # one refresh on start, then the timer's: wait (boundedly) for the second to finish
            for _ in range(200):
                await settle(pilot, rounds=1)
                if len(finished) >= 2:
                    break
                await pilot.pause(0.05)
            assert len(finished) >= 2
            assert [a.title for a in main_of(app).table.articles] == ["Started fresh"]
        store.close()

        # with the automatic refresh turned off (interval 0) nothing runs, not even at start
        store = build_store(tmp_path / "off.db", per_feed=0)
        finished.clear()
        app = NewsReaderApp(
            make_config(), store, clock=fixed_clock, background_refresh=True, refresh_every=0
        )
        async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
            await settle(pilot)
            await pilot.pause(0.5)
            await settle(pilot)
            assert finished == [] and not main_of(app).refreshing
        store.close()


async def test_r_refreshes_only_the_chosen_feed(tmp_path: Path) -> None:
    with LocalServer() as server:
        base = server.url("")
        for name in ("one", "two"):
            server.route(
                f"/{name}.xml",
                body=rss([f"Story from {name}"], base + name),
                headers={"Content-Type": "application/rss+xml"},
            )
        feeds = (
            FeedConfig(server.url("/one.xml"), "One", "Local"),
            FeedConfig(server.url("/two.xml"), "Two", "Local"),
        )
        store, config = subscribed(tmp_path / "one.db", feeds)
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = main_of(app)
            one = next(f for f in store.feeds() if f.title == "One")
            screen.feeds_tree.select_view(View("feed", feed_id=one.id))
            await settle(pilot)
            await pilot.press("r")
            for _ in range(100):
                await settle(pilot, rounds=1)
                if not screen.refreshing:
                    break
                await pilot.pause(0.1)
            assert server.hits("/one.xml") == 1 and server.hits("/two.xml") == 0
            assert [a.title for a in screen.table.articles] == ["Story from one"]
            assert "One: 1 new headline." in [str(n.message) for n in app._notifications]
        store.close()


async def test_refresh_in_the_reader_groups_the_same_event_across_feeds(tmp_path: Path) -> None:
    stamp = NOW.strftime("%a, %d %b %Y %H:%M:%S +0000")

    headlines = {
        "alpha": "Strong earthquake hits Hokkaido, Japan",
        "beta": "6.8-magnitude quake shakes Sapporo and northern Japan",
    }

    def feed(outlet: str, text: str) -> bytes:
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>' + outlet + "</title>"
            f"<item><title>{headlines[outlet]}</title>"
            f"<link>https://{outlet}.example/quake</link><pubDate>{stamp}</pubDate>"
            f"<description>{text}</description></item></channel></rss>"
        ).encode()

    with LocalServer() as server:
        server.route(
            "/a.xml",
            body=feed(
                "alpha",
                "A magnitude 6.8 earthquake struck off Hokkaido, Japan, on Tuesday, "
                "the Japan Meteorological Agency said; Sapporo felt it.",
            ),
            headers={"Content-Type": "application/rss+xml"},
        )
        server.route(
            "/b.xml",
            body=feed(
                "beta",
                "Buildings shook in Sapporo as a 6.8-magnitude quake hit near "
                "Hokkaido in northern Japan, officials in Tokyo said.",
            ),
            headers={"Content-Type": "application/rss+xml"},
        )
        feeds = (
            FeedConfig(server.url("/a.xml"), "Alpha", "World"),
            FeedConfig(server.url("/b.xml"), "Beta", "World"),
        )
        store, config = subscribed(tmp_path / "g.db", feeds)
        grouped: list[StatusBar.Grouped] = []

        def hook(message: object) -> None:
            if isinstance(message, StatusBar.Grouped):
                grouped.append(message)

        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30), message_hook=hook) as pilot:
            await settle(pilot)
            await pilot.press("R")
            for _ in range(100):
                await settle(pilot, rounds=1)
                if grouped:
                    break
                await pilot.pause(0.05)
            assert grouped, "the refresh never grouped its new articles"
            await settle(pilot)
            rows = main_of(app).table.articles
            assert len(rows) == 2
            assert all(a.related_count == 1 for a in rows)
        store.close()


async def test_counts_leave_out_copies_found_by_the_grouping_after_a_refresh(
    tmp_path: Path,
) -> None:
    text = (
        "The harbour council voted on Tuesday to rebuild the northern pier after the winter storms "
        "left it unsafe for ferries, a project expected to cost 40 million euros and take two years."
    )

    def feed(base: str, slug: str) -> bytes:
        when = NOW.strftime("%a, %d %b %Y %H:%M:%S +0000")
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
            f"<item><title>Council votes to rebuild the pier</title><link>{base}/{slug}</link>"
            f"<pubDate>{when}</pubDate><description>{text}</description></item>"
            f"<item><title>Other story {slug}</title><link>{base}/{slug}-other</link>"
            f"<pubDate>{when}</pubDate><description>Nothing alike {slug}.</description></item>"
            "</channel></rss>"
        ).encode()

    with LocalServer() as server:
        base = server.url("")
        server.route("/a.xml", body=feed(base, "a"))
        server.route("/b.xml", body=feed(base, "b"))
        feeds = (
            FeedConfig(server.url("/a.xml"), "Wire A", "Local"),
            FeedConfig(server.url("/b.xml"), "Wire B", "Local"),
        )
        store, config = subscribed(tmp_path / "d.db", feeds)
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = main_of(app)
            await pilot.press("R")
            for _ in range(100):
                await settle(pilot, rounds=1)
                if not screen.refreshing and len(screen.table.articles) == 3:
                    break
                await pilot.pause(0.1)
            await pilot.pause(0.6)  # the counts are re-read shortly after a change
            await settle(pilot)
            assert store.count(View("all")) == 3  # the copy is listed once
            assert len(screen.table.articles) == 3
            smart = screen.feeds_tree._smart
            assert str(smart["all"].label) == "All 3" and str(smart["unread"].label) == "Unread 3"
        store.close()


async def test_headlines_stored_by_another_process_reach_a_running_reader(tmp_path: Path) -> None:
    """`newsreader refresh` from cron while the reader is open: the lists and counts follow."""
    with LocalServer() as server:
        base = server.url("")
        server.route("/feed.xml", body=rss(["Morning story"], base))
        feeds = (FeedConfig(server.url("/feed.xml"), "Local feed", "Local"),)
        store, config = subscribed(tmp_path / "c.db", feeds)
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = main_of(app)
            assert screen.table.articles == []
            await pilot.pause(0.3)  # the reader has seen the store as it is
            other = open_store(tmp_path / "c.db")  # another process's connection
            await refresh(other, config)  # (in this thread: the reader's own loop waits)
            other.close()
            for _ in range(100):
                await pilot.pause(0.1)
                if screen.table.articles:
                    break
            await settle(pilot)
            assert [a.title for a in screen.table.articles] == ["Morning story"]
            assert str(screen.feeds_tree._smart["unread"].label) == "Unread 1"
        store.close()


async def test_R_fetches_the_feeds_backing_off_and_says_why_when_their_server_asked_to_wait(
    tmp_path: Path,
) -> None:
    # the first refresh failed everywhere (a blip): R a moment later asks for every feed again,
    # as newsboat's R does; only a feed whose server said how long to wait (Retry-After) waits,
    # and the reader says so instead of doing nothing visible
    with LocalServer() as server:
        server.route("/down.xml", status=500, body=b"oops")
        server.route("/busy.xml", status=503, body=b"later", headers={"Retry-After": "3600"})
        feeds = (
            FeedConfig(server.url("/down.xml"), "Down", "Local"),
            FeedConfig(server.url("/busy.xml"), "Busy", "Local"),
        )
        store, config = subscribed(tmp_path / "down.db", feeds)
        await refresh(store, config, force=True)
        assert server.hits("/down.xml") == 1 and server.hits("/busy.xml") == 1
        app = NewsReaderApp(config, store, clock=real_clock)  # (the refresh's own time)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            said = await _refresh_and_wait(pilot, app, "R")
            assert server.hits("/down.xml") == 2  # tried again: the user asked
            assert server.hits("/busy.xml") == 1  # its server asked to wait an hour
            assert any("Down failed: e shows why." in m for m in said), said
            assert any("1 feed skipped (failed, and its server asked to wait)" in m for m in said)
            # every feed left waiting on its server: R says so, and what fetches it anyway
            server.route("/down.xml", status=503, body=b"later", headers={"Retry-After": "600"})
            said = await _refresh_and_wait(pilot, app, "R")
            assert server.hits("/down.xml") == 3
            said = await _refresh_and_wait(pilot, app, "R")
            assert server.hits("/down.xml") == 3 and server.hits("/busy.xml") == 1
            assert "No feed was due: 2 feeds failed and their servers asked to wait" in said[-1]
            assert "r on a feed fetches it now" in said[-1], said
        store.close()


async def test_feeds_added_or_removed_by_another_process_reach_a_running_reader(
    tmp_path: Path,
) -> None:
    """`newsreader add URL` / `remove URL` in another terminal while the reader is open."""
    feeds = (FeedConfig("http://127.0.0.1:9/kept.xml", "Kept feed", "Local"),)
    store, config = subscribed(tmp_path / "s.db", feeds)
    app = NewsReaderApp(config, store, clock=fixed_clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = main_of(app)
        await pilot.pause(0.3)  # the reader has seen the store as it is

        def titles() -> set[str]:
            return {f.title for f in screen.feeds_tree.feeds.values()}

        async def until(done: Callable[[], bool]) -> None:
            for _ in range(100):
                await pilot.pause(0.1)
                if done():
                    break
            await settle(pilot)

        assert titles() == {"Kept feed"}
        other = open_store(tmp_path / "s.db")  # another process's connection
        added, _ = other.add_feed("http://127.0.0.1:9/new.xml", "New feed", "Local")
        await until(lambda: "New feed" in titles())
        assert titles() == {"Kept feed", "New feed"}
        other.remove_feed(added.id)
        other.close()
        await until(lambda: "New feed" not in titles())
        assert titles() == {"Kept feed"}
    store.close()


async def _refresh_and_wait(pilot: object, app: NewsReaderApp, key: str) -> list[str]:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    screen = app.screen
    await pilot.press(key)
    for _ in range(100):
        await settle(pilot, rounds=1)
        if not screen.refreshing:  # type: ignore[attr-defined]
            break
        await pilot.pause(0.1)
    return [str(n.message) for n in app._notifications]


async def test_R_says_which_feeds_it_left_out_because_their_server_asked_to_wait(
    tmp_path: Path,
) -> None:
    # two feeds answered 429 with Retry-After a moment ago: R fetches the others (a failing one
    # too) and says the two were skipped, not only "0 new headlines." (as `newsreader refresh`)
    with LocalServer() as server:
        base = server.url("")
        server.route(
            "/good.xml",
            body=rss(["Fresh story"], base),
            headers={"Content-Type": "application/rss+xml"},
        )
        for name in ("slow", "slow2"):
            server.route(f"/{name}.xml", status=429, body=b"", headers={"Retry-After": "900"})
        server.route("/down.xml", status=404, body=b"gone?")
        feeds = (
            FeedConfig(server.url("/good.xml"), "Good", "Local"),
            FeedConfig(server.url("/slow.xml"), "Slow", "Local"),
            FeedConfig(server.url("/slow2.xml"), "Slow too", "Local"),
            FeedConfig(server.url("/down.xml"), "Down", "Local"),
        )
        store, config = subscribed(tmp_path / "skip.db", feeds)
        await refresh(store, config, force=True)
        server.route("/down.xml", body=rss(["Back again"], base))
        app = NewsReaderApp(config, store, clock=real_clock)  # (the refresh's own time)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            said = await _refresh_and_wait(pilot, app, "R")
            assert server.hits("/slow.xml") == 1 and server.hits("/slow2.xml") == 1
            assert server.hits("/good.xml") == 2
            assert server.hits("/down.xml") == 2  # a 404 is tried again: the user asked
            assert "Back again" in [a.title for a in app.screen.table.articles]  # type: ignore[attr-defined]
            assert any(
                "2 feeds skipped (failed, and their servers asked to wait)" in m for m in said
            )
            assert any("e shows why" in m and "skipped" in m for m in said), said
        store.close()


async def test_a_failed_untitled_feed_is_named_as_in_the_tree(tmp_path: Path) -> None:
    # an untitled feed's name is its address made short, and a cut keeps its file name so
    # missing.xml and missing2.xml stay apart
    with LocalServer() as server:
        base = server.url("")
        server.route(
            "/good.xml",
            body=rss(["Fresh story"], base),
            headers={"Content-Type": "application/rss+xml"},
        )
        path = "/a/long/road/to/the/feeds/missing2.xml"
        server.route(path, status=404, body=b"no")
        feeds = (
            FeedConfig(server.url("/good.xml"), "Good", "Local"),
            FeedConfig(server.url(path), "", "Local"),
        )
        store, config = subscribed(tmp_path / "name.db", feeds)
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            said = await _refresh_and_wait(pilot, app, "R")
            failed = [m for m in said if "failed: e shows why" in m]
            assert failed, said
            assert "missing2.xml failed" in failed[-1], failed
            assert "http://" not in failed[-1], failed
        store.close()


async def test_R_says_it_left_out_a_feed_gone_for_good(tmp_path: Path) -> None:
    # a feed answered 410 Gone: R does not ask it again, and says so (with what removes it)
    # instead of leaving it out without a word
    with LocalServer() as server:
        base = server.url("")
        server.route(
            "/good.xml",
            body=rss(["Fresh story"], base),
            headers={"Content-Type": "application/rss+xml"},
        )
        server.route("/gone.xml", status=410, body=b"gone")
        feeds = (
            FeedConfig(server.url("/good.xml"), "Good", "Local"),
            FeedConfig(server.url("/gone.xml"), "Old blog", "Local"),
        )
        store, config = subscribed(tmp_path / "gone.db", feeds)
        await refresh(store, config, force=True)
        assert server.hits("/gone.xml") == 1
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            said = await _refresh_and_wait(pilot, app, "R")
            assert server.hits("/good.xml") == 2 and server.hits("/gone.xml") == 1
            # a feed of the config file: D refuses it, the config file is where it goes
            assert any(
                "Old blog is gone (HTTP 410), not fetched: take it out of the config file." in m
                for m in said
            ), said
        store.close()
        # and one added in the reader as well: D removes that one
        server.route("/gone2.xml", status=410, body=b"gone")
        store, config = subscribed(tmp_path / "gone.db", feeds)
        store.add_feed(server.url("/gone2.xml"), "Older blog")
        await refresh(store, config, force=True)
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            said = await _refresh_and_wait(pilot, app, "R")
            assert any(
                "2 feeds gone (HTTP 410), not fetched: D on one removes it (those of the config "
                "file are taken out there)." in m
                for m in said
            ), said
        store.close()
