"""Every refusal of the database says which kind it is (``StoreError.reason``), and the reader
words it from that kind, never from the message's words (a folder's name is in the message)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import reader.store as store_module
from reader.config import Config, RefreshConfig
from reader.models import FeedResult
from reader.refresh import refresh
from reader.store import Store, StoreBusy, StoreError, open_store
from reader.tui.hints import why_not_saved
from tests.httpserver import Item, LocalServer, rss

CONFIG = Config(refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0))


def database(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "news.db"
    store = open_store(path)
    store.add_feed("https://news.example/feed.xml")
    store.close()
    return path


def refused(store: Store) -> StoreError:
    with pytest.raises(StoreError) as raised:
        store.add_feed("https://other.example/feed.xml")
    return raised.value


def test_a_read_only_database_says_read_only(tmp_path: Path) -> None:
    store = Store(database(tmp_path), read_only=True)
    try:
        error = refused(store)
    finally:
        store.close()
    assert error.reason == "read_only"
    assert why_not_saved(error) == ("the database is read-only", "")


def test_a_full_disk_says_full_even_in_a_folder_called_read_only(tmp_path: Path) -> None:
    store = open_store(database(tmp_path / "read-only copies"))
    store.disk_full = True  # as open_store sets it when the disk has no room left
    try:
        error = refused(store)
    finally:
        store.close()
    assert error.reason == "full"
    why, advice = why_not_saved(error)
    assert why == "the disk holding the database is full" and "Free some space" in advice


def test_a_database_of_a_newer_newsreader_says_so(tmp_path: Path) -> None:
    store = open_store(database(tmp_path / "read-only copies"))
    store.newer_schema = 10_000  # as a newer newsreader's database, opened read-only
    try:
        error = refused(store)
    finally:
        store.close()
    assert error.reason == "newer"
    why, advice = why_not_saved(error)
    assert why == "a newer newsreader wrote the database"
    assert "Upgrade newsreader" in advice and "Try again" not in advice
    assert "newer newsreader" in str(error)


def test_a_database_another_connection_holds_is_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = database(tmp_path / "disk is full")
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its write
    store = Store(path)
    try:
        error = refused(store)
    finally:
        store.close()
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(error, StoreBusy) and error.reason == "busy"
    why, advice = why_not_saved(error)
    assert why.startswith("the database is busy: ") and "Try again" in advice


def test_a_damaged_database_says_damaged(tmp_path: Path) -> None:
    path = database(tmp_path / "read-only copies")
    error = store_module._explain(sqlite3.DatabaseError("database disk image is malformed"), path)
    assert error.reason == "corrupt"
    assert why_not_saved(error) == ("the database is damaged", "Restart newsreader to repair it.")


def test_any_other_problem_is_said_in_its_own_words(tmp_path: Path) -> None:
    error = StoreError("The story this one belongs to is no longer in the database.")
    assert error.reason == "other"
    why, _ = why_not_saved(error)
    assert why == "the story this one belongs to is no longer in the database"


async def test_a_refresh_the_database_refused_carries_the_reason(tmp_path: Path) -> None:
    # a folder whose name says another kind of refusal: only the reason may decide
    path = database(tmp_path / "archive is damaged")
    with LocalServer() as srv:
        srv.route("/feed.xml", body=rss([Item(title="A story", link="https://news.example/1")]))
        writable = open_store(path)
        writable.add_feed(srv.url("/feed.xml"))
        writable.close()
        store = Store(path, read_only=True)
        try:
            results = await refresh(store, CONFIG)
        finally:
            store.close()
    assert results and all(r.not_saved for r in results)
    assert {r.not_saved_reason for r in results} == {"read_only"}
    assert why_not_saved(results[0]) == ("the database is read-only", "")


def test_a_refusal_given_as_text_alone_is_still_read_for_its_words() -> None:
    text = (
        "The database /tmp/news.db is busy: another newsreader is writing to it, or another "
        "program has it locked. Held now by: sqlite3 (process 42). Try again in a moment."
    )
    assert why_not_saved(text)[0] == "the database is busy: sqlite3 (process 42) is writing to it"
    result = FeedResult(feed_id=1, url="https://news.example/feed.xml", title="", not_saved=text)
    assert why_not_saved(result) == why_not_saved(text)
