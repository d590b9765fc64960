"""A config with many problems: the start says how many in one toast (one toast each filled the
screen at 80x24, and the ones beyond it were never seen), and ``e`` (or the palette) lists
every one of them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from reader.tui.app import NewsReaderApp
from reader.tui.screens.config_problems import ConfigProblemsScreen

from .conftest import make_config, running, screen_text, settle

WHAT = (
    "refresh.interval_minutes: must be a whole number, not str",
    "refresh.concurrency: must be greater than 0",
    "bogus: unknown key (expected one of: feeds, reader, refresh, related, storage, summary)",
    "summary.algorithm: 'magic' is not a summary method",
    "summary.sentense: unknown key (expected one of: algorithm, language, ratio, sentences)",
    "reader.theme: must be a string, not int",
    "reader.keymap: must be 'default' or 'newsboat', not 'emacs'",
    "related.threshold: must be between 0 and 1",
    "feeds[2].url: has an unsupported scheme 'htp:'",
    "feeds[4].title: must be a string, not int",
    "feeds[5]: is missing the required key url",
    "feeds[7].url: is not a valid address: 'http://[::1'",
)
SOURCE = Path("/home/u/.config/newsreader/config.toml")
PROBLEMS = tuple(f"{SOURCE}, line {n * 3 + 2}: {what}" for n, what in enumerate(WHAT))


def toasts(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_twelve_config_problems_are_counted_at_the_start_and_e_lists_them_all(
    make_app,
) -> None:
    config = dataclasses.replace(make_config(), problems=PROBLEMS, source=SOURCE)
    app = make_app(config)
    async with running(app, (80, 24)) as (pilot, screen):
        said = [m for m in toasts(app) if "config" in m.lower()]
        assert len(said) == 1, said  # one toast, not twelve
        [short] = said
        assert "12 problems" in short and "refresh.interval_minutes" in short
        assert "e lists them all" in short
        first_row = screen.table.articles[0].title
        assert first_row[:30] in screen_text(app)  # the list stays in sight
        await pilot.press("e")
        await settle(pilot)
        box = app.screen
        assert isinstance(box, ConfigProblemsScreen)
        listed = screen_text(app)
        for what in WHAT[:8]:  # every one, none left out (the rest below, once scrolled)
            assert what[:30] in listed, what
        assert "/home/u/.config" not in listed.split("start again")[1]  # the path is said once
        assert "12 problems in /home/u/.config/newsreader/config.toml" in str(
            box.query_one("#config-problems-head").render()
        )
        await pilot.press("G")
        await settle(pilot)
        listed = screen_text(app)
        for what in WHAT[8:]:
            assert what[:30] in listed, what
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("e")  # the next e: the feeds' errors, as before
        await settle(pilot)
        assert app.screen is screen
        assert any("No feed had errors" in m for m in toasts(app)), toasts(app)


async def test_the_palette_lists_the_configs_problems(make_app) -> None:
    config = dataclasses.replace(make_config(), problems=PROBLEMS[:3])
    app = make_app(config)
    async with running(app, (100, 30)) as (pilot, _screen):
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"config problems")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfigProblemsScreen)
        assert "bogus: unknown key" in screen_text(app)
