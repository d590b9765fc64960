"""The ``?`` help screen: every action with its keys (as remapped by the config)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui import keymap

KEYS_WIDTH = 14  # columns of the keys; the descriptions keep a line each

# keys the help's remapping example may give the favourite action: the first bound to nothing
EXAMPLE_KEYS = ("F", "f", "m", "M")

# the feeds tree's own keys (besides the ones above, which work there too)
TREE_KEYS = (
    ("Enter", "List the headlines of a view, a category or a feed"),
    ("l, →", "Unfold a category, or list a feed's headlines"),
    ("h, ←", "Fold a category, or go up to it from a feed"),
    ("Space", "Fold or unfold a category"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,q,question_mark", "dismiss", "Close", id="help_close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
        Binding("space,pagedown,ctrl+d,ctrl+f", "page(1)", show=False),
        Binding("b,pageup,ctrl+u,ctrl+b", "page(-1)", show=False),
        Binding("g,home", "edge(0)", show=False),
        Binding("G,end", "edge(1)", show=False),
    ]

    def __init__(self, bindings: Mapping[str, str], preset: str = "default") -> None:
        super().__init__()
        self.bindings = dict(bindings)
        self.preset = preset  # reader.keymap: "default" or "newsboat"

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", max_width=KEYS_WIDTH)  # many keys: on two lines
        table.add_column()
        table.add_column(style="dim", no_wrap=True)  # the id that [reader.keys] remaps
        for action in keymap.ACTIONS:
            if action.id.startswith("pane_") and action.id != "pane_1":
                continue
            keys = keymap.keys_of(action.id, self.bindings)
            description, binding_id = keymap.describe(action, self.preset), action.id
            if action.id == "pane_1":
                last = keymap.keys_of("pane_9", self.bindings)
                keys, description = f"{keys} … {last}", "Go to story pane 1 … 9"
                binding_id = "pane_1 … pane_9"
            elif action.id == "palette":  # Ctrl+P is Textual's own, always there
                keys = "Ctrl+P" if keys == "(none)" else f"{keys}, Ctrl+P"
            table.add_row(Text(keys), Text(description), Text(binding_id))
        tree = Table.grid(padding=(0, 2))
        tree.add_column(style="bold", width=KEYS_WIDTH)
        tree.add_column()
        for keys, description in TREE_KEYS:
            tree.add_row(Text(keys), Text(description))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "j/k, Space to scroll · Esc to close"
            yield Static(  # first: in sight on a short terminal too
                Text.assemble(
                    "Remap a key by its id (right) in the config: ",
                    ("[reader.keys]", "bold"),
                    f' favourite = "{example_key(self.bindings)}"',
                ),
                id="help-remap-top",
            )
            yield Static(table, id="help-keys")
            yield Static(Text("\nIn the feeds tree", style="bold"), id="help-tree-title")
            yield Static(tree, id="help-tree")
            yield Static(
                Text.assemble(
                    ("Marks: ", "bold"),
                    "● unread  ★ favourite  +3 related reports  ⚠ feed error "
                    f"({keymap.first_key_of('feed_error', self.bindings)} says why)",
                ),
                id="help-marks",
            )

    def on_key(self, event: events.Key) -> None:
        """The keys the help lists as working "from anywhere" work here too: quit at once (Q)
        and suspend (Ctrl+Z), as the reader's config binds them."""
        if event.key in keymap.keys_of_action("quit_now", self.bindings):
            event.stop()
            self.app.exit()
        elif event.key in keymap.keys_of_action("suspend", self.bindings):
            event.stop()
            self.app.action_suspend_process()

    @property
    def _box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def action_scroll(self, delta: int) -> None:
        self._box.scroll_relative(y=delta, animate=False)

    def action_page(self, direction: int) -> None:
        if direction > 0:
            self._box.scroll_page_down(animate=False)
        else:
            self._box.scroll_page_up(animate=False)

    def action_edge(self, bottom: int) -> None:
        if bottom:
            self._box.scroll_end(animate=False)
        else:
            self._box.scroll_home(animate=False)


def example_key(bindings: Mapping[str, str]) -> str:
    """A key to show remapping the favourite action with (``favourite = "F"``) that changes
    something under ``bindings`` (the active keymap): one no action has. Under the newsboat
    preset F is the favourite key already, and the example said to set it to itself."""
    bound = set().union(*(keymap.keys_of_action(a.id, bindings) for a in keymap.ACTIONS))
    mine = keymap.keys_of_action("favourite", bindings)
    free = [key for key in EXAMPLE_KEYS if key not in bound]
    return next(iter(free), next((k for k in EXAMPLE_KEYS if k not in mine), EXAMPLE_KEYS[0]))
