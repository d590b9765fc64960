"""A podcast's or site's stock line ("Listen on your favourite podcast app.", "Subscribe to our
newsletter.", "Follow us on X.") is never news: no summary shows it, and the summary across a
story's group does not list it as what another report adds (the reviewer's Orion recall, where
The Morning Pod's episode page ended with one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import reading
from reader.config import Config
from reader.models import Story
from reader.reading import across_input
from reader.store import open_store
from reader.summarize import summarize_story
from reader.summarize.scraps import is_scrap

STOCK_LINES = [
    "Listen on your favourite podcast app.",
    "Listen on Apple Podcasts, Spotify or wherever you get your podcasts.",
    "Download the free app today.",
    "Sign up for our daily briefing.",
    "Watch the full interview on our YouTube channel.",
    "Don't forget to rate and review the show.",
    "Support us by becoming a member.",
    "Share this story with a friend who needs it.",
    "Please follow us on Instagram for the latest updates.",
    "Get our free app for the latest news.",
]
NEWS = [
    "Support for the bill grew among our members after the vote on Tuesday.",
    "Share prices fell 4 percent in early trading in Stockholm.",
    "Search teams found two survivors under the rubble on Tuesday.",
    "Listen to the residents of Grindavik and you hear anger at the slow response.",
    "Get Me Out of Here drew an average of 10.9m viewers on Sunday night.",
    "Like many owners, she had never heard of the recall until this week.",
    "Get your hands off the Clangers, fans told the broadcaster on Monday.",
]


@pytest.mark.parametrize("line", STOCK_LINES)
def test_a_stock_call_to_action_is_a_scrap(line: str) -> None:
    assert is_scrap(line)


@pytest.mark.parametrize("sentence", NEWS)
def test_news_that_opens_like_an_imperative_is_not(sentence: str) -> None:
    assert not is_scrap(sentence)


OPENED = Story(
    title="Orion Labs pulls 2 million Halo thermostats after fire reports",
    source="The Daily Ledger",
    text=(
        "Smart home maker Orion Labs on Thursday recalled roughly 2 million Halo thermostats, "
        "citing 118 reports of overheating backup batteries and four small fires.\n\n"
        "The recall covers devices sold from March 2024 to June 2026. Customers can order a "
        "free replacement through the Orion app.\n\n"
        "Orion shares were down 4 percent. The company put the cost at up to $90 million."
    ),
)
TECH = Story(
    title="Orion Labs recalls 2 million smart thermostats over overheating battery",
    source="Tech Beat",
    text=(
        "Orion Labs is recalling about 2 million of its Halo smart thermostats after reports "
        "that the backup battery can overheat and, in rare cases, melt the casing.\n\n"
        "The company said it had received 118 reports of overheating, including four small "
        "fires that caused minor property damage. No injuries were reported.\n\n"
        '"Safety is our first priority and we are sorry for the inconvenience," chief '
        "executive Priya Raman said in a statement.\n\n"
        "The Halo was one of the best-selling smart home devices of last year, praised for its "
        "energy-saving schedules."
    ),
)
POD = Story(
    title="Episode 141: Inside the Orion thermostat recall",
    source="The Morning Pod",
    text=(
        "Smart-home batteries, recalls and what owners of the Halo should do now.\n\n"
        "Listen on your favourite podcast app."
    ),
)


def test_what_the_other_stories_add_has_no_stock_line(tmp_path: Path) -> None:
    from reader.tui.widgets.deck import ACROSS_SENTENCES

    made = across_input(OPENED, [TECH, POD])
    assert made is not None
    store = open_store(tmp_path / "news.db")
    try:
        summary = reading.story_summary(
            store, Config(), None, made.texts, sentences=ACROSS_SENTENCES, ranked=True
        )
    finally:
        store.close()
    sources = reading.sentence_sources(summary.sentences, made)
    added = reading.what_others_add(summary.sentences, sources, OPENED)
    assert added  # the other reports add something ...
    assert all("Listen" not in sentence for sentence, _ in added)  # ... but not the stock line
    assert "Listen on your favourite podcast app." not in summary.sentences


def test_a_podcasts_summary_leaves_its_stock_line_out() -> None:
    summary = summarize_story(POD.text + "\n\nSubscribe to our newsletter today.", 1)
    assert summary.total_sentences == 1
    assert summary.sentences == (
        "Smart-home batteries, recalls and what owners of the Halo should do now.",
    )
