"""o opens the link: the config's browser, else $BROWSER, else the system's; a terminal browser
(w3m, lynx) gets the terminal to itself; a browser that fails says so."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.tui.browser import Browser, browser_argv, choose
from reader.tui.screens.main import MainScreen

from .conftest import make_config, settle


def script(path: Path, body: str) -> str:
    """A browser command: this Python code run with the link as sys.argv[1]."""
    path.write_text(body)
    return f"{sys.executable} {path}"


async def wait_for(pilot: Pilot[None], done: Callable[[], object], rounds: int = 60) -> None:
    for _ in range(rounds):
        if done():
            return
        await pilot.pause(0.1)


async def test_a_browser_that_fails_at_once_says_why(make_app, tmp_path: Path) -> None:
    command = script(
        tmp_path / "b.py",
        "import sys\nprint('cannot open display', file=sys.stderr)\nsys.exit(3)\n",
    )
    app = make_app(make_config(browser=command))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")

        def said() -> list[str]:
            return [str(n.message) for n in app._notifications if "failed" in str(n.message)]

        await wait_for(pilot, said)
        assert said(), [str(n.message) for n in app._notifications]
        assert "exit code 3" in said()[0] and "cannot open display" in said()[0]
        assert "reader.browser in the config" in said()[0]


async def test_a_browser_that_is_not_installed_is_named(make_app) -> None:
    app = make_app(make_config(browser="no-such-browser-here --new-tab"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")

        def said() -> list[str]:
            return [str(n.message) for n in app._notifications if "not found" in str(n.message)]

        await wait_for(pilot, said)
        assert said() and "'no-such-browser-here'" in said()[0]


async def test_BROWSER_is_used_when_the_config_names_none(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "opened.txt"
    command = script(
        tmp_path / "b.py",
        f"import sys, pathlib\npathlib.Path({str(out)!r}).write_text(sys.argv[1])\n",
    )
    monkeypatch.setenv("BROWSER", command)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None
        await pilot.press("o")
        await wait_for(pilot, out.exists)
        assert out.read_text() == article.url


async def test_a_terminal_browser_gets_the_terminal_with_the_reader_suspended(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A browser that draws in the terminal (named w3m here) run beside the reader would write
    # over its screen while the reader takes its keys: it runs while the reader is suspended.
    out = tmp_path / "opened.txt"
    w3m = tmp_path / "w3m"
    w3m.write_text(f'#!/bin/sh\necho "$1" > {out}\n')
    w3m.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(w3m))
    app = make_app()
    events: list[str] = []

    @contextmanager
    def suspend() -> Iterator[None]:  # a terminal that can be handed over (not headless)
        events.append("suspended")
        yield
        events.append(f"resumed, ran: {out.exists()}")

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None
        await pilot.press("o")  # headless: the terminal cannot be handed over, and that is said
        await wait_for(
            pilot,
            lambda: any("draws in the terminal" in str(n.message) for n in app._notifications),
        )
        assert any("press y to copy" in str(n.message) for n in app._notifications)
        assert not out.exists()  # never started beside the reader
        monkeypatch.setattr(app, "suspend", suspend)
        await pilot.press("o")
        await wait_for(pilot, lambda: len(events) == 2)
        assert events == ["suspended", "resumed, ran: True"]  # it ended before the reader resumed
        assert out.read_text().strip() == article.url


def test_BROWSER_may_list_several_commands_and_place_the_link_with_percent_s(
    tmp_path: Path,
) -> None:
    installed = tmp_path / "mybrowser"
    installed.write_text("#!/bin/sh\n")
    installed.chmod(0o755)
    chosen = choose("", {"BROWSER": f"no-such-browser:{installed} --tab %s"})
    assert chosen == Browser(f"{installed} --tab %s", "$BROWSER")
    assert browser_argv(chosen.command, "https://e.example/a b") == [
        str(installed),
        "--tab",
        "https://e.example/a b",
    ]
    assert choose("firefox", {"BROWSER": "w3m"}).command == "firefox"  # the config comes first
    assert choose("", {"BROWSER": "/usr/local/bin/lynx -accept_all_cookies"}).terminal
    assert not choose("", {"BROWSER": "firefox"}).terminal


def test_a_newsboat_browser_command_gets_the_link_at_its_percent_u() -> None:
    # newsboat's config writes `browser "w3m %u"`; copied into reader.browser it works the same
    assert browser_argv("w3m %u", "https://e.example/a") == ["w3m", "https://e.example/a"]
    assert browser_argv("lynx -term=vt100 '%u'", "https://e.example/%s") == [
        "lynx",
        "-term=vt100",
        "https://e.example/%s",  # the link itself is never searched for marks
    ]
    assert choose("w3m %u").terminal


async def test_y_shows_the_link_it_sent_and_does_not_claim_it_was_copied(make_app) -> None:
    """The terminal may ignore the clipboard request (OSC 52), and the reader cannot know: it
    says what it did, and shows the link to select by hand."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None and article.url
        await pilot.press("y")
        said = [str(n.message) for n in app._notifications]
        assert app.clipboard == article.url
        assert any(article.url in line.splitlines() for line in said), said
        assert not any("copied" in line.lower() for line in said)
