"""Emoji made of several code points (a skin tone, a ZWJ sequence, VS16) take on screen the cells
the reader lays them out in, so the pane divider stays straight on their rows.

A terminal that draws code point by code point (xterm, VTE; tmux for skin tones and VS16) gives
each code point its own width: two cells for a wide one (East Asian Wide or Full), none for a
combining mark, a format character or a variation selector, one otherwise. ``drawn`` counts
that way; Textual lays rows out by Rich's count, which joins such emoji into one picture.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from reader.models import Article, Block, Page, ParsedEntry, Story, View
from reader.store import Store
from reader.tui.format import display_offsets, for_display, headline_line
from reader.tui.screens.main import MainScreen

from .conftest import NOW, screen_text, settle

TITLES = (
    "Thumbs 👍🏽 up for the harbour plan from the council",
    "Family 👨\u200d👩\u200d👧 day at the harbour draws a crowd",
    "Flag 🇬🇧 raised over the old quay once again",
    "Heart ❤️ of the town votes for the new moorings",
    "Keycap 1️⃣ numbers the first stall at the fair",
    "The rainbow 🏳️\u200d🌈 flag flies over the fair",
    "Every one 👍🏽👨\u200d👩\u200d👧🇬🇧❤️ in one headline about the quay",
)
BODY = (
    "The council said 👍🏽 to the plan, and the full report [1] was read out at the meeting. "
    "Families 👨\u200d👩\u200d👧 came, the flag 🇬🇧 was raised, and hearts ❤️ were won."
)


def drawn(text: str) -> int:
    """The cells a terminal drawing code point by code point gives ``text``."""
    cells = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return cells


def add_emoji_headlines(store: Store) -> Article:
    """The headlines of TITLES, the newest in the store (the first of them first), the first
    with a page whose text has such emoji and a numbered link; that first headline."""
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(
                guid=f"emoji-{n}",
                url=f"http://127.0.0.1:9/emoji/{n}.html",
                title=title,
                published=NOW - timedelta(minutes=5 + n),
                summary_text=f"{title}. A short text from the feed.",
            )
            for n, title in enumerate(TITLES)
        ],
        now=NOW,
    )
    first = store.headlines(View("all"), limit=1)[0]
    assert first.title == TITLES[0]
    text = BODY.replace(" [1]", "")
    story = Story(
        title=TITLES[0],
        text=text,
        blocks=(Block("p", BODY),),
        links=("http://127.0.0.1:9/report.html",),
    )
    store.put_page(first.id, Page(main=story), "page")
    return first


def test_what_is_shown_takes_the_cells_it_is_laid_out_in() -> None:
    for title in TITLES:
        if title.startswith("Flag"):  # a flag's two code points: one cell each, as Rich counts them
            assert drawn(title) == Text(title).cell_len and for_display(title) == title
            continue
        assert drawn(title) != Text(title).cell_len  # each is a case where the two differ
        shown = for_display(title)
        assert drawn(shown) == Text(shown).cell_len
        assert len(shown.split()) == len(title.split())  # no word lost, only joining marks


def test_a_headline_row_with_such_emoji_is_drawn_in_its_width(store: Store) -> None:
    add_emoji_headlines(store)
    for article in store.headlines(View("all"), limit=len(TITLES)):
        for width in (60, 80, 120):
            row = headline_line(article, NOW, width)
            assert row.cell_len <= width
            assert drawn(row.plain) == row.cell_len, row.plain


def test_offsets_follow_the_text_as_shown() -> None:
    text = "a👍🏽b ❤️c"
    shown = for_display(text)
    assert shown == "a👍b ❤c"
    offsets = [text.index("b"), text.index("c"), len(text)]
    assert display_offsets(text, offsets) == [shown.index("b"), shown.index("c"), len(shown)]


async def test_the_divider_stays_straight_beside_the_story(make_app, store: Store) -> None:
    """Every line of the screen, headlines and the story opened beside them (its title, its
    text), is as wide as the terminal when drawn code point by code point."""
    add_emoji_headlines(store)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert not pane.state.loading and pane.state.source == "page"
        text = screen_text(app)
        assert text.count("up for the harbour plan") == 2  # in the list and the pane's title
        lines = text.split("\n")
        assert len(lines) == 30
        for line in lines:
            assert drawn(line) == 120, line
        assert "Thumbs 👍 up for the harbour plan" in text and "Heart ❤ of the town" in text
        # the link's number is still right after its words
        body = pane.query_one("#story-body", Static).content
        assert isinstance(body, Text)
        dimmed = [
            (body.plain[: s.start].rsplit(" ", 2)[-2:], body.plain[s.start : s.end])
            for s in body.spans
            if isinstance(s.style, Style) and s.style.dim
        ]
        assert dimmed == [(["full", "report"], " [1]")]


async def test_the_pane_titles_and_tabs_keep_their_cells(make_app, store: Store) -> None:
    """Two stories side by side: their title bars (the pane's number and title) too."""
    first = add_emoji_headlines(store)
    second = store.headlines(View("all"), limit=4)[3]  # the heart ❤️
    related = Story(title=second.title, url=second.url, text="The town voted. " * 12)
    page = store.get_page(first.id)
    assert page is not None
    store.put_page(first.id, Page(main=page[0].main, related=(related,)), "page")
    app = make_app()
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.deck.panes) == 2
        text = screen_text(app)
        assert " 2 Heart " in text  # the second pane's title bar
        for line in text.split("\n"):
            assert drawn(line) == 200, line
