"""A deck (standfirst) that says again what the lead under it says: a summary shows one of them,
not both, however long it is."""

from __future__ import annotations

import pytest

from reader.summarize import summarize, summarize_many

DECK = "Ministers will raise the state pension age to 68 by 2037, eight years sooner than planned."
LEAD = (
    "The state pension age will rise to 68 by 2037, eight years earlier than planned, the "
    "government announced on Wednesday."
)
REST = [
    "About six million people now in their forties will have to wait an extra year before they "
    "can claim the pension.",
    "Unions said the change was unfair to manual workers, who on average die younger.",
    "The Treasury said the change would save billions of pounds a year by the 2040s.",
    "Pensioners' groups said they would fight the plan in parliament.",
    "The opposition called for an independent review of the pension age.",
]
STORY = "\n\n".join([DECK, LEAD, *REST])


@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("title", [None, "Pension age to rise sooner"])
def test_a_deck_and_a_lead_saying_the_same_are_not_both_shown(
    count: int, title: str | None
) -> None:
    picked = summarize(STORY, count, title=title)
    assert len(picked) == count
    assert not (DECK in picked and LEAD in picked)
    assert DECK in picked or LEAD in picked  # the news itself is still there


def test_a_deck_repeating_its_lead_is_left_out_of_a_summary_of_several_stories() -> None:
    other = (
        "Cafe owners in the harbour town say fewer visitors came this summer. The harbour "
        "festival was cancelled after a storm. The council will review its tourism budget."
    )
    summary = summarize_many([("Pension age", STORY), ("Harbour town", other)], 4)
    assert not (DECK in summary.sentences and LEAD in summary.sentences)


def test_a_lead_and_a_second_sentence_with_news_of_their_own_are_both_kept() -> None:
    # The same subject is not a repeat: the second sentence adds the facts.
    first = "The city council voted on Tuesday to close the old swimming pool in the park."
    second = (
        "The old pool in the park will close in May after ninety years and become a garden, "
        "the council said."
    )
    rest = [
        "Residents had asked the council to keep the pool open.",
        "Shops near the park stayed open late on Tuesday.",
        "A band played in the park.",
    ]
    picked = summarize("\n\n".join([first, second, *rest]), 2)
    assert picked == [first, second]


def test_a_second_paragraph_leaning_on_the_first_is_not_a_restatement() -> None:
    first = "The city council voted on Tuesday to close the old swimming pool in the park."
    second = (
        "It will close in May after ninety years, the council said, and the old swimming pool "
        "in the park will become a garden."
    )
    rest = [
        "Residents had asked the council to keep the pool open.",
        "Shops near the park stayed open late on Tuesday.",
        "A band played in the park.",
    ]
    picked = summarize("\n\n".join([first, second, *rest]), 2, title="Council to close pool")
    assert picked == [first, second]
