"""HTML pages: parse safely, split off related stories, extract the main story."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import Counter
from dataclasses import replace

from lxml.html import HtmlElement

from reader.extract.bios import drop_bios
from reader.extract.clutter import READ_MORE_END, is_clutter_line, parse_date, parse_meta_line
from reader.extract.enrich import LINK_MARK
from reader.extract.main import blocks_to_text, extract_main
from reader.extract.meta import JsonLd, json_ld_objects, tidy_head
from reader.extract.related import Related, find_related, on_topic, position, terms
from reader.extract.tree import (
    drop_comment_boxes,
    drop_comment_sections,
    element_lines,
    parse_html,
    remove,
)
from reader.models import Block, Page, Story
from reader.textutil import SENTENCE_END_WIDE, clean_line, html_to_text, word_count

# words of main text below which the page note says so (counted as textutil.word_count does, so
# that Chinese or Japanese is not held to a count of characters: 33 words are about the 200
# characters of English it once was)
SHORT_WORDS = 33
_WORD = re.compile(r"\w+")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def extract_html(text: str, url: str | None) -> Page:
    tree, notes = parse_html(text)
    if tree is None:
        return Page(
            main=Story(url=url), note=" ".join([*notes, "The page has no readable content."])
        )
    original = copy.deepcopy(tree)  # trafilatura prunes the tree it is given
    ld = json_ld_objects(original)
    body = original.find("body")
    found, containers = find_related(body, url) if body is not None else ([], [])
    main = _main_story(tree, url, original, ld, same=True)
    main, related, conflict = _separate(main, found)
    if conflict and len(found) >= 2:
        # the extractor took a list of related stories for the main one (a single 'related'
        # item holding the opening is more likely the story itself): extract without them
        retry = copy.deepcopy(original)
        for path in sorted((position(c) for c in containers), reverse=True):
            node = _at(retry, path)
            if node is not None:
                remove(node)
        second = _main_story(retry, url, original, ld)
        if second.text:
            second, second_related, clash = _separate(second, found)
            if not clash:
                main, related = second, second_related
    if not main.text:
        notes.append(_why_empty(text))
    elif word_count(main.text) < SHORT_WORDS:
        notes.append(
            "Only a little text was found on this page; it may be a teaser or need a login."
        )
    main = tidy_head(main, original, url, ld)
    main = drop_bios(main)
    main = _drop_read_more_end(main)
    related = _topical(related, found, main)
    return Page(main=main, related=tuple(related), note=" ".join(dict.fromkeys(notes)) or None)


def _main_story(
    tree: HtmlElement, url: str | None, original: HtmlElement, ld: JsonLd, same: bool = False
) -> Story:
    main = extract_main(tree, url, original, same=same)
    if main is None or not main.text:
        main = _fallback(original, url, main)
    main = _declared_body(ld, main)
    main = _tidy_head(main)
    body = original.find("body")
    return _dateline(body, main) if body is not None else main


def _at(tree: HtmlElement, path: tuple[int, ...]) -> HtmlElement | None:
    """The element at a path of sibling indexes (see related.position)."""
    node = tree
    for index in path[1:]:
        if index >= len(node):
            return None
        node = node[index]
    return node


def _tidy_head(main: Story) -> Story:
    """Take the on-page headline and byline/dateline lines off the top of the main text."""
    blocks = list(main.blocks)
    # a photo above the headline stays where it is; the lines under it are looked at
    photos = 0
    while photos < len(blocks) and blocks[photos].kind == "image":
        photos += 1
    pictures, blocks = blocks[:photos], blocks[photos:]
    title, source, author, published = main.title, main.source, main.author, main.published
    changed = False
    for _ in range(4):
        if not blocks or blocks[0].kind not in ("h", "p"):
            break
        text = LINK_MARK.sub("", blocks[0].text)
        low, title_low = text.casefold(), title.casefold()
        headline_like = word_count(text) <= 30 and len(text) <= 250 and not _full_stop(text)
        following = LINK_MARK.sub("", blocks[1].text) if len(blocks) > 1 else ""
        rest = _glued_rest(text, title) if headline_like else ""
        if rest:
            # the headline glued to the story's first lines (a tiny page whose lines are not
            # paragraphs, ending in 'Continue reading…'): the headline goes, the lines stay
            blocks[0] = Block("p", rest)
            changed = True
            break
        if headline_like and (
            (
                title_low
                and (low.startswith(title_low) or title_low.startswith(low) or title_low in low)
            )
            # a page without <title>/<h1>: its first line is the headline when a byline follows
            or (not title and not changed and parse_meta_line(following) is not None)
        ):
            title = text if len(text) > len(title) else title
        elif headline_like and _same_headline(text, title):
            pass  # the headline in other words: with its kicker, another dash, 'HS' for 'High School'
        elif (meta := parse_meta_line(text)) is not None:
            if meta[0] and _domain_like(source):
                source = meta[0]
            author = author or meta[1]
            published = published or meta[2]
        else:
            break
        blocks.pop(0)
        changed = True
    # the headline repeated a little further down (after a standfirst or a photo)
    title_key = _key(title)
    for index, block in enumerate(blocks[:4]):
        text = LINK_MARK.sub("", block.text)
        if (
            block.kind in ("h", "p")
            and title_key
            and (
                _key(text) == title_key
                or (block.kind == "h" and len(text) <= 250 and _same_headline(text, title))
            )
        ):
            del blocks[index]
            changed = True
            break
    # a byline or a dateline under the standfirst ('By Ann Lee, August 14, 2020 2:30 pm',
    # 'Por Agencia EFE', 'Stand: 28.04.2020 18:00 Uhr')
    index = 0
    while index < min(_META_BLOCKS, len(blocks)):
        block = blocks[index]
        text = LINK_MARK.sub("", block.text)
        meta = _meta_only(text) if block.kind == "p" else None
        if meta is None and block.kind == "p" and _names_source(text, source):
            meta = ("", "", "")  # the site's name as the story's credit ('LA NACION')
        if meta is None:
            index += 1
            continue
        author = author or meta[1].strip(" ,")
        published = published or meta[2]
        del blocks[index]
        changed = True
    if not changed:
        return main
    blocks = pictures + blocks
    return replace(
        main,
        title=title,
        source=source,
        author=author,
        published=published,
        blocks=tuple(blocks),
        text=blocks_to_text(blocks),
    )


_WIDE_CLOSERS = "".join(c for c in SENTENCE_END_WIDE if c not in "。！？｡")


def _full_stop(text: str) -> bool:
    """The line ends as a sentence does, not as a headline: with a full stop ('.', or '。' in
    Chinese and Japanese, perhaps inside a closing bracket: '。」'). A question or an
    exclamation may be a headline ('これでいいのか？', 'Who pays?')."""
    return text.endswith(".") or text.rstrip(_WIDE_CLOSERS).endswith(("。", "｡"))


_META_BLOCKS = 4  # blocks at the top of the text where a byline or dateline is looked for
_META_CHARS = 120
_SAME_WORDS = 0.75  # share of the longer headline's words that the other one has
_NAME_JOINS = frozenset(["and", "und", "y", "e", "et", "en", "&", "de", "da", "del", "van", "von"])


def _same_headline(text: str, title: str) -> bool:
    """The story's headline in other words: the same words in another order (a kicker before
    it: 'Interne Unterlagen im Netz Daten von Rheinmetall gehackt'), or nearly all of them
    ('High School Roundup: …' for 'HS Roundup: …')."""
    key, title_key = _key(text), _key(title)
    if word_count(key) < 3 or word_count(title_key) < 3:
        return False
    # (Chinese and Japanese, without spaces, compared by pairs of characters)
    words, wanted = terms(key), terms(title_key)
    shared = sum((Counter(words) & Counter(wanted)).values())
    return shared >= _SAME_WORDS * max(len(words), len(wanted))


_SOURCE_WORDS = 5  # words of a line that names the site


def _folded_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return _key("".join(ch for ch in plain if not unicodedata.combining(ch))).split()


def _names_source(text: str, source: str) -> bool:
    """A short line that is the site's name (or most of it: 'Página Siete Digital' for
    'Diario Pagina Siete'), standing as the story's credit under the standfirst."""
    if not source or len(text) > 60 or text.rstrip()[-1:] in ".!?:":
        return False
    words, named = _folded_words(text), _folded_words(source)
    if not words or len(words) > _SOURCE_WORDS or (len(words) == 1 and len(named) > 1):
        return False  # one word of a longer name is a word, not the name
    shared = sum(1 for w in words if w in named)
    return shared == len(words) or (shared >= 2 and 3 * shared >= 2 * len(words))


def _meta_only(text: str) -> tuple[str, str, str] | None:
    """(source, author, published) of a line that is only a byline or a dateline, else None;
    a byline's names are capitalised ('By then, nobody cared' is a sentence)."""
    if len(text) > _META_CHARS:
        return None
    meta = parse_meta_line(text)
    if meta is None or meta[2]:
        return meta
    words = [w for w in re.split(r"[\s,]+", meta[1]) if w and w.lower() not in _NAME_JOINS]
    return meta if words and all(w[:1].isupper() for w in words) else None


def _drop_read_more_end(main: Story) -> Story:
    """The last paragraph without a 'Continue reading…' link run on at its end."""
    last = next(
        (n for n in range(len(main.blocks) - 1, -1, -1) if main.blocks[n].kind != "image"), None
    )
    if last is None or main.blocks[last].kind != "p":
        return main
    block = main.blocks[last]
    text = READ_MORE_END.sub("", block.text)
    if text == block.text or not text.strip():
        return main
    blocks = [*main.blocks[:last], Block("p", text, block.level), *main.blocks[last + 1 :]]
    return replace(main, blocks=tuple(blocks), text=blocks_to_text(blocks))


_SENTENCE = re.compile(r"[^\W\d_][.!?…]+[\"'”’)\]]*(?:\s|$)|[。！？｡]")
_GLUED_WORDS = 6  # words of text after a headline that make a sentence of the story


def _glued_rest(text: str, title: str) -> str:
    """The text after the headline when a block is the headline glued to a sentence of the
    story ('Harbour wall approved The council voted on Tuesday to …'), else ''."""
    if not title or len(text) <= len(title) or not text.casefold().startswith(title.casefold()):
        return ""
    rest = text[len(title) :]
    if not rest[:1].isspace():
        return ""  # the headline runs on in the same word
    rest = rest.strip(" :–—-|")
    if word_count(rest) < _GLUED_WORDS or not _SENTENCE.search(rest):
        return ""
    return rest


def _headline_element(body: HtmlElement, title: str) -> HtmlElement | None:
    h1 = body.find(".//h1")
    if h1 is not None or not title:
        return h1
    wanted = _key(title)
    for element in body.iter("h2", "h3", "div", "p", "span", "header", "strong"):
        text = element.text
        if text and len(text) < 400 and _key(text) == wanted:
            return element
    return None


def _dateline(body: HtmlElement, main: Story) -> Story:
    """Byline/date shown right under the headline: it beats dates guessed from the whole page."""
    headline = _headline_element(body, main.title)
    if headline is None:
        return main
    shown = clean_line(headline.text_content())
    if (
        0 < len(shown) <= 300
        and shown != main.title
        and (not main.title or _key(shown) in _key(main.title) or _key(main.title) in _key(shown))
    ):
        # the headline as the page shows it, not the <title> with its site suffix
        main = replace(main, title=shown)
    source, author, published = "", "", ""
    for seen, element in enumerate(headline.itersiblings(), start=1):
        for node in element.iter():
            if node.tag == "time" and not published:
                published = parse_date(node.get("datetime", "")) or parse_date(node.text_content())
            elif isinstance(node.tag, str) and not published and len(node) <= 3:
                meta = parse_meta_line(node.text_content())
                if meta is not None:
                    source, author, published = meta
        if published or seen >= 4:
            break
    if not published and not author:
        return main
    # the dateline wins over a guessed page date; a bare year ("-01-01", from a copyright
    # notice) is no date at all
    guessed = not main.published or main.published.endswith("-01-01")
    better = bool(published) and (guessed or bool(_ISO.match(published)))
    return replace(
        main,
        published=published if better else main.published,
        author=main.author or author,
        source=source if source and _domain_like(main.source) else main.source or source,
    )


def _domain_like(source: str) -> bool:
    """trafilatura falls back to the host name when a page names no site."""
    return not source or ("." in source and " " not in source)


def _topical(related: list[Story], found: list[Related], main: Story) -> list[Story]:
    """Related stories without the items of the page's boxes that are about something else
    (``on_topic`` judges every box, one the page labels related too)."""
    if not related or not found:
        return related
    if not main.text:
        return related
    keep = {id(item.story) for item in on_topic(found, main.title, main.text)}
    return [story for story in related if id(story) in keep]


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _separate(main: Story, found: list[Related]) -> tuple[Story, list[Story], bool]:
    """Keep related stories' titles and paragraphs out of the main text.

    If that would take away the story's opening paragraph, the 'related' container was in fact
    the main story (or part of it): the main text is kept whole and those stories are dropped.
    """
    main_key = _key(main.title)
    # a teaser of the page's own story is not a related story
    found = [
        item
        for item in found
        if not main_key
        or (
            _key(item.story.title) not in main_key
            and main_key not in _key(item.story.title)
            and main_key not in _key(item.story.text)
        )
    ]
    related = [item.story for item in found]
    if not related or not main.blocks:
        return main, related, False
    lines: set[str] = set()
    for item in found:
        lines.add(_key(item.story.title))
        lines.update(_key(line) for line in item.lines)
        lines.update(_key(b.text) for b in item.story.blocks)
    lines.discard("")
    kept = [
        b for b in main.blocks if b.kind == "image" or _key(LINK_MARK.sub("", b.text)) not in lines
    ]
    # the story's opening paragraph can never belong to a related story: if it seems to, the
    # 'related' container was the story itself (or held it)
    opening = next((b for b in main.blocks if b.kind == "p" and len(b.text) >= 80), None) or next(
        (b for b in main.blocks if b.kind != "image"), None
    )
    if opening is not None and _key(LINK_MARK.sub("", opening.text)) in lines:
        taken = {_key(b.text) for b in main.blocks} - {""}
        related = [s for s in related if _key(s.title) not in taken]
        return main, related, True
    if len(kept) == len(main.blocks):
        return main, related, False
    return replace(main, blocks=tuple(kept), text=blocks_to_text(kept)), related, False


def _fallback(tree: HtmlElement, url: str | None, partial: Story | None) -> Story:
    """Visible text lines of the page when trafilatura finds nothing (short pages, odd markup),
    without the readers' comments and without bylines ('By: Ann Lee'), wherever they stand."""
    tree = copy.deepcopy(tree)
    drop_comment_sections(tree)
    drop_comment_boxes(tree)
    body = tree.find("body")
    lines = (
        [ln for ln in element_lines(body) if not is_clutter_line(ln)] if body is not None else []
    )
    title = partial.title if partial else ""
    if not title:
        title = clean_line(tree.findtext(".//title") or "")
    author = partial.author if partial else ""
    published = partial.published if partial else ""
    kept = []
    for line in lines:
        if line.casefold() == title.casefold():
            continue
        meta = _meta_only(line)
        if meta is not None and meta[1]:
            author, published = author or meta[1].strip(" ,"), published or meta[2]
            continue
        kept.append(line)
    return Story(
        title=title,
        url=url,
        text="\n\n".join(kept),
        blocks=tuple(Block("p", ln) for ln in kept),
        author=author,
        published=published,
        source=partial.source if partial else "",
    )


_DECLARED_MIN = 500  # characters of a page's declared article body worth showing instead
_DECLARED_RATIO = 3  # … and how many times longer than the text found it must be
_ARTICLE_TYPES = ("article", "posting", "report", "blog")  # NewsArticle, BlogPosting, Report …
_FOUND_ENOUGH = 20_000  # characters of text found: no declared body is looked for


def _declared_body(ld: JsonLd, main: Story) -> Story:
    """The article body the page declares in its JSON-LD (`articleBody`) when the text found
    is a fraction of it (a photo's caption, a paywall's teaser): the story is in the page's
    data even when its markup only shows the start."""
    if len(main.text) >= _FOUND_ENOUGH:
        return main  # (cheap: most pages)
    body = _article_body(ld)
    if len(body) < _DECLARED_MIN:
        return main
    if len(body) < _DECLARED_RATIO * len(main.text) and not (
        # the declared body run into one paragraph (the text extractor's own fallback): its
        # paragraphs are shown
        "\n" in body.strip()
        and sum(b.kind != "image" for b in main.blocks) == 1
        and _key(html_to_text(body)) == _key(main.text)
    ):
        return main  # the text found is the story
    # a line break in a declared body ends a paragraph (a plain text's single breaks are
    # joined by html_to_text)
    lines = [clean_line(line) for line in html_to_text(body.replace("\n", "\n\n")).split("\n")]
    lines = [part for line in lines for part in _paragraphs(line)]
    blocks = [Block("p", line) for line in lines if line and not is_clutter_line(line)]
    if not blocks:
        return main
    return replace(main, blocks=tuple(blocks), text=blocks_to_text(blocks), links=())


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'“‘(]?[^\W\d_])")
_PARAGRAPH_CHARS = 600  # a declared body without line breaks is cut into paragraphs this long


def _paragraphs(text: str) -> list[str]:
    """A long run of text cut into paragraphs at sentence ends (a declared body often has no
    line breaks at all)."""
    if len(text) <= 2 * _PARAGRAPH_CHARS:
        return [text]
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() - start >= _PARAGRAPH_CHARS:
            out.append(text[start : match.start()])
            start = match.end()
    out.append(text[start:])
    return out


def _article_body(ld: JsonLd) -> str:
    """The longest `articleBody` of an article in the page's JSON-LD, else ''."""
    found = ""
    for item, kinds in ld:
        body = item.get("articleBody")
        if (
            isinstance(body, str)
            and len(body) > len(found)
            and any(isinstance(k, str) and k.lower().endswith(_ARTICLE_TYPES) for k in kinds)
        ):
            found = body
    return found


def _why_empty(text: str) -> str:
    lowered = text.lower()
    if "<script" in lowered:
        return "The page shows its content only with JavaScript; no readable text was found."
    return "No readable story text was found on this page."
