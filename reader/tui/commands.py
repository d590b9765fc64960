"""Command palette provider: every reader action, with its keys, searchable by name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.tui import keymap

if TYPE_CHECKING:
    from reader.tui.app import NewsReaderApp


class ReaderCommands(Provider):
    """The reader's actions (the same table as the keys, the footer and the help screen)."""

    def _entries(self) -> list[tuple[str, str, str]]:
        app = cast("NewsReaderApp", self.app)
        entries = []
        for action in keymap.ACTIONS:
            if not action.palette:
                continue
            keys = keymap.keys_of(action.id, app.keymap)
            entries.append((action.description, action.action, f"Key: {keys}"))
        return entries

    async def _run(self, action: str) -> None:
        from reader.tui.screens.main import MainScreen

        screen = self.screen
        if isinstance(screen, MainScreen):
            await screen.run_action(action)

    async def discover(self) -> Hits:
        for name, action, help_text in self._entries():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, action, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
