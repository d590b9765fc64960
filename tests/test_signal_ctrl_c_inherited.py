"""A test run started as a background job ignores Ctrl+C, and so would the commands it starts.

A non-interactive shell starts a background job (``.ci/run > log 2>&1 &``) with SIGINT
ignored (POSIX), Python keeps an ignored SIGINT it starts with, and an ignored or blocked
signal is inherited by every child: pytest, its xdist workers, and a ``newsreader`` a test
stops with SIGINT, which then never raises KeyboardInterrupt. Such a child starts with
``tests.processes.ctrl_c_as_at_a_terminal``. Here this process is put in that state for the
length of one test, and restored.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tests.processes import ctrl_c_as_at_a_terminal

# says how it finds SIGINT (ignored? blocked?), then waits to be stopped
CHILD = (
    "import signal, time\n"
    "ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN\n"
    "blocked = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])\n"
    "print(f'ignored={ignored} blocked={blocked}', flush=True)\n"
    "time.sleep(60)\n"
)


@contextmanager
def ctrl_c_ignored_and_blocked() -> Iterator[None]:
    """This process as a test run started in the background finds itself (SIGINT ignored),
    and with SIGINT blocked too (the other way a child inherits a Ctrl+C that never comes)."""
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        signal.signal(signal.SIGINT, handler)


def stopped_with_ctrl_c(
    preexec_fn: Callable[[], None] | None, wait: float
) -> tuple[str, int | None]:
    """Start the child, send it SIGINT once it has said how it finds SIGINT: what it said, and
    its exit status (None: still running ``wait`` seconds later, then killed)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        preexec_fn=preexec_fn,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    try:
        said = proc.stdout.readline().strip()
        proc.send_signal(signal.SIGINT)
        try:
            status: int | None = proc.wait(wait)
        except subprocess.TimeoutExpired:
            status = None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
    return said, status


def test_a_child_inherits_an_ignored_and_blocked_ctrl_c() -> None:
    """(Why the help below is needed.)"""
    with ctrl_c_ignored_and_blocked():
        said, status = stopped_with_ctrl_c(None, wait=3)
    assert said == "ignored=True blocked=True"
    assert status is None  # Ctrl+C never reached it


def test_a_child_started_as_at_a_terminal_is_stopped_by_ctrl_c() -> None:
    with ctrl_c_ignored_and_blocked():
        said, status = stopped_with_ctrl_c(ctrl_c_as_at_a_terminal, wait=30)
    assert said == "ignored=False blocked=False"
    assert status == -signal.SIGINT  # an uncaught KeyboardInterrupt ends Python by SIGINT
