"""The help's example of remapping a key shows a real change under the active keymap: with
``keymap = "newsboat"`` F is the favourite key already, and the help said
``[reader.keys] favourite = "F"`` (setting it to itself)."""

from __future__ import annotations

from textual.widgets import Static

from reader.tui.screens.help import HelpScreen

from .conftest import make_config, running, screen_text, settle


async def _example(make_app, **reader: object) -> tuple[str, str]:
    """The help's first line, and the favourite action's keys in its table."""
    app = make_app(make_config(**reader))
    async with running(app, (120, 40)) as (pilot, _):
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        line = str(app.screen.query_one("#help-remap-top", Static).render())
        row = next(r for r in screen_text(app).splitlines() if "Favourite story" in r)
        return line, row.split("│")[1].split()[0]


async def test_the_newsboat_keymap_gets_an_example_that_changes_a_key(make_app) -> None:
    line, key = await _example(make_app, keymap="newsboat")
    assert key == "F"  # (the favourite key there)
    assert line.endswith('[reader.keys] favourite = "f"'), line


async def test_the_default_keymap_keeps_its_example(make_app) -> None:
    line, key = await _example(make_app)
    assert key == "f"
    assert line.endswith('[reader.keys] favourite = "F"'), line


async def test_a_key_remapped_already_is_not_the_example(make_app) -> None:
    line, key = await _example(make_app, keys={"favourite": "F", "toggle_summary": "f"})
    assert key == "F"
    assert line.endswith('[reader.keys] favourite = "m"'), line
