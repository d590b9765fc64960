"""Command palette provider: every reader action with its keys, and every view and feed to go to."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.models import View
from reader.textutil import clean_line
from reader.tui import keymap
from reader.tui.widgets.feeds import SMART_VIEWS

if TYPE_CHECKING:
    from reader.tui.app import NewsReaderApp
    from reader.tui.screens.main import MainScreen

FEED_HITS = 500  # feeds offered while nothing is typed are the first this many
NEAR = 0.99  # the best score of a partial match: a view named exactly as typed comes first


def ranked(score: float) -> float:
    """The fuzzy matcher's score (0 up, no upper bound: "add" scores 12 on "Add a feed" and
    5.8 on "Next headline / scroll down") as a hit's, in its order and below NEAR; capped at
    NEAR instead, every hit would tie and "add" would list "Next headline" first."""
    return NEAR * score / (score + 1)


class ReaderCommands(Provider):
    """The reader's actions (the same table as the keys, the footer and the help screen), then
    "Go to" the smart views and every feed by its title (titles are data, never markup)."""

    def _main(self) -> MainScreen | None:
        from reader.tui.screens.main import MainScreen

        return self.screen if isinstance(self.screen, MainScreen) else None

    def _entries(self) -> list[tuple[str, str, str]]:
        app = cast("NewsReaderApp", self.app)
        entries = []
        for action in keymap.ACTIONS:
            if not action.palette:
                continue
            keys = keymap.keys_of(action.id, app.keymap)
            description = keymap.describe(action, app.config.reader.keymap)
            entries.append((description, action.action, f"Key: {keys}"))
        if app.config.problems or app.config.warnings:
            from reader.tui.screens.main import CONFIG_COMMAND

            entries.append((CONFIG_COMMAND, "config_problems", "The config file's list"))
        return entries

    def _views(self) -> list[tuple[str, View, str]]:
        views = [(f"Go to {view.label}", view, "View") for view in SMART_VIEWS]
        screen = self._main()
        if screen is not None:
            feeds = list(screen.feeds_tree.feeds.values())
            for category in sorted({feed.category for feed in feeds}):
                name = clean_line(category, 40) or "Uncategorised"
                views.append((f"Go to {name}", View("category", category=category), "Category"))
            for feed in feeds:
                title = clean_line(feed.display_title, 80)
                category = clean_line(feed.category, 40) or "Uncategorised"
                views.append(
                    (f"Go to {title}", View("feed", feed_id=feed.id), f"Feed · {category}")
                )
        return views

    async def _run(self, action: str) -> None:
        screen = self._main()
        if screen is not None:
            await screen.run_action(action)

    def _go(self, view: View) -> None:
        screen = self._main()
        if screen is not None:
            screen.go_to_view(view)

    async def discover(self) -> Hits:
        for name, action, help_text in self._entries():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)
        for name, view, help_text in self._views()[:FEED_HITS]:
            yield DiscoveryHit(Content(name), partial(self._go, view), text=name, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        wanted = " ".join(query.split()).casefold()
        for name, action, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    ranked(score), matcher.highlight(name), partial(self._run, action),
                    help=help_text,
                )  # fmt: skip
        for name, view, help_text in self._views():
            score = matcher.match(name)
            if name.removeprefix("Go to ").casefold() == wanted:
                score = 1.0  # "all" goes to All before "Refresh all"
            if score > 0:  # Content(name): a feed's title is shown as it is, never as markup
                yield Hit(
                    1.0 if score == 1.0 else ranked(score), Content(name),
                    partial(self._go, view), text=name, help=help_text,
                )  # fmt: skip
