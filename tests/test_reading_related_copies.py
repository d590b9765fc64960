"""reader.reading: a story and its copies (a wire story syndicated by several outlets, an update
re-posted under a new address) are one report beside an opened story, its copies named as the
feeds carrying it, never a pane of their own. Core functions: no Textual."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader import reading
from reader.models import ParsedEntry
from reader.reading import rank_related
from reader.store import Store, open_store

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
LEAD = "The harbour plan was approved after a long debate in the council chamber. " * 4


def one_story(store: Store, feed: str, title: str, hours: int) -> int:
    """A story of its own feed (named ``feed``); its id."""
    made, _ = store.add_feed(f"https://{feed.replace(' ', '-').lower()}.test/feed", feed)
    entry = ParsedEntry(
        guid=f"urn:{feed}:{title}",
        url=f"https://{feed.replace(' ', '-').lower()}.test/{title.replace(' ', '-')}",
        title=title,
        published=NOW - timedelta(hours=hours),
        summary_text=f"{title}. {LEAD}",
    )
    ids, _ = store.upsert_entries(made.id, [entry], now=NOW)
    return ids[0]


def test_related_reports_list_a_story_once_not_its_copies(tmp_path: Path) -> None:
    """A copy of a report (flagged by the grouping) is not a report of its own, however close
    it is to the opened story: the lists show the story once, so do the panes."""
    store = open_store(tmp_path / "news.db")
    opened = one_story(store, "Wire", "Harbour plan approved", 1)
    report = one_story(store, "Gazette", "Council backs harbour plan", 3)
    copy = one_story(store, "Courier", "Council backs the harbour plan", 4)
    store.save_grouping(
        [(opened, 1, None), (report, 1, None), (copy, 1, report)],
        [(opened, [(copy, 0.7), (report, 0.6)])],
        [],
    )
    assert [a.id for a, _ in reading.find_reports(store, opened).pairs] == [report]
    store.close()


def test_a_report_and_its_copy_are_one_report_the_copy_named_as_carrying_it(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "news.db")
    opened = one_story(store, "Wire", "Harbour plan approved", 1)
    own_copy = one_story(store, "Syndicate", "Harbour plan approved by council", 2)
    report = one_story(store, "Gazette", "Council backs harbour plan", 3)
    copy = one_story(store, "Courier", "Council backs the harbour plan", 4)
    other = one_story(store, "Herald", "Harbour vote ends long debate", 5)
    store.save_grouping(
        [
            *((i, 1, None) for i in (opened, report, other)),
            (own_copy, 1, opened),
            (copy, 1, report),  # flagged as a copy of the report
        ],
        # the copy is closer to the opened story than its original: still not a report of its own
        [(opened, [(copy, 0.7), (report, 0.6), (own_copy, 0.9), (other, 0.4)])],
        [],
    )
    reports = reading.find_reports(store, opened)
    assert [(a.id, score) for a, score in reports.pairs] == [(report, 0.6), (other, 0.4)]
    assert reports.carried[report] == ("Courier",)
    assert reports.carried[opened] == ("Syndicate",)
    assert not reports.carried[other]

    # opened from the copy: the original is the story itself, not a report beside it
    from_copy = reading.find_reports(store, own_copy)
    assert opened not in [a.id for a, _ in from_copy.pairs]
    assert from_copy.carried[own_copy] == ("Wire",)

    plan = rank_related(
        "Harbour plan approved", opened, [], list(reports.pairs), {}, 8, reports.carried
    )
    assert [c.article.id for c in plan.beside if c.article] == [report, other]
    assert plan.beside[0].carried == ("Courier",) and plan.opened_carried == ("Syndicate",)
    store.close()


def test_a_copy_found_only_through_the_group_stands_for_its_original(tmp_path: Path) -> None:
    """The closest links kept for the opened story name only the copy: its original (the
    headline the lists show) takes its place, the copy named as carrying it."""
    store = open_store(tmp_path / "news.db")
    opened = one_story(store, "Wire", "Harbour plan approved", 1)
    report = one_story(store, "Gazette", "Council backs harbour plan", 3)
    copy = one_story(store, "Courier", "Council backs the harbour plan", 4)
    store.save_grouping(
        [(opened, 1, None), (report, 1, None), (copy, 1, report)],
        [(opened, [(copy, 0.7)])],
        [],
    )
    reports = reading.find_reports(store, opened)
    assert [a.id for a, _ in reports.pairs] == [report]
    assert reports.carried[report] == ("Courier",)
    store.close()


def test_reports_under_one_headline_are_one_pane_naming_the_other_feeds() -> None:
    """Two feeds carrying the very same headline (not flagged as copies): one pane, the second
    feed named with it; a report under the opened story's own headline is the story itself."""
    from reader.models import Article

    def article(n: int, title: str, feed: str) -> Article:
        return Article(
            id=n, feed_id=n, guid=f"g{n}", url=f"https://x.test/{n}", title=title,
            feed_title=feed, published=NOW,
        )  # fmt: skip

    reports = [
        (article(2, "Council backs harbour plan", "Gazette"), 0.6),
        (article(3, "Council backs harbour plan", "Courier"), 0.5),
        (article(4, "Harbour plan approved", "Herald"), 0.9),
        (article(5, "Harbour vote ends debate", "Post"), 0.4),
    ]
    plan = rank_related("Harbour plan approved", 1, [], reports, {}, 8, {5: ("Times",)})
    assert [(c.article.id, c.carried) for c in plan.beside if c.article] == [
        (2, ("Courier",)),
        (5, ("Times",)),
    ]
    assert plan.opened_carried == ("Herald",)
