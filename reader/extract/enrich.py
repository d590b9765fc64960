"""Put back what the text extractor leaves out, using the page as it was before extraction:
numbered link references, image placeholders, the standfirst (lede) under the headline, and
headings and lists of the body that sit between two extracted blocks.

Each extracted block is matched to the page element with the same text; links are taken from
that element, images from between the matched elements.
"""

from __future__ import annotations

import re
from itertools import islice

from lxml.html import HtmlElement

from reader.extract.clutter import COMMENTS_HEADING, RELATED_HEADING, is_clutter_line
from reader.extract.meta import site_host
from reader.models import Block
from reader.textutil import clean_line, find_words, join_url, safe_link, word_count

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# the " [3]" a block's text gets after a link's words (see _mark_links)
LINK_MARK = re.compile(r" \[\d+\]")
_INDEXED = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "td",
    "th",
    "figcaption",
    "div",
    "span",
    "section",
)
_MAX_KEY = 5000
_MIN_ALT = 3
_MAX_LEDE = 1000  # characters of a standfirst (with the dateline some pages put inside it)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip().casefold()


# typographic quotes and apostrophes: a meta description often has the plain ones
_PLAIN_QUOTES = str.maketrans(dict.fromkeys("‘’‚‛", "'") | dict.fromkeys("“”„‟", '"'))


def _loose(text: str) -> str:
    return _norm(text).translate(_PLAIN_QUOTES)


def _compact(text: str) -> str:
    """The text without any white space: a <br> glues the words around it in the page's text
    ("jibe|Lakers") where the extractor puts a space."""
    return _WS.sub("", text).casefold()


def _index(body: HtmlElement) -> dict[str, HtmlElement]:
    """Elements by their (normalised) text, and by their text without white space."""
    index: dict[str, HtmlElement] = {}
    for element in body.iter(*_INDEXED):
        if element.tag in ("div", "span", "section") and not (
            element.text and element.text.strip()
        ):
            continue
        text = element.text_content()
        key = _norm(text)
        if key and len(key) <= _MAX_KEY and key not in index:
            index[key] = element
            index.setdefault(_COMPACT + _compact(text), element)
    return index


_COMPACT = "\0"  # marks the keys without white space (never the start of a normalised text)


def _element(index: dict[str, HtmlElement], block: Block) -> HtmlElement | None:
    if block.kind == "image":
        return None
    found = index.get(_norm(block.text))
    return found if found is not None else index.get(_COMPACT + _compact(block.text))


def _mark_links(block: Block, element: HtmlElement, base: str | None, links: list[str]) -> Block:
    text = block.text
    position = 0
    for anchor in element.iter("a"):
        href = anchor.get("href")
        label = clean_line(anchor.text_content())
        if not href or not label:
            continue
        target = safe_link(join_url(base, href) if base else href)
        if not target:
            continue
        found = find_words(text, label, position)
        if found < 0:
            continue
        if target not in links:
            links.append(target)
        marker = f" [{links.index(target) + 1}]"
        end = found + len(label)
        text = text[:end] + marker + text[end:]
        position = end + len(marker)
    return block if text == block.text else Block(block.kind, text, block.level)


_MAX_LEAD_HEADING = 120  # characters
_BOLD = frozenset(["strong", "b"])


def _lead_heading(block: Block, element: HtmlElement) -> str:
    """The bold line a paragraph opens with, on a line of its own (<p><strong>Gas still leads
    </strong><br> Compared with…): a subheading the extractor glued to the text after it."""
    if block.kind != "p" or (element.text or "").strip() or not len(element):
        return ""
    bold = element[0]
    after = bold.getnext()
    if bold.tag not in _BOLD or (bold.tail or "").strip() or after is None or after.tag != "br":
        return ""
    heading = clean_line(bold.text_content())
    if not heading or len(heading) > _MAX_LEAD_HEADING or heading[-1] in ".!?:;,":
        return ""
    rest = block.text[len(heading) :].strip()
    return heading if block.text.startswith(heading) and rest else ""


def _lede(
    body: HtmlElement, description: str, blocks: list[Block], index: dict[str, HtmlElement]
) -> Block | None:
    """The page's standfirst when the extractor dropped it: a visible element that starts with
    the page's meta description and sits before the first extracted paragraph."""
    desc = _loose(description)
    if len(desc) < 40 or not blocks:
        return None
    probe = desc[:80].rstrip(".… ")
    text_so_far = " ".join(_loose(b.text) for b in blocks)
    if probe in text_so_far:
        return None
    first = index.get(_norm(blocks[0].text))
    for key, element in index.items():
        if (
            key[: len(probe)].translate(_PLAIN_QUOTES) == probe
            and len(key) <= _MAX_LEDE
            and element.tag not in ("li", "td", "th")
        ):
            if first is not None and not _before(element, first):
                return None
            lede = clean_line(element.text_content())
            return None if is_clutter_line(lede) else Block("p", lede)
    return None


def _before(a: HtmlElement, b: HtmlElement) -> bool:
    for element in a.getroottree().iter():
        if element is a:
            return True
        if element is b:
            return False
    return False


def enrich(
    blocks: list[Block], body: HtmlElement | None, base: str | None, description: str = ""
) -> tuple[list[Block], list[str]]:
    """Blocks with [n] link markers, image placeholders and a recovered lede; and the links."""
    if body is None or not blocks:
        return blocks, []
    index = _index(body)
    lede = _lede(body, description, blocks, index) if description else None
    if lede is not None:
        blocks = [lede, *blocks]
    elements = [_element(index, b) for b in blocks]
    blocks, elements = _restore_between(blocks, elements)
    blocks, elements = _drop_repeats(blocks, elements)
    blocks, elements = _drop_headline_strip(blocks, elements)
    keep = [
        n
        for n, el in enumerate(elements)
        if el is None
        or not (_boxed(blocks[n], el) or _caption(blocks[n], el) or _teaser_run(blocks[n], el))
    ]
    blocks, elements = [blocks[n] for n in keep], [elements[n] for n in keep]
    links: list[str] = []
    matched: list[tuple[HtmlElement, int]] = []
    out: list[Block] = []
    for block, element in zip(blocks, elements, strict=True):
        if element is not None:
            heading = _lead_heading(block, element)
            if heading:
                out.append(Block("h", heading))
                block = Block(block.kind, block.text[len(heading) :].lstrip(), block.level)
            block = _mark_links(block, element, base, links)
            matched.append((element, len(out)))
        out.append(block)
    out = _drop_link_list_tail(out, matched)
    out = _drop_link_paragraph_tail(out, body)
    out = _drop_linked_run_tail(out, matched, base)
    if matched:
        out = _add_images(body, out, matched)
    return out, links


_SHINGLE = 6  # words in a run that, repeated, shows one paragraph is a copy of another
_REPEATED = 0.75  # share of a paragraph's word runs found elsewhere in the text: a copy
_LONGER = 1.25  # a pull quote is a part of a longer paragraph (or a copy of a whole one)
_MIN_RUNS = 10  # word runs in a pull quote (a short tip may well be said twice)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[n : n + _SHINGLE]) for n in range(len(words) - _SHINGLE + 1)}


def _drop_repeats(
    blocks: list[Block], elements: list[HtmlElement | None]
) -> tuple[list[Block], list[HtmlElement | None]]:
    """Pull quotes: a paragraph that repeats what the text says elsewhere (word for word, or
    nearly: 'said Ann Lee' for 'said the mayor, Ann Lee'). The first of two copies stays; of two
    paragraphs where one repeats part of the other, the longer one stays. The opening
    paragraphs are never taken for a pull quote (a standfirst is often said again below)."""
    keys = [_norm(b.text) for b in blocks]
    runs = [_shingles(b.text) if b.kind in ("p", "quote", "table") else set() for b in blocks]
    owners: dict[tuple[str, ...], list[int]] = {}
    for at, shingles in enumerate(runs):
        for shingle in shingles:
            owners.setdefault(shingle, []).append(at)
    dropped: set[int] = set()
    # the standfirst and the opening paragraph, which the body may well say again, stay
    opening = [n for n, b in enumerate(blocks) if b.kind in ("p", "quote", "table")][:2]
    for at, shingles in enumerate(runs):
        if len(shingles) < _MIN_RUNS or at in opening:
            continue
        size, key = len(blocks[at].text), keys[at]

        def elsewhere(other: int, at: int = at, size: int = size, key: str = key) -> bool:
            if other == at or other in dropped:
                return False
            # an earlier copy, or a paragraph that says more (not its twin with a word changed)
            return (other < at and keys[other] == key) or len(blocks[other].text) >= _LONGER * size

        covered = sum(1 for s in shingles if any(elsewhere(o) for o in owners[s]))
        if covered >= _REPEATED * len(shingles):
            dropped.add(at)
    if not dropped:
        return blocks, elements
    kept = [n for n in range(len(blocks)) if n not in dropped]
    return [blocks[n] for n in kept], [elements[n] for n in kept]


def _text_and_linked(element: HtmlElement) -> tuple[int, int]:
    """Characters of the element's text, and of those the text of its links."""
    text = len(_norm(element.text_content()))
    return text, sum(len(_norm(a.text_content())) for a in element.iter("a"))


def _all_link(element: HtmlElement | None) -> bool:
    """An element whose whole text is a link (a teaser's headline)."""
    if element is None:
        return False
    if any(a.tag == "a" for a in element.iterancestors()):
        return True
    text, linked = _text_and_linked(element)
    return text > 0 and linked >= 0.9 * text


def _drop_headline_strip(
    blocks: list[Block], elements: list[HtmlElement | None]
) -> tuple[list[Block], list[HtmlElement | None]]:
    """A strip of linked headlines of other stories above the text ('2019 American Music
    Awards: Post Malone Leads…, Jonas Brothers Added…'): two or more headlines that are links,
    before the story's first paragraph, go, with the strip's own heading."""
    first = 0
    if blocks and blocks[0].kind == "h" and not _all_link(elements[0]):
        first = 1  # perhaps the strip's heading
    end = first
    while end < len(blocks) and blocks[end].kind in ("h", "p", "li") and _all_link(elements[end]):
        end += 1
    if end - first < 2 or end == len(blocks):
        return blocks, elements
    start = first
    heading, strip, after = elements[0], elements[first], elements[end]
    if first and heading is not None and strip is not None:
        box = next((a for a in heading.iterancestors() if strip in a.iterdescendants()), None)
        if box is not None and (after is None or after not in box.iterdescendants()):
            start = 0  # the heading and the headlines share a box the text is not in
    return blocks[:start] + blocks[end:], elements[:start] + elements[end:]


_TEASER_WORDS = 3  # words in a link that is another story's headline
_TEASER_LINKED = 0.8  # share of a paragraph's text that is such links in a run of teasers


def _teaser_run(block: Block, element: HtmlElement) -> bool:
    """A paragraph that is a run of other stories' headlines, each a link, with at most a tag
    or a separator between them ("China furious at Macron [INSIGHT] | Lakers vs Nets … [VIDEO]"):
    story text is never mostly links."""
    if block.kind != "p":
        return False
    anchors = [a for a in element.iter("a") if word_count(_norm(a.text_content())) >= _TEASER_WORDS]
    if len(anchors) < 2:
        return False
    text, linked = _text_and_linked(element)
    return linked >= _TEASER_LINKED * text


def _boxed(block: Block, element: HtmlElement) -> bool:
    """A one-cell table inside a cell of a page's layout table: a box beside the story (a pull
    quote, a photo's caption), which the extractor moved to the end of the text."""
    if block.kind != "table" or "\n" in block.text or len(block.text) > 400:
        return False
    table = next(element.iterancestors("table"), None)
    if table is None or next(table.iterancestors("td"), None) is None:
        return False
    return sum(1 for _ in table.iter("td", "th")) == 1


_MAX_CAPTION = 300  # characters
_CAPTION_BOX = 8  # children of the box that holds a picture and its caption, at most
_EMPHASIS = frozenset(["em", "i"])
_BOXES = frozenset(["div", "p", "td", "th", "figure", "figcaption", "section"])


def _picture(element: HtmlElement) -> bool:
    """An image, or an element that holds images and no text (a linked photo, a <picture>)."""
    if element.tag == "img":
        return True
    return element.find(".//img") is not None and not element.text_content().strip()


def _caption(block: Block, element: HtmlElement) -> bool:
    """A photo's caption or credit: the text that shares a box with nothing but a picture, or
    an all-italic line right under a picture."""
    if block.kind != "p" or len(block.text) > _MAX_CAPTION:
        return False
    # the innermost element with the text (the page index holds the outermost: a cell that
    # holds the photo and its caption has the caption's text)
    key = _norm(element.text_content())
    while (
        not (element.text or "").strip()
        and (
            inner := next(
                (c for c in element if c.tag in _BOXES and _norm(c.text_content()) == key), None
            )
        )
        is not None
    ):
        element = inner
    parent = element.getparent()
    if parent is None:
        return False
    # a box with a picture and its caption holds a few elements, not a story's paragraphs
    others = (
        [c for c in parent if c is not element and isinstance(c.tag, str)]
        if next(islice(parent, _CAPTION_BOX, None), None) is None  # (len() walks them all)
        else []
    )
    if (
        others
        and all(_picture(c) for c in others)
        and not (parent.text or "").strip()
        and not any((c.tail or "").strip() for c in others)
    ):
        return True
    before = element.getprevious()
    if before is None or not isinstance(before.tag, str) or not _picture(before):
        return False
    inner = [c for c in element if isinstance(c.tag, str)]
    return (
        len(inner) == 1
        and inner[0].tag in _EMPHASIS
        and not (element.text or "").strip()
        and not (inner[0].tail or "").strip()
    )


_HEADINGS = frozenset(["h2", "h3", "h4", "h5", "h6"])
_LISTS = frozenset(["ul", "ol"])
_TEXT = frozenset(["p", "ul", "ol", "blockquote"])
_LINKED_LIST = 0.5  # share of a list's text that is link text in a list of links to elsewhere
_MAX_BETWEEN = 20  # elements between two blocks that are still next to each other in the text


def _restore_between(
    blocks: list[Block], elements: list[HtmlElement | None]
) -> tuple[list[Block], list[HtmlElement | None]]:
    """Headings and lists that sit between two extracted blocks of the same parent element.

    When a text extractor finds no article container it falls back to picking up the page's
    loose paragraphs, and the body's headings and lists are lost: between two paragraphs that
    are next to each other in the text and siblings in the page, they are put back. A list of
    links (a 'read also' box) and a related/comments heading stay out."""
    seen = {_norm(b.text) for b in blocks}
    out_blocks: list[Block] = []
    out_elements: list[HtmlElement | None] = []
    for at, (block, element) in enumerate(zip(blocks, elements, strict=True)):
        out_blocks.append(block)
        out_elements.append(element)
        following = elements[at + 1] if at + 1 < len(elements) else None
        if element is None or following is None:
            continue
        parent = element.getparent()
        if parent is None or following is element or following.getparent() is not parent:
            continue
        between: list[HtmlElement] = []
        for sibling in element.itersiblings():
            if sibling is following:
                break
            between.append(sibling)
            if len(between) > _MAX_BETWEEN:
                break  # not next to each other: the next block is far away, or earlier
        else:
            continue  # the next block comes earlier in the page
        if len(between) > _MAX_BETWEEN:
            continue
        for sibling in between:
            if sibling.tag in _HEADINGS:
                # a heading over a photo gallery or a video is its caption, not the text's
                after = sibling.getnext()
                if after is None or not (after is following or after.tag in _TEXT):
                    continue
            for restored, source in _structure_blocks(sibling):
                key = _norm(restored.text)
                if key not in seen:
                    seen.add(key)
                    out_blocks.append(restored)
                    out_elements.append(source)
    return out_blocks, out_elements


def _structure_blocks(element: HtmlElement) -> list[tuple[Block, HtmlElement]]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _HEADINGS:
        text = clean_line(element.text_content())
        if (
            not text
            or is_clutter_line(text)
            or RELATED_HEADING.match(text)
            or COMMENTS_HEADING.match(text)
        ):
            return []
        return [(Block("h", text, int(tag[1])), element)]
    if tag in _LISTS:
        total, linked = _text_and_linked(element)
        if not total or linked > _LINKED_LIST * total:
            return []
        items = _list_items(element, 1)
        if all(is_clutter_line(b.text) for b, _ in items):
            return []
        return items
    return []


def _list_items(element: HtmlElement, level: int) -> list[tuple[Block, HtmlElement]]:
    """The items of a list, a nested list's items one level deeper (as the extractor gives them)."""
    items: list[tuple[Block, HtmlElement]] = []
    for item in element.iterchildren("li"):
        parts = [item.text or ""]
        nested = []
        for child in item:
            if isinstance(child.tag, str) and child.tag in _LISTS:
                nested.append(child)
            else:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        text = clean_line("".join(parts))
        if text:
            items.append((Block("li", text, level), item))
        for sub in nested:
            items.extend(_list_items(sub, level + 1))
    return items


_LINKED = 0.4  # share of a list's text that is link text in a list of teasers
_CUT = re.compile(r"…|\.\.\.")  # where a teaser's excerpt is cut off
_CLOSING_LINE = 100  # characters of a line that closes the text after a list


def _drop_link_list_tail(
    blocks: list[Block], matched: list[tuple[HtmlElement, int]]
) -> list[Block]:
    """A list of links that ends the text ('More great stories', 'Read next') is a list of
    other stories: every item holds a link, and much of the list's text is link text, or
    (three items or more) most items are a linked title and an excerpt cut off with '…'.
    The heading over the list goes with it. One short closing line after the list ('Originally
    published on …') stays, the list above it goes."""
    if (
        len(blocks) >= 3
        and blocks[-1].kind == "p"
        and len(blocks[-1].text) <= _CLOSING_LINE
        and blocks[-2].kind == "li"
    ):
        return [*_drop_link_list_tail(blocks[:-1], matched), blocks[-1]]
    elements = {at: element for element, at in matched}
    start, text, linked, links, cut = len(blocks), 0, 0, 0, 0
    while start > 0 and blocks[start - 1].kind == "li":
        element = elements.get(start - 1)
        anchors = list(element.iter("a")) if element is not None else []
        if element is None:  # not found as it is in the page
            text += len(blocks[start - 1].text)
        elif not anchors:
            break
        else:
            item_text, item_linked = _text_and_linked(element)
            text, linked, links = text + item_text, linked + item_linked, links + 1
            cut += bool(_CUT.search(blocks[start - 1].text))
        start -= 1
    excerpts = links >= 3 and 2 * cut >= links
    if links < 2 or start == 0 or (linked < _LINKED * text and not excerpts):
        return blocks
    while start > 1 and blocks[start - 1].kind == "h":
        start -= 1
    return blocks[:start]


_LINK_PARAGRAPH = 5  # words: a paragraph this long that is one link's whole text is a promo


def _drop_link_paragraph_tail(blocks: list[Block], body: HtmlElement) -> list[Block]:
    """Paragraphs that end the text and are each the whole text of one link: a promo
    ('Get access to … Pro for as little as … Use the code …') or a teaser of another story
    ('The programme of the ski jumpers at the Olympics >>'); story text is never all one link."""
    end = len(blocks)
    anchors: set[str] | None = None
    while end > 1 and blocks[end - 1].kind == "p":
        text = _norm(LINK_MARK.sub("", blocks[end - 1].text))
        if word_count(text) < _LINK_PARAGRAPH:
            break
        if anchors is None:
            anchors = {
                key
                for a in body.iter("a")
                if word_count(key := _norm(a.text_content())) >= _LINK_PARAGRAPH
            }
        if text not in anchors:
            break
        end -= 1
    return blocks[:end]


_RUN_BLOCKS = 2  # short linked blocks in a row that end the text: other stories' headlines
_RUN_CHARS = 250  # characters of each
_RUN_LINKED = 0.6  # share of each block's text that is link text


def _drop_linked_run_tail(
    blocks: list[Block], matched: list[tuple[HtmlElement, int]], base: str | None
) -> list[Block]:
    """A run of short blocks that ends the text, each mostly a link to a page of the same site
    ('Dura acusación. Mariana Zuvic denunció …', one after another): other stories' headlines,
    whatever heading (or none) the page put over them. The heading right above goes too."""
    elements = {at: element for element, at in matched}
    site = site_host(base)
    start = len(blocks)
    while start > 0:
        block, element = blocks[start - 1], elements.get(start - 1)
        if block.kind == "image":
            start -= 1
            continue
        if (
            element is None
            or block.kind not in ("p", "li", "h")
            or len(block.text) > _RUN_CHARS
            or not _same_site_links(element, site)
        ):
            break
        text, linked = _text_and_linked(element)
        if linked < _RUN_LINKED * text:
            break
        start -= 1
    run = sum(1 for b in blocks[start:] if b.kind != "image")
    if run < _RUN_BLOCKS:
        return blocks
    before = sum(len(b.text) for b in blocks[:start] if b.kind != "image")
    if before < sum(len(b.text) for b in blocks[start:]):
        return blocks  # a page of headlines: not the story's end
    while start > 1 and blocks[start - 1].kind == "h":
        start -= 1
    return blocks[:start]


def _same_site_links(element: HtmlElement, site: str) -> bool:
    """The element's links all lead to pages of the site (relative, or on its host)."""
    hosts = set()
    for anchor in element.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            return False
        hosts.add(site_host(href))  # ("" for a relative link, or one that is no address)
    hosts.discard("")
    if not hosts:
        return True
    return len(hosts) == 1 and (not site or site in hosts)


_SMALL = 40  # pixels: an image drawn this small is an icon, a spacer or a tracking pixel
_SIZE = re.compile(r"(?:^|;)\s*(width|height)\s*:\s*(\d+)px", re.IGNORECASE)
_ICON_SRC = re.compile(
    r"/(?:avatars?|icons?|emojis?|smilies|smileys)/|(?:^|/)(?:spacer|blank|empty|pixel|transparent)"
    r"\.(?:gif|png)\b",
    re.IGNORECASE,
)


_LAZY = re.compile(r"src|lazy|original", re.IGNORECASE)  # attributes of a picture loaded later


def _icon(img: HtmlElement) -> bool:
    """An avatar, icon, spacer or tracking pixel: not a picture of the story. (A picture loaded
    later has a placeholder's size, often its aspect ratio: width="3" height="2".)"""
    if any(_LAZY.search(name) for name in img.attrib if name != "src"):
        return bool(_ICON_SRC.search(img.get("data-src") or ""))  # the real one is elsewhere
    sizes = [img.get("width") or "", img.get("height") or ""]
    sizes += [m.group(2) for m in _SIZE.finditer(img.get("style") or "")]
    if any(size.strip().isdigit() and int(size) < _SMALL for size in sizes):
        return True
    return bool(_ICON_SRC.search(img.get("src") or ""))


def _add_images(
    body: HtmlElement, blocks: list[Block], matched: list[tuple[HtmlElement, int]]
) -> list[Block]:
    # keyed by the elements themselves, which the dict keeps alive: lxml makes a new proxy
    # object (with a new id) for a node whose old proxy was freed
    order = {el: n for n, el in enumerate(body.iter())}
    positions = sorted((order.get(el, -1), at) for el, at in matched)
    positions = [p for p in positions if p[0] >= 0]
    if not positions:
        return blocks
    start, end = positions[0][0], positions[-1][0]
    h1 = body.find(".//h1")
    if h1 is not None and order.get(h1, end) < start:
        start = order[h1]
    inserts: dict[int, list[Block]] = {}
    seen: set[str] = set()
    for img in body.iter("img"):
        place = order.get(img, -1)
        if not start <= place <= end + 50:
            continue
        alt = clean_line(img.get("alt") or img.get("title") or "", 200)
        if len(alt) < _MIN_ALT or alt in seen or is_clutter_line(alt) or _icon(img):
            continue
        seen.add(alt)
        after = -1
        for position, at in positions:
            if position <= place:
                after = at
        inserts.setdefault(after, []).append(Block("image", f"[image: {alt}]"))
    if not inserts:
        return blocks
    result = list(inserts.get(-1, []))
    for at, block in enumerate(blocks):
        result.append(block)
        result.extend(inserts.get(at, []))
    return result
