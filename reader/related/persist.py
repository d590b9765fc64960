"""Keeping the grouping in the store: new articles are assigned as they arrive, and the index is
rebuilt from the store (articles inside the window only) the first time it is needed after a start.
Articles older than that window (a bulk first refresh, a feed imported with its history) are
grouped afterwards by `group_older_articles`, a sweep in publication order with an index of its own.

The store keeps each article's group and duplicate flag (`articles.group_id`, `duplicate_of`) and
its related links (`related`, kind 'feed'); the index itself lives in memory only.

Taken in as they arrive, articles agree with `group()` when they arrive in publication order. One
that arrives more than LATE_SLACK after a newer one was grouped is grouped at once all the same,
and the store notes it (meta LATE_KEY); so does a store whose groups were made under other rules
(meta RULES_KEY differs from RULES_VERSION), and one where a grouped article's page came
(meta TEXTS_KEY: its full text replaces the feed's blurb the article was grouped by, see
`note_full_text`). Either way the housekeeping groups the window again in order
(reader.related.regroup).
"""

from __future__ import annotations

import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol, cast

from reader.models import Article
from reader.related.index import PARALLEL_MIN, RULES_VERSION, Match, RelatedIndex, parse_time
from reader.store import put_meta
from reader.textutil import html_to_text

DEFAULT_WINDOW_HOURS = 72.0

RULES_KEY = "related_rules"  # meta: the version the window's groups were made under
# meta: the earliest publication time (epoch seconds) of an article that arrived after newer
# ones had been grouped (a feed added with its day of history, a feed that was down): the
# window is grouped again in publication order (reader.related.regroup), as group() would
LATE_KEY = "related_late"
LATE_SLACK = 600.0  # seconds an article may come after newer ones without a re-group
# meta: when the page of an article of the window, grouped by its feed's text, was last fetched
# (epoch seconds): the window is grouped again, by the pages' texts (Store.articles_for_grouping)
TEXTS_KEY = "related_texts"
FULL_TEXT_WORDS = 150  # an article's text says more for its grouping where these words differ


class GroupingStore(Protocol):
    """What the grouping needs from reader.store.Store."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def get_meta(self, key: str) -> str | None: ...

    def transaction(self, durable: bool = False) -> AbstractContextManager[sqlite3.Connection]: ...

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
        *,
        copies_read: bool = False,
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Grouping:
    """The outcome of assigning articles: one Match per article found, or an error in words."""

    matches: tuple[Match, ...] = ()
    loaded: int = 0  # grouped articles read back from the store to rebuild the index (0: was warm)
    seconds: float = 0.0
    error: str | None = None


def article_item(article: Article) -> dict[str, Any]:
    """The dict `RelatedIndex.add` takes, from a stored article: grouped by its page where it
    was fetched, by its feed's text where the page's joins no group (``feed_text``)."""
    own = article.summary_text or html_to_text(article.content_html)
    item: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "text": article.page_text or own,
        "published": article.published or article.first_seen,
        "publisher": article.feed_title,
        "url": article.url,
        "language": article.language,
    }
    if article.page_text and own:
        item["feed_text"] = own
    return item


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
            self._assign(pending, copies_read=False)
            return loaded + len(pending)

    def _rebuild(self) -> tuple[int, list[int]]:
        """A fresh index of the stored groups in the window; (articles loaded, ids to assign)."""
        # where the store's group-id counter stands as it is read: a grouping anywhere after
        # (another process, the window grouped again) moves it, and the index is read again
        self._reserved_to = self.store.group_ids_reserved()
        top = self.store.max_group_id()
        index = RelatedIndex(self.window_hours)
        index.reserve_group_ids(top)
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
        if not stored and self.store.get_meta(RULES_KEY) is None and not top:
            note_rules(self.store)  # nothing grouped under older rules: nothing to group again
        # after a bulk import only the newest ungrouped articles are worth the time at start-up
        return loaded, pending[-MAX_PENDING:]

    def assign(self, article_ids: Sequence[int], copies_read: bool = False) -> Grouping:
        """Group new articles (oldest first) and save groups, duplicates and related links;
        ``copies_read`` (related.mark_duplicates_read): a copy of a story already read is read."""
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
                matches = self._assign([i for i in ids if i not in index], copies_read)
        except Exception as exc:  # a store error, in the store's words
            self.index = None  # it may be ahead of the store now: rebuild on the next call
            return Grouping(error=f"Could not group related stories: {exc}")
        return Grouping(tuple(matches), loaded, time.perf_counter() - started)

    def _assign(self, article_ids: Sequence[int], copies_read: bool) -> list[Match]:
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
        # an article older than the window of the stories the index holds (a feed imported with
        # its history) would stand alone here, away from the stories of its own time: it waits
        # for the older backlog's grouping (group_older_articles), which replays its time
        now = self.index.now
        if now is not None:
            horizon = now - self.index.window
            older = sum(1 for it in items if (parse_time(it["published"]) or 0.0) < horizon)
            items = items[older:]
            # articles published before the newest one grouped (a feed added with its history,
            # one that was down): grouped now, out of order, they may land where group() would
            # not put them; the window is grouped again in order in the background
            if items and (parse_time(items[0]["published"]) or 0.0) < now - LATE_SLACK:
                note_late(self.store, parse_time(items[0]["published"]) or 0.0)
        # each article starts at most one group: ids from a range of the store's own, so a
        # grouping in another process (the CLI's refresh beside the reader) never takes them
        start = self.store.reserve_group_ids(len(items))
        self.index.use_group_ids(start)
        self._reserved_to = start + len(items)
        matches = [*copied, *self.index.add_many(items)]
        # an article the index could not read is left without a group (a match with an error
        # has no related links or merges): the next rebuild tries it again
        save_matches(self.store, [m for m in matches if m.error is None], copies_read)
        return matches


def save_matches(store: GroupingStore, matches: Sequence[Match], copies_read: bool) -> None:
    """Save where articles went, in one transaction: each one's group and copy flag, its related
    links, and the groups it merged into its own (the ids are the store's integers: they came
    from it). ``copies_read`` (related.mark_duplicates_read): a copy of a story already read is
    read."""
    store.save_grouping(
        [(cast(int, m.id), m.group_id, cast("int | None", m.duplicate_of)) for m in matches],
        [
            (cast(int, m.id), cast("tuple[tuple[int, float], ...]", m.related))
            for m in matches
            if m.related
        ],
        [(gone, m.group_id) for m in matches for gone in m.absorbed],
        copies_read=copies_read,
    )


Row = tuple[int, int | None, float]  # an article's id, group (None: not grouped yet), published


@dataclass(frozen=True, slots=True)
class Intake:
    """Stored articles on their way into an index (see `taking_in`)."""

    # another feed's copy (same item, or same link and headline) of a story grouped already,
    # among the ungrouped articles: {id: (first copy, its group)}; not indexed, as the
    # refresh's grouping has it
    copies: dict[int, tuple[int, int]]
    rows: list[Row]  # the articles indexed, in order: those still stored, less the copies
    matches: Iterator[Match]  # where each of ``rows`` went, worked out as it is asked for


@contextmanager
def taking_in(store: GroupingStore, index: RelatedIndex, rows: Sequence[Row]) -> Iterator[Intake]:
    """Articles (rows in publication order, each with its stored group or None) read from the
    store for ``index``: ``Intake.matches`` adds them one at a time, with their groups, as it
    is asked (so the caller can reserve group ids or stop in between). Leaving the block ends
    the features' helper process, if any."""
    stored = {a.id: a for a in store.articles_for_grouping(ids=[r[0] for r in rows])}
    waiting = [i for i, g, _ in rows if g is None and i in stored]
    copies = store.earlier_copies(waiting) if waiting else {}
    kept = [r for r in rows if r[0] in stored and r[0] not in copies]
    items = [article_item(stored[i]) for i, _, _ in kept]
    del stored  # (the articles' text: held by the items now, as much as the index needs)
    matches = index.add_many(items, group_ids=[g for _, g, _ in kept])
    try:
        yield Intake(copies, kept, matches)
    finally:
        if isinstance(matches, Generator):
            matches.close()  # (ends the features' helper process, if any)


def note_late(store: GroupingStore, published: float) -> None:
    """Note that an article published at ``published`` was grouped after newer ones (the
    earliest such time is kept): :func:`reader.related.regroup.regroup_window` groups the window
    again."""
    with store.transaction() as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (LATE_KEY,)).fetchone()
        try:
            earlier = float(row[0]) if row else None
        except (TypeError, ValueError):
            earlier = None
        if earlier is None or published < earlier:
            put_meta(db, LATE_KEY, f"{published:.3f}")


def note_full_text(
    store: GroupingStore,
    article: Article,
    text: str,
    window_hours: float = DEFAULT_WINDOW_HOURS,
) -> bool:
    """Note that an article's page came with ``text`` (kept by the store as the text to group
    it by): where the article was grouped by another text and is inside the window, the window
    is grouped again in the background, the story's other reports then found by what the page
    says. True if noted. Store errors are raised."""
    if article.group_id is None:  # not grouped yet: the grouping reads the page's text
        return False
    item = article_item(article)

    def head(words: str) -> list[str]:
        return words.split(None, FULL_TEXT_WORDS)[:FULL_TEXT_WORDS]

    if head(text) == head(str(item["text"])):
        return False  # (the feed gave the story's text: the same words to group by)
    newest = store.newest_published()
    published = parse_time(item["published"])
    if newest is None or published is None or published < newest - window_hours * 3600.0:
        return False  # older than the window: its group stays as it was made
    with store.transaction() as db:
        put_meta(db, TEXTS_KEY, f"{time.time():.6f}")
    return True


def note_rules(store: GroupingStore) -> None:
    """Note that the window's groups follow the current rules (RULES_VERSION)."""
    with store.transaction() as db:
        put_meta(db, RULES_KEY, str(RULES_VERSION))


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
    store: GroupingStore,
    article_ids: Sequence[int],
    window_hours: float = DEFAULT_WINDOW_HOURS,
    *,
    copies_read: bool = False,
) -> Grouping:
    """Group newly stored articles with the stories of the last `window_hours` and save the result.

    Call it after a refresh stored new articles. The first call after a start rebuilds the index
    from the store. ``copies_read`` (related.mark_duplicates_read): a new copy of a story the
    user has read arrives read. Never raises: a database problem comes back as `Grouping.error`.
    """
    return grouper_for(store, window_hours).assign(article_ids, copies_read)


# --------------------------------------------------------------------------- the older backlog

BACKLOG_CHUNK = 500  # older articles grouped (and saved) in one go, at most
BACKLOG_PAGE = PARALLEL_MIN  # articles read from the store at a time: enough for their features
# to be worked out in a helper process beside the grouping
STOP_EVERY = 25  # articles indexed between two looks at stop()


class BacklogStore(GroupingStore, Protocol):
    """What grouping the older backlog needs from reader.store.Store."""


@dataclass(frozen=True, slots=True)
class Backlog:
    """The outcome of grouping older articles: how many were grouped, whether none is left."""

    grouped: int = 0
    finished: bool = False  # False: stopped (other work waited) or failed; the rest waits
    seconds: float = 0.0
    error: str | None = None


Key = tuple[float, int]  # (published, id): the order articles are grouped in


def _next_ungrouped(store: BacklogStore, limit: float, after: Key | None) -> Key | None:
    """The first feed article published before ``limit`` (after the keyset ``after``) that has
    no group."""
    where = "kind = 'feed' AND group_id IS NULL AND published < ?"
    params: list[Any] = [limit]
    if after is not None:
        where += " AND (published, id) > (?, ?)"
        params += list(after)
    rows = store.query(
        f"SELECT published, id FROM articles WHERE {where} ORDER BY published, id LIMIT 1", params
    )
    return (float(rows[0]["published"]), int(rows[0]["id"])) if rows else None


def _page(
    store: BacklogStore, after: Key, before: Key, size: int, grouped_only: bool = False
) -> list[Row]:
    """The feed articles between two keysets, in publication order."""
    where = "kind = 'feed' AND (published, id) > (?, ?) AND (published, id) < (?, ?)"
    if grouped_only:
        where += " AND group_id IS NOT NULL"
    rows = store.query(
        f"SELECT id, group_id, published FROM articles WHERE {where} "
        "ORDER BY published, id LIMIT ?",
        [*after, *before, size],
    )
    return [
        (int(r["id"]), None if r["group_id"] is None else int(r["group_id"]), float(r["published"]))
        for r in rows
    ]


class _Sweep:
    """One pass over the older backlog: a temporary index walks forward in publication order
    through the stored articles, grouped ones in their groups (no scoring) and ungrouped ones
    assigned, as `reader.related.group()` replays a batch. Where the next ungrouped article is
    more than a window past the last one, a fresh index starts from the grouped articles of the
    window before it (the articles in between could not be related to either)."""

    def __init__(
        self,
        store: BacklogStore,
        window_hours: float,
        stop: Callable[[], bool],
        chunk: int,
        copies_read: bool = False,
    ) -> None:
        self.store = store
        self.copies_read = copies_read
        self.window_hours = window_hours
        self.window = max(0.0, float(window_hours)) * 3600.0
        self.stop = stop
        self.chunk = max(1, chunk)
        self.index: RelatedIndex | None = None
        self.cursor: Key | None = None  # the last article the index took in (or skipped)
        self.reserved_to: int | None = None  # the end of this sweep's last range of group ids
        self.grouped = 0
        self.stopped = False
        self._looked = 0

    def should_stop(self, every: int = 1) -> bool:
        self._looked += 1
        if not self.stopped and self._looked >= every:
            self._looked = 0
            self.stopped = bool(self.stop())
        return self.stopped

    def run(self) -> bool:
        """Group until nothing older is left (True) or stop() says other work waits (False)."""
        newest = self.store.newest_published()
        if newest is None:
            return True
        limit = newest - self.window  # the window's own articles are the incremental grouper's
        end: Key = (limit, -1)
        while not self.should_stop():
            following = _next_ungrouped(self.store, limit, self.cursor)
            if following is None:
                return True
            fresh = (
                self.index is None
                or self.cursor is None
                or following[0] - self.window > self.cursor[0]  # nothing to go on from
                or self._grouped_elsewhere()
            )
            if fresh and not self._start_at(following):
                return False
            assert self.cursor is not None
            rows = _page(self.store, self.cursor, end, BACKLOG_PAGE)
            if not rows:
                return True
            if not self._sweep(rows):
                return False
        return False

    def _grouped_elsewhere(self) -> bool:
        """Another grouping (the refresh's, in this process or another) reserved group ids since
        this sweep did: it may have merged groups this index holds under their old ids."""
        return self.reserved_to is not None and self.store.group_ids_reserved() != self.reserved_to

    def _start_at(self, first: Key) -> bool:
        """A fresh index holding the grouped articles of the window before ``first`` (so its
        stories go on); False if stopped meanwhile."""
        self.index = RelatedIndex(self.window_hours)
        self.reserved_to = None
        self.cursor = (first[0] - self.window, -1)
        before: Key = first
        while True:
            rows = _page(self.store, self.cursor, before, BACKLOG_PAGE, grouped_only=True)
            if not rows:
                break
            if not self._sweep(rows):
                return False
        self.cursor = (first[0], first[1] - 1)  # (just before it: the sweep goes on from it)
        return True

    def _sweep(self, rows: list[Row]) -> bool:
        """Take in a page of articles in order, assigning the ungrouped ones a chunk at a time
        (group ids reserved through the store, results saved as the incremental grouper saves
        them). False if stopped midway (what was assigned is saved); without an index after
        it (``self.index`` None) when another grouping got in between."""
        index = self.index
        assert index is not None
        last = rows[-1]
        start = quota = taken = 0
        stopped = False
        with taking_in(self.store, index, rows) as intake:
            # another feed's copy of a story grouped already: its copy, as the incremental
            # grouper says (and, as there, not indexed)
            pending: list[Match] = [
                Match(i, group_id=group, duplicate_of=first)
                for i, (first, group) in intake.copies.items()
            ]
            left = sum(1 for _, group_id, _ in intake.rows if group_id is None)
            for article_id, group_id, published in intake.rows:
                if group_id is None:
                    if taken == quota:  # a new chunk: save the last, then its group ids
                        self._save(pending)
                        pending = []
                        if self.should_stop():
                            stopped = True
                            break
                        if self._grouped_elsewhere():
                            self.index = None  # read the store again before going on
                            break
                        quota = min(self.chunk, left)
                        start = self.store.reserve_group_ids(quota)
                        self.reserved_to = start + quota
                        taken = 0
                    elif self.should_stop(STOP_EVERY):  # (what the chunk assigned is saved)
                        stopped = True
                        break
                    # one id of the range per article, whatever the index took in between: an
                    # article starts at most one group, with an id no other grouping is given
                    index.use_group_ids(start + taken)
                    taken += 1
                    left -= 1
                elif self.should_stop(STOP_EVERY):
                    stopped = True
                    break
                match = next(intake.matches)
                if group_id is None:
                    pending.append(match)
                self.cursor = (published, article_id)
            else:  # the whole page (deleted articles and copies included: never read again)
                self.cursor = (last[2], last[0])
        self._save(pending)
        return not stopped

    def _save(self, matches: list[Match]) -> None:
        if not matches:
            return
        # an article the index could not read stands alone (as group() has it) rather than
        # being tried again on every pass
        save_matches(self.store, matches, self.copies_read)
        self.grouped += len(matches)


def waiting_to_be_grouped(store: BacklogStore) -> bool:
    """Whether any feed article has no group yet (a bulk import's backlog, say)."""
    rows = store.query("SELECT 1 FROM articles WHERE kind = 'feed' AND group_id IS NULL LIMIT 1")
    return bool(rows)


def group_older_articles(
    store: BacklogStore,
    window_hours: float = DEFAULT_WINDOW_HOURS,
    stop: Callable[[], bool] = lambda: False,
    *,
    chunk: int = BACKLOG_CHUNK,
    copies_read: bool = False,
) -> Backlog:
    """Group the stored articles older than the window (counted back from the newest article)
    that have no group yet: those a bulk first refresh or an OPML import of long feed histories
    brought, which the incremental grouper (the window only) leaves alone.

    Each is grouped with the stories of its own time (the window before it, in publication
    order, as :func:`reader.related.group` would group that span), joining the groups already
    stored there; groups, duplicates and related links are saved as the incremental grouper
    saves them (``copies_read`` as there), ``chunk`` articles at a time, with group ids
    reserved through the store. It
    stops as soon as ``stop()`` is true (asked between articles) and the next call goes on
    from there: grouped articles are never grouped again. Never raises: a database problem
    comes back as ``Backlog.error``.
    """
    started = time.perf_counter()
    sweep = _Sweep(store, window_hours, stop, chunk, copies_read)
    try:
        finished = sweep.run()
    except Exception as exc:  # a store error, in the store's words
        return Backlog(
            sweep.grouped,
            False,
            time.perf_counter() - started,
            f"Could not group older stories: {exc}",
        )
    return Backlog(sweep.grouped, finished, time.perf_counter() - started)
