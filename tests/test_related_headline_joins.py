"""A headline without a text against reports with one (reader.related).

Many feeds carry no description: their items are a headline alone, and they arrive among
full-text reports from other feeds. A headline alone has no names the checks see (a Title Case
headline hides them), and the words it shares with a report of another event of its kind are
the kind itself ("shares jump", "makes landfall", "checks into rehab"). It joins a report only
where it shares the report's names (who, where) or figures, and the names it shows are not all
missing from the report.
"""

from __future__ import annotations

from typing import Any

import pytest

from reader.related import RelatedIndex, group
from reader.related import index as related_index
from reader.related.text import features
from tests.test_related import by_time, partition, replay
from tests.test_related_samples import FULL_TEXT, art

Article = dict[str, Any]

BEFORE = "2024-03-12T12:00:00Z"  # before every report of FULL_TEXT
DURING = "2024-03-13T22:30:00Z"  # after the earnings reports, before the storms
AFTER = "2024-03-15T12:00:00Z"  # after the storms' reports
BETWEEN = "2024-03-13T21:10:00Z"  # between the first two earnings reports

EVENTS = {a["id"]: a["event"] for a in FULL_TEXT}


def joined_events(headline: str, published: str) -> set[str]:
    """The events of the reports the headline is grouped with (batch grouping)."""
    item = art("headline", "?", headline, published=published)
    for found in group([*FULL_TEXT, item]):
        if item["id"] in found:
            return {EVENTS[i] for i in found if i != item["id"]}
    raise AssertionError("the headline is in no group")


# Another event of a kind FULL_TEXT has: it shares the kind's words (and maybe a figure).
OTHER_EVENTS = [
    ("Netflix shares jump 8.2%", DURING),
    ("Netflix shares jump 8.2%", BETWEEN),
    ("Netflix shares jump 6%", DURING),  # Orbit's shares rose 6% too
    ("Netflix shares jump 6%", BEFORE),  # the reports arrive after it
    ("Hurricane Beryl makes landfall in Texas", AFTER),
    ("Typhoon Haikui makes landfall in Taiwan", AFTER),
    ("Storm makes landfall in Texas", BEFORE),
    ("Singer Ava Ross checks into rehab", DURING),
    ("Earthquake of magnitude 6.1 strikes Peru", AFTER),
]


@pytest.mark.parametrize(("headline", "published"), OTHER_EVENTS)
def test_a_headline_of_another_event_of_the_kind_stays_apart(headline: str, published: str) -> None:
    assert joined_events(headline, published) == set()


# The same event as reports of FULL_TEXT, in a headline's words: its principals, places, figures.
SAME_EVENTS = [
    ("Orbit shares jump 6%", "earnings-orbit", BEFORE),
    ("Orbit shares jump 6%", "earnings-orbit", DURING),
    # the company's name opens the headline and the lead: a capital there marks no name
    ("Orbit tops estimates as cloud revenue jumps", "earnings-orbit", DURING),
    ("Orbit tops estimates as cloud revenue jumps", "earnings-orbit", AFTER),
    ("Orbit quarterly revenue beats forecasts", "earnings-orbit", AFTER),
    ("Helix shares jump 4% after results", "earnings-helix", AFTER),
    ("Helix Software tops estimates", "earnings-helix", DURING),
    ("Chile quake: no tsunami", "quake-chile", DURING),
    ("Valparaiso shaken by 6.8 quake", "quake-chile", BEFORE),
    ("Quake of magnitude 6.8 hits 40 km off coast", "quake-chile", DURING),
    ("Chile earthquake: Boric says damage limited", "quake-chile", AFTER),
    ("Hurricane Dana makes landfall", "storm-florida", AFTER),
    ("Dana leaves 400,000 without power", "storm-florida", AFTER),
    ("Typhoon Kiko slams Luzon", "storm-luzon", AFTER),
    ("Harlow in rehab", "rehab-harlow", DURING),
    ("Mila Vance enters rehab", "rehab-vance", BEFORE),
    ("Lagarde signals June cut", "ecb", AFTER),
]


@pytest.mark.parametrize(("headline", "event", "published"), SAME_EVENTS)
def test_a_headline_naming_the_event_joins_its_reports(
    headline: str, event: str, published: str
) -> None:
    assert joined_events(headline, published) == {event}


def test_the_rule_is_what_keeps_generic_words_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the rule, the shared words of the kind are enough for a join."""
    monkeypatch.setattr(related_index, "HEADLINE_NAMES", False)
    assert joined_events("Netflix shares jump 6%", DURING) == {"earnings-orbit"}
    assert joined_events("Hurricane Beryl makes landfall in Texas", AFTER) == {"storm-florida"}


@pytest.mark.parametrize(
    ("event", "titles"),
    [
        ("netflix", ("Netflix shares jump 6%", "Netflix shares jump 6% as subscribers surge")),
        ("earnings-orbit", ("Orbit shares jump 6%", "Orbit shares jump 6% on cloud sales")),
    ],
)
def test_a_group_of_headlines_merges_with_reports_only_on_their_names(
    event: str, titles: tuple[str, str]
) -> None:
    """Headlines that group among themselves first, then the reports arrive: the reports of
    another company's results do not take the headlines' group in, those of the same do."""
    heads = [art(f"h{n}", event, title, published=BEFORE) for n, title in enumerate(titles)]
    found = {i: n for n, g in enumerate(group([*FULL_TEXT, *heads])) for i in g}
    assert found["h0"] == found["h1"]
    assert (found["h0"] == found["earn-a1"] == found["earn-a2"]) == (event == "earnings-orbit")


def test_incremental_and_batch_agree_on_headlines_among_reports() -> None:
    heads = [
        art(f"h{n}", "?", title, published=when) for n, (title, when) in enumerate(OTHER_EVENTS)
    ]
    heads += [
        art(f"s{n}", e, title, published=when) for n, (title, e, when) in enumerate(SAME_EVENTS)
    ]
    articles = by_time([*FULL_TEXT, *heads])
    incremental, _ = replay(RelatedIndex(), articles)
    assert partition(incremental) == partition(group(articles))


def test_a_name_opening_the_headline_and_the_lead_is_a_name() -> None:
    found = features(
        "Orbit Systems beats forecasts",
        "Orbit Systems reported revenue of $18 billion. Shares rose 6% in extended trading, "
        "and shares of its rivals fell.",
    )
    assert "orbit" in found.lead_names and "orbit" not in found.names
    # opens a sentence but is written in lower case elsewhere: a word, not a name
    assert "share" not in found.lead_names
    # opens the lead but not the headline: no evidence it is a name
    other = features("Cloud demand lifts results", "Strong demand lifted the results.")
    assert other.lead_names == frozenset()


def test_a_headline_alone_keeps_the_names_it_shows() -> None:
    assert set(features("Hurricane Beryl makes landfall in Texas").headline_names) == {
        "beryl",
        "texa",
    }
    assert features("Netflix shares jump 6%").headline_names == ()
    # Title Case: every word is capitalised, none tells a name
    assert features("Hurricane Beryl Makes Landfall in Texas").headline_names == ()
    with_text = features("Hurricane Beryl makes landfall", "Hurricane Beryl hit Texas on Monday.")
    assert with_text.headline_names == ()  # a report's names are its names
