"""Shared fixtures. Tests never touch the user's real config or data dirs."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.store import Store, open_store
from tests.httpserver import LocalServer


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


_LOCAL_HOSTS = {"localhost", "::1"}


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests use no outside network: a name other than this machine's is not found, as on a
    machine without network (an address a test gives by mistake fails at once, the same way
    everywhere, instead of reaching the internet or waiting on a resolver)."""
    real = socket.getaddrinfo

    def local_only(
        host: bytes | str | None,
        port: bytes | str | int | None,
        family: int = 0,
        type: int = 0,
        proto: int = 0,
        flags: int = 0,
    ) -> list[tuple[Any, ...]]:  # (socket.getaddrinfo's own parameters)
        name = host.decode() if isinstance(host, bytes) else str(host or "")
        if not name or name in _LOCAL_HOSTS or name.startswith("127."):
            return real(host, port, family, type, proto, flags)
        raise socket.gaierror(socket.EAI_NONAME, f"{name}: tests use no outside network")

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture
def config_file(tmp_path: Path):
    """Write a config file and return its path: config_file('[[feeds]]\\nurl = ...')."""

    def write(text: str, name: str = "config.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def srv() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 with programmable routes (see tests/httpserver.py)."""
    with LocalServer() as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty database in a temporary folder."""
    s = open_store(tmp_path / "news.db")
    yield s
    s.close()


REPO = Path(__file__).resolve().parent.parent
os.environ.setdefault("NEWSREADER_TESTING", "1")
