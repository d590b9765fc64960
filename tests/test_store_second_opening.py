"""A second opening of the database in one process keeps the first one's locks.

SQLite's locks on a database file are POSIX locks, held by the process: closing any other
descriptor of the file drops them all. A look at the file's bytes on opening (is it a
newsreader database at all?) did that, so another process's newsreader took the database for
unused and removed the WAL the first opening still read and wrote through: "database disk
image is malformed", and what the WAL held was lost.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.store import open_store

T0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
# another process opens the database, reads and closes, as a newsreader command does
OTHER_PROCESS = (
    "import sqlite3, sys\n"
    "con = sqlite3.connect(sys.argv[1])\n"
    "con.execute('PRAGMA journal_mode').fetchone()\n"
    "print(con.execute('SELECT COUNT(*) FROM articles').fetchone()[0])\n"
    "con.close()\n"
)


def test_a_second_opening_in_the_process_leaves_the_first_ones_wal_in_use(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example")])
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(guid=f"g{n}", url=f"https://example.org/{n}", title=f"Story {n}",
                        published=T0, summary_text=f"Text {n}.")
            for n in range(20)
        ],
        now=T0,
    )  # fmt: skip
    assert Path(f"{path}-wal").exists()

    again = open_store(path)  # (a worker's, a command's own opening)
    seen = subprocess.run(
        [sys.executable, "-c", OTHER_PROCESS, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert seen.stdout.strip() == "20"

    assert Path(f"{path}-wal").exists()  # still the first opening's
    assert store.count(View("all")) == 20
    store.set_read([a.id for a in store.headlines(View("all"))][:5])
    assert again.count(View("unread")) == 15
    again.close()
    store.close()
    reopened = open_store(path)
    assert reopened.count(View("unread")) == 15
    reopened.close()
