"""`newsreader feeds` and `newsreader export-opml` before there is a database: the feeds a first
start will bring (the config's, or the built-in starter feeds without a config file), marked as
not fetched yet; and still no database (nor its folder) is made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.config import DEFAULT_FEEDS, Config
from reader.opml import parse_opml
from tests.processes import newsreader as run

CONFIG = """\
[[feeds]]
url = "https://news.example/world.xml"
title = "World News"
category = "World"

[[feeds]]
url = "https://blog.example/feed"
"""


def feeds_json(*args: str) -> list[dict[str, Any]]:
    result = run("feeds", "--json", *args)
    assert result.returncode == 0, result.stderr
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_feeds_lists_the_configured_feeds_as_not_fetched(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    missing = tmp_path / "some" / "dir" / "news.db"
    rows = feeds_json("--config", str(config), "--db", str(missing))
    assert {(r["url"], r["category"], r["from"]) for r in rows} == {
        ("https://news.example/world.xml", "World", "config"),
        ("https://blog.example/feed", "", "config"),
    }
    assert {r["status"] for r in rows} == {"new"}
    assert all(r["last_fetched"] is None and r["articles"] == 0 for r in rows)
    shown = run("feeds", "--config", str(config), "--db", str(missing))
    assert shown.returncode == 0, shown.stderr
    assert "World News" in shown.stdout and shown.stdout.count("not fetched yet") >= 2
    assert f"There is no database at {missing} yet" in shown.stdout
    assert "newsreader refresh" in shown.stdout
    assert not (tmp_path / "some").exists()


def test_without_a_config_file_they_are_the_starter_feeds(tmp_path: Path) -> None:
    default = Config().db_path  # (under this test's own XDG_DATA_HOME)
    rows = feeds_json()
    assert sorted(r["url"] for r in rows) == sorted(f.url for f in DEFAULT_FEEDS)
    shown = run("feeds")
    assert "built in: there is no config file" in shown.stdout
    assert not default.exists() and not default.parent.exists()


def test_export_opml_exports_the_feeds_to_come(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    missing = tmp_path / "some" / "dir" / "news.db"
    out = tmp_path / "subscriptions.opml"
    result = run("export-opml", str(out), "--config", str(config), "--db", str(missing))
    assert result.returncode == 0, result.stderr
    assert "not fetched yet" in result.stderr and str(missing) in result.stderr
    exported = parse_opml(out.read_bytes(), [])
    assert {(f.url, f.category) for f in exported} == {
        ("https://news.example/world.xml", "World"),
        ("https://blog.example/feed", ""),
    }
    assert "World News" in {f.title for f in exported}
    assert not (tmp_path / "some").exists()

    default = Config().db_path
    starters = run("export-opml")  # no config file either: the starter feeds, on stdout
    assert starters.returncode == 0, starters.stderr
    urls = {f.url for f in parse_opml(starters.stdout.encode(), [])}
    assert urls == {f.url for f in DEFAULT_FEEDS}
    assert not default.parent.exists()


def test_a_config_without_feeds_lists_none(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nconcurrency = 2\n")
    missing = tmp_path / "news.db"
    assert feeds_json("--config", str(config), "--db", str(missing)) == []
    shown = run("feeds", "--config", str(config), "--db", str(missing))
    assert shown.returncode == 0 and "No subscriptions" in shown.stdout
    assert not missing.exists()


def test_a_path_that_is_no_database_is_still_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes, not a database\n")
    for command in ("feeds", "export-opml"):
        result = run(command, "--db", str(notes))
        assert result.returncode == 1, (command, result.stdout)
        assert "is not a newsreader database" in result.stderr
    assert notes.read_text() == "my notes, not a database\n"
