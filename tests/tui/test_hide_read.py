"""H hides read headlines in a feed, a category, All and Today (newsboat's show-read-articles),
and lists them again; what a newsboat user expects of it while reading, and across restarts."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.config import Config
from reader.models import View
from reader.store import Store, open_store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen

from .conftest import build_store, make_config, new_app, running, screen_text, settle


def first_feed(store: Store) -> View:
    return View("feed", feed_id=store.feeds()[0].id)


async def go_to(pilot: Pilot[None], screen: MainScreen, view: View) -> None:
    screen.go_to_view(view)
    await settle(pilot)


def listed(screen: MainScreen) -> list[int]:
    return [a.id for a in screen.table.articles]


def tree_labels(screen: MainScreen) -> list[str]:
    tree = screen.feeds_tree
    nodes = [*tree.root.children, *(leaf for n in tree.root.children for leaf in n.children)]
    return [str(node.label) for node in nodes]


async def test_H_hides_the_read_headlines_of_a_feed_and_lists_them_again(make_app, store) -> None:
    view = first_feed(store)
    ids = [a.id for a in store.headlines(view)]
    store.set_read(ids[::2], True)
    async with running(make_app()) as (pilot, screen):
        await go_to(pilot, screen, view)
        assert listed(screen) == ids
        screen.table.move_cursor(row=3)  # an unread one
        counts = tree_labels(screen)

        await pilot.press("H")
        await settle(pilot)

        assert listed(screen) == ids[1::2]
        assert screen.table.current is not None and screen.table.current.id == ids[3]
        assert "read hidden (H shows them)" in screen_text(screen.app)
        assert tree_labels(screen) == counts  # the counts are of every headline, as before

        await pilot.press("H")
        await settle(pilot)
        assert listed(screen) == ids
        assert screen.table.current is not None and screen.table.current.id == ids[3]
        assert "read hidden" not in screen_text(screen.app)


async def test_hiding_from_a_read_headline_goes_to_the_next_unread_one(make_app, store) -> None:
    view = first_feed(store)
    ids = [a.id for a in store.headlines(view)]
    store.set_read(ids[:5], True)
    async with running(make_app()) as (pilot, screen):
        await go_to(pilot, screen, view)
        screen.table.move_cursor(row=2)
        await pilot.press("H")
        await settle(pilot)
        assert screen.table.current is not None and screen.table.current.id == ids[5]


async def test_a_story_read_while_hidden_stays_listed_until_the_list_is_read_again(
    make_app, store
) -> None:
    view = first_feed(store)
    ids = [a.id for a in store.headlines(view)]
    async with running(make_app(), (100, 30)) as (pilot, screen):  # a story takes the screen
        await go_to(pilot, screen, view)
        await pilot.press("H")
        await settle(pilot)
        await pilot.press("enter")  # opened, so read
        await settle(pilot)
        assert store.article(ids[0]).is_read
        await pilot.press("n")  # the next unread, opened: the list did not move under it
        await settle(pilot)
        assert listed(screen) == ids
        assert screen.table.current is not None and screen.table.current.id == ids[1]
        await pilot.press("escape")
        await settle(pilot)
        assert listed(screen) == ids and screen.table.cursor_row == 1

        screen.table.reload()  # a refresh's: the read ones go, the cursor's stays under it
        await settle(pilot)
        assert listed(screen) == [ids[1], *ids[2:]]
        assert screen.table.current is not None and screen.table.current.id == ids[1]

        await pilot.press("J", "K")  # listed again from the start: every read one is gone
        await settle(pilot)
        assert listed(screen) == ids[2:]


async def test_u_on_a_hidden_list_keeps_the_row_where_it_is(make_app, store) -> None:
    view = first_feed(store)
    *ids, last = [a.id for a in store.headlines(view)]
    store.set_read([last], True)
    async with running(make_app()) as (pilot, screen):
        await go_to(pilot, screen, view)
        await pilot.press("H")
        await settle(pilot)
        assert listed(screen) == ids
        await pilot.press("j", "u", "j")
        await settle(pilot)
        assert listed(screen) == ids
        assert screen.table.articles[1].is_read and screen.table.cursor_row == 2
        await pilot.press("N")  # back over the read one to the previous unread
        assert screen.table.cursor_row == 0


async def test_an_empty_list_says_read_headlines_are_hidden_and_which_key_shows_them(
    make_app, store
) -> None:
    view = first_feed(store)
    store.mark_view_read(view)
    config = make_config(keys={"hide_read": "v"})
    async with running(make_app(config)) as (pilot, screen):
        await go_to(pilot, screen, view)
        await pilot.press("v")
        await settle(pilot)
        assert listed(screen) == []
        text = " ".join(screen_text(screen.app).split())  # the message may wrap
        assert "Read headlines are hidden: v shows them." in text
        await pilot.press("v")
        await settle(pilot)
        assert len(listed(screen)) == store.count(view)


async def test_hiding_applies_to_categories_all_and_today_not_favourites_or_a_search(
    make_app, store
) -> None:
    every = store.headlines(View("all"), limit=100)
    store.set_read([a.id for a in every[::3]], True)
    store.set_favourite(every[0].id, True)  # read, and a favourite
    async with running(make_app()) as (pilot, screen):
        await pilot.press("H")
        await settle(pilot)
        assert set(listed(screen)) == {
            a.id for a in every if a.id not in {x.id for x in every[::3]}
        }
        category = View("category", category=store.feeds()[0].category)
        await go_to(pilot, screen, category)
        assert not any(a.is_read for a in screen.table.articles)
        assert listed(screen) == [a.id for a in store.headlines(category) if not a.is_read]
        await go_to(pilot, screen, View("favourites"))
        assert listed(screen) == [every[0].id]
        assert "read hidden" not in screen_text(screen.app)
        await go_to(pilot, screen, View("search", query="story"))
        assert any(a.is_read for a in screen.table.articles)


def restart_app(path: Path, config: Config) -> NewsReaderApp:
    return new_app(open_store(path), config)


async def test_the_choice_is_kept_across_restarts_until_the_config_changes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.db"
    build_store(path).close()
    view_of = first_feed
    app = restart_app(path, make_config())
    async with running(app) as (pilot, screen):
        assert not screen.table.hide_read
        await go_to(pilot, screen, view_of(app.store))
        await pilot.press("u", "H")  # the first read, then hidden
        await settle(pilot)
        hidden = listed(screen)
    app.keep_place()  # as the reader does once closed
    app.store.close()

    app = restart_app(path, make_config())
    async with running(app) as (pilot, screen):
        assert screen.table.hide_read and screen.table.view == view_of(app.store)
        assert listed(screen) == hidden
        assert "read hidden" in screen_text(app)
    app.store.close()

    # show_read = false in the config: it starts hidden, and the config (changed since H's
    # choice) wins
    app = restart_app(path, make_config(show_read=False))
    async with running(app) as (pilot, screen):
        assert screen.table.hide_read
        await pilot.press("H")  # shown, against the config: kept as chosen
        await settle(pilot)
    app.store.close()
    app = restart_app(path, make_config(show_read=False))
    async with running(app) as (_pilot, screen):
        assert not screen.table.hide_read
    app.store.close()
    app = restart_app(path, make_config(show_read=True))  # the config changed again: it wins
    async with running(app) as (_pilot, screen):
        assert not screen.table.hide_read
    app.store.close()
