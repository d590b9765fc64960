"""The headline list reads each page once: G (every page left) and the prefetch as the cursor
nears the end never both add the page after the same row, and no query runs on the UI thread."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from reader.models import View
from reader.tui.widgets.headlines import PAGE

from .conftest import build_store, new_app, running, settle


async def test_G_while_the_next_page_is_being_read_lists_every_headline_once(
    tmp_path: Path,
) -> None:
    store = build_store(tmp_path / "news.db", per_feed=PAGE)  # three feeds: 3 pages and more
    total = store.count(View("all"))
    assert total > 2 * PAGE
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        table = screen.table
        assert len(table.articles) == PAGE
        # the first two reads of a next page wait for each other: both read after the same row
        both = threading.Barrier(2, timeout=5)
        calls = [0]
        lock = threading.Lock()
        headlines = store.headlines

        def meeting(view: View, after: Any = None, limit: int = 200) -> Any:
            if after is not None:
                with lock:
                    calls[0] += 1
                    first_two = calls[0] <= 2
                if first_two:
                    both.wait()
            return headlines(view, after=after, limit=limit)

        store.headlines = meeting  # type: ignore[method-assign]
        table.focus()
        table.move_cursor(row=PAGE - 10)  # the prefetch starts
        table.load_all()  # and G, at once
        await settle(pilot, rounds=6)
        ids = [a.id for a in table.articles]
        assert len(ids) == len(set(ids)) == total
        assert table.cursor_row == total - 1
    store.close()


async def test_the_page_after_a_row_with_no_date_is_found_off_the_ui_thread(
    tmp_path: Path,
) -> None:
    store = build_store(tmp_path / "news.db", per_feed=PAGE)
    total = store.count(View("all"))
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        table = screen.table
        ui = threading.get_ident()
        on_ui: list[str] = []
        cursor_of = store.cursor_of

        def watched(view: View, article: Any) -> Any:
            if threading.get_ident() == ui:
                on_ui.append("cursor_of")
            return cursor_of(view, article)

        store.cursor_of = watched  # type: ignore[method-assign]
        last = table.articles[-1]
        table.articles[-1] = replace(last, published=None)  # as a row of a feed giving none
        table._last = table.articles[-1]
        table.focus()
        table.move_cursor(row=PAGE - 10)  # the next page is read after that row
        await settle(pilot)
        assert on_ui == []
        assert len({a.id for a in table.articles}) == len(table.articles) == 2 * PAGE < total
    store.close()
