"""The main story of an HTML page: trafilatura finds the text, we turn it into blocks and links."""

from __future__ import annotations

import contextlib
import copy
import re
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import trafilatura
import trafilatura.metadata as tmeta
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.settings import DEFAULT_CONFIG, set_date_params, use_config

from reader.extract.clutter import (
    AUTHOR_HEADING,
    COMMENTS_HEADING,
    DATE,
    PITCH_HEADING,
    READ_MORE,
    RELATED_HEADING,
    TAGS_HEADING,
    is_clutter_line,
    is_credit_strip,
    is_credited_caption,
    is_disclosure,
    is_footer_line,
    is_pitch,
    strip_credit_end,
)
from reader.extract.enrich import LINK_MARK, enrich
from reader.extract.tree import (
    break_list_blocks,
    drop_comment_sections,
    join_split_bodies,
    paragraphs_from_divs,
)
from reader.models import Block, Story
from reader.textutil import clean_block, clean_line, strip_controls, word_count

FULL_BELOW = 2000  # characters: a shorter fast result is checked by the full extraction
_HEAD_LEVEL = re.compile(r"h([1-6])")
# trafilatura's XML: the elements that are blocks, not inline runs
_CONTAINERS = frozenset(["div", "section", "main", "body", "article"])
_BLOCK_TAGS = frozenset(["p", "head", "list", "quote", "code", "table", *_CONTAINERS])
_LAYOUT_SIGNS = frozenset(["p", "head", "list", "quote", "table", *_CONTAINERS])
_PROSE = 100  # characters: a paragraph this long in a table cell is prose, not data
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # two line breaks in a row end a paragraph
# two sentences with no space between them ('a chief physician.Police arrested …')
# (not a web address, 'www.DearAbby.com' or 'City.Net', nor code, 'webdriver.PhantomJS()')
_GLUED_SENTENCE = re.compile(r"\b(?!www\.)([a-zß-ÿ]{3,}[.!?])([A-ZÀ-Þ][a-zß-ÿ]{2,})\b(?![.(])")


class _Builder:
    """trafilatura's XML body (p, head, list/item, quote, code, table/row/cell) -> blocks.
    Links and images are not in it (see extract_main); enrich() puts them back."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, kind: str, text: str, level: int = 0) -> None:
        if kind == "pre":  # keep indentation: only controls and trailing spaces go
            lines = strip_controls(text.expandtabs(4).replace("\r\n", "\n")).split("\n")
            text = "\n".join(line.rstrip() for line in lines).strip("\n")
        else:
            text = clean_block(text) if kind == "table" else clean_line(text)
            if kind != "table":
                text = _GLUED_SENTENCE.sub(r"\1 \2", text)
        if text:
            self.blocks.append(Block(kind, text, level))

    def walk(self, element: Any, depth: int = 0) -> None:
        """Blocks of a container; loose text between its blocks (a table cell's or a frame's
        own text, a block's tail) is a paragraph of its own."""
        run: list[str] = [element.text or ""]
        for child in element:
            if child.tag in _BLOCK_TAGS:
                self.add("p", "".join(run))
                run = []
                self._block(child, depth)
            else:
                run.append(_inline(child))
            run.append(child.tail or "")
        self.add("p", "".join(run))

    def _block(self, child: Any, depth: int) -> None:
        tag = child.tag
        if tag == "head":
            match = _HEAD_LEVEL.match(child.get("rend") or "")
            self.add("h", _inline(child), int(match.group(1)) if match else 2)
        elif tag == "list":
            self._list(child, depth + 1)
        elif tag == "quote":
            self.add("quote", _inline(child))
        elif tag == "code":
            self.add("pre", "".join(child.itertext()))
        elif tag == "table" and _is_layout(child):
            # a table that lays out the page (its cells hold paragraphs and headings) is read
            # cell by cell, not flattened into one row of text
            for row in child:
                for cell in row if row.tag == "row" else ():
                    if cell.tag == "cell":
                        self.walk(cell, depth)
        elif tag == "table":
            rows = []
            for row in child.iter("row"):
                cells = [clean_line(_inline(c)) for c in row if c.tag == "cell"]
                if any(cells):
                    rows.append(" | ".join(cells))
            self.add("table", "\n".join(rows))
        elif tag in _CONTAINERS:
            self.walk(child, depth)
        else:
            for paragraph in _PARAGRAPH_BREAK.split(_inline(child)):
                self.add("p", paragraph)

    def _list(self, element: Any, depth: int) -> None:
        for item in element:
            if item.tag != "item":
                continue
            nested = [c for c in item if c.tag == "list"]
            head = item.find("head")
            if (
                head is not None
                and head.get("rend") == "h1"
                and not _inline(item, skip="head").strip()
            ):
                self._block(head, depth)  # a <dt><h1>: the page's headline laid out in a list
                continue
            self.add("li", _inline(item, skip="list"), depth)
            for sub in nested:
                self._list(sub, depth + 1)


def _inline(element: Any, skip: str = "") -> str:
    """Text of an inline run; <lb/> is a line break, `skip` children are left out. Words in
    different blocks are never glued: a block inside the run starts on a line of its own."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag != skip:
            text = _inline(child)
            parts.append(f"\n{text}\n" if child.tag in _BLOCK_TAGS else text)
        parts.append(child.tail or "")
    return "".join(parts)


def _is_layout(table: Any) -> bool:
    """A table that lays out a page: a cell holds headings, lists or tables of its own, or
    paragraphs of prose (a data table's cell holds a few words, perhaps on two lines)."""
    for cell in table.iter("cell"):
        for block in cell:
            if block.tag in _LAYOUT_SIGNS and (
                block.tag != "p" or len("".join(block.itertext())) >= _PROSE
            ):
                return True
    return False


def blocks_to_text(blocks: list[Block] | tuple[Block, ...]) -> str:
    """Plain text: one paragraph per block, blank lines between, no link markers or images."""
    out: list[str] = []
    for block in blocks:
        if block.kind == "image":
            continue
        text = LINK_MARK.sub("", block.text)
        out.append(f"• {text}" if block.kind == "li" else text)
    return "\n\n".join(out)


def _description(tree: HtmlElement) -> str:
    """The page's summary from its meta tags: the longest of them (one of them may be just a
    byline, 'By Ann Lee (Blogs, 21 June 2018)')."""
    found = [
        clean_line(str(values[0]))
        for xpath in (
            './/meta[@property="og:description"]/@content',
            './/meta[@name="description"]/@content',
            './/meta[@name="twitter:description"]/@content',
        )
        if (values := tree.xpath(xpath))
    ]
    return max(found, key=len, default="")


def _cut_related_tail(blocks: list[Block]) -> list[Block]:
    """A 'Related articles' / 'Read more' heading in the second half (of the blocks or of the
    text) starts a list of teasers, a 'Tags' heading there the story's keywords (and what the
    page puts under them), an 'About the author' heading over a few short paragraphs the
    writer's bio; a 'Comments' heading after the first paragraphs starts the readers' comments."""
    start = max(2, len(blocks) // 2)
    total = sum(len(b.text) for b in blocks)
    before = len(blocks[0].text) if blocks else 0
    for index in range(1, len(blocks)):
        block = blocks[index]
        text = LINK_MARK.sub("", block.text).strip()
        # in the second half: of the blocks, or of the text (many short teasers after it)
        late = index >= start or (index >= 2 and 2 * before >= total)
        before += len(block.text)
        if block.kind not in ("h", "p") or len(text.split()) > 8:
            continue
        if COMMENTS_HEADING.match(text) or (
            late
            and (
                RELATED_HEADING.match(text)
                or TAGS_HEADING.match(text)
                or PITCH_HEADING.match(text)
                or (AUTHOR_HEADING.match(text) and _short_tail(blocks[index + 1 :]))
            )
        ):
            return blocks[:index]
    return blocks


_PITCH_LINE = 120  # characters of a line in a pitch's box (a price, 'Thank you!')
_PITCH_TAIL = 12  # blocks at the end of the text looked at for a pitch
_PITCH_ALONE = 160  # characters of a call to action that goes wherever it stands


def _cut_pitch_tail(blocks: list[Block]) -> list[Block]:
    """Calls to action after the story ('Subscribe to …, support us by …', 'Join now or renew',
    'Apoie o 247', 'CONTINUA DEPOIS DA PUBLICIDADE'): the run at the end of the text made of
    such pitches, furniture lines and short lines (a price, 'Vielen Dank!') goes from its
    first pitch on, when the story's own text comes before it."""
    start, first = len(blocks), None
    while start > max(1, len(blocks) - _PITCH_TAIL):
        block = blocks[start - 1]
        text = LINK_MARK.sub("", block.text).strip()
        if block.kind != "image":
            if is_pitch(text):
                first = start - 1
            elif not (
                is_clutter_line(text)
                or (block.kind in ("p", "h", "li") and len(text) <= _PITCH_LINE)
            ):
                break
        start -= 1
    if first is None:
        return blocks
    before = sum(len(b.text) for b in blocks[:first] if b.kind != "image")
    after = sum(len(b.text) for b in blocks[first:] if b.kind != "image")
    return blocks[:first] if before >= after else blocks


_TEASER_CHARS = 400  # characters of another story's excerpt in a teaser box


def _cut_read_more_tail(blocks: list[Block]) -> list[Block]:
    """A 'Read more →' link line that ends the text goes; when a heading and a short paragraph
    stand right above it, they are a teaser box of another story ('Hay: harvest, store and
    feed it right' / two lines / 'weiterlesen →') and go with it."""
    if not blocks or not READ_MORE.match(LINK_MARK.sub("", blocks[-1].text).strip()):
        return blocks
    end = len(blocks) - 1
    if (
        end >= 4
        and blocks[end - 1].kind == "p"
        and len(blocks[end - 1].text) <= _TEASER_CHARS
        and blocks[end - 2].kind == "h"
    ):
        end -= 2
    return blocks[:end]


_ELIDED = re.compile(r"(?:\[(?:…|\.\.\.)\]|\((?:…|\.\.\.)\))$")  # where an excerpt is cut: '[…]'
_STORY_BEFORE = 200  # characters of the story's own text before the excerpts
_MAX_EXCERPTS = 30  # the last paragraphs cut with '[…]' that are looked at
_SAME_LENGTH = 1.2  # excerpts cut at a word count: the longest at most this times the shortest


def _cut_excerpt_tail(blocks: list[Block]) -> list[Block]:
    """Other posts' excerpts after the story (a blog's 'following posts'): after the story's
    own text, a run to the end in which at least two paragraphs, and at least half of its
    paragraphs, end with '[…]' and those have nearly the same number of words (a blog cuts
    excerpts at a word count). The run starts at the first of them (with a heading right
    above it); a quote cut with '[…]' here and there is not a run."""
    ends = [
        n
        for n, b in enumerate(blocks)
        if b.kind == "p"
        and b.text.endswith(("]", ")"))
        and _ELIDED.search(LINK_MARK.sub("", b.text).rstrip())
    ][-_MAX_EXCERPTS:]
    if len(ends) < 2:
        return blocks
    paragraphs = 0  # paragraphs from a block to the end
    after: dict[int, int] = {}
    for n in range(len(blocks) - 1, ends[0] - 1, -1):
        paragraphs += blocks[n].kind == "p"
        after[n] = paragraphs
    before = sum(len(b.text) for b in blocks[: ends[0]])
    for at, first in enumerate(ends[:-1]):
        if at:
            before += sum(len(b.text) for b in blocks[ends[at - 1] : first])
        words = [word_count(blocks[n].text) for n in ends[at:]]
        if (
            before >= _STORY_BEFORE
            and max(words) <= _SAME_LENGTH * min(words)
            and 2 * len(words) >= after[first]
        ):
            start = first - 1 if blocks[first - 1].kind == "h" else first
            return blocks[:start]
    return blocks


_BIO_BLOCKS = 4  # blocks under an 'About the author' heading: more is a section of the story
_BIO_CHARS = 1000


def _short_tail(blocks: list[Block]) -> bool:
    """What follows a heading is a box's worth of text (a bio), not a section of the story
    (a book review's 'The author' part)."""
    return len(blocks) <= _BIO_BLOCKS and sum(len(b.text) for b in blocks) <= _BIO_CHARS


# an XPath string, not a compiled XPath object: compiled ones must not be shared by threads
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'author') or contains(@class,"
    "'byline') or contains(@class,'Author') or contains(@class,'Byline')][not(self::meta)]"
)
_BY = re.compile(r"^(?:by|von|par|por|di|door)(?:\s*:)?\s+", re.I)
# where an "author" is not the story's writer: someone it quotes or answers (comments and
# replies, a fact check's claim or statement, a quote box), or the page footer's theme credit
_NOT_THE_WRITER = re.compile(
    r"(?<![a-z])(?:comment|repl(?:y|ies)|claim|statement|quote|testimonial|colophon"
    r"|site-footer|site-info)",
    re.I,
)


def _byline(tree: HtmlElement) -> str | None:
    for element in tree.xpath(_BYLINE_XPATH)[:20]:
        if any(
            _NOT_THE_WRITER.search(f"{node.get('class') or ''} {node.get('id') or ''}")
            for node in (element, *element.iterancestors())
        ):
            continue
        text = _BY.sub("", clean_line(element.text_content()))
        if 3 <= len(text) <= 80 and not any(ch.isdigit() for ch in text) and word_count(text) <= 8:
            return text
    return None


def _metadata(tree: HtmlElement, url: str | None) -> Any:
    """trafilatura's metadata steps that we show (title, author, date, site name), run once on
    the untouched page; its category, tag and licence searches are skipped (a fifth of the
    time per page)."""
    try:
        meta: Any = tmeta.examine_meta(tree)
        if meta.author and " " not in meta.author:
            meta.author = None
        with contextlib.suppress(Exception):  # bugs in JSON-LD parsing are not ours to raise
            meta = tmeta.extract_meta_json(tree, meta)
        meta.title = meta.title or tmeta.extract_title(tree)
        # trafilatura's author search copies and prunes the whole page (a third of the time
        # per page); bylines are marked up in a few well-known ways
        meta.author = meta.author or _byline(tree)
        meta.url = meta.url or tmeta.extract_url(tree, url)
        params = set_date_params(extensive=False)
        meta.date = find_date(tree, url=meta.url, **params)
        meta.sitename = meta.sitename or tmeta.extract_sitename(tree)
        if meta.sitename:
            meta.sitename = meta.sitename.lstrip("@")
        elif meta.url:
            host = urlsplit(meta.url).hostname or ""
            meta.sitename = host.removeprefix("www.")
        meta.clean_and_trim()
        return meta
    except Exception:  # metadata is a nicety; the text matters
        return None


# trafilatura with no minimum length of text: a short text it finds is not swapped for its
# 'baseline' rescue (see _glued); read only, so one object serves every thread
_NO_MINIMUM = use_config()
_NO_MINIMUM.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")


def _trafilatura(tree: HtmlElement, url: str | None, *, fast: bool, minimum: bool = True) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            fast=fast,
            config=DEFAULT_CONFIG if minimum else _NO_MINIMUM,
            with_metadata=False,
            include_comments=False,
            include_tables=True,
            # links and images are put back by enrich(); asking trafilatura for them makes it
            # keep more boilerplate (measured: aeb precision 0.963 -> 0.949)
            include_images=False,
            include_links=False,
        )
    except Exception:  # trafilatura is robust, but a third-party failure must not escape
        return None


def _runs(doc: Any) -> list[str]:
    """The words of each block of trafilatura's result, lowercased and spaced alike."""
    if doc is None or doc.body is None:
        return []
    runs = (" ".join(_WORDS.findall(" ".join(block.itertext()).casefold())) for block in doc.body)
    return [run for run in runs if run]


_WORDS = re.compile(r"\w+")


def _glued(doc: Any) -> bool:
    """trafilatura's result is one paragraph with no blocks inside: how its 'baseline' rescue
    gives a text that its extraction found too short (under 250 characters), the whole
    <article> or page run together, headline, byline, paragraphs and boxes alike."""
    if doc is None or doc.body is None or len(doc.body) != 1:
        return False
    run = doc.body[0]
    return run.tag == "p" and all(
        child.tag in ("lb", "hi") for child in run.iter() if child is not run
    )


def _paragraphs_of(found: Any, glued: Any) -> bool:
    """The extraction without a minimum length found the story's paragraphs in the run: two
    blocks or more, each of them in the run, together most of its text (not a scrap of it)."""
    runs, whole = _runs(found), " ".join(_runs(glued))
    return (
        len(runs) >= 2
        and all(f" {run} " in f" {whole} " for run in runs)
        and 2 * sum(len(run) for run in runs) >= len(whole)
    )


def _blocks(doc: Any) -> list[Block]:
    if doc is None or doc.body is None:
        return []
    builder = _Builder()
    builder.walk(doc.body)
    blocks = _cut_excerpt_tail(_cut_read_more_tail(_cut_related_tail(builder.blocks)))
    blocks = _cut_pitch_tail(blocks)
    blocks = [
        b
        for b in blocks
        if b.kind == "image"
        or not (
            is_clutter_line(b.text)
            or (b.kind in ("p", "h", "li") and len(b.text) <= _PITCH_ALONE and is_pitch(b.text))
        )
    ]
    # photo captions that end with a credit, a site footer's lines, affiliate-link
    # disclosures, unless the page has nothing else to show
    captions = [
        (b.kind == "p" and is_credited_caption(b.text))
        or (b.kind in ("p", "h") and is_credit_strip(b.text))
        or (
            (b.kind == "p" or (b.kind == "table" and "\n" not in b.text)) and is_footer_line(b.text)
        )
        or (b.kind == "p" and is_disclosure(b.text))
        for b in blocks
    ]
    if not all(captions[n] for n, b in enumerate(blocks) if b.kind != "image"):
        blocks = [b for b, caption in zip(blocks, captions, strict=True) if not caption]
    while len(blocks) > 2 and blocks[-1].kind == "p" and _media_credit(blocks[-1].text):
        blocks.pop()
    while blocks and blocks[-1].kind == "h":
        blocks.pop()  # a heading with nothing under it heads a box that was left out
    return [
        Block(b.kind, strip_credit_end(b.text), b.level) if b.kind == "p" else b for b in blocks
    ]


_MEDIA_CREDIT = 80  # characters


def _media_credit(text: str) -> bool:
    """The line under a video or audio box that ends the text: who made it, and when
    ('Ann Lee, NDR 28.04.2020 21:38 Uhr'), a short line with a full date and no sentence."""
    text = LINK_MARK.sub("", text).strip()
    return (
        len(text) <= _MEDIA_CREDIT
        and not text.endswith((".", "!", "?", "…", ":"))
        and ". " not in text
        and DATE.search(text) is not None
    )


def _restructure(tree: HtmlElement) -> None:
    """What the page's markup needs before trafilatura reads it (the same for every run)."""
    drop_comment_sections(tree)
    join_split_bodies(tree)
    paragraphs_from_divs(tree)
    break_list_blocks(tree)


def extract_main(
    tree: HtmlElement,
    url: str | None,
    original: HtmlElement | None = None,
    mode: str = "auto",
    same: bool = False,
) -> Story | None:
    """Run trafilatura on a prepared tree (which it prunes); None when it finds no text.

    `original` is an untouched copy of the page, used to restore links, images and the lede;
    `same` says that `tree` holds just what `original` holds (so no spare copy is needed).
    mode "auto": trafilatura's fast mode first, which skips its comparison with readability
    and jusText; that comparison costs a third of the time and only pays off when the fast
    result is short, so then the full extraction runs too. "fast"/"full" force one of them.
    """
    if original is None:
        original, same = copy.deepcopy(tree), True
    spare = None if same or mode != "auto" else copy.deepcopy(tree)
    _restructure(tree)
    doc = _trafilatura(tree, url, fast=mode != "full")
    blocks = _blocks(doc)
    if mode == "auto" and sum(len(b.text) for b in blocks) < FULL_BELOW:
        if spare is None:
            spare = copy.deepcopy(original)
        _restructure(spare)
        full = _trafilatura(spare, url, fast=False)
        if full is not None and full.body is not None:
            doc, blocks = full, _blocks(full)
    if _glued(doc):
        # a short story's text in one run, with its headline, byline and whatever else its box
        # holds: trafilatura's rescue of a text shorter than its minimum length
        retry = copy.deepcopy(original)
        _restructure(retry)
        found = _trafilatura(retry, url, fast=True, minimum=False)
        if _paragraphs_of(found, doc):
            blocks = _blocks(found)
    if not blocks:
        return None
    # htmldate's 'extensive' search runs dateparser over free text: most of the time spent
    # per page, and it mistakes copyright years for dates
    doc = _metadata(original, url)
    if doc is None:
        doc = SimpleNamespace(title="", sitename="", date="", author="", language="")
    # drop a leading heading that repeats the title
    title = clean_line(doc.title or "")
    if blocks and blocks[0].kind == "h" and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    blocks, links = enrich(blocks, original.find("body"), url, _description(original))
    # (enrich puts back headings from the page: a strip of teasers with credits may be one)
    blocks = [
        b
        for b in blocks
        if b.kind not in ("p", "h") or not is_credit_strip(LINK_MARK.sub("", b.text))
    ]
    return Story(
        title=title,
        source=clean_line(doc.sitename or ""),
        published=clean_line(doc.date or ""),
        url=url,
        text=blocks_to_text(blocks),
        author=clean_line(doc.author or ""),
        blocks=tuple(blocks),
        links=tuple(links),
        language=clean_line(original.get("lang") or doc.language or "")[:20],
    )
