"""A page's related stories are stories about the same thing, and a few of them.

Site-wide lists keep a teaser only when its headline shares real words with the story (not a
weekday, not one name in a long headline); a box without a label that shares no word with the
story is left out whole; links to tag, issue, shop and event pages, ads and calls to act are
not stories; a long box gives its best few. The pages are small, made-up versions of patterns
seen on news sites.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import extract
from reader.extract.related import MAX_RELATED, link_kind, not_a_story
from reader.models import Page

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://news.example.com/2024/05/03/the-story/"


def load(name: str) -> Page:
    return extract((FIXTURES / name).read_text(encoding="utf-8"), URL)


def titles(page: Page) -> list[str]:
    return [s.title for s in page.related]


def test_a_site_wide_list_keeps_the_teaser_about_the_story_not_one_sharing_a_word() -> None:
    page = load("offtopic_sitewide.html")
    assert page.main.title == "Harbour city bans cruise ships from the old port"
    # 'harbour' alone, in a headline of seven words about something else, is not enough
    assert titles(page) == ["Cruise operators warn of lost jobs after old port ban"]


def test_a_weekday_or_a_place_name_alone_does_not_make_a_teaser_related() -> None:
    page = load("offtopic_names.html")
    assert page.main.title == "Man stabbed to death on a Bay Area train on Tuesday"
    # 'Bay Area' is one name (one word of five), 'Tuesday' says when, not what
    assert titles(page) == ["Transit agency confirms death aboard one of its trains"]


def test_a_box_without_a_label_that_shares_no_word_with_the_story_is_left_out() -> None:
    page = load("offtopic_more_stories.html")
    assert page.main.title == "Hunter falls ill with plague after eating wild rabbit"
    assert page.main.text.startswith("A hunter in the northern hills")
    assert page.related == ()
    assert "crooner" not in page.main.text  # left out of the story too


def test_the_same_box_is_kept_when_one_of_its_teasers_is_about_the_story() -> None:
    html = (FIXTURES / "offtopic_more_stories.html").read_text(encoding="utf-8")
    html = html.replace(
        "Actor sells his beach house for a record price",
        "Second hunter treated for plague in the northern hills",
    )
    page = extract(html, URL)
    assert titles(page) == [
        "Singer says famous crooner was rude to his model wife",
        "Second hunter treated for plague in the northern hills",
    ]


def test_tag_issue_shop_event_pages_and_ads_are_not_related_stories() -> None:
    page = load("not_stories.html")
    assert titles(page) == ["Airline delays alliance membership to next year"]
    # a call to act under the headline is not the teaser's text
    assert page.related[0].text == ""
    assert "Hurry" not in page.main.text


def test_a_long_related_box_gives_its_best_few_in_page_order() -> None:
    page = load("related_long_box.html")
    found = titles(page)
    assert len(found) == MAX_RELATED
    # the five that share most words with the story, in the order the page gives them
    assert found == [
        "Davis Cup finals open in Madrid to mixed feelings",
        "Podcast: what to expect from the Davis Cup finals in Madrid",
        "Madrid crowds warm to the new-look Davis Cup",
        "Captain names his squad for the Davis Cup finals in Madrid",
        "Players question the format of the Davis Cup finals",
    ]
    assert all("Davis Cup" in t for t in found)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://site.example.com/apply/gold-card/?tid=WIDGET-1", "shop"),
        ("https://shop.example.com/team-jersey-2024", "shop"),
        ("https://site.example.com/event/space-expo-europe/", "shop"),
        ("https://site.example.com/products/12345/blue-kettle", "shop"),
        ("https://site.example.com/topicos/jose-luis-dalmau-santiago/", "listing"),
        ("https://site.example.com/edicion/impresa/", "listing"),
        ("https://site.example.com/news/2024/05/02/shop-owners-fear-port-ban", "article"),
    ],
)
def test_link_kind_of_shops_offers_events_and_topic_pages(url: str, kind: str) -> None:
    assert link_kind(url, "A headline of some words here", URL) == kind


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("Chase Sapphire Preferred® Card", "ad"),
        ("Brand Phone™ now half price", "ad"),
        ("Hurry Before It's Gone!", "cta"),
        ("Shop now", "cta"),
        ("جريدة الصباح بتاريخ 2019/02/09", "issue"),
        ("Ausgabe vom 12.03.2020", "issue"),
        ("The Dawgs By Nature Browns FanShop", "shop"),
        ("Apple opens its first store in Mumbai", None),
        ("Police arrest 73-year-old man after 2024/05/01 robbery at the bank", None),
        ("Daily briefing: what you need to know", None),
    ],
)
def test_headlines_that_are_not_stories(title: str, why: str | None) -> None:
    assert not_a_story(title) == why
