"""Fixtures for the reader's Pilot and snapshot tests: a small store with fixed dates and a fixed clock."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from reader.config import Config, FeedConfig, ReaderConfig, RefreshConfig, SummaryConfig
from reader.models import ParsedEntry
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
HOSTILE_TITLES = (
    "[bold red]x[/]",
    "[@click=app.quit]Read more[/]",
    "[link=file:///etc/passwd]x[/link]",
    "esc \x1b]0;PWNED\x07 title \x9b2J end",
    "rtl \u202eevil\u202c text",
)
FEEDS = (
    FeedConfig("http://127.0.0.1:9/world.xml", "World Wire", "World"),
    FeedConfig("http://127.0.0.1:9/tech.xml", "Tech Daily", "Technology"),
    FeedConfig("http://127.0.0.1:9/science.xml", "Science Post", "Science"),
)
BODY = (
    "The council met on Monday to discuss the new harbour plan. "
    "Members argued for three hours about the cost of the project. "
    "The mayor said the harbour would bring jobs to the town. "
    "Opponents said the money should go to schools instead. "
    "A final vote is expected next month after a public consultation. "
    "Local businesses have welcomed the plan. "
    "Fishermen worry about the loss of moorings during construction."
)


def fixed_clock() -> datetime:
    return NOW


def entries(feed_index: int, count: int) -> list[ParsedEntry]:
    result = []
    for n in range(count):
        published = NOW - timedelta(hours=feed_index * 5 + n * 7 + 1)
        result.append(
            ParsedEntry(
                guid=f"feed{feed_index}-{n}",
                url=f"http://127.0.0.1:9/{feed_index}/{n}.html",
                title=f"{FEEDS[feed_index].title} story number {n}",
                author="A. Writer" if n % 2 else "",
                published=published,
                summary_text=f"Story {n} of {FEEDS[feed_index].title}. {BODY}",
            )
        )
    return result


def build_store(path: Path, per_feed: int = 12, hostile: bool = False) -> Store:
    store = open_store(path)
    store.sync_config_feeds(FEEDS)
    feeds = store.feeds()
    for index, feed in enumerate(feeds):
        position = next(i for i, f in enumerate(FEEDS) if f.url == feed.url)
        items = entries(position, per_feed)
        if hostile and position == 0:
            items += [
                ParsedEntry(
                    guid=f"hostile-{n}",
                    url=f"http://127.0.0.1:9/h/{n}.html",
                    title=title,
                    published=NOW - timedelta(minutes=10 + n),
                    summary_text=f"{title} {BODY}",
                )
                for n, title in enumerate(HOSTILE_TITLES)
            ]
        store.upsert_entries(feed.id, items, now=NOW)
        del index
    return store


def make_config(**reader: object) -> Config:
    return Config(
        feeds=FEEDS,
        reader=ReaderConfig(**reader),  # type: ignore[arg-type]
        summary=SummaryConfig(sentences=2),
        refresh=RefreshConfig(interval_minutes=0, timeout_seconds=2.0),
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    built = build_store(tmp_path / "news.db")
    yield built
    built.close()


def new_app(store: Store, config: Config | None = None, **kwargs: object) -> NewsReaderApp:
    """The reader on ``store`` with the tests' config (unless given) and the fixed clock."""
    return NewsReaderApp(config or make_config(), store, clock=fixed_clock, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def make_app(store: Store) -> Callable[..., NewsReaderApp]:
    def make(config: Config | None = None, **kwargs: object) -> NewsReaderApp:
        return new_app(store, config, **kwargs)

    return make


def quiet(app: App[Any]) -> bool:
    """Nothing left to settle: no worker running, and no message or after-refresh callback
    waiting on the app or its screen."""
    if len(app.workers):
        return False
    screen = app.screen
    if screen._callbacks:
        return False
    return all(
        node.message_queue_size == 0 for node in (app, *screen.walk_children(with_self=True))
    )


async def settle(pilot: object, rounds: int | None = None) -> None:
    """Let workers finish and their messages land: rounds of handling what is pending and
    waiting for the workers. Without ``rounds``: at most 3, ending once a round finds nothing
    left (`quiet`: a further round would handle nothing); with ``rounds``: that many."""
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(3 if rounds is None else rounds):
        await pilot.pause()  # type: ignore[attr-defined]
        if rounds is None and quiet(app):
            return
        await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


@asynccontextmanager
async def running(
    app: NewsReaderApp, size: tuple[int, int] = (120, 30)
) -> AsyncIterator[tuple[Pilot[None], Any]]:
    """The app running headless, settled, with its main screen."""
    from reader.tui.screens.main import MainScreen

    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        yield pilot, screen
