"""The reader started while another program holds the database locked (``BEGIN EXCLUSIVE`` in
the sqlite3 shell): the screen comes at once and says it waits for the database; the config's
feeds are saved (in a worker) as soon as the lock goes, and the tree then lists them."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace

from reader.config import FeedConfig
from reader.store import Store
from reader.tui.app import NewsReaderApp
from tests.tui.conftest import make_config, new_app, screen_text


def toasts(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


NEW_FEED = FeedConfig("http://127.0.0.1:9/harbour.xml", "Harbour Gazette", "Local")


async def test_a_locked_database_shows_the_screen_at_once_and_says_it_waits(
    store: Store,
) -> None:
    config = make_config()
    config = replace(config, feeds=(*config.feeds, NEW_FEED))
    app = new_app(store, config, sync_feeds=True)
    lock = sqlite3.connect(store.path, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause(0.5)
            shown = screen_text(app)
            assert time.monotonic() - started < 3.0  # not after the 5 s busy timeout
            assert "World Wire story number 0" in shown  # the list, from the database as it is
            assert "Database busy: waiting" in shown, shown
            assert "Harbour Gazette" not in shown
            lock.execute("COMMIT")  # the other program lets go
            for _ in range(60):
                await pilot.pause(0.1)
                if any("free again" in said for said in toasts(app)):
                    break
            await pilot.pause(0.5)
            assert any("free again" in said for said in toasts(app)), toasts(app)
            shown = screen_text(app)
            assert "Database busy" not in shown
            assert "Harbour Gazette" in shown  # the config's new feed, saved and in the tree
            assert any(f.url == NEW_FEED.url for f in store.feeds())
    finally:
        if lock.in_transaction:
            lock.execute("ROLLBACK")
        lock.close()
