"""The status line says where the reader is: the view, its unread and total headlines, kept
current as stories are read (u, A, C, opening one), without a count on every cursor step."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.models import View
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen

from .conftest import make_config, running, settle


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#status").render())


def expected(store: Store, view: View, name: str) -> str:
    unread, total = store.count(view, unread=True), store.count(view)
    return f"{name}  {unread} unread of {total} headlines"


async def counted(pilot: Pilot[None]) -> None:
    await pilot.pause(0.6)  # the counts are re-read shortly after a change
    await settle(pilot)


async def test_the_status_line_counts_the_views_unread_and_headlines(make_app, store) -> None:
    async with running(make_app(), (100, 30)) as (pilot, screen):
        assert status(screen) == expected(store, View("all"), "All")
        feed = store.feeds()[0]
        view = View("feed", feed_id=feed.id)
        screen.go_to_view(view)
        await settle(pilot)
        assert status(screen) == expected(store, view, feed.title)
        category = View("category", category=feed.category)
        screen.go_to_view(category)
        await settle(pilot)
        assert status(screen) == expected(store, category, feed.category)
        screen.go_to_view(View("unread"))
        await settle(pilot)
        assert status(screen) == f"Unread  {store.count(View('unread'))} unread"


@pytest.mark.parametrize("keys", [("u",), ("enter",), ("A",), ("C",)])
async def test_the_counts_follow_what_is_read(make_app, store, keys: tuple[str, ...]) -> None:
    feed = store.feeds()[1]
    view = View("feed", feed_id=feed.id)
    async with running(make_app(), (100, 30)) as (pilot, screen):
        screen.go_to_view(view)
        await settle(pilot)
        before = status(screen)
        await pilot.press(*keys)
        await counted(pilot)
        assert store.count(view, unread=True) < store.count(view)
        assert status(screen) == expected(store, view, feed.title) != before
        if keys[0] in "AC":
            await pilot.press("U")  # undone: counted again
            await counted(pilot)
            assert status(screen) == before


async def test_a_favourites_and_a_searchs_unread_are_counted_too(make_app, store) -> None:
    ids = [a.id for a in store.headlines(View("all"), limit=3)]
    for article_id in ids:
        store.set_favourite(article_id, True)
    store.set_read(ids[:1], True)
    async with running(make_app(), (100, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        assert status(screen) == "Favourites  2 unread of 3 headlines"
        await pilot.press("u")  # the newest favourite: read now
        await counted(pilot)
        assert status(screen) == "Favourites  1 unread of 3 headlines"
        search = View("search", query="Daily")
        screen.go_to_view(search)
        await settle(pilot)
        assert status(screen) == expected(store, search, "Search: Daily")


async def test_moving_the_cursor_counts_nothing(make_app, store, monkeypatch) -> None:
    calls: list[View] = []
    count = Store.count

    def counting(self: Store, view: View, unread: bool = False) -> int:
        calls.append(view)
        return count(self, view, unread)

    async with running(make_app(make_config()), (100, 30)) as (pilot, screen):
        await counted(pilot)
        monkeypatch.setattr(Store, "count", counting)
        for _ in range(10):
            await pilot.press("j")
        await pilot.press("k", "G", "g")
        await counted(pilot)
        assert calls == []
        assert screen.table.cursor_row == 0


async def test_a_refresh_counts_the_views_headlines_once_its_results_are_in(
    tmp_path, monkeypatch
) -> None:
    """While feeds come in, the total of the listed view is not counted again at every feed
    (a count over 100,000 rows competes with the keys); when the results are in, it is."""
    from dataclasses import replace

    from reader.config import FeedConfig
    from tests.httpserver import LocalServer

    from .conftest import build_store, fixed_clock
    from .test_refresh_flow import rss

    with LocalServer() as server:
        base = server.url("")
        feeds = tuple(FeedConfig(server.url(f"/f{n}.xml"), f"Feed {n}", "Local") for n in range(10))
        for n in range(10):
            server.route(
                f"/f{n}.xml",
                body=rss([f"Story {n}-{k}" for k in range(5)], base),
                headers={"Content-Type": "application/rss+xml"},
                delay=0.2 * n,  # one after another: the counts are re-read as they come
            )
        store = build_store(tmp_path / "r.db", per_feed=0)
        store.sync_config_feeds(feeds)
        config = replace(make_config(), feeds=feeds)
        totals: list[bool] = []  # for each count of All's headlines: was a refresh running?
        count = Store.count
        app = NewsReaderApp(config, store, clock=fixed_clock)

        def counting(self: Store, view: View, unread: bool = False) -> int:
            if view.kind == "all" and not unread:
                totals.append(isinstance(app.screen, MainScreen) and app.screen.refreshing)
            return count(self, view, unread)

        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            monkeypatch.setattr(Store, "count", counting)
            await pilot.press("R")
            for _ in range(100):
                await pilot.pause(0.1)
                if not screen.refreshing:
                    break
            await counted(pilot)
            assert not screen.refreshing
            # once while the refresh ends (its results are in), not at every feed that came in
            assert totals and sum(totals) <= 1, totals
            assert status(screen) == expected(store, View("all"), "All")
            assert "50 headlines" in status(screen)
        store.close()


async def test_the_status_line_fits_a_narrow_terminal_keeping_the_numbers_and_keys(
    make_app, store
) -> None:
    # at 64 columns (the narrowest with the feeds tree) a feed's line with read headlines hidden,
    # and a search for many words: shortened to the line, the numbers and the H key kept
    async with running(make_app(), size=(64, 20)) as (pilot, screen):
        line = screen.query_one("#status")

        def shown() -> str:
            text = status(screen)
            assert len(text) <= line.content_size.width, text  # none of it cut off unseen
            return text

        feed = max(store.feeds(), key=lambda f: len(f.title))
        screen.go_to_view(View("feed", feed_id=feed.id))
        await pilot.press("H")
        await settle(pilot)
        assert shown().startswith(f"{feed.title}  12 unread of 12 headlines")
        assert shown().endswith("read hidden (H)")
        screen.show_view(View("search", query="harbour council mayor fishermen moorings vote"))
        await settle(pilot)
        assert shown().startswith("Search: harbour") and "…" in shown()
        assert shown().endswith("unread of 36 headlines")


async def test_the_status_line_says_when_the_list_shows_one_headline_per_story(
    make_app, store
) -> None:
    async with running(make_app(), (100, 30)) as (pilot, screen):
        assert "per story" not in status(screen)
        await pilot.press("c")
        await settle(pilot)
        assert status(screen).endswith("· one per story, +N sources (c)")
        assert status(screen).startswith(expected(store, View("all"), "All"))
        await pilot.press("H")
        await settle(pilot)
        assert "read hidden (H" in status(screen) and "+N sources (c)" in status(screen)
        screen.go_to_view(View("favourites"))  # favourites list each one for itself
        await settle(pilot)
        assert "per story" not in status(screen)
        screen.go_to_view(View("all"))
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "per story" not in status(screen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_notification_does_not_cover_the_status_line(make_app, size) -> None:
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:  # (off by default)
        await settle(pilot)
        screen = app.screen
        screen.notify("A notification long enough to need a line or two. " * 3, timeout=30)
        await settle(pilot)
        (toast,) = screen.query(Toast)
        bar = screen.query_one("#statusbar").region
        assert toast.region.height > 0
        assert toast.region.bottom <= bar.y, (toast.region, bar)
        assert status(screen).startswith("All")


@pytest.mark.parametrize("key", ["a", "D", "question_mark", "slash"])
async def test_a_notification_over_a_dialog_does_not_cover_the_status_line(
    make_app, key: str
) -> None:
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        main = app.screen
        if key == "D":  # on a feed in the tree: the "Remove this feed?" question
            await pilot.press("tab", "j", "j", "j", "j", "j")
            await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        dialog = app.screen
        assert dialog is not main
        app.notify("A notification long enough to need a line or two. " * 3, timeout=30)
        await settle(pilot)
        (toast,) = dialog.query(Toast)
        bar = main.query_one("#statusbar").region
        assert toast.region.height > 0
        assert toast.region.bottom <= bar.y, (toast.region, bar)
