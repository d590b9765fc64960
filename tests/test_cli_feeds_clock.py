"""`newsreader feeds` says when a failing feed is tried next as the refresh decides it: a next
try stored while the clock was far ahead (two years) is shown cut back to the longest back-off
after the last fetch, not "next try in 730 days" (reader.refresh.next_try)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

from tests.httpserver import LocalServer
from tests.processes import newsreader

DAY = 86400.0


def test_feeds_shows_a_next_try_stored_by_a_clock_ahead_cut_back(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with LocalServer() as server:
        server.route("/feed.xml", status=500, body=b"down")
        url = server.url("/feed.xml")
        config = tmp_path / "config.toml"
        config.write_text(
            "[refresh]\ntimeout_seconds = 3\nfeed_deadline_seconds = 5\n"
            f'[[feeds]]\nurl = "{url}"\ntitle = "Down"\n'
        )
        cfg = ["--config", str(config), "--db", str(db)]
        newsreader("refresh", *cfg)  # (the feed fails: a 500)
    with sqlite3.connect(db) as conn:  # as stored by a clock two years ahead
        conn.execute("UPDATE feeds SET next_fetch = last_fetched + 730 * 86400")
        (fetched,) = conn.execute("SELECT last_fetched FROM feeds").fetchone()
    conn.close()

    result = newsreader("feeds", "--json", *cfg)
    assert result.returncode == 0, result.stderr
    (feed,) = json.loads(result.stdout)
    assert feed["status"] == "failing"
    next_try = datetime.fromisoformat(feed["next_try"]).timestamp()
    assert next_try <= fetched + DAY + 1
    text = newsreader("feeds", *cfg).stdout
    assert "days" not in text, text
