"""l, → and h, ← step through an opened story's panes: l to the next pane, h to the previous
one; h on pane 1 is Back (to the headlines), l on the last pane and in the headlines is Enter.
Both keys are bindings with ids ([reader.keys] remaps them), in both keymaps."""

from __future__ import annotations

from reader.config import Config
from reader.store import Store
from reader.tui import keymap
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.story import StoryPane

from .conftest import make_config, running, settle
from .test_pane_keys_early import grouped


def focused_pane(screen: MainScreen) -> int | None:
    """The number of the story pane with focus (None: focus is elsewhere)."""
    focused = screen.focused
    for number, pane in enumerate(screen.deck.panes, start=1):
        if focused is not None and pane in focused.ancestors_with_self:
            return number
    return None


async def open_story(pilot: object, screen: MainScreen) -> None:
    screen.table.focus()
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)
    assert screen.reading and len(screen.deck.panes) == 3
    assert focused_pane(screen) == 1


async def test_l_and_h_step_through_the_panes_and_h_on_pane_1_goes_back(make_app, store) -> None:
    opened, others = grouped(store)
    async with running(make_app(), (120, 30)) as (pilot, screen):
        await open_story(pilot, screen)
        steps = []
        for key in ("l", "right", "l", "h", "left"):
            await pilot.press(key)
            await settle(pilot)
            steps.append(focused_pane(screen))
        # l on the last pane (3) stays there: Enter in a story pane keeps its panes
        assert steps == [2, 3, 3, 2, 1]
        assert screen.deck.active == 0 and screen.reading
        assert screen.deck.panes[0].state.article_id == opened
        await pilot.press("h")  # from pane 1: Back, as Esc (at 120 columns: to the headlines)
        await settle(pilot)
        assert not screen.reading and screen.table.has_focus
        await pilot.press("h")  # from the headlines: to the feeds, as before
        await settle(pilot)
        assert screen.feeds_tree.has_focus
        del others


async def test_l_in_the_headlines_opens_the_story_as_enter_does(make_app, store) -> None:
    opened, _ = grouped(store)
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("l")
        await settle(pilot)
        assert screen.reading and screen.deck.panes[0].state.article_id == opened
        assert focused_pane(screen) == 1


async def test_the_newsboat_preset_steps_through_panes_with_l_and_h_too(make_app, store) -> None:
    # the preset bound l, → to open and h, ← to Back: in a story l did nothing new
    grouped(store)
    async with running(make_app(make_config(keymap="newsboat")), (120, 30)) as (pilot, screen):
        screen.table.focus()
        await pilot.press("l")  # in the headlines: opens the story, as before
        await settle(pilot)
        assert screen.reading and len(screen.deck.panes) == 3 and focused_pane(screen) == 1
        await pilot.press("l")
        await settle(pilot)
        assert focused_pane(screen) == 2
        await pilot.press("h", "h")
        await settle(pilot)
        assert not screen.reading and screen.table.has_focus
        await pilot.press("q")  # newsboat's q: back a level, from the headlines to the feeds
        await settle(pilot)
        assert screen.feeds_tree.has_focus


async def test_the_pane_steps_are_remapped_by_their_ids(make_app, store: Store) -> None:
    grouped(store)
    config: Config = make_config(keys={"next_story_pane": "]", "prev_story_pane": "["})
    app = make_app(config)
    assert app.keymap_problems == []
    async with running(app, (120, 30)) as (pilot, screen):
        await open_story(pilot, screen)
        await pilot.press("l")  # its key went to "]"
        await settle(pilot)
        assert focused_pane(screen) == 1
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert focused_pane(screen) == 2
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert focused_pane(screen) == 1
        await pilot.press("escape")  # Back keeps Esc
        await settle(pilot)
        assert not screen.reading
    assert keymap.keys_of("next_story_pane", app.keymap) == "right_square_bracket"


async def test_a_pane_step_reaches_a_pane_off_screen(make_app, store) -> None:
    # at 80 columns one pane shows at a time (tabs): l brings the next one on screen
    grouped(store)
    async with running(make_app(), (80, 24)) as (pilot, screen):
        await open_story(pilot, screen)
        await pilot.press("l")
        await settle(pilot)
        panes = screen.deck.panes
        assert focused_pane(screen) == 2 and isinstance(panes[1], StoryPane)
        assert panes[1].display and not panes[0].display
