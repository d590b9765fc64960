"""Every reader action: binding id, default keys, description; the newsboat preset; config overrides.

Binding ids are what ``[reader.keys]`` in the config remaps (``favourite = "F"``); the same table feeds
the footer, the ``?`` help screen and the command palette, so an action cannot be missing from one.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.keys import KEY_NAME_REPLACEMENTS, Keys

from reader.config import Config


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    keys: str  # Textual key names, comma separated
    action: str  # screen action name (without "action_")
    description: str
    footer: bool = False  # shown in the footer (all are shown in help and the palette)
    palette: bool = True
    short: str = ""  # the footer's label, when shorter than the description

    @property
    def label(self) -> str:
        return self.short or self.description


ACTIONS: tuple[Action, ...] = (
    Action("open", "enter", "open", "Open story"),
    Action("down", "j,down", "move(1)", "Next headline / scroll down"),
    Action("up", "k,up", "move(-1)", "Previous headline / scroll up"),
    Action(
        "next_unread",
        "n",
        "next_unread(1)",
        "Next unread (then the next feed's)",
        footer=True,
        short="Next unread",
    ),
    Action("prev_unread", "N", "next_unread(-1)", "Previous unread"),
    Action("next_feed", "J", "next_feed(1)", "Next feed or view (or category)"),
    Action("prev_feed", "K", "next_feed(-1)", "Previous feed or view (or category)"),
    Action(
        "page_down",
        "space,pagedown,ctrl+f,ctrl+d",
        "page(1)",
        "Page down",
    ),
    Action("page_up", "b,pageup,ctrl+b,ctrl+u", "page(-1)", "Page up"),
    Action("top", "g,home", "edge(0)", "Go to top"),
    Action("bottom", "G,end", "edge(1)", "Go to bottom"),
    Action("favourite", "f", "favourite", "Favourite story", footer=True, short="Favourite"),
    Action("toggle_read", "u", "toggle_read", "Toggle read"),
    Action("mark_all_read", "A", "mark_all_read", "Mark view read"),
    Action("mark_feeds_read", "C", "mark_everything_read", "Mark every feed read"),
    Action("undo", "U", "undo", "Undo mark read"),
    Action("refresh", "r", "refresh(False)", "Refresh feed"),
    Action("refresh_all", "R", "refresh(True)", "Refresh all"),
    Action("add_feed", "a", "add_feed", "Add a feed (its address, or a website's)"),
    Action("remove_feed", "D", "remove_feed", "Remove this feed (its favourites stay)"),
    Action("open_browser", "o", "open_browser", "Open in browser"),
    Action("copy_link", "y", "copy_link", "Copy link"),
    Action("links", "L", "show_links", "Story links: open, copy, read one here"),
    Action("toggle_summary", "s", "toggle_summary", "Summary on/off", footer=True, short="Summary"),
    Action("cycle_algorithm", "S", "cycle_algorithm", "Next summary method"),
    Action("search", "slash", "search", "Search", footer=True),
    Action("collapse_groups", "c", "collapse_groups", "One headline per story on/off"),
    Action("hide_read", "H", "toggle_hide_read", "Hide read headlines on/off"),
    Action("feed_error", "e", "feed_error", "Show feed error"),
    Action("toggle_tree", "t", "toggle_tree", "Feeds tree on/off (more room for titles)"),
    Action(
        "next_pane",
        "tab",
        "cycle_focus(1)",
        "Next pane: feeds, headlines, stories (a story on the whole screen: its panes)",
    ),
    Action("prev_pane", "shift+tab", "cycle_focus(-1)", "Previous pane"),
    # l, → and h, ← step through the story panes; where there is none to step to they go in
    # (as Enter) and out (as Esc) a level: the tree lists a feed with l, → itself, the headlines
    # open the story, and h, ← lead back from pane 1 to the headlines, from them to the feeds
    Action("next_story_pane", "l,right", "step_pane(1)", "Next story pane, else as Enter"),
    Action("prev_story_pane", "h,left", "step_pane(-1)", "Previous story pane, else Back"),
    Action("maximise", "z", "maximise", "Story panes fill the screen"),
    Action("close_pane", "x", "close_pane", "Close pane"),
    Action("help", "question_mark", "help", "Help", footer=True),
    Action(
        "palette",
        "colon",
        "app.command_palette",
        "Command palette (actions, go to a feed)",
        palette=False,
    ),
    Action("quit", "q", "quit", "Quit", footer=True),
    # from the headlines to the feeds tree (l, →, Enter came in from there), from a story back
    # to the headlines; the footer says which ("Esc Feeds"), after q (at 80 columns, what q
    # does stays in sight). h and ← do it too, from pane 1 (see prev_story_pane).
    Action("back", "escape", "back", "Back (from the headlines: to the feeds)"),
    Action("quit_now", "Q,ctrl+q", "quit_now", "Quit at once (from anywhere)"),
    Action("suspend", "ctrl+z", "app.suspend_process", "Suspend to the shell (fg returns)"),
    *(
        Action(f"pane_{n}", str(n), f"pane({n})", f"Go to pane {n}", palette=n == 1)
        for n in range(1, 10)
    ),
)
BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}

# newsboat's habits: p/n for unread, N toggles read (J/K between feeds, Q quits: as by default;
# l, → open and h, ← go back a level, as vim-minded newsboat users bind them, by default too).
NEWSBOAT: dict[str, str] = {
    "prev_unread": "p",
    "toggle_read": "N",
    "favourite": "F",
    "undo": "ctrl+u",
    "toggle_summary": "s",
    "page_up": "b,pageup,ctrl+b",  # (Ctrl+U is undo)
    "page_down": "space,pagedown,ctrl+f,ctrl+d",
    "copy_link": "y",
    "links": "u",  # newsboat's "show URLs" (u is not toggle_read here: N is)
    "feed_error": "E",
    "help": "question_mark",
}


# what an action does otherwise under the newsboat preset (the help and the palette say so; the
# footer says what q does at the moment: "Back" or "Quit")
NEWSBOAT_DESCRIPTIONS: dict[str, str] = {
    "quit": "Back a level (quit from the feeds)",
}


def describe(action: Action, preset: str) -> str:
    """The action's description under the key preset (``reader.keymap``)."""
    if preset == "newsboat":
        return NEWSBOAT_DESCRIPTIONS.get(action.id, action.description)
    return action.description


def bindings() -> list[BindingType]:
    """The screen's bindings, one per action, each with its id."""
    return [
        Binding(a.keys, a.action, a.label, show=a.footer, id=a.id, tooltip=a.description)
        for a in ACTIONS
    ]


def keymap_for(config: Config) -> tuple[dict[str, str], list[str]]:
    """(binding id -> keys, problems): the preset chosen in the config, then its [reader.keys]."""
    keymap: dict[str, str] = dict(NEWSBOAT) if config.reader.keymap == "newsboat" else {}
    problems: list[str] = []
    overrides: Mapping[str, str] = config.reader.keys
    for binding_id, keys in overrides.items():
        if binding_id not in BY_ID:
            problems.append(
                f"[reader.keys] {binding_id}: no such action (known: {', '.join(sorted(BY_ID))})"
            )
            continue
        given = [k.strip() for k in keys.split(",") if k.strip()]
        wanted = [key_name(k) for k in given]
        bad = [k for k, name in zip(given, wanted, strict=True) if name is None]
        if bad or not wanted:
            which = f" ({', '.join(repr(k) for k in bad)})" if len(given) > 1 else ""
            problems.append(
                f"[reader.keys] {binding_id} = {keys!r}: not a key name{which}; examples: "
                '"F", "ctrl+f", "^R", "f5", "space", "pgdn"; its own key is kept'
            )
            continue
        unsendable = [(k, why) for k in wanted if k and (why := cannot_send(k))]
        if unsendable:
            reasons = "; ".join(f"{display_key(k)}: {why}" for k, why in unsendable)
            problems.append(
                f"[reader.keys] {binding_id} = {keys!r}: no terminal can press that ({reasons}); "
                "its own key is kept"
            )
            continue
        keymap[binding_id] = ",".join(k for k in wanted if k)
    # a key given to an action is taken from any other that had it, and that is said
    for binding_id in overrides:
        if binding_id not in keymap or binding_id not in BY_ID:
            continue
        mine = set(keymap[binding_id].split(","))
        for other in ACTIONS:
            if other.id == binding_id or other.id in overrides:
                continue
            theirs = keymap.get(other.id, other.keys).split(",")
            taken = [k for k in theirs if k in mine]
            if not taken:
                continue
            left = [k for k in theirs if k not in mine]
            keymap[other.id] = ",".join(left)
            shown = ", ".join(display_key(k) for k in taken)
            rest = (
                f"it keeps {', '.join(display_key(k) for k in left)}"
                if left
                else f"it has no key now: give it one in [reader.keys] {other.id} = ..."
            )
            problems.append(
                f"[reader.keys] {binding_id}: {shown} was the key of {other.description!r}; {rest}"
            )
    return keymap, problems


_MODIFIERS = {"ctrl": "ctrl", "control": "ctrl", "c": "ctrl", "alt": "alt", "meta": "alt"}
_MODIFIERS |= {"m": "alt", "shift": "shift", "super": "super"}
# what the help shows, and other names people write, as the key names Textual gives
_ALIASES = {
    "esc": "escape",
    "return": "enter",
    "pgdn": "pagedown",
    "pgup": "pageup",
    "page_down": "pagedown",
    "page_up": "pageup",
    "del": "delete",
    "ins": "insert",
    "bs": "backspace",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
}
# escape, enter, tab, space, backspace, delete, insert, home, end, the arrows, pageup, f1-f24
_NAMED = frozenset(k.value for k in Keys if k.value.isalnum())


def key_name(text: str) -> str | None:
    """A key as written in the config, as Textual names it; None when it names no key.

    Takes Textual's names ("ctrl+f", "question_mark", "pagedown"), single characters ("F",
    "?"), what the help shows ("Ctrl+f", "PgDn", "Esc", "↓") and newsboat's, vim's and emacs'
    ways of writing a control key ("^R", "<C-r>", "C-r")."""
    text = text.strip()
    if len(text) == 1:
        return _character(text)
    if text.startswith("<") and text.endswith(">"):  # vim: <C-r>, <PageDown>
        text = text[1:-1]
    if len(text) == 2 and text.startswith("^"):  # newsboat: ^R
        text = f"ctrl+{text[1]}"
    words = re.split(r"[+-](?=.)", text) if len(text) > 1 else [text]
    *modifiers, key = words
    mods = [_MODIFIERS.get(m.lower()) for m in modifiers]
    if any(m is None for m in mods):
        return None
    if len(key) == 1:
        name = _character(key.lower() if "ctrl" in mods else key)
    else:
        lowered = key.lower()
        name = _ALIASES.get(lowered, lowered)
        if name not in _NAMED and not _is_character_name(name):
            return None
    if mods == ["shift"] and len(name) == 1 and name.isalpha():
        return name.upper()  # a terminal sends Shift+f as "F"
    wanted = {m for m in mods if m}
    # in the order Textual names them ("ctrl+shift+up", "alt+shift+x"), whatever the order given
    for sent in _terminal_keys():
        *sent_mods, sent_key = sent.split("+")
        if sent_key == name and set(sent_mods) == wanted:
            return sent
    return "+".join([*(m for m in mods if m), name])


@functools.cache
def _terminal_keys() -> frozenset[str]:
    """The key names with modifiers that Textual can give for what a terminal sends (its table
    of escape sequences, and Alt+letter as Esc then the letter)."""
    try:
        from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
    except ImportError:  # (a private table: if it moves, no key is refused for it)
        return frozenset()
    names = {
        k.value for keys in ANSI_SEQUENCES_KEYS.values() if isinstance(keys, tuple) for k in keys
    }
    for char in string.ascii_letters:
        if f"\x1b{char}" not in ANSI_SEQUENCES_KEYS:  # (Esc f is ctrl+right, Esc b ctrl+left)
            names.add(f"alt+shift+{char.lower()}" if char.isupper() else f"alt+{char}")
    return frozenset(n for n in names if "+" in n)


def cannot_send(name: str) -> str | None:
    """Why no terminal can press the key ``name`` (as key_name gives it) so that the reader
    sees that key; None when one can. Keys with modifiers are the ones terminals have a code
    for: Ctrl+letter, Alt+letter, Shift+Tab, Ctrl/Shift with the arrows and editing keys."""
    sent = _terminal_keys()
    if "+" not in name or not sent or name in sent:
        return None
    *mods, key = name.split("+")
    arrives = _arrives_as(mods, key)
    if arrives:
        return f"a terminal sends it just as it sends {display_key(arrives)}, so the two cannot be told apart"
    return (
        "a terminal has no code for it: modifiers go with letters, arrows and editing keys, "
        "as in ctrl+r, alt+x, shift+tab, ctrl+up"
    )


def _arrives_as(mods: list[str], key: str) -> str | None:
    """The key Textual reads when a terminal sends Alt+``key`` (Esc, then it) or Ctrl+``key``
    (a control character), where that is another key: Alt+f is Ctrl+→, Ctrl+h Backspace."""
    if len(key) != 1 or mods not in (["alt"], ["ctrl"]):
        return None
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    if mods == ["alt"]:
        sent = f"\x1b{key}"
    elif key.isascii() and key.isalpha():
        sent = chr(ord(key) & 0x1F)
    else:
        return None
    keys = ANSI_SEQUENCES_KEYS.get(sent)
    if isinstance(keys, tuple) and keys:
        return str(keys[0].value)
    return keys if isinstance(keys, str) else None


def _character(char: str) -> str:
    """A typed character's key name, as Textual gives it ("?" -> "question_mark")."""
    if char.isalnum():
        return char
    if char in _ALIASES:
        return _ALIASES[char]
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _is_character_name(name: str) -> bool:
    """Whether ``name`` is a character's key name ("question_mark", "slash", "full_stop")."""
    replaced = {v: k for k, v in KEY_NAME_REPLACEMENTS.items()}.get(name, name)
    try:
        unicodedata.lookup(replaced.replace("_", " "))
    except KeyError:
        return False
    return True


def keys_of_action(action_id: str, keymap: Mapping[str, str]) -> set[str]:
    """The key names bound to an action under ``keymap`` ("slash"), as key events name them."""
    keys = keymap.get(action_id, BY_ID[action_id].keys)
    return {k.strip() for k in keys.split(",") if k.strip()}


def keys_of(action_id: str, keymap: Mapping[str, str]) -> str:
    """The keys bound to an action under ``keymap``, for display."""
    keys = keymap.get(action_id, BY_ID[action_id].keys)
    if not keys:  # its keys went to other actions ([reader.keys])
        return "(none)"
    return ", ".join(display_key(k) for k in keys.split(","))


def first_key_of(action_id: str, keymap: Mapping[str, str]) -> str:
    """The first of the keys bound to an action, for a sentence ("e shows why")."""
    return keys_of(action_id, keymap).split(", ")[0]


def key_in(node: DOMNode, action_id: str) -> str:
    """The first key of an action under the running reader's keymap, for a sentence a widget
    says ("f on a headline keeps it"): every key named on screen comes from the active keymap."""
    return first_key_of(action_id, getattr(node.app, "keymap", {}))


_DISPLAY = {
    "question_mark": "?",
    "slash": "/",
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "colon": ":",
}


def display_key(key: str) -> str:
    key = key.strip()
    if key in _DISPLAY:
        return _DISPLAY[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:]
    return key
