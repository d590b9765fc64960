"""The status bar: what the headline list shows, and refresh progress (feeds done/total).

It owns the refresh worker: ``start`` runs ``reader.refresh.refresh_and_group`` in a thread (the
grouping after it in a helper process, so that its CPU work does not slow the keys); each
event comes back as a message, the bar and its label follow it, and the screen hears ``FeedDone`` (to
update unread counts) and ``Finished`` (to reload headlines and report errors).

A refresh in progress stops when the bar is unmounted (the reader quitting): the worker thread
must end before the app's event loop can close, so its fetches are cancelled (``stop``) rather
than left to run into their time limits.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import Worker

from reader import lazy
from reader.config import Config
from reader.models import FeedResult, RefreshEvent
from reader.store import Store
from reader.textutil import clean_line
from reader.tui.format import for_display

if TYPE_CHECKING:
    from reader.refresh import Housekeeper

PROGRESS_EVERY = 0.2  # seconds: the bar follows a refresh of hundreds of feeds at most this often
LABEL_MIN = 12  # cells of the view's name kept when the status line is short of room


class StatusText(Static):
    """Where the reader is, fitted to the line: a long feed title or a narrow terminal shortens
    the note on hidden headlines first ("read hidden (H)"), then the view's name ("SPIEGEL
    Upd…"), so the numbers and the key that lists read headlines again stay in sight."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: tuple[str, str, str, str] = ("", "", "", "")

    def show(self, label: str, numbers: str, hidden_by: str, collapsed_by: str = "") -> None:
        self._parts = (label, numbers, hidden_by, collapsed_by)
        self.update(self._fitted(self.content_size.width))

    def on_resize(self) -> None:
        self.update(self._fitted(self.content_size.width))

    def _fitted(self, width: int) -> Text:
        label, numbers, hidden_by, collapsed_by = self._parts
        tail = f"  {numbers}" if numbers else ""
        longer, shorter = "", ""  # the notes, at length and short
        if hidden_by:
            longer += f"  · read hidden ({hidden_by} shows them)"
            shorter += f"  · read hidden ({hidden_by})"
        if collapsed_by:  # the list shows one headline per story (its other reports counted)
            longer += f"  · one per story, +N sources ({collapsed_by})"
            shorter += f"  · per story ({collapsed_by})"
        notes = [longer, shorter]
        note = notes[-1]
        for note in notes:  # the longest that fits with the whole name
            if not width or cell_len(label + tail + note) <= width:
                break
        room = width - cell_len(tail + note)
        if width and cell_len(label) > room:
            label = clean_line(label, max(LABEL_MIN, room))
        text = Text(label, style="bold", end="")
        if tail:
            text.append(tail, style="dim")
        if note:
            text.append(note, style="italic")
        return text


class StatusBar(Horizontal):
    @dataclass
    class Progress(Message, bubble=False):
        event: RefreshEvent

    @dataclass
    class Started(Message):
        """A refresh began: it fetches ``total`` feeds."""

        total: int

    @dataclass
    class FeedDone(Message):
        """One more feed was refreshed."""

        done: int
        total: int

    @dataclass
    class Finished(Message):
        """A refresh finished; ``results`` has one entry per feed."""

        results: tuple[FeedResult, ...]

    class Grouped(Message):
        """New articles of a refresh were grouped with related stories (markers may change)."""

    def __init__(self, store: Store, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.config = config
        self.refreshing = False
        self._progress: tuple[int, int] = (0, 0)  # feeds done, total: what the bar is to show
        self._progress_due = False
        self._stop = threading.Event()  # set: the refresh in progress ends as soon as it can
        # grouping after a refresh runs in a helper process (see reader.refresh.Housekeeper)
        self.housekeeper: Housekeeper | None = None
        self._housekeeper_lock = threading.Lock()  # (a refresh and an added feed may both start it)

    def compose(self) -> ComposeResult:
        yield StatusText(id="status")
        yield Static(id="progress-label")
        yield ProgressBar(id="progress", show_eta=False, show_percentage=False)

    def on_mount(self) -> None:
        self.query_one("#progress", ProgressBar).display = False
        self.query_one("#progress-label", Static).display = False

    def on_unmount(self) -> None:
        self.stop_refresh()
        if self.housekeeper is not None:
            self.housekeeper.close()

    def show_view(
        self,
        label: str,
        unread: int | None,
        total: int | None,
        hidden_by: str = "",
        collapsed_by: str = "",
    ) -> None:
        """Where the reader is: the view's name, its unread and total headlines (None: not
        counted yet), and (``hidden_by``: the key that lists them) that read ones are hidden,
        (``collapsed_by``: the key that lists every one) that one headline stands for each story."""
        numbers = f"{unread:,} unread" if unread is not None else ""
        if total == 0:
            numbers = "no headlines"
        elif total is not None:
            every = f"{total:,} headline{'s' if total != 1 else ''}"
            numbers = f"{numbers} of {every}" if numbers else every
        self.query_one("#status", StatusText).show(
            for_display(clean_line(label, 60)), numbers, hidden_by, collapsed_by
        )

    def show_waiting(self, text: str) -> None:
        """Say on the status line what the reader waits for (the database, held by another
        program, to save the config's feeds); "" when it waits no more."""
        label = self.query_one("#progress-label", Static)
        if self.refreshing:
            return  # the refresh's own words stand there
        label.update(Text(text, style="bold") if text else "")
        label.display = bool(text)

    # ------------------------------------------------------------------ refresh

    def start(self, feed_ids: Sequence[int] | None, force: bool = False) -> bool:
        """Start a refresh (False when one is already running)."""
        if self.refreshing:
            return False
        self.refreshing = True
        self._stop = threading.Event()
        self._run(list(feed_ids) if feed_ids is not None else None, force, self._stop)
        return True

    def stop_refresh(self) -> None:
        """End the refresh in progress, if any, as soon as it can: fetches in progress are
        cancelled, what was stored so far stays, grouping is skipped (safe from any thread)."""
        self._stop.set()

    @work(thread=True, exit_on_error=False, group="refresh", name="refreshing feeds")
    def _run(self, feed_ids: list[int] | None, force: bool, stop: threading.Event) -> None:
        lazy.load("reader.refresh")  # not needed for the first frame
        from reader.refresh import INTERACTIVE_PARSE_WORKERS, refresh_and_group

        housekeeper = self._housekeeper()
        results = refresh_and_group(
            self.store,
            self.config,
            feed_ids,
            force=force,
            on_event=self._event,
            report=lambda _results: self.post_message(self.Progress(RefreshEvent("done"))),
            housekeeping=housekeeper.run,
            parse_workers=INTERACTIVE_PARSE_WORKERS,
            stop=stop,
        )
        # headlines were shown first; related markers follow
        if not stop.is_set() and any(r.new for r in results):
            self.post_message(self.Grouped())

    def _housekeeper(self) -> Housekeeper:
        """The helper process grouping new headlines (started the first time it is needed;
        call in a worker)."""
        lazy.load("reader.refresh")
        from reader.refresh import Housekeeper

        with self._housekeeper_lock:
            if self.housekeeper is None:
                self.housekeeper = Housekeeper(self.store, self.config)
            return self.housekeeper

    @work(thread=True, exit_on_error=False, group="grouping", name="grouping related stories")
    def group_new(self, since: float) -> None:
        """Group the headlines stored since ``since`` (a feed just added) with related stories,
        as after a refresh: in the housekeeping process, then ``Grouped`` (markers may change)."""
        self._housekeeper().run(since)
        self.post_message(self.Grouped())

    def _event(self, event: RefreshEvent) -> None:  # called in the worker thread
        self.post_message(self.Progress(event))

    def on_status_bar_progress(self, message: Progress) -> None:
        event = message.event
        bar = self.query_one("#progress", ProgressBar)
        label = self.query_one("#progress-label", Static)
        if event.kind == "started":
            self._progress = (0, event.total)
            bar.display = label.display = True
            bar.update(total=max(event.total, 1), progress=0)
            label.update(f"Refreshing 0/{event.total} feeds")
            self.post_message(self.Started(event.total))
        elif event.kind == "feed-finished":
            # one update per feed would redraw the bar hundreds of times a second and slow keys
            self._progress = (event.done, event.total)
            if not self._progress_due:
                self._progress_due = True
                self.set_timer(PROGRESS_EVERY, self._show_progress)
            self.post_message(self.FeedDone(event.done, event.total))
        elif event.kind == "finished":
            self.post_message(self.Finished(tuple(event.results)))
        elif event.kind == "done":
            self._show_progress()
            bar.display = label.display = False
            self.refreshing = False

    def _show_progress(self) -> None:
        self._progress_due = False
        done, total = self._progress
        if total:
            self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=done)
            self.query_one("#progress-label", Static).update(f"Refreshing {done}/{total} feeds")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)
        if report is not None:
            report(event.worker)
