"""Subscribing from inside the reader: the "Add a feed" prompt and the "Remove this feed?" question.

Both only ask; the main screen does the work (``refresh.add_subscription`` and
``refresh.remove_subscription``, as ``newsreader add`` and ``newsreader remove``) in workers.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.textutil import clean_line


@dataclass(frozen=True, slots=True)
class NewFeed:
    """What the prompt was given: an address (a feed's or a website's) and a category."""

    address: str
    category: str = ""


class Field(Input):
    """An input field where Tab moves on at once, and keys typed right after it go where it went.

    Keys reach the focused widget in the order typed, but a binding runs only once its key has
    come up to the app: with Tab left to the screen's binding, keys typed fast after it (a
    category after the address) were already queued for this field, and went into it. Here
    Tab moves the focus as soon as this field gets it, and what is typed after it and still
    comes here is put in the field that has the focus now."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused  # (has_focus follows it later, with the Blur event)
        if event.key in ("tab", "shift+tab") and focused is self:
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()
            return
        if event.is_printable and focused is not self and isinstance(focused, Input):
            event.stop()
            event.prevent_default()
            focused.insert_text_at_cursor(event.character or "")
            return
        await super()._on_key(event)


class AddFeedScreen(ModalScreen[NewFeed | None]):
    """Asks for the address of a feed (or of a website that names its feed) and a category."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add_feed_cancel")]  # noqa: RUF012

    def __init__(self, categories: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.categories = categories  # the ones there are, offered as examples

    def compose(self) -> ComposeResult:
        with Vertical(id="add-feed-box", classes="prompt-box") as box:
            box.border_title = "Add a feed"
            yield Field(
                placeholder="address: https://example.com/feed.xml, or a website's",
                id="add-feed-address",
            )
            known = ", ".join(clean_line(c, 30) for c in self.categories[:3] if c)
            yield Field(
                placeholder=f"category (optional{': ' + known if known else ''})",
                id="add-feed-category",
            )
            yield Static(
                "Enter adds it (a website's page is searched for its feed) · Tab: category · "
                "Esc cancels",
                id="add-feed-hint",
                classes="prompt-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#add-feed-address", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        address = clean_line(self.query_one("#add-feed-address", Input).value, 2000)
        if not address:
            self.query_one("#add-feed-hint", Static).update(
                Text("Type the address of a feed or of a website first (Esc cancels).")
            )
            self.query_one("#add-feed-address", Input).focus()
            return
        category = clean_line(self.query_one("#add-feed-category", Input).value, 100)
        self.dismiss(NewFeed(address, category))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y answers yes; n or Esc, no."""

    BINDINGS = [  # noqa: RUF012
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, title: str, question: str) -> None:
        """``title``: fixed words (shown as markup); ``question`` may hold data (a feed's name)."""
        super().__init__()
        self.title_text = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="prompt-box") as box:
            box.border_title = self.title_text
            yield Static(Text(self.question), id="confirm-question")
            yield Static("y: yes · n or Esc: no", id="confirm-hint", classes="prompt-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
