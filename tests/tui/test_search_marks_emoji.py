"""A search for an emoji with a skin tone (👍🏽) marks that emoji in what it finds, as shown: the
screen shows it without its tone (format.for_display), and the index finds it by the tone."""

from __future__ import annotations

from datetime import timedelta

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from reader.models import Page, ParsedEntry, Story, View
from reader.store import Store
from reader.tui.format import for_display
from reader.tui.highlight import mark_terms, search_pattern

from .conftest import NOW, running, settle
from .test_search_marks import _styled

TITLE = "Thumbs 👍🏽 up for the harbour plan from the council"
QUERY = "👍🏽"


def marked(text: str, query: str) -> list[str]:
    shown = mark_terms(Text(text), search_pattern(query), "reverse")
    return [shown.plain[span.start : span.end] for span in shown.spans]


def test_the_toned_emoji_is_marked_as_shown() -> None:
    assert marked(for_display(TITLE), QUERY) == ["👍"]
    assert marked(for_display(TITLE), f"{QUERY} council") == ["👍", "council"]
    assert marked(for_display("Hands 👋🏽 wave"), QUERY) == []  # another emoji: not this one
    assert search_pattern("❤️") is None  # (no tone: the index finds no word in it)


async def test_a_search_for_a_toned_emoji_marks_it_in_the_list_and_the_story(
    make_app, store: Store
) -> None:
    feed = store.feeds()[0]
    entry = ParsedEntry(
        guid="toned",
        url="http://127.0.0.1:9/toned.html",
        title=TITLE,
        published=NOW - timedelta(minutes=1),
        summary_text="The council said 👍🏽 to the plan.",
    )
    store.upsert_entries(feed.id, [entry], now=NOW)
    (found,) = store.headlines(View("search", query=QUERY))
    assert found.title == TITLE  # (the index finds it)
    page = Page(main=Story(title=TITLE, text="The council said 👍🏽 to the plan."))
    store.put_page(found.id, page, "page")
    app = make_app()
    async with running(app, (120, 30)) as (pilot, screen):
        screen.go_to_view(View("search", query=QUERY))
        await settle(pilot)
        table = screen.table
        assert [a.id for a in table.articles] == [found.id]
        match = table.get_component_rich_style("headline-list--match", partial=True)
        segments = [(s.text, s.style) for s in table.render_line(0)]
        assert "Thumbs 👍 up" in "".join(text for text, _ in segments)
        assert _styled(segments, match) == ["👍"]
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        body = pane.query_one("#story-body", Static).content
        assert isinstance(body, Text) and "said 👍 to" in body.plain
        pane_match = pane.get_component_rich_style("story-pane--match", partial=True)
        spans = [s for s in body.spans if isinstance(s.style, Style) and s.style == pane_match]
        assert [body.plain[s.start : s.end] for s in spans] == ["👍"]
