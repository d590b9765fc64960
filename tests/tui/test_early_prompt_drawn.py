"""Keys pressed as the reader starts are not lost. ``/`` (or ``?``) right after the first frame
opens its prompt while the start-up work is still going: Textual batches the screen's updates
then (the footer is rebuilt as the bindings change), pauses the drawing of a screen that comes
due during a batch, and resumes it only at that screen's next message. The prompt was on the
screen stack, focused, but never drawn: the search box did not show, and what was typed next
went into it unseen. The app now has the screen on top draw what waited once a batch ends."""

from __future__ import annotations

import asyncio

import pytest

from reader.models import View
from reader.store import Store
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.search import SearchScreen

from .conftest import new_app, running, screen_text, settle


@pytest.mark.parametrize(("key", "kind"), [("slash", SearchScreen), ("question_mark", HelpScreen)])
async def test_a_prompt_opened_during_a_batch_of_updates_is_drawn(
    store: Store, key: str, kind: type
) -> None:
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, _screen):
        with app.batch_update():  # as while the footer is rebuilt at the start
            await pilot.press(key)
            await asyncio.sleep(0.3)  # its first layout comes due meanwhile, and waits
            assert isinstance(app.screen, kind)
        await asyncio.sleep(0.5)  # no key, no message to the prompt: it is drawn by itself
        prompt = app.screen
        assert isinstance(prompt, kind)
        # (Textual's own flags: what it still has to lay out and draw on the terminal)
        assert not prompt._layout_required and not prompt._repaint_required


async def test_a_search_typed_as_the_reader_starts_is_run(store: Store) -> None:
    app = new_app(store)
    async with app.run_test(size=(120, 30)) as pilot:  # no wait for the first list
        await pilot.press("slash", *"harbour", "enter")
        await settle(pilot)
        table = app.screen.table  # type: ignore[attr-defined]
        assert table.view == View("search", query="harbour")
        assert table.articles and "harbour" in screen_text(app).lower()
