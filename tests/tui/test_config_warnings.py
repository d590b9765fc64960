"""The config's warnings (a feed listed twice, ...) at the start: one short toast that leaves
the list readable at 80x24, and e shows them in full."""

from __future__ import annotations

import dataclasses

from reader.tui.app import NewsReaderApp

from .conftest import make_config, running, screen_text, settle

WARNINGS = (
    "/home/u/config.toml, line 39: feed 'dup by case' is listed twice (same address as "
    "'http://127.0.0.1:8793/local.rss', line 36); using the first.",
    "/home/u/config.toml, line 42: feed 'dup by fragment' is listed twice (same address as "
    "'http://127.0.0.1:8793/local.rss', line 36); using the first.",
)


def shown(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_configs_warnings_are_one_short_toast_and_e_shows_them_in_full(
    make_app,
) -> None:
    config = dataclasses.replace(make_config(), warnings=WARNINGS)
    busy = "The database is busy: another newsreader is writing to it."  # a note of another kind
    app = make_app(config, notes=(busy,))
    async with running(app, (80, 24)) as (pilot, screen):
        said = shown(app)
        about = [m for m in said if "config warning" in m]
        assert busy in said and len(said) == 2, said  # the busy note, and one for the config
        [short] = about
        assert short.startswith("2 config warnings") and "e shows them" in short
        assert "dup by case" in short and len(short) <= 100
        assert not any("dup by fragment" in m for m in said)
        first_row = screen.table.articles[0].title
        assert first_row[:30] in screen_text(app)  # the list's first rows stay in sight
        await pilot.press("e")
        await settle(pilot)
        [full] = [n for n in app._notifications if n.title == "2 config warnings"]
        assert all(w.partition(", ")[2] in str(full.message) for w in WARNINGS)
