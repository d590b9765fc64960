"""An opened story's related panes come in together: every frame drawn after Enter shows the
strip's final count ("1 of 9", never "1 of 2" up to "1 of 8" as they were mounted one by one),
and the opened story's pane, once drawn at its width, is never drawn narrower (a pane mounted
on screen took half of it for a frame, and the new one showed "Loading…" in the other half).
The frames are taken as the reader draws them (each time it paints the screen)."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from reader.models import View
from reader.store import Store
from reader.tui.app import NewsReaderApp

from .conftest import running, settle

COUNT = re.compile(r"\b\d+ of (\d+)\b")


def _recording(app: NewsReaderApp) -> list[tuple[int, str, int]]:
    """Each frame the reader draws from now on: (the first pane's width, the strip's text, the
    number of panes drawn)."""
    frames: list[tuple[int, str, int]] = []
    display = app._display

    def drawn(screen: Any, renderable: Any) -> None:
        deck = getattr(screen, "deck", None)
        panes = deck.panes if deck is not None else []
        if deck is not None and panes:
            strip = deck.query_one("#pane-tabs")
            text = str(strip.render()) if strip.display else ""
            shown = sum(1 for p in panes if p.display)
            frames.append((panes[0].region.width, text, shown))
        display(screen, renderable)

    app._display = drawn  # type: ignore[method-assign]
    return frames


async def test_the_related_panes_are_drawn_in_one_step(make_app, store: Store) -> None:
    group = store.headlines(View("all"), limit=12)  # one story: opened, 8 panes, 3 listed
    store.save_grouping([(a.id, 4, None) for a in group], [], [])
    app: NewsReaderApp = make_app()
    async with running(app, (120, 40)) as (pilot, screen):
        screen.table.focus()
        frames = _recording(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert len(screen.deck.panes) == 9 and frames
        totals = {int(m.group(1)) for _, text, _ in frames if (m := COUNT.search(text))}
        assert totals == {9}, frames
        final = screen.deck.panes[0].region.width
        assert final >= 60 and frames[-1][0] == final
        reached = next(n for n, (width, _, _) in enumerate(frames) if width == final)
        assert all(width == final for width, _, _ in frames[reached:]), frames
        assert all(shown == 1 for _, _, shown in frames), frames  # one pane fits: one drawn


async def test_a_cached_pages_panes_are_not_drawn_side_by_side_in_a_narrow_deck(
    make_app, store: Store
) -> None:
    """A page read before gives its related stories at once, before the deck (hidden until a
    story opens below 160 columns) has been laid out: the deck counted the terminal's width as
    its own then, and drew two panes of 16 columns side by side ("1-2 of 5") for a frame."""
    from reader.models import Page, Story

    first = store.headlines(View("all"), limit=1)[0]
    related = tuple(
        Story(title=f"Side story {n}", text=f"Side story {n} of the harbour plan. " * 20)
        for n in range(4)
    )
    main = Story(title=first.title, text="The main story of the harbour plan. " * 30)
    store.put_page(first.id, Page(main=main, related=related), "page")
    app: NewsReaderApp = make_app()
    async with running(app, (120, 40)) as (pilot, screen):
        screen.table.focus()
        frames = _recording(app)
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.deck.panes) == 5 and frames
        assert all(shown == 1 for _, _, shown in frames), frames


async def test_the_first_frame_after_enter_has_the_final_layout(make_app, store: Store) -> None:
    """At 120 columns the opened story takes the room of the feeds tree: no frame shows the
    tree beside a narrow pane first (the pane was focused, and the tree put away, a frame
    after the pane was drawn)."""
    first = store.headlines(View("all"), limit=1)[0]
    app: NewsReaderApp = make_app()
    async with running(app, (120, 40)) as (pilot, screen):
        screen.table.focus()
        assert screen.feeds_tree.display
        frames = _recording(app)
        await screen.open_article(first)
        await settle(pilot)
        final = screen.deck.panes[0].region.width
        assert not screen.feeds_tree.display and final >= 60 and frames
        assert all(width == final for width, _, _ in frames), frames


async def test_at_200_columns_the_tree_steps_aside_from_the_first_frame(
    make_app, store: Store
) -> None:
    """Two panes fit side by side at 200 columns once the tree steps aside: for a story whose
    reports are known the tree steps aside from the first frame (it did only once the panes
    were in: the story was drawn at 89, then 139, then 69 columns). It still widens once (139,
    then 69 beside its first report): the deck makes room beside the story only when it is
    laid out at its new width, a frame later."""
    group = store.headlines(View("all"), limit=4)
    store.save_grouping([(a.id, 4, None) for a in group], [], [])
    store.set_related(group[0].id, [(a.id, 0.8) for a in group[1:]])
    app: NewsReaderApp = make_app()
    async with running(app, (200, 50)) as (pilot, screen):
        screen.table.focus()
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(group[0].id))
        frames = _recording(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert len(screen.deck.panes) == 4 and frames
        widths = [width for width, _, _ in frames]
        changes = [(a, b) for a, b in pairwise(widths) if a != b]
        assert len(changes) <= 1, widths
