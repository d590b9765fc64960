"""Helper processes: how the reader starts them, keeps them quiet, and makes sure they end.

Used by the refresh (parse workers, the housekeeper) and by batch grouping (features computed
beside the grouping). Processes are started with "spawn" (never fork a threaded TUI); every user
of this module carries on in its own thread when processes cannot be used.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TypeVar

log = logging.getLogger(__name__)

PARENT_CHECK_SECONDS = 1.0  # how often a helper process checks that its parent is still there
WORKER_NICENESS = 5  # helper processes run at a lower CPU priority than the one starting them

T = TypeVar("T")
R = TypeVar("R")


def background_process(parent: int) -> None:
    """Set up a helper process (parse worker, housekeeper) started by process ``parent`` to stay
    out of the user's way."""
    # it shares the terminal: anything it printed (a library's warning) would be drawn over the
    # reader's screen, so its output goes nowhere (failures come back as exceptions or results)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.close(quiet)
    # background work: on a busy machine the reader's own process goes first
    with suppress(AttributeError, OSError):  # no os.nice on this platform
        os.nice(WORKER_NICENESS)
    # A pool worker waits on a queue that it holds open itself: if the process that started it
    # is killed (kill -9, a crash), nothing would ever end it. It ends once its parent is gone
    # (``parent`` comes from the parent itself: it may be gone before this runs).

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch_parent, name="newsreader-parent-watch", daemon=True).start()


@contextmanager
def usable_stderr() -> Iterator[None]:
    """multiprocessing hands ``sys.stderr``'s descriptor to the helper process it starts with the
    first lock or pool; a full-screen app replaces ``sys.stderr`` with an object whose fileno()
    is -1 (Textual does), and then every start fails. Meanwhile, that helper gets /dev/null."""
    current = sys.stderr
    try:
        usable = current is not None and current.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        sys.stderr = quiet
        try:
            yield
        finally:
            sys.stderr = current


def spare_cores() -> int:
    """Cores beyond the one the calling process keeps busy."""
    return max(0, (os.cpu_count() or 1) - 1)


def ordered_map(
    fn: Callable[[T], R], tasks: Iterable[T], *, use_helper: bool = True, ahead: int = 2
) -> Iterator[R]:
    """``map(fn, tasks)`` with the tasks run in a helper process while the caller works on the
    results, in order (``use_helper`` False: plain ``map``). At most ``ahead`` tasks are in
    flight, so results never pile up in memory when the caller is the slower side. Where the
    helper cannot start or dies, the remaining tasks run here. ``fn`` and the tasks are pickled:
    ``fn`` must be a module-level function of an importable module.

    The helper is a plain ``python -m reader.procs``, not a multiprocessing child: those import
    the caller's main module again (spawn), which runs an unguarded script twice, or copy a
    threaded process (fork). It ends when its input closes, so it never outlives the caller.
    """
    tasks = iter(tasks)
    if not use_helper:
        yield from map(fn, tasks)
        return
    try:
        helper = subprocess.Popen(
            [sys.executable, "-m", "reader.procs", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_helper_env(),
        )
    except (OSError, ValueError) as exc:
        log.warning("helper process unavailable (%s); working here", exc)
        yield from map(fn, tasks)
        return
    assert helper.stdin is not None and helper.stdout is not None
    sent: deque[T] = deque()  # handed to the helper, result not read yet
    slots = threading.Semaphore(max(1, ahead))
    stop = threading.Event()

    def feed(pipe: Any) -> None:
        try:
            for task in tasks:
                slots.acquire()
                if stop.is_set():
                    sent.append(task)  # not handed over: the caller does it
                    return
                sent.append(task)
                pickle.dump((fn, task), pipe, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.flush()
        except (OSError, ValueError, pickle.PicklingError):
            pass  # the helper is gone: the reading side notices
        finally:
            with suppress(OSError, ValueError):
                pipe.close()

    writer = threading.Thread(
        target=feed, args=(helper.stdin,), name="newsreader-helper-feed", daemon=True
    )
    writer.start()
    try:
        while True:
            try:
                ok, value = pickle.load(helper.stdout)
            except EOFError:
                if not sent:  # every task handed over was answered: the feed may be over
                    writer.join()
                if sent:
                    raise OSError("the helper process ended early") from None
                break
            if not ok:
                raise OSError(str(value))
            sent.popleft()
            slots.release()
            yield value
    except (OSError, pickle.UnpicklingError, ValueError, AttributeError) as exc:
        log.warning("helper process failed (%s); working here", exc)
        stop.set()
        slots.release()
        writer.join()
        for task in list(sent):
            yield fn(task)
        yield from map(fn, tasks)
    finally:
        stop.set()
        slots.release()
        helper.kill()
        helper.wait()
        writer.join(1)


def _helper_env() -> dict[str, str]:
    """The caller's environment, with its import path: the helper finds the same modules."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    return env


def _serve(parent: int) -> None:
    """The helper's loop: (fn, task) in, (ok, result or message) out, until the input closes."""
    out = os.fdopen(os.dup(1), "wb")  # the answers' pipe, before fd 1 goes to /dev/null
    background_process(parent)
    inp = sys.stdin.buffer
    while True:
        try:
            fn, task = pickle.load(inp)
        except EOFError:
            return
        try:
            reply: tuple[bool, Any] = (True, fn(task))
        except Exception as exc:
            reply = (False, f"{type(exc).__name__}: {exc}")
        pickle.dump(reply, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
