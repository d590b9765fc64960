"""Storage hazards: crashes, concurrent instances, damaged and unwritable databases.

Each test is named after the hazard it defends against.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig, StorageConfig
from reader.models import ParsedEntry, View
from reader.salvage import RECOVERED_FEED
from reader.schema import READABLE_BY_KEY
from reader.store import DamageCheck, StoreCorrupt, StoreError, open_store
from tests.hazards.mounts import remount_read_only, tmpfs

FEED = FeedConfig("https://example.org/feed.xml", "Example", "World")
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def seeded(path: Path, n: int = 50) -> list[int]:
    store = open_store(path)
    store.sync_config_feeds([FEED])
    fid = store.feeds()[0].id
    ids, _ = store.upsert_entries(
        fid,
        [
            ParsedEntry(
                f"g{i}",
                f"https://example.org/{i}",
                f"Story {i}",
                published=T0 + timedelta(minutes=i),
            )
            for i in range(n)
        ],
    )
    store.close()
    return ids


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from reader.models import ParsedEntry
    from reader.store import open_store
    store = open_store(sys.argv[1])
    fid = store.feeds()[0].id
    ids = [int(x) for x in sys.argv[2].split(',')]
    batch = 0
    while True:
        for i in ids:
            store.set_favourite(i, True)
            print(f"fav {i}", flush=True)
            batch += 1
            entries = [ParsedEntry(f"b{batch}-{k}", f"https://example.org/b{batch}/{k}", f"Batch {batch} item {k}",
                                   summary_text="x" * 500) for k in range(40)]
            store.upsert_entries(fid, entries)
            print(f"batch {batch}", flush=True)
    """
)


def test_kill_9_during_favourite_toggles_and_writes_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    ids = seeded(db)
    rng = random.Random(7)
    confirmed_favs: set[int] = set()
    confirmed_batches: set[int] = set()
    for round_ in range(4):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(db),
                ",".join(map(str, ids[round_ * 10 : round_ * 10 + 10])),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        deadline = time.monotonic() + 0.3 + rng.random() * 1.2
        lines: list[str] = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for line in lines:
            kind, value = line.split()
            if kind == "fav":
                confirmed_favs.add(int(value))
            else:
                confirmed_batches.add(int(value))
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        store = open_store(db)
        assert store.recovery_note is None
        saved = {a.id for a in store.favourites()}
        assert confirmed_favs <= saved
        # No partial batch: every batch is either fully stored or not at all.
        counts = store.db.execute(
            "SELECT substr(guid, 1, instr(guid, '-') - 1) AS b, COUNT(*) FROM articles "
            "WHERE guid LIKE 'b%-%' GROUP BY b"
        ).fetchall()
        assert all(n == 40 for _, n in counts)
        assert {f"b{b}" for b in confirmed_batches} <= {b for b, _ in counts}
        store.close()
    assert confirmed_favs, "the writer never got going; the test did not exercise anything"


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE feeds SET title = title")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    con.execute("COMMIT")
    """
)


@contextmanager
def write_lock_held(db: Path, seconds: float) -> Iterator[None]:
    """Another process holds the database's write lock for ``seconds`` (from entering)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield
    finally:
        holder.wait(timeout=30)


def test_second_instance_while_another_holds_the_write_lock(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    seeded(db)
    with write_lock_held(db, 8):
        store = open_store(db)
        # Reading works alongside the writer (WAL).
        assert store.count(View()) == 50
        start = time.monotonic()
        with pytest.raises(StoreError, match="busy: another newsreader is writing"):
            store.set_read([1])
        assert time.monotonic() - start >= 4  # it waited for the busy timeout first
        store.close()
    # Once the other instance is done, writes go through again.
    store = open_store(db)
    store.set_read([1])
    assert store.article(1).is_read  # type: ignore[union-attr]


def test_the_reader_starts_on_a_database_another_newsreader_is_writing(tmp_path: Path) -> None:
    from reader.cli import _store
    from reader.config import Config

    db = tmp_path / "news.db"
    seeded(db)
    with write_lock_held(db, 9):
        notes: list[str] = []
        # (a config feed not yet in the store: syncing it has to write)
        config = Config(feeds=(FEED, FeedConfig("https://example.org/new.xml")))
        config = dataclasses.replace(
            config, storage=StorageConfig(path=str(db)), source=tmp_path / "config.toml"
        )
        store = _store(config, notes)  # the reader's way: it neither stops nor waits
        # (it saves the config's feeds itself once its screen is up, waiting in a worker and
        # saying so: tests/tui/test_busy_start.py, tests/e2e/test_tmux.py)
        assert notes == []
        assert store.count(View()) == 50  # and it reads the stories as they are
        assert "https://example.org/new.xml" not in {f.url for f in store.feeds()}
        store.close()


def test_zero_byte_database_file(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    db.touch()
    store = open_store(db)
    store.sync_config_feeds([FEED])
    assert store.stats().feeds == 1


def test_non_sqlite_file_at_database_path_is_left_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    db.write_text("<html>not a database</html>" * 200)
    with pytest.raises(StoreError, match=r"not a newsreader database.*left unchanged"):
        open_store(db)
    assert db.read_text() == "<html>not a database</html>" * 200
    assert not (tmp_path / "news.db.corrupt").exists()


def search_index_wrecked(db: Path) -> None:
    """A database of 400 stories, "Story 3" and "Story 7" favourites, whose search index's root
    page is wrecked (the articles table stays readable)."""
    ids = seeded(db, n=400)
    store = open_store(db)
    store.set_favourite(ids[3], True)
    store.set_favourite(ids[7], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = store.db.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'articles_fts_data'"
    ).fetchone()[0]
    page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    store.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xff" * page_size
    db.write_bytes(bytes(data))


def test_corrupt_database_recovers_readable_favourites(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    search_index_wrecked(db)
    store = open_store(db)
    assert store.recovery_note is None  # the cheap check on open does not read every page
    # The damage shows on use: a clear error, not a crash, and the next start repairs.
    with pytest.raises(StoreCorrupt, match=r"damaged\. Restart newsreader to repair it"):
        store.count(View(kind="search", query="story"))
    store.close()
    store = open_store(db)
    assert store.recovery_note is not None and "damaged" in store.recovery_note
    titles = {a.title for a in store.favourites()}
    assert titles == {"Story 3", "Story 7"}
    assert "2 favourites recovered" in store.recovery_note


def test_the_reader_repairs_a_damaged_database_on_its_first_start(tmp_path: Path) -> None:
    from reader.cli import _reader_store
    from reader.config import Config

    db = tmp_path / "news.db"
    search_index_wrecked(db)
    config = dataclasses.replace(Config(feeds=(FEED,)), storage=StorageConfig(path=str(db)))
    store = _reader_store(config, [])
    assert store.recovery_note is not None
    assert "moved to news.db.corrupt" in store.recovery_note
    assert "2 favourites recovered" in store.recovery_note
    assert {a.title for a in store.favourites()} == {"Story 3", "Story 7"}
    assert store.count(View(kind="search", query="story")) == 400  # all kept; search reads
    store.close()


def test_favourites_are_recovered_from_a_folder_named_with_hash_and_question_mark(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news #1?"
    folder.mkdir()
    db = folder / "news.db"
    ids = seeded(db, n=400)
    store = open_store(db)
    store.set_favourite(ids[5], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    root = store.db.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'articles_fts_data'"
    ).fetchone()[0]
    store.close()
    data = bytearray(db.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xff" * page_size
    db.write_bytes(bytes(data))
    store = open_store(db, DamageCheck(db))
    assert store.recovery_note and "1 favourite recovered" in store.recovery_note
    assert [a.title for a in store.favourites()] == ["Story 5"]
    store.close()


def test_favourites_are_recovered_around_damaged_index_table_and_feed_pages(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    ids = seeded(db, n=400)
    store = open_store(db)
    for i in (3, 7, 390):
        store.set_favourite(ids[i], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    try:
        leaves = [
            r[0]
            for r in store.db.execute(
                "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' "
                "ORDER BY path"
            )
        ]
    except sqlite3.Error:
        pytest.skip("this SQLite has no dbstat table to find the pages with")
    roots = [
        store.db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        for name in ("articles_favourites", "feeds")
    ]
    store.close()
    assert len(leaves) > 4
    # the favourites index, every feed, and a page of stories in the middle of the table
    data = bytearray(db.read_bytes())
    for page in (*roots, leaves[len(leaves) // 2]):
        data[(page - 1) * page_size : page * page_size] = b"\xff" * page_size
    db.write_bytes(bytes(data))
    store = open_store(db, DamageCheck(db))
    assert store.recovery_note and "3 favourites recovered" in store.recovery_note
    favourites = store.favourites()
    assert sorted(a.title for a in favourites) == ["Story 3", "Story 390", "Story 7"]
    assert {a.feed_title for a in favourites} == {RECOVERED_FEED[1]}
    store.close()


def test_database_from_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    seeded(db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    # (a newer schema that says nothing of older readers: schema.migrate removes what 8 said)
    con.execute("DELETE FROM meta WHERE key = ?", (READABLE_BY_KEY,))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer newsreader"):
        open_store(db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 50


def read_only_with_a_favourite(mnt: Path, favourite: int) -> tuple[Path, list[int]]:
    """A database of stories in ``mnt``, the ``favourite``-th a favourite, all written to the
    file itself (no WAL), then the mount made read-only: (its path, the stories' ids)."""
    db = mnt / "news.db"
    ids = seeded(db)
    store = open_store(db)
    store.set_favourite(ids[favourite], True)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    remount_read_only(mnt)
    return db, ids


def test_read_only_directory_still_shows_favourites(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "mnt", "4m") as mnt:
        db, ids = read_only_with_a_favourite(mnt, 0)
        ro = open_store(db)
        assert ro.recovery_note and "read-only" in ro.recovery_note
        assert [a.id for a in ro.favourites()] == [ids[0]]
        with pytest.raises(StoreError, match="read-only"):
            ro.set_favourite(ids[1], True)
        ro.close()


def test_read_only_database_shows_favourites_still_in_its_wal_file(tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "news.db"
    ids = seeded(db)
    with tmpfs(tmp_path / "mnt", "4m") as mnt:
        store = open_store(db)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.set_favourite(ids[9], True)  # in the WAL file only, as after a crash
        for side in ("", "-wal", "-shm"):
            shutil.copy(str(db) + side, str(mnt / "news.db") + side)
        store.close()
        remount_read_only(mnt)
        ro = open_store(mnt / "news.db")
        assert ro.read_only
        assert [a.id for a in ro.favourites()] == [ids[9]]
        ro.close()


def test_read_only_database_reads_in_every_command_and_refuses_writes_clearly(
    tmp_path: Path,
) -> None:
    from reader.cli import _store
    from reader.config import Config

    config_file = tmp_path / "config.toml"
    # a config feed not in the store: syncing it would have to write
    config_file.write_text('[[feeds]]\nurl = "https://example.org/other.xml"\n')
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline xmlUrl="https://e.org/f.xml"/></body></opml>'
    )
    with tmpfs(tmp_path / "mnt", "4m") as mnt:
        db, ids = read_only_with_a_favourite(mnt, 4)
        common = ["--config", str(config_file), "--db", str(db)]

        def cli(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [sys.executable, "-m", "reader.cli", *args, *common],
                capture_output=True,
                text=True,
                timeout=60,
                stdin=subprocess.DEVNULL,
            )

        stats = cli("stats", "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["favourites"] == 1
        assert "read-only" in stats.stderr
        favourites = cli("favourites", "--format", "json")
        assert favourites.returncode == 0, favourites.stderr
        assert [f["title"] for f in json.loads(favourites.stdout)] == ["Story 4"]
        exported = cli("export-opml")
        assert exported.returncode == 0, exported.stderr
        assert "https://example.org/feed.xml" in exported.stdout
        for args, what in (
            (("refresh",), "what the refresh fetches"),
            (("add", "https://example.org/new.xml"), "a new subscription"),
            (("import-opml", str(opml)), "the imported feeds"),
        ):
            refused = cli(*args)
            assert refused.returncode == 1
            assert refused.stderr.strip().splitlines() == [
                f"newsreader: The database {db} is read-only, so {what} cannot be saved; nothing "
                "was changed. Make the file and its folder writable, or choose another with --db."
            ]
        # the reader's way: it opens the database as it is, and warns
        config = dataclasses.replace(
            Config(feeds=(FeedConfig("https://example.org/other.xml"),)),
            storage=StorageConfig(path=str(db)),
        )
        notes: list[str] = []
        ro = _store(config, notes)
        assert ro.read_only and ro.recovery_note and "read-only" in ro.recovery_note
        assert [a.id for a in ro.favourites()] == [ids[4]]
        ro.close()


def test_a_database_on_a_full_disk_is_read_and_the_full_disk_is_named(tmp_path: Path) -> None:
    """Not "read-only ... make the file writable": the file's rights are fine, the disk is full."""
    with tmpfs(tmp_path / "mnt", "600k") as mnt:
        db = mnt / "news.db"
        ids = seeded(db, n=5)
        store = open_store(db)
        store.set_favourite(ids[2], True)
        store.close()
        with (mnt / "filler").open("wb") as filler, contextlib.suppress(OSError):
            while True:  # every block taken
                filler.write(b"x" * 65536)
                filler.flush()
        full = open_store(db)
        assert full.read_only and full.disk_full
        assert full.recovery_note and "is full" in full.recovery_note
        assert [a.id for a in full.favourites()] == [ids[2]]  # read as it is
        with pytest.raises(StoreError, match="is full"):
            full.set_favourite(ids[3], True)
        full.close()
        refused = subprocess.run(
            [sys.executable, "-m", "reader.cli", "refresh", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert refused.returncode == 1
        assert f"The disk holding the database {db} is full" in refused.stderr
        assert "writable" not in refused.stderr


def test_disk_full_during_refresh_keeps_favourites(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "mnt", "600k") as mnt:
        db = mnt / "news.db"
        ids = seeded(db, n=5)
        store = open_store(db)
        store.set_favourite(ids[2], True)
        fid = store.feeds()[0].id
        big = [
            ParsedEntry(f"big{i}", f"https://e.org/{i}", f"Big {i}", content_html="y" * 20000)
            for i in range(200)
        ]
        with pytest.raises(StoreError, match="full"):
            for start in range(0, 200, 20):
                store.upsert_entries(fid, big[start : start + 20])
        store.close()
        again = open_store(db)
        assert [a.id for a in again.favourites()] == [ids[2]]
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        os.sync()
