"""Refresh benchmark: N synthetic feeds on a loopback server, cold then warm, vs newsboat.

    python benchmarks/refresh.py                  # 1,000 feeds x 40 items (~60 KB each)
    python benchmarks/refresh.py --feeds 200 --no-newsboat

A separate server process serves the feeds from 50 loopback addresses (127.0.0.2-127.0.0.51, one
port) with 50+-50 ms latency per response, a mix of RSS 2.0 and Atom, ETag/Last-Modified and 304s.
Each phase runs in a fresh client process so its wall time, CPU seconds (its own plus its parse
workers') and peak RSS are its own:

  cold  - refresh into an empty database
  warm  - refresh again (force=True: every feed is fetched; the server answers 304)

When ``newsboat`` is installed it runs ``newsboat -x reload`` with ``reload-threads 32`` against the
same server (cold, then warm) and the ratios are printed (wall and CPU: on a shared machine the CPU
seconds are the steadier comparison). The server counts 200s and 304s per phase, which shows who
really made conditional requests (newsboat 2.21's ``-x reload`` sent none here, so its "warm" run
downloads and parses everything again). Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import Any

WORDS = [
    "market",
    "government",
    "climate",
    "research",
    "energy",
    "election",
    "river",
    "science",
    "council",
    "report",
    "city",
    "health",
    "budget",
    "police",
    "school",
    "water",
    "league",
    "season",
    "museum",
    "court",
    "policy",
    "transport",
    "digital",
    "rain",
    "storm",
    "village",
    "festival",
    "bridge",
    "satellite",
    "harbour",
    "vaccine",
    "orchestra",
    "library",
]


# --------------------------------------------------------------------------- synthetic feeds


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_feed(i: int, items: int) -> bytes:
    rng = random.Random(i)
    base = 1_750_000_000 - i * 3600
    entries = []
    for k in range(items):
        title = _sentence(rng, 8)
        link = f"https://site{i % 97}.example/feed{i}/story-{k}"
        body = "".join(f"<p>{_sentence(rng, 20)}</p>" for _ in range(9))
        stamp = base - k * 1800
        if i % 2 == 0:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link>"
                f'<guid isPermaLink="true">{link}</guid>'
                f"<pubDate>{formatdate(stamp, usegmt=True)}</pubDate>"
                f"<description><![CDATA[{body}]]></description></item>"
            )
        else:
            iso = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))
            entries.append(
                f'<entry><title>{title}</title><link rel="alternate" href="{link}"/>'
                f"<id>tag:site{i % 97}.example,2025:feed{i}/{k}</id><updated>{iso}</updated>"
                f'<content type="html"><![CDATA[{body}]]></content></entry>'
            )
    if i % 2 == 0:
        doc = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Synthetic feed {i}</title><link>https://site{i % 97}.example/</link>"
            f"<description>Feed {i}</description>{''.join(entries)}</channel></rss>"
        )
    else:
        doc = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Synthetic feed {i}</title><id>urn:synthetic:{i}</id>"
            f'<updated>2025-06-01T00:00:00Z</updated><link href="https://site{i % 97}.example/"/>'
            f"{''.join(entries)}</feed>"
        )
    return doc.encode()


def feed_url(i: int, hosts: int, port: int) -> str:
    return f"http://127.0.0.{2 + i % hosts}:{port}/feed/{i}.xml"


# --------------------------------------------------------------------------- server process

LAST_MODIFIED = 1_750_000_000


def _not_modified_since(value: str | None) -> bool:
    if not value:
        return False
    try:
        return parsedate_to_datetime(value).timestamp() >= LAST_MODIFIED
    except (TypeError, ValueError, IndexError):
        return False


def serve(feeds: int, items: int, hosts: int, latency: float, jitter: float, conn: Any) -> None:
    bodies = [make_feed(i, items) for i in range(feeds)]
    stamp = formatdate(LAST_MODIFIED, usegmt=True)
    stats = {"200": 0, "304": 0}
    rng = random.Random(1)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                await asyncio.sleep(max(0.0, latency + rng.uniform(-jitter, jitter)))
                try:
                    i = int(path.rsplit("/", 1)[1].split(".")[0])
                    body = bodies[i]
                except (ValueError, IndexError):
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                    continue
                etag = f'"v{i}"'
                if headers.get("if-none-match") == etag or _not_modified_since(
                    headers.get("if-modified-since")
                ):
                    stats["304"] += 1
                    writer.write(f"HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\n\r\n".encode())
                else:
                    stats["200"] += 1
                    writer.write(
                        (
                            "HTTP/1.1 200 OK\r\nContent-Type: application/xml; charset=utf-8\r\n"
                            f"ETag: {etag}\r\nLast-Modified: {stamp}\r\n"
                            f"Content-Length: {len(body)}\r\n\r\n"
                        ).encode()
                        + body
                    )
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = []
        port = 0
        for h in range(hosts):
            srv = await asyncio.start_server(handle, f"127.0.0.{2 + h}", port, backlog=512)
            port = srv.sockets[0].getsockname()[1]
            servers.append(srv)
        conn.send(port)
        loop = asyncio.get_running_loop()
        while True:
            cmd = await loop.run_in_executor(None, conn.recv)
            if cmd == "stats":
                conn.send(dict(stats))
                stats["200"] = stats["304"] = 0
            elif cmd == "stop":
                break
        for srv in servers:
            srv.close()

    asyncio.run(main())


# --------------------------------------------------------------------------- client runs


def client(db: str, urls_file: str, concurrency: int, per_host: int) -> None:
    """One refresh in this (fresh) process; prints a JSON line with its own figures."""
    from reader.config import Config, FeedConfig, RefreshConfig
    from reader.refresh import refresh_sync
    from reader.store import open_store

    store = open_store(db)
    urls = Path(urls_file).read_text().split()
    if not store.feeds():
        store.sync_config_feeds([FeedConfig(u) for u in urls])
    config = Config(refresh=RefreshConfig(concurrency=concurrency, per_host=per_host))
    started = time.perf_counter()
    results = refresh_sync(store, config, force=True)
    wall = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    errors = [r.error for r in results if r.error][:3]
    row = store.query("SELECT COUNT(*) AS n, COUNT(DISTINCT guid) AS g FROM articles")[0]
    self_ru = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": self_ru.ru_utime + self_ru.ru_stime,
                "cpu_workers": kids.ru_utime + kids.ru_stime,
                "rss_mb": self_ru.ru_maxrss / 1024,
                "rss_worker_mb": kids.ru_maxrss / 1024,
                "statuses": statuses,
                "errors": errors,
                "articles": row["n"],
                "distinct": row["g"],
                "new": sum(r.new for r in results),
            }
        )
    )
    store.close()


def run_client(db: Path, urls: Path, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--client",
        str(db),
        str(urls),
        str(args.concurrency),
        str(args.per_host),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr[-3000:])
        raise SystemExit("client run failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_newsboat(work: Path, urls: Path) -> dict[str, Any]:
    config = work / "newsboat.conf"
    config.write_text("reload-threads 32\nshow-read-feeds yes\nsuppress-first-reload no\n")
    cache = work / "newsboat-cache.db"
    started = time.perf_counter()
    proc = subprocess.Popen(
        ["newsboat", "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "HOME": str(work)},
    )
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    n = 0
    if cache.exists():
        with sqlite3.connect(cache) as db:
            n = db.execute("SELECT COUNT(*) FROM rss_item").fetchone()[0]
    return {
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "rss_mb": ru.ru_maxrss / 1024,
        "articles": n,
        "rc": proc.returncode,
        "stderr": err[-300:],
    }


def _check_hosts(hosts: int) -> None:
    for h in range(hosts):
        s = socket.socket()
        try:
            s.bind((f"127.0.0.{2 + h}", 0))
        except OSError as exc:
            raise SystemExit(f"cannot bind 127.0.0.{2 + h} ({exc}); try --hosts 1") from None
        finally:
            s.close()


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--client":
        client(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        return 0
    ap = argparse.ArgumentParser(description="refresh benchmark (see the module doc)")
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--latency-ms", type=float, default=50.0)
    ap.add_argument("--jitter-ms", type=float, default=50.0)
    ap.add_argument("--concurrency", type=int, default=32, help="as newsboat's reload-threads")
    ap.add_argument("--per-host", type=int, default=4)
    ap.add_argument("--warm-runs", type=int, default=2)
    ap.add_argument("--no-newsboat", action="store_true")
    args = ap.parse_args()
    _check_hosts(args.hosts)

    sample = make_feed(0, args.items)
    print(
        f"{args.feeds} feeds x {args.items} items (~{len(sample) // 1000} KB each), "
        f"{args.hosts} loopback hosts, latency {args.latency_ms:g}+-{args.jitter_ms:g} ms, "
        f"concurrency {args.concurrency}, per host {args.per_host}, {os.cpu_count()} CPUs"
    )
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    server = ctx.Process(
        target=serve,
        args=(
            args.feeds,
            args.items,
            args.hosts,
            args.latency_ms / 1000,
            args.jitter_ms / 1000,
            child,
        ),
        daemon=True,
    )
    server.start()
    port = parent.recv()
    expected = args.feeds * args.items
    figures: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        urls = work / "urls"
        urls.write_text("\n".join(feed_url(i, args.hosts, port) for i in range(args.feeds)) + "\n")
        db = work / "bench.db"
        try:
            for phase in ["cold"] + [f"warm{k + 1}" for k in range(args.warm_runs)]:
                res = run_client(db, urls, args)
                parent.send("stats")
                served = parent.recv()
                figures[phase] = res
                print(
                    f"newsreader {phase:6} wall {res['wall']:6.2f} s  CPU {res['cpu']:5.2f} s "
                    f"+ workers {res['cpu_workers']:5.2f} s  peak RSS {res['rss_mb']:5.0f} MB "
                    f"(worker {res['rss_worker_mb']:4.0f} MB)  articles {res['articles']} "
                    f"(distinct {res['distinct']}, expected {expected})  new {res['new']}  "
                    f"statuses {res['statuses']}  server 200/304 {served['200']}/{served['304']}"
                )
                if res["errors"]:
                    print("   errors:", res["errors"])
            if not args.no_newsboat and shutil.which("newsboat"):
                for phase in ("cold", "warm"):
                    res = run_newsboat(work, urls)
                    parent.send("stats")
                    served = parent.recv()
                    figures[f"newsboat-{phase}"] = res
                    print(
                        f"newsboat   {phase:6} wall {res['wall']:6.2f} s  CPU {res['cpu']:5.2f} s"
                        f"  peak RSS {res['rss_mb']:5.0f} MB  articles {res['articles']}  "
                        f"rc {res['rc']}  server 200/304 {served['200']}/{served['304']}"
                    )
                cold, warm = figures["cold"], figures["warm1"]
                nb_cold, nb_warm = figures["newsboat-cold"], figures["newsboat-warm"]
                cpu_cold = cold["cpu"] + cold["cpu_workers"]
                cpu_warm = warm["cpu"] + warm["cpu_workers"]
                print(
                    f"ratios: cold {cold['wall'] / nb_cold['wall']:.2f}x newsboat's wall "
                    f"(target <= 0.35), {cpu_cold / nb_cold['cpu']:.2f}x its CPU; "
                    f"warm {warm['wall'] / nb_warm['wall']:.2f}x wall (target <= 0.25), "
                    f"{cpu_warm / nb_warm['cpu']:.2f}x CPU"
                )
            elif not args.no_newsboat:
                print("newsboat is not installed: no ratios (apt-get install newsboat)")
        finally:
            parent.send("stop")
            server.join(10)
            if server.is_alive():
                server.terminate()
    cold = figures["cold"]
    ok = cold["articles"] == expected and cold["distinct"] == expected
    print(
        f"targets (N=1000): cold < ~10 s, warm < 3 s, peak RSS < 250 MB; "
        f"every article stored exactly once: {'yes' if ok else 'NO'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
