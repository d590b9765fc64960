"""newsrank: the default method, made for news.

Stock graph methods treat a story as a bag of sentences. News is written top-down, so newsrank
scores each sentence by
- directed centrality (as in PacSum, Zheng & Lapata 2019): similarity to the sentences that come
  after it counts for a sentence, similarity to those before it counts against it, so the sentence
  that introduces what the rest of the story elaborates wins over the ones that repeat it;
- a position prior that decays with the sentence's place in the story (and in its paragraph);
- similarity to the headline, when there is one;
- plain sentence quality: very short and very long sentences, questions and direct quotes are
  less likely to summarise a story;
and picks the best sentences while skipping near-repeats of those already picked.
Similarities are TF-IDF cosines of stemmed content words, computed with numpy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Params:
    forward: float = 1.0  # weight of similarity to later sentences
    backward: float = -0.5  # weight of similarity to earlier sentences
    threshold: float = 0.0  # edges below min + threshold * (max - min) are dropped
    centrality: float = 1.0
    position: float = 1.0
    position_decay: float = 1.0  # prior = 1 / (1 + index) ** decay
    paragraph_start: float = 0.0  # bonus for the first sentence of a paragraph
    title: float = 0.5
    length_short: int = 8  # fewer content-bearing words than this are penalised
    length_long: int = 45
    length_penalty: float = 0.3
    quote_penalty: float = 0.1
    question_penalty: float = 0.2
    redundancy: float = 0.6  # cosine above which a sentence repeats one already chosen


DEFAULT_PARAMS = Params()


@dataclass(frozen=True, slots=True)
class Features:
    """Per-sentence signals for one document (or a pool of documents)."""

    forward: np.ndarray
    backward: np.ndarray
    position: np.ndarray  # index of the sentence in its own story (0 = first)
    paragraph_first: np.ndarray  # 1.0 where the sentence opens a paragraph
    title: np.ndarray
    length: np.ndarray  # words in the sentence
    quote: np.ndarray
    question: np.ndarray
    similarity: np.ndarray  # n x n cosine matrix


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
    paragraph_first: list[bool],
    lengths: list[int],
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
        title_rows = rows[n:]
        per = sent @ title_rows.T  # n x titles
        if groups is not None and len(titles) > 1:
            title_sim = per[np.arange(n), np.asarray(groups)]
        else:
            title_sim = per[:, 0]
    else:
        title_sim = np.zeros(n, dtype=np.float32)
    order = np.asarray(positions, dtype=np.float32)
    if groups is None:
        later = order[None, :] > order[:, None]
        earlier = order[None, :] < order[:, None]
    else:
        g = np.asarray(groups)
        same = g[None, :] == g[:, None]
        later = (order[None, :] > order[:, None]) | ~same
        earlier = (order[None, :] < order[:, None]) & same
    return Features(
        forward=(sim * later).sum(axis=1),
        backward=(sim * earlier).sum(axis=1),
        position=order,
        paragraph_first=np.asarray(paragraph_first, dtype=np.float32),
        title=title_sim.astype(np.float32),
        length=np.asarray(lengths, dtype=np.float32),
        quote=np.asarray(quotes, dtype=np.float32),
        question=np.asarray(questions, dtype=np.float32),
        similarity=sim,
    )


def scores(f: Features, p: Params = DEFAULT_PARAMS) -> np.ndarray:
    central = p.forward * f.forward + p.backward * f.backward
    if central.size:
        low, high = float(central.min()), float(central.max())
        central = (central - low) / (high - low) if high > low else np.zeros_like(central)
    prior = 1.0 / np.power(1.0 + f.position, p.position_decay)
    short = np.clip((p.length_short - f.length) / max(1, p.length_short), 0.0, 1.0)
    long = np.clip((f.length - p.length_long) / max(1, p.length_long), 0.0, 1.0)
    return (
        p.centrality * central
        + p.position * prior
        + p.paragraph_start * f.paragraph_first
        + p.title * f.title
        - p.length_penalty * (short + long)
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
