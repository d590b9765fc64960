"""Favourites keep their podcast audio (enclosures) through `newsreader favourites` (JSON and
Markdown) and `import-favourites` on another machine; an export made before they were
exported still imports, and what an export gives is cleaned as a feed's enclosures are."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from reader.config import FeedConfig
from reader.feeds import MAX_ENCLOSURES
from reader.models import Enclosure, ParsedEntry
from reader.store import Store, open_store
from tests.processes import newsreader as run

FEED = FeedConfig("https://pod.example/feed.xml", "Pod", "Talk")
AUDIO = Enclosure("https://cdn.pod.example/ep1.mp3", "audio/mpeg", 45_000_000)
VIDEO = Enclosure("https://cdn.pod.example/ep1.mp4")


def saved_episode(path: Path, attached: tuple[Enclosure, ...]) -> None:
    store = open_store(path)
    store.sync_config_feeds([FEED])
    (kept,), _ = store.upsert_entries(
        store.feeds()[0].id,
        [
            ParsedEntry(
                "urn:pod:1",
                "https://pod.example/1",
                "Episode 1",
                published=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
                summary_text="Show notes.",
                enclosures=attached,
            )
        ],
    )
    store.set_favourite(kept, True, saved_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC))
    store.close()


def args(tmp_path: Path, db: str) -> list[str]:
    config = tmp_path / "empty.toml"
    config.write_text("")
    return ["--db", str(tmp_path / db), "--config", str(config)]


def only_favourite(path: Path) -> tuple[Enclosure, ...]:
    store = Store(path, read_only=True)
    (favourite,) = store.favourites()
    article = store.article(favourite.id)
    store.close()
    assert article is not None
    return article.enclosures


def test_the_audio_moves_with_the_favourites_to_another_machine(tmp_path: Path) -> None:
    saved_episode(tmp_path / "old.db", (AUDIO, VIDEO))
    exported = run("favourites", "--format", "json", *args(tmp_path, "old.db"))
    assert exported.returncode == 0, exported.stderr
    (item,) = json.loads(exported.stdout)
    assert [e["url"] for e in item["enclosures"]] == [AUDIO.url, VIDEO.url]
    backup = tmp_path / "favourites.json"
    backup.write_text(exported.stdout)

    result = run("import-favourites", str(backup), *args(tmp_path, "new.db"))
    assert result.returncode == 0 and "Restored 1 favourite" in result.stdout, result.stderr
    assert only_favourite(tmp_path / "new.db") == (AUDIO, VIDEO)
    again = json.loads(run("favourites", "--format", "json", *args(tmp_path, "new.db")).stdout)
    assert again[0]["enclosures"] == item["enclosures"]


def test_the_markdown_export_lists_the_audio(tmp_path: Path) -> None:
    saved_episode(tmp_path / "news.db", (AUDIO,))
    md = run("favourites", *args(tmp_path, "news.db"))
    assert md.returncode == 0, md.stderr
    (line,) = [x for x in md.stdout.splitlines() if AUDIO.url in x]
    assert line.startswith("- Podcast: ") and "audio/mpeg" in line and "MB" in line


def test_an_export_without_enclosures_still_imports(tmp_path: Path) -> None:
    backup = tmp_path / "old-export.json"
    backup.write_text(
        json.dumps([{"title": "Episode 1", "url": "https://pod.example/1", "text": "Notes."}])
    )
    result = run("import-favourites", str(backup), *args(tmp_path, "news.db"))
    assert result.returncode == 0 and "Restored 1 favourite" in result.stdout, result.stderr
    assert only_favourite(tmp_path / "news.db") == ()


def test_what_an_export_gives_is_cleaned_as_a_feeds_enclosures_are(tmp_path: Path) -> None:
    given = [
        {"url": "javascript:alert(1)", "type": "audio/mpeg"},
        {"url": "-http://x.example/a.mp3"},
        {"url": "relative/a.mp3"},
        {"url": " https://cdn.pod.example/my episode.mp3\n", "type": "AUDIO/MPEG", "length": True},
        {"url": AUDIO.url, "type": "audio/mpeg", "length": -5},
        {"url": AUDIO.url},  # (the same file again)
        "not a file",
        {"type": "audio/mpeg"},
        *({"url": f"https://cdn.pod.example/{n}.mp3"} for n in range(MAX_ENCLOSURES * 2)),
    ]
    backup = tmp_path / "export.json"
    backup.write_text(json.dumps([{"title": "Episode 1", "enclosures": given}]))
    result = run("import-favourites", str(backup), *args(tmp_path, "news.db"))
    assert result.returncode == 0 and "Restored 1 favourite" in result.stdout, result.stderr
    kept = only_favourite(tmp_path / "news.db")
    assert kept[:2] == (
        Enclosure("https://cdn.pod.example/my%20episode.mp3", "audio/mpeg", None),
        Enclosure(AUDIO.url, "audio/mpeg", None),
    )
    assert len(kept) == MAX_ENCLOSURES


def test_a_favourite_whose_feed_is_already_there_keeps_the_feeds_own_files(tmp_path: Path) -> None:
    saved_episode(tmp_path / "news.db", (VIDEO,))
    backup = tmp_path / "export.json"
    backup.write_text(
        json.dumps(
            [
                {
                    "title": "Episode 1",
                    "url": "https://pod.example/1",
                    "enclosures": [{"url": AUDIO.url, "type": "audio/mpeg"}],
                }
            ]
        )
    )
    store = open_store(tmp_path / "news.db")  # (not yet a favourite here: it becomes one)
    store.set_favourite(store.favourites()[0].id, False)
    store.close()
    result = run("import-favourites", str(backup), *args(tmp_path, "news.db"))
    assert result.returncode == 0 and "Restored 1 favourite" in result.stdout, result.stderr
    assert only_favourite(tmp_path / "news.db") == (VIDEO,)
