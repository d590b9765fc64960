"""End to end: a feed on a real loopback server that numbers its items by position, refreshed
as a new item arrives at the top each time (every guid moves one down)."""

from __future__ import annotations

from reader.config import Config, RefreshConfig
from reader.models import View
from reader.refresh import refresh
from reader.store import Store
from tests.httpserver import Item, LocalServer, Route, rss

CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=2_000_000)
)

STORIES = {
    "harbour": ("First story about harbours", "The harbour opened today. Ships came in."),
    "trains": ("Second story about trains", "Trains ran late. Commuters waited."),
    "bread": ("Third story about bread", "The bakery sold out. Queues formed early."),
    "spam": ("Casino bonus click now", "Spam spam spam. Buy now."),
    "weather": ("Storm warning for the coast", "Winds will rise tonight. Stay inside."),
}


def feed(*names: str) -> bytes:
    """The feed with ``names`` listed in this order, numbered 1, 2, ... as their guids."""
    return rss(
        [
            Item(
                title=STORIES[name][0],
                link=f"https://news.example/{name}.html",
                guid=str(position),
                date=f"Fri, 27 Nov 2026 {10 + list(STORIES).index(name):02d}:00:00 GMT",
                description=STORIES[name][1],
            )
            for position, name in enumerate(names, 1)
        ]
    )


def titles(store: Store) -> list[str]:
    return sorted(r["title"] for r in store.query("SELECT title FROM articles"))


async def test_refreshing_a_positional_feed_keeps_favourites_and_read_states(
    srv: LocalServer, store: Store
) -> None:
    current = {"body": feed("harbour", "trains", "bread")}
    srv.route("/numbered.xml", handler=lambda req: Route(body=current["body"]))
    store.add_feed(srv.url("/numbered.xml"))

    (first,) = await refresh(store, CONFIG, force=True)
    assert first.status == "ok" and first.new == 3
    ids = {r["title"]: r["id"] for r in store.query("SELECT title, id FROM articles")}
    bread = ids["Third story about bread"]
    store.set_favourite(bread, True)
    store.set_read([ids["Second story about trains"]])

    current["body"] = feed("spam", "harbour", "trains", "bread")
    (second,) = await refresh(store, CONFIG, force=True)
    assert second.status == "ok" and second.new == 1
    current["body"] = feed("weather", "spam", "harbour", "trains")
    (third,) = await refresh(store, CONFIG, force=True)
    assert third.status == "ok" and third.new == 1
    # the story that fell off the end comes back under yet another number
    current["body"] = feed("weather", "spam", "harbour", "trains", "bread")
    (fourth,) = await refresh(store, CONFIG, force=True)
    assert fourth.status == "ok" and fourth.new == 0

    assert titles(store) == sorted(title for title, _ in STORIES.values())
    (favourite,) = store.favourites()
    assert favourite.id == bread and favourite.title == "Third story about bread"
    assert favourite.url == "https://news.example/bread.html"
    assert "The bakery sold out." in favourite.summary_text
    unread = {a.title for a in store.headlines(View("unread"), limit=100)}
    assert unread == {title for title, _ in STORIES.values()} - {"Second story about trains"}
