"""A box the page labels related ('Related stories', class 'related') gives only the teasers that
share a word or a name with the story.

Many sites fill their 'Related stories' box with their latest stories, whatever the page is
about: an ECB rates story listed a Hikvision ban, a US-Canada trade row and an AI image model as
its related stories, and the reader showed them as panes "from the same page". A labelled box now
keeps a teaser whose headline or opening has a word of the story's headline (repair, repairs), a
name the story writes ('Canada', 'ECB') or a word it uses three times; not one that shares only a
weekday, a common word of the story's opening ('threat', 'rate'), or its own source's name. The
pages are small, made-up versions of the pages the reviewer read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import extract
from reader.models import Page

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://wire.example.com/articles/story-1042.html"


def load(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def titles(page: Page) -> list[str]:
    return [s.title for s in page.related]


def page_with(title: str, lead: str, teasers: list[str], heading: str = "Related stories") -> Page:
    items = "".join(
        f'<li><a href="/articles/teaser-{n}-2044.html">{t}</a></li>' for n, t in enumerate(teasers)
    )
    filler = "".join(
        f"<p>Paragraph {n} of the report adds what officials and analysts said afterwards.</p>"
        for n in range(4)
    )
    html = (
        f"<html><body><main><article><h1>{title}</h1><p>{lead}</p>{filler}</article>"
        f'<aside class="related"><h2>{heading}</h2><ul>{items}</ul></aside></main></body></html>'
    )
    return extract(html, URL)


def test_a_related_box_of_other_news_gives_only_the_stories_about_the_same_thing() -> None:
    page = extract(load("related_labelled_offtopic.html"), URL)
    assert page.main.title == "ECB holds rates steady as inflation eases"
    # a Hikvision ban, a trade row, an AI model and a storm on the same Thursday are other news
    assert titles(page) == [
        "Eurozone inflation falls to its lowest level in three years",
        "Lagarde signals the ECB could cut again in December",
    ]


def test_one_name_of_the_story_is_enough() -> None:
    page = page_with(
        "Canada orders Hikvision to shut down Canadian operations over security concerns",
        "Ottawa has ordered the Chinese surveillance camera maker Hikvision to close its "
        "Canadian business after a national security review, Industry Minister Melanie Joly "
        "said on Friday.",
        [
            "Trump ends trade talks with Canada over digital services tax",
            "Alibaba launches Qwen VLo image model to rival OpenAI",
            "ECB holds rates steady as inflation eases",
        ],
    )
    assert titles(page) == ["Trump ends trade talks with Canada over digital services tax"]


@pytest.mark.parametrize(
    ("title", "lead", "off_topic", "on_topic"),
    [
        (
            "Strong quake jolts Antofagasta, no tsunami threat, officials say",
            "A magnitude 6.4 earthquake struck off the coast of northern Chile on Saturday, "
            "sending residents of Antofagasta into the streets; the navy ruled out a tsunami.",
            # 'threatens' is another form of the headline's 'threat', and says nothing of quakes
            "Trump halts Canada trade negotiations, threatens new tariffs within a week",
            "Tsunami warnings lifted along the coast of Peru",
        ),
        (
            "Trump halts Canada trade negotiations, threatens new tariffs within a week",
            "President Donald Trump said the talks were over and that he would set a tariff rate "
            "on Canadian goods within seven days, calling the country difficult to deal with.",
            # 'rate', once in the opening, is no subject of the story
            "European Central Bank keeps deposit rate at 2 per cent",
            "Ottawa says it will not drop its digital services tax for Trump",
        ),
    ],
    ids=["threat", "rate"],
)
def test_a_common_word_of_the_opening_is_not_enough(
    title: str, lead: str, off_topic: str, on_topic: str
) -> None:
    page = page_with(title, lead, [off_topic, on_topic])
    assert titles(page) == [on_topic]


def test_a_teaser_whose_text_names_the_storys_subject_stays() -> None:
    story = (
        "<p>The central library will open on Sundays from next month, the council said on "
        "Friday, after a trial over the summer drew more visitors than expected.</p>"
        "<p>Opening hours will be from ten in the morning until four in the afternoon.</p>"
    )
    teasers = [
        (
            "Summer reading scheme breaks records across the county",
            "More children than ever signed up for the scheme, with twelve thousand taking part "
            "across forty libraries, organisers said.",
        ),
        (
            "Council approves new car park beside the railway station",
            "The car park will have four hundred spaces and open in the spring.",
        ),
    ]
    items = "".join(
        f'<article><h3><a href="/a/teaser-{n}-2044.html">{t}</a></h3><p>{text}</p></article>'
        for n, (t, text) in enumerate(teasers)
    )
    html = (
        f"<html><body><main><article><h1>Library opens on Sundays</h1>{story}</article>"
        f"<aside><h2>Related stories</h2>{items}</aside></main></body></html>"
    )
    # 'libraries' in the first teaser's text is the story's 'library'
    assert titles(extract(html, URL)) == [teasers[0][0]]


def test_an_aggregators_related_box_keeps_its_stories_on_the_event() -> None:
    page = extract(load("related_labelled_aggregator.html"), URL)
    assert page.main.title.startswith("Canada Orders Chinese Firm Hikvision")
    assert titles(page) == [
        "US 'immediately' cutting off trade talks with Canada: Trump",
        "Surveillance firms face tighter rules on cameras in public buildings",
    ]
    assert [s.source for s in page.related] == ["Fibre2Fashion", "Mint"]


def test_a_word_that_is_the_teasers_source_is_not_a_shared_word() -> None:
    html = load("related_labelled_aggregator.html")
    teaser = "Security Weekly podcast: passwords, phones and the cloud"
    assert teaser not in titles(extract(html, URL))
    # without its source line, 'Security' is a word of the story's headline
    html = html.replace('<div class="src">Security Weekly</div>', "")
    assert teaser in titles(extract(html, URL))


def test_a_japanese_teaser_sharing_the_storys_subject_stays() -> None:
    page = page_with(
        "商品の改造が商標法違反に！？",
        "東京の会社が他社の商品を改造して販売したところ、商標権の侵害に当たるとして訴えられた。"
        "商標は商品の出所を示すもので、改造した商品に元の商標を付けたまま売ると問題になる。"
        "裁判所は、商標の機能を害するかどうかを検討した。",
        [
            "「あずきバー」事件 －商標の判決シリーズ",  # 'trademark', the story's subject
            "東京都心で初雪観測、平年より十二日早く",  # "Tokyo", once in the story: first snow
            "大谷翔平、2年連続のMVP受賞",
        ],
        heading="関連記事",
    )
    assert titles(page) == ["「あずきバー」事件 －商標の判決シリーズ"]
