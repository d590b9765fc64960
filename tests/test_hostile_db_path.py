"""A database path where something other than a file is (a named pipe, a device) is refused
with a sentence before anything opens it: SQLite would wait forever on a named pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import newsreader as run

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def refused(path: Path, kind: str) -> str:
    return (
        f"newsreader: The database path {path} is {kind}, not a file; nothing was opened. "
        "Give a database file with --db (or storage.path in the config).\n"
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    os.mkfifo(path)
    return path


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>'
        "<item><title>A story</title><guid>a1</guid></item></channel></rss>"
    )
    return path


@pytest.mark.parametrize("command", [["add", "FEED"], ["refresh"], ["feeds"], ["stats"]])
def test_a_named_pipe_as_the_database_is_refused_instead_of_hanging(
    tmp_path: Path, fifo: Path, feed: Path, command: list[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{feed}"\n')
    args = [str(feed) if a == "FEED" else a for a in command]
    result = run("--config", str(config), "--db", str(fifo), *args, timeout=30)
    assert result.returncode == 1
    assert result.stderr == refused(fifo, "a named pipe (FIFO)")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "feed.xml", "news.db"]


def test_a_named_pipe_named_by_the_config_is_refused_too(tmp_path: Path, fifo: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[storage]\npath = "news.db"\n')  # (beside the config)
    result = run("--config", str(config), "add", "https://127.0.0.1:9/feed.xml", timeout=30)
    assert result.returncode == 1
    assert result.stderr == refused(fifo, "a named pipe (FIFO)")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_a_device_as_the_database_is_refused() -> None:
    result = run("--db", "/dev/null", "add", "https://127.0.0.1:9/feed.xml", timeout=30)
    assert result.returncode == 1
    assert result.stderr == refused(Path("/dev/null"), "a device")


def test_the_reader_refuses_it_before_checking_its_pages(fifo: Path) -> None:
    # (the reader itself needs a terminal: its way of opening the database is run here)
    code = (
        "import sys\n"
        "from reader.cli import CommandError, _reader_store\n"
        "from reader.config import load_config\n"
        "try:\n"
        "    _reader_store(load_config(None, sys.argv[1]), [])\n"
        "except CommandError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=30
    )
    assert result.stdout == refused(fifo, "a named pipe (FIFO)").removeprefix("newsreader: ")
