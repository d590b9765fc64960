"""Subscribing from inside the reader, and what an empty list says about the feeds: a first start
with no feeds, offline (every feed failed to connect), some feeds failing. Real feeds come from a
local HTTP server; "offline" is a port on 127.0.0.1 where nothing listens."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from textual.command import CommandList, CommandPalette

from reader.config import Config, FeedConfig
from reader.models import View
from reader.refresh import refresh
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.screens.subscribe import AddFeedScreen, ConfirmScreen
from tests.httpserver import LocalServer

from .conftest import NOW, build_store, fixed_clock, make_config, screen_text, settle
from .test_refresh_flow import rss

NOWHERE = ("http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml")  # nothing listens there


def subscribed(
    path: Path, urls: tuple[str, ...], source: Path | None = None
) -> tuple[Store, Config]:
    """An empty store subscribed to ``urls`` (from a config file at ``source``, when given)."""
    feeds = tuple(FeedConfig(url, f"Feed {n}", "News") for n, url in enumerate(urls))
    store = build_store(path, per_feed=0)
    store.sync_config_feeds(feeds)
    return store, replace(make_config(), feeds=feeds, source=source)


def said(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def flat(app: NewsReaderApp) -> str:
    """The screen's text with its lines joined (wrapped sentences read whole)."""
    return " ".join(" ".join(line.split("▕")[-1].split()) for line in screen_text(app).splitlines())


async def until_refreshed(pilot: object, screen: MainScreen) -> None:
    for _ in range(100):
        await settle(pilot, rounds=1)
        if not screen.refreshing:
            return
        await pilot.pause(0.1)  # type: ignore[attr-defined]


async def test_offline_the_empty_list_says_every_feed_failed_and_which_key_works(
    tmp_path: Path,
) -> None:
    store, config = subscribed(tmp_path / "off.db", NOWHERE)
    await refresh(store, config, force=True)  # the first refresh, offline: every feed fails
    app = NewsReaderApp(config, store, clock=fixed_clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        text = flat(app)
        assert "All 2 feeds failed on the last refresh: could not connect to the server" in text
        assert "This computer may be offline." in text
        assert "r tries them again now; e lists the errors." in text
        assert "a adds a feed" in text
        assert "R refreshes every feed" not in text  # r is the key said for failing feeds
        await pilot.press("R")  # R asks for every feed too, those backing off as well
        await until_refreshed(pilot, screen)
        assert any("2 feeds failed" in m for m in said(app)), said(app)
        app._notifications.clear()
        await pilot.press("r")  # as the list says: every feed is tried again now
        await until_refreshed(pilot, screen)
        assert any("2 feeds failed" in m for m in said(app)), said(app)
    store.close()


async def test_some_feeds_failing_are_said_with_their_reason_and_R_still_offered(
    tmp_path: Path,
) -> None:
    with LocalServer() as server:
        server.route("/up.xml", body=rss([], server.url("")))  # a feed with no items yet
        store, config = subscribed(tmp_path / "some.db", (NOWHERE[0], server.url("/up.xml")))
        await refresh(store, config, force=True)
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            text = flat(app)
            assert "R refreshes every feed" in text
            assert "1 of 2 feeds failed on the last refresh: could not connect" in text
            assert "offline" not in text
        store.close()


async def test_with_no_feeds_the_empty_list_says_how_to_add_one(tmp_path: Path) -> None:
    store, config = subscribed(tmp_path / "none.db", ())
    keys = {"add_feed": "F2"}
    app = NewsReaderApp(replace(config, reader=replace(config.reader, keys=keys)), store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "You follow no feeds yet. f2 adds a feed" in flat(app)
    store.close()


async def add_through_the_prompt(pilot: object, app: NewsReaderApp, address: str) -> None:
    await pilot.press("a")  # type: ignore[attr-defined]
    await settle(pilot)
    assert isinstance(app.screen, AddFeedScreen)
    await pilot.press(*address, "tab", *"Local news", "enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_a_adds_a_feed_found_on_a_websites_page_and_lists_it(tmp_path: Path) -> None:
    with LocalServer() as server:
        base = server.url("")
        server.route(
            "/news/feed.xml",
            body=rss(["Harbour plan approved", "Ferry runs again"], base),
            headers={"Content-Type": "application/rss+xml"},
        )
        page = (
            '<html><head><title>Local news</title><link rel="alternate" '
            'type="application/rss+xml" href="/news/feed.xml"></head><body>News</body></html>'
        )
        server.route("/news/", body=page.encode(), headers={"Content-Type": "text/html"})
        store, config = subscribed(tmp_path / "add.db", NOWHERE[:1])
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await add_through_the_prompt(pilot, app, server.url("/news/"))
            await pilot.pause(0.2)
            await settle(pilot)
            added = store.feed_by_url(server.url("/news/feed.xml"))
            assert added is not None and added.category == "Local news"
            assert any(m.startswith("Added Local") for m in said(app)), said(app)
            assert screen.table.view == View("feed", feed_id=added.id)  # listed at once
            titles = {a.title for a in screen.table.articles}
            assert titles == {"Harbour plan approved", "Ferry runs again"}
            assert added.id in screen.feeds_tree.feeds
        store.close()


async def test_an_address_that_is_no_feed_is_refused_in_words(tmp_path: Path) -> None:
    with LocalServer() as server:
        page = b"<html><head><title>A page</title></head><body>No feed here.</body></html>"
        server.route("/page.html", body=page, headers={"Content-Type": "text/html"})
        store, config = subscribed(tmp_path / "no.db", NOWHERE[:1])
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            await add_through_the_prompt(pilot, app, server.url("/page.html"))
            await pilot.pause(0.2)
            await settle(pilot)
            assert [f.url for f in store.feeds()] == [NOWHERE[0]]
            refused = [n for n in app._notifications if n.title == "Not added"]
            assert refused and "names no feed" in str(refused[-1].message), said(app)
        store.close()


async def test_D_removes_the_feed_under_the_cursor_once_confirmed_and_keeps_favourites(
    make_app, store
) -> None:
    feed = store.feeds()[0]
    kept = store.headlines(View("feed", feed_id=feed.id), limit=1)[0]
    store.set_favourite(kept.id, True)
    app = make_app()  # the tests' config has no file: every feed may be unsubscribed from
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert feed.id in {f.id for f in store.feeds()}
        await pilot.press("D", "y")
        await pilot.pause(0.6)
        await settle(pilot)
        assert feed.id not in {f.id for f in store.feeds()}
        assert feed.id not in screen.feeds_tree.feeds
        assert screen.table.view == View("all")  # its list went with it
        assert [a.id for a in store.headlines(View("favourites"))] == [kept.id]
        assert any(m.startswith(f"Unsubscribed from {feed.title}") for m in said(app))


async def test_a_feed_listed_in_the_config_file_is_not_removed_and_the_file_is_named(
    tmp_path: Path,
) -> None:
    source = tmp_path / "config.toml"
    store, config = subscribed(tmp_path / "cfg.db", NOWHERE[:1], source=source)
    app = NewsReaderApp(config, store, clock=fixed_clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.feeds_tree.focus()
        await pilot.pause()
        for _ in range(20):
            if screen.feeds_tree.current_feed is not None:
                break
            await pilot.press("j")
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # refused at once: no question asked
        assert [f.url for f in store.feeds()] == [NOWHERE[0]]
        refused = [n for n in app._notifications if n.title == "Not removed"]
        assert refused, said(app)
        assert f"listed in the config file {source}" in str(refused[-1].message)
        assert "[[feeds]]" in str(refused[-1].message)
    store.close()


async def test_the_palette_finds_add_a_feed_first_and_the_help_lists_both(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 90)) as pilot:  # (tall: the whole help in sight)
        await settle(pilot)
        await pilot.press("colon", *"add")
        await pilot.pause(0.5)
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        hits = app.screen.query_one(CommandList)
        first = str(hits.get_option_at_index(0).prompt)
        assert first.startswith("Add a feed"), first
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        rows = screen_text(app).splitlines()
        add = next(row for row in rows if "Add a feed" in row)
        remove = next(row for row in rows if "Remove this feed" in row)
        assert add.split()[1] == "a" and "add_feed" in add, add
        assert remove.split()[1] == "D" and "remove_feed" in remove, remove


def event_feed(stories: list[tuple[str, str]], hours: int) -> bytes:
    """A feed of (title, link) stories, the first ``hours`` before the tests' clock."""
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{(NOW - timedelta(hours=hours + n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        f"</pubDate><description>{title}.</description></item>"
        for n, (title, link) in enumerate(stories)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>http://wire.example/</link>{items}</channel></rss>"
    ).encode()


async def test_feeds_added_with_a_are_grouped_with_the_same_events_elsewhere(
    tmp_path: Path,
) -> None:
    """The headlines of a feed added in the reader are grouped as a refresh's are (in the
    housekeeping process): "+1" on both reports of the same event, none on the others."""
    with LocalServer() as server:
        first = [
            ("Facebook to buy Oculus VR for $2 billion", "http://a.example/1"),
            ("Harbour plan approved by city council", "http://a.example/2"),
        ]
        second = [
            ("Facebook buys Oculus VR in $2bn deal", "http://b.example/1"),
            ("New library opens in the old station", "http://b.example/2"),
        ]
        for path, stories, hours in (("/a.xml", first, 4), ("/b.xml", second, 2)):
            server.route(
                path,
                body=event_feed(stories, hours),
                headers={"Content-Type": "application/rss+xml"},
            )
        store, config = subscribed(tmp_path / "grouped.db", ())
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            for path in ("/a.xml", "/b.xml"):
                await add_through_the_prompt(pilot, app, server.url(path))
                for _ in range(100):  # the feed stored, then grouped in the helper process
                    await pilot.pause(0.1)
                    if not any(w.is_running for w in app.workers):
                        break
                await settle(pilot)
            screen.go_to_view(View("all"))
            await settle(pilot)
            lines = {
                line.split("▕")[-1]
                for line in screen_text(app).splitlines()
                if "Oculus" in line or "Harbour" in line or "library" in line
            }
            marked = {line for line in lines if "+1" in line}
            assert len(lines) == 4, lines
            assert len(marked) == 2 and all("Oculus" in line for line in marked), lines
        store.close()


async def test_one_feed_failing_to_connect_while_others_load_is_not_called_offline(
    tmp_path: Path,
) -> None:
    with LocalServer() as server:
        server.route("/up.xml", body=rss(["Harbour plan approved"], server.url("")))
        store, config = subscribed(tmp_path / "one.db", (NOWHERE[0], server.url("/up.xml")))
        await refresh(store, config, force=True)
        down = store.feed_by_url(NOWHERE[0])
        assert down is not None and down.failing
        app = NewsReaderApp(config, store, clock=fixed_clock)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.go_to_view(View("feed", feed_id=down.id))
            await settle(pilot)
            text = flat(app)
            assert "The feed failed on the last refresh: could not connect" in text
            assert "offline" not in text
        store.close()


async def test_D_on_a_category_says_it_removes_feeds_not_categories(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        tree = screen.feeds_tree
        tree.focus()
        await settle(pilot)
        line = next(
            n
            for n in range(tree.last_line + 1)
            if (node := tree.get_node_at_line(n))
            and node.data is not None
            and node.data.kind == "category"
        )
        tree.cursor_line = line
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # nothing to confirm
        assert said(app)[-1] == "D removes a feed; the cursor is on a category."
