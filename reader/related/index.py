"""Incremental grouping of articles that report the same event.

Each group keeps the sum of its members' unit TF-IDF vectors in an inverted index (term -> group ->
summed weight), so a new article is scored only against the groups sharing one of its terms, never
against every stored article. Its link to a group is the sum of its cosines to the members divided
by size**LINK_ALPHA (computed in O(terms) from the sums): between average linkage and a centroid,
it compares with the group as a whole, which avoids the chaining of single-link clustering. The
article joins the best group above THRESHOLD that one of its members confirms (cosine at least
MEMBER_FLOOR, with two terms in common: one shared word is a coincidence, not an event; a figure
with its unit and phrases, or the words of one name, count as one term) and, for articles with
text, that shares its names (who and where; a name of several words weighs as one), else starts
a new one (an article grouped by its page, whose page joins none, tries its feed's text,
``feed_text``; one marked as a wire update, "UPDATE 3-...", joins the group where a member from
its source is close to it). A headline alone (no text) and a report with one are joined only on
the report's names or figures (the words of a kind of event, "shares jump", are no event). Then
its group merges with a candidate group when the mean cosine between their members reaches
MERGE_THRESHOLD (stories that began apart); the article alone merges only where a member
confirms it, as a join needs.

Duplicates: the same text (or the same headline within hours, without text), or a member with a
very close vector whose text shares most word 4-grams with it (syndicated wire copy, re-posts).

Articles older than the time window (relative to the newest article seen) leave the index.
`group()` replays a batch in publication order through the same index, so the incremental path and
the batch path agree by construction when articles arrive in publication order.
"""

from __future__ import annotations

import heapq
import math
import sys
from array import array
from collections.abc import Hashable, Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from itertools import chain, islice, repeat
from operator import itemgetter, mul
from typing import Any

from reader.procs import ordered_map, spare_cores
from reader.related.text import (
    Features,
    features_batch,
    features_or_error,
    is_update,
    name_sets,
    number_of,
    template_siblings,
)

ArticleId = Hashable

# The grouping rules' version: raise it whenever a change to reader.related.index or .text
# (thresholds, features, checks) would group the same articles otherwise. A store grouped under
# another version has the articles of its window grouped again once, in the background
# (reader.related.regroup); older groups stay as they were made.
# 1: before the store kept a version; 2: a figure and its terms count once toward the shared
# terms, a name of several words weighs as one name; 3: a headline alone joins a report with
# text only on the report's names or figures; 4: a group with fewer than MIN_NAMES names takes an
# article sharing one of them, whatever the article's own count; 5: the same long headline within
# hours, the shorter text mostly in the other, is a copy whatever the cosine (a page beside a blurb);
# 6: a figure of one digit in a lead ("at 2%") is one of its names, as it is in a headline;
# 7: an article grouped by its page whose page joins no group tries its feed's text;
# 8: a headline marked as a wire update joins the group of its source's earlier version.
RULES_VERSION = 8

# One fixed setting for every data set (chosen on a few days of headlines, see benchmarks/related.py).
THRESHOLD = 0.2  # link to a group needed to join it: sum of cosines to its members / size**ALPHA
LINK_ALPHA = 0.6  # between the mean cosine (1.0, strict with large groups) and the centroid
# An article with a text (title + lead): cosines run higher and stories of one kind share more
# words, so the link leans more to the mean cosine and needs more.
TEXT_THRESHOLD = 0.27
TEXT_ALPHA = 0.9
NAME_MIN = 0.35  # share of an article's names (idf-weighted) its group must have, when it has names
MIN_NAMES = 3  # the name check applies to articles with at least this many names
DUP_COSINE = 0.8  # near-duplicate candidates: cosine at least this ...
DUP_CONTAINMENT = 0.6  # ... and this share of the shorter text's word 4-grams in the other
DUP_TITLE_HOURS = 12  # same headline, no text: a copy only if published this close
SAME_TITLE_WORDS = 6  # the same headline this long within DUP_TITLE_HOURS: the same story,
# however different the leads (a copy re-edited, a wire story with each outlet's own opening)
RETRIEVE_TERMS = 8  # an article's strongest terms whose postings give the candidate groups
MAX_POSTING = 150  # terms in more groups than this only rescore candidates found by rarer ones
RESCORE = 24  # candidates rescored with the other terms
MAX_RELATED = 20  # related links kept per article (the group itself may be larger)
RANK_LIMIT = 300  # members of a large group compared with a new article for its related list
MERGE_THRESHOLD = 0.17  # mean cosine between the members of two groups that makes them one
TEXT_MERGE_THRESHOLD = 0.25  # the same when both groups have articles with text
MERGE_CANDIDATES = 3  # the groups best linked to the new article are checked for a merge
MERGE_FLOOR = 0.15  # groups this weakly linked to the new article are not checked for a merge
MAX_MERGES = 2
VERIFY_CANDIDATES = 3  # groups above the threshold tried, best first
MEMBER_FLOOR = 0.15  # cosine to a member a group needs to take an article ...
MIN_SHARED = 2  # ... which also shares this many terms (words, phrases) with the article
FIGURES_ALONE_ONE = True  # ... where figures shared and nothing else count as one, however many
# A headline alone (no text) and a report with one: the member confirming the join must share
# one of the report's names, or this many of its figures (the words of a kind of event are no
# event: "Netflix shares jump 8.2%" is not the report of another company's shares jumping).
HEADLINE_NAMES = True
HEADLINE_FIGURES = 2
HEADLINE_MEMBERS = 3  # headlines of a group of headlines alone tried against reports to merge
VERIFY_MEMBERS = 200  # most recent members of a large group checked for that
PARALLEL_MIN = 5000  # batches this large have their features worked out in a helper process ...
FEATURE_CHUNK = 500  # ... this many articles at a time


_ZEROS = repeat(0.0)  # the default for every missing term


@dataclass(frozen=True, slots=True)
class Match:
    """Where a new article went."""

    id: ArticleId
    group_id: int
    related: tuple[tuple[ArticleId, float], ...] = ()  # other members, best first, with cosine
    duplicate_of: ArticleId | None = None  # the earlier copy when this one is a (near) duplicate
    absorbed: tuple[int, ...] = ()  # groups merged into group_id by this article
    error: str | None = None  # why the article could not be read (it then stands alone)

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_of is not None


@dataclass(slots=True)
class _Entry:
    id: ArticleId
    ts: float
    group: int
    terms: tuple[str, ...]  # unit vector: its terms ...
    weights: array[float]  # ... and their weights (a third of a dict's memory)
    feats: Features
    source: str = ""  # the publisher (or feed), where known

    def dot(self, vec: dict[str, float]) -> float:
        """Cosine with a unit vector (summed in C)."""
        return sum(map(mul, self.weights, map(vec.get, self.terms, _ZEROS)))

    def shares_enough(self, vec: dict[str, float], runs: tuple[tuple[str, ...], ...] = ()) -> bool:
        """At least MIN_SHARED terms in common with the vector, a number and the terms made of it
        (its unit, the title phrases it is in) counting as one, and so do the words of one name
        (`runs`: the other article's names of several words; see _facts)."""
        shared = [t for t in self.terms if t in vec]
        if len(shared) < MIN_SHARED:
            return False
        runs = runs + self.feats.name_runs if runs else self.feats.name_runs
        return _facts(shared, runs) >= MIN_SHARED


@dataclass(slots=True)
class _Group:
    id: int
    members: dict[ArticleId, None] = field(default_factory=dict)
    terms: dict[str, float] = field(default_factory=dict)  # sum of member vectors
    names: dict[str, int] = field(default_factory=dict)  # name -> members having it
    named: int = 0  # members with names
    texted: int = 0  # members with a text (names, or a lead of lower-case words)
    # name -> what its members' names of several words take off its count (see _name_shares)
    name_less: dict[str, float] | None = None
    denom: float = 1.0  # size**LINK_ALPHA

    def resized(self) -> None:
        self.denom = float(len(self.members) ** LINK_ALPHA) if self.members else 1.0


def parse_time(value: Any) -> float | None:
    """Seconds since the epoch from an ISO date/datetime string (or date/datetime); None if unknown."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, datetime):
            dt = value
        elif isinstance(value, date):
            dt = datetime(value.year, value.month, value.day)
        elif isinstance(value, int | float):
            return float(value)
        else:
            text = str(value).strip()
            if text.endswith(("Z", "z")):
                text = text[:-1] + "+00:00"
            dt = datetime.fromisoformat(text)
    except (ValueError, TypeError, OverflowError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    try:
        return dt.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


class RelatedIndex:
    """Groups articles as they arrive; compares each only with candidate groups in the window."""

    def __init__(
        self,
        window_hours: float = 72.0,
        *,
        threshold: float | None = None,
        name_min: float | None = None,
        merge_threshold: float | None = None,
        with_related: bool = True,
    ) -> None:
        self.window = max(0.0, float(window_hours)) * 3600.0
        self.threshold = THRESHOLD if threshold is None else threshold
        self.name_min = NAME_MIN if name_min is None else name_min
        self.merge_threshold = MERGE_THRESHOLD if merge_threshold is None else merge_threshold
        self.text_threshold = TEXT_THRESHOLD
        self.text_merge_threshold = TEXT_MERGE_THRESHOLD
        self.with_related = with_related
        self.now: float | None = None  # newest publication time seen
        self._entries: dict[ArticleId, _Entry] = {}
        self._groups: dict[int, _Group] = {}
        self._postings: dict[str, dict[int, float]] = {}
        self._df: dict[str, int] = {}
        self._name_df: dict[str, int] = {}
        self._by_text: dict[str, ArticleId] = {}
        self._by_title: dict[str, ArticleId] = {}  # titles of articles without text
        self._by_headline: dict[str, ArticleId] = {}  # long titles of every article
        self._expiry: list[tuple[float, int, ArticleId]] = []
        self._seq = 0
        self._next_group = 1

    # ------------------------------------------------------------------ inspection

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._entries

    def group_of(self, article_id: ArticleId) -> int | None:
        entry = self._entries.get(article_id)
        return entry.group if entry else None

    def members(self, group_id: int) -> list[ArticleId]:
        group = self._groups.get(group_id)
        return list(group.members) if group else []

    def groups(self) -> list[list[ArticleId]]:
        return [list(g.members) for g in self._groups.values()]

    def reserve_group_ids(self, up_to: int) -> None:
        """New groups get ids above `up_to` (ids already used in a store)."""
        self._next_group = max(self._next_group, int(up_to) + 1)

    def use_group_ids(self, start: int) -> None:
        """New groups get ids from `start` on (a range reserved for this index alone)."""
        self._next_group = int(start)

    # ------------------------------------------------------------------ updates

    def add(
        self,
        item: Mapping[str, Any],
        *,
        group_id: int | None = None,
        _features: Features | str | None = None,
    ) -> Match:
        """Index one article (keys id, title, text, published, ...) and say which group it joined.

        `group_id` puts the article in a known group without scoring (rebuilding from a store).
        """
        try:
            article_id = item["id"]
            hash(article_id)
        except (KeyError, TypeError):
            return Match(id=None, group_id=0, error="The article has no usable id.")
        if article_id in self._entries:
            self.remove(article_id)
        feats = _features if _features is not None else features_or_error(_feature_args(item))
        if isinstance(feats, str):  # bad outside text must not stop a refresh
            return Match(article_id, self._new_group_id(), error=feats)
        ts = parse_time(item.get("published"))
        if ts is None:
            ts = self.now if self.now is not None else 0.0
        if self.now is None or ts > self.now:
            self.now = ts
        self.expire()

        vec = self._weigh(feats)
        duplicate: ArticleId | None = self._exact_duplicate(feats, ts)
        scores: dict[int, float] = {}
        if group_id is not None:
            gid = group_id
        elif duplicate is not None:
            gid = self._entries[duplicate].group
        else:
            scores = self._score(vec)
            chosen = self._choose(scores, feats, vec, ts)
            if chosen is None:
                chosen = self._feed_text_join(item, ts)
            if chosen is None:
                chosen = self._update_join(item, feats, vec, scores)
            gid = chosen if chosen is not None else self._new_group_id()
        # keep only what is used
        entry = _Entry(
            article_id,
            ts,
            gid,
            tuple(vec),
            array("d", vec.values()),
            replace(feats, vector={}),
            sys.intern(_source(item)),
        )
        self._insert(entry)
        absorbed: tuple[int, ...] = ()
        if group_id is None:
            gid, absorbed = self._merge(gid, scores, vec, feats)
        related: tuple[tuple[ArticleId, float], ...] = ()
        if self.with_related and group_id is None:
            related = self._rank_members(article_id, vec, self._groups[gid])
            if duplicate is None:
                duplicate = self._near_duplicate(entry, related)
        if ts < self.now - self.window:  # already outside the window: grouped, not kept
            self.remove(article_id)
        return Match(article_id, gid, related, duplicate, absorbed)

    def add_many(
        self, items: Iterable[Mapping[str, Any]], *, group_ids: Iterable[int | None] = ()
    ) -> Iterator[Match]:
        """:meth:`add` for each item in turn (with its ``group_ids`` entry, if given). In a large
        batch, the articles' features (which depend on each article alone) are worked out in a
        helper process while this one groups, so a re-group uses two cores."""
        items = [item if isinstance(item, Mapping) else {} for item in items]
        if len(items) < PARALLEL_MIN:
            feats: Iterable[Features | str | None] = repeat(None)
        else:
            args = [_feature_args(item) for item in items]
            chunks = (args[k : k + FEATURE_CHUNK] for k in range(0, len(args), FEATURE_CHUNK))
            work = ordered_map(features_batch, chunks, use_helper=spare_cores() > 0)
            feats = (f if isinstance(f, str) else f.interned() for f in chain.from_iterable(work))
        gids = chain(group_ids, repeat(None))
        for item, feat, gid in zip(items, feats, gids, strict=False):
            yield self.add(item, group_id=gid, _features=feat)

    def remove(self, article_id: ArticleId) -> bool:
        """Take an article out of the index (its group shrinks); False if it was not there."""
        entry = self._entries.pop(article_id, None)
        if entry is None:
            return False
        group = self._groups[entry.group]
        del group.members[article_id]
        group.resized()
        for term, w in zip(entry.terms, entry.weights, strict=True):
            posting = self._postings[term]
            left = posting.get(group.id, 0.0) - w
            if left > 1e-9 and group.members:
                posting[group.id] = left
                group.terms[term] = left
            else:
                posting.pop(group.id, None)
                group.terms.pop(term, None)
                if not posting:
                    del self._postings[term]
            self._decrement(self._df, term)
        if entry.feats.has_text:
            group.texted -= 1
        if entry.feats.names:
            group.named -= 1
            for name in entry.feats.names:
                self._decrement(group.names, name)
                self._decrement(self._name_df, name)
            if entry.feats.name_runs and group.name_less is not None:
                less = group.name_less
                for name, share in _name_shares(entry.feats).items():
                    left = less.get(name, 0.0) - (1.0 - share)
                    if left > 1e-9 and name in group.names:
                        less[name] = left
                    else:
                        less.pop(name, None)
        if not group.members:
            del self._groups[group.id]
        for table, key in (
            (self._by_text, entry.feats.text_key),
            (self._by_title, entry.feats.title_key),
            (self._by_headline, entry.feats.title_key),
        ):
            if key and table.get(key) == article_id:
                del table[key]
        return True

    def expire(self, now: float | None = None) -> int:
        """Drop articles published more than the window before `now` (default: newest seen)."""
        now = self.now if now is None else now
        if now is None:
            return 0
        limit = now - self.window
        dropped = 0
        while self._expiry and self._expiry[0][0] < limit:
            ts, _, article_id = heapq.heappop(self._expiry)
            entry = self._entries.get(article_id)
            if entry is not None and entry.ts == ts:
                self.remove(article_id)
                dropped += 1
        return dropped

    # ------------------------------------------------------------------ internals

    def _new_group_id(self) -> int:
        gid = self._next_group
        self._next_group += 1
        return gid

    @staticmethod
    def _decrement(table: dict[str, int], key: str) -> None:
        left = table.get(key, 0) - 1
        if left > 0:
            table[key] = left
        else:
            table.pop(key, None)

    def _weigh(self, feats: Features) -> dict[str, float]:
        """The unit TF-IDF vector: each raw weight times log(N / (df + 1)) + 1."""
        n, df, log = len(self._entries) + 1, self._df, math.log
        vec = {t: w * (log(n / (df.get(t, 0) + 1)) + 1.0) for t, w in feats.vector.items()}
        norm = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / norm for t, w in vec.items()} if norm > 0 else {}

    def _exact_duplicate(self, feats: Features, ts: float) -> ArticleId | None:
        if feats.text_key:
            return self._by_text.get(feats.text_key)
        if feats.title_key:
            other = self._by_title.get(feats.title_key)
            if other is not None and self._same_title_copy(feats, ts, self._entries[other]):
                return other
        return None

    @staticmethod
    def _same_title_copy(feats: Features, ts: float, other: _Entry) -> bool:
        """Same headline and no text to compare: a copy if close in time (a daily column is not)."""
        return (
            feats.title_key == other.feats.title_key
            and abs(ts - other.ts) <= DUP_TITLE_HOURS * 3600
        )

    def _score(self, vec: dict[str, float]) -> dict[int, float]:
        """Links of the vector to candidate groups: dot with their sums / size**ALPHA.

        Candidates come from the postings of the article's strongest terms (RETRIEVE_TERMS, each
        in at most MAX_POSTING groups); the best RESCORE of them are then scored with all terms.
        """
        scores: dict[int, float] = {}
        rest: list[tuple[float, dict[int, float]]] = []
        retrieved = 0
        postings = self._postings
        for term, w in sorted(vec.items(), key=itemgetter(1), reverse=True):  # ties in order
            posting = postings.get(term)
            if posting is None:
                continue
            if retrieved >= RETRIEVE_TERMS or len(posting) > MAX_POSTING:
                rest.append((w, posting))
                continue
            retrieved += 1
            if scores:
                for gid, s in posting.items():
                    if gid in scores:
                        scores[gid] += w * s
                    else:
                        scores[gid] = w * s
            else:
                scores = {gid: w * s for gid, s in posting.items()}
        if not scores and rest:  # only common terms: the rarest one still finds candidates
            rest.sort(key=lambda wp: len(wp[1]))
            w, posting = rest.pop(0)
            scores = {gid: w * s for gid, s in posting.items()}
        if rest and scores:
            if len(scores) > RESCORE:
                # what heapq.nlargest returns (ties in order), faster for a few hundred
                top = sorted(scores, key=scores.__getitem__, reverse=True)[:RESCORE]
                scores = {gid: scores[gid] for gid in top}
            candidates = scores.keys()
            for w, posting in rest:  # only the candidates in the posting gain (the rest + 0.0)
                for gid in candidates & posting.keys():
                    scores[gid] += w * posting[gid]
        groups = self._groups
        return {gid: dot / groups[gid].denom for gid, dot in scores.items()}

    def _choose(
        self, scores: dict[int, float], feats: Features, vec: dict[str, float], ts: float
    ) -> int | None:
        """The best group above the threshold whose names agree and that a member confirms, else
        the group of a recent article with the same long headline, else None (a new group).
        Candidates are tried best first (a group failing a check leaves the next one)."""
        # an article with a text (a lead with names, or one of lower-case words): its vector
        # holds more words, so stories of a kind share more of them
        has_text = feats.has_text
        floor = self.text_threshold if has_text else self.threshold
        ranked: list[tuple[float, int]] = []
        for gid, score in scores.items():
            if score < floor and TEXT_ALPHA >= LINK_ALPHA:  # the factor below is at most 1
                continue
            group = self._groups[gid]
            if has_text:  # closer to the mean cosine
                score *= group.denom / len(group.members) ** TEXT_ALPHA
            if score >= floor:
                ranked.append((-score, gid))
        ranked.sort()
        for _, gid in ranked[:VERIFY_CANDIDATES]:
            group = self._groups[gid]
            if self._names_agree(feats, group) and self._confirmed(vec, feats, group):
                return gid
        same = self._by_headline.get(feats.title_key)
        if same is not None and abs(ts - self._entries[same].ts) <= DUP_TITLE_HOURS * 3600:
            return self._entries[same].group
        return None

    def _update_join(
        self,
        item: Mapping[str, Any],
        feats: Features,
        vec: dict[str, float],
        scores: dict[int, float],
    ) -> int | None:
        """The group of a wire story's earlier version, for a headline marked as an update
        ("UPDATE 3-Chile quake death toll rises to 3") where no group took it: a group among the
        best linked whose names agree, with a member from the same source close enough to it
        (as a join's confirming member must be). A story's updates say more each time (a toll,
        a warning lifted), so they drift from a large group's wording; their source says they
        are the same story."""
        source = _source(item)
        if not source or not is_update(str(item.get("title") or "")):
            return None
        entries = self._entries
        for gid in sorted(scores, key=scores.__getitem__, reverse=True)[:VERIFY_CANDIDATES]:
            group = self._groups[gid]
            if not self._names_agree(feats, group):
                continue
            for mid in islice(reversed(group.members), VERIFY_MEMBERS):
                other = entries[mid]
                if (
                    other.source == source
                    and other.dot(vec) >= MEMBER_FLOOR
                    and other.shares_enough(vec, feats.name_runs)
                ):
                    return gid
        return None

    def _feed_text_join(self, item: Mapping[str, Any], ts: float) -> int | None:
        """The group an article grouped by its page (``text``) joins by its feed's own text
        (``feed_text``), where the page's joins none: the page says more than the feed's blurb
        (names, figures, a second paragraph), which other feeds' blurbs of the event do not
        say; what its feed said of it still tells that it is their event."""
        own = item.get("feed_text")
        if not own or not isinstance(own, str):
            return None
        title, _, language, publisher = _feature_args(item)
        feats = features_or_error((title, own, language, publisher))
        if isinstance(feats, str):
            return None
        vec = self._weigh(feats)
        return self._choose(self._score(vec), feats, vec, ts)

    def _confirmed(self, vec: dict[str, float], feats: Features, group: _Group) -> bool:
        """A join needs one member close to the article, not only the group's sum: an article that
        shares a different common word with each member (a company's name, 'stocks') is no match.
        That member must share two terms with it: one word in common, however rare, is a topic or a
        coincidence ('Transformers 4', '$4 million'), not an event (a shared headline phrase brings
        its two words). Nor does a headline of the same template with another name in its slot
        ("... Stock Options For AT&T" / "... For 3M")."""
        if MEMBER_FLOOR <= 0:
            return True
        entries = self._entries
        for mid in islice(reversed(group.members), VERIFY_MEMBERS):
            other = entries[mid]
            if (
                other.dot(vec) >= MEMBER_FLOOR
                and other.shares_enough(vec, feats.name_runs)
                and not template_siblings(
                    feats.title_key, feats.title_caps, other.feats.title_key, other.feats.title_caps
                )
                and (
                    feats.has_text == other.feats.has_text
                    or not HEADLINE_NAMES
                    or _headline_fits(feats, other, vec)
                )
            ):
                return True
        return False

    def _merge(
        self, gid: int, scores: dict[int, float], vec: dict[str, float], feats: Features
    ) -> tuple[int, tuple[int, ...]]:
        """Merge the article's group with candidate groups whose average link is high enough.
        The article alone (it started a group) is in effect joining the other: a member must
        confirm it, as a join needs (``_confirmed``: one shared word, "plan" in "Harbour plan
        approved" and "Buffett Has Plans …", is no event)."""
        if self.merge_threshold <= 0:
            return gid, ()
        cands = [h for h, link in scores.items() if link >= MERGE_FLOOR and h != gid]
        if len(cands) > MERGE_CANDIDATES:
            cands = heapq.nlargest(MERGE_CANDIDATES, cands, key=scores.__getitem__)
        absorbed: list[int] = []
        for _ in range(MAX_MERGES):
            g = self._groups[gid]
            best, best_link = 0, self.merge_threshold
            for h in cands:
                other = self._groups.get(h)
                if other is None or h == gid:
                    continue
                size = len(g.members) * len(other.members)
                both_text = g.texted and other.texted  # articles with text on both sides
                scale = self.merge_threshold / self.text_merge_threshold if both_text else 1.0
                # the article alone: its link to the group was scored already (summed in
                # another order, like _rough_dot)
                rough = (
                    scores[h] * other.denom
                    if len(g.members) == 1
                    else _rough_dot(g.terms, other.terms)
                )
                if rough / size * scale < best_link * (1 - 1e-9):
                    continue  # below the best link however the exact sum rounds
                link = _dot(g.terms, other.terms) / size * scale
                if len(g.members) == 1:
                    if not self._confirmed(vec, feats, other):
                        continue
                elif not self._headlines_agree(g, other):
                    continue
                if link >= best_link and self._groups_agree(g, other):
                    best, best_link = h, link
            if not best:
                break
            cands.remove(best)
            survivor, gone = self._absorb(gid, best)
            absorbed.append(gone)
            gid = survivor
        return gid, tuple(a for a in absorbed if a != gid)

    def _headlines_agree(self, a: _Group, b: _Group) -> bool:
        """Two groups, one of headlines alone and one with texts, merge only where a headline
        is confirmed by a report as a join needs (``_confirmed``: one of the report's names or
        two of its figures in common); the names check between groups sees no names in
        headlines alone."""
        if not HEADLINE_NAMES or bool(a.texted) == bool(b.texted):
            return True
        bare, texted = (a, b) if b.texted else (b, a)
        entries = self._entries
        for mid in islice(reversed(bare.members), HEADLINE_MEMBERS):
            entry = entries[mid]
            vec = dict(zip(entry.terms, entry.weights, strict=True))
            if self._confirmed(vec, entry.feats, texted):
                return True
        return False

    def _absorb(self, a: int, b: int) -> tuple[int, int]:
        """Merge two groups into the larger (older on ties); returns (survivor, absorbed)."""
        ga, gb = self._groups[a], self._groups[b]
        if (len(gb.members), -b) > (len(ga.members), -a):
            ga, gb = gb, ga
        for mid in gb.members:
            ga.members[mid] = None
            self._entries[mid].group = ga.id
        ga.resized()
        for term, w in gb.terms.items():
            s = ga.terms.get(term, 0.0) + w
            ga.terms[term] = s
            posting = self._postings[term]
            posting[ga.id] = s
            posting.pop(gb.id, None)
        for name, c in gb.names.items():
            ga.names[name] = ga.names.get(name, 0) + c
        if gb.name_less:
            less = ga.name_less if ga.name_less is not None else {}
            for name, x in gb.name_less.items():
                less[name] = less.get(name, 0.0) + x
            ga.name_less = less
        ga.named += gb.named
        ga.texted += gb.texted
        del self._groups[gb.id]
        return ga.id, gb.id

    def _name_weight(self, name: str) -> float:
        return math.log((len(self._entries) + 2) / (self._name_df.get(name, 0) + 1)) + 1.0

    def _names_agree(self, feats: Features, group: _Group) -> bool:
        """An article with names (who, where) joins a group only if the group shares enough of them."""
        if not feats.names or not group.named:
            return True
        # few names on either side (the newcomer's, or the group's: a first report that names
        # only a figure, the next one the governor too): they must not all differ
        if len(feats.names) < MIN_NAMES or len(group.names) < MIN_NAMES:
            return any(name in group.names for name in feats.names)
        shares = _name_shares(feats)
        total = shared = 0.0
        for name in feats.names:
            w = self._name_weight(name) * shares.get(name, 1.0)
            total += w
            shared += w * min(1.0, 2.0 * group.names.get(name, 0) / group.named)
        return shared >= self.name_min * total

    def _groups_agree(self, a: _Group, b: _Group) -> bool:
        """The same test between two groups: the smaller group's names, by how common they are."""
        if not a.named or not b.named:
            return True
        if b.named < a.named:
            a, b = b, a
        total = shared = 0.0
        less = a.name_less or {}
        for name, count in a.names.items():
            w = self._name_weight(name) * (count - less.get(name, 0.0)) / a.named
            total += w
            shared += w * min(1.0, 2.0 * b.names.get(name, 0) / b.named)
        return total <= 0 or shared >= self.name_min * total

    def _rank_members(
        self, article_id: ArticleId, vec: dict[str, float], group: _Group
    ) -> tuple[tuple[ArticleId, float], ...]:
        """The group's other members (the most recent RANK_LIMIT of a large one) by cosine with
        the article's unit vector."""
        sims = []
        for mid in islice(reversed(group.members), RANK_LIMIT + 1):
            if mid == article_id:
                continue
            sims.append((mid, round(self._entries[mid].dot(vec), 4)))
        sims.sort(key=lambda p: -p[1])
        return tuple(sims[:MAX_RELATED])

    def _near_duplicate(
        self, entry: _Entry, related: tuple[tuple[ArticleId, float], ...]
    ) -> ArticleId | None:
        """The member the article is a copy of, if any: a very close vector whose text holds
        most of the other's word 4-grams (or, without texts, the same headline within hours);
        or the same long headline within hours (a wire story's update, "UPDATE 1-..."), where
        the shorter text is mostly in the other, however much more the other says (a story's
        fetched page beside its feed's one-line blurb)."""
        mine = entry.feats
        for mid, sim in related:
            if sim < DUP_COSINE:
                break
            other = self._entries[mid].feats
            if mine.shingles and other.shingles:
                if _contained(mine, other):
                    return mid
            elif mine.title_key and self._same_title_copy(mine, entry.ts, self._entries[mid]):
                return mid
        if mine.shingles and mine.title_key.count(" ") + 1 >= SAME_TITLE_WORDS:
            for mid, _ in related:
                other_entry = self._entries[mid]
                if (
                    other_entry.feats.shingles
                    and self._same_title_copy(mine, entry.ts, other_entry)
                    and _contained(mine, other_entry.feats)
                ):
                    return mid
        return None

    def _insert(self, entry: _Entry) -> None:
        group = self._groups.get(entry.group)
        if group is None:
            group = self._groups[entry.group] = _Group(entry.group)
            self._next_group = max(self._next_group, entry.group + 1)
        group.members[entry.id] = None
        group.resized()
        for term, w in zip(entry.terms, entry.weights, strict=True):
            s = group.terms.get(term, 0.0) + w
            group.terms[term] = s
            self._postings.setdefault(term, {})[group.id] = s
            self._df[term] = self._df.get(term, 0) + 1
        if entry.feats.has_text:
            group.texted += 1
        if entry.feats.names:
            group.named += 1
            for name in entry.feats.names:
                group.names[name] = group.names.get(name, 0) + 1
                self._name_df[name] = self._name_df.get(name, 0) + 1
            if entry.feats.name_runs:
                less = group.name_less if group.name_less is not None else {}
                for name, share in _name_shares(entry.feats).items():
                    less[name] = less.get(name, 0.0) + (1.0 - share)
                group.name_less = less
        self._entries[entry.id] = entry
        if entry.feats.text_key:
            self._by_text.setdefault(entry.feats.text_key, entry.id)
        elif entry.feats.title_key:
            self._by_title.setdefault(entry.feats.title_key, entry.id)
        if entry.feats.title_key.count(" ") + 1 >= SAME_TITLE_WORDS:
            self._by_headline[entry.feats.title_key] = entry.id  # the most recent one
        self._seq += 1
        heapq.heappush(self._expiry, (entry.ts, self._seq, entry.id))


def _headline_fits(feats: Features, other: _Entry, vec: Mapping[str, float]) -> bool:
    """Whether a headline alone (no text) and a report with a text, the new article (`feats`,
    its unit vector `vec`) and a member (`other`) one way or the other, can be one event.

    A headline alone has no names the checks see (a Title Case headline hides them), so the
    report's names say which shared words name the event: the two must share one of the
    report's names (who, where: its names, or a name opening its headline and lead) or two of
    its figures. The other words a headline shares with a report are the kind of event
    ("shares jump", "makes landfall", "checks into rehab"), which another company, storm or
    star has too. And the names a headline shows (its capitalised words after the first, where
    others are in lower case) must not all be missing from the report ("Hurricane Beryl makes
    landfall in Texas" is not a report of Hurricane Dana in Florida). A report without names
    cannot tell: then the other checks decide."""
    text_terms: Set[str]
    if feats.has_text:
        text, bare, text_terms = feats, other.feats, vec.keys()
    else:
        text, bare, text_terms = other.feats, feats, frozenset(other.terms)
    if bare.headline_names and text_terms.isdisjoint(bare.headline_names):
        return False
    names, openers = text.names, text.lead_names
    if not names and not openers:
        return True
    figures: set[str] = set()
    for term in other.terms:
        if term in vec and (term in names or term in openers):
            number = number_of(term)
            if number is None:
                return True
            figures.add(number)
    return len(figures) >= HEADLINE_FIGURES


def _contained(a: Features, b: Features) -> bool:
    """Whether the shorter of two texts has most of its word 4-grams in the other."""
    shared = len(set(a.shingles).intersection(b.shingles))
    return shared >= DUP_CONTAINMENT * min(len(a.shingles), len(b.shingles))


def _name_shares(feats: Features) -> dict[str, float]:
    """What each word of a name of several words weighs in the name checks: 1/k in a name of k
    words, so that "Los Angeles City Attorney" weighs as one name, not four (a name of one word,
    not listed, weighs 1; the runs are disjoint)."""
    return {name: 1.0 / len(run) for run in feats.name_runs for name in run}


def _facts(terms: list[str], runs: tuple[tuple[str, ...], ...] = ()) -> int:
    """How many facts the terms are: each word or phrase of words one, each number one with the
    terms made of it ("6.4", "percent", "6.4_percent" are one figure), each name of several
    words (`runs`) one with its words ("Los Angeles": "los", "angel", "los_angel"). Figures
    alone count for one at most: two headlines that share nothing but numbers ("... rally
    6.4%", "... tumble 6.4%, ... 6.5%") report two events that came out alike."""
    # word -> its name (names sharing a word are one)
    name_of = {word: n for n, name in enumerate(name_sets(runs)) for word in name} if runs else {}
    words: set[str | int] = set()
    figures: set[str] = set()
    for term in terms:
        number = number_of(term)
        if number is not None:
            figures.add(number)
        elif not name_of:
            words.add(term)
        elif "_" in term:  # a phrase inside one name is that name
            first, second = term.split("_", 1)
            name = name_of.get(first)
            words.add(name if name is not None and name == name_of.get(second) else term)
        else:
            name = name_of.get(term)
            words.add(term if name is None else name)
    # a unit word goes with the numbers shared ("percent" alone is one, like a word)
    count = len(figures - {""}) or len(figures)
    return len(words) + (count if words or not FIGURES_ALONE_ONE else min(count, 1))


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _rough_dot(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product summed in another order, all in C: the terms are positive, so it differs
    from _dot's by a relative len * 2.2e-16 at most, far inside the 1e-9 margin callers leave."""
    common = a.keys() & b.keys()
    return sum(map(mul, map(a.__getitem__, common), map(b.__getitem__, common)))


def _order(articles: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Publication order (undated articles keep their place after the dated ones before them)."""
    keyed = []
    last = float("-inf")
    for i, a in enumerate(articles):
        ts = parse_time(a.get("published")) if isinstance(a, Mapping) else None
        last = ts if ts is not None and ts > last else last
        keyed.append((ts if ts is not None else last, i, a))
    keyed.sort(key=lambda k: (k[0], k[1]))
    return [a for _, _, a in keyed]


def _source(item: Mapping[str, Any]) -> str:
    """An item's publisher (or feed) as the index compares it ("" when not given)."""
    return str(item.get("publisher") or "").strip().casefold()


def _feature_args(item: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (
        str(item.get("title") or ""),
        str(item.get("text") or ""),
        str(item.get("language") or ""),
        str(item.get("publisher") or ""),
    )


def group(articles: list[dict[str, Any]], window_hours: float = 72.0) -> list[list[ArticleId]]:
    """Group a batch: every id appears in exactly one group (singletons included)."""
    index = RelatedIndex(window_hours, with_related=False)
    out: dict[int, list[ArticleId]] = {}
    seen: set[ArticleId] = set()
    batch = []
    for article in _order(articles):
        if not isinstance(article, Mapping) or "id" not in article:
            continue
        try:
            if article["id"] in seen:
                continue
            seen.add(article["id"])
        except TypeError:
            continue
        batch.append(article)
    for match in index.add_many(batch):
        for gone in match.absorbed:
            out.setdefault(match.group_id, []).extend(out.pop(gone, ()))
        out.setdefault(match.group_id, []).append(match.id)
    return list(out.values())
