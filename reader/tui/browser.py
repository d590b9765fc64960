"""Which browser opens a link, and starting it: ``reader.browser`` in the config, else ``$BROWSER``
(as newsboat and mutt users set it), else the system's default.

A browser that draws in the terminal (w3m, lynx, links, elinks…) cannot run beside the reader: it
would write over the screen while the reader takes its keys. ``Browser.terminal`` says so, and
the screen runs it in the foreground with the reader suspended, as newsboat does. Any other
browser is started apart from the reader (its own session, no terminal), and one that fails at
once (not found, or exits with an error) is reported in words.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import webbrowser
from dataclasses import dataclass
from pathlib import PurePath

from reader.textutil import clean_line

# browsers that draw in the terminal they are started from
TEXT_BROWSERS = frozenset(
    {"w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "www-browser", "netrik"}
)
FAIL_WAIT = 3.0  # seconds: a browser that exits with an error within this time is reported


@dataclass(frozen=True, slots=True)
class Browser:
    command: str  # as written; "" for the system's default browser
    source: str  # where it came from, for messages: "reader.browser in the config", "$BROWSER"

    @property
    def program(self) -> str:
        words = _split(self.command)
        return words[0] if words else ""

    @property
    def terminal(self) -> bool:
        """Whether it draws in the terminal (w3m, lynx…): it must have the terminal to itself."""
        return PurePath(self.program).name.lower() in TEXT_BROWSERS


def browser_argv(command: str, url: str) -> list[str]:
    """The browser command as an argument list: the URL is one argument, never seen by a shell.
    A ``%s`` ($BROWSER's way) or ``%u`` (newsboat's, as in ``browser "w3m %u"``) in the command
    is where the URL goes; else it goes last."""
    words = _split(command)
    for mark in _PLACES:
        if any(mark in word for word in words):
            return [word.replace(mark, url) for word in words]
    return [*words, url]


_PLACES = ("%s", "%u")  # where a browser command wants the link


def _split(command: str) -> list[str]:
    try:
        return shlex.split(command)
    except ValueError:  # an unclosed quote: taken as words
        return command.split()


def choose(configured: str, environ: dict[str, str] | None = None) -> Browser:
    """The browser to use: the config's, else the first of $BROWSER's commands (separated by
    ":") that is installed (else its first), else the system default (``command`` "")."""
    if configured.strip():
        return Browser(configured.strip(), "reader.browser in the config")
    env = os.environ if environ is None else environ
    listed = [c.strip() for c in env.get("BROWSER", "").split(os.pathsep) if c.strip()]
    if listed:
        found = next((c for c in listed if shutil.which(_split(c)[0] if _split(c) else c)), None)
        return Browser(found or listed[0], "$BROWSER")
    default = _system_default()
    if default:  # the system's own choice may be a terminal browser (no display: w3m, lynx)
        return Browser(default, "the system's default browser")
    return Browser("", "the system's default browser")


def _system_default() -> str:
    """The program Python's webbrowser would run, when it is a terminal browser; else ""."""
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return ""
    name = str(getattr(controller, "name", "") or "")
    return name if PurePath(name).name.lower() in TEXT_BROWSERS else ""


def start(browser: Browser, url: str) -> str | None:
    """Start a browser that does not need the terminal on ``url``; None when it is on its way,
    else what went wrong, in words. Waits up to FAIL_WAIT seconds to hear of an early failure
    (run it in a thread)."""
    if not browser.command:
        try:
            opened = webbrowser.open(url)
        except webbrowser.Error:
            opened = False
        if opened:
            return None
        return "No web browser was found: set reader.browser in the config, or $BROWSER."
    argv = browser_argv(browser.command, url)
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,  # its own session: it outlives the reader, keeps off its keys
            )
        except FileNotFoundError:
            return f"The browser {argv[0]!r} ({browser.source}) was not found."
        except OSError as exc:
            return (
                f"The browser {argv[0]!r} ({browser.source}) could not be started: {exc.strerror}."
            )
        try:
            code = process.wait(timeout=FAIL_WAIT)
        except subprocess.TimeoutExpired:
            return None  # still running: a browser window
        if code == 0:
            return None
        errors.seek(0)
        said = [
            line for line in errors.read(4000).decode(errors="replace").splitlines() if line.strip()
        ]
        why = f": {clean_line(said[-1], 200)}" if said else ""
        return f"The browser {argv[0]!r} ({browser.source}) failed (exit code {code}){why}."
