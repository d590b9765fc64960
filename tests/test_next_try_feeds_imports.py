"""`newsreader feeds` reads a feed's next try as a refresh does (reader.schedule: a next try
stored by a clock far ahead is cut back to the longest wait after the last fetch) without
loading the fetching code (reader.refresh, reader.fetch, httpx): listing feeds stays quick to
start, whatever the clock once stored."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from reader.store import Store

DAY = 86400.0

# run the command in a fresh interpreter and report, after its JSON, what it had loaded
_RUN = (
    "import json, sys\n"
    "from reader.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "loaded = sorted(m for m in ('httpx', 'reader.refresh', 'reader.fetch') if m in sys.modules)\n"
    "print('LOADED ' + json.dumps(loaded))\n"
    "sys.exit(code)\n"
)


def _feeds(tmp_path: Path) -> tuple[list[dict[str, object]], list[str]]:
    config = tmp_path / "config.toml"
    config.write_text("")
    cfg = ["--config", str(config), "--db", str(tmp_path / "news.db")]
    result = subprocess.run(
        [sys.executable, "-c", _RUN, "feeds", "--json", *cfg],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    listing, _, loaded = result.stdout.rpartition("LOADED ")
    return json.loads(listing), json.loads(loaded)


def test_feeds_cuts_back_a_far_next_try_without_loading_the_fetching_code(
    tmp_path: Path, store: Store
) -> None:
    feed, _ = store.add_feed("https://down.example/feed.xml", "Down Feed")
    fetched = time.time() - 3600
    # a 500 an hour ago, its back-off stored while the clock was two years ahead
    store.update_feed(
        feed.id,
        last_fetched=fetched,
        next_fetch=fetched + 730 * DAY,
        failures=1,
        last_error="HTTP 500",
        last_status=500,
    )
    store.close()

    (row,), loaded = _feeds(tmp_path)
    assert row["status"] == "failing"
    assert isinstance(row["next_try"], str)
    next_try = datetime.fromisoformat(row["next_try"]).timestamp()
    assert abs(next_try - (fetched + DAY)) < 2  # a day of back-off after the last fetch
    assert loaded == []


def test_feeds_of_a_near_next_try_loads_no_fetching_code_either(
    tmp_path: Path, store: Store
) -> None:
    feed, _ = store.add_feed("https://down.example/feed.xml", "Down Feed")
    fetched = time.time() - 60
    store.update_feed(
        feed.id,
        last_fetched=fetched,
        next_fetch=fetched + 300,
        failures=1,
        last_error="HTTP 500",
        last_status=500,
    )
    store.close()

    (row,), loaded = _feeds(tmp_path)
    assert isinstance(row["next_try"], str)
    assert abs(datetime.fromisoformat(row["next_try"]).timestamp() - (fetched + 300)) < 2
    assert loaded == []
