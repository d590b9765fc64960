"""An item its feed gave no date is aged in the list by when the reader first saw it ("14s"),
and its story pane (and the wide layout's preview) says the same time, as first seen, rather
than no date at all: the list and the pane agree."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from reader.models import ParsedEntry, View
from reader.store import Store

from .conftest import NOW, new_app, running, screen_text, settle

TITLE = "Harbour ferry timetable changes for the winter"


def add_undated(store: Store) -> int:
    feed = store.feeds()[0]
    entry = ParsedEntry(
        guid="undated-1",
        url="http://127.0.0.1:9/undated.html",
        title=TITLE,
        published=None,  # the feed gives no date
        summary_text="The ferry runs every two hours from Monday until the spring.",
    )
    store.upsert_entries(feed.id, [entry], now=NOW - timedelta(seconds=14))
    found = [a for a in store.headlines(View("all"), limit=100) if a.title == TITLE]
    assert found and found[0].published is None
    return found[0].id


async def test_an_undated_item_shows_when_it_was_first_seen_in_list_and_pane(
    store: Store,
) -> None:
    article_id = add_undated(store)
    app = new_app(store)
    async with running(app, (120, 30)) as (pilot, screen):
        row = next(line for line in screen_text(app).splitlines() if TITLE in line)
        assert " 14s " in row  # the list: its first-seen time
        table = screen.table
        table.move_cursor(row=[a.id for a in table.articles].index(article_id))
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert pane.state.article_id == article_id
        meta = str(pane.query_one("#story-meta", Static).render())
        assert "first seen 14s ago" in meta, meta


async def test_the_wide_preview_of_an_undated_item_says_when_it_was_first_seen(
    store: Store,
) -> None:
    article_id = add_undated(store)
    app = new_app(store)
    async with running(app, (170, 40)) as (pilot, screen):
        table = screen.table
        table.move_cursor(row=[a.id for a in table.articles].index(article_id))
        await settle(pilot)
        await pilot.pause(0.2)
        text = screen_text(app)
        assert TITLE in text and "first seen 14s ago" in text, text
