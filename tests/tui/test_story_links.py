"""A story's links: their numbers dimmed after the link's words in the pane, and the list of them
(L, or u with the newsboat keys) where Enter opens one in the browser, y copies it and r reads
it here, in a pane beside the story."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList, Static

from reader.extract import extract_response
from reader.models import Block, Page, Story, View
from reader.reading import link_marks
from reader.store import Store
from reader.textutil import short_url
from reader.tui.screens.links import LinksScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.story import StoryPane
from tests.httpserver import LocalServer

from .conftest import make_config, screen_text, settle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
OTHER_PAGE = (
    "<html><head><title>The ferry timetable</title></head><body><article>"
    "<h1>The ferry timetable</h1>"
    + "".join(
        f"<p>The ferry to the islands leaves the old quay at {n} o'clock on weekdays, and an "
        "hour later on Sundays, from the first of May until the end of September.</p>"
        for n in range(6, 12)
    )
    + "</article></body></html>"
)


def story_page(server: LocalServer) -> str:
    """A story whose paragraphs link to the local server and to script; one link's words look
    like markup."""
    ferry, report = server.url("/ferry"), server.url("/reports/2024/harbour/full-report.html")
    return (
        "<html><head><title>Harbour plan approved</title></head><body><article>"
        "<h1>Harbour plan approved</h1>"
        "<p>The council approved the harbour plan on Monday after a long debate, as "
        f'<a href="{report}">the full report</a> had advised, and the first works start '
        "in the spring.</p>"
        f'<p>The <a href="{ferry}">[bold]ferry[/bold] timetable</a> changes while the works go '
        'on, the harbour master said. <a href="javascript:alert(1)">Nothing here</a> is '
        "lost.</p>"
        "<p>Fishermen will get temporary berths on the eastern side of the harbour while the "
        "old quay is rebuilt, and the council will pay for moving their gear.</p>"
        "</article></body></html>"
    )


def put_page(store: Store, html: bytes, url: str) -> tuple[int, Story]:
    """The first headline's page, cached as the extractor makes it of ``html``."""
    first = store.headlines(View("all"), limit=1)[0]
    page = extract_response(html, "text/html", url)
    store.put_page(first.id, page, "page")
    return first.id, page.main


def body_of(pane: StoryPane) -> Text:
    content = pane.query_one("#story-body", Static).content
    assert isinstance(content, Text)
    return content


def numbers(text: Text) -> list[str]:
    """The " [n]" shown dimmed in ``text``."""
    return [
        text.plain[span.start : span.end]
        for span in text.spans
        if isinstance(span.style, Style) and span.style.dim
    ]


def main_screen(app: object) -> MainScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, MainScreen)
    return screen


def test_link_marks_are_where_the_blocks_had_them_and_none_for_another_text() -> None:
    blocks = (
        Block("p", "See the report [1] and the map [2]."),
        Block("image", "[image: a map]"),
        Block("li", "The timetable [3] changes [9]"),  # [9]: no such link
    )
    links = ("https://a.test/r", "https://a.test/m", "https://a.test/t")
    text = "See the report and the map.\n\n• The timetable changes"
    story = Story(text=text, blocks=blocks, links=links)
    marks = link_marks(story)
    assert [(text[:at].rsplit(" ", 1)[-1], n) for at, n in marks] == [
        ("report", 1),
        ("map", 2),
        ("timetable", 3),
    ]
    assert link_marks(Story(text=text + " (edited)", blocks=blocks, links=links)) == ()
    assert link_marks(Story(text=text, blocks=blocks)) == ()  # no links: nothing to number


@pytest.mark.parametrize("fixture", ["hover_cards.html", "semantic_aside.html"])
async def test_a_pages_link_numbers_show_dimmed_after_the_links_words(
    make_app, store, fixture: str
) -> None:
    html = (FIXTURES / fixture).read_bytes()
    _, story = put_page(store, html, "https://example.org/news/story.html")
    assert story.links and " [" not in story.text  # the text itself has no numbers
    marks = link_marks(story)
    assert marks
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = main_screen(app).deck.panes[0]
        shown = body_of(pane)
        assert shown.plain.replace(" [1]", "", 1) == story.text  # readable as it was
        assert numbers(shown) == [" [1]"]
        at = marks[0][0]
        assert shown.plain[at : at + 4] == " [1]"  # right after the link's words


async def test_the_numbers_leave_a_searchs_marks_in_place(make_app, store) -> None:
    html = (FIXTURES / "hover_cards.html").read_bytes()
    put_page(store, html, "https://example.org/news/story.html")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        pane = main_screen(app).deck.panes[0]
        pane.state.search = '"Whitlock (Independent)"'  # a phrase read across a number
        pane.show()
        shown = body_of(pane)
        marked = [
            shown.plain[s.start : s.end]
            for s in shown.spans
            if not (isinstance(s.style, Style) and s.style.dim)
        ]
        assert marked == ["Whitlock", " (Independent"]  # the phrase, around its number
        assert numbers(shown) == [" [1]"]


async def test_the_links_list_opens_copies_and_reads_a_link(make_app, store) -> None:
    with LocalServer() as server:
        server.route("/ferry", body=OTHER_PAGE.encode(), headers={"Content-Type": "text/html"})
        _, story = put_page(store, story_page(server).encode(), server.url("/story"))
        assert len(story.links) == 2  # the report and the ferry (no script)
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = main_screen(app)
            opened: list[str] = []
            screen.launch_browser = opened.append  # type: ignore[method-assign,assignment]
            await pilot.press("enter")
            await settle(pilot)
            pane = screen.deck.panes[0]
            shown = body_of(pane)
            assert "The [bold]ferry[/bold] timetable [2] changes" in shown.plain  # data, kept
            await pilot.press("L")
            await settle(pilot)
            links = app.screen
            assert isinstance(links, LinksScreen)
            text = screen_text(app)
            for n, link in enumerate(story.links, start=1):
                assert f"[{n}] {short_url(link)}" in text
            assert "Links in Harbour plan approved" in text
            await pilot.press("enter")  # the first: in the browser, as o does
            assert opened == [story.links[0]]
            await pilot.press("down", "y")
            assert app.clipboard == server.url("/ferry")
            await pilot.press("r")  # read it here: a pane beside the story
            await settle(pilot)
            await pilot.pause(0.2)
            await settle(pilot)
            assert app.screen is screen
            panes = screen.deck.panes
            assert len(panes) == 2 and panes[0] is pane
            beside = panes[1]
            assert beside.has_focus and beside.state.story.url == server.url("/ferry")
            assert beside.state.source == "page" and not beside.state.loading
            assert "The ferry to the islands leaves" in body_of(beside).plain
            assert [r.path for r in server.requests] == ["/ferry"]


async def test_a_link_that_is_no_web_address_is_listed_but_never_opened(make_app, store) -> None:
    """Cached pages are data too: a link kept in one is shown as text and opened only when it
    is a web (or, in the browser, mail) address."""
    first = store.headlines(View("all"), limit=1)[0]
    links = ("javascript:alert(1)", "mailto:harbour@example.org", "https://ok.test/[b]x[/b]")
    blocks = (Block("p", "Script [1], mail [2] and a page [3] are linked from this story."),)
    text = "Script, mail and a page are linked from this story."
    story = Story(title="Links", text=text, blocks=blocks, links=links)
    store.put_page(first.id, Page(main=story), "page")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        opened: list[str] = []
        screen.launch_browser = opened.append  # type: ignore[method-assign,assignment]
        await pilot.press("enter")
        await settle(pilot)
        assert numbers(body_of(screen.deck.panes[0])) == [" [1]", " [2]", " [3]"]
        await pilot.press("L")
        await settle(pilot)
        shown = screen_text(app)
        assert "[1] (not a web address: it is not opened)" in shown
        assert "[3] ok.test/[b]x[/b]" in shown  # as it is, not markup
        await pilot.press("enter", "y", "r")
        await settle(pilot)
        assert opened == [] and app.clipboard == ""
        await pilot.press("down", "r")  # a mail address: no page to read here
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        said = [str(n.message) for n in app._notifications]
        assert "A mail address has no page to read here." in said
        await pilot.press("y", "enter")
        assert app.clipboard == "mailto:harbour@example.org" == opened[0]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and len(screen.deck.panes) == 1


async def test_a_story_without_links_says_so(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("L")  # no story open
        await pilot.pause()
        assert "No story is open: press Enter on a headline." in [
            str(n.message) for n in app._notifications
        ]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        assert not app.screen.query(OptionList)
        assert "This story has no links." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_newsboat_keys_list_the_links_with_u(make_app, store) -> None:
    html = (FIXTURES / "semantic_aside.html").read_bytes()
    put_page(store, html, "https://example.org/news/story.html")
    app = make_app(make_config(keymap="newsboat"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        assert "[1] example.org/report" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Story links: open, copy, read one here" in screen_text(app)
