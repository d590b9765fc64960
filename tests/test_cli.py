"""The `newsreader` command run as a real subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.config import FeedConfig
from reader.models import ParsedEntry, Story, View
from reader.store import open_store
from tests.processes import newsreader as run


@pytest.fixture
def cfg(tmp_path: Path) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text(
        '[[feeds]]\nurl = "https://example.org/feed.xml"\ntitle = "Example"\ncategory = "World"\n'
    )
    return ["--config", str(path), "--db", str(tmp_path / "news.db")]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("newsreader ")


@pytest.mark.parametrize(
    "command",
    [
        "refresh",
        "add",
        "feeds",
        "remove",
        "import-opml",
        "import-urls",
        "export-opml",
        "favourites",
        "stats",
        "open",
        "extract",
        "summarize",
        "read",
    ],
)
def test_every_subcommand_has_help_and_common_options(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "--config" in result.stdout and "--db" in result.stdout


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[refresh\n", "TOML syntax error"),
        ("[refresh]\nbogus = 1\n", "refresh.bogus"),
        ("[refresh]\nconcurrency = 'x'\n", "refresh.concurrency"),
        ("[[feeds]]\nurl = 'gopher://x'\n", "feeds[1].url"),
    ],
)
def test_broken_config_exits_2_with_one_clear_line(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    result = run("stats", "--config", str(path), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert needle in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "x.db").exists()


def test_stats_json_with_no_config_file_uses_defaults_and_platform_data_dir(tmp_path: Path) -> None:
    from reader.config import Config

    assert run("stats", "--json").returncode == 1  # no database there yet: none is made
    open_store(Config().db_path).close()  # (as the reader's first start makes it)
    result = run("stats", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["feeds"] == 0  # a command that only reads subscribes to nothing
    assert data["articles"] == 0 and data["last_refresh"] is None
    home = Path(os.environ["HOME"])
    assert Path(data["database"]).is_relative_to(home)
    assert Path(data["database"]).exists()


def test_opml_import_export_round_trip(tmp_path: Path, cfg: list[str]) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Science"><outline type="rss" text="Nature" xmlUrl="https://www.nature.com/nature.rss"/></outline>'
        '<outline type="rss" text="Solo" xmlUrl="https://solo.example/rss"/>'
        "</body></opml>"
    )
    first = run("import-opml", str(opml), *cfg)
    assert first.returncode == 0, first.stderr
    assert "Imported 2 new feeds" in first.stdout
    again = run("import-opml", str(opml), *cfg)
    assert "Imported 0 new feeds (2 already present)" in again.stdout
    out = tmp_path / "out.opml"
    assert run("export-opml", str(out), *cfg).returncode == 0
    text = out.read_text()
    for needle in (
        'xmlUrl="https://www.nature.com/nature.rss"',
        'text="Science"',
        "https://example.org/feed.xml",
        "Solo",
    ):
        assert needle in text
    stdout_export = run("export-opml", *cfg)
    assert stdout_export.stdout.startswith("<?xml")


def test_import_opml_refuses_a_device_or_a_pipe(tmp_path: Path, cfg: list[str]) -> None:
    fifo = tmp_path / "pipe.opml"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo)):
        result = run("import-opml", target, *cfg, timeout=30)  # it must not wait or read forever
        assert result.returncode == 1 and "not a regular file" in result.stderr, target
        assert "Traceback" not in result.stderr


def test_malformed_opml_imports_nothing(tmp_path: Path, cfg: list[str]) -> None:
    open_store(tmp_path / "news.db").close()  # (stats reads a database; it makes none)
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl='https://a.org/f'>")
    result = run("import-opml", str(bad), *cfg)
    assert result.returncode == 1
    assert "Nothing imported" in result.stderr and "Traceback" not in result.stderr
    feeds = json.loads(run("feeds", "--json", *cfg).stdout)
    assert [f["url"] for f in feeds] == ["https://example.org/feed.xml"]  # the config's only


def test_favourites_export_md_and_json(tmp_path: Path, cfg: list[str]) -> None:
    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example", "World")])
    fid = store.feeds()[0].id
    (aid, *_), _ = store.upsert_entries(
        fid,
        [
            ParsedEntry(
                "g1",
                "https://example.org/1",
                "Saved [bold]story[/]",
                published=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
            ),
            ParsedEntry("g2", "https://example.org/2", "Not saved"),
            ParsedEntry("g3", "https://example.org/3", "Short one"),
            ParsedEntry("g4", "https://example.org/4", "Polish one"),
        ],
    )
    short = next(a.id for a in store.headlines(View("all")) if a.title == "Short one")
    polish = next(a.id for a in store.headlines(View("all")) if a.title == "Polish one")
    store.set_favourite(aid, True)
    store.set_favourite(short, True)
    store.set_favourite(polish, True)
    from reader.models import Summary

    store.put_summary(
        aid, 0, "default", "3", Summary(("First point.", "Second point."), "default", 7)
    )
    whole = Summary(("Only this.", "And this."), "default", 2)  # a 2-sentence story, whole
    store.put_summary(short, 0, "default", "3", whole)
    # the opening shown when a summary failed (cached by an older version): not a summary
    stand_in = Summary(
        ("Pierwsze zdanie.",), "newsrank", 9, "The newsrank method failed on this story."
    )
    store.put_summary(polish, 0, "newsrank", "3", stand_in)
    store.close()
    md = run("favourites", *cfg, env={"TZ": "UTC"})
    assert md.returncode == 0
    assert "## Saved [bold]story[/]" in md.stdout and "Not saved" not in md.stdout
    assert "Source: Example" in md.stdout
    # each summary sentence is its own item once rendered, not one run-on paragraph
    from markdown_it import MarkdownIt

    html = MarkdownIt().render(md.stdout)
    assert "<li>First point.</li>\n<li>Second point.</li>" in html
    # the time it was saved, to the minute, with its zone; and when it was published
    assert re.search(r"^- Saved: \d{4}-\d\d-\d\d \d\d:\d\d UTC$", md.stdout, re.M), md.stdout
    assert "- Published: 2026-03-02 09:30 UTC" in md.stdout
    assert "Only this." not in md.stdout  # the whole of a short story is no summary
    data = json.loads(run("favourites", "--format", "json", *cfg).stdout)
    saved = next(d for d in data if d["title"] == "Saved [bold]story[/]")
    assert {d["title"] for d in data} == {"Saved [bold]story[/]", "Short one", "Polish one"}
    assert next(d for d in data if d["title"] == "Short one")["summary"] is None
    assert next(d for d in data if d["title"] == "Polish one")["summary"] is None
    assert "Pierwsze zdanie" not in md.stdout
    data = [saved]
    assert data[0]["summary"] == ["First point.", "Second point."]
    assert data[0]["url"] == "https://example.org/1" and data[0]["saved"]


def test_newer_database_is_refused_without_traceback(tmp_path: Path, cfg: list[str]) -> None:
    import sqlite3

    db = sqlite3.connect(tmp_path / "news.db")
    db.execute("PRAGMA user_version = 999")
    db.close()
    result = run("stats", *cfg)
    assert result.returncode == 1
    assert "newer newsreader" in result.stderr and "Traceback" not in result.stderr


def test_commands_that_only_read_leave_the_databases_feeds_as_they_are(tmp_path: Path) -> None:
    db = tmp_path / "kept.db"
    store = open_store(db)
    mine = "http://127.0.0.1:9/feed.xml"  # (nothing listens on port 9: no outside network)
    store.sync_config_feeds([FeedConfig(mine, "Mine")])
    store.close()
    own = ["--db", str(db), "--config", str(tmp_path / "mine.toml")]
    (tmp_path / "mine.toml").write_text(f"[[feeds]]\nurl = '{mine}'\n")
    other = tmp_path / "other.toml"  # another config, listing none of this database's feeds
    other.write_text("[[feeds]]\nurl = 'https://other.example/feed.xml'\n")
    for command in (["stats"], ["favourites"], ["export-opml"]):
        assert run(*command, "--db", str(db), "--config", str(other)).returncode == 0
    # no config file at all: the built-in starter feeds are for a database with no feeds yet
    assert run("stats", "--db", str(db)).returncode == 0
    assert run("refresh", "--db", str(db), "--force").returncode == 1  # its one feed failed
    store = open_store(db)
    listed = [(f.url, f.active) for f in store.feeds(include_inactive=True)]
    store.close()
    assert listed == [(mine, True)]
    feeds = json.loads(run("feeds", "--json", *own).stdout)
    assert [(f["url"], f["from"]) for f in feeds] == [(mine, "config")]


def test_a_broken_config_leaves_the_stored_feeds_as_they_were(tmp_path: Path) -> None:
    from reader.cli import _store
    from reader.config import load_config

    db = tmp_path / "x.db"
    open_store(db).close()  # (a command that only reads makes no database at a --db path)
    path = tmp_path / "config.toml"
    both = "".join(f"[[feeds]]\nurl = 'https://{n}.example/feed.xml'\n" for n in ("a", "b"))
    only_a = "[[feeds]]\nurl = 'https://a.example/feed.xml'\n"

    def active() -> dict[str, bool]:
        store = _store(config, sync=True)  # (as `feeds` does)
        try:
            return {f.url: f.active for f in store.feeds(include_inactive=True)}
        finally:
            store.close()

    path.write_text(both)
    config = load_config(path, db)
    assert active() == {"https://a.example/feed.xml": True, "https://b.example/feed.xml": True}
    # feed b's entry gone in an edit that also broke the feed list (a bad entry, a "[[feed]]"
    # typo, a bad storage path) or the whole file: the reader does not act on it
    for broken in (
        "[[feeds]]\nurl = 3\n",
        "[[feed]]\nurl = 'https://b.example/feed.xml'\n",
        "[storage]\npath = 3\n",
        "[refresh\n",
    ):
        path.write_text(only_a + broken)
        config = load_config(path, db, lenient=True)
        assert config.problems and not config.feeds_sure
        assert active() == {"https://a.example/feed.xml": True, "https://b.example/feed.xml": True}
    # a bad value elsewhere says nothing against the feed list: it counts
    path.write_text("[refresh]\nconcurrency = 'many'\n[summary]\nalgorithm = 'magic'\n" + only_a)
    config = load_config(path, db, lenient=True)
    assert len(config.problems) == 2 and config.feeds_sure
    assert active() == {"https://a.example/feed.xml": True, "https://b.example/feed.xml": False}


def test_summarize_help_lists_the_methods_and_explains_each_option() -> None:
    from reader.summarize import ALGORITHMS

    result = run("summarize", "--help", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "one of: " + ", ".join(ALGORITHMS) in result.stdout
    for option, words in (("--sentences", "sentences in the summary"), ("--json", "as JSON")):
        line = next(ln for ln in result.stdout.splitlines() if ln.strip().startswith(option))
        assert words in line, line
    # the choices come from reader.summarize, loaded only when used: not by every command
    code = "import sys, reader.cli; reader.cli.build_parser(); print('reader.summarize' in sys.modules)"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "False"


def test_summarize_takes_method_names_in_any_spelling_and_refuses_others(
    tmp_path: Path, cfg: list[str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "The council approved the bridge on Tuesday. It will cost 40 million euros. "
        "Work starts next spring. The mayor called it a historic day.\n"
    )
    for given, used in (("LexRank", "lexrank"), ("kl-sum", "kl"), ("default", "newsrank")):
        result = run("summarize", str(story), "--algorithm", given, "--json", *cfg)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["algorithm"] == used
    unknown = run("summarize", str(story), "--algorithm", "foo", *cfg)
    assert unknown.returncode == 2 and "invalid choice: 'foo'" in unknown.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--algorithm", "Foo"), "invalid choice: 'Foo' (choose from 'newsrank', 'lexrank'"),
        (("--sentences", "0"), "--sentences: must be at least 1"),
        (("--sentences", "two"), "'two' is not a whole number"),
    ],
)
def test_summarize_refuses_bad_options_with_usage_errors(
    tmp_path: Path, cfg: list[str], args: tuple[str, ...], needle: str
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A sentence about the council. Another one about the bridge.\n")
    result = run("summarize", str(story), *args, *cfg)
    assert result.returncode == 2, result.stdout
    assert needle in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_every_argument_of_every_command_says_what_it_is_for() -> None:
    import argparse

    from reader.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [
        f"{name} {action.dest}"
        for name, sub in commands.choices.items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction) and not (action.help or "").strip()
    ]
    assert missing == []
    add_help = run("add", "--help").stdout
    assert "the category the feed is listed under" in " ".join(add_help.split())


NEWSBOAT_URLS = """# my feeds
https://lwn.example/headlines/rss "Linux" "~LWN"
https://news.example/rss.xml news world
"query:Unread:unread = \\"yes\\""
"""


def test_a_newsboat_urls_file_is_imported_with_its_tags_and_titles(
    tmp_path: Path, cfg: list[str]
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(NEWSBOAT_URLS)
    first = run("import-urls", str(urls), *cfg)
    assert first.returncode == 0, first.stderr
    assert "Imported 2 new feeds" in first.stdout and "`newsreader refresh`" in first.stdout
    assert "Left out 1 line" in first.stdout and "query:Unread" in first.stdout
    feeds = {f["url"]: f for f in json.loads(run("feeds", "--json", *cfg).stdout)}
    assert feeds["https://lwn.example/headlines/rss"]["title"] == "LWN"
    assert feeds["https://lwn.example/headlines/rss"]["category"] == "Linux"
    assert feeds["https://news.example/rss.xml"]["category"] == "news"
    again = run("import-urls", str(urls), *cfg)
    assert "Imported 0 new feeds (2 already present)." in again.stdout
    assert "refresh" not in again.stdout


def test_import_urls_without_a_file_reads_newsboats_own(tmp_path: Path, cfg: list[str]) -> None:
    missing = run("import-urls", *cfg)
    assert missing.returncode == 1 and "name the file" in missing.stderr
    own = Path(os.environ["XDG_CONFIG_HOME"]) / "newsboat" / "urls"
    own.parent.mkdir(parents=True)
    own.write_text(NEWSBOAT_URLS)
    result = run("import-urls", *cfg)
    assert result.returncode == 0, result.stderr
    assert "Imported 2 new feeds" in result.stdout


def test_a_urls_file_given_to_import_opml_points_to_import_urls(
    tmp_path: Path, cfg: list[str]
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(NEWSBOAT_URLS)
    result = run("import-opml", str(urls), *cfg)
    assert result.returncode == 1 and "import-urls" in result.stderr


def test_an_import_without_a_config_file_says_how_to_drop_the_starter_feeds(
    tmp_path: Path,
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(NEWSBOAT_URLS)
    result = run("import-urls", str(urls))
    assert result.returncode == 0, result.stderr
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml"
    assert "starter feeds" in result.stdout and str(config) in result.stdout
    assert "starter feeds" not in run("import-urls", str(urls)).stdout  # (nothing new: once)
    config.parent.mkdir(parents=True)
    config.write_text("")  # as the note says: an empty file, and only the imported feeds are left
    feeds = json.loads(run("feeds", "--json").stdout)
    assert sorted(f["url"] for f in feeds) == [
        "https://lwn.example/headlines/rss",
        "https://news.example/rss.xml",
    ]
    again = run("import-urls", str(urls))
    assert "starter feeds" not in again.stdout


def test_favourites_survive_a_move_to_a_fresh_machine(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    store = open_store(old / "news.db")
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example", "World")])
    fid = store.feeds()[0].id
    (kept, *_), _ = store.upsert_entries(
        fid,
        [
            ParsedEntry(
                "g1",
                "https://example.org/1",
                "Harbour plan [bold]approved[/]",
                author="Jane Roe",
                published=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
                summary_text="The council approved the harbour plan on Monday.",
            ),
            ParsedEntry("g2", "https://example.org/2", "Not saved"),
        ],
    )
    store.set_favourite(kept, True, saved_at=datetime(2026, 3, 3, 8, 0, tzinfo=UTC))
    store.save_page_story(
        None,
        Story("A page opened directly", "The Ledger", "2026-03-01", None, "Its whole text."),
        saved_at=datetime(2026, 3, 4, 8, 0, tzinfo=UTC),
    )
    store.close()
    (tmp_path / "empty.toml").write_text("")
    old_cfg = ["--db", str(old / "news.db"), "--config", str(tmp_path / "empty.toml")]
    exported = run("favourites", "--format", "json", *old_cfg)
    assert exported.returncode == 0
    backup = tmp_path / "favourites.json"
    backup.write_text(exported.stdout)

    new_cfg = ["--db", str(tmp_path / "new.db"), "--config", str(tmp_path / "empty.toml")]
    result = run("import-favourites", str(backup), *new_cfg)
    assert result.returncode == 0 and "Restored 2 favourites (0 saved already)" in result.stdout
    again = run("import-favourites", str(backup), *new_cfg)  # twice: nothing doubled
    assert "Restored 0 favourites (2 saved already)" in again.stdout
    restored = json.loads(run("favourites", "--format", "json", *new_cfg).stdout)
    before = json.loads(exported.stdout)
    keys = ("title", "source", "url", "saved", "author", "text")
    assert [{k: d[k] for k in keys} for d in restored] == [{k: d[k] for k in keys} for d in before]
    assert restored[1]["published"] == before[1]["published"]


def test_restored_favourites_keep_their_text_and_summary_where_the_feed_is_already_there(
    tmp_path: Path,
) -> None:
    from reader.models import Summary

    feed = FeedConfig("https://example.org/feed.xml", "Example", "World")
    long_text = (
        "The council approved the harbour plan on Monday after a long debate. " * 20
    ).strip()
    old = open_store(tmp_path / "old.db")
    old.sync_config_feeds([feed])
    (kept, linked), _ = old.upsert_entries(
        old.feeds()[0].id,
        [
            ParsedEntry("g1", "https://example.org/1", "Harbour plan approved", summary_text="x"),
            ParsedEntry("g2", "https://example.org/2", "Mayor backs the plan"),
        ],
    )
    old.db.execute("UPDATE articles SET body_text = ? WHERE id = ?", (long_text, kept))
    old.db.commit()
    summary = Summary(("The council approved the harbour plan on Monday.",), "newsrank", 20)
    old.put_summary(kept, 0, "newsrank", "3", summary)
    old.set_favourite(kept, True)
    old.set_favourite(linked, True)
    old.close()
    (tmp_path / "c.toml").write_text(
        f"[[feeds]]\nurl = '{feed.url}'\ntitle = 'Example'\ncategory = 'World'\n"
    )
    exported = run("favourites", "--format", "json", "--db", str(tmp_path / "old.db"),
                   "--config", str(tmp_path / "c.toml"))  # fmt: skip
    backup = tmp_path / "favourites.json"
    backup.write_text(exported.stdout)
    # the new machine has the feed already: its entries, with the feed's blurb only, and one
    # other item under the second story's link (a link blog's entry)
    new = open_store(tmp_path / "new.db")
    new.sync_config_feeds([feed])
    new.upsert_entries(
        new.feeds()[0].id,
        [
            ParsedEntry("g1", "https://example.org/1", "Harbour plan approved", summary_text="x"),
            ParsedEntry("other", "https://example.org/2", "Links of the day"),
        ],
    )
    new.close()
    new_cfg = ["--db", str(tmp_path / "new.db"), "--config", str(tmp_path / "c.toml")]
    result = run("import-favourites", str(backup), *new_cfg)
    assert result.returncode == 0 and "Restored 2 favourites" in result.stdout
    restored = json.loads(run("favourites", "--format", "json", *new_cfg).stdout)
    before = json.loads(exported.stdout)
    keys = ("title", "url", "text", "summary", "summary_method", "summary_of")
    assert sorted(json.dumps([d[k] for k in keys]) for d in restored) == sorted(
        json.dumps([d[k] for k in keys]) for d in before
    )
    (harbour,) = [d for d in restored if d["title"] == "Harbour plan approved"]
    assert harbour["summary"] and harbour["text"] == long_text  # not the blurb the feed gives
    store = open_store(tmp_path / "new.db")  # the link blog's item is not made a favourite
    (links,) = [a for a in store.headlines(View("all")) if a.title == "Links of the day"]
    assert not links.is_favourite
    store.close()


def test_import_favourites_refuses_what_is_not_an_export(tmp_path: Path, cfg: list[str]) -> None:
    for name, body in (
        ("x.json", "{not json"),
        ("y.json", '{"title": "one"}'),
        ("deep.json", "[" * 100_000 + "]" * 100_000),  # (json's recursion gave up)
    ):
        bad = tmp_path / name
        bad.write_text(body)
        result = run("import-favourites", str(bad), *cfg)
        assert result.returncode == 1 and "Nothing imported" in result.stderr, name
        assert "favourites --format json" in result.stderr and "Traceback" not in result.stderr
    empty = tmp_path / "empty.json"
    empty.write_text("[]")
    result = run("import-favourites", str(empty), *cfg)
    assert result.returncode == 0 and "lists no saved stories" in result.stdout
    odd = tmp_path / "odd.json"
    odd.write_text(
        json.dumps(
            [{"url": "https://example.org/9"}, 7, {"title": "Kept", "url": "javascript:alert(1)"}]
        )
    )
    result = run("import-favourites", str(odd), *cfg)
    assert result.returncode == 0 and "Restored 1 favourite" in result.stdout
    assert "item 1: it has no title" in result.stdout and "item 2: it has no title" in result.stdout
    data = json.loads(run("favourites", "--format", "json", *cfg).stdout)
    assert [(d["title"], d["url"]) for d in data] == [("Kept", None)]


@pytest.mark.parametrize("command", [[], ["read"], ["open", "https://example.org/"]])
def test_the_reader_without_a_terminal_says_so_instead_of_hanging(
    tmp_path: Path, cfg: list[str], command: list[str]
) -> None:
    result = run(*command, *cfg, timeout=30)  # (no terminal: pipes, as cron gives)
    assert result.returncode == 1
    assert "needs a terminal" in result.stderr and "Traceback" not in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr  # no screen was drawn
    assert not (tmp_path / "news.db").exists()  # nothing was opened


def test_a_full_disk_under_the_output_is_said_in_words(tmp_path: Path, cfg: list[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    open_store(tmp_path / "news.db").close()
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reader.cli", "export-opml", *cfg],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert "the disk is full" in result.stderr and "unexpected" not in result.stderr


def test_export_opml_to_a_file_is_all_or_nothing(tmp_path: Path, cfg: list[str]) -> None:
    import resource

    store = open_store(tmp_path / "news.db")
    store.sync_config_feeds(
        [FeedConfig(f"https://example.org/{n}/feed.xml", f"Feed {n}", "News") for n in range(40)]
    )
    store.close()
    backup = tmp_path / "backup.opml"
    backup.write_text("<opml>the last good backup</opml>")

    def small_files() -> None:  # (a disk that fills up half way through the write)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    result = subprocess.run(
        [sys.executable, "-m", "reader.cli", "export-opml", str(backup), *cfg],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=small_files,
    )
    assert result.returncode == 1 and "Cannot write" in result.stderr
    assert backup.read_text() == "<opml>the last good backup</opml>"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_page_named_by_a_name_too_long_fails_saying_why(tmp_path: Path, cfg: list[str]) -> None:
    for command in ("extract", "summarize", "open"):
        result = run(command, "a" * 5000, *cfg)
        assert result.returncode == 1, (command, result.stdout)
        assert result.stderr.rstrip().endswith("File name too long"), result.stderr[-200:]
        assert "unexpected" not in result.stderr


def test_extract_and_summarize_of_what_is_no_page_fail_saying_why(
    tmp_path: Path, cfg: list[str]
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + b"\x00\x01binary" * 200)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for target in (pdf, empty):
        for command in ("extract", "summarize"):
            result = run(command, str(target), *cfg)
            assert result.returncode == 1, (command, target, result.stdout)
            assert "Traceback" not in result.stderr
        said = run("summarize", str(target), *cfg).stderr
        assert said.startswith("newsreader: Nothing to summarise:"), said
    assert "PDF" in run("summarize", str(pdf), *cfg).stderr  # the reason, as extract gives it


def test_refresh_with_no_feeds_says_how_to_subscribe(tmp_path: Path) -> None:
    (tmp_path / "none.toml").write_text("")  # a config file that lists no feeds
    result = run("refresh", "--force", "--config", str(tmp_path / "none.toml"),
                 "--db", str(tmp_path / "news.db"))  # fmt: skip
    assert result.returncode == 0
    assert "no feeds to refresh" in result.stdout and "newsreader add URL" in result.stdout
    assert "use --force" not in result.stdout


def test_a_built_in_starter_feed_can_be_unsubscribed_from_and_stays_so(tmp_path: Path) -> None:
    """With no config file, the starter feeds go only into a database with no feeds: one
    unsubscribed from does not come back at the next command (no file to edit, none needed)."""
    from reader.config import DEFAULT_FEEDS

    open_store(tmp_path / "news.db").close()  # (as the reader's first start makes it)
    db = ["--db", str(tmp_path / "news.db")]
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "newsreader" / "config.toml").exists()
    first = json.loads(run("feeds", "--json", *db).stdout)
    assert len(first) == len(DEFAULT_FEEDS)
    gone = first[0]
    removed = run("remove", gone["url"], *db)
    assert removed.returncode == 0, removed.stderr
    assert "Unsubscribed from" in removed.stdout
    for _ in range(2):  # and at the next start too
        left = [f["url"] for f in json.loads(run("feeds", "--json", *db).stdout)]
        assert gone["url"] not in left and len(left) == len(DEFAULT_FEEDS) - 1


def test_example_config_prints_the_documented_defaults_and_writes_a_new_file(
    tmp_path: Path,
) -> None:
    shipped = (Path(__file__).parent.parent / "config.example.toml").read_text(encoding="utf-8")
    printed = run("example-config")
    assert printed.returncode == 0 and printed.stdout == shipped
    assert run("example-config", "-", env={"PWD": str(tmp_path)}).stdout == shipped
    target = tmp_path / "new" / "config.toml"
    wrote = run("example-config", str(target))
    assert wrote.returncode == 0 and f"Wrote {target}" in wrote.stdout
    assert target.read_text(encoding="utf-8") == shipped
    # a config without problems: no config error (2), only no database there yet (1)
    assert run("stats", "--config", str(target), "--db", str(tmp_path / "x.db")).returncode == 1
    target.write_text("# mine\n")
    again = run("example-config", str(target))  # never over the user's own
    assert again.returncode == 1 and "exists already; it was left as it is" in again.stderr
    assert target.read_text() == "# mine\n"
    broken = tmp_path / "broken.toml"
    broken.write_text("[refresh\n")  # it needs no config: the way out of a broken one
    fine = run("example-config", env={"NEWSREADER_CONFIG": str(broken)})
    assert fine.returncode == 0 and fine.stdout == shipped
