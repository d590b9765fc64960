"""Summary quality and speed: ROUGE-1/2/L F1 and ms per summary for every method.

Usage: python benchmarks/summaries.py DATA_DIR [--limit N] [--half first|second|all]
                                             [--algorithms newsrank,lexrank,...] [--sets cnn,bbc]

DATA_DIR holds cnn-dailymail-dev/docs.jsonl (human highlights, k = 3) and
bbc-news-summary/docs.jsonl (extractive references, k = number of reference sentences; the first
line of the text is the headline, passed as the title and left out of the input). ``--half``
scores the first or the second half of each set, so settings chosen on one half can be reported
on the other. Needs the ``bench`` extra (rouge-score).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer

from reader.summarize import ALGORITHMS, DEFAULT_ALGORITHM, split_sentences, summarize

LEAD = "lead-k"


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    title: str | None
    reference: list[str]  # reference summary sentences
    k: int


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_cnn(data_dir: Path) -> list[Doc]:
    docs = []
    for row in _read_jsonl(data_dir / "cnn-dailymail-dev" / "docs.jsonl"):
        highlights = [h.strip() for h in str(row["summary"]).split("\n") if h.strip()]
        title = str(row.get("title") or "") or None
        docs.append(Doc(str(row["text"]), title, highlights, 3))
    return docs


# The BBC reference summaries are extracted sentences glued together without spaces
# ("...stabilise.China's currency..."): put the space back before counting sentences.
_GLUED = re.compile(r"(?<=[a-z0-9%)\]][.!?])(?=[\"“]?[A-Z])|(?<=[.!?][\"”])(?=[A-Z\"“])")


def load_bbc(data_dir: Path) -> list[Doc]:
    docs = []
    for row in _read_jsonl(data_dir / "bbc-news-summary" / "docs.jsonl"):
        if row.get("duplicate_of"):
            continue
        text = str(row["text"]).strip()
        title, _, body = text.partition("\n")
        reference = split_sentences(_GLUED.sub(" ", str(row["summary"])))
        docs.append(Doc(body.strip(), title.strip() or None, reference, max(1, len(reference))))
    return docs


def lead(doc: Doc) -> list[str]:
    return split_sentences(doc.text)[: doc.k]


def run(
    docs: Iterable[Doc], method: Callable[[Doc], list[str]], scorer: rouge_scorer.RougeScorer
) -> dict[str, float]:
    r1, r2, rl, ms = [], [], [], []
    for doc in docs:
        start = time.perf_counter()
        picked = method(doc)
        ms.append((time.perf_counter() - start) * 1000)
        scores = scorer.score("\n".join(doc.reference), "\n".join(picked))
        r1.append(scores["rouge1"].fmeasure)
        r2.append(scores["rouge2"].fmeasure)
        rl.append(scores["rougeLsum"].fmeasure)
    ms.sort()
    return {
        "R1": statistics.fmean(r1),
        "R2": statistics.fmean(r2),
        "RL": statistics.fmean(rl),
        "median_ms": statistics.median(ms),
        "p95_ms": ms[min(len(ms) - 1, int(0.95 * len(ms)))],
        "n": len(ms),
    }


def method_for(algorithm: str) -> Callable[[Doc], list[str]]:
    if algorithm == LEAD:
        return lead
    return lambda doc: summarize(doc.text, doc.k, algorithm, "english", doc.title)


def long_story_ms(docs: list[Doc], words: int = 10_000, runs: int = 3) -> float:
    """Median milliseconds (of ``runs``) to summarise a story of ``words`` words made of several
    stories back to back."""
    parts: list[str] = []
    total = 0
    for doc in docs:
        parts.append(doc.text)
        total += len(doc.text.split())
        if total >= words:
            break
    text = "\n\n".join(parts)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        summarize(text, 5)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most N documents per set")
    parser.add_argument("--half", choices=("all", "first", "second"), default="all")
    parser.add_argument("--algorithms", default=",".join((LEAD, *ALGORITHMS)))
    parser.add_argument("--sets", default="cnn,bbc")
    args = parser.parse_args(argv)
    algorithms = [a.strip() for a in args.algorithms.split(",") if a.strip()]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    loaders = {"cnn": ("cnn-dailymail-dev (k=3)", load_cnn), "bbc": ("bbc-news-summary", load_bbc)}
    for key in (s.strip() for s in args.sets.split(",")):
        if key not in loaders:
            print(f"unknown set {key!r}", file=sys.stderr)
            return 2
        label, loader = loaders[key]
        try:
            docs = loader(args.data_dir)
        except OSError as exc:
            print(f"cannot read {label}: {exc}", file=sys.stderr)
            return 2
        half = len(docs) // 2
        if args.half == "first":
            docs = docs[:half]
        elif args.half == "second":
            docs = docs[half:]
        if args.limit:
            docs = docs[: args.limit]
        print(f"\n{label}: {len(docs)} documents ({args.half})")
        print(
            f"{'method':<12} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8} {'median ms':>10} {'p95 ms':>8}"
        )
        for algorithm in algorithms:
            result = run(docs, method_for(algorithm), scorer)
            name = f"{algorithm}*" if algorithm == DEFAULT_ALGORITHM else algorithm
            print(
                f"{name:<12} {result['R1']:8.4f} {result['R2']:8.4f} {result['RL']:8.4f} "
                f"{result['median_ms']:10.1f} {result['p95_ms']:8.1f}",
                flush=True,
            )
        if key == "cnn":
            for words in (10_000, 20_000):
                ms = long_story_ms(docs, words)
                print(f"{words:,}-word story, default method: {ms:.0f} ms (median of 3)")
    print("\n* default method; ROUGE-L is rougeLsum over newline-separated sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
