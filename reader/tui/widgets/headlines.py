"""The headline list: one DataTable of plain Text cells, filled page by page with keyset paging.

Rows are appended in pages of ``PAGE`` as the cursor nears the end of what is loaded, so a view with
100,000 articles costs one page to show. Store reads run in thread workers; the results come back
with ``call_from_thread`` and are dropped when the view changed in between (a generation counter).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from textual import work
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable
from textual.worker import Worker

from reader.models import Article, Cursor, View
from reader.store import Store
from reader.tui.format import headline_cells

PAGE = 200
PREFETCH = 60  # load the next page when the cursor is this close to the end of the loaded rows


class HeadlineTable(DataTable[object]):
    """Headlines of one view, newest first."""

    @dataclass
    class Loaded(Message):
        """A view's first page arrived (or was reloaded)."""

        table: HeadlineTable
        view: View
        count: int

        @property
        def control(self) -> HeadlineTable:
            return self.table

    def __init__(
        self, store: Store, clock: Callable[[], datetime], *, id: str | None = None
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, show_header=False)
        self.store = store
        self.clock = clock
        self.view = View("all")
        self.articles: list[Article] = []
        self.exhausted = False
        self._loading = False
        self._generation = 0

    def on_mount(self) -> None:
        self.add_column("", key="marks", width=4)
        self.add_column("", key="age", width=7)
        self.add_column("", key="source", width=16)
        self.add_column("", key="title", width=400)

    # ------------------------------------------------------------------ loading

    def show_view(self, view: View, keep_id: int | None = None) -> None:
        """List ``view`` from the top (keeping the cursor on ``keep_id`` when it is still there)."""
        self._generation += 1
        self.view = view
        self._loading = True
        self._load_first(self._generation, view, PAGE, keep_id, False)

    def reload(self, extra: int = 0) -> None:
        """Re-read the loaded part of the view (after a refresh); the cursor stays on its article."""
        current = self.current
        self._generation += 1
        self._loading = True
        limit = max(PAGE, len(self.articles) + extra)
        self._load_first(self._generation, self.view, limit, current.id if current else None, True)

    @work(thread=True, exit_on_error=False, group="headlines")
    def _load_first(
        self, generation: int, view: View, limit: int, keep_id: int | None, keep_screen: bool
    ) -> None:
        rows = self.store.headlines(view, limit=limit)
        self.app.call_from_thread(
            self._replace, generation, view, rows, limit, keep_id, keep_screen
        )

    @work(thread=True, exit_on_error=False, group="headlines")
    def _load_more(self, generation: int, view: View, after: Cursor) -> None:
        rows = self.store.headlines(view, after=after, limit=PAGE)
        self.app.call_from_thread(self._append, generation, rows)

    def _replace(
        self,
        generation: int,
        view: View,
        rows: list[Article],
        limit: int,
        keep_id: int | None,
        keep_screen: bool,
    ) -> None:
        if generation != self._generation:
            return
        old_row = self.cursor_row
        old_scroll = self.scroll_y
        self._loading = False
        self.articles = list(rows)
        self.exhausted = len(rows) < limit
        self.clear()
        now = self.clock()
        self.add_rows(headline_cells(a, now) for a in rows)
        target = 0
        if keep_id is not None:
            target = next((i for i, a in enumerate(rows) if a.id == keep_id), 0)
        if rows:
            self.move_cursor(row=target, animate=False, scroll=not keep_screen)
            if keep_screen:
                self.scroll_to(y=max(0, old_scroll + target - old_row), animate=False)
        self.post_message(self.Loaded(self, view, len(rows)))

    def _append(self, generation: int, rows: list[Article]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        if len(rows) < PAGE:
            self.exhausted = True
        if not rows:
            return
        self.articles.extend(rows)
        now = self.clock()
        self.add_rows(headline_cells(a, now) for a in rows)
        self._maybe_load_more()

    def _maybe_load_more(self) -> None:
        if self._loading or self.exhausted or not self.articles:
            return
        if self.cursor_row >= len(self.articles) - PREFETCH:
            self._loading = True
            last = self.articles[-1]
            self._load_more(self._generation, self.view, self.store_cursor(last))

    def store_cursor(self, article: Article) -> Cursor:
        when = article.favourited_at if self.view.kind == "favourites" else article.published
        if when is None:
            when = article.first_seen
        if when is None:  # should not happen; ask the store
            return self.store.cursor_of(self.view, article)
        return Cursor(when.timestamp(), article.id)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._maybe_load_more()

    @work(thread=True, exit_on_error=False, group="headlines")
    def load_all(self) -> None:
        """Load every remaining page (for G / End), then put the cursor on the last row."""
        generation = self._generation
        while True:
            articles = self.articles
            if generation != self._generation or self.exhausted or not articles:
                break
            after = self.store_cursor(articles[-1])
            rows = self.store.headlines(self.view, after=after, limit=PAGE * 10)
            self.app.call_from_thread(self._append_bulk, generation, rows)
            if len(rows) < PAGE * 10:
                break
        self.app.call_from_thread(self._to_bottom, generation)

    def _append_bulk(self, generation: int, rows: list[Article]) -> None:
        if generation != self._generation:
            return
        if len(rows) < PAGE * 10:
            self.exhausted = True
        self.articles.extend(rows)
        now = self.clock()
        self.add_rows(headline_cells(a, now) for a in rows)

    def _to_bottom(self, generation: int) -> None:
        if generation == self._generation and self.articles:
            self.move_cursor(row=len(self.articles) - 1, animate=False)

    # ------------------------------------------------------------------ rows

    @property
    def current(self) -> Article | None:
        if not self.articles or not 0 <= self.cursor_row < len(self.articles):
            return None
        return self.articles[self.cursor_row]

    def index_of(self, article_id: int) -> int | None:
        return next((i for i, a in enumerate(self.articles) if a.id == article_id), None)

    def update_articles(self, ids: Sequence[int], **changes: object) -> None:
        """Change flags of loaded rows (read, favourite) and redraw them."""
        wanted = set(ids)
        now = self.clock()
        for index, article in enumerate(self.articles):
            if article.id in wanted:
                updated = replace(article, **changes)  # type: ignore[arg-type]
                self.articles[index] = updated
                for column, cell in enumerate(headline_cells(updated, now)):
                    self.update_cell_at(Coordinate(index, column), cell)

    def find_unread(self, direction: int) -> int | None:
        """Index of the next unread row after (or before) the cursor among the loaded rows."""
        step = 1 if direction >= 0 else -1
        index = self.cursor_row + step
        while 0 <= index < len(self.articles):
            if not self.articles[index].is_read:
                return index
            index += step
        return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)
        if report is not None:
            report(event.worker)
