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
