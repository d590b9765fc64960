"""In the reader: a story shown with its feed's text numbers the feed's links, a podcast's audio
is named under the story's address as link [1] and listed first (o opens it, y copies it), and
a headline with nothing to summarise gets no summary block."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList, Static

from reader.models import Enclosure, ParsedEntry, View
from reader.reading import enclosure_label
from reader.store import Store
from reader.tui.screens.links import LinksScreen
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.story import StoryPane

from .conftest import NOW, screen_text, settle

MP3 = (  # (long: its line in the links list is cut to one line, its kind said before it)
    "https://cdn.example/redirect.mp3/www.example.com/podcasts/download/2823/"
    "603__Call_of_Tuesday-10-01-2019-6277737276.mp3"
)
PLAN = "https://a.test/plan"
COMMENTS = "https://a.test/item?id=7"
NOTES = (
    f'<p>This week the crew <a href="{PLAN}">talk about the plan</a> for the new season, and '
    "much else besides, for three hours.</p>"
    f'<p>Send us mail, and join the <a href="{COMMENTS}">discussion</a>.</p>'
)


def add_newest(store: Store, entry: ParsedEntry) -> None:
    """``entry`` as the newest headline of the first feed (the one the list starts on)."""
    store.upsert_entries(store.feeds()[0].id, [entry], now=NOW)
    assert store.headlines(View("all"), limit=1)[0].title == entry.title


def episode(enclosures: tuple[Enclosure, ...]) -> ParsedEntry:
    # its page is not reachable (port 9): the feed's text is shown
    return ParsedEntry(
        guid="ep-603",
        url="http://127.0.0.1:9/shows/603.html",
        title="Bombcast 603: Call of Tuesday",
        published=NOW - timedelta(minutes=5),
        content_html=NOTES,
        summary_text="This week the crew talk about the plan.",
        enclosures=enclosures,
    )


def part(pane: StoryPane, name: str) -> Text:
    content = pane.query_one(f"#{name}", Static).content
    assert isinstance(content, Text)
    return content


def summary_note(pane: StoryPane) -> str:
    summary = pane.state.summary
    assert summary is not None and summary.note
    return summary.note[:30]


def dimmed(text: Text) -> list[str]:
    return [
        text.plain[s.start : s.end]
        for s in text.spans
        if isinstance(s.style, Style) and s.style.dim
    ]


async def test_a_podcasts_audio_is_link_1_and_the_feeds_links_are_numbered(make_app, store) -> None:
    audio = Enclosure(MP3, "audio/mpeg", 45_000_000)
    add_newest(store, episode((audio,)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        opened: list[str] = []
        screen.launch_browser = opened.append  # type: ignore[method-assign,assignment]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert pane.state.source == "feed" and not pane.state.loading
        meta = part(pane, "story-meta")
        assert f"{enclosure_label(audio)} [1]" in meta.plain
        assert "Podcast: audio/mpeg · 45 MB [1]" in screen_text(app)
        body = part(pane, "story-body")
        assert "talk about the plan [2] for the new season" in body.plain
        assert "join the discussion [3]." in body.plain
        assert dimmed(body) == [" [2]", " [3]"]
        await pilot.press("L")
        await settle(pilot)
        links = app.screen
        assert isinstance(links, LinksScreen)
        assert links.links == (MP3, PLAN, COMMENTS)
        text = screen_text(app)
        assert "[1] Podcast: audio/mpeg · 45 MB · cdn.example/" in text
        assert links.query_one(OptionList).virtual_size.height == 3  # one line each
        await pilot.press("y")
        assert app.clipboard == MP3
        await pilot.press("o")
        assert opened == [MP3]


async def test_a_story_without_links_still_says_so(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        assert "This story has no links." in screen_text(app)


async def test_a_headline_with_nothing_to_summarise_gets_no_summary_block(make_app, store) -> None:
    """A wire or link-aggregator item whose text is a link or two: no "0 of 0 sentences" box."""
    add_newest(
        store,
        ParsedEntry(
            guid="hn-1",
            url="http://127.0.0.1:9/hn/1.html",
            title="Show HN: A terminal news reader",
            published=NOW - timedelta(minutes=5),
            content_html=f'<a href="{COMMENTS}">Comments</a>',
            summary_text="Comments",
        ),
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert not pane.state.loading and not pane.state.summary_loading
        assert pane.state.summary is not None and not pane.state.summary.sentences
        assert not pane.query_one("#story-summary", Static).display
        text = screen_text(app)
        assert "Summary ·" not in text and "of 0 sentences" not in text
        assert summary_note(pane) not in text  # (what the summariser says of it: not shown)
        assert "Comments [1]" in part(pane, "story-body").plain


async def test_the_audio_line_fits_the_box_at_80_columns_and_after_a_resize(
    make_app, store
) -> None:
    """At 80 columns the box is narrower than its 90: "[1] Podcast: … · address" stays one line
    (the "[1] " and the box's real width counted), and it shows more of the address when wider."""
    audio = Enclosure(MP3, "audio/mpeg", 105_000_000)
    add_newest(store, episode((audio,)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        links = app.screen
        assert isinstance(links, LinksScreen)
        options = links.query_one(OptionList)
        assert options.virtual_size.height == 3  # one line each
        assert options.size.height == 3  # and no blank line under them
        first = next(line for line in screen_text(app).splitlines() if "[1] Podcast" in line)
        assert "105 MB · cdn.example/" in first and first.rstrip().endswith("│")
        narrow = str(options.get_option_at_index(0).prompt)
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        assert options.virtual_size.height == 3 and options.size.height == 3
        wide = str(options.get_option_at_index(0).prompt)
        assert len(wide) > len(narrow) and narrow.startswith(wide[: len(narrow) - 1])
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        assert options.virtual_size.height == 3
        assert "[1] Podcast" in screen_text(app)


async def test_the_preview_of_a_podcast_names_its_audio_as_the_opened_story_does(
    make_app, store
) -> None:
    audio = Enclosure(MP3, "audio/mpeg", 90_000_000)
    add_newest(store, episode((audio,)))
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the deck previews the headline under the cursor
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        preview = str(screen.deck.query_one("#deck-empty").render())
        assert "Bombcast 603" in preview
        assert f"{enclosure_label(audio)} [1]" in preview
        assert "Podcast: audio/mpeg · 90 MB [1]" in screen_text(app)


async def test_the_story_header_leaves_out_an_author_that_is_the_feed_again(
    make_app, store
) -> None:
    feed = store.feeds()[0]
    entry = replace(episode(()), author=f"  {feed.display_title.upper()} ")
    add_newest(store, entry)
    other = replace(entry, guid="ep-604", title="Bombcast 604", author="Jeff Gerstmann")
    other = replace(other, published=NOW - timedelta(minutes=1))
    add_newest(store, other)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")  # Bombcast 604: its author is named
        await settle(pilot)
        meta = part(screen.deck.panes[0], "story-meta").plain
        assert meta.startswith(f"{feed.display_title} · Jeff Gerstmann · ")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("j", "enter")  # Bombcast 603: its "author" is the feed's name again
        await settle(pilot)
        meta = part(screen.deck.panes[0], "story-meta").plain
        assert screen.deck.panes[0].state.story.title == "Bombcast 603: Call of Tuesday"
        assert meta.startswith(f"{feed.display_title} · ")
        assert feed.display_title.casefold() not in meta[len(feed.display_title) :].casefold()
