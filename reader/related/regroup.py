"""Grouping the window again, in publication order, when the stored groups may no longer be
what :func:`reader.related.group` makes of the window's articles.

The refresh's grouping (:class:`reader.related.persist.StoreGrouper`) takes articles in as they
arrive; it agrees with ``group()`` when they arrive in publication order. Two things break that:

- articles that arrive after newer ones were grouped (a feed added with its day of history, a
  feed that was down): the refresh groups them at once, out of order, and notes the earliest
  such publication time in the store's meta (``LATE_KEY``);
- a change of the grouping rules (``RULES_VERSION`` differs from the one the store noted);
- the page of a grouped article came (``TEXTS_KEY``): it is grouped by the page's text now, not
  by its feed's blurb (``reader.related.persist.note_full_text``).

Either way the reader's housekeeping process calls :func:`regroup_window` while nothing else
waits (``reader.refresh.group_backlog``): a fresh index takes in every article of the window
(published within ``window_hours`` of the newest), oldest first, as ``group()`` does; then the
store's groups, copy flags and related links of those articles are replaced where they differ,
one transaction per chunk of articles. Read state and favourites are never touched (nor are
copies made read). Articles older than the window keep the groups they have (under the rules
of their time); a group that began before the window keeps its id where the window's part of
it stays together, so the older reports stay with the story.

It stops whenever ``stop()`` says other work waits (between articles) and the next call goes
on from there: articles taken in are not taken in again, what was written is not written
again. Articles stored meanwhile are taken in after the others; one published well before the
last article taken in (more than ``LATE_SLACK``) starts the pass again. Until a pass is written
every article keeps the group it had: none is ever left without one.

Cost: the window's articles are read and scored once (their features worked out in a helper
process beside the grouping for large windows); see ``benchmarks/related_regroup.py``.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.related.index import RelatedIndex
from reader.related.persist import (
    BACKLOG_PAGE,
    DEFAULT_WINDOW_HOURS,
    LATE_KEY,
    LATE_SLACK,
    RULES_KEY,
    RULES_VERSION,
    STOP_EVERY,
    TEXTS_KEY,
    GroupingStore,
    taking_in,
)
from reader.store import id_chunks, put_meta

WRITE_CHUNK = 250  # articles whose grouping is replaced in one transaction, at most ...
WRITE_LINKS = 5000  # ... and related links
SCORE_SLACK = 0.01  # a related link's similarity is rewritten when it moved by this much

Key = tuple[float, int]  # (published, id): the order articles are taken in
Links = dict[int, float]  # other article -> similarity


@dataclass(frozen=True, slots=True)
class Regroup:
    """The outcome of one call of :func:`regroup_window`."""

    reason: str = ""  # why the window is grouped again ("": it needs no new grouping)
    replayed: int = 0  # articles taken in by this call
    changed: int = 0  # articles whose group, copy flag or related links this call replaced
    finished: bool = True  # False: stopped (other work waited) or failed; the next call goes on
    seconds: float = 0.0
    error: str | None = None


def regroup_due(store: GroupingStore) -> str | None:
    """Why the window's groups must be made again, in words, or None."""
    if store.get_meta(LATE_KEY) is not None:
        return "articles arrived after newer ones"
    if store.get_meta(RULES_KEY) != str(RULES_VERSION):
        return "the grouping rules changed"
    if store.get_meta(TEXTS_KEY) is not None:
        return "stories' pages came"
    return None


def _never() -> bool:
    return False


def _same(a: Links, b: Links) -> bool:
    """The same links, their similarities alike to a point (as the reader shows them: the
    weights of words move a little with every article taken in)."""
    return a.keys() == b.keys() and all(abs(a[k] - b[k]) < SCORE_SLACK for k in a)


class _Pass:
    """One pass over the window: a fresh index, the articles taken in so far and where each
    went (groups under the index's own numbers until they are written)."""

    def __init__(self, store: GroupingStore, window_hours: float, reason: str) -> None:
        self.store = store
        self.window_hours = window_hours
        self.reason = reason
        self.lock = threading.Lock()
        self.replayed = self.changed = 0  # (this call's)
        self._begin()

    def _begin(self) -> None:
        self.index = RelatedIndex(self.window_hours)
        newest = self.store.newest_published()
        self.start = (newest if newest is not None else 0.0) - self.index.window
        self.known = self._top()  # articles stored up to this id are (or will be) taken in
        # a page that comes after this is noted again: the mark goes only if it is this one
        self.texts = self.store.get_meta(TEXTS_KEY)
        self.cursor: Key = (self.start, 0)  # the last article taken in
        # article -> (group in the index's numbers, earlier copy, related links when taken in)
        self.found: dict[int, tuple[int, Any, tuple[tuple[Any, float], ...]]] = {}
        self.copies: dict[int, int] = {}  # another feed's copy -> the first copy (not indexed)
        self.parent: dict[int, int] = {}  # a group merged into another -> that one
        self.order: list[int] = []  # the articles taken in, in order
        # articles whose group's members changed: their links are the pass's (kept from one
        # plan to the next, as what was written already no longer shows it)
        self.moved: set[int] = set()

    def _top(self) -> int:
        rows = self.store.query("SELECT MAX(id) AS m FROM articles WHERE kind = 'feed'")
        return int(rows[0]["m"] or 0) if rows else 0

    # ------------------------------------------------------------------ taking articles in

    def run(self, stop: Callable[[], bool]) -> bool:
        """Take in, write, repeat while articles arrive; True once the store has the pass."""
        self.replayed = self.changed = 0
        while not stop():
            if not self._arrivals():
                self._begin()  # one came well before those taken in: start again
            while True:
                rows = self.store.query(
                    "SELECT id, published FROM articles WHERE kind = 'feed' "
                    "AND (published, id) > (?, ?) AND id <= ? ORDER BY published, id LIMIT ?",
                    [*self.cursor, self.known, BACKLOG_PAGE],
                )
                if not rows:
                    break
                if not self._take([(int(r["id"]), float(r["published"])) for r in rows], stop):
                    return False
            if stop() or not self._write(stop):
                return False
            if self._finish():
                return True
        return False

    def _arrivals(self) -> bool:
        """Articles stored since the pass last looked are taken in after the others, in their
        order; False when one of them was published well before the last article taken in."""
        top = self._top()
        if top <= self.known:
            return True
        behind = [
            (int(r["id"]), float(r["published"]))
            for r in self.store.query(
                "SELECT id, published FROM articles WHERE kind = 'feed' AND id > ? "
                "AND published >= ? AND (published, id) <= (?, ?) ORDER BY published, id",
                [self.known, self.start, *self.cursor],
            )
        ]
        if any(published < self.cursor[0] - LATE_SLACK for _, published in behind):
            return False
        self.known = top
        if behind:  # a little late, as the refresh's grouping lets them be
            self._take(behind, _never)
        return True

    def _take(self, rows: list[tuple[int, float]], stop: Callable[[], bool]) -> bool:
        """Take in articles (id, published) in order; False if stopped midway."""
        with taking_in(self.store, self.index, [(i, None, p) for i, p in rows]) as intake:
            indexed = {i for i, _, _ in intake.rows}
            for n, (article_id, published) in enumerate(rows, 1):
                if n % STOP_EVERY == 0 and stop():
                    return False
                if article_id in intake.copies:  # as the refresh's grouping has it: not indexed
                    self.copies[article_id] = intake.copies[article_id][0]
                elif article_id in indexed:
                    match = next(intake.matches)
                    self.found[article_id] = (match.group_id, match.duplicate_of, match.related)
                    for gone in match.absorbed:
                        self.parent[gone] = match.group_id
                else:  # deleted meanwhile
                    self.cursor = max(self.cursor, (published, article_id))
                    continue
                self.order.append(article_id)
                self.cursor = max(self.cursor, (published, article_id))
                self.replayed += 1
        return True

    # ------------------------------------------------------------------ writing

    def _group(self, gid: int) -> int:
        root = gid
        while root in self.parent:
            root = self.parent[root]
        while gid != root:  # (shorter paths next time)
            self.parent[gid], gid = root, self.parent[gid]
        return root

    def _write(self, stop: Callable[[], bool]) -> bool:
        """Replace the groups, copy flags and related links that differ from the pass's, a
        chunk at a time (each write is whole: an article's group and all its links); False if
        stopped meanwhile (what was written stays; the next call works out the rest again)."""
        plan = self._plan(stop)
        if plan is None:
            return False
        groups, links = plan
        work: dict[int, tuple[list[Any], list[Any]]] = {}
        for row in groups:
            work.setdefault(row[0], ([], []))[0].append(row)
        for item in links:
            work.setdefault(item[0], ([], []))[1].append(item)
        order = {a: n for n, a in enumerate(self.order)}
        rows: list[Any] = []
        related: list[Any] = []
        count = pairs = 0
        last = len(work) - 1
        for n, a in enumerate(sorted(work, key=lambda a: order.get(a, len(order)))):
            rows += work[a][0]
            related += work[a][1]
            count += 1
            pairs += sum(len(p) for _, p in work[a][1])
            if count >= WRITE_CHUNK or pairs >= WRITE_LINKS or n == last:
                if stop():
                    return False
                self.store.save_grouping(rows, related, [], copies_read=False)
                self.changed += count
                rows, related, count, pairs = [], [], 0, 0
        return True

    def _plan(
        self, stop: Callable[[], bool]
    ) -> (
        tuple[list[tuple[int, int, int | None]], list[tuple[int, tuple[tuple[int, float], ...]]]]
        | None
    ):
        """What differs between the store and the pass: (article, group, copy of) rows and
        (article, all its related links) for save_grouping; None if stopped meanwhile."""
        store = self.store
        now: dict[int, tuple[int | None, int | None]] = {
            int(r["id"]): (r["group_id"], r["duplicate_of"])
            for r in store.query(
                "SELECT id, group_id, duplicate_of FROM articles WHERE kind = 'feed' "
                "AND published >= ? AND id <= ?",
                [self.start, self.known],
            )
        }
        span = [a for a in self.order if a in now]
        inside = set(span)
        # where each goes: a group of the pass (to be numbered) or, a copy of an article
        # outside the window, that article's group
        fresh: dict[int, int] = {}
        fixed: dict[int, int] = {}
        copy_of: dict[int, int | None] = {}
        firsts: dict[int, int] = {}
        for a in span:
            if a in self.found:
                gid, dup, _ = self.found[a]
                fresh[a] = self._group(gid)
                copy_of[a] = dup if dup in now else None
                continue
            first = self.copies[a]
            for _ in range(len(self.copies)):  # (a copy of a copy: the first one)
                if first not in self.copies:
                    break
                first = self.copies[first]
            copy_of[a] = first
            if first in self.found and first in now:
                fresh[a] = self._group(self.found[first][0])
            else:
                firsts[a] = first
        group_of = self._groups_of(sorted(set(firsts.values())))
        for a, first in firsts.items():
            # its first copy gone: it stays where it is (a story of its own if nowhere)
            group = group_of.get(first)
            group = now[a][0] if group is None else group
            if group is None:
                fresh[a] = -a
            else:
                fixed[a] = group
        # the pass's groups take the stored ids their articles have most (a story that began
        # before the window goes on under its id); the others new ids
        votes: Counter[tuple[int, int]] = Counter()
        for a, g in fresh.items():
            had = now[a][0]
            if had is not None:
                votes[g, had] += 1
        number: dict[int, int] = {}
        taken: set[int] = set()
        for (g, stored), _ in sorted(votes.items(), key=lambda v: (-v[1], v[0])):
            if g not in number and stored not in taken:
                number[g] = stored
                taken.add(stored)
        unnumbered = sorted(set(fresh.values()) - number.keys())
        target: dict[int, int | None] = {a: number.get(g) for a, g in fresh.items()}
        target.update(fixed)
        changed = [a for a in span if target[a] is None or (target[a], copy_of[a]) != now[a]]
        # the groups whose members changed: their articles' related links are the pass's (both
        # ways) and those to articles outside the window that stay in the same group; the
        # links of a group that kept its members stay as they are
        key: dict[int, Any] = {
            a: ("new", g) if target[a] is None else target[a] for a, g in fresh.items()
        }
        key.update(fixed)
        members: dict[Any, list[int]] = {}
        for a in span:
            members.setdefault(key[a], []).append(a)
        sizes = Counter(now[a][0] for a in span)
        moved: set[int] = set()
        for ms in members.values():
            before = {now[a][0] for a in ms}
            if len(before) != 1 or None in before or sizes[next(iter(before))] != len(ms):
                moved.update(ms)
        moved |= self.moved & inside
        self.moved = moved
        old = self._links(sorted(moved), stop)
        if old is None:
            return None
        outside = sorted({b for a in moved for b in old.get(a, {}) if b not in inside})
        group_of = self._groups_of(outside)
        more = self._links(outside, stop)
        if more is None:
            return None
        old.update(more)
        new: dict[int, Links] = {a: {} for a in moved}
        for a in moved:
            if a in self.found:
                for b, score in self.found[a][2]:
                    if b in moved and b != a:
                        new[a][int(b)] = score
                        new[int(b)][a] = score
            for b, score in old.get(a, {}).items():
                if b not in inside and target[a] is not None and target[a] == group_of.get(b):
                    new[a][b] = score
        for p in outside:
            kept = {
                x: s
                for x, s in old.get(p, {}).items()
                if x not in moved or (target[x] is not None and target[x] == group_of.get(p))
            }
            if len(kept) < len(old.get(p, {})):
                new[p] = kept
            for x, s in kept.items():
                if x in moved:
                    new[x][p] = s
        linked = [a for a in new if not _same(new[a], old.get(a, {}))]
        if not changed and not linked:
            return [], []
        # new ids (at least one: the range moving on tells other groupings the store changed)
        first_id = store.reserve_group_ids(max(1, len(unnumbered)))
        number.update({g: first_id + k for k, g in enumerate(unnumbered)})
        rows: list[tuple[int, int, int | None]] = []
        for a in changed:
            rows.append((a, number[fresh[a]] if a in fresh else fixed[a], copy_of[a]))
        ranked = [(a, tuple(sorted(new[a].items(), key=lambda p: (-p[1], p[0])))) for a in linked]
        return rows, ranked

    def _groups_of(self, ids: Sequence[int]) -> dict[int, int]:
        """The stored groups of articles (those that have one)."""
        out: dict[int, int] = {}
        for part, marks in id_chunks(ids):
            for r in self.store.query(
                f"SELECT id, group_id FROM articles WHERE id IN ({marks}) AND group_id IS NOT NULL",
                part,
            ):
                out[int(r["id"])] = int(r["group_id"])
        return out

    def _links(self, ids: Sequence[int], stop: Callable[[], bool]) -> dict[int, Links] | None:
        """The stored related links (kind 'feed') of articles; None if stopped meanwhile."""
        out: dict[int, Links] = {}
        for n, (part, marks) in enumerate(id_chunks(ids)):
            if n and stop():
                return None
            for r in self.store.query(
                "SELECT article_id AS a, other_id AS b, score AS s FROM related "
                f"WHERE kind = 'feed' AND article_id IN ({marks})",
                part,
            ):
                out.setdefault(int(r["a"]), {})[int(r["b"])] = float(r["s"])
        return out

    def _finish(self) -> bool:
        """Once no article arrived since: the store's groups are the pass's, the late mark goes
        (and the pages' mark, unless a page came since the pass began) and the rules' version
        is noted (one transaction). False if articles arrived."""
        with self.store.transaction() as db:
            top = db.execute("SELECT MAX(id) FROM articles WHERE kind = 'feed'").fetchone()[0]
            if int(top or 0) > self.known:
                return False
            db.execute("DELETE FROM meta WHERE key = ?", (LATE_KEY,))
            db.execute("DELETE FROM meta WHERE key = ? AND value = ?", (TEXTS_KEY, self.texts))
            put_meta(db, RULES_KEY, str(RULES_VERSION))
        return True


_PASSES: weakref.WeakKeyDictionary[Any, _Pass] = weakref.WeakKeyDictionary()
_PASSES_LOCK = threading.Lock()


def regroup_window(
    store: GroupingStore,
    window_hours: float = DEFAULT_WINDOW_HOURS,
    stop: Callable[[], bool] = _never,
) -> Regroup:
    """Group the window's articles again in publication order when they need it (see
    :func:`regroup_due`), replacing the store's groups, copy flags and related links where
    they differ; stops when ``stop()`` is true and the next call (with the same store object)
    goes on from there. Never raises: a database problem comes back as ``Regroup.error``."""
    started = time.perf_counter()
    with _PASSES_LOCK:
        work = _PASSES.get(store)
        if work is not None and work.window_hours != window_hours:
            work = None
    try:
        if work is None:
            reason = regroup_due(store)
            if reason is None:
                return Regroup(seconds=time.perf_counter() - started)
            work = _Pass(store, window_hours, reason)
            with _PASSES_LOCK:
                _PASSES[store] = work
        with work.lock:
            finished = work.run(stop)
        if finished:
            with _PASSES_LOCK:
                if _PASSES.get(store) is work:
                    del _PASSES[store]
    except Exception as exc:  # a store error, in the store's words
        with _PASSES_LOCK:
            _PASSES.pop(store, None)
        return Regroup(
            work.reason if work is not None else "",
            work.replayed if work is not None else 0,
            work.changed if work is not None else 0,
            False,
            time.perf_counter() - started,
            f"Could not group the window's stories again: {exc}",
        )
    return Regroup(
        work.reason, work.replayed, work.changed, finished, time.perf_counter() - started
    )
