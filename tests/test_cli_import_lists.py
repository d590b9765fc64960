"""Importing subscriptions from what is not a list of them: a binary file is refused in words
with a failing exit, and a text file of thousands of unusable lines lists the first few of
them, not every one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.opml import OpmlError, parse_opml, parse_urls
from tests.processes import newsreader as run

# bytes as an image or an archive holds them (every byte value, NULs among them)
_BINARY = bytes(range(256)) * 12_000  # 3 MB


@pytest.fixture
def cfg(tmp_path: Path) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text('[[feeds]]\nurl = "https://example.org/feed.xml"\ntitle = "Example"\n')
    return ["--config", str(path), "--db", str(tmp_path / "news.db")]


def test_a_binary_file_is_no_list_of_addresses() -> None:
    with pytest.raises(OpmlError, match="it is a binary file, not a list of addresses"):
        parse_urls(b"GIF89a\x01\x00\x01\x00\x00\x00\x00https://a.example/rss\n")


def test_a_binary_file_is_no_opml_document() -> None:
    with pytest.raises(OpmlError, match="binary file, not an OPML document"):
        parse_opml(b"<opml><body>\x00\x00<outline xmlUrl='https://a.example/rss'/></body></opml>")


def test_a_urls_file_saved_as_utf16_is_text_and_read() -> None:
    text = "https://a.example/rss news\nhttps://b.example/atom.xml\n"
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), b"\xef\xbb\xbf" + text.encode()):
        feeds = parse_urls(data)
        assert [f.url for f in feeds] == ["https://a.example/rss", "https://b.example/atom.xml"]
        assert feeds[0].category == "news"


def test_import_urls_refuses_a_binary_file_in_words(tmp_path: Path, cfg: list[str]) -> None:
    blob = tmp_path / "photo.bin"
    blob.write_bytes(_BINARY)
    result = run("import-urls", str(blob), *cfg)
    assert result.returncode != 0
    assert "it is a binary file, not a list of addresses" in result.stderr
    assert "Nothing imported" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    feeds = json.loads(run("feeds", "--json", *cfg).stdout)
    assert [f["url"] for f in feeds] == ["https://example.org/feed.xml"]


def test_import_opml_refuses_a_binary_file_without_pointing_to_import_urls(
    tmp_path: Path, cfg: list[str]
) -> None:
    blob = tmp_path / "photo.opml"
    blob.write_bytes(_BINARY)
    result = run("import-opml", str(blob), *cfg)
    assert result.returncode != 0
    assert "it is a binary file, not an OPML document" in result.stderr
    assert "import-urls" not in result.stderr  # (a urls file is text: no use trying it)


def test_thousands_of_lines_left_out_are_counted_not_all_listed(
    tmp_path: Path, cfg: list[str]
) -> None:
    urls = tmp_path / "urls"
    lines = [f"ftp://files{n}.example/feed" for n in range(5000)]
    urls.write_text("https://a.example/rss\n" + "\n".join(lines) + "\n")
    result = run("import-urls", str(urls), *cfg)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert "Imported 1 new feed" in out[0]
    at = out.index("Left out 5000 lines:")
    listed = out[at + 1 : at + 11]
    # the first ten, each with why
    assert all(ln.startswith("  ftp://files") and "http and https" in ln for ln in listed)
    assert "ftp://files0.example/feed" in listed[0] and "ftp://files9.example/feed" in listed[9]
    assert out[at + 11] == "  and 4,990 more."
    assert "files10.example" not in result.stdout
    assert len(result.stdout) < 2000


def test_a_few_lines_left_out_are_all_listed(tmp_path: Path, cfg: list[str]) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        "https://a.example/rss\n" + "".join(f"ftp://files{n}.example/feed\n" for n in range(10))
    )
    out = run("import-urls", str(urls), *cfg).stdout
    assert "Left out 10 lines:" in out
    assert all(f"ftp://files{n}.example/feed" in out for n in range(10))
    assert "more." not in out


def test_a_text_file_with_no_feed_address_imports_nothing_and_fails(
    tmp_path: Path, cfg: list[str]
) -> None:
    """A README given by mistake: a script sees a failing exit, the user why."""
    readme = tmp_path / "README.txt"
    readme.write_text("My feeds\n\nSee the wiki for the list.\n")
    result = run("import-urls", str(readme), *cfg)
    assert result.returncode != 0
    assert "Nothing imported" in result.stderr and "lists no feed address" in result.stderr
    assert "Traceback" not in result.stderr
    listed = run("feeds", "--json", *cfg)
    assert [f["url"] for f in json.loads(listed.stdout)] == ["https://example.org/feed.xml"]
