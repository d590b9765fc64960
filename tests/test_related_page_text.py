"""Related stories found by a story's page once it is fetched (reader.related).

Feeds often carry a one-sentence blurb: two outlets' blurbs of one event, worded apart, share
too few words to be grouped. When the reader opens a story and fetches its page, the page's
text becomes what the article is grouped by (Store.articles_for_grouping), and the window is
grouped again in the background (the housekeeping's group_backlog), so the story's reports in
other feeds are found by what the page says.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.config import Config, RefreshConfig
from reader.models import ParsedEntry
from reader.reading import load_page
from reader.refresh import after_refresh, group_backlog
from reader.related import group, regroup_due, regroup_window
from reader.related.persist import TEXTS_KEY, article_item
from reader.store import Store, open_store
from tests.httpserver import LocalServer

NOW = datetime(2026, 11, 27, 9, tzinfo=UTC)

LEDGER_BLURB = (
    "Thousands of dock workers at the Port of Halden walked off the job on Thursday morning, "
    "bringing container traffic at Northern Europe's fourth-largest harbour to a standstill."
)
METRO_BLURB = (
    "A 48-hour strike by dock workers shut the Port of Halden on Thursday, leaving 37 container "
    "ships at anchor after wage negotiations broke down overnight."
)
# what the Ledger's page says after its blurb: the strike's length, the ships, the talks
LEDGER_PAGE = [
    LEDGER_BLURB,
    "The 48-hour strike was called by the Dockers' Union after wage negotiations with the port "
    "operators broke down overnight, the union said.",
    "By midday 37 container ships were at anchor outside the harbour waiting for a berth, "
    "according to the harbour master.",
    "Union leader Mats Olsen said the workers wanted a pay rise in line with inflation and "
    "would return to the negotiating table if the operators made a new offer.",
    "Retailers warned that Christmas deliveries could be delayed if the strike lasted beyond "
    "the weekend.",
]
STANDFIRST = (
    "Container traffic at Halden stood still as the port's dockers began a two-day walkout "
    "over pay, with ships queuing offshore, hauliers parking their empty trailers along the "
    "ring road and retailers counting the cost of every day the cranes stay idle before the "
    "busiest weeks of the year."
)
BACKGROUND = [
    ("Council approves budget for new library wing", "The city council approved the budget "
     "for a new library wing on Wednesday after a long debate about costs."),
    ("Storm warning issued for the western coast", "Forecasters issued a storm warning for the "
     "western coast on Thursday, with gusts expected to reach gale force by the evening."),
    ("Museum reopens after renovation", "The city museum reopened on Wednesday after a "
     "four-year renovation that added two galleries and a rooftop garden."),
]  # fmt: skip


def page_html(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Dock workers walk out</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Dock workers walk out at Port of Halden</h1>{body}</article>"
        "<footer>(c) The Daily Ledger</footer></body></html>"
    ).encode()


def config() -> Config:
    return Config(refresh=RefreshConfig(timeout_seconds=3.0, feed_deadline_seconds=5.0))


def stored(store: Store, base: str) -> dict[str, int]:
    """Two outlets' blurbs of the strike and a few other stories, grouped as a refresh does."""
    since = time.time() - 1
    ledger, _ = store.add_feed("https://ledger.test/rss", "The Daily Ledger")
    metro, _ = store.add_feed("https://metro.test/rss", "Metro Wire")
    ids: dict[str, int] = {}
    new, _ = store.upsert_entries(
        ledger.id,
        [
            ParsedEntry(
                guid="ledger-strike",
                url=f"{base}/ledger/strike.html",
                title="Dock workers walk out at Port of Halden, halting container traffic",
                published=NOW,
                summary_text=LEDGER_BLURB,
            ),
            *[
                ParsedEntry(
                    guid=f"ledger-{n}",
                    url=f"https://ledger.test/{n}",
                    title=title,
                    published=NOW - timedelta(hours=n + 1),
                    summary_text=text,
                )
                for n, (title, text) in enumerate(BACKGROUND)
            ],
        ],
        language="en",
    )
    ids["ledger"] = new[0]
    new, _ = store.upsert_entries(
        metro.id,
        [
            ParsedEntry(
                guid="metro-strike",
                url="https://metro.test/strike",
                title="Halden port strike leaves 37 ships waiting as wage talks collapse",
                published=NOW + timedelta(hours=1),
                summary_text=METRO_BLURB,
            )
        ],
        language="en",
    )
    ids["metro"] = new[0]
    after_refresh(store, Config(), since)
    return ids


def group_of(store: Store, article_id: int) -> int | None:
    article = store.article(article_id)
    assert article is not None
    return article.group_id


def window_partition(store: Store) -> tuple[set[frozenset[Any]], set[frozenset[Any]]]:
    """The window's stored groups, and those group() makes of the same articles and texts."""
    items = [article_item(a) for a in store.articles_for_grouping(since=0.0)]
    parts: dict[int | None, set[Any]] = {}
    for item in items:
        parts.setdefault(group_of(store, item["id"]), set()).add(item["id"])
    return {frozenset(p) for p in parts.values()}, {frozenset(g) for g in group(items)}


def test_a_fetched_page_groups_its_story_with_another_feeds_report(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route(
            "/ledger/strike.html",
            body=page_html(LEDGER_PAGE),
            headers={"Content-Type": "text/html"},
        )
        store = open_store(tmp_path / "news.db")
        ids = stored(store, server.url(""))
        # the blurbs alone: two stories
        assert group_of(store, ids["ledger"]) != group_of(store, ids["metro"])
        assert regroup_due(store) is None

        page, source, _ = load_page(store, config(), ids["ledger"])  # the reader opens it

    assert source == "page" and "Mats Olsen" in page.main.text
    assert regroup_due(store) == "stories' pages came"
    group_backlog(store, config(), lambda: False)  # the housekeeping, while nothing waits

    assert group_of(store, ids["ledger"]) == group_of(store, ids["metro"])
    assert ids["metro"] in {a.id for a, _ in store.related(ids["ledger"])}
    assert regroup_due(store) is None
    mine, batch = window_partition(store)
    assert mine == batch
    store.close()


def test_a_page_saying_what_the_feed_said_asks_for_no_regrouping(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route(
            "/ledger/strike.html",
            body=page_html([LEDGER_BLURB]),
            headers={"Content-Type": "text/html"},
        )
        store = open_store(tmp_path / "news.db")
        ids = stored(store, server.url(""))
        _, source, _ = load_page(store, config(), ids["ledger"])
    assert source == "page"
    assert regroup_due(store) is None
    store.close()


def test_a_page_that_comes_during_a_pass_is_not_forgotten(tmp_path: Path) -> None:
    """The pass began before the page came: its end leaves the page's mark for another pass."""
    store = open_store(tmp_path / "news.db")
    ids = stored(store, "https://ledger.test")
    with store.transaction() as db:
        db.execute("INSERT INTO meta(key, value) VALUES (?, '1.0')", (TEXTS_KEY,))
    calls = 0

    def stop() -> bool:  # stops once, midway; the page comes meanwhile
        nonlocal calls
        calls += 1
        return calls == 1

    first = regroup_window(store, Config().related.window_hours, stop)
    assert not first.finished
    with store.transaction() as db:  # what note_full_text writes when a page comes
        db.execute("UPDATE meta SET value = '2.0' WHERE key = ?", (TEXTS_KEY,))
    done = regroup_window(store, Config().related.window_hours, lambda: False)
    assert done.finished
    assert regroup_due(store) == "stories' pages came"
    assert regroup_window(store, Config().related.window_hours, lambda: False).finished
    assert regroup_due(store) is None
    assert group_of(store, ids["ledger"]) is not None
    store.close()


def test_a_wire_update_stays_the_copy_of_its_story_once_the_story_is_grouped_by_its_page(
    tmp_path: Path,
) -> None:
    """An "UPDATE 1-..." re-posts the story with one line more: a copy of it. Once the story is
    grouped by its fetched page, the two texts are far apart (a page, a blurb), but the same
    headline within hours with the blurb's words in the page still makes the update a copy,
    shown once."""
    with LocalServer() as server:
        # the page opens with a standfirst of its own, then the blurb's paragraph
        server.route(
            "/ledger/strike.html",
            body=page_html([STANDFIRST, *LEDGER_PAGE]),
            headers={"Content-Type": "text/html"},
        )
        store = open_store(tmp_path / "news.db")
        ids = stored(store, server.url(""))
        feed_id = next(f.id for f in store.feeds() if f.title == "The Daily Ledger")
        since = time.time() - 1
        (update,), _ = store.upsert_entries(
            feed_id,
            [
                ParsedEntry(
                    guid="ledger-strike-update-1",
                    url=f"{server.url('')}/ledger/strike-update-1.html",
                    title="UPDATE 1-Dock workers walk out at Port of Halden, halting container "
                    "traffic",
                    published=NOW + timedelta(hours=3),
                    summary_text=LEDGER_BLURB + " Adds union comment.",
                )
            ],
            language="en",
        )
        after_refresh(store, Config(), since)
        copy = store.article(update)
        assert copy is not None and copy.duplicate_of == ids["ledger"]

        load_page(store, config(), ids["ledger"])
    group_backlog(store, config(), lambda: False)

    copy = store.article(update)
    assert copy is not None and copy.duplicate_of == ids["ledger"]
    assert group_of(store, update) == group_of(store, ids["ledger"])
    store.close()


TIMES_BLURB = (
    "The Nordic Central Bank raised its benchmark interest rate by 25 basis points on Thursday, "
    "saying inflation was still well above its 2 percent goal."
)
COURIER_BLURB = (
    "The Nordic Central Bank increased borrowing costs by a quarter of a percentage point, its "
    "fourth move against persistent inflation."
)
# the Courier's page: its blurb's sentence, then who said what and a figure the Times leaves out
COURIER_PAGE = [
    "The Nordic Central Bank increased borrowing costs by a quarter of a percentage point on "
    "Thursday, its fourth move against persistent inflation across the region.",
    "Governor Ingrid Halvorsen said further increases could not be excluded, as consumer prices "
    "rose 5.4 percent in the year to October.",
    "Markets had priced in the move. The krona firmed slightly against the euro after the "
    "announcement.",
]


def test_a_page_that_says_more_keeps_the_story_its_feed_grouped(tmp_path: Path) -> None:
    """Two feeds' blurbs of one rate decision are grouped; the reader opens one, whose page
    names the governor and an inflation figure the other report does not: grouped again by
    the page, the story keeps its other report (what its feed said still tells the event)."""
    with LocalServer() as server:
        server.route(
            "/courier/rates.html",
            body=page_html(COURIER_PAGE),
            headers={"Content-Type": "text/html"},
        )
        store = open_store(tmp_path / "news.db")
        since = time.time() - 1
        times, _ = store.add_feed("https://times.test/rss", "Harbour Times")
        courier, _ = store.add_feed("https://courier.test/rss", "Daily Courier")
        background = [
            ParsedEntry(
                guid=f"times-{n}",
                url=f"https://times.test/{n}",
                title=title,
                published=NOW - timedelta(hours=n + 1),
                summary_text=text,
            )
            for n, (title, text) in enumerate(BACKGROUND)
        ]
        rates = ParsedEntry(
            guid="times-rates",
            url="https://times.test/rates",
            title="Central bank lifts interest rates by a quarter point to curb inflation",
            published=NOW,
            summary_text=TIMES_BLURB,
        )
        (first, *_), _ = store.upsert_entries(times.id, [rates, *background], language="en")
        (second,), _ = store.upsert_entries(
            courier.id,
            [
                ParsedEntry(
                    guid="courier-rates",
                    url=server.url("/courier/rates.html"),
                    title="NCB raises rates again as prices climb",
                    published=NOW + timedelta(hours=1),
                    summary_text=COURIER_BLURB,
                )
            ],
            language="en",
        )
        after_refresh(store, Config(), since)
        assert group_of(store, first) == group_of(store, second)  # by the feeds' blurbs

        page, source, _ = load_page(store, config(), second)  # the reader opens it

    assert source == "page" and "Ingrid Halvorsen" in page.main.text
    assert regroup_due(store) == "stories' pages came"
    group_backlog(store, config(), lambda: False)

    assert group_of(store, first) == group_of(store, second)
    assert first in {a.id for a, _ in store.related(second)}
    mine, batch = window_partition(store)
    assert mine == batch
    store.close()


def test_group_tries_an_articles_feed_text_where_its_page_joins_no_group() -> None:
    """The batch API takes the same two texts: ``text`` (the page) and ``feed_text``."""
    times = {
        "id": "times",
        "title": "Central bank lifts interest rates by a quarter point to curb inflation",
        "text": TIMES_BLURB,
        "published": "2026-11-27T09:00:00Z",
    }
    courier = {
        "id": "courier",
        "title": "NCB raises rates again as prices climb",
        "text": "\n\n".join(COURIER_PAGE),
        "published": "2026-11-27T10:00:00Z",
    }
    assert sorted(sorted(map(str, g)) for g in group([times, courier])) == [["courier"], ["times"]]
    with_blurb = {**courier, "feed_text": COURIER_BLURB}
    assert group([times, with_blurb]) == [["times", "courier"]]
