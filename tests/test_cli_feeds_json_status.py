"""`newsreader feeds --json` gives what the server answered to each feed's last fetch: its HTTP
status, and when it allowed the next request (Retry-After on a 429 or 503, as an ISO 8601 time
in UTC), after a real refresh from a real local server."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from tests.httpserver import Item, LocalServer, rss
from tests.processes import newsreader

OLD_FIELDS = [
    "title",
    "url",
    "category",
    "from",
    "unread",
    "articles",
    "last_fetched",
    "state",
    "status",
    "failures",
    "last_error",
    "next_try",
]


def config(tmp_path: Path, urls: list[str]) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text(
        "[refresh]\ntimeout_seconds = 3\nfeed_deadline_seconds = 5\n"
        + "".join(f'[[feeds]]\nurl = "{u}"\ntitle = "{u[-9:]}"\n' for u in urls)
    )
    return ["--config", str(path), "--db", str(tmp_path / "news.db")]


def listed(cfg: list[str]) -> dict[str, dict[str, Any]]:
    result = newsreader("feeds", "--json", *cfg)
    assert result.returncode == 0, result.stderr
    return {f["url"].rsplit("/", 1)[1]: f for f in json.loads(result.stdout)}


def when(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    assert parsed.utcoffset() == timedelta(0), text  # (UTC)
    return parsed


def test_feeds_json_gives_the_http_status_and_when_the_server_allows_the_next_try(
    srv: LocalServer, tmp_path: Path
) -> None:
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2)
    srv.route("/ok.xml", body=rss([Item("Story", "https://example.com/1")]))
    srv.route("/busy.xml", status=429, headers={"Retry-After": "120"})
    srv.route("/down.xml", status=503, headers={"Retry-After": format_datetime(later, usegmt=True)})
    srv.route("/flat.xml", status=503)  # (no Retry-After: our own back-off)
    with LocalServer() as gone:
        nobody = gone.url("/none.xml")  # nothing listens there any more
    names = ["ok.xml", "busy.xml", "down.xml", "flat.xml"]
    cfg = config(tmp_path, [*(srv.url(f"/{n}") for n in names), nobody])
    before = time.time()
    refreshed = newsreader("refresh", *cfg)
    after = time.time()
    assert refreshed.returncode == 0, refreshed.stderr
    feeds = listed(cfg)
    for feed in feeds.values():  # (the fields there were stay as they were, new ones after)
        assert list(feed) == [*OLD_FIELDS, "http_status", "retry_after"]
    status = {name: f["http_status"] for name, f in feeds.items()}
    assert status == {
        "ok.xml": 200,
        "busy.xml": 429,
        "down.xml": 503,
        "flat.xml": 503,
        "none.xml": None,  # (no answer came)
    }
    assert feeds["ok.xml"]["retry_after"] is None and feeds["ok.xml"]["status"] == "ok"
    assert feeds["flat.xml"]["retry_after"] is None and feeds["none.xml"]["retry_after"] is None
    busy = when(feeds["busy.xml"]["retry_after"])
    assert before + 120 <= busy.timestamp() <= after + 120
    fetched = when(feeds["busy.xml"]["last_fetched"])
    assert abs(busy - fetched - timedelta(seconds=120)) < timedelta(milliseconds=1)
    next_try = when(feeds["busy.xml"]["next_try"])  # (the refresh waits as asked)
    assert abs(busy - next_try) < timedelta(milliseconds=1)
    down = when(feeds["down.xml"]["retry_after"])
    assert abs(down.timestamp() - later.timestamp()) <= after - before + 1
    assert feeds["busy.xml"]["status"] == "failing" and "429" in feeds["busy.xml"]["last_error"]

    # once the server answers again, the wait it asked for is gone
    srv.route("/busy.xml", body=rss([Item("Back", "https://example.com/2")]))
    again = newsreader("refresh", "--force", *cfg)
    assert again.returncode == 0, again.stderr
    busy_now = listed(cfg)["busy.xml"]
    assert (busy_now["http_status"], busy_now["retry_after"], busy_now["status"]) == (
        200,
        None,
        "ok",
    )


def test_feeds_not_fetched_yet_have_no_status(tmp_path: Path) -> None:
    cfg = config(tmp_path, ["http://127.0.0.1:9/new.xml"])
    (feed,) = listed(cfg).values()  # (no database yet: the feeds the first start will bring)
    assert (feed["status"], feed["http_status"], feed["retry_after"]) == ("new", None, None)
