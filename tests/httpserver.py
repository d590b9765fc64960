"""A real HTTP server on 127.0.0.1 for tests: programmable routes, threaded, no mocks of httpx.

    with LocalServer() as srv:
        srv.route("/feed", body=b"<rss ...>", headers={"Content-Type": "application/rss+xml"})
        srv.route("/slow", body=b"x" * 100, drip=0.2)          # one byte every 0.2 s
        srv.route("/old", status=301, headers={"Location": "/feed"})
        srv.route("/dyn", handler=lambda req: Route(status=304) if req.headers.get("If-None-Match") else ...)
        url = srv.url("/feed")

Every request is recorded in ``srv.requests`` (path and headers).
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before the status line
    drip: float = 0.0  # > 0: send the body one ``chunk`` at a time, sleeping this long between
    chunk: int = 1
    endless: bool = False  # repeat ``body`` forever, no Content-Length
    content_length: bool = True
    handler: Callable[[Request], Route] | None = None  # computes the response per request


@dataclass
class Request:
    path: str
    headers: Message
    host: str = ""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        req = Request(self.path, self.headers, self.headers.get("Host", ""))
        self.server.owner.requests.append(req)
        route = self.server.owner.routes.get(self.path.split("?")[0])
        if route is None:
            route = Route(status=404, body=b"not here")
        if route.handler is not None:
            route = route.handler(req)
        try:
            self._respond(route)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            self.close_connection = True

    def _respond(self, route: Route) -> None:
        if route.delay:
            time.sleep(route.delay)
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.endless or not route.content_length:
            self.send_header("Connection", "close")
            self.close_connection = True
        elif "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if route.endless:
            piece = route.body or b"x" * 65536
            deadline = time.monotonic() + 30  # never outlive a test by much
            while time.monotonic() < deadline and not self.server.owner.stopping:
                self.wfile.write(piece)
                if route.drip:
                    time.sleep(route.drip)
            return
        if route.drip:
            owner = self.server.owner
            for i in range(0, len(route.body), route.chunk):
                if owner.stopping:
                    return
                self.wfile.write(route.body[i : i + route.chunk])
                self.wfile.flush()
                owner.sent[self.path] = owner.sent.get(self.path, 0) + len(
                    route.body[i : i + route.chunk]
                )
                time.sleep(route.drip)
            return
        self.wfile.write(route.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: LocalServer

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-request (a fetch cancelled as the reader quits, a test
        ending) is what the tests do on purpose; anything else is printed as usual."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class LocalServer:
    """A threaded HTTP/1.1 server on ``host`` (127.0.0.1 by default) with an ephemeral port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.sent: dict[str, int] = {}  # body bytes a dripping route got out before the hang-up
        self.stopping = False
        self._server = _Server((host, port), _Handler)
        self._server.owner = self
        address = self._server.server_address
        self.host, self.port = str(address[0]), int(address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def route(self, path: str, **kwargs: object) -> Route:
        r = Route(**kwargs)  # type: ignore[arg-type]
        self.routes[path] = r
        return r

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str) -> int:
        return sum(1 for r in self.requests if r.path.split("?")[0] == path)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------- hostile bodies

_BOMB_CACHE: dict[int, bytes] = {}


def gzip_bomb(decompressed: int = 200_000_000) -> bytes:
    """A small gzip stream that inflates to ``decompressed`` zero bytes."""
    if decompressed not in _BOMB_CACHE:
        comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        block = b"\0" * 1_000_000
        parts = [comp.compress(block) for _ in range(decompressed // len(block))]
        parts.append(comp.flush())
        _BOMB_CACHE[decompressed] = b"".join(parts)
    return _BOMB_CACHE[decompressed]


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body)


# --------------------------------------------------------------------------- feed documents


@dataclass
class Item:
    title: str = "An item"
    link: str | None = "https://example.com/a"
    guid: str | None = None
    date: str | None = "Tue, 10 Jun 2025 04:00:00 GMT"  # RSS; Atom gets ISO dates
    description: str = "Some text."
    extra: str = ""  # raw XML appended inside the item


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rss(
    items: list[Item],
    title: str = "Test feed",
    link: str = "https://example.com/",
    encoding: str = "utf-8",
    channel_extra: str = "",
) -> bytes:
    out = [f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>']
    out.append(f"<title>{_esc(title)}</title><link>{_esc(link)}</link>{channel_extra}")
    for it in items:
        out.append("<item>")
        out.append(f"<title>{_esc(it.title)}</title>")
        if it.link is not None:
            out.append(f"<link>{_esc(it.link)}</link>")
        if it.guid is not None:
            out.append(f'<guid isPermaLink="false">{_esc(it.guid)}</guid>')
        if it.date is not None:
            out.append(f"<pubDate>{it.date}</pubDate>")
        out.append(f"<description>{_esc(it.description)}</description>{it.extra}</item>")
    out.append("</channel></rss>")
    return "".join(out).encode(encoding)


def atom(items: list[Item], title: str = "Test atom", base: str = "") -> bytes:
    xml_base = f' xml:base="{_esc(base)}"' if base else ""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"{xml_base}>'
        f"<title>{_esc(title)}</title><id>urn:test:feed</id><updated>2025-06-10T04:00:00Z</updated>"
    ]
    for it in items:
        out.append("<entry>")
        out.append(f"<title>{_esc(it.title)}</title>")
        if it.link is not None:
            out.append(f'<link rel="alternate" href="{_esc(it.link)}"/>')
        if it.guid is not None:
            out.append(f"<id>{_esc(it.guid)}</id>")
        if it.date is not None:
            out.append(f"<updated>{it.date}</updated>")
        out.append(f'<summary type="html">{_esc(it.description)}</summary>{it.extra}</entry>')
    out.append("</feed>")
    return "".join(out).encode("utf-8")
