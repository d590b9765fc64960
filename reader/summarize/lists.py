"""Listicles: stories that are mostly a numbered or bulleted list of headed items.

A summary of a few items' sentences picked at random loses what such a story is ("five ways to
cut your heating bill"): a reader wants its opening and the items' headings. ``listicle`` finds
the items of such a story; ``summarize_story`` then shows the opening's best sentences and one
line naming the items ("1. Bleed your radiators; 2. Close your curtains at dusk; ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from .tokenizer import split_sentences

# An item's first line: "1. ", "2) ", "#3 ", "10: ", or a bullet, then its heading.
_ITEM = re.compile(r"^(?:(\d{1,2})[.):]|#(\d{1,2})[.):]?|[•▪●■►*])\s+(\S.*)$")
_END = re.compile(r"[.!?…]$")
MIN_ITEMS = 3
MAX_SHOWN = 10  # headings in the summary's line; more are counted ("and 4 more")
HEADING_WORDS = 12  # a heading is short ...
LIST_SHARE = 0.5  # ... and the items (headings and their text) are this share of the story


@dataclass(frozen=True, slots=True)
class Listicle:
    intro: str  # the text before the first item
    headings: tuple[str, ...]  # each item's heading, with its number when it has one


def listicle(text: str, language: str = "english") -> Listicle | None:
    """The intro and item headings of a story that is mostly a list of headed items, else None.

    An item is a numbered line (numbers counting up or down by one) or a bulleted one, whose
    heading is a short line without a full stop ("1. Bleed your radiators") or, after a number,
    a short first sentence with the item's text after it ("2. Close the curtains. Heavy ...").
    A list of full sentences (a "key points" box) is no listicle: a summary picks among them;
    nor is a story with a short list in it (from its first item to its last, the list is at
    least half of the story).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    intro: list[str] = []
    headings: list[str] = []
    numbers: list[int] = []
    bullets = 0
    in_list = 0  # words from the first item's line to the last one's
    pending = 0  # words since the last item's line (its text, or what follows the list)
    total = 0
    for line in lines:
        words = len(line.split())
        total += words
        match = _ITEM.match(line)
        heading = _heading(match, language) if match else None
        if match is None or heading is None:
            if headings:
                pending += words
            else:
                intro.append(line)
            continue
        in_list += pending
        pending = 0
        number = match.group(1) or match.group(2)
        if number is None:
            bullets += 1
            headings.append(heading)
        else:
            numbers.append(int(number))
            headings.append(f"{int(number)}. {heading}")
        in_list += words
    if len(headings) < MIN_ITEMS or in_list < LIST_SHARE * total:
        return None
    if numbers and bullets:
        return None  # a numbered list and bullets: no one list
    if numbers and not _counts(numbers):
        return None
    return Listicle("\n\n".join(intro), tuple(headings))


def _heading(match: re.Match[str], language: str) -> str | None:
    rest = match.group(3).strip()
    numbered = match.group(1) is not None or match.group(2) is not None
    if not _END.search(rest) and len(rest.split()) <= HEADING_WORDS:
        return rest.rstrip(":").strip()
    if not numbered:
        return None
    sentences = split_sentences(rest, language)
    if len(sentences) < 2 or len(sentences[0].split()) > HEADING_WORDS:
        return None
    return sentences[0].rstrip(".:").strip()


def _counts(numbers: list[int]) -> bool:
    """Numbers counting up or down by one (1, 2, 3 ... or 10, 9, 8 ...)."""
    steps = {b - a for a, b in pairwise(numbers)}
    return steps in ({1}, {-1})


def items_line(headings: tuple[str, ...]) -> str:
    """One summary line naming the items: "1. A; 2. B; 3. C" (the first MAX_SHOWN of them)."""
    shown = "; ".join(headings[:MAX_SHOWN])
    more = len(headings) - MAX_SHOWN
    return f"{shown}; and {more} more." if more > 0 else f"{shown}."
