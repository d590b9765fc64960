"""A story that is mostly a list of headed items ("five ways to ...") is summarised by its
opening and the items' headings, not by a few items' sentences picked at random."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.lists import listicle

INTRO = (
    "Winter is coming, and these are the five easiest ways to cut your heating bill this year "
    "without buying anything new."
)
ITEMS = [
    (
        "Bleed your radiators",
        "Air trapped in radiators stops them heating properly. Turn the valve at the top with a "
        "key until water appears.",
    ),
    (
        "Close your curtains at dusk",
        "Heavy curtains keep heat in the room. Open them again in the morning to let the sun "
        "warm the house.",
    ),
    (
        "Turn the thermostat down by one degree",
        "Each degree lower cuts a typical heating bill by about a tenth. Most people do not "
        "notice the difference.",
    ),
    (
        "Move furniture away from radiators",
        "A sofa in front of a radiator soaks up the heat. Leave a gap so warm air can flow into "
        "the room.",
    ),
    (
        "Draught-proof your doors",
        "Cold air comes in under doors. A rolled-up towel or a draught excluder stops it.",
    ),
]
OUTRO = "Energy advisers say the five steps together can save a household a lot each winter."


def _story(numbers: list[int]) -> str:
    items = [f"{n}. {head}\n{body}" for n, (head, body) in zip(numbers, ITEMS, strict=True)]
    return "\n\n".join([INTRO, *items, OUTRO])


@pytest.mark.parametrize("numbers", [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1]], ids=["up", "countdown"])
@pytest.mark.parametrize("count", [2, 3])
def test_a_listicle_is_summarised_by_its_opening_and_its_items(
    numbers: list[int], count: int
) -> None:
    summary = summarize_story(_story(numbers), count, title="Five ways to cut your heating bill")
    assert 1 < len(summary.sentences) <= count
    assert summary.sentences[0] == INTRO
    line = summary.sentences[-1]
    at = [line.find(f"{n}. {head}") for n, (head, _) in zip(numbers, ITEMS, strict=True)]
    assert all(i >= 0 for i in at) and at == sorted(at)  # every item, in the story's order
    assert not any(body in " ".join(summary.sentences) for _, body in ITEMS)
    assert summary.note and "list" in summary.note


def test_a_one_sentence_summary_of_a_listicle_names_its_items() -> None:
    summary = summarize_story(_story([1, 2, 3, 4, 5]), 1)
    assert len(summary.sentences) == 1
    assert all(head in summary.sentences[0] for head, _ in ITEMS)


def test_a_list_of_full_sentences_is_summarised_as_usual() -> None:
    # A "key points" box: each item states a fact; a summary picks among them.
    points = [
        "• The state pension age will rise to 68 by 2037, eight years sooner than planned.",
        "• About six million people in their forties will wait a year longer for the pension.",
        "• Unions say the change is unfair to manual workers, who on average die younger.",
        "• The Treasury says the change saves billions of pounds a year by the 2040s.",
    ]
    summary = summarize_story("\n\n".join(points), 2)
    assert listicle("\n\n".join(points)) is None
    assert set(summary.sentences) <= {p.removeprefix("• ") for p in points}


def test_a_short_list_in_a_long_story_is_no_listicle() -> None:
    prose = " ".join(body for _, body in ITEMS) * 3
    text = "\n\n".join(["• Bleed radiators", "• Close curtains", "• Turn it down", prose])
    assert listicle(text) is None


def test_numbers_that_do_not_count_make_no_list() -> None:
    assert listicle(_story([1, 2, 5, 7, 8])) is None
    assert listicle(_story([1, 2, 3, 4, 5])) is not None
