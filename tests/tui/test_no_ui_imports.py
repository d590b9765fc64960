"""Opening a story never imports a heavy library on the UI thread.

The reader imports the extractor, the fetcher and the summariser after its first frame, in a
warm-up worker. A story opened before that worker is done (its page cached from an earlier
session, its links numbered in its text) must not import them on the UI thread either: that
froze the screen for the length of the import (about 70 ms for the extractor).

Run in a fresh interpreter, where nothing is imported yet, with the warm-up left out (as if it
had not finished): an audit hook records every module imported on the main thread, which is
the one Textual's event loop runs in, from the moment Enter is pressed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "reader.extract",
    "reader.fetch",
    "reader.summarize",
    "reader.refresh",
    "trafilatura",
    "lxml",
    "httpx",
    "sumy",
    "numpy",
)

# Every script starts so: an audit hook records the modules imported on the main thread (the one
# Textual's event loop runs in) while ``watching``, and the warm-up never runs.
PRELUDE = r"""
import asyncio, json, sys, threading
from dataclasses import replace
from pathlib import Path

seen = []
watching = False


def hook(event, args):
    if event == "import" and watching and threading.current_thread() is threading.main_thread():
        seen.append(args[0])


sys.addaudithook(hook)

from reader.tui.screens.main import MainScreen
from tests.tui.conftest import build_store, make_config, new_app, settle

MainScreen.warm_up = lambda self: None  # the warm-up has not finished
"""


def run_fresh(script: str, *args: str) -> dict[str, Any]:
    """Run PRELUDE + ``script`` in a fresh interpreter (nothing imported yet); the JSON it
    prints last."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


SCRIPT = r"""
from textual.widgets import Static

from reader.models import Block, Page, Story, View


async def main(path, heavy):
    global watching
    store = build_store(Path(path))
    first = store.headlines(View("all"), limit=1)[0]
    story = Story(  # a page extracted in an earlier session: its links numbered in its blocks
        title=first.title,
        text="See the report and the map.",
        blocks=(Block("p", "See the report [1] and the map [2]."),),
        links=("https://a.test/report", "https://a.test/map"),
    )
    store.put_page(first.id, Page(main=story), "page")
    app = new_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        before = sorted(m for m in sys.modules if m.startswith(heavy))
        watching = True
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        watching = False
        screen = app.screen
        pane = screen.deck.panes[0]
        body = pane.query_one("#story-body", Static).content
        after = sorted(m for m in sys.modules if m.startswith(heavy))
    store.close()
    print(json.dumps({"seen": seen, "body": str(body), "before": before, "after": after}))


asyncio.run(main(sys.argv[1], tuple(sys.argv[2:])))
"""


def test_a_story_with_links_opened_before_the_warm_up_imports_nothing_heavy_on_the_ui_thread(
    tmp_path: Path,
) -> None:
    result = run_fresh(SCRIPT, str(tmp_path / "news.db"), *HEAVY)
    # the case is real: the extractor was not there before, and it was needed (the numbers)
    assert not any(m.startswith("reader.extract") for m in result["before"])
    assert "See the report [1] and the map [2]." in result["body"]
    assert "reader.extract" in result["after"]  # imported, then: in a worker
    on_ui = [m for m in result["seen"] if m.startswith(HEAVY)]
    assert on_ui == []


S_SCRIPT = r"""
async def main(path):
    global watching
    store = build_store(Path(path))
    config = make_config()
    config = replace(config, summary=replace(config.summary, show=False))
    app = new_app(store, config)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        before = "reader.summarize" in sys.modules
        watching = True
        await pilot.press("S")
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        watching = False
        pane = app.screen.deck.panes[0]
        shown = pane.state.show_summary
    store.close()
    print(json.dumps({"seen": seen, "before": before, "shown": shown,
                      "after": "reader.summarize" in sys.modules}))


asyncio.run(main(sys.argv[1]))
"""


def test_S_before_the_warm_up_imports_the_summariser_off_the_ui_thread(tmp_path: Path) -> None:
    result = run_fresh(S_SCRIPT, str(tmp_path / "news.db"))
    assert result["before"] is False  # the case is real: not imported before S
    assert result["after"] is True and result["shown"] is True  # S did its work
    heavy = [m for m in result["seen"] if m.startswith(("reader.summarize", "sumy", "numpy"))]
    assert heavy == []
