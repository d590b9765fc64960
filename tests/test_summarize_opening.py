"""reader.summarize.scraps.opening_reach: how far into the story a summary's sentences go. The
story pane asks it of every summary and, when the summary reaches no further than
OPENING_SPREAD (two) story sentences for each of its own, says it is the story's opening instead
of printing it twice (that rule on the screen: tests/tui/test_reading_flows.py). What may come
before the first of them is what the summariser itself leaves out of a story's start."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.scraps import opening_reach

SENTENCES = [
    f"The harbour council debated the {n}th clause of the plan for several hours." for n in range(9)
]
BODY = "\n\n".join(" ".join(SENTENCES[k : k + 3]) for k in range(0, 9, 3))


@pytest.mark.parametrize(
    "before",
    [
        "",
        "HARBOURTOWN (AP) — ",  # a dateline glued to the first sentence
        "LONDON, England (CNN) -- ",  # a longer one
        "By Ann Lee and Robert Smith, Staff Writers, Harbourtown Gazette\n\n",  # a byline
        "Updated 3 hours ago\n\n",
    ],
)
def test_the_opening_sentences_are_the_opening_after_what_a_summary_leaves_out(
    before: str,
) -> None:
    text = before + BODY
    assert opening_reach(SENTENCES[:3], text) == 3
    assert opening_reach(SENTENCES[:1], text) == 1


def test_sentences_from_further_on_or_out_of_order_are_not_the_opening() -> None:
    assert opening_reach([SENTENCES[0], SENTENCES[5]], BODY) == 6  # six sentences for two
    assert opening_reach(SENTENCES[3:5], BODY) == 5  # the first three left out: five for two
    assert opening_reach([SENTENCES[1], SENTENCES[0]], BODY) is None
    assert opening_reach(["A sentence the story does not have."], BODY) is None
    assert opening_reach([], BODY) is None
    # sentences of the story before them, which a summary could have chosen
    told = "The mayor opened the meeting with a long speech. It went on for an hour.\n\n" + BODY
    assert opening_reach(SENTENCES[:1], told) == 3  # three for one
    assert opening_reach(SENTENCES[1:3], told) == 5  # five for two


def test_a_summary_from_the_first_paragraphs_is_the_opening() -> None:
    # The first sentence of each of the first three paragraphs: read just above them, the
    # summary says again what the reader is about to read.
    assert opening_reach([SENTENCES[0], SENTENCES[3], SENTENCES[6]], BODY) == 7  # seven for three
    firsts = [SENTENCES[0], SENTENCES[2], SENTENCES[4]]
    two_each = "\n\n".join(" ".join(SENTENCES[k : k + 2]) for k in range(0, 9, 2))
    assert opening_reach(firsts, two_each) == 5
    assert opening_reach([SENTENCES[0], SENTENCES[2]], BODY) == 3  # one left out between
    assert opening_reach(SENTENCES[1:3], BODY) == 3  # the first left out
    told = "The mayor opened the meeting with a long speech.\n\n" + BODY
    assert opening_reach(SENTENCES[:2], told) == 3  # a standfirst above them


def test_a_lead_summary_the_summariser_makes_is_its_opening() -> None:
    text = "HARBOURTOWN (AP) — " + BODY
    summary = summarize_story(text, sentences=3, algorithm="lead")
    assert len(summary.sentences) == 3
    assert opening_reach(summary.sentences, text) == 3
