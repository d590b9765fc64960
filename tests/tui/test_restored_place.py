"""The reader starts where it was left: the headline it was on is listed, on screen and under
the cursor, however far down the list it was."""

from __future__ import annotations

from pathlib import Path

from reader.models import View
from reader.reading import save_place
from reader.store import open_store

from .conftest import build_store, new_app, screen_text, settle


async def test_the_restored_headline_is_scrolled_into_view_and_highlighted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "far.db"
    store = build_store(path, per_feed=40)
    far = store.headlines(View("all"), limit=61)[-1]  # row 61, well below the first screen
    save_place(store, View("all"), far.id)
    store.close()
    store = open_store(path)
    try:
        app = new_app(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.pause(0.2)
            table = app.screen.table  # type: ignore[attr-defined]
            assert table.current is not None and table.current.id == far.id
            top = int(table.scroll_y)
            assert top <= table.cursor_row < top + table.scrollable_content_region.height
            # the row drawn where the cursor is on screen is that headline
            line = screen_text(app).splitlines()[table.content_region.y + table.cursor_row - top]
            assert far.title[:30] in line
    finally:
        store.close()
