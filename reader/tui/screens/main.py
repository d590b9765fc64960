"""The main screen: feeds tree, headline list and story panes, and every reader action.

The screen coordinates its children ("attributes down, messages up"): widgets present and report,
the screen decides. Store, network and summariser work runs in thread workers whose results come
back as messages; nothing here waits on the disk or the network on the UI thread.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Tree
from textual.worker import Worker

from reader import lazy, reading
from reader.config import Config
from reader.models import Article, Feed, FeedResult, View
from reader.store import Store, StoreError
from reader.textutil import clean_line, counted, safe_link, short_url, without_tracking
from reader.tui import browser, hints, keymap
from reader.tui.browser import browser_argv
from reader.tui.format import middle_cut
from reader.tui.widgets.deck import MIN_PANE_WIDTH, StoryDeck
from reader.tui.widgets.feeds import Counts, FeedTree
from reader.tui.widgets.headlines import HeadlineList, searched
from reader.tui.widgets.status import StatusBar
from reader.tui.widgets.story import StoryPane

if TYPE_CHECKING:
    from reader.tui.app import NewsReaderApp

NARROW = 120  # below this many columns an open story takes the whole width
TINY = 64  # below this many columns the feeds tree is put away (t brings it back)
WIDE = 160  # from this many columns the story panes are always on screen, beside the headlines
ROOMY = 180  # from this many columns the feeds tree may step aside for two panes, below for one
TREE_WIDTH = 30  # columns of the feeds tree (#feeds in app.tcss)
# share of the width the headlines keep beside the story panes (app.tcss): below WIDE one pane
# is open beside them, and the titles get nearly half; from WIDE, with room for a pane or two
READING_SHARE = 0.45
WIDE_SHARE = 0.40
COUNTS_DELAY = 0.4  # seconds: unread counts are re-read at most this often after changes
PLACE_EVERY = 5.0  # seconds: the view and headline are saved this often when they changed
REFRESH_ERROR_TIMEOUT = 5.0  # seconds "N feeds failed" shows after a refresh
FOOTER_BACK = 90  # from this many columns the footer says what Esc does, after q (see keymap)
CHANGES_EVERY = 4.0  # seconds: how often the store is asked whether headlines came in elsewhere
HIDE_READ_KEY = "reader.hide_read"  # the store's meta key for H's choice (see hide_read_at_start)
COLLAPSE_KEY = "reader.collapse_groups"  # ... and for c's (see collapse_at_start)
# the views whose unread headlines the feeds tree's counts give (the others are counted apart)
TREE_COUNTED = frozenset({"all", "unread", "today", "category", "feed"})
CONFIG_COMMAND = "Config problems and warnings"  # the palette's name for the config's list


def hide_read_at_start(store: Store, config: Config) -> bool:
    """Whether read headlines start hidden: as H left it, unless ``reader.show_read`` in the
    config changed since (then the config's). Never raises."""
    show_read = config.reader.show_read
    hide = reading.kept_choice(store, HIDE_READ_KEY, "hide", "show_read", show_read)
    return hide if isinstance(hide, bool) else not show_read


def save_hide_read(store: Store, config: Config, hide: bool) -> None:
    """Keep H's choice for the next start (with the config value it was made under)."""
    reading.keep_choice(store, HIDE_READ_KEY, "hide", hide, "show_read", config.reader.show_read)


def collapse_at_start(store: Store, config: Config) -> bool:
    """Whether the lists start with one headline per story: as c left it, unless
    ``reader.collapse_groups`` in the config changed since (then the config's). Never raises."""
    setting = config.reader.collapse_groups
    collapse = reading.kept_choice(store, COLLAPSE_KEY, "collapse", "collapse_groups", setting)
    return collapse if isinstance(collapse, bool) else setting


def save_collapse(store: Store, config: Config, collapse: bool) -> None:
    """Keep c's choice for the next start (with the config value it was made under)."""
    setting = config.reader.collapse_groups
    reading.keep_choice(store, COLLAPSE_KEY, "collapse", collapse, "collapse_groups", setting)


def marked_read_text(message: MainScreen.ReadChanged, keys: Mapping[str, str]) -> str:
    """What A or C says it did, in plain words: "Marked 40 headlines read in every feed (2 more
    were copies of these). U undoes it.", "Marked 3 headlines matching “tram” read in Tech
    Daily. U undoes it." """
    n = message.copies
    what = counted(len(message.ids) - n, "headline")
    if message.matching:
        what += f" matching “{message.matching}”"
    where = f" in {message.where}" if message.where else ""
    copies = ""
    if n:  # (C marks every feed: there are no "other feeds" for the copies to be in)
        were = "was a copy" if n == 1 else "were copies"
        of = "of these" if message.every_feed else "in other feeds"
        copies = f" ({n} more {were} {of})"
    undo = keymap.first_key_of("undo", keys)
    return f"Marked {what} read{where}{copies}. {undo} undoes it."


def error_lines(failing: Sequence[tuple[str, str]], limit: int = 6) -> str:
    """One "feed: what went wrong" line per failing feed, the first ``limit`` of them."""
    lines = [f"{clean_line(name, 50)}: {clean_line(error, 120)}" for name, error in failing[:limit]]
    if len(failing) > limit:
        lines.append(f"… and {len(failing) - limit} more")
    return "\n".join(lines)


@dataclass(slots=True)
class UnreadRun:
    """Presses of n (or N) in a row in one list: where they started, and whether they went
    round it already. Once round, n moves on to the next feed with unread rather than past
    the headlines it showed before: while the user only browses, nothing is marked read."""

    view: View
    direction: int
    start: int | None  # the article the cursor was on at the first press
    landed: int | None = None  # the article the last press went to
    wrapped: bool = False

    def shown(self, articles: Sequence[Article], index: int) -> bool:
        """Whether row ``index`` is one these presses went past: from where they started on
        (n: that row and below it; N: above)."""
        start = next((i for i, a in enumerate(articles) if a.id == self.start), None)
        if start is None:
            return False
        return index >= start if self.direction > 0 else index <= start


@dataclass(frozen=True, slots=True)
class Aim:
    """A pane number pressed for a pane not there (yet), and the story it was meant for (the one
    opened or opening then): keys aimed at a pane (x, u) do nothing until it comes (it is then
    focused) or another pane is chosen; f typed meanwhile (``favourite``) is done as it comes."""

    number: int
    story: int | None
    favourite: bool = False  # f was typed for the pane (twice: taken back)
    said: bool = False  # "There is no story pane N" was said (once is enough)


@dataclass(frozen=True, slots=True)
class Unstarred:
    """U's undo of an f that took a story out of Favourites where no other list has it (its
    feed was removed, or it was kept from a page): it goes back into Favourites."""

    article_id: int
    title: str


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings()

    # ------------------------------------------------------------------ messages from workers

    @dataclass
    class CountsReady(Message):
        feeds: list[Feed]
        counts: Counts
        totals: bool = True  # headlines may have come or gone (not only read state changed)

    @dataclass
    class ViewCounted(Message):
        """Headlines of a view (None: not counted this time)."""

        view: View
        unread: int | None
        total: int | None

    @dataclass
    class ReadChanged(Message):
        ids: list[int]
        read: bool
        undo: bool = False
        copies: int = 0  # of the ids, hidden copies of the listed stories in other feeds
        where: str = ""  # the view marked read, by name
        every_feed: bool = False  # C: every feed was marked read, whatever was listed
        matching: str = ""  # the words of the search whose matches were marked read

    @dataclass
    class ReadNotSaved(Message):
        """Marking headlines read (or unread) failed: ``saved`` is their state as stored, for
        the rows shown otherwise meanwhile; ``text`` says what was not saved and why; ``undo``:
        the ids U could not give back, to be tried again."""

        saved: dict[int, bool]
        text: str
        undo: list[int] | None = None

    @dataclass
    class FeedAdded(Message):
        """What adding a feed came to: the feed (None: not added) and the words saying so."""

        feed: Feed | None
        text: str
        since: float = 0.0  # (time.time()) just before it was added: its headlines are newer

    @dataclass
    class FeedRemoved(Message):
        feed: Feed
        removed: bool
        text: str

    def __init__(self, open_target: str | None = None) -> None:
        super().__init__()
        self.open_target = open_target
        # what U gives back: the headlines A or C marked read, or a story f took out of
        # Favourites that no other list has
        self.undo_stack: list[list[int] | Unstarred] = []
        self._counts_timer_set = False
        self._totals_due = False  # the counts to re-read include the views' totals
        self._counts: Counts | None = None  # the tree's, as last read
        self._counted: View | None = None  # the view the two below are of
        self._view_total: int | None = None
        self._view_unread: int | None = None  # of a view the tree does not count
        self._quit_label = "Quit"
        self._back_shown = ""  # what the footer says Esc does ("": not shown)
        self._warmed = False
        self._reading = False
        self._open_id: int | None = None  # the stored article opened in the deck (or opening)
        # a pane number pressed for a pane not there (yet): see Aim (set with _set_aim)
        self._aimed: Aim | None = None
        # n moved on to another feed: land on its first unread (True: and open it) once loaded
        self._land_on_unread: bool | None = None
        self._land_upwards = False  # (N) on its last unread, not its first
        self._unread_run: UnreadRun | None = None  # n or N pressed in a row
        self._content_version: str | None = None  # the store's, when the lists were last read
        self._search_keys: list[str] | None = None  # typed after "/" before its prompt was up
        self._tree_hidden: bool | None = None  # chosen with t (None: by the width)
        self._looked = False
        # the place last saved (None until the one saved before is restored: nothing is saved
        # over it before its list is in with the cursor where it was)
        self._saved_place: tuple[View, int | None] | None = None
        self._restoring = False
        self._tree_placed = False
        self._before_search = View("all")  # the view a search was started from
        self._refresh_asked = False  # the refresh running was asked for (R, r), not timed
        self._skipped = 0  # feeds backing off that the running refresh (R) leaves out
        self._gone: list[Feed] = []  # and those gone for good (HTTP 410) it leaves out
        self._config_warned = False  # the config's warnings were said in full (e)
        self._asked_feeds: list[int] | None = None  # the feeds r asked for (None: R, every one)
        # feeds whose last fetch the database did not save -> why (their stored error is older)
        self._not_saved: dict[int, FeedResult] = {}
        self._go_to_feed: int | None = None  # a feed just added: listed once the tree has it

    @property
    def reader(self) -> NewsReaderApp:
        return cast("NewsReaderApp", self.app)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield FeedTree(id="feeds")
            yield HeadlineList(
                self.reader.store,
                self.reader.clock,
                collapse_groups=self.reader.config.reader.collapse_groups,
                hide_read=not self.reader.config.reader.show_read,
                id="headlines",
            )
            yield StoryDeck(self.reader.store, self.reader.config, id="deck")
        yield StatusBar(self.reader.store, self.reader.config, id="statusbar")
        yield Footer()

    @property
    def feeds_tree(self) -> FeedTree:
        return self.query_one(FeedTree)

    @property
    def table(self) -> HeadlineList:
        return self.query_one(HeadlineList)

    @property
    def deck(self) -> StoryDeck:
        return self.query_one(StoryDeck)

    @property
    def reading(self) -> bool:
        return self._reading

    def set_reading(self, reading: bool) -> None:
        self._reading = reading
        if not reading:
            self.remove_class("-maximised")
            self.deck.maximised = False
        self._sync_quit_label()
        self._sync_layout(self.size.width)
        self._preview()

    def _sync_layout(self, width: int) -> None:
        """Layout classes: narrow (a story takes the screen), wide (three panes), reading."""
        if not width:
            return
        self.set_class(width < NARROW, "-narrow")
        if self._tree_hidden is None:  # not chosen with t: put away where titles would not fit
            self.set_class(width < TINY, "-no-tree")
        if self.has_class("-wide") != (width >= WIDE):
            self.set_class(width >= WIDE, "-wide")
            self.call_later(self._preview)
        # In the wide layout the deck is always shown: opening a story changes no layout.
        self.set_class(self._reading and width < WIDE, "-reading")
        self.set_class(self._tree_steps_aside(width), "-roomy")

    def _tree_steps_aside(self, width: int) -> bool:
        """Whether the feeds tree hides to give its columns to the story panes.

        Only while a story pane has focus, and only when the panes would be cramped beside it:
        one pane narrower than MIN_PANE_WIDTH, or (from ROOMY columns) not two side by side.
        Back on the headlines (Esc, Shift+Tab, a click) the reader is choosing what to read
        next, and the tree is there again.
        """
        if not self._reading or width < NARROW:
            return False  # a narrow terminal gives the whole screen to the story anyway
        if self.deck.finding_related and self.has_class("-roomy"):
            return True  # the next story is opening: no flicker while its panes come in
        if self._focused_pane() is None:
            return False
        # the deck's own count, not the one in its last PanesChanged: that message can be older
        # than `finding_related` (the related panes are already in while it waits its turn)
        wanted = min(self.deck.panes_expected, 2 if width >= ROOMY else 1)
        share = READING_SHARE if width < WIDE else WIDE_SHARE
        deck_with_tree = width - TREE_WIDTH - round(width * share) - 1
        return deck_with_tree < wanted * MIN_PANE_WIDTH

    def on_mount(self) -> None:
        self._headlines = self.table
        if self.reader.refreshes_at_start:  # (it starts once the config's feeds are saved)
            self.table.set_fetching(0)  # an empty list says its feeds are coming, not "R"
        self.restore_place()
        self.load_counts()
        self.table.focus()
        self.set_interval(PLACE_EVERY, self.save_place)
        self.look_for_changes()
        self.set_interval(CHANGES_EVERY, self.look_for_changes)
        if self.open_target:
            self.call_after_refresh(self.open_page_target, self.open_target)

    def on_resize(self, event: events.Resize) -> None:
        self._sync_layout(event.size.width)
        self._sync_quit_label()  # (Esc's label has room from FOOTER_BACK columns)
        self.call_after_refresh(self.deck.layout_panes)

    @on(events.DescendantFocus)
    def focus_moved(self) -> None:
        self._sync_quit_label()
        self._sync_layout(self.size.width)
        pane = self._focused_pane()
        if pane is not None:
            self.pane_visited(pane)

    @work(thread=True, exclusive=True, exit_on_error=False, group="changes", name="looking")
    def look_for_changes(self) -> None:
        """Headlines added or regrouped by another process (``newsreader refresh`` from cron,
        the housekeeping process grouping what a big refresh left): the lists are re-read."""
        try:
            version = self.reader.store.content_version()
        except StoreError:
            return
        self.app.call_from_thread(self._changes_seen, version)

    def _changes_seen(self, version: str | None) -> None:
        if not self._looked:  # the version at the start: what is listed already
            self._looked, self._content_version = True, version
            return
        if version == self._content_version:
            return
        if self.refreshing and self.table.articles:
            return  # this reader's own refresh: its lists are re-read when it ends
        self._content_version = version
        self.load_counts()
        self.table.reload()

    @on(StoryDeck.PanesChanged)
    def panes_changed(self) -> None:
        self._sync_layout(self.size.width)
        aimed = self._aim()
        if aimed is None or not self.reading or self.table.opening is not None:
            return
        pane = self.deck.activate(aimed.number - 1)
        if pane is not None:  # the pane asked for while the story was opening: go to it
            self._aimed = None
            pane.focus()
            if aimed.favourite:  # and f typed for it meanwhile (Enter 3 f in one burst)
                self._favourite_pane(pane)
        elif not self.deck.finding_related:  # every pane is in: it will not come
            if aimed.favourite:  # the f typed for it is said not done; keys act as before
                self._set_aim(None, f"this story has {counted(len(self.deck.panes), 'pane')}")
            elif not aimed.said:  # (the panes' count changing again says it no more)
                self._no_pane(aimed.number)

    def _story_meant(self) -> int | None:
        """The story keys aimed at a pane mean: the one Enter is opening (its Selected message
        not handled yet, or its opening not begun), else the one opened."""
        opening = self.table.opening
        return opening.id if opening is not None else self._open_id

    def _aim(self) -> Aim | None:
        """The pane number pressed for a pane not there, for the story meant now (None: none,
        or it was meant for another story)."""
        if self._aimed is not None and self._aimed.story != self._story_meant():
            self._set_aim(None, "another story was opened")
        return self._aimed

    def _set_aim(self, aim: Aim | None, why: str = "") -> None:
        """Aim keys at a pane still to come (None: at the focused pane again). An f typed for
        the pane aimed at before, not done, is said to be dropped, and ``why``."""
        before = self._aimed
        self._aimed = aim
        if before is not None and before.favourite and not (aim is not None and aim.favourite):
            key = keymap.first_key_of("favourite", self.reader.keymap)
            self.notify(
                f"The {key} typed for story pane {before.number} was not done: {why}.",
                severity="warning",
                timeout=4,
                markup=False,
            )

    def _no_pane(self, number: int) -> None:
        if self._aimed is not None and self._aimed.number == number:
            self._aimed = replace(self._aimed, said=True)
        count = len(self.deck.panes)
        self.notify(
            f"There is no story pane {number}: this story has {counted(count, 'pane')}.",
            timeout=2,
            markup=False,
        )

    def _aimed_elsewhere(self) -> bool:
        """A key aimed at a pane (x, u, f) after a pane number whose pane is not there: it does
        nothing, rather than act on the pane that has focus: while the story is opening (the
        pane may come), or once when every pane is in (the next one acts on the focused pane)."""
        aimed = self._aim()
        opening = self.table.opening is not None
        if aimed is None or not (self.reading or opening):
            return False
        if self.deck.finding_related or opening:
            text = f"Story pane {aimed.number} is not there yet: its story is still opening."
        else:
            self._set_aim(None, "there is no such pane")
            text = (  # (that there is none was said as the panes came, or as it was pressed)
                f"Nothing was done: it was meant for story pane {aimed.number}."
                if aimed.said
                else f"There is no story pane {aimed.number}: nothing was done."
            )
        self.notify(text, timeout=3, markup=False)
        return True

    @property
    def status(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def refreshing(self) -> bool:
        return self.status.refreshing

    def set_status(self) -> None:
        view = self.table.view
        unread, total = self._view_numbers(view)
        keys = self.reader.keymap
        hidden = keymap.keys_of("hide_read", keys) if self.table.hiding_read else ""
        collapsed = keymap.keys_of("collapse_groups", keys) if self.table.collapsing else ""
        self.status.show_view(self._view_name(view), unread, total, hidden, collapsed)

    def _view_numbers(self, view: View) -> tuple[int | None, int | None]:
        """(unread, total) headlines of ``view``, None where not known (yet); no query."""
        if view.kind == "feed" and not view.query:
            feed = self.feeds_tree.feeds.get(view.feed_id or 0)
            return (feed.unread, feed.total) if feed is not None else (None, None)
        counted = self._counted == view
        unread = self._view_unread if counted else None
        counts = self._counts
        if counts is not None and view.kind in TREE_COUNTED and not view.query:
            if view.kind == "today":
                unread = counts.today
            elif view.kind == "category" and counts.categories is not None:
                unread = counts.categories.get(view.category, 0)
            elif view.kind == "category":
                feeds = self.feeds_tree.feeds.values()
                unread = sum(f.unread for f in feeds if f.category == view.category)
            else:
                unread = counts.unread
        if view.kind == "unread":
            return unread, None  # all of them unread
        total = self._view_total if counted else None
        if total is not None and unread is not None:
            total = max(total, unread)  # counted a moment apart while headlines come in
        return unread, total

    def count_view(self, view: View, totals: bool, *, final: bool = False) -> None:
        """Count what the tree's counts do not give for ``view``: its headlines (``totals``:
        they may have changed), and a search's or the favourites' unread ones. While a refresh
        stores headlines the total changes all the time: it is counted once its results are in
        (``final``), not at every feed (a count of 100,000 rows competes with the keys)."""
        if view.kind in ("feed", "unread") and not view.query:
            return
        totals = totals and (final or not self.refreshing)
        unread = view.kind not in TREE_COUNTED or bool(view.query)
        if totals or unread:
            self._count_view(view, totals, unread)

    @work(thread=True, exit_on_error=False, group="view-count", name="counting headlines")
    def _count_view(self, view: View, total: bool, unread: bool) -> None:
        store = self.reader.store
        self.post_message(
            self.ViewCounted(
                view,
                store.count(view, unread=True) if unread else None,
                store.count(view) if total else None,
            )
        )

    def on_main_screen_view_counted(self, message: ViewCounted) -> None:
        if message.view != self._counted:
            return
        if message.unread is not None:
            self._view_unread = message.unread
        if message.total is not None:
            self._view_total = message.total
        self.set_status()

    def _view_name(self, view: View) -> str:
        """A view as the reader names it: its label, a feed's title for a feed; a view
        searched, "Search in Favourites: its words"."""
        feed = self.feeds_tree.feeds.get(view.feed_id) if view.feed_id is not None else None
        name = feed.display_title if feed is not None else view.label
        if view.kind != "search" and view.query:
            return f"Search in {name}: {view.query}"
        return name

    # ------------------------------------------------------------------ counts

    @work(thread=True, exit_on_error=False, group="counts", exclusive=True, name="reading counts")
    def load_counts(self, totals: bool = True) -> None:
        """The tree's counts (and, after them, the listed view's: see ``count_view``); with
        ``totals`` False only read states changed since the last time."""
        store = self.reader.store
        feeds = store.feeds()
        counts = Counts(
            # as the smart views list them: a story's copies once (the feeds list every copy)
            unread=store.count(View("unread")),
            today=store.count(View("today"), unread=True),
            favourites=store.count(View("favourites")),
            categories=store.unread_by_category(),
        )
        self.post_message(self.CountsReady(feeds, counts, totals))

    def on_main_screen_counts_ready(self, message: CountsReady) -> None:
        self._counts = message.counts
        if self._counted == self.table.view:
            self.count_view(self._counted, message.totals)
        if not self.feeds_tree.set_feeds(
            message.feeds, message.counts, reorder=not self.refreshing
        ):
            self.counts_changed()  # feeds move to their places once the refresh is over
        self.table.set_feeds(message.feeds)
        added = self._go_to_feed
        if added is not None and added in self.feeds_tree.feeds:
            self._go_to_feed = None
            self.call_after_refresh(self.go_to_view, View("feed", feed_id=added))
        if not self._tree_placed:  # the tree's first build: its cursor goes to the listed view
            self._tree_placed = True  # (once its new lines are laid out)
            self.call_after_refresh(self._tree_follows_list)
        self.set_status()

    def counts_changed(self, totals: bool = True) -> None:
        """Re-read the counts shortly (changes come in bursts); ``totals`` False: only read
        states changed, the views' totals stay."""
        self._totals_due |= totals
        if not self._counts_timer_set:
            self._counts_timer_set = True

            def fire() -> None:
                self._counts_timer_set = False
                due, self._totals_due = self._totals_due, False
                self.load_counts(due)

            self.set_timer(COUNTS_DELAY, fire)

    # ------------------------------------------------------------------ views

    @work(thread=True, exit_on_error=False, group="place", name="opening the last view")
    def restore_place(self) -> None:
        """List the view, cursor on the headline, where the reader was when it last closed."""
        view, article_id = reading.last_place(self.reader.store)
        hide = hide_read_at_start(self.reader.store, self.reader.config)
        collapse = collapse_at_start(self.reader.store, self.reader.config)
        self.app.call_from_thread(self._show_place, view, article_id, hide, collapse)

    def _show_place(
        self, view: View, article_id: int | None, hide_read: bool, collapse: bool
    ) -> None:
        self._restoring = True  # the place is taken as restored once its list is in
        self.table.hide_read = hide_read
        self.table.collapse_groups = collapse
        self.table.show_view(view, keep_id=article_id)
        self.call_after_refresh(self._tree_follows_list)

    def _tree_follows_list(self) -> None:
        self.feeds_tree.select_view(self.table.view, post=False)

    def _place(self) -> tuple[View, int | None]:
        # the list itself, not a query: on unmount it has left the screen but knows its place
        table = self._headlines
        current = table.current
        return table.view, current.id if current is not None else None

    def save_place(self) -> None:
        """(Timer) keep the view and headline for the next start, when they changed."""
        if self._saved_place is None or self._place() == self._saved_place:
            return  # not restored yet (nothing to lose), or unchanged
        self._saved_place = self._place()
        self._write_place(*self._saved_place)

    @work(thread=True, exit_on_error=False, group="write", name="saving the view")
    def _write_place(self, view: View, article_id: int | None) -> None:
        reading.save_place(self.reader.store, view, article_id)

    def on_unmount(self) -> None:
        if self._saved_place is not None and self._place() != self._saved_place:
            self.reader.place_to_save = self._place()  # saved once the screen is gone

    @on(FeedTree.ViewChosen)
    def view_chosen(self, message: FeedTree.ViewChosen) -> None:
        self.show_view(message.view)
        self.table.focus()

    def show_view(self, view: View) -> None:
        self.table.show_view(view)

    def go_to_view(self, view: View) -> None:
        """List ``view`` (from the command palette): the tree follows, the headlines get focus."""
        self.feeds_tree.select_view(view, post=False)
        self.show_view(view)
        if self.reading and self.has_class("-narrow"):
            self.close_deck()
        else:
            self.table.focus()

    @on(HeadlineList.Loaded)
    async def headlines_loaded(self, message: HeadlineList.Loaded) -> None:
        if message.view != self._counted:  # another view: its numbers are counted afresh
            self._counted, self._view_total, self._view_unread = message.view, None, None
            if self._counts is not None:  # (else the first counts, on their way, do it)
                self.count_view(message.view, totals=True)
        if self._restoring:  # the saved place is listed: from now on, a move is saved
            self._restoring = False
            self._saved_place = self._place()
        self._sync_quit_label()
        self.set_status()
        if self._land_on_unread is not None:
            await self._landed()
        if not self._warmed:
            self._warmed = True
            self.warm_up()

    @work(thread=True, exit_on_error=False, group="warm-up", name="getting ready")
    def warm_up(self) -> None:
        """Import the summariser and extractor once the headlines are up, not on the first open."""
        reading.algorithms()
        reading.resolve_language(self.reader.config)
        try:
            lazy.load("reader.extract")
            lazy.load("reader.fetch")
            # the stemmers' import (nltk's Snowball, 0.4 s), which finding a story's closest
            # reports in a large group needs (reading.find_reports)
            lazy.load("reader.related").text.stemmer("english")
        except ImportError:
            pass
        # a reader that does not refresh as it starts (timed refreshes off): what waits to be
        # grouped (a CLI refresh's backlog, a window to group again after an upgrade) is
        # grouped in the housekeeping process now, not at the first R (a refresh does it too;
        # background_refresh: the reader's own background work, off in a test's app)
        if not self.reader.background_refresh or self.status.refreshing:
            return
        lazy.load("reader.refresh")
        from reader.refresh import backlog_waits

        if backlog_waits(self.reader.store):
            self.app.call_from_thread(self._group_waiting)

    def _group_waiting(self) -> None:
        if not self.status.refreshing:
            self.status.group_new(time.time())

    @on(HeadlineList.Highlighted)
    async def headline_highlighted(self) -> None:
        if self._moved_off_open_story():  # the preview follows the cursor again
            self.close_deck()
            await self.deck.clear()
        self._preview()

    def _moved_off_open_story(self) -> bool:
        """Beside the list (from NARROW columns), the cursor left the open story for another
        headline (after Esc from the story at WIDE, or Shift+Tab): the story beside the list
        would no longer be the one chosen. (Below WIDE the list gets its whole width back.)"""
        if self.has_class("-narrow") or not (self.reading and self.table.has_focus):
            return False
        current = self.table.current  # (a page opened by its address is no headline: it stays)
        return current is not None and self._open_id is not None and current.id != self._open_id

    def _preview(self) -> None:
        """In the wide layout with no story open, the deck previews the highlighted headline."""
        if self.has_class("-wide") and not self.reading:
            if self.deck.panes:  # a story left with Esc below WIDE, then the terminal widened
                self.call_later(self._clear_left_story)
            self.deck.preview(self.table.current)

    async def _clear_left_story(self) -> None:
        """Close the panes of a story left with Esc below WIDE columns (they stay, hidden, while
        the list has the screen): widened, the deck is the preview, as when started that wide,
        not the old story with the cursor elsewhere. (Checked again: a story may be open now.)"""
        if self.has_class("-wide") and not self.reading and self.deck.panes:
            await self.deck.clear()

    @on(HeadlineList.Selected)
    def row_selected(self, event: HeadlineList.Selected) -> None:
        event.stop()
        self.call_later(self.open_article, event.article)

    # ------------------------------------------------------------------ opening stories

    async def open_article(self, article: Article) -> None:
        self._open_id = article.id  # before any wait: the cursor may be moving to it meanwhile
        self.table.opening = None  # (a pane number typed since Enter aims at its panes)
        view = self.table.view
        # the first frame after Enter has the final layout: the tree put away and the pane at
        # its width (focusing the pane after a frame showed the tree beside a narrow pane)
        with self.app.batch_update():
            self.set_reading(True)
            pane = await self.deck.open_article(article, view.query if searched(view) else "")
            self.set_focus(pane)
            self._sync_layout(self.size.width)
        if self.reader.config.reader.mark_read_on_open and not article.is_read:
            self.mark_read(pane, True)

    def mark_read(self, pane: StoryPane, read: bool) -> None:
        """Mark the stored article ``pane`` shows read or unread (list, pane and store); one
        opened from a row standing for its story (one headline per story), the story's reports
        with it, as the row's u does."""
        article_id = pane.state.article_id
        if article_id is not None:
            pane.state.read = read
            ids = [article_id] if pane.state.related else self.table.story_ids(article_id)
            self.table.update_articles(ids, is_read=read)
            self.write_read(ids, read, pane.state.story.title)

    def pane_visited(self, pane: StoryPane) -> None:
        """A related story is read when its pane is first reached, as an opened one is; one the
        page gave only as a link is fetched then."""
        state = pane.state
        if state.visited:
            return
        state.visited = True
        if state.related and state.read is False and self.reader.config.reader.mark_read_on_open:
            self.mark_read(pane, True)
        if state.related and not state.fetched:  # (one on screen was fetched then: Enter retries)
            self.deck.follow_link(pane)

    async def open_page_target(self, target: str) -> None:
        """Show a page or URL given on the command line (no stored article behind it)."""
        self._open_id = None
        self.set_reading(True)
        pane = await self.deck.open_target(target)
        pane.focus()

    # ------------------------------------------------------------------ read / favourite

    @work(thread=True, exit_on_error=False, group="write", name="saving read state")
    def write_read(self, ids: list[int], read: bool, title: str = "") -> None:
        """Save the read state of headlines shown so already (u, or a story opened), the
        copies of their stories with them (related.mark_duplicates_read). When the database
        refuses, the rows go back to what is stored, and the message says what was not saved."""
        store = self.reader.store
        copies = self.reader.config.related.mark_duplicates_read
        try:
            changed = store.set_read(ids, read, with_copies=copies)
        except StoreError as exc:
            saved = {i: not read for i in ids}  # (unchanged, as far as can be told)
            for i in ids:
                try:
                    article = store.article(i)
                except StoreError:
                    break
                if article is not None:
                    saved[i] = article.is_read
            state = "read" if saved[ids[0]] else "unread"
            name = (
                f"'{middle_cut(clean_line(title), 50)}'" if title else counted(len(ids), "headline")
            )
            verb = "is" if title or len(ids) == 1 else "are"
            text = hints.not_saved(f"{name} {verb} still {state}", exc)
            self.post_message(self.ReadNotSaved(saved, text))
            return
        self.post_message(self.ReadChanged(list(dict.fromkeys([*ids, *changed])), read))

    def on_main_screen_read_not_saved(self, message: ReadNotSaved) -> None:
        for read in (True, False):
            ids = [i for i, r in message.saved.items() if r is read]
            if ids:
                self.table.update_articles(ids, is_read=read)
        for pane in self.deck.panes:
            if pane.state.article_id in message.saved:
                pane.state.read = message.saved[pane.state.article_id]
        if message.undo is not None:
            self.undo_stack.append(message.undo)  # U tries it again
        self.notify(message.text, severity="warning", timeout=8, markup=False)

    def on_main_screen_read_changed(self, message: ReadChanged) -> None:
        self.table.update_articles(message.ids, is_read=message.read)
        ids = set(message.ids)
        for pane in self.deck.panes:
            if pane.state.article_id in ids:
                pane.state.read = message.read
        self.counts_changed(totals=False)

    @on(StoryDeck.FavouriteSaved)
    def favourite_saved(self, message: StoryDeck.FavouriteSaved) -> None:
        taken_out = self.table.taken_out.get(message.article_id)
        saved_at = taken_out.favourited_at if taken_out is not None else None
        if message.favourite and saved_at is not None:
            # taken out and put back while the list is shown (f f: most likely a slip
            # undone): it keeps its place in Favourites, and its time in an export
            self._keep_saved_time(message, saved_at)
            return
        self._favourite_shown(message)

    @work(thread=True, exit_on_error=False, group="write", name="saving the favourite")
    def _keep_saved_time(self, message: StoryDeck.FavouriteSaved, saved_at: datetime) -> None:
        """Give a favourite put back the time it was first saved, then show it saved (until
        then f on it is one press with the one before: the deck waits for the save)."""
        try:
            self.reader.store.set_favourite(message.article_id, True, saved_at)
        finally:  # (not kept: it is saved all the same, as new; the error handler says why)
            self.app.call_from_thread(self._favourite_shown, message)

    def _favourite_shown(self, message: StoryDeck.FavouriteSaved) -> None:
        self.table.update_articles([message.article_id], is_favourite=message.favourite)
        self.deck.show_favourite(message.pane, message.article_id, message.favourite, message.key)
        word = "Saved to Favourites" if message.favourite else "Removed from Favourites"
        if message.unlisted:  # no other list has it: U puts it back (said, for a while)
            self.undo_stack.append(Unstarred(message.article_id, message.unlisted))
            undo = keymap.first_key_of("undo", self.reader.keymap)
            self.notify(
                f"{word}: '{middle_cut(message.unlisted, 60)}' is in no other list now (its "
                f"feed is no longer followed, or it came from a page); {undo} puts it back "
                "in Favourites.",
                severity="warning",
                timeout=12,
                markup=False,
            )
        else:
            self.notify(word, timeout=2, markup=False)
        self.counts_changed()
        # In Favourites a story taken out stays listed (unstarred) until the view is left: a
        # second f puts it back, instead of acting on the next favourite that moved under it.
        if self.table.view.kind == "favourites" and message.favourite:
            self.table.reload()

    # ------------------------------------------------------------------ focus helpers

    def _focused_pane(self) -> StoryPane | None:
        focused = self.focused
        while focused is not None and not isinstance(focused, StoryPane):
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        return focused

    def _target_pane(self) -> StoryPane | None:
        """The pane an action means: the focused one, else the active one while reading. A
        pane chosen by number or Tab is active at once, while its focus comes a moment later:
        a key typed with the number ("9 f" in one burst, a paste) means that pane, not the one
        still focused (the deck makes the focused pane the active one as focus moves)."""
        pane = self._focused_pane()
        active = self.deck.active_pane
        if pane is not None and active is not None and active is not pane:
            return active
        if pane is None and self.reading and not self.table.has_focus:
            pane = active
        return pane

    def _regions(self) -> list[Widget]:
        regions: list[Widget] = [
            w for w in (self.feeds_tree, self.table) if w.display and w.styles.display != "none"
        ]
        if (self.has_class("-narrow") and self.reading) or self.has_class("-maximised"):
            regions = []
        if self.reading:
            regions.extend(self.deck.panes)  # panes off screen come on screen when reached
        return regions

    # ------------------------------------------------------------------ actions

    def action_move(self, delta: int) -> None:
        focused = self.focused
        if isinstance(focused, StoryPane):
            focused.scroll_relative(y=delta, animate=False)
        elif isinstance(focused, HeadlineList | Tree):
            if delta > 0:
                focused.action_cursor_down()
            else:
                focused.action_cursor_up()

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, (FeedTree, HeadlineList)):
            focused.action_select_cursor()
        elif isinstance(focused, StoryPane) and self.deck.follow_link(focused):
            return  # a related story known only by its link (again, after a failure)
        else:
            article = self.table.current
            panes = self.deck.panes
            if article is None or (
                self.reading and panes and panes[0].state.article_id == article.id
            ):
                return  # already open: Enter in a story pane keeps its panes and their scroll
            self.call_later(self.open_article, article)

    async def action_next_unread(self, direction: int) -> None:
        """n: the next unread headline below the cursor; past the list's last one, round to its
        first unread above (as newsboat's next-unread), once: pressed again where that round
        began, on to the next feed with unread headlines, though this one still has unread the
        user browsed past (nothing is marked read while browsing, so going round again would
        keep n in this feed). N likewise upwards, to the previous feed's last unread."""
        table = self.table
        current = table.current
        here = current.id if current is not None else None
        run = self._unread_run
        if run is None or (run.view, run.direction, run.landed) != (table.view, direction, here):
            run = self._unread_run = UnreadRun(table.view, direction, here)
        index = table.find_unread(direction)
        round_done = index is not None and run.wrapped and run.shown(table.articles, index)
        if index is not None and not round_done:
            await self._go_to_unread(index)
        elif direction > 0 and not table.exhausted and not round_done:
            table.move_cursor(row=len(table.articles) - 1)
            run.landed = table.current.id if table.current is not None else None
            self.notify("Looking further down…", timeout=2, markup=False)
        elif not run.wrapped and direction < 0 and not table.exhausted:
            # round to the list's last unread, maybe in pages not read yet (should reading
            # them fail, round to the last unread of those read)
            table.load_all(then=lambda: self.call_later(self._go_round, direction))
        elif not run.wrapped:
            await self._go_round(direction)
        else:
            self._move_on(direction)

    async def _go_round(self, direction: int) -> None:
        """n past the last unread of a list: back to its first unread (N: its last), said;
        with none there, on to the next (previous) feed with unread."""
        table = self.table
        run = self._unread_run
        if direction > 0:
            index, where, back = table.first_unread(), "below", "first"
            wraps = index is not None and index < table.cursor_row
        else:
            index, where, back = table.last_unread(), "above", "last"
            wraps = index is not None and index > table.cursor_row
        if index is not None and run is not None and run.shown(table.articles, index):
            wraps = False  # every unread left is one these presses went past
        if index is None or not wraps:
            self._move_on(direction)
            return
        here = clean_line(self._view_name(table.view), 60)
        self.notify(
            f"No more unread {where}: back to the {back} unread in {here}.",
            timeout=2,
            markup=False,
        )
        if run is not None:
            run.wrapped = True
        await self._go_to_unread(index)

    def _move_on(self, direction: int) -> None:
        """On to the next (previous) feed with unread headlines; said when there is none (and
        the next n starts round the list again)."""
        self._unread_run = None
        following = self.feeds_tree.next_with_unread(self.table.view, direction)
        if following is not None:
            self._move_on_to(following, direction)
        else:
            self.notify("No more unread headlines here.", timeout=2, markup=False)

    async def _go_to_unread(self, index: int) -> None:
        """The cursor to row ``index``, opened when a story is being read."""
        table = self.table
        table.move_cursor(row=index)
        if self._unread_run is not None:
            self._unread_run.landed = table.current.id if table.current is not None else None
        if self.reading:
            article = table.current
            if article is not None:
                await self.open_article(article)

    def _move_on_to(self, view: View, direction: int = 1) -> None:
        """n past the last unread of a feed (or category): on to the next one with unread
        headlines, its first unread chosen (and opened, when a story is being read); N before
        the first: on to the previous one, its last unread chosen (as newsboat's prev-unread)."""
        here, there = (clean_line(self._view_name(v), 60) for v in (self.table.view, view))
        self.notify(
            f"No more unread in {here}: on to {there}.",
            timeout=3,
            markup=False,
        )
        self._land_on_unread = self.reading
        self._land_upwards = direction < 0
        self.feeds_tree.select_view(view, post=False)
        self.show_view(view)

    async def _landed(self) -> None:
        """The list n moved on to is in: its first unread headline (opened when reading)."""
        opening, self._land_on_unread = self._land_on_unread, None
        table = self.table
        current = table.current
        if opening is None or current is None:
            return
        if self._land_upwards:  # N: its last unread, once every page of the list is in
            if not table.exhausted:
                table.load_all(then=lambda: self.call_later(self._land_on_last, opening))
            else:
                await self._land_on_last(opening)
            return
        if current.is_read and (index := table.find_unread(1)) is not None:
            table.move_cursor(row=index)
        if opening and table.current is not None:
            await self.open_article(table.current)

    async def _land_on_last(self, opening: bool) -> None:
        """The list N moved back to is in full: its last unread headline (opened when reading)."""
        table = self.table
        index = table.last_unread()
        if index is not None:
            table.move_cursor(row=index)
        if opening and table.current is not None:
            await self.open_article(table.current)

    def action_next_feed(self, direction: int) -> None:
        """J / K: the headlines of the next (previous) view in the tree, as newsboat's J / K
        between feeds, the smart views (All … Favourites) before the first feed; from a
        category its neighbour, from a search the first (last) feed; from a view searched,
        that view's neighbour."""
        view = self.table.view
        if view.kind != "search":
            view = replace(view, query="")
        following = self.feeds_tree.next_view(view, direction)
        if following is None:
            here = clean_line(self._view_name(view), 60)
            where = "after" if direction > 0 else "before"
            kind = "category" if view.kind == "category" else "feed"
            self.notify(f"There is no {kind} {where} {here}.", timeout=2, markup=False)
            return
        self.go_to_view(following)

    def action_page(self, direction: int) -> None:
        pane = self._target_pane() or (self.deck.active_pane if self.reading else None)
        if pane is not None:
            if direction > 0:
                pane.scroll_page_down(animate=False)
            else:
                pane.scroll_page_up(animate=False)
            return
        focused = self.focused
        if isinstance(focused, HeadlineList):
            if direction > 0:
                focused.action_page_down()
            else:
                focused.action_page_up()

    def action_edge(self, bottom: int) -> None:
        focused = self.focused
        if isinstance(focused, StoryPane):
            if bottom:
                focused.scroll_end(animate=False)
            else:
                focused.scroll_home(animate=False)
        elif isinstance(focused, Tree):  # the first line, or the last one shown
            focused.cursor_line = focused.last_line if bottom else 0
            focused.scroll_to_line(focused.cursor_line, animate=False)
        else:
            table = self.table
            if bottom:
                if table.exhausted:
                    table.move_cursor(row=max(0, len(table.articles) - 1))
                else:
                    table.load_all()
            else:
                table.move_cursor(row=0)

    def action_favourite(self) -> None:
        if self._favourite_when_it_comes() or self._aimed_elsewhere():
            return
        pane = self._target_pane()
        if pane is not None:
            self._favourite_pane(pane)
            return
        article = self.table.current
        if article is not None:
            self.deck.write_favourite(None, article.id, not article.is_favourite)

    def _favourite_pane(self, pane: StoryPane) -> None:
        state = pane.state
        if state.article_id is None and state.loading:
            self.notify("The page is still loading.", timeout=2, markup=False)
            return
        # A story with no article of its own (found on a page, or a page opened directly)
        # is saved as one; an opened page's is listed under its site's name.
        self.deck.write_favourite(pane, state.article_id, not state.favourite)

    def _favourite_when_it_comes(self) -> bool:
        """f after a pane number whose pane is still to come (the story opening: Enter 3 f in
        one burst): done to that pane as it comes (see panes_changed); f again takes it back."""
        aimed = self._aim()
        opening = self.table.opening is not None
        if aimed is None or not (self.reading or opening):
            return False
        if not (self.deck.finding_related or opening):
            return False  # every pane is in: it will not come (_aimed_elsewhere says so)
        key = keymap.first_key_of("favourite", self.reader.keymap)
        self._aimed = replace(aimed, favourite=not aimed.favourite)
        text = (
            f"Story pane {aimed.number} is not there yet: {key} is done to its story as it comes."
            if self._aimed.favourite
            else f"Story pane {aimed.number} is not there yet: the {key} before is taken back."
        )
        self.notify(text, timeout=3, markup=False)
        return True

    def action_toggle_read(self) -> None:
        if self._aimed_elsewhere():
            return
        pane = self._target_pane()
        if pane is not None:
            if pane.state.read is None:  # a story found on a page: nothing stored to mark
                self.notify("This story has no headline to mark.", timeout=2, markup=False)
            else:  # the pane's story, listed here or not
                self.mark_read(pane, not pane.state.read)
            return
        article = self.table.current
        if article is None:
            return
        ids = self.table.story_ids(article.id)  # a row standing for a story: all its reports
        self.table.update_articles(ids, is_read=not article.is_read)
        self.write_read(ids, not article.is_read, article.title)

    def _chosen_view(self) -> View:
        """The view a key for "this feed" means: in the feeds tree the line under its cursor
        (as in newsboat's feed list), elsewhere the one listed."""
        node = self.feeds_tree.cursor_node if self.feeds_tree.has_focus else None
        if node is not None and node.data is not None:
            return node.data
        return self.table.view

    def action_mark_all_read(self) -> None:
        view = self._chosen_view()
        if not view.query:
            self._mark_view_read(view, clean_line(self._view_name(view), 60))
            return
        # a searched list: its matches ("… matching “tram” read in Tech Daily")
        where = "" if view.kind == "search" else self._view_name(replace(view, query=""))
        self._mark_view_read(view, clean_line(where, 60), matching=clean_line(view.query, 60))

    def action_mark_everything_read(self) -> None:
        """C (newsboat's "mark all feeds read"): every headline, whatever is listed; U undoes."""
        self._mark_view_read(View("all"), "every feed", every_feed=True)

    @work(thread=True, exit_on_error=False, group="write", name="marking headlines read")
    def _mark_view_read(
        self, view: View, name: str, every_feed: bool = False, matching: str = ""
    ) -> None:
        copies_too = self.reader.config.related.mark_duplicates_read
        try:
            ids, copies = self.reader.store.mark_view_read(view, with_copies=copies_too)
        except StoreError as exc:
            text = hints.not_saved(f"nothing in {name or 'the search'} was marked read", exc)
            self.post_message(self.ReadNotSaved({}, text))
            return
        self.post_message(
            self.ReadChanged(
                ids,
                True,
                undo=True,
                copies=copies,
                where=name,
                every_feed=every_feed,
                matching=matching,
            )
        )

    @on(ReadChanged)
    def remember_undo(self, message: ReadChanged) -> None:
        if message.undo and not message.ids and message.every_feed:
            self.notify("No feed has unread headlines.", timeout=2, markup=False)
        elif message.undo and not message.ids:
            where = f"in {message.where}" if message.where else "here"
            self.notify(f"Nothing {where} is unread.", timeout=2, markup=False)
        elif message.undo:
            self.undo_stack.append(message.ids)
            self.notify(marked_read_text(message, self.reader.keymap), timeout=6, markup=False)

    def action_undo(self) -> None:
        if not self.undo_stack:
            self.notify("Nothing to undo.", timeout=2, markup=False)
            return
        last = self.undo_stack.pop()
        if isinstance(last, Unstarred):  # back into Favourites ("Saved to Favourites")
            self.deck.write_favourite(None, last.article_id, True)
        else:
            self._undo_read(last)

    @work(thread=True, exit_on_error=False, group="write", name="marking headlines unread")
    def _undo_read(self, ids: list[int]) -> None:
        """Give back exactly what A or C marked read (``ids``: the ones they changed; copies
        that were read before stay read)."""
        try:
            self.reader.store.set_read(ids, False)
        except StoreError as exc:
            were = "is" if len(ids) == 1 else "are"
            text = hints.not_saved(f"{counted(len(ids), 'headline')} {were} still read", exc)
            self.post_message(self.ReadNotSaved({}, text, undo=ids))
            return
        self.post_message(self.ReadChanged(ids, False))
        self.app.call_from_thread(
            self.notify, f"Marked {len(ids)} unread again.", timeout=3, markup=False
        )

    def _link(self) -> str:
        pane = self._target_pane()
        url = pane.state.story.url if pane is not None else None
        if pane is None and self.table.current is not None:
            url = self.table.current.url
        return without_tracking(safe_link(url, allow_mailto=True))

    def action_open_browser(self) -> None:
        url = self._link()
        if not url:
            self.notify("This story has no web link to open.", severity="warning", markup=False)
            return
        self.notify(f"Opening {clean_line(url, 120)}", timeout=2, markup=False)
        self.launch_browser(url)

    @work(thread=True, exit_on_error=False, name="opening the browser")
    def launch_browser(self, url: str) -> None:
        chosen = browser.choose(self.reader.config.reader.browser)
        if chosen.terminal:  # w3m, lynx…: it needs the terminal, the reader steps aside
            self.app.call_from_thread(self.run_terminal_browser, chosen, url)
            return
        problem = browser.start(chosen, url)
        if problem:
            self.app.call_from_thread(
                self.notify, problem, severity="error", timeout=8, markup=False
            )

    def run_terminal_browser(self, chosen: browser.Browser, url: str) -> None:
        """Run a browser that draws in the terminal in the foreground, the reader suspended until
        it ends (as newsboat does): beside the reader it would fight it for the screen and keys."""
        argv = browser_argv(chosen.command, url)
        try:
            with self.app.suspend():
                subprocess.run(argv, check=False)
        except SuspendNotSupported:
            copy_key = keymap.first_key_of("copy_link", self.reader.keymap)
            self.notify(
                f"{argv[0]} ({chosen.source}) draws in the terminal, which cannot be handed over "
                f"here; press {copy_key} to copy the link instead.",
                severity="warning",
                timeout=8,
                markup=False,
            )
        except OSError as exc:
            self.notify(
                f"The browser {argv[0]!r} ({chosen.source}) could not be started: "
                f"{exc.strerror or exc}.",
                severity="error",
                timeout=8,
                markup=False,
            )

    def action_copy_link(self) -> None:
        url = self._link()
        if not url:
            self.notify("This story has no web link to copy.", severity="warning", markup=False)
            return
        # OSC 52: whether the terminal takes it is its own business, and it does not say; the
        # link is shown too, to be selected by hand (Shift + drag in most terminals)
        self.app.copy_to_clipboard(url)
        self.notify(
            f"Sent to the clipboard (if the terminal allows it):\n{clean_line(url, 1000)}",
            timeout=8,
            markup=False,
        )

    def action_show_links(self) -> None:
        pane = self._target_pane() or self.deck.active_pane
        if pane is None:
            self._no_story()
            return
        self.deck.show_links(pane, self.launch_browser)  # Enter: as o opens a story's link

    def _no_story(self) -> None:
        """Say why a key for story panes did nothing."""
        open_key = keymap.first_key_of("open", self.reader.keymap)
        self.notify(f"No story is open: press {open_key} on a headline.", timeout=2, markup=False)

    def action_toggle_summary(self) -> None:
        pane = self._target_pane() or self.deck.active_pane
        if pane is None:
            self._no_story()
        else:
            self.deck.toggle_summary(pane)

    def action_cycle_algorithm(self) -> None:
        pane = self._target_pane() or self.deck.active_pane
        if pane is None:
            self._no_story()
        elif lazy.loaded("reader.summarize"):
            self._cycle_algorithm(pane, reading.algorithms())
        else:  # before the warm-up is done: the summariser is imported in a worker, not here
            self._algorithms_for(pane)

    @work(thread=True, exit_on_error=False, group="warm-up", name="getting the summariser")
    def _algorithms_for(self, pane: StoryPane) -> None:
        names = reading.algorithms()
        self.app.call_from_thread(self._cycle_algorithm, pane, names)

    def _cycle_algorithm(self, pane: StoryPane, names: tuple[str, ...]) -> None:
        if not names:
            self.notify("Summaries are not available.", severity="warning", markup=False)
        elif pane.is_attached:  # (closed meanwhile: nothing to change)
            self.deck.cycle_algorithm(pane, names)

    def action_collapse_groups(self) -> None:
        collapse = not self.table.collapse_groups
        self.table.set_collapse(collapse)
        self._write_collapse(collapse)
        self.set_status()
        self.notify(
            "One headline per story; its “+N” counts the other sources (feeds) that report it."
            if collapse
            else "Every headline is listed.",
            timeout=3,
            markup=False,
        )

    def action_toggle_hide_read(self) -> None:
        """H (newsboat's show-read-articles): list only unread headlines in feeds, categories,
        All and Today, or every headline again; kept for the next start."""
        hide = not self.table.hide_read
        self.table.set_hide_read(hide)
        self._write_hide_read(hide)
        self.set_status()
        key = keymap.keys_of("hide_read", self.reader.keymap)
        if not hide:
            text = "Read headlines are listed again."
        elif self.table.hiding_read:
            text = f"Read headlines are hidden; {key} lists them again."
        else:
            name = clean_line(self._view_name(self.table.view), 60)
            text = (
                f"Read headlines will be hidden in feeds, categories, All and Today ({name} "
                f"lists them all); {key} lists them again."
            )
        self.notify(text, timeout=3, markup=False)

    @work(thread=True, exit_on_error=False, group="write", name="saving the list's setting")
    def _write_hide_read(self, hide: bool) -> None:
        save_hide_read(self.reader.store, self.reader.config, hide)

    @work(thread=True, exit_on_error=False, group="write", name="saving the list's setting")
    def _write_collapse(self, collapse: bool) -> None:
        save_collapse(self.reader.store, self.reader.config, collapse)

    def on_key(self, event: events.Key) -> None:
        """Keys typed right after the search key (fast, or pasted) come here before the search
        prompt is up: they are kept for it, not taken as commands ("c" collapsing the list).

        The search key itself opens the prompt from here, not through its binding: a binding
        is looked up on the screen on top when the key gets there, and a key typed just before
        (":" or "?") may have opened another screen meanwhile; the search never opening, the
        keys kept for it would be kept for good. The prompt opens once the keys before are
        done (the app's turn), only when this screen is still the one on top; else what was
        kept for it is dropped and keys are commands again."""
        pending = self._search_keys
        if pending is not None and (event.is_printable or event.key == "enter"):
            pending.append("\n" if event.key == "enter" else event.character or "")
            event.stop()
            event.prevent_default()
        elif (
            event.key in keymap.keys_of_action("search", self.reader.keymap)
            and self.app.screen is self
        ):
            event.stop()
            event.prevent_default()
            self._search_keys = []
            self.app.call_later(self._search_if_on_top)

    def _search_if_on_top(self) -> None:
        """(After the keys typed before the search key) open the prompt, unless another screen
        opened meanwhile: then the keys kept for the prompt are dropped."""
        if self.app.screen is self and self._search_keys is not None:
            self.action_search()
        else:
            self._search_keys = None

    def action_search(self) -> None:
        """The search prompt: started from a view other than All, it searches that view (Tab
        widens it to every story); from a search, it searches as that one did."""
        from reader.tui.screens.search import Search, SearchScreen

        listed = self.table.view
        # the view searched from: the one listed, or the one a search was started from
        base = self._before_search if searched(listed) else listed
        base = replace(base, query="", unread_only=False)
        name = "" if base.kind == "all" else self._view_name(base)
        within = listed.kind != "search"

        def done(search: Search | None) -> None:
            if search is not None:
                if not searched(self.table.view):  # Esc goes back to it
                    self._before_search = base
                if search.within and name:
                    self.show_view(replace(base, query=search.query))
                else:
                    self.show_view(View("search", query=search.query))
                self.table.focus()

        if self._search_keys is None:
            self._search_keys = []
        # the list goes on filling until the prompt is up and takes it (see on_key)
        prompt = SearchScreen(
            listed.query, self._search_keys, self._prompt_up, view_name=name, within=within
        )
        self.app.push_screen(prompt, done)

    def _prompt_up(self) -> None:
        self._search_keys = None

    def action_feed_error(self) -> None:
        # the config's warnings, said in short at the start: in full the first time, and with
        # every feed's errors (All) after that; its problems listed, the first time
        said = self._config_warnings(again=False)
        if said and self.reader.config.problems:
            return  # (their box is up: the feeds' errors at the next e)
        feed = None
        if self.feeds_tree.has_focus:
            feed = self.feeds_tree.current_feed
            node = self.feeds_tree.cursor_node
            if feed is None and node is not None and node.data is not None:
                self._view_errors(node.data, said)  # a category or a smart view: its feeds' errors
                return
        else:  # the list, a story or elsewhere: the listed feed, category, or every feed
            view = self.table.view
            if view.kind == "feed" and view.feed_id is not None:
                feed = self.feeds_tree.feeds.get(view.feed_id)
            else:  # (after a refresh, "N feeds failed: e shows why" is said from any view)
                self._view_errors(view, said)
                return
        if feed is None and self.table.current is not None:
            feed = self.feeds_tree.feeds.get(self.table.current.feed_id)
        if feed is None:
            self.notify("Choose a feed first.", timeout=2, markup=False)
            return
        title = clean_line(feed.display_title, 80)
        if feed.id in self._not_saved:
            why, advice = hints.why_not_saved(self._not_saved[feed.id])
            self.notify(
                f"Fetched on the last refresh, but not saved: {why}. {advice}".rstrip(),
                title=title,
                severity="warning",
                timeout=10,
                markup=False,
            )
        elif feed.last_error:
            wait = hints.next_try(feed, self.reader.clock(), self.reader.keymap)
            self.notify(
                f"{clean_line(feed.last_error, 500)} {wait}".rstrip(),
                title=title if feed.failing else f"{title}: read, with a warning",
                severity="error" if feed.failing else "warning",
                timeout=10,
                markup=False,
            )
        else:
            self.notify("No errors on the last refresh.", title=title, timeout=3, markup=False)

    def _config_warnings(self, again: bool) -> bool:
        """Say the config's warnings in full (once, unless ``again``); whether they were said.
        A config with problems: its list of problems and warnings, the first time."""
        config = self.reader.config
        warnings = config.warnings
        if config.problems:
            if not self._config_warned:
                self._config_warned = True
                self.action_config_problems()
                return True
            if not again:
                return False
            self.notify(  # (e from All again: a word, with where the list is)
                f"{hints.config_heading(config.problems, warnings)}: Ctrl+P, "
                f"{CONFIG_COMMAND!r} lists them.",
                severity="warning",
                timeout=10,
                markup=False,
            )
            return True
        if not warnings or (self._config_warned and not again):
            return False
        self._config_warned = True
        self.notify(
            "\n".join(hints.config_warning(w) for w in warnings),  # (short: the path left out)
            title=counted(len(warnings), "config warning"),
            severity="warning",
            timeout=30,
            markup=False,
        )
        return True

    def action_config_problems(self) -> None:
        """Every problem and warning of the config file, in a box of their own."""
        from reader.tui.screens.config_problems import ConfigProblemsScreen

        config = self.reader.config
        if not (config.problems or config.warnings):
            self.notify("The config file has no problems.", timeout=3, markup=False)
            return
        self.app.push_screen(
            ConfigProblemsScreen(
                self.reader.keymap,
                config.problems,
                config.warnings,
                config.source,
                self.reader.feeds_as(),
            )
        )

    def _view_errors(self, view: View, config_said: bool = False) -> None:
        """The errors of a category's feeds, or (from any other view: All, Favourites, a
        search) of every feed, headed by what they are of."""
        if view.kind != "category" and not config_said:
            self._config_warnings(again=True)
        feeds = [
            f
            for f in self.feeds_tree.feeds.values()
            if view.kind != "category" or f.category == view.category
        ]
        failing = [f for f in feeds if f.last_error and f.id not in self._not_saved]
        # (Favourites, Today, a search: not a set of feeds, and not what the errors are of)
        label = clean_line(view.label, 80) if view.kind in ("all", "category") else "Every feed"
        unsaved = [f for f in feeds if f.id in self._not_saved]
        if unsaved:
            why, advice = hints.why_not_saved(self._not_saved[unsaved[0].id])
            self.notify(
                f"{counted(len(unsaved), 'feed')} fetched on the last refresh, but not saved: "
                f"{why}. {advice}".rstrip(),
                title=label,
                severity="warning",
                timeout=10,
                markup=False,
            )
            if not failing:
                return
        if not failing:
            where = f" in {label}" if view.kind == "category" else ""
            self.notify(
                f"No feed{where} had errors on the last refresh.",
                title=label,
                timeout=3,
                markup=False,
            )
            return
        errors = sum(f.failing for f in failing)
        kinds = [
            f"{counted(errors, 'feed')} with errors" if errors else "",
            f"{counted(len(failing) - errors, 'feed')} read with warnings"
            if len(failing) > errors
            else "",
        ]
        self.notify(
            error_lines([(f.display_title, f.last_error or "") for f in failing]),
            title=f"{label}: {', '.join(k for k in kinds if k)}",
            severity="error" if errors else "warning",
            timeout=10,
            markup=False,
        )

    def action_cycle_focus(self, direction: int) -> None:
        regions = self._regions()
        if not regions:
            return
        focused = self._focused_pane() or self.focused
        index = regions.index(focused) if focused in regions else -1
        target = regions[(index + direction) % len(regions)]
        self._set_aim(None, "another pane was chosen")
        if isinstance(target, StoryPane):
            self.deck.activate(self.deck.panes.index(target))
        target.focus()

    async def action_step_pane(self, direction: int) -> None:
        """l, → (``direction`` 1) / h, ← (-1): from a story pane to the next / previous one;
        where there is none (the last pane, pane 1) and outside the story panes, they go in a
        level as Enter does (a story opened, a teaser fetched) / back a level as Esc does."""
        pane = self._target_pane() if self.reading else None
        panes = self.deck.panes
        index = panes.index(pane) + direction if pane in panes else -1
        if pane is not None and 0 <= index < len(panes):
            self._set_aim(None, "another pane was chosen")
            shown = self.deck.activate(index)
            if shown is not None:
                shown.focus()
        elif direction > 0:
            self.action_open()
        else:
            await self.action_back()

    def action_pane(self, number: int) -> None:
        opening = self.table.opening is not None  # Enter was pressed: its story opens next
        if not self.reading and not opening:
            self._no_story()
            return
        pane = None if opening else self.deck.activate(number - 1)
        aim = None if pane is not None else Aim(number, self._story_meant())
        before = self._aimed
        if (
            aim is None
            or before is None
            or (aim.number, aim.story) != (before.number, before.story)
        ):
            self._set_aim(aim, "another pane was chosen")  # (the same again keeps an f for it)
        if pane is not None:
            pane.focus()
        elif self.deck.finding_related or opening:  # its panes are still to come
            self.notify(
                f"Story pane {number} is not there yet: it is focused when it comes.",
                timeout=2,
                markup=False,
            )
        else:
            self._no_pane(number)

    def action_maximise(self) -> None:
        if not self.reading:
            self._no_story()
            return
        maximised = not self.has_class("-maximised")
        if maximised and self.has_class("-narrow"):
            # the story has the whole screen already: a maximise remembered for later would
            # only surprise (after widening, the story alone with no list or tabs)
            key = keymap.first_key_of("maximise", self.reader.keymap)
            self.notify(
                f"The story already has the whole screen; {NARROW} columns or more show it "
                f"beside the headlines, where {key} gives the story panes the whole screen.",
                timeout=3,
                markup=False,
            )
            return
        self.set_class(maximised, "-maximised")
        self.deck.maximised = maximised
        self.deck.layout_panes()
        pane = self.deck.active_pane
        if pane is not None:
            pane.focus()

    async def action_close_pane(self) -> None:
        if self._aimed_elsewhere():
            return
        pane = self._target_pane() or self.deck.active_pane
        if pane is None:
            self._no_story()
            return
        if self.deck.panes[:1] == [pane]:
            # the opened story: it goes with its related panes (a related story does not take
            # its place), back to the list; x on a related pane closes only that pane
            self.close_deck()
            await self.deck.clear()
            return
        await self.deck.close(pane)
        remaining = self.deck.active_pane
        if remaining is None:
            self.close_deck()
        else:
            remaining.focus()

    def action_toggle_tree(self) -> None:
        """Put the feeds tree away (its room goes to the headlines), or bring it back."""
        hide = not self.has_class("-no-tree")
        if hide and self.feeds_tree.has_focus:
            self.table.focus()
        self._tree_hidden = hide
        self.set_class(hide, "-no-tree")

    def close_deck(self) -> None:
        self._set_aim(None, "the story was closed")
        self.set_reading(False)
        self.deck.maximised = False
        self.table.focus()

    async def action_back(self) -> None:
        if self.has_class("-maximised"):
            self.action_maximise()
            return
        if self._focused_pane() is not None:
            if self.has_class("-wide"):
                self.table.focus()  # the story stays beside the list until the cursor moves
            else:
                # below WIDE the story shares the screen with the list only while it is read:
                # back on the list, the headlines get their whole width (sources, full titles)
                # back at once; Tab / Shift+Tab reach the list with the story still beside it
                self.close_deck()
            return
        if self.reading:
            self.close_deck()
            await self.deck.clear()
            return
        if self.feeds_tree.has_focus:
            self.table.focus()
            return
        if searched(self.table.view):
            view, self._before_search = self._before_search, View("all")
            self.feeds_tree.select_view(view, post=False)
            self.show_view(view)
        elif self.table.has_focus:
            # Esc, h, ← from the headlines go back to the feeds (l, →, Enter came in from
            # there), in both keymaps; newsboat's q too (see action_quit)
            self.to_feeds()

    def to_feeds(self) -> None:
        """Focus the feeds tree, brought back first when it was put away (t, a narrow screen)."""
        if self.has_class("-no-tree"):
            self._tree_hidden = False
            self.set_class(False, "-no-tree")
        self.feeds_tree.focus()

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.reader.keymap, self.reader.config.reader.keymap))

    def _quit_goes_back(self) -> bool:
        """Whether q goes back a level rather than quitting: newsboat's q, from a story to the
        list, from a search or any list of headlines (All too) to the feeds; in the feeds
        tree it quits (story -> list -> feeds -> quit)."""
        if self.reader.config.reader.keymap != "newsboat":
            return False
        if self.reading or searched(self.table.view):
            return True
        return self.table.has_focus

    def _back_label(self) -> str:
        """What Esc does now, for the footer: "Feeds" from the headlines, "Headlines" from the
        feeds tree, "Back" from a story or a search."""
        if self._focused_pane() is not None or searched(self.table.view):
            return "Back"
        if self.feeds_tree.has_focus:
            return "Headlines"
        if self.table.has_focus and not self.reading:
            return "Feeds"
        return "Back"

    def _sync_quit_label(self) -> None:
        """The footer says what q does now: "Back" where newsboat's q goes back, else "Quit";
        with the default keys, it says what Esc does too ("Feeds" from the headlines: q
        quits there, Esc goes to the feeds tree). (newsboat's preset: q says it.)"""
        label = "Back" if self._quit_goes_back() else "Quit"
        back = ""
        if self.reader.config.reader.keymap != "newsboat" and self.size.width >= FOOTER_BACK:
            back = self._back_label()
        if (label, back) == (self._quit_label, self._back_shown):
            return
        self._quit_label, self._back_shown = label, back
        keys = [
            k.strip() for k in self.reader.keymap.get("back", keymap.BY_ID["back"].keys).split(",")
        ]
        shown = "escape" if "escape" in keys else keys[0]
        bound = self._bindings.key_to_bindings
        for key, bindings in bound.items():
            bound[key] = [
                replace(b, description=label)
                if b.id == "quit"
                else replace(b, description=back or "Back", show=bool(back) and key == shown)
                if b.id == "back"
                else b
                for b in bindings
            ]
        self.refresh_bindings()

    async def action_quit(self) -> None:
        if not self._quit_goes_back():
            self.app.exit()
            return
        if self.reading or searched(self.table.view):
            await self.action_back()
        else:
            self.to_feeds()  # from the headlines back to the feeds, as newsboat does
        self._sync_quit_label()

    def action_quit_now(self) -> None:
        self.app.exit()

    # ------------------------------------------------------------------ subscriptions

    def _cannot_write(self, what: str) -> bool:
        """Say so and True when the database cannot be written (``what`` would not be kept)."""
        if not self.reader.store.read_only:
            return False
        why = "its disk is full" if self.reader.store.disk_full else "it is read-only"
        self.notify(
            f"The database cannot be written ({why}): {what}.",
            severity="warning",
            timeout=4,
            markup=False,
        )
        return True

    def action_add_feed(self) -> None:
        """Ask for a feed's address (or a website's) and subscribe, as `newsreader add` does."""
        from reader.tui.screens.subscribe import AddFeedScreen, NewFeed

        if self._cannot_write("a feed cannot be added"):
            return

        def given(new: NewFeed | None) -> None:
            if new is not None:
                self.notify(f"Adding {clean_line(new.address, 120)} …", timeout=3, markup=False)
                self._add_feed(new.address, new.category)

        feeds = self.feeds_tree.feeds.values()
        categories = tuple(sorted({f.category for f in feeds if f.category}))
        self.app.push_screen(AddFeedScreen(categories), given)

    @work(thread=True, exit_on_error=False, group="subscribe", name="adding the feed")
    def _add_feed(self, address: str, category: str) -> None:
        """Fetch the address (a website's page: the feed it names), store the feed and its
        headlines (refresh.add_subscription: the same as `newsreader add`)."""
        import asyncio

        lazy.load("reader.refresh")
        from reader.refresh import add_subscription

        store, config = self.reader.store, self.reader.config
        since = time.time()
        feed, text = asyncio.run(add_subscription(store, config, address, "", category))
        self.post_message(self.FeedAdded(feed, text, since))

    def on_main_screen_feed_added(self, message: FeedAdded) -> None:
        text = clean_line(message.text, 600)
        if message.feed is None:
            self.notify(text, title="Not added", severity="warning", timeout=12, markup=False)
            return
        self.notify(text, timeout=8, markup=False)
        self._go_to_feed = message.feed.id  # listed once the tree has it
        self.load_counts()
        # its headlines are grouped with the same events elsewhere, as a refresh's are (in the
        # housekeeping process); StatusBar.Grouped re-reads the list and counts once done
        self.status.group_new(message.since)

    def _feed_meant(self) -> Feed | None:
        """The feed "this feed" means: under the tree's cursor, else the one listed."""
        if self.feeds_tree.has_focus:
            return self.feeds_tree.current_feed
        view = self.table.view
        return self.feeds_tree.feeds.get(view.feed_id) if view.feed_id is not None else None

    def action_remove_feed(self) -> None:
        """Unsubscribe from the feed meant, once confirmed (y), as `newsreader remove` does."""
        from reader.tui.screens.subscribe import ConfirmScreen

        feed = self._feed_meant()
        if feed is None:
            node = self.feeds_tree.cursor_node if self.feeds_tree.has_focus else None
            view = node.data if node is not None else None
            if view is not None and view.kind == "category":
                key = keymap.first_key_of("remove_feed", self.reader.keymap)
                text = f"{key} removes a feed; the cursor is on a category."
            else:
                text = "Choose a feed in the feeds tree (or list its headlines) first."
            self.notify(text, timeout=3, markup=False)
            return
        lazy.load("reader.refresh")
        from reader.refresh import removal_refused

        refused = removal_refused(self.reader.config, feed)
        if refused is not None:
            self.notify(
                clean_line(refused, 500),
                title="Not removed",
                severity="warning",
                timeout=12,
                markup=False,
            )
            return
        if self._cannot_write("nothing can be unsubscribed from"):
            return
        question = (
            f"Unsubscribe from {clean_line(feed.display_title, 80)} "
            f"({clean_line(feed.url, 200)})? It will not be fetched or listed any more; "
            "favourites from it stay in Favourites."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove_feed(feed)

        self.app.push_screen(ConfirmScreen("Remove this feed?", question), answered)

    @work(thread=True, exit_on_error=False, group="subscribe", name="removing the feed")
    def _remove_feed(self, feed: Feed) -> None:
        lazy.load("reader.refresh")
        from reader.refresh import remove_subscription

        removed, text = remove_subscription(self.reader.store, self.reader.config, feed)
        self.post_message(self.FeedRemoved(feed, removed, text))

    def on_main_screen_feed_removed(self, message: FeedRemoved) -> None:
        text = clean_line(message.text, 600)
        if not message.removed:
            self.notify(text, title="Not removed", severity="warning", timeout=12, markup=False)
            return
        add = keymap.first_key_of("add_feed", self.reader.keymap)
        self.notify(f"{text} {add} adds it again.", timeout=8, markup=False)
        if self.table.view.feed_id == message.feed.id:
            self.go_to_view(View("all"))
        self.load_counts()
        self.table.reload()

    # ------------------------------------------------------------------ refresh

    def action_refresh(self, everything: bool) -> None:
        if self.reader.store.read_only:
            why = "its disk is full" if self.reader.store.disk_full else "it is read-only"
            self.notify(
                f"The database cannot be written ({why}): nothing fetched could be saved, so "
                "there is no refresh.",
                severity="warning",
                timeout=4,
                markup=False,
            )
            return
        if self.refreshing:
            self.notify("A refresh is already running.", timeout=2, markup=False)
            return
        feed_ids: list[int] | None = None
        if not everything:
            view = self._chosen_view()
            if view.kind == "feed" and view.feed_id is not None:
                feed_ids = [view.feed_id]
            elif view.kind == "category":
                feed_ids = [
                    f.id for f in self.feeds_tree.feeds.values() if f.category == view.category
                ]
            elif self.table.current is not None:
                feed_ids = [self.table.current.feed_id]
            else:
                feed_ids = None
        self._refresh_asked = True
        self._asked_feeds = feed_ids
        self._skipped = 0
        self._gone = []
        if everything:
            chosen, self._skipped, self._gone = self._every_feed()
            self.start_refresh(chosen, force=chosen is not None)
        else:
            self.start_refresh(feed_ids, force=True)

    def _every_feed(self) -> tuple[list[int] | None, int, list[Feed]]:
        """The feeds R fetches, how many it leaves out because their server asked to wait, and
        the feeds it leaves out as gone for good.

        R asks for every feed now, as newsboat's R does: those backing off after errors too
        (a network blip, a 404 or a 500 is tried again: the user asked, and the automatic
        refresh keeps its back-off), and those resting by their <ttl> or max-age (a
        conditional GET: the server says "not modified" at little cost). Left out: a feed
        whose server said how long to wait (Retry-After on a 429 or 503: asked again now it
        would only say so again), and one gone for good (HTTP 410). (None: the feeds are not
        read yet, the refresh's own rule decides.)"""
        feeds = list(self.feeds_tree.feeds.values())
        if not feeds:
            return None, 0, []
        lazy.load("reader.refresh")
        from reader.refresh import not_fetched

        left = not_fetched(feeds, self.reader.clock().timestamp(), by_hand=True)
        out = {f.id for f in (*left.backing_off, *left.gone)}  # (none rests: by hand)
        chosen = [f.id for f in feeds if f.id not in out]
        return chosen, len(left.backing_off), list(left.gone)

    def _feed_name(self, result: FeedResult) -> str:
        """A refreshed feed's name as the tree shows it."""
        feed = self.feeds_tree.feeds.get(result.feed_id)
        return feed.display_title if feed is not None else result.title or short_url(result.url)

    def start_refresh(self, feed_ids: Sequence[int] | None, force: bool = False) -> None:
        try:
            status = self.status
        except NoMatches:  # a timer tick before the screen is composed, or while it closes
            return
        if status.start(feed_ids, force) and self.table.fetching is None:
            self.table.set_fetching(0)  # how many: once the refresh has read the feeds

    @on(StatusBar.Started)
    def refresh_started(self, message: StatusBar.Started) -> None:
        self.table.set_fetching(message.total)  # an empty list says so, not "R refreshes"

    @on(StatusBar.FeedDone)
    def feed_refreshed(self, message: StatusBar.FeedDone) -> None:
        # an empty list says the feeds still being fetched (as "Refreshing 2/3 feeds" counts)
        self.table.set_fetching(max(message.total - message.done, 0))
        self.counts_changed()

    @on(StatusBar.Grouped)
    def related_grouped(self) -> None:
        self.load_counts()  # copies found by the grouping are counted once
        self.table.reload()

    @on(StatusBar.Finished)
    def refresh_done(self, message: StatusBar.Finished) -> None:
        self.refresh_finished(message.results)

    def refresh_finished(self, results: Sequence[FeedResult]) -> None:
        self.table.set_fetching(None)
        new = sum(r.new for r in results)
        asked, self._refresh_asked = self._refresh_asked, False
        skipped, self._skipped = self._skipped, 0
        gone, self._gone = self._gone, []
        skip = ""
        if asked and skipped and results:  # R left out feeds asked to wait: say so (as the CLI)
            why = keymap.first_key_of("feed_error", self.reader.keymap)
            one = keymap.first_key_of("refresh", self.reader.keymap)
            failing = any(r.status in ("error", "dead") for r in results)  # "e shows why" said
            skip = (
                f" {counted(skipped, 'feed')} skipped (failed, and "
                + ("its server" if skipped == 1 else "their servers")
                + " asked to wait): "
                + ("" if failing else f"{why} shows why, ")
                + f"{one} on a feed fetches it now."
            )
        if asked and gone and results:  # and the feeds gone for good (HTTP 410): said too
            remove = keymap.first_key_of("remove_feed", self.reader.keymap)
            # (a feed of the config file is taken out there: D refuses it)
            listed = sum(f.origin == "config" for f in gone)
            if len(gone) == 1:
                name = middle_cut(clean_line(gone[0].display_title, 200), 30)
                how = "take it out of the config file" if listed else f"{remove} on it removes it"
                skip += f" {name} is gone (HTTP 410), not fetched: {how}."
            else:
                how = (
                    "take them out of the config file"
                    if listed == len(gone)
                    else f"{remove} on one removes it"
                    + (" (those of the config file are taken out there)" if listed else "")
                )
                skip += f" {counted(len(gone), 'feed')} gone (HTTP 410), not fetched: {how}."
        self.load_counts()
        if self._counted == self.table.view:
            self.count_view(self._counted, True, final=True)
        self.table.reload(extra=new)
        for result in results:
            if result.not_saved:
                self._not_saved[result.feed_id] = result
            else:
                self._not_saved.pop(result.feed_id, None)
        failed = [r for r in results if r.status in ("error", "dead") and not r.not_saved]
        unsaved = [r for r in results if r.not_saved]
        if unsaved:  # the database, not the feeds: said as it is (e says it again)
            why, advice = hints.why_not_saved(unsaved[0])
            if new:
                text = f"{counted(new, 'new headline')} saved, but not all that was fetched"
            else:
                text = "Fetched, but not saved"
            parts = [f"{text}: {why}.", advice]
            if failed:
                key = keymap.first_key_of("feed_error", self.reader.keymap)
                parts.append(f"{counted(len(failed), 'other feed')} failed: {key} shows why.")
            self.notify(
                " ".join(p for p in parts if p),
                severity="warning",
                timeout=REFRESH_ERROR_TIMEOUT * 2,
                markup=False,
            )
        elif failed:
            # one short line: at 80 columns a list of the errors covered half the headlines;
            # the tree marks the failing feeds and e lists why
            key = keymap.first_key_of("feed_error", self.reader.keymap)
            what = counted(len(failed), "feed")
            if len(failed) == 1:
                what = middle_cut(self._feed_name(failed[0]), 30)
            news = f"{counted(new, 'new headline')}; " if new else ""
            self.notify(
                f"{news}{what} failed: {key} shows why.{skip}",
                severity="warning",
                timeout=REFRESH_ERROR_TIMEOUT,
                markup=False,
            )
        elif results and (asked or (new and not self.reading)):
            # a timed refresh says nothing when nothing is new, nor over a story being read
            # (the tree's counts say it)
            what = counted(new, "new headline")
            if len(results) == 1 and not skipped and not gone:  # one feed (r): say which
                what = f"{middle_cut(self._feed_name(results[0]), 60)}: {what}"
            self.notify(f"{what}.{skip}", timeout=8 if skip else 3, markup=False)
        elif asked:  # R with every feed backing off, r on a feed gone: say why nothing happened
            one = keymap.first_key_of("refresh", self.reader.keymap)
            add = keymap.first_key_of("add_feed", self.reader.keymap)
            feeds = list(self.feeds_tree.feeds.values())
            chosen = self._asked_feeds
            if chosen is not None:
                feeds = [f for f in feeds if f.id in chosen]
            now = self.reader.clock()
            text = hints.nothing_due(feeds, now, one, add, forced=chosen is not None)
            self.notify(text, timeout=8, markup=False)

    # ------------------------------------------------------------------ worker failures

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.reader.worker_failed(event.worker)
