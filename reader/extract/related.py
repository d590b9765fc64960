"""Related stories on an HTML page: teaser lists and full related articles.

Containers are found by general cues: class/id/aria tokens ('related', 'more-stories', …), a
heading such as 'Related articles' or 'More from …', an <aside>, or sibling <article> elements
beside the main one. Each container is split into items, one per title (a heading, an element
whose class says title/headline, or a headline-sized link); each item yields a Story with its
title, link, source, age/date and text.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urljoin

from lxml.html import HtmlElement

from reader.extract.clutter import (
    CLUTTER_TOKEN,
    RELATED_HEADING,
    RELATED_TOKEN,
    class_tokens,
    is_clutter_line,
    parse_date,
    split_source_age,
)
from reader.extract.plain import story_from_lines
from reader.extract.tree import element_lines, text_length
from reader.models import Story
from reader.textutil import clean_line, safe_link

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TITLE_TOKENS = {"title", "headline", "heading", "hed", "story-title", "card-title", "teaser-title"}
_SOURCE_TOKENS = {
    "source",
    "src",
    "publisher",
    "outlet",
    "site",
    "provider",
    "brand",
    "publication",
    "source-name",
    "site-name",
    "byline",
    "author",
}
_TIME_TOKENS = {
    "time", "date", "timestamp", "age", "ago", "published", "pubdate", "dateline", "ts",
    "timeago", "time-ago", "posted", "updated", "datetime",
}  # fmt: skip
_MAX_ITEMS = 40
# a 'Related' section starts with its heading; a box with more text than this before the
# heading is the story (or a column) and only what follows the heading is related
_LEAD_IN = 200
_LINK_SHARE = 0.25
# elements that can hold a list of related stories, and those that can be its heading
_BOX_TAGS = ("div", "section", "aside", "ul", "ol", "nav", "footer", "article", "table", "dl")
_HEADING_TAGS = (
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "span",
    "p",
    "header",
    "legend",
    "summary",
    "figcaption",
    "label",
)
# cheap pre-tests on raw attribute text before tokenising it
_RELATED_RAW = re.compile(
    r"relat|more|recommend|recirc|read|also|further|like|trending|popular|suggest|teaser|other"
    r"|see|latest|aside",
    re.I,
)
_CLUTTER_RAW = re.compile(
    r"cookie|consent|gdpr|cmp|shar|social|newsletter|subscri|sign|comment|disqus|respond|reply"
    r"|app|download|store|promo|advert|ad|sponsor|outbrain|taboola|popup|modal|paywall|overlay"
    r"|breadcrumb|paginat|skip",
    re.I,
)
# a cheap test before the full heading pattern: one of the words such headings start with
_HEADING_WORD = re.compile(
    r"\b(?:related|more|you|may|might|recommended|read|also|further|see|trending|most|top|what"
    r"|other|latest|in|auch|mehr|das|empfohlene|ähnliche|verwandte|weitere|lesen|noticias|le|te"
    r"|à|lire|sur|leia|leggi|czytaj|zobacz|lees|więcej|vous|aimerez|pourriez|también)\b",
    re.I,
)


def _attrs(element: HtmlElement) -> str:
    attrib = element.attrib
    if not attrib:
        return ""
    return " ".join(
        attrib.get(name, "") for name in ("class", "id", "aria-label", "data-component", "role")
    )


def _tokens(element: HtmlElement, raw: re.Pattern[str] | None = None) -> set[str]:
    """class/id/aria tokens; with `raw`, only when the attribute text contains one of its words."""
    value = _attrs(element)
    if not value.strip() or (raw is not None and not raw.search(value)):
        return set()
    return set(class_tokens(value))


def _own_text(element: HtmlElement) -> str:
    return clean_line(" ".join(element.itertext()), 300)


def _is_related_heading(element: HtmlElement) -> bool:
    if not isinstance(element.tag, str) or len(element) > 3:
        return False
    first = (element.text or (element[0].text if len(element) else "") or "").strip()
    if not 2 <= len(first) <= 60 or not _HEADING_WORD.search(first):
        return False
    text = _own_text(element)
    return 0 < len(text) <= 60 and bool(RELATED_HEADING.match(text))


def _main_element(body: HtmlElement, flagged: list[HtmlElement]) -> HtmlElement | None:
    """The element holding the most paragraph text outside flagged containers."""
    best, best_score = None, 0
    inside = {node for container in flagged for node in container.iter()}
    for element in body.iter("p", "div", "section", "article", "main", "td"):
        if element in inside:
            continue
        score = 0
        for child in element:
            if child.tag in ("p", "blockquote", "ul", "ol", "h2", "h3", "pre") or (
                child.tag == "div" and len(child) == 0
            ):
                score += len((child.text_content() or "").strip())
        if score > best_score:
            best, best_score = element, score
    return best


def _containers(body: HtmlElement) -> list[HtmlElement]:
    # an <aside> beside the story holds related links; one inside the story's <article> is a
    # fact box or pull quote (unless its class or heading says 'related', see below)
    found: list[HtmlElement] = [
        aside
        for aside in body.iter("aside")
        if aside.find(".//a[@href]") is not None
        and not any(a.tag == "article" for a in aside.iterancestors())
    ]
    for element in body.iter(*_BOX_TAGS):
        tokens = _tokens(element, _RELATED_RAW)
        if tokens & _TITLE_TOKENS and len(tokens) <= 3:
            continue  # 'related-title' style labels are headings, handled below
        if any(RELATED_TOKEN.match(t) for t in tokens):
            found.append(element)
    for element in body.iter(*_HEADING_TAGS, "div"):
        if (element.tag != "div" or len(element) == 0) and _is_related_heading(element):
            wrapper, container = element, element.getparent()
            # climb while the heading's parent holds nothing but the heading
            while container is not None and text_length(container) <= text_length(element) + 5:
                wrapper, container = container, container.getparent()
            if container is not None and (
                container.tag in ("body", "html")
                or container.find(".//h1") is not None
                or _text_before(wrapper) > _LEAD_IN
            ):
                # the heading sits in the story's own box: the list is what follows it
                container = _following_box(element)
            if container is not None and container.tag not in ("body", "html"):
                found.append(container)
    found.sort(key=position)
    articles = [
        a for a in body.iter("article") if not any(p.tag == "article" for p in a.iterancestors())
    ]
    if len(articles) >= 2:
        # beside the main <article> (the one with the <h1> or the page's main text), the
        # other top-level articles are related stories; without a clear main one, none are
        main_text = _main_element(body, found)
        h1 = body.find(".//h1")
        main = next(
            (
                a
                for a in articles
                if (h1 is not None and _contains(a, h1))
                or (main_text is not None and _contains(a, main_text))
            ),
            None,
        )
        if main is not None:
            found.extend(a for a in articles if a is not main)
    memo: dict[HtmlElement, bool] = {}
    found = [c for c in found if not _is_clutter(c, memo)]
    # outermost only
    found_set = set(found)
    return [c for c in dict.fromkeys(found) if not any(a in found_set for a in c.iterancestors())]


def _text_before(element: HtmlElement) -> int:
    """Characters of text in the siblings before an element."""
    return sum(text_length(sibling) for sibling in element.itersiblings(preceding=True))


def _following_box(heading: HtmlElement) -> HtmlElement | None:
    """The list or box right after a heading (climbing out of wrappers around the heading)."""
    node: HtmlElement | None = heading
    while node is not None and node.getnext() is None:
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return None
    box = node.getnext() if node is not None else None
    if box is None or box.tag not in _BOX_TAGS or box.find(".//a[@href]") is None:
        return None
    # a list of teasers is mostly link text; the rest of an article is not
    linked = sum(text_length(a) for a in box.iter("a"))
    return box if linked >= _LINK_SHARE * max(1, text_length(box)) else None


def position(element: HtmlElement) -> tuple[int, ...]:
    """Document order key: the path of sibling indexes from the root."""
    path = []
    node: HtmlElement | None = element
    while node is not None:
        parent = node.getparent()
        path.append(parent.index(node) if parent is not None else 0)
        node = parent
    return tuple(reversed(path))


def _contains(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return element is ancestor or any(a is ancestor for a in element.iterancestors())


def _is_clutter(element: HtmlElement, memo: dict[HtmlElement, bool]) -> bool:
    """Inside a comment section, share bar, cookie banner…: not a related story."""
    if element.tag in ("body", "html"):
        return False
    known = memo.get(element)
    if known is None:
        known = any(CLUTTER_TOKEN.match(t) for t in _tokens(element, _CLUTTER_RAW))
        if not known:
            parent = element.getparent()
            known = parent is not None and _is_clutter(parent, memo)
        memo[element] = known
    return known


def _titles(container: HtmlElement) -> list[HtmlElement]:
    headings = [
        h for h in container.iter(*_HEADINGS) if not _is_related_heading(h) and _own_text(h)
    ]
    if headings:
        return headings
    classed = [
        e
        for e in container.iter()
        if isinstance(e.tag, str)
        and _tokens(e) & _TITLE_TOKENS
        and not _is_related_heading(e)
        and len(_own_text(e).split()) >= 3
    ]
    classed = [e for e in classed if not any(a in classed for a in e.iterancestors())]
    if classed:
        return classed
    return [
        a
        for a in container.iter("a")
        if len(_own_text(a).split()) >= 3 and not is_clutter_line(_own_text(a))
    ]


def _item_element(
    title: HtmlElement, container: HtmlElement, titles: set[HtmlElement]
) -> HtmlElement:
    item = title
    while True:
        parent = item.getparent()
        if parent is None or parent is container:
            return item
        if any(t in titles and t is not title for t in parent.iter()):
            return item
        item = parent


def _meta(item: HtmlElement) -> tuple[str, str]:
    source = published = ""
    for element in item.iter():
        if not isinstance(element.tag, str):
            continue
        tokens = _tokens(element)
        text = _own_text(element)
        if element.tag == "time" and not published:
            published = parse_date(element.get("datetime", "")) or text
        elif element.tag == "cite" and not source:
            source = text
        elif tokens & _TIME_TOKENS and not published and len(text) <= 60 and len(element) == 0:
            age = split_source_age(text)
            published = age[1] if age else (parse_date(text) or "")
        elif tokens & _SOURCE_TOKENS and not source and 0 < len(text) <= 60 and len(element) <= 2:
            meta = split_source_age(text)
            source = meta[0] if meta else text
    if source.lower().startswith("by "):
        source = source[3:].strip()
    return source, published


class Related(NamedTuple):
    story: Story
    lines: tuple[str, ...]  # every text line of the item, meta lines included


def _item_story(item: HtmlElement, title_el: HtmlElement, base: str | None) -> Related | None:
    title = _own_text(title_el)
    if (
        len(title.split()) < 3
        or title.endswith(":")
        or is_clutter_line(title)
        or RELATED_HEADING.match(title)
    ):
        return None
    link = title_el if title_el.tag == "a" else title_el.find(".//a[@href]")
    if link is None:
        link = item if item.tag == "a" else item.find(".//a[@href]")
    href = link.get("href") if link is not None else None
    url = safe_link(urljoin(base, href) if base and href else href) or None
    lines = []
    raw = element_lines(item)
    for line in raw:
        if line.casefold().startswith(title.casefold()) and len(line) > len(title):
            lines.extend([title, line[len(title) :].strip()])
        else:
            lines.append(line)
    story = story_from_lines(title, lines, url)
    source, published = _meta(item)
    return Related(
        Story(
            title=story.title,
            source=source or story.source,
            published=published or story.published,
            url=url,
            text=story.text,
            blocks=story.blocks,
        ),
        tuple(dict.fromkeys([*raw, *lines])),
    )


def find_related(body: HtmlElement, base: str | None) -> tuple[list[Related], list[HtmlElement]]:
    """Related stories found in the page body, and the containers that held them."""
    containers = _containers(body)
    if not containers:
        return [], []
    used: list[HtmlElement] = []
    main = _main_element(body, containers)
    h1 = body.find(".//h1")
    stories: list[Related] = []
    seen: set[str] = set()
    for container in containers:
        inside = set(container.iter())
        if (main is not None and main in inside) or (h1 is not None and h1 in inside):
            continue
        titles = _titles(container)
        if not titles:
            continue
        title_set = set(titles)
        used.append(container)
        for title_el in titles[:_MAX_ITEMS]:
            item = container if len(titles) == 1 else _item_element(title_el, container, title_set)
            story = _item_story(item, title_el, base)
            if story is None or story.story.title.casefold() in seen:
                continue
            seen.add(story.story.title.casefold())
            stories.append(story)
    return stories, used
