"""Results and stat lines under any short label ("Men's singles, second round:", "Leading
scorers —") are not summary sentences; prose after a label with figures in it is."""

from __future__ import annotations

import pytest

from reader.summarize import summarize, summarize_story
from reader.summarize.scraps import is_poor

PROSE = [
    "Harwick's Tom Reed reached the quarter-finals of the county championships on Saturday "
    "with a win over the top seed.",
    "Reed, who turned professional only last year, saved two match points in the second set.",
    "He will play the defending champion in the quarter-finals on Monday afternoon.",
    "Tournament officials said the crowd was the largest the club had seen for a decade.",
]
RESULTS = [
    "Men's singles, second round: Reed (Harwick) bt Moss (Eastbury) 6-7 (6-8) 7-6 (9-7) 6-3.",
    "Women's singles, second round: Lane (Harwick) bt Ortiz (Westby) 6-2 6-4.",
    "Leading scorers — Reed 41 aces, Lane 12 aces, Moss 9 aces.",
    "Men's doubles, first round — Reed/Park bt Moss/Hale 7-5 6-4.",
]


def test_results_lines_are_not_chosen() -> None:
    text = "\n\n".join([PROSE[0], *RESULTS[:2], *PROSE[1:], *RESULTS[2:]])
    chosen = summarize(text, 3, title="Reed into county quarter-finals")
    assert len(chosen) == 3
    assert set(chosen) <= set(PROSE)


def test_a_story_of_results_lines_only_has_no_summary_and_says_why() -> None:
    only = summarize_story("\n\n".join(RESULTS), 1)
    assert only.sentences == () and only.note and "results" in only.note


def test_the_entries_after_a_stat_line_in_its_paragraph_are_stat_lines_too() -> None:
    # One paragraph of entries: only the first has the team's label.
    entries = (
        "Melbourne (3-0): Osas Osaro 3 goals, 1 assist. Aden Hara 2 goals, 2 assists. "
        "Christian Watts 1 goal. Mekhi Robinson and Derek Mertz 3 saves in total."
    )
    text = "\n\n".join([PROSE[0], entries, *PROSE[1:], entries.replace("Melbourne", "Cocoa")])
    chosen = summarize(text, 3, title="Reed into county quarter-finals")
    assert len(chosen) == 3 and set(chosen) <= set(PROSE)
    alone = summarize_story(entries, 2)
    assert alone.sentences == () and alone.note


@pytest.mark.parametrize("line", RESULTS)
def test_results_lines_are_poor(line: str) -> None:
    assert is_poor(line)


@pytest.mark.parametrize(
    "sentence",
    [
        # A label, then prose with figures: a sentence like any other.
        "Update: Police said 12 people were hurt and 3 were taken to hospital in Harwick.",
        "Moreover: the bridge has 1,000 lights and 800 metres of cable made from old bottles.",
        "Steve Reed - The Harbour Years runs until April 6, 2025 at the Harwick Gallery.",
        "London, 12 May — The Bank of England raised rates to 5.25% from 5% on Thursday.",
        "Aktualizacja: Policja podała, że 12 osób zostało rannych, a 3 trafiły do szpitala w Łodzi.",
        "Komunikat: śledczy żądają wyjaśnień od 12 urzędników i 3 świadków.",
    ],
)
def test_prose_after_a_label_is_not_poor(sentence: str) -> None:
    assert not is_poor(sentence)


def test_results_lines_in_other_languages_are_poor() -> None:
    assert is_poor("Wyniki: Świątek (Polska) – Sabalenka (Białoruś) 6-4 6-2.")
    assert is_poor("Herren-Einzel, zweite Runde: Zverev (Deutschland) – Ruud (Norwegen) 7-5 6-3.")
