"""Story panes full-screen (z), a related story's pane closed with x: the summary across the
other stories is made again without it, and its heading counts the stories left."""

from __future__ import annotations

from reader.models import Page, Story, View

from .conftest import running, settle

TEXTS = (
    "The harbour board published its report on Tuesday. It found the old pier unsafe for "
    "heavy lorries. Repairs will start in the spring and last four months. The ferry will use "
    "the north quay meanwhile.",
    "Interest rates rose by half a point at the central bank on Wednesday. Mortgage holders "
    "face higher payments from January. The bank said inflation remained too high. Economists "
    "expect one more rise before summer.",
    "The port strike entered its second day as talks stalled over pay. About forty ships wait "
    "outside the harbour. The union asked for a rise of nine percent over two years. Shipping "
    "firms warned of shortages in the shops.",
    "Volcanic ash closed two airports in the north overnight. Flights were diverted to the "
    "capital. Scientists said the eruption was easing. Residents near the crater were told "
    "to keep their windows shut.",
)


def pane_text(pane: object, part: str) -> str:
    widget = pane.query_one(f"#story-{part}")  # type: ignore[attr-defined]
    return " ".join(str(widget.render()).split()) if widget.display else ""


async def test_closing_a_pane_makes_the_across_summary_again_without_it(make_app, store) -> None:
    group = store.headlines(View("all"), limit=4)
    opened = group[0]
    for article in group:
        store.set_group(article.id, 7)
    for article, text in zip(group, TEXTS, strict=True):
        page = Page(main=Story(title=article.title, text=text, url=article.url))
        store.put_page(article.id, page, "page")
    store.set_related(opened.id, [(a.id, 0.8) for a in group[1:]])
    async with running(make_app(), (200, 50)) as (pilot, screen):
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened.id))
        await pilot.press("enter")
        await settle(pilot)
        deck = screen.deck
        main = deck.panes[0]
        assert main.state.group_size == 3, main.state
        assert pane_text(main, "across").startswith("Across the 3 other stories")
        rates = next(p for p in deck.panes if "rates" in p.state.story.text)
        await pilot.press("z")
        await settle(pilot)
        await pilot.press(str(deck.panes.index(rates) + 1), "x")
        await settle(pilot)
        await settle(pilot)
        assert rates not in deck.panes
        across = pane_text(main, "across")
        assert across.startswith("Across the 2 other stories"), across
        assert "rates" not in across and "Mortgage" not in across, across
