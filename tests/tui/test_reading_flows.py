"""Pilot tests of the reader: every key and flow of the main screen, against a real store."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.models import Article, Page, Story, Summary, View
from reader.reading import last_place
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp
from reader.tui.format import age, feed_label
from reader.tui.screens.main import MainScreen
from tests.httpserver import LocalServer

from .conftest import build_store, make_config, new_app, screen_text, settle


def saved_page(tmp_path: Path, head: str = "") -> Path:
    """A saved article page on disk (for ``newsreader open``); ``head`` adds to its <head>."""
    page = tmp_path / "saved.html"
    paragraph = (
        "The harbour committee published its full report on Tuesday, running to ninety pages. "
        "It recommends building the new moorings in two phases over four years."
    )
    page.write_text(
        f"<html><head><title>Saved harbour report</title>{head}</head><body><article>"
        "<h1>Saved harbour report</h1>"
        + "".join(f"<p>{paragraph} ({n})</p>" for n in range(6))
        + "</article></body></html>",
        encoding="utf-8",
    )
    return page


def main_screen(app: NewsReaderApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def cursor_on(screen: MainScreen) -> Article:
    """The headline under the list's cursor (the list is not empty)."""
    article = screen.table.current
    assert article is not None
    return article


def stored(store: Store, article_id: int) -> Article:
    """The stored article ``article_id`` (it is in the store)."""
    article = store.article(article_id)
    assert article is not None
    return article


def tree_view(screen: MainScreen) -> View:
    """The view of the feeds tree's line under its cursor (there is one)."""
    node = screen.feeds_tree.cursor_node
    assert node is not None and node.data is not None
    return node.data


@asynccontextmanager
async def reading(
    app: NewsReaderApp, size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot[None], MainScreen]]:
    """``app`` running at ``size`` once its first load has settled: (pilot, main screen)."""
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield pilot, main_screen(app)


@asynccontextmanager
async def favourites_after_restart(
    path: Path, size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot[None], MainScreen]]:
    """The reader started again on the database at ``path``, showing the Favourites view."""
    store = open_store(path)
    try:
        async with reading(new_app(store), size) as (pilot, screen):
            screen.feeds_tree.select_view(View("favourites"))
            await settle(pilot)
            yield pilot, screen
    finally:
        store.close()


def page_with_related(store: Store, article: Article, related: tuple[Story, ...]) -> None:
    """Keep a page for ``article``: a main story of twenty sentences and these stories beside it."""
    page = Page(main=Story(title=article.title, text="Main text. " * 20), related=related)
    store.put_page(article.id, page, "page")


@asynccontextmanager
async def opened_with_related(
    app: NewsReaderApp, store: Store, scores: tuple[float, float], size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot[None], MainScreen, list[Article]]]:
    """The newest story opened, the next two related to it from other feeds with ``scores``
    (stored weakest first): (pilot, main screen, the three stories)."""
    stories = store.headlines(View("all"), limit=3)
    first, second, third = stories
    store.set_related(first.id, [(third.id, scores[1]), (second.id, scores[0])])
    async with reading(app, size) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        yield pilot, screen, stories


async def test_start_shows_headlines_and_feeds_with_counts(make_app, store) -> None:
    app = make_app()
    async with reading(app, (120, 30)) as (_pilot, screen):
        assert screen.table.row_count == store.count(View("all"))
        text = screen_text(app)
        assert "World Wire 12" in text
        assert f"Unread {store.count(View('unread'))}" in text
        assert screen.table.current is not None
        assert screen.table.current.id == store.headlines(View("all"), limit=1)[0].id
        # every count stands apart from its label, also where a renderer trims a styled span
        # of its leading blanks (the SVG snapshots did: "All40")
        nodes = [screen.feeds_tree.root, *screen.feeds_tree.root.children]
        nodes += [leaf for node in screen.feeds_tree.root.children for leaf in node.children]
        for node in nodes:
            label = node.label
            if label.plain[-1:].isdigit():
                count = label.plain.rsplit(" ", 1)[1]
                start = len(label.plain) - len(count)
                assert label.plain[start - 1] == " "
                assert all(span.start >= start or span.end < start for span in label.spans)


async def test_the_smart_views_count_a_storys_copies_once(make_app, store) -> None:
    first, copy = store.headlines(View("all"), limit=2)
    store.set_group(copy.id, None, duplicate_of=first.id)
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        await pilot.pause(0.6)
        await settle(pilot)
        listed = len(screen.table.articles)
        assert listed == store.count(View("unread"))
        assert str(screen.feeds_tree._smart["unread"].label) == f"Unread {listed}"
        assert str(screen.feeds_tree._smart["all"].label) == f"All {listed}"


async def test_todays_count_is_of_its_unread_headlines(make_app, store) -> None:
    from datetime import timedelta

    from reader.models import ParsedEntry
    from tests.tui.conftest import NOW

    feed = store.feeds()[0]
    # Today is the reader's clock's day (NOW, in the local time zone), not the machine's
    midnight = NOW.astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    fresh = ParsedEntry(guid="fresh", url="http://127.0.0.1:9/fresh", title="Fresh today",
                        published=NOW - timedelta(minutes=1), summary_text="Just in.")  # fmt: skip
    before = ParsedEntry(guid="before", url="http://127.0.0.1:9/before", title="Before today",
                         published=midnight - timedelta(minutes=1), summary_text="Old.")  # fmt: skip
    (fresh_id, before_id), _ = store.upsert_entries(feed.id, [fresh, before], now=NOW)
    store.set_read(  # only the fresh one unread
        [a.id for a in store.headlines(View("all"), limit=1000) if a.id != fresh_id]
    )
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        await pilot.pause(0.6)
        await settle(pilot)
        assert str(screen.feeds_tree._smart["today"].label) == "Today 1"
        screen.go_to_view(View("today"))
        await settle(pilot)
        listed = {a.id for a in screen.table.articles}
        assert fresh_id in listed and before_id not in listed
        assert all(a.published and a.published >= midnight for a in screen.table.articles)
        assert screen.table.current is not None and screen.table.current.id == fresh_id
        await pilot.press("u")  # read: still listed under Today, no longer counted
        await pilot.pause(0.6)  # the counts are re-read shortly after a change
        await settle(pilot)
        assert store.count(View("today"), unread=True) == 0
        assert fresh_id in {a.id for a in store.headlines(View("today"))}
        assert str(screen.feeds_tree._smart["today"].label) == "Today"


async def test_j_k_and_arrows_move_and_g_G_jump(make_app, store) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        table = screen.table
        await pilot.press("j", "j", "down")
        assert table.cursor_row == 3
        await pilot.press("k", "up")
        assert table.cursor_row == 1
        await pilot.press("G")
        await settle(pilot)
        assert table.cursor_row == store.count(View("all")) - 1
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_enter_opens_story_pane_and_marks_read(make_app, store) -> None:
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        await pilot.press("j", "enter")
        await settle(pilot)
        article = screen.table.current
        assert article is not None
        panes = screen.deck.panes
        assert len(panes) == 1
        pane = panes[0]
        assert pane.state.story.title == article.title
        assert "harbour plan" in pane.state.story.text
        assert pane.state.note and "feed" in pane.state.note  # the page could not be fetched
        assert store.article(article.id).is_read
        assert article.is_read
        assert "harbour plan" in screen_text(app)


async def test_next_and_previous_unread(make_app, store) -> None:
    ids = [a.id for a in store.headlines(View("all"), limit=5)]
    store.set_read(ids[1:3], True)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        table = screen.table
        await pilot.press("n")
        assert table.cursor_row == 3
        await pilot.press("N")
        assert table.cursor_row == 0


async def test_favourite_persists_across_restart(tmp_path: Path) -> None:
    path = tmp_path / "fav.db"
    store = build_store(path)
    async with reading(new_app(store), (100, 30)) as (pilot, screen):
        target = screen.table.current
        assert target is not None
        await pilot.press("f")
        await settle(pilot)
        assert cursor_on(screen).is_favourite
    store.close()

    async with favourites_after_restart(path, (100, 30)) as (pilot, screen):
        assert [a.id for a in screen.table.articles] == [target.id]
        assert "Favourites 1" in screen_text(screen.app)


async def test_a_favourite_saved_from_the_list_keeps_its_page_text_and_summary(
    tmp_path: Path,
) -> None:
    from datetime import timedelta

    from reader.models import ParsedEntry
    from reader.reading import saved_summary

    from .conftest import BODY, NOW

    html = (
        "<html><head><title>Harbour report</title></head><body><article><h1>Harbour report</h1>"
        + "".join(f"<p>{sentence}.</p>" for sentence in BODY.split(". "))
        + "<p>The committee recommends building the new moorings in two phases.</p>"
        + "</article></body></html>"
    )
    store = build_store(tmp_path / "fav.db")
    try:
        with LocalServer() as server:
            server.route("/a", body=html.encode(), headers={"Content-Type": "text/html"})
            feed = store.feeds()[0]
            entry = ParsedEntry(
                guid="kept",
                url=server.url("/a"),
                title="Harbour report",
                published=NOW - timedelta(minutes=1),  # the newest: the list's first row
                summary_text="A short blurb from the feed.",
            )
            store.upsert_entries(feed.id, [entry], now=NOW)
            async with reading(new_app(store), (100, 30)) as (pilot, screen):
                target = screen.table.current
                assert target is not None and target.title == "Harbour report"
                assert not screen.deck.panes  # never opened
                await pilot.press("f")
                for _ in range(200):  # bounded: the page is fetched and kept in a worker
                    if saved_summary(store, target.id) is not None:
                        break
                    await pilot.pause(0.1)
                await settle(pilot)
                assert stored(store, target.id).is_favourite
                assert "new moorings in two phases." in store.body_text(target.id)
                assert saved_summary(store, target.id) is not None
                assert server.hits("/a") == 1
                assert not screen.deck.panes
    finally:
        store.close()


async def test_an_untitled_item_is_listed_by_the_start_of_its_text(make_app, store) -> None:
    from datetime import timedelta

    from reader.models import ParsedEntry

    from .conftest import NOW

    feed = store.feeds()[0]
    said = "Ferry services resume after the storm. " * 6  # longer than a headline
    store.upsert_entries(
        feed.id,
        [
            ParsedEntry(guid="note", url="", title="", published=NOW, summary_text=said),
            ParsedEntry(guid="bare", url="", title="", published=NOW - timedelta(minutes=1)),
        ],
        now=NOW,
    )
    app = make_app()
    async with reading(app, (160, 30)) as (_, screen):
        first, second = screen.table.articles[:2]
        assert first.title == "" and second.title == ""
        box = screen.table.region  # (the story preview beside the list shows the text too)
        lines = [line[box.x : box.right] for line in screen_text(app).splitlines()]
        row = next(line for line in lines if "Ferry services resume" in line)
        assert "…" in row and row.count("Ferry") < 6  # one line, cut
        assert any("(untitled)" in line for line in lines)  # no text either
        assert not any("(untitled)" in line and "Ferry" in line for line in lines)


async def test_the_cursor_keeps_its_row_when_its_headline_turns_out_to_be_a_copy(
    make_app, store
) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        await pilot.press("j", "j", "j", "j", "j")
        current = cursor_on(screen)
        original = screen.table.articles[0]
        store.set_group(current.id, 1, duplicate_of=original.id)  # as the grouping finds
        screen.table.reload()
        await settle(pilot)
        assert current.id not in [a.id for a in screen.table.articles]  # listed once now
        assert screen.table.cursor_row == 5  # not back at the top


async def test_right_and_left_in_the_tree_unfold_open_fold_and_go_up(make_app, store) -> None:
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        tree = screen.feeds_tree
        world = tree._categories["World"]
        world.collapse()
        tree.focus()
        tree.move_cursor(world)
        await pilot.press("right")  # a folded category unfolds
        assert world.is_expanded and tree.cursor_node is world
        await pilot.press("down", "l")  # on a feed: its headlines
        await settle(pilot)
        feed = tree_view(screen)
        assert feed.kind == "feed" and screen.table.view == feed
        tree.focus()
        await pilot.press("h")  # on a feed: up to its category
        assert tree.cursor_node is world
        await pilot.press("left")  # and the category folds
        assert not world.is_expanded


async def test_a_categorys_count_counts_a_storys_copies_once_as_its_list_does(
    make_app, store
) -> None:
    wire, daily = (
        next(f for f in store.feeds() if f.title == t) for t in ("World Wire", "Tech Daily")
    )
    store.db.execute("UPDATE feeds SET category = 'World' WHERE id = ?", (daily.id,))
    store.db.commit()  # two feeds in World
    first, copy = (store.headlines(View("feed", feed_id=f.id), limit=1)[0] for f in (wire, daily))
    store.set_group(copy.id, 3, duplicate_of=first.id)  # the same story in both feeds
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        await pilot.pause(0.3)
        await settle(pilot)
        listed = store.count(View("category", category="World"), unread=True)
        assert str(screen.feeds_tree._categories["World"].label) == f"World {listed}"
        assert listed == sum(f.unread for f in store.feeds() if f.category == "World") - 1


async def test_t_puts_the_feeds_tree_away_and_back(make_app) -> None:
    app = make_app()
    async with reading(app, (80, 24)) as (pilot, screen):
        width = screen.table.region.width
        screen.feeds_tree.focus()
        await pilot.press("t")
        await settle(pilot)
        assert not screen.feeds_tree.display and screen.table.has_focus
        assert screen.table.region.width > width  # its room went to the titles
        await pilot.press("tab", "tab")  # the focus goes round without it
        assert not screen.feeds_tree.has_focus
        await pilot.press("t")
        await settle(pilot)
        assert screen.feeds_tree.display and screen.table.region.width == width


async def test_a_very_narrow_terminal_puts_the_tree_away_and_t_brings_it_back(make_app) -> None:
    app = make_app()
    async with reading(app, (44, 20)) as (pilot, screen):
        assert not screen.feeds_tree.display
        first = cursor_on(screen)
        row = screen.table.render_line(0).text
        assert first.title[:12] in row  # the titles have the room
        await pilot.press("t")
        await settle(pilot)
        assert screen.feeds_tree.display  # chosen: it stays, however narrow


@pytest.mark.parametrize(
    ("size", "opened", "share"),
    [((80, 24), False, 0.74), ((120, 40), True, 0.44), ((200, 50), False, 0.39)],
)
async def test_the_headlines_get_a_fair_share_of_the_width(
    make_app, size: tuple[int, int], opened: bool, share: float
) -> None:
    from reader.tui.widgets.deck import MIN_PANE_WIDTH

    app = make_app()
    async with reading(app, size) as (pilot, screen):
        if opened:
            await pilot.press("enter")
            await settle(pilot)
        for focus in (None, "shift+tab") if opened else (None,):
            if focus:  # back on the headlines with the story open: the tree is back too
                await pilot.press(focus)
                await settle(pilot)
            table = screen.table
            assert table.region.width >= share * size[0], (focus, table.region.width)
            box = table.region
            row = screen_text(app).splitlines()[box.y][box.x : box.right]
            first = table.articles[0]
            assert first.feed_title[:6] in row  # the source column is kept
        if opened:
            assert screen.reading and screen.deck.region.width > 0
            await pilot.press("1")  # the story read: the tree steps aside, one full pane
            await settle(pilot)
            assert screen.deck.region.width >= MIN_PANE_WIDTH


async def test_a_feed_list_gives_the_source_column_to_the_titles(make_app, store) -> None:
    feed = store.feeds()[1]
    app = make_app()
    async with reading(app, (80, 24)) as (pilot, screen):

        def rows() -> list[str]:
            width = screen.table.scrollable_content_region.width
            return [screen.table.render_line(y).text[:width] for y in range(3)]

        # the fixture's titles start with their feed's name: "Tech Daily story number 0"
        first = screen.table.articles[:3]
        shown = rows()  # ' ●   1h  World Wi…  World Wire story number 0'
        assert all(row.count(a.feed_title[:7]) == 2 for a, row in zip(first, shown, strict=True))
        screen.feeds_tree.select_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        own = rows()  # the source is said once, in the tree: no column of it
        articles = screen.table.articles[:3]
        assert all(a.feed_id == feed.id for a in articles)
        for article, row in zip(articles, own, strict=True):
            assert row.count(feed.title[:7]) == 1 and article.title in row


async def test_n_past_a_feeds_last_unread_moves_on_to_the_next_feed_with_unread(
    make_app, store
) -> None:
    tree_order = sorted(store.feeds(), key=lambda f: (f.category, f.title))
    first, second, third = tree_order
    store.set_read([a.id for a in store.headlines(View("feed", feed_id=first.id), limit=99)])
    seconds = store.headlines(View("feed", feed_id=second.id), limit=99)
    store.set_read([a.id for a in seconds[:-2]])  # two unread left, at the bottom
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        screen.feeds_tree.select_view(View("feed", feed_id=first.id))
        await settle(pilot)
        screen.table.focus()
        await pilot.press("n")  # nothing unread here: on to the next feed, its first unread
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=second.id)
        assert cursor_on(screen).id == seconds[-2].id
        messages = [str(n.message) for n in app._notifications]
        assert f"No more unread in {first.title}: on to {second.title}." in messages
        assert not screen.reading
        await pilot.press("enter")  # read it, then n from the story: the next unread ...
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.deck.panes[0].state.article_id == seconds[-1].id
        await pilot.press("n")  # ... and past the last one, the next feed's first, opened
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=third.id)
        assert screen.reading and screen.deck.panes[0].state.article_id == screen.table.current.id
        assert screen.table.current.feed_id == third.id
        store.set_read([a.id for a in store.headlines(View("all"), limit=999)])
        screen.load_counts()  # (as after any change made in the reader)
        screen.table.reload()
        await pilot.pause(0.3)
        await settle(pilot)
        await screen.action_next_unread(1)  # (as n does) nothing unread anywhere
        await settle(pilot)
        assert "No more unread headlines here." in [str(n.message) for n in app._notifications]


async def test_N_before_a_feeds_first_unread_goes_back_to_the_feed_before_with_unread(
    make_app, store
) -> None:
    first, second, _third = sorted(store.feeds(), key=lambda f: (f.category, f.title))
    seconds = store.headlines(View("feed", feed_id=second.id), limit=99)
    # nothing unread above the cursor once it is on row 1
    store.set_read([a.id for a in seconds if a.id != seconds[1].id])
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        screen.feeds_tree.select_view(View("feed", feed_id=second.id))
        await settle(pilot)
        screen.table.focus()
        screen.table.move_cursor(row=1)
        await pilot.press("N")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=first.id)
        messages = [str(n.message) for n in app._notifications]
        assert f"No more unread in {second.title}: on to {first.title}." in messages


@pytest.mark.parametrize("per_feed", [12, 230])  # 230: more than a page of the list (PAGE)
async def test_N_back_to_the_feed_before_lands_on_its_last_unread(
    tmp_path: Path, per_feed: int
) -> None:
    # newsboat's prev-unread: the unread headline just before, which in the feed before is its
    # last one; landing on its first, a second N would skip the rest of that feed
    store = build_store(tmp_path / "n.db", per_feed=per_feed)
    first, second, _third = sorted(store.feeds(), key=lambda f: (f.category, f.title))
    firsts = store.headlines(View("feed", feed_id=first.id), limit=999)
    store.set_read([firsts[-1].id])  # its oldest is read: the last unread is the one above
    seconds = store.headlines(View("feed", feed_id=second.id), limit=999)
    store.set_read([a.id for a in seconds[1:]])
    app = new_app(store)
    async with reading(app, (120, 40)) as (pilot, screen):
        screen.feeds_tree.select_view(View("feed", feed_id=second.id))
        await settle(pilot)
        screen.table.focus()
        await pilot.press("N")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=first.id)
        assert screen.table.current is not None and screen.table.current.id == firsts[-2].id
        await pilot.press("N")  # and on up through that feed
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=first.id)
        assert screen.table.current.id == firsts[-3].id
    store.close()


async def test_the_reader_starts_on_the_view_and_headline_it_was_left_on(tmp_path: Path) -> None:
    path = tmp_path / "place.db"
    store = build_store(path)
    feed = store.feeds()[1]
    view = View("feed", feed_id=feed.id)
    app = new_app(store)
    async with reading(app, (120, 30)) as (pilot, screen):
        screen.feeds_tree.select_view(view)
        await settle(pilot)
        await pilot.press("j", "j", "j")
        screen.save_place()  # what the timer does every few seconds
        await settle(pilot)
        assert last_place(store) == (view, cursor_on(screen).id)
        await pilot.press("k")
        target = screen.table.current
        assert target is not None and screen.table.cursor_row == 2
    assert last_place(store) != (view, target.id)  # the last move is kept at the close:
    app.keep_place()  # as reader.tui.app.run does once the reader has closed
    store.close()

    store = open_store(path)
    try:
        async with reading(new_app(store), (120, 30)) as (pilot, screen):
            assert screen.table.view == view
            assert screen.table.current is not None and screen.table.current.id == target.id
            assert screen.feeds_tree.cursor_node is not None
            assert screen.feeds_tree.cursor_node.data == view
            assert f"{feed.display_title}" in screen_text(screen.app)
    finally:
        store.close()


async def test_taking_a_story_out_of_favourites_can_be_undone_with_f(make_app, store) -> None:
    first, second = store.headlines(View("all"), limit=2)
    for article in (first, second):
        store.set_favourite(article.id, True)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        screen.feeds_tree.select_view(View("favourites"))
        await settle(pilot)
        taken = cursor_on(screen).id
        (kept,) = {first.id, second.id} - {taken}
        await pilot.press("f")  # taken out: the row stays, unstarred, under the cursor
        await settle(pilot)
        assert not store.article(taken).is_favourite
        assert cursor_on(screen).id == taken and not cursor_on(screen).is_favourite
        await pilot.press("f")  # a second f puts it back (and leaves the other one alone)
        await settle(pilot)
        assert store.article(taken).is_favourite and store.article(kept).is_favourite
        await pilot.press("f")
        await settle(pilot)
        screen.feeds_tree.select_view(View("favourites"))  # listed again: it is gone
        await settle(pilot)
        assert [a.id for a in screen.table.articles] == [kept]


async def test_u_toggles_read(make_app, store) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        article = cursor_on(screen)
        await pilot.press("u")
        await settle(pilot)
        assert stored(store, article.id).is_read
        await pilot.press("u")
        await settle(pilot)
        assert not stored(store, article.id).is_read


async def test_a_related_story_is_read_when_reached_and_u_works_in_its_pane(
    make_app, store
) -> None:
    world = next(f for f in store.feeds() if f.title == "World Wire")
    first = store.headlines(View("feed", feed_id=world.id), limit=1)[0]
    other = next(a for a in store.headlines(View("all"), limit=50) if a.feed_id != world.id)
    store.set_related(first.id, [(other.id, 0.9)])
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        screen.feeds_tree.select_view(View("feed", feed_id=world.id))  # other is not listed
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert store.article(first.id).is_read and not store.article(other.id).is_read
        await pilot.press("2")  # reaching the related story reads it
        await settle(pilot)
        assert store.article(other.id).is_read
        await pilot.press("u")  # u in its pane marks that story, though it is not listed
        await settle(pilot)
        assert not store.article(other.id).is_read and store.article(first.id).is_read
        await pilot.press("1", "2")  # coming back does not read it again behind your back
        await settle(pilot)
        assert not store.article(other.id).is_read
        await pilot.press("1", "u")
        await settle(pilot)
        assert not store.article(first.id).is_read


async def test_mark_view_read_and_undo(make_app, store) -> None:
    before = store.count(View("unread"))
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        await pilot.press("A")
        await settle(pilot)
        assert store.count(View("unread")) == 0
        assert all(a.is_read for a in screen.table.articles)
        await pilot.press("U")
        await settle(pilot)
        assert store.count(View("unread")) == before


# A story of some 180 words whose news comes late: eight sentences of scene, then the council's
# vote. Its summary is taken from far into it, neither its opening nor most of its words.
SCENE = (
    "The morning began grey and cold along the northern coast.",
    "Gulls circled above the old customs house as the tide went out.",
    "A few early walkers crossed the promenade with their dogs.",
    "The bakery on Quay Street opened its shutters at seven, as it has for forty years.",
    "Children waited for the school bus beside the lifeboat station.",
    "By nine the cafés were full of people talking about the weekend's football.",
    "Rain had been forecast for the afternoon, and the clouds came in from the west.",
    "Few people in town expected anything unusual from the day.",
)
NEWS = (
    "The council voted to delay the harbour plan until fishermen are offered new moorings.",
    "Councillors said the harbour plan could not go ahead while fishermen had nowhere to moor "
    "their boats.",
    "The fishermen had protested outside the council for a week against the harbour plan.",
    "The harbour plan will return to the council in the spring with a new budget for moorings.",
    "Fishermen welcomed the vote but said the council must keep its promise on moorings.",
    "The mayor said the delay would cost the harbour plan little.",
)
LATE_NEWS = "\n\n".join(" ".join(part) for part in (SCENE[:4], SCENE[4:], NEWS[:3], NEWS[3:]))
LATE_NEWS_TITLE = "Council delays harbour plan after fishermen protest"


def put_late_news(store: Store, article: Article) -> None:
    """Keep LATE_NEWS as ``article``'s page."""
    story = Story(title=LATE_NEWS_TITLE, text=LATE_NEWS)
    store.put_page(article.id, Page(main=story), "page")


def bulleted(shown: str, sentences: tuple[str, ...]) -> bool:
    """The summary block ``shown`` lists ``sentences`` as bullets, and no other."""
    return shown.count("\n• ") == len(sentences) and all(f"• {s}" in shown for s in sentences)


async def test_a_short_story_is_not_summarised_into_itself(make_app, store) -> None:
    from reader.summarize.api import instead_of_summary
    from reader.summarize.scraps import opening_reach

    first, second = store.headlines(View("all"), limit=2)
    # the headline repeated above its one sentence (as some feeds give it)
    sentence = "The harbour opens on Monday and boats may moor from six."
    short = f"{first.title}.\n{sentence}"
    store.put_page(first.id, Page(main=Story(title=first.title, text=short)), "page")
    put_late_news(store, second)
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert pane.state.summary is not None and pane.state.summary.sentences  # (it was made)
        shown = pane_text(pane, "summary")
        # no block repeating it: one line saying why
        assert shown.startswith("Summary · ") and "\n" not in shown and "•" not in shown
        assert "the story is short" in shown and sentence not in shown
        # a longer story whose summary is neither its opening nor most of it keeps its summary
        await pilot.press("escape", "j", "enter")  # the story closed (to the list), down
        await settle(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert pane.state.article_id == second.id
        summary = pane.state.summary
        assert summary is not None and len(summary.sentences) == 2
        # (the story is what this case needs: its summary is taken from far into it)
        assert instead_of_summary(summary.sentences, LATE_NEWS) is None
        reach = opening_reach(summary.sentences, LATE_NEWS)
        assert reach is not None and reach > 2 * len(summary.sentences)
        shown = pane_text(pane, "summary")
        assert shown.startswith("Summary · ") and bulleted(shown, summary.sentences)
        # the same story with a summary of most of its words: one line again, its share said
        for chosen, whole in ((NEWS, True), (NEWS[:3], False)):
            # (48% and 25% of its words)
            assert (instead_of_summary(chosen, LATE_NEWS) is not None) is whole
            pane.state.summary = Summary(chosen, "newsrank", 14)
            pane.show()
            shown = pane_text(pane, "summary")
            if whole:
                assert "\n" not in shown and "•" not in shown
                assert "% of the story's words" in shown
            else:
                assert bulleted(shown, chosen)


async def test_a_summary_of_the_opening_sentences_is_not_printed_again_above_them(
    make_app, store
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    sentences = [
        f"Sentence number {n} of the long harbour story says one more thing about it."
        for n in range(24)
    ]
    text = "\n\n".join(" ".join(sentences[k : k + 3]) for k in range(0, 24, 3))
    text = f"HARBOURTOWN (AP) — {text}"  # a dateline the summary leaves out
    store.put_page(first.id, Page(main=Story(title=first.title, text=text)), "page")
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        # the opening: in story order, up to two story sentences for each summary sentence
        cases = (
            ((0, 1, 2), True),  # the first three, one after the other
            ((0, 2, 5), True),  # from the first six: one left out after each
            ((1, 2), True),  # the first left out
            ((0, 3, 7), False),  # eight sentences for three
            ((5, 6), False),  # the first five left out
            ((2, 1), False),  # not in story order
        )
        for chosen, lead in cases:
            summary = Summary(tuple(sentences[n] for n in chosen), "newsrank", 24)
            pane.state.summary, pane.state.summary_loading = summary, False
            pane.show()
            shown = pane_text(pane, "summary")
            if lead:
                # one line, no copy of the sentences just below, and how far into the story
                # they reach
                assert shown.startswith("Summary · newsrank: "), chosen
                assert "\n" not in shown and not any(s in shown for s in summary.sentences)
                reach = max(chosen) + 1
                if reach == len(chosen):
                    assert f"first {reach} sentences of 24, just below" in shown
                else:
                    assert f"taken from the story's first {reach} sentences of 24" in shown
            else:
                assert shown.startswith(f"Summary · newsrank · {len(chosen)} of 24 sentences")
                assert bulleted(shown, summary.sentences)


async def test_hiding_the_summary_holds_for_the_next_stories(make_app, store) -> None:
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert pane_text(screen.deck.panes[0], "summary")
        await pilot.press("s")
        assert pane_text(screen.deck.panes[0], "summary") == ""
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert "Summaries hidden, here and in the stories opened next: s shows them again." in said
        await pilot.press("escape", "j", "enter")  # the story closed (to the list), down
        await settle(pilot)
        assert not screen.deck.panes[0].state.show_summary
        assert pane_text(screen.deck.panes[0], "summary") == ""
        await pilot.press("s")
        await settle(pilot)
        assert pane_text(screen.deck.panes[0], "summary").startswith("Summary")


async def test_a_read_only_database_is_read_and_says_why_it_is_not_refreshed(
    tmp_path: Path,
) -> None:
    build_store(tmp_path / "ro.db").close()
    store = Store(tmp_path / "ro.db", read_only=True)
    app = new_app(store, make_config())
    async with reading(app, (100, 30)) as (pilot, screen):
        assert screen.table.articles  # its headlines are listed
        await pilot.press("R")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any(
            m.startswith("The database cannot be written (it is read-only)") for m in messages
        ), messages
        assert not screen.refreshing
    store.close()


async def test_marking_a_feed_read_says_how_many_copies_elsewhere_went_with_it(
    make_app, store
) -> None:
    wire, daily = (
        next(f for f in store.feeds() if f.title == t) for t in ("World Wire", "Tech Daily")
    )
    original = store.headlines(View("feed", feed_id=wire.id), limit=1)[0]
    copy = store.headlines(View("feed", feed_id=daily.id), limit=1)[0]
    store.set_group(copy.id, 3, duplicate_of=original.id)  # the same story in Tech Daily
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        screen.feeds_tree.select_view(View("feed", feed_id=wire.id))
        await settle(pilot)
        listed = len(screen.table.articles)
        screen.table.focus()
        await pilot.press("A")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert (
            f"Marked {listed} headlines read in World Wire (1 more was a copy in other feeds). "
            "U undoes it." in said
        )
        assert store.article(copy.id).is_read


async def test_keys_that_did_nothing_say_why(make_app, store) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        for key in ("s", "S", "z", "x"):  # story-pane keys with no story open
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            assert [str(n.message) for n in app._notifications] == [
                "No story is open: press Enter on a headline."
            ], key
        await pilot.press("A")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("A")  # the view is read already
        await settle(pilot)
        assert [str(n.message) for n in app._notifications] == ["Nothing in All is unread."]
        assert len(screen.undo_stack) == 1  # U still undoes the first one


async def test_x_on_the_opened_story_closes_it_with_its_related_panes(make_app, store) -> None:
    app = make_app()
    async with opened_with_related(app, store, (0.5, 0.9), (200, 40)) as (pilot, screen, stories):
        first, second, third = stories
        # (another feed's report first: the third story is the opened one's own feed's)
        assert [p.state.article_id for p in screen.deck.panes] == [first.id, second.id, third.id]
        await pilot.press("3", "x")  # a related pane: only that one closes
        await settle(pilot)
        assert [p.state.article_id for p in screen.deck.panes] == [first.id, second.id]
        await pilot.press("1", "x")  # the opened story: with its related panes, back to the list
        await settle(pilot)
        assert screen.deck.panes == [] and not screen.reading
        assert app.focused is screen.table


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_click_on_a_pane_tab_goes_to_that_pane(
    make_app, store, size: tuple[int, int]
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    others = store.headlines(View("all"), limit=6)[1:]
    store.set_related(first.id, [(a.id, 0.9 - n / 10) for n, a in enumerate(others)])
    app = make_app()
    async with reading(app, size) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        deck = screen.deck
        panes = deck.panes
        assert len(panes) == 6 and deck.tabbed
        tabs = deck.query_one("#pane-tabs")
        for number in (2, 3):  # at 80 columns both are off screen, at 200 the 3rd is
            target = panes[number - 1]
            line = screen_text(app).splitlines()[tabs.region.y]
            label = f" {number} {target.tab_title[:8]}"
            assert label in line
            x = line.index(label) + 2 - tabs.region.x
            await pilot.click(tabs, offset=(x, 0))
            await settle(pilot)
            assert deck.active_pane is target and app.focused is target
            assert target.display


async def test_related_panes_switch_maximise_close_and_keep_scroll(make_app, store) -> None:
    first, second, third = store.headlines(View("all"), limit=3)
    store.set_related(first.id, [(second.id, 0.9), (third.id, 0.5)])
    long_text = "\n\n".join(f"Paragraph {n} of a long related story." for n in range(80))
    store.put_page(second.id, Page(main=Story(title=second.title, text=long_text)), "page")
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        panes = screen.deck.panes
        assert [p.state.article_id for p in panes] == [first.id, second.id, third.id]
        assert screen.deck.tabbed == (len(panes) > screen.deck.size.width // 60)
        await pilot.press("2")
        assert app.focused is panes[1]
        await pilot.press("space", "space")
        scrolled = panes[1].scroll_y
        assert scrolled > 0
        await pilot.press("tab")
        assert app.focused is panes[2]
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is panes[0]
        assert panes[0].scroll_y == 0
        await pilot.press("2")
        assert panes[1].scroll_y == scrolled
        await pilot.press("enter")  # in a pane, Enter does not open the same story over again
        await settle(pilot)
        assert screen.deck.panes == panes and app.focused is panes[1]
        assert panes[1].scroll_y == scrolled
        await pilot.press("z")  # the panes have the whole screen: the three of them fit
        await settle(pilot)
        assert screen.has_class("-maximised")
        assert not screen.table.display or screen.table.styles.display == "none"
        assert [p.display for p in screen.deck.panes] == [True, True, True]
        assert app.focused is panes[1]
        await pilot.press("z", "x")
        await settle(pilot)
        assert [p.state.article_id for p in screen.deck.panes] == [first.id, third.id]
        assert app.focused is screen.deck.panes[1]  # the next related story, not the main one
        await pilot.press("x")  # the last pane: the one before it
        await settle(pilot)
        assert [p.state.article_id for p in screen.deck.panes] == [first.id]
        assert app.focused is screen.deck.panes[0]


async def test_a_related_story_given_only_as_a_link_is_fetched_when_its_pane_is_on_screen(
    make_app, store
) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    linked = "".join(
        f"<p>The harbour committee met again on Thursday and agreed the timetable, part {n}.</p>"
        for n in range(6)
    )
    with LocalServer() as server:
        server.route(
            "/teaser",
            body=f"<html><body><article><h1>Harbour timetable agreed</h1>{linked}</article>"
            "</body></html>".encode(),
            headers={"Content-Type": "text/html"},
        )
        teasers = (
            Story(title="Harbour timetable agreed", url=server.url("/teaser")),
            Story(title="A teaser whose page is gone", url=server.url("/gone")),
        )
        page_with_related(store, article, teasers)
        app = make_app()
        async with reading(app, (200, 40)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            panes = screen.deck.panes
            # side by side, the teaser's pane is on screen: it loads by itself, not saying
            # "move to this pane"; the one behind a tab waits until it is reached
            assert [p.display for p in panes] == [True, True, False]
            assert server.hits("/teaser") == 1
            assert server.hits("/gone") == 0
            assert "agreed the timetable, part 5." in panes[1].state.story.text
            assert "Not loaded yet" not in screen_text(app)
            await pilot.press("2")
            await settle(pilot)
            assert server.hits("/teaser") == 1
            summary = panes[1].state.summary
            assert summary is not None and summary.sentences
            await pilot.press("3")
            await settle(pilot)
            note = panes[2].state.note or ""
            assert "Could not fetch" in note and "404" in note and ".." not in note
            await pilot.press("enter")  # Enter tries again
            await settle(pilot)
            assert server.hits("/gone") == 2
            await pilot.press("2", "enter")  # it has its text now: nothing more to fetch
            await settle(pilot)
            assert server.hits("/teaser") == 1


async def test_the_summary_across_the_stories_takes_in_a_teaser_once_its_text_is_in(
    make_app, store
) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    page = (
        b"<html><body><article><h1>Ferry back</h1><p>The island ferry runs again from Friday "
        b"after the storm repairs. Tickets are half price for the first week, the operator said. "
        b"The first crossing leaves the harbour at seven in the morning. Islanders had waited "
        b"three weeks for the ferry to come back, using a small launch for their shopping. The "
        b"operator thanked them for their patience.</p></article></body></html>"
    )
    with LocalServer() as server:
        server.route("/ferry", body=page, headers={"Content-Type": "text/html"})
        quay = (
            "Works on the quay start in May and should last until the end of the summer. The "
            "contractor will close the eastern half first, then the western half in July. "
            "Cars will not be able to park on the quay while the works go on. The council "
            "expects the new quay to take boats twice the size of those it takes today."
        )
        moorings = (
            "Boats moor at the north pier for now, where forty berths have been made ready. "
            "Owners were told by letter last week and most have already moved their boats. "
            "The harbour master said the north pier is sheltered enough for the winter. "
            "A shuttle bus will run between the north pier and the town centre every hour."
        )
        stories = (
            Story(title="Quay works start", text=quay),
            Story(title="Ferry back", url=server.url("/ferry")),  # a teaser: its link alone
            Story(title="Moorings moved", text=moorings),
        )
        page_with_related(store, article, stories)
        app = make_app()
        async with reading(app, (200, 50)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            main = screen.deck.panes[0]
            assert main.state.group_size == 2  # the two stories with a text
            assert "ferry" not in pane_text(main, "across").lower()
            await pilot.press("4")  # the teaser's pane (after those with a text): fetched
            await settle(pilot)
            await pilot.pause(0.3)
            await settle(pilot)
            assert main.state.group_size == 3
            assert "Across the 3 other stories" in pane_text(main, "across")


async def test_a_report_beside_the_story_counts_once_in_the_summary_across_them(
    make_app, store
) -> None:
    first, b, c = store.headlines(View("all"), limit=3)
    for n, article in enumerate((b, c)):
        text = " ".join(
            f"Report {n} tells detail {k} of the harbour works this year." for k in range(6)
        )
        store.put_page(article.id, Page(main=Story(title=article.title, text=text)), "page")
    store.set_related(first.id, [(b.id, 0.8), (c.id, 0.7)])
    ferry = (
        b"<html><body><article><h1>Ferry back</h1><p>"
        + b" ".join(
            b"The ferry detail %d is told on this page about the island." % k for k in range(8)
        )
        + b"</p></article></body></html>"
    )
    with LocalServer() as server:
        server.route("/ferry", body=ferry, headers={"Content-Type": "text/html"})
        page_with_related(store, first, (Story(title="Ferry back", url=server.url("/ferry")),))
        app = make_app()
        async with reading(app, (200, 50)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            main = screen.deck.panes[0]
            assert main.state.group_size == 2  # the two reports from other feeds
            await pilot.press("4")  # the teaser, after the reports: its page is read
            await settle(pilot)
            await pilot.pause(0.3)
            await settle(pilot)
            assert main.state.group_size == 3  # each report once, and the teaser


async def test_a_teasers_line_or_two_stays_out_of_the_summary_across_the_stories(
    make_app, store
) -> None:
    article = store.headlines(View("all"), limit=1)[0]

    def told(subject: str) -> str:
        return " ".join(
            f"The {subject} report gives detail number {n} about the harbour works this year."
            for n in range(5)
        )

    teaser = "Schkopau hangs on coal. The movement failed with a similar attempt."
    stories = (
        Story(title="Quay report", text=told("quay")),
        Story(title="A teaser", text=teaser),
        Story(title="Pier report", text=told("pier")),
    )
    page_with_related(store, article, stories)
    app = make_app()
    async with reading(app, (200, 50)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        main = screen.deck.panes[0]
        assert main.state.group_size == 2  # the quay and the pier reports
        assert main.state.group_summary is not None
        assert not any("coal" in s or "movement" in s for s in main.state.group_summary.sentences)


async def test_related_reports_past_the_panes_are_listed_under_the_story(make_app, store) -> None:
    first, *others = store.headlines(View("all"), limit=12)
    store.set_related(first.id, [(a.id, 0.9 - n * 0.05) for n, a in enumerate(others)])
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        panes = screen.deck.panes
        assert len(panes) == 1 + 8  # MAX_RELATED panes beside it
        more = panes[0].state.more
        # the other 3, best first (other feeds' reports took the panes before its own feed's)
        assert len(more) == 3 and [m.similarity for m in more] == sorted(
            (m.similarity or 0.0 for m in more), reverse=True
        )
        beside = {p.state.article_id for p in panes[1:]}
        assert beside | {m.article_id for m in more} == {a.id for a in others}
        shown = str(panes[0].query_one("#story-more").render())
        assert shown.startswith("Also reported (3 more)") and more[0].story.title in shown
        closed = panes[2].state.article_id
        await pilot.press("3", "x")  # closing a pane beside it opens the best one listed
        await settle(pilot)
        panes = screen.deck.panes
        assert len(panes) == 1 + 8 and closed not in [p.state.article_id for p in panes]
        opened = next(p for p in panes if p.state.article_id == more[0].article_id)
        assert opened.state.similarity == pytest.approx(more[0].similarity)
        assert "Also reported (2 more)" in pane_text(panes[0], "more")
        assert more[0].story.title not in pane_text(panes[0], "more")
        await pilot.press(str(panes.index(opened) + 1))  # loaded like any report beside it
        await settle(pilot)
        assert opened.state.story.text and not opened.state.loading


async def test_reports_of_the_same_event_come_before_a_page_sidebar_of_links(
    make_app, store
) -> None:
    """A page's nine bare links (no text) must not take every pane from the reports of the same
    event in other feeds; the page's stories with a text still come first."""
    first, same, weak = store.headlines(View("all"), limit=3)
    teasers = tuple(
        Story(title=f"Sidebar link number {n}", url=f"http://127.0.0.1:9/s/{n}") for n in range(9)
    )
    with_text = Story(title="A story told on the same page", text="It has a text. " * 5)
    page_with_related(store, first, (*teasers[:4], with_text, *teasers[4:]))
    store.set_related(first.id, [(same.id, 0.62), (weak.id, 0.12)])
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        panes = screen.deck.panes
        titles = [p.state.story.title for p in panes[1:]]
        assert len(titles) == 8  # MAX_RELATED beside the opened story
        assert titles[:2] == [with_text.title, same.title]
        assert titles[2:] == [t.title for t in teasers[:6]]  # the page's links, in page order
        more = [other.story.title for other in panes[0].state.more]
        assert more == [weak.title]  # the weak report is still listed, not lost


async def test_a_copy_of_the_opened_story_gets_no_pane_of_its_own(make_app, store) -> None:
    first, copy, other = store.headlines(View("all"), limit=3)
    store.set_group(copy.id, None, duplicate_of=first.id)
    store.set_related(first.id, [(copy.id, 1.0), (other.id, 0.5)])
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert [p.state.article_id for p in screen.deck.panes] == [first.id, other.id]


async def test_a_related_pane_says_its_source_age_and_similarity(make_app, store) -> None:
    async with opened_with_related(make_app(), store, (0.87, 0.12), (200, 40)) as opened:
        _pilot, screen, (_first, second, third) = opened
        main, best, other = screen.deck.panes
        assert [best.state.article_id, other.state.article_id] == [second.id, third.id]

        def meta(pane: object) -> str:
            return str(pane.query_one("#story-meta").render())  # type: ignore[attr-defined]

        assert "same story" not in meta(main)
        assert "same story · wording 87% alike" in meta(best)
        # in the group through another report: the same story still, its words less alike
        assert "same story · wording 12% alike" in meta(other)
        assert best.state.story.source and meta(best).startswith(best.state.story.source)
        assert " ago" in meta(best)  # the fixture's stories are hours old


async def test_the_story_summary_covers_the_whole_group_not_only_the_panes(make_app, store) -> None:
    group = store.headlines(View("all"), limit=12)
    for article in group:
        store.set_group(article.id, 5)
    told = "The council met on Monday to discuss the new harbour plan."  # in the opened story too
    reports = []
    for n, article in enumerate(group[1:], start=1):
        text = (
            f"{told} Report {n} adds that the ferry to island {n} runs again from Friday. "
            f"Island {n} has waited {n + 2} weeks for the repairs to its landing stage. "
            f"The operator says the crossing to island {n} takes forty minutes in good weather. "
            f"Residents of island {n} will travel free of charge during the first week."
        )
        reports.append(text)
        store.put_page(article.id, Page(main=Story(title=article.title, text=text)), "page")
    store.set_related(group[0].id, [(group[1].id, 0.8)])  # one link kept, eleven reports
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(group[0].id))
        await pilot.press("enter")
        await settle(pilot)
        main = screen.deck.panes[0]
        assert len(screen.deck.panes) == 9  # the free panes filled from the group
        assert main.state.group_summary is not None and main.state.group_summary.sentences
        assert main.state.group_size == 11  # the other reports (the story has its own summary)
        assert "Across the 11 other stories" in " ".join(screen_text(app).split())
        # what the opened story says is not said again: what the others add
        across = pane_text(main, "across").split("Across the 11 other stories")[1]
        lines = [line[2:] for line in across.splitlines() if line.startswith("• ")]
        bullets = [line.rsplit(" — ", 1)[0] for line in lines]  # (each names its source)
        assert all(line.rsplit(" — ", 1)[1] in {f.title for f in store.feeds()} for line in lines)
        assert bullets and all(any(b in r for r in reports) for b in bullets)
        assert not any(b in main.state.story.text for b in bullets)
        assert told in main.state.story.text and told not in bullets


async def test_related_story_from_page_can_be_favourited(make_app, store) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    related = Story(title="Another story on the page", text="It is short. It has two sentences.")
    page_with_related(store, article, (related,))
    app = make_app()
    async with reading(app, (200, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert [p.state.story.title for p in screen.deck.panes][1] == related.title
        # one other story: its own pane summarises it, the opened story gives no second copy
        assert screen.deck.panes[0].state.group_summary is None
        assert "Across" not in screen_text(app)
        await pilot.press("2", "f")
        await settle(pilot)
        favourites = store.favourites()
        assert [a.title for a in favourites] == [related.title]
        assert screen.deck.panes[1].state.favourite
        assert not screen.deck.panes[0].state.favourite


async def test_summary_toggle_and_algorithm_cycle(make_app, store) -> None:
    # a story long enough for its summary to be printed above it (see LATE_NEWS)
    put_late_news(store, store.headlines(View("all"), limit=1)[0])
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        summary = pane.state.summary
        assert summary is not None and len(summary.sentences) == 2
        assert f"2 of {summary.total_sentences} sentences" in screen_text(app)
        first_algorithm = summary.algorithm
        await pilot.press("S")
        await settle(pilot)
        cycled = pane.state.summary
        assert cycled is not None and cycled.algorithm != first_algorithm
        assert cycled.algorithm in screen_text(app)
        await pilot.press("s")
        assert not pane.query_one("#story-summary").display
        await pilot.press("s")
        assert pane.query_one("#story-summary").display


async def test_search_lists_matching_headlines_and_escape_returns(make_app, store) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        await pilot.press("slash")
        await pilot.press(*"Tech")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.table.view == View("search", query="Tech")
        assert screen.table.articles
        assert all("Tech" in a.title for a in screen.table.articles)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.view == View("all")


async def test_escape_from_a_search_returns_to_the_view_it_was_started_from(
    make_app, store
) -> None:
    feed = store.feeds()[1]
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        for query in ("Tech", "story"):  # a second search from the results keeps the first view
            await pilot.press("slash", *query, "enter")
            await settle(pilot)
            assert screen.table.view == View("feed", feed_id=feed.id, query=query)  # (searched)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=feed.id)
        assert tree_view(screen) == View("feed", feed_id=feed.id)


async def test_narrow_layout_story_takes_the_screen_and_escape_goes_back(make_app) -> None:
    app = make_app()
    async with reading(app, (80, 24)) as (pilot, screen):
        assert screen.has_class("-narrow")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.table.styles.display == "none"
        assert screen.deck.panes[0].region.width >= 70
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.styles.display == "block"
        assert app.focused is screen.table


async def test_remapped_key_and_help_screen(make_app, store) -> None:
    from reader.tui.screens.help import HelpScreen

    config = make_config(keys={"favourite": "F"})
    app = make_app(config)
    async with reading(app, (100, 40)) as (pilot, screen):
        article = cursor_on(screen)
        await pilot.press("f")
        await settle(pilot)
        assert not stored(store, article.id).is_favourite
        await pilot.press("F")
        await settle(pilot)
        assert stored(store, article.id).is_favourite
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "F  " in screen_text(app) or "F Favourite" in screen_text(app)
        # each row names the id that [reader.keys] remaps
        rows = screen_text(app).splitlines()
        favourite_row = next(line for line in rows if "Favourite story" in line)
        assert "favourite" in favourite_row.split("Favourite story", 1)[1]
        assert "[reader.keys]" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_key_given_to_another_action_is_taken_from_its_old_one_and_that_is_said(
    make_app, store
) -> None:
    from reader.tui.screens.help import HelpScreen

    config = make_config(keys={"favourite": "q", "search": "ctrl+"})
    app = make_app(config)
    async with reading(app, (100, 40)) as (pilot, screen):
        said = "\n".join(str(n.message) for n in app._notifications)
        assert "[reader.keys] favourite: q was the key of 'Quit'" in said
        assert "it has no key now: give it one in [reader.keys] quit = ..." in said
        assert "[reader.keys] search = 'ctrl+': not a key name" in said
        article = cursor_on(screen)
        await pilot.press("q")  # favourites, and does not quit
        await settle(pilot)
        assert app.is_running and stored(store, article.id).is_favourite
        await pilot.press("slash")  # search kept its own key
        await settle(pilot)
        assert type(app.screen).__name__ == "SearchScreen"
        await pilot.press("escape")
        await pilot.press("question_mark", "G")  # its last rows, on a short terminal
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = screen_text(app).splitlines()
        quit_row = next(line for line in rows if " Quit " in line)
        assert "(none)" in quit_row and not quit_row.strip("│ ").startswith("q ")


async def test_workers_meeting_the_same_database_error_say_it_once(make_app) -> None:
    from reader.store import StoreError

    def failing() -> None:
        raise StoreError("The database news.db is damaged. Restart newsreader to repair it.")

    app = make_app()
    async with reading(app, (100, 30)) as (pilot, _screen):
        for _ in range(4):
            app.run_worker(failing, thread=True, exit_on_error=False)
        await pilot.pause(0.3)
        await settle(pilot)
        said = [n for n in app._notifications if "is damaged" in str(n.message)]
        assert len(said) == 1


async def test_newsboat_preset_and_unknown_binding_warning(make_app) -> None:
    config = make_config(keymap="newsboat", keys={"no_such_action": "x"})
    app = make_app(config)
    async with reading(app, (100, 30)) as (pilot, screen):
        assert any("no_such_action" in n.message for n in app._notifications)
        table = screen.table
        await pilot.press("j", "j", "p")
        assert table.cursor_row == 1
        # q goes back a level, as in newsboat: from a story to the list, then quits
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reading
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and not screen.reading
        # in a feed's headlines, q goes back to the feeds first
        feed = next(iter(screen.feeds_tree.feeds.values()))
        screen.feeds_tree.select_view(View("feed", feed_id=feed.id))
        await settle(pilot)
        table.focus()
        await pilot.press("q")
        await settle(pilot)
        assert app.is_running and screen.feeds_tree.has_focus
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running


async def test_open_in_browser_passes_an_argument_list(make_app, tmp_path: Path) -> None:
    out = tmp_path / "args.txt"
    script = tmp_path / "browser.py"
    script.write_text(
        "import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('\\n'.join(sys.argv[2:]))\n"
    )
    import sys

    browser = f"{sys.executable} {script} {out}"
    config = make_config(browser=browser)
    app = make_app(config)
    async with reading(app, (100, 30)) as (pilot, screen):
        article = cursor_on(screen)
        await pilot.press("o")
        await settle(pilot)
        # something visible happens at once, whatever the browser takes to come up
        assert any(article.url in n.message for n in app._notifications)
        for _ in range(50):
            if out.exists():
                break
            await pilot.pause(0.1)
        assert out.read_text() == article.url


async def test_unsafe_link_is_never_opened_or_copied(tmp_path: Path) -> None:
    from reader.models import ParsedEntry

    from .conftest import NOW

    store = build_store(tmp_path / "x.db", per_feed=1)
    feed = store.feeds()[0]
    store.upsert_entries(
        feed.id,
        [ParsedEntry(guid="js", url="javascript:alert(1)", title="Click me", published=NOW)],
        now=NOW,
    )
    out = tmp_path / "args.txt"
    app = new_app(store, make_config(browser=f"touch {out}"))
    async with reading(app, (100, 30)) as (pilot, screen):
        assert cursor_on(screen).title == "Click me"
        await pilot.press("o", "y")
        await settle(pilot)
        assert not out.exists()
        assert app.clipboard == ""
        assert any("no web link" in n.message for n in app._notifications)
    store.close()


async def test_copy_link(make_app) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        article = cursor_on(screen)
        await pilot.press("y")
        assert app.clipboard == article.url


async def test_a_link_is_copied_and_shown_without_its_click_tracking(
    make_app, store, monkeypatch
) -> None:
    from reader.models import ParsedEntry

    from .conftest import NOW

    feed = store.feeds()[0]
    tracked = "https://news.example/harbour?id=7&utm_source=rss&utm_medium=feed"
    store.upsert_entries(
        feed.id,
        [ParsedEntry(guid="tracked", url=tracked, title="A tracked link", published=NOW)],
        now=NOW,
    )
    # its page is kept already: opening it fetches nothing from the made-up host
    (article,) = store.articles_by_url([tracked]).values()
    text = "The harbour plan was approved on Monday."
    store.put_page(
        article.id, Page(main=Story(title=article.title, url=tracked, text=text)), "page"
    )
    from reader import fetch

    fetched: list[str] = []
    fetch_page = fetch.fetch_page_sync

    def recorded(url: str, *args: Any, **kwargs: Any) -> fetch.FetchResult:
        fetched.append(url)
        return fetch_page(url, *args, **kwargs)

    monkeypatch.setattr(fetch, "fetch_page_sync", recorded)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        assert cursor_on(screen).url == tracked  # stored as the feed gave it
        await pilot.press("y")
        assert app.clipboard == "https://news.example/harbour?id=7"
        await pilot.press("enter")
        await settle(pilot)
        assert "approved on Monday" in pane_text(screen.deck.panes[0], "body")
        meta = pane_text(screen.deck.panes[0], "meta")
        assert "harbour?id=7" in meta and "utm_" not in meta
    assert fetched == []


async def test_failing_feed_shows_marker_and_error_on_request(make_app, store) -> None:
    feed = store.feeds()[0]
    store.update_feed(feed.id, last_error="The server said 404 [bold]Not Found[/]", failures=2)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        assert f"⚠ {feed.title}" in screen_text(app)
        screen.feeds_tree.focus()
        screen.feeds_tree.select_view(View("feed", feed_id=feed.id), post=False)
        await pilot.press("e")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "The server said 404 [bold]Not Found[/]" in messages


async def test_e_in_the_list_shows_the_listed_feeds_error_when_it_has_no_headlines(
    tmp_path: Path,
) -> None:
    from reader.config import FeedConfig

    from .conftest import FEEDS

    broken = FeedConfig("http://127.0.0.1:9/broken.xml", "Broken Feed", "World")
    config = dataclasses.replace(make_config(), feeds=(*FEEDS, broken))
    store = build_store(tmp_path / "e.db")
    store.sync_config_feeds(config.feeds)
    feed = next(f for f in store.feeds() if f.title == "Broken Feed")
    store.update_feed(feed.id, last_error="The server said 500 (server error).", failures=3)
    try:
        async with reading(new_app(store, config), (100, 30)) as (pilot, screen):
            screen.feeds_tree.focus()
            screen.feeds_tree.select_view(View("feed", feed_id=feed.id), post=False)
            await pilot.press("enter")  # lists the feed: focus moves to the (empty) list
            await settle(pilot)
            assert screen.table.view == View("feed", feed_id=feed.id)
            assert screen.table.articles == [] and screen.app.focused is screen.table
            await pilot.press("e")
            await pilot.pause()
            messages = [n.message for n in screen.app._notifications]
            assert "The server said 500 (server error)." in messages
            assert "Choose a feed first." not in messages
    finally:
        store.close()


async def test_error_key_on_a_category_lists_the_errors_of_its_feeds(make_app, store) -> None:
    world, tech = (
        next(f for f in store.feeds() if f.category == c) for c in ("World", "Technology")
    )
    store.update_feed(world.id, last_error="The server said 404 (not found).", failures=1)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        screen.feeds_tree.focus()
        for category, expected in (
            ("World", "The server said 404 (not found)."),
            ("Technology", "No feed in Technology had errors"),
        ):
            screen.feeds_tree.select_view(View("category", category=category), post=False)
            app.clear_notifications()
            await pilot.press("e")
            await pilot.pause()
            messages = "\n".join(str(n.message) for n in app._notifications)
            assert expected in messages, category
            assert tech.title not in messages and "No errors on the last refresh" not in messages


async def test_a_feed_read_with_a_warning_is_told_apart_from_a_failing_one(make_app, store) -> None:
    world, tech = (
        next(f for f in store.feeds() if f.category == c) for c in ("World", "Technology")
    )
    store.update_feed(world.id, last_error="The server said 404 (not found).", failures=1)
    warning = "The feed declares utf-8 but is not; it was read as windows-1252."
    store.update_feed(tech.id, last_error=warning, failures=0)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        labels = {f.id: feed_label(f) for f in screen.feeds_tree.feeds.values()}
        marks = {fid: label.spans[0].style for fid, label in labels.items() if "⚠" in label.plain}
        assert marks == {world.id: "bold red", tech.id: "yellow"}
        screen.feeds_tree.focus()
        screen.feeds_tree.select_view(View("feed", feed_id=tech.id), post=False)
        await pilot.press("e")
        await pilot.pause()
        (note,) = app._notifications
        assert note.message == warning and note.severity == "warning"
        assert note.title.endswith(": read, with a warning")
        app.clear_notifications()
        screen.feeds_tree.select_view(View("all"), post=False)
        await pilot.press("e")
        await pilot.pause()
        (note,) = app._notifications
        assert note.title == "All: 1 feed with errors, 1 feed read with warnings"
        assert note.severity == "error" and warning in str(note.message)


async def test_g_and_G_in_the_feeds_tree_go_to_its_first_and_last_line(make_app) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        tree = screen.feeds_tree
        tree.focus()
        await pilot.press("G")
        await pilot.pause()
        assert tree.cursor_line == tree.last_line
        assert tree_view(screen).kind == "feed"  # the last category's last feed
        await pilot.press("g")
        await pilot.pause()
        assert tree.cursor_line == 0


async def test_choosing_a_feed_lists_only_its_headlines(make_app, store) -> None:
    feed = store.feeds()[1]
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        screen.feeds_tree.focus()
        screen.feeds_tree.select_view(View("feed", feed_id=feed.id), post=False)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=feed.id)
        assert {a.feed_id for a in screen.table.articles} == {feed.id}
        assert app.focused is screen.table


async def run_command(pilot: Pilot[None], text: str) -> None:
    """Open the command palette, type ``text`` and run the first match."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.5)
    await pilot.press("enter")


async def test_command_palette_runs_an_action(make_app, store) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        article = cursor_on(screen)
        await run_command(pilot, "Favourite story")
        await settle(pilot)
        assert stored(store, article.id).is_favourite


async def test_a_view_or_category_named_as_typed_comes_first_in_the_palette(make_app) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        await screen.feeds_tree.run_action("cursor_down")  # away from All
        screen.show_view(View("unread"))
        await settle(pilot)
        await run_command(pilot, "all")  # not "Refresh all"
        await settle(pilot)
        assert screen.table.view == View("all") and not screen.refreshing
        await run_command(pilot, "technology")  # a category
        await settle(pilot)
        assert screen.table.view == View("category", category="Technology")


async def test_s_on_a_story_without_text_says_so(make_app, store) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    store.put_page(first.id, Page(main=Story(title=first.title, text="")), "page")
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, _screen):
        await pilot.press("enter")
        await settle(pilot)
        app.clear_notifications()
        await pilot.press("s")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == [
            "This story has no text to summarise."
        ]


async def test_the_palette_has_no_second_maximise_or_keys_help(make_app) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (_pilot, screen):
        titles = {command.title for command in app.get_system_commands(screen)}
        assert "Theme" in titles and "Quit" in titles  # Textual's others stay
        assert not titles & {"Keys", "Maximize", "Minimize"}  # the reader's z and ? do these


async def test_hostile_titles_render_literally(tmp_path: Path) -> None:
    from .conftest import HOSTILE_TITLES

    store = build_store(tmp_path / "h.db", hostile=True)
    app = new_app(store)
    async with reading(app, (140, 30)) as (pilot, _screen):
        text = screen_text(app)
        for title in HOSTILE_TITLES[:3]:
            assert title in text
        assert "esc  title  end" not in text and "esc title end" in text
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running  # [@click=app.quit] did not quit
        assert "[bold red]x[/]" in screen_text(app)
    store.close()


async def test_wide_layout_keeps_story_panes_beside_the_headlines(make_app, store) -> None:
    app = make_app()
    async with reading(app, (200, 50)) as (pilot, screen):
        assert screen.has_class("-wide")
        assert screen.deck.region.width > 0  # the deck is on screen before any story is open
        # ... previewing the highlighted headline's feed text, following the cursor
        first = cursor_on(screen)
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Enter opens it here" in screen_text(app)
        assert f"Story 0 of {first.feed_title}" in screen_text(app)
        await pilot.press("j")
        await pilot.pause(0.3)
        await settle(pilot)
        second = cursor_on(screen)
        assert second.id != first.id
        preview = str(screen.deck.query_one("#deck-empty").render())
        assert second.title in preview and first.title not in preview
        assert not stored(store, second.id).is_read  # a preview is not a reading
        await pilot.press("k")
        list_width = screen.table.region.width
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reading and len(screen.deck.panes) == 1
        assert screen.table.region.width == list_width  # opening changed no layout
        assert screen.feeds_tree.region.width > 0
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not screen.reading and not screen.deck.panes
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # back to the list: the story stays beside it ...
        await settle(pilot)
        assert screen.table.has_focus and screen.reading and screen.deck.panes
        await pilot.press("j")  # ... until the cursor moves on: the preview follows it again
        await pilot.pause(0.3)
        await settle(pilot)
        assert not screen.reading and not screen.deck.panes
        preview = str(screen.deck.query_one("#deck-empty").render())
        assert second.title in preview and first.title not in preview
        for key in ("k", "enter", "escape", "n"):  # n from the list, reading: opens the next
            await pilot.press(key)
            await settle(pilot)
        assert screen.table.current.id == second.id  # previewed, so still unread
        assert screen.reading and screen.deck.panes[0].state.article_id == second.id


async def test_open_target_shows_a_saved_page(make_app, tmp_path: Path) -> None:
    page = saved_page(tmp_path)
    app = make_app(open_target=str(page))
    async with reading(app, (120, 30)) as (_pilot, screen):
        pane = screen.deck.panes[0]
        assert "ninety pages" in pane.state.story.text
        assert pane.state.summary is not None and pane.state.summary.sentences


def test_an_unexpected_error_ends_with_a_sentence_not_a_traceback(
    make_app, monkeypatch, capsys
) -> None:
    def broken(self: MainScreen) -> None:
        raise RuntimeError("boom [bold]x[/]")

    monkeypatch.setattr(MainScreen, "action_help", broken)
    app = make_app()

    async def press_help(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    app.run(headless=True, size=(100, 30), auto_pilot=press_help)
    err = capsys.readouterr().err
    assert app.return_code == 1
    assert "unexpected error (RuntimeError: boom [bold]x[/])" in err
    assert "Traceback" not in err
    log = Path(os.environ["XDG_DATA_HOME"]) / "newsreader" / "newsreader.log"
    assert "RuntimeError: boom" in log.read_text()


async def test_collapse_groups_lists_one_headline_per_group(make_app, store) -> None:
    first, second, third, fourth = store.headlines(View("all"), limit=4)
    for article in (first, third, fourth):
        store.set_group(article.id, 7)
    store.set_related(first.id, [(third.id, 0.8), (fourth.id, 0.7)])
    app = make_app(make_config(collapse_groups=True))
    async with reading(app, (120, 30)) as (_pilot, screen):
        listed = [a.id for a in screen.table.articles]
        assert listed[:2] == [first.id, second.id]
        assert third.id not in listed and fourth.id not in listed
        assert len(listed) == store.count(View("all")) - 2
        assert screen.table.articles[0].related_count == 2


async def test_c_collapses_a_story_to_one_headline_with_its_count_and_back(make_app, store) -> None:
    rows = store.headlines(View("all"), limit=100)
    newest = rows[0]
    elsewhere = [a for a in rows if a.feed_id != newest.feed_id][:2]
    same_feed = next(a for a in rows[1:] if a.feed_id == newest.feed_id)
    story = [newest, *elsewhere, same_feed]  # four reports from three feeds
    for article in story:
        store.set_group(article.id, 9)
    # one report is related to all the others (they, each to it alone): it stands for the story
    central = elsewhere[1]
    store.set_related(central.id, [(a.id, 0.5) for a in story if a is not central])
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):
        assert [a.id for a in screen.table.articles[:1]] == [newest.id]
        assert len(screen.table.articles) == store.count(View("all"))  # off by default
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(same_feed.id))
        await pilot.press("c")
        await settle(pilot)
        listed = [a.id for a in screen.table.articles]
        assert listed[0] == central.id  # where the story's newest report was
        assert not {a.id for a in story if a is not central} & set(listed)
        assert len(listed) == store.count(View("all")) - 3
        first_line = screen_text(app).splitlines()[0]
        assert central.title in first_line and first_line.rstrip().endswith(central.title)
        # it gives the age of the story's newest report, where it stands (the ages keep their
        # order), and in the marker column the other sources reporting it ("+N sources"); opened,
        # it gives its own date
        now = app.clock()
        assert age(newest.published, now) != age(central.published, now)
        row = screen.table.render_line(0).text.split()  # "●", "+2", age, source, title
        assert row[1] == f"+{len({a.feed_id for a in story}) - 1}"  # the other sources: 2
        assert age(newest.published, now) == row[2] and age(central.published, now) not in row
        assert screen.table.articles[0].published == central.published
        assert cursor_on(screen).id == central.id  # the cursor's story: the one standing for it
        await pilot.press("c")
        await settle(pilot)
        assert len(screen.table.articles) == store.count(View("all"))
        assert screen.table.articles[0].id == newest.id
        # toggled straight back: the cursor is on the headline it started on
        assert cursor_on(screen).id == same_feed.id
        # a search lists what it found, each for itself
        await pilot.press("c")
        await settle(pilot)
        screen.show_view(View("search", query=newest.title))
        await settle(pilot)
        assert newest.id in [a.id for a in screen.table.articles]


async def test_a_collapsed_story_is_led_by_a_report_the_view_lists(make_app, store) -> None:
    rows = store.headlines(View("all"), limit=100)
    newest, central = rows[0], next(a for a in rows if a.feed_id != rows[0].feed_id)
    for article in (newest, central):
        store.set_group(article.id, 9)
    store.set_related(central.id, [(newest.id, 0.5)])
    store.set_related(newest.id, [])  # the newest keeps no link of its own: central leads
    store.set_read([central.id], True)
    app = make_app(make_config(collapse_groups=True))
    async with reading(app, (120, 30)) as (pilot, screen):
        screen.feeds_tree.select_view(View("unread"))
        await settle(pilot)
        unread = [a.id for a in screen.table.articles]
        assert newest.id in unread and central.id not in unread  # a read report leads no row here
        screen.feeds_tree.select_view(View("all"))
        await settle(pilot)
        listed = [a.id for a in screen.table.articles]
        assert central.id in listed and newest.id not in listed


async def test_a_config_read_in_part_and_other_start_notes_are_said(make_app, store) -> None:
    problem = "/home/u/config.toml, line 2: refresh.concurrency: must be a whole number, not str"
    config = dataclasses.replace(make_config(), problems=(problem,), feeds_sure=False)
    busy = "The database is busy: another newsreader is writing to it."
    app = make_app(config, notes=(busy,))
    async with reading(app, (120, 40)) as (_pilot, screen):
        [note] = [n for n in app._notifications if n.title == "Config problem"]
        assert note.severity == "error"
        assert "line 2: refresh.concurrency: must be a whole number" in note.message
        assert "your feeds are as they were" in note.message
        assert [n.severity for n in app._notifications if n.message == busy] == ["warning"]
        assert screen.table.row_count == store.count(View("all"))  # and it reads as usual


async def test_a_config_problem_outside_the_feed_list_says_the_feeds_are_as_configured(
    make_app,
) -> None:
    problem = "/home/u/config.toml, line 2: summary.algorithm: 'magic' is not a summary method"
    app = make_app(dataclasses.replace(make_config(), problems=(problem,)))
    async with reading(app, (120, 40)):
        [note] = [n for n in app._notifications if n.title == "Config problem"]
        assert "your feeds are as configured" in note.message
        assert "as they were" not in note.message


async def test_empty_views_say_what_to_do(make_app) -> None:
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        screen.feeds_tree.select_view(View("favourites"))
        await settle(pilot)
        assert "No favourites yet" in screen_text(app)
        screen.show_view(View("search", query="zzzzunmatched"))
        await settle(pilot)
        assert "No stories match this search" in screen_text(app)


async def test_an_empty_feed_or_unread_view_says_what_to_do_there(make_app, store) -> None:
    empty, _ = store.add_feed("http://127.0.0.1:9/quiet.xml", "Quiet Gazette", "World")
    store.set_read([a.id for a in store.headlines(View("all"), limit=500)], True)
    app = make_app()
    async with reading(app, (100, 30)) as (pilot, screen):
        screen.feeds_tree.select_view(View("unread"))
        await settle(pilot)
        assert "Nothing unread. R fetches new headlines." in screen_text(app)
        screen.feeds_tree.select_view(View("feed", feed_id=empty.id))
        await settle(pilot)
        assert "No headlines from this feed. r refreshes it; e shows any error." in screen_text(app)


async def test_command_palette_goes_to_a_feed_by_its_title(tmp_path: Path) -> None:
    store = build_store(tmp_path / "news.db")
    hostile, _ = store.add_feed("http://127.0.0.1:9/h.xml", "[bold red]Loud[/] wire", "World")
    try:
        app = new_app(store)
        async with reading(app, (100, 30)) as (pilot, screen):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"loud wire")
            await pilot.pause(0.5)
            assert "Go to [bold red]Loud[/] wire" in screen_text(app)  # literally, not markup
            await pilot.press("enter")
            await settle(pilot)
            assert screen.table.view == View("feed", feed_id=hostile.id)
            assert app.focused is screen.table
            # the tree follows, its category unfolded when it was folded
            world = screen.feeds_tree._categories["World"]
            world.collapse()
            await run_command(pilot, "go to tech daily")
            await settle(pilot)
            tech = next(f for f in store.feeds() if f.title == "Tech Daily")
            assert tree_view(screen) == View("feed", feed_id=tech.id)
            world_feed = next(f for f in store.feeds() if f.title == "World Wire")
            await run_command(pilot, "go to world wire")
            await settle(pilot)
            assert world.is_expanded
            assert tree_view(screen) == View("feed", feed_id=world_feed.id)
            await run_command(pilot, "go to favourites")
            await settle(pilot)
            assert screen.table.view.kind == "favourites"
            assert tree_view(screen) == View("favourites")
    finally:
        store.close()


async def test_wide_terminal_shows_story_panes_side_by_side(make_app, store) -> None:
    first, second = store.headlines(View("all"), limit=2)
    store.set_related(first.id, [(second.id, 0.8)])
    related = Story(title="What the fishermen say", text="They fear losing their moorings.")
    page = Page(main=Story(title=first.title, text="Main text. " * 40), related=(related,))
    store.put_page(first.id, page, "page")
    app = make_app()
    async with reading(app, (200, 50)) as (pilot, screen):
        assert screen.feeds_tree.region.width > 0
        await pilot.press("enter")
        await settle(pilot)
        deck = screen.deck
        panes = deck.panes
        assert len(panes) == 3
        # the feeds tree makes room; two readable panes side by side, the third one reachable
        assert screen.feeds_tree.region.width == 0
        shown = [p for p in panes if p.display]
        assert shown == panes[:2]
        left, right = (p.region for p in shown)
        assert left.y == right.y and left.right <= right.x
        assert min(left.width, right.width) >= 60
        text = screen_text(app)
        assert "1 of 3" not in text and "1-2 of 3" in text  # the strip says what is off screen
        assert f"1 {first.title}" in text and f"2 {related.title}" in text  # numbered title bars
        assert app.focused is panes[0] and panes[0].has_class("-active")
        await pilot.press("3")
        await settle(pilot)
        assert app.focused is panes[2]
        assert [p.display for p in panes] == [False, True, True]
        await pilot.press("z")  # the panes get the whole width: the three side by side
        await settle(pilot)
        assert [p.display for p in panes] == [True, True, True]
        assert screen.table.region.width == 0
        assert sum(p.region.width for p in panes) >= screen.size.width - 3
        assert min(p.region.width for p in panes) >= 60
        await pilot.press("z")
        await settle(pilot)
        assert [p.display for p in panes] == [False, True, True]
        assert screen.table.region.width > 0
        await pilot.press("1")
        assert [p.display for p in panes] == [True, True, False]
        await pilot.resize_terminal(120, 40)  # too narrow for two: one pane and the tab strip
        await settle(pilot)
        assert [p.display for p in panes] == [True, False, False]
        assert deck.tabbed and "1 of 3" in screen_text(app)
        await pilot.press("3")  # the strip starts near the active tab: it is never cut off
        await settle(pilot)
        strip = screen_text(app).splitlines()[0]
        assert "3 of 3" in strip and "…" in strip and f"3 {panes[2].tab_title[:20]}" in strip
        assert f"1 {panes[0].tab_title[:20]}" not in strip
        await pilot.press("1")
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert screen.feeds_tree.region.width == 0
        await pilot.press("2", "x", "x")  # one pane left: no need to hide the feeds
        await settle(pilot)
        assert len(deck.panes) == 1 and screen.feeds_tree.region.width > 0
        await pilot.press("escape", "escape")  # back to the list, then close the story
        await settle(pilot)
        assert not screen.reading and screen.feeds_tree.region.width > 0


async def test_opened_page_and_its_related_story_can_be_favourited(tmp_path: Path) -> None:
    from reader.tui.widgets.deck import StoryDeck

    path = tmp_path / "opened.db"
    store = build_store(path)
    page = saved_page(tmp_path)
    async with reading(new_app(store, open_target=str(page)), (200, 40)) as (pilot, screen):
        deck = screen.deck
        main = deck.panes[0]
        assert "ninety pages" in main.state.story.text
        aside = Story(title="The moorings, phase by phase", text="Phase one starts in May.")
        deck.post_message(StoryDeck.RelatedFound(main, (aside,), []))
        await settle(pilot)
        assert [p.state.story.title for p in deck.panes][1] == aside.title
        await pilot.press("f")
        await settle(pilot)
        assert main.state.favourite and main.state.article_id is not None
        await pilot.press("2", "f")
        await settle(pilot)
        assert deck.panes[1].state.favourite
        titles = sorted(a.title for a in store.favourites())
        assert titles == sorted([main.state.story.title, aside.title])
        assert "Saved harbour report" in titles
        await pilot.pause(0.6)  # the counts are re-read shortly after a change
        await settle(pilot)
        assert str(screen.feeds_tree._smart["favourites"].label) == "Favourites 2"
        await pilot.press("1", "f")  # and it can be taken back out
        await settle(pilot)
        assert [a.title for a in store.favourites()] == [aside.title]
        await pilot.press("f")
        await settle(pilot)
    store.close()

    async with favourites_after_restart(path, (120, 30)) as (pilot, screen):
        titles = sorted(a.title for a in screen.table.articles)
        assert titles == sorted(["Saved harbour report", aside.title])
        assert all(a.feed_title == "Opened pages" for a in screen.table.articles)
        assert "Saved harbour report" in screen_text(screen.app)
        assert all(f.title != "Opened pages" for f in screen.feeds_tree.feeds.values())
        await pilot.press("enter")  # a saved page opens from Favourites
        await settle(pilot)
        assert "ninety pages" in screen.deck.panes[0].state.story.text


@pytest.mark.parametrize("together", [True, False])
async def test_opening_a_story_marks_its_copies_read_as_configured(
    make_app, store, together: bool
) -> None:
    from dataclasses import replace

    first, second, third = store.headlines(View("all"), limit=3)
    store.set_group(third.id, None, duplicate_of=first.id)  # a syndicated copy of the first story
    config = make_config()
    config = replace(config, related=replace(config.related, mark_duplicates_read=together))
    app = make_app(config)
    async with reading(app, (120, 30)) as (pilot, _screen):
        await pilot.press("enter")  # the first headline: its copy is listed once, under it
        await settle(pilot)
        assert store.article(first.id).is_read
        assert store.article(third.id).is_read is together
        assert not store.article(second.id).is_read


async def test_an_opened_page_in_favourites_shows_its_site_and_its_date(tmp_path: Path) -> None:
    from reader.tui.format import age

    from .conftest import NOW

    site, date = "Harbour Gazette", "2024-05-30"
    page = saved_page(
        tmp_path,
        head=f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{date}T09:00:00+00:00">',
    )
    path = tmp_path / "opened.db"
    store = build_store(path)
    async with reading(new_app(store, open_target=str(page)), (120, 30)) as (pilot, screen):
        story = screen.deck.panes[0].state.story
        assert story.source == site and story.published.startswith(date)  # what extraction found
        await pilot.press("f")
        await settle(pilot)
    store.close()

    async with favourites_after_restart(path, (120, 30)) as (_pilot, screen):
        (saved,) = screen.table.articles
        assert saved.feed_title == site
        assert saved.published is not None and saved.published.date().isoformat() == date
        row = next(line for line in screen_text(screen.app).splitlines() if saved.title in line)
        assert f"{age(saved.published, NOW)}  {site}" in row  # not "Opened pages", not "now"
        assert "Opened pages" not in row


async def test_feeds_tree_steps_aside_only_while_a_story_pane_has_focus(make_app, store) -> None:
    app = make_app()
    async with opened_with_related(app, store, (0.8, 0.7), (200, 50)) as (pilot, screen, _):
        deck = screen.deck
        assert len(deck.panes) == 3 and app.focused is deck.panes[0]
        assert screen.feeds_tree.region.width == 0  # reading: two panes side by side
        assert [p.display for p in deck.panes] == [True, True, False]
        await pilot.press("escape")  # back on the headlines: the feeds are there again
        await settle(pilot)
        assert app.focused is screen.table and screen.reading
        assert screen.feeds_tree.region.width > 0
        await pilot.press("shift+tab")  # and can be reached
        assert app.focused is screen.feeds_tree
        await pilot.press("tab", "tab")  # into the story again: the tree makes room
        await settle(pilot)
        assert app.focused is deck.panes[0]
        assert screen.feeds_tree.region.width == 0
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is screen.table and screen.feeds_tree.region.width > 0
        await pilot.click(deck.panes[0])  # a click into a pane counts as reading too
        await settle(pilot)
        assert screen.feeds_tree.region.width == 0
        await pilot.resize_terminal(260, 50)  # room for the tree, the headlines and two panes
        await settle(pilot)
        assert screen.feeds_tree.region.width > 0
        assert [p.display for p in deck.panes] == [True, True, False]


async def test_next_story_opens_without_the_feeds_tree_flickering_back(make_app, store) -> None:
    first, second, third, fourth = store.headlines(View("all"), limit=4)
    store.set_related(first.id, [(third.id, 0.8)])
    store.set_related(second.id, [(fourth.id, 0.8)])
    app = make_app()
    async with reading(app, (200, 50)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.deck.panes) == 2 and screen.feeds_tree.region.width == 0
        shown: list[int] = []
        original = screen._sync_layout

        def record(width: int) -> None:
            original(width)
            shown.append(screen.has_class("-roomy"))

        screen._sync_layout = record  # type: ignore[method-assign]
        await pilot.press("n")  # the next unread story, read from the story pane
        await settle(pilot)
        assert screen.deck.panes[0].state.article_id == second.id
        assert len(screen.deck.panes) == 2
        assert shown and all(shown)  # the tree never came back in between
        lone = store.headlines(View("all"), limit=6)[5]  # a story with no related ones
        assert not store.related(lone.id)
        await screen.open_article(lone)
        await settle(pilot)
        assert len(screen.deck.panes) == 1  # one pane fits beside the tree: it comes back
        assert screen.feeds_tree.region.width > 0 and not screen.deck.finding_related


async def test_at_120_columns_a_story_gets_a_readable_pane_and_the_titles_stay_legible(
    make_app, store
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        pane = screen.deck.panes[0]
        assert app.focused is pane
        # the tree steps aside while the story is read: the pane is wide enough to read
        assert screen.feeds_tree.region.width == 0
        assert pane.region.width >= 60
        # the list beside it keeps nearly half the width: the titles still read
        row = screen_text(app).splitlines()[0]
        assert first.title[:18] in row
        await pilot.press("escape")  # choosing the next story: the feeds are back
        await settle(pilot)
        assert app.focused is screen.table and screen.feeds_tree.region.width > 0


async def test_cut_headlines_end_in_an_ellipsis_that_the_scrollbar_does_not_cover(
    make_app, store
) -> None:
    long_story_in_three_feeds(store)  # titles longer than the list is wide
    app = make_app()
    async with reading(app, (70, 20)) as (_pilot, screen):
        table = screen.table
        assert table.show_vertical_scrollbar  # more headlines than rows
        region = table.scrollable_content_region
        lines = screen_text(app).splitlines()
        rows = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
        shown = zip(rows, table.articles, strict=False)
        cut = [row for row, article in shown if article.title not in row]
        assert cut and all(row.rstrip().endswith("…") for row in cut)


async def test_copies_of_a_story_carry_the_same_related_marker(make_app, store) -> None:
    wire, daily, science = (
        next(f for f in store.feeds() if f.title == t)
        for t in ("World Wire", "Tech Daily", "Science Post")
    )
    a, b, c = (
        store.headlines(View("feed", feed_id=f.id), limit=1)[0] for f in (wire, daily, science)
    )
    copy = store.headlines(View("feed", feed_id=daily.id), limit=2)[1]
    for article in (a, b, c):
        store.set_group(article.id, 8)
    store.set_group(copy.id, 8, duplicate_of=a.id)  # a's story, syndicated in Tech Daily
    store.set_related(a.id, [(b.id, 0.6)])  # links filled as they came: a and its copy differ
    store.set_related(copy.id, [(b.id, 0.6), (c.id, 0.4), (a.id, 1.0)])
    app = make_app()
    async with reading(app, (120, 30)) as (pilot, screen):

        def marker(article_id: int) -> str:
            row = [x.id for x in screen.table.articles].index(article_id)
            return screen.table.render_line(row).text.split()[1]

        screen.feeds_tree.select_view(View("feed", feed_id=wire.id))
        await settle(pilot)
        on_a = marker(a.id)
        screen.feeds_tree.select_view(View("feed", feed_id=daily.id))
        await settle(pilot)
        assert on_a == marker(copy.id) == "+2"  # the two other reports, b and c


def test_the_related_marker_gives_the_real_count_of_related_reports() -> None:
    from reader.tui.format import headline_line

    from .conftest import NOW

    for count in (1, 9, 12, 20):
        article = Article(
            id=1,
            feed_id=1,
            guid="g",
            url="",
            title="Ten reports",
            published=NOW,
            related_count=count,
        )
        marks = headline_line(article, NOW, 80).plain.split()[:2]
        assert marks == ["●", f"+{count}"]


def test_a_favourites_star_and_its_related_count_do_not_run_together() -> None:
    from reader.tui.format import headline_line

    from .conftest import NOW

    for count in (8, 12, 99):
        article = Article(
            id=1,
            feed_id=1,
            guid="g",
            url="",
            title="A kept story",
            published=NOW,
            related_count=count,
            is_favourite=True,
        )
        marks = headline_line(article, NOW, 80).plain.split()[:3]
        assert marks == ["●★", f"+{count}", age(NOW, NOW)], marks


def pane_text(pane: object, part: str) -> str:
    """What one part of a story pane shows ("meta", "note", "summary", "body"), "" when hidden."""
    widget = pane.query_one(f"#story-{part}")  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


async def test_a_story_on_the_page_that_is_a_stored_headline_is_that_headline(
    make_app, store
) -> None:
    """Its pane shows the headline's star; f toggles that favourite (no second copy), and
    reading the pane reads the headline: the list and the unread count say so."""
    harbour, *others = store.headlines(View("all"), limit=6)
    nadal = others[3]
    store.set_favourite(nadal.id, True)
    seen = Story(title="Nadal keeps Spain alive", url=f"{nadal.url}#comments")
    page_with_related(store, harbour, (seen,))
    app = make_app()
    async with reading(app, (200, 50)) as (pilot, screen):

        def unread() -> int:
            return int(str(screen.feeds_tree._smart["unread"].label).split()[-1])

        before = unread()
        await pilot.press("enter")
        await settle(pilot)
        main, aside = screen.deck.panes
        assert aside.state.article_id == nadal.id
        # on screen beside the story, it is loaded as that headline at once: its star and title
        assert aside.state.favourite and f"★ {nadal.title}" in screen_text(app)
        meta = pane_text(aside, "meta")
        assert meta.startswith(f"{nadal.feed_title} · ") and " · 2024-" in meta  # its date
        await pilot.press("2")  # reading it reads the headline
        await settle(pilot)
        assert store.article(nadal.id).is_read
        await pilot.press("f")  # it is a favourite already: f takes it out
        await settle(pilot)
        assert store.favourites() == [] and not aside.state.favourite
        await pilot.press("f")
        await settle(pilot)
        assert [a.id for a in store.favourites()] == [nadal.id] and aside.state.favourite
        await pilot.press("escape")
        await pilot.pause(0.6)  # the counts are re-read shortly after a change
        await settle(pilot)
        row = next(a for a in screen.table.articles if a.id == nadal.id)
        assert row.is_read and row.is_favourite
        assert unread() == before - 2  # the story opened and the one read beside it
        assert str(screen.feeds_tree._smart["favourites"].label) == "Favourites 1"
        assert main.state.article_id == harbour.id and not main.state.favourite


async def test_a_related_pane_not_loaded_yet_says_so_and_not_that_the_story_is_empty(
    make_app, store
) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    with LocalServer() as server:
        teaser = Story(title="A teaser whose page is gone", url=server.url("/gone"))
        page_with_related(store, article, (teaser,))
        app = make_app()
        async with reading(app, (80, 50)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            aside = screen.deck.panes[1]
            assert not aside.display  # behind a tab (one on screen loads by itself): not loaded
            assert server.hits("/gone") == 0
            assert "Not loaded yet: move to this pane to load it." in pane_text(aside, "note")
            assert pane_text(aside, "summary") == "" and "no text" not in pane_text(aside, "body")
            assert pane_text(aside, "meta").startswith("from the same page")
            assert "0 of 0" not in screen_text(app)
            await pilot.press("2")
            await settle(pilot)
            note = pane_text(aside, "note")
            assert "404" in note and "Not loaded" not in note
            assert "try again" not in note  # a 404 will not mend: no promise that it might
            assert pane_text(aside, "summary") == ""
            await pilot.press("enter")  # asked for all the same
            await settle(pilot)
            assert server.hits("/gone") == 2


async def test_a_related_page_that_may_come_back_offers_to_try_again(make_app, store) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    with LocalServer() as server:
        server.route("/busy", status=503, body=b"busy")
        teaser = Story(title="A teaser whose server is busy", url=server.url("/busy"))
        page_with_related(store, article, (teaser,))
        app = make_app()
        async with reading(app, (200, 50)) as (pilot, screen):
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            note = pane_text(screen.deck.panes[1], "note")
            assert "503" in note and note.endswith("Press Enter to try again.")
            page = (
                b"<html><body><article><p>" + b"Back now. " * 40 + b"</p></article></body></html>"
            )
            server.route("/busy", body=page, headers={"Content-Type": "text/html"})
            await pilot.press("enter")
            await settle(pilot)
            assert "Back now." in pane_text(screen.deck.panes[1], "body")


async def test_every_pane_gives_its_date_one_way_and_no_age_copied_from_a_page(
    make_app, store
) -> None:
    article = store.headlines(View("all"), limit=1)[0]
    text = "They fear losing their moorings. The vote is next month."
    related = (
        Story(
            title="Posted a while ago", source="Harbour News", published="33 minutes ago", text=text
        ),
        Story(title="From an old page", source="Harbour News", published="2019-03-02", text=text),
    )
    page_with_related(store, article, related)
    app = make_app()
    async with reading(app, (200, 50)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        main, relative, dated = (pane_text(p, "meta") for p in screen.deck.panes)
        assert "UTC · " in main and " ago" in main  # the feed's date, as in the list
        assert relative.startswith("Harbour News · from the same page")
        assert "minutes" not in relative and " ago" not in relative
        assert dated.startswith("Harbour News · 2019-03-02 · from the same page")


LONG_TITLE = "Wintergreen urges the council to rethink the harbour plan before next month's vote"


def shown_of(title: str, line: str) -> int:
    """How many characters of ``title`` (from its start) ``line`` shows."""
    return next((k for k in range(len(title), 0, -1) if title[:k] in line), 0)


def long_story_in_three_feeds(store: Store) -> None:
    """One story, newest of all, reported by every feed under a long title, grouped."""
    from datetime import timedelta

    from reader.models import ParsedEntry

    from .conftest import NOW

    for n, feed in enumerate(store.feeds()):
        entry = ParsedEntry(
            guid=f"long-{n}",
            url=f"http://127.0.0.1:9/long/{n}.html",
            title=LONG_TITLE,
            published=NOW - timedelta(minutes=5 + n),
            summary_text=f"{LONG_TITLE}. The harbour plan is debated again.",
        )
        store.upsert_entries(feed.id, [entry], now=NOW)
    long = [a for a in store.headlines(View("all"), limit=100) if a.title == LONG_TITLE]
    for article in long:
        store.set_group(article.id, 7)


async def test_collapsed_titles_keep_their_room_at_80_columns(make_app, store) -> None:
    long_story_in_three_feeds(store)
    app = make_app()
    async with reading(app, (80, 24)) as (pilot, screen):
        every = screen.table.render_line(0).text
        await pilot.press("c")
        await settle(pilot)
        line = screen.table.render_line(0).text
        assert line.split()[1] == "+2", line  # the other two sources, in the marker column
        # the title has as much room as with every headline listed: nothing after it
        assert shown_of(LONG_TITLE, line) == shown_of(LONG_TITLE, every) >= 30, (line, every)
        assert line.rstrip().endswith("…"), line


async def test_back_on_the_list_beside_a_story_the_titles_get_the_source_column(
    make_app, store
) -> None:
    long_story_in_three_feeds(store)
    app = make_app()
    async with reading(app, (120, 40)) as (pilot, screen):
        before = shown_of(LONG_TITLE, screen.table.render_line(0).text)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("shift+tab")  # from the story back to the list, the story beside it
        await settle(pilot)
        assert screen.table.has_focus and screen.deck.display
        line = screen.table.render_line(0).text
        assert shown_of(LONG_TITLE, line) >= 36, line
        assert before >= shown_of(LONG_TITLE, line)


@pytest.mark.parametrize("width", [120, 159])
async def test_beside_the_list_the_story_closes_when_the_cursor_moves_off_it(
    make_app, store, width: int
) -> None:
    app = make_app()
    async with reading(app, (width, 40)) as (pilot, screen):
        list_width = screen.table.region.width
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("shift+tab")  # to the list, the story kept beside it
        await settle(pilot)
        assert screen.table.has_focus and screen.reading and screen.deck.region.width > 0
        await pilot.press("j")  # another headline: the story beside it is no longer the one
        await pilot.pause(0.3)
        await settle(pilot)
        assert not screen.reading and screen.table.region.width == list_width
        await pilot.press("k", "enter", "shift+tab", "n")  # n from the list, reading: opens
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.reading and screen.deck.panes[0].state.article_id == screen.table.current.id


@pytest.mark.parametrize("width", [80, 100, 120, 159])
async def test_one_escape_from_a_story_gives_the_headlines_their_whole_width_back(
    make_app, store, width: int
) -> None:
    # below WIDE columns a story shares the screen with the list only while it is read
    long_story_in_three_feeds(store)
    app = make_app()
    async with reading(app, (width, 40)) as (pilot, screen):
        before = screen.table.render_line(0).text
        list_width = screen.table.region.width
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reading and app.focused is screen.deck.panes[0]
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.has_focus and not screen.reading
        assert screen.table.region.width == list_width
        assert screen.deck.region.width == 0
        assert screen.table.render_line(0).text.rstrip() == before.rstrip().replace("●", " ", 1)


async def test_a_click_on_the_tabs_left_out_goes_back_a_pane(make_app, store) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    others = store.headlines(View("all"), limit=6)[1:]
    store.set_related(first.id, [(a.id, 0.9 - n / 10) for n, a in enumerate(others)])
    app = make_app()
    async with reading(app, (80, 24)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        deck = screen.deck
        panes = deck.panes
        await pilot.press("4")
        await settle(pilot)
        tabs = deck.query_one("#pane-tabs")
        line = screen_text(app).splitlines()[tabs.region.y]
        assert " … " in line and " 3 " not in line  # the strip starts at the pane shown
        await pilot.click(tabs, offset=(line.index(" … ") + 1 - tabs.region.x, 0))
        await settle(pilot)
        assert deck.active_pane is panes[2] and app.focused is panes[2]
        line = screen_text(app).splitlines()[tabs.region.y]
        assert " 3 " in line and " 4 " in line


async def test_z_where_the_story_has_the_whole_screen_says_so_and_is_not_kept(
    make_app, store
) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    others = store.headlines(View("all"), limit=3)[1:]
    store.set_related(first.id, [(a.id, 0.9 - n / 10) for n, a in enumerate(others)])
    app = make_app()
    async with reading(app, (80, 24)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("z")
        await settle(pilot)
        said = [str(n.message) for n in app._notifications]
        assert any("already has the whole screen" in m for m in said), said
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        # wider, the story is beside the list with its panes, not maximised behind the user's back
        assert not screen.has_class("-maximised") and not screen.deck.maximised
        assert screen.table.display and len([p for p in screen.deck.panes if p.display]) > 1
