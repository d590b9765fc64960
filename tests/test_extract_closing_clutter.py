"""What sites put at the end of a story is not part of it: a membership pitch under its own
heading, a note about letters to the editor, a note about comment moderation, a list of other
stories' headlines above an 'Originally published' line, a box of podcast links on lines of
their own (hand-written fixtures after patterns seen on news sites and magazines)."""

from __future__ import annotations

import pytest
from lxml.html import fromstring

from reader.extract import extract
from reader.extract.enrich import enrich
from reader.models import Block

URL = "https://magazine.example.org/2024/06/lighthouse-keepers"

STORY = [
    "The last lighthouse keepers on the northern coast handed over their keys this spring, "
    "after the final three stations were switched to remote control from the mainland.",
    "For more than a century the keepers logged the weather every three hours, kept the lamps "
    "turning and rowed out to ships in trouble when the lifeboat could not get there in time.",
    "“You learn to read the sea like a newspaper,” said Ruth Aldane, who kept the light on "
    "the outer island for twenty-two years. “It tells you what tomorrow will bring.”",
    "The cottages beside the towers are to be let to walkers and birdwatchers, and the trust "
    "that owns them hopes the rent will pay for repainting the towers every few years.",
]
LAST = STORY[-1]


def page(after: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>The last lighthouse keepers</title></head><body>"
        "<article><h1>The last lighthouse keepers</h1>"
        f"{paragraphs}{after}</article></body></html>"
    )


PITCH = (
    "<h3>A Word to Our Readers</h3>"
    "<p>If you liked this story, we have an offer for you: become a Harbour Club member. "
    "Members read every story and the print edition without limits, see fewer ads, and join "
    "our writers on monthly calls and in private groups. Above all, members keep this "
    "magazine independent, and keep our reporters on the coast. Join the club today, and "
    "read as much as you like, wherever you are, on any device you own.</p>"
)
LETTERS = (
    '<p><em>The Magazine welcomes <a href="/letters">letters</a> to the editor from all '
    "readers. We’d love to hear from you about this or any other story. Here is "
    '<a href="/help/letters">how to write one</a>. Our address: '
    '<a href="mailto:letters@magazine.example.org">letters@magazine.example.org</a>.</em></p>'
)
MODERATION = "<p><i>Please note: comments are held for moderation during the holidays.</i></p>"
PODCAST = (
    "<h3>How to hear the Coast Podcast</h3>"
    '<p><b>Listen:</b> <a href="https://pod.example.net/c12">https://pod.example.net/c12</a>'
    '<br> <b>Download:</b> <a href="https://pod.example.net/c12.mp3">'
    "https://pod.example.net/c12.mp3</a><br> <b>Apple Podcasts:</b> "
    '<a href="https://pod.example.net/c12/apple">https://pod.example.net/c12/apple</a></p>'
)


@pytest.mark.parametrize(
    ("after", "gone"),
    [
        (PITCH, ["A Word to Our Readers", "Harbour Club", "become a"]),
        (LETTERS, ["letters to the editor", "letters@", "hear from you"]),
        (MODERATION, ["moderation"]),
        (PODCAST, ["Coast Podcast", "Listen:", "pod.example.net"]),
    ],
    ids=["pitch", "letters", "moderation", "podcast"],
)
def test_what_follows_the_story_is_left_out(after: str, gone: list[str]) -> None:
    story = extract(page(after), URL).main
    for words in gone:
        assert words not in story.text, words
    for paragraph in STORY:
        assert paragraph in story.text


def _enriched(after_list: str) -> list[Block]:
    """The blocks a page gives when the main-text extractor keeps a closing list of links."""
    items = [
        ("twelve-lighthouses-worth-the-climb", "Twelve Lighthouses Worth the Climb"),
        ("ghosts-of-the-fog-signal", "The Ghosts of the Fog Signal"),
        ("seven-facts-about-tides", "7 Surprising Facts About Tides"),
    ]
    links = "".join(
        f'<li><a href="https://magazine.example.org/2024/{slug}"><u>{title}</u></a></li>'
        for slug, title in items
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY)
    body = fromstring(
        f"<html><body><article>{paragraphs}<ul>{links}</ul><p>{after_list}</p></article>"
        "</body></html>"
    ).find("body")
    blocks = [
        *(Block("p", p) for p in STORY),
        *(Block("li", title) for _, title in items),
        Block("p", after_list),
    ]
    return enrich(blocks, body, URL)[0]


def test_a_list_of_headlines_above_a_closing_line_goes_and_the_line_stays() -> None:
    blocks = _enriched("Originally published on Coast Magazine.")
    assert [b.kind for b in blocks] == ["p"] * (len(STORY) + 1)
    assert blocks[-1].text == "Originally published on Coast Magazine."


def test_a_list_of_links_above_a_paragraph_of_the_story_stays() -> None:
    closing = (
        "Those three stories are where the trust began its search for the keepers' families, "
        "and it still asks readers who knew them to get in touch."
    )
    blocks = _enriched(closing)
    assert [b.kind for b in blocks].count("li") == 3
    assert blocks[-1].text == closing


def test_a_paragraph_about_letters_and_comments_in_the_story_stays() -> None:
    told = (
        "<p>Her letters to the editor of the county paper, and the comments readers wrote "
        "under them, became a small local sensation over the last winter at the station.</p>"
    )
    story = extract(page(told), URL).main
    assert "Her letters to the editor" in story.text
