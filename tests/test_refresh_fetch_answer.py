"""What a feed's server answered to its last fetch is kept (schema 9): its HTTP status and the
wait it asked for (Retry-After), so that a refresh by hand knows which feeds it must leave
alone without guessing it from the length of their wait."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from reader.config import Config, RefreshConfig
from reader.refresh import backoff_seconds, not_fetched, refresh, server_asked_to_wait
from reader.schema import migrate
from reader.store import Store
from tests.httpserver import Item, LocalServer, rss

CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


async def test_a_wait_the_server_asked_for_is_known_whatever_its_length(
    srv: LocalServer, store: Store
) -> None:
    # the server's wait is exactly our own first back-off: its length cannot tell them apart
    ours = str(int(backoff_seconds(1)))
    srv.route("/busy.xml", status=503, body=b"later", headers={"Retry-After": ours})
    srv.route("/broken.xml", status=500, body=b"oops")
    srv.route("/fine.xml", body=rss([Item(title="A story", link="https://news.example/1")]))
    busy, _ = store.add_feed(srv.url("/busy.xml"), "Busy")
    store.add_feed(srv.url("/broken.xml"), "Broken")
    store.add_feed(srv.url("/fine.xml"), "Fine")
    await refresh(store, CONFIG)
    answered = {f.title: (f.last_status, f.retry_after) for f in store.feeds()}
    assert answered == {
        "Busy": (503, float(ours)),
        "Broken": (500, None),
        "Fine": (200, None),
    }
    feeds = {f.title: f for f in store.feeds()}
    assert server_asked_to_wait(feeds["Busy"])
    assert not server_asked_to_wait(feeds["Broken"]) and not server_asked_to_wait(feeds["Fine"])
    # R (a refresh of every feed by hand) fetches the failing one again, not the one asked to wait
    left = not_fetched(list(feeds.values()), time.time(), by_hand=True)
    assert [f.title for f in left.backing_off] == ["Busy"]
    # once it answers again, the wait it asked for is forgotten
    srv.route("/busy.xml", body=rss([Item(title="Back", link="https://news.example/2")]))
    await refresh(store, CONFIG, force=True)
    again = store.feed(busy.id)
    assert again is not None and (again.last_status, again.retry_after) == (200, None)
    assert not server_asked_to_wait(again)


def test_an_older_database_read_as_it_is_has_feeds_without_an_answer(tmp_path: Path) -> None:
    """A schema-8 file that cannot be migrated (read-only) still lists its feeds."""
    path = tmp_path / "news.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, 8)
    db.execute("INSERT INTO feeds(id, url, title) VALUES (1, 'https://news.example/f', 'Old')")
    db.close()
    store = Store(path, read_only=True)
    feeds = store.feeds()
    assert [(f.title, f.last_status, f.retry_after) for f in feeds] == [("Old", None, None)]
    store.close()
