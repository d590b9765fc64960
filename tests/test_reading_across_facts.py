"""What the other stories of a group add to an opened one: not a fact the opened story states
already in other words (a figure or ordinal of one of its sentences with a word of it), and
first what several other reports carry that it lacks (the reviewer's Grindavik group: the
opened Northern Post story says "It is the eighth eruption"; two reports say the Blue Lagoon
closed, four that the lava flows away from the town's power plant)."""

from __future__ import annotations

from pathlib import Path

from reader import reading
from reader.config import Config
from reader.models import Story
from reader.reading import across_input
from reader.store import open_store

MET = (
    "The Icelandic Met Office said seismic activity had increased in the hours before the "
    "eruption. Authorities urged people to stay away from the area.\n\n"
    "It is the eighth eruption on the peninsula since December 2023."
)
PLANT = "Officials said the lava was flowing away from the town's power plant."
OPENED = Story(
    title="Volcano erupts near Grindavik, forcing evacuation of 3,800 residents",
    source="Northern Post",
    text=(
        "A volcanic eruption began near Grindavik on Thursday evening, forcing the evacuation "
        "of about 3,800 residents, the civil protection agency said.\n\n" + MET
    ),
)
EIGHTH = (
    "Iceland's Reykjanes peninsula saw its eighth eruption in a year on Thursday as lava "
    "emerged near the fishing town of Grindavik."
)
LAGOON = (
    "An eruption started on the Reykjanes peninsula on Thursday, closing the Blue Lagoon and "
    "prompting the evacuation of Grindavik."
)
# (source, headline, lead): the reviewer's reports, each with the wire's paragraphs after it
WIRE = [
    ("Island Herald", "Grindavik evacuated as lava fountains up from new fissure",
     "Lava fountained from a two-kilometre fissure north of Grindavik after an eruption began "
     "on Thursday, and the town's 3,800 residents were evacuated."),
    ("Morning Express", "Iceland volcano: residents of Grindavik evacuated again",
     "Residents of Grindavik were evacuated again on Thursday after a volcanic eruption began "
     "north of the town."),
    ("Reykjavik Daily", "Eruption begins on Reykjanes peninsula; Blue Lagoon closed", LAGOON),
    ("Euro Wire", "Iceland volcano erupts for the eighth time in a year", EIGHTH),
    ("Atlantic Digest", "Thousands evacuated after Icelandic volcano eruption",
     "About 3,800 people were evacuated from Grindavik after a volcano erupted nearby on "
     "Thursday."),
    ("Science Wire", "Reykjanes eruption: what scientists know so far",
     "The fissure eruption near Grindavik on Thursday follows weeks of magma build-up measured "
     "by the Icelandic Met Office."),
    ("Travel Today", "Blue Lagoon shuts again as volcano erupts near Grindavik",
     "The Blue Lagoon spa closed on Thursday after a volcano erupted near the town of "
     "Grindavik, the eighth eruption in a year."),
    ("World Brief", "Volcano erupts in southwest Iceland near Grindavik",
     "A volcano erupted in southwest Iceland near Grindavik on Thursday, the Icelandic Met "
     "Office said."),
]  # fmt: skip
LOCAL = [
    ("Polar News", "Volcano erupts near Grindavik; 3,800 residents evacuated",
     "A volcano erupted near Grindavik on Thursday and about 3,800 residents were evacuated, "
     "civil protection officials said."),
    ("Harbour Gazette", "Grindavik residents evacuated as volcano erupts nearby",
     "Some 3,800 residents of Grindavik were evacuated after a volcano erupted near the town "
     "on Thursday."),
    ("Sunday Courier", "Iceland: volcano erupts near Grindavik, town evacuated",
     "A volcanic eruption began near the Icelandic town of Grindavik on Thursday, and the town "
     "was evacuated."),
    ("Fjord Times", "Eruption near Grindavik forces evacuation of town",
     "An eruption near Grindavik on Thursday forced the evacuation of the town's roughly 3,800 "
     "residents."),
]  # fmt: skip


def test_a_fact_of_the_opened_story_worded_otherwise_is_not_what_the_others_add() -> None:
    added = reading.what_others_add([EIGHTH, LAGOON], ["Euro Wire", "Reykjavik Daily"], OPENED)
    # "its eighth eruption in a year" is the opened story's "It is the eighth eruption on the
    # peninsula"; the Blue Lagoon's closing is news it does not have
    assert added == [(LAGOON, "Reykjavik Daily")]


def test_the_figure_of_the_opened_storys_headline_counts_too() -> None:
    again = "Some 3,800 residents of Grindavik had to leave their homes on Thursday night."
    opened = Story(title=OPENED.title, source="Northern Post", text=MET)
    assert reading.what_others_add([again], ["Harbour Gazette"], opened) == []


def test_the_group_adds_what_several_reports_carry_and_not_the_eighth_eruption_again(
    tmp_path: Path,
) -> None:
    from reader.tui.widgets.deck import ACROSS_SENTENCES
    from reader.tui.widgets.story import ACROSS_SHOWN

    others = [Story(title=t, source=s, text=f"{lead}\n\n{MET}") for s, t, lead in WIRE]
    others += [Story(title=t, source=s, text=f"{lead}\n\n{PLANT}") for s, t, lead in LOCAL]
    made = across_input(OPENED, others)
    assert made is not None
    store = open_store(tmp_path / "news.db")
    try:
        summary = reading.story_summary(
            store, Config(), None, made.texts, sentences=ACROSS_SENTENCES, ranked=True
        )
    finally:
        store.close()
    sources = reading.sentence_sources(summary.sentences, made)
    added = reading.what_others_add(summary.sentences, sources, OPENED)[:ACROSS_SHOWN]
    shown = [sentence for sentence, _ in added]
    assert shown[0] == PLANT  # four reports carry it
    assert any("Blue Lagoon" in sentence for sentence in shown)  # two do
    assert EIGHTH not in shown  # the opened story says it
    assert all(source != "Euro Wire" for _, source in added)
