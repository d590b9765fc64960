"""The ``/`` search prompt: full-text search into the headline list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.textutil import clean_line


class SearchScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search_cancel")]  # noqa: RUF012

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Search all headlines and stories"
            yield Input(value=self.initial, placeholder="words to find…", id="search-input")
            yield Static(
                '"a phrase" · -not · this OR that · Enter to search · Esc to cancel',
                id="search-hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(clean_line(event.value, 200) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
