"""Durability: what durable favourite toggles cost, months of refreshes, and kill -9 in a loop.

Usage:
  python benchmarks/durability.py [--toggles N] [--dir DIR]
      the median/p95 time of a favourite toggle with synchronous=FULL (what newsreader does) and
      with NORMAL, and the time to store a 40-entry feed batch (always NORMAL: a crash can lose at
      most the last refresh, which is fetched again; favourites are never at risk).
  python benchmarks/durability.py --growth [--feeds 100] [--per-day 30] [--days 90]
                                  [--retention 60] [--vacuum] [--dir DIR]
      months of refreshes fed straight into the store (each feed lists its last 40 items, one
      feed in 15 is a slow blog listing its last 20 posts, one a week), the user reading 90% of
      the day before (one story in 97 is kept unread) and saving 0.2%, related stories grouped,
      pruning after each day; a second connection (the reader) writes every 20 ms throughout.
      Prints every 30 days: articles, database and WAL size, the day's insert and pruning time,
      the reader's longest wait for a write, stories that came back unread; at the end whether
      every favourite and unread story is there, the search index sound, no copy left without
      its original, and (--vacuum) what a VACUUM would take and give back. `--feeds 300` is a
      heavy user (9,000 articles a day, about 4 KB each; it takes several minutes).
  python benchmarks/durability.py --lists [--articles 100000] [--unread 0.01] [--dir DIR]
      hiding read headlines on a big store: a store of --articles articles in 500 feeds (12
      categories), a share --unread of them unread (spread over time), then the median time of
      the first page (200) and of the page reaching the end of the unread headlines, and of the
      count, for All, Unread, a category and a feed with read headlines hidden, with the index
      of unread headlines by date (schema 6) and without it (dropped in a transaction that is
      rolled back: the store is left as it was).
  python benchmarks/durability.py --crash ROUNDS [--dir DIR]
      kill -9 in a loop: `newsreader refresh` (the real CLI, 40 feeds on a local server; every
      other round two at once, as overlapping crons) beside a process saving read states and
      favourites as the reader does; each round kills the refresh, the "reader" or both at a
      random moment, then checks the file (PRAGMA integrity_check, the search index) and that
      every favourite and read state confirmed before the kill is there.
"""

from __future__ import annotations

import argparse
import http.server
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reader.config import FeedConfig
from reader.models import ParsedEntry, View
from reader.store import Store, open_store

DAY = 86400.0


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def mb(path: Path) -> float:
    return path.stat().st_size / 2**20 if path.exists() else 0.0


# ---------------------------------------------------------------------------- toggle cost


def toggles(folder: Path, count: int) -> None:
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
    ids = [r[0] for r in store.db.execute("SELECT id FROM articles LIMIT ?", (count,))]
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
    store.close()


# ---------------------------------------------------------------------------- lists, read hidden


def lists(folder: Path, articles: int, unread: float) -> None:
    path = folder / "lists.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = open_store(path)
    feeds = 500
    store.sync_config_feeds(
        [
            FeedConfig(f"https://f{i}.example/feed", f"Feed {i}", f"Topic {i % 12}")
            for i in range(feeds)
        ]
    )
    rng = random.Random(3)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    start = time.perf_counter()
    per_feed = articles // feeds
    for k, feed in enumerate(store.feeds()):
        entries = [
            ParsedEntry(
                f"{feed.id}-{n}",
                f"https://f{k}.example/{n}",
                f"Story {n} of feed {k}",
                published=t0 - timedelta(minutes=n * feeds + k),
                summary_text=f"story {n} of feed {k} " * 8,
            )
            for n in range(per_feed)
        ]
        store.upsert_entries(feed.id, entries, now=t0)
    ids = [int(r[0]) for r in store.db.execute("SELECT id FROM articles")]
    kept = set(rng.sample(ids, max(1, int(len(ids) * unread))))
    store.set_read([i for i in ids if i not in kept])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(
        f"store: {len(ids):,} articles, {len(kept):,} unread, {mb(path):.0f} MB "
        f"(built in {time.perf_counter() - start:.0f} s)"
    )
    one = store.feeds()[7]
    views = {
        "All, read hidden": View("all", unread_only=True),
        "Unread": View("unread"),
        f"category {one.category}, read hidden": View(
            "category", category=one.category, unread_only=True
        ),
        "a feed, read hidden": View("feed", feed_id=one.id, unread_only=True),
    }

    def timed(call: Callable[[], object], runs: int = 15) -> float:
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            call()
            times.append(time.perf_counter() - begin)
        return statistics.median(times) * 1000

    def measure() -> dict[str, tuple[float, float, float]]:
        out = {}
        for name, view in views.items():
            first = timed(partial(store.headlines, view, limit=200))
            listed = store.headlines(view, limit=len(kept) + 1)
            # the page that reaches the end of the unread headlines: the last 200 and past them
            after = store.cursor_of(view, listed[-200]) if len(listed) > 200 else None
            last = timed(partial(store.headlines, view, after=after, limit=200))
            out[name] = (first, last, timed(partial(store.count, view)))
        return out

    with_index = measure()
    store.db.execute("BEGIN")
    store.db.execute("DROP INDEX articles_unread_date")
    try:
        without = measure()
    finally:
        store.db.execute("ROLLBACK")
    print(f"{'list':<34} {'first page':>21} {'page at the end':>21} {'count':>21}")
    print(
        f"{'':<34} {'without -> with ms':>21} {'without -> with ms':>21} {'without -> with ms':>21}"
    )
    for name in views:
        cells = [f"{without[name][i]:8.1f} -> {with_index[name][i]:6.1f}" for i in range(3)]
        print(f"{name:<34} {cells[0]:>21} {cells[1]:>21} {cells[2]:>21}")
    store.close()


# ---------------------------------------------------------------------------- months of refreshes


class ReaderWrites(threading.Thread):
    """The reader beside the refreshes: a read-state toggle every 20 ms on its own connection,
    each write's wait recorded with the moment it started."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.waits: list[tuple[float, float]] = []
        self.failed = 0
        self.stop = threading.Event()

    def run(self) -> None:
        store = Store(self.path)
        rng = random.Random(5)
        while not self.stop.is_set():
            rows = store.db.execute("SELECT MAX(id) FROM articles").fetchone()
            top = int(rows[0] or 0)
            if top:
                target = rng.randrange(1, top + 1)
                start = time.perf_counter()
                try:  # a story that is gone or read changes nothing: the wait is what counts
                    with store.transaction() as db:
                        db.execute("UPDATE articles SET is_read = is_read WHERE id = ?", (target,))
                except Exception:
                    self.failed += 1
                self.waits.append((start, time.perf_counter() - start))
            time.sleep(0.02)
        store.close()

    def longest(self, since: float, until: float) -> float:
        return max((w for t, w in self.waits if since <= t <= until), default=0.0)


def growth(folder: Path, feeds: int, per_day: int, days: int, retention: int, vacuum: bool) -> None:
    rng = random.Random(1)
    vocabulary = [f"w{rng.randrange(16**6):x}" for _ in range(30000)]

    def text(words: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(words))

    path = folder / "growth.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = open_store(path)
    store.sync_config_feeds(
        [FeedConfig(f"https://f{i}.example/feed", f"Feed {i}") for i in range(feeds)]
    )
    feed_ids = [f.id for f in store.feeds()]
    slow = set(feed_ids[: max(1, feeds // 15)])
    listed: dict[int, list[ParsedEntry]] = {f: [] for f in feed_ids}
    read_guids: set[str] = set()
    favourites: set[int] = set()
    came_back = 0
    serial = 0
    reader = ReaderWrites(path)
    reader.start()
    refreshing: list[tuple[float, float]] = []
    prunings: list[tuple[float, float]] = []
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    print(
        f"{feeds} feeds ({len(slow)} slow blogs), {per_day} new items a day each, {days} days, "
        f"retention {retention} days; database in {folder}"
    )
    print(
        "  day  articles  favs     DB MB  WAL MB  remembered  insert s  pruned  prune s  "
        "reader's longest wait: refresh / pruning (ms)  back unread"
    )
    for day in range(days):
        now = t0 + timedelta(days=day)
        started = time.perf_counter()
        new_today: list[int] = []
        for fid in feed_ids:
            if fid in slow:
                if day % 7:
                    continue
                count, keep = 1, 20
            else:
                count, keep = per_day, 40
            for _ in range(count):
                serial += 1
                listed[fid].insert(
                    0,
                    ParsedEntry(
                        guid=f"https://f{fid}.example/a/{serial}",
                        url=f"https://f{fid}.example/a/{serial}",
                        title=text(8),
                        published=now + timedelta(minutes=rng.randrange(1440)),
                        summary_text=text(80),
                        content_html="<p>" + text(300) + "</p>",
                    ),
                )
            del listed[fid][keep:]
            new, _ = store.upsert_entries(fid, listed[fid], now=now)
            new_today += new
        for chunk in range(0, len(new_today), 500):
            piece = new_today[chunk : chunk + 500]
            marks = ",".join("?" * len(piece))
            came_back += sum(
                1
                for (guid,) in store.db.execute(
                    f"SELECT guid FROM articles WHERE id IN ({marks})", piece
                )
                if guid in read_guids
            )
        inserted = time.perf_counter()
        # related stories: the day's new articles in threes across feeds, one a copy
        rng.shuffle(new_today)
        triples = [new_today[i : i + 3] for i in range(0, len(new_today) - 2, 3)][:2000]
        first = store.reserve_group_ids(len(triples))
        groups: list[tuple[int, int | None, int | None]] = []
        related: list[tuple[int, list[tuple[int, float]]]] = []
        for n, (a, b, c) in enumerate(triples):
            groups += [(a, first + n, None), (b, first + n, None), (c, first + n, a)]
            related.append((a, [(b, 0.5), (c, 0.9)]))
        store.save_grouping(groups, related, [])
        # the user reads 90% of what came before today and saves 0.2% of it
        rows = store.db.execute(
            "SELECT id, guid FROM articles WHERE is_read = 0 AND first_seen < ?",
            (now.timestamp(),),
        ).fetchall()
        picked = [r for r in rows if r[0] % 97 and rng.random() < 0.9]  # some kept unread
        for chunk in range(0, len(picked), 5000):
            store.set_read([r[0] for r in picked[chunk : chunk + 5000]])
        read_guids.update(r[1] for r in picked)
        for r in picked:
            if rng.random() < 0.002:
                store.set_favourite(r[0], True)
                favourites.add(r[0])
        pruning = time.perf_counter()
        pruned = store.prune(retention, now=now.timestamp() + 23 * 3600)
        done = time.perf_counter()
        refreshing.append((started, pruning))
        prunings.append((pruning, done))
        if day % 30 == 29 or day == days - 1:
            count_articles, count_favs = store.db.execute(
                "SELECT COUNT(*), SUM(is_favourite) FROM articles"
            ).fetchone()
            remembered = store.db.execute("SELECT COUNT(*) FROM pruned").fetchone()[0]
            print(
                f"  {day + 1:3d}  {count_articles:8,d}  {count_favs:4d}  {mb(path):8.1f}  "
                f"{mb(Path(f'{path}-wal')):6.1f}  {remembered:10,d}  {inserted - started:8.1f}  "
                f"{pruned:6,d}  {done - pruning:7.2f}  "
                f"{reader.longest(started, pruning) * 1000:19.0f} / "
                f"{reader.longest(pruning, done) * 1000:.0f}{'':20s}{came_back:5d}",
                flush=True,
            )
    reader.stop.set()
    reader.join()
    for name, spans in (("refreshing, reading, grouping", refreshing), ("pruning", prunings)):
        longest = max((reader.longest(a, b) for a, b in spans), default=0.0)
        print(f"reader's longest wait for a write while {name}: {longest * 1000:.0f} ms")
    waits = [w for _, w in reader.waits]
    print(
        f"reader's writes: {len(waits):,d}, median {statistics.median(waits) * 1000:.1f} ms, "
        f"p99 {pct(waits, 0.99) * 1000:.0f} ms, longest {max(waits) * 1000:.0f} ms, "
        f"failed {reader.failed}"
    )
    db = store.db
    kept = {r[0] for r in db.execute("SELECT id FROM articles WHERE is_favourite = 1")}
    print(f"favourites kept: {len(favourites & kept)} of {len(favourites)}")
    unread_old = db.execute(
        "SELECT COUNT(*) FROM articles WHERE is_read = 0 AND id % 97 = 0 AND first_seen < ?",
        ((t0 + timedelta(days=days - retention - 1)).timestamp(),),
    ).fetchone()[0]
    print(f"stories kept unread (one in 97) older than the retention, still there: {unread_old}")
    start = time.perf_counter()
    try:
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        fts = "sound"
    except sqlite3.Error as exc:
        fts = f"DAMAGED ({exc})"
    print(f"search index: {fts} (checked in {time.perf_counter() - start:.1f} s)")
    orphans = db.execute(
        "SELECT COUNT(*) FROM articles a WHERE duplicate_of IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM articles b WHERE b.id = a.duplicate_of)"
    ).fetchone()[0]
    dangling = db.execute(
        "SELECT COUNT(*) FROM related r WHERE NOT EXISTS (SELECT 1 FROM articles a "
        "WHERE a.id = r.other_id) OR NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)"
    ).fetchone()[0]
    print(
        f"copies without their original: {orphans}; related links to deleted articles: {dangling}"
    )
    pages, free = (
        db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count")
    )
    print(f"pages free for reuse: {free:,d} of {pages:,d} ({free * 4096 / 2**20:.0f} MB)")
    if vacuum:
        before = mb(path)
        start = time.perf_counter()
        db.execute("VACUUM")
        print(
            f"VACUUM: {time.perf_counter() - start:.1f} s holding the database, "
            f"{before:.0f} -> {mb(path):.0f} MB"
        )
    store.close()


# ---------------------------------------------------------------------------- kill -9 in a loop


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _rss(title: str, items: list[tuple[str, str, datetime, str]]) -> str:
    body = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>{format_datetime(when)}</pubDate>"
        f"<description>{escape(d)}</description></item>"
        for link, t, when, d in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://127.0.0.1/</link><description>d</description>{body}</channel></rss>"
    )


READER = textwrap.dedent(
    """
    import random, sys, time
    from reader.store import open_store, StoreError
    store = open_store(sys.argv[1])
    rng = random.Random(int(sys.argv[2]))
    while True:
        rows = store.db.execute(
            "SELECT id FROM articles WHERE kind = 'feed' ORDER BY random() LIMIT 20").fetchall()
        for (i,) in rows:
            try:
                if rng.random() < 0.3:
                    store.set_favourite(i, True)
                    print("fav", i, flush=True)
                else:
                    store.set_read([i])
                    print("read", i, flush=True)
            except StoreError as exc:
                print("busy", exc, file=sys.stderr, flush=True)
        time.sleep(0.01)
    """
)


def crash(folder: Path, rounds: int) -> None:
    www = folder / "www"
    www.mkdir(parents=True, exist_ok=True)
    db = folder / "crash.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(www))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    feeds = 40
    config = folder / "crash.toml"
    config.write_text(
        "[storage]\nretention_days = 60\n"
        + "".join(f'[[feeds]]\nurl = "{base}/f{i}.xml"\ntitle = "F{i}"\n' for i in range(feeds))
    )
    rng = random.Random(3)
    words = [f"w{i}" for i in range(3000)]
    cli = [sys.executable, "-c", "import sys; from reader.cli import main; sys.exit(main())"]

    def publish(round_: int) -> None:
        now = datetime.now(UTC)
        for i in range(feeds):
            items = [
                (
                    f"{base}/f{i}/{n}",
                    " ".join(rng.choice(words) for _ in range(7)),
                    now - timedelta(minutes=n),
                    " ".join(rng.choice(words) for _ in range(200)),
                )
                for n in range(round_ * 10, round_ * 10 + 60)
            ]
            (www / f"f{i}.xml").write_text(_rss(f"F{i}", items))

    def refresh() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*cli, "refresh", "--force", "--config", str(config), "--db", str(db)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    publish(0)
    first = refresh()
    first.communicate()
    favs: set[int] = set()
    reads: set[int] = set()
    busy = 0
    problems: list[str] = []
    kills = {"refresh": 0, "reader": 0, "both": 0}
    for round_ in range(rounds):
        publish(round_ + 1)
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(db), str(round_)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        crons = [refresh()] + ([refresh()] if round_ % 2 else [])
        victim = rng.choice(list(kills))
        kills[victim] += 1
        time.sleep(rng.uniform(0.5, 4.0))
        if victim != "reader":
            for cron in crons:
                cron.send_signal(signal.SIGKILL)
        if victim == "refresh":
            time.sleep(0.5)
        reader.send_signal(signal.SIGKILL)
        for cron in crons:
            _, err = cron.communicate()
            if cron.returncode not in (0, -signal.SIGKILL):
                problems.append(f"round {round_}: refresh exit {cron.returncode}: {err[-300:]}")
        out, err = reader.communicate()
        busy += err.count("busy")
        for line in out.splitlines():
            kind, _, value = line.partition(" ")
            if value.isdigit():
                (favs if kind == "fav" else reads).add(int(value))
        con = sqlite3.connect(db)
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        try:
            con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
        except sqlite3.Error as exc:
            check += f"; search index: {exc}"
        saved = {r[0] for r in con.execute("SELECT id FROM articles WHERE is_favourite = 1")}
        read = {r[0] for r in con.execute("SELECT id FROM articles WHERE is_read = 1")}
        con.close()
        if check != "ok" or favs - saved or reads - read:
            problems.append(
                f"round {round_}: {check}; favourites lost {len(favs - saved)}, read states "
                f"lost {len(reads - read)}"
            )
    server.shutdown()
    print(
        f"{rounds} rounds (killed: refresh {kills['refresh']}, reader {kills['reader']}, both "
        f"{kills['both']}); {len(favs)} favourites and {len(reads)} read states confirmed before "
        f"the kills; the reader's writes refused as busy: {busy}"
    )
    print("\n".join(problems) if problems else "every round: integrity ok, nothing lost")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--toggles", type=int, default=300)
    parser.add_argument("--dir", default=None, help="folder for the database (default: a temp dir)")
    parser.add_argument("--growth", action="store_true", help="simulate months of refreshes")
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--per-day", type=int, default=30)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--retention", type=int, default=60)
    parser.add_argument("--vacuum", action="store_true", help="time a VACUUM at the end")
    parser.add_argument("--crash", type=int, default=0, metavar="ROUNDS", help="kill -9 loop")
    parser.add_argument("--lists", action="store_true", help="headline lists, read hidden")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--unread", type=float, default=0.01, help="share of articles unread")
    args = parser.parse_args()
    folder = Path(args.dir or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    if args.growth:
        growth(folder, args.feeds, args.per_day, args.days, args.retention, args.vacuum)
    elif args.crash:
        crash(folder, args.crash)
    elif args.lists:
        lists(folder, args.articles, args.unread)
    else:
        toggles(folder, args.toggles)
    if not args.dir:
        for leftover in sorted(folder.rglob("*"), reverse=True):
            leftover.rmdir() if leftover.is_dir() else leftover.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
