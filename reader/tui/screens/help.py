"""The ``?`` help screen: every action with its keys (as remapped by the config)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui import keymap


class HelpScreen(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, bindings: Mapping[str, str]) -> None:
        super().__init__()
        self.bindings = dict(bindings)

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_column(style="dim", no_wrap=True)  # the id that [reader.keys] remaps
        for action in keymap.ACTIONS:
            if action.id.startswith("pane_") and action.id != "pane_1":
                continue
            keys = keymap.keys_of(action.id, self.bindings)
            description, binding_id = action.description, action.id
            if action.id == "pane_1":
                last = keymap.keys_of("pane_9", self.bindings)
                keys, description = f"{keys} … {last}", "Go to story pane 1 … 9"
                binding_id = "pane_1 … pane_9"
            table.add_row(Text(keys), Text(description), Text(binding_id))
        table.add_row(Text("Ctrl+P"), Text("Command palette (every action)"), Text(""))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc to close"
            yield Static(table, id="help-keys")
            yield Static(
                Text.assemble(
                    "Remap a key by its id (right) in the config: ",
                    ("[reader.keys]", "bold"),
                    ' favourite = "F"',
                ),
                id="help-remap",
            )
            yield Static(
                Text.assemble(
                    ("Marks: ", "bold"),
                    "● unread  ★ favourite  +3 related reports  ⚠ feed error (e says why)",
                ),
                id="help-marks",
            )

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=delta, animate=False)
