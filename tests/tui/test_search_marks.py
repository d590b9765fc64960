"""A search's words are marked in the titles it lists and in the story opened from it, the way
the search finds them (whole words, case and accents aside, the last word typed as a prefix),
and never by reading outside text as markup."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from reader.models import View
from reader.store import Store
from reader.tui.highlight import mark_terms, search_pattern

from .conftest import HOSTILE_TITLES, build_store, new_app, running, settle


def marked(text: str, query: str) -> list[str]:
    """The parts of ``text`` marked for the search ``query``."""
    shown = mark_terms(Text(text), search_pattern(query), "reverse")
    return [shown.plain[span.start : span.end] for span in shown.spans]


def test_marks_whole_words_any_case_or_accent_and_the_last_word_as_typed() -> None:
    title = "Café owners: the technology of Tech; a techie's view — Cafés"
    assert marked(title, "cafe owners") == ["Café", "owners"]  # not "Cafés": a whole word
    assert marked(title, "cafe") == ["Café", "Cafés"]  # the last word typed: a prefix
    assert marked(title, "TECH owners") == ["owners", "Tech"]  # "tech" is not the last word
    assert marked(title, "tech") == ["technology", "Tech", "techie"]  # the last word: a prefix
    assert marked(title, '"the technology"') == ["the technology"]
    # a word left out is not marked (and, last, makes the word before it whole, as it searches)
    assert marked(title, "tech -cafe") == ["Tech"]
    assert marked(title, "view OR owners") == ["owners", "view"]
    assert marked(title, "-cafe") == [] and search_pattern("-cafe") is None
    assert marked(title, '"') == [] and marked(title, "") == []


def test_what_the_search_finds_in_titles_is_marked(tmp_path: Path) -> None:
    """Every headline a search lists for a word of its title has that word marked."""
    store = build_store(tmp_path / "news.db", per_feed=4)
    try:
        for query in ("world", "DAILY", "number", "post story"):
            found = store.headlines(View("search", query=query))
            assert found
            for article in found:
                assert marked(article.title, query), (query, article.title)
    finally:
        store.close()


def _styled(strip_segments: list[tuple[str, Style | None]], style: Style) -> list[str]:
    return [text for text, seg_style in strip_segments if seg_style and seg_style.bold and
            seg_style.underline and seg_style.color == style.color]  # fmt: skip


async def test_a_search_marks_its_words_in_the_list_and_in_the_story_opened(
    make_app, store: Store
) -> None:
    app = make_app()
    async with running(app, (120, 30)) as (pilot, screen):
        await pilot.press("slash", *"council tech", "enter")
        await settle(pilot)
        table = screen.table
        assert table.view == View("search", query="council tech") and table.articles
        match = table.get_component_rich_style("headline-list--match", partial=True)
        assert match.bold and match.underline and match.color is not None
        for row in range(len(table.articles[:5])):
            segments = [(s.text, s.style) for s in table.render_line(row)]
            line = "".join(text for text, _ in segments)
            assert "Tech Daily" in line  # the source column, and the title
            # in the title only (the feed's name is not searched)
            assert _styled(segments, match) == ["Tech"], line
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        title = pane.query_one("#story-title", Static).content
        body = pane.query_one("#story-body", Static).content
        assert isinstance(title, Text) and isinstance(body, Text)
        assert [title.plain[s.start : s.end] for s in title.spans if s.style != "bold"] == ["Tech"]
        words = {body.plain[s.start : s.end] for s in body.spans}
        assert words == {"Tech", "council"} and "council" in body.plain
        # opened from another view: nothing marked
        await pilot.press("escape", "escape")  # the story closed (to the list), back
        await settle(pilot)
        assert table.view.kind != "search"
        await pilot.press("enter")
        await settle(pilot)
        body = screen.deck.panes[0].query_one("#story-body", Static).content
        assert isinstance(body, Text) and not body.spans


async def test_a_title_that_looks_like_markup_is_marked_as_text(tmp_path: Path) -> None:
    store = build_store(tmp_path / "news.db", per_feed=2, hostile=True)
    try:
        app = new_app(store)
        async with running(app, (120, 30)) as (pilot, screen):
            await pilot.press("slash", *"click", "enter")
            await settle(pilot)
            table = screen.table
            assert [a.title for a in table.articles] == [HOSTILE_TITLES[1]]
            match = table.get_component_rich_style("headline-list--match", partial=True)
            segments = [(s.text, s.style) for s in table.render_line(0)]
            line = "".join(text for text, _ in segments)
            assert "[@click=app.quit]Read more[/]" in line
            assert _styled(segments, match) == ["click"]
            assert app.return_code is None
    finally:
        store.close()


async def test_a_search_marks_its_words_in_the_reports_listed_under_the_story(
    make_app, store: Store
) -> None:
    app = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await pilot.press("slash", *"daily", "enter")
        await settle(pilot)
        found = screen.table.articles[0]
        others = [a for a in store.headlines(View("all"), limit=40) if a.id != found.id][:11]
        store.set_related(found.id, [(a.id, 0.9 - n * 0.05) for n, a in enumerate(others)])
        await pilot.press("enter")
        await settle(pilot)
        main = screen.deck.panes[0]
        assert main.state.more  # the reports past the panes, listed under the story
        more = main.query_one("#story-more", Static).content
        assert isinstance(more, Text) and "Daily" in more.plain
        match = main.get_component_rich_style("story-pane--match", partial=True)
        marked = {more.plain[s.start : s.end] for s in more.spans if s.style == match}
        assert marked == {"Daily"}, more.spans
