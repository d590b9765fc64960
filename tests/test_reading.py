"""reader.reading: opening a story (cache, fetch + extract, feed fallback) and cached summaries."""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.config import Config, FeedConfig, RefreshConfig, SummaryConfig
from reader.models import Page, ParsedEntry, Story, View
from reader.reading import (
    PLACE_KEY,
    _length_key,
    feed_story,
    last_place,
    load_page,
    load_summary,
    load_target,
    resolve_algorithm,
    save_place,
    story_summary,
)
from reader.store import Store, open_store
from tests.httpserver import LocalServer

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
FEED_TEXT = "The council met on Monday. It discussed the harbour plan. A vote comes next month."
PAGE_PARAGRAPH = (
    "The harbour committee published its full report on Tuesday, running to ninety pages. "
    "It recommends building the new moorings in two phases over four years. "
    "Fishermen who use the old quay will be offered temporary berths during the works."
)


def article_html(paragraphs: int = 6) -> bytes:
    body = "".join(f"<p>{PAGE_PARAGRAPH} Part {n}.</p>" for n in range(paragraphs))
    return (
        "<html><head><title>Harbour report</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Harbour report</h1>{body}</article><footer>(c) Paper</footer></body></html>"
    ).encode()


def config() -> Config:
    return Config(
        refresh=RefreshConfig(timeout_seconds=3.0, feed_deadline_seconds=5.0),
        summary=SummaryConfig(sentences=2),
    )


def store_with(
    tmp_path: Path, url: str, text: str = FEED_TEXT, title: str = "Harbour [b]report[/b]"
) -> tuple[Store, int]:
    store = open_store(tmp_path / "r.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", "Local Paper", "News")])
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(
                guid="a1",
                url=url,
                title=title,
                author="A. Writer",
                published=NOW,
                summary_text=text,
            )
        ],
        now=NOW,
    )
    return store, store.headlines(View("all"))[0].id


def test_page_is_fetched_extracted_and_cached(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/a", body=article_html(), headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/a"))
        page, source, _note = load_page(store, config(), article_id)
        assert source == "page"
        assert "temporary berths" in page.main.text
        assert "Home | News" not in page.main.text
        assert page.main.source == "Local Paper"  # the feed the user follows names the source
        assert server.hits("/a") == 1
        again = load_page(store, config(), article_id)
        assert again[0].main.text == page.main.text
        assert server.hits("/a") == 1  # from the cache
    store.close()


@pytest.mark.parametrize(
    ("headline", "shown"),
    [
        ("Harbour [b]report[/b]", "Harbour [b]report[/b]"),  # the one picked in the list
        ("Harbour committee publishes its full ...", "Harbour plan in two phases"),  # cut short
    ],
)
def test_the_pane_shows_the_feed_headline_unless_the_feed_cut_it(
    tmp_path: Path, headline: str, shown: str
) -> None:
    html = article_html().replace(
        b"<h1>Harbour report</h1>", b"<h1>Harbour plan in two phases</h1>"
    )
    html = html.replace(b"<title>Harbour report</title>", b"<title>Harbour plan | Paper</title>")
    with LocalServer() as server:
        server.route("/a", body=html, headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/a"), title=headline)
        page, source, _note = load_page(store, config(), article_id)
        assert source == "page"
        assert page.main.title == shown
    store.close()


def test_unreachable_page_falls_back_to_feed_text_with_a_note(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/gone", status=404, body=b"no")
        store, article_id = store_with(tmp_path, server.url("/gone"))
        page, source, note = load_page(store, config(), article_id)
        assert source == "feed"
        assert page.main.text == FEED_TEXT
        assert page.main.title == "Harbour [b]report[/b]"
        assert note == (  # what happened, said as such (not as if it were the feed's text)
            "Showing the text from the feed; the page could not be loaded "
            "(HTTP 404 Not Found: there is nothing at this address)."
        )
        assert store.get_page(article_id) is None  # a failure is retried next time
    store.close()


def test_a_page_the_extractor_fails_on_is_not_kept_and_is_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.extract as extract_module

    real = extract_module._extract

    def failing(*args: object) -> object:
        raise RuntimeError("a fault in the extractor")

    with LocalServer() as server:
        server.route("/a", body=article_html(), headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/a"))
        monkeypatch.setattr(extract_module, "_extract", failing)
        page, source, note = load_page(store, config(), article_id)
        assert source == "feed" and page.main.text == FEED_TEXT
        assert note and "extractor failed" in note and "Error" not in note  # no class names
        assert store.get_page(article_id) is None  # not kept as the story's text
        monkeypatch.setattr(extract_module, "_extract", real)  # (the fault is gone)
        page, source, _note = load_page(store, config(), article_id)
        assert source == "page" and "temporary berths" in page.main.text
        assert server.hits("/a") == 2
    store.close()


def test_feed_text_wins_when_the_page_gives_less(tmp_path: Path) -> None:
    long_feed = " ".join([FEED_TEXT] * 40)
    with LocalServer() as server:
        server.route("/short", body=article_html(1), headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/short"), long_feed)
        page, source, note = load_page(store, config(), article_id)
        assert source == "feed"
        assert page.main.text == long_feed
        assert note and "more than the page" in note
    store.close()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", ""])
def test_non_web_links_are_never_fetched(tmp_path: Path, url: str) -> None:
    store, article_id = store_with(tmp_path, url)
    page, source, note = load_page(store, config(), article_id)
    assert source == "feed" and page.main.text == FEED_TEXT
    assert note and "no web link" in note
    assert page.main.url is None
    store.close()


def test_missing_article_is_a_note_not_an_exception(tmp_path: Path) -> None:
    store = open_store(tmp_path / "e.db")
    page, source, note = load_page(store, config(), 12345)
    assert source == "feed" and note and "no longer" in note
    assert page.main.text == ""
    store.close()


def test_summary_is_cached_per_algorithm(tmp_path: Path) -> None:
    store, article_id = store_with(tmp_path, "")
    text = " ".join(
        f"Sentence number {n} talks about the harbour plan and its cost." for n in range(12)
    )
    first = load_summary(store, config(), article_id, 0, text, "Harbour")
    assert len(first.sentences) == 2 and first.total_sentences >= 12
    assert first.algorithm == resolve_algorithm(config())
    length = _length_key(config(), text)  # (with the summariser's version)
    assert length.startswith(Store.summary_length_key(2, text=text))
    assert store.get_summary(article_id, 0, first.algorithm, length) == first
    store.close()


def test_a_story_whose_text_changed_is_summarised_again(tmp_path: Path) -> None:
    store, article_id = store_with(tmp_path, "")
    blurb = "The council met on Monday about the harbour plan."  # the feed's text, one sentence
    first = load_summary(store, config(), article_id, 0, blurb, "Harbour")
    assert first.sentences == (blurb,)
    places = ("quay", "marina", "slipway", "breakwater", "boatyard", "pier", "lock", "jetty")
    page = " ".join(  # the page, loaded later
        f"The {place} will cost {n + 2} million pounds and open in {2025 + n}, the report says."
        for n, place in enumerate(places)
    )
    second = load_summary(store, config(), article_id, 0, page, "Harbour")
    assert second.total_sentences == len(places) and len(second.sentences) == 2
    assert all(s in page for s in second.sentences)
    assert load_summary(store, config(), article_id, 0, blurb, "Harbour") == first  # each kept
    store.close()


def test_group_summary_spans_the_stories(tmp_path: Path) -> None:
    store, article_id = store_with(tmp_path, "")
    stories = [
        (
            "Harbour plan",
            "The council approved the harbour plan. The vote was close. Work starts soon.",
        ),
        (
            "Quay worries",
            "Fishermen fear losing the quay. They want temporary berths. Talks continue.",
        ),
    ]
    summary = story_summary(store, config(), article_id, stories)
    assert any("harbour" in s for s in summary.sentences)
    assert any("quay" in s for s in summary.sentences)  # both stories contribute
    assert story_summary(store, config(), article_id, stories) == summary  # kept
    # a report joining the group: a summary of the new set, not the one kept for the old
    joined = [*stories, ("Mayor", "The mayor promised new jobs at the ferry terminal.")]
    grown = story_summary(store, config(), article_id, joined)
    assert any("ferry" in s for s in grown.sentences)
    store.close()


def test_open_target_reads_a_saved_page_and_refuses_other_schemes(tmp_path: Path) -> None:
    saved = tmp_path / "page.html"
    saved.write_bytes(article_html())
    page, error = load_target(str(saved), config())
    assert error is None and page is not None
    assert "temporary berths" in page.main.text
    page, error = load_target(saved.as_uri(), config())  # a file:// URL names the same file
    assert error is None and page is not None and "temporary berths" in page.main.text
    missing = tmp_path / "missing.html"
    page, error = load_target(str(missing), config())
    assert page is None and error and "No such file" in error and str(missing) in error
    page, error = load_target("ftp://example.org/page.html", config())
    assert page is None and error and "Only http, https and local files" in error


def _load_in_thread(target: str, cfg: Config) -> tuple[Page | None, str | None]:
    """load_target in a thread, so a regression (a read that blocks) fails instead of hanging."""
    import threading

    outcome: list[tuple[Page | None, str | None]] = []
    worker = threading.Thread(target=lambda: outcome.append(load_target(target, cfg)), daemon=True)
    worker.start()
    worker.join(30)
    assert outcome, f"load_target({target!r}) did not return"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_open_target_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    page, error = _load_in_thread(str(fifo), config())
    assert page is None and error and "not a regular file" in error and str(fifo) in error
    page, error = _load_in_thread(fifo.as_uri(), config())
    assert page is None and error and "not a regular file" in error


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_open_target_refuses_a_device_and_caps_the_size(tmp_path: Path) -> None:
    page, error = _load_in_thread("/dev/zero", config())  # would never end
    assert page is None and error and "not a regular file" in error
    link = tmp_path / "zero.html"
    link.symlink_to("/dev/zero")  # a link to a device is refused as well
    page, error = _load_in_thread(str(link), config())
    assert page is None and error and "not a regular file" in error
    small = Config(refresh=RefreshConfig(max_bytes=1000), summary=SummaryConfig(sentences=2))
    big = tmp_path / "big.html"
    big.write_bytes(article_html() * 20)
    assert big.stat().st_size > 1000
    page, error = _load_in_thread(str(big), small)
    assert page is None and error and "larger than" in error and str(big) in error


def test_open_target_of_a_name_the_system_refuses_says_why_in_words(tmp_path: Path) -> None:
    for target, why in (
        (str(tmp_path / ("a" * 300)), "file name too long"),  # longer than NAME_MAX
        ("a" * 5000, "file name too long"),  # longer than PATH_MAX
        ("page\x00.html", "that is no file name"),
    ):
        page, error = _load_in_thread(target, config())
        assert page is None and error and error.rstrip(".").endswith(why), error
        assert "Error" not in error  # no exception names


def test_feed_story_prefers_the_longest_feed_text() -> None:
    from reader.models import Article

    article = Article(
        id=1,
        feed_id=1,
        guid="g",
        url="http://x.test/a",
        title="T",
        content_html="<p>Short.</p>",
        summary_text="A much longer summary text from the feed.",
    )
    assert feed_story(article).text == "A much longer summary text from the feed."
    assert feed_story(article, body_text="x" * 100).text == "x" * 100


def test_feed_text_that_only_repeats_the_headline_is_no_text() -> None:
    from reader.models import Article

    def text(title: str, summary: str) -> str:
        article = Article(id=1, feed_id=1, guid="g", url="", title=title, summary_text=summary)
        return feed_story(article).text

    title = "Amazon Fire Phone: Is it different enough?"
    assert text(title, title) == ""
    assert text(title, "amazon fire phone - is it different enough") == ""
    lead = "Amazon Fire Phone: is it different enough? We tried it for a week."
    assert text(title, lead) == lead


def test_cached_page_is_returned_as_stored(tmp_path: Path) -> None:
    store, article_id = store_with(tmp_path, "http://127.0.0.1:9/never")
    stored = Page(main=Story(title="Stored", text="Stored text."), note="kept")
    store.put_page(article_id, stored, "page", "kept")
    assert load_page(store, config(), article_id) == (stored, "page", "kept")
    store.close()


def test_the_place_is_kept_and_falls_back_to_all_when_it_is_gone_or_unreadable(
    tmp_path: Path,
) -> None:
    store, article_id = store_with(tmp_path, "http://127.0.0.1:9/a")
    feed = store.feeds()[0]
    assert last_place(store) == (View("all"), None)  # nothing saved yet
    save_place(store, View("feed", feed_id=feed.id), article_id)
    assert last_place(store) == (View("feed", feed_id=feed.id), article_id)
    save_place(store, View("category", category="News"), None)
    assert last_place(store) == (View("category", category="News"), None)
    save_place(store, View("search", query="harbour"), article_id)  # a search is not kept
    assert last_place(store) == (View("all"), article_id)
    for saved in (
        '{"kind": "feed", "feed_id": 999}',  # the feed was removed
        '{"kind": "category", "category": "Gone"}',
        '{"kind": "feed", "feed_id": "1"}',
        "[1, 2]",
        "{not json",
    ):
        store.set_meta(PLACE_KEY, saved)
        assert last_place(store) == (View("all"), None), saved
    # the feed left open was unsubscribed from before this start (`newsreader remove`)
    added, _ = store.add_feed("https://other.example/feed.xml", "Other")
    save_place(store, View("feed", feed_id=added.id), None)
    assert last_place(store) == (View("feed", feed_id=added.id), None)
    store.remove_feed(added.id)
    assert last_place(store) == (View("all"), None)
    store.close()


def test_feed_story_drops_the_lines_the_feed_appended() -> None:
    from reader.models import Article

    def story(content_html: str) -> str:
        article = Article(id=1, feed_id=1, guid="g", url="", title="T", content_html=content_html)
        return feed_story(article).text

    reddit = (
        "<div><p>Is 1G still worth keeping next to 40G?</p></div> &#32; submitted by &#32; "
        '<a href="https://www.reddit.com/user/someone"> /u/someone </a> <br /> '
        '<span><a href="https://www.reddit.com/r/x/comments/1/">[link]</a></span> &#32; '
        '<span><a href="https://www.reddit.com/r/x/comments/1/">[comments]</a></span>'
    )
    assert story(reddit) == "Is 1G still worth keeping next to 40G?"
    guardian = (
        "<p>The address sought harmony.</p><p> <span>Related: </span>"
        '<a href="https://example.com/fact-check">Fact check: the address analysed</a> </p> '
        '<a href="https://example.com/story">Continue reading...</a>'
    )
    assert story(guardian) == "The address sought harmony."
    wordpress = (
        "<p>We tested twelve kettles over a month [&#8230;]</p>"
        '<p>The post <a href="https://blog.example/k">Best kettles</a> appeared first on '
        '<a href="https://blog.example">Kitchen Blog</a>.</p>'
    )
    assert story(wordpress) == "We tested twelve kettles over a month…"
    widget = (  # a dismissable box's button left at the end of the content
        "<p>You have to learn how to play.</p><div><div><span>Dismiss</span></div></div>"
    )
    assert story(widget) == "You have to learn how to play."
    # the same words inside the story are the story's
    kept = (
        "<p>Read more books, the report says.</p><p>Related: sales rose by 4%.</p><p>The end.</p>"
    )
    assert (
        story(kept) == "Read more books, the report says.\n\nRelated: sales rose by 4%.\n\nThe end."
    )


def test_the_story_keeps_the_date_the_feed_gave_as_the_list_does(tmp_path: Path) -> None:
    html = article_html().replace(
        b"</title>", b'</title><meta property="article:published_time" content="2019-03-02">'
    )
    with LocalServer() as server:
        server.route("/a", body=html, headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/a"))
        page, source, _note = load_page(store, config(), article_id)
        assert source == "page" and "temporary berths" in page.main.text
        assert page.main.published == NOW.isoformat()  # the headline's date, not the page's
    store.close()


def test_a_method_name_in_another_spelling_is_the_method() -> None:
    summary = dataclasses.replace(SummaryConfig(), algorithm="lex-rank")
    assert resolve_algorithm(dataclasses.replace(Config(), summary=summary)) == "lexrank"


def test_a_story_kept_without_opening_it_has_its_page_and_summary(tmp_path: Path) -> None:
    from reader.reading import keep_story, saved_summary

    with LocalServer() as server:
        server.route("/a", body=article_html(), headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/a"))
        assert keep_story(store, config(), article_id) is None
        assert "temporary berths" in store.body_text(article_id)  # what an export carries
        summary = saved_summary(store, article_id)
        assert summary is not None and summary.sentences
        assert all(s in store.body_text(article_id) for s in summary.sentences)
        assert keep_story(store, config(), article_id) is None
        assert server.hits("/a") == 1  # kept: not fetched again
        server.route("/gone", status=404, body=b"no")
        store_gone, gone_id = store_with(tmp_path / "b", server.url("/gone"))
        assert "could not be loaded" in (keep_story(store_gone, config(), gone_id) or "")
        store_gone.close()
    store.close()


def test_an_untitled_feed_item_takes_its_pages_title(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/a", body=article_html(), headers={"Content-Type": "text/html"})
        store, article_id = store_with(tmp_path, server.url("/a"), title="")
        page, source, _note = load_page(store, config(), article_id)
        assert source == "page" and page.main.title == "Harbour report"  # not "(untitled)"
    store.close()
