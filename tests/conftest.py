"""Shared fixtures. Tests never touch the user's real config or data dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("NEWSREADER_CONFIG", raising=False)
    monkeypatch.delenv("NEWSREADER_DB", raising=False)


@pytest.fixture
def config_file(tmp_path: Path):
    """Write a config file and return its path: config_file('[[feeds]]\\nurl = ...')."""

    def write(text: str, name: str = "config.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NEWSREADER_TESTING", "1")
