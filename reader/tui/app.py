"""The newsreader Textual app: a small shell around the main screen.

``run(config, store, open_target)`` is what the CLI calls. ``NewsReaderApp`` takes the store and
config as attributes (passed down to the screens) and an injectable clock, so tests can fix "now".
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from rich.console import RenderableType
from rich.text import Text
from textual.app import App, SystemCommand
from textual.color import Color
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer
from textual.worker import Worker, WorkerState

from reader import crashlog, reading
from reader.config import Config
from reader.models import View
from reader.store import Store, StoreBusy, StoreError
from reader.textutil import clean_line
from reader.tui import hints, keymap
from reader.tui.commands import ReaderCommands
from reader.tui.screens.main import MainScreen
from reader.tui.widgets.deck import StoryDeck
from reader.tui.widgets.status import StatusBar

DEFAULT_THEME = "textual-dark"
SWITCH_INTERVAL = 0.001  # seconds; see NewsReaderApp.on_mount
ERROR_TIMEOUT = 8.0  # seconds a worker's error shows (the same one is not said again meanwhile)
THEME_KEY = "reader.theme"  # the store's meta key for the theme picked in the palette
THEME_SAVE_DELAY = 1.0  # seconds a picked theme stays before it is kept (the picker previews)
# saving the config's feeds at the start (sync_feeds) takes milliseconds; still not done after
# this many seconds, another program holds the database and the status line says so
SYNC_SAID_AFTER = 0.2
SYNC_RETRY = 1.0  # seconds between tries while the database stays busy (each waits 5 s itself)


def _now() -> datetime:
    return datetime.now(UTC)


def saved_theme(store: Store, config: Config) -> str | None:
    """The theme picked in the reader last time (Ctrl+P, Theme), unless ``reader.theme`` in the
    config changed since (then the config's wins); None when there is none. Never raises."""
    theme = reading.kept_choice(store, THEME_KEY, "theme", "config", config.reader.theme)
    return theme if isinstance(theme, str) else None


def save_theme(store: Store, config: Config, theme: str) -> None:
    """Keep the picked theme for the next start (with the config value it was picked under), as
    H's choice is kept."""
    reading.keep_choice(store, THEME_KEY, "theme", theme, "config", config.reader.theme)


DIVIDER_DARK = 0.25  # share of the foreground in the dividers of a dark theme
DIVIDER_LIGHT = 0.45  # and of a light one


class NewsReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "newsreader"
    COMMANDS = App.COMMANDS | {ReaderCommands}
    ENABLE_COMMAND_PALETTE = True
    # Textual's own commands the reader has better words for: "Maximise pane" (z), "Help" (?)
    _SHADOWED = frozenset({"Keys", "Maximize", "Minimize"})

    @dataclass
    class SyncBusy(Message):
        """The config's feeds could not be saved yet: ``holder`` holds the database."""

        holder: str

    @dataclass
    class FeedsSynced(Message):
        """The config's feeds are saved (after the start's wait for the database), or
        ``error`` says why they could not be (not a busy database: that is waited for)."""

        error: str = ""

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and ``$divider``: the lines between the tree, the list and the
        panes, the foreground at DIVIDER_DARK in a dark theme (quiet) and DIVIDER_LIGHT in a
        light one, where the same share was faint (grey 248 on 252). A theme may set its own."""
        variables = super().get_css_variables()
        if "divider" not in variables and "foreground" in variables:
            share = DIVIDER_DARK if self.current_theme.dark else DIVIDER_LIGHT
            variables["divider"] = Color.parse(variables["foreground"]).with_alpha(share).css
        return variables

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title not in self._SHADOWED:
                yield command

    def __init__(
        self,
        config: Config,
        store: Store,
        *,
        open_target: str | None = None,
        clock: Callable[[], datetime] = _now,
        background_refresh: bool = False,
        refresh_every: float | None = None,
        notes: Sequence[str] = (),
        sync_feeds: bool = False,
    ) -> None:
        super().__init__()
        # the config's feeds are saved to the database once the screen is up (in a worker: a
        # database another program holds locked must not keep the terminal blank)
        self.sync_feeds = sync_feeds
        self._sync_stop = threading.Event()
        self._syncing = False  # the config's feeds are being saved (sync_feeds)
        self._sync_said = False  # and the reader said another program holds the database
        self.main_screen: MainScreen  # (pushed in on_mount)
        self.notes = tuple(notes)  # said when the reader starts (a busy database, ...)
        self.config = config
        self.store = store
        self.clock = clock
        store.clock = clock  # "Today" starts at the midnight of this clock's day
        self.open_target = open_target
        self.background_refresh = background_refresh
        # the view and headline to keep for the next start, when they changed since the last save
        # (written by run() once the screen is closed: quitting never waits on the disk)
        self.place_to_save: tuple[View, int | None] | None = None
        # seconds between automatic refreshes (None: the config's refresh.interval_minutes)
        self.refresh_every = refresh_every
        self.keymap, self.keymap_problems = keymap.keymap_for(config)
        self._switch_interval = sys.getswitchinterval()  # restored when the reader closes
        self._errors_said: dict[str, float] = {}  # error text -> when it was last said
        self._theme_timer: Timer | None = None

    def on_mount(self) -> None:
        # A refresh or a summary runs in a worker thread of this process; the interpreter lets a
        # busy thread keep the GIL for up to the switch interval each time the screen's thread
        # asks for it. 1 ms instead of 5 keeps keys quick while such work runs.
        sys.setswitchinterval(SWITCH_INTERVAL)
        theme = self.config.reader.theme
        picked = saved_theme(self.store, self.config)
        if picked is not None and picked in self.available_themes:
            self.theme = picked  # (a picked theme that no longer exists: the config's)
        elif theme in self.available_themes:
            self.theme = theme
        else:
            self.theme = DEFAULT_THEME
            self.notify(
                f"Unknown theme {clean_line(theme, 60)!r}; using {DEFAULT_THEME}. "
                f"Themes: {', '.join(sorted(self.available_themes))}",
                severity="warning",
                markup=False,
            )
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_keymap(self.keymap)
        feeds = self.feeds_as()
        problems = self.config.problems
        if len(problems) == 1:
            self.notify(
                f"The config could not be read in full: {clean_line(problems[0], 300).rstrip('.')}. "
                f"Built-in settings stand in for what could not be read, and {feeds}. Fix the "
                "file and start again.",
                title="Config problem",
                severity="error",
                timeout=30,
                markup=False,
            )
        elif problems:  # one toast: one each filled the screen, and those beyond it went unseen
            key = keymap.first_key_of("feed_error", self.keymap)
            self.notify(
                hints.config_problems_short(problems, feeds, key),
                title="Config problems",
                severity="error",
                timeout=30,
                markup=False,
            )
        for problem in self.keymap_problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)
        for note in self.notes:
            self.notify(clean_line(note, 500), severity="warning", timeout=20, markup=False)
        # the config's warnings in one short toast (e shows them in full): one ~5-line toast
        # each covered the list at 80x24
        if self.config.warnings:
            key = keymap.first_key_of("feed_error", self.keymap)
            short = hints.config_warnings_short(self.config.warnings, key)
            self.notify(short, severity="warning", timeout=12, markup=False)
        if self.store.upgrade_note:  # news, not a problem
            self.notify(
                clean_line(self.store.upgrade_note, 500),
                title="Upgraded",
                severity="information",
                timeout=15,
                markup=False,
            )
        if self.store.recovery_note:  # a repair, or a database that cannot be written: long
            self.notify(
                clean_line(self.store.recovery_note, 500),
                title="Database",
                severity="warning",
                timeout=60,
                markup=False,
            )
        screen = self.main_screen = MainScreen(self.open_target)
        self.push_screen(screen)
        if self.sync_feeds:
            self._syncing = True
            self.set_timer(SYNC_SAID_AFTER, self._say_sync_waits)
            self.run_worker(
                self._save_config_feeds,
                thread=True,
                exit_on_error=False,
                group="sync",
                name="saving the config's feeds",
            )
        else:
            self._start_refreshing()

    @property
    def _every(self) -> float:
        """Seconds between the timed refreshes (0: none)."""
        every = self.refresh_every
        return every if every is not None else self.config.refresh.interval_minutes * 60

    @property
    def refreshes_at_start(self) -> bool:
        """Whether a refresh starts as the reader does (once the config's feeds are saved):
        the timed refreshes are on (background_refresh: not in tests)."""
        return self.background_refresh and self._every > 0

    def _start_refreshing(self) -> None:
        """The timed refreshes, and the first one now (background_refresh: not in tests)."""
        every = self._every
        screen = self.main_screen
        if self.refreshes_at_start:
            self.set_interval(every, lambda: screen.start_refresh(None))
            self.call_after_refresh(screen.start_refresh, None)

    def _save_config_feeds(self) -> None:
        """Save the config's feed list to the database (in a worker thread), trying again
        while another program holds it locked, until it is done or the reader quits."""
        said = None
        while not self._sync_stop.is_set():
            try:
                self.store.sync_config_feeds(self.config.feeds)
            except StoreBusy as exc:
                if exc.holder != said:
                    said = exc.holder
                    self.post_message(self.SyncBusy(exc.holder))
                self._sync_stop.wait(SYNC_RETRY)
                continue
            except StoreError as exc:  # (read-only, damaged: said, and the reader goes on)
                self.post_message(self.FeedsSynced(str(exc)))
                return
            self.post_message(self.FeedsSynced())
            return

    def _say_sync_waits(self) -> None:
        """The save outlasts a glance (a busy machine, or a lock not yet reported): said in
        neutral words. Only the store's StoreBusy (SyncBusy) says the database is busy."""
        if self._syncing and not self._sync_said:
            self._show_waiting("Saving your config's feeds…")

    def _show_waiting(self, text: str) -> None:
        for bar in self.main_screen.query(StatusBar):
            bar.show_waiting(text)

    def on_news_reader_app_sync_busy(self, message: SyncBusy) -> None:
        if not self._syncing:
            return
        self._sync_said = True
        self._show_waiting("Database busy: waiting for it…")
        holder = clean_line(message.holder, 120) or "another program"
        self.notify(
            f"The database is busy: {holder} holds it locked. The reader waits for it to save "
            "your config's feeds, and shows the database as it is meanwhile; what you change "
            "may not be saved until it is free.",
            title="Database",
            severity="warning",
            timeout=20,
            markup=False,
        )

    def on_news_reader_app_feeds_synced(self, message: FeedsSynced) -> None:
        self._syncing = False
        self._show_waiting("")
        if message.error:
            self.notify(
                "Your config's feeds could not be saved to the database: "
                f"{clean_line(message.error, 300)}",
                title="Database",
                severity="error",
                timeout=20,
                markup=False,
            )
        elif self._sync_said:
            self.notify(
                "The database is free again: your config's feeds are saved.",
                title="Database",
                timeout=5,
                markup=False,
            )
        if not message.error:
            self.main_screen.load_counts()  # the tree lists the config's feeds
            self.main_screen.table.reload()
        self._start_refreshing()

    def feeds_as(self) -> str:
        """What became of the feed list, for the config's problems."""
        if self.config.feeds_sure:
            return "your feeds are as configured"
        return f"your feeds are as they were (database: {self.store.path})"

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._switch_interval)

    def _end_batch(self) -> None:
        """(Textual's) The end of a batch of updates (a footer rebuilt as the bindings change:
        several while the reader starts): the screen on top is asked to draw what waited.
        Textual pauses a screen's updates that come due during a batch, and resumes them only
        at that screen's next message: a prompt opened meanwhile (``/`` pressed as the first
        frame came) stayed undrawn, with the keys typed next going into it unseen."""
        super()._end_batch()
        if not self._batch_count and self.screen_stack:
            self.screen.check_idle()

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked (Ctrl+P, Theme) is kept for the next start once it stays a moment
        (the picker previews each theme the cursor passes)."""
        if self._theme_timer is not None:
            self._theme_timer.stop()
        self._theme_timer = self.set_timer(THEME_SAVE_DELAY, self._keep_theme)

    def _keep_theme(self) -> None:
        self._theme_timer = None
        theme = self.theme
        self.run_worker(
            lambda: save_theme(self.store, self.config, theme),
            thread=True,
            exit_on_error=False,
            group="write",
            name="saving the theme",
        )

    def exit(
        self,
        result: None = None,
        return_code: int = 0,
        message: RenderableType | None = None,
    ) -> None:
        self._sync_stop.set()  # (a try already waiting on the database ends within 5 s)
        self.stop_background_work()  # at once: the refresh then ends while the screen closes
        super().exit(result, return_code, message)

    def stop_background_work(self) -> None:
        """End any refresh in progress as soon as it can (the reader is quitting). Its worker
        thread must end before the app's event loop can close, and a fetch from a slow server
        would otherwise run on to its time limit (a minute) behind a blank screen. What it has
        stored stays (every feed is written in one transaction)."""
        for screen in self.screen_stack:
            for bar in screen.query(StatusBar):
                bar.stop_refresh()
            for deck in screen.query(StoryDeck):  # a story's page loading from a slow server
                deck.stop.set()

    def keep_place(self) -> None:
        """Save where the reader was (after it has closed; see place_to_save)."""
        if self.place_to_save is not None:
            reading.save_place(self.store, *self.place_to_save)
            self.place_to_save = None

    def worker_failed(self, worker: Worker[object]) -> None:
        """The one place a failed worker becomes a notification, in plain words."""
        if worker.state != WorkerState.ERROR:
            return
        error = worker.error
        name = worker.name or ""
        if isinstance(error, StoreError) and worker.group == "write":
            # "saving the favourite": "Not saved: the favourite (the database is busy: …)."
            what = name.removeprefix("saving ") if name.startswith("saving ") else name
            text = hints.not_saved(what or "a change", error)
        elif isinstance(error, StoreError):
            text = str(error)
        else:
            what = name or "working"
            text = f"Something went wrong while {what}: {error or 'unknown error'}"
        text = clean_line(text, 500)
        now = time.monotonic()
        if now - self._errors_said.get(text, -ERROR_TIMEOUT) < ERROR_TIMEOUT:
            return  # several workers meeting one damaged database: said once while it shows
        self._errors_said[text] = now
        self.notify(text, severity="error", timeout=ERROR_TIMEOUT, markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.worker_failed(event.worker)

    def _fatal_error(self) -> None:
        """An unexpected error: the details go to a log file, the user gets a sentence, not a trace."""
        error = self._exception or sys.exc_info()[1]
        self.stop_background_work()
        log = crashlog.write(error, "reader")
        text = f"newsreader stopped after an unexpected error ({type(error).__name__ if error else 'error'}"
        text += f": {clean_line(str(error), 200)})." if error else ")."
        if log is not None:
            text += f" Details were written to {log}."
        self._exit_renderables.append(Text(text))
        self._close_messages_no_wait()


def run(
    config: Config,
    store: Store,
    open_target: str | None = None,
    notes: Sequence[str] = (),
    sync_feeds: bool = False,
) -> None:
    """Run the reader until the user quits (optionally opening a page or URL straight away);
    ``notes`` are shown as warnings when it starts; ``sync_feeds``: the config's feeds are
    saved to the database once the screen is up (waiting, in a worker, while it is busy)."""
    app = NewsReaderApp(
        config,
        store,
        open_target=open_target,
        background_refresh=True,
        notes=notes,
        sync_feeds=sync_feeds,
    )
    # the core's warnings go to the log, not the terminal: the screen is Textual's, and a
    # thread still finishing as the reader exits must not print under the user's prompt
    crashlog.log_to_file()
    app.run()
    app.keep_place()
