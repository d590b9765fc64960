from __future__ import annotations

import pytest

from reader.textutil import (
    clean_block,
    clean_line,
    html_to_text,
    safe_link,
    strip_controls,
    without_tracking,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b]0;PWNED\x07b", "ab"),
        ("a\x1b[31mred\x1b[0m", "ared"),
        ("x\x9b2Jy", "xy"),
        ("bell\x07 nul\x00 del\x7f", "bell nul del"),
        ("rtl\u202eevil", "rtlevil"),
        ("osc unterminated \x1b]8;;file:///etc/passwd", "osc unterminated "),
        ("keeps\nnewlines\tand tabs", "keeps\nnewlines\tand tabs"),
        # invisible format characters a terminal may give a cell Rich does not count
        ("\ufeffBOM in a title", "BOM in a title"),
        ("word\u2060joiner and\u2062invisible times\u180e", "wordjoiner andinvisible times"),
        # joiners that shape what they join stay (an emoji family, Malayalam, Persian)
        (
            "\U0001f469\u200d\U0001f467 \u0d28\u0d4d\u200d \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\U0001f469\u200d\U0001f467 \u0d28\u0d4d\u200d \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_clean_line_folds_whitespace_and_truncates() -> None:
    assert clean_line("  a \n b\u00a0 c  ") == "a b c"
    assert clean_line("x" * 50, limit=10) == "x" * 9 + "…"


def test_clean_block_keeps_single_blank_lines() -> None:
    assert clean_block("a\r\n\r\n\r\n\r\nb  \n c") == "a\n\nb\nc"


def test_html_to_text_drops_scripts_styles_and_tags() -> None:
    html = "<p>One &amp; two</p><script>alert(1)</script><style>p{}</style><div>three</div>"
    assert html_to_text(html) == "One & two\n\nthree"


def test_html_to_text_unclosed_script_swallows_the_rest() -> None:
    assert html_to_text("visible <script>var secret = 1; <p>hidden</p>") == "visible"


def test_html_to_text_many_unclosed_scripts_is_linear() -> None:
    # 50,000 unclosed <script> tags made a lazy regex quadratic (minutes); now it is one pass.
    assert html_to_text("<script>" * 50_000 + "tail") == ""
    assert html_to_text("lead " + "</script>" * 50_000) == "lead"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        ("data:text/html,x", ""),
        ("file:///etc/passwd", ""),
        ("vbscript:x", ""),
        ("-oProxyCommand=x", ""),
        ("https:no-slashes", ""),
        ("mailto:a@b.org", ""),
        ("", ""),
    ],
)
def test_safe_link(url: str, expected: str) -> None:
    assert safe_link(url) == expected


def test_safe_link_allows_mailto_for_the_browser_only_when_asked() -> None:
    assert safe_link("mailto:a@b.org", allow_mailto=True) == "mailto:a@b.org"


def test_an_untitled_feed_is_named_by_its_address_made_short() -> None:
    from reader.models import Feed
    from reader.textutil import short_url

    assert short_url("https://www.example.com/news/feeds/world/rss.xml") == (
        "example.com/…/world/rss.xml"
    )
    assert short_url("http://127.0.0.1:8771/rss_2.0_bbc.xml") == "127.0.0.1:8771/rss_2.0_bbc.xml"
    assert short_url("https://news.example/rss/search/en?q=a/b") == "news.example/…/search/en?q=a/b"
    assert short_url("https://example.org/") == "example.org"
    # an address with a user name and password (a newsboat urls line): never shown
    assert short_url("https://user:secret@www.example.org/rss.xml") == "example.org/rss.xml"
    feed = Feed(id=1, url="https://www.example.com/a/b/c/feed.xml", title="")
    assert feed.display_title == "example.com/…/c/feed.xml"
    assert Feed(id=1, url=feed.url, title="World").display_title == "World"


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("https://news.example/a?utm_source=rss&utm_medium=feed", "https://news.example/a"),
        ("https://news.example/a?id=3&utm_campaign=x#top", "https://news.example/a?id=3#top"),
        ("https://news.example/a?a=1&fbclid=Iw&b=2&gclid=9", "https://news.example/a?a=1&b=2"),
        ("https://news.example/a?UTM_Source=x", "https://news.example/a"),
        ("https://news.example/a?utmost=1&sutm_x=2", "https://news.example/a?utmost=1&sutm_x=2"),
        ("https://news.example/a#utm_source=x", "https://news.example/a#utm_source=x"),
        ("https://news.example/a", "https://news.example/a"),
    ],
)
def test_links_lose_their_click_tracking_parameters_and_nothing_else(url: str, clean: str) -> None:
    assert without_tracking(url) == clean


def test_a_story_without_a_title_is_named_by_the_start_of_its_text() -> None:
    from reader.textutil import story_name

    assert story_name("Harbour [b]plan[/b]", "Text.") == "Harbour [b]plan[/b]"
    opening = "The council met on Monday and approved the harbour plan after a long debate on costs"
    named = story_name("", opening + ". More text follows here.")
    assert named.startswith("The council met on Monday") and named.endswith("…")
    assert len(named) <= 80
    assert story_name("", "Short note.") == "Short note."
    assert story_name("  ", "") == "(untitled)"
    assert len(story_name("", opening, 40)) <= 40


def test_normalise_url_keeps_an_ipv6_host_a_url() -> None:
    from urllib.parse import urlsplit

    from reader.textutil import normalise_url, url_key

    key = normalise_url("HTTP://[::1]:8080/feed?x=1#top")
    assert key == "https://[::1]:8080/feed?x=1#top"
    assert urlsplit(key).hostname == "::1" and urlsplit(key).port == 8080
    assert url_key("http://[::1]:443/a#b") == "https://[::1]/a"
