"""A fault logged by the core (``log.exception``) while a command runs goes to newsreader.log
in the data dir, not to the user's terminal: the user sees the command's one-line message.

The fault is put in by the test (the extractor's inner function raises), since each real one
found is fixed; what is checked is where its traceback goes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# `newsreader ARGS` with the extractor broken: reader.extract logs the exception and gives the
# page marked broken, as for any bug of its own
BROKEN_EXTRACTOR = """
import sys
import reader.extract

def broken(*args, **kwargs):
    raise RuntimeError("an extractor fault put in by the test")

reader.extract._extract = broken
from reader.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_broken(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BROKEN_EXTRACTOR, *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )


def page(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>A story about the harbour and its ships.</p></body></html>")
    return path


def log_file() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "newsreader" / "newsreader.log"


def test_a_traceback_the_core_logs_goes_to_the_log_file_not_the_terminal(
    tmp_path: Path,
) -> None:
    result = run_broken("--db", str(tmp_path / "news.db"), "extract", str(page(tmp_path)))
    assert "Traceback" not in result.stderr and "RuntimeError" not in result.stderr
    assert "newsreader's extractor failed on this page." in result.stdout + result.stderr
    text = log_file().read_text(encoding="utf-8")
    assert "reader.extract ERROR extracting a page failed" in text
    assert "Traceback (most recent call last):" in text
    assert "RuntimeError: an extractor fault put in by the test" in text


def test_a_log_that_cannot_be_written_keeps_the_traceback_off_the_terminal_too(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-folder"  # the data dir cannot be made: a file is in the way
    blocker.write_text("x")
    result = run_broken("extract", str(page(tmp_path)), env={"XDG_DATA_HOME": str(blocker)})
    assert "newsreader's extractor failed on this page." in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
