"""Property test: text from the outside world (markup-like brackets, escape sequences, C1 controls,
any Unicode) renders through every widget literally: the cleaned title is on screen as written,
never as markup, and no escape character reaches the terminal."""

from __future__ import annotations

import asyncio
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual.geometry import Region

from reader.config import FeedConfig
from reader.models import Page, ParsedEntry, Story, Summary, View
from reader.store import open_store
from reader.textutil import clean_line
from reader.tui.app import NewsReaderApp

from .conftest import NOW, fixed_clock, make_config, screen_text, settle

# what a hostile or careless feed sends: Rich / Textual markup, terminal escapes, C1 controls
HOSTILE = (
    "[",
    "]",
    "[bold]",
    "[/]",
    "[/bold]",
    "[link=x]",
    "[link=file:///etc/passwd]",
    "[@click=app.quit]",
    "[red on blue]",
    "[b]",
    "\\[",
    ":smile:",
    "\x1b",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x9b2J",
    "\x85",
    "\x90",
    "\x07",
    "\u202e",
    "&amp;",
    "<b>",
)
NO_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)
anything = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=NO_SURROGATES), min_size=0, max_size=6
)
words = st.sampled_from(["Harbour", "vote", " ", "x", "42"])
outside = st.lists(st.one_of(st.sampled_from(HOSTILE), anything, words), max_size=10).map("".join)


def narrow(char: str) -> bool:
    """One cell wide and standing for itself (the title must fit its column to be seen whole)."""
    return unicodedata.east_asian_width(char) not in ("W", "F")


# a title: the hostile pieces and visible characters of any script, short enough for its column
visible = st.text(
    alphabet=st.characters(categories=("L", "N", "P", "S", "Zs"), codec="utf-8").filter(narrow),
    max_size=4,
)
titles = (
    st.lists(st.one_of(st.sampled_from(HOSTILE), visible, words), min_size=1, max_size=8)
    .map(lambda parts: "Title " + "".join(parts))
    .map(lambda text: text[:40])
)


def region_text(app: NewsReaderApp, region: Region) -> str:
    """What the terminal shows in ``region``, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    rows = strips[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in rows)


async def render_everywhere(
    title: str, feed: str, category: str, body: str, author: str, error: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "f.db")
        store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", feed, category)])
        feed_id = store.feeds()[0].id
        store.update_feed(feed_id, last_error=error or "x", failures=1)
        store.upsert_entries(
            feed_id,
            [
                ParsedEntry(
                    guid="g",
                    url="http://127.0.0.1:9/a",
                    title=title,
                    author=author,
                    published=NOW,
                    summary_text=body,
                )
            ],
            now=NOW,
        )
        article = store.headlines(View("all"))[0]
        related = Story(title=title, text=body, author=author, source=feed, published=error)
        page = Page(
            main=Story(title=title, text=body, author=author), related=(related,), note=error
        )
        store.put_page(article.id, page, "page", error)
        summary = Summary(
            sentences=(title, body), algorithm=error or "x", total_sentences=3, note=author
        )
        for part in (0, 1):
            store.put_summary(article.id, part, "newsrank", "2", summary)
        app = NewsReaderApp(make_config(), store, clock=fixed_clock)
        shown = clean_line(title)
        async with app.run_test(size=(150, 30)) as pilot:
            await settle(pilot)
            assert shown in screen_text(app)  # the headline, as written
            await pilot.press("enter")  # story panes: main + related, summaries, notes
            await settle(pilot)
            pane = app.screen.deck.panes[0]  # type: ignore[attr-defined]
            assert shown in region_text(app, pane.region)  # and as the story's title
            await pilot.press("escape", "escape", "e")  # feed error as a notification
            await pilot.press("slash", *[c for c in title[:10] if c.isalnum()], "enter")
            await settle(pilot)
            text = screen_text(app)
            assert app.is_running
            assert "\x1b" not in text and "\x9b" not in text
        store.close()


def packed(pieces: tuple[str, ...], room: int) -> list[str]:
    """The pieces in as few strings of at most ``room`` characters as they fit (longest first)."""
    chunks: list[str] = []
    for piece in sorted(pieces, key=len, reverse=True):
        for i, chunk in enumerate(chunks):
            if len(chunk) + len(piece) <= room:
                chunks[i] = chunk + piece
                break
        else:
            chunks.append(piece)
    return chunks


# Every hostile piece in every run, not only when the draw brings it: in the titles (packed into
# the 40 characters a title has, as `titles` cuts them) and, all of them at once, in each of the
# other fields, in two orders.
EVERY_PIECE = "".join(HOSTILE)
EVERY_PIECE_REVERSED = "".join(reversed(HOSTILE))
HOSTILE_TITLES = ["Title " + chunk for chunk in packed(HOSTILE, 40 - len("Title "))]


def test_the_explicit_titles_hold_every_hostile_piece_and_fit_a_title() -> None:
    assert all(len(title) <= 40 for title in HOSTILE_TITLES)
    assert all(any(piece in title for title in HOSTILE_TITLES) for piece in HOSTILE)


def every_hostile_piece(test: Callable[..., None]) -> Callable[..., None]:
    for n, title in enumerate(HOSTILE_TITLES):
        others = EVERY_PIECE if n % 2 == 0 else EVERY_PIECE_REVERSED
        test = example(title, others, others, others, others, others)(test)
    return test


# Each example starts the reader and walks through its widgets (~1 s of CPU): the hostile pieces
# are covered by the explicit examples above, the drawn ones add mixtures and any Unicode.
@every_hostile_piece
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(titles, outside, outside, outside, outside, outside)
def test_outside_text_renders_literally_in_every_widget(
    title: str, feed: str, category: str, body: str, author: str, error: str
) -> None:
    asyncio.run(render_everywhere(title, feed, category, body, author, error))
