"""Two newsreaders and a damaged database: one repairs it, and the other, which found the same
damage before that repair ended, must not "repair" the repaired database (moving it aside with
what the first one writes to it afterwards). And a damaged file kept beside a database is never
read into it on a guess: a database another newsreader may have open is not replaced, and a
user who removed the database to start afresh does not get its old contents back.

Real files throughout; the second newsreader is a real second process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.store import DamageCheck, open_store
from tests.processes import newsreader
from tests.test_store_repair_safety import FAVOURITES, damaged_header

# A second newsreader that found the database damaged (by its reader's check, begun at its
# start, or by opening it) and gets to its repair only after another one has repaired it: it
# says "found", waits for a line on stdin, then goes on as open_store would.
LATE = r"""
import sys
from pathlib import Path
from reader.store import DamageCheck, open_store

how, db = sys.argv[1], Path(sys.argv[2])
if how == "check":
    check = DamageCheck(db, wait=30)
    assert check.problem(), "the check found no damage"
else:
    from reader.store import _identity, _repair

    found_in = _identity(db)  # (the file its opening found damaged)
print("found", flush=True)
sys.stdin.readline()
if how == "check":
    store = open_store(db, check)
    print("note:", store.recovery_note, flush=True)
    store.close()
else:
    store = _repair(db, "found damaged before the other repair ended", None, found_in)
    print("repaired" if store is not None else "left alone", flush=True)
    if store is not None:
        store.close()
"""


def favourites_of(db: Path) -> set[str]:
    result = newsreader("--db", str(db), "favourites", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {item["title"] for item in json.loads(result.stdout)}


@pytest.mark.parametrize("how", ["check", "opened"])
def test_a_newsreader_that_found_the_damage_first_leaves_the_repaired_database_alone(
    tmp_path: Path, how: str
) -> None:
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    late = subprocess.Popen(
        [sys.executable, "-c", LATE, how, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert late.stdin is not None and late.stdout is not None
    try:
        assert late.stdout.readline() == "found\n"
        first = open_store(db)  # this newsreader repairs it, and keeps it open
        try:
            assert first.recovery_note and "3 favourites recovered" in first.recovery_note
            out, err = late.communicate("go\n", timeout=60)
            assert late.returncode == 0, err
            assert "Traceback" not in err
            if how == "opened":
                assert out.strip() == "left alone"
            else:
                assert out.strip() == "note: None"  # (nothing repaired, nothing to say)
            # what the first one writes after the second one opened goes into news.db
            story = next(a for a in first.favourites() if a.title == "Story 5")
            first.set_favourite(story.id, False)
        finally:
            first.close()
    finally:
        if late.poll() is None:
            late.kill()
            late.wait()
    assert favourites_of(db) == FAVOURITES - {"Story 5"}
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "news.db",
        "news.db.corrupt",
    ]


def test_damage_the_reader_check_finds_in_a_repaired_database_is_still_repaired(
    tmp_path: Path,
) -> None:
    """A database a repair made once, damaged again: its check's finding is not taken for
    one about the file it was repaired from."""
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    open_store(db).close()  # repaired: news.db says it was made from news.db.corrupt
    size = db.stat().st_size
    with db.open("r+b") as fh:  # a page in the middle scrambled
        fh.seek(size // 2 // 4096 * 4096)
        fh.write(os.urandom(4096))
    check = DamageCheck(db, wait=30)
    assert check.problem()
    store = open_store(db, check)
    try:
        assert store.recovery_note and "news.db.corrupt2" in store.recovery_note
    finally:
        store.close()
    assert (tmp_path / "news.db.corrupt2").exists()


def repaired_once(tmp_path: Path) -> Path:
    """A database repaired once: news.db (with the favourites) and news.db.corrupt beside it."""
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    open_store(db).close()
    assert favourites_of(db) == FAVOURITES
    return db


def test_a_database_removed_to_start_afresh_does_not_get_its_old_contents_back(
    tmp_path: Path,
) -> None:
    db = repaired_once(tmp_path)
    kept = (tmp_path / "news.db.corrupt").read_bytes()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = open_store(db)  # (the next start makes a new one)
    try:
        assert started.favourites() == []
        assert started.recovery_note is not None
        assert "A damaged database is kept beside" in started.recovery_note
    finally:
        started.close()
    result = newsreader("--db", str(db), "favourites", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert "repairing" not in result.stderr
    assert "A damaged database is kept beside" in result.stderr
    assert (tmp_path / "news.db.corrupt").read_bytes() == kept
    assert not list(tmp_path.glob("news.db.corrupt?*"))


def test_a_command_that_only_reads_does_not_replace_a_database_another_one_has_open(
    tmp_path: Path,
) -> None:
    """The reader's first start made an empty database and has it open; a damaged file is
    beside it (copied back from a backup, say); `newsreader stats` runs meanwhile."""
    old = tmp_path / "old"
    old.mkdir()
    damaged_header(old / "news.db", 60)
    db = tmp_path / "news.db"
    reader = open_store(db)
    try:
        (old / "news.db").rename(tmp_path / "news.db.corrupt")
        inode = db.stat().st_ino
        result = newsreader("--db", str(db), "stats")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "A damaged database is kept beside" in result.stderr
        assert db.stat().st_ino == inode  # the reader's file is still the database
        assert Path(f"{db}-wal").exists()  # (and its WAL file was not taken from it)
        reader.add_feed("https://example.org/feed.xml", "Example")
    finally:
        reader.close()
    listed = newsreader("--db", str(db), "feeds")
    assert listed.returncode == 0, listed.stderr
    assert "https://example.org/feed.xml" in listed.stdout


def test_a_damaged_file_an_older_repair_never_read_is_named_with_how_to_read_it(
    tmp_path: Path,
) -> None:
    """What an older newsreader killed during its repair left: the favourites only in
    ``news.db.corrupt``, an empty new ``news.db`` beside it, and no marker. The user is told,
    and what they are told to do gets the favourites back."""
    db = tmp_path / "news.db"
    damaged_header(db, 60)
    db.rename(tmp_path / "news.db.corrupt")
    open_store(tmp_path / "empty.db").close()  # (the empty database the stopped repair made)
    (tmp_path / "empty.db").rename(db)
    result = newsreader("--db", str(db), "favourites", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    said = result.stderr
    assert "A damaged database is kept beside" in said and "news.db.corrupt" in said
    assert "move news.db" in said and "rename news.db.corrupt to news.db" in said
    # the user does as told
    db.rename(tmp_path / "empty-again.db")
    (tmp_path / "news.db.corrupt").rename(db)
    assert favourites_of(db) == FAVOURITES
    again = newsreader("--db", str(db), "stats")
    assert again.returncode == 0, again.stderr
    assert "A damaged database is kept beside" not in again.stderr
