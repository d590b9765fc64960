"""A JSON Feed whose parts are of the wrong type (a title that is an object, items that are no
list, an item that is a string) says so in its warning, and keeps every entry with something
usable: an entry whose title cannot be read is kept untitled, as an RSS item without a title."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.config import Config, RefreshConfig
from reader.feeds import parse_feed
from reader.models import View
from reader.refresh import refresh
from reader.store import open_store
from tests.httpserver import LocalServer

URL = "https://j.example/feed.json"
VERSION = "https://jsonfeed.org/version/1.1"


def parse(doc: dict[str, Any]) -> Any:
    return parse_feed(json.dumps(doc).encode(), URL, "application/feed+json")


def test_an_entry_whose_title_is_an_object_is_kept_untitled_and_the_warning_says_why() -> None:
    feed = parse(
        {
            "version": VERSION,
            "title": "J",
            "items": [
                {"id": "1", "url": "https://j.example/1", "title": {"text": "Odd"}},
                {"id": "2", "title": ["x"], "content_text": "What happened today."},
                {"id": "3", "url": "https://j.example/3", "title": "Fine"},
            ],
        }
    )
    assert feed.error is None
    assert [(e.url, e.title) for e in feed.entries] == [
        ("https://j.example/1", ""),
        ("", ""),
        ("https://j.example/3", "Fine"),
    ]
    assert feed.entries[1].summary_text == "What happened today."
    assert feed.warning and "wrong type" in feed.warning
    assert "title (an object, in 2 entries)" in feed.warning


def test_items_that_are_not_objects_are_counted_in_the_warning() -> None:
    feed = parse(
        {
            "version": VERSION,
            "items": ["a string", 42, {"id": "1", "url": "https://j.example/1", "title": "Kept"}],
        }
    )
    assert [e.title for e in feed.entries] == ["Kept"]
    assert feed.warning and "2 of 3 items are not an entry" in feed.warning
    assert "a string" in feed.warning and "a number" in feed.warning


def test_items_that_are_not_a_list_say_so() -> None:
    for items, kind in (("everything", "a string"), (7, "a number")):
        feed = parse({"version": VERSION, "title": "J", "items": items})
        assert feed.error is None and feed.entries == ()
        assert feed.warning and f"items are {kind}, not a list" in feed.warning
    missing = parse({"version": VERSION, "title": "J"})
    assert missing.entries == () and missing.warning and "no list of items" in missing.warning


def test_one_item_given_as_an_object_instead_of_a_list_is_read() -> None:
    feed = parse(
        {"version": VERSION, "items": {"id": "1", "url": "https://j.example/1", "title": "One"}}
    )
    assert [(e.url, e.title) for e in feed.entries] == [("https://j.example/1", "One")]
    assert feed.warning and "not a list" in feed.warning


def test_other_fields_of_the_wrong_type_are_named_and_the_rest_kept() -> None:
    feed = parse(
        {
            "version": VERSION,
            "title": {"en": "J"},
            "items": [
                {
                    "id": {"x": 1},
                    "url": ["https://j.example/1"],
                    "external_url": "https://elsewhere.example/1",
                    "title": "Kept",
                    "content_html": 5,
                    "summary": "The summary.",
                    "date_published": 1718000000,
                    "authors": [{"name": {"first": "Ann"}}],
                },
                {"title": {"a": 1}},  # nothing usable left: counted, left out
            ],
        }
    )
    (entry,) = feed.entries
    assert entry.url == "https://elsewhere.example/1" and entry.title == "Kept"
    assert entry.summary_text == "The summary." and entry.author == "" and entry.published is None
    warning = feed.warning or ""
    for name in ("the feed's title (an object)", "url (a list", "id (an object", "author"):
        assert name in warning, (name, warning)
    assert "content_html (a number" in warning and "date_published (a number" in warning
    assert "1 entry had nothing usable left and was left out." in warning
    assert feed.title == ""


def test_a_well_formed_json_feed_has_no_warning() -> None:
    feed = parse(
        {
            "version": VERSION,
            "title": "J",
            "home_page_url": "https://j.example/",
            "items": [{"id": "1", "url": "https://j.example/1", "title": "One", "author": None}],
        }
    )
    assert feed.warning is None and len(feed.entries) == 1


async def test_the_refresh_keeps_the_entries_and_shows_the_warning(tmp_path: Path) -> None:
    doc = {
        "version": VERSION,
        "title": "J",
        "items": [
            {"id": "1", "url": "https://j.example/1", "title": {"text": "Odd"}},
            "junk",
        ],
    }
    store = open_store(tmp_path / "news.db")
    try:
        with LocalServer() as srv:
            srv.route(
                "/feed.json",
                body=json.dumps(doc).encode(),
                headers={"Content-Type": "application/feed+json"},
            )
            store.add_feed(srv.url("/feed.json"))
            config = Config(refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0))
            (result,) = await refresh(store, config)
        assert result.status == "ok" and result.new == 1
        assert result.error and "wrong type" in result.error and "not an entry" in result.error
        (feed,) = store.feeds()
        assert feed.last_error == result.error and feed.total == 1
        (article,) = store.headlines(View("all"))
        assert article.url == "https://j.example/1"
    finally:
        store.close()
