"""Plain-text pages (a saved page's text, one paragraph per line) -> main story + related stories.

A story starts at a headline: a line the page repeats within a few lines (text dumps of news pages
repeat titles: the link, the heading, the image caption) or a headline-like line followed by a
'source · age' line. A 'Related …' heading marks where the related stories begin. Inside a story,
repeats of its title, source/age/date lines, labels and clutter lines are taken out; what remains
are the paragraphs.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from reader.extract.clutter import (
    COMMENTS_HEADING,
    RELATED_HEADING,
    is_clutter_line,
    is_date_line,
    parse_date,
    parse_meta_line,
    split_source_age,
)
from reader.models import Block, Page, Story
from reader.textutil import SENTENCE_END_WIDE, clean_line, word_count

_BULLET = re.compile(r"^[•·*▪●◦‣\-–—]\s*")
_SENTENCE_END = re.compile(r"""[.!?…"'”’)\]""" + SENTENCE_END_WIDE + "]$")
_CLAUSE_END = (".", ":", ";", ",", "。", "：", "；", "，", "、")
_LABEL = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|updated|posted)(?:\s+(?:on|at))?|date)\s*:$", re.I
)
# A section label run into the paragraph after it by a copy of a page's text
# ("HighlightsAlibaba Group …", "ADVERTISEMENTThe minister …"): the label goes, the text stays.
_GLUED_LABEL = re.compile(
    r"^(?i:(?:story\s+)?highlights|key\s+(?:points|takeaways)|summary|advertisement)"
    r"(?=[A-Z][a-z])"
)
_REPEAT_WINDOW = 8
_META_WINDOW = 3


def _key(line: str) -> str:
    return _BULLET.sub("", line).strip().casefold()


def _headline_like(line: str) -> bool:
    if _BULLET.match(line):
        return False  # '• Mint': a list item or the source badge under a headline
    return (
        3 <= word_count(line) <= 30
        and len(line) <= 250
        and not line.endswith(_CLAUSE_END)
        and not is_clutter_line(line)
        and split_source_age(line) is None
        and not is_date_line(line)
    )


def _short_name(line: str) -> bool:
    """A source/publisher name: a few words, no sentence punctuation."""
    text = _BULLET.sub("", line).strip()
    return (
        0 < len(text) <= 40
        and word_count(text) <= 5
        and not _SENTENCE_END.search(text)
        and not text.endswith(":")
        and not is_clutter_line(text)
    )


@dataclass
class _Draft:
    title: str
    lines: list[str] = field(default_factory=list)


def _starts(lines: list[str]) -> set[int]:
    """Indexes of lines that open a story."""
    starts: set[int] = set()
    seen_titles: set[str] = set()
    for i, line in enumerate(lines):
        key = _key(line)
        if key in seen_titles or not _headline_like(line):
            continue
        if i and _key(lines[i - 1]) in seen_titles and _short_name(line):
            continue  # the source line under a headline, not a headline
        window = [_key(x) for x in lines[i + 1 : i + 1 + _REPEAT_WINDOW]]
        repeated = key in window
        meta = False
        for j in range(i + 1, min(len(lines), i + 1 + _META_WINDOW)):
            if split_source_age(lines[j]) is not None:
                meta = all(_short_name(x) or _key(x) == key for x in lines[i + 1 : j])
                break
        if repeated or meta:
            starts.add(i)
            seen_titles.add(key)
    return starts


def _finish(draft: _Draft, url: str | None) -> Story:
    return story_from_lines(draft.title, draft.lines, url)


def story_from_lines(title: str, lines: list[str], url: str | None = None) -> Story:
    """A story from its title and the lines under it: repeats, meta lines and clutter removed."""
    title_key = _key(title)
    source = published = date = author = ""
    body: list[str] = []
    pending_label = False
    for i, line in enumerate(lines):
        key = _key(line)
        if key == title_key:
            continue
        if body and COMMENTS_HEADING.match(line.strip()):
            break  # readers' comments follow
        meta = parse_meta_line(line) if not body else None
        if meta is not None:
            src, writer, age = meta
            source = source or src
            author = author or writer
            published = published or age
            continue
        if is_date_line(line) or (pending_label and parse_date(line)):
            date = date or parse_date(line)
            pending_label = False
            continue
        if _LABEL.match(line):
            pending_label = True
            continue
        pending_label = False
        if is_clutter_line(line):
            continue
        if not body and _short_name(line):
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            bullet = bool(_BULLET.match(line))
            if bullet or split_source_age(nxt) is not None:
                name = _BULLET.sub("", line).strip()
                if not source:
                    source = name
                if name.casefold() == source.casefold():
                    continue
        body.append(line)
    # trailing furniture: short lines without sentence punctuation after the last paragraph;
    # a 'Source · 2h' line under a teaser's summary is its metadata
    while body and word_count(body[-1]) <= 8 and not _SENTENCE_END.search(body[-1]):
        meta = parse_meta_line(body.pop())
        if meta is not None:
            source = source or meta[0]
            author = author or meta[1]
            published = published or meta[2]
    blocks = tuple(Block("p", line) for line in body)
    return Story(
        title=title,
        source=source,
        published=date or published,
        url=url,
        text="\n\n".join(body),
        author=author,
        blocks=blocks,
    )


def extract_plain(text: str, url: str | None = None) -> Page:
    """Split a plain-text page into its main story and related stories."""
    lines = _lines(text)
    if not lines:
        return Page(main=Story(url=url), note="The page has no text.")
    marker = next(
        (i for i, line in enumerate(lines) if i > 2 and RELATED_HEADING.match(line.strip())), None
    )
    starts = sorted(_starts(lines))
    drafts: list[_Draft] = []
    main_region_end = marker if marker is not None else len(lines)
    main_starts = [s for s in starts if s < main_region_end]
    if not main_starts:
        body = lines[:main_region_end]
        head = next((ln for ln in body if not is_clutter_line(ln)), "")
        title = head if head and _headline_like(head) and len(body) > 1 else ""
        drafts.append(_Draft(title, [ln for ln in body if ln != title]))
    bounds = [*starts, len(lines)]
    for start, end in itertools.pairwise(bounds):
        if marker is not None and start < marker < end:
            end = marker
        drafts.append(_Draft(lines[start], lines[start + 1 : end]))
    stories = [_finish(d, url if n == 0 else None) for n, d in enumerate(drafts)]
    main, related = stories[0], tuple(s for s in stories[1:] if s.title)
    note = None
    if not main.text:
        note = "No story text was found on this page."
    return Page(main=main, related=related, note=note)


def _lines(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        line = _GLUED_LABEL.sub("", clean_line(raw))
        if line:
            out.append(line)
    return out
