"""The stored groups of the window end as reader.related.group() makes them, when articles
arrive after newer ones (a feed added with its day of history) or the grouping rules changed:
the housekeeping groups the window again in publication order, in the background."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from reader.config import Config
from reader.models import ParsedEntry, View
from reader.refresh import Housekeeper, after_refresh, group_backlog
from reader.related import RULES_VERSION, group, regroup_window
from reader.related import regroup as regroup_module
from reader.related.persist import LATE_KEY, RULES_KEY, article_item
from reader.store import Store, open_store

WINDOW = Config().related.window_hours
DAY = datetime(2025, 6, 10, tzinfo=UTC)

# One event told three ways, as a chain: the first report (the strike) and the last (the delayed
# cars) share almost nothing; the middle one shares much with each. Taken in order the three go
# together (the wire's report joins the strike report, the cars report joins them); with the
# strike report arriving last (its feed added later) it is weighed against the other two as one
# story, which shares too little with it, and stands alone.
KOBE = {
    "strike": (
        "portnews",
        8.0,
        "Dockworkers strike at Kobe port",
        "Dockworkers at the port of Kobe went on strike on Monday over pay, the Zenkowan union "
        "said; container traffic stopped.",
    ),
    "exports": (
        "wire",
        9.0,
        "Kobe dockworkers strike delays Toyota exports to Europe",
        "The strike by dockworkers at the port of Kobe over pay held up car shipments to Europe "
        "and Britain, Toyota spokesman Kenji Ito said on Monday.",
    ),
    "cars": (
        "daily",
        10.0,
        "Toyota car shipments to Europe delayed",
        "Toyota said on Monday its car shipments to Europe would be delayed by about a week.",
    ),
}
TOPICS = ("harbour", "budget", "festival", "bridge", "school", "library", "airport", "market")


def filler(k: int, outlet: str, hour: float) -> tuple[str, float, str, str]:
    topic = TOPICS[k % len(TOPICS)]
    return (
        outlet,
        hour,
        f"Council report {k} on the {topic} in district {k % 13}",
        f"The council published report {k} on the {topic} of district {k % 13} on Monday.",
    )


def entry(key: str, hour: float, title: str, text: str) -> ParsedEntry:
    return ParsedEntry(
        guid=f"urn:{key}",
        url=f"https://example.test/{key}",
        title=title,
        published=DAY + timedelta(hours=hour),
        summary_text=text,
    )


def refresh(store: Store, articles: dict[str, tuple[str, float, str, str]]) -> dict[str, int]:
    """Store the articles in their outlets' feeds and group them as a refresh does (the
    housekeeping's after_refresh); returns key -> article id."""
    since = time.time() - 1
    ids: dict[str, int] = {}
    by_outlet: dict[str, list[str]] = {}
    for key, (outlet, *_) in articles.items():
        by_outlet.setdefault(outlet, []).append(key)
    for outlet, keys in by_outlet.items():
        feed, _ = store.add_feed(f"https://{outlet}.test/feed", outlet)
        new, _ = store.upsert_entries(
            feed.id, [entry(k, *articles[k][1:]) for k in keys], language="en"
        )
        ids.update(zip(keys, new, strict=True))
    after_refresh(store, Config(), since)
    return ids


def window_items(store: Store) -> list[dict[str, Any]]:
    newest = store.newest_published()
    assert newest is not None
    since = newest - WINDOW * 3600
    return [article_item(a) for a in store.articles_for_grouping(since=since)]


def stored_partition(store: Store) -> set[frozenset[Any]]:
    parts: dict[int | None, set[int]] = {}
    for item in window_items(store):
        article = store.article(item["id"])
        assert article is not None
        parts.setdefault(article.group_id, set()).add(item["id"])
    return {frozenset(p) for p in parts.values()}


def batch_partition(store: Store) -> set[frozenset[Any]]:
    return {frozenset(g) for g in group(window_items(store), WINDOW)}


def links_follow_groups(store: Store) -> bool:
    """Every related link (both ways) joins two articles of one group."""
    rows = store.query(
        "SELECT r.article_id AS a, r.other_id AS b, x.group_id AS ga, y.group_id AS gb "
        "FROM related r JOIN articles x ON x.id = r.article_id "
        "JOIN articles y ON y.id = r.other_id WHERE r.kind = 'feed'"
    )
    pairs = {(r["a"], r["b"]) for r in rows}
    return all(r["ga"] == r["gb"] and (r["b"], r["a"]) in pairs for r in rows)


def ungrouped(store: Store) -> int:
    rows = store.query(
        "SELECT COUNT(*) AS n FROM articles WHERE kind = 'feed' AND group_id IS NULL"
    )
    return int(rows[0]["n"])


def never() -> bool:
    return False


def first_feeds() -> dict[str, tuple[str, float, str, str]]:
    """The outlets refreshed first: the wire's and the daily's reports of the day."""
    out = {k: v for k, v in KOBE.items() if v[0] != "portnews"}
    out.update({f"w{k}": filler(k, "wire", 0.5 + k * 0.4) for k in range(30)})
    out.update({f"d{k}": filler(k + 100, "daily", 0.7 + k * 0.4) for k in range(30)})
    return out


def late_feed() -> dict[str, tuple[str, float, str, str]]:
    """A feed added afterwards with the day's history: all of it published before the newest."""
    out = {"strike": KOBE["strike"]}
    out.update({f"p{k}": filler(k + 200, "portnews", 0.6 + k * 0.5) for k in range(20)})
    return out


def test_a_feed_added_later_with_its_history_ends_grouped_as_group_does(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    ids = refresh(store, first_feeds())
    assert stored_partition(store) == batch_partition(store)  # in order: they agree
    ids |= refresh(store, late_feed())  # the new feed's articles come after newer ones
    assert ungrouped(store) == 0
    assert stored_partition(store) != batch_partition(store)  # out of order they differ

    group_backlog(store, Config(), never)  # the housekeeping, while nothing else waits

    assert stored_partition(store) == batch_partition(store)
    kobe = {store.article(ids[k]).group_id for k in KOBE}  # type: ignore[union-attr]
    assert len(kobe) == 1  # (in order the three are one story)
    assert links_follow_groups(store)
    strike = store.article(ids["strike"])
    assert strike is not None and {a.id for a, _ in store.related(strike.id)} >= {ids["exports"]}
    assert store.get_meta(LATE_KEY) is None
    store.close()


def test_the_window_is_grouped_again_only_when_needed(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    refresh(store, first_feeds())
    assert store.get_meta(RULES_KEY) == str(RULES_VERSION)  # a new store: today's rules
    assert store.get_meta(LATE_KEY) is None  # in order: nothing to do
    assert regroup_window(store, WINDOW, never).replayed == 0
    refresh(store, late_feed())
    assert store.get_meta(LATE_KEY) is not None
    first = regroup_window(store, WINDOW, never)
    assert first.finished and first.error is None and first.reason
    assert first.replayed == len(first_feeds()) + len(late_feed())
    again = regroup_window(store, WINDOW, never)
    assert (again.reason, again.replayed, again.changed) == ("", 0, 0)
    store.close()


def test_new_grouping_rules_group_the_window_again_once_keeping_read_and_favourites(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "news.db")
    old = {
        "old-a": ("wire", -100.0, "Harbour tunnel opens to traffic", "The tunnel opened."),
        "old-b": ("daily", -99.0, "School year starts early", "Schools open a week early."),
    }
    ids = refresh(store, old)
    ids |= refresh(store, {**first_feeds(), **late_feed()})
    group_backlog(store, Config(), never)
    assert stored_partition(store) == batch_partition(store)
    # a database grouped by older rules: more put together than today's rules would, and the
    # two older reports (outside the window) too
    everything = [ids[k] for k in ("strike", "exports", "cars", "w1", "d2", "p3")]
    store.save_grouping([(i, 999_001, None) for i in everything], [], [])
    store.save_grouping([(ids["old-a"], 999_002, None), (ids["old-b"], 999_002, None)], [], [])
    store.set_meta(RULES_KEY, "1")
    store.set_read([ids["strike"], ids["w1"]])
    store.set_favourite(ids["cars"], True)
    read_before = {a.id for a in store.headlines(View()) if a.is_read}
    favourites_before = {a.id for a in store.headlines(View()) if a.is_favourite}
    assert stored_partition(store) != batch_partition(store)

    group_backlog(store, Config(), never)

    assert stored_partition(store) == batch_partition(store)
    assert store.get_meta(RULES_KEY) == str(RULES_VERSION)
    assert {a.id for a in store.headlines(View()) if a.is_read} == read_before
    assert {a.id for a in store.headlines(View()) if a.is_favourite} == favourites_before
    assert links_follow_groups(store)
    older = [store.article(ids[k]) for k in old]
    assert [a.group_id for a in older if a] == [999_002, 999_002]  # older groups stay
    # once: the next housekeeping finds nothing to do
    assert regroup_window(store, WINDOW, never).replayed == 0
    store.close()


class StopAfter:
    """stop() that says "other work waits" at its n-th question, then lets go."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked >= self.n


def test_a_stopped_pass_goes_on_where_it_stopped_and_leaves_every_article_grouped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regroup_module, "WRITE_CHUNK", 1)  # many transactions to stop between
    store = open_store(tmp_path / "news.db")
    refresh(store, first_feeds())
    refresh(store, late_feed())
    total = len(first_feeds()) + len(late_feed())
    replayed = changed = calls = written_then_stopped = 0
    for _ in range(200):
        done = regroup_window(store, WINDOW, StopAfter(4))  # other work waits, each time
        calls += 1
        replayed += done.replayed
        changed += done.changed
        assert done.error is None
        assert ungrouped(store) == 0  # however far it got
        if done.finished:
            break
        written_then_stopped += done.changed > 0
        assert store.get_meta(LATE_KEY) is not None  # not done: noted still
    assert calls > 3 and written_then_stopped  # (it stopped taking in, and writing)
    assert replayed == total  # no article taken in twice
    assert stored_partition(store) == batch_partition(store)
    assert links_follow_groups(store)
    assert store.get_meta(LATE_KEY) is None
    store.close()


def test_articles_arriving_while_a_pass_is_stopped_are_taken_in_and_an_earlier_one_starts_it_again(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "news.db")
    refresh(store, first_feeds())
    refresh(store, late_feed())
    total = len(first_feeds()) + len(late_feed())
    assert not regroup_window(store, WINDOW, StopAfter(3)).finished
    # the next refresh brings newer articles: taken in after the others
    newer = {f"n{k}": filler(k + 300, "wire", 13.0 + k * 0.2) for k in range(5)}
    refresh(store, newer)
    done = regroup_window(store, WINDOW, never)
    assert done.finished
    assert stored_partition(store) == batch_partition(store)

    # a pass stopped midway, then a feed brings one published hours before where it got to
    store.set_meta(RULES_KEY, "1")
    first = regroup_window(store, WINDOW, StopAfter(4))
    assert not first.finished and 0 < first.replayed < total
    refresh(store, {"early": filler(400, "portnews", 0.2)})
    done = regroup_window(store, WINDOW, never)
    assert done.finished
    assert done.replayed == total + len(newer) + 1  # started again from the window's start
    assert stored_partition(store) == batch_partition(store)
    store.close()


def test_the_housekeeping_process_groups_the_window_again_in_the_background(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "news.db")
    config = Config()
    refresh(store, first_feeds())
    since = time.time() - 1
    feed, _ = store.add_feed("https://portnews.test/feed", "portnews")
    store.upsert_entries(feed.id, [entry(k, *v[1:]) for k, v in late_feed().items()])
    keeper = Housekeeper(store, config)
    try:
        keeper.run(since)  # the refresh's share: the new articles get a group at once
        assert ungrouped(store) == 0
        assert keeper.pid is not None
        deadline = time.monotonic() + 60
        while store.get_meta(LATE_KEY) is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert store.get_meta(LATE_KEY) is None
    finally:
        keeper.close()
    assert stored_partition(store) == batch_partition(store)
    store.close()
