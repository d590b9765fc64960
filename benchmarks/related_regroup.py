"""What grouping the window again costs (reader.related.regroup), on a 72 h window of real
headlines.

    python benchmarks/related_regroup.py DATA_DIR [--sizes 5000,20000] [--text]

DATA_DIR is the shared evaluation folder (related/uci-news-aggregator/items.jsonl; with --text,
summaries/cnn-dailymail-dev/docs.jsonl lends each headline a lead of 60 words, as feeds with
descriptions have). For each size: a store of that many articles spread evenly over 72 hours,
grouped in publication order as refreshes group them; then a feed added with a twentieth of
them, published over the same hours (it arrives after newer ones). It prints the time to
group the window again, the articles whose grouping changed, the process's peak memory, and
whether the stored groups then equal reader.related.group() of the window. Then the same
pass once more with nothing to change (a rules version bump on a store already in order).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from reader.models import ParsedEntry
from reader.related import assign_new_articles, group, regroup_window
from reader.related.persist import LATE_KEY, RULES_KEY, article_item
from reader.store import Store, open_store

WINDOW = 72.0
START = datetime(2026, 11, 20, tzinfo=UTC)


def load(data: Path, n: int, text: bool) -> list[dict[str, Any]]:
    rows = [
        json.loads(line)
        for line in (data / "related/uci-news-aggregator/items.jsonl").open(encoding="utf-8")
    ]
    leads: list[str] = []
    if text:
        docs = data / "summaries/cnn-dailymail-dev/docs.jsonl"
        leads = [
            " ".join(json.loads(line)["text"].split()[:60]) for line in docs.open(encoding="utf-8")
        ]
    rng = random.Random(7)
    rows = rows[:n]
    out = []
    for k, r in enumerate(rows):
        out.append(
            {
                "key": r["id"],
                "title": r["title"],
                "text": rng.choice(leads) if leads else "",
                "publisher": r["publisher"] or "unknown",
                "published": START + timedelta(hours=WINDOW * k / max(1, len(rows))),
            }
        )
    return out


def store_articles(store: Store, feed: str, articles: list[dict[str, Any]]) -> list[int]:
    feed_row, _ = store.add_feed(f"https://{feed}.test/feed", feed)
    entries = [
        ParsedEntry(
            guid=f"uci-{a['key']}",
            url=f"https://{feed}.test/{a['key']}",
            title=a["title"],
            published=a["published"],
            summary_text=a["text"],
        )
        for a in articles
    ]
    ids: list[int] = []
    for k in range(0, len(entries), 1000):
        new, _ = store.upsert_entries(feed_row.id, entries[k : k + 1000], language="en")
        ids += new
    return ids


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def agrees(store: Store) -> bool:
    newest = store.newest_published()
    assert newest is not None
    items = [article_item(a) for a in store.articles_for_grouping(since=newest - WINDOW * 3600)]
    batch = {frozenset(g) for g in group(items, WINDOW)}
    parts: dict[int | None, set[int]] = {}
    for r in store.query(
        "SELECT id, group_id FROM articles WHERE kind = 'feed' AND published >= ?",
        [newest - WINDOW * 3600],
    ):
        parts.setdefault(r["group_id"], set()).add(int(r["id"]))
    return batch == {frozenset(p) for p in parts.values()}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(data: Path, size: int, text: bool) -> None:
    articles = load(data, size, text)
    late = articles[::20]
    first = [a for k, a in enumerate(articles) if k % 20]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "news.db")
        outlets: dict[str, list[dict[str, Any]]] = {}
        for a in first:
            outlets.setdefault(a["publisher"][:1].lower() or "x", []).append(a)
        ids: list[tuple[datetime, int]] = []
        for name, group_of in outlets.items():
            ids += zip(
                [a["published"] for a in group_of],
                store_articles(store, f"outlet-{ord(name)}", group_of),
                strict=True,
            )
        ordered = [i for _, i in sorted(ids)]
        _, seconds = timed(
            lambda: [
                assign_new_articles(store, ordered[k : k + 250])
                for k in range(0, len(ordered), 250)
            ]
        )
        print(f"  {len(ordered):,} articles grouped in order in {seconds:.1f} s")
        late_ids = store_articles(store, "late", late)
        assign_new_articles(store, late_ids)
        assert store.get_meta(LATE_KEY) is not None
        print(f"  agree with group() before: {agrees(store)}")
        before = peak_mb()
        asked: list[float] = []

        def stop() -> bool:  # (never stops: notes when it was asked)
            asked.append(time.perf_counter())
            return False

        started = time.perf_counter()
        done, seconds = timed(lambda: regroup_window(store, WINDOW, stop))
        ended = time.perf_counter()
        gaps = [b - a for a, b in zip([started, *asked], [*asked, ended], strict=True)]
        print(
            f"  late feed ({len(late_ids):,} articles): window grouped again in {seconds:.1f} s, "
            f"{done.replayed:,} taken in, {done.changed:,} changed; peak memory {peak_mb():.0f} MB "
            f"(before {before:.0f} MB); longest time between two looks at stop(): "
            f"{max(gaps):.2f} s; agrees with group(): {agrees(store)}"
        )
        store.set_meta(RULES_KEY, "0")
        done, seconds = timed(lambda: regroup_window(store, WINDOW))
        print(f"  rules version bump, nothing to change: {seconds:.1f} s, {done.changed:,} changed")
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--text", action="store_true")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"window of {size:,} articles{' with leads' if args.text else ''}:")
        run(args.data, size, args.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
