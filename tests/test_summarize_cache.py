"""Cached summaries: a stand-in for a failed summary is made again, never kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from reader.config import Config, FeedConfig, SummaryConfig
from reader.models import ParsedEntry, Summary, View
from reader.reading import _length_key, load_summary, resolve_algorithm
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
