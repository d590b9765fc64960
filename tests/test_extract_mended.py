"""Text the page's markup loses and its layout shows: a story whose markup shows only a photo's
caption but whose JSON-LD declares the whole body, a drop cap set apart from its paragraph,
sentences and a caption run together with no space, a table footer that repeats the header
(hand-written fixtures after patterns seen on news sites)."""

from __future__ import annotations

import json
from pathlib import Path

from lxml.html import fromstring

from reader.extract import extract

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _html(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _declared(html: str) -> list[str]:
    script = fromstring(html).find(".//script")
    assert script is not None and script.text
    graph = json.loads(script.text)["@graph"]
    return str(graph[1]["articleBody"]).split("\n")


def test_the_declared_body_stands_in_for_a_caption() -> None:
    html = _html("declared_body.html")
    story = extract(html, "https://post.example.org/mayor").main
    for paragraph in _declared(html):
        assert paragraph in story.text.split("\n\n")
    assert "Subscribers only" not in story.text


def test_a_declared_body_does_not_replace_a_story_that_was_found() -> None:
    html = _html("declared_body.html")
    paragraphs = [
        f"Paragraph {n} of the page's own story, long enough to be read as the story's text "
        "by the extractor, with a few more words about the town and its harbour."
        for n in range(1, 9)
    ]
    own = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = html.replace('<div class="paywall"><p>Subscribers only.</p></div>', own)
    story = extract(html, "https://post.example.org/mayor").main
    for paragraph in paragraphs:
        assert paragraph in story.text
    assert _declared(html)[1] not in story.text


def test_drop_cap_glued_sentences_caption_and_table_footer() -> None:
    story = extract(_html("mended_markup.html"), "https://times.example.org/ferry").main
    text = story.text
    assert "Two ferries will stop running at night" in text
    assert "\nwo ferries" not in f"\n{text}" and "T\n" not in text
    assert "hospital. Their union" in text
    assert "October 2021 Islanders" in text or "October 2021\n" in text
    assert "2021Islanders" not in text
    table = next(b.text for b in story.blocks if b.kind == "table")
    assert table.count("Crossing") == 1
    assert "Night" in table
    # a picture in the middle of a word does not split it
    assert "The weather on the crossing" in text


def test_a_caption_found_gives_way_to_the_declared_body() -> None:
    """When the text found is a caption a third the length of the declared body or less (the
    extractor found the photo's box, not the paywalled story), the declared body is shown."""
    from reader.extract.html_page import _declared_body
    from reader.extract.meta import json_ld_objects
    from reader.extract.tree import parse_html
    from reader.models import Block, Story

    html = _html("declared_body.html")
    tree, _ = parse_html(html)
    assert tree is not None
    ld = json_ld_objects(tree)
    caption = "The mayor speaks during a debate in the town hall on Monday. Photo: Ann Lee"
    found = Story(title="The mayor's playbook", text=caption, blocks=(Block("p", caption),))
    story = _declared_body(ld, found)
    assert story.text.split("\n\n") == _declared(html)
    assert story.title == found.title
    # a story found at full length stays as it is
    long_text = " ".join([caption] * 20)
    kept = Story(text=long_text, blocks=(Block("p", long_text),))
    assert _declared_body(ld, kept) is kept
