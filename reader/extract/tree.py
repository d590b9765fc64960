"""Parsing HTML safely (bounded depth, size and table spans) and reading lines of text from it."""

from __future__ import annotations

import re

from lxml import etree, html
from lxml.html import HtmlElement

from reader.textutil import clean_line, mend_charrefs

# Bounds that keep extraction time bounded (a news page without its scripts is rarely over
# 500 kB and 10,000 elements; at these caps one page takes about a second at most)
MAX_CHARS = 1_500_000
MAX_ELEMENTS = 15_000
MAX_DEPTH = 200
LARGE = "The page is very large; only its beginning was read."
MAX_SPAN = 20
MAX_SPAN_TOTAL = 5_000

# (every pattern here has bounded repeats: a regex over a whole page must stay linear)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,500}\?>", re.I)
_CODE_OPEN = re.compile(r"<(script|style|template|svg)\b([^>]{0,2000})>", re.I)
_CODE_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "template", "svg")
}
_WRAPPERS = re.compile(
    r"</?(?:div|span|section|font|center|main|article|aside|header|footer|nav|b|i|u|em|strong"
    r"|small|big|blockquote|table|tbody|thead|tr|td|th|ul|ol|li|dl|dd|dt|a|label|form)\b"
    r"[^>]{0,2000}>",
    re.I,
)
_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "button",
    "select",
    "input",
    "textarea",
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# a card that shows only while the pointer is over a link (a person's photo and latest stories,
# a term's definition): its markup sits in the sentence, right after the link
_HOVER_CLASS = re.compile(r"tool-?tip|popover|hover-?card|rollover", re.I)
_HOVER_TOKEN = re.compile(
    r"^(?:tool-?tips?(?:-?(?:text|content|body))?|popovers?(?:-?(?:content|body))?"
    r"|hover-?cards?|rollovers?)$",
    re.I,
)
# the utility classes that hide an element until a script shows it (a form's "Thank you");
# not with a screen-size variant ("hidden lg:block" shows on large screens)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hide|hidden|is-hidden|d-none)(?:\s|$)", re.I)
_FLOW_TAGS = frozenset(["p", "li", "dd", "blockquote", "h2", "h3", "h4", "h5", "h6"])
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "td",
        "th",
        "ul",
        "br",
        "summary",
        "caption",
    ]
)


def _depth(tree: HtmlElement) -> int:
    deepest = depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= MAX_DEPTH:
                    break
        else:
            depth -= 1
    return deepest


def parse_html(text: str) -> tuple[HtmlElement | None, list[str]]:
    """Parse a page into an lxml tree with invisible and hidden parts removed; notes say what was cut."""
    notes: list[str] = []
    # (a surrogate pair written as two references, "&#55357;&#56832;", is one character: libxml2
    # would make it two U+FFFD)
    text = mend_charrefs(_XML_DECL.sub("", _strip_code(text)))
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(LARGE)
    tree = _parse(text)
    if tree is None:
        return None, notes
    if _depth(tree) >= MAX_DEPTH:
        # libxml2 silently drops what lies below depth 256: flatten wrappers and parse again
        flat = _WRAPPERS.sub("\n", text)
        flat_tree = _parse(flat)
        tree = flat_tree if flat_tree is not None else tree
        notes.append("The page's markup is nested too deeply; its layout was flattened.")
    for count, element in enumerate(tree.iter(), start=1):
        if count > MAX_ELEMENTS:
            _cut_from(element)
            notes.append(LARGE)
            break
    clean_tree(tree)
    mend_tree(tree)
    return tree, notes


def _strip_code(text: str) -> str:
    """Cut scripts, styles, templates and SVG out of the raw page in one forward pass (JSON-LD
    metadata stays: trafilatura reads title, author and dates from it). An unclosed one runs to
    the end of the page, as in a browser."""
    parts: list[str] = []
    position = 0
    while True:
        opening = _CODE_OPEN.search(text, position)
        if opening is None:
            parts.append(text[position:])
            break
        name = opening.group(1).lower()
        closing = _CODE_CLOSE[name].search(text, opening.end())
        end = closing.end() if closing else len(text)
        if name == "script" and "ld+json" in opening.group(2).lower():
            parts.append(text[position:end])
        else:
            parts.append(text[position : opening.start()])
            parts.append(" ")
        position = end
        if closing is None:
            break
    return "".join(parts)


def _cut_from(element: HtmlElement) -> None:
    """Remove an element and everything after it in document order."""
    node: HtmlElement | None = element
    first = True
    while node is not None:
        parent = node.getparent()
        if parent is None:
            break
        for sibling in list(node.itersiblings()):
            parent.remove(sibling)
        if first:
            parent.remove(node)
            first = False
        node = parent


def _parse(text: str) -> HtmlElement | None:
    if not text.strip():
        return None
    try:
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
        tree = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return None
    return tree


def clean_tree(tree: HtmlElement) -> None:
    """Remove what a reader never sees (scripts, styles, hidden parts) and clamp table spans."""
    doomed = []
    budget = MAX_SPAN_TOTAL
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            doomed.append(element)
            continue
        if tag in _INVISIBLE:
            if tag != "script" or "ld+json" not in element.get("type", ""):
                doomed.append(element)
            continue
        attrib = element.attrib
        if (
            "hidden" in attrib
            or (attrib.get("aria-hidden") == "true" and tag not in ("html", "body"))
            or _HIDDEN_STYLE.search(attrib.get("style", ""))
            or attrib.get("type", "").lower() == "hidden"
            or (_HIDDEN_CLASS.search(attrib.get("class", "")) and ":" not in attrib["class"])
        ):
            doomed.append(element)
            continue
        if (
            attrib.get("role") == "tooltip" or _HOVER_CLASS.search(attrib.get("class", ""))
        ) and _is_hover_card(element):
            doomed.append(element)
            continue
        if tag == "a":
            _space_glued_link(element)
        for span in ("colspan", "rowspan"):
            value = attrib.get(span)
            if value is not None:
                # each span becomes that many cells: cap each one and the page's total
                number = min(int(value), MAX_SPAN) if value.isdecimal() else 1
                budget -= number
                attrib[span] = str(number if budget > 0 else 1)
    for element in doomed:
        remove(element)


_DROP_CAP_TAGS = frozenset(["span", "div", "strong", "b", "big", "em", "i", "font", "p"])
_SEPARATED = frozenset([*BLOCK_TAGS, "figure", "picture"])


def mend_tree(tree: HtmlElement) -> None:
    """What the page's layout shows but its markup loses: a drop cap set apart from its
    paragraph ('<span>T</span><p>urkey, Poland…') goes back into it; a table's footer that
    repeats its header goes (else the header is read twice); the text right after a block or
    a picture starts a new run ('…2021</figcaption>Aleksandra …' is not one word)."""
    doomed: list[HtmlElement] = []
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if (tag == "tfoot" and _repeats_header(element)) or (
            tag in _DROP_CAP_TAGS and len(element) == 0 and _join_drop_cap(element)
        ):
            doomed.append(element)
        elif (
            element.tail
            and element.tail[:1].isalnum()
            and tag != "br"
            and (tag in _SEPARATED or element.find(".//img") is not None)
            and _ends_in_word(element)
        ):
            element.tail = " " + element.tail
    for element in doomed:
        remove(element)


def _ends_in_word(element: HtmlElement) -> bool:
    """The element's text ends with a word or a sentence's end."""
    last = element.text_content().rstrip()[-1:]
    return last.isalnum() or last in '.!?…:"”)'


def _repeats_header(tfoot: HtmlElement) -> bool:
    table = tfoot.getparent()
    if table is None:
        return False
    head = table.find("thead")
    first = head if head is not None else next(table.iter("tr"), None)
    if first is None or first is tfoot or tfoot in first.iterancestors():
        return False
    key = " ".join(tfoot.text_content().split())
    return bool(key) and key == " ".join(first.text_content().split())


def _join_drop_cap(element: HtmlElement) -> bool:
    """Put a drop cap (one capital letter in an element of its own, right before a paragraph
    whose text starts in lower case) back at the start of that paragraph; True when done."""
    letter = (element.text or "").strip()
    if len(letter) != 1 or not letter.isupper() or (element.tail or "").strip():
        return False
    after = element.getnext()
    if after is None or not isinstance(after.tag, str) or after.tag not in _FLOW_TAGS | {"div"}:
        return False
    node = after
    while not (node.text or "").strip() and len(node) and isinstance(node[0].tag, str):
        node = node[0]
    text = (node.text or "").lstrip()
    if not text[:1].islower():
        return False
    node.text = letter + text
    return True


_TAG = re.compile(r"^[#@]\w")  # a hashtag or a mention
_URLISH = re.compile(r"^\s*(?:https?://|www\.|[\w-]+(?:\.[\w-]+)+/\S)", re.IGNORECASE)


def _space_glued_link(anchor: HtmlElement) -> None:
    """Two links written one right after the other, one of them showing a web address
    ('<a>https://t.co/x1</a><a>pic.example.com/y2</a>') or both hashtags or mentions
    ('<a>#mac</a><a>#windows</a>'), read as two words, not one."""
    before = anchor.getprevious()
    if before is None or before.tag != "a" or before.tail:
        return
    first, second = before.text_content().strip(), anchor.text_content().strip()
    if not first[-1:].isalnum() or not (second[:1].isalnum() or _TAG.match(second)):
        return
    last = first.split()[-1]
    if _URLISH.match(second) or _URLISH.match(last) or (_TAG.match(second) and _TAG.match(last)):
        before.tail = " "


def _is_hover_card(element: HtmlElement) -> bool:
    """A tooltip or hover card inside a sentence: not the link that shows it (which holds the
    visible words), nor a wrapper around both, but the card right after the words: after the
    link with nothing between them, or after the words of a tooltip wrapper."""
    if element.tag == "a" or not any(a.tag in _FLOW_TAGS for a in element.iterancestors()):
        return False
    if element.get("role") != "tooltip":
        from reader.extract.clutter import class_tokens

        if not any(_HOVER_TOKEN.match(t) for t in class_tokens(element.get("class", ""))):
            return False
    previous, parent = element.getprevious(), element.getparent()
    if previous is not None and previous.tag == "a" and not (previous.tail or "").strip():
        return True
    return (
        parent is not None
        and bool(_HOVER_CLASS.search(parent.get("class", "")))
        and (previous is not None or bool((parent.text or "").strip()))
    )


def remove(element: HtmlElement) -> None:
    """Remove an element but keep its tail text in the document."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def element_lines(element: HtmlElement) -> list[str]:
    """The visible text of an element as lines: block elements break lines, inline ones join with spaces."""
    parts: list[str] = []

    def walk(node: HtmlElement, top: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        block = tag in BLOCK_TAGS
        parts.append("\n" if block else " ")
        if node.text and tag not in ("img", "script", "style"):
            parts.append(node.text)
        for child in node:
            walk(child, False)
        parts.append("\n" if block else " ")
        if node.tail and not top:
            parts.append(node.tail)

    walk(element, True)
    lines = [clean_line(line) for line in "".join(parts).split("\n")]
    return [line for line in lines if line]


def text_length(element: HtmlElement) -> int:
    return sum(len(t.strip()) for t in element.itertext())


def paragraphs_from_divs(tree: HtmlElement) -> None:
    """Give class-only <div> pages paragraphs: a <div> that holds text and no block element
    becomes a <p>, so the text extractor keeps paragraph breaks instead of one run of text.
    Pages that already use <p> for their text are left alone."""
    paragraphs = 0
    for p in tree.iter("p"):
        if len("".join(p.itertext()).strip()) >= 40:
            paragraphs += 1
            if paragraphs >= 3:
                return
    for div in list(tree.iter("div")):
        if any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in div.iterdescendants()):
            continue
        if "".join(div.itertext()).strip():
            div.tag = "p"


def break_list_blocks(tree: HtmlElement) -> None:
    """Keep the blocks inside a list item apart: the text extractor joins the <div>s and <p>s
    of an <li>/<dd> into one run with no space ('by Ann LeeThe council met…'); a line break
    after each of them (but the last) keeps their words apart."""
    for item in tree.iter("li", "dd", "dt"):
        for block in list(item.iterdescendants("div", "p")):
            after = block.getnext()
            if (after is None or after.tag == "br") and not (block.tail or "").strip():
                continue
            br = block.makeelement("br", {})
            br.tail, block.tail = block.tail, None
            block.addnext(br)


_COMMENT_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "div", "span", "p", "strong", "header")
_LEAD_IN = 200  # characters before a heading in its box: then the box is the story's own


def drop_comment_sections(tree: HtmlElement) -> None:
    """Remove readers' comments that carry no telling class names: a 'Comments (12)' heading and
    what follows it in its box (or the whole box when the heading opens it)."""
    from reader.extract.clutter import COMMENTS_HEADING

    body = tree.find("body")
    if body is None:
        return
    headings = [
        el
        for el in body.iter(*_COMMENT_HEADINGS)
        if len(el) <= 2
        # '5 comments' as a link in the byline is a count, not the section
        and el.find(".//a") is None
        and not any(a.tag == "a" for a in el.iterancestors())
        and 0 < len((el.text or "").strip() or "".join(el.itertext()).strip()) <= 40
        and COMMENTS_HEADING.match(clean_line(" ".join(el.itertext())))
    ]
    for heading in headings:
        if heading.getparent() is None or heading.getroottree().getroot() is not tree:
            continue  # already removed with an earlier section
        wrapper, box = heading, heading.getparent()
        while box is not None and text_length(box) <= text_length(heading) + 5:
            wrapper, box = box, box.getparent()
        if box is None:
            continue
        if box.tag in ("body", "html"):
            continue
        headed = box.find(".//h1") is not None
        if headed and not _story_above(wrapper):
            continue  # a label in the story's own header (an opinion 'Comment' kicker…)
        before = sum(text_length(s) for s in wrapper.itersiblings(preceding=True))
        if headed or before > _LEAD_IN:
            for node in [wrapper, *wrapper.itersiblings()]:
                remove(node)
        else:
            remove(box)


# class or id words of a box of readers' comments or of one comment ('comments',
# 'comment-list', 'commentlist', 'comments-area', 'disqus_thread', 'post-comments'), not
# 'commentary' or 'comment-count'
_COMMENT_BOX = re.compile(
    r"^(?:comments?(?:-?(?:list|section|thread|area|box|form|respond|wrap(?:per)?|container))?"
    r"|(?:article|post|user|reader)-?comments|disqus-thread|dsq-comments|respond)$",
    re.I,
)


def drop_comment_boxes(tree: HtmlElement) -> None:
    """Remove the boxes that the page's classes or ids mark as readers' comments (a comments
    section, a comment list, one comment), unless a box holds the story's headline (an opinion
    section named 'comment')."""
    body = tree.find("body")
    if body is None:
        return
    boxes = [
        element
        for element in body.iterdescendants()
        if isinstance(element.tag, str)
        and any(
            _COMMENT_BOX.match(word.replace("_", "-"))
            for word in f"{element.get('class') or ''} {element.get('id') or ''}".split()
        )
        and element.find(".//h1") is None
    ]
    marked = {id(box) for box in boxes}
    for box in boxes:
        if any(id(parent) in marked for parent in box.iterancestors()):
            continue  # goes with the box around it
        remove(box)


def _story_above(heading: HtmlElement) -> bool:
    """The story stands above a heading in its box: the headline, then a paragraph (the heading
    closes the story, however short, and opens what follows it)."""
    headline = False
    for sibling in reversed(list(heading.itersiblings(preceding=True))):
        if not isinstance(sibling.tag, str):
            continue
        if headline and any(text_length(p) for p in sibling.iter("p")):
            return True
        headline = headline or sibling.tag == "h1" or sibling.find(".//h1") is not None
    return False


_BODY_WORDS = frozenset(["body", "content", "text", "article", "story", "entry", "post", "copy"])
_SPLIT_GAP = 200  # characters of text between two parts of a body (an ad label, a caption)
_SPLIT_LEAD = 400  # characters of paragraphs in the first part
_SPLIT_PART = 150  # … and in each later one


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(text_length(p) for p in element.iter("p"))


def join_split_bodies(tree: HtmlElement) -> None:
    """Put an article body that the page splits into several containers of the same class
    (cut by a full-width ad or a video) back into its first container: text extractors take
    the first container that looks like a body, and the rest of the story was lost."""
    from reader.extract.clutter import CLUTTER_TOKEN, class_tokens

    groups: dict[tuple[str, str], list[HtmlElement]] = {}
    for element in tree.iter("div", "section", "article"):
        value = element.get("class")
        if value and element.find("p") is not None:  # paragraphs of its own
            groups.setdefault((element.tag, value), []).append(element)
    order: dict[HtmlElement, int] = {}
    text_before: list[int] = []
    for (_, value), members in groups.items():
        if len(members) < 2:
            continue
        tokens = class_tokens(value)
        if not any(t in _BODY_WORDS for t in tokens) or any(CLUTTER_TOKEN.match(t) for t in tokens):
            continue
        if not order:  # positions and running text length, worked out once per page
            total = 0
            for index, node in enumerate(tree.iter()):
                order[node] = index
                text_before.append(total)
                total += len((node.text or "").strip()) if isinstance(node.tag, str) else 0
        _join(members, order, text_before)


def _join(members: list[HtmlElement], order: dict[HtmlElement, int], before: list[int]) -> None:
    first = members[0]
    if _paragraph_chars(first) < _SPLIT_LEAD or first.find(".//h1") is not None:
        return
    end = order[first] + sum(1 for _ in first.iter())
    for part in members[1:]:
        start = order.get(part)
        if start is None or start < end or part.find(".//h1") is not None:
            return  # nested in the first, or a story of its own
        gap = before[start] - before[min(end, len(before) - 1)]
        if gap > _SPLIT_GAP or _paragraph_chars(part) < _SPLIT_PART:
            return
        end = start + sum(1 for _ in part.iter())
        if part.text and part.text.strip():
            last = first[-1] if len(first) else None
            if last is not None:
                last.tail = (last.tail or "") + part.text
            else:
                first.text = (first.text or "") + part.text
        for child in list(part):
            first.append(child)  # moves it, with its tail
        remove(part)
