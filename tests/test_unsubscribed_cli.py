"""`newsreader remove URL` hides the feed's stories from `newsreader related` (found by id or
by words) while it is unsubscribed; subscribing again gives them back."""

from __future__ import annotations

import json
from pathlib import Path

from reader.store import open_store
from tests.processes import newsreader as run
from tests.test_unsubscribed_hidden import GONE_URL, build


def reports(cfg: list[str], story: str) -> list[list[int]]:
    """For each story ``related`` finds: the ids of its reports."""
    result = run("related", story, "--json", *cfg)
    assert result.returncode == 0, result.stderr
    return [[r["id"] for r in s["reports"]] for s in json.loads(result.stdout)]


def test_related_leaves_out_an_unsubscribed_feeds_reports(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")  # no feeds of its own: the database's
    db = tmp_path / "news.db"
    store = open_store(db)
    ids = build(store)
    store.close()
    cfg = ["--config", str(config), "--db", str(db)]
    everyone = [ids["Daily/0"], ids["Gone/0"], ids["Gone/3"]]
    assert sorted(reports(cfg, str(ids["Wire/0"]))[0]) == everyone
    removed = run("remove", GONE_URL, *cfg)
    assert removed.returncode == 0, removed.stderr
    assert reports(cfg, str(ids["Wire/0"])) == [[ids["Daily/0"]]]
    assert reports(cfg, "Qwen") == [[ids["Daily/0"]]]  # (the story found by its words)
    store = open_store(db)
    store.add_feed(GONE_URL)  # (as `add` does once it has fetched the feed)
    store.close()
    assert sorted(reports(cfg, str(ids["Wire/0"]))[0]) == everyone


def test_related_heads_a_story_with_a_subscribed_copy_when_its_original_is_removed(
    tmp_path: Path,
) -> None:
    """Wire carries a copy of Gone's harbour story: once Gone is removed, the story ``related``
    finds by its words is Wire's copy, not the hidden original."""
    config = tmp_path / "config.toml"
    config.write_text("")
    db = tmp_path / "news.db"
    store = open_store(db)
    ids = build(store)
    store.close()
    cfg = ["--config", str(config), "--db", str(db)]

    def heads(words: str) -> list[int]:
        result = run("related", words, "--json", *cfg)
        assert result.returncode == 0, result.stderr
        return [s["id"] for s in json.loads(result.stdout)]

    assert heads("harbour") == [ids["Gone/1"]]  # the original, while Gone is subscribed
    assert run("remove", GONE_URL, *cfg).returncode == 0
    assert heads("harbour") == [ids["Wire/1"]]
