"""A podcast item whose link is its own audio file: opening the story shows the feed's text with
a note saying what the link is, and fetches nothing (a real local server counts the requests)."""

from __future__ import annotations

from pathlib import Path

from reader.config import Config, FeedConfig, RefreshConfig, SummaryConfig
from reader.models import Enclosure, ParsedEntry
from reader.reading import load_page, story_links
from reader.store import Store, open_store
from tests.httpserver import LocalServer

PAGE = (
    b"<html><head><title>Episode 1</title></head><body><article><h1>Episode 1</h1>"
    + b"<p>The show notes of the first episode, with the guests and what they talk about.</p>" * 12
    + b"</article></body></html>"
)
NOTES = "Show notes: the guests and what they talk about."


def config() -> Config:
    return Config(
        refresh=RefreshConfig(timeout_seconds=3.0, feed_deadline_seconds=5.0),
        summary=SummaryConfig(sentences=2),
    )


def stored(tmp_path: Path, link: str, attached: tuple[Enclosure, ...]) -> tuple[Store, int]:
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", "Pod", "Talk")])
    (article_id,), _ = store.upsert_entries(
        store.feeds()[0].id,
        [ParsedEntry("urn:pod:1", link, "Episode 1", summary_text=NOTES, enclosures=attached)],
    )
    return store, article_id


def test_a_link_that_is_the_episodes_audio_is_not_fetched_as_a_page(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/ep1.mp3", body=b"ID3" + b"\0" * 5000, headers={"Content-Type": "audio/mpeg"})
        audio = server.url("/ep1.mp3")
        store, article_id = stored(tmp_path, audio, (Enclosure(audio, "audio/mpeg"),))
        page, source, note = load_page(store, config(), article_id)
        assert server.hits("/ep1.mp3") == 0
    store.close()
    assert source == "feed" and page.main.text == NOTES
    assert note is not None and "audio" in note and "o opens it" in note
    assert story_links(page.main)[0] == audio  # (what o and L open)


def test_a_video_link_is_named_as_one(tmp_path: Path) -> None:
    video = "http://127.0.0.1:9/ep1.mp4"  # (nothing listens there: a fetch would fail)
    store, article_id = stored(tmp_path, video, (Enclosure(video, "video/mp4"),))
    _page, source, note = load_page(store, config(), article_id)
    store.close()
    assert source == "feed" and note is not None and "video" in note


def test_a_page_link_beside_the_audio_is_fetched_as_before(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/1.html", body=PAGE, headers={"Content-Type": "text/html"})
        store, article_id = stored(
            tmp_path, server.url("/1.html"), (Enclosure(server.url("/ep1.mp3"), "audio/mpeg"),)
        )
        _page, source, note = load_page(store, config(), article_id)
        assert server.hits("/1.html") == 1
    store.close()
    assert source == "page" and not (note and "audio" in note)
