"""After a refresh, new articles are grouped with the same event in other feeds (real local server)."""

from __future__ import annotations

import os
import signal
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest

from reader.config import Config, FeedConfig, RefreshConfig
from reader.models import FeedResult, View
from reader.refresh import (
    GROUP_MAX_ARTICLES,
    Housekeeper,
    after_refresh,
    group_backlog,
    refresh_and_group,
    refresh_sync,
)
from reader.store import Store, StoreCorrupt, open_store
from tests.httpserver import Item, LocalServer, rss

QUAKE = {  # the same event in two outlets' own words
    "alpha": "A magnitude 6.8 earthquake struck off the coast of Hokkaido, Japan, on Tuesday, the Japan "
    "Meteorological Agency said. No tsunami warning was issued for Sapporo.",
    "beta": "Buildings shook in Sapporo as a 6.8-magnitude quake hit near Hokkaido in northern Japan. "
    "Officials in Tokyo said there was no risk of a tsunami.",
}
WIRE = (
    "Shares in Nordbank fell 12 percent in Frankfurt after the lender cut its 2025 profit forecast "
    "and announced 3,000 job cuts, chief executive Anna Weber told reporters."
)


TOWNS = {"alpha": "Springfield", "beta": "Shelbyville"}


def items(outlet: str) -> list[Item]:
    town = TOWNS[outlet]
    return [
        Item(
            f"Strong earthquake hits Hokkaido, Japan ({outlet})",
            f"https://{outlet}.example/quake",
            description=QUAKE[outlet],
        ),
        Item(
            "Nordbank cuts 3,000 jobs as profit forecast slashed",
            f"https://{outlet}.example/nordbank",
            description=WIRE,
        ),
        Item(
            f"{town} council election results announced",
            f"https://{outlet}.example/local",
            description=f"The {town} town council counted votes for its new members on Sunday.",
        ),
    ]


def _subscribe(
    srv: LocalServer, tmp_path: Path, extra: dict[str, list[Item]] | None = None
) -> tuple[Store, Config]:
    """Serve both outlets' feeds (with ``extra`` items per outlet) and subscribe a new store."""
    for outlet in ("alpha", "beta"):
        srv.route(
            f"/{outlet}.xml",
            body=rss([*items(outlet), *(extra or {}).get(outlet, [])], title=outlet.title()),
            headers={"Content-Type": "application/rss+xml"},
        )
    config = Config(
        feeds=(FeedConfig(srv.url("/alpha.xml")), FeedConfig(srv.url("/beta.xml"))),
        refresh=RefreshConfig(timeout_seconds=5),
    )
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds(config.feeds)
    return store, config


def test_refresh_groups_the_same_event_across_feeds_and_lists_copies_once(tmp_path: Path) -> None:
    with LocalServer() as srv:
        store, config = _subscribe(srv, tmp_path)
        results = refresh_sync(store, config)
        after_refresh(store, config, 0)
    assert sorted(r.new for r in results) == [3, 3]
    by_url = {a.url: a for a in store.headlines(View(kind="feed", feed_id=store.feeds()[0].id))}
    by_url |= {a.url: a for a in store.headlines(View(kind="feed", feed_id=store.feeds()[1].id))}
    quake_a, quake_b = by_url["https://alpha.example/quake"], by_url["https://beta.example/quake"]
    assert [a.id for a, _ in store.related(quake_a.id)] == [quake_b.id]
    assert quake_a.group_id is not None and quake_a.group_id == quake_b.group_id
    # the two local election stories are different events: not related
    assert store.related(by_url["https://alpha.example/local"].id) == []
    # the syndicated wire story is one story listed once, its copy flagged as a duplicate
    bank = [by_url["https://alpha.example/nordbank"], by_url["https://beta.example/nordbank"]]
    copies = [a for a in bank if a.duplicate_of is not None]
    assert len(copies) == 1
    listed = [a.url for a in store.headlines(View())]
    assert len(listed) == 5
    assert sum("nordbank" in u for u in listed) == 1
    # marking the view read takes the hidden copy with it
    store.mark_view_read(View())
    assert store.count(View(kind="unread")) == 0
    assert all(store.article(a.id).is_read for a in bank)  # type: ignore[union-attr]
    assert store.duplicates_of(bank[0].id) == [bank[1].id]


def test_entries_sharing_a_boilerplate_description_are_not_copies(tmp_path: Path) -> None:
    # Some feeds give every entry the same description ("Comments"): different stories all the same.
    titles = [
        "Show HN: A tiny SQLite browser",
        "The history of the Unix pipe",
        "Rust 1.80 released",
        "Why we moved off Kubernetes",
        "A visual guide to TCP congestion control",
    ]
    with LocalServer() as srv:
        srv.route(
            "/hn.xml",
            body=rss(
                [
                    Item(t, f"https://n.example/{i}", description="Comments")
                    for i, t in enumerate(titles)
                ]
            ),
            headers={"Content-Type": "application/rss+xml"},
        )
        config = Config(
            feeds=(FeedConfig(srv.url("/hn.xml")),), refresh=RefreshConfig(timeout_seconds=5)
        )
        store = open_store(tmp_path / "news.db")
        store.sync_config_feeds(config.feeds)
        refresh_sync(store, config)
        after_refresh(store, config, 0)
    listed = store.headlines(View())
    assert sorted(a.title for a in listed) == sorted(titles)
    assert all(a.duplicate_of is None for a in listed)


def test_refresh_and_group_reports_results_before_it_groups(tmp_path: Path) -> None:
    with LocalServer() as srv:
        store, config = _subscribe(srv, tmp_path)
        reported: list[tuple[list[FeedResult] | None, list[int | None]]] = []

        def report(results: list[FeedResult] | None) -> None:  # what the caller sees at that time
            reported.append((results, [a.group_id for a in store.headlines(View())]))

        results = refresh_and_group(store, config, report=report)
    assert sorted(r.new for r in results) == [3, 3]
    assert len(reported) == 1
    seen, groups_then = reported[0]
    assert seen == results
    assert len(groups_then) == 6 and all(g is None for g in groups_then)
    quake = [a for a in store.headlines(View()) if a.url.endswith("/quake")]
    assert len(quake) == 2 and quake[0].group_id is not None
    assert quake[0].group_id == quake[1].group_id


def test_refresh_and_group_reports_none_when_the_refresh_fails(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    config = Config(feeds=(FeedConfig("http://127.0.0.1:9/feed.xml"),))
    store = open_store(path)
    store.sync_config_feeds(config.feeds)
    store.close()
    for file in tmp_path.iterdir():  # the database (and its journal) damaged under the reader
        file.write_bytes(b"not a database " * 100)
    reported: list[list[FeedResult] | None] = []
    with pytest.raises(StoreCorrupt):
        refresh_and_group(store, config, report=reported.append)
    assert reported == [None]


def _two_outlets(srv: LocalServer, tmp_path: Path, extra: int = 0) -> tuple[Store, Config]:
    """Serve both outlets (with ``extra`` more same-event reports each) and refresh, no grouping."""
    kobe = {  # one more event, in each outlet's own words
        "alpha": (
            "Port of Kobe reopens as dockworkers end strike",
            "Dockworkers in Kobe ended their nine-day strike on Friday and container ships "
            "began to unload at the port, the Kobe port authority said.",
        ),
        "beta": (
            "Kobe dock strike over: ships unload again",
            "After nine days, the strike at Japan's port of Kobe is over: unions accepted a "
            "pay offer and the first container ships were unloaded on Friday.",
        ),
    }
    more = {
        outlet: [Item(title, f"https://{outlet}.example/kobe", description=text)][:extra]
        for outlet, (title, text) in kobe.items()
    }
    store, config = _subscribe(srv, tmp_path, more)
    refresh_sync(store, config, force=True)
    return store, config


def _quake_groups(store: Store) -> list[int | None]:
    return [a.group_id for a in store.headlines(View()) if a.url.endswith("/quake")]


def test_housekeeper_groups_in_a_process_of_its_own_and_keeps_it(tmp_path: Path) -> None:
    with LocalServer() as srv:
        store, config = _two_outlets(srv, tmp_path)
        keeper = Housekeeper(store, config)
        try:
            assert _quake_groups(store) == [None, None]
            keeper.run(0)
            first = _quake_groups(store)
            assert first[0] is not None and first[0] == first[1]
            pid = keeper.pid
            assert pid is not None and pid != os.getpid()
            # the next refresh brings more: the same helper groups them
            store, config = _two_outlets(srv, tmp_path, extra=1)
            keeper.run(0)
            assert keeper.pid == pid
            kobe = [a.group_id for a in store.headlines(View()) if "/kobe" in a.url]
            assert len(kobe) == 2 and kobe[0] is not None and kobe[0] == kobe[1]
        finally:
            keeper.close()
        assert keeper.pid is None
        store.close()


def test_housekeeper_carries_on_when_its_process_dies(tmp_path: Path) -> None:
    with LocalServer() as srv:
        store, config = _two_outlets(srv, tmp_path)
        keeper = Housekeeper(store, config)
        try:
            keeper.run(0)
            pid = keeper.pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            store, config = _two_outlets(srv, tmp_path, extra=1)
            keeper.run(0)  # no exception: a new helper does the work
            assert keeper.pid not in (None, pid)
            kobe = [a.group_id for a in store.headlines(View()) if "/kobe" in a.url]
            assert len(kobe) == 2 and kobe[0] is not None and kobe[0] == kobe[1]
        finally:
            keeper.close()
        store.close()


def test_a_helper_dead_but_not_yet_reaped_is_replaced_not_given_up(tmp_path: Path) -> None:
    """A helper killed a moment ago still looks alive: its pipe breaks on the next request.
    A new helper takes the request (the refresh's housekeeping stays out of the reader's
    process), rather than every later request being worked in the reader's own."""
    import multiprocessing

    with LocalServer() as srv:
        store, config = _two_outlets(srv, tmp_path)
        keeper = Housekeeper(store, config)
        try:
            keeper.run(0)
            pid = keeper.pid
            assert pid is not None
            # the helper is alive, but its end of the pipe is gone (as when it has just died)
            mine, theirs = multiprocessing.get_context("spawn").Pipe()
            theirs.close()
            keeper._conn = mine
            store, config = _two_outlets(srv, tmp_path, extra=1)
            keeper.run(0)
            assert keeper.pid not in (None, pid)
            kobe = [a.group_id for a in store.headlines(View()) if "/kobe" in a.url]
            assert len(kobe) == 2 and kobe[0] is not None and kobe[0] == kobe[1]
        finally:
            keeper.close()
        store.close()


def test_a_closed_housekeeper_does_no_more_work(tmp_path: Path) -> None:
    with LocalServer() as srv:
        store, config = _two_outlets(srv, tmp_path)
        keeper = Housekeeper(store, config)
        keeper.close()
        keeper.run(0)
        assert keeper.pid is None
        assert _quake_groups(store) == [None, None]
        store.close()


def _bulk_store(tmp_path: Path, n: int) -> tuple[Store, Config]:
    """A store that refreshed one feed of ``n`` different stories, none grouped yet."""
    start = datetime(2025, 6, 10, tzinfo=UTC)
    topics = ("harbour", "budget", "festival", "bridge", "school", "library", "airport", "market")
    bulk = [
        Item(
            f"Story {k}: the {topics[k % len(topics)]} report number {k}",
            f"https://bulk.example/{k}",
            date=format_datetime(start + timedelta(minutes=k)),
            description=f"Report {k} on the {topics[k % len(topics)]} in district {k % 97}.",
        )
        for k in range(n)
    ]
    with LocalServer() as srv:
        srv.route("/bulk.xml", body=rss(bulk), headers={"Content-Type": "application/rss+xml"})
        config = Config(feeds=(FeedConfig(srv.url("/bulk.xml")),))
        store = open_store(tmp_path / "news.db")
        store.sync_config_feeds(config.feeds)
        refresh_sync(store, config)
    return store, config


def _ungrouped(store: Store) -> int:
    return int(store.query("SELECT COUNT(*) AS n FROM articles WHERE group_id IS NULL")[0]["n"])


def test_the_housekeeper_groups_what_a_bulk_import_left_ungrouped(tmp_path: Path) -> None:
    """A first refresh bringing more articles than one refresh groups (GROUP_MAX_ARTICLES): the
    housekeeping process groups the rest after answering, while nothing else is asked of it."""
    store, config = _bulk_store(tmp_path, GROUP_MAX_ARTICLES + 200)
    assert _ungrouped(store) == GROUP_MAX_ARTICLES + 200
    keeper = Housekeeper(store, config)
    try:
        keeper.run(0)
        assert keeper.pid is not None
        deadline = time.monotonic() + 60
        while _ungrouped(store) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _ungrouped(store) == 0
    finally:
        keeper.close()
    store.close()


def test_grouping_the_backlog_stops_when_other_work_waits(tmp_path: Path) -> None:
    store, config = _bulk_store(tmp_path, GROUP_MAX_ARTICLES + 400)  # (a feed keeps 2,000)
    after_refresh(store, config, 0)  # a refresh's share (and the start-up's): the newest

    def waiting() -> list[int]:  # ungrouped, newest first
        return [
            r["id"]
            for r in store.query(
                "SELECT id FROM articles WHERE group_id IS NULL ORDER BY published DESC, id DESC"
            )
        ]

    left = waiting()
    assert len(left) >= 400
    asked = []

    def after_one_chunk() -> bool:
        asked.append(1)
        return len(asked) > 1

    assert group_backlog(store, config, after_one_chunk) == 250
    assert waiting() == left[250:]  # the newest of those waiting went first
    assert group_backlog(store, config, lambda: False) == len(left) - 250
    assert waiting() == []
    assert group_backlog(store, config, lambda: False) == 0
    store.close()
