"""Rendering hazards: text written by strangers reaches the terminal only as literal text.

Pilot tests of the real app (``NewsReaderApp(config, store)``, ``run_test(size=...)``) over a store
filled with hostile strings. Each test is named after the place it guards. Already tested elsewhere:
# five hostile titles in the headline list, Enter opens them: tests/tui/test_reading_flows.py::test_hostile_titles_render_literally
# arbitrary unicode through every widget (hypothesis): tests/tui/test_render_fuzz.py::test_arbitrary_unicode_renders_in_every_widget
# hostile titles shown as plain text by the real program in tmux: tests/e2e/test_tmux.py::test_reader_in_tmux_reads_refreshes_opens_favourites_and_quits
# javascript: link never opened or copied: tests/tui/test_reading_flows.py::test_unsafe_link_is_never_opened_or_copied
"""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from rich.cells import cell_len

from reader.config import FeedConfig
from reader.models import Page, ParsedEntry, Story, Summary, View
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen, browser_argv
from reader.tui.widgets.story import StoryPane
from tests.httpserver import Item, LocalServer, rss
from tests.processes import newsreader
from tests.tui.conftest import NOW, fixed_clock, make_config, screen_text, settle

# (what a stranger writes, what the reader must show)
HOSTILE = [
    ("[/]", "[/]"),
    ("[/bold]", "[/bold]"),
    ("[bold red]x[/]", "[bold red]x[/]"),
    ("[@click=app.quit]Read more[/]", "[@click=app.quit]Read more[/]"),
    ("[link=file:///etc/passwd]x[/link]", "[link=file:///etc/passwd]x[/link]"),
    ("osc \x1b]0;PWNED\x07 end", "osc end"),
    ("csi \x9b2J end", "csi end"),
    ("rtl \u202eevil\u202c end", "rtl evil end"),
]
LONG_WORD = "W" * 10_000
RAW_CONTROLS = ("\x1b", "\x9b", "\x07", "\u202e", "PWNED")
SIZE = (180, 50)


def assert_clean(text: str) -> None:
    for ch in RAW_CONTROLS:
        assert ch not in text, repr(ch)


def hostile_store(path: Path, extra_title: str = "") -> Store:
    store = open_store(path)
    store.sync_config_feeds(
        [
            FeedConfig("http://127.0.0.1:9/a.xml", "[/bold]", "[/]"),
            FeedConfig("http://127.0.0.1:9/b.xml", "[@click=app.quit]Q[/]", "[bold red]x[/]"),
            FeedConfig("http://127.0.0.1:9/c.xml", "osc \x1b]0;PWNED\x07 end", "rtl \u202eevil"),
        ]
    )
    feeds = store.feeds()
    for n, feed in enumerate(feeds):
        titles = [raw for raw, _ in HOSTILE] if n == 0 else [f"Plain story {n}"]
        if extra_title and n == 0:
            titles.append(extra_title)
        store.upsert_entries(
            feed.id,
            [
                ParsedEntry(
                    guid=f"f{n}-{i}",
                    url=f"http://127.0.0.1:9/{n}/{i}",
                    title=title,
                    author="[/] \x1b[31mauthor",
                    published=NOW - timedelta(minutes=n * 60 + i),
                    summary_text=f"{title} body text.",
                )
                for i, title in enumerate(titles)
            ],
            now=NOW,
        )
    return store


def main_screen(app: NewsReaderApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_markup_and_escapes_in_headline_titles_and_sources_render_literally(
    tmp_path: Path,
) -> None:
    store = hostile_store(tmp_path / "h.db")
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for _, shown in HOSTILE:
            assert shown in text, shown
        assert "[/bold]" in text  # the source column: a feed named "[/bold]"
        assert_clean(text)
        assert app.is_running
    store.close()


async def test_markup_and_escapes_in_feed_tree_labels_render_literally(tmp_path: Path) -> None:
    store = hostile_store(tmp_path / "t.db")
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = main_screen(app).feeds_tree
        labels = []
        stack = [tree.root]
        while stack:
            node = stack.pop()
            labels.append(str(node.label))
            stack.extend(node.children)
        joined = "\n".join(labels)
        for shown in ("[/]", "[/bold]", "[@click=app.quit]Q[/]", "[bold red]x[/]", "osc end"):
            assert any(label.startswith(shown) or shown in label for label in labels), shown
        assert "rtl evil" in joined
        assert_clean(joined)
        text = screen_text(app)
        assert "[@click=app.quit]Q[/]" in text and "[bold red]x[/]" in text
        assert_clean(text)
        # choosing the "[@click=app.quit]" feed shows its headlines and does not quit
        tree.focus()
        feed = next(f for f in store.feeds() if f.title.startswith("[@click"))
        tree.select_view(View("feed", feed_id=feed.id), post=False)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and "Plain story" in screen_text(app)
    store.close()


async def test_story_pane_title_meta_summary_note_body_and_tabs_render_literally(
    tmp_path: Path,
) -> None:
    store = hostile_store(tmp_path / "p.db")
    first = store.headlines(View("all"))[0]
    evil = "[@click=app.quit]Read more[/] [/] \x1b]0;PWNED\x07 \x9b2J \u202e"
    shown = "[@click=app.quit]Read more[/] [/]"
    related = Story(
        title=f"Related {evil}",
        text=f"Related body {evil}",
        source="[link=file:///etc/passwd]src[/link]",
        url="https://e.example/[/]",
    )
    page = Page(
        main=Story(
            title=f"Main {evil}",
            text=f"Body {evil}\n\n[bold red]x[/] and [/bold]",
            author=f"By {evil}",
            source=f"Src {evil}",
            published="[/]",
            url="https://e.example/[@click=app.quit]x[/]",
        ),
        related=(related,),
        note=f"Note {evil}",
    )
    store.put_page(first.id, page, "page", f"Note {evil}")
    summary = Summary(
        sentences=(f"Sentence {evil}",), algorithm=f"algo {evil}", total_sentences=2, note=evil
    )
    for part in (0, 1):
        store.put_summary(first.id, part, "newsrank", "2", summary)
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=(220, 50)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        panes = list(app.screen.query(StoryPane))
        assert panes, "the story did not open"
        text = screen_text(app)
        for expected in (f"Main {shown}", f"Body {shown}", "[bold red]x[/] and [/bold]"):
            assert expected in text, expected
        assert "https://e.example/[@click=app.quit]x[/]" in text
        assert_clean(text)
        assert len(panes) == 2  # the story and its related story, with a tab strip
        tabs = str(app.screen.query_one("#pane-tabs").render())
        assert "Main [@click=app.quit]Read more[/]" in tabs
        assert "Related [@click=app.quit]Read more" in tabs
        assert_clean(tabs)
        for pane in panes:  # every part of every pane, not only what fits on screen
            for static in pane.query("Static"):
                assert_clean(str(static.render()))
        assert app.is_running
    store.close()


async def test_markup_in_notifications_renders_literally(tmp_path: Path) -> None:
    store = hostile_store(tmp_path / "n.db")
    feed = next(f for f in store.feeds() if f.title == "[/bold]")
    error = "HTTP 404 [/] [bold]Not Found[/bold] [@click=app.quit]x[/] \x1b]0;PWNED\x07"
    store.update_feed(feed.id, last_error=error, failures=1)
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.feeds_tree.focus()
        screen.feeds_tree.select_view(View("feed", feed_id=feed.id), post=False)
        await pilot.press("e")
        await pilot.pause()
        notes = list(app._notifications)
        assert (
            notes
            and notes[-1].message == "HTTP 404 [/] [bold]Not Found[/bold] [@click=app.quit]x[/]"
        )
        assert notes[-1].title == "[/bold]"
        await pilot.pause(0.2)
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("[bold]Not Found[/bold] [@click=app.quit]x[/]" in t for t in toasts), toasts
        assert_clean("".join(toasts))
        assert app.is_running
    store.close()


async def test_markup_typed_into_search_renders_literally(tmp_path: Path) -> None:
    store = hostile_store(tmp_path / "s.db")
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*'[/] [@click=app.quit] "NEAR(*')  # markup and FTS5 syntax
        await pilot.pause()
        assert '[/] [@click=app.quit] "NEAR(*' in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert_clean(screen_text(app))
    store.close()


async def test_hostile_key_names_in_the_config_are_reported_and_help_renders(
    tmp_path: Path,
) -> None:
    store = hostile_store(tmp_path / "k.db")
    config = make_config(keys={"favourite": "[/]", "[@click=app.quit]x[/]": "z"})
    app = NewsReaderApp(config, store, clock=fixed_clock)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        messages = " ".join(n.message for n in app._notifications)
        assert "[@click=app.quit]x[/]" in messages
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.is_running and "Favourite" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    store.close()


async def test_ten_thousand_character_word_in_title_feed_name_and_body(tmp_path: Path) -> None:
    store = hostile_store(tmp_path / "w.db", extra_title=LONG_WORD)
    feed = store.feeds()[0]
    store.update_feed(feed.id, last_error=LONG_WORD, failures=1)
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    width, height = SIZE
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        table = main_screen(app).table
        row = next(i for i, a in enumerate(table.articles) if a.title == LONG_WORD)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "escape", "e")
        await pilot.pause()
        lines = screen_text(app).split("\n")
        assert len(lines) == height and all(len(line) <= width for line in lines)
        assert any("WWWWWWWWWW" in line for line in lines)
        assert app.is_running
    store.close()


async def test_combining_mark_floods_separators_and_wide_text_keep_the_layout(
    tmp_path: Path,
) -> None:
    titles = [
        "Z" + "\u0301" * 10_000 + "algo",  # one cell carrying ten thousand accents
        "line\u2028sep\u2029para\x85nel end",  # Unicode line/paragraph separators, C1 NEL
        "zero" + "\u200b" * 5000 + "\ufeff width",
        "family " + "\U0001f468\u200d\U0001f469\u200d\U0001f467" * 2000,
        "wide " + "\u6f22" * 5000,
    ]
    store = open_store(tmp_path / "z.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/a.xml", titles[1], titles[0])])
    store.upsert_entries(
        store.feeds()[0].id,
        [
            ParsedEntry(guid=f"g{i}", url="http://127.0.0.1:9/x", title=t, published=NOW)
            for i, t in enumerate(titles)
        ],
        now=NOW,
    )
    width, height = 120, 40
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=(width, height)) as pilot:
        await settle(pilot)
        for _ in range(2):  # the headline list, then the story pane of the first headline
            lines = screen_text(app).split("\n")
            assert len(lines) == height and max(cell_len(line) for line in lines) <= width
            assert "\x85" not in "".join(lines)
            await pilot.press("enter")
            await settle(pilot)
        assert app.is_running
    store.close()


async def test_huge_story_text_is_cut_for_display_and_the_app_keeps_running(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "m.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/a.xml", "A", "A")])
    store.upsert_entries(
        store.feeds()[0].id,
        [ParsedEntry(guid="g", url="http://127.0.0.1:9/x", title="Huge", published=NOW)],
        now=NOW,
    )
    (article,) = store.headlines(View("all"))
    paragraph = "A paragraph of ordinary words that goes on and on for quite a while. " * 3
    text = "\n\n".join(f"{n} {paragraph}" for n in range(3000))
    assert len(text) > 600_000
    store.put_page(article.id, Page(main=Story(title="Huge", text=text)), "page", None)
    summary = Summary(sentences=("First.",), algorithm="newsrank", total_sentences=9)
    store.put_summary(article.id, 0, "newsrank", "2", summary)
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        (pane,) = app.screen.query(StoryPane)
        body = str(pane.query_one("#story-body").render())
        assert body.startswith("0 A paragraph") and len(body) < 250_000
        assert "more characters not shown" in body
        await pilot.press("tab", "end")
        await settle(pilot)
        assert app.is_running
    store.close()


# --------------------------------------------------------------------------- external commands


def test_browser_command_is_an_argument_list_never_a_shell_string() -> None:
    url = "https://e.example/a?q=$(touch /tmp/pwned)&x=`id`;rm -rf ~ |cat"
    argv = browser_argv("firefox --new-tab", url)
    assert argv == ["firefox", "--new-tab", url]
    quoted = browser_argv("'/opt/My Browser/run' -p 'a b'", url)
    assert quoted == ["/opt/My Browser/run", "-p", "a b", url]


async def test_link_with_shell_metacharacters_reaches_the_browser_as_one_argument(
    tmp_path: Path,
) -> None:
    pwned = tmp_path / "pwned"
    url = f"https://e.example/a?q=$(touch {pwned})&x=`touch {pwned}`;touch {pwned}"
    store = open_store(tmp_path / "b.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/a.xml", "A", "A")])
    store.upsert_entries(
        store.feeds()[0].id,
        [ParsedEntry(guid="g", url=url, title="Shell", published=NOW)],
        now=NOW,
    )
    out = tmp_path / "args.txt"
    script = tmp_path / "browser.py"
    script.write_text(
        "import sys, pathlib\npathlib.Path(sys.argv[1]).write_text(repr(sys.argv[2:]))\n"
    )
    config = make_config(browser=f"{sys.executable} {script} {out}")
    app = NewsReaderApp(config, store, clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        for _ in range(50):
            if out.exists() and out.read_text():
                break
            await pilot.pause(0.1)
    # one argument, its metacharacters as they were (its spaces encoded, as every link's are)
    assert out.read_text() == repr([url.replace(" ", "%20")])
    assert not pwned.exists()
    store.close()


async def test_copied_link_carries_no_terminal_escapes(tmp_path: Path) -> None:
    store = open_store(tmp_path / "c.db")
    store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/a.xml", "A", "A")])
    store.upsert_entries(
        store.feeds()[0].id,
        [
            ParsedEntry(
                guid="g",
                url="https://e.example/a\x1b]52;c;cm0gLXJmIH4=\x07\x9b2J",
                title="Copy me",
                published=NOW,
            )
        ],
        now=NOW,
    )
    app = NewsReaderApp(make_config(), store, clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "https://e.example/a"
    store.close()


# --------------------------------------------------------------------------- command-line output

HOSTILE_PAGE = (
    "<html><head><title>[bold red]x[/] \x1b]0;PWNED\x07</title></head><body><article>"
    "<h1>[@click=app.quit]Read more[/] \x1b[2J\x9b2J</h1>"
    + "".join(
        f"<p>Paragraph {i} of the story [/bold] with \x1b]0;PWNED\x07 escapes and"
        " \u202e a right-to-left override that must not reach the terminal.</p>"
        for i in range(4)
    )
    + "</article></body></html>"
)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return newsreader(*args, env={"COLUMNS": "200"})


def test_cli_refresh_prints_hostile_feed_titles_literally(tmp_path: Path) -> None:
    with LocalServer() as srv:
        srv.route(
            "/f.xml",
            body=rss(
                [Item(title="Story", link="https://e.example/1")],
                title="[bold red]x[/] \x1b]0;PWNED\x07 \x9b2J feed",
            )
            .replace(b"\x1b", b"&#27;")
            .replace(b"\x07", b"&#7;"),
        )
        config = tmp_path / "config.toml"
        config.write_text(f'[[feeds]]\nurl = "{srv.url("/f.xml")}"\n')
        result = cli("refresh", "--config", str(config), "--db", str(tmp_path / "n.db"))
    assert result.returncode == 0, result.stderr
    assert "[bold red]x[/]" in result.stdout
    assert_clean(result.stdout + result.stderr)


def test_cli_extract_prints_hostile_page_text_literally(tmp_path: Path) -> None:
    with LocalServer() as srv:
        srv.route(
            "/page",
            body=HOSTILE_PAGE.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        config = tmp_path / "config.toml"
        config.write_text("")
        result = cli(
            "extract", srv.url("/page"), "--config", str(config), "--db", str(tmp_path / "n.db")
        )
    assert result.returncode == 0, result.stderr
    assert "[@click=app.quit]Read more[/]" in result.stdout and "[/bold]" in result.stdout
    assert_clean(result.stdout + result.stderr)
