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
  quotation are less likely to summarise a story;
then takes the best sentences, skipping near-repeats (TF-IDF cosine) of those already taken.
The weights are one fixed setting for news of every kind (chosen on the general shape of news
stories: short highlights want the lead, long summaries want the central sentences).
"""

from __future__ import annotations

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
) -> Features:
    """Signals for sentences ``stems`` (stemmed content words).

    ``titles`` holds the headline of each story (one, or none, for a single story); ``groups``
    marks which story each sentence is from when several are summarised together.
    """
    n = len(stems)
    rows = vectors(stems + titles)
    sent = rows[:n]
    sim = sent @ sent.T
    np.fill_diagonal(sim, 0.0)
    if titles:
        per = sent @ rows[n:].T  # n x titles
        if groups is not None and len(titles) > 1:
            title_sim = per[np.arange(n), np.asarray(groups)]
        else:
            title_sim = per[:, 0]
    else:
        title_sim = np.zeros(n, dtype=np.float32)
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
    )


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
    common = presence @ presence.T
    np.fill_diagonal(common, 0.0)
    logs = np.log1p(np.maximum(1, np.asarray([len(s) for s in sets], dtype=np.float32)))
    total = (common / (logs[:, None] + logs[None, :])).sum(axis=1)
    low, high = (float(total.min()), float(total.max())) if n else (0.0, 0.0)
    return (total - low) / (high - low) if high > low else np.zeros(n, dtype=np.float32)


def scores(f: Features, p: Params = DEFAULT_PARAMS) -> np.ndarray:
    prior = 1.0 / np.power(1.0 + f.position, p.position_decay)
    short = np.clip((p.length_short - f.length) / max(1, p.length_short), 0.0, 1.0)
    long = np.clip((f.length - p.length_long) / max(1, p.length_long), 0.0, 1.0)
    return (
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


def select(f: Features, count: int, p: Params = DEFAULT_PARAMS) -> list[int]:
    """Indexes of the ``count`` best sentences, best first, skipping near-repeats."""
    ranked = np.argsort(-scores(f, p), kind="stable")
    chosen: list[int] = []
    for i in ranked.tolist():
        if len(chosen) >= count:
            break
        if chosen and float(f.similarity[i, chosen].max()) > p.redundancy:
            continue
        chosen.append(i)
    if len(chosen) < count:  # everything left repeats something: fill up in rank order
        for i in ranked.tolist():
            if len(chosen) >= count:
                break
            if i not in chosen:
                chosen.append(i)
    return chosen
