"""A zero-width joiner in Indic text is kept for display where the layout allows it.

Rich (15) takes whatever follows a ZWJ into the cell of what is before it (right for an emoji
sequence): before a letter, that letter is counted no cell, while a terminal drawing code point
by code point (xterm, VTE) draws it in one, and the row (and the pane divider) moves a cell per
joiner. So a ZWJ before a letter still goes (its letters stay), one before a mark drawn in no
cell stays (the count is then right), and a Malayalam chillu written the old way (consonant,
virama, ZWJ) is shown as the one letter Unicode has for it: the ZWJ is what makes it a chillu.
``drawn`` (tests/tui/test_emoji_width.py) counts code point by code point.
"""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from rich.cells import cell_len

from reader.models import ParsedEntry, View
from reader.store import Store
from reader.tui.format import for_display, headline_line
from reader.tui.screens.main import MainScreen

from .conftest import NOW, screen_text, settle
from .test_emoji_width import drawn

ZWJ = "\u200d"
RA_YA = f"র{ZWJ}্য"  # Bengali ra, ZWJ, virama, ya: the ya-phala written beside the ra (র‍্য)
CHILLU_N = f"ന്{ZWJ}"  # Malayalam na, virama, ZWJ: the chillu n as written before Unicode 5.1
HALF_KA = f"क्{ZWJ}ष"  # Devanagari ka, virama, ZWJ, ssa: ka in its half form before ssa
TITLES = (
    f"Bengali {RA_YA} ya-phala in a headline about the river",
    f"Malayalam അവ{CHILLU_N} വന്നു in a headline about the harbour",
    f"Hindi {HALF_KA} half form in a headline about the fair",
)


def test_rich_counts_no_cell_for_a_letter_after_a_joiner() -> None:
    """Why a ZWJ before a letter cannot stay (if Rich ever counts it, this fails: keep it)."""
    assert cell_len(HALF_KA) == cell_len("क्") == 1
    assert drawn(HALF_KA) == 2
    assert cell_len(f"അവ{CHILLU_N} x") == drawn(f"അവ{CHILLU_N} x") - 1  # the space is lost
    assert cell_len(RA_YA) == drawn(RA_YA)  # after it a mark: nothing is lost


def test_a_joiner_before_a_mark_stays() -> None:
    assert for_display(RA_YA) == RA_YA
    assert for_display(f"a{ZWJ}\u0301b") == f"a{ZWJ}\u0301b"


def test_an_old_style_chillu_is_shown_as_its_letter() -> None:
    shown = for_display(f"അവ{CHILLU_N} വന്നു")
    assert shown == "അവ\u0d7b വന്നു"
    assert unicodedata.name("\u0d7b") == "MALAYALAM LETTER CHILLU N"
    for old, letter in zip("ണനരലളകമയഴ", "ൺൻർൽൾൿൔൕൖ", strict=True):
        assert for_display(f"{old}്{ZWJ}") == letter
        assert unicodedata.name(letter).startswith("MALAYALAM LETTER CHILLU")
    # a virama with no ZWJ after it is the vowel-less consonant it says: left as it is
    assert for_display("അവന് വന്നു") == "അവന് വന്നു"


def test_a_joiner_before_a_letter_goes_and_the_letters_stay() -> None:
    assert for_display(HALF_KA) == "क्ष"
    assert for_display(f"{ZWJ}{ZWJ}क") == "क"


@pytest.mark.parametrize("title", TITLES)
def test_each_title_as_shown_takes_the_cells_it_is_counted(title: str) -> None:
    assert cell_len(title) != drawn(title) or title.startswith("Bengali")
    shown = for_display(title)
    assert cell_len(shown) == drawn(shown)


def add_titles(store: Store) -> None:
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(
                guid=f"indic-{n}",
                url=f"http://127.0.0.1:9/indic/{n}.html",
                title=title,
                published=NOW - timedelta(minutes=5 + n),
                summary_text=f"{title}. A short text from the feed.",
            )
            for n, title in enumerate(TITLES)
        ],
        now=NOW,
    )


def test_headline_rows_are_drawn_in_their_width(store: Store) -> None:
    add_titles(store)
    for article in store.headlines(View("all"), limit=len(TITLES)):
        for width in (60, 80, 120):
            row = headline_line(article, NOW, width)
            assert drawn(row.plain) == row.cell_len <= width, row.plain


async def test_the_divider_stays_straight_and_the_joined_letters_show(
    make_app, store: Store
) -> None:
    add_titles(store)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("enter")  # the newest: the Bengali title, in the list and the pane
        await settle(pilot)
        text = screen_text(app)
        for line in text.split("\n"):
            assert drawn(line) == 120, line
        assert text.count(f"Bengali {RA_YA} ya-phala") == 3  # list, pane title, feed's text
        assert "അവ\u0d7b വന്നു" in text
        assert "क्ष half form" in text
