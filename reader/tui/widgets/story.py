"""Story panes: one scrollable pane per story.

Each ``StoryPane`` holds its own state (story, summary, summary on/off, algorithm, favourite), and
being its own ``VerticalScroll`` it keeps its own scroll position. The deck (``widgets/deck.py``)
fills panes from its workers; panes only present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static
from textual.worker import Worker

from reader import lazy
from reader.dates import seen_text
from reader.models import Story, Summary
from reader.reading import (
    alike,
    carried_text,
    enclosure_label,
    lasting_failure,
    link_marks,
    story_links,
    what_others_add,
)
from reader.textutil import clean_block, clean_line, safe_link, story_name, without_tracking
from reader.textutil import squeezed as _squeezed
from reader.tui import keymap
from reader.tui.format import (
    ago,
    display_offsets,
    for_display,
    story_date,
    when_text,
)
from reader.tui.highlight import mark_terms, search_pattern

EXTRACTOR = "reader.extract"  # what numbering a story's links needs (reading.link_marks)
MAX_BODY_CHARS = 200_000  # longer story text is cut for display: wrapping megabytes stalls the UI
ACROSS_SHOWN = 4  # sentences the other stories add, at most
ACROSS_HEADLINES = 8  # other stories' headlines shown where there is no text to summarise
LINK_NUMBER = Style(dim=True)  # a link's " [3]" after its words: there, not in the way
ENCLOSURES_SHOWN = 3  # a story's enclosures named under its address (the links list has all)

_ids = count(1)


def byline(source: str, author: str) -> list[str]:
    """The story's source and author as the header names them: an author that is the source
    again ("Giant Bomb · Giant Bomb", spaces and case aside) is left out."""
    source, author = clean_line(source), clean_line(author)

    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    if author and key(author) == key(source):
        author = ""
    return [p for p in (source, author) if p]


def why_beside(state: PaneState) -> str:
    """Why a story is beside the opened one, as its pane's header says it: "from the same
    page", or a report of the same story from another feed (the grouping put them together),
    "same story · wording 62% alike"."""
    if state.similarity is not None:
        return f"same story · {alike(state.similarity)}"
    return "same story" if state.same_story else "from the same page"


def listed_links(state: PaneState) -> tuple[tuple[str, str], ...]:
    """The links of the reports listed under an opened story ("Also reported"), after its own
    in L's list: (address, what it is: "Also reported: Reuters · its headline", which tells
    several reports of one feed apart); none for a pane with none."""
    return tuple(
        (url, f"Also reported: {_listed_as(other.story)}")
        for other in state.more
        if (url := safe_link(other.story.url or ""))
    )


def _listed_as(story: Story) -> str:
    source = clean_line(story.source) or "another feed"
    title = clean_line(story.title)
    return f"{source} · {title}" if title else source


def enclosure_lines(story: Story) -> Text:
    """A line for each of the story's first enclosures, each after a line break: "Podcast:
    audio/mpeg · 105 MB [1]" (the first links, opened from the list, L), then how many more."""
    lines = Text(end="")
    for number, enclosure in enumerate(story.enclosures[:ENCLOSURES_SHOWN], start=1):
        lines.append("\n")
        lines.append(for_display(enclosure_label(enclosure)), style="bold")
        lines.append(f" [{number}]", style=LINK_NUMBER)
    if len(story.enclosures) > ENCLOSURES_SHOWN:
        extra = len(story.enclosures) - ENCLOSURES_SHOWN
        lines.append(f"\nand {extra} more file{'s' if extra != 1 else ''}", style="dim")
    return lines


@dataclass
class PaneState:
    """What a pane shows; the screen's workers fill it in."""

    article_id: int | None = None  # the stored article (None for a page's related story not saved)
    parent_id: int | None = None  # for a related story found on a page: the article of that page
    part: int = 0  # summary cache part: 0 = main story, n = n-th related story on the page
    story: Story = field(default_factory=Story)
    source: str = "feed"  # where the text came from: "page" or "feed"
    note: str | None = None
    loading: bool = True
    summary: Summary | None = None
    summary_loading: bool = False
    summary_ticket: int = 0  # the newest summary shown (StoryDeck.SummaryReady.ticket)
    show_summary: bool = True
    algorithm: str = ""
    favourite: bool = False
    read: bool | None = None  # a stored article's read state (None: no stored article)
    visited: bool = False  # the pane has had focus (a related story is marked read then, once)
    pending: bool = False  # a related story not loaded yet: it loads when its pane is on screen
    fetched: bool = False  # loaded because it came on screen: reaching it loads it no more
    failed: bool = False  # loading it gave no text (state.note says why)
    answered: bool = False  # its page was read and has no text (a PDF, an image): it stays so
    related: bool = False  # a related story (not the one opened)
    search: str = ""  # the search it was opened from: the words it found are marked
    group_summary: Summary | None = None  # across this story and its related ones (main pane)
    group_size: int = 0  # the other stories it was made of
    group_total: int = 0  # the other stories there are (with a headline only or a line too)
    group_sources: tuple[str, ...] = ()  # the source of each of its sentences ("": not known)
    group_sentences: int = 0  # the other stories' sentences it was chosen from
    # with no text to summarise across: (headline, sources) of the other stories
    group_headlines: tuple[tuple[str, str], ...] = ()
    similarity: float | None = None  # a related story from another feed: cosine with the opened one
    same_story: bool = False  # a report of its group beyond the closest ones (no similarity kept)
    # a stored article its feed gave no date: when it was first seen (the list ages it so)
    seen: datetime | None = None
    carried: tuple[str, ...] = ()  # the feeds that carry copies of the story (shown once, here)
    # related reports beyond the panes opened beside it (main pane), best first: each takes a
    # pane when one beside it is closed
    more: tuple[PaneState, ...] = ()

    @property
    def retry(self) -> bool:
        """Loading failed in a way trying again may mend: not a 404 or a 410, nor a page read
        with no text in it (Enter tries again either way, but only this is worth saying)."""
        return self.failed and not self.answered and not lasting_failure(self.note)


def _displayed(body: str) -> tuple[str, int]:
    """Story text cut to MAX_BODY_CHARS for display (at a paragraph break when there is one),
    and how many characters of ``body`` it shows."""
    if len(body) <= MAX_BODY_CHARS:
        return body, len(body)
    cut = body.rfind("\n\n", 0, MAX_BODY_CHARS)
    cut = cut if cut > MAX_BODY_CHARS // 2 else MAX_BODY_CHARS
    kept = body[:cut].rstrip()
    return (
        f"{kept}\n\n(… {len(body) - cut:,} more characters not shown: the story"
        " is too long to show here; open it in the browser to read on.)"
    ), len(kept)


class StoryPane(VerticalScroll):
    """One story: title, source line, link, summary block, note and text."""

    can_focus = True
    COMPONENT_CLASSES: ClassVar[set[str]] = {"story-pane--match"}  # a search's words (app.tcss)

    def __init__(self, state: PaneState) -> None:
        super().__init__(id=f"pane-{next(_ids)}", classes="story-pane")
        self.state = state
        self._shown: dict[str, tuple[object, ...]] = {}
        self._body_of: Story | None = None
        self._body = ""
        self._flat = ""  # the body with its white space squeezed (to find sentences in it)
        self._marked: tuple[tuple[object, ...], Text] | None = None  # the body, search marked
        self._said_of: tuple[tuple[tuple[str, ...], str], str | None] | None = None  # (_said)
        # what the other stories add (_across_text), for the summaries and text it was found in
        self._added_of: tuple[tuple[object, ...], list[tuple[str, str]]] | None = None
        self._links: tuple[tuple[int, int], ...] = ()  # (offset in the body, n): " [n]" there

    def compose(self) -> ComposeResult:
        yield Static(id="story-title", classes="story-title")
        yield Static(id="story-meta", classes="story-meta")
        yield Static(id="story-summary", classes="story-summary")
        yield Static(id="story-note", classes="story-note")
        yield Static(id="story-body", classes="story-body")
        # what the other stories add: after the story's own text, which comes first
        yield Static(id="story-across", classes="story-summary story-across")
        yield Static(id="story-more", classes="story-more")

    def on_mount(self) -> None:
        # is_mounted turns true only after on_mount; state may have arrived while mounting
        self.call_later(self.show)

    @property
    def live(self) -> bool:
        """In the deck and not on its way out: a pane being removed loses its parts first, and
        a result arriving for it then is dropped."""
        removing = self._closing or self._closed or getattr(self, "_pruning", False)
        return self.is_attached and not removing

    def _now(self) -> datetime:
        clock = getattr(self.app, "clock", None)
        return clock() if callable(clock) else datetime.now(UTC)

    @property
    def tab_title(self) -> str:
        return for_display(story_name(self.state.story.title, self.state.story.text, 40))

    def _set(self, name: str, text: Text) -> None:
        """Update one part only when what it shows changed (re-wrapping a long story costs)."""
        key = (text.plain, tuple(text.spans), str(text.style))
        if self._shown.get(name) != key:
            self._shown[name] = key
            self.query_one(f"#{name}", Static).update(text)

    def show(self) -> None:
        """Redraw from ``self.state``."""
        if not (self.is_mounted and self.live):
            return
        anchor, above = self._anchor(), self._above()
        state, story = self.state, self.state.story
        title = Text(end="")
        if state.favourite:
            title.append("★ ", style="bold")
        name = for_display(story_name(story.title, story.text))
        title.append_text(self._mark(Text(name, style="bold", end="")))
        self._set("story-title", title)

        meta = Text(end="")
        parts = [
            *byline(story.source, story.author),
            when_text(story.published) if story.published else "",
            ago(story.published, self._now()) if story.published else "",
            "" if story_date(story.published) else seen_text(state.seen, self._now()),
        ]
        meta.append(for_display(" · ".join(p for p in parts if p)))
        if state.related:  # why it is beside the opened story
            if meta.plain:
                meta.append(" · ")
            meta.append(why_beside(state), style="italic")
        if carried := carried_text(story.source, state.carried):
            meta.append(" · " if meta.plain else "")
            meta.append(for_display(carried), style="italic")
        if story.url:
            meta.append("\n")
            meta.append(for_display(without_tracking(clean_line(story.url))), style="underline")
        meta.append_text(enclosure_lines(story))
        self._set("story-meta", meta)

        if story is not self._body_of:
            self._body_of = story
            clean = clean_block(story.text)
            self._body, shown = _displayed(clean)
            self._flat = _squeezed(self._body)
            self._links = ()
            # its links' numbers, where the text is the one its blocks make (as cleaned); they
            # take the extractor's rules, which a worker imports when the warm-up has not yet
            # (an import here would hold the screen up)
            if clean == story.text and story.links and story.blocks:
                if lazy.loaded(EXTRACTOR):
                    self._links = _up_to(link_marks(story), shown)
                else:
                    self._number_links(story, shown)
        body = self._body

        # no summary block until there is text to summarise (or while the story loads)
        summary = self.query_one("#story-summary", Static)
        shown = state.show_summary and bool(body or state.loading)
        across = self._across_text() if state.show_summary else None
        # what the other stories add is known, and it is nothing: a line says so, above
        adds_nothing = across is None and state.show_summary and self._what_others_add() == []
        block, said = (
            self._summary_text(across is not None, adds_nothing) if shown else (None, False)
        )
        summary.display = bool(block and block.plain)
        summary.set_class(said, "-said")  # only why it is not printed: one dim line, no box
        if block is not None and summary.display:
            self._set("story-summary", block)
        self.query_one("#story-across", Static).display = across is not None
        if across is not None:
            self._set("story-across", across)

        note = self.query_one("#story-note", Static)
        notes = [clean_line(state.note)]
        if state.loading:
            notes.append("Loading the full story…")
        elif state.pending:
            notes.append("Not loaded yet: move to this pane to load it.")
        elif state.retry and not body:
            notes.append(f"Press {keymap.key_in(self, 'open')} to try again.")
        note_text = for_display(" ".join(n for n in notes if n))
        note.display = bool(note_text)
        self._set("story-note", Text(note_text, end=""))

        if not body:
            if state.loading:
                body = "Loading…"
            elif (
                (state.failed or state.note)
                and state.article_id is not None
                and (state.source == "feed")
            ):
                # the note says the feed's text is shown instead of the page's: there is none
                body = "(Its feed has no text for this story either.)"
            elif not (state.pending or state.failed):
                body = "(This story has no text.)"
        self._set("story-body", self._marked_body(body, self._links if body is self._body else ()))
        more = self.query_one("#story-more", Static)
        more.display = bool(state.more)
        if state.more:
            self._set("story-more", self._more_text())
        self.set_class(state.favourite, "-favourite")
        if anchor is not None and self._above() != above:  # (a key may scroll meanwhile)
            self.call_after_refresh(self._keep_place, anchor)

    @work(thread=True, exit_on_error=False, group="link-numbers", name="numbering its links")
    def _number_links(self, story: Story, shown: int) -> None:
        marks = link_marks(story)  # (imports the extractor, off the screen's thread)
        self.app.call_from_thread(self._numbered, story, marks, shown)

    def _numbered(self, story: Story, marks: tuple[tuple[int, int], ...], shown: int) -> None:
        """The numbers of ``story``'s links, where they go in its text (up to ``shown``, the
        characters shown of it); dropped when the pane shows another story meanwhile."""
        links = _up_to(marks, shown)
        if story is self._body_of and links != self._links:
            self._links = links
            self.show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report = getattr(self.app, "worker_failed", None)
        if report is not None:
            report(event.worker)

    def _mark(self, text: Text) -> Text:
        """``text`` with the words of the search the story was opened from marked."""
        if not self.state.search:
            return text
        style = self.get_component_rich_style("story-pane--match", partial=True)
        return mark_terms(text, search_pattern(self.state.search), style)

    def _marked_body(self, body: str, links: tuple[tuple[int, int], ...] = ()) -> Text:
        """The story's text as shown, the search's words marked and its links' numbers dimmed
        after their words (" [3]"), once per text: it can be long. The numbers go in after the
        search's words are found: a phrase reads across them."""
        key = (body, self.state.search, self.app.theme, links)
        if self._marked is None or self._marked[0] != key:
            shown = for_display(body)
            if links and shown != body:  # (the numbers' places in the text as shown)
                moved = display_offsets(body, [at for at, _ in links])
                links = tuple((at, n) for at, (_, n) in zip(moved, links, strict=True))
            text = self._mark(Text(shown, end=""))
            if links:
                text = _with_numbers(text, links)
            self._marked = (key, text)
        return self._marked[1]

    def _above(self) -> tuple[object, ...]:
        """What the parts above the story's text show (a change there moves the text)."""
        parts = ("story-title", "story-meta", "story-summary", "story-note")
        return tuple((self._shown.get(n), self.query_one(f"#{n}").display) for n in parts)

    def _anchor(self) -> int | None:
        """Where the story's text starts in the view, once the reader has scrolled into it; None
        before that (at the top a summary coming in shows in its place)."""
        if self.scroll_y <= 0 or self.state.story is not self._body_of or not self.display:
            return None
        top = self.query_one("#story-body", Static).virtual_region.y
        return top - round(self.scroll_y) if top > 0 else None

    def _keep_place(self, anchor: int) -> None:
        """A summary (or note) above the text grew or shrank: scroll by as much, so that the
        lines being read stay where they were."""
        if not self.live:
            return
        top = self.query_one("#story-body", Static).virtual_region.y
        if top > 0 and top - round(self.scroll_y) != anchor:
            self.scroll_to(y=top - anchor, animate=False, immediate=True)

    def _more_text(self) -> Text:
        """The related reports that got no pane of their own: title, source, age, similarity."""
        text = Text(f"Also reported ({len(self.state.more)} more)", style="bold", end="")
        close, links = keymap.key_in(self, "close_pane"), keymap.key_in(self, "links")
        text.append(
            f"  {close} on a pane beside this one puts the first of these in its place; "
            f"{links} lists their links ([n]), r there reads one here",
            style="dim",
        )
        now = self._now()
        number = len(story_links(self.state.story))  # (L lists the story's own links first)
        for other in self.state.more:
            story = other.story
            text.append("\n• ")
            name = for_display(story_name(story.title, story.text))
            text.append_text(self._mark(Text(name, end="")))
            when = ago(story.published, now) if story.published else ""
            details = for_display(" · ".join(p for p in (clean_line(story.source), when) if p))
            why = alike(other.similarity) or "same story"
            carried = carried_text(story.source, other.carried)
            text.append(f" — {details} · {why}{' · ' if carried else ''}{carried}", style="dim")
            if safe_link(story.url or ""):
                number += 1
                text.append(f" [{number}]", style=LINK_NUMBER)
        return text

    def _summary_text(self, across: bool = False, adds_nothing: bool = False) -> tuple[Text, bool]:
        """The summary block above the story: its own summary (and, with ``across``, a line
        saying that what the other stories add follows the story; with ``adds_nothing``, that
        they add nothing). Empty when there is nothing worth saying above the story (it is
        hidden then). And whether the block is only the line saying why the summary is not
        printed (a short story, one whose summary is its opening): shown as one dim line, not
        as a box, since it is no news on every short item."""
        state = self.state
        text = Text(end="")
        summary = state.summary
        algorithm = (summary.algorithm if summary else "") or state.algorithm
        if state.summary_loading or (summary is None and state.loading):
            text.append(f"Summary ({algorithm or 'working'}) …", style="italic")
            return text, False
        if summary is None:
            text.append("No summary yet.", style="italic")
            return text, False
        said = None
        if not summary.sentences and not self._failed(summary):
            pass  # nothing to summarise (a headline, a line or two of links): no block for it
        elif (said := self._said(summary)) is not None:
            # no copy right above the story of what it says just below: one line saying so
            heading = f"Summary · {clean_line(summary.algorithm)}"
            if across or adds_nothing:  # in the box, above the line on the other stories
                text.append(heading, style="bold")
                text.append(f": {said}", style="italic")
            else:
                text.append(f"{heading}: {said}", style="dim italic")
        else:
            _bullets(text, f"Summary · {clean_line(summary.algorithm)}", summary)
            if summary.note:
                text.append("\n")
                text.append(for_display(clean_line(summary.note)), style="italic")
        if across or adds_nothing:
            if text.plain:
                text.append("\n")
            others = _others(state.group_size, state.group_total)
            add = _add(state.group_size)
            if adds_nothing:
                line = f"{others[:1].upper()}{others[1:]} {add} nothing this one does not say."
                text.append(line, style="dim")
            elif state.group_summary is not None:
                text.append(f"What {others} {add}: after this story.", style="dim")
            else:
                text.append("How the other stories headlined it: after this story.", style="dim")
        return text, said is not None and not (across or adds_nothing)

    @staticmethod
    def _failed(summary: Summary) -> bool:
        """The summary stands in for one that failed: its note says why, worth a line."""
        # (loaded already: the summary was made by it, or read from the store by its module)
        api = lazy.load("reader.summarize.api")
        return bool(api.failed(summary))

    def _across_text(self) -> Text | None:
        """What the other stories add (the summary across them, less what this story says,
        each sentence with its source), shown after the story's own text; with no text to
        summarise across them, how they headlined it. None when there is nothing to add (or it
        is not made yet)."""
        state = self.state
        group = state.group_summary
        if group is None:
            return self._headlines_text()
        added = self._what_others_add()
        if not added:
            return None
        shown = added[:ACROSS_SHOWN]
        text = Text(end="")
        others = _others(state.group_size, state.group_total)
        heading = f"Across {others}"
        if state.group_total > state.group_size:
            heading += f" ({state.group_total - state.group_size} with only a headline or a line)"
        of = max(state.group_sentences, len(shown))  # (the other stories' only)
        text.append(f"{heading} · {len(shown)} of {of} sentences", style="bold")
        for sentence, source in shown:
            text.append("\n• ")
            text.append(for_display(clean_line(sentence)))
            if source:
                text.append(f" — {for_display(clean_line(source))}", style="dim")
        return text

    def _what_others_add(self) -> list[tuple[str, str]] | None:
        """The sentences of the summary across the other stories that this story does not say,
        with their sources, once per summary and text; None while that is not known (no such
        summary, or this story's own is still to come)."""
        state = self.state
        group, summary = state.group_summary, state.summary
        if group is None or state.summary_loading or (summary is None and self._body):
            return None
        said = summary.sentences if summary is not None else ()
        key = (group.sentences, state.group_sources, said, self._body, state.story.title)
        if self._added_of is None or self._added_of[0] != key:
            added = what_others_add(group.sentences, state.group_sources, state.story, said)
            self._added_of = (key, added)
        return self._added_of[1]

    def _headlines_text(self) -> Text | None:
        """How the other stories headlined it, each headline with its sources (where there is
        no text to summarise across them)."""
        headlines = self.state.group_headlines
        if not headlines:
            return None
        text = Text("How the other stories headlined it", style="bold", end="")
        for title, sources in headlines[:ACROSS_HEADLINES]:
            text.append("\n• ")
            text.append_text(self._mark(Text(for_display(title), end="")))
            if sources:
                text.append(f" — {for_display(sources)}", style="dim")
        if len(headlines) > ACROSS_HEADLINES:
            text.append(f"\nand {len(headlines) - ACROSS_HEADLINES} more", style="dim")
        return text

    def _said(self, summary: Summary) -> str | None:
        """Why the summary is not printed above the story, in words (None: it is printed).
        Asked once per summary and text: a pane is redrawn often."""
        key = (summary.sentences, self._body)
        if self._said_of is None or self._said_of[0] != key:
            self._said_of = (key, self._verdict(summary))
        return self._said_of[1]

    def _verdict(self, summary: Summary) -> str | None:
        """The summary is (nearly) the story itself (``scraps.is_most``: a short story, or
        most of its words), or the story's opening (``scraps.opening_reach``: its sentences in
        story order, from the story's first two for each of its own, what a summary leaves out
        of a story's start not counted): printed right above the story, it would say again
        what the reader is about to read."""
        if not summary.sentences:
            return None
        # (loaded already: the summary was made by them)
        api = lazy.load("reader.summarize.api")
        scraps = lazy.load("reader.summarize.scraps")
        shown = len(summary.sentences)
        instead: str | None = api.instead_of_summary(summary.sentences, self._body)
        if instead is not None:  # (as `newsreader summarize` says it)
            return instead[:1].lower() + instead[1:]
        language = self.state.story.language or "english"
        reach = scraps.opening_reach(summary.sentences, self._flat, language)
        if reach is None or reach > scraps.OPENING_SPREAD * shown:
            return None
        total = max(summary.total_sentences, reach)
        if reach == shown:
            first = "sentence" if shown == 1 else f"{shown} sentences"
            return f"the story's first {first} of {total}, just below."
        return f"taken from the story's first {reach} sentences of {total}, just below."


def _with_numbers(text: Text, links: tuple[tuple[int, int], ...]) -> Text:
    """``text`` with " [n]" put in, dimmed, at each (offset, n) of ``links`` (in order)."""
    out = Text(end="")
    last = 0
    for at, number in links:
        out.append_text(text[last:at])
        out.append(f" [{number}]", style=LINK_NUMBER)
        last = at
    out.append_text(text[last:])
    return out


def _up_to(marks: tuple[tuple[int, int], ...], shown: int) -> tuple[tuple[int, int], ...]:
    """The link numbers of ``marks`` that fall in the first ``shown`` characters of the text."""
    return tuple((at, n) for at, n in marks if at <= shown)


def _others(size: int, total: int) -> str:
    """The other stories a summary across them was made of, counted honestly: "the 3 other
    stories" ("the other story"), or "3 of the 11 other stories" when the rest had no text to
    take from."""
    if total > size:
        return f"{size} of the {total} other stories"
    return "the other story" if size == 1 else f"the {size} other stories"


def _add(size: int) -> str:
    """The verb for ``_others(size, ...)``: "the other story adds", "1 of the 4 ... adds"."""
    return "adds" if size == 1 else "add"


def _bullets(text: Text, heading: str, summary: Summary) -> None:
    """A summary's heading ("… · 3 of 12 sentences") and its sentences as bullets."""
    text.append(
        f"{heading} · {len(summary.sentences)} of {summary.total_sentences} sentences",
        style="bold",
    )
    for sentence in summary.sentences:
        text.append("\n• ")
        text.append(for_display(clean_line(sentence)))
