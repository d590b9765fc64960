"""`newsreader summarize` of a short story: --sentences N gives N sentences, and the text and
--json outputs agree (the same sentences, the same count of the story's words)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.httpserver import LocalServer
from tests.test_cli import run
from tests.test_cli_network import config_for

# 139 words as written; 133 without the six numbers ("2", "118", "2024", "2026", "4", "$90"),
# which are not counted as words. "No injuries were reported." is a sentence too short to be
# chosen for a summary, but it is part of what the reader reads.
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Orion Labs recalls 2 million smart thermostats over overheating battery - Tech Beat</title>
</head><body><main><article>
<h1>Orion Labs recalls 2 million smart thermostats over overheating battery</h1>
<p>Orion Labs is recalling about 2 million of its Halo smart thermostats after reports that the
backup battery can overheat and, in rare cases, melt the casing.</p>
<p>The company said it had received 118 reports of overheating, including four small fires that
caused minor property damage. No injuries were reported.</p>
<p>Owners of Halo models sold between March 2024 and June 2026 are asked to remove the device from
the wall plate and request a free replacement through the Orion app.</p>
<p>&quot;Safety is our first priority and we are sorry for the inconvenience,&quot; chief executive
Priya Raman said in a statement.</p>
<p>Shares in Orion fell 4 percent in early trading. Analysts estimated the recall could cost the
company up to $90 million.</p>
<p>The Halo was one of the best-selling smart home devices of last year, praised for its
energy-saving schedules.</p>
</article></main></body></html>"""


@pytest.fixture
def page_url():
    with LocalServer() as srv:
        srv.route("/recall.html", body=PAGE.encode(), headers={"Content-Type": "text/html"})
        yield srv.url("/recall.html")


def test_sentences_asked_for_are_given_in_text_and_json_alike(
    page_url: str, tmp_path: Path
) -> None:
    cfg = config_for(tmp_path, [])
    text = run("summarize", "--sentences", "2", page_url, *cfg)
    assert text.returncode == 0, text.stderr
    bullets = [line[2:] for line in text.stdout.splitlines() if line.startswith("• ")]
    assert len(bullets) == 2
    assert "(2 of 7 sentences" in text.stdout
    assert "read it whole" not in text.stdout
    assert "No injuries were reported." not in text.stdout  # the story is not printed whole
    data = json.loads(run("summarize", "--sentences", "2", "--json", page_url, *cfg).stdout)
    assert data["sentences"] == bullets
    assert data["total_sentences"] == 7
    assert "read it whole" not in (data["note"] or "")


def test_by_default_both_say_the_story_is_short_counting_the_same_words(
    page_url: str, tmp_path: Path
) -> None:
    cfg = config_for(tmp_path, [])
    text = run("summarize", page_url, *cfg)
    assert text.returncode == 0, text.stderr
    assert "The story is short (133 words): read it whole, just below." in text.stdout
    assert "No injuries were reported." in text.stdout  # the story itself follows
    data = json.loads(run("summarize", "--json", page_url, *cfg).stdout)
    assert data["note"] == "The story is short (133 words): read it whole."
    assert len(data["sentences"]) == 3
