"""In a story's links list (L), a number typed goes to the link of that number, as the story's
text shows it ("[12]"); "1" then "2" typed quickly is link 12, as in newsboat."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from reader.models import Block, Page, Story, View
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.links import NUMBER_PAUSE, LinksScreen
from reader.tui.screens.main import MainScreen

from .conftest import settle

LINKS = tuple(f"https://example.org/notes/{n}.html" for n in range(1, 15))  # [1] to [14]


def story_with_links(store: Store) -> None:
    """The first headline's page, cached: a story whose text numbers fourteen links."""
    first = store.headlines(View("all"), limit=1)[0]
    words = " ".join(f"note {n} [{n}]" for n in range(1, len(LINKS) + 1))
    text = " ".join(f"note {n}" for n in range(1, len(LINKS) + 1))
    story = Story(title=first.title, text=text, blocks=(Block("p", words),), links=LINKS)
    store.put_page(first.id, Page(main=story), "page")


class Clock:
    """A clock the test moves by hand (the pause between two digits)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def open_links(
    app: NewsReaderApp, pilot: Pilot[None]
) -> tuple[LinksScreen, Clock, list[str]]:
    """The story opened and its links listed; the list's clock and what the browser opened."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    opened: list[str] = []
    screen.launch_browser = opened.append  # type: ignore[method-assign,assignment]
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("L")
    await settle(pilot)
    links = app.screen
    assert isinstance(links, LinksScreen)
    clock = Clock()
    links._clock = clock
    return links, clock, opened


def highlighted(links: LinksScreen) -> int | None:
    """The number of the highlighted link (1 for the first)."""
    index = links.query_one(OptionList).highlighted
    return None if index is None else index + 1


def whole_url(links: LinksScreen) -> str:
    return str(links.query_one("#links-url", Static).content)


async def test_a_digit_goes_to_that_link_and_two_typed_quickly_make_one_number(
    make_app, store
) -> None:
    story_with_links(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        links, clock, opened = await open_links(app, pilot)
        assert highlighted(links) == 1
        await pilot.press("3")
        await pilot.pause()
        assert highlighted(links) == 3
        assert whole_url(links) == LINKS[2]  # the whole address under the list follows
        clock.now += 5  # a pause: the next digit starts a number of its own
        await pilot.press("1", "2")  # quickly (the clock does not move): twelve
        await pilot.pause()
        assert highlighted(links) == 12
        assert isinstance(app.screen, LinksScreen)  # digits are not the main screen's panes
        await pilot.press("enter")  # and Enter opens that one
        assert opened == [LINKS[11]]


async def test_a_digit_after_a_pause_or_past_the_last_link_starts_a_new_number(
    make_app, store
) -> None:
    story_with_links(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        links, clock, _ = await open_links(app, pilot)
        await pilot.press("1")
        clock.now += NUMBER_PAUSE + 0.5  # typed after a pause: 2, not 12
        await pilot.press("2")
        await pilot.pause()
        assert highlighted(links) == 2
        clock.now += NUMBER_PAUSE + 0.5
        await pilot.press("1", "5")  # there is no link 15: 5
        await pilot.pause()
        assert highlighted(links) == 5
        clock.now += NUMBER_PAUSE + 0.5
        await pilot.press("1", "4")  # the last one
        await pilot.pause()
        assert highlighted(links) == 14


async def test_a_number_with_no_link_says_so_and_stays_put(make_app, store) -> None:
    story_with_links(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        links, clock, _ = await open_links(app, pilot)
        await pilot.press("7")
        clock.now += NUMBER_PAUSE + 0.5
        await pilot.press("0")
        await pilot.pause()
        assert highlighted(links) == 7
        said = [str(n.message) for n in app._notifications]
        assert "No link [0]: this story has 14 links." in said
        # the list's own keys are as they were: y copies the highlighted link
        await pilot.press("y")
        assert app.clipboard == LINKS[6]
