"""What the reader shows of a read state or favourite matches what is saved: a change the
database refuses (another program holding it locked) goes back on screen, and the message
names what was not saved; A / C / U act on copies as configured and undo exactly."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from textual.worker import WorkerFailed

from reader import store as store_module
from reader.models import Article, View
from reader.store import Store
from reader.tui.app import NewsReaderApp

from .conftest import make_config, new_app, running, settle


@pytest.fixture
def quick_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A locked database is given up on after 0.3 s, not 5 (connections made from now on)."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)


@contextmanager
def locked(store: Store) -> Iterator[None]:
    """Another program holds the database (BEGIN EXCLUSIVE) while the block runs."""
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def saved(store: Store, article_id: int) -> Article:
    article = store.article(article_id)
    assert article is not None
    return article


def said(app: NewsReaderApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def listed_read(app: NewsReaderApp, article_id: int) -> bool:
    screen = app.screen
    return next(a.is_read for a in screen.table.articles if a.id == article_id)  # type: ignore[attr-defined]


async def test_u_refused_by_a_locked_database_puts_the_row_back_and_says_so(
    store: Store, quick_busy: None
) -> None:
    app = new_app(store)
    async with running(app) as (pilot, screen):
        first = screen.table.current
        assert first is not None and not first.is_read
        with locked(store):
            await pilot.press("u")
            await settle(pilot)
        assert not saved(store, first.id).is_read  # nothing saved
        assert not listed_read(app, first.id)  # and the list says so
        (text,) = [t for t in said(app) if t.startswith("Not saved")]
        assert first.title[:20] in text and "is still unread" in text
        assert "the database is busy" in text and "Try again in a moment." in text
        await pilot.press("u")  # the lock gone, u works
        await settle(pilot)
        assert saved(store, first.id).is_read and listed_read(app, first.id)


async def test_a_story_opened_while_the_database_is_locked_is_shown_unread_again(
    store: Store, quick_busy: None
) -> None:
    app = new_app(store)
    async with running(app) as (pilot, screen):
        first = screen.table.current
        assert first is not None
        with locked(store):
            await pilot.press("enter")  # mark_read_on_open
            await settle(pilot)
        assert not saved(store, first.id).is_read
        assert not listed_read(app, first.id)
        assert screen.deck.panes[0].state.read is False
        assert any("is still unread" in t for t in said(app))


async def test_A_refused_marks_nothing_and_U_refused_can_be_tried_again(
    store: Store, quick_busy: None
) -> None:
    app = new_app(store)
    async with running(app) as (pilot, screen):
        with locked(store):
            await pilot.press("A")
            await settle(pilot)
        assert store.count(View("unread")) == len(screen.table.articles)
        assert not any(a.is_read for a in screen.table.articles)
        assert any(t.startswith("Not saved: nothing in") for t in said(app))
        assert screen.undo_stack == []  # nothing to undo

        await pilot.press("A")
        await settle(pilot)
        assert store.count(View("unread")) == 0
        with locked(store):
            await pilot.press("U")
            await settle(pilot)
        assert store.count(View("unread")) == 0
        assert all(a.is_read for a in screen.table.articles)
        assert any("are still read" in t for t in said(app))
        await pilot.press("U")  # kept: U tries again once the lock is gone
        await settle(pilot)
        assert store.count(View("unread")) == len(screen.table.articles)


async def test_f_refused_says_the_favourite_was_not_saved(store: Store, quick_busy: None) -> None:
    app = new_app(store)
    async with running(app) as (pilot, screen):
        first = screen.table.current
        assert first is not None
        with locked(store):
            await pilot.press("f")
            with pytest.raises(WorkerFailed):  # (the worker's error is what is said)
                await app.workers.wait_for_complete()
            await pilot.pause()
        assert not saved(store, first.id).is_favourite
        assert any(t.startswith("Not saved: the favourite") and "busy" in t for t in said(app)), (
            said(app)
        )


@pytest.mark.parametrize("together", [True, False])
async def test_A_and_its_undo_act_on_copies_as_configured(store: Store, together: bool) -> None:
    tech = next(f for f in store.feeds() if f.title == "Tech Daily")
    world = next(f for f in store.feeds() if f.title == "World Wire")
    original = store.headlines(View("feed", feed_id=world.id), limit=1)[0]
    copy, read_copy = store.headlines(View("feed", feed_id=tech.id), limit=2)
    store.set_group(copy.id, 5, duplicate_of=original.id)  # the world story, syndicated
    store.set_group(read_copy.id, 5, duplicate_of=original.id)
    store.set_read([read_copy.id], True)  # read before: stays read after U
    config = make_config()
    config = replace(config, related=replace(config.related, mark_duplicates_read=together))
    app = new_app(store, config)
    async with running(app) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=world.id))
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert saved(store, original.id).is_read
        assert saved(store, copy.id).is_read is together
        await pilot.press("U")
        await settle(pilot)
        assert not saved(store, original.id).is_read
        assert not saved(store, copy.id).is_read
        assert saved(store, read_copy.id).is_read  # not marked unread by the undo


@pytest.mark.parametrize("together", [True, False])
async def test_u_marks_copies_as_configured(store: Store, together: bool) -> None:
    tech = next(f for f in store.feeds() if f.title == "Tech Daily")
    world = next(f for f in store.feeds() if f.title == "World Wire")
    original = store.headlines(View("feed", feed_id=world.id), limit=1)[0]
    copy = store.headlines(View("feed", feed_id=tech.id), limit=1)[0]
    store.set_group(copy.id, 5, duplicate_of=original.id)
    config = make_config()
    config = replace(config, related=replace(config.related, mark_duplicates_read=together))
    app = new_app(store, config)
    async with running(app) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=world.id))
        await settle(pilot)
        assert screen.table.current is not None and screen.table.current.id == original.id
        await pilot.press("u")
        await settle(pilot)
        assert saved(store, original.id).is_read
        assert saved(store, copy.id).is_read is together


async def test_u_on_a_read_only_database_puts_the_row_back_and_says_why(store: Store) -> None:
    path = store.path
    store.close()
    read_only = Store(path, read_only=True)
    app = new_app(read_only)
    async with running(app) as (pilot, screen):
        first = screen.table.current
        assert first is not None and not first.is_read
        await pilot.press("u")
        await settle(pilot)
        assert not listed_read(app, first.id)
        assert any("is still unread (the database is read-only)" in t for t in said(app)), said(app)
    read_only.close()
