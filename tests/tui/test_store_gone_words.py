"""The database file deleted while the reader runs: f says the favourite cannot be saved and to
quit and start newsreader again, never "Try again in a moment." (waiting does not help: the
store refuses every change until a new start opens the file at the path)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from textual.pilot import Pilot
from textual.worker import WorkerFailed

from reader.models import FeedResult
from reader.store import StoreGone, open_store
from reader.tui import hints
from tests.tui.conftest import build_store, new_app, running, settle


async def settled(pilot: Pilot[None]) -> None:
    for _ in range(3):
        with contextlib.suppress(WorkerFailed):
            await settle(pilot)


async def test_f_after_the_file_is_deleted_says_quit_and_start_again(tmp_path: Path) -> None:
    store = build_store(tmp_path / "news.db")
    try:
        app = new_app(store)
        async with running(app) as (pilot, _screen):
            os.unlink(store.path)
            await pilot.press("f")
            await settled(pilot)
            said = [str(n.message) for n in app._notifications]
            (text,) = [t for t in said if t.startswith("Not saved: the favourite")]
            assert "deleted or replaced while newsreader was running" in text
            assert "nothing can be saved" in text
            assert text.endswith("Quit and start newsreader again.")
            assert "Try again in a moment" not in text
    finally:
        store.close()


def test_store_gone_has_its_own_reason(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    try:
        os.unlink(store.path)
        try:
            store.set_favourite(1, True)
        except StoreGone as exc:
            assert exc.reason == "gone"
        else:
            raise AssertionError("a change to a deleted database file was not refused")
    finally:
        store.close()


def test_a_refresh_result_refused_so_is_worded_the_same() -> None:
    text = (
        "The database file was deleted or replaced while newsreader was running (/x/news.db): "
        "what you change now cannot be saved."
    )
    for error in (FeedResult(1, "u", "t", not_saved=text, not_saved_reason="gone"), text):
        why, advice = hints.why_not_saved(error)
        assert why.startswith("the database file was deleted or replaced")
        assert advice == "Quit and start newsreader again."
