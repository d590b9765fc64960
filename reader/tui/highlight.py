"""The words of a search, marked where they occur in what it found: the headline titles it lists
and the story opened from it.

A search finds whole words (the store's full-text index, read as ``reader.search`` says): case
and accents do not count ("cafe" finds "Café"), a ``"phrase"`` is its words in that order with
anything but letters and digits between them, ``-word`` is left out, and the last word typed
also finds the words it starts ("hikvis" finds "Hikvision"). The same words are marked here,
the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.style import Style
from rich.text import Text

from reader.search import parse_search  # how a search is read: one home for it

_WORD = r"[^\W_]"  # a letter or a digit: what the index's words are made of (unicode61)
# An emoji with a skin tone (👍🏽): the index keeps the tone as a word of its own (its tables
# predate skin tones, and take a character they do not know for a letter), so a search for
# "👍🏽" finds the stories with that tone; the screen shows the emoji without it
# (format.for_display), so the emoji it tones is what is marked.
_TONED = re.compile("([^\ufe0f\u200d])\ufe0f?[\U0001f3fb-\U0001f3ff]")


def fold(text: str) -> str:
    """``text`` lower-cased and without accents, one character for each of its characters (so
    a match's position in it is its position in ``text``)."""
    if text.isascii():
        return text.lower()
    folded = []
    for char in text:
        if char.isascii():
            folded.append(char.lower())
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        ).lower()
        folded.append(base[0] if base else char)
    return "".join(folded)


@lru_cache(maxsize=32)
def search_pattern(query: str) -> re.Pattern[str] | None:
    """What the search ``query`` finds, as a pattern over ``fold``ed text; None when it looks for
    nothing (only words left out, or nothing typed)."""
    terms = parse_search(query)
    pieces: set[str] = set()
    for n, clause in enumerate(terms.clauses):
        for i, term in enumerate(clause):
            pieces.update(re.escape(m.group(1)) for m in _TONED.finditer(fold(term)))
            words = re.findall(rf"{_WORD}+", fold(term))
            if not words:
                continue
            last = terms.prefix and n == len(terms.clauses) - 1 and i == len(clause) - 1
            end = rf"{_WORD}*" if last else rf"(?!{_WORD})"
            pieces.add(rf"(?<!{_WORD})" + r"[\W_]+".join(map(re.escape, words)) + end)
    if not pieces:
        return None
    # the longest first: a phrase is marked whole where one of its words is a term too
    return re.compile("|".join(sorted(pieces, key=lambda p: (-len(p), p))))


def mark_terms(text: Text, pattern: re.Pattern[str] | None, style: Style | str) -> Text:
    """``text`` with what ``pattern`` (``search_pattern``) finds in it styled, in place."""
    if pattern is None:
        return text
    for match in pattern.finditer(fold(text.plain)):
        if match.end() > match.start():
            text.stylize(style, match.start(), match.end())
    return text
