"""Hostile places for the output: a full disk under standard output or under the file
example-config writes is said in one sentence, and leaves no file cut short."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")
def test_example_config_into_a_full_disk_says_so_as_other_commands_do() -> None:
    with FULL.open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader.cli", "example-config"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == "newsreader: the output could not be written: the disk is full.\n"


def test_example_config_on_a_full_disk_leaves_no_file_and_a_later_run_writes_it(
    tmp_path: Path,
) -> None:
    import resource

    def small_files() -> None:  # (a disk that fills up part way through the write)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    path = tmp_path / "newsreader" / "config.toml"
    command = [sys.executable, "-m", "reader.cli", "example-config", str(path)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=60, preexec_fn=small_files
    )
    assert result.returncode == 1
    assert result.stderr == f"newsreader: Cannot write {path}: File too large\n"
    assert list(path.parent.iterdir()) == []  # nothing cut short, nothing half-written beside
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    shipped = Path(__file__).parent.parent / "config.example.toml"
    assert path.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
    assert list(path.parent.iterdir()) == [path]


def test_example_config_still_leaves_a_file_already_there_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", "example-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"newsreader: {path} exists already; it was left as it is.\n"
    assert path.read_text() == "# mine\n"
    assert list(tmp_path.iterdir()) == [path]
