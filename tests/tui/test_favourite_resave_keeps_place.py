"""f twice on a favourite (taken out, put back: a slip undone) leaves it where it was in
Favourites, with its first saved time, so the cursor is still on it and a third f acts on it,
not on the story that would have moved under the cursor. In Unread, a headline u marked read
stays under the cursor when the list is read again (a refresh), so u again marks it back."""

from __future__ import annotations

from datetime import timedelta

from reader.models import View
from reader.store import Store
from reader.tui.screens.main import MainScreen
from tests.tui.conftest import NOW, running, settle


def listed(screen: MainScreen) -> list[int]:
    return [a.id for a in screen.table.articles]


def cursor_id(screen: MainScreen) -> int:
    current = screen.table.current
    assert current is not None
    return current.id


async def test_f_twice_in_favourites_leaves_the_story_and_the_cursor_in_place(
    make_app, store: Store
) -> None:
    first, second, third = store.headlines(View("all"), limit=3)
    saved = {first.id: NOW - timedelta(days=1), second.id: NOW - timedelta(days=2)}
    saved[third.id] = NOW - timedelta(days=3)
    for article_id, when in saved.items():
        store.set_favourite(article_id, True, saved_at=when)
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        assert listed(screen) == [first.id, second.id, third.id]
        await pilot.press("down")  # row 2
        assert cursor_id(screen) == second.id
        await pilot.press("f")  # taken out: it stays listed, unstarred
        await settle(pilot)
        assert not store.article(second.id).is_favourite  # type: ignore[union-attr]
        await pilot.press("f")  # put back
        await settle(pilot)
        kept = store.article(second.id)
        assert kept is not None and kept.is_favourite
        assert kept.favourited_at == saved[second.id]  # its first saved time, kept
        assert listed(screen) == [first.id, second.id, third.id]
        assert screen.table.cursor_row == 1 and cursor_id(screen) == second.id
        await pilot.press("f")  # a third f takes out that story, not another
        await settle(pilot)
        assert [a.id for a in store.favourites()] == [first.id, third.id]
        screen.go_to_view(View("all"))
        await settle(pilot)
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        assert listed(screen) == [first.id, third.id]


async def test_a_favourite_put_back_from_a_story_pane_keeps_its_place(
    make_app, store: Store
) -> None:
    first, second = store.headlines(View("all"), limit=2)
    store.set_favourite(first.id, True, saved_at=NOW - timedelta(days=1))
    store.set_favourite(second.id, True, saved_at=NOW - timedelta(days=2))
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        await pilot.press("down", "enter")  # the second favourite, read in its pane
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert [a.id for a in store.favourites()] == [first.id, second.id]
        assert listed(screen) == [first.id, second.id] and cursor_id(screen) == second.id


async def test_a_favourite_saved_again_after_leaving_the_list_is_saved_anew(
    make_app, store: Store
) -> None:
    first, second = store.headlines(View("all"), limit=2)
    store.set_favourite(first.id, True, saved_at=NOW - timedelta(days=1))
    store.set_favourite(second.id, True, saved_at=NOW - timedelta(days=2))
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        await pilot.press("down", "f")
        await settle(pilot)
        screen.go_to_view(View("all"))  # another list: the next f on it is a new save
        await settle(pilot)
        screen.table.move_cursor(row=1)
        assert cursor_id(screen) == second.id
        await pilot.press("f")
        await settle(pilot)
        assert [a.id for a in store.favourites()] == [second.id, first.id]


async def test_u_in_unread_then_a_refresh_leaves_the_cursor_on_the_headline_marked(
    make_app, store: Store
) -> None:
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("unread"))
        await settle(pilot)
        await pilot.press("down")
        marked = cursor_id(screen)
        await pilot.press("u")
        await settle(pilot)
        screen.table.reload()  # as a refresh, or another process's change, reads it again
        await settle(pilot)
        assert cursor_id(screen) == marked and screen.table.cursor_row == 1
        await pilot.press("u")  # u again gives back that one
        await settle(pilot)
        assert not store.article(marked).is_read  # type: ignore[union-attr]
        assert store.count(View("unread")) == store.count(View("all"))


async def test_a_story_taken_out_of_favourites_stays_under_the_cursor_when_the_list_is_read_again(
    make_app, store: Store
) -> None:
    first, second, third = store.headlines(View("all"), limit=3)
    for days, article in enumerate((first, second, third), start=1):
        store.set_favourite(article.id, True, saved_at=NOW - timedelta(days=days))
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        await pilot.press("down", "f")  # the second taken out
        await settle(pilot)
        screen.table.reload()  # as a refresh, or another process's change, reads it again
        await settle(pilot)
        assert listed(screen) == [first.id, second.id, third.id]
        assert cursor_id(screen) == second.id and not screen.table.current.is_favourite
        await pilot.press("f")  # f puts that one back, in its place
        await settle(pilot)
        assert [a.id for a in store.favourites()] == [first.id, second.id, third.id]
        assert listed(screen) == [first.id, second.id, third.id] and cursor_id(screen) == second.id
