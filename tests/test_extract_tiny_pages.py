"""A tiny page (a headline, a subheading, one paragraph and a 'Continue reading…' link) keeps
its paragraph: when the lines are not marked up as paragraphs the main-text extractor glues
them into one, and the headline clean-up must take only the headline off its front
(hand-written fixtures after teaser pages of blogs and news sites)."""

from __future__ import annotations

import pytest

from reader.extract import extract

URL = "https://coast.example.com/2024/02/harbour-wall"
HEADLINE = "Harbour wall approved"
SUBHEADING = "Work starts in spring"
PARAGRAPH = (
    "The council voted on Tuesday to build a new sea wall along the harbour front after "
    "three winters of storms."
)
MORE = '<a href="/2024/02/harbour-wall/full">Continue reading…</a>'

LAYOUTS = {
    "spans": (
        f"<div><span>{HEADLINE}</span><br><span>{SUBHEADING}</span><br>"
        f"<span>{PARAGRAPH}</span> {MORE}</div>"
    ),
    "divs in an article": (
        f"<article><div>{HEADLINE}</div><div>{SUBHEADING}</div><div>{PARAGRAPH}</div>"
        f"<div>{MORE}</div></article>"
    ),
    "bold and italic lines": (
        f"<p><b>{HEADLINE}</b><br><i>{SUBHEADING}</i><br>{PARAGRAPH} {MORE}</p>"
    ),
}


def tiny(layout: str) -> str:
    return f"<html><head><title>{HEADLINE}</title></head><body>{LAYOUTS[layout]}</body></html>"


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_paragraph_of_a_tiny_page_survives_the_headline_clean_up(layout: str) -> None:
    page = extract(tiny(layout), URL)
    assert page.main.title == HEADLINE
    assert PARAGRAPH in page.main.text
    assert not page.main.text.startswith(HEADLINE)
    assert "Continue reading" not in page.main.text


def test_a_headline_longer_than_the_page_title_is_still_the_headline() -> None:
    """The page's <title> is often a shortened headline: the longer line is the headline, and
    the story under it stays whole."""
    body = "".join(
        f"<p>Paragraph {n} of the story about the harbour wall has words enough to be text.</p>"
        for n in range(4)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><article>"
        f"<h1>{HEADLINE} after years of flooding</h1>{body}</article></body></html>"
    )
    page = extract(html, URL)
    assert page.main.title == f"{HEADLINE} after years of flooding"
    assert page.main.text.startswith("Paragraph 0 of the story")


def test_read_more_words_inside_a_sentence_stay() -> None:
    body = "".join(
        f"<p>Paragraph {n} of the story about the harbour wall has words enough to be text.</p>"
        for n in range(3)
    )
    last = "Teachers at the harbour school say the children should read more."
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        f"{body}<p>{last}</p></article></body></html>"
    )
    assert extract(html, URL).main.text.endswith(last)
