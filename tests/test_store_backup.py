"""Favourites out of one database and into a fresh one (a new machine): what an export gives
(link, title, source, dates, text) is enough to have them back, in the order they were saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.config import FeedConfig
from reader.models import ParsedEntry, Story
from reader.store import open_store

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def test_favourites_restored_on_a_fresh_machine_keep_when_they_were_saved(tmp_path: Path) -> None:
    old = open_store(tmp_path / "old.db")
    old.sync_config_feeds([FeedConfig("https://news.example/feed.xml", "News")])
    fid = old.feeds()[0].id
    ids, _ = old.upsert_entries(
        fid,
        [
            ParsedEntry(
                f"https://news.example/{n}",
                f"https://news.example/{n}",
                f"Story {n}",
                published=T0 + timedelta(hours=n),
                summary_text=f"What happened in story {n}.",
            )
            for n in range(3)
        ],
    )
    for n, article_id in enumerate(ids):  # saved in the order 2, 0, 1
        old.set_favourite(article_id, True, saved_at=T0 + timedelta(days=(n + 1) % 3))
    exported = old.favourites()
    old.close()

    new = open_store(tmp_path / "new.db")
    new.sync_config_feeds([FeedConfig("https://news.example/feed.xml", "News")])
    # the feed still lists story 0 on the new machine: that article becomes the favourite
    (listed,), _ = new.upsert_entries(
        new.feeds()[0].id,
        [ParsedEntry("https://news.example/0", "https://news.example/0", "Story 0")],
    )
    for a in reversed(exported):
        story = Story(
            title=a.title,
            source=a.feed_title,
            published=a.published.isoformat() if a.published else "",
            url=a.url,
            text=a.summary_text,
        )
        new.save_page_story(None, story, saved_at=a.favourited_at)
    restored = new.favourites()
    assert [(a.title, a.favourited_at) for a in restored] == [
        (a.title, a.favourited_at) for a in exported
    ]
    assert listed in {a.id for a in restored}  # no second copy of it
    new.close()
