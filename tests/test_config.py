from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

import pytest

from reader.config import (
    DEFAULT_FEEDS,
    Config,
    ConfigError,
    FeedConfig,
    feed_address,
    load_config,
    parse_config,
)

REPO = Path(__file__).resolve().parent.parent


def test_no_config_file_uses_builtin_defaults_and_starter_feeds() -> None:
    config = load_config()
    assert config.source is None
    assert config.feeds == DEFAULT_FEEDS
    assert 10 <= len(config.feeds) <= 15
    assert {f.category for f in config.feeds} >= {"World", "Technology", "Science", "Business"}
    assert all(f.url.startswith("https://") for f in config.feeds)
    assert config.db_path.name == "newsreader.db"
    assert "newsreader" in str(config.db_path.parent)


def test_example_config_equals_builtin_defaults() -> None:
    text = (REPO / "config.example.toml").read_text(encoding="utf-8")
    assert parse_config(text) == Config(feeds=DEFAULT_FEEDS)


def test_example_config_documents_every_key() -> None:
    text = (REPO / "config.example.toml").read_text(encoding="utf-8")
    for section in ("refresh", "summary", "reader", "related", "storage"):
        cls = type(getattr(Config(), section))
        for f in dataclasses.fields(cls):
            assert f"{f.name} =" in text or f"[{section}.{f.name}]" in text, f"{section}.{f.name}"


def test_existing_file_without_feeds_means_no_feeds(config_file) -> None:
    config = load_config(config_file("[reader]\ntheme = 'nord'\n"))
    assert config.feeds == ()
    assert config.reader.theme == "nord"


def test_feeds_array_of_tables(config_file) -> None:
    path = config_file(
        '[[feeds]]\nurl = "https://example.org/feed.xml"\ntitle = "Ex"\ncategory = "Tech"\n'
        'full_article = true\n\n[[feeds]]\nurl = "/tmp/local.xml"\n'
    )
    config = load_config(path)
    assert config.feeds == (
        FeedConfig("https://example.org/feed.xml", "Ex", "Tech", True),
        FeedConfig("/tmp/local.xml"),
    )


def test_env_var_and_db_override(
    config_file, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = config_file('[storage]\npath = "/somewhere/else.db"\n')
    monkeypatch.setenv("NEWSREADER_CONFIG", str(path))
    assert load_config().db_path == Path("/somewhere/else.db")
    assert load_config(db=tmp_path / "x.db").db_path == tmp_path / "x.db"


def test_int_accepted_where_float_expected(config_file) -> None:
    assert (
        load_config(config_file("[refresh]\ntimeout_seconds = 5\n")).refresh.timeout_seconds == 5.0
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[refresh\nconcurrency = 3\n", ["TOML syntax error", "line 1"]),
        ("[refresh]\nconcurency = 3\n", ["refresh.concurency", "unknown key", "line 2"]),
        ("colour = 'red'\n", ["colour", "unknown key", "line 1"]),
        ("[refresh]\nconcurrency = 'many'\n", ["refresh.concurrency", "whole number", "line 2"]),
        ("[reader]\nmark_read_on_open = 1\n", ["reader.mark_read_on_open", "true or false"]),
        ("[reader]\nshow_read = 'no'\n", ["reader.show_read", "true or false", "line 2"]),
        ("[refresh]\nconcurrency = true\n", ["refresh.concurrency", "whole number"]),
        ("[refresh]\nconcurrency = 0\n", ["refresh.concurrency", "greater than 0"]),
        ("[summary]\nratio = 1.5\n", ["summary.ratio", "between 0 and 1"]),
        ("[reader]\nkeymap = 'emacs'\n", ["reader.keymap"]),
        ("refresh = 3\n", ["refresh", "must be a table"]),
        ("[[feeds]]\ntitle = 'x'\n", ["feeds[1]", "url"]),
        ("[[feeds]]\nurl = 'javascript:alert(1)'\n", ["feeds[1].url", "unsupported scheme"]),
        ("[[feeds]]\nurl = 'ftp://x.org/f'\n", ["feeds[1].url", "unsupported scheme 'ftp:'"]),
        ("[[feeds]]\nurl = 'https://'\n", ["feeds[1].url", "no host"]),
        ("[[feeds]]\nurl = 'not a url'\n", ["feeds[1].url", "not a valid URL"]),
        ("[[feeds]]\nurl = 'https://x.org/f'\ncolour = 1\n", ["feeds[1].colour", "unknown key"]),
        ("[reader.keys]\nfavourite = 3\n", ["reader.keys.favourite"]),
    ],
)
def test_broken_config_names_file_key_and_line(config_file, text: str, expected: list[str]) -> None:
    path = config_file(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert str(path) in message
    for part in expected:
        assert part in message


def test_config_path_that_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_config(tmp_path)


def test_explicit_missing_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml")


def test_non_utf8_config(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(b"[reader]\ntheme = '\xff'\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_the_reader_reads_what_it_can_and_names_each_part_it_cannot(config_file) -> None:
    path = config_file(
        "[refresh]\nconcurrency = 'x'\ntimeout_seconds = 5\n"
        "[summary]\nsentences = 0\nratio = 0.2\n"
        "[[feeds]]\nurl = 'gopher://x.org/f'\n"
        "[[feeds]]\nurl = 'https://good.example/feed.xml'\ncategory = 'News'\n"
        "[bogus]\nkey = 1\n"
    )
    with pytest.raises(ConfigError, match="bogus"):
        load_config(path)  # the other commands stop at the first problem
    config = load_config(path, lenient=True)
    builtin = Config()
    assert config.refresh.concurrency == builtin.refresh.concurrency
    assert config.refresh.timeout_seconds == 5.0  # the good values next to bad ones stay
    assert (config.summary.sentences, config.summary.ratio) == (builtin.summary.sentences, 0.2)
    assert config.feeds == (FeedConfig("https://good.example/feed.xml", category="News"),)
    assert len(config.problems) == 4
    assert all(str(path) in problem for problem in config.problems)
    for part in ("refresh.concurrency", "summary.sentences", "feeds[1].url", "bogus"):
        assert any(part in problem for problem in config.problems), part
    assert load_config(config_file("[reader]\ntheme = 'nord'\n"), lenient=True).problems == ()


def test_an_unreadable_config_gives_the_reader_builtin_settings_and_no_feeds(
    config_file, tmp_path: Path
) -> None:
    for path, why in (
        (config_file("[refresh\n"), "TOML syntax error"),
        (tmp_path / "missing.toml", "no such config file"),
        (tmp_path, "is a directory"),
    ):
        config = load_config(path, db=tmp_path / "given.db", lenient=True)
        assert config.feeds == ()  # not the starter feeds: the store's feeds stay as they are
        assert not config.feeds_sure  # so the store's feeds are left alone
        built_in = dataclasses.replace(
            config, problems=(), storage=Config().storage, source=None, feeds_sure=True
        )
        assert built_in == Config()
        assert config.db_path == tmp_path / "given.db"  # what the command line says still holds
        assert len(config.problems) == 1 and why in config.problems[0]


def test_a_config_with_a_syntax_error_still_names_the_database(config_file, tmp_path: Path) -> None:
    """Another database than the one the file names would look as if every favourite were gone."""
    text = '[storage]\npath = "/data/news/mine.db"  # mine\n\n[refresh\nconcurrency = 4\n'
    config = load_config(config_file(text), lenient=True)
    assert config.problems and "TOML syntax error" in config.problems[0]
    assert config.db_path == Path("/data/news/mine.db")
    # no [storage] path in it: the built-in place, as before
    assert load_config(config_file("[refresh\n"), lenient=True).db_path == Config().db_path


def test_a_storage_path_expands_variables_and_is_taken_from_the_configs_folder(
    config_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_HOME", str(tmp_path / "home"))
    monkeypatch.chdir("/")
    relative = load_config(config_file('[storage]\npath = "data/news.db"\n'))
    assert relative.source is not None
    assert relative.db_path == relative.source.parent / "data" / "news.db"
    variable = load_config(config_file('[storage]\npath = "$NEWS_HOME/news.db"\n'))
    assert variable.db_path == tmp_path / "home" / "news.db"
    monkeypatch.chdir(tmp_path)  # a --db given on the command line: from where it was given
    assert load_config(db="here.db").db_path == tmp_path / "here.db"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("example.com/feed", "https://example.com/feed"),
        ("news.example.co.uk:8443/rss.xml", "https://news.example.co.uk:8443/rss.xml"),
        ("127.0.0.1:8773/site.html", "http://127.0.0.1:8773/site.html"),
        ("localhost:8080/feed", "http://localhost:8080/feed"),
        ("[::1]:8080/feed", "http://[::1]:8080/feed"),
        ("  https://example.com/a  ", "https://example.com/a"),
    ],
)
def test_an_address_without_a_scheme_is_taken_as_a_browser_would(typed: str, stored: str) -> None:
    assert feed_address(typed) == (stored, None)


def test_a_local_path_is_stored_absolute_and_a_missing_file_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "site").mkdir()
    feed = tmp_path / "site" / "news.xml"
    feed.write_text("<rss/>")
    monkeypatch.chdir(tmp_path)
    for typed in ("site/news.xml", "./site/news.xml", "site/../site/news.xml", f"file://{feed}"):
        assert feed_address(typed) == (str(feed), None), typed
    for typed in ("site/missing.xml", "missing.xml", "nothing"):
        address, problem = feed_address(typed)
        assert address == typed
        assert problem == f"names no file here ({tmp_path / typed}) and is not a web address"
    assert feed_address("javascript:alert(1)")[1] == (
        "has an unsupported scheme 'javascript:' (use http, https or a local file)"
    )


def test_a_script_is_told_every_problem_at_once() -> None:
    text = "[refresh]\ninterval_minuts = 5\nconcurrency = 0\n[reader]\nthem = 'dark'\n"
    with pytest.raises(ConfigError) as caught:
        parse_config(text, Path("c.toml"))
    assert str(caught.value) == (
        "c.toml: 3 problems:\n"
        "  line 2: refresh.interval_minuts: unknown key (expected one of: concurrency, "
        "feed_deadline_seconds, fetch_full_articles, interval_minutes, max_bytes, "
        "max_entries_per_feed, per_host, timeout_seconds)\n"
        "  line 3: refresh.concurrency: must be greater than 0\n"
        "  line 5: reader.them: unknown key (expected one of: browser, collapse_groups, keymap, "
        "keys, mark_read_on_open, show_read, theme)"
    )
    # the reader's way reads the same problems, one a notice
    assert len(parse_config(text, Path("c.toml"), lenient=True).problems) == 3


def test_a_problem_in_a_later_feed_entry_names_that_entry_s_line() -> None:
    text = (
        '[[feeds]]\nurl = "https://a.org/f"\n\n'
        '[[feeds]]\ntitle = "B"\nurl = "ftp://b.org/f"\n\n'
        '[[feeds]]\ntitle = "C"\n'
    )
    with pytest.raises(ConfigError) as caught:
        parse_config(text, Path("c.toml"))
    lines = str(caught.value).splitlines()
    assert lines[1].startswith("  line 6: feeds[2].url: has an unsupported scheme 'ftp:'")
    assert lines[2] == '  line 8: feeds[3]: is missing the required key url = "https://..."'


NEWSBOAT_CONFIG = """# ~/.newsboat/config
auto-reload yes
reload-time 30
browser "w3m %u"
bind-key j down
color listfocus black yellow
"""


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        (
            NEWSBOAT_CONFIG,
            'newsboat config: newsreader\'s is TOML (`newsreader example-config` shows every key; keymap = "newsboat"',
        ),
        (
            'https://a.example/rss "news"\n"query:Unread:unread = \\"yes\\""\n',
            "newsboat urls file: `newsreader import-urls FILE`",
        ),
        ("[refresh\n", ""),
    ],
)
def test_a_newsboat_file_given_as_the_config_is_named_as_such(
    tmp_path: Path, text: str, hint: str
) -> None:
    path = tmp_path / "config"
    path.write_text(text)
    with pytest.raises(ConfigError, match="TOML syntax error") as raised:
        load_config(path)
    assert ("It looks like" in str(raised.value)) == bool(hint)
    assert hint in str(raised.value)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_number_that_is_not_finite_is_refused(config_file, value: str) -> None:
    """TOML has nan and inf: a timeout of nan failed every fetch, inf turned the deadline off."""
    with pytest.raises(ConfigError, match=r"refresh.timeout_seconds: must be a finite number"):
        load_config(config_file(f"[refresh]\ntimeout_seconds = {value}\n"))
    lenient = load_config(config_file(f"[refresh]\ntimeout_seconds = {value}\n"), lenient=True)
    assert lenient.refresh.timeout_seconds == Config().refresh.timeout_seconds


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_a_config_that_is_a_pipe_a_device_too_large_or_unnamable_is_refused_at_once(
    tmp_path: Path,
) -> None:
    """Reading a FIFO waited forever, /dev/zero filled the memory, a name too long for the
    system gave a traceback."""
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * 1_100_000 + "\n")
    cases = [
        (fifo, "is a pipe or a device, not a config file"),
        (huge, "is too large for a config file"),
        (tmp_path / ("a" * 300), "cannot be read (File name too long)"),
    ]
    if Path("/dev/zero").exists():
        cases.append((Path("/dev/zero"), "is a pipe or a device, not a config file"))
    for path, why in cases:
        with pytest.raises(ConfigError, match=re.escape(why)):
            load_config(path)
        lenient = load_config(path, lenient=True)  # the reader: built-in settings, and why
        assert len(lenient.problems) == 1 and why in lenient.problems[0]
