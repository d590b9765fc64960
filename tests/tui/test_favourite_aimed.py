"""f typed with Enter and a pane number in one burst ("Enter 3 f": fast typing, a paste, ssh)
stars pane 3's story once the pane comes, and only that story; the store says so. f twice takes
it back; an f for a pane that never comes is said to be not done, and stars nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from reader import reading
from reader.models import View
from reader.store import Store

from .conftest import running, settle
from .test_pane_keys_early import grouped, pause


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


def said(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def starred(store: Store) -> set[int]:
    return {a.id for a in store.headlines(View("favourites"), limit=100)}


async def test_enter_3_f_in_one_burst_stars_pane_3s_story(make_app, store, held) -> None:
    opened, others = grouped(store)
    assert starred(store) == set()
    async with running(make_app(), (200, 40)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("enter", "3", "f")  # the story has not begun to open yet
        await pause(pilot)
        assert starred(store) == set()  # nothing starred meanwhile, the opened story least
        held.set()  # its related panes come
        await settle(pilot)
        panes = screen.deck.panes
        assert len(panes) == 3 and panes[0].state.article_id == opened
        third = panes[2].state.article_id
        assert third in others
        assert screen.focused is not None and panes[2] in screen.focused.ancestors_with_self
        assert starred(store) == {third}
        assert panes[2].state.favourite and not panes[0].state.favourite
        assert not any("still opening" in m for m in said(screen.app)), said(screen.app)


async def test_enter_3_f_f_stars_nothing(make_app, store, held) -> None:
    grouped(store)
    async with running(make_app(), (200, 40)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("enter", "3", "f", "f")
        await pause(pilot)
        held.set()
        await settle(pilot)
        assert len(screen.deck.panes) == 3
        assert starred(store) == set()


async def test_an_f_for_a_pane_that_never_comes_is_said_not_done(make_app, store, held) -> None:
    grouped(store)
    async with running(make_app(), (200, 40)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("enter", "7", "f")
        await pause(pilot)
        held.set()
        await settle(pilot)
        assert len(screen.deck.panes) == 3
        assert starred(store) == set()
        assert any(
            m == "The f typed for story pane 7 was not done: this story has 3 panes."
            for m in said(screen.app)
        ), said(screen.app)
        await pilot.press("f")  # the aim is spent: f stars the focused pane (the story)
        await settle(pilot)
        assert starred(store) == {screen.deck.panes[0].state.article_id}


async def test_an_f_for_a_pane_is_dropped_with_a_word_when_another_is_chosen(
    make_app, store, held
) -> None:
    grouped(store)
    async with running(make_app(), (120, 40)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("enter", "3", "f")
        await pause(pilot)
        # below 160 columns Esc closes the story (wider, it stays beside the headlines, and
        # the pane still comes and is starred)
        await pilot.press("escape")
        await pause(pilot)
        held.set()
        await settle(pilot)
        assert starred(store) == set()
        assert "The f typed for story pane 3 was not done: the story was closed." in said(
            screen.app
        )
