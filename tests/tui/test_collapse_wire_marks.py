"""A story shown by one headline (c) is not named by a wire service's update marks: a report
whose headline has none stands for it, and where every report has them, the row leaves them
out (the reports keep their headlines as they came)."""

from __future__ import annotations

from datetime import timedelta

from reader.models import ParsedEntry, View
from reader.store import Store

from .conftest import BODY, NOW, make_config, running


def add_story(store: Store, titles: list[str], group: int) -> list[int]:
    """One report per feed with these headlines, a minute apart (newest first), grouped."""
    feeds = store.feeds()
    ids = []
    for n, title in enumerate(titles):
        feed = feeds[n % len(feeds)]
        entry = ParsedEntry(
            guid=f"wire-{group}-{n}",
            url=f"http://127.0.0.1:9/wire/{group}/{n}.html",
            title=title,
            published=NOW - timedelta(minutes=n + 1),
            summary_text=f"{title}. {BODY}",
        )
        store.upsert_entries(feed.id, [entry], now=NOW)
        [found] = [a for a in store.headlines(View("all"), limit=100) if a.guid == entry.guid]
        store.set_group(found.id, group)
        ids.append(found.id)
    return ids


def test_a_report_without_wire_marks_stands_for_its_story(store) -> None:
    marked, plain = add_story(
        store, ["UPDATE 2-Air Products appoints new CEO", "Air Products Announces New CEO"], 5
    )
    store.set_related(marked, [(plain, 0.7)])  # the marked one is related to more: still not it
    store.set_related(plain, [])
    story = store.listed_stories(View("all"), [5])[5]
    assert story.lead.id == plain
    assert sorted(story.reports) == sorted([marked, plain])


async def test_a_story_row_leaves_out_the_wire_marks_every_report_has(make_app, store) -> None:
    add_story(
        store,
        ["UPDATE 2-Air Products appoints new CEO", "UPDATE 1-Air Products names new chief"],
        5,
    )
    app = make_app(make_config(collapse_groups=True))
    async with running(app) as (pilot, screen):
        [row] = [a for a in screen.table.articles if a.group_id == 5]
        line = screen.table.render_line(screen.table.articles.index(row)).text
        shown = row.title.removeprefix("UPDATE 2-").removeprefix("UPDATE 1-")
        assert shown in line and "UPDATE" not in line
        await pilot.press("c")  # each report as it came
        await pilot.pause()
        await screen.app.workers.wait_for_complete()
        await pilot.pause()
        lines = [
            screen.table.render_line(i).text
            for i, a in enumerate(screen.table.articles)
            if a.group_id == 5
        ]
        assert len(lines) == 2 and all("UPDATE" in line for line in lines)
