"""n and N go round a feed once (as newsboat's next-unread), then move on to the next
(previous) feed with unread headlines, though unread ones the user browsed past are left in
this feed: going round again and again kept n in it for as long as nothing was marked read
(tests/tui/test_newsboat_review.py, P7: going round with no other feed to move on to)."""

from __future__ import annotations

from pathlib import Path

from reader.models import View
from reader.store import Store, StoreError

from .conftest import build_store, new_app, running, settle
from .test_newsboat_review import read_all_but, said


def tree_order(store: Store) -> list[int]:
    return [f.id for f in sorted(store.feeds(), key=lambda f: (f.category, f.title))]


def unread_counts(store: Store) -> dict[int, int]:
    return {f.id: f.unread for f in store.feeds()}


async def test_n_while_browsing_a_feed_moves_on_to_the_next_feed(store: Store) -> None:
    first, second, _third = tree_order(store)
    firsts = store.headlines(View("feed", feed_id=first), limit=99)
    seconds = store.headlines(View("feed", feed_id=second), limit=99)
    assert not any(a.is_read for a in firsts + seconds)
    before = unread_counts(store)
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=first))
        await settle(pilot)
        screen.table.focus()
        for row in range(1, len(firsts)):  # every unread of the feed, one n each
            await pilot.press("n")
            await settle(pilot)
            assert screen.table.current is not None and screen.table.current.id == firsts[row].id
        await pilot.press("n")  # past the last: on, though every one above is still unread
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=second)
        assert screen.table.current is not None and screen.table.current.id == seconds[0].id
        assert said(app)[-1].startswith("No more unread in ") and " on to " in said(app)[-1]
        assert not screen.reading
    assert unread_counts(store) == before  # browsing marked nothing read


async def test_N_while_browsing_a_feed_moves_on_to_the_previous_feed(store: Store) -> None:
    first, second, _third = tree_order(store)
    firsts = store.headlines(View("feed", feed_id=first), limit=99)
    seconds = store.headlines(View("feed", feed_id=second), limit=99)
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=second))
        await settle(pilot)
        screen.table.focus()
        screen.table.move_cursor(row=len(seconds) - 1)
        for row in range(len(seconds) - 2, -1, -1):
            await pilot.press("N")
            await settle(pilot)
            assert screen.table.current is not None and screen.table.current.id == seconds[row].id
        await pilot.press("N")  # before the first: the previous feed's last unread
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=first)
        assert screen.table.current is not None and screen.table.current.id == firsts[-1].id


async def test_n_from_a_story_goes_round_the_feed_once_then_moves_on(store: Store) -> None:
    """Reading from the middle of a feed: n opens the rest below, goes round to the unread
    above once (as newsboat's next-unread), and where that round began moves on."""
    first, second, _third = tree_order(store)
    firsts = store.headlines(View("feed", feed_id=first), limit=99)
    begin = len(firsts) - 2
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=first))
        await settle(pilot)
        screen.table.focus()
        screen.table.move_cursor(row=begin)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")  # the last one, opened
        await settle(pilot)
        assert screen.deck.panes[0].state.article_id == firsts[-1].id
        await pilot.press("n")  # round to the feed's first unread, opened
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=first)
        assert screen.deck.panes[0].state.article_id == firsts[0].id
        assert said(app)[-1].startswith("No more unread below: back to the first unread in ")
        for row in range(1, begin):  # the rest above where it began, each opened
            await pilot.press("n")
            await settle(pilot)
            assert screen.deck.panes[0].state.article_id == firsts[row].id
        await pilot.press("n")  # round: the next feed's first unread, opened
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=second)
        current = screen.table.current
        assert current is not None and current.feed_id == second
        assert screen.reading and screen.deck.panes[0].state.article_id == current.id
    stored = store.headlines(View("feed", feed_id=first), limit=99)
    assert all(a.is_read for a in stored)  # each opened once


async def test_n_while_browsing_goes_round_once_then_moves_on(store: Store) -> None:
    """Browsing from the middle of a feed (nothing marked read): n goes round once, and back
    where it began moves on instead of showing the same headlines again."""
    first, second, _third = tree_order(store)
    firsts = store.headlines(View("feed", feed_id=first), limit=99)
    begin = 3
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=first))
        await settle(pilot)
        screen.table.focus()
        screen.table.move_cursor(row=begin)
        visited = []
        for _ in range(len(firsts) - 1):
            await pilot.press("n")
            await settle(pilot)
            assert screen.table.view == View("feed", feed_id=first)
            current = screen.table.current
            assert current is not None
            visited.append(current.id)
        # below where it began, then round from the top up to it: each headline once
        assert visited[-1] == firsts[begin - 1].id
        assert sorted(visited) == sorted(a.id for a in firsts if a.id != firsts[begin].id)
        assert len(set(visited)) == len(visited) == len(firsts) - 1
        await pilot.press("n")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=second)
        # a cursor moved by hand starts a new round
        screen.table.move_cursor(row=2)
        await pilot.press("n")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=second)
        assert screen.table.cursor_row == 3


async def test_N_going_round_when_the_rest_of_the_list_cannot_be_read(tmp_path: Path) -> None:
    """N needs the whole list to go round to its last unread: if reading the rest fails, it goes
    to the last unread of the rows read, and the failure is said."""
    store = build_store(tmp_path / "long.db", per_feed=450)
    feed = store.feeds()[0]
    rows = store.headlines(View("feed", feed_id=feed.id), limit=1000)
    keep = {rows[100].id, rows[420].id}  # one in the first page read, one beyond it
    store.set_read([a.id for a in rows if a.id not in keep], True)
    read_all_but(store, feed.id)
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        assert not screen.table.exhausted and screen.table.cursor_row == 0
        shown = len(screen.table.articles)
        assert shown < 420
        headlines = store.headlines

        def failing(*args: object, **kwargs: object) -> object:
            if kwargs.get("after") is not None:
                raise StoreError("the database is damaged", "corrupt")
            return headlines(*args, **kwargs)  # type: ignore[arg-type]

        store.headlines = failing  # type: ignore[method-assign,assignment]
        await pilot.press("N")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=feed.id)
        assert screen.table.current is not None and screen.table.current.id == rows[100].id
        assert "the database is damaged" in said(app)
        assert any("back to the last unread" in m for m in said(app)), said(app)
        assert app.is_running
        store.headlines = headlines  # type: ignore[method-assign]
    store.close()
