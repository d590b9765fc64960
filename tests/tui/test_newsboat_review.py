"""What a newsboat user found reviewing the reader: the place kept far down a long list, q and
Esc going back to the feeds, n going round a feed when no other has unread, an empty list while a
refresh runs, quiet timed refreshes, a favourite of a removed feed taken out, and the reasons a
refresh's results carry."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from reader import reading
from reader.config import FeedConfig
from reader.models import FeedResult, View
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp
from tests.httpserver import LocalServer, Request, Route

from .conftest import build_store, fixed_clock, make_config, new_app, running, screen_text, settle
from .test_refresh_flow import rss, subscribed


def footer_line(app: NewsReaderApp) -> str:
    return screen_text(app).splitlines()[-1]


def said(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


# ---------------------------------------------------------------- P3: the place far down


async def test_the_place_far_down_a_long_list_is_restored_past_the_first_page(
    tmp_path: Path,
) -> None:
    path = tmp_path / "long.db"
    store = build_store(path, per_feed=150)  # 450 headlines in All: more than a page of 200
    far = store.headlines(View("all"), limit=321)[-1]
    reading.save_place(store, View("all"), far.id)
    store.close()
    store = open_store(path)
    try:
        app = new_app(store)
        async with running(app, (120, 30)) as (pilot, screen):
            await pilot.pause(0.2)
            await settle(pilot)
            table = screen.table
            assert table.current is not None and table.current.id == far.id
            assert table.cursor_row == 320
            top = int(table.scroll_y)
            assert top <= table.cursor_row < top + table.scrollable_content_region.height
            screen.save_place()  # (the timer's tick) nothing moved: the place stays
            await settle(pilot)
            assert reading.last_place(store) == (View("all"), far.id)
            await pilot.press("j")  # a move is kept
            await settle(pilot)
            screen.save_place()
            await settle(pilot)
            assert (
                reading.last_place(store)
                == (View("all"), table.current.id)
                != (
                    View("all"),
                    far.id,
                )
            )
    finally:
        store.close()


async def test_a_place_that_could_not_be_restored_is_not_saved_over(tmp_path: Path) -> None:
    # the headline kept is no longer listed in All (its feed was removed): the list starts at
    # the top, and the timer does not save the top as the place before the user moves
    path = tmp_path / "gone.db"
    store = build_store(path, per_feed=5)
    kept = store.headlines(View("all"), limit=3)[-1]
    reading.save_place(store, View("all"), kept.id)
    store.remove_feed(kept.feed_id)
    store.close()
    store = open_store(path)
    try:
        app = new_app(store)
        async with running(app, (120, 30)) as (pilot, screen):
            assert screen.table.current is not None and screen.table.current.id != kept.id
            screen.save_place()
            await settle(pilot)
            assert reading.last_place(store) == (View("all"), kept.id)
    finally:
        store.close()


async def test_a_reload_before_the_kept_headline_is_listed_keeps_it(tmp_path: Path) -> None:
    # a refresh's reload at the start, before the restored list is in: the list had no
    # cursor yet, and the reload kept none (the top) instead of the headline asked for
    store = build_store(tmp_path / "reload.db", per_feed=100)
    try:
        far = store.headlines(View("all"), limit=51)[-1]  # (on the first page)
        app = new_app(store)
        async with running(app, (120, 30)) as (pilot, screen):
            table = screen.table
            table.show_view(View("search", query="nothing-matches-this"))
            await settle(pilot)
            assert table.articles == []
            table.show_view(View("all"), keep_id=far.id)
            table.reload()  # (in the same turn: the first read is dropped, the reload counts)
            await settle(pilot)
            assert table.current is not None and table.current.id == far.id
    finally:
        store.close()


# ---------------------------------------------------------------- P5: q, Esc, h, ← to the feeds


async def test_newsboat_q_goes_from_all_s_headlines_to_the_feeds_then_quits(
    store: Store,
) -> None:
    app = new_app(store, make_config(keymap="newsboat"))
    async with running(app, (120, 30)) as (pilot, screen):
        assert screen.table.view == View("all") and screen.table.has_focus
        await pilot.press("t")  # the tree put away: q brings it back to go to it
        await settle(pilot)
        assert not screen.feeds_tree.display or screen.has_class("-no-tree")
        assert "q Back" in footer_line(app)
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running
        assert screen.feeds_tree.has_focus and not screen.has_class("-no-tree")
        assert "q Quit" in footer_line(app)
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running


async def test_default_keys_esc_h_and_left_go_from_the_headlines_to_the_feeds(
    store: Store,
) -> None:
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        assert screen.table.has_focus
        assert "esc Feeds" in footer_line(app) and "q Quit" in footer_line(app)
        for key in ("escape", "h", "left"):
            screen.table.focus()
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            assert screen.feeds_tree.has_focus, key
            assert "esc Headlines" in footer_line(app)
            assert app.is_running


# ------------------------------------------- P7: n goes round the feed (when nothing is elsewhere)
# (n moving on while unread are left above: tests/tui/test_next_unread_moves_on.py)


def read_all_but(store: Store, feed_id: int) -> None:
    """Every other feed's headlines read: n and N have no feed to move on to."""
    others = [f.id for f in store.feeds() if f.id != feed_id]
    for other in others:
        rows = store.headlines(View("feed", feed_id=other), limit=1000)
        store.set_read([a.id for a in rows], True)


async def test_n_at_the_bottom_of_a_feed_goes_back_to_its_unread_above_when_none_is_elsewhere(
    store: Store,
) -> None:
    feed = store.feeds()[0]
    rows = store.headlines(View("feed", feed_id=feed.id))
    store.set_read([a.id for a in rows if a.id != rows[2].id], True)
    read_all_but(store, feed.id)
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        screen.table.move_cursor(row=8)
        await pilot.press("n")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=feed.id)  # no feed to move on to
        assert screen.table.current is not None and screen.table.current.id == rows[2].id
        assert any("back to the first unread" in m for m in said(app)), said(app)
        await pilot.press("n")  # the only unread, under the cursor: nowhere to go
        await settle(pilot)
        assert screen.table.current.id == rows[2].id
        assert said(app)[-1] == "No more unread headlines here."


async def test_N_at_the_top_of_a_feed_goes_back_to_its_unread_below_when_none_is_elsewhere(
    store: Store,
) -> None:
    feed = store.feeds()[1]
    rows = store.headlines(View("feed", feed_id=feed.id))
    store.set_read([a.id for a in rows if a.id != rows[9].id], True)
    read_all_but(store, feed.id)
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        screen.table.move_cursor(row=3)
        await pilot.press("N")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=feed.id)
        assert screen.table.current is not None and screen.table.current.id == rows[9].id
        assert any("back to the last unread" in m for m in said(app)), said(app)


async def test_N_goes_round_a_feed_longer_than_the_rows_read_so_far(tmp_path: Path) -> None:
    # the feed's only unread headline is in a page of the list not read yet: N reads the rest
    store = build_store(tmp_path / "long.db", per_feed=450)
    feed = store.feeds()[0]
    rows = store.headlines(View("feed", feed_id=feed.id), limit=1000)
    assert len(rows) == 450
    store.set_read([a.id for a in rows if a.id != rows[420].id], True)
    read_all_but(store, feed.id)
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        assert not screen.table.exhausted and screen.table.cursor_row == 0
        await pilot.press("N")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=feed.id)
        assert screen.table.current is not None and screen.table.current.id == rows[420].id
    store.close()


# ---------------------------------------------------------------- P8: an empty list, fetching


async def test_an_empty_list_says_the_feeds_are_being_fetched_while_they_are(
    tmp_path: Path,
) -> None:
    with LocalServer() as server:
        base = server.url("")
        released = threading.Event()  # the slow feed answers once the test has seen it pending

        def slow(_request: Request) -> Route:
            released.wait(30)
            return Route(body=rss(["Late story"], base))

        server.route("/slow.xml", handler=slow)
        server.route("/fail.xml", status=500, body=b"oops")
        feeds = (
            FeedConfig(server.url("/slow.xml"), "Slow", "Local"),
            FeedConfig(server.url("/fail.xml"), "Fail", "Local"),
        )
        store, config = subscribed(tmp_path / "first.db", feeds)
        config = replace(config, refresh=replace(config.refresh, timeout_seconds=10.0))
        app = NewsReaderApp(
            config, store, clock=fixed_clock, background_refresh=True, refresh_every=3600
        )
        async with app.run_test(size=(120, 30)) as pilot:
            text = ""
            for _ in range(50):  # the failing feed is done, the slow one not yet
                await pilot.pause(0.05)
                text = " ".join(screen_text(app).split())
                if "Refreshing 1/2 feeds" in text:
                    break
            # the feeds still being fetched: never "2 feeds" beside "Refreshing 1/2 feeds"
            assert "Fetching 1 feed… their headlines are listed here as they come in." in text
            assert "Fetching 2 feeds" not in text
            assert "R refreshes" not in text and "failed" not in text
            released.set()
            for _ in range(100):
                await pilot.pause(0.1)
                if not app.screen.refreshing:  # type: ignore[attr-defined]
                    break
            await settle(pilot)
            text = " ".join(screen_text(app).split())
            assert "Fetching" not in text and "Late story" in text
        store.close()


# ---------------------------------------------------------------- P9b: quiet, and no story lost


async def test_a_timed_refresh_with_nothing_new_says_nothing(tmp_path: Path) -> None:
    with LocalServer() as server:
        base = server.url("")
        server.route("/feed.xml", body=rss(["Same story"], base))
        feeds = (FeedConfig(server.url("/feed.xml"), "Same", "Local"),)
        store, config = subscribed(tmp_path / "quiet.db", feeds)
        from reader.refresh import refresh

        await refresh(store, config, force=True)
        server.route("/feed.xml", body=rss(["Same story"], base) + b" ")  # fetched, parsed
        app = NewsReaderApp(
            config, store, clock=fixed_clock, background_refresh=True, refresh_every=3600
        )
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(100):
                await pilot.pause(0.1)
                if server.hits("/feed.xml") == 2 and not app.screen.refreshing:  # type: ignore[attr-defined]
                    break
            await settle(pilot)
            assert server.hits("/feed.xml") == 2
            assert not any("new headline" in m for m in said(app)), said(app)
            await pilot.press("R")  # asked for: said, even with nothing new
            for _ in range(100):
                await pilot.pause(0.1)
                if server.hits("/feed.xml") == 3 and not app.screen.refreshing:  # type: ignore[attr-defined]
                    break
            await settle(pilot)
            assert "0 new headlines." in said(app) or "Same: 0 new headlines." in said(app)
        store.close()


async def test_a_favourite_of_a_removed_feed_taken_out_can_be_put_back(store: Store) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    store.set_favourite(article.id, True)
    store.remove_feed(article.feed_id)
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        assert screen.table.current is not None and screen.table.current.id == article.id
        await pilot.press("f")
        await settle(pilot)
        assert store.favourites() == []
        text = said(app)[-1]
        assert "is in no other list now" in text and "U puts it back in Favourites" in text
        await pilot.press("U")
        await settle(pilot)
        assert [a.id for a in store.favourites()] == [article.id]
        # a favourite from a feed still followed: All lists it, nothing to put back
        other = store.headlines(View("all"), limit=1)[0]
        store.set_favourite(other.id, True)
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(other.id))
        await pilot.press("f")
        await settle(pilot)
        assert said(app)[-1] == "Removed from Favourites"
        assert screen.undo_stack == []


# ---------------------------------------------------------------- the refresh's reasons


async def test_a_refresh_not_saved_is_worded_from_its_reason_not_its_text(store: Store) -> None:
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        feed = store.feeds()[0]
        result = FeedResult(
            feed_id=feed.id,
            url=feed.url,
            title=feed.title,
            status="error",
            error="database or disk is full",
            not_saved="SQLITE_FULL (13)",  # (no words that say which refusal it was)
            not_saved_reason="full",
        )
        screen.refresh_finished([result])
        await settle(pilot)
        assert any("the disk holding the database is full" in m for m in said(app)), said(app)
        screen.feeds_tree.focus()  # e on that feed says it again, from the same reason
        screen.feeds_tree.select_view(View("feed", feed_id=feed.id), post=False)
        await settle(pilot)
        app._notifications.clear()
        await pilot.press("e")
        await settle(pilot)
        assert any("the disk holding the database is full" in m for m in said(app)), said(app)


async def test_a_timed_refresh_says_its_new_headlines_but_not_over_a_story(store: Store) -> None:
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        feed = store.feeds()[0]
        result = FeedResult(feed_id=feed.id, url=feed.url, title=feed.title, status="ok", new=3)
        await pilot.press("enter")  # a story is read: the timed refresh's news waits for the list
        await settle(pilot)
        assert screen.reading
        screen.refresh_finished([result, replace(result, new=0)])
        await settle(pilot)
        assert not any("new headline" in m for m in said(app)), said(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.reading
        screen.refresh_finished([result, replace(result, new=0)])
        await settle(pilot)
        assert "3 new headlines." in said(app)


async def test_R_fetches_a_feed_resting_by_its_ttl_but_not_the_timed_refresh(
    tmp_path: Path,
) -> None:
    with LocalServer() as server:
        base = server.url("")
        body = rss(["First story"], base).replace(b"<link>", b"<ttl>180</ttl><link>", 1)
        server.route("/ttl.xml", body=body)
        feeds = (FeedConfig(server.url("/ttl.xml"), "Resting", "Local"),)
        store, config = subscribed(tmp_path / "ttl.db", feeds)
        from reader.refresh import refresh

        await refresh(store, config)
        assert server.hits("/ttl.xml") == 1
        assert store.feeds()[0].next_fetch is not None  # resting for three hours
        server.route("/ttl.xml", body=body.replace(b"<item>", b"<item><title>Second</title>"))
        app = NewsReaderApp(
            config, store, clock=fixed_clock, background_refresh=True, refresh_every=3600
        )
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(50):  # the timed refresh at the start leaves it to rest
                await pilot.pause(0.1)
                if not app.screen.refreshing:  # type: ignore[attr-defined]
                    break
            await settle(pilot)
            assert server.hits("/ttl.xml") == 1
            await pilot.press("R")  # asked for: fetched now
            for _ in range(100):
                await pilot.pause(0.1)
                if server.hits("/ttl.xml") == 2 and not app.screen.refreshing:  # type: ignore[attr-defined]
                    break
            await settle(pilot)
            assert server.hits("/ttl.xml") == 2
            assert any("Resting:" in m and "new headline" in m for m in said(app)), said(app)
        store.close()


async def test_an_empty_list_being_read_says_so_or_goes_on_saying_what_is_fetched(
    tmp_path: Path,
) -> None:
    store, config = subscribed(tmp_path / "empty.db", (FeedConfig("http://127.0.0.1:9/x.xml"),))
    app = NewsReaderApp(config, store, clock=fixed_clock)
    async with running(app, (120, 30)) as (pilot, screen):
        table = screen.table

        def first_line() -> str:
            return " ".join(table.render_line(1).text.split())

        assert first_line().startswith("No headlines here yet.")
        table.reload()  # (its rows being read: the worker answers after this turn)
        assert first_line() == "Reading headlines…"
        await settle(pilot)
        table.set_fetching(40)
        table.reload()  # a refresh's reload while it fills the list: no flash of another text
        assert first_line().startswith("Fetching 40 feeds…")
        await settle(pilot)
        assert first_line().startswith("Fetching 40 feeds…")
        table.set_fetching(None)
        assert first_line().startswith("No headlines here yet.")
    store.close()
