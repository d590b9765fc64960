"""The reader started while another program holds the database locked (``BEGIN EXCLUSIVE`` in
the sqlite3 shell): the screen comes at once and says it saves the config's feeds; once the
store reports the lock (StoreBusy, after its busy timeout) it says the database is busy and who
holds it; the config's feeds are saved (in a worker) as soon as the lock goes, and the tree then
lists them."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace

import pytest

from reader import store as store_module
from reader.config import FeedConfig
from reader.store import Store
from reader.tui.app import NewsReaderApp
from tests.tui.conftest import make_config, new_app, screen_text


def toasts(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


NEW_FEED = FeedConfig("http://127.0.0.1:9/harbour.xml", "Harbour Gazette", "Local")


async def test_a_locked_database_shows_the_screen_at_once_and_says_it_waits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the store's wait for a lock, shortened (the worker's own connection is opened with it)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 2000)
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
            # (changed: "Database busy" was said here, 0.2 s into any save, before the store
            # reported a lock; a slow save on a busy machine was called busy too). On a loaded
            # machine the store may have reported the lock by now: then, and only then, it is
            # called busy.
            if not any("holds it locked" in said for said in toasts(app)):
                assert "Saving your config's feeds" in shown, shown
                assert "Database busy" not in shown
            assert "Harbour Gazette" not in shown
            for _ in range(100):  # the store reports the lock: now it is said, with its holder
                await pilot.pause(0.1)
                if "Database busy: waiting" in screen_text(app):
                    break
            assert "Database busy: waiting" in screen_text(app), screen_text(app)
            assert any("holds it locked" in said for said in toasts(app)), toasts(app)
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
