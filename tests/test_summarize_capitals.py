"""A story written in capitals (wire copy, weather warnings, archives) is summarised as the same
story in ordinary case would be: capitals are no sign of a label, a caption or a name there."""

from __future__ import annotations

import pytest

from reader.summarize import split_sentences, summarize, summarize_story
from reader.summarize.scraps import strip_dateline

STORY = [
    "Harwick (AP) — The Harwick Ferry Co. said on Monday it would stop its night crossings to "
    "the islands from March because too few passengers use them.",
    "Updated 6:40 am",
    "The company has run the night ferry to the islands for forty years.",
    "They said the crossings had lost money every winter since 2019.",
    "Island councillors said the decision would cut off nurses and shift workers who travel "
    "to the mainland hospital at night.",
    "The ferry company said it would keep its day crossings and add a late afternoon boat.",
    "Photo gallery",
    "The islands' council will ask the regional government to pay for the night crossings.",
    "A petition to save the night ferry has more than 3,000 names.",
]
TEXT = "\n\n".join(STORY)
TITLE = "Night ferry to the islands to stop in March"


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_story_in_capitals_gets_the_summary_of_the_same_story_in_ordinary_case(
    count: int,
) -> None:
    ordinary = summarize(TEXT, count, title=TITLE)
    loud = summarize(TEXT.upper(), count, title=TITLE.upper())
    assert loud == [s.upper() for s in ordinary]


def test_a_story_in_capitals_leaves_out_fragments_and_labels() -> None:
    summary = summarize_story(TEXT.upper(), 4, title=TITLE.upper())
    assert summary.total_sentences == summarize_story(TEXT, 4, title=TITLE).total_sentences
    assert all(len(s.split()) >= 5 for s in summary.sentences)
    assert "PHOTO GALLERY" not in summary.sentences


def test_abbreviations_in_capitals_do_not_end_the_sentence() -> None:
    sentence = "THE HARWICK FERRY CO. SAID ON MONDAY IT WOULD STOP ITS NIGHT CROSSINGS."
    assert split_sentences(sentence) == [sentence]
    two = "THE FERRY LEFT AT 6 P.M. THE CREW SAID THE SEA WAS CALM."
    assert split_sentences(two) == ["THE FERRY LEFT AT 6 P.M.", "THE CREW SAID THE SEA WAS CALM."]


def test_in_capitals_only_a_dateline_with_its_agency_is_cut() -> None:
    assert strip_dateline("HARWICK (AP) — THE FERRY LEFT.", loud=True) == "THE FERRY LEFT."
    aside = "THE VICTIMS -- TWO COUPLES AND A WOMAN -- LIVED NEARBY, POLICE SAID."
    assert strip_dateline(aside, loud=True) == aside
    subject = "VALE DO RIO DOCE (CVRD) THIS WEEK RAISED THE PRICE OF IRON ORE BY 72%."
    assert strip_dateline(subject, loud=True) == subject
