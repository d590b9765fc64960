"""What the other reports add to an opened story counts a change it does not report as news: an
update's "as the authority lifted the flood warning", told in a sentence that repeats the event
around it (its figure, its words), was taken for a restatement of the opened story (the
reviewer's Chile quake: "UPDATE 3-... tsunami warning lifted" was missing under the Daily Planet's
story of the warning being issued). The words of such changes are English ones."""

from __future__ import annotations

from pathlib import Path

from reader import reading
from reader.models import Story
from reader.summarize.facts import Facts

from .test_across_news import OPENED, WIRE, added_across

LIFTED = (
    "As the water fell in Olomouc on Tuesday, the regional authority lifted the warning it "
    "issued after 120 millimetres of rain."
)
KEPT_IN_PLACE = (
    "The regional authority kept its flood warning for the Morava river in place after 120 "
    "millimetres of rain fell in a day."
)


def test_a_change_the_opened_story_does_not_report_is_what_a_sentence_adds() -> None:
    # both tell the opened story's 120 mm, its river and its warning again; one of them says
    # the warning was lifted, which the opened story (the warning issued) does not
    added = reading.what_others_add([KEPT_IN_PLACE, LIFTED], ["Wire", "Wire"], OPENED)
    assert added == [(LIFTED, "Wire")]


def test_a_kind_of_change_the_opened_story_reports_is_no_news_by_itself() -> None:
    lifted = Story(
        title=OPENED.title,
        source=OPENED.source,
        text=OPENED.text.replace("Schools", "The authority lifted the warning at noon. Schools"),
    )
    assert reading.what_others_add([LIFTED], ["Wire"], lifted) == []


def test_the_update_that_lifts_the_warning_is_among_what_the_others_add(tmp_path: Path) -> None:
    update = Story(
        title="UPDATE 3-Czech flood warning lifted in Olomouc", source="Wire", text=LIFTED
    )
    shown = [sentence for sentence, _ in added_across(OPENED, [*WIRE, update], tmp_path)]
    assert LIFTED in shown


def test_changes_are_read_in_english_only() -> None:
    assert Facts("english").changes("Two people died and the warning was lifted.") == {
        "dead",
        "lifted",
    }
    # ("die" is the German article)
    assert Facts("german").changes("Die Behörde hat die Warnung aufgehoben.") == frozenset()


def test_a_bank_that_lifts_its_rates_lifts_no_warning() -> None:
    # (the reviewer's ECB story: "lifted borrowing costs" is the rise the opened story tells)
    facts = Facts("english")
    assert facts.changes("The bank lifted borrowing costs by half a point.") == frozenset()
    assert facts.changes("The authorities lifted the curfew in the capital.") == {"lifted"}
    assert facts.changes("The curfew was cancelled on Friday.") == {"lifted"}
