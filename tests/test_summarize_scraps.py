"""What a summary must never show: headlines, bylines, credits, captions, page furniture."""

from __future__ import annotations

import pytest

from reader.summarize.scraps import is_credit, is_headline, is_scrap, strip_dateline


@pytest.mark.parametrize(
    "text",
    [
        "By John Smith, CNN",
        "By Associated Press",
        "Von Anna Müller und Jan Berg",
        "Photo: Harbour residents wade through the water near the old port",
        "Residents wade through the water (AP Photo/Evan Vucci)",
        "Firefighters at the scene. Getty Images",
        "Image copyright Reuters",
        "Last updated 14 March 2024, 09:12 GMT",
        "Updated: 12:04 EST, 3 June 2013",
        "The minister spoke to reporters on Monday (with agency inputs)",
        "Click here to follow our live coverage of the storm.",
        "Read more: How to protect your home from floods",
        "READ MORE",
        "Scroll down for video.",
        "CNN's Jane Doe contributed to this report.",
        "Editor's note: John Smith is a professor of history at Yale University.",
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Sign up for our newsletter to get the latest news every morning.",
        "Follow us on Twitter for more updates from the scene.",
        "Advertisement",
        "Jailed: Jane Smith, 42, leaves court yesterday.",
        "Foto: dpa/Michael Kappeler",
        "More pictures",
        "12:04 EST, 3 June 2013 .",
        "The storm in pictures",  # a caption: no end punctuation, few words
        "TOP STORIES FROM AROUND THE WORLD TODAY ON OUR WEBSITE AND APP.",
        "Full story at https://example.com/storm",
        "My statement on the security review of the firm: pic.twitter.com/Gvl6aWRxyQ",
        "We are all thinking of the families tonight. — Anne Dubois (@AnneDubois) March 1, 2023",
    ],
)
def test_scraps(text: str) -> None:
    assert is_scrap(text)


@pytest.mark.parametrize(
    "text",
    [
        "More than 100 people died in the crash on Monday night.",
        "By Monday, the water had reached the second floor of most houses.",
        "See how quickly the river rose, the mayor told reporters on Tuesday.",
        "The photo agency said it would not publish the pictures, citing privacy.",
        "Shares of Apple Inc. rose 3.5% after the company reported record sales.",
        '"We have never seen anything like this," said the mayor, Anna Berg.',
        "The company was updated on its obligations by regulators last year.",
        "He said one thing mattered most: the safety of the people who live by the river.",
    ],
)
def test_sentences_are_not_scraps(text: str) -> None:
    assert not is_scrap(text)


def test_short_fragments_are_kept_only_when_not_strict() -> None:
    assert is_scrap("It was over.")
    assert not is_scrap("It was over.", strict=False)
    assert is_scrap("Photo: AP", strict=False)  # a credit stays out in any case


def test_credits() -> None:
    assert is_credit("Flood water in the market square. Getty Images")
    assert is_credit("(AP Photo/John Smith)")
    assert not is_credit("The photographer waited for hours in the rain.")


def test_headline() -> None:
    title = "Storm floods coastal town as river bursts its banks"
    assert is_headline("Storm floods coastal town as river bursts its banks.", title)
    assert is_headline("STORM FLOODS COASTAL TOWN AS RIVER BURSTS ITS BANKS", title)
    assert is_headline("Storm floods coastal town as river bursts its banks - live", title)
    assert not is_headline(
        "The storm flooded the town after the river burst its banks on Tuesday.", title
    )
    assert not is_headline("Anything at all here.", None)


def test_dateline() -> None:
    assert strip_dateline("(CNN)Share, and your gift will be multiplied.") == (
        "Share, and your gift will be multiplied."
    )
    assert strip_dateline("WASHINGTON (Reuters) - The Senate voted on Tuesday.") == (
        "The Senate voted on Tuesday."
    )
    assert strip_dateline("LONDON, England (CNN) -- Rain fell.") == "Rain fell."
    assert (
        strip_dateline("The Senate (the upper house) voted.")
        == "The Senate (the upper house) voted."
    )
