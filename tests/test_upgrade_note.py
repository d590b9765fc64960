"""The first start after an upgrade of the database says so, once (the CLI on stderr, the reader
in a notification), and the version newsreader gives is the one pyproject.toml releases."""

from __future__ import annotations

import sqlite3
import tomllib
from pathlib import Path

from reader import __version__
from reader.config import Config, FeedConfig, RefreshConfig
from reader.schema import LATEST, UPGRADE_NOTES, migrate, upgrade_note
from reader.store import open_store
from reader.tui.app import NewsReaderApp
from tests.processes import newsreader

FEED = FeedConfig("http://127.0.0.1:9/feed.xml", "Pod", "Talk")


def old_database(path: Path, version: int = 7) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, version)
    db.execute("INSERT INTO feeds(id, url, title) VALUES (1, ?, 'Pod')", (FEED.url,))
    db.close()


def test_opening_an_older_database_says_once_that_it_was_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    old_database(path)
    store = open_store(path)
    note = store.upgrade_note
    assert store.recovery_note is None  # (no problem to report)
    assert note is not None and "upgraded" in note and UPGRADE_NOTES[8] in note
    store.close()
    again = open_store(path)  # (upgraded already: nothing to say)
    assert again.upgrade_note is None
    again.close()
    fresh = open_store(tmp_path / "new.db")  # a new database is no upgrade
    assert fresh.upgrade_note is None
    fresh.close()


def test_the_note_names_what_the_versions_crossed_do() -> None:
    assert upgrade_note(LATEST) is None and upgrade_note(0) is None
    crossed = upgrade_note(7)
    assert crossed is not None and all(note in crossed for note in UPGRADE_NOTES.values())
    quiet = upgrade_note(3, 5)  # (versions that do nothing the user sees)
    assert quiet is not None and quiet.endswith("newsreader.") and UPGRADE_NOTES[8] not in quiet


def test_the_command_line_says_it_on_the_first_run_only(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    old_database(path)
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{FEED.url}"\ntitle = "Pod"\ncategory = "Talk"\n')
    args = ["--config", str(config), "--db", str(path)]
    looked = newsreader(*args, "feeds")  # only reads: the database is left as it is
    assert looked.returncode == 0, looked.stderr
    assert "older newsreader (schema 7)" in looked.stderr and "upgraded" not in looked.stderr
    first = newsreader(*args, "refresh")  # saves: upgraded (its one feed does not answer)
    assert "upgraded" in first.stderr and UPGRADE_NOTES[8] in first.stderr, first.stderr
    second = newsreader(*args, "feeds")
    assert second.returncode == 0, second.stderr
    assert "upgraded" not in second.stderr and "older" not in second.stderr


async def test_the_reader_shows_it_when_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    old_database(path)
    store = open_store(path)
    config = Config(feeds=(FEED,), refresh=RefreshConfig(interval_minutes=0))
    app = NewsReaderApp(config, store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        said = [n for n in app._notifications if UPGRADE_NOTES[8] in str(n.message)]
    store.close()
    assert len(said) == 1, [str(n.message) for n in app._notifications]
    assert said[0].severity == "information"  # news, not a warning about the database


def test_the_version_is_the_released_one() -> None:
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert project["project"]["version"] == __version__
    result = newsreader("--version")
    assert result.returncode == 0
    assert result.stdout.split() == ["newsreader", __version__]
