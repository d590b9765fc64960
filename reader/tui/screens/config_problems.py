"""Every problem and warning of the config file, in one scrolling box (``e`` the first time,
or the palette's "Config problems"): the start's toast names only the first of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from reader.textutil import clean_line, counted
from reader.tui import hints
from reader.tui.format import for_display
from reader.tui.screens.help import HelpScreen


class ConfigProblemsScreen(HelpScreen):
    """The help screen's box and keys (j/k, Space, Esc), holding the config's problems
    (what could not be read: built-in settings stand in) and its warnings."""

    BINDINGS = [Binding("e", "dismiss", "Close", show=False)]  # noqa: RUF012

    def __init__(
        self,
        bindings: Mapping[str, str],
        problems: Sequence[str],
        warnings: Sequence[str],
        source: Path | None,
        feeds: str,
    ) -> None:
        super().__init__(bindings)
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)
        self.source = source
        self.feeds = feeds  # what became of the feed list ("your feeds are as configured")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = hints.config_heading(self.problems, self.warnings)
            box.border_subtitle = "j/k, Space to scroll · Esc to close"
            where = f" in {clean_line(str(self.source), 200)}" if self.source else ""
            if self.problems:
                yield Static(
                    Text(
                        f"{counted(len(self.problems), 'problem')}{where}: built-in settings "
                        f"stand in for what could not be read, and {self.feeds}. Fix the file "
                        "and start again.\n",
                        style="bold",
                    ),
                    id="config-problems-head",
                )
                yield Static(_listed(self.problems), id="config-problems")
            if self.warnings:
                yield Static(
                    Text(
                        ("\n" if self.problems else "")
                        + f"{counted(len(self.warnings), 'warning')}{where}: read, but worth a "
                        "look.\n",
                        style="bold",
                    ),
                    id="config-warnings-head",
                )
                yield Static(_listed(self.warnings), id="config-warnings")


def _listed(lines: Sequence[str]) -> Table:
    """One row per problem, without the file's path (said once above), as data, not markup."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="dim", justify="right")
    table.add_column()
    for number, line in enumerate(lines, start=1):
        table.add_row(f"{number}.", Text(for_display(hints.config_warning(line))))
    return table
