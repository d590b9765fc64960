"""What a refresh tells the user is said in words: a fault of ours while refreshing a feed
(not 'Internal error: KeyError'), and how many feeds brought the new stories."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.refresh as refresh_mod
from reader.config import Config, RefreshConfig
from reader.refresh import refresh
from reader.store import Store
from tests.httpserver import Item, LocalServer, rss
from tests.processes import newsreader as run

CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)


async def test_a_fault_while_refreshing_a_feed_is_said_in_words_and_logged(
    srv: LocalServer,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    srv.route("/f", body=rss([Item(title="Story", link="https://news.example/1")]))
    srv.route("/g", body=rss([Item(title="Other", link="https://news.example/2")]))
    broken, _ = store.add_feed(srv.url("/f"))
    store.add_feed(srv.url("/g"))
    real = refresh_mod.body_hash

    def faulty(body: bytes) -> str:
        if b"Story" in body:
            raise KeyError("a bug of ours")  # a fault of ours, not of the feed
        return real(body)

    monkeypatch.setattr(refresh_mod, "body_hash", faulty)
    with caplog.at_level("ERROR", logger="reader.refresh"):
        results = {r.feed_id: r for r in await refresh(store, CONFIG)}
    fault = results[broken.id]
    assert fault.status == "error"
    assert fault.error == "The feed could not be refreshed: a fault in newsreader stopped it."
    assert "KeyError" in caplog.text and "a bug of ours" in caplog.text  # the traceback: logged
    (other,) = [r for r in results.values() if r.feed_id != broken.id]
    assert other.status == "ok" and other.new == 1  # the other feed is refreshed all the same
    kept = store.feed(broken.id)  # kept as a failure is: e says it, and the feed waits
    assert kept is not None and kept.last_error == fault.error and kept.failures == 1
    assert kept.next_fetch is not None
    assert [r.feed_id for r in await refresh(store, CONFIG)] == [other.feed_id]


def _config(tmp_path: Path, urls: list[str]) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text(
        "[refresh]\ntimeout_seconds = 3\nfeed_deadline_seconds = 5\n"
        + "".join(f'[[feeds]]\nurl = "{u}"\n' for u in urls)
    )
    return ["--config", str(path), "--db", str(tmp_path / "news.db")]


def test_the_refresh_summary_counts_the_feeds_that_brought_new_articles(
    srv: LocalServer, tmp_path: Path
) -> None:
    def stories(name: str, count: int) -> bytes:
        return rss([Item(f"{name} {i}", f"https://{name}.example/{i}") for i in range(count)])

    for name in ("a", "b", "c"):
        srv.route(f"/{name}.xml", body=stories(name, 2))
    cfg = _config(tmp_path, [srv.url(f"/{name}.xml") for name in ("a", "b", "c")])
    first = run("refresh", *cfg)
    assert "6 new articles from 3 feeds (3 feeds fetched, 0 failed)." in first.stdout, first.stdout
    srv.route("/a.xml", body=stories("a", 12))  # ten more stories in one feed only
    second = run("refresh", "--force", *cfg)
    assert "10 new articles from 1 feed (3 feeds fetched, 0 failed)." in second.stdout
    third = run("refresh", "--force", *cfg)
    assert "No new articles (3 feeds fetched, 0 failed)." in third.stdout, third.stdout
    assert "from 3 feeds" not in second.stdout + third.stdout
