"""A pane number pressed while the story is still opening (its related panes not in yet), and
a key aimed at that pane right after it (x, u, f), act on no other pane: the opened story is not
closed, marked or starred; the pane asked for is focused when it comes."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from reader import reading
from reader.models import View
from reader.store import Store
from reader.tui.screens.main import MainScreen

from .conftest import running, settle


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The opened story's related reports are not found until the event is set."""
    gate = threading.Event()
    find = reading.find_reports

    def slow(store: Store, article_id: int) -> reading.Reports:
        gate.wait(10)
        return find(store, article_id)

    monkeypatch.setattr(reading, "find_reports", slow)
    yield gate
    gate.set()


def grouped(store: Store) -> tuple[int, list[int]]:
    """The newest headline and two reports of its story from other feeds."""
    rows = store.headlines(View("all"), limit=100)
    newest = rows[0]
    others = [a for a in rows if a.feed_id != newest.feed_id][:2]
    for article in (newest, *others):
        store.set_group(article.id, 4)
    store.set_related(newest.id, [(a.id, 0.6) for a in others])
    return newest.id, [a.id for a in others]


async def pause(pilot: object, rounds: int = 5) -> None:
    for _ in range(rounds):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_2_x_while_the_story_opens_closes_nothing(make_app, store, held) -> None:
    opened, _ = grouped(store)
    async with running(make_app()) as (pilot, screen):
        assert isinstance(screen, MainScreen)
        screen.table.focus()
        await pilot.press("enter")
        await pause(pilot)
        assert screen.deck.finding_related and len(screen.deck.panes) == 1
        await pilot.press("2", "x", "u", "f")
        await pause(pilot)
        assert screen.reading
        assert [p.state.article_id for p in screen.deck.panes] == [opened]
        found = store.article(opened)
        assert found is not None and found.is_read and not found.is_favourite  # (read: opened)

        held.set()  # the related panes come: 2 goes to the one asked for
        await settle(pilot)
        panes = screen.deck.panes
        assert len(panes) >= 2
        assert screen.focused is not None and panes[1] in screen.focused.ancestors_with_self
        second = panes[1].state.article_id
        await pilot.press("x")  # now x closes pane 2 itself, the story stays
        await settle(pilot)
        assert screen.reading and screen.deck.panes[0].state.article_id == opened
        assert second not in [p.state.article_id for p in screen.deck.panes]


async def test_a_key_after_a_pane_number_with_no_such_pane_does_nothing(
    make_app, store, held
) -> None:
    opened, _ = grouped(store)
    held.set()
    async with running(make_app()) as (pilot, screen):
        screen.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        count = len(screen.deck.panes)
        await pilot.press(str(count + 1), "x")  # no such pane: x closes nothing
        await settle(pilot)
        assert screen.reading and len(screen.deck.panes) == count
        await pilot.press("x")  # aimed at the focused pane again: the story closes
        await settle(pilot)
        assert not screen.reading
        del opened


async def test_2_x_typed_with_enter_wait_for_the_story_and_its_pane(make_app, store, held) -> None:
    opened, _ = grouped(store)
    async with running(make_app()) as (pilot, screen):
        screen.table.focus()
        article = screen.table.current
        assert article is not None and article.id == opened
        # Enter pressed, its message not handled yet: 2 and x come first (as when typed at
        # once in a terminal)
        screen.table.action_select_cursor()
        screen.action_pane(2)
        await screen.action_close_pane()
        await pause(pilot)
        assert screen.reading
        assert [p.state.article_id for p in screen.deck.panes] == [opened]
        held.set()
        await settle(pilot)
        panes = screen.deck.panes
        assert len(panes) >= 2
        assert screen.focused is not None and panes[1] in screen.focused.ancestors_with_self


async def test_a_key_typed_with_a_pane_number_acts_on_that_pane_not_the_one_focused(
    make_app, store, held
) -> None:
    """ "3 f" or "3 x" in one burst (fast typing, a paste, ssh): the number makes pane 3 the
    active one at once, its focus comes a moment later; f must star pane 3, not take the star
    off the pane still focused (a reviewer lost a favourite so), and x must close pane 3."""
    opened, others = grouped(store)
    held.set()
    async with running(make_app(), (200, 40)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        panes = screen.deck.panes
        second, third = (p.state.article_id for p in panes[1:3])
        assert panes[0].state.article_id == opened and {second, third} == set(others)
        await pilot.press("2", "f")  # pane 2 starred, one key at a time
        await settle(pilot)
        assert store.article(second).is_favourite
        # 3 and f in one burst: f comes before the focus has moved to pane 3
        screen.action_pane(3)
        screen.action_favourite()
        await settle(pilot)
        assert store.article(third).is_favourite
        assert store.article(second).is_favourite
        screen.action_pane(2)
        await screen.action_close_pane()
        await settle(pilot)
        assert [p.state.article_id for p in screen.deck.panes[:2]] == [opened, third]
