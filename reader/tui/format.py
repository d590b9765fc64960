"""Outside text -> Rich ``Text`` that renders literally (never markup), and small display helpers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from rich.text import Text

from reader.dates import age, listed_time
from reader.models import Article, Feed
from reader.textutil import clean_block, clean_line, html_to_text, story_name

TITLE_LIMIT = 300

# The code points that make an emoji one picture out of several: a skin tone (U+1F3FB-U+1F3FF),
# the zero-width joiner of a sequence (a family: man, ZWJ, woman, ZWJ, girl) and the emoji
# variation selector (VS16: "❤️" is "❤" + VS16). Rich counts the picture (skin tone and VS16
# as part of it, a ZWJ sequence as one emoji); a terminal that draws code point by code point
# (xterm, VTE) gives the skin tone two cells of its own, a VS16 none and the family six (tmux
# 3.3 joins the family, but not the skin tone, and a VS16 widens nothing), so every cell after
# such an emoji in a row moved, and the pane divider with them. Without them each emoji takes
# the same cells in every terminal: 👍🏽 is shown as 👍, ❤️ as ❤, the family as 👨👩👧.
_JOINED_EMOJI = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f]|\u200d(?=(.?))", re.DOTALL)
# A ZWJ also shapes the letters of Indic scripts (a Devanagari half form, क्‍ष; Sinhala's
# touching letters; Bengali's র‍্য). Rich (15) takes whatever follows a ZWJ into the cell of what
# is before it, as it does for an emoji: the letter after it is counted no cell, while a
# terminal draws it in one, so such a row is a cell wider than laid out for each. Where what
# follows is a mark drawn in no cell anyway (র‍্য: ZWJ, virama), the count is right and the ZWJ
# stays; before a letter it goes (the letters stay, joined as a terminal that does not shape
# them shows them anyway); Malayalam's chillu letters written the pre-Unicode-5.1 way
# (consonant, virama, ZWJ: the ZWJ is what tells ന്‍ "n" from ന് "nu") become the one letter
# Unicode has for each since (ൻ), which every count gives one cell.
_ZERO_CELL = frozenset({"Mn", "Me"})
_CHILLU = {"ണ": "ൺ", "ന": "ൻ", "ര": "ർ", "ല": "ൽ", "ള": "ൾ", "ക": "ൿ", "മ": "ൔ", "യ": "ൕ", "ഴ": "ൖ"}
_OLD_CHILLU = re.compile(f"([{''.join(_CHILLU)}])\u0d4d\u200d")
_SPECIAL = re.compile("[\U0001f3fb-\U0001f3ff\u200d\ufe0f]")


def _joined(found: re.Match[str]) -> str:
    after = found.group(1)
    if after is None:  # a skin tone or VS16
        return ""
    return found.group() if after and unicodedata.category(after) in _ZERO_CELL else ""


def for_display(text: str) -> str:
    """``text`` as it is shown: outside text with its emoji's skin tones, joiners and VS16
    left out, so that it takes on screen the cells Textual lays it out in (see _JOINED_EMOJI);
    a ZWJ between letters goes too, one before a mark stays, and an old-style Malayalam chillu
    is its letter. Only for what is shown: what is stored, searched and exported keeps them."""
    if _SPECIAL.search(text) is None:
        return text
    if "\u0d4d\u200d" in text:
        text = _OLD_CHILLU.sub(lambda m: _CHILLU[m.group(1)], text)
    return _JOINED_EMOJI.sub(_joined, text)


def display_offsets(text: str, offsets: Sequence[int]) -> list[int]:
    """Where the ``offsets`` (ascending) of ``text`` are in ``for_display(text)``."""
    moved: list[int] = []
    last = shown = 0
    for at in offsets:
        shown += len(for_display(text[last:at]))
        last = at
        moved.append(shown)
    return moved


def plain(text: str | None, style: str = "", limit: int = 0) -> Text:
    """One line of outside text as a ``Text`` (controls stripped; markup characters stay literal)."""
    return Text(for_display(clean_line(text, limit)), style=style, no_wrap=False, end="")


def block(text: str | None, style: str = "") -> Text:
    """Multi-line outside text as a ``Text``."""
    return Text(for_display(clean_block(text)), style=style, end="")


def headline_title(article: Article) -> str:
    """The headline's title; an item without one is shown by the start of its text (one line,
    cut with …; the list reads the text of such items), else "(untitled)"."""
    title = clean_line(article.title, TITLE_LIMIT)
    if title:
        return title
    text = clean_line(article.summary_text) or clean_line(html_to_text(article.content_html))
    return story_name("", text)


def headline_cells(article: Article, now: datetime) -> tuple[Text, Text, Text, Text]:
    """The cells of one headline row: markers, age, source, title."""
    style = "bold" if not article.is_read else "dim"
    marks = Text(end="")
    marks.append("●" if not article.is_read else " ", style="bold" if not article.is_read else "")
    marks.append("★" if article.is_favourite else " ")
    if article.related_count:  # a space of its own: "★ +8", not "★+8"
        marks.append(f" +{min(article.related_count, 99)}", style="italic")
    return (
        marks,
        Text(age(listed_time(article), now), style="dim", end=""),
        plain(article.feed_title, style="dim" if article.is_read else "", limit=40),
        plain(headline_title(article), style=style, limit=TITLE_LIMIT),
    )


SOURCE_WIDTH = 16
MARKS_WIDTH = 6  # unread, favourite, a space, "+12" (the related count)
TITLE_ROOM = 30  # cells a title keeps: the source column goes first


def middle_cut(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, its middle left out: the end of a name (a
    feed's file name, "missing2.xml") tells it apart more often than its middle."""
    text = for_display(clean_line(text))
    if limit < 3 or len(text) <= limit:
        return text[:limit] if limit > 0 else text
    tail = (limit - 1) // 2
    return text[: limit - 1 - tail].rstrip() + "…" + text[len(text) - tail :].lstrip()


def headline_line(
    article: Article,
    now: datetime,
    width: int,
    *,
    with_source: bool = True,
    marked: Callable[[Text], object] | None = None,
) -> Text:
    """One headline row: markers, age, source, title, fitted to ``width`` cells. Without
    ``with_source`` (a single feed's list: every row has the same) the title has its room.
    ``marked`` styles parts of the title (a search's words) in place."""
    marks, when, source, title = headline_cells(article, now)
    if marked is not None:
        marked(title)
    marks.truncate(MARKS_WIDTH, pad=True)  # "●★ +12"
    when.align("right", 6)
    line = Text(" ", no_wrap=True, end="")
    line.append_text(marks)
    line.append(" ")
    line.append_text(when)
    line.append("  ")
    source_width = min(SOURCE_WIDTH, max(8, width // 6))
    # a narrow list (80 columns, or beside a story) gives the source's room to the titles
    if with_source and width - line.cell_len - (source_width + 2) >= TITLE_ROOM:
        source.truncate(source_width, overflow="ellipsis", pad=True)
        line.append_text(source)
        line.append("  ")
    line.append_text(title)
    line.truncate(max(1, width), overflow="ellipsis")
    return line


def feed_label(feed: Feed) -> Text:
    """A feed's label in the tree: marker for errors, title, unread count."""
    label = Text(end="")
    if feed.last_error:  # an error in red, a warning (the feed was read) in yellow
        label.append("⚠ ", style="bold red" if feed.failing else "yellow")
    label.append(
        for_display(clean_line(feed.display_title, 60)), style="bold" if feed.unread else ""
    )
    if feed.unread:
        label.append(" ")  # a span of its own: a count never runs into the title ("All 40")
        label.append(str(feed.unread), style="dim")
    return label


def fit_label(label: Text, width: int, keep: int = 0) -> Text:
    """``label`` in at most ``width`` cells: the part before its last ``keep`` cells (a count)
    is cut with an ellipsis, so a long feed title never pushes its unread count out of sight."""
    if label.cell_len <= width or width <= 0:
        return label
    keep = keep if keep < width - 1 else 0
    head, tail = label.divide([len(label.plain) - keep]) if keep else (label, Text())
    head.truncate(width - tail.cell_len, overflow="ellipsis")
    head.end = ""
    return Text.assemble(head, tail, end="")


def count_label(name: str, count: int | None, style: str = "bold") -> Text:
    label = Text(for_display(clean_line(name, 60)), style=style, end="")
    if count:
        label.append(" ")  # a span of its own: a count never runs into the name ("All 40")
        label.append(str(count), style="dim")
    return label


def story_date(value: str) -> datetime | None:
    """A story's date when it is an ISO date or timestamp (a time without a zone is UTC, as the
    store reads it); None for none, or for a text such as "2 hours ago" that a page gave: it
    was relative to when the page was written, not to now."""
    try:
        parsed = datetime.fromisoformat(clean_line(value, 60))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _date_only(value: str) -> bool:
    """True for a date with no time of day ("2025-06-28"): it is shown without a made-up 00:00."""
    text = clean_line(value, 60)
    return story_date(text) is not None and not any(c in text for c in "T :")


def ago(value: str, now: datetime) -> str:
    """ "5h ago" for a story's ISO timestamp within the last week; "" otherwise (a date without a
    time of day has no age in hours)."""
    when = story_date(value)
    if when is None or _date_only(value):
        return ""
    seconds = (now - when).total_seconds()
    return f"{age(when, now)} ago" if 60 <= seconds < 86400 * 7 else ""


def when_text(value: str) -> str:
    """A story's date, the same way in every pane, in local time: "2025-06-28 11:00 CEST", or
    "2025-06-28" for a date without a time of day; "" when it is not a date (a page's "33
    minutes ago")."""
    when = story_date(value)
    if when is None:
        return ""
    if _date_only(value):
        return when.strftime("%Y-%m-%d")
    local = when.astimezone()
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or local.strftime("%z"))
