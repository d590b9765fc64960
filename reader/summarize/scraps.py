"""Sentences a summary must never show: the headline, bylines, credits, captions and other scraps."""

from __future__ import annotations

import re

from .tokenizer import split_words

_SCRAP_PATTERNS = [
    # bylines and agency/credit lines
    r"^(?:reporting|writing|editing|additional reporting|compiled|translated)\s+by\b",
    r"^(?:pictured|above|below|left|right|top|bottom|inset|file photo|main picture)\s*[:(]",
    # dates, updates, agency notes
    r"^(?:last\s+)?(?:updated|modified|published|posted|first published|zuletzt aktualisiert|"
    r"aktualisiert|mis à jour|publié|actualizado|publicado)\b.{0,60}$",
    r"\blast updated\b",
    r"\((?:with\s+)?(?:agency\s+)?inputs?\b[^)]*\)",
    r"^\(?with (?:inputs|agency inputs|input) from\b",
    r"^\(?(?:this|the) (?:story|article) (?:has been|was) (?:updated|corrected|edited)\b",
    r"^\(?(?:edited|written|produced) (?:by|with)\b",
    # calls to action and page furniture
    r"\bclick here\b",
    r"^(?:read|see|watch|listen|related|more|also read|read also|must read|don't miss|"
    r"recommended|trending|sponsored|advertisement|scroll down|sign up|subscribe|follow us|"
    r"share this|share on|comments?|lesen sie auch|mehr zum thema|lire aussi|leer más)\b"
    r"(?:\s+(?:more|also|next|now|here|the full story|the latest))*\s*(?:[:>»…|]|-\s|$)",
    r"^read more\b",
    r"\bread (?:more|the full story|the latest)\b\s*[:>»…-]?\s*$",
    r"\b(?:sign up|subscribe) (?:for|to) (?:our|the)\b.*\bnewsletter",
    r"^(?:copyright|©|\(c\))|all rights reserved",
    r"^(?:follow|contact|email|e-mail|tweet)\b.{0,40}(?:@|\bon (?:twitter|x|facebook|instagram)\b)",
    r"^[@#]\w+",
    r"https?://|www\.\w",
    r"^(?:advertisement|anzeige|publicité|publicidad|werbung)\b",
]
_CREDIT_PATTERNS = [
    r"\b(?:photo|photograph|image|picture|video|illustration|graphic|credit|source)s?\s*(?:credit)?\s*[:/|]",
    r"\((?:ap|afp|reuters|epa|getty|pa|ians|ani|pti|dpa|file)\b[^)]*(?:photo|images?|/)[^)]*\)\s*$",
    r"\b(?:getty images|shutterstock|afp via getty|ap photo|reuters/|epa-efe|pa wire|pa media|alamy)\b",
    r"^(?:image|photo|picture|video)\s*(?:copyright|caption|source)\b",
    r"\b(?:photo|image|picture)\s+(?:credit|courtesy)\b",
]
_CREDITS = re.compile("|".join(f"(?:{p})" for p in _CREDIT_PATTERNS), re.IGNORECASE)
_SCRAP_PATTERNS += _CREDIT_PATTERNS
_SCRAPS = re.compile("|".join(f"(?:{p})" for p in _SCRAP_PATTERNS), re.IGNORECASE)
# Bylines: "By John Smith, CNN", "By Associated Press", "Von Anna Müller und Jan Berg".
_NAME = r"(?:[A-Z][\w.'’-]*|de|van|von|der|da|di|la|le|al|bin)"
_BYLINE = re.compile(
    r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v|[Ww]ritten by|[Ww]ords by|[Ss]tory by)\s+"
    rf"{_NAME}(?:\s+{_NAME}){{0,4}}(?:\s*(?:,|and|&|und|et|y|e|\||-|—|–)\s*{_NAME}(?:\s+{_NAME}){{0,4}})*"
    r"\s*[.,]?$"
)
_TERMINAL = re.compile(r"[.!?…。！？؟।»”\"')\]]\s*$")
# A dateline at the start of a story: "WASHINGTON (Reuters) -", "(CNN)", "LONDON, England (CNN) --".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'’-]*(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,4}\s*)?"
    r"\((?:[A-Z][A-Za-z.&]*(?:\s[A-Z][A-Za-z.&]*){0,2})\)\s*(?:--|—|–|-|:)?\s*"
    r"|^[A-Z][A-Z .,'’-]{2,40}\s*(?:--|—|–)\s*"
)

MIN_WORDS = 5


def strip_dateline(sentence: str) -> str:
    """A sentence without a leading "CITY (Agency) -" dateline (unchanged when there is none)."""
    match = _DATELINE.match(sentence)
    if not match or match.end() >= len(sentence) - 1:
        return sentence
    rest = sentence[match.end() :].lstrip()
    return rest if rest and (rest[0].isupper() or rest[0] in "\"'“‘") else sentence


def is_credit(sentence: str) -> bool:
    """A photo credit ("Photo: ...", "(AP Photo/...)", "Getty Images"): its line is a caption."""
    return bool(_CREDITS.search(sentence))


def is_scrap(sentence: str, strict: bool = True) -> bool:
    """A byline, credit, caption, "Last updated", "Read more", a fragment: never a summary sentence.

    ``strict=False`` keeps short fragments and captions (for stories that have nothing else).
    """
    text = sentence.strip()
    if not text:
        return True
    words = split_words(text)
    letters = sum(ch.isalpha() for ch in text)
    if letters < 0.5 * len(text.replace(" ", "")):
        return True
    if not words:
        return True
    if _SCRAPS.search(text) or _BYLINE.match(text):
        return True
    if not strict:
        return False
    cjk = len(words) > 1 and all(len(w) == 2 and not w.isascii() for w in words[:3])
    if not cjk and len(words) < MIN_WORDS:
        return True
    if cjk and len(text) < 8:
        return True
    # A caption or label: a line without end punctuation that does not read like a sentence.
    if not _TERMINAL.search(text) and len(words) < 12:
        return True
    # SHOUTING lines are labels, not sentences.
    upper = sum(ch.isupper() for ch in text)
    return letters > 20 and upper > 0.7 * letters


def normalized_words(text: str) -> list[str]:
    return [w.lower() for w in split_words(text)]


def is_headline(sentence: str, title: str | None) -> bool:
    """Whether a sentence repeats the headline (exactly, as its start, or nearly word for word)."""
    if not title:
        return False
    head = normalized_words(title)
    if not head:
        return False
    words = normalized_words(sentence)
    if not words:
        return False
    if words == head or (words[: len(head)] == head and len(words) <= len(head) + 3):
        return True
    shared = len(set(words) & set(head))
    return shared >= 0.8 * len(set(head)) and len(set(words)) <= 1.3 * len(set(head)) + 1
