"""What a story pane says when its story could not be loaded: the truth about the text it has and
whether trying again can help."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from reader import reading
from reader.models import Page, ParsedEntry, Story, Summary, View
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.deck import StoryDeck
from reader.tui.widgets.story import StoryPane
from tests.httpserver import LocalServer

from .conftest import NOW, screen_text, settle


def part(pane: StoryPane, name: str) -> str:
    """What one part of the pane shows ("note", "body" …), "" when hidden."""
    widget = pane.query_one(f"#story-{name}")
    return str(widget.render()) if widget.display else ""


def open_with_related(store: Store, related: tuple[Story, ...]) -> None:
    """The newest story's page, kept with these stories beside it."""
    article = store.headlines(View("all"), limit=1)[0]
    main = Story(title=article.title, text="The harbour plan was approved on Monday. " * 20)
    store.put_page(article.id, Page(main=main, related=related), "page")


async def test_a_related_link_to_a_pdf_does_not_offer_to_try_again(make_app, store) -> None:
    with LocalServer() as server:
        server.route(
            "/report",
            body=b"%PDF-1.4\n" + b"0" * 2000,
            headers={"Content-Type": "application/pdf"},
        )
        open_with_related(store, (Story(title="The report", url=server.url("/report")),))
        app: NewsReaderApp = make_app()
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            aside = screen.deck.panes[1]
            assert server.hits("/report") == 1
            note = part(aside, "note")
            assert "PDF" in note  # it says what the link is ...
            assert "try again" not in note  # ... and promises nothing trying again cannot keep
            await pilot.press("enter")  # asked for all the same, it is fetched again
            await settle(pilot)
            assert server.hits("/report") == 2


async def test_a_report_with_no_text_in_its_feed_or_on_its_page_says_so(make_app, store) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    with LocalServer() as server:
        store.upsert_entries(
            store.feeds()[1].id,
            [
                ParsedEntry(
                    guid="bare",
                    url=server.url("/gone"),
                    title="A bare headline about the harbour",
                    published=NOW - timedelta(hours=2),
                )
            ],
            now=NOW,
        )
        bare = next(a for a in store.headlines(View("all"), limit=100) if a.guid == "bare")
        store.set_related(first.id, [(bare.id, 0.8)])
        app: NewsReaderApp = make_app()
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(first.id))
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            aside = screen.deck.panes[1]
            assert aside.state.article_id == bare.id and not aside.state.loading
            assert "404" in part(aside, "note")
            body = part(aside, "body")
            assert body.strip(), "a blank pane under a note about the feed's text"
            assert "no text" in body


async def test_a_summary_coming_in_above_keeps_the_lines_being_read_in_place(
    make_app, store
) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    text = "\n\n".join(
        f"Paragraph {n}: the harbour plan was approved on Monday." for n in range(60)
    )
    store.put_page(article.id, Page(main=Story(title=article.title, text=text)), "page")
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane = screen.deck.panes[0]
        body = pane.query_one("#story-body")

        def text_top() -> int:  # the row of the view the story's text starts on
            return body.virtual_region.y - round(pane.scroll_y)

        across = Summary(
            tuple(f"Report {n} says the ferry to island {n} runs again." for n in range(4)),
            "newsrank",
            40,
        )
        await pilot.press("j", "j", "j", "j", "j", "j")  # reading
        await settle(pilot)
        reading_at = text_top()
        assert pane.scroll_y > 0
        screen.deck.post_message(StoryDeck.GroupSummaryReady(pane, across, 3))
        await settle(pilot)
        assert "Across the 3 other stories" in part(pane, "across")
        assert text_top() == reading_at  # the lines being read did not move
        # a redraw that changes nothing above the text does not undo a key's scrolling
        pane.show()
        pane.scroll_relative(y=3, animate=False, immediate=True)
        await settle(pilot)
        assert text_top() == reading_at - 3
        await pilot.press("g")  # at the top, it shows in its place
        await settle(pilot)
        assert pane.scroll_y == 0


async def test_the_summary_shown_is_of_the_method_chosen_last(
    make_app, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """S pressed twice: the method passed over may finish after the one chosen; its summary must
    not take the place of the one asked for last."""
    names = reading.algorithms()
    assert len(names) >= 3
    made = reading.load_summary

    def load_summary(*args: Any, **kwargs: Any) -> Summary:
        summary = made(*args, **kwargs)
        if summary.algorithm == names[1]:
            time.sleep(0.5)  # the method passed over is slow
        return summary

    monkeypatch.setattr(reading, "load_summary", load_summary)
    open_with_related(store, ())
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        pane = screen.deck.panes[0]
        assert pane.state.algorithm == names[0]
        await pilot.press("S", "S")
        await settle(pilot)
        assert pane.state.algorithm == names[2]
        assert pane.state.summary is not None and pane.state.summary.algorithm == names[2]
        assert f"Summary · {names[2]}" in part(pane, "summary")


async def test_summaries_shown_again_bring_the_summary_across_the_stories_too(
    make_app, store
) -> None:
    first, second = store.headlines(View("all"), limit=2)
    for article in (first, second):
        related = tuple(
            Story(
                title=f"Side story {n}",
                text=" ".join(
                    f"Side story {n} tells of the ferry to island {n}, sentence {k}."
                    for k in range(8)
                ),
            )
            for n in range(3)
        )
        story = Story(title=article.title, text="The harbour plan was approved on Monday. " * 20)
        store.put_page(article.id, Page(main=story, related=related), "page")
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert "Across the 3 other stories" in part(screen.deck.panes[0], "across")
        await pilot.press("s")  # hidden, here and for the next stories
        await settle(pilot)
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(second.id))
        await pilot.press("escape")
        await settle(pilot)
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(second.id))
        await pilot.press("enter")
        await settle(pilot)
        main = screen.deck.panes[0]
        assert main.state.article_id == second.id and part(main, "summary") == ""
        await pilot.press("s")  # shown again
        await settle(pilot)
        assert "Across the 3 other stories" in part(main, "across")


async def test_the_opened_story_with_no_text_anywhere_says_so_in_one_voice(make_app, store) -> None:
    with LocalServer() as server:
        store.upsert_entries(
            store.feeds()[0].id,
            [
                ParsedEntry(
                    guid="bare-main",
                    url=server.url("/gone"),
                    title="A bare headline about the quay",
                    published=NOW + timedelta(minutes=5),  # the newest: first in the list
                )
            ],
            now=NOW,
        )
        app: NewsReaderApp = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.table.current is not None
            assert screen.table.current.title == "A bare headline about the quay"
            await pilot.press("enter")
            await settle(pilot)
            pane = screen.deck.panes[0]
            assert "could not be loaded" in part(pane, "note") and "404" in part(pane, "note")
            # the note says the feed's text is shown: the body does not contradict it
            assert "Its feed has no text for this story either" in part(pane, "body")


async def test_a_story_without_a_title_is_named_by_its_opening_words(make_app, store) -> None:
    untitled = Story(title="", text="Ferries return to the old quay on Friday after repairs. " * 3)
    open_with_related(store, (untitled,))
    app: NewsReaderApp = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        (aside,) = [p for p in screen.deck.panes if not p.state.story.title]
        assert aside.tab_title.startswith("Ferries return to the old")
        assert part(aside, "title").startswith("Ferries return to the old quay")
        assert "(untitled)" not in part(aside, "title")


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_opened_story_comes_before_what_the_other_stories_add(
    make_app, store, size: tuple[int, int]
) -> None:
    # an aggregator's page: its own story, and links to two stories about other things
    first = store.headlines(View("all"), limit=1)[0]
    related = tuple(
        Story(
            title=f"Side story {n}",
            text=" ".join(
                f"Side story {n} tells of the ferry to island {n}, part {k}." for k in range(8)
            ),
        )
        for n in range(2)
    )
    open_with_related(store, related)
    app: NewsReaderApp = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(first.id))
        await pilot.press("enter")
        await settle(pilot)
        main = screen.deck.panes[0]
        assert "Across the 2 other stories" in part(main, "across")
        assert "ferry" not in part(main, "summary")  # above the story: only its own
        body = main.query_one("#story-body").virtual_region
        across = main.query_one("#story-across").virtual_region
        assert across.y >= body.bottom  # after the story's own text
        box = main.region  # what its pane shows first is the story, not the other stories
        rows = screen_text(app).splitlines()[box.y : box.bottom]
        top = "\n".join(row[box.x : box.right] for row in rows)
        assert "The harbour plan was approved on Monday." in top
        assert "ferry" not in top.split("The harbour plan was approved")[0]
