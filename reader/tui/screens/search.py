"""The ``/`` search prompt: full-text search into the headline list."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.textutil import clean_line


class SearchScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="search_cancel")]  # noqa: RUF012

    def __init__(
        self,
        query: str = "",
        early: list[str] | None = None,
        taken: Callable[[], None] | None = None,
    ) -> None:
        """``early``: what was typed after the search key before this prompt was up (a fast
        typist, a paste; "\\n" for Enter), filled by the screen below until ``taken`` is
        called."""
        super().__init__()
        self.initial = query
        self._early = early if early is not None else []
        self._taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Search all headlines and stories"
            yield Input(value=self.initial, placeholder="words to find…", id="search-input")
            yield Static(
                '"a phrase" · -not · this OR that · Enter to search · Esc to cancel',
                id="search-hint",
            )

    def on_mount(self) -> None:
        self._take_early()

    def _take_early(self) -> None:
        field = self.query_one("#search-input", Input)
        field.focus()
        typed = "".join(self._early)
        self._early.clear()
        if self._taken is not None:
            self._taken()
        text, enter, _ = typed.partition("\n")
        if text:
            field.value = text  # typed over what the field held
            field.cursor_position = len(text)
        if enter:
            self.dismiss(clean_line(field.value, 200) or None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(clean_line(event.value, 200) or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
