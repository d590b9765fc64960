"""A failing feed's back-off grows with the time it has been failing, not with how often the user
asked for it: refreshes by hand minutes apart during a short outage do not park it for a day."""

from __future__ import annotations

import time
from pathlib import Path

from reader.config import Config, RefreshConfig
from reader.refresh import BACKOFF_BASE, not_fetched, refresh
from reader.store import Store
from tests.httpserver import Item, LocalServer, rss
from tests.processes import newsreader as run

CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


def wait_of(store: Store, feed_id: int) -> float:
    feed = store.feed(feed_id)
    assert feed is not None and feed.next_fetch is not None and feed.last_fetched is not None
    return feed.next_fetch.timestamp() - feed.last_fetched.timestamp()


def wait_ran_out(store: Store, feed_id: int) -> None:
    """As if the feed's wait had passed since its last try (the clock cannot be moved on)."""
    wait = wait_of(store, feed_id)
    now = time.time()
    store.update_feed(feed_id, last_fetched=now - wait - 1, next_fetch=now - 1)


async def test_refreshes_by_hand_minutes_apart_keep_the_wait_it_had(
    srv: LocalServer, store: Store
) -> None:
    feed, _ = store.add_feed(srv.url("/gone-for-now.xml"), "Metro Wire")  # answers 404
    (first,) = await refresh(store, CONFIG)
    assert first.status == "error" and "404" in (first.error or "")
    assert wait_of(store, feed.id) == BACKOFF_BASE
    for _ in range(9):  # R pressed again and again while the wait runs: tried each time
        (again,) = await refresh(store, CONFIG, [feed.id], force=True)
        assert again.status == "error"
    after = store.feed(feed.id)
    assert after is not None and after.failures == 10  # every failed try is counted...
    assert wait_of(store, feed.id) == BACKOFF_BASE  # ... but the wait is 5 minutes, not a day
    (left,) = not_fetched([after], time.time()).backing_off
    assert left.next_fetch is not None and left.next_fetch.timestamp() - time.time() <= 300


async def test_the_wait_doubles_each_time_a_try_after_it_fails_too(
    srv: LocalServer, store: Store
) -> None:
    feed, _ = store.add_feed(srv.url("/down.xml"), "Down")
    await refresh(store, CONFIG)
    waits = [wait_of(store, feed.id)]
    for _ in range(9):  # each due try fails again: the feed has been failing twice as long
        wait_ran_out(store, feed.id)
        assert await refresh(store, CONFIG) != []  # due: a plain refresh tries it
        waits.append(wait_of(store, feed.id))
    assert waits == [300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 76800, 86400]
    srv.route("/down.xml", body=rss([Item(title="Back", link="https://down.example/1")]))
    wait_ran_out(store, feed.id)
    (ok,) = await refresh(store, CONFIG)
    healed = store.feed(feed.id)
    assert ok.status == "ok" and healed is not None and healed.failures == 0


def test_newsreader_refresh_after_a_short_outage_says_minutes(
    srv: LocalServer, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{srv.url("/rss.xml")}"\ntitle = "Metro Wire"\n')
    common = ("--config", str(config), "--db", str(tmp_path / "news.db"))
    for _ in range(10):  # (--force: as R does, each one tries the failing feed)
        assert run("refresh", "--force", *common).returncode == 1
    said = run("refresh", *common)
    assert "backing off after 10 failures, next try in 5 min" in said.stdout, said.stdout
