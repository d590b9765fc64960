"""When the other reports of a story add nothing it does not say, its summary block says so in
one short dim line (before, what they add vanished without a word)."""

from __future__ import annotations

from reader.models import Page, Story, View

from .conftest import BODY, running, settle

OWN = (
    "The harbour board published its report on Tuesday. It found the old pier unsafe for "
    "heavy lorries. Repairs will start in the spring and last four months. The ferry will use "
    "the north quay meanwhile. The board will meet residents next week to explain the plan."
)


def pane_text(pane: object, part: str) -> str:
    widget = pane.query_one(f"#story-{part}")  # type: ignore[attr-defined]
    return " ".join(str(widget.render()).split()) if widget.display else ""


async def test_reports_that_add_nothing_are_said_to_add_nothing(make_app, store) -> None:
    group = store.headlines(View("all"), limit=3)
    opened = group[0]
    for article in group:
        store.set_group(article.id, 5)
    # the opened story says all that the others say, and more
    text = f"{BODY} {OWN}"
    store.put_page(opened.id, Page(main=Story(title=opened.title, text=text)), "page")
    for article in group[1:]:
        store.put_page(article.id, Page(main=Story(title=article.title, text=BODY)), "page")
    store.set_related(opened.id, [(a.id, 0.8) for a in group[1:]])
    async with running(make_app(), (200, 50)) as (pilot, screen):
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened.id))
        await pilot.press("enter")
        await settle(pilot)
        main = screen.deck.panes[0]
        assert main.state.group_summary is not None and main.state.group_summary.sentences
        assert pane_text(main, "across") == ""  # nothing after the story
        summary = pane_text(main, "summary")
        assert summary.endswith("The 2 other stories add nothing this one does not say."), summary
        assert "after this story" not in summary


async def test_one_other_report_is_counted_as_one(make_app, store) -> None:
    """With one other report: "The other story adds nothing ...", not "The 1 other stories"."""
    opened, other = store.headlines(View("all"), limit=2)
    for article in (opened, other):
        store.set_group(article.id, 5)
    text = f"{BODY} {OWN}"
    store.put_page(opened.id, Page(main=Story(title=opened.title, text=text)), "page")
    store.put_page(other.id, Page(main=Story(title=other.title, text=BODY)), "page")
    store.set_related(opened.id, [(other.id, 0.8)])
    async with running(make_app(), (200, 50)) as (pilot, screen):
        screen.table.move_cursor(row=[a.id for a in screen.table.articles].index(opened.id))
        await pilot.press("enter")
        await settle(pilot)
        summary = pane_text(screen.deck.panes[0], "summary")
        assert summary.endswith("The other story adds nothing this one does not say."), summary
