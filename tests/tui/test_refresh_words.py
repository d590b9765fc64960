"""What r and R say when nothing could be fetched or saved: a feed gone for good is not fetched
again (adding its address again tries it), never "r on a feed fetches it now"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from reader import store as store_module
from reader.config import Config, FeedConfig
from reader.models import View
from reader.store import Store
from tests.httpserver import LocalServer

from .conftest import NOW, build_store, make_config, new_app, running, settle


def rss(titles: list[str], base: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{base}/a/{n}</link><guid>{base}/a/{n}</guid>"
        f"<pubDate>{NOW.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for n, t in enumerate(titles)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        f"<link>{base}</link>{items}</channel></rss>"
    ).encode()


def subscribed(path: Path, feeds: tuple[FeedConfig, ...]) -> tuple[Store, Config]:
    """An empty store subscribed to ``feeds``, and the config that lists them."""
    store = build_store(path, per_feed=0)
    store.sync_config_feeds(feeds)
    return store, replace(make_config(), feeds=feeds)


def said(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_r_on_a_feed_gone_for_good_says_it_is_not_fetched_and_how_to_try_it(
    store: Store,
) -> None:
    feed = store.feeds()[0]
    store.update_feed(feed.id, dead=1, last_error="HTTP 410 Gone: it is gone for good.")
    app = new_app(store)
    async with running(app) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot, rounds=6)
        (text,) = [t for t in said(app) if "gone for good" in t]
        assert "is not fetched again" in text
        assert "adding its address again with a tries it" in text
        assert "fetches it now" not in text and "No feed was due" not in text


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked database is given up on after 0.3 s, not 5 (connections made from now on)."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Another program holds the database (BEGIN EXCLUSIVE) while the block runs."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_a_refresh_the_database_would_not_save_says_so_and_e_says_it_too(
    tmp_path: Path, quick_busy: None
) -> None:
    with LocalServer() as server:
        base = server.url("")
        server.route(
            "/news.xml",
            body=rss(["Harbour vote delayed", "Council meets"], base),
            headers={"Content-Type": "application/rss+xml"},
        )
        feeds = (FeedConfig(server.url("/news.xml"), "Harbour News", "Local"),)
        store, config = subscribed(tmp_path / "r.db", feeds)
        feed = store.feeds()[0]
        app = new_app(store, config)
        async with running(app) as (pilot, screen):
            with locked(store.path):  # new headlines to store: the feed's own write is refused
                await pilot.press("R")
                await settle(pilot, rounds=8)
            assert store.count(View("all")) == 0
            (text,) = [t for t in said(app) if "not saved" in t]
            assert text.startswith("Fetched, but not saved: the database is busy")
            assert "failed" not in text and "new headline" not in text
            screen.go_to_view(View("feed", feed_id=feed.id))
            await settle(pilot)
            await pilot.press("e")
            assert any(
                t.startswith("Fetched on the last refresh, but not saved") for t in said(app)
            )
            assert not any("No errors" in t for t in said(app))

            await pilot.press("r")  # the lock gone: stored
            await settle(pilot, rounds=8)
            assert store.count(View("all")) == 2
            app._notifications.clear()
            with locked(store.path):  # nothing new: only the fetch state is refused
                await pilot.press("r")
                await settle(pilot, rounds=8)
            texts = said(app)
            assert any(t.startswith("Fetched, but not saved: the database is busy") for t in texts)
            assert not any("0 new headlines" in t for t in texts), texts
        store.close()
