"""Score main-text extraction on the evaluation data and time it.

Usage: python benchmarks/extraction.py DATA_DIR [--only ours|trafilatura] [--limit N] [--worst K]

DATA_DIR holds `scrapinghub-aeb/` (html/ID.html + truth.jsonl with the annotated body) and
`trafilatura-eval/` (html/ID.html + truth.jsonl with `with`/`without` snippets).

scrapinghub-aeb: per page, lowercase `\\w+` tokens, bag-of-words overlap with multiplicity:
P = overlap/|output|, R = overlap/|truth|, F1; mean over pages; empty output scores 0.
trafilatura-eval: a `with` snippet found in the output (whitespace-normalised substring) is a
true positive, missing a false negative; a `without` snippet found is a false positive; micro P/R/F1.
Both our extractor (`reader.extract.extract`) and trafilatura's default `extract()` run in the
same invocation, on the same bytes, so the baseline is always printed next to our figures.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"\w+")
_WS = re.compile(r"\s+")

Extractor = Callable[[bytes, str | None], str]


def ours(body: bytes, url: str | None) -> str:
    from reader.extract import extract

    return extract(body, url).main.text


def trafilatura_default(body: bytes, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(body, url=url) or ""


def _tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def prf(output: str, truth: str) -> tuple[float, float, float]:
    out, ref = _tokens(output), _tokens(truth)
    if not out or not ref:
        return 0.0, 0.0, 0.0
    overlap = sum((out & ref).values())
    p, r = overlap / sum(out.values()), overlap / sum(ref.values())
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _load(folder: Path) -> list[dict[str, Any]]:
    with (folder / "truth.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _time(fn: Extractor, body: bytes, url: str | None) -> tuple[str, float]:
    start = time.perf_counter()
    text = fn(body, url)
    return text, (time.perf_counter() - start) * 1000


def run_aeb(
    folder: Path, fn: Extractor, limit: int, worst: int
) -> tuple[dict[str, float], list[float]]:
    rows = _load(folder)[:limit] if limit else _load(folder)
    scores: list[tuple[float, float, float, str]] = []
    times: list[float] = []
    for row in rows:
        body = (folder / "html" / f"{row['id']}.html").read_bytes()
        text, ms = _time(fn, body, str(row.get("url") or "") or None)
        times.append(ms)
        p, r, f = prf(text, str(row["body"] or ""))
        scores.append((p, r, f, str(row["id"])))
    for p, r, f, ident in sorted(scores, key=lambda s: s[2])[:worst]:
        print(f"    worst aeb {ident[:16]} P={p:.3f} R={r:.3f} F1={f:.3f}")
    n = len(scores) or 1
    return {
        "P": sum(s[0] for s in scores) / n,
        "R": sum(s[1] for s in scores) / n,
        "F1": sum(s[2] for s in scores) / n,
    }, times


def run_snippets(
    folder: Path, fn: Extractor, limit: int, worst: int
) -> tuple[dict[str, float], list[float]]:
    rows = _load(folder)[:limit] if limit else _load(folder)
    tp = fn_ = fp = without = 0
    times: list[float] = []
    misses: list[tuple[int, str]] = []
    for row in rows:
        path = folder / "html" / f"{row['id']}.html"
        if not path.exists():
            continue
        text, ms = _time(fn, path.read_bytes(), str(row.get("url") or "") or None)
        times.append(ms)
        text = _norm(text)
        bad = 0
        for snippet in row.get("with") or []:
            if _norm(str(snippet)) in text:
                tp += 1
            else:
                fn_ += 1
                bad += 1
        for snippet in row.get("without") or []:
            without += 1
            if _norm(str(snippet)) in text:
                fp += 1
                bad += 1
        if bad:
            misses.append((bad, str(row["id"])))
    for bad, ident in sorted(misses, reverse=True)[:worst]:
        print(f"    worst snippets {ident} errors={bad}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn_) if tp + fn_ else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f, "without_found": fp / without if without else 0.0}, times


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--only", choices=("ours", "trafilatura"))
    parser.add_argument("--limit", type=int, default=0, help="pages per data set (0 = all)")
    parser.add_argument("--worst", type=int, default=0, help="list the K worst pages")
    args = parser.parse_args(argv)
    extractors: dict[str, Extractor] = {"ours": ours, "trafilatura": trafilatura_default}
    if args.only:
        extractors = {args.only: extractors[args.only]}
    for name, fn in extractors.items():
        fn(b"<html><body><p>warm up</p></body></html>", None)
        print(f"== {name}")
        aeb, t1 = run_aeb(args.data_dir / "scrapinghub-aeb", fn, args.limit, args.worst)
        print(f"  scrapinghub-aeb   P={aeb['P']:.3f} R={aeb['R']:.3f} F1={aeb['F1']:.3f}")
        snip, t2 = run_snippets(args.data_dir / "trafilatura-eval", fn, args.limit, args.worst)
        print(
            f"  trafilatura-eval  P={snip['P']:.3f} R={snip['R']:.3f} F1={snip['F1']:.3f}"
            f"  (with found {snip['R']:.1%}, without found {snip['without_found']:.1%})"
        )
        times = t1 + t2
        print(
            f"  time per page     median={statistics.median(times):.1f} ms"
            f"  p95={_pct(times, 0.95):.1f} ms  max={max(times):.1f} ms  (n={len(times)})"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
