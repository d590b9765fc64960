"""A normal start whose save of the config's feeds is slow (a busy machine: over the 0.2 s after
which the reader says it waits) but that nothing held: the reader never says the database is
busy, nor later that it is "free again". It may say, neutrally, that it saves the feeds."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from reader.config import FeedConfig
from reader.store import Store
from reader.tui.app import NewsReaderApp
from tests.tui.conftest import make_config, new_app, screen_text

NEW_FEED = FeedConfig("http://127.0.0.1:9/harbour.xml", "Harbour Gazette", "Local")
SLOW = 2.0  # seconds the save takes, nothing holding the database (long enough to be seen
# on a loaded machine, where a tenth of a second of pause can take much longer)


class SlowStore(Store):
    """The store on a busy machine: saving the config's feeds takes SLOW seconds of work."""

    def sync_config_feeds(self, feeds: Sequence[FeedConfig]) -> None:
        time.sleep(SLOW)
        super().sync_config_feeds(feeds)


def toasts(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_slow_save_nothing_held_is_not_called_busy(store: Store) -> None:
    store.__class__ = SlowStore
    config = make_config()
    config = replace(config, feeds=(*config.feeds, NEW_FEED))
    app = new_app(store, config, sync_feeds=True)
    seen: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            await pilot.pause(0.1)
            seen.append(screen_text(app))
            if "Harbour Gazette" in seen[-1]:
                break
        await pilot.pause(0.3)
        seen.append(screen_text(app))
        assert "Harbour Gazette" in seen[-1]  # saved, and the tree lists it
        assert not any("busy" in shown.lower() for shown in seen), [
            s for s in seen if "busy" in s.lower()
        ]
        assert not any("free again" in said or "busy" in said for said in toasts(app)), toasts(app)
        assert any("Saving your config's feeds" in shown for shown in seen[:-1])
        assert "Saving your config's feeds" not in seen[-1]
