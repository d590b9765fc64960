"""End to end: the real ``newsreader`` in tmux against a local HTTP feed server; keys in, screen out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.models import View
from reader.refresh import PROCESS_POOL_MIN_FEEDS
from reader.store import open_store
from tests.httpserver import LocalServer

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

HOSTILE = "[bold red]x[/]"
ARTICLE_TEXT = "The harbour committee published its full report on Tuesday"
SHOWN = "harbour committee published its full"  # fits on one line of the pane


def feed_xml(base: str) -> bytes:
    items = [
        ("Council approves the harbour plan", "/story/harbour"),
        (HOSTILE, "/story/h1"),
        ("[@click=app.quit]Read more[/]", "/story/h2"),
        ("Title with \x1b]0;PWNED\x07 escape", "/story/h3"),
    ]
    body = "".join(
        f"<item><title><![CDATA[{title}]]></title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Mon, 0{n + 1} Jan 2024 10:00:00 +0000</pubDate>"
        f"<description>Short feed text {n}.</description></item>"
        for n, (title, path) in enumerate(reversed(items))
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local News</title>'
        f"<link>{base}</link>{body}</channel></rss>"
    ).encode()


def article_html() -> bytes:
    paragraphs = "".join(
        f"<p>{ARTICLE_TEXT}, paragraph {n}. Members of the council discussed the cost of the "
        "new moorings and the schedule for construction at length.</p>"
        for n in range(8)
    )
    return (
        "<html><head><title>Council approves the harbour plan</title></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Council approves the harbour plan</h1>"
        f"{paragraphs}</article><footer>Copyright</footer></body></html>"
    ).encode()


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "reader")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", "reader", key)
            time.sleep(0.15)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"the screen never showed what was expected:\n{text}")

    def quit(self) -> None:
        """Press q and wait (boundedly) for the reader to end."""
        self.keys("q")
        deadline = time.monotonic() + 10
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not self.alive(), "the reader did not quit on q"

    def alive(self) -> bool:
        return (
            subprocess.run(
                ["tmux", "-L", self.socket, "has-session", "-t", "reader"], capture_output=True
            ).returncode
            == 0
        )


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    session = Tmux(f"newsreader-test-{uuid.uuid4().hex[:8]}")
    yield session
    session.run("kill-server")


def test_reader_in_tmux_reads_refreshes_opens_favourites_and_quits(
    tmp_path: Path, tmux: Tmux
) -> None:
    with LocalServer() as server:
        base = server.url("").rstrip("/")
        server.route(
            "/feed.xml", body=feed_xml(base), headers={"Content-Type": "application/rss+xml"}
        )
        server.route(
            "/story/harbour",
            body=article_html(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        config = tmp_path / "config.toml"
        config.write_text(
            f'[[feeds]]\nurl = "{server.url("/feed.xml")}"\ntitle = "Local News"\n'
            'category = "Local"\n\n[refresh]\ninterval_minutes = 30\n\n'
            '[reader]\ntheme = "textual-dark"\n',
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        command = _reader_command("--config", str(config), "--db", str(db))
        tmux.run(
            "new-session",
            "-d",
            "-s",
            "reader",
            "-x",
            "120",
            "-y",
            "30",
            "-c",
            str(Path.cwd()),
            command,
        )
        tmux.run("resize-window", "-t", "reader", "-x", "120", "-y", "30")
        # The reader refreshes on start: the headlines arrive from the local server.
        text = tmux.wait_for(lambda s: "Council approves the harbour plan" in s)
        assert "Local News" in text
        assert HOSTILE in text  # markup in a title is shown as written
        assert "[@click=app.quit]Read more[/]" in text
        assert "PWNED" not in tmux.run("display-message", "-p", "-t", "reader", "#{pane_title}")
        assert "Traceback" not in text

        # Open the first headline: the extracted page replaces the feed text.
        tmux.keys("g", "Enter")
        text = tmux.wait_for(lambda s: SHOWN in s)
        assert "Summary" in text

        # Favourite it, go back, quit.
        tmux.keys("f")
        tmux.wait_for(lambda s: "Saved to Favourites" in s or "★" in s)
        tmux.keys("Escape", "Escape")
        # a search typed at once after "/" (a fast typist, a paste) reaches the prompt: none
        # of its letters is taken as a command ("c" collapsing, "f" favouriting...)
        tmux.run("send-keys", "-t", "reader", "/", "council harbour", "Enter")
        text = tmux.wait_for(lambda s: "Search: council harbour" in s)
        assert "Council approves the harbour plan" in text
        tmux.quit()

    store = open_store(db)
    try:
        favourites = store.favourites()
        assert [a.title for a in favourites] == ["Council approves the harbour plan"]
        assert store.count(View("all")) == 4
        assert store.get_page(favourites[0].id) is not None
    finally:
        store.close()


def _reader_command(*args: str) -> str:
    env = {
        "HOME": os.environ["HOME"],
        "XDG_CONFIG_HOME": os.environ.get("XDG_CONFIG_HOME", ""),
        "XDG_DATA_HOME": os.environ.get("XDG_DATA_HOME", ""),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    return " ".join(
        [
            "env",
            "-i",  # a clean environment: no COLUMNS/LINES inherited from the test runner
            *(shlex.quote(f"{k}={v}") for k, v in env.items()),
            shlex.quote(sys.executable),
            "-m",
            "reader.cli",
            *(shlex.quote(a) for a in args),
        ]
    )


def test_open_a_page_wide_shows_its_stories_side_by_side_and_keeps_a_favourite(
    tmp_path: Path, tmux: Tmux
) -> None:
    stories = [
        ("Harbour report published", ARTICLE_TEXT + ", running to ninety pages."),
        ("New library for the town", "The school board voted to open a new library in spring."),
    ]
    page = tmp_path / "two.html"
    page.write_text(
        "<html><head><title>Local news</title></head><body>"
        + "".join(
            f"<article><h2>{title}</h2>"
            + "".join(f"<p>{body} Paragraph {n} says more about it.</p>" for n in range(5))
            + "</article>"
            for title, body in stories
        )
        + "</body></html>",
        encoding="utf-8",
    )
    config = tmp_path / "config.toml"
    config.write_text("[refresh]\ninterval_minutes = 0\n", encoding="utf-8")
    db = tmp_path / "news.db"
    command = _reader_command("--config", str(config), "--db", str(db), "open", str(page))
    tmux.run("new-session", "-d", "-s", "reader", "-x", "200", "-y", "50", command)
    tmux.run("resize-window", "-t", "reader", "-x", "200", "-y", "50")
    related = stories[1][0]
    text = tmux.wait_for(lambda s: f"2 {related}" in s and SHOWN in s)
    # side by side: one screen line holds both stories' titles (the page's and the related one)
    assert any("Local news" in line and related in line for line in text.splitlines()), text
    tmux.keys("f")  # a page opened directly is kept under "Opened pages"
    tmux.wait_for(lambda s: "Saved to Favourites" in s)
    tmux.keys("z")  # the panes take the whole screen (from its first column), still side by side
    tmux.wait_for(
        lambda s: any(line.startswith("━ 1") and f"2 {related}" in line for line in s.splitlines())
    )
    tmux.quit()
    store = open_store(db)
    try:
        (favourite,) = store.favourites()
        assert favourite.feed_title == "Opened pages"
        assert ARTICLE_TEXT in (favourite.summary_text or "")
    finally:
        store.close()


def test_a_refresh_of_many_feeds_in_the_reader_stores_every_one(tmp_path: Path, tmux: Tmux) -> None:
    """As many feeds as the starter set: the refresh parses them in worker processes, which
    must start although the full-screen reader has taken over the terminal's output streams."""
    count = PROCESS_POOL_MIN_FEEDS + 2
    with LocalServer() as server:
        base = server.url("").rstrip("/")
        for n in range(count):
            items = "".join(
                f"<item><title>Story {m} of feed {n}</title><link>{base}/{n}/{m}</link>"
                f"<guid>{base}/{n}/{m}</guid></item>"
                for m in range(3)
            )
            server.route(
                f"/feed{n}.xml",
                body=(
                    f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {n}</title>'
                    f"<link>{base}</link>{items}</channel></rss>"
                ).encode(),
                headers={"Content-Type": "application/rss+xml"},
            )
        config = tmp_path / "config.toml"
        config.write_text(
            "[refresh]\ninterval_minutes = 30\n\n"
            + "".join(
                f'[[feeds]]\nurl = "{server.url(f"/feed{n}.xml")}"\ntitle = "Feed {n}"\n\n'
                for n in range(count)
            ),
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        command = _reader_command("--config", str(config), "--db", str(db))
        tmux.run("new-session", "-d", "-s", "reader", "-x", "120", "-y", "30", command)
        text = tmux.wait_for(
            lambda s: f"{count * 3} headlines" in s or "could not" in s or "failed" in s
        )
        assert "could not be refreshed" not in text and "failed" not in text, text
        assert "Traceback" not in text
        tmux.quit()

    store = open_store(db)
    try:
        assert store.count(View("all")) == count * 3
        assert all(feed.last_error is None for feed in store.feeds())
    finally:
        store.close()


def test_the_reader_starts_with_a_broken_config_and_says_what_is_wrong(
    tmp_path: Path, tmux: Tmux
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[refresh]\ninterval_minutes = "soon"\n', encoding="utf-8")
    db = tmp_path / "news.db"
    command = _reader_command("--config", str(config), "--db", str(db))
    tmux.run("new-session", "-d", "-s", "reader", "-x", "120", "-y", "30", command)
    tmux.run("resize-window", "-t", "reader", "-x", "120", "-y", "30")
    text = tmux.wait_for(lambda s: "Config problem" in s)
    # the message's words, less the borders of the lines it wraps to (where it wraps depends on
    # the length of the config's path)
    flat = " ".join(word for word in text.split() if word not in ("▌", "▕"))
    assert "refresh.interval_minutes" in flat and "must be a whole number" in flat
    assert "Traceback" not in text
    assert tmux.alive()  # it reads on
    tmux.quit()


HOLD_LOCK = (
    "import sqlite3, sys, time\n"
    "con = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "con.execute('BEGIN EXCLUSIVE')\n"
    "print('held', flush=True)\n"
    "sys.stdin.readline()\n"  # until the test lets go
    "con.execute('COMMIT')\n"
)


def test_a_database_held_locked_shows_the_screen_and_waits_for_it(
    tmp_path: Path, tmux: Tmux
) -> None:
    """Another program (the sqlite3 shell in a transaction) holds the database: the reader's
    screen comes all the same, says it waits, and saves the config's feeds once let go."""
    with LocalServer() as server:
        base = server.url("").rstrip("/")
        server.route(
            "/feed.xml", body=feed_xml(base), headers={"Content-Type": "application/rss+xml"}
        )
        config = tmp_path / "config.toml"
        config.write_text(
            f'[[feeds]]\nurl = "{server.url("/feed.xml")}"\ntitle = "Local News"\n',
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        open_store(db).close()
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
            command = _reader_command("--config", str(config), "--db", str(db))
            tmux.run("new-session", "-d", "-s", "reader", "-x", "120", "-y", "30", command)
            tmux.run("resize-window", "-t", "reader", "-x", "120", "-y", "30")
            text = tmux.wait_for(lambda s: "waiting for it" in s)
            assert holder.poll() is None  # (still held: the screen did not wait for it)
            assert "Traceback" not in text
        finally:
            if holder.stdin is not None:
                holder.stdin.write("\n")
                holder.stdin.flush()
            holder.wait(timeout=30)
        tmux.wait_for(lambda s: "Local News" in s)
        assert tmux.alive()
        tmux.quit()
    store = open_store(db)
    assert [f.title for f in store.feeds()] == ["Local News"]
    store.close()
