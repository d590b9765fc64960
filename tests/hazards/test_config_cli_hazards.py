"""Config and CLI hazards: every broken input gives one clear line and exit code 2, no traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.processes import newsreader


def assert_clean_failure(
    result: subprocess.CompletedProcess[str], *needles: str, code: int = 2
) -> None:
    assert result.returncode == code, result.stderr
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for needle in needles:
        assert needle in result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "news.db")


def write(tmp_path: Path, text: str | bytes) -> str:
    path = tmp_path / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return str(path)


def test_malformed_toml(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, "[reader]\ntheme = \n")
    assert_clean_failure(newsreader("stats", "--config", cfg, "--db", db), cfg, "line 2")


def test_unknown_key(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, "[summary]\nsentences = 3\nalgorythm = 'lexrank'\n")
    assert_clean_failure(
        newsreader("stats", "--config", cfg, "--db", db), "summary.algorythm", "line 3"
    )


def test_every_problem_in_the_file_is_listed(tmp_path: Path, db: str) -> None:
    cfg = write(
        tmp_path,
        "[refresh]\ninterval_minuts = 5\n\n[reader]\nthem = 'dark'\n\n"
        "[[feeds]]\nurl = 'ftp://example.org/feed'\ntitel = 'Example'\n",
    )
    result = newsreader("stats", "--config", cfg, "--db", db)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"newsreader: config error: {cfg}: 4 problems:"
    assert [line.split(":")[0:2] for line in lines[1:]] == [
        ["  line 2", " refresh.interval_minuts"],
        ["  line 5", " reader.them"],
        ["  line 8", " feeds[1].url"],
        ["  line 9", " feeds[1].titel"],
    ]


def test_wrong_type(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, "[storage]\nretention_days = 'forever'\n")
    assert_clean_failure(newsreader("stats", "--config", cfg, "--db", db), "storage.retention_days")


def test_feed_url_with_bad_scheme(tmp_path: Path, db: str) -> None:
    cfg = write(
        tmp_path, "[[feeds]]\nurl = 'file:///etc/passwd'\n[[feeds]]\nurl = 'javascript:alert(1)'\n"
    )
    assert_clean_failure(
        newsreader("stats", "--config", cfg, "--db", db), "feeds[2].url", "javascript"
    )


def test_feed_url_starting_with_dash(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, "[[feeds]]\nurl = '-oProxyCommand=evil'\n")
    assert_clean_failure(newsreader("stats", "--config", cfg, "--db", db), "feeds[1].url")


def test_config_path_is_a_directory(tmp_path: Path, db: str) -> None:
    assert_clean_failure(
        newsreader("stats", "--config", str(tmp_path), "--db", db), "is a directory"
    )


def test_unreadable_config_file(tmp_path: Path, db: str) -> None:
    # /proc/self/mem exists but cannot be read with read(): an unreadable file even for root.
    if not Path("/proc/self/mem").exists():
        pytest.skip("no /proc on this system")
    assert_clean_failure(
        newsreader("stats", "--config", "/proc/self/mem", "--db", db), "cannot be read"
    )


def test_config_that_is_not_utf8(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, b"[reader]\ntheme = '\xc3\x28'\n")
    assert_clean_failure(newsreader("stats", "--config", cfg, "--db", db), "not UTF-8")


def test_missing_explicit_config(tmp_path: Path, db: str) -> None:
    assert_clean_failure(
        newsreader("stats", "--config", str(tmp_path / "nope.toml"), "--db", db),
        "no such config file",
    )


def test_env_var_pointing_at_broken_config(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = write(tmp_path, "[refresh]\nper_host = -1\n")
    monkeypatch.setenv("NEWSREADER_CONFIG", cfg)
    assert_clean_failure(newsreader("stats", "--db", db), "refresh.per_host", "greater than 0")


def test_database_path_is_a_directory(tmp_path: Path) -> None:
    cfg = write(tmp_path, "")
    assert_clean_failure(
        newsreader("stats", "--config", cfg, "--db", str(tmp_path)), "is a folder", code=1
    )


def test_opml_with_billion_laughs_imports_nothing(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, "")
    bomb = tmp_path / "bomb.opml"
    lol = "&lol;" * 10
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE o [<!ENTITY lol "lololololol">'
        + "".join(
            f'<!ENTITY l{i} "{lol.replace("lol", f"l{i - 1}" if i else "lol")}">'
            for i in range(1, 9)
        )
        + ']><opml version="2.0"><body><outline text="&l8;" xmlUrl="https://x.org/f"/></body></opml>'
    )
    result = newsreader("import-opml", str(bomb), "--config", cfg, "--db", db)
    assert_clean_failure(result, "Nothing imported", code=1)


def test_opml_with_invalid_feed_urls_skips_them(tmp_path: Path, db: str) -> None:
    cfg = write(tmp_path, "")
    opml = tmp_path / "x.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline xmlUrl="javascript:alert(1)"/><outline xmlUrl="-x"/><outline xmlUrl="data:text/xml,x"/>'
        '<outline xmlUrl="https://good.example/feed" text="Good"/></body></opml>'
    )
    result = newsreader("import-opml", str(opml), "--config", cfg, "--db", db)
    assert result.returncode == 0 and "Imported 1 new feed " in result.stdout
