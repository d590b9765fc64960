"""reader.summarize.scraps.is_opening: a summary that is the story's opening sentences (the pane
then says so instead of printing them twice). What may come before the first of them is what the
summariser itself leaves out of a story's start."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.scraps import is_opening

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
    assert is_opening(SENTENCES[:3], text)
    assert is_opening(SENTENCES[:1], text)


def test_sentences_from_further_on_or_out_of_order_are_not_the_opening() -> None:
    assert not is_opening([SENTENCES[0], SENTENCES[5]], BODY)  # six sentences for two
    assert not is_opening(SENTENCES[3:5], BODY)  # the first three left out: five for two
    assert not is_opening([SENTENCES[1], SENTENCES[0]], BODY)
    assert not is_opening(["A sentence the story does not have."], BODY)
    assert not is_opening([], BODY)
    # sentences of the story before them, which a summary could have chosen
    told = "The mayor opened the meeting with a long speech. It went on for an hour.\n\n" + BODY
    assert not is_opening(SENTENCES[:1], told)
    assert not is_opening(SENTENCES[1:3], told)


def test_a_summary_from_the_first_paragraphs_is_the_opening() -> None:
    # The first sentence of each of the first three paragraphs: read just above them, the
    # summary says again what the reader is about to read.
    assert is_opening([SENTENCES[0], SENTENCES[3], SENTENCES[6]], BODY) is False  # nine for three
    firsts = [SENTENCES[0], SENTENCES[2], SENTENCES[4]]
    two_each = "\n\n".join(" ".join(SENTENCES[k : k + 2]) for k in range(0, 9, 2))
    assert is_opening(firsts, two_each)
    assert is_opening([SENTENCES[0], SENTENCES[2]], BODY)  # one left out between
    assert is_opening(SENTENCES[1:3], BODY)  # the first left out
    told = "The mayor opened the meeting with a long speech.\n\n" + BODY
    assert is_opening(SENTENCES[:2], told)  # a standfirst above them


def test_a_lead_summary_the_summariser_makes_is_its_opening() -> None:
    text = "HARBOURTOWN (AP) — " + BODY
    summary = summarize_story(text, sentences=3, algorithm="lead")
    assert summary.sentences and is_opening(summary.sentences, text)
