"""`stats` says when feeds were last refreshed: a refresh that had no feed to fetch (none
subscribed, or all of them waiting) is no refresh, and does not move that time."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from reader.store import open_store
from tests.httpserver import LocalServer
from tests.processes import newsreader as run

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Paper</title>'
    b"<link>http://127.0.0.1/</link><description>d</description><item><title>Harbour plan"
    b"</title><link>http://127.0.0.1/a</link><guid>a</guid></item></channel></rss>"
)
LONG_AGO = 1_000_000_000  # 2001-09-09


def last_refresh(*common: str) -> str | None:
    shown = run("stats", "--json", *common)
    assert shown.returncode == 0, shown.stderr
    value = json.loads(shown.stdout)["last_refresh"]
    assert value is None or isinstance(value, str)
    return value


def test_a_refresh_with_no_feeds_is_no_refresh(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nconcurrency = 2\n")  # a config file without feeds: none
    common = ("--config", str(config), "--db", str(tmp_path / "news.db"))
    done = run("refresh", *common)
    assert done.returncode == 0, done.stderr
    assert "no feeds to refresh" in done.stdout
    assert last_refresh(*common) is None


def test_only_a_refresh_that_fetched_a_feed_sets_the_time(tmp_path: Path, srv: LocalServer) -> None:
    srv.route("/feed.xml", body=RSS, headers={"Content-Type": "application/rss+xml"})
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{srv.url("/feed.xml")}"\n')
    common = ("--config", str(config), "--db", str(tmp_path / "news.db"))
    assert run("refresh", *common).returncode == 0
    assert last_refresh(*common) is not None  # fetched: the time is set

    srv.route("/feed.xml", status=500, body=b"down")
    assert run("refresh", *common).returncode == 1  # tried, and failed: backing off now
    store = open_store(tmp_path / "news.db")
    store.set_meta("last_refresh", str(LONG_AGO))
    (feed,) = store.feeds()
    assert feed.failures == 1 and feed.next_fetch is not None
    store.close()

    waiting = run("refresh", *common)  # the only feed waits: nothing is fetched
    assert waiting.returncode == 0, waiting.stderr
    assert "skipped" in waiting.stdout
    assert last_refresh(*common) == datetime.fromtimestamp(LONG_AGO, UTC).isoformat()
