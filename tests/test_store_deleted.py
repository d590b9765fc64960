"""The database file deleted, or another file put at its path, while a store has it open: the
store keeps reading the file it opened (its connections still hold it), refuses every change
with a StoreGone that says what happened and what to do, never makes a new (empty) file at the
path, and leaves nothing of the old file's WAL there to be read into the next database."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.store import Store, StoreError, StoreGone, open_store

T = TypeVar("T")

FEED = FeedConfig("http://127.0.0.1:9/feed.xml", "Harbour News")


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Store]:
    """A database of one feed of three stories, open (its first connection made)."""
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FEED])
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(f"g{n}", f"http://127.0.0.1:9/{n}.html", f"Harbour story {n}")
            for n in range(3)
        ],
    )
    yield store
    store.close()


def in_thread(work: Callable[[], T]) -> T:
    """``work`` run in a new thread (a new connection, as the reader's workers get), its
    result or its exception."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:
            error.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if error:
        raise error[0]
    return result[0]


def titles(store: Store) -> list[str]:
    return sorted(a.title for a in store.headlines(View("all")))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def first_id(store: Store) -> int:
    return store.headlines(View("all"), limit=1)[0].id


def test_a_favourite_after_the_file_is_deleted_is_refused_in_words(opened: Store) -> None:
    article = first_id(opened)
    os.unlink(opened.path)
    with pytest.raises(StoreGone) as caught:
        opened.set_favourite(article, True)
    text = str(caught.value)
    assert isinstance(caught.value, StoreError)  # (shown as every database refusal is)
    assert text.startswith("The database file was deleted or replaced while newsreader was")
    assert str(opened.path) in text and "cannot be saved" in text
    assert "Quit and start newsreader again" in text and "favourites --format json" in text
    assert not opened.article(article).is_favourite  # type: ignore[union-attr]
    assert not opened.path.exists()


def test_reading_goes_on_from_the_open_file_in_a_new_thread_and_makes_no_file(
    opened: Store,
) -> None:
    before = titles(opened)
    os.unlink(opened.path)
    # a worker thread's first use of the store: once, a new connection on the path made an
    # empty database there ("no such table: articles")
    assert in_thread(lambda: titles(opened)) == before
    assert not opened.path.exists()
    assert titles(opened) == before
    with pytest.raises(StoreGone):
        in_thread(lambda: opened.set_read([first_id(opened)]))
    assert not opened.path.exists()


def test_threads_that_close_their_connection_leave_the_file_readable(opened: Store) -> None:
    """Short-lived workers close their connection (refresh does): while the file is gone, the
    store keeps them open, for they are all that still reads it."""
    before = titles(opened)
    os.unlink(opened.path)

    def read_and_close() -> list[str]:
        try:
            return titles(opened)
        finally:
            opened.close_thread_connection()

    assert in_thread(read_and_close) == before
    opened.close_thread_connection()  # (the first connection's thread lets go of it too)
    assert in_thread(read_and_close) == before
    assert titles(opened) == before


def test_a_replaced_file_is_not_written_and_the_store_reads_its_own(
    opened: Store, tmp_path: Path
) -> None:
    other = open_store(tmp_path / "other.db")
    other.add_feed("http://127.0.0.1:9/other.xml", "Other Feed")
    other.close()
    before = titles(opened)
    os.replace(tmp_path / "other.db", opened.path)
    put_there = digest(opened.path)
    with pytest.raises(StoreGone):
        opened.set_read([first_id(opened)])
    with pytest.raises(StoreGone):
        in_thread(lambda: opened.set_favourite(first_id(opened), True))
    assert in_thread(lambda: titles(opened)) == before  # its own file, not the one put there
    assert [f.title for f in opened.feeds()] == ["Harbour News"]
    assert digest(opened.path) == put_there


def test_a_file_deleted_during_a_write_has_the_write_rolled_back(opened: Store) -> None:
    article = first_id(opened)
    with pytest.raises(StoreGone), opened.transaction() as db:
        db.execute("UPDATE articles SET is_favourite = 1 WHERE id = ?", (article,))
        os.unlink(opened.path)
    assert not opened.article(article).is_favourite  # type: ignore[union-attr]


def test_a_write_of_the_refresh_is_refused_too(opened: Store) -> None:
    feed = opened.feeds()[0]
    os.unlink(opened.path)
    with pytest.raises(StoreGone):
        in_thread(
            lambda: opened.upsert_entries(
                feed.id, [ParsedEntry("new", "http://127.0.0.1:9/new.html", "New story")]
            )
        )
    assert "New story" not in titles(opened)


def test_with_every_connection_closed_it_says_so_and_makes_no_file(opened: Store) -> None:
    os.unlink(opened.path)
    opened.close()
    with pytest.raises(StoreGone):
        opened.feeds()
    assert not opened.path.exists()


def test_a_file_moved_away_keeps_what_was_saved_before(opened: Store, tmp_path: Path) -> None:
    """Saved changes wait in the WAL beside the path until a checkpoint; the file moved
    elsewhere gets them when the move is noticed, and the path keeps no WAL of them."""
    article = first_id(opened)
    opened.set_favourite(article, True)  # (in the WAL: no checkpoint yet)
    kept = tmp_path / "kept.db"
    os.replace(opened.path, kept)
    with pytest.raises(StoreGone):
        opened.set_read([article])
    opened.close()
    moved = open_store(kept)
    try:
        assert moved.article(article).is_favourite  # type: ignore[union-attr]
    finally:
        moved.close()


def test_the_next_start_opens_the_file_put_there_not_the_old_wal(
    opened: Store, tmp_path: Path
) -> None:
    """A WAL of the old file left at the path would be read into the file put there (its
    pages over that one's): the next start would show the old database."""
    opened.set_read([first_id(opened)])  # (the old file's latest pages in its WAL)
    other = open_store(tmp_path / "other.db")
    other.add_feed("http://127.0.0.1:9/other.xml", "Other Feed")
    other.close()
    os.replace(tmp_path / "other.db", opened.path)
    with pytest.raises(StoreGone):
        opened.set_favourite(first_id(opened), True)
    opened.close()  # quit
    again = open_store(opened.path)  # and start again
    try:
        assert [f.title for f in again.feeds()] == ["Other Feed"]
        assert again.headlines(View("all")) == []
    finally:
        again.close()


def test_the_next_start_after_a_deletion_makes_a_new_database(opened: Store) -> None:
    opened.set_read([first_id(opened)])
    os.unlink(opened.path)
    with pytest.raises(StoreGone):
        opened.set_read([first_id(opened)], False)
    opened.close()
    again = open_store(opened.path)
    try:
        assert again.feeds() == [] and again.headlines(View("all")) == []
        again.sync_config_feeds([FEED])  # and it saves
        assert [f.title for f in again.feeds()] == ["Harbour News"]
    finally:
        again.close()


def test_the_file_untouched_nothing_changes(opened: Store) -> None:
    article = first_id(opened)
    opened.set_favourite(article, True)
    assert in_thread(lambda: opened.article(article)).is_favourite  # type: ignore[union-attr]
    opened.close_thread_connection()
    opened.set_read([article])  # a new connection on the same file
    assert not opened.gone
    assert opened.article(article).is_read  # type: ignore[union-attr]
