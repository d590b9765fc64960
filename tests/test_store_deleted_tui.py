"""The reader's database file deleted while the reader runs: f says the favourite was not saved
because the file was deleted or replaced (no star), stories still open and show their text (read
from the file the reader opened), and no empty database appears at the path."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tests.tui.conftest import build_store, new_app, running, screen_text, settle


async def settled(pilot: Pilot[None]) -> None:
    """Workers done (a failed one's error is what the reader says) and their messages in."""
    for _ in range(3):
        with contextlib.suppress(WorkerFailed):
            await settle(pilot)


def said(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_f_and_opening_a_story_after_the_database_file_is_deleted(tmp_path: Path) -> None:
    store = build_store(tmp_path / "news.db")
    try:
        app = new_app(store)
        async with running(app) as (pilot, screen):
            first = screen.table.current
            assert first is not None and not first.is_favourite
            os.unlink(store.path)

            await pilot.press("f")
            await settled(pilot)
            (text,) = [t for t in said(app) if t.startswith("Not saved: the favourite")]
            assert "the database file was deleted or replaced while newsreader was" in text
            assert not next(a for a in screen.table.articles if a.id == first.id).is_favourite
            assert not store.article(first.id).is_favourite  # type: ignore[union-attr]

            await pilot.press("enter")  # a worker thread reads the story: from the open file
            await settled(pilot)
            assert "Story 0 of World Wire" in screen_text(app)
            assert not any("no such table" in t or "Database error" in t for t in said(app))
            assert not store.path.exists()
    finally:
        store.close()
    assert not store.path.exists()
