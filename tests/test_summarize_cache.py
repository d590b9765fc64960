"""Cached summaries: a stand-in for a failed summary is made again, never kept; the
summariser's version is part of the key, so a changed summariser makes the summaries of stories
again, while a favourite keeps the summary it was saved with."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import reader.summarize
from reader.config import Config, FeedConfig, SummaryConfig
from reader.models import ParsedEntry, Summary, View
from reader.reading import PAGE_PART, _length_key, load_summary, resolve_algorithm, saved_summary
from reader.store import Store, open_store
from reader.summarize.api import failed

TEXT = " ".join(
    f"Sentence number {n} of the story talks about the harbour plan and its cost." for n in range(8)
)


def _store(tmp_path: Path) -> tuple[Store, int]:
    store = open_store(tmp_path / "s.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", "Local Paper", "News")])
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(
                guid="a1",
                url="",
                title="Harbour",
                author="",
                published=datetime(2024, 6, 1, tzinfo=UTC),
                summary_text=TEXT,
            )
        ],
        now=datetime(2024, 6, 1, 12, tzinfo=UTC),
    )
    return store, store.headlines(View("all"))[0].id


def test_a_cached_stand_in_for_a_failed_summary_is_made_again(tmp_path: Path) -> None:
    store, article_id = _store(tmp_path)
    config = Config(summary=SummaryConfig(sentences=2))
    algorithm = resolve_algorithm(config)
    stand_in = Summary(
        ("Sentence number 0 of the story talks about the harbour plan and its cost.",),
        algorithm,
        8,
        f"The {algorithm} method failed on this story (ValueError); showing its opening.",
    )
    length = _length_key(config, TEXT)  # (the key with the summariser's version)
    store.put_summary(article_id, 0, algorithm, length, stand_in)  # as an older version kept it
    summary = load_summary(store, config, article_id, 0, TEXT, "Harbour")
    assert not failed(summary) and summary != stand_in
    kept = store.get_summary(article_id, 0, algorithm, length)
    assert kept == summary
    store.close()


def test_failed_knows_the_stand_in_notes() -> None:
    assert failed(Summary((), "newsrank", 0, "The story could not be read for a summary (X)."))
    assert failed(Summary(("a",), "lsa", 5, "The lsa method failed on this story (X); showing"))
    assert not failed(Summary(("a",), "newsrank", 1, "The story has only one sentence to show."))
    assert not failed(Summary(("a",), "newsrank", 9, None))


# ---------------------------------------------------------------------- the summariser's version

CONFIG = Config(summary=SummaryConfig(sentences=2))


@pytest.fixture
def article(tmp_path: Path) -> Iterator[tuple[Store, int]]:
    store, article_id = _store(tmp_path)
    yield store, article_id
    store.close()


def _summary_rows(store: Store, article_id: int) -> list[str]:
    rows = store.query("SELECT length FROM summaries WHERE article_id = ?", (article_id,))
    return sorted(row["length"] for row in rows)


def _made_by_an_older_summariser(store: Store, article_id: int) -> Summary:
    """A summary in the cache that today's summariser would not make (an older one's)."""
    fresh = load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour")
    assert fresh.sentences
    older = Summary(("An older summariser picked this sentence.",), fresh.algorithm, 8)
    (length,) = _summary_rows(store, article_id)
    store.put_summary(article_id, PAGE_PART, resolve_algorithm(CONFIG), length, older)
    return older


def test_a_new_summariser_version_makes_a_story_s_summary_again(
    article: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, article_id = article
    older = _made_by_an_older_summariser(store, article_id)
    assert load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour") == older  # cached
    monkeypatch.setattr(reader.summarize, "SUMMARY_VERSION", reader.summarize.SUMMARY_VERSION + 1)
    made = load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour")
    assert made != older and made.sentences
    assert "An older summariser picked this sentence." not in made.sentences
    assert len(_summary_rows(store, article_id)) == 2  # and cached under the new version's key
    assert load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour") == made


def test_a_favourite_keeps_its_summary_across_summariser_versions(
    article: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, article_id = article
    kept = _made_by_an_older_summariser(store, article_id)
    store.set_favourite(article_id, True)
    rows = _summary_rows(store, article_id)
    for later in (1, 3):  # the next version, and one after several more
        version = reader.summarize.SUMMARY_VERSION + later
        monkeypatch.setattr(reader.summarize, "SUMMARY_VERSION", version)
        assert load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour") == kept
    assert _summary_rows(store, article_id) == rows  # nothing made again, nothing dropped
    assert saved_summary(store, article_id) == kept  # what exports show beside it


def test_a_summary_cached_before_versions_counted_is_kept_only_for_a_favourite(
    article: tuple[Store, int],
) -> None:
    store, article_id = article
    algorithm = resolve_algorithm(CONFIG)
    unversioned = Store.summary_length_key(2, text=TEXT)  # the key as it was made before
    older = Summary(("An older summariser picked this sentence.",), algorithm, 8)
    store.put_summary(article_id, PAGE_PART, algorithm, unversioned, older)
    assert load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour") != older
    with store.transaction() as db:
        db.execute("DELETE FROM summaries WHERE length != ?", (unversioned,))
    store.set_favourite(article_id, True)
    assert load_summary(store, CONFIG, article_id, PAGE_PART, TEXT, "Harbour") == older
