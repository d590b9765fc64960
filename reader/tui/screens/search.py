"""The ``/`` search prompt: full-text search into the headline list.

Started from a view other than All (Favourites, a feed, a category, Unread, Today) it searches
that view, and says so in its title; Tab widens it to every story (and back). From All, or
with Tab, it searches every headline and story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.textutil import clean_line

EVERYTHING = "Search all headlines and stories"
SYNTAX = '"a phrase" · -not · this OR that'


@dataclass(frozen=True, slots=True)
class Search:
    """What the prompt was given: the words, and whether only the view it was started from
    is searched (``within``), not every story."""

    query: str
    within: bool


class SearchScreen(ModalScreen[Search | None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="search_cancel"),
        Binding("tab", "toggle_scope", "Search this view / everything", id="search_scope"),
    ]

    def __init__(
        self,
        query: str = "",
        early: list[str] | None = None,
        taken: Callable[[], None] | None = None,
        *,
        view_name: str = "",
        within: bool = False,
    ) -> None:
        """``early``: what was typed after the search key before this prompt was up (a fast
        typist, a paste; "\\n" for Enter), filled by the screen below until ``taken`` is
        called. ``view_name``: the view the search can be kept to (none: every story is
        searched), ``within``: whether it is at first."""
        super().__init__()
        self.initial = query
        self._early = early if early is not None else []
        self._taken = taken
        self.view_name = clean_line(view_name, 40)
        self.within = within and bool(self.view_name)

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield Input(value=self.initial, placeholder="words to find…", id="search-input")
            yield Static(f"{SYNTAX} · Enter to search · Esc to cancel", id="search-hint")
            yield Static(id="search-scope", markup=False)

    def on_mount(self) -> None:
        self._show_scope()
        self._take_early()

    def _show_scope(self) -> None:
        """The title says what is searched; the line under the hint, how to change it."""
        box = self.query_one("#search-box")
        # (a feed's title is data: Content, never markup)
        box.border_title = Content(f"Search {self.view_name} only" if self.within else EVERYTHING)
        scope = self.query_one("#search-scope", Static)
        scope.display = bool(self.view_name)
        if self.within:
            scope.update("Tab: search every story instead")
        elif self.view_name:
            scope.update(f"Tab: search {self.view_name} only")

    def action_toggle_scope(self) -> None:
        if self.view_name:
            self.within = not self.within
            self._show_scope()

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
            self._done(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._done(event.value)

    def _done(self, value: str) -> None:
        query = clean_line(value, 200)
        self.dismiss(Search(query, self.within) if query else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
