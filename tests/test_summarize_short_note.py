"""The summariser's "story is short (N words)" note counts the words the reader reads: every
word of the story, as the story pane and `newsreader summarize` count them
(``instead_of_summary``), not only those of the sentences a summary could choose from."""

from __future__ import annotations

from reader.summarize import summarize_story
from reader.summarize.api import instead_of_summary

# 133 words (the six figures are not counted as words); "No injuries were reported." is too
# short to be chosen for a summary, but the reader reads it.
TEXT = (
    "Orion Labs is recalling about 2 million of its Halo smart thermostats after reports that "
    "the backup battery can overheat and, in rare cases, melt the casing.\n\n"
    "The company said it had received 118 reports of overheating, including four small fires "
    "that caused minor property damage. No injuries were reported.\n\n"
    "Owners of Halo models sold between March 2024 and June 2026 are asked to remove the device "
    "from the wall plate and request a free replacement through the Orion app.\n\n"
    '"Safety is our first priority and we are sorry for the inconvenience," chief executive '
    "Priya Raman said in a statement.\n\n"
    "Shares in Orion fell 4 percent in early trading. Analysts estimated the recall could cost "
    "the company up to $90 million.\n\n"
    "The Halo was one of the best-selling smart home devices of last year, praised for its "
    "energy-saving schedules."
)
TITLE = "Orion Labs recalls 2 million smart thermostats over overheating battery"


def test_the_short_story_note_counts_every_word_the_reader_reads() -> None:
    summary = summarize_story(TEXT, 3, title=TITLE)
    assert summary.note == "The story is short (133 words): read it whole."
    instead = instead_of_summary(summary.sentences, TEXT)
    assert instead == "The story is short (133 words): read it whole, just below."


def test_a_length_asked_for_gets_no_advice_to_read_the_story_whole() -> None:
    summary = summarize_story(TEXT, 2, title=TITLE, whole_note=False)
    assert len(summary.sentences) == 2
    assert "whole" not in (summary.note or "")
