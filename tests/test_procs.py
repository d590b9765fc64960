"""Helper processes (reader.procs) and the batch grouping that uses one."""

from __future__ import annotations

import logging
import math
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Generator
from pathlib import Path

import pytest

from reader.procs import ordered_map
from reader.related import group
from reader.related import index as related_index
from tests.processes import alive, children_of, wait_gone
from tests.test_related import partition
from tests.test_related_samples import FULL_TEXT, HEADLINES

linux_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def helpers_of_this_process() -> list[int]:
    return [pid for pid in children_of(os.getpid()) if alive(pid)]


def test_results_come_in_order_from_a_helper(caplog: pytest.LogCaptureFixture) -> None:
    tasks = list(range(200))
    with caplog.at_level(logging.WARNING, logger="reader.procs"):
        assert list(ordered_map(math.factorial, tasks, ahead=3)) == [
            math.factorial(n) for n in tasks
        ]
    assert not caplog.records  # the helper did the work, nothing fell back


def test_without_a_helper_the_work_is_done_here() -> None:
    assert list(ordered_map(abs, [-3, 2, -1], use_helper=False)) == [3, 2, 1]


def test_an_error_in_a_task_reaches_the_caller_as_itself() -> None:
    results = ordered_map(math.factorial, [3, -1, 4])
    assert next(results) == 6
    with pytest.raises(ValueError, match="negative"):
        next(results)


@linux_proc
def test_a_killed_helper_loses_no_result(caplog: pytest.LogCaptureFixture) -> None:
    tasks = list(range(300))
    results = ordered_map(math.factorial, tasks, ahead=2)
    got = [next(results)]  # the helper is running
    helpers = helpers_of_this_process()
    assert helpers
    for pid in helpers:
        os.kill(pid, signal.SIGKILL)
    with caplog.at_level(logging.WARNING, logger="reader.procs"):
        got.extend(results)
    assert got == [math.factorial(n) for n in tasks]
    assert any("working here" in r.getMessage() for r in caplog.records)


@linux_proc
def test_the_helper_ends_with_the_work_and_when_abandoned() -> None:
    list(ordered_map(math.factorial, range(50)))
    assert not wait_gone(helpers_of_this_process())
    results = ordered_map(math.factorial, range(10_000))
    assert isinstance(results, Generator)  # (closed when the caller stops reading)
    next(results)
    assert helpers_of_this_process()
    results.close()  # the caller stops reading half-way
    assert not wait_gone(helpers_of_this_process())


def test_a_large_batch_groups_as_a_small_one(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Features worked out in a helper process give the same groups as in this one."""
    articles = [*FULL_TEXT, *HEADLINES]
    here = partition(group(articles))
    monkeypatch.setattr(related_index, "PARALLEL_MIN", 10)
    monkeypatch.setattr(related_index, "FEATURE_CHUNK", 7)
    with caplog.at_level(logging.WARNING, logger="reader.procs"):
        assert partition(group(articles)) == here
    assert not caplog.records


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """Evaluation scripts call group() from top-level code: the helper must not run them again
    (a multiprocessing "spawn" child imports the main module)."""
    script = tmp_path / "evaluate.py"
    script.write_text(
        textwrap.dedent(
            """
            from reader.related import group
            from reader.related import index
            index.PARALLEL_MIN = 2
            index.FEATURE_CHUNK = 1
            articles = [
                {"id": i, "title": title, "published": "2024-03-12"}
                for i, title in enumerate(
                    ["Quake hits Chile coast", "Chile coast quake hits", "Apple buys Beats"]
                )
            ]
            print("groups", sorted(sorted(g) for g in group(articles)))
            """
        )
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["groups [[0, 1], [2]]"]
    assert "working here" not in done.stderr
