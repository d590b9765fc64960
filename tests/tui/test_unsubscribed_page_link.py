"""A link on a story's page that is a stored story of a feed the user unsubscribed from: the
pane beside the story is the page's teaser, not that feed's story (not named after the feed,
not opened through it), as an unsubscribed feed's stories show nowhere but in Favourites. A
favourite of it is still that stored story."""

from __future__ import annotations

from reader.models import Page, Story, View
from reader.store import Store
from reader.tui.app import NewsReaderApp

from .conftest import FEEDS, running, settle


def _setup(store: Store) -> tuple[int, int]:
    """World Wire's newest story, whose page links to Tech Daily's newest; Tech Daily is then
    unsubscribed from (left out of the config)."""
    everything = store.headlines(View("all"), limit=100)
    feeds = {f.title: f.id for f in store.feeds()}
    first = next(a for a in everything if a.feed_id == feeds["World Wire"])
    linked = next(a for a in everything if a.feed_id == feeds["Tech Daily"])
    teaser = Story(title="What the fishermen say", url=linked.url, text="Teaser words. " * 5)
    page = Page(main=Story(title=first.title, text="Main text. " * 40), related=(teaser,))
    store.put_page(first.id, page, "page")
    store.sync_config_feeds([f for f in FEEDS if f.title != "Tech Daily"])
    assert "Tech Daily" not in [f.title for f in store.feeds()]  # (the feeds subscribed to)
    return first.id, linked.id


def _meta(pane: object) -> str:
    widget = pane.query_one("#story-meta")  # type: ignore[attr-defined]
    return str(widget.render()) if widget.display else ""


async def test_a_link_to_an_unsubscribed_feeds_story_is_the_pages_teaser(
    make_app, store: Store
) -> None:
    first_id, linked_id = _setup(store)
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await settle(pilot)
        await screen.open_article(store.article(first_id))
        await settle(pilot)
        panes = screen.deck.panes
        ids = [p.state.article_id for p in panes]
        assert linked_id not in ids, ids
        teaser = next(p for p in panes[1:] if p.state.story.title == "What the fishermen say")
        assert "Tech Daily" not in teaser.state.story.source
        assert "Tech Daily" not in _meta(teaser)


async def test_a_favourite_of_an_unsubscribed_feed_is_still_that_story(
    make_app, store: Store
) -> None:
    first_id, linked_id = _setup(store)
    store.set_favourite(linked_id, True)
    app: NewsReaderApp = make_app()
    async with running(app, (200, 40)) as (pilot, screen):
        await settle(pilot)
        await screen.open_article(store.article(first_id))
        await settle(pilot)
        assert linked_id in [p.state.article_id for p in screen.deck.panes]
