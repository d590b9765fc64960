"""A fault of ours (an extractor or summariser bug) never stops the reader: the user gets the
story's opening or the feed's text with a note in words, and the traceback goes to the log,
where a bug report can find it."""

from __future__ import annotations

import logging

import pytest

import reader.extract
import reader.summarize.api as api
from reader.summarize.api import failed, summarize_story

TEXT = " ".join(
    f"Sentence number {n} of the story says the council approved the harbour plan."
    for n in range(8)
)


def _boom(*args: object, **kwargs: object) -> object:
    raise ValueError("a bug of ours")


def test_a_failing_summary_method_shows_the_opening_and_logs_why(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(api, "choose", _boom)
    with caplog.at_level(logging.ERROR, logger="reader"):
        summary = summarize_story(TEXT, sentences=2, algorithm="lexrank")
    assert failed(summary) and summary.sentences
    assert summary.note and "ValueError" not in summary.note  # words, not an exception's name
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.exc_info is not None and "a bug of ours" in str(record.exc_info[1])


def test_a_story_the_summariser_cannot_prepare_is_said_and_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(api, "prepare", _boom)
    with caplog.at_level(logging.ERROR, logger="reader"):
        summary = summarize_story(TEXT, sentences=2)
    assert failed(summary) and summary.note == "The story could not be read for a summary."
    assert any(r.exc_info for r in caplog.records)


def test_a_failing_extractor_marks_the_page_broken_and_logs_why(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(reader.extract, "_extract", _boom)
    with caplog.at_level(logging.ERROR, logger="reader"):
        page = reader.extract.extract("<html><body><p>Hi</p></body></html>", "https://x.test/a")
        other = reader.extract.extract_response(b"<p>Hi</p>", "text/html", "https://x.test/b")
    assert page.broken and other.broken
    assert page.note and "ValueError" not in page.note
    assert sum(1 for r in caplog.records if r.exc_info) == 2
