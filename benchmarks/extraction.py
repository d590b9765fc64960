"""Score main-text extraction on the evaluation data and time it.

Usage: python benchmarks/extraction.py DATA_DIR [--only ours|trafilatura] [--limit N] [--worst K]

DATA_DIR holds `scrapinghub-aeb/` (html/ID.html + truth.jsonl with the annotated body) and
`trafilatura-eval/` (html/ID.html + truth.jsonl with `with`/`without` snippets).

scrapinghub-aeb: per page, lowercase `\\w+` tokens, bag-of-words overlap with multiplicity:
P = overlap/|output|, R = overlap/|truth|, F1; mean over pages; empty output scores 0.
trafilatura-eval: a `with` snippet found in the output (whitespace-normalised substring) is a
true positive, missing a false negative; a `without` snippet found is a false positive; micro P/R/F1.
Both our extractor (`reader.extract.extract`) and trafilatura's default `extract()` run in the
same invocation, on the same bytes, page by page in turns (so that both are timed under the same
machine load); the baseline is always printed next to our figures, with the time ratio.
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


Page = tuple[str, dict[str, Any], bytes]  # data set, truth row, page bytes


def load_pages(data_dir: Path, limit: int) -> list[Page]:
    pages: list[Page] = []
    for name in ("scrapinghub-aeb", "trafilatura-eval"):
        folder = data_dir / name
        rows = _load(folder)
        for row in rows[:limit] if limit else rows:
            path = folder / "html" / f"{row['id']}.html"
            if path.exists():
                pages.append((name, row, path.read_bytes()))
    return pages


def run(
    pages: list[Page], extractors: dict[str, Extractor]
) -> tuple[dict[str, list[str]], dict[str, list[float]]]:
    """Each page goes through every extractor back to back (in turns), so that the timings
    compare under the same machine load."""
    names = list(extractors)
    texts: dict[str, list[str]] = {n: [""] * len(pages) for n in names}
    times: dict[str, list[float]] = {n: [0.0] * len(pages) for n in names}
    for index, (_, row, body) in enumerate(pages):
        url = str(row.get("url") or "") or None
        for turn in range(len(names)):
            name = names[(index + turn) % len(names)]
            start = time.perf_counter()
            texts[name][index] = extractors[name](body, url)
            times[name][index] = (time.perf_counter() - start) * 1000
    return texts, times


def score_aeb(pages: list[Page], texts: list[str], worst: int) -> dict[str, float]:
    scores: list[tuple[float, float, float, str]] = []
    for (dataset, row, _), text in zip(pages, texts, strict=True):
        if dataset == "scrapinghub-aeb":
            p, r, f = prf(text, str(row["body"] or ""))
            scores.append((p, r, f, str(row["id"])))
    for p, r, f, ident in sorted(scores, key=lambda s: s[2])[:worst]:
        print(f"    worst aeb {ident[:16]} P={p:.3f} R={r:.3f} F1={f:.3f}")
    n = len(scores) or 1
    return {
        "P": sum(s[0] for s in scores) / n,
        "R": sum(s[1] for s in scores) / n,
        "F1": sum(s[2] for s in scores) / n,
    }


def score_snippets(pages: list[Page], texts: list[str], worst: int) -> dict[str, float]:
    tp = fn_ = fp = without = 0
    misses: list[tuple[int, str]] = []
    for (dataset, row, _), raw in zip(pages, texts, strict=True):
        if dataset != "trafilatura-eval":
            continue
        text = _norm(raw)
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
    return {"P": p, "R": r, "F1": f, "without_found": fp / without if without else 0.0}


def large_pages(extract: Extractor) -> list[tuple[int, int, float]]:
    """Seconds to extract long pages made of many short paragraphs (a page's cost must grow
    with its size, not with its square: 1 MB took 8 minutes once)."""
    out = []
    for paragraphs in (5_000, 20_000):
        body = "".join(
            f"<p>Paragraph {n} of a very long page, with a few words of its own.</p>"
            for n in range(paragraphs)
        )
        html = f"<html><body><article><h1>Long</h1>{body}</article></body></html>".encode()
        started = time.perf_counter()
        extract(html, "https://example.com/long")
        out.append((len(html), paragraphs, time.perf_counter() - started))
    return out


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
    for fn in extractors.values():
        fn(b"<html><body><p>warm up</p></body></html>", None)
    pages = load_pages(args.data_dir, args.limit)
    texts, times = run(pages, extractors)
    for name in extractors:
        print(f"== {name}")
        aeb = score_aeb(pages, texts[name], args.worst)
        print(f"  scrapinghub-aeb   P={aeb['P']:.3f} R={aeb['R']:.3f} F1={aeb['F1']:.3f}")
        snip = score_snippets(pages, texts[name], args.worst)
        print(
            f"  trafilatura-eval  P={snip['P']:.3f} R={snip['R']:.3f} F1={snip['F1']:.3f}"
            f"  (with found {snip['R']:.1%}, without found {snip['without_found']:.1%})"
        )
        own = times[name]
        print(
            f"  time per page     median={statistics.median(own):.1f} ms"
            f"  p95={_pct(own, 0.95):.1f} ms  max={max(own):.1f} ms  (n={len(own)})"
        )
        for size, paragraphs, seconds in large_pages(extractors[name]):
            print(
                f"  large page        {size / 1e6:.2f} MB, {paragraphs:,} paragraphs: {seconds:.2f} s"
            )
    if len(extractors) == 2:
        a, b = (times[n] for n in extractors)
        print(
            f"== time ratio ours/trafilatura (same pages, same moments): median "
            f"{statistics.median(a) / statistics.median(b):.2f}x, p95 {_pct(a, 0.95) / _pct(b, 0.95):.2f}x"
        )
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
