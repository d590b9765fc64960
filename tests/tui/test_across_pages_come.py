"""The summary across an opened story's reports is made again when a report's page comes in: the
first time a story opens, the reports beside it have only their feeds' blurbs in the store, and
what their pages add (a minister, a count of homes without power) was missing or said to be
nothing until the story was opened again (the reviewer's Chile quake story)."""

from __future__ import annotations

from datetime import timedelta

from reader.models import Page, ParsedEntry, Story, View
from reader.tui.app import NewsReaderApp
from reader.tui.screens.main import MainScreen
from tests.httpserver import LocalServer

from .conftest import NOW, settle

OPENED = (
    "A strong earthquake of magnitude 6.8 struck off the northern coast of Peru on Saturday, "
    "and the navy issued a tsunami warning for the port of Paita.\n\n"
    "Residents of Paita left their homes for higher ground, local radio reported."
)
BLURB = (
    "A magnitude 6.8 earthquake struck off northern Peru on Saturday, prompting a tsunami "
    "warning for the port of Paita, the navy said."
)
PAGE = """<html><head><title>Peru quake</title></head><body><article>
<h1>Peru quake shakes Paita as residents flee</h1>
<p>A magnitude 6.8 earthquake struck off northern Peru on Saturday, prompting a tsunami warning
for the port of Paita, the navy said.</p>
<p>Defence Minister Walter Astudillo said electricity was cut to about 85,000 homes in the
Piura region.</p>
<p>Two hospitals in Sullana were moved to tents while engineers checked their walls.</p>
<p>Fishing boats in Talara were ordered to stay in harbour until Sunday morning.</p>
</article></body></html>"""


async def test_what_a_reports_page_adds_is_shown_once_it_comes_in(make_app, store) -> None:
    first = store.headlines(View("all"), limit=1)[0]
    store.put_page(first.id, Page(main=Story(title=first.title, text=OPENED)), "page")
    with LocalServer() as server:
        server.route("/peru", body=PAGE.encode(), headers={"Content-Type": "text/html"})
        store.upsert_entries(
            store.feeds()[1].id,
            [
                ParsedEntry(
                    guid="peru",
                    url=server.url("/peru"),
                    title="Peru quake shakes Paita as residents flee",
                    published=NOW - timedelta(hours=1),
                    summary_text=BLURB,
                )
            ],
            now=NOW,
        )
        report = next(a for a in store.headlines(View("all"), limit=100) if a.guid == "peru")
        store.set_related(first.id, [(report.id, 0.8)])
        app: NewsReaderApp = make_app()
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(first.id))
            await pilot.press("enter")
            await settle(pilot)
            await settle(pilot)
            assert server.hits("/peru") == 1  # its pane fetched the page
            main = screen.deck.panes[0]
            widget = main.query_one("#story-across")
            across = " ".join(str(widget.render()).split()) if widget.display else ""
            assert "85,000 homes" in across, across
            summary = " ".join(str(main.query_one("#story-summary").render()).split())
            assert "add nothing" not in summary
