"""A summary states what a story says: questions (an interviewer's, unmarked; a rhetorical
opening; a quoted one) are not chosen while the story has enough other sentences."""

from __future__ import annotations

import pytest

from reader.summarize import summarize, summarize_many, summarize_story
from reader.summarize.scraps import asks

# An interview written up without "Q:" marks: each question is a paragraph of its own, and its
# answer follows. The questions share many words with the story, so they look central.
INTERVIEW = [
    "Maria Lopez took over the city's tram network in March after ten years running buses in Lyon.",
    "Why does the city's tram network need new lines so soon after the last ones opened?",
    "The tram network carries twice as many riders as it did ten years ago, and the lines "
    "through the centre are full at peak hours.",
    "What will the new tram lines cost the city, and who will pay for them?",
    "The three lines will cost about 900 million euros, and the national government will pay "
    "half of it.",
    "When will riders see the first new trams on the city's streets?",
    "Work on the first line starts next spring, and its trams should run by 2029.",
    "Lopez also plans to close two bus depots in the centre of the city.",
]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_an_interviewers_questions_are_not_the_summary(count: int) -> None:
    summary = summarize_story("\n\n".join(INTERVIEW), count, title="The tram chief's plans")
    assert len(summary.sentences) == count
    assert not any(s.endswith("?") for s in summary.sentences)
    assert set(summary.sentences) <= set(INTERVIEW)


HOOK = [
    "Could a simple blood test one day tell doctors which patients will react badly to a common "
    "heart drug?",
    "Researchers in Oslo say a blood test picked out the patients who reacted badly to the heart "
    "drug in a trial of 2,000 people.",
    "The heart drug is taken by millions of patients, and one in fifty of them has side effects.",
    "The researchers want a larger trial of the blood test before doctors use it.",
    "The work was paid for by a Norwegian charity.",
]


def test_a_rhetorical_opening_question_is_not_the_summary() -> None:
    # No headline to guide the choice: the question leads and shares the story's key words.
    picked = summarize(" ".join(HOOK), 2)
    assert HOOK[0] not in picked
    assert HOOK[1] in picked


def test_questions_are_left_out_of_a_summary_of_several_stories() -> None:
    summary = summarize_many(
        [("Tram chief's plans", "\n\n".join(INTERVIEW)), ("Blood test", " ".join(HOOK))], 4
    )
    assert summary.sentences
    assert not any(s.endswith("?") for s in summary.sentences)


def test_a_story_of_questions_still_has_a_summary() -> None:
    # Nothing else to show: the questions are shown rather than nothing.
    questions = [
        "Is the new bridge over the river safe for heavy lorries to cross?",
        "Who decided to open the new bridge before the final safety checks were done?",
        "Will the council publish the engineers' report on the new bridge this week?",
        "How much more will the repairs to the new bridge cost the town?",
    ]
    summary = summarize_story(" ".join(questions), 2)
    assert len(summary.sentences) == 2
    assert set(summary.sentences) <= set(questions)


@pytest.mark.parametrize(
    ("sentence", "language", "question"),
    [
        ("What will the new lines cost?", "english", True),
        ('"Is there a chance the plane was hacked?"', "english", True),
        ("¿Cuándo llegarán los nuevos tranvías?", "spanish", True),
        ("Θα ανοίξει η γέφυρα την Τρίτη;", "greek", True),
        ("Die Brücke wird am Dienstag geöffnet; der Verkehr rollt ab Mittwoch.", "german", False),
        ("The council will decide; the mayor said so.", "english", False),
        ("The new bridge opens on Tuesday.", "greek", False),
    ],
)
def test_which_sentences_ask(sentence: str, language: str, question: bool) -> None:
    assert asks(sentence, language) is question
