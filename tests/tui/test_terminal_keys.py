"""[reader.keys] takes only keys a terminal can press: Alt+f arrives as Ctrl+→ (Esc f), and a
modifier with a character name is a key no terminal has a code for; each is said at start and
the action keeps its own key."""

from __future__ import annotations

import pytest

from reader.models import View
from reader.store import Store
from reader.tui.keymap import cannot_send, key_name
from reader.tui.screens.main import MainScreen

from .conftest import make_config, new_app, screen_text, settle


def said(app: object) -> str:
    return "\n".join(str(n.message) for n in app._notifications)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("alt+f", "just as it sends Ctrl+right"),
        ("ctrl+shift+alt+banana", "a terminal has no code for it"),
        ("ctrl+h", "just as it sends backspace"),
    ],
)
async def test_a_key_no_terminal_can_press_is_said_and_the_old_key_kept(
    store: Store, given: str, why: str
) -> None:
    app = new_app(store, make_config(keys={"favourite": given}))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        text = said(app)
        assert f"[reader.keys] favourite = {given!r}: no terminal can press that" in text
        assert why in text and "its own key is kept" in text
        assert "banana" not in screen_text(app) and "🍌" not in screen_text(app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None
        await pilot.press("f")
        await settle(pilot)
        saved = store.article(article.id)
        assert saved is not None and saved.is_favourite


async def test_keys_a_terminal_sends_work_in_any_modifier_order(store: Store) -> None:
    keys = {"favourite": "Alt+x", "toggle_read": "shift+ctrl+down", "help": "Shift+W"}
    app = new_app(store, make_config(keys=keys))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "[reader.keys]" not in said(app)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article = screen.table.current
        assert article is not None
        await pilot.press("alt+x", "ctrl+shift+down")
        await settle(pilot)
        saved = store.article(article.id)
        assert saved is not None and saved.is_favourite and saved.is_read
        assert store.count(View("favourites")) == 1


def test_what_textual_reads_from_a_terminal_is_what_is_accepted() -> None:
    for written in ("ctrl+r", "^R", "alt+x", "shift+tab", "ctrl+up", "f5", "?", "space"):
        name = key_name(written)
        assert name is not None and cannot_send(name) is None, written
    for written in ("alt+b", "alt+0", "ctrl+shift+a", "alt+question_mark", "super+x"):
        name = key_name(written)
        assert name is not None and cannot_send(name), written
