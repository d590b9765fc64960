"""A link to a file larger than any page (a podcast's audio) says what the file is, not that it
is too large: its type is known before its size stops the download."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.config import Config, RefreshConfig
from reader.reading import fetch_and_extract
from tests.httpserver import LocalServer


@pytest.fixture
def server() -> Iterator[LocalServer]:
    s = LocalServer().start()
    yield s
    s.stop()


CONFIG = Config(refresh=RefreshConfig(max_bytes=100_000))


@pytest.mark.parametrize("content_length", [True, False])
def test_an_audio_file_over_the_size_limit_says_it_is_audio(
    server: LocalServer, content_length: bool
) -> None:
    server.route(
        "/episode.mp3",
        body=b"\xff\xfb" * 150_000,  # 300 kB, over the 100 kB limit
        headers={"Content-Type": "audio/mpeg"},
        content_length=content_length,
    )
    page, error = fetch_and_extract(server.url("/episode.mp3"), CONFIG)
    assert error is None and page is not None
    assert page.note is not None and "audio" in page.note and "not a web page" in page.note
    assert "larger than" not in page.note


def test_a_web_page_over_the_size_limit_is_still_too_large(server: LocalServer) -> None:
    server.route(
        "/huge.html",
        body=b"<p>" + b"word " * 40_000 + b"</p>",
        headers={"Content-Type": "text/html"},
    )
    page, error = fetch_and_extract(server.url("/huge.html"), CONFIG)
    assert page is None and error is not None and "larger than" in error
