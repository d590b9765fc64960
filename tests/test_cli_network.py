"""`newsreader refresh`, `add`, `extract` and `summarize` as subprocesses against a real local server."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.models import View
from reader.store import open_store
from tests.httpserver import Item, LocalServer, Request, Route, rss
from tests.processes import children_of, wait_gone
from tests.test_cli import run

ARTICLE = """<!doctype html><html lang="en"><head><title>Council approves new bridge | Daily Example</title></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main><article><h1>Council approves new bridge over the river</h1>
<p class="byline">By Jane Reporter</p>
<p>The city council voted on Tuesday to approve a new pedestrian bridge across the river, ending a
debate that has lasted for more than a decade.</p>
<p>The bridge will cost an estimated 40 million euros and is expected to open in 2028, officials said.
Construction will begin next spring once the final permits are issued.</p>
<p>Supporters argue the crossing will ease traffic on the two existing bridges and connect the new
housing district with the old town. Opponents said the money should go to schools instead.</p>
<p>The mayor called the vote a historic day for the city and promised a public consultation on the
final design before the end of the year.</p>
</article></main>
<aside class="newsletter">Sign up for our newsletter to get the best stories every morning.</aside>
<footer>© Daily Example. All rights reserved.</footer></body></html>"""


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


def config_for(tmp_path: Path, urls: list[str]) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text(
        "[refresh]\ntimeout_seconds = 3\nfeed_deadline_seconds = 5\n"
        + "".join(f'[[feeds]]\nurl = "{u}"\ncategory = "Test"\n' for u in urls)
    )
    return ["--config", str(path), "--db", str(tmp_path / "news.db")]


def test_refresh_reports_each_feed_and_exits_0_when_some_fail(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route(
        "/good.xml",
        body=rss(
            [Item(f"Story {i}", f"https://example.com/{i}") for i in range(5)], title="Good feed"
        ),
        headers={"Content-Type": "application/rss+xml"},
    )
    cfg = config_for(tmp_path, [server.url("/good.xml"), server.url("/missing.xml")])
    result = run("refresh", *cfg)
    assert result.returncode == 0, result.stderr
    assert "Good feed" in result.stdout
    assert "5 new articles from 1 feed (2 feeds fetched, 1 failed)." in result.stdout
    assert "404" in result.stdout or "not found" in result.stdout.lower()
    # said on stderr too, for cron (which mails stderr) when the table goes to a log
    assert "1 of the 2 feeds fetched failed" in result.stderr
    stats = json.loads(run("stats", "--json", *cfg).stdout)
    assert stats["articles"] == 5 and stats["last_refresh"] is not None
    again = run("refresh", "--force", *cfg)
    assert "No new articles (2 feeds fetched, 1 failed)." in again.stdout


def test_refresh_says_which_feeds_it_skipped_while_they_back_off(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/good.xml", body=rss([Item("Story", "https://example.com/1")], title="Good"))
    with LocalServer() as gone:
        dead_port = gone.url("/feed.xml")  # nothing listens there any more
    cfg = config_for(tmp_path, [server.url("/good.xml"), server.url("/missing.xml"), dead_port])
    first = run("refresh", *cfg)
    assert "1 new article from 1 feed (3 feeds fetched, 2 failed)." in first.stdout, first.stdout
    second = run("refresh", *cfg, env={"COLUMNS": "400"})  # no wrapped cells
    assert second.returncode == 0, second.stderr
    out = " ".join(second.stdout.split())
    assert (
        "No new articles (1 feed fetched, 0 failed); 2 feeds skipped, backing off after errors"
        in out
    )
    assert "--force tries them now" in out and "next try in 5 min" in out
    assert "missing.xml" in out and "404" in out and "Could not connect" in out, second.stdout
    assert out.count("skipped: backing off after 1 failure,") == 2
    forced = run("refresh", "--force", *cfg)
    assert "skipped" not in forced.stdout and "2 failed)." in forced.stdout
    failing = [f for f in json.loads(run("feeds", "--json", *cfg).stdout) if f["status"] != "ok"]
    assert [(f["status"], f["failures"]) for f in failing] == [("failing", 2), ("failing", 2)]
    assert all(f["next_try"] and f["last_error"] for f in failing)


def test_refresh_exits_1_when_nothing_could_be_done(server: LocalServer, tmp_path: Path) -> None:
    cfg = config_for(tmp_path, [server.url("/a.xml"), server.url("/b.xml")])
    result = run("refresh", *cfg)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_add_discovers_the_feed_of_a_site(server: LocalServer, tmp_path: Path) -> None:
    server.route(
        "/feed.xml",
        body=rss([Item("Hello", "https://example.com/h")], title="Site feed"),
        headers={"Content-Type": "application/rss+xml"},
    )
    server.route(
        "/",
        body=b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>'
        b"<body>Welcome</body></html>",
        headers={"Content-Type": "text/html"},
    )
    cfg = config_for(tmp_path, [])
    result = run("add", server.url("/"), *cfg)
    assert result.returncode == 0, result.stderr
    exported = run("export-opml", *cfg).stdout
    assert server.url("/feed.xml") in exported
    second = run("add", server.url("/feed.xml"), *cfg)
    assert second.returncode == 0
    assert run("export-opml", *cfg).stdout.count("/feed.xml") == 1


def test_add_refuses_a_bad_scheme(tmp_path: Path) -> None:
    result = run("add", "javascript:alert(1)", *config_for(tmp_path, []))
    assert result.returncode == 1 and "unsupported scheme" in result.stderr


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`newsreader` started in ``folder`` (where relative paths are read from)."""
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=folder,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )


def test_add_a_local_file_by_any_name_is_one_subscription_that_works_from_anywhere(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    feed = site / "aebnews.xml"
    feed.write_bytes(rss([Item("Local story", "https://example.com/local")], title="AEB news"))
    cfg = config_for(tmp_path, [])
    first = run_in(tmp_path, "add", "site/aebnews.xml", *cfg)
    assert first.returncode == 0, first.stderr
    assert "AEB news" in first.stdout
    for name, folder in (
        ("./site/aebnews.xml", tmp_path),
        ("aebnews.xml", site),
        (str(feed), Path("/")),
        (f"file://{feed}", Path("/")),
    ):
        again = run_in(folder, "add", name, *cfg)
        assert again.returncode == 0, again.stderr
        assert "Already subscribed to AEB news" in again.stdout, (name, again.stdout)
    exported = run("export-opml", *cfg).stdout
    assert exported.count("aebnews.xml") == 1 and f'xmlUrl="{feed}"' in exported
    feed.write_bytes(
        rss(
            [
                Item("Local story", "https://example.com/local"),
                Item("Next", "https://example.com/2"),
            ],
            title="AEB news",
        )
    )
    refreshed = run_in(Path("/"), "refresh", "--force", *cfg)  # from another folder
    assert "1 new article from 1 feed (1 feed fetched, 0 failed)." in refreshed.stdout, (
        refreshed.stdout
    )
    missing = run_in(tmp_path, "add", "site/other.xml", *cfg)
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        f"newsreader: The address names no file here ({site / 'other.xml'}) and is not a web "
        "address: 'site/other.xml'"
    )


def test_add_without_a_scheme_takes_an_ip_address_as_http(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route(
        "/feed.xml",
        body=rss([Item("Hello", "https://example.com/h")], title="Plain feed"),
        headers={"Content-Type": "application/rss+xml"},
    )
    cfg = config_for(tmp_path, [])
    address = server.url("/feed.xml").removeprefix("http://")
    result = run("add", address, *cfg)
    assert result.returncode == 0, result.stderr
    assert server.hits("/feed.xml") == 1
    assert f'xmlUrl="http://{address}"' in run("export-opml", *cfg).stdout


def test_extract_a_page_from_a_url_and_a_file(server: LocalServer, tmp_path: Path) -> None:
    server.route(
        "/story.html", body=ARTICLE.encode(), headers={"Content-Type": "text/html; charset=utf-8"}
    )
    cfg = config_for(tmp_path, [])
    result = run("extract", server.url("/story.html"), "--json", *cfg)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["main"]["title"] == "Council approves new bridge over the river"
    assert "40 million euros" in data["main"]["text"]
    for clutter in ("cookies", "newsletter", "All rights reserved", "Home"):
        assert clutter not in data["main"]["text"]
    page = tmp_path / "story.html"
    page.write_text(ARTICLE)
    text = run("extract", str(page), *cfg)
    assert text.returncode == 0 and "=== Main story: Council approves new bridge" in text.stdout


def test_extract_refuses_non_html_content(server: LocalServer, tmp_path: Path) -> None:
    server.route("/doc.pdf", body=b"%PDF-1.7 binary", headers={"Content-Type": "application/pdf"})
    result = run("extract", server.url("/doc.pdf"), "--json", *config_for(tmp_path, []))
    assert result.returncode == 1  # no story: said by the exit code, the JSON says why
    data = json.loads(result.stdout)
    assert data["main"]["text"] == "" and data["note"]
    assert data["main"]["published"] is None and data["main"]["author"] is None  # unknown: null


def test_extract_unreachable_server_says_so(tmp_path: Path) -> None:
    with LocalServer() as srv:
        dead = srv.url("/gone.html")
    result = run("extract", dead, *config_for(tmp_path, []))
    assert result.returncode == 1 and "Could not fetch" in result.stderr
    assert "Traceback" not in result.stderr


def test_summarize_a_page(server: LocalServer, tmp_path: Path) -> None:
    server.route("/story.html", body=ARTICLE.encode(), headers={"Content-Type": "text/html"})
    result = run(
        "summarize",
        server.url("/story.html"),
        "--sentences",
        "2",
        "--json",
        *config_for(tmp_path, []),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["sentences"]) == 2
    body_sentences = ARTICLE.replace("\n", " ")
    for sentence in data["sentences"]:
        assert sentence.split()[0] in body_sentences
        assert sentence != "Council approves new bridge over the river"
    lex = run(
        "summarize",
        server.url("/story.html"),
        "--algorithm",
        "lexrank",
        "--json",
        *config_for(tmp_path, []),
    )
    assert json.loads(lex.stdout)["algorithm"] == "lexrank"


def test_kill_9_during_refresh_leaves_a_sound_database(server: LocalServer, tmp_path: Path) -> None:
    attempt = {"n": 0}

    def feed(n: int):
        def handler(_req: Request) -> Route:
            k = attempt["n"]
            items = [
                Item(f"Feed {n} round {k} story {i}", f"https://e{n}.example/{k}/{i}")
                for i in range(60)
            ]
            return Route(
                body=rss(items),
                headers={"Content-Type": "application/rss+xml"},
                delay=0.02 * (n % 5),
            )

        return handler

    for n in range(30):
        server.route(f"/f{n}.xml", handler=feed(n))
    cfg = config_for(tmp_path, [server.url(f"/f{n}.xml") for n in range(30)])
    db = tmp_path / "news.db"
    open_store(db).close()  # (`stats` makes no database where --db names none)
    rng = random.Random(3)
    favourites: set[str] = set()
    killed_mid_write = 0
    saw_helpers = 0
    for k in range(4):
        attempt["n"] = k
        before = article_count(db)
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader.cli", "refresh", "--force", *cfg],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while proc.poll() is None and article_count(db) == before and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.random() * 0.3)  # somewhere in the middle of storing feeds
        if proc.poll() is None:
            killed_mid_write += 1
        helpers = children_of(proc.pid)  # its parse workers (and multiprocessing's tracker)
        saw_helpers += bool(helpers)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # they end with it instead of waiting forever for work that never comes
        assert not wait_gone(helpers, 15), "helper processes outlived the refresh"
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Every stored feed document is whole: a multiple of 60 articles per feed.
        counts = [n for (n,) in con.execute("SELECT COUNT(*) FROM articles GROUP BY feed_id")]
        assert counts and all(n % 60 == 0 for n in counts), counts
        assert favourites <= current_favourites(db)
        row = con.execute(
            "SELECT guid FROM articles WHERE is_favourite = 0 ORDER BY random() LIMIT 1"
        ).fetchone()
        con.execute("UPDATE articles SET is_favourite = 1, favourited_at = 1 WHERE guid = ?", row)
        con.commit()
        con.close()
        favourites.add(row[0])
    assert killed_mid_write >= 2, "the refresh finished before it could be killed"
    assert saw_helpers, "no parse worker was running when the refresh was killed"
    assert favourites <= current_favourites(db)


def article_count(db: Path) -> int:
    try:
        con = sqlite3.connect(db)
        try:
            return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def current_favourites(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {g for (g,) in con.execute("SELECT guid FROM articles WHERE is_favourite = 1")}
    finally:
        con.close()


def test_refresh_names_the_feeds_it_leaves_out_gone_or_not_due(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/good.xml", body=rss([Item("Story", "https://example.com/1")], title="Good"))
    slow = rss([Item("Weekly", "https://example.com/w")], title="Weekly").replace(
        b"<channel>", b"<channel><ttl>600</ttl>"
    )
    server.route("/weekly.xml", body=slow)
    server.route("/gone.xml", status=410, body=b"gone")
    cfg = config_for(tmp_path, [server.url(p) for p in ("/good.xml", "/weekly.xml", "/gone.xml")])
    first = run("refresh", *cfg)
    assert "2 new articles from 2 feeds (3 feeds fetched, 1 failed)." in first.stdout, first.stdout
    second = run("refresh", *cfg, env={"COLUMNS": "400"})
    out = " ".join(second.stdout.split())
    assert "1 feed not due yet: the feed asks to be fetched less often (next in 10 h" in out, out
    assert "1 feed gone for good, no longer fetched" in out
    assert "delete their [[feeds]] entries from the config file" in out  # remove refuses those
    assert "gone.xml" in out and "not fetched: HTTP 410" in out
    assert server.hits("/gone.xml") == 1 and server.hits("/weekly.xml") == 1
    forced = " ".join(run("refresh", "--force", *cfg, env={"COLUMNS": "400"}).stdout.split())
    assert "not due" not in forced and "1 feed gone for good" in forced
    assert server.hits("/weekly.xml") == 2 and server.hits("/gone.xml") == 1


def test_feeds_lists_the_subscriptions_and_remove_unsubscribes_keeping_favourites(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/site.xml", body=rss([Item("Kept story", "https://example.com/k")], title="Site"))
    server.route("/config.xml", body=rss([Item("Other", "https://example.com/o")], title="Conf"))
    cfg = config_for(tmp_path, [server.url("/config.xml")])
    assert run("add", server.url("/site.xml"), *cfg).returncode == 0
    assert run("refresh", *cfg).returncode == 0
    store = open_store(tmp_path / "news.db")
    (kept,) = [a for a in store.headlines(View("all")) if a.title == "Kept story"]
    store.set_favourite(kept.id, True)
    store.close()
    listed = json.loads(run("feeds", "--json", *cfg).stdout)
    assert {(f["title"], f["from"], f["unread"]) for f in listed} == {
        ("Site", "added", 1),
        ("Conf", "config", 1),
    }
    assert all(f["state"].startswith("fetched just now") for f in listed), listed
    refused = run("remove", "conf", *cfg)  # a config feed: the file is the place
    assert refused.returncode == 1 and "delete its [[feeds]] entry there" in refused.stderr
    unknown = run("remove", "No such feed", *cfg)
    assert unknown.returncode == 1 and "`newsreader feeds` lists them" in unknown.stderr
    removed = run("remove", "site", *cfg)
    assert removed.returncode == 0 and "Unsubscribed from Site" in removed.stdout
    assert "its other stories go in 60 days" in removed.stdout  # the default retention
    assert [f["title"] for f in json.loads(run("feeds", "--json", *cfg).stdout)] == ["Conf"]
    assert "Kept story" in run("favourites", *cfg).stdout
    assert server.hits("/site.xml") == 2  # the add and the refresh; not the next refresh
    run("refresh", "--force", *cfg)
    assert server.hits("/site.xml") == 2
    back = run("add", server.url("/site.xml"), *cfg)  # subscribed to again
    assert back.returncode == 0 and "0 new articles, and 1 earlier headline back." in back.stdout
    assert len(json.loads(run("feeds", "--json", *cfg).stdout)) == 2


def test_adding_a_gone_feed_again_tries_it_and_revives_it_when_it_answers(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/back.xml", status=410, body=b"gone")
    cfg = config_for(tmp_path, [])
    assert run("add", server.url("/back.xml"), *cfg).returncode == 1  # never subscribed
    server.route("/back.xml", body=rss([Item("First", "https://example.com/1")], title="Back"))
    assert run("add", server.url("/back.xml"), *cfg).returncode == 0
    server.route("/back.xml", status=410, body=b"gone")
    run("refresh", "--force", *cfg)
    (feed,) = json.loads(run("feeds", "--json", *cfg).stdout)
    assert feed["state"].startswith("gone, not fetched any more: HTTP 410")
    assert feed["status"] == "gone" and feed["last_error"].startswith("HTTP 410")
    again = run("add", server.url("/back.xml"), *cfg)
    assert again.returncode == 1 and "410" in again.stdout  # tried, still gone
    server.route("/back.xml", body=rss([Item("Second", "https://example.com/2")], title="Back"))
    revived = run("add", server.url("/back.xml"), *cfg)
    assert revived.returncode == 0 and "Added Back: 1 new article." in revived.stdout
    (feed,) = json.loads(run("feeds", "--json", *cfg).stdout)
    assert feed["state"].startswith("fetched ")
    assert (feed["status"], feed["failures"], feed["last_error"], feed["next_try"]) == (
        "ok",
        0,
        None,
        None,
    )
    hits = server.hits("/back.xml")
    run("refresh", "--force", *cfg)
    assert server.hits("/back.xml") == hits + 1


def test_a_refresh_of_many_feeds_lists_those_with_news_or_problems(
    server: LocalServer, tmp_path: Path
) -> None:
    for n in range(25):
        server.route(f"/q{n}.xml", body=rss([Item(f"Quiet {n}", f"https://q.example/{n}")]))
    cfg = config_for(tmp_path, [server.url(f"/q{n}.xml") for n in range(25)] + [server.url("/x")])
    assert "Quiet 3" not in run("refresh", *cfg).stdout  # (titles are feeds' titles, not items')
    server.route("/q7.xml", body=rss([Item("Quiet 7", "https://q.example/7"), Item("New", "n")]))
    out = run("refresh", "--force", *cfg).stdout
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert len(rows) == 2, out  # the feed with news and the failing one, each on one line
    assert any("│   1 │ ok" in row for row in rows) and any(
        "/x" in row and "404" in row for row in rows
    )
    assert "24 other feeds: nothing new." in out
    listed = run("feeds", *cfg).stdout.splitlines()
    assert sum(server.url("/q1.xml") in line for line in listed) == 1  # one line each, piped


def test_adding_a_feed_followed_already_under_another_address_says_so(
    server: LocalServer, tmp_path: Path
) -> None:
    feed = rss([Item("Story", "https://herald.example/1")], title="The Herald")
    server.route("/feed.xml", body=feed)
    server.route("/old/feed.xml", body=feed)  # the same feed, a second address
    server.route("/other.xml", body=rss([Item("Else", "https://else.example/1")], title="Else"))
    cfg = config_for(tmp_path, [server.url("/feed.xml")])
    assert run("refresh", *cfg).returncode == 0
    again = run("add", server.url("/old/feed.xml"), *cfg)
    assert again.returncode == 0
    assert (
        f"It looks like The Herald at {server.url('/feed.xml')}, which you follow" in again.stdout
    )
    assert f"`newsreader remove {server.url('/old/feed.xml')}`" in again.stdout
    other = run("add", server.url("/other.xml"), *cfg)
    assert other.returncode == 0 and "It looks like" not in other.stdout


def test_add_names_a_feed_subscribed_to_and_one_subscribed_to_again(
    server: LocalServer, tmp_path: Path
) -> None:
    server.route("/pod.xml", body=rss([Item("Episode", "https://example.com/e1")], title="Pod"))
    server.route("/conf.xml", body=rss([Item("Story", "https://example.com/s1")], title="Conf"))
    cfg = config_for(tmp_path, [server.url("/conf.xml")])
    url = server.url("/pod.xml")

    def listed() -> dict[str, tuple[str, str]]:
        feeds = json.loads(run("feeds", "--json", *cfg).stdout)
        return {f["url"]: (f["title"], f["category"]) for f in feeds}

    assert run("add", url, *cfg).returncode == 0
    renamed = run("add", url, "--title", "In Our Time", "--category", "Podcasts", *cfg)
    assert renamed.returncode == 0 and "it is now In Our Time in Podcasts" in renamed.stdout
    assert listed()[url] == ("In Our Time", "Podcasts")
    assert run("add", url, "--category", "Radio", *cfg).returncode == 0  # the title stays
    assert listed()[url] == ("In Our Time", "Radio")
    run("remove", url, *cfg)
    assert run("add", url, "--category", "Again", *cfg).returncode == 0
    assert listed()[url] == ("In Our Time", "Again")
    conf = run("add", server.url("/conf.xml"), "--title", "Mine", *cfg)  # the config names it
    assert "name it there" in conf.stdout and listed()[server.url("/conf.xml")][0] != "Mine"


def test_feeds_added_with_add_are_grouped_with_the_same_events_elsewhere(
    server: LocalServer, tmp_path: Path
) -> None:
    """`add` stores a feed's headlines at once; they are grouped as a refresh's are, else a
    new user's feeds showed no "+N", no one-per-story view and no related panes."""
    day = "Tue, 10 Jun 2025 {:02d}:00:00 GMT"
    stories = {
        "/a.xml": [
            Item(
                "Facebook to buy Oculus VR for $2 billion",
                "https://a.example/1",
                date=day.format(8),
            ),
            Item(
                "Harbour plan approved by city council", "https://a.example/2", date=day.format(9)
            ),
        ],
        "/b.xml": [
            Item(
                "Facebook buys Oculus VR in $2bn deal", "https://b.example/1", date=day.format(10)
            ),
            Item(
                "New library opens in the old station", "https://b.example/2", date=day.format(11)
            ),
        ],
    }
    for path, items in stories.items():
        server.route(path, body=rss(items, title=path.strip("/.xml")))
    cfg = config_for(tmp_path, [])
    for path in stories:
        assert run("add", server.url(path), *cfg).returncode == 0
    store = open_store(tmp_path / "news.db")
    group = {a.url: a.group_id for a in store.headlines(View("all"))}
    store.close()
    assert group["https://a.example/1"] is not None
    assert group["https://a.example/1"] == group["https://b.example/1"]
    assert (
        len(
            {
                group[u]
                for u in ("https://a.example/1", "https://a.example/2", "https://b.example/2")
            }
        )
        == 3
    )
