"""One feed, however its address is written (http or https, the host's case, a #fragment): the
command line's `add` and `import-opml` refuse a second subscription before adding it, and say
which feed it already is."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import open_store
from tests.httpserver import Item, LocalServer, rss
from tests.test_cli import run
from tests.test_cli_network import config_for


@pytest.fixture
def server():
    with LocalServer() as srv:
        items = [Item(f"Metro story {n}", f"https://metro.example/{n}") for n in range(3)]
        srv.route(
            "/metro/rss.xml",
            body=rss(items, title="Metro Wire", link="https://metro.example/"),
            headers={"Content-Type": "application/rss+xml"},
        )
        srv.route(
            "/ledger/rss.xml",
            body=rss([Item("Ledger story", "https://ledger.example/1")], title="Ledger"),
            headers={"Content-Type": "application/rss+xml"},
        )
        yield srv


def _active_urls(tmp_path: Path) -> list[str]:
    store = open_store(tmp_path / "news.db")
    try:
        return sorted(f.url for f in store.feeds())
    finally:
        store.close()


def test_add_of_the_same_feed_written_another_way_is_refused_before_adding(
    server: LocalServer, tmp_path: Path
) -> None:
    cfg = config_for(tmp_path, [])
    url = server.url("/metro/rss.xml")
    first = run("add", url, *cfg)
    assert first.returncode == 0, first.stderr
    assert "Added Metro Wire" in first.stdout
    fetched = server.hits("/metro/rss.xml")
    shouting = url.replace("http://", "HTTP://") + "#top"
    again = run("add", shouting, *cfg)
    assert again.returncode == 0, again.stderr
    assert "Added" not in again.stdout
    assert f"Already subscribed to Metro Wire (as {url}" in again.stdout
    assert server.hits("/metro/rss.xml") == fetched  # refused before anything was fetched
    https = run("add", url.replace("http://", "https://"), *cfg)
    assert "Already subscribed to Metro Wire" in https.stdout
    assert _active_urls(tmp_path) == [url]


def test_import_opml_skips_feeds_subscribed_to_at_another_spelling_and_says_so(
    server: LocalServer, tmp_path: Path
) -> None:
    cfg = config_for(tmp_path, [])
    metro, ledger = server.url("/metro/rss.xml"), server.url("/ledger/rss.xml")
    assert run("add", metro, *cfg).returncode == 0
    assert run("add", ledger, *cfg).returncode == 0
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline type="rss" text="Metro" xmlUrl="{metro.replace("http://", "https://")}"/>'
        f'<outline type="rss" text="Ledger" xmlUrl="{ledger}#frag"/>'
        "</body></opml>"
    )
    result = run("import-opml", str(opml), *cfg)
    assert result.returncode == 0, result.stderr
    assert "Imported 0 new feeds (2 already present)." in result.stdout
    assert f"already subscribed as Metro Wire ({metro})" in result.stdout
    assert f"{ledger}#frag: already subscribed as Ledger ({ledger})" in result.stdout
    assert _active_urls(tmp_path) == sorted([metro, ledger])


def test_a_feed_unsubscribed_from_comes_back_at_its_own_address(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    feed, created = store.add_feed("http://Example.com:80/feed.xml", "Example")
    assert created
    store.remove_feed(feed.id)
    again, created = store.add_feed("https://example.com/feed.xml#latest")
    assert created and again.id == feed.id and again.active
    assert again.url == "http://Example.com:80/feed.xml" and again.title == "Example"
    assert [f.url for f in store.feeds(include_inactive=True)] == [again.url]
    assert store.feed_by_url("HTTPS://EXAMPLE.COM/feed.xml") == store.feed(feed.id)
    assert store.feed_by_url("https://example.com/Feed.xml") is None  # a path's case counts
    store.close()


def test_a_feed_dropped_from_the_config_and_added_by_hand_stays_subscribed(
    server: LocalServer, tmp_path: Path
) -> None:
    metro = server.url("/metro/rss.xml")
    listed = config_for(tmp_path, [metro])
    assert run("refresh", *listed).returncode == 0  # subscribed from the config file
    dropped = config_for(tmp_path, [])  # the same files, the feed taken out of the config
    assert run("feeds", *dropped).stdout.startswith("No subscriptions")
    added = run("add", metro.upper().replace("/METRO/RSS.XML", "/metro/rss.xml"), *dropped)
    assert added.returncode == 0 and "Added Metro Wire" in added.stdout, added.stdout
    assert "Metro Wire" in run("feeds", *dropped).stdout  # the next start keeps it
    assert _active_urls(tmp_path) == [metro]
