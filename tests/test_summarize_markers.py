"""Summary sentences are shown without the list markers and box labels a page puts before them."""

from __future__ import annotations

import pytest

from reader.summarize import summarize

TITLE = "What is a wall lining, and is it worth it?"
# A key-points box in list form, then a "Summary" box glued to its sentence, then the body.
BOX = [
    "• A wall lining improves sound insulation and heat insulation in old houses.",
    "• It is built from a frame of metal profiles and plasterboard panels.",
    "- A vapour barrier keeps mould from growing between the old and the new wall.",
]
BODY = [
    "A wall lining is a second skin put up a few centimetres in front of an existing wall.",
    "The gap between the two walls can be filled with mineral wool for extra insulation.",
    "Summary Studies show that a lined wall can halve the noise coming from next door.",
    "There are two kinds: one fixed directly to the wall and one that stands on its own frame.",
    "The free-standing kind insulates better because it does not touch the old wall at all.",
    "Cables and pipes can be laid in the gap, which saves cutting channels into the brick.",
    "You lose a little floor space, usually between five and ten centimetres per wall.",
    "The panels can be painted or plastered once the joints have been filled and sanded.",
]


def story() -> str:
    return "\n".join(BOX) + "\n\n" + " ".join(BODY)


@pytest.mark.parametrize("count", [3, 6, 11])
def test_no_summary_sentence_starts_with_a_marker_or_a_box_label(count: int) -> None:
    picked = summarize(story(), count, title=TITLE)
    assert picked
    for sentence in picked:
        assert sentence[0].isalpha(), sentence
        assert not sentence.startswith("Summary "), sentence


def test_the_item_is_shown_without_its_bullet() -> None:
    picked = summarize(story(), 11, title=TITLE)
    assert "A wall lining improves sound insulation and heat insulation in old houses." in picked
    assert "Studies show that a lined wall can halve the noise coming from next door." in picked


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("• Prices rose by five percent in the last year alone.", "Prices rose by five percent"),
        ("---- Prices rose by five percent in the last year.", "Prices rose by five percent"),
        ("—Prices rose by five percent in the last year alone.", "Prices rose by five percent"),
        ("Key points: Prices rose by five percent in the last year.", "Prices rose by five"),
        ("Das Wichtigste in Kürze Die Preise sind im letzten Jahr gestiegen.", "Die Preise sind"),
        # Prose that only looks like a label is left alone.
        ("Summary judgment was granted to the city council on Monday.", "Summary judgment was"),
        ("In brief, prices rose by five percent in the last year.", "In brief, prices"),
        ("-5 degrees were measured in the valley on Monday night.", "-5 degrees"),
    ],
)
def test_markers_and_labels(line: str, shown: str) -> None:
    filler = [
        "The council met on Monday to discuss the new budget for the coming year.",
        "Several members asked for more money for schools and public transport.",
        "The mayor said the city would have to borrow to pay for the new bridge.",
    ]
    picked = summarize(" ".join(filler) + "\n\n" + line, 4)
    assert any(s.startswith(shown) for s in picked), picked
