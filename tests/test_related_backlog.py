"""Articles older than the related window (counted back from the newest one stored) that no
refresh grouped: a bulk first refresh or an OPML import of long feed histories leaves them. The
housekeeping groups them afterwards, each with the stories of its own time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from reader.config import Config, FeedConfig
from reader.models import ParsedEntry
from reader.refresh import after_refresh, group_backlog, refresh_and_group
from reader.related import assign_new_articles, group
from reader.related.persist import group_older_articles
from reader.store import Store, open_store
from tests.httpserver import Item, LocalServer, rss
from tests.test_related_samples import FULL_TEXT

WINDOW = Config().related.window_hours  # the default: 72 h
SAMPLES = {a["id"]: a for a in FULL_TEXT}
NEWEST = "2024-06-01T09:00:00Z"  # months after the samples (2024-03-11 .. 15)


def moved(a: dict[str, Any], days: float, tag: str = "") -> dict[str, Any]:
    """The sample published ``days`` later (earlier if negative), as another article."""
    when = datetime.fromisoformat(a["published"].replace("Z", "+00:00")) + timedelta(days=days)
    key = f"{a['id']}{tag}"
    return {
        **a,
        "id": key,
        "published": when.isoformat(),
        "url": f"https://{tag or 'x'}.test/{key}",
    }


def entry(a: dict[str, Any]) -> ParsedEntry:
    return ParsedEntry(
        guid=f"urn:{a['id']}",
        url=a["url"],
        title=a["title"],
        published=datetime.fromisoformat(a["published"].replace("Z", "+00:00")),
        summary_text=a["text"],
    )


def stored(store: Store, articles: list[dict[str, Any]]) -> dict[str, int]:
    """Each sample stored in its outlet's feed; returns sample id -> article id."""
    ids: dict[str, int] = {}
    for a in articles:
        outlet = a["publisher"] or "example"
        feed, _ = store.add_feed(f"https://{outlet}.test/feed", outlet)
        new, _ = store.upsert_entries(feed.id, [entry(a)], language="en")
        ids[a["id"]] = new[0]
    return ids


def newest_news(store: Store) -> int:
    """An unrelated article of today, grouped as a refresh groups: the window is about now."""
    today = {
        **SAMPLES["probe-1"],
        "id": "today",
        "title": "Library opens on Sundays",
        "text": "The city library will open on Sundays from April, the council said.",
        "published": NEWEST,
        "publisher": "citydesk",
    }
    article_id = stored(store, [today])["today"]
    assert assign_new_articles(store, [article_id], window_hours=WINDOW).error is None
    return article_id


def groups(store: Store, ids: dict[str, int]) -> dict[str, int | None]:
    out = {}
    for key, article_id in ids.items():
        article = store.article(article_id)
        assert article is not None
        out[key] = article.group_id
    return out


def partition(by_key: dict[str, int | None]) -> set[frozenset[str]]:
    parts: dict[int | None, set[str]] = {}
    for key, gid in by_key.items():
        parts.setdefault(gid, set()).add(key)
    return {frozenset(p) for p in parts.values()}


def never_stop() -> bool:
    return False


def test_old_reports_of_one_event_from_two_feeds_are_grouped_and_linked(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    old = [SAMPLES[k] for k in ("chile-1", "chile-2", "indo-1", "probe-1")]  # March
    ids = stored(store, old)
    today = newest_news(store)
    assert set(groups(store, ids).values()) == {None}  # older than the window: left alone

    assert group_backlog(store, Config(), never_stop) == len(old)

    got = groups(store, ids)
    assert got["chile-1"] is not None and got["chile-1"] == got["chile-2"]
    assert len({got["chile-1"], got["indo-1"], got["probe-1"]}) == 3
    assert today not in {a.id for a, _ in store.related(ids["chile-1"])}
    linked = {a.id for a, _ in store.related(ids["chile-1"])}
    assert linked == {ids["chile-2"]}
    assert ids["chile-1"] in {a.id for a, _ in store.related(ids["chile-2"])}
    assert store.related(ids["probe-1"]) == []
    assert group_backlog(store, Config(), never_stop) == 0  # nothing is grouped twice
    store.close()


def test_each_old_event_is_grouped_with_the_stories_of_its_own_time(tmp_path: Path) -> None:
    """The same wire story run again months later is another event: each window is its own
    articles' time, never today's, and the two do not meet."""
    chile = [SAMPLES[k] for k in ("chile-1", "chile-2", "chile-3")]
    january = [moved(a, -60, "jan") for a in chile]
    # the control: published together, the two runs would be one story
    together = [*chile, *[moved(a, -0.01, "jan") for a in chile]]
    assert len(group(together, WINDOW)) == 1

    store = open_store(tmp_path / "news.db")
    ids = stored(store, [*january, *chile])
    newest_news(store)
    group_backlog(store, Config(), never_stop)

    got = groups(store, ids)
    assert None not in got.values()
    assert len({got[a["id"]] for a in january}) == 1
    assert len({got[a["id"]] for a in chile}) == 1
    assert got["chile-1"] != got["chile-1jan"]
    in_march = {a.id for a, _ in store.related(ids["chile-1"])}
    assert in_march == {ids["chile-2"], ids["chile-3"]}
    store.close()


def test_an_old_span_is_grouped_as_group_would_group_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    ids = stored(store, FULL_TEXT)
    newest_news(store)
    group_backlog(store, Config(), never_stop)
    expected = {frozenset(g) for g in group(FULL_TEXT, WINDOW)}
    assert len(expected) > 3 and partition(groups(store, ids)) == expected
    store.close()


def test_an_imported_feed_joins_the_old_stories_already_grouped(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    first = stored(store, [SAMPLES[k] for k in ("chile-1", "chile-2", "rates-1")])
    newest_news(store)
    group_backlog(store, Config(), never_stop)
    before = groups(store, first)
    assert before["chile-1"] == before["chile-2"] is not None

    later = stored(store, [SAMPLES["chile-3"]])  # a feed added since, with its history
    assert group_backlog(store, Config(), never_stop) == 1
    assert groups(store, first) == before  # the grouped ones did not move
    assert groups(store, later)["chile-3"] == before["chile-1"]
    assert ids_linked(store, later["chile-3"]) == {first["chile-1"], first["chile-2"]}
    store.close()


def ids_linked(store: Store, article_id: int) -> set[int]:
    return {a.id for a, _ in store.related(article_id)}


def test_stopped_midway_it_goes_on_without_moving_what_it_grouped(tmp_path: Path) -> None:
    # four runs of the samples, weeks apart: four spans of old stories
    articles = [moved(a, -21 * k, f"w{k}") for k in range(4) for a in FULL_TEXT]
    store = open_store(tmp_path / "news.db")
    ids = stored(store, articles)
    newest_news(store)
    asked = 0

    def after_a_while() -> bool:
        nonlocal asked
        asked += 1
        return asked > 8

    first = group_older_articles(store, WINDOW, after_a_while, chunk=5)
    assert first.error is None and not first.finished
    part = {k: g for k, g in groups(store, ids).items() if g is not None}
    assert 0 < len(part) == first.grouped < len(articles)

    rest = group_older_articles(store, WINDOW, never_stop, chunk=5)
    assert rest.error is None and rest.finished
    assert first.grouped + rest.grouped == len(articles)
    final = groups(store, ids)
    assert {k: final[k] for k in part} == part  # none grouped again
    assert None not in final.values()
    expected = {frozenset(g) for g in group(articles, WINDOW)}
    assert partition(final) == expected  # as if it had never stopped
    store.close()


def test_older_groups_never_take_an_id_the_window_uses(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    ids = stored(store, FULL_TEXT)
    today = newest_news(store)
    window_group = groups(store, {"today": today})["today"]
    group_older_articles(store, WINDOW)
    assert window_group not in set(groups(store, ids).values())
    # and the window's grouper goes on with ids of its own
    report = {**moved(SAMPLES["probe-1"], 0, "later"), "published": NEWEST}
    later = stored(store, [report])
    assert assign_new_articles(store, list(later.values()), window_hours=WINDOW).error is None
    assert groups(store, later)["probe-1later"] not in set(groups(store, ids).values())
    store.close()


def test_a_feed_imported_with_its_history_joins_the_stories_of_its_time(tmp_path: Path) -> None:
    """A refresh groups the articles of a feed just added with the window's stories: its old
    ones cannot be (they would each stand alone); the backlog groups them with their time's."""
    store = open_store(tmp_path / "news.db")
    first = stored(store, [SAMPLES[k] for k in ("chile-1", "chile-2", "probe-1")])
    newest_news(store)  # the refresh's index now holds today's stories
    group_backlog(store, Config(), never_stop)
    chile = groups(store, first)["chile-1"]
    assert chile is not None and groups(store, first)["chile-2"] == chile

    imported = stored(store, [SAMPLES["chile-3"]])  # the refresh after an OPML import
    assert assign_new_articles(store, list(imported.values()), window_hours=WINDOW).error is None
    group_backlog(store, Config(), never_stop)  # then the housekeeping, between requests
    assert groups(store, imported)["chile-3"] == chile
    assert ids_linked(store, imported["chile-3"]) == {first["chile-1"], first["chile-2"]}
    store.close()


def test_the_readers_refresh_hands_a_waiting_backlog_to_its_housekeeping(tmp_path: Path) -> None:
    """`newsreader refresh` stored long histories; the reader's next refresh brings nothing new,
    yet its housekeeping is asked to run (and group what waits), until nothing waits."""
    old = [SAMPLES[k] for k in ("chile-1", "chile-2", "indo-1")]
    items = [
        Item(
            a["title"],
            a["url"],
            date=format_datetime(datetime.fromisoformat(a["published"].replace("Z", "+00:00"))),
            description=a["text"],
        )
        for a in old
    ]
    items.append(Item("Library opens on Sundays", "https://city.test/lib", date=format_datetime(
        datetime.now(UTC)), description="The city library will open on Sundays from April."))  # fmt: skip
    with LocalServer() as srv:
        srv.route("/feed.xml", body=rss(items), headers={"Content-Type": "application/rss+xml"})
        config = Config(feeds=(FeedConfig(srv.url("/feed.xml")),))
        store = open_store(tmp_path / "news.db")
        store.sync_config_feeds(config.feeds)
        asked: list[float] = []
        results = refresh_and_group(store, config, housekeeping=asked.append)
        assert [r.new for r in results] == [4] and len(asked) == 1  # (stands in: groups nothing)

        again = refresh_and_group(store, config, force=True, housekeeping=asked.append)
        assert [r.new for r in again] == [0]
        assert len(asked) == 2  # ungrouped articles wait: the housekeeping is asked again

        after_refresh(store, config, asked[0])
        group_backlog(store, config, never_stop)
        refresh_and_group(store, config, force=True, housekeeping=asked.append)
        assert len(asked) == 2  # nothing waits: nothing to ask
        store.close()


def test_a_grouping_in_another_process_meanwhile_is_read_before_going_on(tmp_path: Path) -> None:
    """`newsreader refresh` from cron groups today's news while the reader's housekeeping
    groups the older backlog: neither takes the other's group ids, and the backlog reads the
    store again (groups may have merged) and still groups each span as group() would."""
    path = tmp_path / "news.db"
    articles = [moved(a, -21 * k, f"w{k}") for k in range(3) for a in FULL_TEXT]
    store, cron_side = open_store(path), open_store(path)  # as two processes would
    ids = stored(store, articles)
    newest_news(store)
    cron_ids: dict[str, int] = {}
    asked = 0

    def meanwhile() -> bool:
        nonlocal asked
        asked += 1
        if asked in (3, 9):  # cron's refresh brings news, grouped in its own index
            report = {**moved(SAMPLES["probe-1"], 0, f"cron{asked}"), "published": NEWEST}
            new = stored(cron_side, [report])
            assert assign_new_articles(cron_side, list(new.values()), WINDOW).error is None
            cron_ids.update(new)
        return False

    result = group_older_articles(store, WINDOW, meanwhile, chunk=4)
    assert result.error is None and result.finished and result.grouped == len(articles)
    assert len(cron_ids) == 2
    final = groups(store, ids)
    assert partition(final) == {frozenset(g) for g in group(articles, WINDOW)}
    assert not set(groups(store, cron_ids).values()) & set(final.values())
    store.close()
    cron_side.close()
