"""The links of a story, numbered as its text shows them (" [3]" after a link's words).

Only lists and dispatches: Enter opens the highlighted link in the browser (as the open-in-browser
key does), the copy key copies it (as on a story), ``r`` reads it here (the deck opens it in a pane
beside the story, fetched and extracted in a worker). A number typed goes to the link of that
number, as in newsboat: "1" then "2" within NUMBER_PAUSE is link 12. The links come from outside
pages: each is shown as plain text, never markup, and one that is not a web or mail address is
never opened.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.textutil import clean_line, short_url, without_tracking
from reader.tui import keymap
from reader.tui.format import for_display

SHOWN_URL = 1000  # characters of the highlighted link's full address shown under the list
BOX_WIDTH = 90  # cells of the box at most (less on a narrower terminal); its frame takes 4
NUMBER_PAUSE = 1.0  # seconds: a digit typed within this of the one before adds to its number
URL_KEPT = 16  # cells of a link's address kept beside what it is; with less, it gets a line
KIND_LINES = 3  # lines what a link is may take (a report's headline), the last cut with …


class LinksScreen(ModalScreen[None]):
    """A story's links: [n] and the link made short (host and the end of its path)."""

    # (styles: app.tcss, "a story's links")

    # the open-in-browser and copy keys are the reader's own (the same binding ids: a key
    # remapped in [reader.keys] is remapped here too); Esc (the back key) closes the list
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "browse", "Open in browser", id="open_browser"),
        Binding("y", "copy", "Copy link", id="copy_link"),
        Binding("r", "read", "Read it here", id="links_read"),
        Binding("escape", "close", "Close", id="back"),
        Binding("q", "close", "Close", id="links_close", show=False),
    ]

    def __init__(
        self,
        title: str,
        links: tuple[str, ...],
        browse: Callable[[str], object],
        read: Callable[[str], object],
        clock: Callable[[], float] = time.monotonic,
        kinds: tuple[str, ...] = (),
    ) -> None:
        """``links``: the story's (``reading.story_links``: "" for one never to be opened);
        ``browse`` and ``read`` open one in the browser and in the reader; ``clock`` times the
        digits of a number typed; ``kinds``: what each link is, shown before its address
        (``reading.link_kinds``: "Podcast: audio/mpeg · 105 MB", "image", "" for a link)."""
        super().__init__()
        self.story_title = for_display(clean_line(title, 80))
        self.links = links
        self.kinds = kinds
        self._browse = browse
        self._read = read
        self._clock = clock
        self._typed = ""  # the digits of the number being typed
        self._typed_at = 0.0
        self._line = 0  # the width the links' lines were last made to fit

    def compose(self) -> ComposeResult:
        with Vertical(id="links-box") as box:
            box.border_title = Text(f"Links in {self.story_title or 'this story'}")
            if not self.links:
                yield Static(Text("This story has no links."), id="links-none")
            else:
                # (made to fit the list's real width once it is laid out, and on a resize)
                line = min(BOX_WIDTH, self.app.size.width) - 5  # (frame 4, scrollbar gutter 1)
                yield OptionList(*self._options(line), id="links-list")
                yield Static(id="links-url")
            yield Static(self._hint(), id="links-hint")

    def _kind(self, number: int) -> str:
        return self.kinds[number - 1] if number <= len(self.kinds) else ""

    def _options(self, line: int) -> list[Option]:
        width = len(str(len(self.links)))
        return [
            Option(self._label(n, link, width, self._kind(n), line), id=f"link-{n}")
            for n, link in enumerate(self.links, start=1)
        ]

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Each link's line made to fit the list as it is laid out (one line each)."""
        if not self.links or not self.is_attached:
            return
        options = self.query_one(OptionList)
        line = options.scrollable_content_region.width
        if line <= 0 or line == self._line:
            return
        self._line = line
        width = len(str(len(self.links)))
        for index, link in enumerate(self.links):
            label = self._label(index + 1, link, width, self._kind(index + 1), line)
            options.replace_option_prompt_at_index(index, label)
        options.refresh(layout=True)  # (its height follows its lines)
        self._show_whole()  # (cut to fit, an address may no longer show whole)

    @staticmethod
    def _label(number: int, link: str, width: int, kind: str = "", line: int = 76) -> Text:
        """Link ``number``'s lines, each at most ``line`` cells: "[n] ", what it is, its address
        made short (the whole address shows under the list). What it is comes first: when it
        leaves the address too little room (a report listed under the story, named by its
        headline), it wraps (KIND_LINES at most) and the address takes a dim line of its own."""
        label = Text(f"[{number}]".rjust(width + 2), style="bold", end="", no_wrap=True)
        label.append(" ")
        indent = label.cell_len
        room = max(line - indent, 2)
        said = for_display(clean_line(kind)) if kind and link else ""
        address = for_display(clean_line(short_url(without_tracking(link)))) if link else ""
        if not link:
            label.append("(not a web address: it is not opened)", style="dim italic")
        elif said and cell_len(said) + 3 + min(cell_len(address), URL_KEPT) > room:
            lines = _wrapped(said, room, KIND_LINES)
            label.append(f"\n{' ' * indent}".join(lines), style="italic")
            label.append(f"\n{' ' * indent}")
            label.append(clean_line(address, room), style="dim")
        else:
            if said:  # an enclosure ("Podcast: audio/mpeg · 105 MB") or "image"
                label.append(said, style="italic")
                label.append(" · ")
            label.append(clean_line(address, max(line - cell_len(label.plain), 2)))
        # (wide letters: still within the line)
        parts = label.split("\n")
        for part in parts:
            part.truncate(max(line, 1), overflow="ellipsis")
        return Text("\n", end="", no_wrap=True).join(parts) if len(parts) > 1 else parts[0]

    def _hint(self) -> Text:
        if not self.links:
            return Text(f"{keymap.key_in(self, 'back')} closes")
        browse = keymap.key_in(self, "open_browser")
        copy = keymap.key_in(self, "copy_link")
        return Text(
            f"Enter or {browse} opens it in the browser · {copy} copies it · r reads it here · "
            f"a number goes to its link · {keymap.key_in(self, 'back')} closes"
        )

    def on_mount(self) -> None:
        if self.links:
            self.query_one(OptionList).focus()
            self.query_one(OptionList).highlighted = 0

    @property
    def current(self) -> str | None:
        """The highlighted link ("" for one that is not opened), None when there is none."""
        if not self.links:
            return None
        index = self.query_one(OptionList).highlighted
        return self.links[index] if index is not None and 0 <= index < len(self.links) else None

    @on(OptionList.OptionHighlighted)
    def _show_whole(self) -> None:
        """The highlighted link's whole address under the list, unless its option gives it a
        line of its own (a report listed under the story, its headline above) showing it whole
        but for its scheme and "www.": that line and the one under the list said it twice."""
        link = self.current
        shown = clean_line(without_tracking(link), SHOWN_URL) if link else ""
        index = self.query_one(OptionList).highlighted
        if shown and index is not None and self._own_line_shows(index, shown):
            shown = ""
        whole = Text(for_display(shown), end="")
        self.query_one("#links-url", Static).update(whole)

    def _own_line_shows(self, index: int, address: str) -> bool:
        """Whether option ``index`` shows ``address`` whole on a line of its own (its last)."""
        short = short_url(address)
        rest = address.partition("://")[2] or address
        if short != rest.removeprefix("www.").rstrip("/"):
            return False  # made short: its middle, a user name or a "/" left out
        prompt = self.query_one(OptionList).get_option_at_index(index).prompt
        lines = (prompt.plain if isinstance(prompt, Text) else str(prompt)).split("\n")
        return len(lines) > 1 and lines[-1].strip() == for_display(clean_line(short))

    def on_key(self, event: events.Key) -> None:
        """A digit goes to a link by its number (unless a key of this screen is remapped to it)."""
        digit = event.character
        if not self.links or digit is None or len(digit) != 1 or digit not in "0123456789":
            return
        if event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        self.go_to_number(digit)

    def go_to_number(self, digit: str) -> None:
        """Add ``digit`` to the number being typed (or, typed after a pause or where no link has
        that number, start a new one with it) and highlight the link of that number."""
        now = self._clock()
        typed = digit
        if self._typed and now - self._typed_at <= NUMBER_PAUSE:
            longer = self._typed + digit
            if int(longer) <= len(self.links) or int(digit) == 0:
                typed = longer  # (a link [10] or more; "0" alone is no link, "10" may be)
        self._typed_at = now
        number = int(typed)
        if not 1 <= number <= len(self.links):
            self._typed = ""
            count = f"{len(self.links)} link{'s' if len(self.links) != 1 else ''}"
            self.notify(f"No link [{number}]: this story has {count}.", timeout=2, markup=False)
            return
        self._typed = typed
        self.query_one(OptionList).highlighted = number - 1

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_browse()

    def _wanted(self, what: str) -> str | None:
        """The highlighted link, to open or copy; None (and why, said) when there is none."""
        link = self.current
        if link is None:
            self.notify("This story has no links.", timeout=2, markup=False)
            return None
        if not link:
            self.notify(f"That link is not a web address: it is not {what}.", markup=False)
            return None
        return without_tracking(link)

    def action_browse(self) -> None:
        url = self._wanted("opened")
        if url:
            self.notify(f"Opening {clean_line(url, 120)}", timeout=2, markup=False)
            self._browse(url)

    def action_copy(self) -> None:
        url = self._wanted("copied")
        if url:
            # as the copy key does on a story: the terminal may refuse it, so it is shown too
            self.app.copy_to_clipboard(url)
            self.notify(
                f"Sent to the clipboard (if the terminal allows it):\n{clean_line(url, 1000)}",
                timeout=8,
                markup=False,
            )

    def action_read(self) -> None:
        url = self._wanted("opened")
        if url and not url.lower().startswith("mailto:"):
            self.dismiss(None)
            self._read(url)
        elif url:
            self.notify("A mail address has no page to read here.", timeout=3, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _wrapped(text: str, width: int, most: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words (a word longer than
    a line is cut), at most ``most`` of them: the last one cut with … when there is more."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        joined = f"{current} {word}" if current else word
        if cell_len(joined) <= width:
            current = joined
            continue
        if current:
            lines.append(current)
        pieces = chop_cells(word, width) if cell_len(word) > width else [word]
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    if len(lines) > most:
        last = lines[most - 1]
        while last and cell_len(last) + 1 > width:
            last = last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + "…"]
    return lines
