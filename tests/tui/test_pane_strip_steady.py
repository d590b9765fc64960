"""Opening a story whose other reports are known (its "+N") keeps the story's text where it
is drawn first: the strip of pane tabs ("1 of 7 …") is there from the first frame after Enter
where the panes will not all fit, rather than coming once they are found (about half a
second later, after the page) and pushing the story's text down a line. The frames are taken
as the reader draws them."""

from __future__ import annotations

from typing import Any

from reader.models import View
from reader.store import Store
from reader.tui.app import NewsReaderApp

from .conftest import running, settle


def _recording(app: NewsReaderApp) -> list[tuple[bool, int, int, int]]:
    """Each frame drawn from now on: (the strip shown, the opened story's first line on
    screen, its pane's width, the panes on screen)."""
    frames: list[tuple[bool, int, int, int]] = []
    display = app._display

    def drawn(screen: Any, renderable: Any) -> None:
        deck = getattr(screen, "deck", None)
        panes = deck.panes if deck is not None else []
        if deck is not None and panes and panes[0].display:
            strip = deck.query_one("#pane-tabs")
            main = panes[0].region
            shown = sum(1 for p in panes if p.display)
            frames.append((bool(strip.display), main.y, main.width, shown))
        display(screen, renderable)

    app._display = drawn  # type: ignore[method-assign]
    return frames


def _reports(store: Store, count: int) -> int:
    """The first headline and ``count`` others, one story (a group, with related links: its
    "+N" is known before it is opened); the first's id."""
    group = store.headlines(View("all"), limit=count + 1)
    store.save_grouping([(a.id, 4, None) for a in group], [], [])
    store.set_related(group[0].id, [(a.id, 0.5) for a in group[1:]])
    return group[0].id


async def _open(make_app, store: Store, size: tuple[int, int], count: int):
    opened = _reports(store, count)
    app: NewsReaderApp = make_app()
    async with running(app, size) as (pilot, screen):
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened))
        screen.table.focus()
        await settle(pilot)
        frames = _recording(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        return frames, len(screen.deck.panes)


async def test_the_strip_is_there_from_the_first_frame(make_app, store: Store) -> None:
    frames, panes = await _open(make_app, store, (120, 40), 6)
    assert panes == 7 and frames
    assert frames[-1][0], frames  # one pane fits: the strip shows the others
    assert all(strip for strip, _, _, _ in frames), frames
    assert len({y for _, y, _, _ in frames}) == 1, frames  # the text never moved down


async def test_the_strip_is_there_from_the_first_frame_where_two_panes_fit(
    make_app, store: Store
) -> None:
    """At 200 columns (two panes side by side once the feeds tree steps aside): the strip is
    there from the first frame too, and the story's text never moves down."""
    frames, panes = await _open(make_app, store, (200, 50), 6)
    assert panes == 7 and frames
    assert frames[-1][3] == 2, frames
    assert all(strip for strip, _, _, _ in frames), frames
    assert len({y for _, y, _, _ in frames}) == 1, frames


async def test_where_two_panes_fit_the_opened_story_takes_its_final_width(
    make_app, store: Store
) -> None:
    """Where the deck has room for two panes already (320 columns, the feeds tree beside),
    the opened story is drawn at the width it keeps once the related panes come: a pane's
    room is kept beside it (it took the whole deck, then half of it)."""
    frames, panes = await _open(make_app, store, (320, 50), 1)
    assert panes == 2 and frames
    final = frames[-1]
    assert final[3] == 2 and not final[0], frames
    assert all(frame[1:3] == final[1:3] for frame in frames), frames


async def test_the_kept_room_goes_when_no_pane_comes(make_app, store: Store) -> None:
    """Reports said to be there that give no pane (a story with none found): the strip and
    the room kept for them go once the story's related stories are all in."""
    lone = store.headlines(View("all"), limit=1)[0]
    app: NewsReaderApp = make_app()
    async with running(app, (320, 50)) as (pilot, screen):
        await screen.deck.open_article(lone, reports=3)
        deck = screen.deck
        assert deck.query_one("#pane-tabs").display  # kept while they are found
        assert deck.query_one("#panes-coming").display
        await settle(pilot)
        assert len(deck.panes) == 1 and not deck.finding_related
        assert not deck.query_one("#pane-tabs").display
        assert not deck.query_one("#panes-coming").display
        assert deck.panes[0].region.width == deck.query_one("#panes").region.width
