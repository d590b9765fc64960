"""The feeds tree: smart views, then categories with their feeds, unread counts and error markers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.models import Feed, View
from reader.textutil import clean_line
from reader.tui.format import count_label, feed_label, fit_label

EXPAND_LIMIT = 60  # with more feeds than this, categories start collapsed
SMART_VIEWS: tuple[View, ...] = (
    View("all"),
    View("unread"),
    View("today"),
    View("favourites"),
)


@dataclass(frozen=True, slots=True)
class Counts:
    """What the tree shows besides feeds: unread headlines of the smart views (of today's for
    Today), and how many favourites there are."""

    unread: int = 0
    today: int = 0
    favourites: int = 0
    # unread headlines per category, a story's copies once (as the category lists them; its
    # feeds' counts each count their own copy); None: the sum of its feeds'
    categories: dict[str, int] | None = None


class FeedTree(Tree[View]):
    """Smart views on top, then one branch per category. Select a node to list its headlines."""

    BINDINGS = [  # noqa: RUF012 (vim's and a file manager's habits: right opens, left goes back)
        Binding("l,right", "unfold", "Unfold / open", show=False),
        Binding("h,left", "fold", "Fold / up", show=False),
    ]

    @dataclass
    class ViewChosen(Message):
        tree: FeedTree
        view: View

        @property
        def control(self) -> FeedTree:
            return self.tree

    def __init__(self, *, id: str | None = None) -> None:
        self._tails: dict[int, int] = {}  # node id -> cells of its unread count (" 12")
        super().__init__("Feeds", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.feeds: dict[int, Feed] = {}
        self._smart: dict[str, TreeNode[View]] = {}
        self._categories: dict[str, TreeNode[View]] = {}
        self._feed_nodes: dict[int, TreeNode[View]] = {}
        self._shape: tuple[tuple[str, int], ...] = ()
        self._labels: dict[object, tuple[object, ...]] = {}

    def on_mount(self) -> None:
        for view in SMART_VIEWS:
            self._smart[view.kind] = self.root.add_leaf(count_label(view.label, None), data=view)

    def _relabel(self, node: TreeNode[View], label: Text, count: int | None) -> None:
        self._tails[node.id] = len(f" {count}") if count else 0
        node.set_label(label)

    def render_label(self, node: TreeNode[View], base_style: Style, style: Style) -> Text:
        """The label cut to the tree's width with an ellipsis, its unread count kept in sight."""
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        room = self.scrollable_content_region.width - self.guide_depth * depth
        return fit_label(label, room, self._tails.get(node.id, 0))

    def set_feeds(self, feeds: Sequence[Feed], counts: Counts, reorder: bool = True) -> bool:
        """Show these feeds and counts; rebuilds branches only when the feeds or their order changed.

        With ``reorder`` False (during a refresh, when feed titles arrive one by one and move
        feeds around) a change of order alone waits: rebuilding a tree of hundreds of feeds on
        every count update would stall the keys. Returns False while such a reorder is due.
        """
        self.feeds = {f.id: f for f in feeds}
        for kind, count in (
            ("all", counts.unread),
            ("unread", counts.unread),
            ("today", counts.today),
            ("favourites", counts.favourites),
        ):
            node = self._smart.get(kind)
            if node is not None and self._changed(kind, (count,)):
                label = count_label(node.data.label if node.data else kind, count)
                self._relabel(node, label, count)
        shape = tuple((f.category, f.id) for f in feeds)
        settled = True
        if shape != self._shape:
            if sorted(shape) != sorted(self._shape):
                self._rebuild(feeds)
                self._shape = shape
            elif reorder:
                self._reorder(feeds)
                self._shape = shape
            else:
                settled = False
        by_category: dict[str, int] = {}
        for feed in feeds:
            if counts.categories is None:
                by_category[feed.category] = by_category.get(feed.category, 0) + feed.unread
            node = self._feed_nodes.get(feed.id)
            state = (feed.display_title, feed.unread, bool(feed.last_error), feed.failing)
            if node is not None and self._changed(feed.id, state):
                self._relabel(node, feed_label(feed), feed.unread)
        for category, node in self._categories.items():
            count = (by_category if counts.categories is None else counts.categories).get(
                category, 0
            )
            if self._changed(("category", category), (count,)):
                self._relabel(node, count_label(category or "Uncategorised", count), count)
        return settled

    def _changed(self, key: object, state: tuple[object, ...]) -> bool:
        """Whether a label's inputs changed (relabelling 500 feeds on every count update costs)."""
        if self._labels.get(key) == state:
            return False
        self._labels[key] = state
        return True

    def _reorder(self, feeds: Sequence[Feed]) -> None:
        """The same feeds in the same categories, in another order: the category's nodes are
        given their new feeds in place (removing and adding a thousand nodes stalls the keys)."""
        chosen = self.cursor_node.data if self.cursor_node is not None else None
        by_category: dict[str, list[Feed]] = {}
        for feed in feeds:
            by_category.setdefault(feed.category, []).append(feed)
        for category, members in by_category.items():
            for node, feed in zip(self._categories[category].children, members, strict=True):
                if node.data is not None and node.data.feed_id == feed.id:
                    continue
                node.data = View("feed", feed_id=feed.id)
                self._feed_nodes[feed.id] = node
                self._labels[feed.id] = (
                    feed.display_title,
                    feed.unread,
                    bool(feed.last_error),
                    feed.failing,
                )
                self._relabel(node, feed_label(feed), feed.unread)
        if chosen is not None and chosen.kind == "feed":
            self.select_view(chosen, post=False)

    def _rebuild(self, feeds: Sequence[Feed]) -> None:
        chosen = self.cursor_node.data if self.cursor_node is not None else None
        for node in list(self._categories.values()):
            node.remove()
        self._categories.clear()
        self._feed_nodes.clear()
        self._labels = {k: v for k, v in self._labels.items() if k in self._smart}
        expand = len(feeds) <= EXPAND_LIMIT
        for feed in feeds:
            category = clean_line(feed.category)
            branch = self._categories.get(feed.category)
            if branch is None:
                branch = self.root.add(
                    count_label(category or "Uncategorised", 0),
                    data=View("category", category=feed.category),
                    expand=expand,
                )
                self._categories[feed.category] = branch
            self._feed_nodes[feed.id] = branch.add_leaf(
                feed_label(feed), data=View("feed", feed_id=feed.id)
            )
        if chosen is not None:
            self.select_view(chosen, post=False)

    def select_view(self, view: View, post: bool = True) -> None:
        """Move the cursor to the node of ``view`` (if it has one)."""
        node: TreeNode[View] | None = None
        if view.kind == "feed" and view.feed_id is not None:
            node = self._feed_nodes.get(view.feed_id)
        elif view.kind == "category":
            node = self._categories.get(view.category)
        else:
            node = self._smart.get(view.kind)
        if node is not None:
            if node.parent is not None and not node.parent.is_expanded:
                node.parent.expand()  # a feed of a folded category: shown where it is
            self.move_cursor(node)
            if post:
                self.post_message(self.ViewChosen(self, view))

    def _order(self, kind: str) -> list[tuple[View, int]]:
        """The feeds (or, for "category", the categories) in tree order, with their unread."""
        if kind == "category":
            unread: dict[str, int] = {}
            for feed in self.feeds.values():
                unread[feed.category] = unread.get(feed.category, 0) + feed.unread
            return [
                (node.data, unread.get(category, 0))
                for category, node in self._categories.items()
                if node.data is not None
            ]
        return [
            (node.data, self.feeds[node.data.feed_id].unread)
            for branch in self._categories.values()
            for node in branch.children
            if node.data is not None and node.data.feed_id in self.feeds
        ]

    def next_with_unread(self, view: View, direction: int = 1) -> View | None:
        """The feed (or category) after ``view``'s in the tree (before it, with ``direction``
        -1) that has unread headlines, going round past the end; None when no other has any."""
        if view.kind not in ("feed", "category"):
            return None
        order = self._order(view.kind)
        if direction < 0:
            order.reverse()
        at = next((i for i, (v, _) in enumerate(order) if v == view), -1)
        following = order[at + 1 :] + order[: max(at, 0)]
        return next((v for v, count in following if count > 0), None)

    def next_view(self, view: View, direction: int = 1) -> View | None:
        """The view after ``view`` in the tree (before it, with ``direction`` -1), read or not:
        the smart views (All, Unread, Today, Favourites) then the feeds; a category's
        neighbouring category; from a search the first (last) feed. None past the end."""
        order = [v for v, _ in self._order(view.kind)]
        if view.kind not in ("category", "search"):
            order = [n.data for n in self._smart.values() if n.data is not None] + order
        if direction < 0:
            order.reverse()
        if view not in order:
            return order[0] if order else None
        at = order.index(view)
        return order[at + 1] if at + 1 < len(order) else None

    def action_unfold(self) -> None:
        """A folded category unfolds; anything else is chosen (its headlines listed)."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and not node.is_expanded:
            node.expand()
        else:
            self.action_select_cursor()

    def action_fold(self) -> None:
        """An unfolded category folds; on a feed, the cursor goes up to its category."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    @property
    def current_feed(self) -> Feed | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.feed_id is None:
            return None
        return self.feeds.get(node.data.feed_id)

    def on_tree_node_selected(self, event: Tree.NodeSelected[View]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.ViewChosen(self, event.node.data))
