"""A reader with timed refreshes off does not refresh as it starts, so nothing grouped what a
`newsreader refresh` stored before it (or an upgrade left to group again) until the first R:
its housekeeping process now does it once the headlines are up."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.config import Config, RefreshConfig
from reader.models import ParsedEntry
from reader.store import open_store
from reader.tui.app import NewsReaderApp

LEAD = (
    "A magnitude 6.8 earthquake struck off Valparaiso in central Chile on Tuesday, the "
    "geological survey said, and the navy issued a tsunami warning for the coast."
)


async def test_what_waits_to_be_grouped_is_grouped_when_the_reader_starts(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "news.db")
    now = datetime.now(UTC)
    ids = []
    for n, (url, title) in enumerate(
        [
            ("https://wire.example/feed", "Magnitude 6.8 quake strikes off Valparaiso, Chile"),
            ("https://daily.example/feed", "Chile earthquake: 6.8 tremor hits near Valparaiso"),
        ]
    ):
        feed, _ = store.add_feed(url, f"Outlet {n}")
        entry = ParsedEntry(
            guid=f"{url}#quake",
            url=f"{url.removesuffix('/feed')}/quake",
            title=title,
            published=now - timedelta(minutes=30 + n),
            summary_text=LEAD,
        )
        ids += store.upsert_entries(feed.id, [entry])[0]
    assert [a.group_id for a in map(store.article, ids) if a] == [None, None]
    config = Config(refresh=RefreshConfig(interval_minutes=0))
    app = NewsReaderApp(config, store, background_refresh=True)  # as `newsreader` runs it
    async with app.run_test(size=(100, 30)) as pilot:
        groups: list[int | None] = [None, None]
        for _ in range(100):  # the housekeeping process starts, then groups (a few seconds)
            await pilot.pause(0.2)
            await asyncio.sleep(0)
            groups = [a.group_id for a in map(store.article, ids) if a]
            if None not in groups:
                break
        assert groups[0] is not None and groups[0] == groups[1]
    store.close()
