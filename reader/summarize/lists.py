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

from .scraps import is_furniture
from .tokenizer import split_sentences

# An item's first line: "1. ", "2) ", "#3 ", "10: ", "3.Charlotte" (a number glued to a word),
# or a bullet, then its heading.
_ITEM = re.compile(
    r"^(?:(\d{1,2})(?:[.):]\s+|[.)](?=[^\W\d_\s]))|#(\d{1,2})[.):]?\s+|[•▪●■►*]\s+)(\S.*)$"
)
_END = re.compile(r"[.!?…]$")
MIN_ITEMS = 3
MAX_SHOWN = 10  # headings in the summary's line; more are counted ("and 4 more", never "1 more")
HEADING_WORDS = 12  # a heading is short ...
LIST_SHARE = 0.5  # ... and the items (headings and their text) are this share of the story


@dataclass(frozen=True, slots=True)
class Listicle:
    intro: str  # the text before the first item
    headings: tuple[str, ...]  # each item's heading, with its number when it has one


def listicle(text: str, language: str = "english", title: str | None = None) -> Listicle | None:
    """The intro and item headings of a story that is mostly a list of headed items, else None.

    An item is a numbered line (numbers counting up or down by one) or a bulleted one, whose
    heading is a short line without a full stop ("1. Bleed your radiators") or, after a number,
    a short first sentence with the item's text after it ("2. Close the curtains. Heavy ...").
    A list of full sentences (a "key points" box) is no listicle: a summary picks among them;
    nor is a story with a short list in it (from its first item to its last, the list is at
    least half of the story).
    Without numbers or bullets, items are subheadings (short lines over their text, ``headed``)
    or, under a headline that counts them ("4 Things to Do in October"), the paragraphs after
    the intro, just as many (``counted``).
    """
    return _marked(text, language) or _headed(text, title) or _counted(text, title, language)


def _marked(text: str, language: str) -> Listicle | None:
    """A listicle of numbered or bulleted items."""
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


# Unnumbered items: MIN_HEADED or more subheadings over short texts (a news story's sections are
# longer: "What happened", "What comes next" over several paragraphs each), or MIN_ITEMS under a
# headline that announces a list ("... With These Halloween Workouts", "The best ...").
MIN_HEADED = 4
_ANNOUNCED = re.compile(
    r"(?<![\d.,:/-])\b(?:\d{1,2}(?![\d.,:/-])|these|those|top|best|diese|die besten|ces|"
    r"les meilleurs|estos|estas|los mejores|las mejores|questi|queste|i migliori|estes|"
    r"os melhores|te|najlepsze)\b",
    re.IGNORECASE,
)
ITEM_WORDS = 150  # words of an item's text, on average at most


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= HEADING_WORDS
        and (not _END.search(line) or line.endswith("?"))  # "Warum haben wir Angst?"
        and not line.endswith((":", ",", ";"))
        and (line[:1].isupper() or line[:1].isdigit() or line[:1] in '"“‘«„')
    )


def _headed(text: str, title: str | None) -> Listicle | None:
    """The items of a story of subheadings, each over a short text of its own (the headline
    again, a byline, a caption or an "Advertisement" are none)."""
    head = " ".join((title or "").lower().split())
    paragraphs = [
        p.strip()
        for p in re.split(r"\n\s*\n", text)
        if p.strip() and not is_furniture(p) and " ".join(p.lower().split()) != head
    ]
    headings: list[int] = []
    for at, paragraph in enumerate(paragraphs[:-1]):
        following = paragraphs[at + 1]
        if "\n" not in paragraph and _is_heading(paragraph) and not _is_heading(following):
            headings.append(at)
    announced = bool(title and _ANNOUNCED.search(title))
    if len(headings) < (MIN_ITEMS if announced else MIN_HEADED):
        return None
    if not announced and len(headings) > MAX_SHOWN + 1:
        return None  # an explainer in many short sections: its sentences say more than its titles
    total = sum(len(p.split()) for p in paragraphs)
    listed = sum(len(p.split()) for p in paragraphs[headings[0] :])
    items_text = listed - sum(len(paragraphs[at].split()) for at in headings)
    if listed < LIST_SHARE * total or items_text > ITEM_WORDS * len(headings):
        return None
    intro = "\n\n".join(paragraphs[: headings[0]])
    return Listicle(intro, tuple(paragraphs[at] for at in headings))


# A headline that counts its items: "4 Things to Do in October", "The 10 best ...", "Top 5 ...".
_COUNTED = re.compile(
    r"^(?:(?:the|top|these|our)\s+)*(\d{1,2})\s+(?:(?:best|great|easy|simple|new|top|most)\s+)?"
    r"[^\W\d_]+s\b",
    re.IGNORECASE,
)
INTRO_PARAGRAPHS = 2  # at most, before the counted items


def _counted(text: str, title: str | None, language: str) -> Listicle | None:
    """The items of a story whose headline counts them and whose paragraphs after a short intro
    are just as many (each named by its first sentence)."""
    match = _COUNTED.match(title.strip()) if title else None
    if match is None:
        return None
    count = int(match.group(1))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    intro = len(paragraphs) - count
    if count < MIN_ITEMS or not 0 < intro <= INTRO_PARAGRAPHS:
        return None
    names = []
    for paragraph in paragraphs[intro:]:
        sentences = split_sentences(paragraph, language)
        if not sentences:
            return None
        names.append(_shortened(sentences[0]))
    return Listicle("\n\n".join(paragraphs[:intro]), tuple(names))


NAME_WORDS = 14  # an item named by its first sentence: so many words of it


def _shortened(sentence: str) -> str:
    words = sentence.rstrip(".!?…").split()
    if len(words) <= NAME_WORDS:
        return " ".join(words)
    clause = re.split(r"[,;:—–]\s", sentence, maxsplit=1)[0].split()
    return " ".join(clause if len(clause) <= NAME_WORDS else words[:NAME_WORDS]) + " …"


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
    """One summary line naming the items: "1. A; 2. B; 3. C" (the first MAX_SHOWN of them, and
    how many more; all of them when that would be one more)."""
    more = len(headings) - MAX_SHOWN
    if more <= 1:  # the last item rather than "and 1 more"
        shown = "; ".join(headings)
        return shown if _END.search(shown) else f"{shown}."
    return f"{'; '.join(headings[:MAX_SHOWN])}; and {more} more."
