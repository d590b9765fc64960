"""Month names in the languages of the feeds and pages we read (one table for feeds and extraction)."""

from __future__ import annotations

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
