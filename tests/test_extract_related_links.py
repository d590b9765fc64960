"""Related stories are teasers of other articles, not the navigation and widgets beside a story.

The pages here are small, made-up versions of patterns found on real news sites and blogs:
topic and section links in a 'trending' bar, a widget's own heading, 'follow us' boxes, menus,
video widgets, the same story in two boxes.
"""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.related import WIDGET_LABEL, link_kind
from reader.models import Page

URL = "https://news.example.com/2024/05/02/harbour-bridge-reopens-after-repairs.html"
STORY = "".join(
    f"<p>Paragraph {i} of the bridge story has enough words to be read as real text here.</p>"
    for i in range(6)
)


def page_with(*boxes: str, before: str = "") -> Page:
    html = (
        f"<html><body>{before}<article><h1>Harbour bridge reopens after repairs</h1>{STORY}"
        f"</article>{''.join(boxes)}</body></html>"
    )
    return extract(html, URL)


def titles(page: Page) -> list[str]:
    return [s.title for s in page.related]


# teasers of stories about the bridge: each shares a word with its story's headline, as the
# teasers of a box labelled related must (test_extract_related_labelled)
STORIES = {
    "/2024/05/01/ferry-timetable-changes-as-traffic-returns.html": (
        "Ferry timetable changes as bridge traffic returns"
    ),
    "/2024/04/30/steel-prices-push-up-repair-costs.html": "Steel prices push up repair costs",
    "/news/cycle-lane-planned-along-the-promenade-88123": (
        "Cycle lane planned along the harbour promenade"
    ),
}


def story_items(tag: str = "li") -> str:
    return "".join(f'<{tag}><a href="{u}">{t}</a></{tag}>' for u, t in STORIES.items())


def test_topic_tag_and_author_links_in_a_trending_box_are_not_stories() -> None:
    nav = (
        '<li><a href="/topics/climate">Climate Change News</a></li>'
        '<li><a href="/category/little-mysteries/">Life\'s Little Mysteries Explained</a></li>'
        '<li><a href="/author/jane-doe">Columns by Jane Doe</a></li>'
    )
    page = page_with(f'<aside class="related"><ul>{nav}{story_items()}</ul></aside>')
    assert titles(page) == list(STORIES.values())


def test_a_box_of_mostly_section_links_is_a_menu() -> None:
    menu = (
        '<div class="trending"><ul>'
        '<li><a href="/topics/climate">Climate Change News</a></li>'
        '<li><a href="/topics/space-and-astronomy">Space And Astronomy Today</a></li>'
        '<li><a href="/topics/health">Health News And Advice</a></li>'
        '<li><a href="/64665-magazine-free-issue.html">Read Our Magazine Free</a></li>'
        "</ul></div>"
    )
    page = page_with(menu, f'<aside class="related-stories"><ul>{story_items()}</ul></aside>')
    assert titles(page) == list(STORIES.values())


def test_a_widget_heading_is_not_a_story() -> None:
    for heading in ("You may like these posts", "Most read in World", "Around the Web"):
        box = (
            f'<div class="related-posts"><h3 class="title">{heading}</h3>'
            f"<ul>{story_items()}</ul></div>"
        )
        page = page_with(box)
        assert titles(page) == list(STORIES.values()), heading


def test_an_unlinked_box_heading_over_linked_story_headings_is_left_out() -> None:
    items = "".join(f'<li><h4><a href="{u}">{t}</a></h4></li>' for u, t in STORIES.items())
    box = f'<aside class="related"><h3>Deals Picked By Our Editors</h3><ul>{items}</ul></aside>'
    page = page_with(box)
    assert titles(page) == list(STORIES.values())


def test_cards_whose_headings_have_no_link_keep_their_headings() -> None:
    cards = "".join(
        f'<div class="card"><a href="{u}"><img src="/i.jpg" alt=""></a><h3>{t}</h3>'
        f"<p>A short summary of this story for the card.</p></div>"
        for u, t in STORIES.items()
    )
    page = page_with(f'<section class="related">{cards}</section>')
    assert titles(page) == list(STORIES.values())
    assert [s.url for s in page.related] == ["https://news.example.com" + u for u in STORIES]


def test_a_section_teaser_written_like_a_headline_is_not_a_story() -> None:
    box = (
        '<div class="more-stories"><ul>'
        '<li><a href="/horoscope">What does your star sign say?</a></li>'
        f"{story_items()}</ul></div>"
    )
    page = page_with(box)
    assert titles(page) == list(STORIES.values())


def test_follow_us_and_home_links_are_not_stories() -> None:
    boxes = (
        "<aside><h3>Follow The Example News</h3>"
        '<a href="https://www.facebook.com/examplenews">Example News on Facebook</a></aside>',
        '<aside><a href="https://twitter.com/ExampleNews">Tweets by @ExampleNews</a></aside>',
        '<aside><h2><a href="https://www.example.com/">Explore the Example Network</a></h2></aside>',
        '<aside><h3><a href="https://www.example.com/feeds">Subscribe to our rss feed</a></h3>'
        "</aside>",
        f'<aside class="related"><ul>{story_items()}</ul></aside>',
    )
    page = page_with(*boxes)
    assert titles(page) == list(STORIES.values())


def test_a_link_back_to_the_page_itself_is_not_a_story() -> None:
    box = (
        f'<div class="related-articles"><h3>Related Articles</h3><ul>{story_items()}</ul>'
        f'<a href="{URL}#top">Scroll Back To Top of the page</a></div>'
    )
    page = page_with(box)
    assert titles(page) == list(STORIES.values())


def test_video_titles_without_links_or_text_are_not_stories() -> None:
    videos = "".join(
        f'<div class="video" data-video="x{i}"><div class="thumb"></div>'
        f"<h4>Gameplay video number {i} of the new racing game</h4></div>"
        for i in range(3)
    )
    channel = '<a class="button" href="https://video.example.com/user/ExampleTV">Subscribe</a>'
    page = page_with(
        f"<aside>{channel}{videos}</aside>", f'<aside class="related">{story_items("p")}</aside>'
    )
    assert titles(page) == list(STORIES.values())


def test_the_same_story_in_two_boxes_is_listed_once() -> None:
    first_url, first_title = next(iter(STORIES.items()))
    again = (
        '<aside class="most-popular"><ul>'
        f'<li><a href="{first_url}?utm_source=site&amp;utm_medium=popular">'
        "Ferry timetables change again</a></li></ul></aside>"
    )
    page = page_with(f'<aside class="related"><ul>{story_items()}</ul></aside>', again)
    urls = [s.url for s in page.related]
    assert len(urls) == len(set(urls)) == len(STORIES)
    assert titles(page)[0] == first_title


def test_a_menu_entry_repeated_in_a_box_is_a_section() -> None:
    nav = (
        '<nav class="site-nav"><ul><li><a href="/news/local-elections-and-politics">'
        "Local Elections And Politics</a></li></ul></nav>"
    )
    box = (
        '<aside class="related"><ul><li><a href="/news/local-elections-and-politics">'
        f"Local Elections And Politics</a></li>{story_items()}</ul></aside>"
    )
    page = page_with(box, before=nav)
    assert titles(page) == list(STORIES.values())


def test_a_link_holding_headline_and_blurb_gives_the_headline_as_title() -> None:
    items = "".join(
        f'<li><a href="{u}"><img src="/i.jpg" alt=""><span><span>{t}</span>'
        f"<span>What happened next, in a sentence for readers.</span></span></a></li>"
        for u, t in STORIES.items()
    )
    page = page_with(f'<aside class="related"><h3>Related stories</h3><ol>{items}</ol></aside>')
    assert titles(page) == list(STORIES.values())
    for story in page.related:
        assert "What happened next" in story.text


def test_a_title_box_holding_link_and_date_gives_the_link_text() -> None:
    items = "".join(
        f'<li><div class="rss-title-wrap"><a href="{u}">{t}</a><br>'
        f'<span class="timestamp">Nov. 20, 2019 12:00 AM EST</span></div></li>'
        for u, t in STORIES.items()
    )
    box = f'<aside class="related-links"><h3>More From Our Partners</h3><ul>{items}</ul></aside>'
    page = page_with(box)
    assert titles(page) == list(STORIES.values())
    assert all(s.published for s in page.related)


def test_relative_section_links_are_known_on_a_saved_page_without_an_address() -> None:
    """A saved page opened from disk has no address: relative links cannot be followed,
    but where they point still tells a section from a story."""
    box = (
        '<div class="more-stories"><ul>'
        '<li><a href="/horoscope">What does your star sign say?</a></li>'
        '<li><a href="/topics/climate">Climate Change News</a></li>'
        f"{story_items()}"
        f'<li><a href="{next(iter(STORIES))}">The ferry story once more, retitled</a></li>'
        "</ul></div>"
    )
    html = (
        f"<html><body><article><h1>Harbour bridge reopens after repairs</h1>{STORY}"
        f"</article>{box}</body></html>"
    )
    page = extract(html)
    assert titles(page) == list(STORIES.values())


def test_a_phone_number_in_a_contact_box_is_not_a_story() -> None:
    box = (
        '<aside class="related"><ul><li><a href="tel:+493026996">+49 30 26996-0</a></li>'
        f"{story_items()}</ul></aside>"
    )
    page = page_with(box)
    assert titles(page) == list(STORIES.values())


def test_kicker_and_headline_in_a_headline_box_stay_together() -> None:
    items = "".join(
        f'<article class="teaser"><a href="{u}"><p class="teaser-headline">'
        f'<span class="kicker">Harbour news today</span><span>: </span><span>{t}</span></p>'
        "</a></article>"
        for u, t in STORIES.items()
    )
    page = page_with(f'<section class="more-stories">{items}</section>')
    assert titles(page) == [f"Harbour news today : {t}" for t in STORIES.values()]


def test_a_title_box_with_headline_and_subtitle_links_gives_the_headline() -> None:
    items = "".join(
        f'<div class="row"><span class="views-field-title"><a href="{u}">{t}</a><br>'
        f'<a href="{u}">A second line that says a little more</a></span></div>'
        for u, t in STORIES.items()
    )
    page = page_with(f'<aside class="related">{items}</aside>')
    assert titles(page) == list(STORIES.values())


@pytest.mark.parametrize(
    ("url", "title", "kind"),
    [
        ("https://s.example/", "Explore the Example Network", "home"),
        (URL + "#top", "Back to the top of this page", "self"),
        ("https://s.example/topics/climate", "Climate Change News", "listing"),
        ("https://s.example/tag/city-hall/", "Everything about city hall", "listing"),
        ("https://s.example/de/thema/energie-preise", "Energiepreise aktuell", "listing"),
        ("https://s.example/author/jane-doe", "Columns by Jane Doe", "listing"),
        ("https://s.example/who-am-i/", "Hi there! I'm Regan.", "site"),
        ("https://s.example/horoscope", "What does your star sign say?", "short"),
        ("https://s.example/news/world", "World", "short"),
        ("https://s.example/quotes?symbol=ACME", "Acme Holdings Inc", "short"),
        ("https://www.facebook.com/examplenews", "Example News on Facebook", "short"),
        ("https://s.example/news/index.html", "All The Local News", "listing"),
        ("https://s.example/archiv/natur-und-umwelt/", "Natur und Umwelt", "listing"),
        ("https://s.example/de/menschen/nino-jordan", "Dr. Nino Jordan", "listing"),
        ("https://s.example/de/kontakt", "Alle Kontaktoptionen im Überblick", "site"),
        ("https://s.example/hazelnut-cake/", "German Hazelnut Cake", "article"),
        ("https://s.example/rezepte/veganer-obstkuchen", "Russischer Zupfkuchen vegan", "article"),
        ("https://s.example/blog/boas-vindas", "Sobre o Blog", "short"),
        ("https://s.example/indi/", "InDi Design Index", "short"),
        ("https://www.facebook.com/telegraph.co.uk", "Follow The Telegraph", "short"),
        ("https://s.example/index.php?utm_source=nav", "Back to the front page", "home"),
        ("https://s.example/index.php?show=chapter_2", "The studio years", "article"),
        ("https://s.example/2019/11/20/bridge-reopens", "Bridge reopens", "article"),
        ("https://s.example/news/bus-fares", "Bus fares to rise in January", "article"),
        ("https://s.example/union-vote", "Union members back deal by narrow margin", "article"),
        ("https://s.example/weirdest-galaxies.html", "The 15 weirdest galaxies", "article"),
        ("https://s.example/a/30279001.html", "Fact check: the claim is false", "article"),
        ("https://s.example/watch?v=EKfiNTtRBfo", "How to service brake calipers", "article"),
        ("https://s.example/?p=4512", "A post on a plain blog", "article"),
        ("https://s.example/%E6%97%A5%E6%9C%AC%E3%81%AE%E3%83%8B", "日本のニュース", "article"),
        (None, "A teaser without a link", "none"),
    ],
)
def test_link_kind(url: str | None, title: str, kind: str) -> None:
    assert link_kind(url, title, URL) == kind


@pytest.mark.parametrize(
    "label",
    [
        "You may like these posts",
        "You might also like",
        "Most read in World",
        "PFT Most Commented",
        "Most Popular Videos",
        "Trending Now on NYPost.com",
        "BGR Top Deals",
        "Around the Web",
        "Picked For You",
        "Find us on Facebook",
        "Sign Up for e-mail newsletters",
        "Games featured in this article",
        "Click here for TV listings",
    ],
)
def test_widget_labels(label: str) -> None:
    assert WIDGET_LABEL.match(label)


@pytest.mark.parametrize(
    "headline",
    [
        "Trending on TikTok: the dance craze that took over schools",
        "Most read authors of the decade meet in Berlin",
        "Popular science magazine explains quantum computing",
        "Follow the money: how the stadium deal was paid for",
        "You may like this new tax less than you think",
    ],
)
def test_headlines_that_start_like_labels_are_not_labels(headline: str) -> None:
    assert not WIDGET_LABEL.match(headline)
