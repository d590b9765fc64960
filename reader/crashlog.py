"""The log of unexpected errors: newsreader.log in the data dir, one home for its place and for
writing a traceback to it (the CLI and the reader both say where the details went, and only
when they did go there), and where the core's logging goes from the command line."""

from __future__ import annotations

import logging
import traceback
from datetime import UTC, datetime
from pathlib import Path

from reader import __version__
from reader.config import default_data_dir

LOG_NAME = "newsreader.log"


def log_path() -> Path:
    """Where the log is (the core's warnings go there too while the reader runs)."""
    return default_data_dir() / LOG_NAME


def write(error: BaseException | None, where: str = "newsreader") -> Path | None:
    """Append ``error``'s traceback (None: the exception being handled) to the log, headed by
    the time, ``where`` it happened and the version. Returns the log's path, or None when it
    could not be written (no room, no rights): then nothing should claim it was. Never raises."""
    if error is not None:
        details = "".join(traceback.format_exception(error))
    else:
        details = traceback.format_exc()
    return _append(f"--- {datetime.now(UTC).isoformat()} {where} {__version__}\n{details}")


def _append(text: str) -> Path | None:
    """Add ``text`` to the end of the log (made, with its folder, if need be); its path, or None
    when it could not be written. Never raises."""
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(text)
    except (OSError, ValueError):  # (ValueError: a path with a NUL byte from the environment)
        return None
    return path


class _LogHandler(logging.Handler):
    """The core's warnings and errors (a traceback with ``log.exception``) appended to the log,
    which is made only when there is something to say; what cannot be written is dropped."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter("--- %(asctime)s %(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # (a message whose arguments do not fit it: nothing for the screen)
            return
        _append(text + "\n")


def log_to_file() -> None:
    """Send the core's log (the "reader" logger) to the log file rather than the terminal: with
    no handler, Python prints warnings and tracebacks on stderr, where the user sees them above
    the command's own one-line message. Done once per process."""
    logger = logging.getLogger("reader")
    if not any(isinstance(h, _LogHandler) for h in logger.handlers):
        logger.addHandler(_LogHandler())
