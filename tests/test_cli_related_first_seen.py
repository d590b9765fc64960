"""`newsreader related` says when an item its feed gave no date was first seen, as the reader's
list and pane do ("first seen 2h ago"), for the story asked about and for its reports; a dated
one keeps its date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.store import open_store
from tests.processes import newsreader as run

FEEDS = (
    FeedConfig("https://wire.example/feed.xml", "Wire", "News"),
    FeedConfig("https://daily.example/feed.xml", "Daily", "News"),
)
DATED = datetime(2026, 3, 20, 14, 2, tzinfo=UTC)


def build(path: Path) -> dict[str, int]:
    """Wire's story (no date, first seen 2 h 10 min ago) and Daily's report of it (dated)."""
    seen = datetime.now(UTC) - timedelta(hours=2, minutes=10)
    store = open_store(path)
    try:
        store.sync_config_feeds(FEEDS)
        for feed in store.feeds():
            dated = feed.title == "Daily"
            entry = ParsedEntry(
                guid=f"{feed.title}-0",
                url=f"https://{feed.title.lower()}.example/0.html",
                title=f"Harbour plan voted down, says {feed.title}",
                published=DATED if dated else None,
                summary_text="The council voted the harbour plan down on Monday.",
            )
            store.upsert_entries(feed.id, [entry], now=seen)
        ids = {a.feed_title: a.id for a in store.headlines(View("all"), limit=10)}
        store.set_group(ids["Wire"], 3)
        store.set_group(ids["Daily"], 3)
        store.set_related(ids["Wire"], [(ids["Daily"], 0.71)])
        assert store.article(ids["Wire"]).published is None  # type: ignore[union-attr]
    finally:
        store.close()
    return ids


def test_related_says_when_an_undated_story_was_first_seen(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    ids = build(tmp_path / "news.db")
    cfg = ["--config", str(config), "--db", str(tmp_path / "news.db")]

    result = run("related", str(ids["Wire"]), *cfg)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[1] == f"  Wire · first seen 2h ago · id {ids['Wire']} · https://wire.example/0.html"
    )
    assert "Daily · 2026-03-20" in result.stdout  # (local time: the day is enough here)

    result = run("related", str(ids["Daily"]), *cfg)  # the undated one as a report
    assert result.returncode == 0, result.stderr
    assert f"    Wire · first seen 2h ago · id {ids['Wire']} · " in result.stdout, result.stdout
