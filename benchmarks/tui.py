"""Reader speed and memory: first frame, cursor steps, cached story open, keys during a refresh.

    python benchmarks/tui.py [--db PATH] [--articles 100000] [--feeds 500] [--presses 1000]
                             [--refresh-feeds 1000] [--only refresh]

Builds (or reuses) a store of synthetic articles, then runs the real app headless in child
processes (so start-up includes Python and Textual imports) and prints the figures against targets:
first frame < 1.0 s, cursor step median < 16 ms and p95 < 50 ms, cached story open < 100 ms,
peak RSS < 300 MB.

Keys during a refresh: the loopback feed server of benchmarks/refresh.py serves --refresh-feeds
synthetic feeds (40 items, ~60 KB, 50+-50 ms latency, 50 loopback hosts); the reader starts on a
store of 2,000 headlines with those feeds configured, the user presses R (refresh all, a cold
refresh: every feed is new) and holds j down (30 presses a second) until the refresh and the
grouping after it are over. Each press is timed from the key to the first frame showing the cursor
on the next row (target: within 50 ms), next to the same presses with no refresh running.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
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
    for index, feed in enumerate(store.feeds()):
        entries = []
        for n in range(per_feed):
            words = " ".join(WORDS[(index * 7 + n * k) % len(WORDS)] for k in range(1, 9))
            entries.append(
                ParsedEntry(
                    guid=f"{feed.id}-{n}",
                    url=f"http://127.0.0.1:9/{feed.id}/{n}.html",
                    title=f"{words.capitalize()} ({feed.id}/{n})",
                    author="Reporter",
                    published=now - timedelta(minutes=n * feeds + index),
                    summary_text=f"{words}. " * 6,
                )
            )
        store.upsert_entries(feed.id, entries, now=now)
    store.close()


def child(db: Path, mode: str, spawned: float, presses: int, config_path: Path | None) -> None:
    """Runs in a fresh process: start the app headless and measure one thing."""
    from reader.store import DamageCheck

    # as `newsreader` starts: every page is checked while the reader's modules load
    check = DamageCheck(db)
    import asyncio
    import resource

    from textual import events

    from reader.config import Config, SummaryConfig, load_config
    from reader.models import Page, Story, View
    from reader.reading import keep_summary, resolve_algorithm, save_place
    from reader.store import open_store
    from reader.tui.app import NewsReaderApp

    config = Config(summary=SummaryConfig(sentences=3))
    if config_path is not None:
        config = load_config(config_path, db)
    store = open_store(db, check)
    if config_path is not None:
        store.sync_config_feeds(config.feeds)  # as `newsreader` does before the reader starts
    figures: dict[str, float | list[float]] = {}

    if mode == "open":  # make the top story's extraction and summary cached
        from reader.summarize import summarize_story

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
    display = app._display

    def timed_display(screen, update) -> None:  # type: ignore[no-untyped-def]
        display(screen, update)
        condition = probe["condition"]
        if update is not None and probe["at"] is None and callable(condition) and condition():
            probe["at"] = time.perf_counter()

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
        if mode == "steps":
            # Two runs of presses, each timed from the key to the first frame showing the cursor on
            # the next row: at a keyboard's auto-repeat rate (30 presses a second, holding j down),
            # and back to back (the next press as soon as the frame is out: Textual paces frames
            # at 60 per second, so this one can never go below ~16.7 ms).
            for name, gap in (("steps", 1 / 30), ("steps_burst", 0.0)):
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

            expect(ready)
            start = time.perf_counter()
            key("enter", "\r")
            figures["open"] = await frame() - start
        figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        app.exit()

    app.run(headless=True, size=(200, 60), auto_pilot=pilot_run)
    store.close()
    print(json.dumps(figures))


def run_child(db: Path, mode: str, presses: int, config: Path | None = None) -> dict:
    spawned = time.time()
    extra = ["--config", str(config)] if config is not None else []
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
    parser.add_argument("--runs", type=int, default=3, help="first-frame runs (median reported)")
    parser.add_argument("--refresh-feeds", type=int, default=1000, help="0: no refresh run")
    parser.add_argument("--only", choices=("reading", "refresh"), default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--config", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        child(args.db, args.child, args.spawned, args.presses, args.config)
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

    frames = [run_child(db, "frame", 0)["first_frame"] for _ in range(args.runs)]
    steps_run = run_child(db, "steps", args.presses)
    open_run = run_child(db, "open", 0)
    steps = steps_run["steps"]
    median = statistics.median(steps) * 1000
    p95 = percentile(steps, 0.95) * 1000
    burst = steps_run["steps_burst"]
    burst_median = statistics.median(burst) * 1000
    burst_p95 = percentile(burst, 0.95) * 1000
    first = statistics.median(frames)
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
        f"(first-frame runs: {', '.join(f'{f:.2f}' for f in frames)} s; "
        f"cursor ended on row {steps_run['row']})"
    )
    if tmp is not None:
        tmp.cleanup()


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
