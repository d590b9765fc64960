"""`newsreader favourites` shows a favourite's saved summary only where the reader's pane
would: not for a story the pane says to read whole (a short one), whichever way it is listed."""

from __future__ import annotations

import json
from pathlib import Path

from reader.config import FeedConfig
from reader.models import ParsedEntry, Summary
from reader.store import open_store
from tests.processes import newsreader as run

FEED = FeedConfig("https://tech.example/feed.xml", "Tech Beat", "Tech")
# 4 sentences, 62 words: short enough that the pane says to read it whole
SHORT = (
    "The Linux merge window closed with the first GPU driver written in Rust accepted into the "
    "mainline kernel, a milestone for the project. Maintainers said the driver would remain "
    "experimental for at least two releases while tooling matures. Distributions are not "
    "expected to enable it by default this year. Several companies have pledged engineers to "
    "help review the code."
)
LONG = ("The council approved the harbour plan on Monday after a long debate. " * 20).strip()


def test_a_short_storys_saved_summary_is_left_out_as_the_pane_leaves_it(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FEED])
    (short, long), _ = store.upsert_entries(
        store.feeds()[0].id,
        [
            ParsedEntry("g1", "https://tech.example/1", "Rust GPU driver merged", summary_text="x"),
            ParsedEntry("g2", "https://tech.example/2", "Harbour plan approved", summary_text="y"),
        ],
    )
    for article_id, text in ((short, SHORT), (long, LONG)):
        store.db.execute("UPDATE articles SET body_text = ? WHERE id = ?", (text, article_id))
    store.db.commit()
    store.put_summary(
        short,
        0,
        "newsrank",
        "3",
        Summary(
            (
                "The Linux merge window closed with the first GPU driver written in Rust "
                "accepted into the mainline kernel, a milestone for the project.",
                "Maintainers said the driver would remain experimental for at least two "
                "releases while tooling matures.",
            ),
            "newsrank",
            4,
        ),
    )
    kept = "The council approved the harbour plan on Monday after a long debate."
    store.put_summary(long, 0, "newsrank", "3", Summary((kept,), "newsrank", 20))
    store.set_favourite(short, True)
    store.set_favourite(long, True)
    store.close()
    config = tmp_path / "empty.toml"
    config.write_text(f"[[feeds]]\nurl = '{FEED.url}'\ntitle = 'Tech Beat'\ncategory = 'Tech'\n")
    where = ["--db", str(tmp_path / "news.db"), "--config", str(config)]

    markdown = run("favourites", *where)
    assert markdown.returncode == 0, markdown.stderr
    rust, harbour = (
        markdown.stdout.split("## Rust GPU driver merged")[1].split("## ")[0],
        markdown.stdout.split("## Harbour plan approved")[1].split("## ")[0],
    )
    assert "Summary:" not in rust and "Maintainers said" not in rust
    assert f"Summary:\n\n- {kept}" in harbour
    listed = {
        d["title"]: d for d in json.loads(run("favourites", "--format", "json", *where).stdout)
    }
    assert listed["Rust GPU driver merged"]["summary"] is None
    assert listed["Rust GPU driver merged"]["text"] == SHORT
    assert listed["Harbour plan approved"]["summary"] == [kept]
