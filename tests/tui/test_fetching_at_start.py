"""The first start with feeds configured: the list is empty until the first refresh stores
headlines, and from its first frame it says that the feeds are being fetched, never "R
refreshes every feed" (the refresh starts once the config's feeds are saved, a moment later)."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.store import open_store
from reader.tui.app import NewsReaderApp
from tests.httpserver import LocalServer

from .conftest import fixed_clock, make_config, screen_text, settle
from .test_refresh_flow import rss


def shown(app: NewsReaderApp) -> str:
    return " ".join(screen_text(app).split())


async def test_the_first_start_says_its_feeds_are_being_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LocalServer() as server:
        base = server.url("")
        server.route("/harbour.xml", body=rss(["Harbour story"], base))
        feeds = (FeedConfig(server.url("/harbour.xml"), "Harbour", "Local"),)
        config = replace(make_config(), feeds=feeds)
        store = open_store(tmp_path / "first.db")  # a first start: nothing stored yet
        gate = threading.Event()  # the config's feeds are being saved until it is set
        save = store.sync_config_feeds

        def slow_save(*args: object, **kwargs: object) -> object:
            gate.wait(10)
            return save(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "sync_config_feeds", slow_save)
        app = NewsReaderApp(
            config,
            store,
            clock=fixed_clock,
            background_refresh=True,
            refresh_every=3600,
            sync_feeds=True,
        )
        try:
            async with app.run_test(size=(120, 30)) as pilot:
                for _ in range(10):  # the list is read (empty) while the feeds are saved
                    await pilot.pause(0.05)
                text = shown(app)
                assert "Fetching feeds… their headlines are listed here" in text, text
                assert "R refreshes" not in text and "No headlines here yet" not in text
                gate.set()
                for _ in range(100):
                    await pilot.pause(0.1)
                    if "Harbour story" in shown(app):
                        break
                await settle(pilot)
                text = shown(app)
                assert "Harbour story" in text and "Fetching" not in text
        finally:
            gate.set()
            store.close()
