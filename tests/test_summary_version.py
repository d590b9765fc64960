"""The summariser's version is part of the summary cache's key: a summariser that changed makes
the summaries of stories again, while a favourite keeps the summary it was saved with."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import reader.summarize
from reader.config import Config, FeedConfig, SummaryConfig
from reader.models import ParsedEntry, Summary, View
from reader.reading import PAGE_PART, load_summary, resolve_algorithm, saved_summary
from reader.store import Store, open_store

TEXT = " ".join(
    f"Sentence number {n} of the story talks about the harbour plan and its cost." for n in range(8)
)
CONFIG = Config(summary=SummaryConfig(sentences=2))


@pytest.fixture
def article(tmp_path: Path) -> tuple[Store, int]:
    store = open_store(tmp_path / "s.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", "Local Paper", "News")])
    feed = store.feeds()[0]
    entry = ParsedEntry(
        guid="a1",
        url="",
        title="Harbour",
        author="",
        published=datetime(2024, 6, 1, tzinfo=UTC),
        summary_text=TEXT,
    )
    store.upsert_entries(feed.id, [entry], now=datetime(2024, 6, 1, 12, tzinfo=UTC))
    yield store, store.headlines(View("all"))[0].id
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
