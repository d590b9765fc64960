"""Main + related stories on the page layouts news sites use (fixtures in tests/fixtures/extract)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.extract import extract
from reader.models import Page, Story

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://site.example.com/story/1"

# Lines of page furniture that must never end up inside any story.
CLUTTER = (
    "We use cookies",
    "Accept all",
    "Cookie policy",
    "Share on Facebook",
    "Tweet",
    "Sign up for our",
    "newsletter",
    "Subscribe",
    "Comments",
    "No comments yet",
    "Be the first to comment",
    "COMMENT-LEAK-TOKEN",
    "DOWNLOAD THE APP",
    "App Store",
    "Google Play",
    "app-store",
    "All rights reserved",
    "Related Articles",
    "You may also like",
    "More news",
    "Manage preferences",
    "Orange background",
    "Blue background",
    "Try Our",
    "Last Updated",
    "First Published",
    "logo",
)


def load(name: str) -> Page:
    return extract((FIXTURES / name).read_bytes(), URL)


def stories(page: Page) -> list[Story]:
    return [page.main, *page.related]


def assert_no_clutter(page: Page) -> None:
    for story in stories(page):
        for line in story.text.split("\n"):
            for phrase in CLUTTER:
                assert phrase.casefold() not in line.casefold(), (story.title, phrase, line)


def assert_title_not_repeated(page: Page) -> None:
    for story in stories(page):
        assert story.title
        assert story.title not in story.text, story.title


# --------------------------------------------------------------------------- the seed page

SEED_MAIN = (
    "Canada Orders Chinese Firm Hikvision To Cease Operations Citing National Security Concerns"
)
SEED_RELATED = (
    "Trump has struck trade deals with 2 countries ahead of July 9; what about the others? "
    "What is India's position?",
    "US 'immediately' cutting off trade talks with Canada: Trump",
    "Alibaba unveils latest AI service for images in push for users",
)


@pytest.fixture(scope="module")
def seed() -> Page:
    return extract((FIXTURES / "seed_multistory.txt").read_text(encoding="utf-8"))


def test_seed_titles(seed: Page) -> None:
    assert seed.main.title == SEED_MAIN
    assert [s.title for s in seed.related] == list(SEED_RELATED)
    assert seed.note is None


def test_seed_sources_and_ages(seed: Page) -> None:
    # the main story's source line is glued ("News187 hours ago"); only one split is a real age
    assert seed.main.source == "News18"
    assert seed.main.published == "2025-06-28"  # the page's "First Published" date beats the age
    assert [s.source for s in seed.related] == ["Mint", "Fibre2Fashion", "Time of India"]
    assert [s.published for s in seed.related] == ["33 minutes ago", "an hour ago", "2 hours ago"]


def test_seed_texts_complete_and_alone(seed: Page) -> None:
    main = seed.main.text
    assert main.startswith(
        "Canada's Industry Minister Melanie Joly said the government has decided"
    )
    assert "In a significant development, the Canadian government has ordered" in main
    assert "human-rights violations in Xinjiang." in main
    assert main.count("\n\n") >= 8  # one paragraph per line of the page
    for other in ("July 9 deadline", "Fibre2Fashion", "Qwen", "Daily8"):
        assert other not in main
    first, second, third = (s.text for s in seed.related)
    assert first.startswith("As the July 9 deadline set by the Donald Trump administration")
    assert first.endswith("Trump told reporters on Friday.")
    assert second.startswith("US President Donald Trump has said he is 'immediately'")
    assert "Alibaba" in third and "Quark app in March." in third
    for text in (first, second, third):
        assert "Hikvision" not in text


def test_seed_no_clutter(seed: Page) -> None:
    assert_no_clutter(seed)
    assert_title_not_repeated(seed)
    for story in stories(seed):
        assert "Mint\n" not in story.text and not story.text.startswith("•")


# --------------------------------------------------------------------------- our own layouts


def test_plain_text_in_seed_layout() -> None:
    page = load("plain_related.txt")
    assert page.main.title == "Council approves new library for the north district"
    assert page.main.source == "Valley Herald"
    assert page.main.published == "2025-05-12"
    assert page.main.text.startswith("The city council voted on Tuesday")
    assert page.main.text.endswith("before construction begins.")
    assert [s.title for s in page.related] == [
        "School meals programme extended to all primary pupils",
        "River clean-up volunteers collect two tonnes of rubbish",
    ]
    assert [s.source for s in page.related] == ["Valley Herald", "Riverside Weekly"]
    assert [s.published for s in page.related] == ["5 hours ago", "a day ago"]
    assert page.related[1].text.startswith("More than three hundred volunteers")
    assert_no_clutter(page)
    assert_title_not_repeated(page)


def test_semantic_article_with_aside() -> None:
    page = load("semantic_aside.html")
    assert page.note is None
    main = page.main
    assert main.title == "Harbour bridge reopens after two-year repair"
    assert main.author == "Jane Roe"
    assert main.published == "2025-06-28"
    assert main.source == "The Coastal Ledger"
    assert main.text.startswith("The harbour bridge reopened to traffic on Saturday morning")
    for part in (
        "Crews replaced the corroded steel cables",
        "Traffic returns",
        "We waited a long time for this day",
        "Two lanes open in each direction from Saturday",
        "tolls would stay at their old level",
    ):
        assert part in main.text
    kinds = {b.kind for b in main.blocks}
    assert {"p", "h", "quote", "li", "image"} <= kinds
    assert any(
        b.kind == "image" and b.text == "[image: The repaired bridge at dawn]" for b in main.blocks
    )
    assert [s.title for s in page.related] == [
        "Ferry timetable changes as bridge traffic returns",
        "Steel prices push up cost of city repair projects",
        "New cycle lane planned along the waterfront promenade",
    ]
    assert [s.source for s in page.related] == ["Coastal Ledger", "Metro Wire", "Coastal Ledger"]
    assert [s.published for s in page.related] == ["2025-06-27", "5 hours ago", "8 days ago"]
    assert [s.url for s in page.related] == [
        "https://site.example.com/2025/06/27/ferry-timetable",
        "https://news.example.net/steel-prices",
        "https://site.example.com/2025/06/20/cycle-lane",
    ]
    assert page.related[1].text.startswith("Rising steel prices have added millions")
    for story in page.related:
        assert story.text and story.text not in main.text
        assert story.title not in main.text
    assert_no_clutter(page)
    assert_title_not_repeated(page)


def test_teaser_list_with_source_and_age() -> None:
    page = load("teaser_list.html")
    main = page.main
    assert main.title == "Rail strike called off after late-night talks"
    assert main.author == "Sam Ortiz"
    assert main.published == "2 hours ago"
    assert main.text.startswith("A national rail strike planned for Monday was called off")
    assert main.text.endswith("in preparation for the walkout.")
    assert main.text.count("\n\n") == 2
    titles = [s.title for s in page.related]
    assert titles == [
        "Rail and bus fares to rise by five percent in January",
        "Airport rail link wins approval despite protests",
        "Road repairs to close motorway junction during the strike",
        "Drivers face delays on the roads as the strike is called off",
    ]
    assert [s.source for s in page.related] == [
        "Daily Dispatch",
        "Northern Post",
        "Daily Dispatch",
        "Weather Desk",
    ]
    assert [s.published for s in page.related] == [
        "4 hours ago",
        "6 hours ago",
        "1 day ago",
        "3 hours ago",
    ]
    assert page.related[0].url == "https://dispatch.example.com/news/bus-fares"
    assert page.related[2].url == "https://site.example.com/news/road-repairs"
    assert page.related[3].url is None  # a javascript: link is no link
    for story in page.related:
        assert len(story.text) < 200
        assert story.title not in main.text
    assert_no_clutter(page)


def test_class_only_divs() -> None:
    page = load("class_divs.html")
    main = page.main
    assert main.title == "Museum returns stolen paintings to family after eighty years"
    assert main.source == "Arts Desk"
    assert main.published == "2025-03-03"
    assert main.text.startswith("Three paintings stolen during the war")
    assert "nineteen-fifties" in main.text
    assert main.text.endswith("documents that trace their history.")
    # the side column's 'You may also like' cards are about other things: kept out of the
    # story's text, and not related stories either
    assert page.related == ()
    assert "landscape" not in main.text and "modern wing" not in main.text
    assert_no_clutter(page)
    assert_title_not_repeated(page)


def test_single_story_page_has_no_related() -> None:
    html = (
        "<html><head><title>Quiet day</title></head><body><article><h1>Quiet day at the port</h1>"
        + "".join(
            f"<p>Paragraph {i} tells how the port spent a calm day with few ships and little work.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    page = extract(html)
    assert page.related == ()
    assert page.main.title == "Quiet day at the port"
    assert page.main.text.count("\n\n") == 4


def test_plain_text_teaser_list() -> None:
    page = load("plain_teasers.txt")
    main = page.main
    assert main.title == "Wildfire forces evacuation of mountain villages"
    assert (main.author, main.source, main.published) == (
        "Maria Lopez",
        "Alpine Courier",
        "3 hours ago",
    )
    assert main.text.startswith("Hundreds of residents were told to leave their homes")
    assert main.text.endswith("brought under control late in the evening.")
    assert main.text.count("\n\n") == 2
    assert [(s.title, s.source, s.published, s.text) for s in page.related] == [
        ("Heatwave warning extended until the weekend", "Alpine Courier", "2 hours ago", ""),
        (
            "Farmers count the cost of the driest summer on record",
            "Valley Times",
            "5 hours ago",
            "",
        ),
        ("Cable car reopens after safety inspection", "Alpine Courier", "1 day ago", ""),
    ]
    assert_no_clutter(page)


def test_full_related_articles_in_generic_divs() -> None:
    page = load("full_related_divs.html")
    main = page.main
    assert main.title == "Port strike ends after three weeks"
    assert (main.source, main.published) == ("Harbour Post", "7 hours ago")
    assert main.text.startswith("Dock workers voted on Friday")
    assert main.text.endswith("imported goods until then.")
    assert main.text.count("\n\n") == 2
    assert [(s.title, s.source, s.published) for s in page.related] == [
        ("Freight rates fall as ships leave the anchorage", "Harbour Post", "2 hours ago"),
        ("Union members back deal by narrow margin", "Labour Weekly", "an hour ago"),
    ]
    assert page.related[0].url == "https://site.example.com/news/freight-rates"
    assert page.related[1].text.startswith("The vote was closer than union leaders had expected")
    for story in page.related:
        assert story.text and story.text not in main.text
    assert_no_clutter(page)
    assert_title_not_repeated(page)


def test_sibling_articles_under_a_more_from_heading() -> None:
    page = load("semantic_sections.html")
    main = page.main
    assert (main.title, main.author, main.published) == (
        "City marathon draws record field",
        "Lee Chan",
        "2025-04-06",
    )
    assert main.text.startswith("More than forty thousand runners")
    assert main.text.endswith("to keep the start safe.")
    assert [(s.title, s.source, s.published) for s in page.related] == [
        ("Cycling tour adds a mountain stage for next summer", "Sports Daily", "3 hours ago"),
        ("Teenager breaks national swimming record", "AP", "5 hours ago"),
    ]
    assert page.related[0].text.count("\n\n") == 1  # both paragraphs of the related article
    assert "cycling" not in main.text.lower() and "swim" not in main.text.lower()
    assert_no_clutter(page)


def test_teasers_with_compact_ages() -> None:
    page = load("teaser_compact_ages.html")
    assert page.main.title == "Storm knocks out power to thousands"
    assert page.main.published == "2 hours ago"
    assert page.main.text.count("\n\n") == 2
    # the sidebar's 'Top stories' that share no word with the storm story are left out
    assert "Ferry services cancelled" not in page.main.text
    assert [(s.title, s.source, s.published, s.url) for s in page.related] == [
        (
            "Schools to open late after overnight storm damage",
            "Metro Desk",
            "45m",
            "https://site.example.com/a2",
        ),
        (
            "Insurers brace for wave of storm claims",
            "Money Wire",
            "4h",
            "https://site.example.com/a3",
        ),
    ]
    assert page.related[1].text == "Claims could top last winter's total, industry figures say."


def test_plain_text_variant_with_inline_clutter() -> None:
    page = load("plain_variant.txt")
    main = page.main
    assert main.title == "Scientists map the deepest part of the ocean floor"
    assert (main.source, main.published) == ("Ocean Today", "3 hours ago")
    assert main.text.split("\n\n") == [
        "A team of marine scientists has completed the most detailed map yet of the deepest "
        "trench in the Pacific Ocean, using a fleet of autonomous submarines.",
        "The map shows canyons, underwater landslides and hot springs that had never been seen "
        "before, the researchers said on Wednesday.",
        '"We were surprised by how much life we found at those depths," said the expedition\'s '
        "chief scientist.",
    ]
    assert [(s.title, s.source, s.published) for s in page.related] == [
        ("Coral reefs recover faster than expected after heatwave", "Reef Report", "a day ago"),
        ("Fishing quotas cut for northern waters", "Sea Times", "5 hours ago"),
    ]
    assert page.related[0].text.count("\n\n") == 1
    assert_no_clutter(page)
    assert_title_not_repeated(page)


def test_short_main_story_beside_longer_related_articles() -> None:
    page = load("short_main_long_related.html")
    main = page.main
    assert main.title == "Library opens on Sundays"
    assert main.text == (
        "The central library will open on Sundays from next month, the council said on Friday."
        "\n\nOpening hours will be from ten in the morning until four in the afternoon."
    )
    assert [(s.title, s.source, s.published) for s in page.related] == [
        ("Summer reading scheme breaks records across the county", "County News", "2 days ago"),
        ("Mobile library returns to villages after five-year gap", "Valley Voice", "4 days ago"),
    ]
    assert page.related[0].text.count("\n\n") == 2
    assert page.related[1].text.endswith("every two weeks on a fixed timetable.")
    assert page.note and "little text" in page.note  # the caller may prefer the feed's text


def test_most_read_list_inside_the_story_box() -> None:
    page = load("most_read_inline.html")
    main = page.main
    assert main.title == "Bakery wins national bread award"
    assert main.text.startswith("A small family bakery in the market town")
    assert main.text.endswith("for the first time in its history.")
    assert main.text.count("\n\n") == 2
    # the site's most-read stories are not about the bakery: not related stories
    assert page.related == ()
    assert "Market hall" not in main.text and "bus route" not in main.text
    assert_no_clutter(page)


def test_fact_box_inside_the_story_is_not_a_related_story() -> None:
    page = load("fact_box.html")
    assert page.related == ()
    assert page.main.title == "Dam project approved after long review"
    assert page.main.text.startswith("The government approved the construction")
    assert page.main.text.endswith("according to the energy ministry.")


def test_extraction_from_several_threads_gives_the_same_pages() -> None:
    from concurrent.futures import ThreadPoolExecutor

    names = [p.name for p in sorted(FIXTURES.iterdir()) if p.suffix in (".html", ".txt")]
    expected = {name: load(name) for name in names}
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(load, names * 3))
    for name, result in zip(names * 3, results, strict=True):
        assert result == expected[name], name


def test_comments_without_telling_class_names_are_cut() -> None:
    page = load("comments_unmarked.html")
    assert page.main.text.startswith("A water mill that stood empty for forty years")
    assert page.main.text.endswith("in their science lessons.")
    assert_no_clutter(page)


def test_comments_in_a_plain_text_page_are_cut() -> None:
    text = "\n".join(
        [
            "Ferry timetable changes next month",
            "Coast Weekly · 4 hours ago",
            "The ferry will leave the harbour half an hour earlier on weekdays from next month.",
            "The operator said the change would help commuters catch the first train.",
            "Comments",
            "COMMENT-LEAK-TOKEN About time they listened to the people who use it every day.",
        ]
    )
    page = extract(text)
    assert page.main.title == "Ferry timetable changes next month"
    assert page.main.text.endswith("catch the first train.")
    assert "COMMENT-LEAK-TOKEN" not in page.main.text


@pytest.mark.parametrize(
    "name",
    ["semantic_aside.html", "teaser_list.html", "class_divs.html", "full_related_divs.html"],
)
def test_same_stories_when_class_names_say_nothing(name: str) -> None:
    """Class and id names are only hints: with meaningless ones the page splits the same way."""
    html = (FIXTURES / name).read_text(encoding="utf-8")
    counter = iter(range(10_000))
    blind = re.sub(r"""\b(class|id)=(["'])[^"']*\2""", lambda m: f'{m[1]}="k{next(counter)}"', html)
    assert blind != html
    seen, expected = extract(blind, URL), load(name)
    assert seen.main.title == expected.main.title
    assert seen.main.text == expected.main.text
    assert [s.title for s in seen.related] == [s.title for s in expected.related]
    assert_no_clutter(seen)


def test_teaser_metadata_under_its_summary() -> None:
    story = "".join(
        f"<p>Paragraph {i} of the main story has enough words to be read as real text.</p>"
        for i in range(5)
    )
    html = (
        f"<html><body><article><h1>Main story headline is here</h1>{story}</article>"
        '<section class="related"><h2>Related</h2>'
        '<div><h3><a href="/a">Teaser headline number one here</a></h3>'
        "<p>A short summary of the first teaser story.</p><p>Reuters · 2h</p></div>"
        '<div><h3><a href="/b">Teaser headline number two here</a></h3>'
        "<p>A short summary of the second teaser story.</p><p>AP · 5 hours ago</p></div>"
        "</section></body></html>"
    )
    page = extract(html, URL)
    assert [(s.title, s.source, s.published, s.text) for s in page.related] == [
        (
            "Teaser headline number one here",
            "Reuters",
            "2h",
            "A short summary of the first teaser story.",
        ),
        (
            "Teaser headline number two here",
            "AP",
            "5 hours ago",
            "A short summary of the second teaser story.",
        ),
    ]
    assert "Reuters" not in page.main.text and "summary" not in page.main.text


@pytest.mark.parametrize("byline", ['<p class="byline">By Dana Whitfield</p>', ""])
def test_the_author_of_a_quoted_statement_or_a_comment_is_not_the_byline(byline: str) -> None:
    story = "".join(
        f"<p>Paragraph {i} of the fact check has enough words to be read as real text.</p>"
        for i in range(5)
    )
    html = (
        "<html><body><article><h1>Ministry claim about the camp is false</h1>"
        '<div class="statement"><div class="statement-author">'
        '<h4 class="author">The defense ministry</h4></div>'
        "<p>A quoted claim that the fact check goes on to examine.</p></div>"
        f"{story}{byline}</article>"
        '<div id="comments"><span class="author">Angry Reader</span><p>First!</p>'
        '<p class="comment-form-author">Name (required)</p></div>'
        '<footer id="colophon"><p class="theme-author">Theme: Rogue by xwolf</p></footer>'
        "</body></html>"
    )
    assert extract(html, URL).main.author == ("Dana Whitfield" if byline else "")


def test_a_latest_topic_news_heading_opens_a_list_of_teasers_not_a_story() -> None:
    story = "".join(
        f"<p>Paragraph {i} of the match report has enough words to be read as real text.</p>"
        for i in range(5)
    )
    teasers = "".join(
        f'<li><a href="/tennis/{n}">{title}</a><span>{n} hours ago</span></li>'
        for n, title in enumerate(
            [
                "Historic win at the Davis Cup sets the team up for the quarterfinals",
                "Team beats rivals to advance to the quarterfinals of the Finals",
            ],
            start=1,
        )
    )
    html = (
        f"<html><body><article><h1>Nadal keeps Spain alive in the Finals</h1>{story}</article>"
        f"<section><h2>LATEST ATP NEWS</h2><ul>{teasers}</ul></section></body></html>"
    )
    page = extract(html, URL)
    # a 'latest' list is the site's newest stories: only the one that shares a word with the
    # story ('Finals') is a related story
    assert [s.title for s in page.related] == [
        "Team beats rivals to advance to the quarterfinals of the Finals",
    ]
    assert "LATEST ATP NEWS" not in page.main.text
    assert "Davis Cup" not in page.main.text


@pytest.mark.parametrize("box_class", ["read-more", "read_more", "readMore"])
def test_a_read_more_box_is_found_however_its_class_joins_the_words(box_class: str) -> None:
    """Sites join a class's words with "-", "_" or camelCase: "read_more" is "read-more"."""
    body = "".join(
        f"<p>Paragraph {i} tells how the port spent a calm day with few ships and little work.</p>"
        for i in range(5)
    )
    box = (
        f'<div class="{box_class}"><h3>'
        '<a href="/port-fees">Port fees rise for the first time in ten years</a></h3>'
        '<h3><a href="/ferry">Night ferry returns to the port for the summer</a></h3></div>'
    )
    html = (
        "<html><head><title>Quiet day</title></head><body><article><h1>Quiet day at the port</h1>"
        f"{body}{box}</article></body></html>"
    )
    page = extract(html)
    assert "Port fees" not in page.main.text and "Night ferry" not in page.main.text
    assert [s.title for s in page.related] == [
        "Port fees rise for the first time in ten years",
        "Night ferry returns to the port for the summer",
    ]


def _dictionary_entry() -> Story:
    return extract((FIXTURES / "dictionary_entry.html").read_bytes(), URL).main


def test_the_blocks_of_a_list_item_are_not_glued_together() -> None:
    # an entry laid out as <dl><dt><h1>term</h1></dt><dd><div>byline</div><div>text</div>…
    text = _dictionary_entry().text
    assert "by Anna Keller The concept names" in text
    assert "KellerThe" not in text and "name.The pairing" not in text


def test_a_headline_in_a_definition_list_is_the_headline_not_a_list_item() -> None:
    main = _dictionary_entry()
    assert main.title == "deterritorialisation"
    assert "• deterritorialisation" not in main.text
    assert main.blocks[0].text.startswith("---- by Anna Keller")


def test_a_closing_list_of_linked_titles_with_cut_off_excerpts_is_not_story_text() -> None:
    text = _dictionary_entry().text
    assert "The pairing of the two movements" in text
    for teaser in ("Look at other dictionaries", "Territory —", "verb To remove", "Rhizome"):
        assert teaser not in text
