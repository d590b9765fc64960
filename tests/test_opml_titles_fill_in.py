"""`newsreader import-opml` of feeds the config file already lists by address alone: the OPML's
titles and categories fill in what the stored feed lacks (`feeds` and `export-opml` name them
before the first fetch), and never replace a title the user gave or the feed's own fetched one."""

from __future__ import annotations

import json
from pathlib import Path

from tests.httpserver import LocalServer
from tests.processes import newsreader as run

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Fetched Own Title</title>'
    b"<link>http://127.0.0.1/</link><description>x</description></channel></rss>"
)


def opml(feeds: dict[str, tuple[str, str]]) -> str:
    outlines = "".join(
        f'<outline text="{folder}"><outline type="rss" text="{title}" xmlUrl="{url}"/></outline>'
        for url, (title, folder) in feeds.items()
    )
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'


def test_an_opmls_names_fill_in_what_the_config_does_not_give(tmp_path: Path) -> None:
    with LocalServer() as server:
        server.route("/own.xml", body=RSS, headers={"Content-Type": "application/rss+xml"})
        bare, named, fetched = (
            "http://127.0.0.1:9/bare.xml",
            "http://127.0.0.1:9/named.xml",
            server.url("/own.xml"),
        )
        config = tmp_path / "config.toml"
        config.write_text(
            f"[[feeds]]\nurl = '{bare}'\n\n"
            f"[[feeds]]\nurl = '{named}'\ntitle = 'My Own Name'\ncategory = 'Mine'\n\n"
            f"[[feeds]]\nurl = '{fetched}'\n"
        )
        cfg = ["--db", str(tmp_path / "news.db"), "--config", str(config)]
        # the feed on the server gives its own title (the other two cannot be reached)
        refreshed = run("refresh", *cfg, timeout=60)
        assert "Fetched Own Title" in run("feeds", "--json", *cfg).stdout, refreshed.stderr
        listed = tmp_path / "subscriptions.opml"
        listed.write_text(
            opml(
                {
                    bare: ("Daily Planet", "World"),
                    named: ("Their Name", "Theirs"),
                    fetched: ("Their Name Too", "Tech"),
                }
            )
        )
        result = run("import-opml", str(listed), *cfg)
    assert result.returncode == 0, result.stderr
    assert "Imported 0 new feeds (3 already present)" in result.stdout
    assert "Named 2 feeds already present from the OPML file" in result.stdout

    feeds = {f["url"]: f for f in json.loads(run("feeds", "--json", *cfg).stdout)}
    assert (feeds[bare]["title"], feeds[bare]["category"]) == ("Daily Planet", "World")
    assert (feeds[named]["title"], feeds[named]["category"]) == ("My Own Name", "Mine")
    assert (feeds[fetched]["title"], feeds[fetched]["category"]) == ("Fetched Own Title", "Tech")
    exported = run("export-opml", *cfg)
    assert exported.returncode == 0, exported.stderr
    assert 'text="Daily Planet"' in exported.stdout and "Their Name" not in exported.stdout

    # an import twice names nothing more
    again = run("import-opml", str(listed), *cfg)
    assert "Named" not in again.stdout, again.stdout
