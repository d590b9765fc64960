"""Dates for people: month names in the languages of the feeds and pages we read (one table
for feeds and extraction), and the time a story is aged by where no date was given (one rule for
the reader's list and panes and the command line)."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.models import Article

# month name prefixes (en, de, fr, es, it, pt, nl, and the Scandinavian languages) -> month number
MONTH_PREFIXES = {
    "jan": 1, "ene": 1, "gen": 1, "janv": 1, "feb": 2, "fév": 2, "fev": 2, "mar": 3, "mär": 3,
    "mrz": 3, "mrt": 3, "maart": 3, "apr": 4, "avr": 4, "abr": 4, "may": 5, "mai": 5, "mag": 5,
    "mei": 5, "maj": 5, "jun": 6, "juin": 6, "giu": 6, "jul": 7, "juil": 7, "lug": 7, "aug": 8,
    "aoû": 8, "aou": 8, "ago": 8, "sep": 9, "set": 9, "oct": 10, "okt": 10, "ott": 10, "out": 10,
    "nov": 11, "dec": 12, "dez": 12, "déc": 12, "dic": 12,
}  # fmt: skip
ENGLISH_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation in one of those languages ("Sept.", "März",
    "juillet", "out"); None for any other word."""
    name = name.lower().rstrip(".")
    for length in (5, 4, 3):
        month = MONTH_PREFIXES.get(name[:length])
        if month:
            return month
    return None


def age(when: datetime | None, now: datetime) -> str:
    """A short age: 45s, 12m, 5h, 3d, then the date."""
    if when is None:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (now - when).total_seconds()
    if seconds < 0:
        return "now"
    if seconds < 60:
        return f"{int(seconds)}s"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    if seconds < 86400 * 7:
        return f"{int(seconds // 86400)}d"
    local = when.astimezone(now.tzinfo or UTC)
    if local.year == now.year:
        return local.strftime("%b %d")  # "Jun 01"
    if abs(local.year - now.year) >= 50:  # a feed's made-up date: "0001" is not "Jan'01"
        return f"{local.year:04d}"
    return local.strftime("%b'%y")  # "Jun'24"


def listed_time(article: Article) -> datetime | None:
    """The time a headline is aged by in the lists (and sorted by in the store): its date, or,
    for an item its feed gave no date, when the reader first saw it. The story's pane says
    the same time of such an item, as first seen (``seen_text``)."""
    return article.published or article.first_seen


def first_seen_if_undated(article: Article) -> datetime | None:
    """When the reader first saw an item its feed gave no date (what stands for the date in
    its pane and in ``newsreader related``, as ``seen_text``); None for a dated one."""
    return None if article.published is not None else article.first_seen


def seen_text(when: datetime | None, now: datetime) -> str:
    """When a story its feed gave no date was first seen, as its pane says it beside its
    source: "first seen 14s ago", "first seen Jun 01" (the age the list shows for it); ""
    when not known."""
    shown = age(when, now)
    if not shown:
        return ""
    return f"first seen {shown} ago" if shown[-1] in "smhd" else f"first seen {shown}"
