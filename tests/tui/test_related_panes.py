"""The panes beside an opened story as a reader sees them: one pane per story of its group (a
copy named in its original's header, never a pane of its own), in as many panes as are free,
and the "+N" marker of the list counting what the panes and the "Also reported" list show."""

from __future__ import annotations

from reader.models import Article, View
from reader.store import Store
from reader.tui.app import NewsReaderApp

from .conftest import running, settle


def _pane_text(pane: object, part: str) -> str:
    widget = pane.query_one(f"#story-{part}")  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


def _by_feed(store: Store) -> dict[str, list[Article]]:
    """The stories of the fixture's three feeds, newest first, by feed title."""
    everything = store.headlines(View("all"), limit=100)
    return {f.title: [a for a in everything if a.feed_id == f.id] for f in store.feeds()}


def _marker(screen: object, article_id: int) -> str:
    table = screen.table  # type: ignore[attr-defined]
    row = [a.id for a in table.articles].index(article_id)
    words = table.render_line(row).text.split()
    return next((w for w in words[:3] if w.startswith("+")), "")


async def test_a_copy_of_a_report_gets_no_pane_and_is_named_in_its_originals(
    make_app, store: Store
) -> None:
    feeds = _by_feed(store)
    opened, report = feeds["World Wire"][0], feeds["Tech Daily"][0]
    copy = feeds["Science Post"][0]
    store.save_grouping(
        [(opened.id, 5, None), (report.id, 5, None), (copy.id, 5, report.id)],
        [(opened.id, [(copy.id, 0.7), (report.id, 0.6)])],
        [],
    )
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await settle(pilot)
        marker = _marker(screen, opened.id)
        await screen.open_article(store.article(opened.id))
        await settle(pilot)
        panes = screen.deck.panes
        assert [p.state.article_id for p in panes] == [opened.id, report.id]
        assert "also carried by Science Post" in _pane_text(panes[1], "meta")
        listed = len(panes[0].state.more)
        assert marker == f"+{len(panes) - 1 + listed}" == "+1"


async def test_free_panes_take_the_groups_reports_other_feeds_first(make_app, store: Store) -> None:
    """Reports of the group the grouping kept no link for (groups merged later) take the panes
    still free, other feeds' before the opened story's own feed's; none waits in the list."""
    feeds = _by_feed(store)
    opened, *own = feeds["World Wire"][:3]
    others = [*feeds["Tech Daily"][:2], *feeds["Science Post"][:2]]
    group = [opened, *own, *others]
    store.save_grouping(
        [(a.id, 9, None) for a in group],
        [(opened.id, [(a.id, 0.6) for a in own])],  # links to its own feed's reports only
        [],
    )
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await settle(pilot)
        marker = _marker(screen, opened.id)
        await screen.open_article(store.article(opened.id))
        await settle(pilot)
        panes = screen.deck.panes
        beside = [p.state.article_id for p in panes[1:]]
        assert marker == f"+{len(group) - 1}" and len(beside) == len(group) - 1
        assert set(beside[:4]) == {a.id for a in others}
        assert set(beside[4:]) == {a.id for a in own}
        assert not panes[0].state.more
        assert all(p.state.similarity is not None for p in panes[1:])
