"""`newsreader extract` heads each story with what the reader shows above it: source, author,
date and address (the author was in --json only)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.processes import newsreader as run

PAGE = Path(__file__).parent / "fixtures" / "extract" / "semantic_aside.html"


def test_the_header_names_the_author(tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    data = json.loads(run("extract", "--json", str(PAGE), "--db", db).stdout)
    author = data["main"]["author"]
    assert author  # the page has a byline
    shown = run("extract", str(PAGE), "--db", db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("=== Main story: ")
    meta = lines[1].split(" · ")
    assert author in meta
    assert meta.index(author) == meta.index(data["main"]["source"]) + 1  # as in the reader
