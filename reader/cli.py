"""The `newsreader` command: the reader itself, and headless subcommands.

Every subcommand accepts ``--config PATH`` and ``--db PATH``. User errors exit 2 (config) or 1
(everything else) with one plain sentence on stderr; tracebacks go to a log file, never the screen.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import functools
import json
import os
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__, crashlog
from reader.config import (
    Config,
    ConfigError,
    feed_address,
    load_config,
    resolve_config_path,
)
from reader.dates import first_seen_if_undated, seen_text
from reader.models import Article, Enclosure, Feed, Story, View
from reader.store import (
    DamageCheck,
    Store,
    StoreBusy,
    StoreError,
    StoreMissing,
    open_store,
    open_store_waiting,
)
from reader.textutil import clean_block, clean_line, counted, safe_link, story_name

if TYPE_CHECKING:
    from reader.opml import OpmlFeed

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report to the user in one sentence (exit 1)."""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="config file (default: $NEWSREADER_CONFIG or the platform config dir)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (overrides the config)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A keyboard-first terminal news reader. Without a command, starts the reader.",
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        _common(p)
        return p

    add("read", "start the reader (the default)")
    p = add("refresh", "fetch the feeds that are due, without the reader (--force: all)")
    p.add_argument("--force", action="store_true", help="ignore back-off and cache lifetimes")
    p = add("add", "subscribe to a feed or a site (its feed is discovered)")
    p.add_argument(
        "url",
        metavar="URL_OR_PATH",
        help="a feed or a site's address (example.com/feed: https:// is assumed), or a local "
        "feed file",
    )
    p.add_argument(
        "--title", default="", help="the name shown in the feeds tree (default: the feed's own)"
    )
    p.add_argument(
        "--category",
        default="",
        help="the category the feed is listed under in the tree (default: none)",
    )
    p = add("feeds", "list the subscriptions, with their state")
    p.add_argument("--json", action="store_true", help="print the list as JSON, for scripts")
    p = add("remove", "unsubscribe from a feed (its favourites are kept)")
    p.add_argument(
        "feed", metavar="URL_OR_TITLE", help="the feed's address or its title, as `feeds` lists it"
    )
    p = add("import-opml", "import subscriptions from an OPML file")
    p.add_argument("file", metavar="FILE", help="an OPML file; its outlines' categories are kept")
    p = add("import-urls", "import subscriptions from a newsboat urls file")
    p.add_argument(
        "file",
        metavar="FILE",
        nargs="?",
        help="a newsboat urls file (default: newsboat's own, ~/.config/newsboat/urls or "
        '~/.newsboat/urls); the first tag becomes the category, a "~Name" tag the title',
    )
    p = add("export-opml", "write subscriptions as OPML (to stdout without FILE)")
    p.add_argument(
        "file", metavar="FILE", nargs="?", help="the file to write (replaced if it exists)"
    )
    p = add("favourites", "list saved stories")
    p.add_argument(
        "--format",
        choices=("md", "json"),
        default="md",
        help="md: Markdown to read or paste (the default); json: for scripts, with full timestamps",
    )
    p = add("import-favourites", "restore saved stories from `favourites --format json`")
    p.add_argument(
        "file",
        metavar="FILE",
        help="a file written by `newsreader favourites --format json` (on this or another "
        "machine); stories saved already are left as they are",
    )
    p = add(
        "example-config",
        "print a config file with every key, its built-in value and what it does (or write it "
        "to FILE)",
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="where to write it, e.g. ~/.config/newsreader/config.toml (an existing file is left "
        "alone)",
    )
    p = add("stats", "database statistics")
    p.add_argument("--json", action="store_true", help="print the figures as JSON, for scripts")
    p = add(
        "related",
        "print the other reports of a story's event, in other feeds or its own, and the feeds "
        "carrying copies of it",
    )
    p.add_argument(
        "story",
        metavar="ID_OR_URL_OR_WORDS",
        help="the story's id (as --json gives it), its link, or words of its headline (the "
        f"newest {RELATED_MATCHES} stories they find)",
    )
    p.add_argument(
        "--json", action="store_true", help="print the stories and their reports as JSON"
    )
    p.add_argument(
        "--by-time",
        action="store_true",
        help="list the reports oldest first, to follow the story as it developed (default: "
        "the most alike first)",
    )
    p = add("open", "open a saved page or a URL in the reader")
    p.add_argument(
        "target", metavar="PATH_OR_URL", help="a saved page, a text file or an http(s) URL"
    )
    p = add("extract", "print the stories found on a page")
    p.add_argument(
        "target", metavar="PATH_OR_URL", help="a saved page, a text file or an http(s) URL"
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the main and related stories and any note as JSON",
    )
    p = add("summarize", "summarise a page or text file")
    p.add_argument("target", metavar="PATH_OR_URL", help="a saved page, a text file or a URL")
    p.add_argument(
        "--sentences",
        type=_positive,
        default=None,
        metavar="N",
        help="sentences in the summary (default: summary.sentences in the config, 3 unless set)",
    )
    p.add_argument(
        "--algorithm",
        type=_summary_method,
        choices=_SummaryMethods(),
        default=None,
        metavar="METHOD",
        help="summary method, one of: %(choices)s (default: summary.algorithm in the config, "
        "else newsrank)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the title, method, sentences and any note as JSON",
    )
    return parser


class _SummaryMethods:
    """The summary methods argparse accepts: reader.summarize's ALGORITHMS, imported only when
    argparse checks a value or prints help (it brings numpy: 0.1 s more for every command)."""

    def _names(self) -> tuple[str, ...]:
        from reader.summarize import ALGORITHMS

        return ALGORITHMS

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __contains__(self, value: object) -> bool:
        return value in self._names()

    def __len__(self) -> int:
        return len(self._names())


def _summary_method(value: str) -> str:
    """A method name as written (any case, "lex-rank", "kl-sum", "default") -> its real name;
    an unknown one comes back as given, for argparse's choices to refuse."""
    from reader.summarize.core import normalize_algorithm

    name, note = normalize_algorithm(value)
    return value if note else name


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


INTERACTIVE = ("read", "open")  # commands that start the reader
RELATED_MATCHES = 5  # stories `related WORDS` shows at most
FAILED = ("error", "dead")  # refresh results of feeds that could not be read
QUIET_LIST = 20  # a refresh of more feeds lists only those with news or problems
PIPE_WIDTH = 1000  # columns of a table printed into a pipe or a file
_READ_ONLY: list[Store] = []  # stores opened read-only by a command, closed when it ends (main)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    crashlog.log_to_file()  # the core's tracebacks go to the log, never under the user's prompt
    command = args.command or "read"
    if command == "example-config":  # needs no config (and is the way to make a good one)
        return _reported(lambda: cmd_example_config(args))
    try:
        # the reader starts whatever the file says (and says what it could not use); a script's
        # command stops instead of running with settings it was not given
        config = load_config(
            getattr(args, "config", None),
            getattr(args, "db", None),
            lenient=command in INTERACTIVE,
        )
    except ConfigError as exc:
        print(f"newsreader: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return _reported(lambda: COMMANDS[command](args, config))


def _reported(command: Callable[[], int]) -> int:
    """Run a command; what stops it is said in one sentence on stderr, with its exit status
    (an unexpected error's traceback goes to the log, never the screen)."""
    try:
        return command()
    except ConfigError as exc:
        print(f"newsreader: config error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (CommandError, StoreError) as exc:
        print(f"newsreader: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("newsreader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            return _unexpected(exc)
        print("newsreader: the output could not be written: the disk is full.", file=sys.stderr)
        return EXIT_FAIL
    except Exception as exc:  # the last line of defence: a sentence, and the traceback in a log
        return _unexpected(exc)
    finally:
        _close_read_only()


def _close_read_only() -> None:
    """Close the read-only stores the command opened: closing one is what removes the "-wal"
    and "-shm" files its reading made beside a database that had none (Store.tidy_sides).
    (A store that may write removes them itself when its last connection goes.)"""
    while _READ_ONLY:
        _READ_ONLY.pop().close()


def _unexpected(exc: BaseException) -> int:
    log = crashlog.write(exc)
    details = f" Details were written to {log}." if log is not None else ""
    print(
        f"newsreader: unexpected error ({type(exc).__name__}: {clean_line(str(exc), 200)})."
        + details,
        file=sys.stderr,
    )
    return EXIT_FAIL


def _store(
    config: Config,
    notes: list[str] | None = None,
    *,
    saving: str = "",
    check: DamageCheck | None = None,
    sync: bool = False,
) -> Store:
    """The store, with the config's feeds in it. Given ``notes`` (the reader), a database
    another newsreader is writing to still opens, and why its feeds were not synced is noted.
    A command that only reads (no ``saving``, no ``notes``) writes nothing: it leaves the feeds as
    they are, unless ``sync`` asks for the config's (then tried, and skipped when busy).

    A database that cannot be written (read-only file or folder) opens read-only: commands that
    only read it work, the reader shows it with a warning, and a command that must save
    something (``saving`` says what) stops with a sentence saying why. Given a ``check`` of every
    page, a damaged database is repaired now."""
    _check_db_path(config)
    # a command that only reads (`feeds` too) makes no database; the reader and commands that
    # save make it
    create = bool(saving) or notes is not None

    def say(text: str) -> None:
        print(f"newsreader: {text}", file=sys.stderr, flush=True)

    _config_warnings(config, notes)
    if notes is None:  # (a command that only reads leaves an older database as it is)
        store = open_store(config.db_path, check, create=create, say=say, upgrade=create)
    else:  # the reader waits for a program holding the database locked, and says so
        store = open_store_waiting(config.db_path, check, create=create, say=say)
    if store.read_only:
        if saving:
            store.close()
            if store.newer_schema is not None:
                raise CommandError(
                    f"The database {store.path} was made by a newer newsreader, which this one "
                    f"can read but not change, so {saving} cannot be saved; nothing was changed. "
                    "Upgrade newsreader, or choose another database with --db."
                )
            if store.disk_full:
                raise CommandError(
                    f"The disk holding the database {store.path} is full, so {saving} cannot be "
                    "saved; nothing was changed. Free some space and try again."
                )
            raise CommandError(
                f"The database {store.path} is read-only, so {saving} cannot be saved; nothing "
                "was changed. Make the file and its folder writable, or choose another with --db."
            )
    elif notes is not None:
        pass  # the reader saves the config's feeds itself, once its screen is up (cmd_read)
    elif _syncs(config, store, bool(saving) or sync):
        try:
            store.sync_config_feeds(config.feeds)
        except StoreBusy:
            if saving:
                raise
            # (a command that only reads lists the feeds as they are)
    if store.read_only and notes is None:  # (a command's, not the reader's)
        _READ_ONLY.append(store)
    for said in (store.upgrade_note, store.recovery_note):
        if said:
            print(f"newsreader: {said}", file=sys.stderr)
    return store


_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _check_db_path(config: Config) -> None:
    """Refuse (CommandError) a database path where something other than a file is, before
    anything opens it: SQLite would wait forever on a named pipe for a writer that never
    comes, and fail on a device with "disk I/O error". Nothing there yet is fine (a command
    that saves makes the database)."""
    path = config.db_path
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):  # nothing there, or the store says what is wrong with the path
        return
    if not stat.S_ISREG(mode):
        kind = next((what for test, what in _NOT_FILES if test(mode)), "a special file")
        raise CommandError(
            f"The database path {clean_line(str(path), 200)} is {kind}, not a file; nothing was "
            "opened. Give a database file with --db (or storage.path in the config)."
        )


def _config_warnings(config: Config, notes: list[str] | None = None) -> None:
    """What the config file has that was read but deserves a word (a feed listed twice), on
    stderr; the reader (given ``notes``) says ``config.warnings`` itself, in one toast."""
    if notes is not None:
        return
    for warning in config.warnings:
        print(f"newsreader: config warning: {warning}", file=sys.stderr)


def _syncs(config: Config, store: Store, wanted: bool) -> bool:
    """Whether the config's feed list is applied to the database: not when a command only reads,
    not from a config whose feed list was not read whole (``Config.feeds_sure``), and the built-in
    starter list (no config file) only into a database that has no feeds yet: it is for a first
    start, not for a database kept with another config (``--db``)."""
    if not wanted or not config.feeds_sure:
        return False
    return config.source is not None or not store.feeds(include_inactive=True)


# ---------------------------------------------------------------------------- commands


def cmd_read(args: argparse.Namespace, config: Config, target: str | None = None) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):  # (a crontab line, a pipe: it would hang)
        raise CommandError(
            "The reader needs a terminal, and its input or output is not one. In scripts and "
            "cron, use the commands that need none: `newsreader refresh`, `feeds`, `favourites`, "
            "`extract`, `summarize` (`newsreader --help` lists them all)."
        )
    notes: list[str] = []
    store = _reader_store(config, notes)
    if store.read_only:  # nothing fetched could be saved: no refresh every half hour to fail
        config = dataclasses.replace(
            config, refresh=dataclasses.replace(config.refresh, interval_minutes=0)
        )
    from reader.tui.app import run

    # the config's feeds are saved by the reader in a worker, once its screen is up: a
    # database another program holds locked does not keep the terminal blank meanwhile
    syncs = not store.read_only and _syncs(config, store, True)
    run(config, store, open_target=target, notes=notes, sync_feeds=syncs)
    return EXIT_OK


def _reader_store(config: Config, notes: list[str]) -> Store:
    """The reader's store: every page of the database is checked while the reader's modules load
    (in parallel, so it costs little), and damage is repaired before the reader shows anything."""
    _check_db_path(config)  # (before the check reads it)
    check = DamageCheck(config.db_path)
    import reader.tui.app  # noqa: F401  (loads while the check reads)

    return _store(config, notes, check=check)


def cmd_open(args: argparse.Namespace, config: Config) -> int:
    _check_target(args.target)
    return cmd_read(args, config, target=args.target)


def cmd_refresh(args: argparse.Namespace, config: Config) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table
    from rich.text import Text

    from reader.models import FeedResult, RefreshEvent
    from reader.refresh import not_fetched, refresh_and_group

    store = _store(config, saving="what the refresh fetches")
    # the feeds this refresh leaves out, said so that "0 failed" or "no feeds due" do not mislead
    feeds = store.feeds()
    left_out = not_fetched(feeds, time.time(), args.force)
    configured = {f.id for f in feeds if f.origin == "config"}
    skipped = left_out.backing_off
    console = _console()
    progress = Progress(
        TextColumn("Refreshing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("refresh", total=None)

    def on_event(event: RefreshEvent) -> None:
        if event.kind == "started":
            progress.update(task, total=event.total)
        elif event.kind == "feed-finished":
            progress.update(task, completed=event.done)

    def report(results: list[FeedResult] | None) -> None:  # before related stories, pruning
        progress.stop()
        if results is None:
            return  # the refresh raised
        if not feeds:
            console.print("There are no feeds to refresh: `newsreader add URL` subscribes to one.")
            return
        if not results and not skipped and not left_out.gone:
            console.print("No feeds were due for a refresh (use --force to fetch them anyway).")
            return
        table = Table(show_lines=False, header_style="bold")
        table.add_column("Feed", overflow="fold")
        table.add_column("New", justify="right")
        table.add_column("Status", overflow="fold")
        # many feeds: the quiet ones (nothing new, nothing wrong) are counted, not listed
        quiet = [r for r in results if not (r.new or r.error or r.moved_to or r.status in FAILED)]
        listed = results if len(results) <= QUIET_LIST else [r for r in results if r not in quiet]
        for r in sorted(listed, key=lambda r: (r.status not in FAILED, r.title.lower())):
            status = r.error or {"not-modified": "not modified", "ok": "ok"}.get(r.status, r.status)
            if r.moved_to:
                status += f" (moved to {r.moved_to}"
                status += "; change its url in the config)" if r.feed_id in configured else ")"
            table.add_row(
                Text(clean_line(r.title or r.url, 80)), str(r.new), Text(clean_line(status, 200))
            )
        now = time.time()
        for f in skipped:
            status = (
                f"skipped: backing off after {counted(f.failures, 'failure')}, "
                f"next try {_from_now(f.next_fetch, now)} ({f.last_error or 'no error recorded'})"
            )
            table.add_row(Text(clean_line(f.display_title, 80)), "-", Text(clean_line(status, 300)))
        for f in left_out.gone:
            status = f"not fetched: {f.last_error or 'the feed is gone for good (HTTP 410)'}"
            table.add_row(Text(clean_line(f.display_title, 80)), "-", Text(clean_line(status, 300)))
        if table.row_count:
            console.print(table)
        if len(listed) < len(results):
            console.print(f"{counted(len(results) - len(listed), 'other feed')}: nothing new.")
        failed = sum(r.status in FAILED for r in results)
        total_new = sum(r.new for r in results)
        # the feeds that brought the new articles, not all those fetched without an error
        bringing = sum(r.new > 0 for r in results)
        fetched = f"{counted(len(results), 'feed')} fetched, {failed} failed"
        summary = (
            "No feeds were due for a refresh"
            if not results
            else f"{counted(total_new, 'new article')} from {counted(bringing, 'feed')} ({fetched})"
            if total_new
            else f"No new articles ({fetched})"
        )
        if skipped:
            count = len(skipped)
            summary += (
                f"; {counted(count, 'feed')} skipped, backing off after errors "
                f"(next try {_from_now(skipped[0].next_fetch, now)}; --force tries them now)"
            )
        if left_out.resting:
            summary += (
                f"; {counted(len(left_out.resting), 'feed')} not due yet: the feed asks to be "
                f"fetched less often (next {_from_now(left_out.resting[0].next_fetch, now)}; "
                "--force fetches them now)"
            )
        if left_out.gone:
            in_config = sum(f.origin == "config" for f in left_out.gone)
            how = (
                "delete their [[feeds]] entries from the config file to drop them"
                if in_config == len(left_out.gone)
                else "`newsreader remove` unsubscribes; the config file's feeds are removed there"
                if in_config
                else "`newsreader remove` unsubscribes"
            )
            summary += (
                f"; {counted(len(left_out.gone), 'feed')} gone for good, no longer fetched ({how})"
            )
        console.print(summary + ".", markup=False)  # (words, not markup: "[[feeds]]")

    progress.start()
    results = refresh_and_group(store, config, force=args.force, on_event=on_event, report=report)
    if not results:
        return EXIT_OK
    failed = sum(r.status in FAILED for r in results)
    if failed and not sys.stdout.isatty():  # (cron mails stderr; the table may go to a log)
        print(
            f"newsreader: {failed} of the {counted(len(results), 'feed')} fetched failed; the "
            "refresh's table says why, `newsreader feeds` lists them.",
            file=sys.stderr,
        )
    return EXIT_FAIL if failed == len(results) else EXIT_OK


def _console() -> Any:
    """A rich console for tables on stdout; into a pipe or a file, rows are not wrapped at 80
    columns (one line per feed, for grep)."""
    from rich.console import Console

    return Console(highlight=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)


def _from_now(when: datetime | None, now: float) -> str:
    """'in 4 min', 'in 3 h', 'in 2 days': when a skipped feed is tried again ('now' when due)."""
    seconds = when.timestamp() - now if when is not None else 0.0
    return "now" if seconds < 30 else f"in {_span(seconds)}"


def _ago(when: datetime, now: float) -> str:
    """'just now', '4 min ago', '3 h ago': when a feed was last fetched."""
    seconds = now - when.timestamp()
    return "just now" if seconds < 30 else f"{_span(seconds)} ago"


def _span(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 90:
        return "a minute"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    if seconds < 36 * 3600:
        return f"{round(seconds / 3600)} h"
    return f"{round(seconds / 86400)} days"


def cmd_add(args: argparse.Namespace, config: Config) -> int:
    import asyncio

    from reader.refresh import add_subscription, after_refresh

    url, problem = feed_address(args.url)
    if problem:
        raise CommandError(f"The address {clean_line(problem, 300)}: {clean_line(args.url, 200)!r}")
    store = _store(config, saving="a new subscription")
    started = time.time()
    feed, message = asyncio.run(add_subscription(store, config, url, args.title, args.category))
    print(clean_line(message), flush=True)
    if feed is not None:  # its headlines are grouped with the same events elsewhere, as a
        after_refresh(store, config, started)  # refresh's are (after the result is shown)
    return EXIT_OK if feed is not None else EXIT_FAIL


def _retry_time(feed: Feed) -> str | None:
    """When the server of a feed answering 429 or 503 allowed the next request (its
    Retry-After, counted from the last fetch), as an ISO 8601 time in UTC; None when it asked
    for no wait. A time, not the seconds it said: a script reading it later need not know when
    they were counted from."""
    if feed.retry_after is None or feed.last_fetched is None:
        return None
    return (feed.last_fetched + timedelta(seconds=feed.retry_after)).isoformat()


def _feed_status(feed: Feed) -> str:
    """A subscription's state as one word: "gone", "failing", "new" (not fetched yet), "ok"."""
    if feed.dead:
        return "gone"
    if feed.failing:
        return "failing"
    return "new" if feed.last_fetched is None else "ok"


def _feed_state(feed: Feed, now: float) -> str:
    """A subscription's state in words (``newsreader feeds``)."""
    error = clean_line(feed.last_error or "", 200)
    if feed.dead:
        return f"gone, not fetched any more: {error}"
    if feed.failing:
        return f"failing ({counted(feed.failures, 'time')}), next try {_from_now(feed.next_fetch, now)}: {error}"
    if feed.last_fetched is None:
        return "not fetched yet"
    fetched = f"fetched {_ago(feed.last_fetched, now)}"
    return f"{fetched}; warning: {error}" if error else fetched


def cmd_feeds(args: argparse.Namespace, config: Config) -> int:
    from rich.table import Table
    from rich.text import Text

    try:
        store = _store(config, sync=True)  # (the config's feeds as it lists them now)
    except StoreMissing:  # a first start to come: the feeds it will bring, made nothing
        store = None
    feeds = store.feeds() if store is not None else _feeds_to_come(config)
    now = time.time()
    # a next try further off than the longest wait is one a clock set back since may have made:
    # cut back as the refresh does (reader.schedule, which does not load the fetching code)
    from reader.schedule import as_of

    feeds = [as_of(f, now) for f in feeds]
    if args.json:
        rows = [
            {
                "title": f.display_title,
                "url": f.url,
                "category": f.category,
                "from": "config" if f.origin == "config" else "added",
                "unread": f.unread,
                "articles": f.total,
                "last_fetched": f.last_fetched.isoformat() if f.last_fetched else None,
                "state": _feed_state(f, now),
                # for scripts: the same without words that change every minute
                "status": _feed_status(f),
                "failures": f.failures,
                "last_error": clean_line(f.last_error or "", 300) or None,
                "next_try": f.next_fetch.isoformat() if f.failing and f.next_fetch else None,
                # what the server answered to the last fetch (null: no answer came, or not known:
                # not fetched yet, or fetched by a newsreader before schema 9)
                "http_status": f.last_status or None,
                "retry_after": _retry_time(f),
            }
            for f in feeds
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not feeds:
        print("No subscriptions. `newsreader add URL` subscribes to a feed.")
        if store is None:
            print(_no_database_yet(config, 0))
        return EXIT_OK
    table = Table(header_style="bold")
    for column, justify in (("Feed", "left"), ("Category", "left"), ("Unread", "right")):
        table.add_column(column, justify=justify, overflow="fold")  # type: ignore[arg-type]
    table.add_column("State", overflow="fold")
    table.add_column("Address", overflow="fold")
    for f in feeds:
        table.add_row(
            Text(clean_line(f.display_title, 80)),
            Text(clean_line(f.category, 40)),
            f"{f.unread}/{f.total}",
            Text(_feed_state(f, now)),
            Text(clean_line(f.url, 300)),
        )
    _console().print(table)
    added = sum(f.origin != "config" for f in feeds)
    where = f"in {config.source}" if config.source else "built in: there is no config file"
    if store is None:
        shown = f"{counted(len(feeds), 'feed')} from the config ({where}), not fetched yet."
        print(f"{shown} {_no_database_yet(config, len(feeds))}")
        return EXIT_OK
    print(
        f"{counted(len(feeds), 'feed')}: {len(feeds) - added} from the config ({where}), "
        f"{added} added with `add` or an import."
    )
    return EXIT_OK


def _feeds_to_come(config: Config) -> list[Feed]:
    """The subscriptions a first start makes: the config's feeds (the built-in starter feeds
    when there is no config file), none fetched yet, as ``Store.feeds`` would list them."""
    feeds = [
        Feed(id=0, url=f.url, title=clean_line(f.title), category=clean_line(f.category))
        for f in config.feeds
    ]
    return sorted(feeds, key=lambda f: (f.category, f.title, f.url))  # (the store's order)


def _no_database_yet(config: Config, count: int) -> str:
    """What ``newsreader feeds`` says of ``count`` feeds listed before there is a database."""
    where = f"There is no database at {config.db_path} yet (nothing was created)"
    if not count:
        return f"{where}."
    them = "it" if count == 1 else "them"
    return f"{where}: `newsreader refresh` (or R in the reader) fetches {them}."


def cmd_remove(args: argparse.Namespace, config: Config) -> int:
    from reader.refresh import remove_subscription

    store = _store(config, saving="the unsubscription")
    feed = _find_feed(store.feeds(), args.feed)
    removed, said = remove_subscription(store, config, feed)  # (the reader's D does the same)
    if not removed:
        raise CommandError(said)
    url = clean_line(feed.url, 300)
    print(f"{said} `newsreader add {url}` subscribes again.")
    return EXIT_OK


def _find_feed(feeds: Sequence[Feed], wanted: str) -> Feed:
    """The subscription named by its address (as `add` takes it) or its title, any case."""
    url, problem = feed_address(wanted)
    by_url = [f for f in feeds if (not problem and f.url == url) or f.url == wanted.strip()]
    key = wanted.strip().casefold()
    matches = by_url or [f for f in feeds if clean_line(f.display_title).casefold() == key]
    if len(matches) == 1:
        return matches[0]
    shown = clean_line(wanted, 200)
    if not matches:
        raise CommandError(f"No subscription is {shown!r}. `newsreader feeds` lists them.")
    raise CommandError(
        f"{len(matches)} subscriptions are called {shown!r}; name one by its address: "
        + ", ".join(clean_line(f.url, 200) for f in matches)
    )


def cmd_import_opml(args: argparse.Namespace, config: Config) -> int:
    from reader.opml import parse_opml

    return _import_subscriptions(
        config, Path(args.file).expanduser(), parse_opml, "OPML", "outline"
    )


def cmd_import_urls(args: argparse.Namespace, config: Config) -> int:
    from reader.opml import parse_urls

    if args.file:
        path = Path(args.file).expanduser()
    else:  # where newsboat keeps it
        found = [p for p in _newsboat_urls_files() if p.is_file()]
        if not found:
            places = " or ".join(str(p) for p in _newsboat_urls_files())
            raise CommandError(f"Nothing imported: there is no {places}; name the file to import.")
        path = found[0]
    notes: list[str] = []
    done = _import_subscriptions(
        config, path, functools.partial(parse_urls, notes=notes), "newsboat urls", "line"
    )
    for note in notes:
        print(note)
    return done


def _newsboat_urls_files() -> list[Path]:
    """Where newsboat looks for its urls file: the XDG config folder, then ~/.newsboat."""
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path(xdg) / "newsboat" / "urls", Path.home() / ".newsboat" / "urls"]


def _import_subscriptions(
    config: Config,
    path: Path,
    parse: Callable[[bytes, list[tuple[str, str]]], Sequence[OpmlFeed]],
    kind: str,
    item: str,
) -> int:
    """Subscribe to the feeds a list gives (OPML or newsboat's urls), and say what was left out."""
    from reader.fetch import read_local
    from reader.opml import MAX_OPML_BYTES, OpmlError, is_binary

    read = read_local(str(path), MAX_OPML_BYTES)  # refuses a device or a FIFO, caps the size
    if read.error:
        raise CommandError(f"Nothing imported: {clean_line(read.error, 300)}")
    skipped: list[tuple[str, str]] = []
    try:
        feeds = parse(read.body, skipped)
    except OpmlError as exc:
        hint = ""
        if (
            kind == "OPML"
            and read.body.lstrip()[:1] not in (b"<", b"")
            and not is_binary(read.body)
        ):
            hint = " (a newsboat urls file, one address a line? `newsreader import-urls` reads it)"
        raise CommandError(
            f"Nothing imported: {path} is not a usable {kind} file: {exc}{hint}."
        ) from None
    if not feeds:  # (a README given by mistake: a script must see that nothing came of it)
        first = f", the first: {clean_line(skipped[0][0], 120)}: {skipped[0][1]}" if skipped else ""
        left = f" ({counted(len(skipped), item)} left out{first})" if skipped else ""
        raise CommandError(f"Nothing imported: {path} lists no feed address{left}.")
    store = _store(config, saving="the imported feeds")
    added = named = 0
    spelt: list[str] = []  # already subscribed to, at the same address written another way
    for f in feeds:
        feed, created = store.add_feed(f.url, f.title, f.category)  # one per address (url_key)
        added += created
        # one already there without a title or category (the config lists it by its address
        # alone) takes the list's; one it has (the user's, the feed's own) stays
        if not created and store.fill_feed_names(feed.id, f.title, f.category):
            named += 1
        if not created and feed.url != f.url:
            spelt.append(
                f"  {clean_line(f.url, 300)}: already subscribed as "
                f"{clean_line(feed.display_title, 80)} ({clean_line(feed.url, 300)})"
            )
    fetch = " `newsreader refresh` (or R in the reader) fetches them now." if added else ""
    print(f"Imported {counted(added, 'new feed')} ({len(feeds) - added} already present).{fetch}")
    if named:
        print(
            f"Named {counted(named, 'feed')} already present from the {kind} file "
            "(their title or category was missing)."
        )
    if spelt:
        print("Not added again (the same address written another way):")
        print("\n".join(_first_few(spelt)))
    if skipped:
        print(f"Left out {counted(len(skipped), item)}:")
        print("\n".join(_first_few([f"  {given}: {why}" for given, why in skipped])))
    if config.source is None and config.feeds and added:
        print(
            f"The {counted(len(config.feeds), 'built-in starter feed')} are listed too while there "
            f"is no config file; to read only your own, create {resolve_config_path()} (it may be "
            "empty)."
        )
    return EXIT_OK


IMPORT_LISTED = 10  # lines an import lists of what it left out (a list of thousands says little)


def _first_few(lines: list[str]) -> list[str]:
    """The first IMPORT_LISTED lines, and how many more there are."""
    if len(lines) <= IMPORT_LISTED:
        return lines
    return [*lines[:IMPORT_LISTED], f"  and {len(lines) - IMPORT_LISTED:,} more."]


def cmd_export_opml(args: argparse.Namespace, config: Config) -> int:
    from reader.opml import OpmlFeed, build_opml

    try:
        feeds = _store(config).feeds()
    except StoreMissing:  # a first start to come: the feeds it will bring, made nothing
        feeds = _feeds_to_come(config)
        print(
            f"newsreader: {counted(len(feeds), 'feed')} from the config"
            + ("" if config.source else " (built in: there is no config file)")
            + f", not fetched yet: there is no database at {config.db_path} yet.",
            file=sys.stderr,
        )
    data = build_opml([OpmlFeed(f.url, f.title, f.category, f.site_url) for f in feeds])
    if args.file:
        path = Path(args.file).expanduser()
        try:  # all or nothing: a full disk does not leave the last backup cut short
            _write_whole(path, data)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror or exc}") from None
        print(f"Wrote {path}")
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _write_whole(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` all or nothing: into a hidden ".NAME.part" file beside it,
    then given its name, so a full disk or an interruption never leaves a file cut short (a
    half backup, an empty config that a later run takes for the user's). Without ``replace``,
    a file already there is left alone (FileExistsError). Raises OSError."""
    if not replace and os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    part = path.with_name(f".{path.name}.part")
    try:
        with part.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # (the data is on the disk before its name is)
        if replace:
            os.replace(part, path)
        else:
            _link_new(part, path)
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)


def _link_new(part: Path, path: Path) -> None:
    """Give ``part``'s file the name ``path`` only if nothing has it (FileExistsError): a
    hard link, which never replaces; where the file system has none (FAT), a rename after a
    look."""
    try:
        os.link(part, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
        os.replace(part, path)


def cmd_favourites(args: argparse.Namespace, config: Config) -> int:
    from reader.reading import cached_page, enclosure_label, favourite_summary

    store = _store(config)
    items: list[dict[str, Any]] = []
    favourites = store.favourites()
    attached: list[tuple[Enclosure, ...]] = []
    for a in favourites:
        full = store.article(a.id)  # (the lists' reads leave its enclosures out)
        summary = favourite_summary(store, full or a)
        attached.append(full.enclosures if full is not None else ())
        # the byline the reader's pane shows: its page's where the page was read (the feed
        # often names no author), so that `import-favourites` does not lose it
        shown = cached_page(store, a.id, article=full or a)
        author = clean_line(shown[0].main.author) if shown is not None else ""
        items.append(
            {
                "title": a.title,
                "source": a.feed_title or None,
                "url": a.url or None,
                "saved": a.favourited_at.isoformat() if a.favourited_at else None,
                "published": a.published.isoformat() if a.published else None,
                "summary": list(summary.sentences) if summary else None,
                "summary_method": summary.algorithm if summary else None,
                "summary_of": summary.total_sentences if summary else None,  # sentences in all
                "author": author or a.author or None,
                # the files it attaches (a podcast's audio): [{"url", "type", "length"}]
                "enclosures": [dataclasses.asdict(e) for e in attached[-1]],
                # the story itself, so that `import-favourites` restores it on another machine
                "text": (store.body_text(a.id) or a.summary_text or None)
                if args.format == "json"
                else None,
            }
        )
    if args.format == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not items:
        print("No favourites yet. Press f on a story in the reader to save it.")
        return EXIT_OK
    print("# Favourites\n")
    for a, it, files in zip(favourites, items, attached, strict=True):
        print(f"## {_md(it['title'])}\n")
        print(f"- Source: {_md(it['source'] or '')}")
        print(f"- Link: <{it['url']}>" if it["url"] else "- Link: (none)")
        for e in files:  # "- Podcast: <https://…/ep1.mp3> (audio/mpeg · 45 MB)"
            name, _, what = enclosure_label(e).partition(": ")
            print(f"- {name}: <{e.url}> ({_md(what)})")
        if a.published:
            print(f"- Published: {_minute(a.published)}")
        print(f"- Saved: {_minute(a.favourited_at)}")
        if it["summary"]:  # one item a sentence: "> " lines would run into one paragraph
            print("\nSummary:\n")
            print("\n".join(f"- {_md(s)}" for s in it["summary"]))
        print()
    return EXIT_OK


def _minute(when: datetime | None) -> str:
    """A time for people: local, to the minute, with its zone ("2026-11-26 21:42 UTC")."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M %Z").strip() if when else "unknown"


def _md(text: str) -> str:
    return clean_line(text).replace("<", "&lt;")


MAX_FAVOURITES_BYTES = 256 * 1024 * 1024


def cmd_import_favourites(args: argparse.Namespace, config: Config) -> int:
    from reader.fetch import read_local
    from reader.models import Story, Summary

    path = Path(args.file).expanduser()
    read = read_local(str(path), MAX_FAVOURITES_BYTES)  # refuses a device or a FIFO
    if read.error:
        raise CommandError(f"Nothing imported: {clean_line(read.error, 300)}")
    try:
        items = json.loads(read.body.decode("utf-8-sig"))
    except RecursionError:
        raise CommandError(
            f"Nothing imported: {path} is nested too deeply to be a list of saved stories; it "
            "must be the output of `newsreader favourites --format json`."
        ) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise CommandError(
            f"Nothing imported: {path} is not JSON ({clean_line(str(exc), 120)}); it must be the "
            "output of `newsreader favourites --format json`."
        ) from None
    if not isinstance(items, list):
        raise CommandError(
            f"Nothing imported: {path} is not a list of stories; it must be the output of "
            "`newsreader favourites --format json`."
        )
    if not items:
        print(f"Nothing to restore: {path} lists no saved stories.")
        return EXIT_OK
    store = _store(config, saving="the restored favourites")
    saved = store.favourites()
    urls = {a.url for a in saved if a.url}
    titles = {a.title for a in saved if not a.url}
    restored = present = 0
    skipped: list[str] = []
    for n, item in enumerate(items, 1):
        title = clean_line(_text_field(item, "title"), 500) if isinstance(item, dict) else ""
        if not title:
            skipped.append(f"item {n}: it has no title")
            continue
        url = safe_link(_text_field(item, "url")) or None
        if (url in urls) if url else (title in titles):
            present += 1
            continue
        given = item.get("summary")
        lines = (
            [clean_line(x) for x in given if isinstance(x, str)] if isinstance(given, list) else []
        )
        chosen = tuple(x for x in lines if x)
        story = Story(
            title=title,
            source=clean_line(_text_field(item, "source"), 200),
            published=_text_field(item, "published"),
            url=url,
            text=clean_block(_text_field(item, "text")) or "\n\n".join(chosen),
            author=clean_line(_text_field(item, "author"), 200),
            enclosures=_enclosures_field(item.get("enclosures")),
        )
        total = item.get("summary_of")
        summary = (
            Summary(
                chosen,
                clean_line(_text_field(item, "summary_method"), 40) or "restored",
                # (an export without the story's count: more than the summary has)
                total if isinstance(total, int) and total >= len(chosen) else len(chosen) + 1,
            )
            if chosen
            else None
        )
        try:
            store.restore_favourite(story, _when(_text_field(item, "saved")), summary)
        except StoreError as exc:
            skipped.append(f"{clean_line(title, 80)}: {exc}")
            continue
        restored += 1
        if url:
            urls.add(url)
        else:
            titles.add(title)
    print(f"Restored {counted(restored, 'favourite')} ({present} saved already).")
    if skipped:
        print(f"Left out {counted(len(skipped), 'item')}:")
        for why in skipped:
            print(f"  {why}")
    return EXIT_OK


def _enclosures_field(given: Any) -> tuple[Enclosure, ...]:
    """An export's ``enclosures`` ([{"url", "type", "length"}]) as a feed's are kept
    (``feeds.collect_enclosures``); what is of another shape is passed over (an export from
    before they were exported has none)."""
    from reader.feeds import collect_enclosures

    offered = [
        (one.get("url"), one.get("type"), one.get("length"))
        for one in (given if isinstance(given, list) else ())
        if isinstance(one, dict)
    ]
    return collect_enclosures(offered, "")[0]


def _text_field(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _when(text: str) -> datetime | None:
    """An ISO time from an export (None when missing or not a time)."""
    try:
        when = datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def cmd_stats(args: argparse.Namespace, config: Config) -> int:
    store = _store(config)
    s = store.stats()
    data: dict[str, Any] = {
        "feeds": s.feeds,
        "articles": s.articles,
        # copies of a story All lists (a wire story carried by several feeds, an update under
        # a new address): listed once, as it, and not counted in articles
        "copies": store.copy_count(),
        "unread": s.unread,
        "favourites": s.favourites,
        "database": str(store.path),
        "database_bytes": s.db_bytes,
        "last_refresh": s.last_refresh.isoformat() if s.last_refresh else None,
    }
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        width = max(len(k) for k in data)
        for key, value in data.items():
            if key == "copies" and value:
                value = f"{value} (each listed once, as the story it copies: not in articles)"
            print(f"{key.replace('_', ' '):<{width}}  {value if value is not None else 'never'}")
    return EXIT_OK


def cmd_related(args: argparse.Namespace, config: Config) -> int:
    from reader.reading import alike, carried_text, find_reports

    store = _store(config)
    stories, more = _stories_meant(store, args.story)
    found = [(story, find_reports(store, story.id)) for story in stories]
    if args.by_time:  # a timeline: oldest first, undated ones last
        found = [
            (
                story,
                dataclasses.replace(
                    reports, pairs=tuple(sorted(reports.pairs, key=_published_first))
                ),
            )
            for story, reports in found
        ]
    if args.json:
        out = [
            {
                **_report_dict(story, reports.carried.get(story.id, ())),
                "reports": [
                    {
                        **_report_dict(report, reports.carried.get(report.id, ())),
                        "similarity": round(score, 3) if score is not None else None,
                    }
                    for report, score in reports.pairs
                ],
            }
            for story, reports in found
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    now = datetime.now(UTC)
    for n, (story, reports) in enumerate(found):
        if n:
            print()
        item = _report_dict(story, reports.carried.get(story.id, ()))
        print(item["title"] or "(no headline)")
        print(f"  {_report_line(item, _seen(story, now))}")
        if carried := carried_text(item["source"] or "", item["carried_by"]):
            print(f"  {carried}")
        if not reports.pairs:
            print("  No other report of this story is stored.")
            continue
        order = ", oldest first" if args.by_time else ""
        print(f"  {counted(len(reports.pairs), 'other report')} of this story{order}:")
        for report, score in reports.pairs:
            line = _report_dict(report, reports.carried.get(report.id, ()))
            print(f"  - {line['title'] or '(no headline)'}")
            when = _seen(report, now)
            print(f"    {_report_line(line, when)} · {alike(score) or 'same story'}")
            if carried := carried_text(line["source"] or "", line["carried_by"]):
                print(f"    {carried}")
    if more:
        print(
            f"\n{more} more {'story' if more == 1 else 'stories'} found; more words (or an id) "
            "narrow it down."
        )
    return EXIT_OK


def _published_first(pair: tuple[Article, float | None]) -> tuple[bool, float]:
    """The order of (report, similarity) pairs by publication: oldest first, undated last."""
    published = pair[0].published
    return published is None, published.timestamp() if published is not None else 0.0


def _stories_meant(store: Store, given: str) -> tuple[list[Article], int]:
    """The stories ``related`` is asked about: the one with this id or link, else those
    whose headline has these words, newest first, one per story (RELATED_MATCHES at most),
    and how many more it found. A copy stands for the story it copies (the one listed)."""
    wanted = given.strip()
    found: list[Article] = []
    if wanted.isdigit():
        article = store.article(int(wanted))
        if article is None:
            raise CommandError(f"No stored story has the id {wanted}.")
        found = [article]
    elif "://" in wanted:
        article = store.articles_by_url([wanted]).get(wanted)
        if article is None:
            raise CommandError(f"No stored story has the link {clean_line(wanted, 200)}.")
        found = [article]
    else:
        found = store.headlines(View("search", query=wanted), limit=200)
        if not found:
            raise CommandError(f"No stored headline has the words {clean_line(wanted, 100)!r}.")
    stories: list[Article] = []
    seen: set[tuple[str, int]] = set()
    for article in found:
        # (unless the story it copies is in a feed no longer subscribed to: not shown)
        if article.duplicate_of is not None and article.duplicate_of in store.duplicates_of(
            article.id
        ):
            article = store.article(article.duplicate_of) or article
        key = ("group", article.group_id) if article.group_id is not None else ("", article.id)
        if key not in seen:
            seen.add(key)
            stories.append(article)
    return stories[:RELATED_MATCHES], max(0, len(stories) - RELATED_MATCHES)


def _report_dict(article: Article, carried: Sequence[str]) -> dict[str, Any]:
    """A story or a report for ``related``: what is not known is null, as elsewhere."""
    return {
        "id": article.id,
        "title": clean_line(article.title) or None,
        "source": clean_line(article.feed_title) or None,
        "published": article.published.isoformat() if article.published else None,
        "url": safe_link(article.url) or None,
        "read": article.is_read,
        "carried_by": [clean_line(name) for name in carried],
    }


def _seen(article: Article, now: datetime) -> str:
    """When an item its feed gave no date was first seen, as the reader's list and pane say it
    ("first seen 14s ago"); "" for a dated one."""
    return seen_text(first_seen_if_undated(article), now)


def _report_line(item: dict[str, Any], seen: str = "") -> str:
    """ "Reuters · 2014-03-20 14:02 UTC · id 12 · <link>": where a story or report is from;
    ``seen`` (``_seen``) stands for the date of one its feed gave none."""
    when = _minute(datetime.fromisoformat(item["published"])) if item["published"] else seen
    parts = [item["source"] or "", when, f"id {item['id']}", item["url"] or ""]
    return " · ".join(part for part in parts if part)


# ---------------------------------------------------------------------------- pages


def _check_target(target: str) -> None:
    if "://" in target and not target.lower().startswith(("http://", "https://", "file://")):
        raise CommandError(f"Only http, https and local files can be opened: {target!r}")
    if "://" in target:
        return
    shown = clean_line(target, 200)
    try:
        found = Path(target).expanduser().exists()
    except OSError as exc:  # a name too long for the system
        raise CommandError(f"Cannot open {shown}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL byte in it
        raise CommandError(f"Cannot open {shown}: that is no file name") from None
    if not found:
        raise CommandError(f"No such file: {shown}")


def _page(target: str, config: Config) -> Any:
    """The page at a path or URL (reader.reading.load_target is the one home for opening them)."""
    from reader.reading import load_target

    _check_target(target)
    page, error = load_target(target, config)
    if page is None:
        raise CommandError(error or f"Could not open {target}")
    return page


def _story_dict(story: Any) -> dict[str, Any]:
    """A story for --json: what is not known is null, as in the other commands' JSON."""
    return {
        "title": story.title or None,
        "source": story.source or None,
        "published": story.published or None,
        "url": story.url or None,
        "author": story.author or None,
        "text": story.text,
    }


def cmd_extract(args: argparse.Namespace, config: Config) -> int:
    page = _page(args.target, config)
    stories = [("Main story", page.main)] + [
        (f"Related story {i}", s) for i, s in enumerate(page.related, 1)
    ]
    # not a page with a story (a PDF, an image): what was found is printed, and the exit says so
    done = EXIT_OK if any(s.text.strip() for _, s in stories) else EXIT_FAIL
    if args.json:
        data = {
            "main": _story_dict(page.main),
            "related": [_story_dict(s) for s in page.related],
            "note": page.note,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return done
    for label, story in stories:
        print(f"=== {label}: {story_name(story.title, story.text)}")  # as the reader names it
        meta = " · ".join(
            clean_line(x)
            for x in (story.source, story.author, story.published, story.url or "")
            if x
        )
        if meta:
            print(meta)
        print()
        print(clean_block(story.text) or _no_text(story, page.main))
        print()
    if page.note:
        print(f"Note: {clean_line(page.note)}", file=sys.stderr)
    return done


def _no_text(story: Story, main: Story) -> str:
    """What stands in for a story without a text: a related story the page gives only as a
    link is not fetched here (the reader fetches it when its pane is visited)."""
    if story is not main and story.url:
        return f"(only a link on this page: `newsreader extract {story.url}` reads it)"
    return "(no text)"


def cmd_summarize(args: argparse.Namespace, config: Config) -> int:
    from reader.summarize import language_for, summarize_story
    from reader.summarize.api import instead_of_summary

    page = _page(args.target, config)
    story = page.main
    if not story.text.strip():  # (a PDF, an image, an empty page: say why, as extract does)
        raise CommandError(
            f"Nothing to summarise: {clean_line(page.note or 'the page has no story text.', 300)}"
        )
    language = config.summary.language
    language = language_for(story.language if language == "auto" else language)
    sentences = args.sentences if args.sentences is not None else config.summary.sentences
    if sentences <= 0:
        raise CommandError("--sentences must be at least 1")
    algorithm = args.algorithm or (
        None if config.summary.algorithm == "default" else config.summary.algorithm
    )
    summary = summarize_story(
        story.text,
        sentences=sentences,
        algorithm=algorithm,
        language=language,
        title=story.title or None,
        whole_note=args.sentences is None,  # asked for N sentences: N, with no advice
    )
    text = clean_block(story.text)
    note = summary.note
    instead = None if args.sentences is not None else instead_of_summary(summary.sentences, text)
    if args.json:
        data = {
            "title": story.title,
            "algorithm": summary.algorithm,
            "sentences": list(summary.sentences),
            "total_sentences": summary.total_sentences,
            "note": note,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    if story.title:
        print(clean_line(story.title))
        print()
    if instead is not None:  # a summary that is most of the story: the story, as the pane does
        print(f"{instead}\n\n{text}")
        return EXIT_OK
    for sentence in summary.sentences:
        print(f"• {clean_line(sentence)}")
    print(
        f"\n({len(summary.sentences)} of {summary.total_sentences} sentences, {summary.algorithm})"
    )
    if note:
        print(clean_line(note))
    return EXIT_OK


def cmd_example_config(args: argparse.Namespace) -> int:
    """config.example.toml, as shipped in the package: printed, or written to a new file."""
    from importlib.resources import files

    text = files("reader").joinpath("config.example.toml").read_text(encoding="utf-8")
    if not args.file or args.file == "-":  # "-": standard output, as for other tools
        sys.stdout.write(text)
        return EXIT_OK
    path = Path(args.file).expanduser()
    shown = clean_line(str(path), 200)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(path, text.encode("utf-8"), replace=False)  # never over the user's config
    except FileExistsError:
        raise CommandError(f"{shown} exists already; it was left as it is.") from None
    except OSError as exc:
        raise CommandError(f"Cannot write {shown}: {exc.strerror or exc}") from None
    print(
        f"Wrote {shown}: every key with its built-in value and what it does, and the starter "
        "feeds. Edit it, then start newsreader (or run it with --config there)."
    )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Config], int]] = {
    "read": cmd_read,
    "open": cmd_open,
    "refresh": cmd_refresh,
    "add": cmd_add,
    "feeds": cmd_feeds,
    "remove": cmd_remove,
    "import-opml": cmd_import_opml,
    "import-urls": cmd_import_urls,
    "export-opml": cmd_export_opml,
    "favourites": cmd_favourites,
    "import-favourites": cmd_import_favourites,
    "stats": cmd_stats,
    "related": cmd_related,
    "extract": cmd_extract,
    "summarize": cmd_summarize,
}


if __name__ == "__main__":
    sys.exit(main())
