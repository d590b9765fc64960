"""reader.reading: the stories beside an opened one (which get a pane, which are listed) and the
texts the summary across them is made of. Core functions: no Textual."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader import reading
from reader.models import Article, Page, ParsedEntry, Story
from reader.reading import (
    ACROSS_MIN_TEXT,
    GROUP_SUMMARY_LIMIT,
    PAGE_LINK,
    PAGE_STORY,
    RELATED_REPORT,
    SAME_EVENT_REPORT,
    across_input,
    find_reports,
    group_stories,
    rank_related,
)
from reader.store import Store, open_store

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
LONG = "The harbour plan was approved after a long debate in the council chamber. " * 6


def stored(store: Store, titles: list[str], feed_url: str = "https://wire.test/feed") -> list[int]:
    """Articles of one feed, newest first in the order given; their ids."""
    feed, _ = store.add_feed(feed_url, "Wire")
    texts = [f"{t}. {LONG}" for t in titles]
    entries = [
        ParsedEntry(
            guid=f"urn:{title}",
            url=f"https://wire.test/{title.replace(' ', '-')}",
            title=title,
            published=NOW - timedelta(hours=n),
            summary_text=text,
        )
        for n, (title, text) in enumerate(zip(titles, texts, strict=True))
    ]
    ids, _ = store.upsert_entries(feed.id, entries, now=NOW)
    return ids


def article(store: Store, article_id: int) -> Article:
    found = store.article(article_id)
    assert found is not None
    return found


def test_related_reports_leave_out_copies_and_list_the_rest_of_the_group(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    opened, copy, close, weak, grouped, elsewhere = stored(
        store, ["Opened", "Copy", "Close", "Weak", "Grouped", "Elsewhere"]
    )
    store.save_grouping(
        [
            *((i, 1, None) for i in (opened, close, weak, grouped)),
            (copy, 1, opened),  # a copy of the opened story
            (elsewhere, 2, None),  # another group
        ],
        [(opened, [(close, 0.8), (copy, 0.9), (weak, 0.05)])],
        [],
    )
    reports = dict((a.id, score) for a, score in find_reports(store, opened).pairs)
    assert list(reports) == [grouped, close, weak]  # closest first
    assert (reports[close], reports[weak]) == (0.8, 0.05)
    # in its group, not among the closest kept for it: its similarity is worked out (the
    # fixture's texts are the same words)
    worked_out = reports[grouped]
    assert worked_out is not None and worked_out > 0.8
    alone = stored(store, ["Alone"], "https://other.test/feed")[0]
    assert find_reports(store, alone).pairs == ()
    store.close()


def _article(n: int, title: str) -> Article:
    return Article(
        id=n,
        feed_id=n,
        guid=f"g{n}",
        url=f"https://other.test/{n}",
        title=title,
        feed_title=f"Feed {n}",
        published=NOW,
    )


def test_stories_beside_an_opened_one_are_ranked_by_kind_and_the_rest_listed() -> None:
    page = [
        Story(title="Teaser with a link", url="https://site.test/teaser"),
        Story(title="A page story", text="It has text of its own."),
        Story(title="Opened Story", text="The opened story's own title again."),
        Story(title="Teaser without a link"),
        Story(title="A stored teaser", url="https://site.test/stored"),
    ]
    stored_one = _article(50, "A stored teaser")
    reports = [
        (_article(10, "Related report"), 0.2),
        (_article(11, "Same event report"), 0.6),
        (_article(12, "A page story"), 0.9),  # the page has it already (by its title)
        (_article(13, "Far report"), 0.05),
        (_article(14, "Group member"), None),
        (_article(50, "Stored teaser by another name"), 0.7),  # the page's stored teaser
        (_article(15, "Second same event report"), 0.4),
    ]
    plan = rank_related(
        "opened story", 1, page, reports, {"https://site.test/stored": stored_one}, beside=5
    )
    shown = [(c.story.title, c.rank) for c in plan.beside]
    assert shown == [
        ("A page story", PAGE_STORY),
        ("Same event report", SAME_EVENT_REPORT),
        ("Second same event report", SAME_EVENT_REPORT),
        ("Teaser with a link", PAGE_LINK),
        ("Teaser without a link", PAGE_LINK),
    ]
    # past the panes: reports only (a page's teaser is not listed), best first, the group last
    assert [(c.story.title, c.rank) for c in plan.listed] == [
        ("Related report", RELATED_REPORT),
        ("Far report", RELATED_REPORT),
        ("Group member", RELATED_REPORT),
    ]
    assert plan.listed[-1].same_story and plan.listed[-1].similarity is None
    by_title = {c.story.title: c for c in (*plan.beside, *plan.listed)}
    assert by_title["Teaser with a link"].pending
    assert not by_title["Teaser without a link"].pending  # nothing to load it from
    assert [c.part for c in plan.beside if c.from_page] == [2, 1, 4]  # places on the page
    report = by_title["Same event report"]
    assert report.article is not None and report.article.id == 11 and not report.from_page
    assert (report.story.source, report.similarity) == ("Feed 11", 0.6)

    wide = rank_related(
        "opened story", 1, page, reports, {"https://site.test/stored": stored_one}, 9
    )
    teaser = next(c for c in wide.beside if c.story.title == "A stored teaser")
    # the stored article it is: its feed and date, loaded from the store when shown
    assert teaser.article is stored_one and teaser.pending and teaser.rank == PAGE_LINK
    assert (teaser.story.source, teaser.story.published) == ("Feed 50", NOW.isoformat())
    assert 50 not in [c.article.id for c in wide.listed if c.article]  # seen as the teaser
    # (the page's stored teaser goes before the weaker reports, as its pane does)
    assert [a.id for a in wide.summary_articles] == [11, 15, 50, 10, 13, 14]
    assert wide.listed == ()  # every report takes a pane while one is free


def test_nothing_beside_a_story_with_no_page_stories_or_reports() -> None:
    assert rank_related("A story", 1, [], [], {}, beside=8) == reading.RelatedPlan()
    only = rank_related("A story", 1, [], [(_article(3, "Far"), 0.01)], {}, beside=0)
    assert only.beside == () and [c.story.title for c in only.listed] == ["Far"]


def test_group_stories_take_the_cached_page_else_the_feed_text(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    titles = [f"Report {n}" for n in range(GROUP_SUMMARY_LIMIT + 5)]
    ids = stored(store, titles)
    opened, beside = ids[:2]
    store.save_grouping([(i, 7, None) for i in ids], [], [])
    page_text = "The page's own text, longer than the feed's. " * 10
    store.put_page(beside, Page(main=Story(title="Page title", text=page_text)), "page")
    stories = group_stories(store, opened, [article(store, beside)])
    assert stories[0].text == page_text  # the article beside it first, from its cached page
    assert stories[1].title == "Report 2" and stories[1].text.startswith("Report 2.")
    assert "Report 0" not in {s.title for s in stories}  # not the opened story
    # the group's newest GROUP_SUMMARY_LIMIT (the opened one among them), the newest first
    assert [s.title for s in stories[1:]] == [f"Report {n}" for n in range(2, GROUP_SUMMARY_LIMIT)]
    assert group_stories(store, None, []) == []
    store.close()


def test_group_stories_of_an_opened_copy_leave_out_its_original(tmp_path: Path) -> None:
    """A copy opened (World's copy of Top stories' item): its original is the same story, not
    one of the "other stories" the summary across them counts and summarises."""
    store = open_store(tmp_path / "news.db")
    original, other = stored(store, ["Quake", "Aftershock"])
    copy = stored(store, ["Quake"], "https://world.test/feed")[0]
    store.save_grouping([(original, 3, None), (other, 3, None), (copy, 3, original)], [], [])
    assert [s.title for s in group_stories(store, copy, [])] == ["Aftershock"]
    assert [s.title for s in group_stories(store, original, [])] == ["Aftershock"]
    store.close()


def test_across_input_leaves_out_teasers_and_puts_the_opened_story_first() -> None:
    opened = Story(title="Opened", text=LONG)
    long_ones = [Story(title=f"Long {n}", text=LONG) for n in range(2)]
    teaser = Story(title="Teaser", text="x" * (ACROSS_MIN_TEXT - 1))
    made = across_input(opened, [long_ones[0], teaser, long_ones[1]])
    assert made is not None and made.others == 2
    assert [title for title, _ in made.texts] == ["Opened", "Long 0", "Long 1"]
    untold = across_input(Story(title="Opened"), long_ones)  # no text of its own: left out
    assert untold is not None and [t for t, _ in untold.texts] == ["Long 0", "Long 1"]
    one = across_input(opened, [long_ones[0], teaser])  # one other: what it adds is said too
    assert one is not None and (one.others, one.total) == (1, 2)
    assert across_input(opened, [teaser]) is None  # no other with a text
