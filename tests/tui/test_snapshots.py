"""Snapshot tests of the main screens (reviewed by eye; fixed clock, fixed theme, fixed data).

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at every changed SVG.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.models import Page, Story, View
from reader.tui.app import NewsReaderApp

from .conftest import build_store, fixed_clock, make_config, settle


def app_with_story(tmp_path: Path, theme: str = "textual-dark") -> NewsReaderApp:
    store = build_store(tmp_path / "snap.db", hostile=True)
    first, second, third = store.headlines(View("all"), limit=8)[5:8]
    store.set_related(first.id, [(second.id, 0.8)])
    related = Story(
        title="Harbour plan: what the fishermen say",
        source="World Wire",
        text="Fishermen gathered at the quay. They fear losing their moorings. "
        "The council promised a temporary berth.",
    )
    text = "\n\n".join(
        f"Paragraph {n}. The council met on Monday to discuss the new harbour plan. "
        "Members argued for three hours about the cost."
        for n in range(1, 12)
    )
    store.put_page(
        first.id,
        Page(main=Story(title=first.title, source="World Wire", text=text), related=(related,)),
        "page",
    )
    store.set_favourite(third.id, True)
    return NewsReaderApp(make_config(theme=theme), store, clock=fixed_clock)


async def _settle(pilot: Pilot[None]) -> None:
    await settle(pilot)


async def _open_sixth(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press(*["j"] * 5, "enter")
    await settle(pilot)
    await pilot.pause(0.6)  # the unread counts are re-read shortly after a story is marked read
    await settle(pilot)


def test_main_screen_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app_with_story(tmp_path), terminal_size=(80, 24), run_before=_settle)


def test_main_screen_200x60_with_story_and_related_panes(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app_with_story(tmp_path), terminal_size=(200, 60), run_before=_open_sixth)


def test_story_narrow_80x24_tabbed(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app_with_story(tmp_path), terminal_size=(80, 24), run_before=_open_sixth)


def test_help_screen(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(
        app_with_story(tmp_path),
        terminal_size=(100, 40),
        run_before=_settle,
        press=["question_mark"],
    )


def test_light_theme(snap_compare, tmp_path: Path) -> None:
    app = app_with_story(tmp_path, theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 30), run_before=_settle)


def test_story_120x40_tree_steps_aside_while_reading(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(app_with_story(tmp_path), terminal_size=(120, 40), run_before=_open_sixth)
