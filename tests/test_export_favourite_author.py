"""`newsreader favourites --format json` carries the byline the reader's pane shows: the page's
when the feed names no author, so that `import-favourites` on another machine keeps it (export,
import into a fresh database, export again: the same)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from reader.config import Config, FeedConfig, RefreshConfig
from reader.models import ParsedEntry
from reader.reading import load_page
from reader.store import open_store
from tests.httpserver import LocalServer
from tests.processes import newsreader as run

PARAGRAPH = (
    "Residents of the coastal town fled to higher ground on Friday after a powerful earthquake "
    "shook the region and the emergency office issued a tsunami warning for the shoreline. "
    "Buildings swayed in the capital, more than a hundred kilometres away from the coast."
)
PAGE = (
    "<!doctype html><html><head><title>Quake rattles the coast - Daily Planet</title></head>"
    "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><main><article>"
    "<h1>Quake rattles the coast</h1><p class='byline'>By: Jane Doe, Staff Reporter</p>"
    + "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(6))
    + "</article></main><footer>&copy; 2026 Daily Planet.</footer></body></html>"
).encode()


def args(tmp_path: Path, db: str) -> list[str]:
    config = tmp_path / "empty.toml"
    config.write_text("")
    return ["--db", str(tmp_path / db), "--config", str(config)]


def test_the_pages_byline_goes_with_a_favourite_to_another_machine(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/quake", body=PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
        store = open_store(tmp_path / "old.db")
        store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/feed.xml", "Daily Planet", "")])
        (article_id,), _ = store.upsert_entries(
            store.feeds()[0].id,
            [
                ParsedEntry(
                    "quake",
                    server.url("/quake"),
                    "Quake rattles the coast",
                    published=datetime(2026, 11, 27, 17, 0, tzinfo=UTC),
                    summary_text="Residents fled to higher ground.",  # (and no author)
                )
            ],
        )
        config = Config(refresh=RefreshConfig(timeout_seconds=3.0, feed_deadline_seconds=5.0))
        page, source, _ = load_page(store, config, article_id)  # the story opened in the reader
        assert source == "page"
        assert page.main.author == "Jane Doe, Staff Reporter"  # as the pane shows it
        store.set_favourite(article_id, True, saved_at=datetime(2026, 11, 27, 18, 0, tzinfo=UTC))
        store.close()

    exported = run("favourites", "--format", "json", *args(tmp_path, "old.db"))
    assert exported.returncode == 0, exported.stderr
    (item,) = json.loads(exported.stdout)
    assert item["author"] == "Jane Doe, Staff Reporter"
    backup = tmp_path / "favourites.json"
    backup.write_text(exported.stdout)

    restored = run("import-favourites", str(backup), *args(tmp_path, "new.db"))
    assert restored.returncode == 0 and "Restored 1 favourite" in restored.stdout, restored.stderr
    again = run("favourites", "--format", "json", *args(tmp_path, "new.db"))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == [item]


def test_the_feeds_author_stays_where_no_page_was_read(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/feed.xml", "Daily Planet", "")])
    (article_id,), _ = store.upsert_entries(
        store.feeds()[0].id,
        [ParsedEntry("a", "http://127.0.0.1:9/a", "Bakery wins award", author="John Roe")],
    )
    store.set_favourite(article_id, True)
    store.close()
    exported = run("favourites", "--format", "json", *args(tmp_path, "news.db"))
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)[0]["author"] == "John Roe"


def test_a_restored_favourite_gives_its_byline_to_the_same_story_stored_without_one(
    tmp_path: Path,
) -> None:
    """import-favourites on a machine where the story is stored already (the same link and
    headline, from its feed, which names no author): the export's byline is kept; an author
    the stored story has is not replaced."""
    from reader.models import Story

    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/feed.xml", "Daily Planet", "")])
    (bare, named), _ = store.upsert_entries(
        store.feeds()[0].id,
        [
            ParsedEntry("q", "http://127.0.0.1:9/quake", "Quake rattles the coast"),
            ParsedEntry("b", "http://127.0.0.1:9/bakery", "Bakery wins award", author="John Roe"),
        ],
    )
    for url, title in (
        ("http://127.0.0.1:9/quake", "Quake rattles the coast"),
        ("http://127.0.0.1:9/bakery", "Bakery wins award"),
    ):
        kept = Story(title=title, url=url, author="Jane Doe, Staff Reporter", text=PARAGRAPH)
        store.restore_favourite(kept)
    quake, bakery = store.article(bare), store.article(named)
    assert quake is not None and quake.is_favourite
    assert quake.author == "Jane Doe, Staff Reporter"
    assert bakery is not None and bakery.is_favourite and bakery.author == "John Roe"
    store.close()
