"""The panes beside an opened story as a reader sees them: one pane per story of its group (a
copy named in its original's header, never a pane of its own), in as many panes as are free,
and the "+N" marker of the list counting what the panes and the "Also reported" list show."""

from __future__ import annotations

from reader.models import Article, Page, Story, View
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


def _one_group(store: Store) -> list[Article]:
    """Twelve stories of one group, newest first: opened, eight reports get panes, three wait."""
    group = store.headlines(View("all"), limit=12)
    store.save_grouping([(a.id, 4, None) for a in group], [], [])
    return group


async def test_x_puts_the_first_listed_report_in_the_closed_panes_place(
    make_app, store: Store
) -> None:
    group = _one_group(store)
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await screen.open_article(group[0])
        await settle(pilot)
        before = [p.state.article_id for p in screen.deck.panes]
        waiting = [m.article_id for m in screen.deck.panes[0].state.more]
        assert len(before) == 9 and len(waiting) == 3
        hint = _pane_text(screen.deck.panes[0], "more")
        await pilot.press("3", "x")
        await settle(pilot)
        after = [p.state.article_id for p in screen.deck.panes]
        assert after == [*before[:2], waiting[0], *before[3:]]  # in its place, the rest stay
        assert screen.deck.active_pane is screen.deck.panes[2]
        assert "x on a pane beside this one puts the first of these in its place" in hint


async def test_a_listed_report_is_opened_from_the_links_list(make_app, store: Store) -> None:
    """L on the opened story lists the listed reports' links after its own, numbered as the
    "Also reported" list shows them; r on one opens that stored story in a pane beside it."""
    from reader.tui.screens.links import LinksScreen

    group = _one_group(store)
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await screen.open_article(group[0])
        await settle(pilot)
        main = screen.deck.panes[0]
        last = main.state.more[-1]
        assert last.story.url
        await pilot.press("1", "L")
        await settle(pilot)
        links = app.screen
        assert isinstance(links, LinksScreen)
        number = links.links.index(last.story.url) + 1
        assert f"[{number}]" in _pane_text(main, "more").splitlines()[-1]
        shown = f"Also reported: {last.story.source} · {last.story.title}"
        assert links.kinds[number - 1] == shown  # (several of one feed told apart)
        links.go_to_number(str(number))
        await pilot.press("r")
        await settle(pilot)
        panes = screen.deck.panes
        assert panes[-1].state.article_id == last.article_id and len(panes) == 10
        assert panes[-1].state.story.text and screen.deck.active_pane is panes[-1]
        assert last.article_id not in [m.article_id for m in main.state.more]


async def test_what_the_others_add_names_its_sources_and_counts_every_story(
    make_app, store: Store
) -> None:
    """The summary across the group: each bullet names the feed it comes from, and the
    heading says how many of the other stories it could be made of (one has only a line)."""
    feeds = _by_feed(store)
    opened, report, other = feeds["World Wire"][0], feeds["Tech Daily"][0], feeds["Science Post"][0]
    short = feeds["Tech Daily"][1]
    texts = {
        opened.id: "The council approved the harbour plan on Monday after a long debate. " * 3,
        report.id: (
            "The ferry to Northholm island runs again from Friday, the operator said. "
            "Northholm waited nine weeks for repairs to its landing stage. "
            "Residents of Northholm travel free of charge during the first week."
        ),
        other.id: (
            "Fishermen in Eastport will get new moorings by the spring, the harbour board said. "
            "Eastport loses forty moorings while the quay is rebuilt. "
            "The board pays for temporary berths at the marina."
        ),
        short.id: "Harbour plan passes.",
    }
    for article_id, text in texts.items():
        page = Page(main=Story(title=f"Story {article_id}", text=text))
        store.put_page(article_id, page, "page")
    store.save_grouping([(i, 6, None) for i in texts], [], [])
    app: NewsReaderApp = make_app()
    async with running(app, (200, 50)) as (pilot, screen):
        await screen.open_article(store.article(opened.id))
        await settle(pilot)
        across = " ".join(_pane_text(screen.deck.panes[0], "across").split())
        assert "Across 2 of the 3 other stories (1 with only a headline or a line)" in across
        bullets = across.split(" • ")[1:]
        assert bullets and all(b.endswith((" — Tech Daily", " — Science Post")) for b in bullets)
        assert any("Northholm" in b and b.endswith("Tech Daily") for b in bullets)


async def test_with_headlines_only_the_pane_says_how_the_others_headlined_it(
    make_app, store: Store
) -> None:
    feeds = _by_feed(store)
    opened = feeds["World Wire"][0]
    others = [feeds["Tech Daily"][0], feeds["Science Post"][0]]
    for article in (opened, *others):
        store.put_page(article.id, Page(main=Story(title=article.title, text="")), "page")
    store.save_grouping([(a.id, 8, None) for a in (opened, *others)], [], [])
    app: NewsReaderApp = make_app()
    async with running(app, (200, 50)) as (pilot, screen):
        await screen.open_article(store.article(opened.id))
        await settle(pilot)
        across = _pane_text(screen.deck.panes[0], "across")
        assert across.startswith("How the other stories headlined it")
        for article in others:
            assert f"• {article.title} — {article.feed_title}" in across


async def test_a_report_of_a_group_of_two_is_the_same_story_its_words_less_alike(
    make_app, store: Store
) -> None:
    """However few words two reports share, the grouping put them together: the header says
    the same story, and how alike their words are in words a reader can read."""
    feeds = _by_feed(store)
    opened, other = feeds["World Wire"][0], feeds["Tech Daily"][0]
    store.save_grouping(
        [(opened.id, 2, None), (other.id, 2, None)], [(opened.id, [(other.id, 0.24)])], []
    )
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await screen.open_article(store.article(opened.id))
        await settle(pilot)
        meta = " ".join(_pane_text(screen.deck.panes[1], "meta").split())
        assert "same story · wording 24% alike" in meta
        assert "related" not in meta and "similarity" not in meta
