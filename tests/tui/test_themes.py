"""Themes: dividers that show in light and dark themes, and a theme picked in the palette kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from .conftest import build_store, make_config, new_app, running, settle


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_the_divider_between_the_list_and_the_story_shows_in_the_theme(
    tmp_path: Path, theme: str
) -> None:
    store = build_store(tmp_path / "t.db")
    try:
        async with running(new_app(store, make_config(theme=theme)), (120, 30)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            background = Color.parse(screen.app.get_css_variables()["background"])
            for widget, edge in ((screen.deck, "border_left"), (screen.feeds_tree, "border_right")):
                kind, colour = getattr(widget.styles, edge)
                assert kind == "vkey"
                shown = background + colour  # as the terminal shows it (the colour's alpha)
                assert abs(shown.brightness - background.brightness) > 0.15, (theme, edge)
    finally:
        store.close()
