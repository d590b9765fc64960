"""L's list says a listed report's address once: a report listed under the opened story
("Also reported") has its address on a dim line of its own under its headline, and the line
under the list (the highlighted link's whole address) then said it again just below it,
"127.0.0.1:9/gw/quake-3" and "http://127.0.0.1:9/gw/quake-3". An address made short in the
list (its middle left out) is still shown whole under it."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList, Static

from reader.models import ParsedEntry, View
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.links import LinksScreen

from .conftest import NOW, running, screen_text, settle

HEADLINE = (
    "UPDATE {n}-Chile earthquake death toll rises to {n} as engineers inspect the damaged "
    "buildings of Valparaiso and the tsunami warning is lifted along the coast"
)


def _reports(store: Store, url: str) -> list[int]:
    """Twelve reports of one story, newest first: the opened one, eight beside, three listed."""
    feeds = store.feeds()
    for n in range(12):
        entry = ParsedEntry(
            guid=f"quake-{n}",
            url=url.format(n=n),
            title=HEADLINE.format(n=n),
            published=NOW - timedelta(minutes=5 + n),
            summary_text=f"Report {n}. The death toll rose, officials said on Saturday.",
        )
        store.upsert_entries(feeds[n % len(feeds)].id, [entry], now=NOW)
    ids = [a.id for a in store.headlines(View("all"), limit=100) if a.title.startswith("UPD")]
    store.save_grouping([(i, 7, None) for i in ids], [], [])
    return ids


async def _listed_links(make_app, store: Store, url: str):
    ids = _reports(store, url)
    app: NewsReaderApp = make_app()
    async with running(app, (120, 40)) as (pilot, screen):
        await screen.open_article(store.article(ids[0]))
        await settle(pilot)
        listed = [m.story.url for m in screen.deck.panes[0].state.more]
        assert len(listed) == 3
        await pilot.press("L")
        await settle(pilot)
        links = app.screen
        assert isinstance(links, LinksScreen)
        options = links.query_one(OptionList)
        shown = []
        for address in listed:
            options.highlighted = links.links.index(address)
            await settle(pilot)
            under = str(links.query_one("#links-url", Static).content)
            shown.append((address, under, screen_text(app)))
        return shown


async def test_a_listed_reports_address_is_said_once(make_app, store: Store) -> None:
    for address, under, text in await _listed_links(
        make_app, store, "http://127.0.0.1:9/gw/quake-{n}"
    ):
        short = address.removeprefix("http://")
        assert short not in under, under
        assert text.count(short) == 1, text


async def test_an_address_made_short_in_the_list_is_shown_whole_under_it(
    make_app, store: Store
) -> None:
    for address, under, _ in await _listed_links(
        make_app, store, "http://127.0.0.1:9/world/2024/06/01/quake-{n}.html"
    ):
        assert under == address
