"""The log of unexpected errors: newsreader.log in the data dir, one home for its place and for
writing a traceback to it (the CLI and the reader both say where the details went, and only
when they did go there)."""

from __future__ import annotations

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
    try:
        path = log_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.now(UTC).isoformat()} {where} {__version__}\n{details}")
    except (OSError, ValueError):  # (ValueError: a path with a NUL byte from the environment)
        return None
    return path
