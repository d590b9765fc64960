"""A story too short to summarise (a feed's line or two) opens with one quiet line saying so,
not with a box of two or three lines above a story shorter than it: the line is the same
words as before (``newsreader summarize`` says them too), dim, wrapped in a narrow pane."""

from __future__ import annotations

from textual.widgets import Static

from reader.models import Page, Story, View
from reader.store import Store

from .conftest import new_app, running, screen_text, settle

SHORT = "The council approved the new bridge on Tuesday. Work starts next spring, the mayor said."


async def test_a_short_story_opens_with_one_quiet_line(store: Store) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    store.put_page(article.id, Page(main=Story(title=article.title, text=SHORT)), "page")
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert pane.state.article_id == article.id and pane.state.summary is not None
        said = pane.query_one("#story-summary", Static)
        assert said.display and said.region.height <= 2  # one line, wrapped in this pane
        lines = [line for line in screen_text(app).splitlines() if "Summary · " in line]
        assert len(lines) == 1 and "short" in lines[0]
        assert "▌" not in lines[0]  # not in a box
        body = pane.query_one("#story-body", Static)
        assert SHORT[:40] in str(body.render())  # the story itself, just below
