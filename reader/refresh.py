"""Refresh orchestration: fetch many feeds concurrently, parse off the event loop, store each feed.

Pipeline per feed: fetch (shared ``httpx.AsyncClient``, global and per-host limits, overall deadline)
-> 304 or identical body hash: nothing to parse, the new fetch state is written by a dedicated
database thread -> otherwise parse *and* store in a worker: a pool of two processes for large
refreshes (each with its own SQLite connection, so the writes, mostly full-text indexing, are spread
over the cores and only a few counts come back), one thread for small ones. Every feed is written in
one short transaction (entries and fetch state together); no transaction is ever held across
network I/O. Processes are started with "spawn" (never fork a threaded TUI); where they cannot
start, the engine carries on in a thread.

Fetch state kept per feed: ETag/Last-Modified for conditional GET, the body hash, consecutive
failures with exponential backoff in ``next_fetch`` (growing with the time the feed has been
failing, not with the number of tries: ``backoff_after``), Retry-After for 429/503, ``dead`` for 410,
and ``next_fetch`` as a lower bound from ``<ttl>`` / Cache-Control max-age after a success.
A non-forced refresh only fetches feeds whose ``next_fetch`` has come (as ``next_try`` reads it:
never further off than the longest wait, whatever a wrong clock stored); ``force`` fetches every
non-dead feed. A failing feed is fetched without validators and always parsed, so that its error
stays until a response really parses.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import httpx

from reader.config import Config, RefreshConfig, feed_address
from reader.feeds import BROKEN_XML, WEB_PAGE, discover_feeds, looks_like_html, parse_feed
from reader.fetch import (
    UNREACHABLE,
    FetchResult,
    HostLimits,
    fetch,
    is_local,
    local_path,
    make_client,
    run_blocking,
    unless_stopped,
)
from reader.models import Feed, FeedResult, ParsedFeed, RefreshEvent, View
from reader.procs import background_process, usable_stderr
from reader.schedule import (
    BACKOFF_BASE,
    BACKOFF_MAX,
    INTERVAL_MAX,
    as_of,
    backoff_seconds,
    next_try,
    server_asked_to_wait,
)
from reader.store import Store, StoreError
from reader.textutil import clean_line, counted

log = logging.getLogger(__name__)

PROCESS_POOL_MIN_FEEDS = 12  # below this, parsing in a thread beats starting worker processes
PARSE_WORKERS = 2
# ... and in the reader, one core is left to the screen: a second worker there made keys slower
# (median 42 ms against 21 ms on 2 cores) without making the refresh any faster
INTERACTIVE_PARSE_WORKERS = max(1, min(PARSE_WORKERS, (os.cpu_count() or 1) - 1))
STATE_BATCH = 64  # unchanged feeds whose fetch state is written together
LOCK_WAIT = 10.0  # seconds a writer waits for its turn before relying on SQLite's busy timeout
_PENDING = "pending"  # guid namespace while a new subscription has no id yet

T = TypeVar("T")


def backoff_after(feed: Feed, now: float) -> float:
    """The wait before the next try of ``feed``, which failed again at ``now``: BACKOFF_BASE
    after a first failure; twice the last wait (up to BACKOFF_MAX) after a try made once that
    wait had run out; the same wait again after a try made before then (R, --force: the user
    asking again minutes apart). The wait so grows with the time the feed has been failing
    (about as long again), not with how often someone asked for it: a short outage while R is
    pressed every few minutes does not park the feed for a day."""
    if feed.failures <= 0 or feed.next_fetch is None or feed.last_fetched is None:
        return BACKOFF_BASE
    wait = feed.next_fetch.timestamp() - feed.last_fetched.timestamp()
    if server_asked_to_wait(feed) or wait <= 0:  # (not our own wait: count the failures)
        return backoff_seconds(feed.failures + 1)
    if now < feed.next_fetch.timestamp():  # tried before its wait ran out
        return min(max(wait, BACKOFF_BASE), BACKOFF_MAX)
    return min(max(2 * wait, BACKOFF_BASE), BACKOFF_MAX)


def body_hash(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def namespace_for(feed_id: int) -> str:
    """Prefix for guids that do not look globally unique: stable even when the feed URL moves."""
    return f"feed:{feed_id}"


@dataclass(slots=True)
class _Parsed:
    parsed: ParsedFeed
    discovered: tuple[str, ...] = ()


def _parse_job(
    body: bytes, url: str, content_type: str, max_entries: int, namespace: str, now: float
) -> _Parsed:
    """Runs in a worker process or thread: parse, and look for feed links on a web page."""
    parsed = parse_feed(body, url, content_type, max_entries, namespace=namespace, now=now)
    found: tuple[str, ...] = ()
    if parsed.error and looks_like_html(body, content_type):
        found = tuple(discover_feeds(body, url))
    return _Parsed(parsed, found)


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a parse-and-store job sends back (small: no entries cross the process boundary)."""

    error: str | None = None
    discovered: tuple[str, ...] = ()
    new: int = 0
    updated: int = 0
    title: str = ""
    warning: str | None = None  # ill-formed but readable, wrong charset, entries capped


_WORKER_STORE: Store | None = None  # each worker process opens the database once
_WRITE_LOCK: Any = None  # shared by the workers and the engine's database thread


def _worker_init(db_path: str, lock: Any, parent: int) -> None:
    global _WORKER_STORE, _WRITE_LOCK
    background_process(parent)
    _WORKER_STORE = Store(db_path)
    _WRITE_LOCK = lock


def _shareable(store: Store) -> bool:
    """Whether other processes can open this store's file (not read-only, not in memory)."""
    return not getattr(store, "read_only", False) and str(store.path) != ":memory:"


def _locked(lock: Any, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Writers take turns on a lock that wakes the next one at once; otherwise SQLite's busy
    handler would poll with sleeps of up to tens of milliseconds per collision."""
    # a timeout, because a worker killed while holding the lock would never release it; SQLite's
    # own locking keeps the writes correct either way
    if lock is None or not lock.acquire(timeout=LOCK_WAIT):
        return fn(*args, **kwargs)
    try:
        return fn(*args, **kwargs)
    finally:
        lock.release()


def _parse_store(
    store: Store | None,
    feed_id: int,
    feed_has_title: bool,
    body: bytes,
    url: str,
    content_type: str,
    max_entries: int,
    now: float,
    max_age: float | None,
    state: dict[str, Any],
) -> _Outcome:
    """Parse one feed and store its entries with its fetch state in one transaction.

    Runs where the parsing runs (a worker process or the parse thread), so that only a few counts
    travel back to the event loop and the writes are spread over the workers.
    """
    if store is None:
        store = _WORKER_STORE
    assert store is not None
    job = _parse_job(body, url, content_type, max_entries, namespace_for(feed_id), now)
    parsed = job.parsed
    if parsed.error is not None:
        return _Outcome(error=parsed.error, discovered=job.discovered)
    state = dict(state)
    state.update(
        failures=0,
        last_error=parsed.warning,  # a partly readable feed: the reader marks it too
        content_hash=body_hash(body),
        next_fetch=_lower_bound(now, max_age, parsed.ttl_minutes),
    )
    if parsed.title and not feed_has_title:
        state["title"] = parsed.title
    if parsed.site_url:
        state["site_url"] = parsed.site_url
    if parsed.language:
        state["language"] = parsed.language
    new_ids, updated = _locked(
        _WRITE_LOCK if store is _WORKER_STORE else None,
        store.upsert_entries,
        feed_id,
        parsed.entries,
        _utc(now),
        parsed.language,
        feed_state=state,
    )
    return _Outcome(new=len(new_ids), updated=updated, title=parsed.title, warning=parsed.warning)


class _Engine:
    """State for one refresh run (inside one event loop)."""

    def __init__(
        self, store: Store, config: RefreshConfig, use_processes: bool, workers: int = PARSE_WORKERS
    ) -> None:
        self.store = store
        self.workers = max(1, workers)
        self.config = config
        self.client: httpx.AsyncClient = make_client(config)
        self.hosts = HostLimits(config.per_host)
        self.fetch_slots = asyncio.Semaphore(max(1, config.concurrency))
        self.db_exec = ThreadPoolExecutor(1, thread_name_prefix="newsreader-db")
        self.pool: Executor | None = None
        self.write_lock: Any = None
        self.use_processes = use_processes and (os.cpu_count() or 1) > 1
        self.thread_pool: ThreadPoolExecutor | None = None
        self.pending: list[tuple[int, dict[str, Any]]] = []  # fetch states of unchanged feeds

    async def record_unchanged(self, feed_id: int, state: dict[str, Any]) -> None:
        """Unchanged feeds (304s) only need their fetch state written: batch them, a run of
        304s then costs one short transaction per STATE_BATCH feeds instead of one each."""
        self.pending.append((feed_id, state))
        if len(self.pending) >= STATE_BATCH:
            await self.flush()

    async def flush(self) -> None:
        batch, self.pending = self.pending, []
        if batch:
            await self.db(self.store.update_feeds, batch)

    async def db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        lock = self.write_lock
        return await loop.run_in_executor(self.db_exec, lambda: _locked(lock, fn, *args, **kwargs))

    def _processes(self) -> Executor:
        if self.pool is None:
            context = multiprocessing.get_context("spawn")
            with usable_stderr():
                self.write_lock = context.Lock()  # starts multiprocessing's helper process
            self.pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_worker_init,
                initargs=(str(self.store.path), self.write_lock, os.getpid()),
            )
        return self.pool

    def _thread(self) -> ThreadPoolExecutor:
        if self.thread_pool is None:
            self.thread_pool = ThreadPoolExecutor(1, thread_name_prefix="newsreader-parse")
        return self.thread_pool

    async def parse_and_store(
        self, feed: Feed, res: FetchResult, now: float, state: dict[str, Any]
    ) -> _Outcome:
        loop = asyncio.get_running_loop()
        args = (
            feed.id,
            bool(feed.title),
            res.body,
            res.url,
            res.content_type,
            self.config.max_entries_per_feed,
            now,
            res.max_age,
            state,
        )
        if self.use_processes:
            try:
                pool = self._processes()
                return await loop.run_in_executor(pool, _parse_store, None, *args)
            except (BrokenProcessPool, RuntimeError, OSError) as exc:
                # a worker died (killed, out of memory) or processes cannot be started here
                # (no __main__ guard, fork limits): carry on in a thread
                self._no_processes(exc)
            except ValueError as exc:  # the pool could not start (unusable descriptors)
                if self.pool is not None:
                    raise  # a parse went wrong in a worker: that feed's error, not the pool's
                self._no_processes(exc)
        return await loop.run_in_executor(self._thread(), _parse_store, self.store, *args)

    def _no_processes(self, exc: BaseException) -> None:
        if self.use_processes:
            log.warning("parse workers unavailable (%s); using a thread", exc)
            self.use_processes = False

    async def close(self) -> None:
        await self.client.aclose()
        await self.db(self.store.close_thread_connection)
        self.db_exec.shutdown(wait=True)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.thread_pool is not None:
            await asyncio.get_running_loop().run_in_executor(
                self.thread_pool, self.store.close_thread_connection
            )
            self.thread_pool.shutdown(wait=True)

    # ------------------------------------------------------------------ one feed

    async def refresh_feed(self, feed: Feed, stored_hash: str | None) -> FeedResult:
        try:
            return await self._refresh_feed(feed, stored_hash)
        except StoreError as exc:
            return replace(
                _result(feed, "error", error=str(exc)),
                not_saved=str(exc),
                not_saved_reason=exc.reason,
            )
        except Exception:  # one broken feed must never stop the others
            # (the traceback to the log, for a bug report; the user is told in words: a class
            # name such as 'KeyError' says nothing to them)
            log.exception("refresh of feed %s failed", clean_line(feed.url, 300))
            error = "The feed could not be refreshed: a fault in newsreader stopped it."
            # kept as any failure is (e says it; the feed waits, not tried at every refresh),
            # where the store can save it: what it cannot is said by the result all the same
            now = time.time()
            with contextlib.suppress(Exception):
                await self.db(
                    self.store.update_feed,
                    feed.id,
                    failures=feed.failures + 1,
                    last_error=error,
                    next_fetch=now + backoff_after(feed, now),
                )
            return _result(feed, "error", error=error)

    async def _refresh_feed(self, feed: Feed, stored_hash: str | None) -> FeedResult:
        if feed.dead:
            return _result(feed, "dead", error=feed.last_error or "The feed is gone.")
        now = time.time()
        # A failing feed is fetched without validators and its body parsed even when its hash is
        # the stored one: a 304 or an unchanged body then cannot pass for a recovery (the
        # validators may be those of the very response that could not be read). Failing feeds
        # are few and backing off, so the full fetches cost little.
        failing = feed.failures > 0
        async with self.fetch_slots:
            res = await fetch(
                feed.url,
                self.config,
                self.client,
                etag=None if failing else feed.etag,
                last_modified=None if failing else feed.last_modified,
                limits=self.hosts,
            )
        # what the server answered: a refresh by hand leaves a feed alone that it asked to wait
        state: dict[str, Any] = {
            "last_fetched": now,
            "last_status": res.status,
            "retry_after": res.retry_after if res.status in (429, 503) else None,
        }
        moved = await self._moved(feed, res, state)
        if res.error is not None:
            return await self._failed(feed, res, now, state, moved)
        if res.etag is not None or res.last_modified is not None:
            state["etag"] = res.etag
            state["last_modified"] = res.last_modified
        if res.not_modified:
            return await self._unchanged(feed, res, now, state, moved)
        if not failing and body_hash(res.body) == stored_hash:
            return await self._unchanged(feed, res, now, state, moved)
        out = await self.parse_and_store(feed, res, now, state)
        if out.error is not None:
            error = out.error
            if out.discovered:
                error += f" It links to a feed at {out.discovered[0]}"
            return await self._failed(feed, res, now, state, moved, error=error)
        # a warning rides along with an "ok" result (shown by `newsreader refresh`) and is the
        # feed's last_error (the reader's mark); it is not a failure, so nothing backs off
        return _result(
            feed,
            "ok",
            new=out.new,
            updated=out.updated,
            moved_to=moved,
            title=out.title,
            error=out.warning,
        )

    async def _moved(self, feed: Feed, res: FetchResult, state: dict[str, Any]) -> str | None:
        """A permanent redirect to a working address: remember the new URL (if no other feed has
        it). A feed from the config keeps the address the config gives (the config is synced at
        every start: the old address would come back as a second feed with every story again);
        the move is reported, for the config to be updated."""
        target = res.moved_to
        if not target or res.error is not None or target == feed.url:
            return None
        other = await self.db(self.store.feed_by_url, target)
        if other is not None and other.id != feed.id:
            return None
        if feed.origin != "config":
            state["url"] = target
        return target

    async def _unchanged(
        self, feed: Feed, res: FetchResult, now: float, state: dict[str, Any], moved: str | None
    ) -> FeedResult:
        if feed.failures > 0:  # a 304 to a request without validators: what failed still fails
            return await self._failed(feed, res, now, state, moved, error=feed.last_error)
        interval = None
        if feed.next_fetch and feed.last_fetched:
            # keep the <ttl>-derived lower bound learnt at the last full fetch
            interval = feed.next_fetch.timestamp() - feed.last_fetched.timestamp()
        lower = _lower_bound(now, res.max_age, None)
        if interval and interval > 0:
            lower = max(lower or 0.0, now + min(interval, INTERVAL_MAX))
        # the content is the one last parsed: its warning (last_error), if any, still holds
        state.update(failures=0, next_fetch=lower)
        await self.record_unchanged(feed.id, state)
        return _result(feed, "not-modified", moved_to=moved)

    async def _failed(
        self,
        feed: Feed,
        res: FetchResult,
        now: float,
        state: dict[str, Any],
        moved: str | None,
        error: str | None = None,
    ) -> FeedResult:
        error = clean_line(error or res.error or "Unknown error", 500)
        # a permanent redirect to something that is not a working feed (often a site's home page
        # after a redesign) must not replace the address the user subscribed to
        state.pop("url", None)
        moved = None
        failures = feed.failures + 1
        state.update(failures=failures, last_error=error)
        if res.status == 410:
            state["dead"] = 1
            state["last_error"] = (
                error
                + " It will not be fetched again; adding its address again (newsreader add) tries it."
            )
            await self.db(self.store.update_feed, feed.id, **state)
            return _result(feed, "dead", error=state["last_error"])
        delay = backoff_after(feed, now)
        if res.status in (429, 503) and res.retry_after is not None:
            delay = res.retry_after
        state["next_fetch"] = now + delay
        await self.db(self.store.update_feed, feed.id, **state)
        return _result(feed, "error", error=error, moved_to=moved)


def _lower_bound(now: float, max_age: float | None, ttl_minutes: int | None) -> float | None:
    seconds = max(max_age or 0.0, (ttl_minutes or 0) * 60.0)
    return now + min(seconds, INTERVAL_MAX) if seconds > 0 else None


def _utc(stamp: float) -> Any:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(stamp, UTC)


def _result(
    feed: Feed,
    status: str,
    *,
    new: int = 0,
    updated: int = 0,
    error: str | None = None,
    moved_to: str | None = None,
    title: str = "",
) -> FeedResult:
    return FeedResult(
        feed_id=feed.id,
        url=moved_to or feed.url,
        title=feed.title or title or feed.url,
        new=new,
        updated=updated,
        status=status,
        error=error,
        moved_to=moved_to,
    )


def _emit(on_event: Callable[[RefreshEvent], None] | None, event: RefreshEvent) -> None:
    if on_event is None:
        return
    try:
        on_event(event)
    except Exception:  # a broken progress display must not stop the refresh
        log.exception("refresh event handler failed")


def due_feeds(
    feeds: Sequence[Feed], feed_ids: Sequence[int] | None, force: bool, now: float
) -> list[Feed]:
    """The active, non-dead feeds to fetch now (all of them when forced)."""
    wanted = None if feed_ids is None else set(feed_ids)
    chosen = []
    for feed in feeds:
        if wanted is not None and feed.id not in wanted:
            continue
        if feed.dead or not feed.active:
            continue
        if not force and _not_due(feed, now):
            continue
        chosen.append(feed)
    return chosen


def _not_due(feed: Feed, now: float) -> bool:
    """Its next fetch (back-off, Retry-After, <ttl>) is still to come."""
    due = next_try(feed, now)
    return due is not None and due > now


@dataclass(frozen=True, slots=True)
class NotFetched:
    """The active feeds a refresh leaves out, by why (``newsreader refresh`` says so)."""

    backing_off: list[Feed]  # failed lately, their back-off delay still running; soonest first
    resting: list[Feed]  # asked to be fetched less often (<ttl>, max-age): not due yet
    gone: list[Feed]  # HTTP 410: never fetched again, even when forced


def not_fetched(
    feeds: Sequence[Feed], now: float, force: bool = False, *, by_hand: bool = False
) -> NotFetched:
    """The feeds a refresh at ``now`` skips (with ``force``, only the gone ones). ``by_hand``:
    a refresh of every feed the user asked for (R in the reader), which fetches the feeds
    backing off after errors and those resting (<ttl>, max-age: a conditional GET) too, all
    but the gone ones and those whose server said how long to wait (Retry-After)."""
    active = [f for f in feeds if f.active]
    waiting = [
        as_of(f, now)
        for f in active
        if not f.dead
        and not force
        and _not_due(f, now)
        and (not by_hand or server_asked_to_wait(f))
    ]
    waiting.sort(key=lambda f: f.next_fetch.timestamp() if f.next_fetch else now)
    return NotFetched(
        backing_off=[f for f in waiting if f.failures > 0],
        resting=[f for f in waiting if f.failures == 0],
        gone=[f for f in active if f.dead],
    )


async def refresh(
    store: Store,
    config: Config,
    feed_ids: Sequence[int] | None = None,
    *,
    force: bool = False,
    on_event: Callable[[RefreshEvent], None] | None = None,
    parse_workers: int = PARSE_WORKERS,
    stop: threading.Event | None = None,
) -> list[FeedResult]:
    """Refresh the due feeds (see the module doc); returns one result per feed fetched.

    ``parse_workers``: processes parsing and storing feeds in a large refresh.
    ``stop``: set from any thread to end the refresh early (the reader quitting): fetches in
    progress are cancelled, feeds not yet begun are left for the next refresh, a feed being
    stored finishes its transaction, and the results of the feeds done so far are returned."""
    rc = config.refresh
    db_exec = ThreadPoolExecutor(1)
    try:
        loop = asyncio.get_running_loop()
        feeds = await loop.run_in_executor(db_exec, store.feeds)
        hashes = {
            r["id"]: r["content_hash"]
            for r in await loop.run_in_executor(
                db_exec, store.query, "SELECT id, content_hash FROM feeds"
            )
        }
        await loop.run_in_executor(db_exec, store.close_thread_connection)
    finally:
        db_exec.shutdown(wait=True)
    todo = due_feeds(feeds, feed_ids, force, time.time())
    total = len(todo)
    _emit(on_event, RefreshEvent(kind="started", total=total))
    # worker processes open the database file themselves: not for read-only or in-memory stores
    engine = _Engine(
        store,
        rc,
        use_processes=_shareable(store) and total >= PROCESS_POOL_MIN_FEEDS,
        workers=parse_workers,
    )
    results: list[FeedResult] = []
    # bound the work in flight (fetched bodies waiting to be parsed) to keep memory flat
    in_flight = asyncio.Semaphore(max(1, rc.concurrency) * 2)

    async def one(feed: Feed) -> None:
        async with in_flight:
            if stop is not None and stop.is_set():
                return
            result = await engine.refresh_feed(feed, hashes.get(feed.id))
        results.append(result)
        _emit(
            on_event,
            RefreshEvent(kind="feed-finished", total=total, done=len(results), result=result),
        )

    try:
        await unless_stopped(asyncio.gather(*(one(f) for f in todo)), stop)
        try:
            await engine.flush()
            # a refresh cut short is not a refresh, nor one that had no feed to fetch
            if results and (stop is None or not stop.is_set()):
                await engine.db(store.set_meta, "last_refresh", f"{time.time():.0f}")
        except StoreError as exc:  # e.g. a read-only database: the per-feed results say it too
            log.warning("could not record the fetch states or refresh time: %s", exc)
            results[:] = [
                r if r.not_saved else replace(r, not_saved=str(exc), not_saved_reason=exc.reason)
                for r in results
            ]
    finally:
        await engine.close()
    _emit(
        on_event,
        RefreshEvent(kind="finished", total=total, done=len(results), results=tuple(results)),
    )
    return results


GROUP_MAX_ARTICLES = 1500  # new articles grouped after one refresh (the newest)
GROUP_BUDGET_SECONDS = 3.0
GROUP_CHUNK = 250  # articles grouped (and saved) in one go
BACKLOG_PAUSE = 2.0  # seconds the housekeeping process waits before grouping older articles


def after_refresh(store: Store, config: Config, since: float) -> None:
    """Housekeeping once a refresh stored new articles (those first seen at or after ``since``):
    group them with related stories and prune old read ones.

    It runs after the refresh has reported its results (see :func:`refresh_and_group`: the CLI
    prints its table first, the reader shows its headlines first and runs this in its
    :class:`Housekeeper` process), so headlines never wait for it. Failures are logged, never
    raised: the articles are safely stored either way.
    """
    from reader.related import assign_new_articles

    try:
        # A first refresh of many feeds brings tens of thousands of articles: the newest are
        # grouped within a time budget, oldest first among them (the index needs arrival order);
        # the reader's housekeeping process groups the rest afterwards (group_backlog).
        arrived = store.article_ids_since(since)
        if config.related.mark_duplicates_read:  # another feed's item, read there already
            store.read_like_originals(arrived)
        new_ids = arrived[-GROUP_MAX_ARTICLES:]
        deadline = time.monotonic() + GROUP_BUDGET_SECONDS
        for start in range(0, len(new_ids), GROUP_CHUNK):
            if time.monotonic() > deadline:
                log.info("grouping stopped at its time budget; %d left", len(new_ids) - start)
                break
            grouping = assign_new_articles(
                store,
                new_ids[start : start + GROUP_CHUNK],
                window_hours=config.related.window_hours,
                copies_read=config.related.mark_duplicates_read,
            )
            if grouping.error:
                log.warning("grouping related stories failed: %s", grouping.error)
                break
        store.prune(config.storage.retention_days)
    except StoreError as exc:
        log.warning("housekeeping after the refresh failed: %s", exc)


def group_backlog(store: Store, config: Config, stop: Callable[[], bool]) -> int:
    """Group the articles still without a group, until ``stop()`` says other work is waiting:
    first those of the window (past :func:`after_refresh`'s limits after a bulk import), newest
    first, a chunk at a time; then, where articles arrived after newer ones or the grouping
    rules changed, the window again in publication order (:func:`reader.related.regroup.
    regroup_window`: its groups become what ``group()`` makes of them); then the older ones,
    which the window never reaches (a first refresh or an OPML import of long feed
    histories), each with the stories of its own time
    (:func:`reader.related.persist.group_older_articles`). Returns how many articles without a
    group were grouped. For the housekeeping process, between requests: nothing waits for it,
    and the next call goes on where this one stopped."""
    from reader.related import assign_new_articles
    from reader.related.persist import group_older_articles

    newest = store.newest_published()
    if newest is None:
        return 0
    window_hours = config.related.window_hours
    since = newest - window_hours * 3600.0
    done = 0
    before: tuple[float, int] | None = None
    while not stop():
        chunk = store.ungrouped_ids(since, before, limit=GROUP_CHUNK)
        if not chunk:
            break
        before = chunk[-1]  # an article the grouping could not read keeps no group: not retried
        grouping = assign_new_articles(
            store,
            [i for _, i in reversed(chunk)],
            window_hours=window_hours,
            copies_read=config.related.mark_duplicates_read,
        )
        if grouping.error:
            log.warning("grouping the older articles failed: %s", grouping.error)
            return done
        done += len(chunk)
    if not stop():
        _regroup_window(store, window_hours, stop)
    if not stop():
        older = group_older_articles(
            store, window_hours, stop, copies_read=config.related.mark_duplicates_read
        )
        if older.error:
            log.warning("grouping the older articles failed: %s", older.error)
        elif older.grouped:
            log.info(
                "grouped %d articles older than the window in %.1f s%s",
                older.grouped,
                older.seconds,
                "" if older.finished else " (more wait)",
            )
        done += older.grouped
    if done:
        log.info("grouped %d older articles", done)
    return done


def _regroup_window(store: Store, window_hours: float, stop: Callable[[], bool]) -> None:
    """The window grouped again in order where it needs it (see :func:`group_backlog`)."""
    from reader.related.regroup import regroup_window

    done = regroup_window(store, window_hours, stop)
    if done.error:
        log.warning("grouping the window again failed: %s", done.error)
    elif done.reason:
        log.info(
            "grouped the window again (%s): %d articles taken in, %d changed, in %.1f s%s",
            done.reason,
            done.replayed,
            done.changed,
            done.seconds,
            "" if done.finished else " (stopped; more waits)",
        )


def refresh_sync(
    store: Store,
    config: Config,
    feed_ids: Sequence[int] | None = None,
    *,
    force: bool = False,
    on_event: Callable[[RefreshEvent], None] | None = None,
    parse_workers: int = PARSE_WORKERS,
    stop: threading.Event | None = None,
) -> list[FeedResult]:
    """Blocking :func:`refresh` (its own event loop): for the CLI and the TUI's thread workers.
    Called from a thread that runs an event loop, it runs the refresh in a helper thread."""
    return run_blocking(
        lambda: refresh(
            store,
            config,
            feed_ids,
            force=force,
            on_event=on_event,
            parse_workers=parse_workers,
            stop=stop,
        )
    )


def refresh_and_group(
    store: Store,
    config: Config,
    feed_ids: Sequence[int] | None = None,
    *,
    force: bool = False,
    on_event: Callable[[RefreshEvent], None] | None = None,
    report: Callable[[list[FeedResult] | None], object] | None = None,
    housekeeping: Callable[[float], object] | None = None,
    parse_workers: int = PARSE_WORKERS,
    stop: threading.Event | None = None,
) -> list[FeedResult]:
    """:func:`refresh_sync`, then :func:`after_refresh` for the articles it brought (if any).

    ``report`` is called exactly once when the refresh ends and before grouping starts, so the
    caller shows results first (the CLI its table, the reader its headlines): with the results, or
    with None when the refresh raised (the exception then propagates and nothing is grouped).
    ``housekeeping(since)`` replaces the in-thread :func:`after_refresh` (the reader passes
    :meth:`Housekeeper.run`, and ``INTERACTIVE_PARSE_WORKERS``); it is also called after a
    refresh that brought nothing when stored articles still wait for a group (its process
    groups them afterwards).
    ``stop`` (see :func:`refresh`) also skips the grouping (the housekeeping process groups
    what is left ungrouped later, see :func:`group_backlog`).
    """
    started = time.time()
    try:
        results = refresh_sync(
            store,
            config,
            feed_ids,
            force=force,
            on_event=on_event,
            parse_workers=parse_workers,
            stop=stop,
        )
    except BaseException:
        if report is not None:
            report(None)
        raise
    if report is not None:
        report(results)
    if stop is not None and stop.is_set():
        return results
    if any(r.new for r in results):  # articles first seen since it began, with a second's margin
        if housekeeping is None:
            after_refresh(store, config, started - 1)
        else:
            housekeeping(started - 1)
    elif housekeeping is not None and backlog_waits(store):
        housekeeping(started - 1)  # the reader's housekeeping groups what earlier ones left
    return results


def backlog_waits(store: Store) -> bool:
    """Articles without a group wait (a ``newsreader refresh`` of long feed histories before
    the reader started), or the window is to be grouped again (articles came after newer
    ones, the grouping rules changed): its housekeeping process does it (:func:`group_backlog`),
    after a refresh, or at the start of a reader that does not refresh then."""
    from reader.related.persist import waiting_to_be_grouped
    from reader.related.regroup import regroup_due

    try:
        return waiting_to_be_grouped(store) or regroup_due(store) is not None
    except StoreError:
        return False


class Housekeeper:
    """Runs :func:`after_refresh` in a helper process that lives as long as its owner.

    For the reader: grouping is seconds of pure-Python work, and in the reader's own process it
    would hold the interpreter while the screen's thread waits to answer keys. The helper runs
    at a lower priority, keeps its related-stories index from one refresh to the next, groups
    what a refresh left ungrouped (:func:`group_backlog`) while no request waits, and ends
    with its owner (``close``, or as a daemon process when the owner exits). Where a process
    cannot be used (an in-memory or read-only store, a failed start, a helper that died) the
    work runs in the calling thread, as in the CLI.
    """

    def __init__(self, store: Store, config: Config) -> None:
        self.store = store
        self.config = config
        self._usable = _shareable(store)
        self._closed = False
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None

    @property
    def pid(self) -> int | None:
        """The helper process's id while it runs (None: none started, or working in-thread)."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def run(self, since: float) -> None:
        """``after_refresh(store, config, since)``; blocks until it is done (call it in a worker)."""
        with self._lock:
            if self._closed:
                return
            # a helper that died (killed, out of memory) may still look alive for a moment:
            # its pipe then breaks, and a new one is started once before working here
            for attempt in (1, 2):
                if not self._usable:
                    break
                try:
                    conn = self._start()
                    conn.send(since)
                    conn.recv()
                    return
                except (EOFError, OSError, RuntimeError, ValueError) as exc:
                    if self._closed:  # closed while it worked: the owner is going away
                        return
                    self._stop()
                    if attempt == 2:
                        log.warning("housekeeping process unavailable (%s); working here", exc)
                        self._usable = False
            after_refresh(self.store, self.config, since)

    def close(self) -> None:
        """Stop the helper (any grouping in progress is abandoned; its writes are transactions)."""
        self._closed = True
        self._stop()

    def _start(self) -> Any:
        if self._process is not None and self._process.is_alive():
            return self._conn
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        process = context.Process(
            target=_housekeeping_main,
            args=(str(self.store.path), self.config, theirs, os.getpid()),
            name="newsreader-housekeeping",
            daemon=True,
        )
        with usable_stderr():
            process.start()
        theirs.close()
        self._process, self._conn = process, mine
        return mine

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            process.terminate()
            process.join(5)


def _housekeeping_main(db_path: str, config: Config, conn: Any, parent: int) -> None:
    """The housekeeper's process: one :func:`after_refresh` per request, until the pipe closes."""
    background_process(parent)
    store = Store(db_path)
    try:
        while True:
            try:
                since = conn.recv()
            except (EOFError, OSError):
                break
            after_refresh(store, config, since)
            conn.send(True)
            if conn.poll(BACKLOG_PAUSE):  # the reader first shows what the refresh brought
                continue
            try:  # then the articles left ungrouped, until the next request comes
                group_backlog(store, config, conn.poll)
            except StoreError as exc:
                log.warning("grouping the older articles failed: %s", exc)
    finally:
        store.close()


# --------------------------------------------------------------------------- subscribing


def _same_file_feed(store: Store, url: str) -> Feed | None:
    """The subscribed feed that reads the same local file as ``url`` by another name (a file://
    URL, a relative path, a link), or None."""
    if not is_local(url):
        return None

    def resolved(address: str) -> Path | None:
        try:
            return local_path(address).resolve()
        except (OSError, ValueError, RuntimeError):
            return None

    target = resolved(url)
    if target is None:
        return None
    return next((f for f in store.feeds() if is_local(f.url) and resolved(f.url) == target), None)


def _no_feed(parsed: ParsedFeed) -> str | None:
    """Why a document to subscribe to is no feed, in words: not one at all, or XML so broken
    that not one item could be read from it (a feed with a readable channel and no items yet
    is a feed); None when it is one."""
    if parsed.error is not None:
        return parsed.error
    warning = parsed.warning or ""
    if not parsed.entries and warning.startswith(BROKEN_XML):
        # "… is not well-formed (broken at line 2, column 43); kept what could be read."
        where = warning.removeprefix(BROKEN_XML).split(";")[0].strip()
        where = f" {where}" if where else ""
        return f"it is not a feed: its XML is not well-formed{where}, and no item could be read."
    return None


async def add_subscription(
    store: Store, config: Config, url: str, title: str = "", category: str = ""
) -> tuple[Feed | None, str]:
    """Subscribe to ``url`` (a feed, or a web page advertising one); returns (feed, message).

    The address is validated and fetched first; a web page is searched for
    ``<link rel="alternate">`` feeds and the first one that parses is added. The feed's current
    entries are stored straight away.
    """
    url, problem = feed_address(url)
    if problem:
        return None, f"Cannot add {clean_line(url, 200)!r}: the address {clean_line(problem, 300)}."
    existing = store.feed_by_url(url) or _same_file_feed(store, url)
    if existing is not None and existing.active and not existing.dead:  # a gone feed: try again
        said = _already(existing, url)
        if not (title.strip() or category.strip()):
            return existing, f"{said}."
        if existing.origin == "config":
            return existing, f"{said}; it is listed in the config file: name it there."
        store.name_feed(existing.id, title, category)
        renamed = store.feed(existing.id) or existing
        where = f" in {clean_line(renamed.category, 60)}" if renamed.category else ""
        return renamed, f"{said}; it is now {renamed.display_title}{where}."
    rc = config.refresh
    now = time.time()
    async with make_client(rc) as client:
        res = await fetch(url, rc, client)
        if res.error is not None:
            return None, f"Could not add {clean_line(url, 200)}: {res.error}"
        job = await asyncio.to_thread(
            _parse_job, res.body, res.url, res.content_type, rc.max_entries_per_feed, _PENDING, now
        )
        feed_url = res.moved_to or url
        note = f" (it moved to {res.moved_to})" if res.moved_to else ""
        if (why := _no_feed(job.parsed)) is not None:
            if not job.discovered:
                if job.parsed.error == WEB_PAGE:  # searched for the feed it names: none
                    why = "it is a web page, and it names no feed of its site (none is linked)."
                return None, f"Could not add {clean_line(url, 200)}: {why}"
            found = None
            for candidate in job.discovered[:5]:
                sub = await fetch(candidate, rc, client)
                if sub.error is not None:
                    continue
                sub_job = await asyncio.to_thread(
                    _parse_job,
                    sub.body,
                    sub.url,
                    sub.content_type,
                    rc.max_entries_per_feed,
                    _PENDING,
                    now,
                )
                if _no_feed(sub_job.parsed) is None:
                    found = (candidate, sub, sub_job)
                    break
            if found is None:
                return None, (
                    f"{clean_line(url, 200)} is a web page; the feeds it links to could not be read."
                )
            feed_url, res, job = found[0], found[1], found[2]
            feed_url = res.moved_to or feed_url
            note = f" (found on {clean_line(url, 200)})"
    existing = store.feed_by_url(feed_url) or _same_file_feed(store, feed_url)
    if existing is not None and existing.active and not existing.dead:
        return existing, f"{_already(existing, feed_url)}{note}."
    parsed = job.parsed
    # subscribed to again: the title it had stays unless another is given
    kept = existing is not None and bool(existing.title)
    feed, _ = store.add_feed(feed_url, title or ("" if kept else parsed.title), category)
    # entries were parsed with the URL as namespace; re-key short guids to the feed's own one
    prefix, own = f"{_PENDING}#", f"{namespace_for(feed.id)}#"
    entries = tuple(
        replace(e, guid=own + e.guid[len(prefix) :]) if e.guid.startswith(prefix) else e
        for e in parsed.entries
    )
    state: dict[str, Any] = {
        "last_fetched": now,
        "etag": res.etag,
        "last_modified": res.last_modified,
        "content_hash": body_hash(res.body),
        "failures": 0,
        "dead": 0,  # a gone feed added again that answers again
        "last_error": parsed.warning,
        "next_fetch": _lower_bound(now, res.max_age, parsed.ttl_minutes),
    }
    if parsed.site_url:
        state["site_url"] = parsed.site_url
    if parsed.language:
        state["language"] = parsed.language
    if not feed.title and parsed.title:
        state["title"] = parsed.title
    new_ids, _ = store.upsert_entries(
        feed.id, entries, _utc(now), parsed.language, feed_state=state
    )
    feed = store.feed(feed.id) or feed
    message = f"Added {feed.display_title}{note}: {counted(len(new_ids), 'new article')}."
    back = 0
    if existing is not None and not existing.active:  # unsubscribed from before
        back = store.count(View("feed", feed_id=feed.id)) - len(new_ids)
    if back > 0:  # its stories kept from before are listed again
        message = message[:-1] + f", and {counted(back, 'earlier headline')} back."
    twin = _same_feed_elsewhere(store, feed)
    if twin is not None:
        message += (
            f" It looks like {twin.display_title} at {twin.url}, which you follow already (the "
            f"same title and site): `newsreader remove {feed.url}` takes this one out again."
        )
    if parsed.warning:
        message += f" Note: {parsed.warning}"
    return feed, message


def _already(existing: Feed, url: str) -> str:
    """Why ``url`` is not subscribed to again, in words: ``existing`` is that feed (at the same
    address, or the same one written another way: ``Store.feed_by_url``)."""
    said = f"Already subscribed to {existing.display_title}"
    if existing.url != url:
        said += f" (as {clean_line(existing.url, 300)}: the same address written another way)"
    return said


def _same_feed_elsewhere(store: Store, feed: Feed) -> Feed | None:
    """Another subscription with the same title and site as ``feed`` (the same feed under a
    second address: an old one, a mirror, http and https)."""
    if not feed.title or not feed.site_url:
        return None
    for other in store.feeds():
        if other.id != feed.id and other.title == feed.title and other.site_url == feed.site_url:
            return other
    return None


# --------------------------------------------------------------------------- unsubscribing


def removal_refused(config: Config, feed: Feed) -> str | None:
    """Why ``feed`` cannot be unsubscribed from here, in words; None when it can. A feed listed
    in the config file is subscribed again at every start: the file is the place (the built-in
    starter list, with no file, goes only into a database with no feeds, so a starter feed
    unsubscribed from stays so)."""
    listed = any(f.url == feed.url for f in config.feeds)
    if feed.origin == "config" and config.source is not None and listed:
        return (
            f"{clean_line(feed.display_title, 80)} is listed in the config file {config.source}: "
            "delete its [[feeds]] entry there to unsubscribe."
        )
    return None


def remove_subscription(store: Store, config: Config, feed: Feed) -> tuple[bool, str]:
    """Unsubscribe from ``feed`` (as `newsreader remove` does): (removed, what happened, in
    words). Its favourites stay in Favourites; its other stories go after retention_days."""
    refused = removal_refused(config, feed)
    if refused is not None:
        return False, refused
    store.remove_feed(feed.id)
    days = config.storage.retention_days
    kept = (
        f"its other stories go in {counted(days, 'day')} (retention_days)"
        if days
        else "and so do its other stories"
    )
    return True, (
        f"Unsubscribed from {clean_line(feed.display_title, 80)} ({clean_line(feed.url, 300)}): "
        f"it is not fetched or listed any more; favourites from it stay in Favourites, {kept}."
    )


def unreachable(error: str | None) -> bool:
    """Whether a feed's error says its server could not be reached at all: what every feed
    says while the computer is offline."""
    return error is not None and error.startswith(UNREACHABLE)
