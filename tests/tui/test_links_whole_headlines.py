"""L's list names each report listed under the opened story ("Also reported") by its whole
headline: the headline comes first and wraps, and the address, made short, takes a dim line of
its own below it (the whole address still shows under the list for the highlighted link).
Before, what a link is was cut at 40 characters, "Also reported: Global Wire · UPDATE 3-C…",
and the address took the rest of the line."""

from __future__ import annotations

from datetime import timedelta

from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList

from reader.models import ParsedEntry, View
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.links import LinksScreen

from .conftest import NOW, running, screen_text, settle

HEADLINE = (
    "UPDATE {n}-Chile earthquake death toll rises to {n} as engineers inspect the damaged "
    "buildings of Valparaiso and the tsunami warning is lifted along the coast"
)


def _long_headlines(store: Store) -> list[int]:
    """Twelve reports of one story, each with a long headline, newest first: the opened one,
    eight with panes, three listed under it."""
    feeds = store.feeds()
    ids = []
    for n in range(12):
        feed = feeds[n % len(feeds)]
        entry = ParsedEntry(
            guid=f"quake-{n}",
            url=f"http://127.0.0.1:9/world/2024/06/01/quake-update-{n}.html",
            title=HEADLINE.format(n=n),
            published=NOW - timedelta(minutes=5 + n),
            summary_text=f"Report {n}. The death toll rose, officials said on Saturday.",
        )
        store.upsert_entries(feed.id, [entry], now=NOW)
    for article in store.headlines(View("all"), limit=100):
        if article.title.startswith("UPDATE "):
            ids.append(article.id)
    store.save_grouping([(i, 7, None) for i in ids], [], [])
    return ids


def _dim(text: Text) -> list[str]:
    styles = [
        (s, Style.parse(s.style) if isinstance(s.style, str) else s.style) for s in text.spans
    ]
    return [text.plain[s.start : s.end].strip() for s, style in styles if style.dim]


def _in_the_box(screen: str) -> str:
    """The words on screen inside the dialog's frame, one line after another."""
    lines = [line.split("│")[1] for line in screen.splitlines() if line.count("│") >= 2]
    return " ".join(" ".join(lines).split())


async def test_a_listed_reports_headline_is_shown_whole_in_the_links_list(
    make_app, store: Store
) -> None:
    ids = _long_headlines(store)
    app: NewsReaderApp = make_app()
    async with running(app, (120, 40)) as (pilot, screen):
        await screen.open_article(store.article(ids[0]))
        await settle(pilot)
        main = screen.deck.panes[0]
        listed = [m.story for m in main.state.more]
        assert len(listed) == 3
        await pilot.press("L")
        await settle(pilot)
        links = app.screen
        assert isinstance(links, LinksScreen)
        options = links.query_one(OptionList)
        for story in listed:
            number = links.links.index(story.url) + 1
            prompt = options.get_option_at_index(number - 1).prompt
            assert isinstance(prompt, Text)
            whole = f"Also reported: {story.source} · {story.title}"
            lines = prompt.plain.split("\n")
            # the headline whole, over its lines, then the address alone on a dim line
            assert " ".join(" ".join(lines[:-1]).split()) == f"[{number}] {whole}"
            assert lines[-1].strip().startswith("127.0.0.1:9/")
            assert _dim(prompt) == [lines[-1].strip()]
            assert all(len(line) <= options.scrollable_content_region.width for line in lines)
            if number == len(links.links):  # (the last, scrolled to, is on screen whole)
                options.highlighted = number - 1
                await settle(pilot)
                assert f"[{number}] {whole}" in _in_the_box(screen_text(app))


async def test_a_short_kind_and_its_address_keep_one_line(make_app, store: Store) -> None:
    """What fits on one line stays there: "[1] image · host/…/picture.jpg"."""
    line = LinksScreen._label(1, "http://example.com/a/b/c/picture.jpg", 1, "image", 60)
    assert line.plain == "[1] image · example.com/…/c/picture.jpg"
    tight = LinksScreen._label(2, "http://example.com/a/b/c/picture.jpg", 1, "image", 30)
    assert "\n" not in tight.plain and len(tight.plain) <= 30
