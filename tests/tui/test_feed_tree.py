"""The feeds tree on its own: counts, and feeds keeping their places while a refresh runs."""

from __future__ import annotations

from textual.app import App, ComposeResult

from reader.models import Feed, View
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


async def test_long_feed_titles_are_cut_and_keep_their_unread_counts_in_sight() -> None:
    app = TreeApp()
    long_title = "SPIEGEL Update – Die Nachrichten des Tages"
    async with app.run_test(size=(30, 12)) as pilot:
        tree = app.query_one(FeedTree)
        tree.styles.width = 28
        feeds = [feed(1, long_title, 1234), feed(2, "Short", 7), feed(3, long_title)]
        tree.set_feeds(feeds, Counts(unread=1241))
        await pilot.pause()
        lines = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        cut = [line for line in lines if "SPIEGEL" in line]
        assert len(cut) == 2
        assert cut[0].endswith("… 1234") and len(cut[0]) <= 28
        assert cut[1].endswith("…") and len(cut[1]) <= 28
        assert any(line.endswith("Short 7") for line in lines)
        # no sideways scrolling (and no scrollbar row) for long titles
        assert tree.virtual_size.width <= tree.scrollable_content_region.width
        await pilot.resize_terminal(80, 12)  # wider: the whole title comes back
        tree.styles.width = 78
        await pilot.pause()
        lines = [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]
        assert any(line.endswith(f"{long_title} 1234") for line in lines)


async def test_a_reorder_keeps_the_tree_and_the_cursor_on_its_feed() -> None:
    app = TreeApp()
    async with app.run_test() as pilot:
        tree = app.query_one(FeedTree)
        first = [feed(1, "Apple news", 1), feed(2, "Bridge weekly", 2), feed(3, "Zoo daily", 3)]
        assert tree.set_feeds(first, Counts(unread=6))
        await pilot.pause()
        tree.select_view(View("feed", feed_id=3), post=False)
        nodes = [node for branch in tree.root.children for node in branch.children]
        # a feed renamed: the same feeds, another order
        renamed = [
            feed(3, "Aardvark daily", 3),
            feed(1, "Apple news", 1),
            feed(2, "Bridge weekly", 2),
        ]
        assert tree.set_feeds(renamed, Counts(unread=6))
        await pilot.pause()
        assert order(tree) == [3, 1, 2]
        assert [node for branch in tree.root.children for node in branch.children] == nodes
        labels = [str(node.label) for node in nodes]
        assert labels[0].startswith("Aardvark daily") and labels[2].startswith("Bridge weekly")
        assert tree.cursor_node is not None and tree.cursor_node.data == View("feed", feed_id=3)
        assert tree.current_feed is not None and tree.current_feed.title == "Aardvark daily"
        # choosing a node now opens the feed it shows
        assert tree._feed_nodes[1] is nodes[1] and tree._feed_nodes[1].data == View(
            "feed", feed_id=1
        )
