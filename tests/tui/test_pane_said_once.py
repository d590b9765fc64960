"""A pane number pressed for a pane the story does not have: "There is no story pane N" is
said once, not again at the next key aimed at it (which still does nothing)."""

from __future__ import annotations

from reader.tui.app import NewsReaderApp

from .conftest import settle


def said(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_no_story_pane_is_said_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("enter", "5")  # before its panes are in
        await settle(pilot)
        panes = len(screen.deck.panes)
        assert panes < 5
        await pilot.press("x")  # meant for pane 5: nothing is closed
        await settle(pilot)
        assert len(screen.deck.panes) == panes
        told = [m for m in said(app) if "story pane 5" in m]
        assert sum("There is no story pane 5" in m for m in told) == 1, told
        assert told[-1] == "Nothing was done: it was meant for story pane 5.", told
