"""c (one headline per story) is kept across restarts, as H is, until the config's
``reader.collapse_groups`` changes (then the config wins)."""

from __future__ import annotations

from pathlib import Path

from reader.store import open_store
from reader.tui.app import NewsReaderApp

from .conftest import build_store, make_config, new_app, running, screen_text, settle


async def test_c_is_kept_across_restarts_until_the_config_changes(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    build_store(path).close()

    def start(**reader: object) -> NewsReaderApp:
        return new_app(open_store(path), make_config(**reader))

    app = start()
    async with running(app) as (pilot, screen):
        assert not screen.table.collapse_groups
        await pilot.press("c")
        await settle(pilot)
        assert screen.table.collapse_groups
    app.store.close()

    app = start()
    async with running(app) as (pilot, screen):
        await settle(pilot)
        assert screen.table.collapse_groups
        assert "one per story" in screen_text(app)
        await pilot.press("c")  # and back: kept too
        await settle(pilot)
    app.store.close()

    app = start()
    async with running(app) as (_pilot, screen):
        assert not screen.table.collapse_groups
    app.store.close()

    # collapse_groups = true in the config (changed since c's choice): the config wins
    app = start(collapse_groups=True)
    async with running(app) as (_pilot, screen):
        assert screen.table.collapse_groups
    app.store.close()
