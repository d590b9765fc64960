"""Reader speed and memory: first frame, cursor steps, cached story open, keys during a refresh.

    python benchmarks/tui.py [--db PATH] [--articles 100000] [--feeds 500] [--presses 1000]
                             [--group-presses 300] [--refresh-feeds 1000] [--only refresh]

Builds (or reuses) a store of synthetic articles, then runs the real app headless in child
processes (so start-up includes Python and Textual imports) and prints the figures against targets:
first frame < 1.0 s, cursor step median < 16 ms and p95 < 50 ms, cached story open < 100 ms,
peak RSS < 300 MB.

Related groups: a copy of that store (PATH.grouped.db beside --db) gets groups as a real store
has them: every article has a group, GROUPED_SHARE of them in groups of 2-12 reports published
within hours of each other (some of them copies of the group's first report), and a few big
news days' groups of 50-200 (one of them the newest day's), with each report's related links to
the earlier ones (MAX_RELATED at most, both ways), saved as the refresh's grouping saves them
(reader.related.persist.save_matches). First frame, cursor steps (one headline per story off and
on) and a story opened with the reports of its group beside it are measured on both stores, the
children taking turns, and printed side by side with the ratio.

Keys during a refresh: the loopback feed server of benchmarks/refresh.py serves --refresh-feeds
synthetic feeds (40 items, ~60 KB, 50+-50 ms latency, 50 loopback hosts); the reader starts on a
store of 2,000 headlines with those feeds configured, the user presses R (refresh all, a cold
refresh: every feed is new) and holds j down (30 presses a second) until the refresh and the
grouping after it are over. Each press is timed from the key to the first frame showing the cursor
on the next row (target: within 50 ms), next to the same presses with no refresh running.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "council",
    "harbour",
    "plan",
    "vote",
    "election",
    "market",
    "storm",
    "river",
    "school",
    "hospital",
    "report",
    "court",
    "minister",
    "energy",
    "price",
    "climate",
    "research",
    "study",
    "space",
    "mission",
    "team",
    "season",
    "budget",
    "city",
]


# The grouped store (see the module's docstring). The synthetic store has one article a minute
# (rank 0 the newest), so spans are in minutes.
GROUPED_SHARE = 0.35  # articles in groups of two or more reports
SMALL_SIZES = range(2, 13)  # a group's reports, fewer more often (weights 1/(size-1))
SMALL_SPAN = 12 * 60  # a group's reports come within these minutes
LARGE_SIZES = (200, 60, 150, 90, 120, 50, 180, 100)  # big news days, the newest first
LARGE_EVERY = 12_500  # one big news day per this many articles
LARGE_SPAN = 24 * 60
COPY_SHARE = 1 / 12  # a report after a group's first that is a copy of it (a wire story)


@dataclass(frozen=True)
class GroupPlan:
    """Which articles (by rank, 0 = the newest) report the same story."""

    groups: list[list[int]]  # each group's ranks, newest first
    copies: dict[int, int]  # rank -> the rank of the report it is a copy of


def plan_groups(articles: int, share: float = GROUPED_SHARE, seed: int = 7) -> GroupPlan:
    rng = random.Random(seed)
    taken: set[int] = set()
    groups: list[list[int]] = []

    def members(start: int, span: int, size: int) -> list[int]:
        pool = [r for r in range(start, min(articles, start + span)) if r not in taken]
        if len(pool) < 2:
            return []
        chosen = sorted(rng.sample(pool, min(size, len(pool))))
        taken.update(chosen)
        return chosen

    large = max(1, round(articles / LARGE_EVERY))
    for n in range(large):  # the first one the newest day's
        groups.append(members(n * (articles // large), LARGE_SPAN, LARGE_SIZES[n % 8]))
    weights = [1 / (size - 1) for size in SMALL_SIZES]
    while len(taken) < share * articles:
        start = rng.randrange(articles)
        if start not in taken and (
            group := members(start, SMALL_SPAN, rng.choices(SMALL_SIZES, weights)[0])
        ):
            groups.append(group)
    copies = {
        rank: group[-1]  # the group's first report
        for group in groups
        for rank in group[:-1]
        if rng.random() < COPY_SHARE
    }
    return GroupPlan([g for g in groups if g], copies)


def headline(rank: int, feed_ids: list[int], plan: GroupPlan, group_of: dict[int, int]) -> str:
    """The synthetic headline of the article at ``rank``: a group's reports share most words
    (each its own few), a copy has its original's."""
    rank = plan.copies.get(rank, rank)
    feeds = len(feed_ids)
    index, n = rank % feeds, rank // feeds
    own = [WORDS[(index * 7 + n * k) % len(WORDS)] for k in range(1, 9)]
    group = group_of.get(rank)
    if group is not None:
        own = random.Random(group).sample(WORDS, 5) + own[:3]
    return f"{' '.join(own).capitalize()} ({feed_ids[index]}/{n})"


def build(db: Path, articles: int, feeds: int) -> None:
    from reader.config import FeedConfig
    from reader.models import ParsedEntry
    from reader.store import open_store

    store = open_store(db)
    configs = [
        FeedConfig(f"http://127.0.0.1:9/feed/{n}.xml", f"Feed {n:03d}", f"Category {n % 12}")
        for n in range(feeds)
    ]
    store.sync_config_feeds(configs)
    now = datetime(2024, 6, 1, tzinfo=UTC)
    per_feed = articles // feeds
    # the headlines the grouped copy's groups need (the store without groups has them too)
    plan = plan_groups(per_feed * feeds)
    group_of = {rank: g for g, group in enumerate(plan.groups) for rank in group}
    feed_ids = [feed.id for feed in store.feeds()]
    for index, feed_id in enumerate(feed_ids):
        entries = []
        for n in range(per_feed):
            title = headline(n * feeds + index, feed_ids, plan, group_of)
            words = title.rsplit(" (", 1)[0].lower()
            entries.append(
                ParsedEntry(
                    guid=f"{feed_id}-{n}",
                    url=f"http://127.0.0.1:9/{feed_id}/{n}.html",
                    title=title,
                    author="Reporter",
                    published=now - timedelta(minutes=n * feeds + index),
                    summary_text=f"{words}. " * 6,
                )
            )
        store.upsert_entries(feed_id, entries, now=now)
    store.close()


def add_groups(db: Path) -> None:
    """Group the store's articles as GroupPlan says, saved as the refresh's grouping saves what
    it found (reader.related.persist.save_matches: each article's group, its copy flag and its
    related links to the group's earlier reports, a batch at a time in publication order, with
    group ids reserved through the store)."""
    from reader.related.index import MAX_RELATED, RANK_LIMIT, Match
    from reader.related.persist import note_rules, save_matches
    from reader.store import open_store

    store = open_store(db)
    rows = store.query("SELECT id, published FROM articles WHERE kind = 'feed'")
    newest = max(float(r["published"]) for r in rows)
    id_of = {round((newest - float(r["published"])) / 60): int(r["id"]) for r in rows}
    plan = plan_groups(len(id_of))
    rng = random.Random(11)
    group_of = {rank: g for g, group in enumerate(plan.groups) for rank in group if rank in id_of}
    oldest_first = sorted(id_of, reverse=True)
    # a group id for each group and each article alone, in the order their first report came
    singles = [rank for rank in oldest_first if rank not in group_of]
    start = store.reserve_group_ids(len(plan.groups) + len(singles))
    gid: dict[int, int] = {}
    earlier: dict[int, list[int]] = {}  # group -> its reports saved so far, oldest first
    matches: list[Match] = []
    for rank in oldest_first:
        key = group_of.get(rank, -1 - rank)
        gid.setdefault(key, start + len(gid))
        before = earlier.setdefault(key, [])
        scores = [(other, round(rng.uniform(0.25, 0.9), 4)) for other in before[-RANK_LIMIT:]]
        original = plan.copies.get(rank)
        if original is not None and original in id_of:
            scores = [(o, 0.97 if o == original else s) for o, s in scores]
        scores.sort(key=lambda p: -p[1])
        related = tuple((id_of[o], s) for o, s in scores[:MAX_RELATED])
        copy_of = id_of[original] if original is not None and original in id_of else None
        matches.append(Match(id_of[rank], gid[key], related, copy_of))
        before.append(rank)
        if len(matches) == 1000:
            save_matches(store, matches, copies_read=False)
            matches = []
    save_matches(store, matches, copies_read=False)
    note_rules(store)  # the groups follow the current rules: nothing to group again
    store.close()


def child(args: argparse.Namespace) -> None:
    """Runs in a fresh process: start the app headless and measure one thing."""
    db, mode, spawned, presses, config_path = (
        args.db,
        args.child,
        args.spawned,
        args.presses,
        args.config,
    )
    from reader.store import DamageCheck

    # as `newsreader` starts: every page is checked while the reader's modules load
    check = DamageCheck(db)
    import asyncio
    import resource

    from textual import events

    from reader.config import Config, ReaderConfig, SummaryConfig, load_config
    from reader.models import Page, Story, View
    from reader.reading import keep_summary, resolve_algorithm, save_place
    from reader.store import open_store
    from reader.tui.app import NewsReaderApp

    # one headline per story (collapse_groups) or every report, as the config sets it
    config = Config(
        summary=SummaryConfig(sentences=3), reader=ReaderConfig(collapse_groups=args.collapse)
    )
    if config_path is not None:
        config = load_config(config_path, db)
    store = open_store(db, check)
    if config_path is not None:
        store.sync_config_feeds(config.feeds)  # as `newsreader` does before the reader starts
    figures: dict[str, float | list[float]] = {}

    if mode in ("frame", "steps", "paced"):  # the reader starts at the top (no place kept)
        save_place(store, View("all"), None)
    if mode == "open":  # make the story's (the top one's) extraction and summary cached
        from reader.summarize import summarize_story

        if args.article is not None:
            top = store.article(args.article)
            assert top is not None, f"no article {args.article}"
        else:
            top = store.headlines(View("all"), limit=1)[0]
        text = "\n\n".join(
            f"Paragraph {n}. The council met to discuss the harbour plan in detail. "
            "Members argued for hours about the cost."
            for n in range(30)
        )
        store.put_page(top.id, Page(main=Story(title=top.title, text=text)), "page")
        algorithm = resolve_algorithm(config)
        # where the reader looks for it (the cache key has the text's digest and the summariser's
        # version: a summary kept under another key is made again when the story opens)
        keep_summary(
            store, config, top.id, text, summarize_story(text, sentences=3, algorithm=algorithm)
        )
        # the reader puts the cursor back where it was (the cursor benchmark leaves it rows
        # down): on the cached story, so that Enter opens that one
        save_place(store, View("all"), top.id)

    app = NewsReaderApp(config, store)
    # The frame is what the user sees: the terminal driver's display call is timed, and the
    # condition being measured is checked at that moment.
    probe: dict[str, object] = {"condition": None, "at": None}
    # further conditions, each timed at the first frame that shows it (name -> time)
    watches: dict[str, Callable[[], bool]] = {}
    seen: dict[str, float] = {}
    display = app._display

    def timed_display(screen, update) -> None:  # type: ignore[no-untyped-def]
        display(screen, update)
        if update is None:
            return
        condition = probe["condition"]
        if probe["at"] is None and callable(condition) and condition():
            probe["at"] = time.perf_counter()
        for name, watched in watches.items():
            if name not in seen and watched():
                seen[name] = time.perf_counter()

    app._display = timed_display  # type: ignore[method-assign]

    def expect(condition) -> None:  # type: ignore[no-untyped-def]
        probe["condition"], probe["at"] = condition, None

    async def frame() -> float:
        """Wait for the first frame showing the expected state; return its time."""
        condition, since = probe["condition"], time.perf_counter()
        give_up = since + 30
        while probe["at"] is None:
            await asyncio.sleep(0.0005)
            if callable(condition) and condition() and time.perf_counter() - since > 0.25:
                app.screen.refresh()  # nothing else changed on screen: ask for a frame
                since = time.perf_counter()
            if time.perf_counter() > give_up:  # the key went elsewhere: say where, and stop
                focused = app.focused
                raise SystemExit(
                    f"no frame with the expected state after 30 s (focus on {focused!r}, "
                    f"screen {app.screen!r})"
                )
        return float(probe["at"])  # type: ignore[arg-type]

    def key(name: str, character: str | None) -> None:
        app.post_message(events.Key(name, character))  # what the terminal driver does

    def shown() -> bool:
        screen = app.screen
        return bool(getattr(screen, "table", None) and screen.table.articles)

    expect(shown)

    async def pilot_run(pilot) -> None:  # type: ignore[no-untyped-def]
        first = await frame()
        figures["first_frame"] = time.time() - spawned - (time.perf_counter() - first)
        screen = app.screen
        table = screen.table
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        if mode in ("steps", "paced"):
            # Two runs of presses, each timed from the key to the first frame showing the cursor on
            # the next row: at a keyboard's auto-repeat rate (30 presses a second, holding j down),
            # and back to back (the next press as soon as the frame is out: Textual paces frames
            # at 60 per second, so this one can never go below ~16.7 ms); "paced": the first only.
            cadences = (("steps", 1 / 30), ("steps_burst", 0.0))
            figures["start_row"] = table.cursor_row
            for name, gap in cadences if mode == "steps" else cadences[:1]:
                steps = []
                cpu = time.process_time()
                last = time.perf_counter()
                for _ in range(presses):
                    pause = gap - (time.perf_counter() - last)
                    if pause > 0:
                        await asyncio.sleep(pause)
                    target = table.cursor_row + 1
                    expect(lambda t=target: table.cursor_row == t)
                    start = last = time.perf_counter()
                    key("j", "j")
                    steps.append(await frame() - start)
                figures[name] = steps
                figures[name + "_cpu"] = (time.process_time() - cpu) / presses
            figures["row"] = table.cursor_row
        elif mode == "refresh":
            status = screen.status

            async def hold_j(count: int | None, while_refreshing: bool) -> list[float]:
                """Press j at 30/s; each press timed to the frame with the cursor on the next story.

                The list may be reloaded meanwhile (new headlines above, the cursor kept on its
                story), so "moved" means another story under the cursor, not a row number."""
                steps: list[float] = []
                last = time.perf_counter()
                while (count is None or len(steps) < count) and (
                    not while_refreshing or status.refreshing or grouping()
                ):
                    pause = 1 / 30 - (time.perf_counter() - last)
                    if pause > 0:
                        await asyncio.sleep(pause)
                    if table.cursor_row >= len(table.articles) - 2:
                        table.cursor_row = 0  # back to the top without a key (not timed)
                        await pilot.pause(0.05)
                    pressed_on = table.current.id if table.current is not None else None
                    expect(
                        lambda was=pressed_on: table.current is not None and table.current.id != was
                    )
                    fetching = status.refreshing
                    start = last = time.perf_counter()
                    key("j", "j")
                    steps.append(await frame() - start)
                    if while_refreshing:
                        phases.append("fetch" if fetching else "group")
                return steps

            def grouping() -> bool:
                return any(w.group == "refresh" and not w.is_finished for w in app.workers)

            phases: list[str] = []
            figures["idle"] = await hold_j(presses, False)
            wall = time.perf_counter()
            cpu = time.process_time()
            key("R", "R")
            while not status.refreshing:
                await asyncio.sleep(0.001)
            figures["during"] = await hold_j(None, True)
            figures["phases"] = phases
            figures["refresh_wall"] = time.perf_counter() - wall
            figures["refresh_cpu_ui_process"] = time.process_time() - cpu
            figures["stored"] = store.stats().articles
            figures["failed"] = sum(1 for f in store.feeds() if f.last_error)
        elif mode == "open":

            def ready() -> bool:
                panes = screen.deck.panes
                return bool(
                    panes and not panes[0].state.loading and panes[0].state.summary is not None
                )

            deck = screen.deck

            def beside_shown() -> bool:
                """The related panes are in, those on screen with their story's text."""
                panes = deck.panes
                return (
                    len(panes) > 1
                    and not deck.finding_related
                    and all(p.state.story.text.strip() for p in deck.visible_panes()[1:])
                )

            expect(ready)
            watches["related"] = beside_shown
            watches["first_related"] = lambda: len(deck.panes) > 1
            start = time.perf_counter()
            key("enter", "\r")
            figures["open"] = await frame() - start
            if args.article is not None:  # a story of a group: its reports beside it
                give_up = time.perf_counter() + 30
                while "related" not in seen and time.perf_counter() < give_up:
                    await asyncio.sleep(0.001)
                for name, at in seen.items():
                    figures[name] = at - start
                figures["panes"] = len(deck.panes)
                figures["panes_shown"] = len(deck.visible_panes())
        figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        app.exit()

    profiles = start_profiles() if args.profile else []
    app.run(headless=True, size=(200, 60), auto_pilot=pilot_run)
    if profiles:
        import pstats

        pstats.Stats(*profiles).dump_stats(args.profile)
    store.close()
    print(json.dumps(figures))


def start_profiles() -> list[cProfile.Profile]:
    """cProfile in this thread and in every thread started from now on (the app's workers):
    the profiles to merge once the app is over."""
    import threading

    profiles: list[cProfile.Profile] = []

    def start() -> cProfile.Profile:
        profile = cProfile.Profile()
        profiles.append(profile)
        profile.enable()
        return profile

    def in_thread(*_: object) -> None:
        sys.setprofile(None)
        start()

    threading.setprofile(in_thread)
    start()
    return profiles


def run_child(
    db: Path,
    mode: str,
    presses: int,
    config: Path | None = None,
    *options: str,
    profile: Path | None = None,
) -> dict:
    """Run one child (``options``: its further arguments; ``profile``: a cProfile of it goes to
    that path with the child's mode and options in its name)."""
    spawned = time.time()
    extra = ["--config", str(config)] if config is not None else []
    extra += options
    if profile is not None:
        label = "-".join([db.stem, mode, *(o.lstrip("-") for o in options)])
        extra += ["--profile", f"{profile}.{label}.prof"]
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            mode,
            "--db",
            str(db),
            "--spawned",
            repr(spawned),
            "--presses",
            str(presses),
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"child {mode} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="store to build or reuse")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--presses", type=int, default=1000)
    parser.add_argument(
        "--group-presses",
        type=int,
        default=300,
        help="presses (30/s) of each run comparing the store with groups and without",
    )
    parser.add_argument("--runs", type=int, default=3, help="first-frame runs (median reported)")
    parser.add_argument("--refresh-feeds", type=int, default=1000, help="0: no refresh run")
    parser.add_argument("--only", choices=("reading", "refresh"), default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--collapse", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--article", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--profile", type=Path, default=None, help="cProfile each child into PATH.<what>.prof"
    )
    args = parser.parse_args()

    if args.child:
        child(args)
        return

    if args.only != "refresh":
        reading(args)
    if args.only != "reading" and args.refresh_feeds > 0:
        during_refresh(args.refresh_feeds)


def row(name: str, value: str, target: str, ok: bool) -> None:
    print(f"{name:<38} {value:>12}   target {target:<10} {'ok' if ok else 'MISSED'}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def reading(args: argparse.Namespace) -> None:
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory()
        db = Path(tmp.name) / "bench.db"
    if not db.exists():
        start = time.perf_counter()
        build(db, args.articles, args.feeds)
        print(
            f"built {args.articles:,} articles in {args.feeds} feeds in "
            f"{time.perf_counter() - start:.1f} s ({db.stat().st_size / 1e6:.0f} MB)"
        )
    grouped = db.with_name(f"{db.stem}.grouped.db")
    if not grouped.exists():
        start = time.perf_counter()
        with sqlite3.connect(db) as source, sqlite3.connect(grouped) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        add_groups(grouped)
        print(f"grouped a copy of it in {time.perf_counter() - start:.1f} s ({grouped.name})")
    stores = {False: db, True: grouped}
    profile = args.profile

    def collapse(on: bool) -> tuple[str, ...]:
        return ("--collapse",) if on else ()

    # (each pair of children one after the other, store without groups first, so that the
    # machine's load changes alike for both)
    both = [(g, c) for c in (False, True) for g in (False, True)]
    frames: dict[tuple[bool, bool], list[float]] = {k: [] for k in both}
    for _ in range(args.runs):
        for g, c in both:
            run = run_child(stores[g], "frame", 0, None, *collapse(c), profile=profile)
            frames[g, c].append(run["first_frame"])
    steps_run = run_child(db, "steps", args.presses, profile=profile)
    paced = {
        (g, c): run_child(
            stores[g], "paced", args.group_presses, None, *collapse(c), profile=profile
        )
        for g, c in both
    }
    open_run = run_child(db, "open", 0, profile=profile)
    opened_in_group = []
    for article, size in stories_in_groups(grouped):
        run = run_child(grouped, "open", 0, None, "--article", str(article), profile=profile)
        opened_in_group.append((size, run))

    steps = steps_run["steps"]
    median = statistics.median(steps) * 1000
    p95 = percentile(steps, 0.95) * 1000
    burst = steps_run["steps_burst"]
    burst_median = statistics.median(burst) * 1000
    burst_p95 = percentile(burst, 0.95) * 1000
    first = statistics.median(frames[False, False])
    opened = open_run["open"] * 1000
    rss = max(steps_run["rss_mb"], open_run["rss_mb"])

    print(f"\nreader with {args.articles:,} articles across {args.feeds} feeds (headless, 200x60)")
    row("first frame with headlines", f"{first:.2f} s", "< 1.0 s", first < 1.0)
    row(f"cursor step median ({len(steps)} j, 30/s)", f"{median:.1f} ms", "< 16 ms", median < 16)
    row("cursor step p95 (30/s)", f"{p95:.1f} ms", "< 50 ms", p95 < 50)
    cpu = steps_run["steps_cpu"] * 1000
    row("  CPU per step (this process)", f"{cpu:.1f} ms", "", True)
    row("cursor step median, back to back", f"{burst_median:.1f} ms", "(60 fps)", True)
    row("cursor step p95, back to back", f"{burst_p95:.1f} ms", "< 50 ms", burst_p95 < 50)
    row("open cached story (text+summary)", f"{opened:.0f} ms", "< 100 ms", opened < 100)
    row("peak RSS", f"{rss:.0f} MB", "< 300 MB", rss < 300)
    print(
        f"(first-frame runs: {', '.join(f'{f:.2f}' for f in frames[False, False])} s; "
        f"cursor ended on row {steps_run['row']})"
    )

    print(f"\nthe same articles in related groups: {describe_groups(grouped)}")
    print(f"{'':<44} {'no groups':>10} {'groups':>10} {'ratio':>7}   target")
    for c in (False, True):
        shown = "one headline per story" if c else "every headline"
        plain, group = (statistics.median(frames[g, c]) for g in (False, True))
        compare(f"first frame, {shown}", plain, group, "s", 1.0)
    for c in (False, True):
        shown = "one per story" if c else "every headline"
        runs = [paced[g, c] for g in (False, True)]
        count = len(runs[0]["steps"])
        plain, group = (statistics.median(r["steps"]) * 1000 for r in runs)
        compare(f"cursor step median ({count} j), {shown}", plain, group, "ms", 16)
        plain, group = (percentile(r["steps"], 0.95) * 1000 for r in runs)
        compare("  p95", plain, group, "ms", 50)
        plain, group = (r["steps_cpu"] * 1000 for r in runs)
        compare("  CPU per step (this process)", plain, group, "ms", None)
    for size, run in opened_in_group:
        compare(f"open cached story, group of {size}", opened, run["open"] * 1000, "ms", 100)
        beside, on_screen = run["panes"] - 1, run["panes_shown"] - 1
        for name, shown in (
            ("first_related", "  its first related pane in"),
            ("related", f"  all {beside} related panes in ({on_screen} on screen)"),
        ):
            at = run.get(name)
            compare(shown, None, at * 1000 if at is not None else None, "ms", None)
    rss = max(r["rss_mb"] for r in [*paced.values(), *(r for _, r in opened_in_group)])
    runs = ", ".join(f"{f:.2f}" for f in frames[True, False])
    print(f"(peak RSS of these runs {rss:.0f} MB; first-frame runs with groups: {runs} s)")
    if tmp is not None:
        tmp.cleanup()


def compare(
    name: str, plain: float | None, grouped: float | None, unit: str, target: float | None
) -> None:
    """A figure on the store without groups and with them, their ratio, and the target (which
    the store with groups is held to)."""

    def shown(value: float | None) -> str:
        if value is None:
            return "-"
        return f"{value:.2f} s" if unit == "s" else f"{value:.1f} ms"

    ratio = f"{grouped / plain:.2f}x" if plain and grouped is not None else ""
    verdict = ""
    if target is not None and grouped is not None:
        verdict = f"< {target:g} {unit}  {'ok' if grouped < target else 'MISSED'}"
    print(f"{name:<44} {shown(plain):>10} {shown(grouped):>10} {ratio:>7}   {verdict}")


def stories_in_groups(db: Path) -> list[tuple[int, int]]:
    """(article, its group's size) of two stories near the top of All: the newest of a big news
    day's group, and the newest of a group of 6-10 reports."""
    from reader.models import View
    from reader.store import open_store

    store = open_store(db)
    rows = store.headlines(View("all"), limit=2000)
    sizes = store.group_sizes(a.group_id for a in rows if a.group_id is not None)
    store.close()
    found: list[tuple[int, int]] = []
    for low, high in ((50, 10**9), (6, 10)):
        for article in rows:
            size = sizes.get(article.group_id, (1, 1))[0] if article.group_id else 1
            if low <= size <= high:
                found.append((article.id, size))
                break
    return found


def describe_groups(db: Path) -> str:
    """The store's groups in words: how many articles are in groups of two or more, the largest,
    the related links and the copies."""
    with sqlite3.connect(db) as con:
        articles, copies = con.execute(
            "SELECT COUNT(*), COUNT(duplicate_of) FROM articles"
        ).fetchone()
        groups, grouped, largest, large = con.execute(
            "SELECT COUNT(*), SUM(n), MAX(n), SUM(n >= 50) FROM (SELECT COUNT(*) AS n FROM "
            "articles WHERE group_id IS NOT NULL GROUP BY group_id HAVING n > 1)"
        ).fetchone()
        links = con.execute("SELECT COUNT(*) FROM related").fetchone()[0]
    con.close()
    return (
        f"{grouped / articles:.0%} of {articles:,} in {groups:,} groups of 2 or more "
        f"(largest {largest}; {large} of 50 or more), {links:,} related links (both ways), "
        f"{copies:,} copies"
    )


def during_refresh(feeds: int) -> None:
    """Keys while the reader runs a cold refresh of `feeds` feeds from the loopback server."""
    import multiprocessing

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from refresh import _check_hosts, feed_url, serve

    hosts = 50
    _check_hosts(hosts)
    context = multiprocessing.get_context("spawn")
    parent, child_end = context.Pipe()
    server = context.Process(
        target=serve, args=(feeds, 40, hosts, 0.05, 0.05, child_end), daemon=True
    )
    server.start()
    port = parent.recv()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "refresh.db"
            local = 10
            build(db, 2000, local)  # headlines to move through; their feeds' URLs are dead
            urls = [f"http://127.0.0.1:9/feed/{n}.xml" for n in range(local)]
            urls += [feed_url(i, hosts, port) for i in range(feeds)]
            config = Path(tmp) / "config.toml"
            config.write_text(
                "[refresh]\ninterval_minutes = 0\n"
                + "".join(f'[[feeds]]\nurl = "{url}"\n' for url in urls),
                encoding="utf-8",
            )
            run = run_child(db, "refresh", 150, config)
    finally:
        parent.send("stop")
        server.join(10)
        if server.is_alive():
            server.terminate()
    idle, during = run["idle"], run["during"]
    within = sum(1 for s in during if s <= 0.05) / len(during)
    print(
        f"\nkeys during a cold refresh of {feeds:,} feeds x 40 items in the reader "
        f"(refresh and grouping took {run['refresh_wall']:.1f} s; {run['stored']:,} articles stored, "
        f"{run['failed']} feeds failed)"
    )
    row(
        f"cursor step median, idle ({len(idle)} j)",
        f"{statistics.median(idle) * 1000:.1f} ms",
        "",
        True,
    )
    row("cursor step p95, idle", f"{percentile(idle, 0.95) * 1000:.1f} ms", "", True)
    median = statistics.median(during) * 1000
    p95 = percentile(during, 0.95) * 1000
    worst = max(during) * 1000
    row(
        f"cursor step median, refreshing ({len(during)} j)",
        f"{median:.1f} ms",
        "< 50 ms",
        median < 50,
    )
    row("cursor step p95, refreshing", f"{p95:.1f} ms", "< 50 ms", p95 < 50)
    row("cursor step worst, refreshing", f"{worst:.1f} ms", "", True)
    row("presses answered within 50 ms", f"{within:.1%}", "", True)
    for phase, name in (("fetch", "fetching and storing"), ("group", "grouping after it")):
        part = [s for s, p in zip(during, run["phases"], strict=True) if p == phase]
        if part:
            print(
                f"  while {name}: {len(part)} presses, median "
                f"{statistics.median(part) * 1000:.1f} ms, p95 {percentile(part, 0.95) * 1000:.1f} ms"
                f", worst {max(part) * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main()
