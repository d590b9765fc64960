"""The feeds tree on its own: counts, and feeds keeping their places while a refresh runs."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.models import Feed
from reader.tui.widgets.feeds import Counts, FeedTree


class TreeApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FeedTree(id="feeds")


def order(tree: FeedTree) -> list[int]:
    return [
        node.data.feed_id
        for branch in tree.root.children
        for node in branch.children
        if node.data is not None and node.data.feed_id is not None
    ]


def feed(id: int, title: str, unread: int = 0) -> Feed:
    return Feed(
        id=id, url=f"http://127.0.0.1:9/{id}.xml", title=title, category="News", unread=unread
    )


async def test_feeds_keep_their_places_until_a_reorder_is_allowed() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(FeedTree)
        # before a first refresh the feeds have no titles: the store lists them by URL
        assert tree.set_feeds([feed(1, ""), feed(2, ""), feed(3, "")], Counts())
        assert order(tree) == [1, 2, 3]
        # titles arrive during a refresh and change the order: places are kept, labels change
        arrived = [feed(3, "Apple news", 5), feed(2, "Bridge weekly", 2), feed(1, "Zoo daily", 1)]
        assert not tree.set_feeds(arrived, Counts(unread=8), reorder=False)
        await pilot.pause()
        assert order(tree) == [1, 2, 3]
        assert "Zoo daily" in str(tree._feed_nodes[1].label)
        assert "5" in str(tree._feed_nodes[3].label)
        # a new feed during the refresh is not a mere reorder: the tree is rebuilt at once
        grown = [*arrived, feed(4, "Zeta")]
        assert tree.set_feeds(grown, Counts(unread=8), reorder=False)
        assert order(tree) == [3, 2, 1, 4]
        # once the refresh is over, the order of the store is taken
        assert tree.set_feeds(arrived, Counts(unread=8))
        assert order(tree) == [3, 2, 1]
