"""A story's links when its text is the feed's: numbered after their words as a page's are, the
ones the text leaves out (a link around a picture, a "[comments]" line) and the pictures listed
after them; a loaded page's links followed by the feed's own; enclosures first of all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.config import Config, FeedConfig, RefreshConfig, SummaryConfig
from reader.models import Article, Enclosure, ParsedEntry, View
from reader.reading import (
    cached_page,
    enclosure_label,
    feed_story,
    file_size,
    link_kinds,
    link_marks,
    load_page,
    story_links,
)
from reader.store import Store, open_store
from tests.httpserver import LocalServer

MP3 = "https://cdn.example/episodes/ep1.mp3"
PLAN, MAP, SHOT = "https://a.test/plan", "https://a.test/map", "https://a.test/shot.jpg"
COMMENTS = "https://a.test/item?id=7"
FEED_HTML = (
    f'<p>The council <a href="{PLAN}">approved the plan</a> on Monday, after a long debate.</p>'
    f'<p><a href="{SHOT}"><img src="https://a.test/thumb.jpg" alt="The quay"></a></p>'
    f'<p>See <a href="{MAP}">the map</a> for the new quay, and <a href="{PLAN}">the plan</a>.</p>'
    '<p><a href="javascript:alert(1)">Not a link</a> and a pixel '
    '<img src="https://a.test/px.gif" width="1" height="1"></p>'
    f'<p>Fishermen get temporary berths. <a href="{COMMENTS}"></a></p>'
)


def article(html: str = FEED_HTML, enclosures: tuple[Enclosure, ...] = ()) -> Article:
    return Article(
        id=1,
        feed_id=1,
        guid="g",
        url="https://a.test/story",
        title="Harbour plan approved",
        content_html=html,
        enclosures=enclosures,
    )


def words_before(text: str, at: int, count: int = 2) -> str:
    return " ".join(text[:at].split()[-count:])


def test_the_feeds_text_numbers_its_links_after_their_words() -> None:
    story = feed_story(article())
    assert " [" not in story.text  # the text itself is as it was
    marks = link_marks(story)
    links = story_links(story)
    assert [(words_before(story.text, at), links[n - 1]) for at, n in marks] == [
        ("the plan", PLAN),  # "approved the plan"
        ("the map", MAP),
        ("the plan", PLAN),  # the same link: the same number
    ]
    # then the links the text has no words for, then the pictures (not the tracking pixel)
    assert links == (PLAN, MAP, SHOT, COMMENTS, "https://a.test/thumb.jpg")
    assert link_kinds(story) == ("", "", "", "", "image")


def test_a_headline_only_items_links_are_listed_though_its_text_has_no_words_for_them() -> None:
    html = (
        'submitted by <a href="https://r.test/u/ann"> ann </a> to <a href="https://r.test/r/pics">'
        ' pics</a> <br/> <a href="https://i.test/x.jpg">[link]</a> '
        '<a href="https://r.test/r/pics/comments/1/">[87 comments]</a>'
    )
    story = feed_story(article(html))
    links = story_links(story)
    assert set(links) == {
        "https://r.test/u/ann",
        "https://r.test/r/pics",
        "https://i.test/x.jpg",
        "https://r.test/r/pics/comments/1/",
    }
    assert [links[n - 1] for _, n in link_marks(story)][:2] == [
        "https://r.test/u/ann",
        "https://r.test/r/pics",
    ]


def test_enclosures_come_first_and_the_texts_numbers_follow_them() -> None:
    audio = Enclosure(MP3, "audio/mpeg", 45_000_000)
    story = feed_story(article(enclosures=(audio,)))
    links = story_links(story)
    assert links[0] == MP3 and links[1:] == story_links(feed_story(article()))
    marks = link_marks(story)
    assert [links[n - 1] for _, n in marks] == [PLAN, MAP, PLAN]
    assert link_kinds(story)[0] == enclosure_label(audio) == "Podcast: audio/mpeg · 45 MB"


@pytest.mark.parametrize(
    ("enclosure", "said"),
    [
        (Enclosure(MP3, "video/mp4", 1_234_567_890), "Video: video/mp4 · 1.2 GB"),
        (Enclosure(MP3, "image/jpeg", 83_000), "Image: image/jpeg · 83 kB"),
        (Enclosure(MP3, "application/pdf", 4_500_000), "Attachment: application/pdf · 4.5 MB"),
        (Enclosure(MP3, "x-audio/mp3", 2_000_000), "Podcast: x-audio/mp3 · 2.0 MB"),
        (Enclosure(MP3), "Podcast: audio/mpeg"),  # (no type said: the file name's)
        (Enclosure("https://cdn.example/get?id=7"), "Attachment: file"),
    ],
)
def test_an_enclosure_in_words(enclosure: Enclosure, said: str) -> None:
    assert enclosure_label(enclosure) == said


def test_file_sizes() -> None:
    assert [file_size(n) for n in (1, 999, 1000, 9_950, 45_000_000)] == [
        "1 byte",
        "999 bytes",
        "1.0 kB",
        "9.9 kB",  # (one decimal below ten)
        "45 MB",
    ]


# --------------------------------------------------------------------------- with a page

PARAGRAPH = (
    "The harbour committee published its full report on Tuesday, running to ninety pages. "
    "It recommends building the new moorings in two phases over four years, the report says."
)


def page_html(report: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(5))
    return (
        "<html><head><title>Harbour report</title></head><body><article><h1>Harbour report</h1>"
        f'<p>Read <a href="{report}">the whole report</a> before the vote on the new quay.</p>'
        f"{body}</article></body></html>"
    ).encode()


def config() -> Config:
    return Config(
        refresh=RefreshConfig(timeout_seconds=3.0, feed_deadline_seconds=5.0),
        summary=SummaryConfig(sentences=2),
    )


def stored(tmp_path: Path, url: str, html: str, enclosures: tuple[Enclosure, ...] = ()) -> Store:
    store = open_store(tmp_path / "r.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", "Local Paper", "News")])
    store.upsert_entries(store.feeds()[0].id, [entry(url, html, enclosures)])
    return store


def entry(url: str, html: str, enclosures: tuple[Enclosure, ...] = ()) -> ParsedEntry:
    return ParsedEntry(
        guid="urn:story:1",
        url=url,
        title="Harbour report",
        published=datetime(2024, 6, 1, tzinfo=UTC),
        content_html=html,
        summary_text="The committee reported.",
        enclosures=enclosures,
    )


def test_a_loaded_page_keeps_the_feeds_own_links_after_its_own(tmp_path: Path) -> None:
    with LocalServer() as server:
        report = server.url("/report.pdf")
        server.route("/story", body=page_html(report), headers={"Content-Type": "text/html"})
        # the feed's description: the report again (listed once) and the comments
        html = f'<a href="{report}">Report</a> · <a href="{COMMENTS}">Comments</a>'
        store = stored(tmp_path, server.url("/story"), html)
        article_id = store.headlines(View("all"))[0].id
        page, source, _ = load_page(store, config(), article_id)
        assert source == "page"
        assert story_links(page.main) == (report, COMMENTS)
        assert [story_links(page.main)[n - 1] for _, n in link_marks(page.main)] == [report]
        # opened again, from the cache: the same; and a refresh that brings an enclosure shows it
        again = cached_page(store, article_id)
        assert again is not None and story_links(again[0].main) == (report, COMMENTS)
        audio = Enclosure(MP3, "audio/mpeg", 1000)
        store.upsert_entries(store.feeds()[0].id, [entry(server.url("/story"), html, (audio,))])
        again = cached_page(store, article_id)
        assert again is not None and story_links(again[0].main) == (MP3, report, COMMENTS)
        assert [r.path for r in server.requests] == ["/story"]  # (not fetched again)
        store.close()


def test_a_page_that_cannot_be_loaded_shows_the_feeds_text_with_its_links_numbered(
    tmp_path: Path,
) -> None:
    with LocalServer() as server:  # (no route: 404)
        store = stored(tmp_path, server.url("/gone"), FEED_HTML, (Enclosure(MP3, "audio/mpeg"),))
        page, source, note = load_page(store, config(), store.headlines(View("all"))[0].id)
        assert source == "feed" and note and "could not be loaded" in note
        story = page.main
        links = story_links(story)
        assert links[:3] == (MP3, PLAN, MAP)
        assert [links[n - 1] for _, n in link_marks(story)] == [PLAN, MAP, PLAN]
        store.close()


def test_a_links_words_are_not_found_inside_a_longer_word_but_are_in_chinese_text() -> None:
    html = (
        '<p>Antelopes roam; the <a href="https://a.test/antelope">Antelope</a> rests.</p>'
        '<p>市议会<a href="https://a.test/zh">批准</a>了港口计划。</p>'
    )
    story = feed_story(article(html))
    marks = link_marks(story)
    assert len(marks) == 2
    assert marks[0][0] == story.text.index("Antelope rests") + len("Antelope")  # not Antelopes
    assert story.text[: marks[1][0]].endswith("市议会批准")  # (no spaces between words)
