"""A story read below WIDE columns and left with Esc: after the terminal is widened, the story
beside the list previews the headline under the cursor, as it does when started that wide."""

from __future__ import annotations

from collections.abc import Callable

from reader.tui.app import NewsReaderApp
from tests.tui.conftest import screen_text, settle


async def test_the_preview_follows_the_cursor_after_widening(
    make_app: Callable[..., NewsReaderApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.screen.table.current  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        for _ in range(3):
            await pilot.press("j")
        await pilot.pause(0.4)  # the preview waits for the cursor to rest
        await settle(pilot)
        current = app.screen.table.current  # type: ignore[attr-defined]
        assert current is not None and first is not None and current.id != first.id
        deck = app.screen.deck  # type: ignore[attr-defined]
        assert deck.panes == []  # the story read at 80 columns is not left beside the list
        shown = screen_text(app)
        # the preview's own title line and its "opens it here" line
        assert shown.count(current.title) >= 2, shown
        assert "opens it here" in shown
