"""The story deck under a hurried reader: results of a story left behind never land in the panes
of the story opened next."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest

from reader import reading
from reader.models import Page, Story, Summary, View
from reader.store import Store, StoreError
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.deck import StoryDeck

from .conftest import settle


def _page_with_stories(store: Store, article_id: int, title: str, count: int) -> None:
    related = tuple(
        Story(title=f"{title}: side story {n}", text=f"Side story {n} of {title}. " * 20)
        for n in range(count)
    )
    main = Story(title=title, text=f"The main story of {title}. " * 30)
    store.put_page(article_id, Page(main=main, related=related), "page")


HOLD_LIMIT = 10.0  # seconds a held deck waits at most: a failing test must not hang the suite


@dataclass
class _Hold:
    reached: asyncio.Event  # set when the deck's handler stops
    expired: bool = False  # it went on after HOLD_LIMIT: what the test meant to catch is gone


@asynccontextmanager
async def _held_after(deck: StoryDeck) -> AsyncIterator[_Hold]:
    """While in the block, the deck's handler that mounts related panes stops once it put them
    in, before it loads them (as if their mounting were slow), until the block ends (or
    HOLD_LIMIT passes). The test must not await anything that waits for the deck's own messages
    meanwhile (``pilot.pause`` and ``pilot.press`` do)."""
    hold, release = _Hold(asyncio.Event()), asyncio.Event()
    add_all = deck.add_all

    async def held_add_all(states: Any) -> Any:
        panes = await add_all(states)
        if not release.is_set():
            hold.reached.set()
            try:
                await asyncio.wait_for(release.wait(), HOLD_LIMIT)
            except TimeoutError:
                hold.expired = True
        return panes

    deck.add_all = held_add_all  # type: ignore[method-assign]
    try:
        yield hold
    finally:
        release.set()
        del deck.add_all  # the method again
    assert not hold.expired


async def _wait_for(condition: Any, what: str) -> None:
    """Until ``condition()`` holds (bounded), without waiting on any widget's messages."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def test_opening_a_story_while_the_last_ones_related_panes_mount_keeps_them_out(
    make_app, store: Store
) -> None:
    first, second = store.headlines(View("all"), limit=2)
    _page_with_stories(store, first.id, "First", 8)
    _page_with_stories(store, second.id, "Second", 2)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        async with _held_after(screen.deck) as hold:
            await screen.open_article(first)
            # the first story's related panes are in, not loaded yet
            await asyncio.wait_for(hold.reached.wait(), HOLD_LIMIT)
            assert len(screen.deck.panes) == 9
            await screen.open_article(second)
        await settle(pilot)
        panes = screen.deck.panes
        titles = [p.state.story.title for p in panes]
        assert titles == ["Second", "Second: side story 0", "Second: side story 1"]
        assert panes[0].state.article_id == second.id
        assert [p.state.parent_id for p in panes[1:]] == [second.id, second.id]


async def test_a_pane_clicked_is_the_one_z_keeps_on_screen_and_the_one_marked_active(
    make_app, store: Store
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    _page_with_stories(store, first.id, "First", 2)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(240, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        main, aside, _ = screen.deck.panes
        assert main.display and aside.display  # side by side
        assert app.focused is main and main.has_class("-active")
        await pilot.click(aside)
        await settle(pilot)
        assert app.focused is aside
        assert aside.has_class("-active") and not main.has_class("-active")
        await pilot.press("z")  # the panes take the screen: all three side by side
        await settle(pilot)
        assert [p.display for p in screen.deck.panes] == [True, True, True]
        assert app.focused is aside


async def test_z_at_120_columns_shows_two_stories_side_by_side(make_app, store: Store) -> None:
    """Beside the headlines at 120 columns one pane fits; z gives the panes the whole width,
    where two readable ones fit side by side, and back."""
    first = store.headlines(View("all"), limit=1)[0]
    _page_with_stories(store, first.id, "First", 2)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        panes = screen.deck.panes
        assert [p.display for p in panes] == [True, False, False]
        await pilot.press("z")
        await settle(pilot)
        assert [p.display for p in panes] == [True, True, False]
        left, right = panes[0].region, panes[1].region
        assert left.y == right.y and left.right <= right.x
        assert min(left.width, right.width) >= 58 and screen.table.region.width == 0
        await pilot.press("z")
        await settle(pilot)
        assert [p.display for p in panes] == [True, False, False]
        assert screen.table.region.width > 0


async def test_a_page_arriving_for_a_pane_on_its_way_out_is_dropped(make_app, store: Store) -> None:
    """The story's page comes in while its pane is being removed (its parts go first): the
    reader must neither crash nor draw into it."""
    first = store.headlines(View("all"), limit=1)[0]
    _page_with_stories(store, first.id, "First", 2)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        deck = screen.deck
        leaving = deck.panes[1]
        page = Page(main=Story(title="Late", text="It came in late. " * 30))
        summary = Summary(("It came in late.",), "newsrank", 30)
        clearing = asyncio.create_task(deck.clear())
        for _ in range(1000):  # until its parts are gone, the pane itself still in place
            if leaving.is_attached and not leaving.query("Static"):
                break
            await asyncio.sleep(0)
        assert leaving.is_attached and not leaving.query("Static")
        # as the deck's message loop would deliver them just then
        deck.on_story_deck_page_ready(StoryDeck.PageReady(leaving, page, "page", None, True))
        deck.on_story_deck_summary_ready(StoryDeck.SummaryReady(leaving, summary))
        await clearing
        await settle(pilot)
        assert app.return_code is None and app.is_running
        assert deck.panes == []


async def test_quitting_does_not_wait_for_a_page_still_being_extracted(
    make_app, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page can take minutes to extract (a huge one); the reader quits at once all the same:
    the deck's workers give up waiting for it, and the screen is not left blank meanwhile."""
    release = threading.Event()
    started = threading.Event()

    def load_target(*args: Any, **kwargs: Any) -> tuple[Page | None, str | None]:
        started.set()
        release.wait(60)  # extracting, and extracting ...
        return None, "given up"

    monkeypatch.setattr(reading, "load_target", load_target)
    first = store.headlines(View("all"), limit=1)[0]
    teaser = Story(title="A huge page", url="http://127.0.0.1:9/huge")
    store.put_page(
        first.id, Page(main=Story(title="Main", text="Text. " * 40), related=(teaser,)), "page"
    )
    app: NewsReaderApp = make_app()
    try:
        # 80 columns: the teaser's pane is behind a tab (one on screen would load at once)
        async with app.run_test(size=(80, 50)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press("enter")
            await settle(pilot)
            assert not started.is_set()
            await pilot.press("2")  # the teaser's page starts loading
            for _ in range(200):
                if started.is_set():
                    break
                await pilot.pause(0.01)
            assert started.is_set()
            loading = [w for w in app.workers if w.name == "opening the related story"]
            assert loading and not loading[0].is_finished
            app.stop_background_work()  # what quitting does first
            for _ in range(200):
                if loading[0].is_finished:
                    break
                await pilot.pause(0.01)
            assert loading[0].is_finished and not release.is_set()
    finally:
        release.set()


async def test_every_report_the_group_counts_is_reachable_and_free_panes_take_them(
    make_app, store: Store
) -> None:
    """The "+N" marker counts the story's whole group, while each article keeps links to its
    closest reports only: the rest of the group takes the panes still free (its similarity
    worked out from the stored text), weak ones too, and what finds no pane is listed under the
    story; x on a pane beside it gives its room to the best one listed."""
    first, close, weak, *rest = store.headlines(View("all"), limit=14)
    for article in (first, close, weak, *rest):
        store.set_group(article.id, 77)
    store.set_related(first.id, [(close.id, 0.8), (weak.id, 0.05)])
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await screen.open_article(first)
        await settle(pilot)
        panes = screen.deck.panes
        beside = [p.state.article_id for p in panes[1:]]
        listed = [m.article_id for m in panes[0].state.more]
        assert len(beside) == 8 and len(listed) == 13 - 8
        assert set(beside) | set(listed) == {a.id for a in (close, weak, *rest)}
        assert all(m.similarity is not None for m in panes[0].state.more)
        more = str(panes[0].query_one("#story-more").render())
        assert more.startswith(f"Also reported ({len(listed)} more)")
        await pilot.press("2", "x")  # room made: the best listed report takes it, and loads
        await settle(pilot)
        panes = screen.deck.panes
        assert len(panes) == 9 and listed[0] in [p.state.article_id for p in panes]
        assert beside[0] not in [p.state.article_id for p in panes]


async def test_closing_the_story_while_its_related_panes_mount_ends_the_wait(
    make_app, store: Store
) -> None:
    """x on the opened story (the reader back on the headlines) while its related panes still
    come in: the story closes with them (those still to come stay out), the deck no longer
    waits for them, and the feeds tree, put away meanwhile, comes back with the headlines."""
    first = store.headlines(View("all"), limit=1)[0]
    _page_with_stories(store, first.id, "First", 8)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        deck = screen.deck
        async with _held_after(deck) as hold:
            await screen.open_article(first)
            await asyncio.wait_for(hold.reached.wait(), HOLD_LIMIT)
            main = deck.panes[0]
            assert deck.finding_related
            screen.table.focus()  # back on the headlines (Esc would wait its turn in the deck)
            await _wait_for(lambda: screen.table.has_focus, "the headlines' focus")
            app.simulate_key("x")  # closes the active pane: the opened story, with its panes
            await _wait_for(lambda: main not in deck.panes, "the story's pane to close")
        await settle(pilot)
        assert deck.panes == [] and not screen.reading
        assert not deck.finding_related
        assert screen.table.has_focus
        assert not screen.has_class("-roomy") and screen.feeds_tree.display


async def test_f_pressed_twice_at_once_on_a_page_story_saves_it_once(
    make_app, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story from the page (no article of its own yet) is saved as one when f is pressed; a
    second f while that save is under way is the same press (a key bouncing, or pressed twice
    in haste): the story is saved once, said once, and the next f takes it out again."""
    first = store.headlines(View("all"), limit=1)[0]
    _page_with_stories(store, first.id, "First", 1)
    started, release = threading.Event(), threading.Event()
    save = store.save_page_story

    def slow_save(*args: Any, **kwargs: Any) -> int:
        started.set()
        release.wait(HOLD_LIMIT)  # (a worker thread: no widget's messages wait meanwhile)
        return save(*args, **kwargs)

    monkeypatch.setattr(store, "save_page_story", slow_save)
    app: NewsReaderApp = make_app()
    try:
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("2", "f")
            await _wait_for(started.is_set, "the save to start")
            await pilot.press("f")
            release.set()
            await settle(pilot)

            def said(text: str) -> int:
                return sum(str(n.message) == text for n in app._notifications)

            pane = screen.deck.panes[1]
            assert said("Saved to Favourites") == 1 and said("Removed from Favourites") == 0
            assert [a.title for a in store.favourites()] == ["First: side story 0"]
            assert pane.state.favourite and pane.state.article_id is not None
            await pilot.press("f")
            await settle(pilot)
            assert said("Removed from Favourites") == 1
            assert store.favourites() == [] and not pane.state.favourite
    finally:
        release.set()


async def test_f_after_a_favourite_that_could_not_be_saved_tries_again(
    make_app, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    _page_with_stories(store, first.id, "First", 1)
    save = store.save_page_story
    calls: list[int] = []

    def failing_once(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise StoreError("The database is busy.")
        return save(*args, **kwargs)

    monkeypatch.setattr(store, "save_page_story", failing_once)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2", "f")
        await settle(pilot)
        assert any(  # what was not saved, and why
            str(n.message).startswith("Not saved: the favourite (the database is busy)")
            for n in app._notifications
        )
        assert store.favourites() == []
        await pilot.press("f")
        await settle(pilot)
        assert [a.title for a in store.favourites()] == ["First: side story 0"]
