"""One crash log for the CLI and the reader: the traceback goes to newsreader.log in the data
dir, and the message names the file only when the details were written there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader import cli, crashlog


def boom() -> None:
    raise RuntimeError("boom")


def raised() -> RuntimeError:
    try:
        boom()
    except RuntimeError as exc:
        return exc
    raise AssertionError("not raised")


def data_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "newsreader"


def unwritable_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The data dir cannot be made: where it would go is a file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))


def test_write_appends_the_traceback_to_the_log_in_the_data_dir() -> None:
    path = crashlog.write(raised(), "reader")
    assert path == data_dir() / "newsreader.log"
    again = crashlog.write(raised())
    text = path.read_text()
    assert again == path and text.count("RuntimeError: boom") == 2
    assert "in boom" in text and " reader " in text


def test_write_says_none_when_the_log_cannot_be_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    unwritable_data_dir(monkeypatch, tmp_path)
    assert crashlog.write(raised()) is None


def broken(*_args: object) -> int:
    raise RuntimeError("boom in a command")


@pytest.mark.parametrize("writable", [True, False])
def test_the_cli_names_the_log_only_when_it_was_written(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    writable: bool,
) -> None:
    monkeypatch.setitem(cli.COMMANDS, "stats", broken)
    if not writable:
        unwritable_data_dir(monkeypatch, tmp_path)
    code = cli.main(["--db", str(tmp_path / "news.db"), "stats"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_FAIL
    assert "unexpected error (RuntimeError: boom in a command)" in err
    if writable:
        log = data_dir() / "newsreader.log"
        assert f"Details were written to {log}." in err
        assert "boom in a command" in log.read_text()
    else:
        assert "Details were written" not in err and "newsreader.log" not in err
