"""The headline list: a virtual ``ScrollView`` that renders only the visible rows, with an LRU line cache.

Rows are appended in pages of ``PAGE`` as the cursor nears the end of what is loaded (keyset paging),
so a view with 100,000 articles costs one page to show. Store reads run in thread workers; results
come back with ``call_from_thread`` and are dropped when the view changed in between (a generation
counter). A cursor step repaints two cached lines; scrolling repaints visible lines from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import partial
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker

from reader.dates import listed_time
from reader.models import Article, Cursor, Feed, View
from reader.store import ListedStory, Store
from reader.textutil import clean_line
from reader.tui.format import headline_line
from reader.tui.highlight import mark_terms, search_pattern
from reader.tui.hints import empty_hint
from reader.tui.keymap import first_key_of

PAGE = 200
PREFETCH = 60  # load the next page when the cursor is this close to the end of the loaded rows
# the views whose read headlines can be hidden (not Favourites, what was saved; not Unread,
# which has none; not a search, which finds what was read too, nor a view searched)
HIDES_READ = frozenset({"all", "today", "category", "feed"})


def searched(view: View) -> bool:
    """Whether ``view`` lists what a search found: of every story ("search"), or of one view
    (Favourites, a feed…: that view with the words searched as its ``query``)."""
    return view.kind == "search" or bool(view.query)


def _story_title(title: str) -> str:
    """A story's headline for the row standing for it: without a wire service's marks
    ("UPDATE 2-…", "… -- 2nd Update"), which belong to one report of it, not to the story."""
    from reader.related.text import strip_wire_marks  # loaded already: the lead's choice used it

    return strip_wire_marks(title)


def _order_key(article: Article) -> tuple[float, int]:
    """Where a headline goes in a list sorted newest first: by the time the store sorts it
    by, which for an item without a date is when it was first seen (``listed_time``), not
    last: a kept row was put above every headline after such an item at the list's top."""
    when = listed_time(article)
    return (when.timestamp() if when is not None else float("-inf")), article.id


def listed_row(store: Store, view: View, article: Article) -> Article | None:
    """``article`` as ``view`` lists it, None when the view does not list it or it has no date
    (in a worker): the view's first headline from just above it is that headline when the view
    lists it."""
    if article.published is None:
        return None
    above = Cursor(article.published.timestamp(), article.id + 1)
    found = store.headlines(view, after=above, limit=1)
    return found[0] if found and found[0].id == article.id else None


def _saved_key(article: Article) -> tuple[float, int]:
    """Where a favourite goes in Favourites, saved last first."""
    when = article.favourited_at
    return (when.timestamp() if when is not None else float("-inf")), article.id


@dataclass(frozen=True, slots=True)
class Groups:
    """What a collapsed list needs of the groups on a page: their sizes, and each story as the
    view lists it (its lead report, its reports and those unread)."""

    sizes: Mapping[int, tuple[int, int]] = field(default_factory=dict)  # (articles, feeds)
    stories: Mapping[int, ListedStory] = field(default_factory=dict)


class HeadlineList(ScrollView, can_focus=True):
    """Headlines of one view, newest first, with a row cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"headline-list--cursor", "headline-list--match"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
    ]
    DEFAULT_CSS = """
    HeadlineList > .headline-list--cursor {
        background: $primary 40%;
    }
    HeadlineList:focus > .headline-list--cursor {
        background: $primary;
        color: $text;
    }
    """

    @dataclass
    class Loaded(Message):
        """A view's first page arrived (or was reloaded)."""

        headlines: HeadlineList
        view: View
        count: int

        @property
        def control(self) -> HeadlineList:
            return self.headlines

    @dataclass
    class Highlighted(Message):
        """The cursor is on another headline (None: the list is empty)."""

        headlines: HeadlineList
        article: Article | None

        @property
        def control(self) -> HeadlineList:
            return self.headlines

    @dataclass
    class Selected(Message):
        """Enter (or a click on the cursor row): open this article."""

        headlines: HeadlineList
        article: Article

        @property
        def control(self) -> HeadlineList:
            return self.headlines

    def __init__(
        self,
        store: Store,
        clock: Callable[[], datetime],
        *,
        collapse_groups: bool = False,
        hide_read: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.collapse_groups = collapse_groups  # one headline per group of related stories
        # only unread headlines are read from the store (in the views of HIDES_READ); one read
        # while listed stays until the list is read again
        self.hide_read = hide_read
        self._groups: set[int] = set()  # groups already listed (when collapsing)
        # collapsed stories: the lead report listed -> its story's newest report's time
        self._story_times: dict[int, datetime | None] = {}
        self._sizes: dict[int, tuple[int, int]] = {}  # group -> (articles, feeds), copies aside
        # when collapsing: group -> the story as the view lists it; the unread reports of each
        # (a row stands for its story: unread while one of them is); report -> its group
        self._stories: dict[int, ListedStory] = {}
        self._unread: dict[int, set[int]] = {}
        self._report_group: dict[int, int] = {}
        self._story_rows: dict[int, int] = {}  # a row standing for a story -> its group
        self._last: Article | None = None  # the last row read from the store (for keyset paging)
        self._fetched = 0
        self.store = store
        self.clock = clock
        self.view = View("all")
        self.articles: list[Article] = []
        self.exhausted = False
        self.cursor_row = 0
        self._announced: int | None = None  # the headline Highlighted last named
        # the headline Enter chose, until the screen begins to open it (keys typed at once
        # after Enter, such as a pane number, mean its story)
        self.opening: Article | None = None
        # the headline the cursor was on when groups were collapsed, and the one standing for
        # its group that it went to: toggled straight back, the cursor returns to the first
        self._before_collapse: int | None = None
        self._collapsed_on: int | None = None
        self._collapse_landing = False  # the next list shown is the one just collapsed
        self._loading = False
        # the headline show_view was asked to keep the cursor on, until its list is in: a
        # reload meanwhile (a refresh at the start) keeps it too, not the empty list's none
        self._pending_keep: int | None = None
        # favourites taken out (f) while this list is shown -> the row as it was listed: put
        # back, one keeps its first saved time (MainScreen.favourite_saved); in Favourites it
        # stays listed, unstarred, when the list is read again, and the cursor on it
        self.taken_out: dict[int, Article] = {}
        self._paging_all: int | None = None  # the generation load_all reads every page of
        self._generation = 0
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=1024)
        self._base_style: Style | None = None  # self.rich_style, computed once per style change
        # every subscription, as the screen last read them (what an empty list says depends on
        # them: none yet, or all failing); None until read
        self.feeds: Sequence[Feed] | None = None
        self.fetching: int | None = None  # feeds a refresh is fetching now (None: no refresh)
        self._empty: tuple[tuple[object, ...], list[Strip]] | None = None  # its lines, by key

    def set_fetching(self, feeds: int | None) -> None:
        """A refresh is fetching ``feeds`` feeds, those not done yet (0: not known yet; None:
        no refresh runs): an empty list says so."""
        self.fetching = feeds
        if not self.articles:
            self.refresh()

    def set_feeds(self, feeds: Sequence[Feed]) -> None:
        """The subscriptions changed (counts re-read): an empty list says so anew."""
        self.feeds = feeds
        if not self.articles:
            self.refresh()

    # ------------------------------------------------------------------ rendering

    @property
    def row_count(self) -> int:
        return len(self.articles)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width  # not under the scrollbar: "…" stays seen
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        if not 0 <= row < len(self.articles):
            if row >= 1 and not self.articles:
                lines = self._empty_lines(width, base)
                if row - 1 < len(lines):
                    return lines[row - 1]
            return Strip.blank(width, base)
        article = self.articles[row]
        state = 0 if row != self.cursor_row else (2 if self.has_focus else 1)
        others = self._others(article)
        terms = search_pattern(self.view.query) if searched(self.view) else None
        key = (
            article.id,
            article.is_read,
            article.is_favourite,
            others,
            (with_source := self.view.kind != "feed"),
            width,
            state,
            self.app.theme,
            terms,
        )
        strip = self._lines.get(key)
        if strip is None:
            style = base
            if state:
                style = base + self.get_component_rich_style("headline-list--cursor")
            if article.id in self._story_times:  # a collapsed story: its newest report's age
                article = replace(article, published=self._story_times[article.id])
            if article.id in self._story_rows:
                article = replace(article, title=_story_title(article.title))
            if others != article.related_count:
                article = replace(article, related_count=others)
            marked = None
            if terms is not None:  # the search's words in the title
                match = self.get_component_rich_style("headline-list--match", partial=True)
                marked = partial(mark_terms, pattern=terms, style=match)
            text = headline_line(
                article, self.clock(), width, with_source=with_source, marked=marked
            )
            segments = [s for s in text.render(self.app.console) if s.text != "\n"]
            strip = Strip(Segment.apply_style(segments, style)).crop_extend(0, width, style)
            self._lines[key] = strip
        return strip.apply_offsets(scroll_x, row)

    def _others(self, article: Article) -> int:
        """The "+N" marker: the other reports of the story (its group, copies aside), the same
        on every copy; the article's related links where its group is not known. With one
        headline per story, the other sources (feeds) that report it: "+N sources"."""
        size = self._sizes.get(article.group_id) if article.group_id is not None else None
        if size is None:
            return article.related_count
        return max(0, size[1] - 1) if self._collapsing(self.view) else max(0, size[0] - 1)

    def _empty_lines(self, width: int, base: Style) -> list[Strip]:
        """What an empty list says (a search with no match, or a view with nothing yet),
        wrapped to the list's width."""
        bound = getattr(self.app, "keymap", {})
        busy = (self._loading, self.fetching)
        key = (self.view, id(self.feeds), self.hiding_read, width, base, id(bound), busy)
        if self._empty is not None and self._empty[0] == key:
            return self._empty[1]  # (asked for each line of the view)
        # (a reload while a refresh fills an empty list goes on saying what is fetched)
        view = self.view
        fetched_here = (
            self.fetching is not None and view.kind != "favourites" and not searched(view)
        )
        if self._loading and not fetched_here:  # its rows are being read: nothing to say yet
            hint = "Reading headlines…"
        elif searched(view) and view.kind != "search":  # one view searched: it can be widened
            hint = (
                f"Nothing here matches this search. {first_key_of('search', bound)} then Tab "
                f"searches every story; {first_key_of('back', bound)} goes back."
            )
        else:
            hint = empty_hint(view, self.feeds, bound, self.hiding_read, self.fetching)
        text = Text(hint, style="dim italic", end="")
        lines = text.wrap(self.app.console, max(8, width - 3))
        strips = [
            Strip(
                Segment.apply_style([Segment("  "), *line.render(self.app.console)], base)
            ).crop_extend(0, width, base)
            for line in lines
        ]
        self._empty = (key, strips)
        return strips

    def _refresh_row(self, row: int) -> None:
        if 0 <= row < len(self.articles):
            self.refresh_line(row)

    def on_focus(self) -> None:
        self._base_style = None
        self._refresh_row(self.cursor_row)

    def on_blur(self) -> None:
        self._base_style = None
        self._refresh_row(self.cursor_row)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._lines.clear()

    def on_resize(self) -> None:
        self._lines.clear()
        self._set_size()

    def _set_size(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.articles))

    # ------------------------------------------------------------------ cursor

    @property
    def current(self) -> Article | None:
        if not self.articles or not 0 <= self.cursor_row < len(self.articles):
            return None
        return self.articles[self.cursor_row]

    def move_cursor(self, *, row: int, animate: bool = False, scroll: bool = True) -> None:
        if not self.articles:
            self.cursor_row = 0
            return
        row = max(0, min(row, len(self.articles) - 1))
        old, self.cursor_row = self.cursor_row, row
        if old != row:
            self._refresh_row(old)
            self._refresh_row(row)
        if scroll:
            self._scroll_to_cursor()
        self._maybe_load_more()
        self._announce()

    def _announce(self) -> None:
        """Post Highlighted when the cursor's headline is another one than last said."""
        current = self.current
        shown = current.id if current is not None else None
        if shown != self._announced:
            self._announced = shown
            self.post_message(self.Highlighted(self, current))

    def _scroll_to_cursor(self, top: int | None = None) -> None:
        """Scroll the cursor's row into view, from the first row shown now (or ``top``).

        The scroll is forced: rows just listed may not have their scrollbar yet (it comes with
        the next layout), and a scroll asked for before would be refused: the cursor restored at
        the start far down the list was off screen, the list drawn from the top."""
        start = int(self.scroll_y) if top is None else top
        height = max(1, self.scrollable_content_region.height)
        y = start
        if self.cursor_row < start:
            y = self.cursor_row
        elif self.cursor_row >= start + height:
            y = self.cursor_row - height + 1
        if y != int(self.scroll_y) or top is not None:
            self.scroll_to(y=y, animate=False, force=True)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        self.scroll_to(y=self.scroll_y + height, animate=False)
        self.move_cursor(row=self.cursor_row + height)

    def action_page_up(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        self.scroll_to(y=max(0, self.scroll_y - height), animate=False)
        self.move_cursor(row=self.cursor_row - height)

    def action_select_cursor(self) -> None:
        article = self.current
        if article is not None:
            self.opening = article
            self.post_message(self.Selected(self, article))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y
        if not 0 <= row < len(self.articles):
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    # ------------------------------------------------------------------ loading

    def show_view(self, view: View, keep_id: int | None = None) -> None:
        """List ``view`` from the top (keeping the cursor on ``keep_id`` when it is still there)."""
        self._generation += 1
        self.view = view
        self.taken_out = {}
        self._loading = True
        self._pending_keep = keep_id
        if not self.articles:
            self.refresh()  # "Reading headlines…"
        self._load_first(self._generation, view, PAGE, keep_id, False)

    @property
    def hiding_read(self) -> bool:
        """Whether the listed view leaves its read headlines out."""
        return self.hide_read and self.view.kind in HIDES_READ and not searched(self.view)

    @property
    def collapsing(self) -> bool:
        """Whether the listed view shows one headline per story (c)."""
        return self._collapsing(self.view)

    def _query(self, view: View) -> View:
        """The view as the store is asked for it: its unread headlines only, when hiding."""
        hides = self.hide_read and view.kind in HIDES_READ and not searched(view)
        return replace(view, unread_only=True) if hides else view

    def set_hide_read(self, hide: bool) -> None:
        """Leave read headlines out (or list them again). Hiding, the cursor goes to the nearest
        unread headline (below the cursor first); showing them, it stays on its headline."""
        if hide == self.hide_read:
            return
        self.hide_read = hide
        current = self.current
        keep = current.id if current is not None else None
        if hide and current is not None and current.is_read:
            below = self.find_unread(1)
            index = below if below is not None else self.find_unread(-1)
            keep = self.articles[index].id if index is not None else None
        self.reload(keep_id=keep, pin=False)

    def _collapsing(self, view: View) -> bool:
        """One headline per story in this view? Not among favourites or a search's results:
        those list what was saved or found, each for itself."""
        return self.collapse_groups and view.kind != "favourites" and not searched(view)

    def set_collapse(self, collapse: bool) -> None:
        """List one headline per group of related stories (or every one); the cursor stays on
        its story (or the one standing for its group). Toggled back and forth without a move
        in between, the cursor is back on the headline it started on."""
        if collapse == self.collapse_groups:
            return
        self.collapse_groups = collapse
        current = self.current
        keep = current.id if current is not None else None
        if collapse:
            self._before_collapse = keep
        elif self._before_collapse is not None and keep == self._collapsed_on:
            keep = self._before_collapse
        self._collapsed_on = None
        self._collapse_landing = collapse
        self.reload(keep_id=keep)

    def reload(self, extra: int = 0, keep_id: int | None = None, pin: bool = True) -> None:
        """Re-read the loaded part of the view (after a refresh); the cursor stays on its article
        (or goes to ``keep_id``'s). Read headlines hidden (or in Unread), the cursor's stays
        listed though read (``pin``): a list read again in the background never moves the
        cursor off it, onto another headline that u would then mark."""
        if keep_id is None:
            current = self.current
            keep_id = current.id if current is not None else self._pending_keep
        self._pending_keep = keep_id
        self._generation += 1
        self._loading = True
        limit = max(PAGE, self._fetched + extra)
        self._load_first(self._generation, self.view, limit, keep_id, True, pin)

    @work(thread=True, exit_on_error=False, group="headlines", name="reading headlines")
    def _load_first(
        self,
        generation: int,
        view: View,
        limit: int,
        keep_id: int | None,
        keep_screen: bool,
        pin: bool = True,
    ) -> None:
        query = self._query(view)
        rows = self._with_text(self.store.headlines(query, limit=limit))
        if keep_id is not None and len(rows) >= limit and all(a.id != keep_id for a in rows):
            rows, limit = self._down_to(view, rows, limit, keep_id)
        pinned = None
        if pin and (query.unread_only or view.kind == "unread") and keep_id is not None:
            pinned = self._pinned(view, rows, limit, keep_id)
        groups = self._groups_of(view, [*rows, pinned] if pinned is not None else rows)
        self.app.call_from_thread(
            self._replace, generation, view, rows, groups, limit, keep_id, keep_screen, pinned
        )

    def _down_to(
        self, view: View, rows: list[Article], limit: int, keep_id: int
    ) -> tuple[list[Article], int]:
        """``rows`` (the view's first ``limit``), read on page by page until the headline
        ``keep_id`` is among them or they pass where it would be (in a worker): the cursor
        restored far down a long list finds its headline, not the top. The rows and the number
        asked for in all (fewer rows: the view's end)."""
        kept = self.store.article(keep_id)
        if kept is None:
            return rows, limit
        mark = self._cursor(view, kept)
        target = (mark.key if mark.key is not None else float("-inf"), mark.id)
        query = self._query(view)
        rows = list(rows)
        while len(rows) >= limit:
            after = self._cursor(view, rows[-1])
            if after.key is None or (after.key, after.id) < target:
                break  # past it: the view does not list it (or it is read and hidden)
            more = self._with_text(self.store.headlines(query, after=after, limit=PAGE * 10))
            rows.extend(more)
            limit += PAGE * 10
            if any(a.id == keep_id for a in more):
                break
        return rows, limit

    def _pinned(self, view: View, rows: list[Article], limit: int, keep_id: int) -> Article | None:
        """The cursor's headline, read and so left out of ``rows``, when ``view`` lists it and it
        falls among these rows (in a worker)."""
        if any(a.id == keep_id for a in rows):
            return None
        kept = self.store.article(keep_id)
        if kept is None or kept.published is None:
            return None
        if len(rows) >= limit and _order_key(kept) < _order_key(rows[-1]):
            return None  # further down than the rows read: not in sight anyway
        # (Unread's headlines with the read ones too are All's)
        listing = replace(view, kind="all") if view.kind == "unread" else view
        row = listed_row(self.store, listing, kept)
        return self._with_text([row])[0] if row is not None else None

    @work(thread=True, exit_on_error=False, group="headlines", name="reading headlines")
    def _load_more(self, generation: int, view: View, last: Article) -> None:
        rows, groups = self._read(view, self._cursor(view, last), PAGE)
        self.app.call_from_thread(self._append, generation, last, rows, groups, PAGE)

    def _read(self, view: View, after: Cursor | None, limit: int) -> tuple[list[Article], Groups]:
        """A page of headlines and what their groups need (in a worker)."""
        rows = self._with_text(self.store.headlines(self._query(view), after=after, limit=limit))
        return rows, self._groups_of(view, rows)

    def _with_text(self, rows: list[Article]) -> list[Article]:
        """``rows`` with the feed's text of those without a title (their headline shows its
        start); a list row has none otherwise (in a worker; such items are rare)."""
        if all(clean_line(a.title) for a in rows):
            return rows
        full = {a.id: self.store.article(a.id) for a in rows if not clean_line(a.title)}
        return [
            replace(a, summary_text=f.summary_text, content_html=f.content_html)
            if (f := full.get(a.id)) is not None
            else a
            for a in rows
        ]

    def _groups_of(self, view: View, rows: list[Article]) -> Groups:
        """The groups' sizes of these rows (for the "+N" marker) and, when collapsing, the report
        leading each group among those the list shows (in a worker)."""
        ids = {a.group_id for a in rows if a.group_id is not None}
        sizes = self.store.group_sizes(ids) if ids else {}
        if not self._collapsing(view):
            return Groups(sizes)
        return Groups(sizes, self.store.listed_stories(self._query(view), ids))

    def _replace(
        self,
        generation: int,
        view: View,
        rows: list[Article],
        groups: Groups,
        limit: int,
        keep_id: int | None,
        keep_screen: bool,
        pinned: Article | None = None,
    ) -> None:
        if generation != self._generation:
            return
        old_row, old_scroll = self.cursor_row, int(self.scroll_y)
        self._loading = False
        self._pending_keep = None
        self._groups = set()
        self._story_times = {}
        self._sizes = dict(groups.sizes)
        self._stories, self._unread, self._report_group, self._story_rows = {}, {}, {}, {}
        self._add_stories(groups)
        self._fetched = len(rows)
        self._last = rows[-1] if rows else None
        self.exhausted = len(rows) < limit
        if pinned is not None:  # in its place among the rows, newest first
            rows = [*rows]
            key = _order_key(pinned)
            at = next((i for i, a in enumerate(rows) if _order_key(a) < key), len(rows))
            rows.insert(at, pinned)
        if view.kind == "favourites" and self.taken_out:
            rows = self._with_taken_out(rows)
        self.articles = self._collapse(rows)
        self._lines.clear()
        self._set_size()
        target = 0
        if keep_id is not None:
            kept = next((a for a in rows if a.id == keep_id), None)
            group = kept.group_id if kept is not None and self.collapse_groups else None
            target = next(
                (
                    i
                    for i, a in enumerate(self.articles)
                    if a.id == keep_id or (group is not None and a.group_id == group)
                ),
                # gone from the list (found to be a copy of another, say): the same row
                old_row if keep_screen else 0,
            )
        self.cursor_row = min(target, max(0, len(self.articles) - 1))
        if keep_screen:  # the cursor's story stays where it was on the screen
            self.scroll_to(
                y=max(0, old_scroll + self.cursor_row - old_row), animate=False, force=True
            )
        else:  # from the top, as far down as the cursor's row needs
            self._scroll_to_cursor(top=0)
        self.refresh()
        if self._collapse_landing:
            self._collapse_landing = False
            current = self.current
            self._collapsed_on = current.id if current is not None else None
        self.post_message(self.Loaded(self, view, len(rows)))
        self._announce()

    def _with_taken_out(self, rows: list[Article]) -> list[Article]:
        """Favourites' ``rows`` with those taken out since the list was shown, each where it
        was (by its saved time), unless it is further down than the rows read."""
        listed = {a.id for a in rows}
        rows = [*rows]
        for article in self.taken_out.values():
            when = article.favourited_at
            if article.id in listed or when is None:
                continue
            key = (when.timestamp(), article.id)
            at = next((i for i, a in enumerate(rows) if _saved_key(a) < key), len(rows))
            if at < len(rows) or self.exhausted:
                rows.insert(at, article)
        return rows

    def _append(
        self, generation: int, last: Article, rows: list[Article], groups: Groups, asked: int
    ) -> None:
        if generation != self._generation:
            return
        if self._paging_all != generation:
            self._loading = False
        self._add_page(last, rows, groups, asked)
        self._maybe_load_more()

    def _add_page(self, last: Article, rows: list[Article], groups: Groups, asked: int) -> bool:
        """Add a page read after ``last`` (``asked`` rows were asked for); False, and nothing
        added, when the list's last row is no longer ``last`` (another page came first)."""
        if last is not self._last:
            return False
        if len(rows) < asked:
            self.exhausted = True
        self._sizes.update(groups.sizes)
        self._add_stories(groups)
        if rows:
            self._fetched += len(rows)
            self._last = rows[-1]
            self.articles.extend(self._collapse(rows))
            self._set_size()
            self.refresh()
        return True

    def _maybe_load_more(self) -> None:
        if self._loading or self.exhausted or self._last is None:
            return
        if self.cursor_row >= len(self.articles) - PREFETCH:
            self._loading = True
            self._load_more(self._generation, self.view, self._last)

    def _add_stories(self, groups: Groups) -> None:
        """Keep what the rows standing for these stories need (their reports' read state)."""
        for gid, story in groups.stories.items():
            if gid in self._stories:
                continue  # listed already: its reports' state is kept up to date here
            self._stories[gid] = story
            self._unread[gid] = set(story.unread)
            self._report_group.update(dict.fromkeys(story.reports, gid))

    def _collapse(self, rows: list[Article]) -> list[Article]:
        """Rows to list: all of them, or (collapse_groups) one per group of stories, where its
        newest report is: the report that best stands for the group (see Store.listed_stories),
        with the age of the story's newest report (the ages in the list stay in order), unread
        while one of the story's reports the view lists is."""
        if not self._collapsing(self.view):
            return rows
        kept = []
        for article in rows:
            gid = article.group_id
            if gid is not None:
                if gid in self._groups:
                    continue
                self._groups.add(gid)
                story = self._stories.get(gid)
                if story is not None:
                    if story.lead.id != article.id:
                        self._story_times[story.lead.id] = article.published
                        article = story.lead
                    self._story_rows[article.id] = gid
                    article = self._story_state(article)
            kept.append(article)
        return kept

    def _story_state(self, row: Article) -> Article:
        """A row standing for a story, read only when every report of it listed here is."""
        gid = self._story_rows.get(row.id)
        if gid is None:
            return row
        read = not self._unread.get(gid)
        return row if row.is_read == read else replace(row, is_read=read)

    def story_ids(self, article_id: int) -> list[int]:
        """What marking the headline ``article_id`` read or unread means: the reports of the
        story its row stands for (one headline per story), or that headline alone."""
        gid = self._story_rows.get(article_id)
        story = self._stories.get(gid) if gid is not None else None
        if story is None:
            return [article_id]
        return [article_id, *(i for i in story.reports if i != article_id)]

    def _cursor(self, view: View, article: Article) -> Cursor:
        """Where the page after ``article`` starts (in a worker: it may ask the store)."""
        when = article.favourited_at if view.kind == "favourites" else article.published
        if when is None:
            return self.store.cursor_of(view, article)
        return Cursor(when.timestamp(), article.id)

    def load_all(self, then: Callable[[], object] | None = None) -> None:
        """Load every remaining page (for G / End), then put the cursor on the last row (or,
        with ``then``, call it instead). No page is read twice: a page the prefetch brought
        meanwhile is kept, the same one read here dropped (see ``_add_page``)."""
        if self._paging_all == self._generation:
            return  # already under way (G pressed twice)
        self._paging_all = self._generation
        self._loading = True
        self._load_all(self._generation, self.view, self._last, then)

    @work(thread=True, exit_on_error=False, group="headlines", name="reading headlines")
    def _load_all(
        self,
        generation: int,
        view: View,
        last: Article | None,
        then: Callable[[], object] | None,
    ) -> None:
        size = PAGE * 10
        try:
            while last is not None:
                rows, groups = self._read(view, self._cursor(view, last), size)
                last = self.app.call_from_thread(
                    self._append_bulk, generation, last, rows, groups, size
                )
        finally:
            self.app.call_from_thread(self._all_loaded, generation, then)

    def _append_bulk(
        self, generation: int, last: Article, rows: list[Article], groups: Groups, asked: int
    ) -> Article | None:
        """Add a page ``_load_all`` read; the row to read on from (None: no more)."""
        if generation != self._generation:
            return None
        self._add_page(last, rows, groups, asked)
        return None if self.exhausted else self._last

    def _all_loaded(self, generation: int, then: Callable[[], object] | None) -> None:
        if self._paging_all == generation:
            self._paging_all = None
        if generation != self._generation:
            return  # another list since: its own load clears _loading
        self._loading = False
        if then is not None:
            then()
        elif self.articles:
            self.move_cursor(row=len(self.articles) - 1)

    # ------------------------------------------------------------------ rows

    def update_articles(self, ids: Sequence[int], **changes: object) -> None:
        """Change flags of loaded rows (read, favourite) and redraw them; a row standing for a
        story follows the read state of the story's reports."""
        wanted = set(ids)
        stories: set[int] = set()
        if "is_read" in changes:
            for article_id in wanted & self._report_group.keys():
                gid = self._report_group[article_id]
                stories.add(gid)
                if changes["is_read"]:
                    self._unread[gid].discard(article_id)
                else:
                    self._unread[gid].add(article_id)
        for index, article in enumerate(self.articles):
            changed = article
            if article.id in wanted:
                changed = replace(article, **changes)  # type: ignore[arg-type]
                if changes.get("is_favourite") is False and article.favourited_at is not None:
                    self.taken_out[article.id] = changed
                elif changes.get("is_favourite"):
                    self.taken_out.pop(article.id, None)
            if stories and self._story_rows.get(article.id) in stories:
                changed = self._story_state(changed)
            if changed is not article:
                self.articles[index] = changed
                self._refresh_row(index)

    def last_unread(self) -> int | None:
        """Index of the last unread row among the loaded rows."""
        return next(
            (i for i in range(len(self.articles) - 1, -1, -1) if not self.articles[i].is_read),
            None,
        )

    def first_unread(self) -> int | None:
        """Index of the first unread row among the loaded rows."""
        return next((i for i, a in enumerate(self.articles) if not a.is_read), None)

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
