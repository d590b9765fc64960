"""One subscription per feed, however its address is written (http or https, the host's
case, a #fragment): the config file, `add` and OPML imports agree (reader.store)."""

from __future__ import annotations

from pathlib import Path

from reader.config import FeedConfig
from reader.store import open_store


def test_a_config_feed_written_another_way_is_the_feed_added_by_hand(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    added, new = store.add_feed("http://example.com/feed.xml", "Example")
    assert new
    store.sync_config_feeds([FeedConfig("https://Example.com/feed.xml#top", "Example News")])
    active = [f for f in store.feeds() if f.active]
    assert [f.id for f in active] == [added.id]
    assert active[0].title == "Example News"
    # the next start, with the same config: still one, still subscribed
    store.sync_config_feeds([FeedConfig("https://Example.com/feed.xml#top", "Example News")])
    assert [f.id for f in store.feeds() if f.active] == [added.id]
    store.close()


def test_a_config_feed_stored_at_an_older_spelling_is_not_unsubscribed(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FeedConfig("http://example.com/feed.xml", "Example")])
    first = store.feeds()[0]
    store.sync_config_feeds([FeedConfig("https://example.com/feed.xml", "Example")])
    assert [(f.id, f.active) for f in store.feeds(include_inactive=True)] == [(first.id, True)]
    store.close()


def test_a_subscribed_feed_is_found_before_an_old_unsubscribed_row(tmp_path: Path) -> None:
    """A database from before one subscription per feed may hold both spellings: the one
    subscribed to is the feed, not the old row of the very address given."""
    store = open_store(tmp_path / "news.db")
    old, _ = store.add_feed("http://example.com/feed.xml", "Old")
    with store.transaction() as db:  # (two rows, as an older newsreader could leave them)
        db.execute(
            "INSERT INTO feeds(url, title, origin) VALUES ('https://example.com/feed.xml', "
            "'Current', 'user')"
        )
    store.remove_feed(old.id)
    found = store.feed_by_url("http://example.com/feed.xml")
    assert found is not None and found.title == "Current" and found.active
    again, new = store.add_feed("http://example.com/feed.xml")
    assert not new and again.title == "Current"
    assert [f.title for f in store.feeds()] == ["Current"]
    store.close()
