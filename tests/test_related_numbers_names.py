"""Figures and names of several words in the grouping's checks (reader.related).

A figure in a headline ("6.4%") becomes several terms: the number, its unit and the phrases it is
in. Two reports of different events that came out at the same figure share all of them, and
nothing else. A name of several words ("Crown Prosecution Service Special Crime Division") is one
name, not one per word: in one report's lead, it must not outweigh the names both reports share,
nor its words alone make two articles one event.
"""

from __future__ import annotations

from typing import Any

import pytest

from reader.related import RelatedIndex, group
from reader.related import index as related_index
from reader.related.text import features, number_of
from tests.test_related_samples import FULL_TEXT, art

Article = dict[str, Any]


def together(background: list[Article], *articles: Article) -> bool:
    """Whether the batch grouping puts all the articles in one group."""
    found = {i: n for n, g in enumerate(group([*background, *articles])) for i in g}
    return len({found[a["id"]] for a in articles}) == 1


def at(hour: int) -> str:
    return f"2024-03-12T{hour:02d}:00:00Z"


# ---------------------------------------------------------------------- figures


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Cinema attendance climbs 8.2% over summer", "Wheat harvest shrinks 8.2% after drought"),
        ("Carmaker stock rallies 6.4%", "U.S. housing starts tumble 6.4% in May"),
        ("Chipmaker posts $3.5bn profit", "Airline fined $3.5 billion over delays"),
    ],
)
def test_headlines_sharing_only_a_figure_are_different_events(first: str, second: str) -> None:
    """The number, its unit and the phrase they make are one shared fact: not the two that
    confirm a join."""
    a = art("a", "a", first, published=at(11))
    b = art("b", "b", second, published=at(12))
    assert not together([], a, b)
    assert not together(FULL_TEXT, a, b)


def test_a_shared_figure_with_shared_words_still_groups() -> None:
    """The control: the same figure and the same words are one event."""
    a = art("a", "sales", "Retail sales rise 8.2% in March", published=at(11))
    b = art("b", "sales", "March retail sales up 8.2%", published=at(12))
    assert together([], a, b)


def test_two_figures_alone_are_not_two_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sharing nothing but figures confirms no join, however many figures: the same numbers
    come out of different events."""
    members = [art("m", "jobs", "Jobless rate falls to 6.1%, payrolls up 2.3%", published=at(11))]
    newcomer = art("n", "other", "Index gains 6.1% as volume climbs 2.3%", published=at(12))
    assert not together([], *members, newcomer)
    monkeypatch.setattr(related_index, "FIGURES_ALONE_ONE", False)  # each figure one fact
    assert together([], *members, newcomer)


def test_terms_made_of_a_number_name_it() -> None:
    vector = features("Building permits tumble 6.4% in May").vector
    made = {term: number_of(term) for term in vector}
    assert {t for t, n in made.items() if n == "6.4"} == {"6.4", "tumbl_6.4", "6.4_percent"}
    assert made["percent"] == ""  # the unit goes with whichever number is shared
    assert made["permit"] is None and made["build_permit"] is None


# ---------------------------------------------------------------------- names of several words

# One event, two outlets: the later report's lead names the prosecutors by their full title.
RUIZ_EARLY = art(
    "ruiz-1",
    "ruiz",
    "Marco Ruiz could still face charges after nightclub brawl",
    "Striker Marco Ruiz could still be charged over a brawl at a Shoreditch nightclub, after "
    "police passed a file to prosecutors.",
    at(11),
    "citypaper",
)
RUIZ_LATE = art(
    "ruiz-2",
    "ruiz",
    "Footballer Marco Ruiz to be charged over nightclub brawl",
    "Marco Ruiz is to be charged with assault over a brawl at a nightclub in Shoreditch last "
    "month, the Crown Prosecution Service Special Crime Division said on Thursday.",
    at(13),
    "sportsdesk",
)
# Another player charged by the same office: a different event of the same kind.
OKAFOR = art(
    "okafor",
    "okafor",
    "Defender Dean Okafor to be charged over Leeds nightclub brawl",
    "Dean Okafor will be charged with assault after a fight outside a nightclub in Leeds in "
    "February, the Crown Prosecution Service Special Crime Division said on Friday.",
    at(15),
    "northnews",
)


def test_capitalised_words_in_a_row_are_one_name() -> None:
    found = features(
        "Talks on port deal stall",
        "Negotiators met in Rotterdam, Antwerp and Hamburg on Monday, the European Sea Ports "
        "Organisation said, with Maria Lopez of the Dock Workers Union attending.",
    )
    runs = {frozenset(run) for run in found.name_runs}
    assert frozenset({"european", "sea", "port", "organis"}) in runs
    assert any({"maria", "lopez"} <= run for run in runs)
    # a comma ends a name: three cities are three names
    assert not any(run & {"rotterdam", "antwerp", "hamburg"} for run in runs)
    assert {"rotterdam", "antwerp", "hamburg"} <= found.names


def test_an_institutions_full_name_in_one_lead_does_not_keep_one_event_apart() -> None:
    assert features(RUIZ_LATE["title"], RUIZ_LATE["text"]).name_runs  # the office is one name
    assert together([], RUIZ_EARLY, RUIZ_LATE)
    assert together(FULL_TEXT, RUIZ_EARLY, RUIZ_LATE)


def test_the_same_institution_in_two_leads_does_not_make_one_event() -> None:
    """Its full name counts as one name: two players charged by one office stay apart."""
    assert not together([], RUIZ_LATE, OKAFOR)
    assert not together(FULL_TEXT, RUIZ_EARLY, RUIZ_LATE, OKAFOR)
    assert together(FULL_TEXT, RUIZ_EARLY, RUIZ_LATE)


def test_a_place_name_alone_does_not_confirm_a_join(monkeypatch: pytest.MonkeyPatch) -> None:
    """A headline about a region and a report whose lead names the region's authority share the
    two words of the region's name and nothing else: one name, not the two shared terms that
    confirm a join, even where every link and cosine is made easy to reach."""
    monkeypatch.setattr(related_index, "MEMBER_FLOOR", 0.01)
    city = {
        "id": "region",
        "title": "West Yorkshire on course to become a cycling region, study says",
        "published": at(10),
    }
    report = {
        "id": "report",
        "title": "Council to close three libraries",
        "text": "Three branch libraries will close in April, the West Yorkshire Combined "
        "Authority said, after a budget review found they cost too much to run.",
        "published": at(11),
    }

    def joins(article: Article) -> bool:
        index = RelatedIndex(threshold=0.01, merge_threshold=0.01)
        index.text_threshold = 0.01
        index.add(city)
        return index.add(article).group_id == index.group_of("region")

    assert not joins(report)
    # the control: the same lead with a word of the headline besides the name joins it
    assert joins({**report, "text": report["text"] + " Cycling lanes stay open."})


# ---------------------------------------------------------------------- few names on one side

RATES_LEDGER = art(
    "rates-ledger",
    "rates",
    "Central bank holds rates at 3.75% but signals cut in the new year",
    "The central bank kept its benchmark interest rate at 3.75 percent on Thursday but "
    "signalled that it could begin cutting borrowing costs early next year as inflation cools.",
    at(7),
    "ledger",
)
# the same decision, its report naming the governor and the year the other leaves unnamed
RATES_METRO = art(
    "rates-metro",
    "rates",
    "Rates unchanged at 3.75 percent; Strand hints at early 2027 cut",
    "Governor Helena Strand left the policy rate at 3.75 percent on Thursday while saying a "
    "first cut could come early next year.",
    at(8),
    "metro",
)
# another central bank's decision that day: a different event of the same kind
RATES_OTHER = art(
    "rates-other",
    "rates-other",
    "Norges Bank holds rates at 4.5% and sees no cut before autumn",
    "Norway's central bank kept its policy rate at 4.5 percent on Thursday, Governor Ida "
    "Wolden Bache said, and pushed back expectations of a cut to the autumn.",
    at(9),
    "metro",
)


def test_a_report_naming_more_than_the_first_one_still_joins_it() -> None:
    """The first report names one figure; the second names it and the governor and the year.
    The group has too few names to ask that it hold most of the newcomer's: one in common is
    enough, as it is for a newcomer with few names (in either order)."""
    assert len(features(RATES_LEDGER["title"], RATES_LEDGER["text"]).names) < 3
    assert len(features(RATES_METRO["title"], RATES_METRO["text"]).names) >= 3
    assert together([], RATES_LEDGER, RATES_METRO)
    assert together([], {**RATES_METRO, "published": at(6)}, RATES_LEDGER)
    assert together(FULL_TEXT, RATES_LEDGER, RATES_METRO)


def test_another_banks_decision_stays_apart_from_a_sparsely_named_report() -> None:
    assert not together([], RATES_LEDGER, RATES_OTHER)
    assert not together(FULL_TEXT, RATES_LEDGER, RATES_METRO, RATES_OTHER)


# A figure of one digit is a fact like any other: "unchanged at 2%" in one lead and "at 2 per
# cent" in the other headline are the same rate. Before, a lead's "2%" named nothing (words of
# one letter are no names), while a headline's "2" did: the lead's other figure, a market move
# the other report leaves out, then outweighed the bank's name they share.
ECB_POST = art(
    "ecb-post",
    "ecb",
    "European Central Bank keeps deposit rate at 2 per cent",
    "Policymakers in Frankfurt kept borrowing costs on hold for a third meeting as euro zone "
    "inflation cooled to 2.1% in October.",
    at(12),
    "post",
)
ECB_WIRE = art(
    "ecb-wire",
    "ecb",
    "ECB holds rates steady as inflation eases",
    "The European Central Bank left its deposit rate unchanged at 2% on Thursday, saying "
    "inflation was settling close to its target. Markets reacted calmly, with the main index "
    "closing 0.3% higher.",
    at(13),
    "wire",
)


def test_a_one_digit_figure_in_a_lead_is_a_name_as_in_a_headline() -> None:
    assert "2" in features(ECB_WIRE["title"], ECB_WIRE["text"]).names
    assert "2" in features(ECB_POST["title"], ECB_POST["text"]).names


def test_two_reports_of_one_rate_decision_share_its_one_digit_rate() -> None:
    assert together([], ECB_POST, ECB_WIRE)
    assert together(FULL_TEXT, ECB_POST, ECB_WIRE)
    assert together([], {**ECB_WIRE, "published": at(11)}, ECB_POST)
