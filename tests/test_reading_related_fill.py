"""reader.reading: the free panes beside an opened story are filled from its whole group (a
report the grouping kept no link for gets its similarity worked out from the stored text),
other feeds' reports before those of the opened story's own feed. Core functions: no Textual."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader import reading
from reader.models import Article, ParsedEntry
from reader.reading import rank_related
from reader.store import Store, open_store

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)


def one_story(store: Store, feed: str, title: str, lead: str, hours: int) -> int:
    made, _ = store.add_feed(f"https://{feed.lower()}.test/feed", feed)
    entry = ParsedEntry(
        guid=f"urn:{feed}:{title}",
        url=f"https://{feed.lower()}.test/{title.replace(' ', '-')}",
        title=title,
        published=NOW - timedelta(hours=hours),
        summary_text=lead,
    )
    ids, _ = store.upsert_entries(made.id, [entry], now=NOW)
    return ids[0]


def test_group_members_without_links_get_their_similarity_worked_out(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    lead = "Meridian Bank will pay $968 million to settle claims over its mortgage lending."
    opened = one_story(store, "Wire", "Meridian Bank reaches mortgage settlement", lead, 1)
    linked = one_story(store, "Wire", "US reaches $968 million settlement with Meridian", lead, 2)
    close = one_story(store, "Gazette", "Meridian Bank to pay $968 million over mortgages", lead, 3)
    far = one_story(store, "Herald", "Harbour vote ends a long council debate", "", 4)
    store.save_grouping(
        [(i, 3, None) for i in (opened, linked, close, far)],
        [(opened, [(linked, 0.42)])],  # groups merged later keep no links across them
        [],
    )
    pairs = reading.find_reports(store, opened).pairs
    scores = dict((a.id, score) for a, score in pairs)
    assert scores[linked] == 0.42  # the grouping's own, where it kept one
    near, away = scores[close], scores[far]
    assert near is not None and away is not None
    assert near > 0.3 > away  # the same words, or none of them
    assert [a.id for a, _ in pairs][-1] == far  # closest first
    store.close()


def _article(n: int, feed_id: int, feed: str) -> Article:
    return Article(
        id=n, feed_id=feed_id, guid=f"g{n}", url=f"https://x.test/{n}", title=f"Report {n}",
        feed_title=feed, published=NOW,
    )  # fmt: skip


def test_free_panes_go_to_every_report_other_feeds_first() -> None:
    """No report waits in the list while a pane is free, however weak; the opened story's own
    feed comes after the other feeds, and each other feed's closest report before its second."""
    own = [_article(n, 1, "Wire") for n in (2, 3, 4)]
    reuters = [_article(n, 2, "Reuters") for n in (5, 6)]
    others = [_article(7, 3, "Gazette"), _article(8, 4, "Herald"), _article(9, 5, "Post")]
    reports = [
        (own[0], 0.54), (own[1], 0.44), (own[2], 0.42),
        (reuters[0], 0.2), (reuters[1], 0.18),
        (others[0], 0.24), (others[1], 0.05), (others[2], None),
    ]  # fmt: skip
    plan = rank_related("Opened", 1, [], reports, {}, 8, own_feed=1)
    assert [c.article.id for c in plan.beside if c.article] == [7, 5, 8, 9, 6, 2, 3, 4]
    assert plan.listed == ()
    tight = rank_related("Opened", 1, [], reports, {}, 5, own_feed=1)
    assert [c.article.id for c in tight.beside if c.article] == [7, 5, 8, 9, 6]
    assert [c.article.id for c in tight.listed if c.article] == [2, 3, 4]  # best first
    assert reading.RelatedPlan() == rank_related("Opened", 1, [], [], {}, 8, own_feed=1)
