"""With one headline per story (c), the row stands for the story: it is unread while one of the
story's reports (those the view lists) is, and opening it, u, A and U, and H treat the story as
one, whichever report the row shows."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.models import Article, View
from reader.store import Store
from reader.tui.screens.main import MainScreen

from .conftest import make_config, running, settle


def make_story(store: Store) -> tuple[Article, list[Article]]:
    """Three reports of one story from three feeds: (the one standing for it, the others)."""
    rows = store.headlines(View("all"), limit=100)
    newest = rows[0]
    others = [a for a in rows if a.feed_id != newest.feed_id]
    second = others[0]
    central = next(a for a in others if a.feed_id != second.feed_id)
    story = [newest, second, central]
    for article in story:
        store.set_group(article.id, 9)
    store.set_related(central.id, [(a.id, 0.5) for a in story if a is not central])
    return central, [newest, second]


def story_row(screen: MainScreen, lead: Article) -> Article:
    [row] = [a for a in screen.table.articles if a.group_id == 9]
    assert row.id == lead.id  # the report standing for the story
    return row


def read_states(store: Store, articles: list[Article]) -> list[bool]:
    states = []
    for article in articles:
        found = store.article(article.id)
        assert found is not None
        states.append(found.is_read)
    return states


async def to_row(pilot: Pilot[None], screen: MainScreen, lead: Article) -> None:
    screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(lead.id))
    await settle(pilot)


async def test_a_story_row_is_unread_while_any_of_its_reports_is(make_app, store) -> None:
    lead, others = make_story(store)
    store.set_read([lead.id, others[0].id], True)  # the shown report read, another one not
    app = make_app(make_config(collapse_groups=True))
    async with running(app) as (pilot, screen):
        assert not story_row(screen, lead).is_read
        row_line = screen.table.render_line(0).text
        assert lead.title in row_line and "●" in row_line
        # the last unread report read (its pane visited, say): the row is read
        store.set_read([others[1].id], True)
        screen.on_main_screen_read_changed(MainScreen.ReadChanged([others[1].id], True))
        await settle(pilot)
        assert story_row(screen, lead).is_read
        # and c back: each headline its own state
        await pilot.press("c")
        await settle(pilot)
        states = {a.id: a.is_read for a in screen.table.articles}
        assert states[lead.id] and states[others[0].id] and states[others[1].id]


async def test_u_and_opening_a_story_row_mark_its_story(make_app, store) -> None:
    lead, others = make_story(store)
    story = [lead, *others]
    store.set_read([lead.id], True)
    app = make_app(make_config(collapse_groups=True))
    async with running(app) as (pilot, screen):
        await to_row(pilot, screen, lead)
        screen.table.focus()
        await pilot.press("u")  # unread (a report is): read, all of it
        await settle(pilot)
        assert read_states(store, story) == [True, True, True]
        assert story_row(screen, lead).is_read
        await pilot.press("u")  # and unread again, all of it
        await settle(pilot)
        assert read_states(store, story) == [False, False, False]
        assert not story_row(screen, lead).is_read

        await pilot.press("enter")  # opened: the story is read
        await settle(pilot)
        assert read_states(store, story) == [True, True, True]
        assert story_row(screen, lead).is_read
        await pilot.press("u")  # u in its pane: the story again
        await settle(pilot)
        assert read_states(store, story) == [False, False, False]
        assert not story_row(screen, lead).is_read


async def test_A_and_U_and_H_agree_with_a_story_row(make_app, store) -> None:
    lead, others = make_story(store)
    store.set_read([lead.id], True)
    app = make_app(make_config(collapse_groups=True))
    async with running(app) as (pilot, screen):
        screen.table.focus()
        await pilot.press("A")
        await settle(pilot)
        assert story_row(screen, lead).is_read
        await pilot.press("U")  # exactly what A marked: the two unread reports
        await settle(pilot)
        assert read_states(store, [lead, *others]) == [True, False, False]
        assert not story_row(screen, lead).is_read

        await pilot.press("H")  # read hidden: the story is listed, for its unread reports
        await settle(pilot)
        assert 9 in {a.group_id for a in screen.table.articles}
        assert all(not a.is_read for a in screen.table.articles)
        await pilot.press("H")
        await settle(pilot)
        store.set_read([a.id for a in others], True)  # every report read: hidden with H
        await pilot.press("H")
        await settle(pilot)
        assert 9 not in {a.group_id for a in screen.table.articles}


async def test_without_collapsing_u_marks_one_headline(make_app, store) -> None:
    lead, others = make_story(store)
    app = make_app(make_config())
    async with running(app) as (pilot, screen):
        await to_row(pilot, screen, lead)
        screen.table.focus()
        await pilot.press("u")
        await settle(pilot)
        assert read_states(store, [lead, *others]) == [True, False, False]
