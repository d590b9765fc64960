"""Keys that come in a burst (typed fast, or pasted without bracketed paste), as a terminal
sends them: all at once, none waiting for the one before to be handled."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.screens.search import SearchScreen
from tests.tui.conftest import running, settle

NAMES = {":": "colon", "/": "slash", "?": "question_mark", " ": "space", "\t": "tab"}


def burst(app: NewsReaderApp, text: str) -> None:
    """Post ``text``'s keys to the app at once, as the terminal driver does for one read."""
    for char in text:
        app.post_message(events.Key(NAMES.get(char, char), char))


async def tree_toggles(pilot: Pilot[None], screen: MainScreen) -> bool:
    """Whether t (a printable command key) still works: it puts the feeds tree away."""
    before = screen.has_class("-no-tree")
    await pilot.press("t")
    await settle(pilot)
    return screen.has_class("-no-tree") != before


async def test_search_key_in_a_burst_that_opens_another_screen_swallows_no_keys(
    make_app,
) -> None:
    for keys in (":/", "?/", "ax/"):
        app = make_app()
        async with running(app, (120, 40)) as (pilot, screen):
            burst(app, keys)
            await settle(pilot)
            assert not isinstance(app.screen, SearchScreen), keys
            while app.screen is not screen:
                await pilot.press("escape")
                await settle(pilot)
            assert await tree_toggles(pilot, screen), keys


async def test_keys_typed_right_after_the_search_key_go_into_the_prompt(make_app) -> None:
    app = make_app()
    async with running(app, (120, 40)) as (pilot, main):
        screen: MainScreen = main
        burst(app, "/tech")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input").value == "tech"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert await tree_toggles(pilot, screen)


async def test_tab_typed_fast_in_the_add_prompt_moves_on_before_the_next_keys(make_app) -> None:
    from reader.tui.screens.subscribe import AddFeedScreen

    app = make_app()
    async with running(app, (120, 40)) as (pilot, _screen):
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AddFeedScreen)
        burst(app, "abc\tTech")
        await settle(pilot)
        address = dialog.query_one("#add-feed-address", Input)
        category = dialog.query_one("#add-feed-category", Input)
        assert (address.value, category.value) == ("abc", "Tech")
        assert category.has_focus
        burst(app, "\tx")  # Tab in the category goes on (to the address), as Tab does
        await settle(pilot)
        assert (address.value, category.value) == ("abcx", "Tech")
