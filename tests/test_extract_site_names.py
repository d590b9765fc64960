"""The site's name a story shows is a name: the part of a long og:site_name before its
tagline, the host's name rather than a subdomain's label, a handle, a tagline or a headline;
and a title keeps its second half when that half is no site's name.

The pages are small, made-up versions of patterns seen on news sites.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.extract import extract
from reader.extract.meta import PageFacts, clean_source, looks_like_name

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def load(name: str) -> tuple[str, str]:
    page = extract((FIXTURES / name).read_text(encoding="utf-8"))
    return page.main.source, page.main.title


@pytest.mark.parametrize(
    ("name", "source", "title"),
    [
        # a tagline in og:site_name is no name: the host says which site it is
        ("site_name_tagline.html", "riderjournal.com", "Four things to do in October"),
        # 'Hosted' is the label of hosted.pa.org; the copyright holder's initials are the host's
        (
            "site_name_wire.html",
            "The Press Association",
            "Council faces questions about the harbour contract",
        ),
        # the name before the tagline after it
        ("site_name_segments.html", "WKRN 4News", "Two riders hurt in a fall at the show ground"),
        # the host's name without the edition after it
        ("site_name_edition.html", "Money Insider", "How to retire early and ride every day"),
        # og:site_name holding the page's <title>: the publisher's name instead
        (
            "site_name_headline.html",
            "OMR",
            "Now cowboy boots too: Crocs makes billions with wild releases",
        ),
    ],
)
def test_the_site_name_shown_is_a_name(name: str, source: str, title: str) -> None:
    assert load(name) == (source, title)


def test_the_second_half_of_a_title_is_not_taken_for_the_site_name() -> None:
    source, title = load("title_second_half.html")
    assert title == "Atkins diet (14 days) - lose up to 10 kg. Reviews"
    assert "Reviews" not in source


FACTS = PageFacts(
    head_title="Home Depot stock falls after its earnings report - Barron's",
    sites=("Barrons",),
    hosts=("barrons.com", "barronsonline"),  # the second one is a social-media handle
)


def test_a_social_media_handle_gives_way_to_the_name_in_the_title() -> None:
    assert clean_source("BarronsOnline", FACTS) == "Barron's"
    assert clean_source("Barrons", FACTS) == "Barrons"  # the page's own og:site_name stays


def test_a_subdomain_that_is_the_sites_name_and_handle_stays() -> None:
    facts = PageFacts(
        sites=("GridironTalk",),
        hosts=("gridirontalk", "gridirontalk.sportsnet.example"),  # a handle and the host
        holders=("Sportsnet Universal",),
    )
    assert clean_source("GridironTalk", facts) == "GridironTalk"
    # without the handle, the label of a subdomain gives way to the host's name
    assert clean_source("GridironTalk", replace(facts, hosts=facts.hosts[1:])) == (
        "Sportsnet Universal"
    )
    # and stays when no other name is the host's
    assert clean_source("GridironTalk", replace(facts, hosts=facts.hosts[1:], holders=())) == (
        "GridironTalk"
    )


def test_a_domain_name_and_a_plain_name_stay_as_they_are() -> None:
    assert clean_source("catchitkansas.com", PageFacts(hosts=("catchitkansas.com",))) == (
        "catchitkansas.com"
    )
    assert clean_source("DH News Service", PageFacts(hosts=("deccanherald.com",))) == (
        "DH News Service"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Beachbody Blog", True),
        ("nature", True),
        ("Le Monde diplomatique", False),  # small words: a name only as the host's
        ("Expert how-to for English Riders", False),
        ("lose up to 10 kg. Reviews", False),
        ("https://twitter.com/example_news", False),
        ("A headline that runs on for far too many words", False),
    ],
)
def test_looks_like_name(text: str, name: bool) -> None:
    assert looks_like_name(text) is name


def test_a_name_of_small_words_is_the_sites_when_it_is_the_hosts_name() -> None:
    facts = PageFacts(hosts=("blog.mondediplo.net",))
    assert looks_like_name("Le Monde diplomatique", facts)
