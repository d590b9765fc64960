"""The command line: how `extract` names an untitled story, and what read-only commands do
with a database that is not there."""

from __future__ import annotations

import json
from pathlib import Path

from reader.textutil import story_name
from tests.processes import newsreader as run

UNTITLED_TEXT = (
    "The council voted on Tuesday to close the old bridge for repairs that will last most of "
    "the coming year, officials said in a statement.",
    "Drivers will be sent around by the ring road while the work goes on, and buses will "
    "change their routes for the months of the closure.",
)


def test_extract_names_an_untitled_story_by_its_opening_words(tmp_path: Path) -> None:
    page = tmp_path / "untitled.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in UNTITLED_TEXT)
    page.write_text(f"<html><body><article>{paragraphs}</article></body></html>")

    data = json.loads(run("extract", "--json", str(page), "--db", str(tmp_path / "n.db")).stdout)
    assert data["main"]["title"] is None  # JSON says what is known: no title
    text = data["main"]["text"]
    assert text.startswith(UNTITLED_TEXT[0][:40])

    shown = run("extract", str(page), "--db", str(tmp_path / "n.db"))
    assert shown.returncode == 0, shown.stderr
    heading = shown.stdout.splitlines()[0]
    assert heading == f"=== Main story: {story_name('', text)}"  # the reader's name for it
    assert "(untitled)" not in heading
    assert UNTITLED_TEXT[0].split(",")[0][:30] in heading


def test_a_command_that_only_reads_makes_no_database_or_folder(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\nconcurrency = 2\n")
    missing = tmp_path / "some" / "new" / "dir" / "x.db"
    for command in ("stats", "favourites"):  # (feeds, export-opml: test_cli_no_db_lists.py)
        result = run(command, "--config", str(config), "--db", str(missing))
        assert result.returncode == 1, (command, result.stdout)
        assert f"There is no newsreader database at {missing} yet" in result.stderr
        assert not (tmp_path / "some").exists(), command
    made = run("refresh", "--config", str(config), "--db", str(missing))  # a command that writes
    assert made.returncode == 0, made.stderr
    assert missing.exists()


def test_a_related_story_given_only_as_a_link_says_how_to_read_it(tmp_path: Path) -> None:
    page = Path(__file__).parent / "fixtures" / "extract" / "teaser_list.html"
    data = json.loads(run("extract", "--json", str(page), "--db", str(tmp_path / "n.db")).stdout)
    links = [s for s in data["related"] if not s["text"] and s["url"]]
    assert links  # the page lists other stories by their links alone
    shown = run("extract", str(page), "--db", str(tmp_path / "n.db")).stdout
    for story in links:
        assert f"(only a link on this page: `newsreader extract {story['url']}` reads it)" in shown


def test_a_command_that_only_reads_makes_no_database_at_the_default_path_either() -> None:
    from reader.config import Config

    default = Config().db_path  # (under this test's own XDG_DATA_HOME)
    assert not default.exists()
    for command in ("stats", "favourites"):  # (feeds, export-opml: test_cli_no_db_lists.py)
        result = run(command)
        assert result.returncode == 1, (command, result.stdout)
        assert f"There is no newsreader database at {default} yet" in result.stderr
        assert not default.exists() and not default.parent.exists(), command
