"""The heading of what the other reports add counts their sentences only: "Across the other
story · 1 of 1 sentences" beside one other report of one sentence. It counted the opened
story's own sentences too (those of the summary across all of them), "1 of 6 sentences"."""

from __future__ import annotations

import re

from reader.models import Page, Story, View

from .conftest import running, settle

OWN = (
    "The harbour board published its report on Tuesday. It found the old pier unsafe for "
    "heavy lorries. Repairs will start in the spring and last four months. The ferry will use "
    "the north quay meanwhile. The board will meet residents next week to explain the plan."
)
OTHER = (
    "The harbour board said on Wednesday that 14 fishing boats would have to move to the "
    "marina at Eastbay while the pier is closed."
)
HEADING = re.compile(r"Across the other story · (\d+) of (\d+) sentences")


def pane_text(pane: object, part: str) -> str:
    widget = pane.query_one(f"#story-{part}")  # type: ignore[attr-defined]
    return " ".join(str(widget.render()).split()) if widget.display else ""


async def test_the_heading_counts_the_other_stories_sentences(make_app, store) -> None:
    opened, other = store.headlines(View("all"), limit=2)
    for article in (opened, other):
        store.set_group(article.id, 5)
    store.put_page(opened.id, Page(main=Story(title=opened.title, text=OWN)), "page")
    store.put_page(other.id, Page(main=Story(title=other.title, text=OTHER)), "page")
    store.set_related(opened.id, [(other.id, 0.8)])
    async with running(make_app(), (200, 50)) as (pilot, screen):
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened.id))
        await pilot.press("enter")
        await settle(pilot)
        across = pane_text(screen.deck.panes[0], "across")
        found = HEADING.search(across)
        assert found is not None, across
        assert found.groups() == ("1", "1"), across  # the other report's one sentence
        assert "14 fishing boats" in across
