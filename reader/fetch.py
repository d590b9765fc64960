"""HTTP(S) and local-file fetching for feeds and article pages.

Every fetch returns a :class:`FetchResult`; failures are values carrying a user-readable ``error``,
never exceptions. Defences: an overall per-fetch deadline (httpx timeouts are per read, so a
slow-drip server would otherwise hold a fetch forever), at most :data:`MAX_REDIRECTS` redirects,
each to http/https only, a cap on the *decompressed* size of the body (a gzip bomb stops at the cap
and memory stays bounded, because we decompress the raw stream ourselves with an output limit),
and a size cap on local files too.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
import zlib
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from reader import __version__
from reader.config import RefreshConfig
from reader.schedule import RETRY_AFTER_MAX
from reader.textutil import clean_line

try:  # brotli is a declared dependency, but the reader still works without it
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

USER_AGENT = f"newsreader/{__version__} (+https://github.com/newsreader)"
MAX_REDIRECTS = 5
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.8"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"
ACCEPT_ENCODING = "gzip, deflate, br" if brotli is not None else "gzip, deflate"
_PERMANENT = frozenset({301, 308})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch produced. ``error`` is None on success (2xx or 304)."""

    url: str  # the final URL, after redirects
    status: int = 0  # HTTP status; 200 for a local file; 0 when no response arrived
    content_type: str = ""
    body: bytes = b""
    error: str | None = None  # user-readable
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304: nothing new, nothing to parse
    retry_after: float | None = None  # seconds, from Retry-After (clamped)
    moved_to: str | None = None  # set when every redirect was permanent (301/308)
    max_age: float | None = None  # Cache-Control max-age, seconds
    redirects: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


# --------------------------------------------------------------------------- header helpers


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as delta-seconds or an HTTP date -> seconds from now, clamped to [0, a week]."""
    if not value:
        return None
    value = value.strip()
    seconds: float
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            from datetime import UTC

            when = when.replace(tzinfo=UTC)
        try:
            seconds = when.timestamp() - (time.time() if now is None else now)
        except (OverflowError, OSError, ValueError):
            return None
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), RETRY_AFTER_MAX)


def parse_max_age(value: str | None) -> float | None:
    """Cache-Control max-age in seconds (s-maxage ignored), or None."""
    if not value:
        return None
    for part in value.split(","):
        name, _, arg = part.strip().partition("=")
        if name.strip().lower() == "max-age":
            arg = arg.strip().strip('"')
            if arg.isdigit():
                return min(float(arg), RETRY_AFTER_MAX)
    return None


def _header(headers: httpx.Headers, name: str, limit: int = 512) -> str | None:
    value = headers.get(name)
    if value is None:
        return None
    return clean_line(value, limit) or None


# --------------------------------------------------------------------------- bounded decoding


class BodyTooLarge(Exception):
    pass


class _Decoder:
    """Decompresses a Content-Encoding chain chunk by chunk, never producing more than ``limit``."""

    def __init__(self, encodings: list[str], limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []
        self.raw = 0
        self.steps: list[Callable[[bytes, int], bytes]] = []
        self.finished: list[Callable[[], bool]] = []  # did each stream reach its proper end?
        for name in reversed(encodings):  # the last-applied encoding is undone first
            if name in ("gzip", "x-gzip"):
                self.steps.append(self._zlib_step(16 + zlib.MAX_WBITS, self.finished))
            elif name == "deflate":
                self.steps.append(self._deflate_step())
            elif name == "br" and brotli is not None:
                self.steps.append(self._brotli_step(self.finished))
            elif name in ("identity", ""):
                continue
            else:
                raise ValueError(f"unsupported content encoding {name!r}")

    @staticmethod
    def _zlib_step(
        wbits: int, finished: list[Callable[[], bool]] | None = None
    ) -> Callable[[bytes, int], bytes]:
        state = {"d": zlib.decompressobj(wbits)}
        if finished is not None:
            finished.append(lambda: state["d"].eof)

        def step(data: bytes, budget: int) -> bytes:
            d = state["d"]
            out = [d.decompress(data, budget + 1)]
            got = len(out[0])
            while d.unconsumed_tail and got <= budget:
                more = d.decompress(d.unconsumed_tail, budget + 1 - got)
                if not more:
                    break
                out.append(more)
                got += len(more)
            if got <= budget and d.eof and d.unused_data.strip(b"\0"):
                # a concatenated gzip member: carry on with a fresh decompressor
                rest = d.unused_data
                state["d"] = zlib.decompressobj(wbits)
                out.append(step(rest, budget - got))
            return b"".join(out)

        return step

    def _deflate_step(self) -> Callable[[bytes, int], bytes]:
        # "deflate" should be zlib-wrapped, but some servers send raw deflate: sniff the first byte
        chosen: dict[str, Callable[[bytes, int], bytes]] = {}

        def step(data: bytes, budget: int) -> bytes:
            if "s" not in chosen:
                if not data:
                    return b""
                raw = (data[0] & 0x0F) != 8
                chosen["s"] = self._zlib_step(
                    -zlib.MAX_WBITS if raw else zlib.MAX_WBITS, self.finished
                )
            return chosen["s"](data, budget)

        return step

    @staticmethod
    def _brotli_step(finished: list[Callable[[], bool]]) -> Callable[[bytes, int], bytes]:
        d = brotli.Decompressor()
        finished.append(d.is_finished)

        def step(data: bytes, budget: int) -> bytes:
            out = [d.process(data, output_buffer_limit=budget + 1)]
            got = len(out[0])
            while got <= budget and not d.can_accept_more_data() and not d.is_finished():
                more = d.process(b"", output_buffer_limit=budget + 1 - got)
                if not more:
                    break
                out.append(more)
                got += len(more)
            return b"".join(out)

        return step

    def complete(self) -> bool:
        """False when a compressed stream stopped before its end (a cut-off transfer)."""
        return self.raw == 0 or all(check() for check in self.finished)

    def feed(self, chunk: bytes) -> None:
        self.raw += len(chunk)
        budget = self.limit - self.size
        for step in self.steps:
            chunk = step(chunk, budget)
        self.size += len(chunk)
        if self.size > self.limit:
            raise BodyTooLarge
        if chunk:
            self.parts.append(chunk)

    def body(self) -> bytes:
        return b"".join(self.parts)


def _size_words(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1000:
        return f"{n / 1000:g} KB"
    return f"{n} bytes"


# --------------------------------------------------------------------------- per-host limits


class HostLimits:
    """At most ``per_host`` fetches to one host at a time (created and used inside one event loop)."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._sems: dict[str, asyncio.Semaphore] = {}

    @asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        sem = self._sems.get(host)
        if sem is None:
            sem = self._sems[host] = asyncio.Semaphore(self.per_host)
        async with sem:
            yield


# --------------------------------------------------------------------------- clients


def make_client(config: RefreshConfig) -> httpx.AsyncClient:
    """One shared client: connection pool sized to the concurrency, our timeouts and User-Agent."""
    concurrency = int(config.concurrency)
    timeout = float(config.timeout_seconds)
    return httpx.AsyncClient(
        follow_redirects=False,  # we follow them ourselves: scheme checks, permanence, loops
        timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
        limits=httpx.Limits(
            max_connections=max(concurrency, 1) * 2,
            max_keepalive_connections=8,
            keepalive_expiry=30.0,
        ),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
        trust_env=False,
    )


def is_local(url: str) -> bool:
    return url.startswith(("/", "./", "../", "~")) or urlsplit(url).scheme.lower() == "file"


def local_path(url: str) -> Path:
    if urlsplit(url).scheme.lower() == "file":
        parts = urlsplit(url)
        return Path(unquote(parts.path))
    return Path(url).expanduser()


def read_local(url: str, max_bytes: int) -> FetchResult:
    """A feed or page given as ``file://`` URL or local path, read with the same size cap."""
    try:
        path = local_path(url)
        if path.is_dir():
            raise IsADirectoryError
        if not path.is_file() and path.exists():  # a FIFO would block forever, a device never end
            return FetchResult(url=url, error=f"{url} is a pipe or a device, not a regular file.")
        with path.open("rb") as fh:
            body = fh.read(max_bytes + 1)
    except IsADirectoryError:
        return FetchResult(url=url, error=f"{url} is a folder, not a file.")
    except FileNotFoundError:
        return FetchResult(url=url, error=f"No such file: {url}")
    except PermissionError:
        return FetchResult(url=url, error=f"Permission denied reading {url}")
    except OSError as exc:  # "File name too long", "Input/output error"
        why = exc.strerror or "the system refused it"
        return FetchResult(url=url, error=f"Cannot read {url}: {why[0].lower()}{why[1:]}.")
    except ValueError:  # a NUL byte in the name
        return FetchResult(url=url, error=f"Cannot read {url}: that is no file name.")
    if len(body) > max_bytes:
        return FetchResult(
            url=url,
            status=200,
            error=f"The file is larger than the {_size_words(max_bytes)} limit.",
        )
    return FetchResult(url=url, status=200, body=body)


# --------------------------------------------------------------------------- fetching


def _http_url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number in 0-65535
    except ValueError:
        return "is not a valid URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"uses the unsupported scheme '{parts.scheme}:'" if parts.scheme else "has no scheme"
    if not parts.hostname:
        return "has no host name"
    if any(ord(ch) < 33 or ch == "\x7f" for ch in url):
        return "contains spaces or control characters"
    return None


async def fetch(
    url: str,
    config: RefreshConfig,
    client: httpx.AsyncClient | None = None,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str = FEED_ACCEPT,
    limits: HostLimits | None = None,
) -> FetchResult:
    """Fetch ``url`` (http/https, ``file://`` or a local path); never raises for bad input."""
    max_bytes = int(config.max_bytes)
    deadline = float(config.feed_deadline_seconds)
    url = url.strip()
    if is_local(url):
        return await asyncio.to_thread(read_local, url, max_bytes)
    problem = _http_url_problem(url)
    if problem:
        return FetchResult(url=url, error=f"The address {problem}: {clean_line(url, 200)}")
    own = client is None
    active = client if client is not None else make_client(config)

    async def bounded() -> FetchResult:
        # the deadline starts once this fetch may talk to the host, not while it waits its turn
        try:
            async with asyncio.timeout(deadline):
                return await _fetch_http(
                    active, url, max_bytes, etag, last_modified, accept, config
                )
        except TimeoutError:
            return FetchResult(
                url=url,
                error=f"Gave up after {deadline:g} s: the server is sending too slowly.",
            )
        except httpx.HTTPError as exc:  # from closing the response, after the reading
            return FetchResult(url=url, error=_network_error(exc, config))

    try:
        if limits is None:
            return await bounded()
        async with limits.slot(url):
            return await bounded()
    finally:
        if own:
            await active.aclose()


# how a fetch that never reached its server begins its error (refresh.unreachable reads them)
NO_CONNECTION = "Could not connect"
NO_HOST = "The host name could not be found."
REFUSED = "The server refused the connection."
UNREACHABLE = (NO_CONNECTION, NO_HOST, REFUSED)


def _network_error(exc: BaseException, config: RefreshConfig, *, answered: bool = False) -> str:
    """An exception from httpx (or the socket under it) in words for the user; ``answered``: the
    response had begun to arrive. No exception's class name reaches the user: what is not
    recognised gets general words, and its name and text go to the log."""
    timeout = float(config.timeout_seconds)
    if isinstance(exc, httpx.ConnectTimeout):
        return f"{NO_CONNECTION} within {timeout:g} s."
    if isinstance(exc, httpx.PoolTimeout):
        return f"No connection was free within {timeout:g} s (too many fetches at once)."
    if isinstance(exc, httpx.TimeoutException):
        return f"The server stopped responding (no data for {timeout:g} s)."
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()
        if "certificate" in text or "ssl" in text:
            return "Secure connection failed (certificate problem)."
        if "name or service" in text or "nodename" in text or "getaddrinfo" in text:
            return NO_HOST
        if "refused" in text:
            return REFUSED
        return f"{NO_CONNECTION} to the server."
    if isinstance(exc, httpx.ReadError | httpx.CloseError | ConnectionError) or (
        isinstance(exc, httpx.RemoteProtocolError)
        and (answered or any(w in str(exc).lower() for w in ("disconnect", "closed")))
    ):
        # a reset or a close: "Server disconnected without sending a response", "peer closed
        # connection without sending complete message body"
        if answered:
            return "The server closed the connection before the whole response arrived."
        return "The server closed the connection before answering."
    if isinstance(exc, httpx.WriteError):
        return "The server closed the connection while the request was being sent."
    if isinstance(exc, httpx.RemoteProtocolError):
        return "The server sent an invalid response (not proper HTTP)."
    if isinstance(exc, httpx.LocalProtocolError):
        return "The request could not be sent: it is not valid HTTP."
    if isinstance(exc, httpx.ProxyError):
        return "The proxy in between refused the connection."
    if isinstance(exc, httpx.DecodingError):
        return "The server sent a corrupt compressed body."
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return "The address is not a valid http(s) URL."
    if isinstance(exc, httpx.TooManyRedirects):
        return f"Too many redirects (more than {MAX_REDIRECTS})."
    log.warning("fetch failed: %s: %s", exc.__class__.__name__, clean_line(str(exc), 300))
    why = exc.strerror if isinstance(exc, OSError) and isinstance(exc.strerror, str) else ""
    why = clean_line(why, 100).rstrip(".")
    if why:
        return f"The connection to the server failed: {why[:1].lower()}{why[1:]}."
    return "The connection to the server failed."


async def _fetch_http(
    client: httpx.AsyncClient,
    url: str,
    max_bytes: int,
    etag: str | None,
    last_modified: str | None,
    accept: str,
    config: RefreshConfig,
) -> FetchResult:
    headers = {"Accept": accept}
    # validators go back only when ASCII: a server's non-ASCII ETag must not break every later fetch
    if etag and etag.isascii():
        headers["If-None-Match"] = etag
    if last_modified and last_modified.isascii():
        headers["If-Modified-Since"] = last_modified
    current = url
    seen = {url}
    permanent = True
    redirects = 0
    while True:
        try:
            request = client.build_request("GET", current, headers=headers)
            response = await client.send(request, stream=True)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            # our own check passed for ``current``: httpx choked on the redirect it was handed
            return FetchResult(
                url=current,
                error="Refused a redirect to an address that is not a valid http(s) URL.",
                redirects=redirects,
            )
        except (httpx.HTTPError, ValueError, OSError) as exc:
            return FetchResult(url=current, error=_network_error(exc, config), redirects=redirects)
        try:
            status = response.status_code
            if status in _REDIRECTS:
                location = response.headers.get("location", "").strip()
                if not location:
                    return FetchResult(
                        url=current,
                        status=status,
                        error=f"HTTP {status} redirect without a Location header.",
                    )
                target = urljoin(current, location)
                problem = _http_url_problem(target)
                if problem:
                    return FetchResult(
                        url=current,
                        status=status,
                        error=f"Refused a redirect to an address that {problem}.",
                    )
                redirects += 1
                if target in seen:
                    return FetchResult(
                        url=current, status=status, error="The server redirects in a loop."
                    )
                if redirects > MAX_REDIRECTS:
                    return FetchResult(
                        url=current,
                        status=status,
                        error=f"Too many redirects (more than {MAX_REDIRECTS}).",
                    )
                seen.add(target)
                permanent = permanent and status in _PERMANENT
                current = target
                continue
            return await _finish(response, url, current, max_bytes, permanent, redirects, config)
        finally:
            await response.aclose()


async def _finish(
    response: httpx.Response,
    original: str,
    final: str,
    max_bytes: int,
    permanent: bool,
    redirects: int,
    config: RefreshConfig,
) -> FetchResult:
    status = response.status_code
    h = response.headers
    common = {
        "url": final,
        "status": status,
        "content_type": _header(h, "content-type", 200) or "",
        "etag": _header(h, "etag"),
        "last_modified": _header(h, "last-modified", 100),
        "moved_to": final if redirects and permanent and final != original else None,
        "max_age": parse_max_age(h.get("cache-control")),
        "retry_after": parse_retry_after(h.get("retry-after")),
        "redirects": redirects,
    }
    if status == 304:
        await _drain(response)
        return FetchResult(not_modified=True, **common)  # type: ignore[arg-type]
    if not 200 <= status < 300:
        await _drain(response)
        reason = clean_line(response.reason_phrase, 60)
        return FetchResult(error=_status_error(status, reason), **common)  # type: ignore[arg-type]
    length = h.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        return FetchResult(
            error=f"The response is larger than the {_size_words(max_bytes)} limit.",
            **common,  # type: ignore[arg-type]
        )
    encodings = [e.strip().lower() for e in h.get("content-encoding", "").split(",") if e.strip()]
    try:
        decoder = _Decoder(encodings, max_bytes)
    except ValueError:
        return FetchResult(
            error="The server used a compression this reader does not understand.",
            **common,  # type: ignore[arg-type]
        )
    try:
        async for chunk in response.aiter_raw():
            decoder.feed(chunk)
        decoder.feed(b"")
        if not decoder.complete():
            return FetchResult(
                error="The compressed body was cut short; the transfer did not finish.",
                **common,  # type: ignore[arg-type]
            )
    except BodyTooLarge:
        return FetchResult(
            error=f"The response is larger than the {_size_words(max_bytes)} limit; stopped reading.",
            **common,  # type: ignore[arg-type]
        )
    except (zlib.error, ValueError) as exc:
        del exc
        return FetchResult(error="The server sent a corrupt compressed body.", **common)  # type: ignore[arg-type]
    except Exception as exc:
        if brotli is not None and isinstance(exc, brotli.error):
            return FetchResult(error="The server sent a corrupt compressed body.", **common)  # type: ignore[arg-type]
        if isinstance(exc, httpx.HTTPError | OSError):
            return FetchResult(error=_network_error(exc, config, answered=True), **common)  # type: ignore[arg-type]
        raise
    return FetchResult(body=decoder.body(), **common)  # type: ignore[arg-type]


async def _drain(response: httpx.Response, limit: int = 65536) -> None:
    """Read a small unwanted body so the connection can be kept alive (a 304 has none)."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return  # not worth it: closing the response drops the connection instead
    seen = 0
    try:
        async for chunk in response.aiter_raw():
            seen += len(chunk)
            if seen > limit:
                return
    except httpx.HTTPError:
        return


def _status_error(status: int, reason: str) -> str:
    """ "HTTP 404 Not Found: there is nothing at this address." (the server's own reason, then
    what it means in words)."""
    words = {
        401: "it needs a login",
        403: "the server refuses access",
        404: "there is nothing at this address",
        410: "it is gone for good",
        429: "too many requests; the server asked us to slow down",
        500: "the server failed to answer",
        502: "a gateway in front of the server failed",
        503: "the server is unavailable for now",
        504: "a gateway in front of the server timed out",
    }.get(status)
    label = f"HTTP {status}"
    if reason:
        label += f" {reason}"
    return f"{label}: {words}." if words else f"{label}."


async def fetch_page(
    url: str, config: RefreshConfig, client: httpx.AsyncClient | None = None
) -> FetchResult:
    """Fetch an article page (or any document) with the same limits as feeds; never raises."""
    try:
        return await fetch(url, config, client, accept=PAGE_ACCEPT)
    except Exception as exc:  # a last guard: errors are values at this edge
        if isinstance(exc, httpx.HTTPError | OSError):
            return FetchResult(url=url, error=_network_error(exc, config))
        log.exception("fetching %s failed", clean_line(url, 300))
        return FetchResult(url=url, error="The fetch failed because of a fault in newsreader.")


def run_blocking(coro_fn: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion from synchronous code: in this thread when it has no event
    loop running, else in a short-lived helper thread (asyncio.run cannot nest)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro_fn())
    with ThreadPoolExecutor(1, thread_name_prefix="newsreader-sync") as pool:
        return pool.submit(lambda: asyncio.run(coro_fn())).result()


STOP_POLL = 0.05  # seconds between looks at a stop event


async def unless_stopped(work: asyncio.Future[Any], stop: threading.Event | None) -> None:
    """Await ``work``, cancelling it once ``stop`` is set (a threading.Event: the reader sets it
    from its own thread when it quits)."""
    if stop is None:
        await work
        return

    async def watch() -> None:
        while not stop.is_set():
            await asyncio.sleep(STOP_POLL)
        work.cancel()

    watcher = asyncio.ensure_future(watch())
    try:
        await work
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if not stop.is_set() or (task is not None and task.cancelling()):
            raise  # cancelled from outside (Ctrl+C in the CLI), not stopped
    finally:
        watcher.cancel()


STOPPED = "Stopped: newsreader is closing."


def fetch_page_sync(
    url: str, config: RefreshConfig, stop: threading.Event | None = None
) -> FetchResult:
    """Blocking wrapper for :func:`fetch_page` (for thread workers and scripts); ``stop`` ends
    it early (the reader quitting), with the error STOPPED."""

    async def fetch_or_stop() -> FetchResult:
        task = asyncio.ensure_future(fetch_page(url, config))
        await unless_stopped(task, stop)
        if task.cancelled():
            return FetchResult(url=url, error=STOPPED)
        return task.result()

    return run_blocking(fetch_or_stop)
