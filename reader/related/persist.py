"""Keeping the grouping in the store: new articles are assigned as they arrive, and the index is
rebuilt from the store (articles inside the window only) the first time it is needed after a start.

The store keeps each article's group and duplicate flag (`articles.group_id`, `duplicate_of`) and
its related links (`related`, kind 'feed'); the index itself lives in memory only.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from reader.models import Article
from reader.related.index import Match, RelatedIndex, parse_time
from reader.textutil import html_to_text

DEFAULT_WINDOW_HOURS = 72.0


class GroupingStore(Protocol):
    """What the grouping needs from reader.store.Store."""

    def articles_for_grouping(
        self, since: float | None = None, ids: Sequence[int] | None = None
    ) -> list[Article]: ...

    def newest_published(self) -> float | None: ...

    def max_group_id(self) -> int: ...

    def reserve_group_ids(self, count: int) -> int: ...

    def group_ids_reserved(self) -> int: ...

    def earlier_copies(self, article_ids: Sequence[int]) -> dict[int, tuple[int, int]]: ...

    def save_grouping(
        self,
        groups: Sequence[tuple[int, int, int | None]],
        related: Sequence[tuple[int, Sequence[tuple[int, float]]]],
        merges: Sequence[tuple[int, int]],
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Grouping:
    """The outcome of assigning articles: one Match per article found, or an error in words."""

    matches: tuple[Match, ...] = ()
    loaded: int = 0  # grouped articles read back from the store to rebuild the index (0: was warm)
    seconds: float = 0.0
    error: str | None = None


def article_item(article: Article) -> dict[str, Any]:
    """The dict `RelatedIndex.add` takes, from a stored article."""
    text = article.summary_text or html_to_text(article.content_html)
    return {
        "id": article.id,
        "title": article.title,
        "text": text,
        "published": article.published or article.first_seen,
        "publisher": article.feed_title,
        "url": article.url,
        "language": article.language,
    }


MAX_PENDING = 1500  # ungrouped articles assigned when the index is rebuilt (newest kept)


class StoreGrouper:
    """An index kept in step with a store. Thread-safe; one per store (see `grouper_for`)."""

    def __init__(self, store: GroupingStore, window_hours: float = DEFAULT_WINDOW_HOURS) -> None:
        self.store = store
        self.window_hours = window_hours
        self.index: RelatedIndex | None = None
        self._lock = threading.Lock()
        # the end of the last range of group ids this index reserved: when the store's counter
        # has moved on from it, another process has grouped articles this index has not seen
        self._reserved_to: int | None = None

    def rebuild(self) -> int:
        """Load the articles inside the window into a fresh index; returns how many were read.

        Articles stored with a group keep it (no scoring); articles without one are assigned.
        """
        with self._lock:
            loaded, pending = self._rebuild()
            self._assign(pending)
            return loaded + len(pending)

    def _rebuild(self) -> tuple[int, list[int]]:
        """A fresh index of the stored groups in the window; (articles loaded, ids to assign)."""
        self._reserved_to = None
        index = RelatedIndex(self.window_hours)
        index.reserve_group_ids(self.store.max_group_id())
        newest = self.store.newest_published()
        since = None if newest is None else newest - index.window
        pending: list[int] = []
        stored: list[Article] = []
        for article in self.store.articles_for_grouping(since=since):
            if article.group_id is None:
                pending.append(article.id)
            else:
                stored.append(article)
        for _ in index.add_many(
            [article_item(a) for a in stored], group_ids=[a.group_id for a in stored]
        ):
            pass
        loaded = len(stored)
        self.index = index
        # after a bulk import only the newest ungrouped articles are worth the time at start-up
        return loaded, pending[-MAX_PENDING:]

    def assign(self, article_ids: Sequence[int]) -> Grouping:
        """Group new articles (oldest first) and save groups, duplicates and related links."""
        started = time.perf_counter()
        try:
            with self._lock:
                loaded = 0
                ids = list(article_ids)
                if self._reserved_to is not None and (
                    self.store.group_ids_reserved() != self._reserved_to
                ):
                    self.index = None  # grouped elsewhere meanwhile: read the store again
                if self.index is None:
                    loaded, pending = self._rebuild()
                    ids = list(dict.fromkeys([*pending, *ids]))
                # an article the index holds has its group already (a rebuild assigns every
                # ungrouped one of the window): grouping it again would move it to a new group
                # away from its related links
                index = self.index
                assert index is not None
                matches = self._assign([i for i in ids if i not in index])
        except Exception as exc:  # a store error, in the store's words
            self.index = None  # it may be ahead of the store now: rebuild on the next call
            return Grouping(error=f"Could not group related stories: {exc}")
        return Grouping(tuple(matches), loaded, time.perf_counter() - started)

    def _assign(self, article_ids: Sequence[int]) -> list[Match]:
        assert self.index is not None
        if not article_ids:
            return []
        # another feed's article under the same link and headline is a copy, even one older
        # than the window (the index has let it go): it joins that story's group as its copy
        copies = self.store.earlier_copies(article_ids)
        copied = [
            Match(id, group_id=group, duplicate_of=first) for id, (first, group) in copies.items()
        ]
        articles = self.store.articles_for_grouping(ids=[i for i in article_ids if i not in copies])
        items = [article_item(a) for a in articles]
        items.sort(key=lambda it: (parse_time(it["published"]) or 0.0, it["id"]))
        # each article starts at most one group: ids from a range of the store's own, so a
        # grouping in another process (the CLI's refresh beside the reader) never takes them
        start = self.store.reserve_group_ids(len(items))
        self.index.use_group_ids(start)
        self._reserved_to = start + len(items)
        matches = [*copied, *self.index.add_many(items)]
        # ids are the store's integers (they came from it)
        self.store.save_grouping(
            [
                (cast(int, m.id), m.group_id, cast("int | None", m.duplicate_of))
                for m in matches
                if m.error is None
            ],
            [
                (cast(int, m.id), cast("tuple[tuple[int, float], ...]", m.related))
                for m in matches
                if m.related
            ],
            [(gone, m.group_id) for m in matches for gone in m.absorbed],
        )
        return matches


_GROUPERS: weakref.WeakKeyDictionary[Any, StoreGrouper] = weakref.WeakKeyDictionary()
_GROUPERS_LOCK = threading.Lock()


def grouper_for(store: GroupingStore, window_hours: float = DEFAULT_WINDOW_HOURS) -> StoreGrouper:
    """The grouper kept for this store object (a new one if the window changed)."""
    with _GROUPERS_LOCK:
        grouper = _GROUPERS.get(store)
        if grouper is None or grouper.window_hours != window_hours:
            grouper = _GROUPERS[store] = StoreGrouper(store, window_hours)
        return grouper


def assign_new_articles(
    store: GroupingStore, article_ids: Sequence[int], window_hours: float = DEFAULT_WINDOW_HOURS
) -> Grouping:
    """Group newly stored articles with the stories of the last `window_hours` and save the result.

    Call it after a refresh stored new articles. The first call after a start rebuilds the index
    from the store. Never raises: a database problem comes back as `Grouping.error`.
    """
    return grouper_for(store, window_hours).assign(article_ids)
