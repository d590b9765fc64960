"""newsrank: the default method, made for news.

Stock graph methods treat a story as a bag of sentences; lead-k takes the opening and nothing
else. News is written top-down but its key facts recur through the story, so newsrank adds up
- centrality: how many content words a sentence shares with every other sentence, discounted by
  the log of both sentences' lengths (the similarity of sumy's Reduction/TextRank), scaled to 0..1;
- a position prior 1 / (1 + index) ** decay, since the opening usually states the news;
- similarity to the headline, when there is one;
- informativeness: the share of capitalised words (names of people, places, bodies) and
  whether the sentence gives a number;
- sentence quality: very long sentences, fragments of a few words and sentences that open with a
  quotation are less likely to summarise a story; table rows, stat lines, production credits,
  questions and fragments that start in the middle of a sentence are poor ones (shown only when
  nothing else is);
then takes the best sentences, skipping repeats of those already taken: a high TF-IDF cosine, the
same quotation again, the same opening label ("DEAR ABBY: ..." three times over), or (in a summary that is a small part of its story) a sentence whose content
words, weighted by rarity, are mostly in a taken one: a paraphrase ("ordered X to halt all
operations" / "ordered X to cease all operations") has a low cosine but the same content words.
A sentence that needs another one counts a little less while that one is not taken: a sentence
opening with a pronoun or conjunction ("They said ...", "And ...") would start the summary
without what it refers to; a question wants its answer (the next sentence); the end of a
quotation ('... sexy new look," said X.') wants its start (the sentence before).
The weights are one fixed setting for news of every kind (chosen on the general shape of news
stories: short highlights want the lead, long summaries want the central sentences).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Params:
    centrality: float = 1.0
    position: float = 1.0
    position_decay: float = 0.6  # prior = 1 / (1 + index) ** decay
    title: float = 0.1
    length_short: int = 12  # sentences with fewer words are penalised, in proportion
    short_penalty: float = 0.2
    length_long: int = 35  # sentences with more words are penalised, in proportion
    long_penalty: float = 0.3
    names: float = 0.3  # weight of the share of capitalised words after the first
    numbers: float = 0.05  # bonus for a sentence with a figure in it
    quote_penalty: float = 0.1
    question_penalty: float = 0.1
    redundancy: float = 0.6  # cosine above which a sentence repeats one already chosen
    # Share of the shorter sentence's content words (IDF-weighted) found in a chosen one above which
    # it repeats it. Applied while the summary is at most 1 / overlap_share of the story: a longer
    # summary cannot help restating facts (and loses key sentences if it tries).
    overlap: float = 0.5
    overlap_share: int = 4
    overlap_min: int = 3  # sentences with fewer content words are never judged by overlap
    quoted_words: int = 2  # content words a quotation needs before quoting it again is a repeat
    poor_penalty: float = 2.0  # table rows, stat lines, credits, questions, fragments
    # A sentence that leans back (opens with a pronoun or a connective, "They said ...",
    # "However, ...") counts this much less while no earlier sentence of its story is chosen (it
    # would start the summary, referring to nothing), ...
    lean_penalty: float = 0.4
    # ... and this much less on top while the sentence right before it is not chosen, in a
    # summary of at most 1 / overlap_share of its story or of at most link_count sentences.
    link_penalty: float = 0.6
    link_count: int = 3
    # A question counts this much less while its answer (the next sentence) is not chosen, ...
    need_penalty: float = 0.2
    # ... the end of a quotation this much while its start (the sentence before) is not.
    cut_penalty: float = 0.5


DEFAULT_PARAMS = Params()


@dataclass(frozen=True, slots=True)
class Features:
    """Per-sentence signals for one story (or a pool of stories)."""

    centrality: np.ndarray
    position: np.ndarray  # index of the sentence in its own story (0 = first)
    title: np.ndarray
    length: np.ndarray  # words in the sentence
    names: np.ndarray  # share of capitalised words after the first
    numbers: np.ndarray  # 1.0 where the sentence has a digit
    quote: np.ndarray
    question: np.ndarray
    similarity: np.ndarray  # n x n TF-IDF cosine matrix
    words: tuple[frozenset[str], ...] = ()  # content words (stem prefixes) of each sentence
    weights: dict[str, float] | None = None  # IDF of those words in the story
    quoted: tuple[frozenset[str], ...] = ()  # content words inside quotation marks
    labels: tuple[str, ...] = ()  # a sentence's opening label ("dear abby"), or ""
    poor: np.ndarray | None = None  # 1.0 where the sentence is a poor summary sentence
    # Needs the sentence before: opens with a pronoun or a connective, or quotes without a speaker.
    leans: tuple[bool, ...] = ()
    cut: tuple[bool, ...] = ()  # ends a quotation begun in the sentence before
    groups: tuple[int, ...] = ()  # the story of each sentence (several stories summarised)
    # The sentence each one needs alongside it: NO_NEED, MISSING (one that is not a candidate)
    # or its index (the answer to a question, the start of a quotation).
    needs: tuple[int, ...] = ()


NO_NEED = -1
MISSING = -2


def vectors(stems: list[list[str]]) -> np.ndarray:
    """L2-normalised TF-IDF rows (sentences) over the words that occur in two or more sentences."""
    n = len(stems)
    df: dict[str, int] = {}
    for words in stems:
        for w in set(words):
            df[w] = df.get(w, 0) + 1
    shared = {w: i for i, w in enumerate(w for w, c in df.items() if c > 1)}
    matrix = np.zeros((n, max(1, len(shared))), dtype=np.float32)
    norms = np.zeros(n, dtype=np.float32)
    for row, words in enumerate(stems):
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        total = 0.0
        for w, c in counts.items():
            weight = (1.0 + math.log(c)) * math.log((n + 1) / df[w])
            total += weight * weight
            col = shared.get(w)
            if col is not None:
                matrix[row, col] = weight
        norms[row] = math.sqrt(total)
    norms[norms == 0] = 1.0
    return matrix / norms[:, None]


def features(
    stems: list[list[str]],
    titles: list[list[str]],
    positions: list[int],
    lengths: list[int],
    names: list[float],
    numbers: list[bool],
    quotes: list[bool],
    questions: list[bool],
    groups: list[int] | None = None,
    quoted: list[list[str]] | None = None,
    labels: list[str] | None = None,
    poor: list[bool] | None = None,
    leans: list[bool] | None = None,
    cut: list[bool] | None = None,
) -> Features:
    """Signals for sentences ``stems`` (stemmed content words).

    ``titles`` holds the headline of each story (one, or none, for a single story); ``groups``
    marks which story each sentence is from when several are summarised together; ``quoted``
    holds the stems of each sentence's quotations; ``poor`` marks poor summary sentences,
    ``leans`` those that need the sentence before (they open with a pronoun or a connective that
    refers to it, or are a quotation whose speaker it names), and ``cut`` those that end a
    quotation begun in the sentence before.
    """
    n = len(stems)
    rows = vectors(stems + titles)
    sent = rows[:n]
    sim = gram(sent)
    np.fill_diagonal(sim, 0.0)
    if titles:
        per = sent @ rows[n:].T  # n x titles
        if groups is not None and len(titles) > 1:
            title_sim = per[np.arange(n), np.asarray(groups)]
        else:
            title_sim = per[:, 0]
    else:
        title_sim = np.zeros(n, dtype=np.float32)
    words = tuple(frozenset(w[:PREFIX] for w in s) for s in stems)
    return Features(
        centrality=_centrality(stems),
        position=np.asarray(positions, dtype=np.float32),
        title=title_sim.astype(np.float32),
        length=np.asarray(lengths, dtype=np.float32),
        names=np.asarray(names, dtype=np.float32),
        numbers=np.asarray(numbers, dtype=np.float32),
        quote=np.asarray(quotes, dtype=np.float32),
        question=np.asarray(questions, dtype=np.float32),
        similarity=sim,
        words=words,
        weights=_idf(words),
        quoted=tuple(frozenset(w[:PREFIX] for w in q) for q in quoted) if quoted else (),
        labels=tuple(labels) if labels else (),
        poor=np.asarray(poor, dtype=np.float32) if poor else None,
        leans=tuple(leans) if leans else (),
        groups=tuple(groups) if groups is not None else (),
        cut=tuple(cut) if cut else (),
        needs=_needs(questions, cut or [False] * n, groups),
    )


def _needs(questions: list[bool], cut: list[bool], groups: list[int] | None) -> tuple[int, ...]:
    """For each sentence, the one it needs chosen with it: the next one after a question, the one
    before at the end of a quotation (MISSING when that is in no story of its own)."""
    n = len(questions)

    def partner(i: int, j: int) -> int:
        return j if 0 <= j < n and (groups is None or groups[i] == groups[j]) else MISSING

    out: list[int] = []
    for i in range(n):
        if cut[i]:
            out.append(partner(i, i - 1))
        elif questions[i]:
            out.append(partner(i, i + 1))
        else:
            out.append(NO_NEED)
    return tuple(out)


# Content words are compared by their first letters, so inflections the stemmer keeps apart
# ("verbessert" / "verbess") still match.
PREFIX = 6


def _idf(words: tuple[frozenset[str], ...]) -> dict[str, float]:
    df: dict[str, int] = {}
    for ws in words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = len(words)
    return {w: math.log((n + 1) / c) for w, c in df.items()}


# Sentence-by-word matrices are sparse: a sentence has a dozen of a long story's thousands of
# words. Their products with themselves (x @ x.T) are worked out densely only over the words in
# many sentences; a word in at most RARE sentences adds its few sentence pairs directly.
# (A 20,000-word story: 1,000 sentences x 8,000 words, 0.25 s as one product; a few ms so.)
RARE = 24
DENSE_BELOW = 200  # sentences: below this, one dense product is quicker


def gram(x: np.ndarray) -> np.ndarray:
    """``x @ x.T`` for a sparse non-negative sentence-by-word matrix, the same to float error."""
    n = x.shape[0]
    if n < DENSE_BELOW:
        return x @ x.T
    nonzero = x != 0
    df = nonzero.sum(axis=0)
    frequent = df > RARE
    out = x[:, frequent] @ x[:, frequent].T if frequent.any() else np.zeros((n, n), x.dtype)
    rare = np.flatnonzero(~frequent & (df > 0))
    if not len(rare):
        return out
    # Rows of the rare words' entries, column by column (transposed so nonzero runs by column).
    cols, rows = np.nonzero(nonzero[:, rare].T)
    values = x[rows, rare[cols]].astype(np.float64)
    counts = df[rare]
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    keys: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for d in np.unique(counts).tolist():
        at = starts[counts == d]
        index = at[:, None] + np.arange(d)[None, :]  # one row of entries per word
        r, v = rows[index], values[index]
        i, j = (a.ravel() for a in np.meshgrid(np.arange(d), np.arange(d), indexing="ij"))
        keys.append((r[:, i] * n + r[:, j]).ravel())
        weights.append((v[:, i] * v[:, j]).ravel())
    flat = np.bincount(np.concatenate(keys), np.concatenate(weights), minlength=n * n)
    return out + flat.reshape(n, n).astype(x.dtype)


def _centrality(stems: list[list[str]]) -> np.ndarray:
    """Sum over other sentences of shared distinct words / (log(1 + len_i) + log(1 + len_j))."""
    n = len(stems)
    sets = [set(words) for words in stems]
    df: dict[str, int] = {}
    for words in sets:
        for w in words:
            df[w] = df.get(w, 0) + 1
    shared = {w: i for i, w in enumerate(w for w, c in df.items() if c > 1)}
    presence = np.zeros((n, max(1, len(shared))), dtype=np.float32)
    for row, words in enumerate(sets):
        cols = [shared[w] for w in words if w in shared]
        presence[row, cols] = 1.0
    common = gram(presence)
    np.fill_diagonal(common, 0.0)
    logs = np.log1p(np.maximum(1, np.asarray([len(s) for s in sets], dtype=np.float32)))
    total = (common / (logs[:, None] + logs[None, :])).sum(axis=1)
    low, high = (float(total.min()), float(total.max())) if n else (0.0, 0.0)
    return (total - low) / (high - low) if high > low else np.zeros(n, dtype=np.float32)


def scores(f: Features, p: Params = DEFAULT_PARAMS) -> np.ndarray:
    prior = 1.0 / np.power(1.0 + f.position, p.position_decay)
    short = np.clip((p.length_short - f.length) / max(1, p.length_short), 0.0, 1.0)
    long = np.clip((f.length - p.length_long) / max(1, p.length_long), 0.0, 1.0)
    total = (
        p.centrality * f.centrality
        + p.position * prior
        + p.title * f.title
        + p.names * f.names
        + p.numbers * f.numbers
        - p.short_penalty * short
        - p.long_penalty * long
        - p.quote_penalty * f.quote
        - p.question_penalty * f.question
    )
    if f.poor is not None:
        total = total - p.poor_penalty * f.poor
    return total


def select(f: Features, count: int, p: Params = DEFAULT_PARAMS) -> list[int]:
    """Indexes of the ``count`` best sentences, best first, skipping near-repeats.

    Greedy on the scores less the penalties of sentences that need one not chosen (yet): choosing
    a sentence lifts them from the sentences that need it.
    """
    base = scores(f, p).astype(np.float64)
    n = len(base)
    current = base.copy()
    needs = f.needs if len(f.needs) == n else ()
    leans = f.leans if len(f.leans) == n else ()
    groups = f.groups if len(f.groups) == n else (0,) * n
    cut = f.cut if len(f.cut) == n else (False,) * n
    penalty = [p.cut_penalty if c else p.need_penalty for c in cut]
    needed_by: dict[int, list[int]] = {}
    for i, j in enumerate(needs):
        if j != NO_NEED:
            current[i] -= penalty[i]
        if j >= 0:
            needed_by.setdefault(j, []).append(i)
    short = count * p.overlap_share <= n
    # In a summary of a small part of the story (or of a few sentences), a sentence opening with
    # a connective or a pronoun is far from the chosen one before it: it waits for the very
    # sentence it goes on from (a long summary of a story takes that one anyway, or reads as
    # a digest).
    link_penalty = p.link_penalty if short or count <= p.link_count else 0.0
    for i, lean in enumerate(leans):
        if lean:
            current[i] -= p.lean_penalty + link_penalty
    # A max-heap on the current score; ties go to the earlier sentence (as a stable sort would).
    first: dict[int, int] = {}  # the first chosen sentence of each story
    heap = [(-float(current[i]), i) for i in range(n)]
    heapq.heapify(heap)
    chosen: list[int] = []
    taken: set[int] = set()
    rejected: set[int] = set()

    def lift(k: int, penalty: float) -> None:
        if k not in taken and k not in rejected:
            current[k] += penalty
            heapq.heappush(heap, (-float(current[k]), k))

    while heap and len(chosen) < count:
        score, i = heapq.heappop(heap)
        if i in taken or i in rejected or -score != float(current[i]):
            continue  # taken, repeats a chosen one (and always will), or a stale entry
        if repeats(f, i, chosen, p, short):
            rejected.add(i)
            continue
        chosen.append(i)
        taken.add(i)
        for k in needed_by.get(i, ()):
            lift(k, penalty[k])
        if leans:
            # Sentences of this story after i no longer start the summary.
            group = groups[i]
            end = min(first.get(group, n), n)
            first[group] = min(i, end)
            for k in range(i + 1, end):
                if groups[k] != group:
                    break
                if leans[k]:
                    lift(k, p.lean_penalty)
        k = i + 1
        if k < n and groups[k] == groups[i] and leans and leans[k]:
            lift(k, link_penalty)  # the sentence the next one goes on from is taken now
    if len(chosen) < count:  # everything left repeats something: fill up in rank order
        for i in np.argsort(-base, kind="stable").tolist():
            if len(chosen) >= count:
                break
            if i not in taken:
                chosen.append(i)
                taken.add(i)
    return chosen


def repeats(f: Features, i: int, chosen: list[int], p: Params, overlap: bool = True) -> bool:
    """Whether sentence ``i`` says again what one of ``chosen`` says: a high cosine, a quotation
    of the other's, or (with ``overlap``) most of the content words of the shorter of the two."""
    if not chosen:
        return False
    if float(f.similarity[i, chosen].max()) > p.redundancy:
        return True
    if f.quoted and _same_quote(f.quoted[i], [f.quoted[j] for j in chosen], p.quoted_words):
        return True
    if f.labels and f.labels[i] and any(f.labels[j] == f.labels[i] for j in chosen):
        return True
    if not overlap or not f.words or f.weights is None:
        return False
    weights = f.weights
    mine = f.words[i]
    if len(mine) < p.overlap_min:
        return False
    own = sum(weights[w] for w in mine)
    for j in chosen:
        theirs = f.words[j]
        if len(theirs) < p.overlap_min:
            continue
        shared = sum(weights[w] for w in mine & theirs)
        if shared > p.overlap * min(own, sum(weights[w] for w in theirs)):
            return True
    return False


def _same_quote(mine: frozenset[str], others: list[frozenset[str]], least: int) -> bool:
    """One quotation's content words all inside the other's: the same words quoted twice."""
    for theirs in others:
        if len(mine) >= least and mine <= theirs:
            return True
        if len(theirs) >= least and theirs <= mine:
            return True
    return False
