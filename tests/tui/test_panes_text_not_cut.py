"""Text the reader shows is not cut off where nothing shows the rest: the line saying why a
short story has no summary wraps in a narrow pane (it stopped at "read it who…"), and a preview
longer than its box ends with "…" where it is cut, above the line saying what Enter does (it
stopped mid-sentence at the box's edge, with that line out of sight)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from reader.models import Page, ParsedEntry, Story, View
from reader.store import Store

from .conftest import NOW, new_app, running, screen_text, settle

SHORT = "The council approved the new bridge on Tuesday. Work starts next spring, the mayor said."


def _right_of(screen: str, column: int) -> list[str]:
    """The screen's lines from ``column`` on, stripped."""
    return [line[column:].strip() for line in screen.splitlines()]


async def test_the_short_story_line_wraps_in_a_narrow_pane(store: Store) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    store.put_page(article.id, Page(main=Story(title=article.title, text=SHORT)), "page")
    app = new_app(store)
    async with running(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        said = pane.query_one("#story-summary", Static)
        assert said.display and said.has_class("-said")
        words = str(said.render())
        assert words.startswith("Summary · ") and words.endswith("read it whole, just below.")
        assert said.region.width < len(words)  # (the pane is too narrow for it on one line)
        lines = _right_of(screen_text(app), said.region.x)[said.region.y : said.region.bottom]
        assert " ".join(lines) == words  # every word of it on screen, none cut
        assert "▌" not in "".join(lines)  # still a quiet line, not a box


def _long_feed_text(store: Store) -> str:
    """The newest headline: a feed item of many short paragraphs (more than a preview's box
    holds at 200x50, fewer characters than a preview takes)."""
    paragraphs = [f"Paragraph {n} of the feed's own text, a line or so." for n in range(30)]
    entry = ParsedEntry(
        guid="long-1",
        url="http://127.0.0.1:9/long/1.html",
        title="A feed item of many short paragraphs",
        published=NOW - timedelta(minutes=5),
        content_html="".join(f"<p>{p}</p>" for p in paragraphs),
    )
    store.upsert_entries(store.feeds()[0].id, [entry], now=NOW)
    assert store.headlines(View("all"), limit=1)[0].title == entry.title
    return "\n\n".join(paragraphs)


async def test_a_preview_cut_by_its_box_ends_with_an_ellipsis(store: Store) -> None:
    text = _long_feed_text(store)
    app = new_app(store)
    async with running(app, (200, 50)) as (pilot, screen):
        await pilot.pause(0.4)  # the preview waits for the cursor to rest
        await settle(pilot)
        box = screen.deck.query_one("#deck-empty", Static)
        assert box.display and not screen.deck.panes
        lines = _right_of(screen_text(app), box.content_region.x)
        shown = [line for line in lines[box.content_region.y : box.content_region.bottom]]
        assert shown[0] == "A feed item of many short paragraphs"
        assert shown[-1].startswith("Enter opens it here")  # in sight, at the bottom
        last = next(line for line in reversed(shown[:-1]) if line)
        assert last.endswith("…")  # where the text is cut
        kept = last.removesuffix("…")
        assert kept.startswith("Paragraph ") and kept in text  # cut after a word of it
        assert text.index(kept) + len(kept) < len(text)  # (and there is more)
