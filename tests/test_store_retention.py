"""Retention over months: what pruning removes, what it keeps, and what must not come back;
opening a database that another process upgrades at the same time."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from reader.schema import LATEST, migrate


class _Rows:
    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self.rows = rows

    def fetchone(self) -> tuple[object, ...]:
        return self.rows[0]


def test_two_processes_migrating_at_once_do_not_make_a_step_twice(tmp_path: Path) -> None:
    # the reader and a cron `newsreader refresh` start together after an upgrade
    path = tmp_path / "old.db"
    first = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    first.execute("PRAGMA journal_mode = WAL")
    migrate(first, target=LATEST - 1)

    class Racing:
        """A connection that lets another one migrate right after it has read the version."""

        def __init__(self, con: sqlite3.Connection) -> None:
            self.con, self.raced = con, False

        def execute(self, sql: str, *args: Any) -> object:
            if self.raced or not sql.startswith("PRAGMA user_version"):
                return self.con.execute(sql, *args)
            rows = self.con.execute(sql).fetchall()
            self.raced = True
            other = threading.Thread(target=migrate, args=(first,))
            other.start()
            other.join()
            return _Rows(rows)

    second = sqlite3.connect(path, isolation_level=None)
    assert migrate(Racing(second)) == LATEST - 1  # type: ignore[arg-type]
    assert second.execute("PRAGMA user_version").fetchone()[0] == LATEST
