"""`newsreader related` prints the other reports of a story's event (and the feeds carrying its
copies); `newsreader stats` says how many stories are copies, listed once and not counted."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.store import Store, open_store
from tests.processes import newsreader as run

FEEDS = (
    FeedConfig("https://wire.example/feed.xml", "Wire", "News"),
    FeedConfig("https://daily.example/feed.xml", "Daily", "News"),
    FeedConfig("https://local.example/feed.xml", "Local", "News"),
)
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TITLES = {  # feed -> its headlines (the first ones of each feed: one story)
    "Wire": ["Air Products appoints Seifi Ghasemi chief executive", "Harbour plan voted down"],
    "Daily": ["Air Products names new CEO from Rockwood", "Festival draws record crowds"],
    "Local": ["Air Products appoints Seifi Ghasemi chief executive", "School roof repaired"],
}


def build(path: Path) -> dict[str, int]:
    """Six headlines; the Air Products story reported by Wire and Daily, and carried by Local
    as a copy of Wire's. Their ids by "feed/n"."""
    store = open_store(path)
    store.sync_config_feeds(FEEDS)
    ids: dict[str, int] = {}
    for feed in store.feeds():
        entries = [
            ParsedEntry(
                guid=f"{feed.title}-{n}",
                url=f"https://{feed.title.lower()}.example/{n}.html",
                title=title,
                published=NOW - timedelta(hours=n + 1, minutes=len(feed.title)),
                summary_text=f"{title}. The company said so on Wednesday.",
            )
            for n, title in enumerate(TITLES[feed.title])
        ]
        store.upsert_entries(feed.id, entries, now=NOW)
    for article in store.headlines(View("all"), limit=100):
        ids[article.guid.replace("-", "/")] = article.id
    store.set_group(ids["Wire/0"], 3)
    store.set_group(ids["Daily/0"], 3)
    store.set_group(ids["Local/0"], 3, duplicate_of=ids["Wire/0"])
    store.set_related(ids["Wire/0"], [(ids["Daily/0"], 0.71)])
    store.close()
    return ids


@pytest.fixture
def world(tmp_path: Path) -> tuple[list[str], dict[str, int]]:
    config = tmp_path / "config.toml"
    config.write_text("")  # no feeds of its own: the database's
    db = tmp_path / "news.db"
    return ["--config", str(config), "--db", str(db)], build(db)


def related_json(cfg: list[str], story: str) -> list[dict[str, object]]:
    result = run("related", story, "--json", *cfg)
    assert result.returncode == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_stats_says_how_many_stories_are_copies(world) -> None:
    cfg, _ = world
    result = run("stats", "--json", *cfg)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["articles"] == 5 and data["copies"] == 1  # six stored, one a copy
    text = run("stats", *cfg).stdout
    copies = next(line for line in text.splitlines() if line.startswith("copies"))
    assert copies.split()[1] == "1" and "not in articles" in copies


def test_related_by_id_lists_the_other_reports_and_the_copies_carriers(world) -> None:
    cfg, ids = world
    [story] = related_json(cfg, str(ids["Wire/0"]))
    assert story["id"] == ids["Wire/0"] and story["source"] == "Wire"
    assert story["carried_by"] == ["Local"]  # its copy: named, not a report of its own
    reports = story["reports"]
    assert isinstance(reports, list)
    assert [r["id"] for r in reports] == [ids["Daily/0"]]
    assert reports[0]["similarity"] == 0.71 and reports[0]["title"] == TITLES["Daily"][0]

    text = run("related", str(ids["Wire/0"]), *cfg)
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == TITLES["Wire"][0]
    assert "also carried by Local" in text.stdout
    assert f"  - {TITLES['Daily'][0]}" in lines and "wording 71% alike" in text.stdout


def test_related_by_link_or_copy_or_words_finds_the_story_once(world) -> None:
    cfg, ids = world
    by_link = related_json(cfg, "https://daily.example/0.html")
    assert [s["id"] for s in by_link] == [ids["Daily/0"]]
    reports = by_link[0]["reports"]
    assert isinstance(reports, list)
    assert [r["id"] for r in reports] == [ids["Wire/0"]]
    # the copy is the story it copies
    assert [s["id"] for s in related_json(cfg, str(ids["Local/0"]))] == [ids["Wire/0"]]
    # words found in three headlines of one story: that story, once
    found = related_json(cfg, "Air Products")
    assert len(found) == 1 and found[0]["id"] in (ids["Wire/0"], ids["Daily/0"])
    # a story of its own has no reports
    [alone] = related_json(cfg, "festival")
    assert alone["id"] == ids["Daily/1"] and alone["reports"] == []
    assert "No other report of this story" in run("related", "festival", *cfg).stdout


def test_related_says_what_it_cannot_find(world) -> None:
    cfg, _ = world
    for given, said in (
        ("999999", "No stored story has the id 999999."),
        ("https://nowhere.example/x.html", "No stored story has the link"),
        ("zeppelin", "No stored headline has the words 'zeppelin'."),
    ):
        result = run("related", given, *cfg)
        assert result.returncode == 1 and said in result.stderr and not result.stdout


def test_related_has_help_and_the_common_options() -> None:
    result = run("related", "--help")
    assert result.returncode == 0, result.stderr
    assert "--config" in result.stdout and "--db" in result.stdout and "--json" in result.stdout


def test_stats_counts_no_copy_where_there_is_none(tmp_path: Path) -> None:
    store: Store = open_store(tmp_path / "news.db")
    store.close()
    config = tmp_path / "config.toml"
    config.write_text("")
    result = run("stats", "--json", "--config", str(config), "--db", str(tmp_path / "news.db"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["copies"] == 0


def test_related_words_a_copy_and_a_likeness_as_the_reader_pane_does(tmp_path: Path) -> None:
    """A copy in the story's own feed (an update re-posted under a new address) is "another
    version in this feed", not "also carried by" that feed; "wording N% alike" is the pane's
    figure (0.6853 is 69%, not the 68% of the rounded 0.685 its --json gives)."""
    config = tmp_path / "config.toml"
    config.write_text("")
    db = tmp_path / "news.db"
    ids = build(db)
    store = open_store(db)
    reposted = ParsedEntry(
        guid="Wire-update",
        url="https://wire.example/0-update.html",
        title="UPDATE 1-Air Products appoints Seifi Ghasemi chief executive",
        published=NOW - timedelta(minutes=20),
        summary_text="Air Products appoints Seifi Ghasemi. The company said so on Wednesday.",
    )
    wire = next(f for f in store.feeds() if f.title == "Wire")
    (update,), _ = store.upsert_entries(wire.id, [reposted], now=NOW)
    store.set_group(update, 3, duplicate_of=ids["Wire/0"])
    store.set_related(ids["Wire/0"], [(ids["Daily/0"], 0.6853)])
    store.close()
    result = run("related", str(ids["Wire/0"]), "--config", str(config), "--db", str(db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  also carried by Local · another version in this feed" in lines
    assert not any("carried by" in line and "Wire" in line for line in lines)
    assert any(line.endswith("· wording 69% alike") for line in lines), lines


def test_by_time_lists_the_reports_oldest_first(tmp_path: Path) -> None:
    """To follow a story as it developed: --by-time lists its reports by publication, where
    the default lists the most alike first."""
    db = tmp_path / "news.db"
    ids = build(db)
    store = open_store(db)
    store.set_group(ids["Local/1"], 3)  # an older report, far less alike in its wording
    store.close()
    (tmp_path / "none.toml").write_text("")
    cfg = ["--config", str(tmp_path / "none.toml"), "--db", str(db)]

    def reports(*flags: str) -> list[int]:
        result = run("related", str(ids["Wire/0"]), "--json", *flags, *cfg)
        assert result.returncode == 0, result.stderr
        (story,) = json.loads(result.stdout)
        return [int(r["id"]) for r in story["reports"]]

    assert reports() == [ids["Daily/0"], ids["Local/1"]]  # the most alike first
    assert reports("--by-time") == [ids["Local/1"], ids["Daily/0"]]  # oldest first
    text = run("related", str(ids["Wire/0"]), "--by-time", *cfg).stdout
    assert "2 other reports of this story, oldest first:" in text
    assert text.index("School roof repaired") < text.index("Air Products names new CEO")
