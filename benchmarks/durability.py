"""What durable favourite toggles cost: synchronous=FULL on those writes vs NORMAL everywhere.

Usage: python benchmarks/durability.py [--toggles N] [--dir DIR]
Prints the median/p95 time of a favourite toggle with FULL (what newsreader does) and with NORMAL,
and the time to store a 40-entry feed batch (always NORMAL: a crash can lose at most the last
refresh, which is fetched again; favourites are never at risk).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.config import FeedConfig
from reader.models import ParsedEntry
from reader.store import open_store


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--toggles", type=int, default=300)
    parser.add_argument("--dir", default=None, help="folder for the database (default: a temp dir)")
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp())
    store = open_store(folder / "durability.db")
    store.sync_config_feeds([FeedConfig("https://example.org/feed.xml", "Example")])
    fid = store.feeds()[0].id
    t0 = datetime(2025, 1, 1, tzinfo=UTC)
    batches: list[float] = []
    for b in range(50):
        entries = [
            ParsedEntry(
                f"g{b}-{i}",
                f"https://example.org/{b}/{i}",
                f"Story {b} {i}",
                published=t0 + timedelta(minutes=b * 40 + i),
                summary_text="text " * 200,
            )
            for i in range(40)
        ]
        start = time.perf_counter()
        store.upsert_entries(fid, entries)
        batches.append(time.perf_counter() - start)
    ids = [r[0] for r in store.db.execute("SELECT id FROM articles LIMIT ?", (args.toggles,))]
    results = {}
    for mode, durable in (("FULL (used)", True), ("NORMAL", False)):
        times = []
        for i in ids:
            start = time.perf_counter()
            with store.transaction(durable=durable) as db:
                db.execute("UPDATE articles SET is_favourite = 1 - is_favourite WHERE id = ?", (i,))
            times.append(time.perf_counter() - start)
        results[mode] = times
    print(f"database folder: {folder}")
    print(
        f"feed batch of 40 entries (NORMAL): median {statistics.median(batches) * 1000:.2f} ms, "
        f"p95 {pct(batches, 0.95) * 1000:.2f} ms"
    )
    for mode, times in results.items():
        print(
            f"favourite toggle, synchronous={mode}: median {statistics.median(times) * 1000:.3f} ms, "
            f"p95 {pct(times, 0.95) * 1000:.3f} ms"
        )
    full, normal = (statistics.median(results[m]) for m in results)
    print(f"ratio FULL/NORMAL: {full / normal:.1f}x")


if __name__ == "__main__":
    main()
