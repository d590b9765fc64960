"""Another feed's report beside an opened story fetches its page only when its pane comes on
screen or is reached, as a page's teaser does: behind a tab it shows what the store has (its
feed's text) at once. Fetched at once, each report's page held one of the few threads that run
the reader's workers while its server was slow (5 reports, 5 threads), for panes the reader
may never reach, and the headlines, summaries and saves queued behind them."""

from __future__ import annotations

from datetime import timedelta

from reader.models import Page, ParsedEntry, Story, View
from reader.store import Store
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from tests.httpserver import LocalServer

from .conftest import NOW, settle

OPENED = (
    "A strong earthquake of magnitude 6.8 struck off the northern coast of Peru on Saturday, "
    "and the navy issued a tsunami warning for the port of Paita.\n\n"
    "Residents of Paita left their homes for higher ground, local radio reported."
)
# each report's own headline and blurb, and what only its page says
REPORTS = (
    ("Peru quake shakes Paita as residents flee", "Piura lost power in 85,000 homes."),
    ("Tsunami warning for Paita after Peru earthquake", "Two hospitals in Sullana moved to tents."),
    ("Magnitude 6.8 quake strikes off northern Peru", "Fishing boats in Talara stayed in harbour."),
    ("Peru navy warns of tsunami after strong quake", "Schools in Tumbes closed for a day."),
    ("Northern Peru earthquake sends Paita uphill", "The Pan-American road cracked near Sechura."),
)
BLURB = (
    "A magnitude 6.8 earthquake struck off northern Peru on Saturday, prompting a tsunami "
    "warning for the port of Paita, the navy said."
)


def _page(title: str, line: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{BLURB}</p><p>{line} Officials said more would be known by the evening.</p>"
        "<p>Residents were asked to stay away from the beaches until Sunday morning.</p>"
        "</article></body></html>"
    ).encode()


def _reports(store: Store, server: LocalServer) -> int:
    """The opened story (its page stored) and five reports of it from the other feeds, their
    pages served by ``server`` at /r0 ... /r4; the opened story's id."""
    first = store.headlines(View("all"), limit=1)[0]
    store.put_page(first.id, Page(main=Story(title=first.title, text=OPENED)), "page")
    feeds = [f for f in store.feeds() if f.id != first.feed_id]
    for n, (title, line) in enumerate(REPORTS):
        server.route(f"/r{n}", body=_page(title, line), headers={"Content-Type": "text/html"})
        entry = ParsedEntry(
            guid=f"peru-{n}",
            url=server.url(f"/r{n}"),
            title=title,
            published=NOW - timedelta(hours=1, minutes=n),
            summary_text=f"{title}. {BLURB}",
        )
        store.upsert_entries(feeds[n % len(feeds)].id, [entry], now=NOW)
    guids = {f"peru-{n}" for n in range(len(REPORTS))}
    reports = [a for a in store.headlines(View("all"), limit=200) if a.guid in guids]
    assert len(reports) == len(REPORTS)
    store.set_related(first.id, [(a.id, 0.8) for a in reports])
    return first.id


def _path(url: str | None) -> str:
    return "/" + (url or "").rsplit("/", 1)[-1]


async def test_reports_behind_tabs_fetch_their_pages_only_when_reached(
    make_app, store: Store
) -> None:
    with LocalServer() as server:
        opened = _reports(store, server)
        app: NewsReaderApp = make_app()
        async with app.run_test(size=(120, 40)) as pilot:  # one pane fits: the rest are tabs
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened))
            await pilot.press("enter")
            await settle(pilot)
            await settle(pilot)
            deck = screen.deck
            panes = deck.panes
            assert len(panes) == 1 + len(REPORTS)
            assert deck.visible_panes() == [panes[0]]
            # nothing on screen but the opened story (its page stored): nothing fetched
            assert [r.path for r in server.requests] == []
            for pane in panes[1:]:  # each shows its feed's text and its summary at once
                state = pane.state
                assert not state.loading and state.pending
                assert state.source == "feed" and BLURB in state.story.text
                assert state.summary is not None
            # reached by its number: its page is fetched and shown
            second = panes[1]
            path = _path(second.state.story.url)
            await pilot.press("2")
            await settle(pilot)
            await settle(pilot)
            assert server.hits(path) == 1
            assert [r.path for r in server.requests] == [path]
            line = REPORTS[int(path[2:])][1]
            assert second.state.source == "page" and line in second.state.story.text
            assert not second.state.pending and not second.state.loading
            body = " ".join(str(second.query_one("#story-body").render()).split())
            assert line in body
            # reached by Tab (from the story pane: the next story pane): the next one, once
            third = panes[2]
            path3 = _path(third.state.story.url)
            await pilot.press("l")
            await settle(pilot)
            await settle(pilot)
            assert deck.visible_panes() == [third]
            assert server.hits(path3) == 1 and server.hits(path) == 1
            assert REPORTS[int(path3[2:])][1] in third.state.story.text
            # going back to a fetched one fetches it no more
            await pilot.press("2")
            await settle(pilot)
            assert len(server.requests) == 2


async def test_reports_on_screen_at_opening_fetch_at_once(make_app, store: Store) -> None:
    """Wide enough for panes beside the opened story: those on screen load as before."""
    with LocalServer() as server:
        opened = _reports(store, server)
        app: NewsReaderApp = make_app()
        async with app.run_test(size=(240, 50)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened))
            await pilot.press("enter")
            await settle(pilot)
            await settle(pilot)
            deck = screen.deck
            shown = [p for p in deck.visible_panes() if p.state.related]
            hidden = [p for p in deck.panes[1:] if p not in shown]
            assert shown and hidden  # some beside it, some behind tabs
            assert sorted(r.path for r in server.requests) == sorted(
                _path(p.state.story.url) for p in shown
            )
            for pane in shown:
                assert pane.state.source == "page" and not pane.state.pending
            for pane in hidden:
                assert pane.state.pending and BLURB in pane.state.story.text
