"""Read headlines hidden (H), the reader restarted on a read headline keeps it listed under
the cursor, at its place in time among the unread ones: newest first, never above newer
headlines (an item its feed gave no date is placed by when it was first seen, as the store
sorts it)."""

from __future__ import annotations

from datetime import timedelta

from reader.models import ParsedEntry, View
from reader.reading import save_place
from reader.store import Store
from reader.tui.format import listed_time
from reader.tui.screens.main import save_hide_read

from .conftest import NOW, make_config, new_app, running


async def test_the_kept_read_headline_stays_in_its_place_in_time(store: Store) -> None:
    feed = store.feeds()[0]
    undated = ParsedEntry(
        guid="undated-1",
        url="http://127.0.0.1:9/undated.html",
        title="Harbour ferry timetable changes for the winter",
        published=None,  # no date: listed (first) by when it was first seen
        summary_text="The ferry runs every two hours from Monday.",
    )
    store.upsert_entries(feed.id, [undated], now=NOW - timedelta(minutes=5))
    rows = store.headlines(View("all"), limit=100)
    assert rows[0].published is None  # the newest in the list
    kept = rows[5]  # hours old, read, the cursor on it when the reader closed
    store.set_read([kept.id], True)
    save_place(store, View("all"), kept.id)
    save_hide_read(store, make_config(), True)
    app = new_app(store)
    async with running(app, (120, 30)) as (_pilot, screen):
        table = screen.table
        assert table.hiding_read
        assert table.current is not None and table.current.id == kept.id
        times = [listed_time(a) for a in table.articles]
        assert all(t is not None for t in times)
        assert times == sorted(times, reverse=True)  # type: ignore[type-var]
        assert table.articles[0].published is None and table.cursor_row == 5
