"""The story deck: open story panes side by side or tabbed, and the work that fills them.

Opening a story starts a thread worker (cached page, else the feed's text at once and then the
fetched and extracted page), then the related stories (from the page and from the store) as further
panes, and each pane's summary. Results come back as messages; a pane that was closed in between is
skipped. Favourites are saved here too and announced with ``StoryDeck.FavouriteSaved``.
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from itertools import count
from typing import TypeVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker

from reader import lazy, reading
from reader.config import Config
from reader.dates import first_seen_if_undated, seen_text
from reader.models import Article, Page, Story, Summary, View
from reader.store import Store, StoreError
from reader.textutil import clean_line, normalise_url, safe_link, short_url, story_name
from reader.tui import keymap
from reader.tui.format import for_display, story_date, when_text
from reader.tui.screens.links import LinksScreen
from reader.tui.widgets.headlines import listed_row
from reader.tui.widgets.story import PaneState, StoryPane, enclosure_lines, listed_links

MIN_PANE_WIDTH = (
    60  # columns a pane needs to be readable: the deck shows width // this side by side
)
MAX_RELATED = 8  # related panes opened beside a story (1-9 reach them all)
# sentences chosen across the stories, most central first: the pane shows the first few that say
# something the opened story does not (the most central are mostly its own news restated)
ACROSS_SENTENCES = 24
PREVIEW_DELAY = 0.15  # seconds the cursor rests on a headline before the empty deck previews it
PREVIEW_CHARS = 1500  # of the feed's text shown in a preview
_TICKETS = count(1)  # summaries in the order they were asked for (next() is atomic)


def hint(node: DOMNode) -> Text:
    """What the empty deck says, with the keys of the active keymap."""

    def key(action_id: str) -> str:
        return keymap.key_in(node, action_id)

    return Text(
        f"{key('open')} opens the highlighted story here; its related stories open beside it.\n"
        f"{key('next_pane')} moves between panes, {key('maximise')} gives them the whole screen, "
        f"{key('close_pane')} closes one, {key('help')} shows every key.",
        style="dim",
    )


T = TypeVar("T")


class _PageLoads:
    """Daemon threads that fetch and extract pages for the deck's workers. A worker waits for
    its page only while the reader runs: a page can take minutes to extract, and a worker thread
    still busy when the reader quits keeps its process alive (behind a blank screen) until it
    ends; a daemon thread does not. Their number is fixed (each keeps a database connection)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def run(self, load: Callable[[], T], stop: threading.Event) -> T | None:
        """(Worker thread) ``load()``'s result, or None when ``stop`` is set first (an error
        it raises is raised here)."""
        done = threading.Event()
        outcome: list[tuple[bool, object]] = []

        def job() -> None:
            try:
                outcome.append((True, load()))
            except BaseException as exc:  # handed to the waiting worker
                outcome.append((False, exc))
            finally:
                done.set()

        with self._lock:
            if len(self._threads) < self._size:
                thread = threading.Thread(target=self._serve, name="page loads", daemon=True)
                self._threads.append(thread)
                thread.start()
        self._jobs.put(job)
        while not done.wait(0.1):
            if stop.is_set():
                return None  # the reader is quitting: the page is left to its thread
        ok, value = outcome[0]
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def _serve(self) -> None:
        while True:
            self._jobs.get()()


_LOADS = _PageLoads(6)  # as many as the threads that run Textual's thread workers on 2 cores


def _unlisted(store: Store, article_id: int) -> str:
    """The title of a story no list but Favourites has (All leaves it out, and it is no copy
    of a story listed), "" when one does (in a worker)."""
    article = store.article(article_id)
    if article is None or article.duplicate_of is not None or article.published is None:
        return ""
    if listed_row(store, View("all"), article) is not None:
        return ""
    return clean_line(article.title, 80) or "the story"


class PaneTabs(Static):
    """The strip of pane tabs shown when some panes are off screen: a click on a tab goes to
    its pane (as its number key does)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: list[tuple[int, int, int]] = []  # (first cell, cell after, pane index)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, index in self.spans:
            if start <= offset.x < end:
                event.stop()
                deck = self.parent
                if isinstance(deck, StoryDeck):
                    pane = deck.activate(index)
                    if pane is not None:
                        pane.focus()
                return


class PanesComing(Static):
    """The room kept beside an opened story for the related panes known to be coming (where
    they will fit beside it): the story is laid out at the width it keeps once they are in,
    rather than across the whole deck for the half second they take to be found."""


class Preview(Static):
    """The empty deck: what the keys do, or the highlighted headline's preview (its title and
    source line, its feed's text, and what Enter does), fitted to the room it has: a text
    that does not fit is cut between words, ending with "…", above the line saying what Enter
    does (cut by the box, it stopped mid-sentence with nothing saying there was more)."""

    def __init__(self, content: Text, *, id: str | None = None) -> None:
        super().__init__(content, id=id)
        self._story: tuple[Text, str, Text] | None = None  # (head, text, what Enter does)

    def show_hint(self, content: Text) -> None:
        self._story = None
        self.update(content)

    def show_story(self, head: Text, text: str, foot: Text) -> None:
        self._story = (head, text, foot)
        self._fit()

    def on_resize(self) -> None:
        if self._story is not None:
            self._fit()

    def _fit(self) -> None:
        assert self._story is not None
        head, text, foot = self._story
        width, height = self.content_size
        if width > 0 and height > 0:
            room = height - _lines(head, width) - _lines(foot, width) - 2  # (two blank lines)
            text = _cut_to(text, width, max(room, 1))
        self.update(Text.assemble(head, "\n\n", text, "\n\n", foot))


def _lines(text: Text | str, width: int) -> int:
    """The lines ``text`` takes wrapped to ``width`` cells, as a Static wraps it (a str as
    plain text: from_rich_text would read "[/]" in a story as markup)."""
    content = Content(text) if isinstance(text, str) else Content.from_rich_text(text)
    return len(content.wrap(width))


def _cut_to(text: str, width: int, lines: int) -> str:
    """``text`` as it fits in ``lines`` lines of ``width`` cells: whole, or its longest start
    that fits with "…" after it, cut between words (where a text has no spaces between them,
    as Chinese or Japanese, or where not even its first word fits: between letters)."""
    if _lines(text, width) <= lines:
        return text
    spaces = [m.start() for m in re.finditer(r"\s+", text)]
    return _longest(text, spaces, width, lines) or _longest(text, range(1, len(text)), width, lines)


def _longest(text: str, cuts: Sequence[int], width: int, lines: int) -> str:
    """The longest ``text[:cut]`` + "…" of ``cuts`` (ascending) in ``lines`` lines ("": none)."""
    low, high, best = 0, len(cuts) - 1, ""
    while low <= high:  # (bisection: a longer start never takes fewer lines)
        middle = (low + high) // 2
        start = text[: cuts[middle]].rstrip() + "…"
        if _lines(start, width) <= lines:
            best, low = start, middle + 1
        else:
            high = middle - 1
    return best


class StoryDeck(Vertical):
    """The open story panes, side by side when there is room, else one at a time with tabs."""

    @dataclass
    class PageReady(Message, bubble=False):
        pane: StoryPane
        page: Page
        source: str
        note: str | None
        final: bool
        # what the store has of a report behind a tab: its page is fetched when the pane comes
        # on screen or is reached (PaneState.pending), as a teaser's is
        waits: bool = False

    @dataclass
    class RelatedFound(Message, bubble=False):
        pane: StoryPane
        stories: tuple[Story, ...]
        # reports of the same story from other feeds, with their similarity to the opened one
        # (None: a member of its group beyond the closest reports kept for each article)
        articles: list[tuple[Article, float | None]]
        # the stored article a story on the page is (by its URL): that story is that article
        known: dict[str, Article] = field(default_factory=dict)
        # the feeds carrying copies of a report (by its article; the opened story's too)
        carried: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
        own_feed: int | None = None  # the opened story's feed: other feeds' reports come first

    @dataclass
    class RelatedDone(Message, bubble=False):
        """The story opened in ``pane`` has all the related panes it will get."""

        pane: StoryPane

    @dataclass
    class SummaryReady(Message, bubble=False):
        pane: StoryPane
        summary: Summary
        ticket: int = 0  # from _TICKETS as its making began: a later one is a newer request

    @dataclass
    class GroupSummaryReady(Message, bubble=False):
        pane: StoryPane
        summary: Summary
        size: int  # the other stories it was made of
        total: int = 0  # the other stories there are (some with only a headline or a line)
        sources: tuple[str, ...] = ()  # each sentence's source
        round: int = 0  # the deck's round when it was asked for (an older one is not shown)
        sentences: int = 0  # the other stories' sentences it was chosen from

    @dataclass
    class GroupHeadlinesReady(Message, bubble=False):
        """No text to summarise across the stories: how the other stories headlined it."""

        pane: StoryPane
        headlines: tuple[tuple[str, str], ...]  # (headline, sources)
        round: int = 0  # (as GroupSummaryReady's)

    @dataclass
    class TextArrived(Message, bubble=False):
        """A related story known only by its link got its text: the summary across the
        stories can say what it adds."""

        pane: StoryPane

    @dataclass
    class FavouriteSaved(Message):
        """A story's favourite state was saved (the screen updates the list and counts)."""

        deck: StoryDeck
        pane: StoryPane | None
        article_id: int
        favourite: bool
        key: StoryPane | int | None = None  # the save's (given to show_favourite)
        # taken out of Favourites, no other list has it (its feed removed, or kept from a
        # page): its title, for the words that say so and U's undo ("": listed elsewhere)
        unlisted: str = ""

        @property
        def control(self) -> StoryDeck:
            return self.deck

    @dataclass
    class _FavouriteFailed(Message, bubble=False):
        key: StoryPane | int

    @dataclass
    class PreviewReady(Message, bubble=False):
        article_id: int
        story: Story
        seen: datetime | None = None  # (its feed gave it no date) when it was first seen

    @dataclass
    class PanesChanged(Message):
        """The number of open panes changed (the screen may make room for more)."""

        deck: StoryDeck
        count: int

        @property
        def control(self) -> StoryDeck:
            return self.deck

    def __init__(self, store: Store, config: Config, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.store = store
        self.config = config
        self.active = 0
        self.maximised = False
        self.show_summaries = config.summary.show  # s on a story sets it for the next ones
        self._group_articles: list[Article] = []  # stored reports beside the opened story
        # the stories of panes closed beside the opened one (their address and title, as
        # story_key makes them): the summary across the others is made without them
        self._closed_stories: set[str] = set()
        self._across_round = 0  # one more each time that summary is to be made anew
        self.stop = threading.Event()  # set as the reader quits: page fetches end at once
        self._first = 0  # the first pane on screen when not all of them fit
        self._count = 0  # panes open at the last layout
        # True from opening a story until its related panes are in: the pane count passes
        # through 0 and 1 meanwhile, and the screen keeps its layout steady until then
        self.finding_related = False
        # the other reports the opened story is known to have (its "+N", from the list) while
        # its related panes are found: the strip is kept for them from the first frame
        self._coming = 0
        self._preview_id: int | None = None  # the headline the empty deck previews (wide layout)
        # one more each time the deck is cleared: a handler that waits (mounting panes) checks
        # it to stop when the story it works for was left meanwhile
        self._generation = 0
        self._preview_timer: Timer | None = None
        # the stories whose favourite state is being saved: the article's id, or the pane of a
        # story with no article of its own yet
        self._saving: set[StoryPane | int] = set()
        self._algorithm = ""  # the config's summary method, once the summariser is imported

    def compose(self) -> ComposeResult:
        yield PaneTabs(id="pane-tabs")
        yield Preview(hint(self), id="deck-empty")
        with Horizontal(id="panes"):
            yield PanesComing(id="panes-coming")

    # ------------------------------------------------------------------ preview

    def preview(self, article: Article | None) -> None:
        """With no story open, show the highlighted headline's own text from its feed (read from
        the store in a worker, once the cursor rests; nothing is fetched or marked read)."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None
        self._preview_id = article.id if article is not None else None
        if article is None:
            self.query_one("#deck-empty", Preview).show_hint(hint(self))
            return
        article_id = article.id
        self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self._load_preview(article_id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview", name="previewing")
    def _load_preview(self, article_id: int) -> None:
        article = self.store.article(article_id)
        if article is not None:
            self.post_message(
                self.PreviewReady(
                    article_id,
                    reading.feed_page(self.store, article).main,
                    first_seen_if_undated(article),
                )
            )

    def on_story_deck_preview_ready(self, message: PreviewReady) -> None:
        if message.article_id != self._preview_id:
            return  # the cursor moved on
        story = message.story
        text = story.text if len(story.text) <= PREVIEW_CHARS else story.text[:PREVIEW_CHARS] + "…"
        when = when_text(story.published) if story.published else ""
        if not story_date(story.published):  # its feed gave no date: when it was first seen
            clock = getattr(self.app, "clock", None)
            when = seen_text(message.seen, clock() if callable(clock) else datetime.now(UTC))
        meta = " · ".join(p for p in (story.source, when) if p)
        self.query_one("#deck-empty", Preview).show_story(
            Text.assemble(
                (for_display(story.title), "bold"),
                "\n",
                (for_display(meta), "dim"),
                enclosure_lines(story),  # a podcast's audio, as the opened story names it
            ),
            for_display(text) or "(This story has no text in its feed.)",
            Text(
                f"{keymap.key_in(self, 'open')} opens it here, with the whole page and its "
                "related stories.",
                style="dim italic",
            ),
        )

    @property
    def panes(self) -> list[StoryPane]:
        return list(self.query_one("#panes", Horizontal).query_children(StoryPane))

    @property
    def _room(self) -> PanesComing:
        return self.query_one("#panes-coming", PanesComing)

    @property
    def active_pane(self) -> StoryPane | None:
        panes = self.panes
        if not panes:
            return None
        self.active = min(self.active, len(panes) - 1)
        return panes[self.active]

    async def clear(self, opening: bool = False) -> None:
        """Close every pane; ``opening`` when a story is about to take their place."""
        self._generation += 1
        self.finding_related = opening
        self._coming = 0
        self._group_articles = []
        self._closed_stories = set()
        await self.query_one("#panes", Horizontal).remove_children(self.panes)
        self.active = 0
        self._first = 0
        self.maximised = False
        self.layout_panes()

    async def add(self, state: PaneState | StoryPane, at: int | None = None) -> StoryPane:
        """A pane for ``state`` after the open ones (``at``: in the place of the pane there),
        on screen from its first frame only if it stays there: mounted as it was, a pane took a
        share of the width for a frame (showing "Loading…") before the deck put it behind a tab."""
        pane = state if isinstance(state, StoryPane) else StoryPane(state)
        panes = self.panes
        place = at if at is not None and 0 <= at < len(panes) else len(panes)
        first, fit = self._window(len(panes) + 1, self.active)  # (as layout_panes shows them)
        pane.display = first <= place < first + fit
        before = panes[place] if place < len(panes) else self._room
        with self.app.batch_update():  # (the strip and the other panes change with it)
            await self.query_one("#panes", Horizontal).mount(pane, before=before)
            self.layout_panes()
        return pane

    async def add_all(self, states: Sequence[PaneState]) -> list[StoryPane]:
        """Panes for ``states`` after the open ones, mounted together: one layout, and the
        strip counts them all from its first frame ("1 of 9", not "1 of 2", "1 of 3", ...),
        each on screen from its first frame only if it stays there (as ``add``). One at a
        time, each pane cost a layout of the whole screen, and drawing them in one batch held
        back the opened story's own text until the last was in."""
        new = [StoryPane(state) for state in states]
        if not new:
            return new
        count = len(self.panes)
        first, fit = self._window(count + len(new), self.active)
        for place, pane in enumerate(new, count):
            pane.display = first <= place < first + fit
        with self.app.batch_update():
            await self.query_one("#panes", Horizontal).mount(*new, before=self._room)
            self.layout_panes()
        return new

    async def close(self, pane: StoryPane) -> None:
        """Close a pane. Closing the active one activates the next (the story after it, as
        the related stories are read left to right), or the one before it at the end."""
        panes = self.panes
        index = panes.index(pane) if pane in panes else self.active
        generation, active = self._generation, self.active
        await pane.remove()  # (focus leaving the removed pane lands on another meanwhile)
        if generation != self._generation:  # another story was opened meanwhile
            return
        if active > index:
            active -= 1
        self.active = max(0, min(active, len(panes) - 2))
        if index == 0 and self.finding_related:
            # the story whose related panes were coming is closed: none waits for them now
            # (its RelatedDone, for a pane no longer first, would leave this set)
            self.finding_related = False
            self.post_message(self.PanesChanged(self, len(self.panes)))
        main = panes[0]
        if index > 0 and not main.state.related:
            self._across_without(main, pane)
        if index > 0 and main.state.more and not main.state.related:
            # the best report listed under the story takes the room made, in its place
            waiting = self._take_listed(main, main.state.more[0])
            self._load_beside(await self.add(waiting, at=index))
        self.layout_panes()

    def _across_without(self, main: StoryPane, closed: StoryPane) -> None:
        """A pane beside the opened story was closed (x): what the other stories add is made
        again without its story (it said "Across the 3 other stories" quoting the closed one)."""
        self._closed_stories.update(story_key(closed.state.story))
        self._across_round += 1  # (one made before, arriving late, is not shown)
        state = main.state
        state.group_summary = None
        state.group_size = state.group_total = state.group_sentences = 0
        state.group_sources = ()
        state.group_headlines = ()
        if main.live:
            main.show()
        if state.show_summary:
            self._summarise_across(main)

    def activate(self, index: int) -> StoryPane | None:
        panes = self.panes
        if not 0 <= index < len(panes):
            return None
        self.active = index
        self.layout_panes()
        return panes[index]

    def on_resize(self) -> None:
        self.layout_panes()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A pane focused by a click is the active one (the one z keeps on screen, marked),
        as one reached by number or Tab is."""
        node: DOMNode | None = event.widget
        while node is not None and not isinstance(node, StoryPane):
            node = node.parent
        panes = self.panes
        if node in panes and panes.index(node) != self.active:
            self.active = panes.index(node)
            self.layout_panes()

    @property
    def fit(self) -> int:
        """How many panes fit side by side (maximised, the deck has the whole screen: more).
        One while the deck is not laid out yet: it is hidden until a story opens below WIDE
        columns, where one pane is all that fits (the terminal's width counted instead drew
        two narrow panes for a frame); laid out, on_resize shows as many as fit."""
        return max(1, self.size.width // MIN_PANE_WIDTH)

    @property
    def panes_expected(self) -> int:
        """The panes open, and while an opened story's related panes are being found, those
        its known reports will give (at most MAX_RELATED): what a layout made now can make
        room for."""
        panes = len(self.panes)
        return panes + (self._coming if self.finding_related and panes == 1 else 0)

    @property
    def tabbed(self) -> bool:
        """Whether some open panes are off screen (reachable by number, Tab or the tab strip)."""
        return len(self.panes) > self.fit

    def _window(self, count: int, active: int) -> tuple[int, int]:
        """Of ``count`` panes, the first on screen and how many are: as many as fit, a window
        that holds the ``active`` one and moves no more than it must."""
        fit = min(self.fit, count)
        active = min(active, count - 1)
        first = self._first
        if active < first:
            first = active
        elif active >= first + fit:
            first = active - fit + 1
        return max(0, min(first, count - fit)), fit

    def visible_panes(self) -> list[StoryPane]:
        """The panes on screen: as many as fit, a window that always holds the active pane."""
        panes = self.panes
        if not panes:
            return []
        self._first, fit = self._window(len(panes), self.active)
        return panes[self._first : self._first + fit]

    def layout_panes(self) -> None:
        """Show as many panes side by side as fit (the active one among them); the rest are
        reachable by number, Tab and the tab strip, which then shows every pane."""
        if not self.is_mounted:
            return
        panes = self.panes
        if len(panes) != self._count:
            self._count = len(panes)
            self.post_message(self.PanesChanged(self, len(panes)))
        visible = self.visible_panes()
        hidden = len(panes) - len(visible)
        # the opened story alone, its other reports known and being found: the strip they will
        # need is there from its first frame ("1 of …"), rather than pushing its text down
        coming = self.panes_expected - len(panes)
        awaited = coming > 0 and 1 + coming > self.fit
        self.set_class(hidden > 0, "-tabbed")
        self.set_class(len(visible) > 1, "-side-by-side")
        active = self.active_pane
        for number, pane in enumerate(panes, start=1):
            pane.display = pane in visible
            pane.set_class(pane is active and len(panes) > 1, "-active")
            pane.set_class(pane is visible[0], "-leftmost")
            pane.border_title = self._pane_title(number, pane) if len(panes) > 1 else None
        strip = Text(end="", no_wrap=True, overflow="ellipsis")
        if hidden:
            first = panes.index(visible[0]) + 1
            shown = f"{first}" if len(visible) == 1 else f"{first}-{first + len(visible) - 1}"
            strip.append(f" {shown} of {len(panes)} ", style="bold")
        elif awaited:  # (how many is known once they are found)
            strip.append(" 1 of … ", style="bold")
        # when some panes are off screen, the strip starts at the first one on screen, so
        # the active tab is never cut off at the right edge of a narrow terminal
        skip = panes.index(visible[0]) if hidden else 0
        spans: list[tuple[int, int, int]] = []
        if skip:  # the tabs left out: a click on "…" goes to the pane before the first shown
            start = strip.cell_len
            strip.append(" …")
            spans.append((start, strip.cell_len, skip - 1))
        for number, pane in enumerate(panes[skip:], start=skip + 1):
            strip.append(" ")
            if pane is active:
                style = "reverse bold"
            elif pane in visible:
                style = "bold"
            else:
                style = "dim"
            label = f" {number} {'★ ' if pane.state.favourite else ''}{pane.tab_title} "
            start = strip.cell_len
            strip.append(label, style=style)
            spans.append((start, strip.cell_len, number - 1))
        self.query_one("#deck-empty", Static).display = not panes
        # (empty, it took half the deck's height from the preview, which was cut there)
        self.query_one("#panes", Horizontal).display = bool(panes)
        tabs = self.query_one("#pane-tabs", PaneTabs)
        tabs.spans = spans
        tabs.display = hidden > 0 or awaited
        beside = min(coming, self.fit - 1)  # panes that will come on screen beside it
        room = self._room
        room.display = beside > 0
        if beside > 0:
            room.styles.width = f"{beside}fr"
        tabs.update(strip)
        for pane in visible:  # a teaser on screen loads by itself; one behind a tab waits
            if pane.state.pending and pane.live and not pane.state.loading:
                pane.state.fetched = self.follow_link(pane)

    @staticmethod
    def _pane_title(number: int, pane: StoryPane) -> Text:
        """A pane's title bar: its number (the key that reaches it) and its story's title."""
        title = Text(f" {number} ", style="bold", end="")
        if pane.state.favourite:
            title.append("★ ")
        title.append(f"{pane.tab_title} ")
        return title

    # ------------------------------------------------------------------ opening stories

    def base_state(self) -> PaneState:
        return PaneState(show_summary=self.show_summaries, algorithm=self._default_algorithm())

    def _default_algorithm(self) -> str:
        """The config's summary method; "" while the summariser is not imported yet (the warm-up
        imports it, in a worker): importing it here would hold the screen up for a tenth of a
        second. The summary's worker resolves "" to the same method, and the pane learns it
        from the summary."""
        if not self._algorithm and lazy.loaded("reader.summarize"):
            self._algorithm = reading.resolve_algorithm(self.config)
        return self._algorithm

    async def open_article(
        self, article: Article, search: str = "", reports: int | None = None
    ) -> StoryPane:
        """Show ``article`` (and then its related stories) in place of what the deck shows;
        ``search``: the search it was found by (its words are marked in the story);
        ``reports``: the other reports of its story the list counts ("+N"; by default its
        related links'), panes to keep the strip's room for until they are found."""
        await self.clear(opening=True)
        known = article.related_count if reports is None else reports
        self._coming = min(max(known, 0), MAX_RELATED)
        state = replace(
            self.base_state(),
            article_id=article.id,
            story=Story(
                title=clean_line(article.title),
                source=clean_line(article.feed_title),
                url=safe_link(article.url, allow_mailto=True) or None,
                published=article.published.isoformat() if article.published else "",
                author=clean_line(article.author),
            ),
            favourite=article.is_favourite,
            read=article.is_read,
            search=search,
            seen=first_seen_if_undated(article),
        )
        pane = StoryPane(state)
        self.load_story(pane, article.id, with_related=True)  # starts while the pane mounts
        await self.add(pane)
        return pane

    async def open_target(self, target: str) -> StoryPane:
        """Show a page or URL given on the command line (no stored article behind it)."""
        await self.clear(opening=True)
        title = clean_line(target, 120)
        state = replace(self.base_state(), story=Story(title=title, url=safe_link(target) or None))
        pane = await self.add(state)
        self.load_target(pane, target)
        return pane

    @work(thread=True, exit_on_error=False, group="story", name="opening the page")
    def load_target(self, pane: StoryPane, target: str) -> None:
        try:
            loaded = _LOADS.run(
                lambda: reading.load_target(target, self.config, self.stop), self.stop
            )
            if loaded is None:
                return  # quitting
            page, error = loaded
            if page is None:
                story = Story(title=clean_line(target))
                self.post_message(self.PageReady(pane, Page(main=story), "feed", error, True))
                return
            self.post_message(self.PageReady(pane, page, "page", page.note, True))
            known = self._known(page.related)
            self.post_message(self.RelatedFound(pane, page.related, [], known))
        finally:
            self.post_message(self.RelatedDone(pane))
        self._summarise(pane, None, 0, page.main)

    def show_links(self, pane: StoryPane, browse: Callable[[str], object]) -> None:
        """List the links of the story in ``pane`` (``browse`` opens one in the browser, as the
        open-in-browser key does); one chosen to read here opens in a pane beside it."""
        story = pane.state.story
        links = reading.story_links(story)
        name = story_name(story.title, story.text, 80)
        kinds = reading.link_kinds(story)  # (an enclosure, a picture: said beside its address)
        # the reports listed under the opened story ("Also reported") follow its own links
        listed = listed_links(pane.state)
        links += tuple(url for url, _ in listed)
        kinds += tuple(kind for _, kind in listed)
        self.app.push_screen(LinksScreen(name, links, browse, self.open_link, kinds=kinds))

    def open_link(self, url: str) -> StoryPane | None:
        """Read a link of a story here: a pane after the open ones, fetched and extracted in a
        worker as ``newsreader open URL`` does (``reading.load_target``); a report listed under
        the opened story is opened as that stored story (as x on a pane beside it would). None
        when ``url`` is no web address."""
        url = safe_link(url)
        if not url or not self.panes:
            return None
        main = self.panes[0]
        listed = next(
            (m for m in main.state.more if normalise_url(m.story.url or "") == normalise_url(url)),
            None,
        )
        if listed is not None and not main.state.related:
            pane = StoryPane(self._take_listed(main, listed))
            self.call_later(self._show_new_pane, pane, self._load_report, self._generation)
            return pane
        story = Story(title=clean_line(short_url(url), 120), url=url)
        pane = StoryPane(replace(self.base_state(), story=story))
        load = partial(self._open_link, url=url)
        self.call_later(self._show_new_pane, pane, load, self._generation)
        return pane

    @staticmethod
    def _take_listed(main: StoryPane, listed: PaneState) -> PaneState:
        """``listed``, a report listed under the story opened in ``main``, taken off its list
        (it gets a pane of its own)."""
        main.state.more = tuple(m for m in main.state.more if m is not listed)
        main.show()
        return listed

    def _load_report(self, pane: StoryPane) -> None:
        """Load the stored report in ``pane`` (one beside the opened story: no related panes)."""
        if pane.state.article_id is not None:
            self.load_story(pane, pane.state.article_id, with_related=False)

    def _load_beside(self, pane: StoryPane) -> None:
        """The stored report in ``pane``, one that came beside the opened story: loaded now
        when it is on screen; behind a tab, what the store has of it is shown (its cached page,
        else its feed's text) and its page is fetched only when it comes on screen or is
        reached (follow_link), as a teaser's is. Fetched at once, every report's page held one
        of the few threads that run the reader's workers while its server was slow, for a
        pane the reader may never reach."""
        if pane.state.article_id is None:
            return
        if pane in self.visible_panes():
            self._load_report(pane)
        else:
            self.load_story(pane, pane.state.article_id, with_related=False, fetch=False)

    async def _show_new_pane(
        self, pane: StoryPane, load: Callable[[StoryPane], object], generation: int
    ) -> None:
        """``pane`` after the open ones, loaded with ``load`` and focused (unless the story was
        left meanwhile: ``generation``)."""
        if generation != self._generation:
            return  # the story was left meanwhile
        await self.add(pane)
        if generation != self._generation or not pane.live:
            return  # another story was opened meanwhile
        load(pane)
        shown = self.activate(self.panes.index(pane))
        if shown is not None:
            shown.focus()

    @work(thread=True, exit_on_error=False, group="story", name="opening the link")
    def _open_link(self, pane: StoryPane, url: str) -> None:
        loaded = _LOADS.run(lambda: reading.load_target(url, self.config, self.stop), self.stop)
        if loaded is None:
            return  # quitting
        page, error = loaded
        if page is None:
            self.post_message(
                self.PageReady(pane, Page(main=pane.state.story), "feed", error, True)
            )
            return
        self.post_message(self.PageReady(pane, Page(main=page.main), "page", page.note, True))
        if page.main.text.strip():
            self._summarise(pane, None, 0, page.main)

    def follow_link(self, pane: StoryPane) -> bool:
        """A related story the page gave only as a link (a teaser): fetch its page and show it
        in the pane; one that is a stored article is loaded as that article, as is another
        feed's report that waited behind a tab with its feed's text (pending). False when there
        is nothing to fetch (it has text, or no web link)."""
        state = pane.state
        url = safe_link(state.story.url or "")
        stored = state.article_id is not None
        if state.loading or (state.story.text.strip() and not (stored and state.pending)):
            return False  # (a report behind a tab shows its feed's text while it waits)
        if (stored and not (state.pending or state.failed)) or (not stored and not url):
            return False
        state.loading, state.note, state.pending, state.failed = True, None, False, False
        if state.show_summary:
            state.summary, state.summary_loading = None, True
        pane.show()
        if state.article_id is not None:  # the article's own text and summary from now on
            state.parent_id, state.part = None, 0
            self.load_story(pane, state.article_id, with_related=False)
        else:
            self._follow_link(pane, url)
        return True

    @work(thread=True, exit_on_error=False, group="story", name="opening the related story")
    def _follow_link(self, pane: StoryPane, url: str) -> None:
        loaded = _LOADS.run(lambda: reading.load_target(url, self.config, self.stop), self.stop)
        if loaded is None:
            return  # quitting
        page, error = loaded
        if page is None:  # the teaser stays, with what went wrong
            self.post_message(
                self.PageReady(pane, Page(main=pane.state.story), "feed", error, True)
            )
            if pane.state.story.text.strip():
                self._summarise(pane, None, 0, pane.state.story)
            return
        self.post_message(self.PageReady(pane, Page(main=page.main), "page", page.note, True))
        if page.main.text.strip():
            self.post_message(self.TextArrived(pane))
        # not cached under the page's related story: the teasers a page lists change
        self._summarise(pane, None, 0, page.main)

    @work(thread=True, exit_on_error=False, group="story", name="opening the story")
    def load_story(
        self, pane: StoryPane, article_id: int, with_related: bool, fetch: bool = True
    ) -> None:
        """The story's text, then its summary, then (``with_related``) the stories beside it:
        what is read first comes first (the related panes' mounting waits for the summary).
        ``fetch`` False: what the store has (a report behind a tab, see ``_load_beside``)."""
        try:
            page = self._load_page(pane, article_id, fetch)
            story = page.main if page is not None else None
            if story is not None and story.text.strip() and pane.state.show_summary:
                self._summarise(pane, article_id, 0, story)
            if with_related and page is not None:
                self._find_related(pane, article_id, page)
        finally:
            if with_related:
                self.post_message(self.RelatedDone(pane))

    def _load_page(self, pane: StoryPane, article_id: int, fetch: bool = True) -> Page | None:
        """(Worker thread) post the story's text; its page. ``fetch`` False: its cached page,
        else its feed's text, the page to be fetched when the pane is reached (it waits)."""
        store, config = self.store, self.config
        cached = reading.cached_page(store, article_id)
        if cached is None:
            article = store.article(article_id)
            if article is None:
                gone = Page(main=pane.state.story)
                self.post_message(self.PageReady(pane, gone, "feed", "This story is gone.", True))
                return None
            early = reading.feed_page(store, article)
            if not fetch:
                self.post_message(self.PageReady(pane, early, "feed", None, True, waits=True))
                return early
            self.post_message(self.PageReady(pane, early, "feed", None, False))
            loaded = _LOADS.run(
                lambda: reading.load_page(store, config, article_id, self.stop), self.stop
            )
            if loaded is None:
                return None  # quitting
            page, source, note = loaded
        else:
            page, source, note = cached
        self.post_message(self.PageReady(pane, page, source, note, True))
        if cached is None and source == "page" and pane.state.related:
            # a report beside the opened story, read from its page only now: the summary
            # across them was made from its feed's text (the store has its page from now on)
            self.post_message(self.TextArrived(pane))
        return page

    def _find_related(self, pane: StoryPane, article_id: int, page: Page) -> None:
        """(Worker thread) post the stories of the page and the reports from other feeds."""
        reports = reading.find_reports(self.store, article_id)
        if page.related or reports.pairs or any(reports.carried.values()):
            known = self._known(page.related)
            related = list(reports.pairs)
            found = self.RelatedFound(
                pane, page.related, related, known, reports.carried, reports.feed_id
            )
            self.post_message(found)

    def _known(self, stories: tuple[Story, ...]) -> dict[str, Article]:
        """(Worker thread) the stored articles the stories of a page are, by URL: those the
        reader lists (an unsubscribed feed's story is not named after it nor opened through
        it, unless it is a favourite)."""
        try:
            urls = (story.url for story in stories if story.url)
            return self.store.articles_by_url(urls, listed=True)
        except StoreError:  # shown as page stories then: favouriting one still finds it
            return {}

    def _summarise(self, pane: StoryPane, article_id: int | None, part: int, story: Story) -> None:
        """(Worker thread) make the pane's summary and post it."""
        ticket = next(_TICKETS)
        summary = reading.load_summary(
            self.store,
            self.config,
            article_id,
            part,
            story.text,
            story.title,
            pane.state.algorithm or None,
            story.language,
        )
        self.post_message(self.SummaryReady(pane, summary, ticket))

    @work(thread=True, exit_on_error=False, group="summary", name="summarising")
    def summarise(self, pane: StoryPane) -> None:
        state = pane.state
        key = state.article_id if state.parent_id is None else state.parent_id
        self._summarise(pane, key, state.part, state.story)

    def on_story_deck_page_ready(self, message: PageReady) -> None:
        pane = message.pane
        if not pane.live:
            return
        state = pane.state
        story, known = message.page.main, state.story
        # a stored article's own date comes first: the one its headline shows in the list
        dates = [story.published, known.published]
        if state.article_id is not None:
            dates.reverse()
        state.story = replace(
            story,
            title=story.title or known.title,
            source=story.source or known.source,
            author=story.author or known.author,
            # a date, not a page's "2 hours ago" (relative to when the page was written)
            published=next((d for d in dates if story_date(d)), story.published),
            url=story.url or known.url,
        )
        state.source = message.source
        state.note = message.note
        state.loading = not message.final
        has_text = bool(state.story.text.strip())
        state.failed = message.final and state.related and not has_text and bool(message.note)
        state.answered = message.final and message.source == "page"
        if message.waits:
            state.pending = True
        if message.final and state.show_summary and state.summary is None:
            state.summary_loading = has_text
        pane.show()
        self.layout_panes()

    async def on_story_deck_related_found(self, message: RelatedFound) -> None:
        main = message.pane
        if not main.live:
            return
        generation = self._generation  # mounting waits: another story may be opened meanwhile
        parent = main.state.article_id
        plan = reading.rank_related(
            main.state.story.title,
            parent,
            message.stories,
            message.articles,
            message.known,
            MAX_RELATED,
            message.carried,
            message.own_feed,
        )
        if plan.opened_carried != main.state.carried:
            main.state.carried = plan.opened_carried
            main.show()
        more = [self._related_state(c, parent) for c in plan.listed]
        beside = [(c, self._related_state(c, parent)) for c in plan.beside]
        panes = await self.add_all([state for _, state in beside])
        if generation != self._generation:  # the story was left while they were mounted:
            left = [pane for pane in panes if pane in self.panes]  # none joins the next one
            if left:
                await self.query_one("#panes", Horizontal).remove_children(left)
            return
        for (candidate, state), pane in zip(beside, panes, strict=True):
            if not candidate.from_page and state.article_id is not None:  # another feed's
                self._load_beside(pane)
            elif state.show_summary and state.story.text.strip():
                self.summarise(pane)
        if more and main.live:
            main.state.more = tuple(more)
            main.show()
        self._group_articles = plan.summary_articles
        if plan.beside and main.state.show_summary:
            self._summarise_across(main)

    def _related_state(self, candidate: reading.RelatedCandidate, parent: int | None) -> PaneState:
        """The pane state of a story beside the one opened (whose article is ``parent``)."""
        story, stored = candidate.story, candidate.article
        if candidate.from_page:
            has_text = bool(story.text.strip())
            state = replace(
                self.base_state(),
                parent_id=parent,
                part=candidate.part,
                story=story,
                loading=False,
                related=True,
                summary_loading=self.config.summary.show and has_text,
                pending=candidate.pending,
            )
            if stored is not None:  # the story is that article: its star and read state
                state.article_id = stored.id
                state.favourite, state.read = stored.is_favourite, stored.is_read
            return state
        assert stored is not None  # (a report is a stored article)
        return replace(
            self.base_state(),
            article_id=stored.id,
            story=story,
            favourite=stored.is_favourite,
            read=stored.is_read,
            related=True,
            similarity=candidate.similarity,
            same_story=candidate.same_story,
            carried=candidate.carried,
        )

    def _summarise_across(self, main: StoryPane) -> None:
        """The summary across the stories beside ``main`` (those with their text in); a stored
        report's text is read from the store (summarise_group), not taken twice from its pane."""
        stored = {a.id for a in self._group_articles}
        stories = [
            p.state.story
            for p in self.panes
            if p.state.related and not p.state.loading and p.state.article_id not in stored
        ]
        closed = frozenset(self._closed_stories)
        self.summarise_group(main, stories, list(self._group_articles), closed, self._across_round)

    def on_story_deck_text_arrived(self, message: TextArrived) -> None:
        panes = self.panes
        if not panes or message.pane not in panes:
            return
        main = panes[0]
        if not main.state.related and main.state.show_summary:
            self._summarise_across(main)

    def on_story_deck_related_done(self, message: RelatedDone) -> None:
        panes = self.panes
        if panes and message.pane is panes[0] and self.finding_related:
            self.finding_related = False
            self._coming = 0
            self.layout_panes()  # (the strip kept for panes that did not come goes)
            self.post_message(self.PanesChanged(self, len(panes)))

    @work(thread=True, exit_on_error=False, group="summary", name="summarising related stories")
    def summarise_group(
        self,
        main: StoryPane,
        stories: list[Story],
        articles: list[Article],
        closed: frozenset[str] = frozenset(),
        made_in: int = 0,
    ) -> None:
        """One summary across the opened story, the related stories on its page and the whole
        group of reports of its event (GROUP_SUMMARY_LIMIT of them): the most central sentences
        of them all; the main pane shows those the opened story does not say itself (what the
        others add), under its own summary. Teasers (a line or two) are left out: a bullet of
        theirs has nothing around it to make sense of. ``closed``: the stories of panes closed
        beside it (story_key), left out; ``made_in``: the deck's round when it was asked for."""
        opened = main.state.story
        stored = reading.group_stories(self.store, main.state.article_id, articles)
        others = [o for o in (*stories, *stored) if not closed.intersection(story_key(o))]
        across = reading.across_input(opened, others)
        if across is None:  # no other story with a text: how they headlined it
            headlines = reading.group_headlines(opened, others)
            if len(headlines) > 1:  # (one other story: its own pane says it)
                self.post_message(self.GroupHeadlinesReady(main, headlines, made_in))
            return
        summary = reading.story_summary(
            self.store,
            self.config,
            main.state.article_id,
            across.texts,
            opened.language,
            sentences=ACROSS_SENTENCES,  # some are the opened story's own: not shown again
            ranked=True,
        )
        sources = reading.sentence_sources(summary.sentences, across)
        # (its heading counts the other stories' sentences, not the opened one's too)
        of = reading.others_sentences(self.config, across, summary.total_sentences, opened.language)
        ready = self.GroupSummaryReady(
            main, summary, across.others, across.total, sources, made_in, of
        )
        self.post_message(ready)

    def on_story_deck_group_summary_ready(self, message: GroupSummaryReady) -> None:
        pane = message.pane
        # (made again as stories get their text: one made over fewer stories, late, is stale;
        # one made before a pane beside it was closed is stale whatever its size)
        if message.round != self._across_round:
            return
        if pane.live and message.size >= pane.state.group_size:
            pane.state.group_summary = message.summary
            pane.state.group_size = message.size
            pane.state.group_total = max(message.total, message.size)
            pane.state.group_sources = message.sources
            pane.state.group_sentences = message.sentences
            pane.show()

    def on_story_deck_group_headlines_ready(self, message: GroupHeadlinesReady) -> None:
        pane = message.pane
        if message.round != self._across_round:
            return
        if pane.live and pane.state.group_summary is None:
            pane.state.group_headlines = message.headlines
            pane.show()

    def on_story_deck_summary_ready(self, message: SummaryReady) -> None:
        pane = message.pane
        if pane.live and message.ticket >= pane.state.summary_ticket:
            # (S pressed again and again: a method chosen before may finish after the last)
            pane.state.summary_ticket = message.ticket
            pane.state.summary = message.summary
            pane.state.algorithm = pane.state.algorithm or message.summary.algorithm
            pane.state.summary_loading = False
            pane.show()

    # ------------------------------------------------------------------ summary and favourite

    def toggle_summary(self, pane: StoryPane) -> None:
        state = pane.state
        if not state.story.text.strip() and not (state.loading or state.pending):
            self.notify("This story has no text to summarise.", timeout=2, markup=False)
            return
        state.show_summary = not state.show_summary
        if self.show_summaries != state.show_summary:  # said when it changes for the next ones
            self.notify(
                "Summaries shown again." if state.show_summary else
                "Summaries hidden, here and in the stories opened next: "
                f"{keymap.key_in(self, 'toggle_summary')} shows them again.",
                timeout=3,
                markup=False,
            )  # fmt: skip
        self.show_summaries = state.show_summary  # the stories opened next too (this session)
        if state.show_summary and state.summary is None and not state.loading:
            state.summary_loading = True
            self.summarise(pane)
        panes = self.panes
        if (
            state.show_summary
            and state.group_summary is None
            and not state.related
            and pane is panes[0]
            and len(panes) > 1
            and not self.finding_related
        ):  # hidden when the related stories came: what they add is made now
            self._summarise_across(pane)
        pane.show()

    def cycle_algorithm(self, pane: StoryPane, names: tuple[str, ...]) -> None:
        state = pane.state
        current = state.algorithm if state.algorithm in names else names[0]
        state.algorithm = names[(names.index(current) + 1) % len(names)]
        state.show_summary = True
        state.summary_loading = True
        pane.show()
        if not state.loading:
            self.summarise(pane)

    def write_favourite(
        self, pane: StoryPane | None, article_id: int | None, favourite: bool
    ) -> bool:
        """Save the story's favourite state (a story with no article of its own, from a page or
        a page opened directly, is saved as one). False, and nothing done, while a save of the
        same story is under way: f pressed twice at once is one press (both would read the state
        from before the first save, and save it twice)."""
        key: StoryPane | int | None = article_id if article_id is not None else pane
        if key is None or key in self._saving:
            return False
        self._saving.add(key)
        self._write_favourite(pane, article_id, favourite, key)
        return True

    @work(thread=True, exit_on_error=False, group="write", name="saving the favourite")
    def _write_favourite(
        self,
        pane: StoryPane | None,
        article_id: int | None,
        favourite: bool,
        key: StoryPane | int,
    ) -> None:
        store = self.store
        try:
            if article_id is None:  # a story from a page, or a page opened directly: keep it
                assert pane is not None
                article_id = store.save_page_story(pane.state.parent_id, pane.state.story)
                summary = pane.state.summary
                if summary is not None and summary.sentences:
                    text = pane.state.story.text
                    reading.keep_summary(store, self.config, article_id, text, summary)
            else:
                store.set_favourite(article_id, favourite)
            unlisted = "" if favourite else _unlisted(store, article_id)
        except BaseException:
            self.post_message(self._FavouriteFailed(key))  # said by the worker error handler
            raise
        self.post_message(self.FavouriteSaved(self, pane, article_id, favourite, key, unlisted))
        if favourite and pane is None:
            # saved from the list, never opened: its page, text and summary are kept now (as
            # opening it would), so the favourite outlives its feed's blurb. After the message:
            # the list shows the star at once; quitting does not wait for the fetch.
            kept = article_id
            _LOADS.run(lambda: reading.keep_story(store, self.config, kept, self.stop), self.stop)

    def on_story_deck__favourite_failed(self, message: _FavouriteFailed) -> None:
        self._saving.discard(message.key)

    def show_favourite(
        self,
        pane: StoryPane | None,
        article_id: int,
        favourite: bool,
        key: StoryPane | int | None = None,
    ) -> None:
        """Show the story's saved favourite state (``key``: the save it comes from, which then
        is no longer under way: f saves the story again)."""
        self._saving.discard(key)
        for shown in self.panes:
            if shown is pane or shown.state.article_id == article_id:
                shown.state.article_id = article_id
                shown.state.favourite = favourite
                shown.show()
        self.layout_panes()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)
        if report is not None:
            report(event.worker)


def story_key(story: Story) -> set[str]:
    """What tells a story apart from the group's others: its address and its title (a report
    read from the store may lack one or the other)."""
    keys = set()
    if story.url:
        keys.add("url:" + normalise_url(story.url))
    title = " ".join(story.title.split()).casefold()
    if title:
        keys.add("title:" + title)
    return keys
