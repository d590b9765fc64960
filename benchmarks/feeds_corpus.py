"""Every saved real-world feed goes through the parse-and-store path without an exception.

    python benchmarks/feeds_corpus.py /work/shared/eval/feeds

Each file is subscribed as a local feed and refreshed with the real engine (fetch from disk, parse,
store), then parsed again directly to compare the entry count with plain feedparser, and parsed both
with and without the lxml fast path (reader.fastfeed), whose results must be identical. Prints one
line per file that errs, loses entries or differs, and a summary; exits 1 if any file raised, lost
entries that feedparser found (beyond the per-feed cap and duplicate guids) or differed.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import traceback
from pathlib import Path

import feedparser

from reader import fastfeed
from reader.config import Config, RefreshConfig
from reader.feeds import parse_feed
from reader.refresh import refresh_sync
from reader.store import open_store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path, help="folder of feed files (searched recursively)")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per file")
    args = ap.parse_args()
    files = sorted(p for p in args.data_dir.rglob("*") if p.is_file())
    if not files:
        print(f"no files under {args.data_dir}")
        return 1
    config = Config(refresh=RefreshConfig())
    problems = 0
    fast_used = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "corpus.db")
        ids = {}
        for path in files:
            feed, _ = store.add_feed(str(path))
            ids[feed.id] = path
        started = time.perf_counter()
        try:
            results = refresh_sync(store, config, force=True)
        except Exception:
            traceback.print_exc()
            return 1
        wall = time.perf_counter() - started
        by_id = {r.feed_id: r for r in results}
        stored_total = 0
        counts = {"ok": 0, "error": 0, "warning": 0}
        for fid, path in ids.items():
            r = by_id.get(fid)
            body = path.read_bytes()
            try:
                parsed = parse_feed(body, str(path))
            except Exception:
                traceback.print_exc()
                problems += 1
                continue
            for content_type in (None, "application/rss+xml", "application/xml; charset=utf-8"):
                fast = parse_feed(body, str(path), content_type, now=2e9, fast_path=True)
                slow = parse_feed(body, str(path), content_type, now=2e9, fast_path=False)
                fast_used += fastfeed.extract(body, content_type) is not None
                if fast != slow:
                    problems += 1
                    print(f"{path.relative_to(args.data_dir)}: FAST PATH DIFFERS ({content_type})")
            raw = feedparser.parse(io.BytesIO(body))
            n_raw = len(raw.entries)
            stored = store.query("SELECT COUNT(*) AS n FROM articles WHERE feed_id = ?", (fid,))[0][
                "n"
            ]
            stored_total += stored
            status = r.status if r else "missing"
            if r is None or (status == "error" and "Internal error" in (r.error or "")):
                problems += 1
            if parsed.error:
                counts["error"] += 1
            else:
                counts["ok"] += 1
                if parsed.warning:
                    counts["warning"] += 1
            lost = min(n_raw, config.refresh.max_entries_per_feed) - len(parsed.entries)
            dup_note = ""
            if lost > 0:
                guids = {e.get("id") or e.get("link") for e in raw.entries}
                if len(guids) < n_raw:
                    dup_note = " (duplicate ids)"
                else:
                    problems += 1
                    dup_note = " LOST ENTRIES"
            if stored < len(parsed.entries):
                # an entry id already stored by another feed stays with that feed (by design:
                # the same story in two feeds is kept once)
                guids = [e.guid for e in parsed.entries]
                elsewhere = store.query(
                    f"SELECT COUNT(*) AS n FROM articles WHERE feed_id != ? AND guid IN "
                    f"({','.join('?' * len(guids))})",
                    (fid, *guids),
                )[0]["n"]
                dup_note += f" ({elsewhere} kept with another feed: same entry ids)"
            if args.verbose or parsed.error or dup_note:
                note = parsed.error or parsed.warning or ""
                print(
                    f"{path.relative_to(args.data_dir)}: {status}, stored {stored}, "
                    f"feedparser {n_raw}{dup_note} {note[:90]}"
                )
        store.close()
    print(
        f"\n{len(files)} files in {wall:.2f} s: {counts['ok']} feeds "
        f"({counts['warning']} with warnings), {counts['error']} not feeds; "
        f"{stored_total} articles stored; fast path taken in {fast_used} of {3 * len(files)} "
        f"parses (3 content types per file), identical to feedparser; problems: {problems}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
