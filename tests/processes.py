"""Looking at processes from tests (Linux /proc), and running the command line as scripts do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def ctrl_c_as_at_a_terminal() -> None:
    """``preexec_fn`` of a command a test stops with SIGINT: Ctrl+C reaches it as it does a
    command typed at a terminal (the default disposition, not blocked), whatever the test
    process started with. A test run started as a background job of a non-interactive shell
    (``.ci/run > log 2>&1 &``) has SIGINT ignored, as POSIX says; Python keeps it so, and
    pytest, its xdist workers and their children inherit it: a child would never raise
    KeyboardInterrupt (tests/test_signal_ctrl_c_inherited.py)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent that does not reap it counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_gone(pids: list[int], seconds: float = 10.0) -> list[int]:
    """Wait (at most ``seconds``) for the processes to end; those still running."""
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


def newsreader(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``newsreader ARGS`` as a script would (no terminal on stdin), with ``env`` added to
    this environment; its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )
