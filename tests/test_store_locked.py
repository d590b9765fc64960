"""A database another program keeps locked (SQLite's exclusive lock, as the sqlite3 shell holds
it in a transaction): the message names that program, and the reader's way of opening waits
for it, saying why, instead of stopping."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import reader.store as store_module
from reader.models import View
from reader.store import StoreBusy, open_store, open_store_waiting

# another program: it takes the database for itself until it is ended
HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA locking_mode = EXCLUSIVE")
con.execute("BEGIN EXCLUSIVE")
print("holding", flush=True)
time.sleep(120)
"""

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="who holds a lock is read from Linux's /proc/locks"
)


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)


@contextmanager
def locked(db: Path) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.kill()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


def database(tmp_path: Path) -> Path:
    db = tmp_path / "news.db"
    open_store(db).close()
    return db


def test_a_database_another_program_keeps_locked_names_that_program(tmp_path: Path) -> None:
    db = database(tmp_path)
    with locked(db) as holder, pytest.raises(StoreBusy) as raised:
        open_store(db)
    message = str(raised.value)
    assert f"(process {holder.pid})" in message and "Try again" in message
    assert raised.value.path == db


def test_the_reader_waits_for_the_lock_saying_why_then_opens(tmp_path: Path) -> None:
    db = database(tmp_path)
    said: list[str] = []
    with locked(db) as holder:

        def say(text: str) -> None:
            said.append(text)
            holder.kill()  # the user closes the other program
            holder.wait(timeout=30)

        store = open_store_waiting(db, say=say, pause=0.05)
    assert len(said) == 1
    assert f"(process {holder.pid})" in said[0] and "Ctrl+C" in said[0]
    assert store.count(View()) == 0  # open, and working
    store.set_meta("probe", "1")
    store.close()


def test_waiting_gives_up_after_its_patience(tmp_path: Path) -> None:
    db = database(tmp_path)
    said: list[str] = []
    with locked(db), pytest.raises(StoreBusy):
        open_store_waiting(db, say=said.append, patience=0.5, pause=0.05)
    assert len(said) == 1  # said once while it waited, not at every try


def test_the_reader_command_waits_for_the_lock_instead_of_stopping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import threading

    from reader.cli import _store
    from reader.config import load_config

    db = database(tmp_path)
    config = load_config(None, db)
    with locked(db) as holder:
        # the user closes the other program a little later
        release = threading.Timer(1.0, holder.kill)
        release.start()
        try:
            store = _store(config, notes=[])  # how the reader opens its database
        finally:
            release.cancel()
    try:
        assert store.count(View()) == 0 and not store.read_only
    finally:
        store.close()
    err = capsys.readouterr().err
    assert err.count("is locked by") == 1 and "Ctrl+C" in err
