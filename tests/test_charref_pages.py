"""A web page that writes an emoji as a UTF-16 surrogate pair of numeric references
("&#55357;&#56832;", as text escaped from JavaScript or Java often is) shows the emoji in the
article view, as a browser does, not two replacement characters; feeds already did."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.config import Config
from reader.extract import extract_response
from reader.reading import fetch_and_extract
from tests.httpserver import LocalServer

GRIN = "\U0001f600"  # what "&#55357;&#56832;" (U+D83D U+DE00) encodes
WORDS = "The harbour board met on Tuesday to talk about the new ferry timetable for winter. " * 6


def _page(headline: str, line: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Harbour news</title></head>"
        f"<body><article><h1>{headline}</h1><p>{WORDS}</p><p>{line}</p><p>{WORDS}</p>"
        "</article></body></html>"
    )


@pytest.fixture
def server() -> Iterator[LocalServer]:
    s = LocalServer().start()
    yield s
    s.stop()


def test_a_fetched_page_shows_a_pair_of_references_as_its_emoji(server: LocalServer) -> None:
    html = _page("Ferry &#55357;&#56832; news", "Passengers cheered &#xD83D;&#xDE00; at the quay.")
    server.route("/story.html", body=html.encode("utf-8"), headers={"Content-Type": "text/html"})
    page, error = fetch_and_extract(server.url("/story.html"), Config())
    assert error is None and page is not None
    assert f"Passengers cheered {GRIN} at the quay." in page.main.text
    assert page.main.title == f"Ferry {GRIN} news"
    assert "\ufffd" not in page.main.text + page.main.title


def test_a_utf16_page_shows_a_pair_of_references_as_its_emoji() -> None:
    html = _page("Ferry news", "Passengers cheered &#55357;&#56832; at the quay.")
    page = extract_response(
        html.encode("utf-16"), "text/html; charset=utf-16", "http://127.0.0.1/story"
    )
    assert f"Passengers cheered {GRIN} at the quay." in page.main.text
    assert "\ufffd" not in page.main.text


def test_references_to_no_character_become_one_replacement_each() -> None:
    # a high half with no low half after it, a lone low half, a number beyond Unicode: each is
    # one U+FFFD, and the text around them is kept
    html = _page("Ferry news", "One &#55357;x two &#56832;y three &#1114112;z end.")
    page = extract_response(html.encode("utf-8"), "text/html", "http://127.0.0.1/story")
    assert "One \ufffdx two \ufffdy three \ufffdz end." in page.main.text
