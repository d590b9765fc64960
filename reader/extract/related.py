"""Related stories on an HTML page: teaser lists and full related articles.

Containers are found by general cues: class/id/aria tokens ('related', 'more-stories', …), a
heading such as 'Related articles' or 'More from …', an <aside>, or sibling <article> elements
beside the main one. Each container is split into items, one per title (a heading, an element
whose class says title/headline, or a headline-sized link); each item yields a Story with its
title, link, source, age/date and text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml.html import HtmlElement

from reader.extract.clutter import (
    CJK_GENERAL_HEADING,
    CJK_SPECIFIC_HEADING,
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
from reader.textutil import (
    clean_line,
    join_url,
    safe_link,
    spaceless_runs,
    stop_words,
    word_count,
)

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
    r"|à|lire|sur|leia|leggi|czytaj|zobacz|lees|więcej|vous|aimerez|pourriez|también)\b"
    r"|^[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]",  # Chinese, Japanese, Korean: any word
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


def _headline_links(container: HtmlElement, skip: set[HtmlElement]) -> list[HtmlElement]:
    return [
        a
        for a in container.iter("a")
        if a not in skip and word_count(_own_text(a)) >= 3 and not is_clutter_line(_own_text(a))
    ]


def _titles(container: HtmlElement) -> list[HtmlElement]:
    headings = [
        h for h in container.iter(*_HEADINGS) if not _is_related_heading(h) and _own_text(h)
    ]
    labels: set[HtmlElement] = set()
    if headings:
        linked = [h for h in headings if not _is_label_heading(h)]
        if linked:
            # a heading without a link beside linked ones is the box's own heading ('Top
            # deals', 'Tennis latest'): of another rank, or before the first story
            tags = {h.tag for h in linked}
            first = headings.index(linked[0])
            labels = {
                h
                for i, h in enumerate(headings)
                if _is_label_heading(h) and (h.tag not in tags or (i < first and len(linked) >= 2))
            }
        else:
            # headings without links over a list of headline links are the list's headings
            inside = {e for h in headings for e in h.iter()}
            loose = _headline_links(container, inside)
            if len(loose) < 2 or len(loose) <= len(headings):
                return headings
            labels = set(headings)
        headings = [h for h in headings if h not in labels]
        if headings:
            return headings
    in_labels = {e for h in labels for e in (*h.iter(), *h.iterancestors())}
    classed = [
        e
        for e in container.iter()
        if isinstance(e.tag, str)
        and e not in in_labels
        and _tokens(e) & _TITLE_TOKENS
        and not _is_related_heading(e)
        and word_count(_own_text(e)) >= 3
        and len({a.get("href") for a in _headline_links(e, set())}) < 2  # not a list
    ]
    classed = [e for e in classed if not any(a in classed for a in e.iterancestors())]
    if classed:
        return classed
    return _headline_links(container, in_labels)


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


# ----------------------------------------------------------------- teasers versus navigation
# A related story is a teaser of another article. Boxes beside a story also hold section and
# topic links, a widget's own heading, 'follow us' links and menus; these cues tell them apart.


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# path segments under which a site lists articles (a topic, tag, author or section page)
_LISTING_SEGMENTS = _word_set(
    """topic topics tag tags category categories section sections author authors hub hubs
    people person profile profiles user users staff contributor contributors menschen personen keyword keywords subject subjects series
    search archive archives archiv archivio arquivo archief feed feeds rss page label labels thema themen schlagwort
    schlagworte stichwort rubrik rubriken autor autoren etiqueta etiquetas categoria
    categorias categorie rubrique rubriques auteur auteurs tema temas argomento argomenti
    tematy kategoria onderwerp topico topicos tópico tópicos etichetta etichette tag-archive
    edicion ediciones edición edition editions ausgabe ausgaben epaper e-paper"""
)
# path segments of a shop, an offer or an event rather than a story: a product page, a card
# to apply for, a ticket to buy (an id does not make them stories)
_SHOP_SEGMENTS = _word_set(
    """shop shops store stores product products produkt produkte producto productos produit
    produits prodotto prodotti cart checkout apply buy merch merchandise boutique tienda
    event events veranstaltung veranstaltungen tickets"""
)
_SHOP_HOST = re.compile(r"^(?:shop|store|boutique|tienda|loja|merch|tickets?)\.", re.I)
# a site's own pages: about, contact, account …
_SITE_PAGES = _word_set(
    """about about-us about-me who-am-i who-we-are whoami contact contact-us contacts privacy
    privacy-policy terms terms-of-use terms-of-service terms-and-conditions imprint impressum
    advertise advertising careers jobs subscribe subscription subscriptions newsletter
    newsletters login log-in signin sign-in register signup sign-up account my-account
    shop store sitemap faq help donate index default home kontakt datenschutz agb ueber-uns
    uber-uns mentions-legales a-propos qui-sommes-nous contacto quienes-somos aviso-legal
    contatti chi-siamo privacy-beleid over-ons"""
)
_PAGE_EXT = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cms|ece|ghtml|phtml|cfm)$", re.I)
_ID_RUN = re.compile(r"\d{4,}")
_SLUG_SPLIT = re.compile(r"[-_+,~ ]+")
_WORD_RE = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# query keys that name one article (?p=123, ?id=…, ?v=… for a video)
_ID_KEYS = _word_set(
    "p id v story storyid article articleid art post postid aid sid nid docid newsid "
    "item itemid entry contentid"
)
_TRACKING_KEYS = re.compile(r"^(?:utm_\w+|mod|ref|rel|src|cmp|cmpid|ito|ocid|fbclid|gclid)$")
# a box's own heading or a label, not a headline ('You may like these posts', 'Most read in
# World', 'Trending now on …', 'Around the web', 'Sign up for our newsletter')
_NAME = r"[\w.'’&+@-]+(?:\ [\w.'’&+@-]+){0,2}"  # a site or section name after 'on', 'in'
WIDGET_LABEL = re.compile(
    r"""^(?:
        (?:you\ (?:may|might|will|'ll)|we\ think\ you(?:'ll|\ will)?)(?:\ also)?
            \ (?:like|love|enjoy)(?:\ (?:these|this|those|the\ following))?
            (?:\ (?:posts?|stories|articles?|reads?|videos?))?
      | (?:\S+\ )?(?:most|top)\ (?:read|popular|viewed|shared|commented|watched|emailed|clicked)
            (?:\ (?:now|today|this\ week|stories|articles|posts|videos|news))?
            (?:\ (?:in|on|from)\ NAME)?
      | (?:\S+\ )?(?:trending|popular)(?:\ (?:now|today|this\ week|stories|articles|posts|videos
            |news|topics|searches))?(?:\ (?:in|on|at|from)\ NAME)?
      | (?:\S+\ )?(?:top|latest|featured|editor'?s?|staff)\ (?:deals|picks|videos|topics|offers)
            (?:\ (?:in|on|from|for)\ NAME)?
      | (?:from\ )?around\ the\ (?:web|network|site) | from\ the\ web
      | (?:picked|selected|recommended|chosen|curated|handpicked)\ for\ you
      | don'?t\ miss(?:\ (?:this|these|out))? | promoted\ (?:stories|content|links)
      | sponsored\ (?:stories|content|links|posts)
      | (?:follow|find|like|join|check|connect\ with)\ us(?:\ on\ NAME)?
      | (?:sign\ up|subscribe|register)\b.{0,40}\b(?:newsletters?|e-?mails?|feeds?|rss|alerts
            |updates|our\ \w+)\b.{0,20}
      | .{0,40}\b(?:featured|mentioned)\ in\ this\ (?:article|story|post|video)
      | .{0,40}\b(?:scroll\ )?back\ to\ top
      | click\ here\b.* | (?:see|view|show|browse)\ (?:all|more)\b.{0,30}
    )[\s.:!…»›>]*$""".replace("NAME", _NAME),
    re.VERBOSE | re.IGNORECASE,
)


def _slug_words(segment: str) -> list[str]:
    return [w for w in _SLUG_SPLIT.split(segment.casefold()) if w]


def _same_word(a: str, b: str) -> bool:
    """Equal, or the same word with another ending (vegan, veganer; fare, fares)."""
    short, long = sorted((a, b), key=len)
    return short == long or (
        len(short) >= 4 and len(long) - len(short) <= 3 and long.startswith(short)
    )


def link_kind(url: str | None, title: str, page_url: str | None = None) -> str:
    """What a teaser's link points at, from its URL: 'article', or why it is not one.

    'home' (a site's front page), 'self' (the page itself, '#top'), 'listing' (a topic, tag,
    section or author page), 'shop' (a shop, a product, an offer to apply for, an event;
    also on a shop's own host), 'site' (about, contact, login …) or 'short' (a path of one or two
    words, no id and no page name: a section such as /horoscope or /news/world). Under a
    title of five words or more, or of three that name the path, a short path is an article
    (/news/bus-fares for 'Bus fares to rise in January'); a one-word top-level path is one only
    under a headline of four words or more that names it. `url` None is 'none'.
    """
    if not url:
        return "none"
    parts = urlsplit(url)
    if _SHOP_HOST.match(parts.netloc) or any(
        unquote(s).casefold() in _SHOP_SEGMENTS for s in parts.path.split("/")[:-1] if s
    ):
        return "shop"
    if page_url:
        page = urlsplit(page_url)
        if (parts.netloc, parts.path.rstrip("/")) == (page.netloc, page.path.rstrip("/")) and (
            not parts.query or parts.query == page.query
        ):
            return "self"
    query = parse_qsl(parts.query)
    query_id = any(
        key.lower() in _ID_KEYS
        and (any(c.isdigit() for c in value) or (len(value) >= 8 and not value.islower()))
        for key, value in query
    )
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments and _PAGE_EXT.search(segments[-1]):
        stem = _PAGE_EXT.sub("", segments[-1])
        if stem.casefold() in ("index", "default", "home", "main"):
            # /news/index.html is the front of the /news/ section; index.php?show=chapter_2
            # is a page the script shows
            if any(not _TRACKING_KEYS.match(key.lower()) for key, _ in query):
                return "article"
            return "listing" if len(segments) > 1 else "home"
        else:
            segments[-1], has_ext = stem, bool(stem)
    else:
        has_ext = False
    if not segments:
        return "article" if query_id else "home"
    last = segments[-1]
    last_id = bool(_ID_RUN.search(last))
    if any(s.casefold() in _LISTING_SEGMENTS for s in segments) and not (
        has_ext or last_id or query_id
    ):
        return "listing"
    if len(segments) <= 2 and last.casefold() in _SITE_PAGES and not query_id:
        return "site"
    words = _slug_words(last)
    if (
        has_ext
        or query_id
        or _ID_RUN.search(parts.path)
        or last.isdigit()
        or len(words) >= 3
        or sum(1 for c in last if c.isalpha() and not c.isascii()) >= 4
    ):
        return "article"
    title_words = _WORD_RE.findall(title.casefold())
    overlap = any(w.isalpha() and any(_same_word(w, t) for t in title_words) for w in words)
    length = sum(map(word_count, title_words))  # (a Chinese or Japanese headline is one \w+)
    if len(segments) == 1 and len(words) == 1 and words[0].isalpha() and len(words[0]) >= 3:
        # a site's top-level word (/horoscope, /weather, /video) is a section, unless the
        # headline names it
        return "article" if overlap and length >= 4 else "short"
    if length >= 5 or (overlap and length >= 3):
        return "article"  # a headline over a short path (/news/bus-fares, /hazelnut-cake)
    return "short"


def link_key(url: str) -> str:
    """A URL without scheme, fragment, trailing slash and tracking parameters (for duplicates)."""
    parts = urlsplit(url)
    query = "&".join(
        f"{k}={v}" for k, v in parse_qsl(parts.query) if not _TRACKING_KEYS.match(k.lower())
    )
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}?{query}"


_NAV_RAW = re.compile(r"nav|menu", re.I)
_NAV_TOKEN = re.compile(r"^(?:nav|navbar|navigation|menu|menus|main-menu|megamenu|mega-menu)$")


class _Menus:
    """Link texts of the page's menus (<nav>, role=navigation, class 'menu'/'nav'), read once
    and only when asked."""

    def __init__(self, body: HtmlElement) -> None:
        self._body = body
        self._links: dict[str, list[HtmlElement]] | None = None

    def links(self, text: str) -> list[HtmlElement]:
        if self._links is None:
            self._links = {}
            seen: set[HtmlElement] = set()
            for region in self._body.iter("nav", "ul", "div", "header"):
                if not (
                    region.tag == "nav"
                    or region.get("role") == "navigation"
                    or any(_NAV_TOKEN.match(t) for t in _tokens(region, _NAV_RAW))
                ):
                    continue
                for link in region.iter("a"):
                    if link not in seen:
                        seen.add(link)
                        key = _own_text(link).casefold()
                        if key:
                            self._links.setdefault(key, []).append(link)
        return self._links.get(text.casefold(), [])


def _is_label_heading(heading: HtmlElement) -> bool:
    """A heading with no link of its own (the box's heading rather than a story's)."""
    return heading.find(".//a[@href]") is None and not any(
        a.tag == "a" for a in heading.iterancestors()
    )


class Related(NamedTuple):
    story: Story
    lines: tuple[str, ...]  # every text line of the item, meta lines included
    # where the item links to, also when the page has no address to make a relative link whole
    # (then it stands on _NO_BASE): what the link points at, not a link to follow
    target: str | None = None
    # the box it is in: 'site', a site-wide list (trending, most read, picks, a sidebar) whose
    # items are related stories only when they share words with the main story; 'related', a
    # box the page says is related ('Related stories', class 'related-links'), whose items are
    # kept when they share a name or a word with it; 'other', a box without a label, whose
    # items are kept when one of them has a word of the main story (see on_topic)
    kind: str = "related"
    box: int = 0  # which box on the page (its items are judged together)


_NO_BASE = "https://page.invalid/"
_COUNT_LINE = re.compile(r"^[\s(\[]*\d[\d,.]*\s*[km]?[\s)\]]*$", re.I)


def _title_text(title_el: HtmlElement) -> str:
    """The headline of a title element; a link or box that holds the headline beside a blurb
    or a date ('<a><span>Headline</span><span>Blurb…</span></a>') gives the headline alone."""
    text = _own_text(title_el)
    if title_el.tag in _HEADINGS:
        return text
    if title_el.tag != "a":
        links = [a for a in title_el.iter("a") if word_count(_own_text(a)) >= 3]
        if links and len({a.get("href") for a in links}) == 1:
            return _own_text(links[0])  # not the date or the second line beside the link
        return text  # a box whose class says 'headline' holds kicker and headline
    if (title_el.text or "").strip() or any((c.tail or "").strip() for c in title_el):
        return text
    pieces = [
        e
        for e in title_el.iterdescendants()
        if isinstance(e.tag, str)
        and e.tag not in ("script", "style", "noscript", "template")
        and (e.text or "").strip()
    ]
    if len(pieces) < 2:
        return text
    named = [e for e in pieces if _tokens(e) & _TITLE_TOKENS]
    return next((_own_text(e) for e in [*named, *pieces] if word_count(_own_text(e)) >= 3), text)


def _item_story(item: HtmlElement, title_el: HtmlElement, base: str | None) -> Related | None:
    title = _title_text(title_el)
    if (
        word_count(title) < 3
        or title.endswith(":")
        or is_clutter_line(title)
        or RELATED_HEADING.match(title)
    ):
        return None
    link = title_el if title_el.tag == "a" else title_el.find(".//a[@href]")
    if link is None:
        link = item if item.tag == "a" else item.find(".//a[@href]")
    href = link.get("href") if link is not None else None
    url = safe_link(join_url(base, href) if base and href else href) or None
    target = url or (safe_link(join_url(base or _NO_BASE, href)) if href else None) or None
    lines = []
    raw = element_lines(item)
    for line in raw:
        if line.casefold().startswith(title.casefold()) and len(line) > len(title):
            lines.extend([title, line[len(title) :].strip()])
        else:
            lines.append(line)
    # counters under a teaser (shares, comments, views) are not its text
    lines = [
        line for line in lines if not _COUNT_LINE.match(line) and not CALL_TO_ACTION.match(line)
    ]
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
        target,
    )


# a call to act rather than a headline: 'Hurry before it's gone!', 'Shop now', 'Get the deal'
CALL_TO_ACTION = re.compile(
    r"""^(?:
        (?:hurry|act\ fast|don'?t\ wait)\b.{0,40}
      | (?:shop|buy|order|book|grab|claim|get|see)\ (?:it\ |yours\ |them\ )?(?:now|today|here)\b.{0,20}
      | (?:get|grab|claim|see)\ (?:the|this|your|our)\ (?:deal|offer|discount|price|coupon)s?\b.{0,20}
      | (?:sale\ )?ends?\ (?:soon|today|tonight)\b.{0,20} | limited[-\ ]time\ (?:offer|deal|only)\b.{0,20}
      | (?:jetzt|hier)\ (?:kaufen|bestellen|sichern|shoppen)\b.{0,20}
      | (?:achetez|commandez|profitez)\b.{0,30} | (?:compra|cómpralo|aprovecha)\b.{0,30}
    )[\s.!…»›>]*$""",
    re.VERBOSE | re.IGNORECASE,
)
# an issue of the paper ('Newspaper of 2019/02/09', 'Ausgabe vom 12.03.2020'): a date and a
# few words at most
_DATE_IN_TITLE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
# a shop's name ('The … FanShop', '… Store'): the headline's last word
_SHOP_TITLE = re.compile(r"(?:^|\s)\w*(?:Shop|Store|Boutique)$")


def not_a_story(title: str) -> str | None:
    """Why a teaser's headline is not a story's ('ad', 'cta', 'issue', 'shop'), or None.

    An ad names a product with ® or ™; a call to act asks for a purchase ('Hurry before it's
    gone!'); an issue of the paper is a date and at most three words; a shop's name ends in
    'Shop' or 'Store' (a compound such as 'FanShop' too).
    """
    if "®" in title or "™" in title:
        return "ad"
    if CALL_TO_ACTION.match(title):
        return "cta"
    date = _DATE_IN_TITLE.search(title)
    if date and sum(map(word_count, _WORD_RE.findall(_DATE_IN_TITLE.sub(" ", title)))) <= 3:
        return "issue"
    if _SHOP_TITLE.search(title.rstrip(" .!")):
        return "shop"
    return None


def _not_a_teaser(
    found: Related, item: HtmlElement, page_url: str | None, menus: _Menus
) -> str | None:
    """Why an item is not a teaser of another article (None when it is one)."""
    story = found.story
    if (
        WIDGET_LABEL.match(story.title)
        or sum(word_count(w) for w in story.title.split() if _LETTER.search(w)) < 2
    ):
        return "label"  # a box's label, or a phone number or date rather than a headline
    why = not_a_story(story.title)
    if why:
        return why
    kind = link_kind(found.target, story.title, page_url)
    if kind == "none":
        # neither a link nor any text: a box's heading or a widget (videos played in place)
        if not story.text and item.find(".//a[@href]") is None and item.tag != "a":
            return "label"
        return None
    if kind != "article":
        return kind
    if word_count(story.title) <= 4:
        # the same words as a menu entry elsewhere on the page: a section, not a story
        inside = set(item.iter())
        if any(link not in inside for link in menus.links(story.title)):
            return "menu"
    return None


def find_related(body: HtmlElement, base: str | None) -> tuple[list[Related], list[HtmlElement]]:
    """Related stories found in the page body, and the containers that held them."""
    containers = _containers(body)
    if not containers:
        return [], []
    used: list[HtmlElement] = []
    main = _main_element(body, containers)
    h1 = body.find(".//h1")
    menus = _Menus(body)
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
        kept: list[Related] = []
        links_out = 0
        for title_el in titles[:_MAX_ITEMS]:
            item = container if len(titles) == 1 else _item_element(title_el, container, title_set)
            story = _item_story(item, title_el, base)
            if story is None:
                continue
            why = _not_a_teaser(story, item, base, menus)
            if why in ("home", "listing", "site", "short", "menu"):
                links_out += 1
            if why is None:
                kept.append(story)
        if links_out >= 2 and links_out > len(kept):
            continue  # mostly section and topic links: a menu, not a list of stories
        if kept:
            kind = _box_kind(container)
            kept = [item._replace(kind=kind, box=len(used)) for item in kept]
        for story in kept:
            keys = {story.story.title.casefold()}
            if story.target:
                keys.add(link_key(story.target))
            if keys & seen:
                continue
            seen.update(keys)
            stories.append(story)
    return stories, used


# ------------------------------------------------------------ related versus site-wide lists
# A box that says it is related ('Related stories', 'More on this', class 'related-links')
# mostly lists stories about the same thing, but many sites fill it with their latest stories
# whatever the page is about: its items are related stories when they share one word or name
# with the main story. Trending, most-read and latest lists, editors' picks, recommendation
# widgets and sidebars list the site's other stories: their items need more (see on_topic).

_SPECIFIC_TOKEN = re.compile(
    r"""^(?:
        related(?:-?(?:articles?|stories|posts|news|content|links|items?|reads?|list|coverage))?
      | more-?(?:on|like-?this) | read-?(?:more|also) | also-?read | further-?reading
      | see-?also | lire-?aussi | voir-?aussi
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_SPECIFIC_HEADING = re.compile(
    r"""^(?:
        related(?:\ (?:articles?|stories|news|posts|content|coverage|reading|links))?
      | more\ (?:on|about)\ (?:this|the|these)\b.{0,40} | more\ like\ this
      | read\ (?:more|also)(?:\ (?:on|about)\b.{0,40})? | also\ read | further\ reading
      | see\ also | auch\ interessant | mehr\ zum\ thema
      | (?:ähnliche|verwandte)\ (?:beiträge|artikel|themen|nachrichten|news)\b.{0,40}
      | lesen\ sie\ (?:auch|mehr) | auch\ lesen | noticias\ relacionadas | (?:à\ )?lire\ aussi
      | sur\ le\ même\ sujet | leia\ também | leggi\ anche | czytaj\ (?:też|także)
      | zobacz\ (?:też|także) | lees\ ook | więcej\ na\ ten\ temat
      | CJK_SPECIFIC
    )\s*:?$""".replace("CJK_SPECIFIC", CJK_SPECIFIC_HEADING),
    re.VERBOSE | re.IGNORECASE,
)
# a site's list of its own stories: "Trending", "Most read", "Latest stories", "DH Picks"
_GENERAL_HEADING = re.compile(
    r"""^(?:
        (?:\S+\ ){0,2}(?:picks|favou?rites|highlights)(?:\ (?:for\ you|of\ the\ \w+))?
      | (?:\S+\ )?(?:trending|popular|latest|top\ (?:stories|news|headlines|reads)|must\ reads?
            |don'?t\ miss)\b.{0,40}
      | (?:most|top)\ (?:read|popular|viewed|shared|commented|watched|emailed)\b.{0,40}
      | (?:you\ )?(?:may|might)\ also\ (?:like|enjoy|be\ interested\ in)
      | recommended\b.{0,20} | in\ other\ news | (?:from\ )?around\ the\ (?:web|network|site)
      | editor'?s?'?\ (?:picks?|choice)
      | meistgelesen\w* | (?:die\ )?neuesten?\b.{0,30} | beliebt\w*\b.{0,30}
      | les\ plus\ lus | lo\ más\ leído | i\ più\ letti | najczęściej\ czytane
      | CJK_GENERAL
    )\s*:?$""".replace("CJK_GENERAL", CJK_GENERAL_HEADING),
    re.VERBOSE | re.IGNORECASE,
)
_GENERAL_TOKEN = re.compile(
    r"""^(?:
        trending | popular | most-?(?:read|popular|viewed|shared|commented)
      | latest(?:-?(?:news|stories|articles|posts))? | top-?(?:stories|news|picks)
      | recommended | recommendations? | suggested | you-?may-?(?:also-?)?like
      | editors?-?picks? | picks | sidebar | side-?bar | rail | right-?rail | right-?column
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_GENERAL_RAW = re.compile(
    r"relat|more|read|also|see|aussi|trend|popular|latest|top|recommend|suggest|like|pick|side"
    r"|rail|column",
    re.I,
)
_LABEL_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "header", "div")


def _label_text(element: HtmlElement) -> str:
    if not isinstance(element.tag, str) or len(element) > 3:
        return ""
    text = _own_text(element)
    return text if 2 <= len(text) <= 60 else ""


def _box_labels(container: HtmlElement) -> list[str]:
    """Short heading-like texts at the top of a box, and the heading right before it."""
    labels: list[str] = []
    for index, element in enumerate(container.iter(*_LABEL_TAGS)):
        if index >= 12:
            break
        if element.find(".//a[@href]") is None:
            text = _label_text(element)
            if text:
                labels.append(text)
    node: HtmlElement | None = container
    for _ in range(3):  # the heading before a list (climbing out of the list's wrappers)
        if node is None:
            break
        before = node.getprevious()
        if before is not None:
            text = _label_text(before) if before.tag in _LABEL_TAGS else ""
            if text:
                labels.append(text)
            break
        node = node.getparent()
    return labels


def _box_kind(container: HtmlElement) -> str:
    """'related' for a box the page says is related (its class or its heading, 'Related
    stories'); else 'site' for a site-wide list (trending, latest, picks, a sidebar); else
    'other'."""
    tokens = _tokens(container, _GENERAL_RAW)
    if any(_SPECIFIC_TOKEN.match(t) for t in tokens):
        return "related"
    labels = _box_labels(container)
    if any(_SPECIFIC_HEADING.match(label) for label in labels):
        return "related"
    if any(_GENERAL_TOKEN.match(t) for t in tokens) or any(
        _GENERAL_HEADING.match(label) or WIDGET_LABEL.match(label) for label in labels
    ):
        return "site"
    # placement: in an <aside> or a box whose class says sidebar or rail
    for ancestor in container.iterancestors():
        if ancestor.tag == "aside" or any(
            _GENERAL_TOKEN.match(t) for t in _tokens(ancestor, _GENERAL_RAW)
        ):
            return "site"
    return "site" if container.tag == "aside" else "other"


# words that say when, not what: shared by stories about anything
_TIME_WORDS = _word_set(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow week
    weekend month year years day days morning evening night tonight
    montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli
    oktober dezember heute gestern morgen woche jahr jahre
    lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin
    juillet août septembre octobre novembre décembre aujourd hier demain semaine année
    lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio
    julio agosto septiembre setiembre octubre noviembre diciembre hoy ayer mañana semana año
    lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio aprile maggio
    giugno luglio agosto settembre ottobre dicembre oggi ieri domani settimana anno
    segunda terça quarta quinta sexta janeiro fevereiro março maio junho julho setembro
    outubro dezembro hoje ontem amanhã
    poniedziałek wtorek środa czwartek piątek sobota niedziela stycznia lutego marca kwietnia
    maja czerwca lipca sierpnia września października listopada grudnia dziś wczoraj jutro"""
)
# words of any headline: they say nothing of what a story is about
_FILLER_WORDS = _word_set(
    """says said say new news first last latest update updates report reports live video
    videos photos watch read week top best more people man woman just now here what how why
    who could would will can may might also still back make makes made take takes get gets
    year's one two three four five"""
)
# at most this many of a page's teasers become related stories (the best by shared words)
MAX_RELATED = 5


@cache
def _stop_words() -> frozenset[str]:
    languages = ("english", "german", "french", "spanish", "italian", "portuguese", "polish")
    stop = {w.casefold() for language in languages for w in stop_words(language)}
    return frozenset(stop | _TIME_WORDS | _FILLER_WORDS)


# Chinese and Japanese have no spaces between words, and a Korean word carries its particles
# (요금이, 요금을: 'the fare'); what such texts share is pairs of characters (syllables in
# Korean), as search engines for them index. A pair is a word of its own in the overlap of a
# teaser and the story, unless it holds kana of grammar (hiragana: particles, endings) or one
# of Chinese's commonest grammar words.
_HANGUL = re.compile(r"^[\uac00-\ud7a3]{2,}$")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_ZH_GRAMMAR = frozenset(
    "的了是在和与及也都就而被把对将为于这那们之其并但等个着从向與對將為於這們個著從"
)


def _pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] if len(run) > 1 else [run]


def _spaced_terms(text: str) -> list[str]:
    return [
        pair
        for word in _WORD_RE.findall(text)
        for pair in (_pairs(word) if _HANGUL.match(word) else [word])
    ]


def terms(text: str) -> list[str]:
    """The words of ``text`` (``\\w+``), where a run of Han or kana gives its overlapping pairs of
    characters and a Korean word the pairs of its syllables ('북경지하철' 'subway' of Beijing:
    '북경', '경지', '지하', '하철'). Text in other scripts gives ``_WORD_RE.findall(text)``."""
    found: list[str] = []
    at = 0
    for start, end, size in spaceless_runs(text):
        found += _spaced_terms(text[at:start])
        found += _pairs(text[start:end]) if size == 2 else _WORD_RE.findall(text[start:end])
        at = end
    return found + _spaced_terms(text[at:])


def _is_pair(word: str) -> bool:
    """A pair of Han, kana or Hangul characters from ``terms``."""
    return len(word) == 2 and (
        bool(_HANGUL.match(word)) or any(size == 2 for _, _, size in spaceless_runs(word))
    )


def _is_content(word: str, stop: frozenset[str]) -> bool:
    """A word that says what a story is about (casefolded): not a stop word or a number, of
    three letters or more, or a pair of characters that is not grammar."""
    if _is_pair(word):
        return not _HIRAGANA.search(word) and not any(c in _ZH_GRAMMAR for c in word)
    return len(word) >= 3 and not word.isdigit() and word not in stop


def _content_words(text: str) -> set[str]:
    stop = _stop_words()
    return {w for w in terms(text.casefold()) if _is_content(w, stop)}


def _akin(a: str, b: str) -> bool:
    """The same word, one with another ending (policía, policiales; Mendoza, mendocino), or
    a compound ending in the other (quarterfinals, finals; Rüstungskonzern, Konzern)."""
    short = min(len(a), len(b))
    if _same_word(a, b):
        return short >= 5 or abs(len(a) - len(b)) <= 2  # not play, playoff
    if short < 6:
        return False
    if a.endswith(b) or b.endswith(a):
        return True
    same = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        same += 1
    return same >= 5 and short - same <= 2


def _title_case(tokens: list[str]) -> bool:
    """Whether a headline's words are written in title case ('Canada Orders Chinese Firm …')."""
    letters = [t for t in tokens if len(t) >= 4 and t.isalpha()]
    return sum(1 for t in letters if t[0].isupper()) > 0.6 * max(1, len(letters))


def _same_form(a: str, b: str) -> bool:
    """The same word, or one with a plural's ending (repair, repairs; library, libraries)."""
    short, long = sorted((a, b), key=len)
    if short.endswith("y") and long == f"{short[:-1]}ies":
        return True
    return long.startswith(short) and len(long) - len(short) <= 2


def _name_units(headline: str) -> list[set[str]]:
    """A headline's content words, a run of capitalised words in a headline written in
    sentence case taken as one name ('Bay Area', 'Hong Kong')."""
    stop = _stop_words()
    tokens = terms(headline)
    title_case = _title_case(tokens)
    units: list[set[str]] = []
    joined = False  # the previous token was a capitalised content word
    for index, token in enumerate(tokens):
        word = token.casefold()
        content = _is_content(word, stop)
        if not content:
            joined = False
            continue
        capital = token[0].isupper() and not title_case and index > 0
        if capital and joined:
            units[-1].add(word)
        else:
            units.append({word})
        joined = capital
    distinct: list[set[str]] = []
    for unit in units:  # 'Russian official: … Russian hacker' has the word once
        if unit not in distinct:
            distinct.append(unit)
    return distinct


def _text_shared(item: Related, topic: set[str]) -> int:
    """How many words of a teaser's headline and the opening of its text the story's title
    and opening have (0 for a teaser without a text)."""
    if not item.story.text:
        return 0
    words = _content_words(f"{item.story.title} {_lead(item.story.text)}")
    return sum(1 for word in words if any(_akin(word, other) for other in topic))


def _lead(text: str) -> str:
    """The opening of a story's text: its first paragraph, or its first 400 characters."""
    first = text.lstrip().split("\n\n", 1)[0]
    return first if len(first) >= 120 else text[:400]


# a word in running text and the mark right before it ('.' ends a sentence, and the next
# word has a capital whatever it is)
_WORD_LINE = re.compile(r"(\S?)[\s\"'“‘(\[«-]*\b(\w+)")
_SENTENCE_END = frozenset(".!?…:")


def _names(text: str) -> set[str]:
    """The words a text writes with a capital inside its sentences more often than without
    (casefolded): names ('Canada', 'Hikvision', 'ECB'), in German also its nouns."""
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    for line in text.splitlines():
        for index, match in enumerate(_WORD_LINE.finditer(line)):
            word = match.group(2)
            if not word[0].isalpha() or index == 0 or match.group(1) in _SENTENCE_END:
                continue
            into = upper if word[0].isupper() else lower
            key = word.casefold()
            into[key] = into.get(key, 0) + 1
    return {w for w, n in upper.items() if n > lower.get(w, 0)}


def _shares_a_name(
    item: Related,
    shared: list[set[str]],
    topic: set[str],
    own: set[str],
    names: set[str],
    counts: dict[str, int],
) -> bool:
    """The bar of a box labelled related: the teaser's headline (its units `shared` with the
    `topic`) has one name of the story's (`names`) or one word the story uses three times, or
    a word of the story's headline (`own`) in the same form (repair, repairs; not threat,
    threatens); or the opening of its text has such a name or word, or a word of the story's
    headline that the story uses again. In Chinese, Japanese or Korean, two pairs of characters
    of the headline do too. A word of the teaser's own source ('Mint') does not count."""
    source = _content_words(item.story.source)
    head = [
        (w, other)
        for unit in shared
        if not unit <= source
        for w in unit
        for other in topic
        if _akin(w, other)
    ]
    if len({w for w, _ in head if _is_pair(w)}) >= 2:
        return True
    own_names = set() if _title_case(terms(item.story.title)) else _names(item.story.title)

    def named(w: str, other: str, again: int) -> bool:
        if counts.get(other, 0) >= 3:
            return True
        if _is_pair(w):
            return False
        return (
            w in own_names
            or other in names
            or (other in own and _same_form(w, other) and counts.get(other, 0) >= again)
        )

    if any(named(w, other, 1) for w, other in head):
        return True
    if not item.story.text:
        return False
    opening = _content_words(_lead(item.story.text)) - source
    return any(named(w, other, 2) for w in opening for other in topic if _akin(w, other))


def on_topic(items: list[Related], title: str, text: str) -> list[Related]:
    """The items that are related stories of a story with this title and text.

    A teaser shares words with the story when its headline has two words (not stop words,
    days or months, nor words of any headline such as 'says') of the story's title and
    opening, or one that makes a quarter of its headline's words, or when its own text opens
    with three of them. From a site-wide list, only those that share words stay; from a box
    the page says is related, also those whose headline or opening has one word of the story's
    headline in the same form (repair, repairs), one name of the story's ('Canada': written
    with a capital inside its sentences) or one word it uses three times, none of them the
    teaser's own source ('Mint'); in Chinese, Japanese or Korean, two pairs of characters of
    the headline or one the story uses three times. From a box without a label, all when one of
    them has a word of the story, else none. Of what stays, the MAX_RELATED that share most
    words, in page order.
    """
    if not items:
        return items
    topic = _content_words(f"{title} {_lead(text)}")
    own = _content_words(title)
    names = _names(text[:20_000])
    if not _title_case(terms(title)):
        names |= _names(title)

    counts: dict[str, int] = {}
    for word in terms(f"{title} {text[:20_000]}".casefold()):
        counts[word] = counts.get(word, 0) + 1

    def score(item: Related) -> tuple[int, float, int, bool]:
        units = _name_units(item.story.title)
        if not units or set().union(*units) == own:
            # a teaser of the story itself (dropped elsewhere) tells nothing
            return 0, 0.0, 0, False
        shared = [unit for unit in units if any(_akin(w, other) for w in unit for other in topic)]
        in_text = _text_shared(item, topic)
        part = len(shared) / len(units)
        if len(shared) == 1 and part < 1 / 4:
            # one word in a long headline: enough only when the story uses it often
            often = any(counts.get(w, 0) >= 3 for w in shared[0])
            part = part if often and part >= 1 / 5 else 0.0
        labelled = item.kind == "related" and _shares_a_name(
            item, shared, topic, own, names, counts
        )
        return len(shared), part, in_text, labelled

    scores = [score(item) for item in items]
    shares = [n >= 2 or part > 0 or in_text >= 3 for n, part, in_text, _ in scores]
    boxes_sharing = {
        item.box for item, (n, _, in_text, _) in zip(items, scores, strict=True) if n or in_text
    }
    keep = [
        i
        for i, item in enumerate(items)
        if (item.kind == "related" and (shares[i] or scores[i][3]))
        or (item.kind == "site" and shares[i])
        or (item.kind == "other" and item.box in boxes_sharing)
    ]
    if len(keep) > MAX_RELATED:
        best = sorted(keep, key=lambda i: (-scores[i][0], -scores[i][1], -scores[i][2], i))
        keep = sorted(best[:MAX_RELATED])
    return [items[i] for i in keep]
