"""A search started from a list other than All searches that list (Favourites, a feed…), says
so in the prompt's title and the status line, and Tab in the prompt widens it to every story.
From All it searches every story, as it always did."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.models import View
from reader.store import Store
from reader.tui.screens.main import MainScreen
from reader.tui.screens.search import SearchScreen
from tests.tui.conftest import running, screen_text, settle


def status(screen: MainScreen) -> str:
    return str(screen.query_one("#status").render())


def prompt_title(pilot: Pilot[None]) -> str:
    prompt = pilot.app.screen
    assert isinstance(prompt, SearchScreen)
    return str(prompt.query_one("#search-box").border_title)


async def open_prompt(pilot: Pilot[None]) -> None:
    await pilot.press("slash")
    await settle(pilot)


async def submit(pilot: Pilot[None], words: str) -> None:
    await pilot.press(*("space" if c == " " else c for c in words), "enter")
    await settle(pilot)


def titles(screen: MainScreen) -> list[str]:
    return [a.title for a in screen.table.articles]


async def test_a_search_in_favourites_finds_only_favourites_and_tab_widens_it(
    make_app, store: Store
) -> None:
    saved = [
        "World Wire story number 0",
        "Tech Daily story number 0",
        "Tech Daily story number 1",
    ]
    for article in store.headlines(View("all"), limit=100):
        if article.title in saved:
            store.set_favourite(article.id, True)
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("favourites"))
        await settle(pilot)
        await open_prompt(pilot)
        assert prompt_title(pilot) == "Search Favourites only"
        assert "Tab: search every story instead" in screen_text(pilot.app)
        await submit(pilot, "Daily")
        # the favourites that match, not the ten other Tech Daily stories
        assert sorted(titles(screen)) == ["Tech Daily story number 0", "Tech Daily story number 1"]
        assert status(screen).startswith("Search in Favourites: Daily  ")
        assert screen.feeds_tree.cursor_node.data == View("favourites")

        await open_prompt(pilot)  # the same search, widened
        assert prompt_title(pilot) == "Search Favourites only"
        await pilot.press("tab")
        assert prompt_title(pilot) == "Search all headlines and stories"
        assert "Tab: search Favourites only" in screen_text(pilot.app)
        await pilot.press("enter")
        await settle(pilot)
        assert len(titles(screen)) == 12 and all("Tech Daily" in t for t in titles(screen))
        assert status(screen).startswith("Search: Daily  ")

        await open_prompt(pilot)  # and narrowed again
        assert prompt_title(pilot) == "Search all headlines and stories"
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert len(titles(screen)) == 2

        await pilot.press("escape")  # back to the list searched
        await settle(pilot)
        assert screen.table.view == View("favourites")
        assert len(titles(screen)) == 3


async def test_a_search_in_a_feed_finds_its_stories_and_says_how_to_widen(
    make_app, store: Store
) -> None:
    tech = next(f for f in store.feeds() if f.title == "Tech Daily")
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=tech.id))
        await settle(pilot)
        await open_prompt(pilot)
        assert prompt_title(pilot) == "Search Tech Daily only"
        await submit(pilot, "number 3")
        assert titles(screen) == ["Tech Daily story number 3"]
        assert status(screen).startswith("Search in Tech Daily: number 3  ")
        assert "story number 3" in screen_text(pilot.app)

        await open_prompt(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert sorted(titles(screen)) == [
            "Science Post story number 3",
            "Tech Daily story number 3",
            "World Wire story number 3",
        ]

        await open_prompt(pilot)
        await pilot.press("tab")  # back to the feed alone
        await pilot.press(*["backspace"] * 20)
        await submit(pilot, "zzzq")
        assert titles(screen) == []
        shown = " ".join(screen_text(pilot.app).split())
        assert "Nothing here matches this search. / then Tab searches every story" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert screen.table.view == View("feed", feed_id=tech.id)


async def test_a_search_from_all_searches_every_story_as_before(make_app) -> None:
    async with running(make_app(), (120, 30)) as (pilot, screen):
        assert screen.table.view == View("all")
        await open_prompt(pilot)
        assert prompt_title(pilot) == "Search all headlines and stories"
        assert "Tab:" not in screen_text(pilot.app)  # nothing narrower to search
        await pilot.press("tab")
        assert prompt_title(pilot) == "Search all headlines and stories"
        await submit(pilot, "Daily")
        assert screen.table.view == View("search", query="Daily")
        assert len(titles(screen)) == 12
        assert status(screen).startswith("Search: Daily  ")


async def test_the_prompt_names_a_feed_with_brackets_in_its_title_as_it_is(
    make_app, store: Store
) -> None:
    tech = next(f for f in store.feeds() if f.title == "Tech Daily")
    store.update_feed(tech.id, title="[bold red]Tech[/] Daily")
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=tech.id))
        await settle(pilot)
        await open_prompt(pilot)
        assert "Search [bold red]Tech[/] Daily only" in screen_text(pilot.app)
        await pilot.press("tab")
        assert "Tab: search [bold red]Tech[/] Daily only" in screen_text(pilot.app)


async def test_a_in_a_searched_list_says_it_marked_the_matches(make_app, store: Store) -> None:
    """A in a feed searched marks its matches read and says so in words ("… matching “number
    3” read in Tech Daily"), not "read in Search in Tech Daily: number 3"; in a search of every
    story, without a list's name."""
    tech = next(f for f in store.feeds() if f.title == "Tech Daily")
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.go_to_view(View("feed", feed_id=tech.id))
        await settle(pilot)
        await open_prompt(pilot)
        await submit(pilot, "number 3")
        screen.table.focus()
        await pilot.press("A")
        await settle(pilot)
        said = [str(n.message) for n in pilot.app._notifications]
        assert "Marked 1 headline matching “number 3” read in Tech Daily. U undoes it." in said
        assert sum(not a.is_read for a in store.headlines(View("feed", feed_id=tech.id))) == 11

        await pilot.press("escape")
        await settle(pilot)
        screen.go_to_view(View("all"))
        await settle(pilot)
        await open_prompt(pilot)
        await submit(pilot, "number 4")
        screen.table.focus()
        pilot.app.clear_notifications()
        await pilot.press("A")
        await settle(pilot)
        said = [str(n.message) for n in pilot.app._notifications]
        assert "Marked 3 headlines matching “number 4” read. U undoes it." in said, said
