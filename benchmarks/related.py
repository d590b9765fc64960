"""Quality and speed of reader.related on the UCI News Aggregator headlines.

Usage: python benchmarks/related.py DATA_DIR [--dev-days N] [--skip-quality] [--skip-speed]
       [--threshold T] [--full-text N] [--store N]

Groups each day's headlines with `reader.related.group` and scores them against the aggregator's
story ids: pairwise precision/recall/F1 and B-cubed F1, averaged over days. Settings are chosen on
the first `--dev-days` days (by date); the other days are reported separately as held-out.
A last line measures the labels' noise: the share of false pairs that join two story ids under
which the aggregator filed the very same headline that day, and the precision counting those as
right (a diagnostic beside the score, not a replacement for it), and the scores when each day's
headlines arrive in other orders (ids ascending, two shuffles): the grouping depends on it.
Then times: inserting one article into an index of 100,000 (median over many inserts), and a full
re-group of 100,000 articles (time and peak RSS), synthesised by replicating the headlines with
perturbations (shuffled word order, dropped words, suffixes) across a span of days.
`--full-text N` times a full-text re-group: N articles (title + text) from the BBC and CNN texts in
DATA_DIR/../summaries indexed in one window, then inserts into that index. Only that:
`related.py DATA_DIR --skip-quality --skip-speed --store 0 --full-text 100000`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from reader.related import RelatedIndex, group
from reader.related import index as related_index


def pairs_in(groups: list[list[Any]]) -> int:
    return sum(len(g) * (len(g) - 1) // 2 for g in groups)


def score_day(items: list[dict[str, Any]], predicted: list[list[Any]]) -> dict[str, float]:
    truth = {it["id"]: it["story"] for it in items}
    pred = {i: n for n, g in enumerate(predicted) for i in g}
    true_groups: dict[str, list[Any]] = defaultdict(list)
    for i, s in truth.items():
        true_groups[s].append(i)
    tp = 0
    both: Counter[tuple[int, str]] = Counter((pred[i], truth[i]) for i in truth)
    for c in both.values():
        tp += c * (c - 1) // 2
    pp = pairs_in(predicted)
    tpairs = pairs_in(list(true_groups.values()))
    p = tp / pp if pp else 1.0
    r = tp / tpairs if tpairs else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    # B-cubed
    psize = Counter(pred[i] for i in truth)
    tsize = Counter(truth.values())
    bp = br = 0.0
    for i in truth:
        c = both[(pred[i], truth[i])]
        bp += c / psize[pred[i]]
        br += c / tsize[truth[i]]
    bp /= len(truth)
    br /= len(truth)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return {"P": p, "R": r, "F1": f, "B3P": bp, "B3R": br, "B3F1": bf}


def twin_label_pairs(items: list[dict[str, Any]], predicted: list[list[Any]]) -> tuple[int, int]:
    """(false pairs, those of them between two story ids under which the aggregator filed the
    very same headline that day): a measure of the labels' noise, not of the grouping."""
    story = {it["id"]: it["story"] for it in items}
    filed: dict[str, set[str]] = defaultdict(set)
    for it in items:
        filed[" ".join(re.findall(r"\w+", it["title"].lower()))].add(it["story"])
    twins = {(a, b) for stories in filed.values() for a in stories for b in stories if a != b}
    false = twin = 0
    for g in predicted:
        sizes = Counter(story[i] for i in g if i in story)
        ids = sorted(sizes)
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                false += sizes[a] * sizes[b]
                twin += sizes[a] * sizes[b] if (a, b) in twins else 0
    return false, twin


def mean(rows: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.fmean(r[k] for r in rows) for k in rows[0]} if rows else {}


def fmt(m: dict[str, float]) -> str:
    return "  ".join(f"{k} {v:.3f}" for k, v in m.items())


def quality(items: list[dict[str, Any]], dev_days: int) -> None:
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        by_day[it["published"]].append(it)
    days = sorted(by_day)
    rows = {}
    false = twin = 0
    lenient: dict[str, float] = {}  # precision counting twin-label pairs as the same story
    took = 0.0
    for day in days:
        t0 = time.perf_counter()
        predicted = group(by_day[day])
        took += time.perf_counter() - t0
        rows[day] = score_day(by_day[day], predicted)
        print(f"{day}  n={len(by_day[day]):5d}  {fmt(rows[day])}", flush=True)
        f, t = twin_label_pairs(by_day[day], predicted)
        false, twin = false + f, twin + t
        grouped = pairs_in(predicted)
        lenient[day] = (grouped - f + t) / grouped if grouped else 1.0
    dev = days[:dev_days]
    print(f"all days ({len(days)}):   {fmt(mean(list(rows.values())))}")
    print(f"dev days ({len(dev)}):    {fmt(mean([rows[d] for d in dev]))}")
    print(f"held-out ({len(days) - len(dev)}):    {fmt(mean([rows[d] for d in days[dev_days:]]))}")
    print(f"grouping time {took:.1f} s for {len(items)} headlines")
    held = days[dev_days:]
    print(
        f"label noise: {twin / false if false else 0:.0%} of the false pairs join two story ids "
        "under which the aggregator filed the very same headline that day; counting those as "
        f"right, P {statistics.fmean(lenient.values()):.3f} all days, "
        f"{statistics.fmean(lenient[d] for d in held) if held else 0:.3f} held-out"
    )


def arrival_orders(items: list[dict[str, Any]]) -> None:
    """The same days grouped in other arrival orders. The items carry a date, not a time, so
    within a day the file's order is the arrival order; the refresh sees articles as they come,
    so the figures in other orders show how much the grouping depends on it: ids ascending
    (the aggregator's collection order, as far as its ids tell) and two random shuffles."""
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        by_day[it["published"]].append(it)

    def by_id(day: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(day, key=lambda it: (len(str(it["id"])), str(it["id"])))

    def shuffled(seed: int) -> Any:
        def order(day: list[dict[str, Any]]) -> list[dict[str, Any]]:
            day = list(day)
            random.Random(seed).shuffle(day)
            return day

        return order

    for label, order in (
        ("ids ascending", by_id),
        ("shuffle 1", shuffled(1)),
        ("shuffle 2", shuffled(2)),
    ):
        rows = [score_day(day, group(order(day))) for day in by_day.values()]
        print(f"order {label:14s} all days: {fmt(mean(rows))}", flush=True)


def synthesise(items: list[dict[str, Any]], n: int, seed: int = 7) -> list[dict[str, Any]]:
    """n articles made from the headlines: copies perturbed and spread over 30 days."""
    rng = random.Random(seed)
    extra = ["report", "update", "analysis", "live", "video", "says", "new", "latest", "photos"]
    out = []
    for k in range(n):
        base = items[k % len(items)]
        words = base["title"].split()
        if k >= len(items):
            if len(words) > 3:
                words.pop(rng.randrange(len(words)))
            rng.shuffle(words)
            words.append(rng.choice(extra) + str(k // len(items)))
        day = (k * 30) // n
        out.append(
            {
                "id": f"s{k}",
                "title": " ".join(words),
                "text": "",
                "published": f"2014-01-{1 + day:02d}T{(k % 24):02d}:00:00",
            }
        )
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class HelperPeak:
    """Peak RSS of this process's helper processes (features of a large batch), sampled from
    /proc while they run: getrusage's figure for children counts this process's own memory,
    which a child shares between fork and exec."""

    def __init__(self) -> None:
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> HelperPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.5):
            for status in Path("/proc").glob("[0-9]*/status"):
                try:
                    fields = dict(
                        line.split(":", 1)
                        for line in status.read_text().splitlines()
                        if ":" in line
                    )
                except OSError:
                    continue
                if fields.get("PPid", "").strip() == me and "VmRSS" in fields:
                    self.mb = max(self.mb, int(fields["VmRSS"].split()[0]) / 1024)


def insert_times(index: RelatedIndex, articles: list[dict[str, Any]]) -> list[float]:
    """Seconds to add each article to the index (taken out again after), sorted."""
    times = []
    for a in articles:
        t = time.perf_counter()
        index.add(a)
        times.append(time.perf_counter() - t)
        index.remove(a["id"])
    return sorted(times)


def speed(items: list[dict[str, Any]]) -> None:
    n = 100_000
    data = synthesise(items, n + 2000)
    # all 100k inside one window: the worst case for candidate lists
    for i, a in enumerate(data):
        a["published"] = f"2014-01-01T{(i * 24) // len(data):02d}:00:00"
    base, probes = data[:n], data[n:]
    index = RelatedIndex(window_hours=72, with_related=False)  # setup: related lists not needed
    t0 = time.perf_counter()
    for a in base:
        index.add(a)
    build = time.perf_counter() - t0
    index.with_related = True
    print(
        f"build index of {len(index)}: {build:.1f} s ({build / n * 1e3:.2f} ms/article), RSS {rss_mb():.0f} MB"
    )
    times = insert_times(index, probes[:1000])
    print(
        f"insert into {n}: median {statistics.median(times) * 1e3:.2f} ms, "
        f"p90 {times[int(0.9 * len(times))] * 1e3:.2f} ms, max {times[-1] * 1e3:.2f} ms (n={len(times)})"
    )
    del index
    regroup = synthesise(items, n, seed=11)
    t0 = time.perf_counter()
    with HelperPeak() as helper:
        groups = group(regroup)
    took = time.perf_counter() - t0
    print(
        f"full re-group of {n} (30 days): {took:.1f} s, {len(groups)} groups, "
        f"peak RSS {rss_mb():.0f} MB (helper process {helper.mb:.0f} MB)"
    )


def speed_full_text(summaries: Path, n: int) -> None:
    """Insert time and memory with full-text articles: BBC and CNN texts (first 1,500 characters),
    copied with shuffled and dropped sentences up to n, all inside one window."""
    texts: list[tuple[str, str]] = []
    for line in (summaries / "bbc-news-summary" / "docs.jsonl").open(encoding="utf-8"):
        title, _, text = json.loads(line)["text"].partition("\n")
        texts.append((title, text.strip()))
    for line in (summaries / "cnn-dailymail-dev" / "docs.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"]
        texts.append((text[:80], text))
    rng = random.Random(3)

    def make(k: int) -> dict[str, Any]:
        title, text = texts[k % len(texts)]
        sentences = text.split(". ")
        if k >= len(texts):
            rng.shuffle(sentences)
            sentences = sentences[: max(3, len(sentences) * 2 // 3)]
            title = f"{title} {k}"
        hour = (k * 24) // (n + 1000)
        return {
            "id": k,
            "title": title,
            "text": ". ".join(sentences)[:1500],
            "published": f"2014-01-01T{hour:02d}:00:00",
        }

    articles = [make(k) for k in range(n)]
    index = RelatedIndex(window_hours=72, with_related=False)
    t0 = time.perf_counter()
    with HelperPeak() as helper:
        for _ in index.add_many(articles):  # what group() does
            pass
    build = time.perf_counter() - t0
    del articles
    index.with_related = True
    times = insert_times(index, [make(k) for k in range(n, n + 500)])
    print(
        f"full text: re-group of {n} (index built) in {build:.1f} s; insert median {statistics.median(times) * 1e3:.2f} ms, "
        f"p90 {times[int(0.9 * len(times))] * 1e3:.2f} ms; peak RSS {rss_mb():.0f} MB "
        f"(helper process {helper.mb:.0f} MB)"
    )


def full_text_spread(summaries: Path) -> None:
    """Full texts without event labels, each set grouped as if published at once: BBC articles
    of many months, and CNN/Daily Mail articles of a few weeks (headed by their first sentence:
    the set has no headlines). Nearly all are different events, many of one kind (two storms,
    two trials), so the pairs grouped are an upper bound on false pairs (some are follow-ups of
    one story, a few are the data sets' own duplicates)."""
    sets = {
        "BBC": summaries / "bbc-news-summary" / "docs.jsonl",
        "CNN/Daily Mail": summaries / "cnn-dailymail-dev" / "docs.jsonl",
    }
    for name, path in sets.items():
        if not path.exists():
            continue
        articles = []
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            title, _, text = row["text"].partition("\n")
            if not text:  # no headline line: the first sentence stands for one
                first = re.match(r"(.{20,200}?[.!?])\s", row["text"])
                title, text = (first[1] if first else row["text"][:100]), row["text"]
            articles.append(
                {"id": row["id"], "title": title, "text": text.strip(), "published": "2005-01-01"}
            )
        t0 = time.perf_counter()
        groups = group(articles)
        took = time.perf_counter() - t0
        multi = [g for g in groups if len(g) > 1]
        print(
            f"full text ({name}, {len(articles)} articles, one date): {len(groups)} groups, "
            f"{len(multi)} with more than one article, {pairs_in(groups)} pairs, "
            f"largest {max((len(g) for g in groups), default=0)}; {took:.1f} s"
        )


def store_rebuild(items: list[dict[str, Any]], n: int) -> None:
    """Start-up cost: rebuilding the index from a store holding n grouped articles in the window."""
    import tempfile
    from datetime import UTC, datetime, timedelta

    from reader.models import ParsedEntry
    from reader.related import StoreGrouper
    from reader.store import open_store

    data = synthesise(items, n, seed=5)
    start = datetime(2014, 1, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        feed, _ = store.add_feed("https://bench.test/feed", "Bench")
        entries = [
            ParsedEntry(
                guid=a["id"],
                url=f"https://bench.test/{a['id']}",
                title=a["title"],
                published=start + timedelta(seconds=i * 60 * 3600 / n),  # all within 60 h
                summary_text=a["text"],
            )
            for i, a in enumerate(data)
        ]
        t0 = time.perf_counter()
        ids, _ = store.upsert_entries(feed.id, entries)
        grouper = StoreGrouper(store)
        for k in range(0, len(ids), 5000):  # as refreshes would, in batches
            result = grouper.assign(ids[k : k + 5000])
            assert result.error is None, result.error
        print(f"store: {n} articles written and grouped in {time.perf_counter() - t0:.1f} s")
        store.close()
        store = open_store(Path(tmp) / "bench.db")
        rss0 = rss_mb()
        t0 = time.perf_counter()
        loaded = StoreGrouper(store).rebuild()
        took = time.perf_counter() - t0
        print(
            f"rebuild from the store at start-up: {loaded} articles in {took:.1f} s "
            f"({took / max(1, loaded) * 1e3:.2f} ms/article), peak RSS {max(rss0, rss_mb()):.0f} MB"
        )
        store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--dev-days", type=int, default=3)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument(
        "--full-text", type=int, default=0, help="full-text index size to time (0: skip)"
    )
    ap.add_argument(
        "--store", type=int, default=20_000, help="articles for the rebuild timing (0: skip)"
    )
    args = ap.parse_args(argv)
    path = args.data_dir / "uci-news-aggregator" / "items.jsonl"
    if not path.exists():
        path = args.data_dir / "items.jsonl"
    items = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.threshold is not None:
        related_index.THRESHOLD = args.threshold
        print(f"threshold {args.threshold}")
    if not args.skip_quality:
        quality(items, args.dev_days)
        arrival_orders(items)
        full_text_spread(args.data_dir.parent / "summaries")
    if not args.skip_speed:
        speed(items)
    if args.full_text:
        speed_full_text(args.data_dir.parent / "summaries", args.full_text)
    if args.store:
        store_rebuild(items, args.store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
