"""What the other reports add to an opened story counts their figures as news: a count the opened
story does not give ("14 people were injured", "thousands were evacuated") is what they add, even
in a sentence that tells the event again around it ("... after the 120 mm of rain"), where before
such a sentence was taken for a restatement of the opened story (the same figure, its words) or
for mostly its words. And one other report is enough to say what it adds (the reviewer's Chile
quake and ECB stories: their updates' tolls and counts, and the one other report's minister and
inflation figure, were missing)."""

from __future__ import annotations

from pathlib import Path

from reader import reading
from reader.config import Config
from reader.models import Story
from reader.reading import across_input
from reader.store import open_store

ACROSS_SENTENCES = 24  # (the reader's: reader.tui.widgets.deck.ACROSS_SENTENCES)

# A long page of one outlet, opened: the rain's figure, the warning, a river level, power cuts.
OPENED = Story(
    title="Olomouc flooded after 120 mm of rain in a day",
    source="Morning Star",
    text=(
        "Streets in the Czech town of Olomouc were flooded on Sunday after 120 millimetres of "
        "rain fell in a day, and the regional authority issued a flood warning for the Morava "
        "river.\n\n"
        "The river rose three metres above its usual level overnight, the hydrological "
        "institute said. Power was cut to about 4,000 homes in the old town.\n\n"
        "Regional governor Josef Suchanek said the army would help to build barriers along the "
        "embankment. Trains between Olomouc and Prerov were stopped.\n\n"
        "The town was badly hit by the floods of 1997, when dozens of people died across the "
        "region. Schools in Olomouc will stay closed on Monday."
    ),
)
# The wire's updates: each tells the event again around what is new.
EVACUATED = (
    "Thousands of residents were evacuated from riverside streets in Olomouc after 120 "
    "millimetres of rain fell on Sunday, the regional authority said."
)
INJURED = "The regional authority said 14 people were injured in the floods."
WIRE = [
    Story(
        title="Czech town of Olomouc flooded after heavy rain",
        source="Wire",
        text=(
            "Streets in Olomouc were flooded on Sunday after 120 millimetres of rain fell in a "
            "day, prompting a flood warning for the Morava river."
        ),
    ),
    Story(
        title="UPDATE 1-Thousands evacuated as floods hit Czech town",
        source="Wire",
        text=EVACUATED,
    ),
    Story(
        title="UPDATE 2-Czech floods: 14 injured in Olomouc",
        source="Wire",
        text=(
            "Rescuers in boats searched flooded streets of Olomouc on Sunday night after 120 "
            f"millimetres of rain fell in a day. {INJURED}"
        ),
    ),
]


def added_across(opened: Story, others: list[Story], tmp_path: Path) -> list[tuple[str, str]]:
    """What the reader's pane shows the others add: the summary across them (ranked), each
    sentence's source, less what the opened story and its own summary say."""
    made = across_input(opened, others)
    assert made is not None
    store = open_store(tmp_path / "news.db")
    try:
        config = Config()
        summary = reading.story_summary(
            store, config, None, made.texts, sentences=ACROSS_SENTENCES, ranked=True
        )
        own = reading.load_summary(store, config, None, 0, opened.text, opened.title)
    finally:
        store.close()
    sources = reading.sentence_sources(summary.sentences, made)
    return reading.what_others_add(summary.sentences, sources, opened, own.sentences)


def test_a_count_the_opened_story_does_not_give_is_what_a_sentence_adds() -> None:
    # "Thousands" is a figure the opened story does not give (it gives 120 and 4,000); the
    # sentence's 120 mm, Olomouc, Sunday and "regional authority" are the opened story's
    added = reading.what_others_add([EVACUATED, INJURED], ["Wire", "Wire"], OPENED)
    assert added == [(EVACUATED, "Wire"), (INJURED, "Wire")]


def test_a_figure_the_opened_story_gives_is_still_a_restatement() -> None:
    again = "About 4,000 homes in the old town of Olomouc lost power on Sunday."
    rain = "Some 120 millimetres of rain fell on Olomouc in a day, the regional authority said."
    assert reading.what_others_add([again, rain], ["Wire", "Wire"], OPENED) == []


def test_the_updates_counts_are_what_the_others_add(tmp_path: Path) -> None:
    added = added_across(OPENED, WIRE, tmp_path)
    shown = [sentence for sentence, _ in added]
    assert EVACUATED in shown
    assert INJURED in shown
    assert all(source == "Wire" for _, source in added)
    assert not any("120" in sentence and "prompting" in sentence for sentence in shown)


# The reviewer's ECB pattern: one other report, whose page names the central bank's head and
# the inflation figure the opened wire story does not.
RATES = Story(
    title="Norway's central bank raises its key rate by a quarter point",
    source="Wire",
    text=(
        "Norges Bank raised its key policy rate by 25 basis points to 4.5 percent on Thursday, "
        "saying inflation was still too high."
    ),
)
OTHER = Story(
    title="Norges Bank lifts rates again as prices climb",
    source="Evening Post",
    text=(
        "Norges Bank raised borrowing costs by a quarter of a percentage point on Thursday, its "
        "fifth increase this year.\n\n"
        "Governor Ida Wolden Bache said rates would probably stay at that level for some time, "
        "as consumer prices rose 5.4 percent in the year to September.\n\n"
        "The krone strengthened against the euro after the decision."
    ),
)


def test_one_other_report_says_what_it_adds(tmp_path: Path) -> None:
    made = across_input(RATES, [OTHER])
    assert made is not None
    assert (made.others, made.total, made.sources) == (1, 1, ("Wire", "Evening Post"))
    shown = [sentence for sentence, _ in added_across(RATES, [OTHER], tmp_path)]
    assert any("Wolden Bache" in sentence and "5.4 percent" in sentence for sentence in shown)
    assert all(sentence in OTHER.text for sentence in shown)


def test_no_other_report_with_a_text_makes_no_summary_across() -> None:
    assert across_input(RATES, [Story(title=OTHER.title, source="Evening Post")]) is None
    assert across_input(RATES, [Story(title=OTHER.title, text="Read more.")]) is None
