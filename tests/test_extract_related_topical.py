"""Related stories are about the story: counters are not a teaser's text, and the site-wide
lists beside a story (trending, most read, editors' picks, a sidebar) give only the items that
share words with it.

The pages are small, made-up versions of patterns seen on news sites: a trending widget in the
right column whose teasers carry a share counter, a footer 'Latest stories' list, a sidebar of
editors' picks, a box the page labels 'Related stories'.
"""

from __future__ import annotations

from reader.extract import extract
from reader.models import Page

URL = "https://news.example.com/2024/03/11/farmer-falls-ill-with-plague-after-eating-marmot/"
STORY = (
    "<p>A farmer in the northern province fell ill with plague after eating marmot meat he "
    "had hunted in the hills, health officials said on Monday.</p>"
    "<p>The farmer is being treated in hospital, and the officials said the plague case was "
    "isolated. Marmot hunting is banned in the region during the summer.</p>"
    "<p>Twenty-eight people who met the farmer were put in quarantine as a precaution, and "
    "none of them has shown signs of plague so far.</p>"
)
OFF_TOPIC = {
    "/2024/03/10/old-photo-sparks-time-travel-theories/": "Old photo sparks time travel theories",
    "/2024/03/10/surgeons-remove-oil-from-weightlifters-arms/": (
        "Surgeons remove oil from weightlifter's arms"
    ),
    "/2024/03/09/singer-recalls-awkward-dinner-with-crooner/": (
        "Singer recalls awkward dinner with famous crooner"
    ),
}
ON_TOPIC = {
    "/2024/03/08/what-is-plague-and-how-is-it-treated/": "What is plague and how is it treated?",
}
# a box labelled related keeps the teasers that share a word with the story
# (test_extract_related_labelled), not OFF_TOPIC's
LABELLED = {
    **ON_TOPIC,
    "/2024/03/07/marmot-hunting-ban-extended/": "Marmot hunting ban extended to the autumn",
    "/2024/03/06/second-plague-case-ruled-out/": "Doctors rule out a second plague case nearby",
}


def page_with(*boxes: str) -> Page:
    html = (
        "<html><body><div class='main-column'><article>"
        f"<h1>Farmer falls ill with plague after eating marmot</h1>{STORY}</article></div>"
        f"{''.join(boxes)}</body></html>"
    )
    return extract(html, URL)


def titles(page: Page) -> list[str]:
    return [s.title for s in page.related]


def shared_items(stories: dict[str, str]) -> str:
    return "".join(
        f'<li><a href="{u}">{t}</a><div class="meta">This story has been shared {n},976 times.'
        f"</div><span>{n},976</span></li>"
        for n, (u, t) in enumerate(stories.items(), start=12)
    )


def test_a_share_counter_is_not_a_related_storys_text() -> None:
    box = f'<section class="related"><h2>Related stories</h2><ul>{shared_items(LABELLED)}</ul></section>'
    page = page_with(box)
    assert titles(page) == list(LABELLED.values())
    # with no text of its own, the reader fetches the related story instead of showing a count
    assert [s.text for s in page.related] == ["", "", ""]
    assert "shared" not in page.main.text


def test_comment_counts_and_reading_times_are_not_a_teasers_text() -> None:
    items = "".join(
        f'<li><a href="{u}">{t}</a><p>{n} comments</p><p>{n} min read</p><p>({n * 3})</p>'
        f"<p>{n}.2k shares</p></li>"
        for n, (u, t) in enumerate(LABELLED.items(), start=2)
    )
    page = page_with(f'<div class="related-articles"><ul>{items}</ul></div>')
    assert titles(page) == list(LABELLED.values())
    assert all(s.text == "" for s in page.related)


def test_a_trending_widget_in_the_sidebar_gives_only_stories_about_the_same_thing() -> None:
    sidebar = (
        '<div class="sidebar right-column"><div class="module widget trending-widget">'
        "<h3>Trending Now on Example News</h3>"
        f"<ul>{shared_items({**OFF_TOPIC, **ON_TOPIC})}</ul></div></div>"
    )
    page = page_with(sidebar)
    assert titles(page) == list(ON_TOPIC.values())
    assert page.related[0].text == ""
    assert not any(t in page.main.text for t in OFF_TOPIC.values())


def test_picks_in_an_aside_and_a_latest_list_in_the_footer_are_not_related() -> None:
    picks = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in OFF_TOPIC.items())
    latest = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in ON_TOPIC.items())
    page = page_with(
        f"<aside><strong>Our Picks</strong><ul>{picks}</ul></aside>",
        f"<footer><h4>Latest stories</h4><ul>{picks}{latest}</ul></footer>",
    )
    assert titles(page) == list(ON_TOPIC.values())


def test_a_box_the_page_says_is_related_keeps_its_stories_about_the_same_thing() -> None:
    stories = [*zip(LABELLED.items(), OFF_TOPIC.items(), strict=True)]
    items = "".join(f'<li><a href="{u}">{t}</a></li>' for pair in stories for u, t in pair)
    related = f"<aside><h3>Related coverage</h3><ul>{items}</ul></aside>"
    page = page_with(related)
    assert titles(page) == list(LABELLED.values())


def test_a_most_read_list_below_the_story_keeps_a_story_on_the_same_subject() -> None:
    items = "".join(
        f'<li><h4><a href="{u}">{t}</a></h4></li>' for u, t in {**ON_TOPIC, **OFF_TOPIC}.items()
    )
    page = page_with(f'<section><h2>Most read</h2><ol class="list">{items}</ol></section>')
    assert titles(page) == list(ON_TOPIC.values())
