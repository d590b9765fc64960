"""Themes: dividers that show in light and dark themes, and a theme picked in the palette kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.color import Color

from reader.tui.app import THEME_KEY, THEME_SAVE_DELAY

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


async def test_a_theme_picked_in_the_reader_is_kept_for_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    store = build_store(path)
    try:
        async with running(new_app(store), (100, 30)) as (pilot, screen):
            assert screen.app.theme == "textual-dark"  # the config's
            screen.app.theme = "nord"  # as the palette's theme picker passes over it
            await pilot.pause()
            screen.app.theme = "textual-light"  # and picks this one
            for _ in range(50):  # bounded: kept once it stayed a moment
                await pilot.pause(THEME_SAVE_DELAY / 5)
                if store.get_meta(THEME_KEY):
                    break
            await settle(pilot)
        async with running(new_app(store), (100, 30)) as (pilot, screen):
            assert screen.app.theme == "textual-light"
        # the config's theme changed since: it wins (as reader.show_read does over H)
        async with running(new_app(store, make_config(theme="nord")), (100, 30)) as (_, screen):
            assert screen.app.theme == "nord"
        # a kept theme that no longer exists: the config's, and nothing said about it
        store.set_meta(THEME_KEY, json.dumps({"theme": "gone-theme", "config": "textual-dark"}))
        async with running(new_app(store), (100, 30)) as (pilot, screen):
            assert screen.app.theme == "textual-dark"
            assert not any("theme" in str(n.message) for n in screen.app._notifications)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("theme", "light"),
    [("textual-light", True), ("solarized-light", True), ("textual-dark", False), ("nord", False)],
)
async def test_dividers_are_stronger_in_light_themes_and_quiet_in_dark_ones(
    tmp_path: Path, theme: str, light: bool
) -> None:
    # grey 248 on 252 was hard to see: a light theme's dividers go a good part of the way from
    # the background to the text, a dark theme's stay a quiet quarter of it
    store = build_store(tmp_path / "t.db")
    try:
        async with running(new_app(store, make_config(theme=theme)), (120, 30)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            variables = screen.app.get_css_variables()
            background = Color.parse(variables["background"])
            text = abs(Color.parse(variables["foreground"]).brightness - background.brightness)
            for widget, edge in ((screen.deck, "border_left"), (screen.feeds_tree, "border_right")):
                _, colour = getattr(widget.styles, edge)
                share = abs((background + colour).brightness - background.brightness) / text
                assert (share >= 0.4) if light else (share <= 0.3), (theme, edge, share)
    finally:
        store.close()
