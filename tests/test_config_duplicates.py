"""A config that lists the same feed twice (the same address but for the case of its scheme or
host, a default port or a fragment, or exactly the same) keeps the first entry and says so in
words; it is never two subscriptions, and nothing is refused for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import _store
from reader.config import load_config, parse_config
from reader.store import open_store
from reader.textutil import url_key as same_feed_key
from tests.processes import newsreader as run

TWICE = """\
[[feeds]]
url = "https://x.example/feed"
title = "X News"

[[feeds]]
url = "https://y.example/rss"

[[feeds]]
url = "HTTP://X.EXAMPLE/feed#top"
title = "X again"

[[feeds]]
url = "https://y.example:443/rss"

[[feeds]]
url = "https://y.example/rss"
"""


def test_the_same_feed_listed_again_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config = parse_config(TWICE, path)  # strict: a warning, not a problem
    assert [f.url for f in config.feeds] == ["https://x.example/feed", "https://y.example/rss"]
    assert config.feeds[0].title == "X News"  # the first entry's settings
    assert config.problems == ()
    again, port, exact = config.warnings
    assert again == (
        f"{path}, line 8: feed 'X again' is listed twice (same address as 'X News', line 1); "
        "using the first."
    )
    assert "line 12: feed 'https://y.example:443/rss' is listed twice" in port
    assert "(same address as 'https://y.example/rss', line 5)" in port
    assert (
        f"{path}, line 15: feed 'https://y.example/rss' is listed twice (first at line 5)" in exact
    )


def test_other_addresses_are_other_feeds() -> None:
    text = "".join(
        f'[[feeds]]\nurl = "{url}"\n'
        for url in (
            "https://x.example/feed",
            "https://x.example/feed/",
            "https://x.example/Feed",
            "https://x.example/feed?lang=de",
            "https://x.example:8443/feed",
            "https://www.x.example/feed",
        )
    )
    config = parse_config(text)
    assert len(config.feeds) == 6 and config.warnings == ()


def test_the_key_ignores_only_what_names_no_other_feed() -> None:
    key = same_feed_key("https://x.example/feed")
    for same in (
        "HTTP://X.Example/feed",
        "https://x.example:443/feed#a",
        "http://x.example:80/feed",
    ):
        assert same_feed_key(same) == key, same
    assert same_feed_key("https://x.example") == same_feed_key("https://x.example/")
    assert same_feed_key("/home/me/feed.xml") == "/home/me/feed.xml"


def test_commands_say_it_and_make_one_subscription(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(TWICE)
    db = tmp_path / "news.db"
    open_store(db).close()
    result = run("feeds", "--json", "--config", str(config), "--db", str(db))
    assert result.returncode == 0, result.stderr
    urls = sorted(row["url"] for row in json.loads(result.stdout))
    assert urls == ["https://x.example/feed", "https://y.example/rss"]
    warnings = [line for line in result.stderr.splitlines() if "is listed twice" in line]
    assert len(warnings) == 3
    assert warnings[0].startswith("newsreader: config warning: ")


def test_the_reader_is_told_once_by_its_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(TWICE)
    config = load_config(path, tmp_path / "news.db", lenient=True)
    notes: list[str] = []
    store = _store(config, notes)
    try:
        assert store.feeds() == []  # (the reader saves them once its screen is up)
        store.sync_config_feeds(config.feeds)  # what it saves
        assert sorted(f.url for f in store.feeds()) == [
            "https://x.example/feed",
            "https://y.example/rss",
        ]
    finally:
        store.close()
    # the reader shows config.warnings in one toast of its own: not among its notes as well,
    # nor on the terminal it is about to take over
    assert sum("feed 'X again' is listed twice" in w for w in config.warnings) == 1
    assert len([w for w in config.warnings if "listed twice" in w]) == 3
    assert not any("listed twice" in n for n in notes)
    assert "listed twice" not in capsys.readouterr().err
