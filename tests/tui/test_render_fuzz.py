"""Property test: arbitrary unicode from the outside world renders through every widget, literally."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import FeedConfig
from reader.models import Page, ParsedEntry, Story, Summary, View
from reader.store import open_store
from reader.tui.app import NewsReaderApp

from .conftest import NOW, fixed_clock, make_config, screen_text, settle

outside = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=80
)


async def render_everywhere(
    title: str, feed: str, category: str, body: str, author: str, error: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "f.db")
        store.sync_config_feeds([FeedConfig("http://127.0.0.1:9/f.xml", feed, category)])
        feed_id = store.feeds()[0].id
        store.update_feed(feed_id, last_error=error or "x", failures=1)
        store.upsert_entries(
            feed_id,
            [
                ParsedEntry(
                    guid="g",
                    url="http://127.0.0.1:9/a",
                    title=title,
                    author=author,
                    published=NOW,
                    summary_text=body,
                )
            ],
            now=NOW,
        )
        article = store.headlines(View("all"))[0]
        related = Story(title=title, text=body, author=author, source=feed, published=error)
        page = Page(
            main=Story(title=title, text=body, author=author), related=(related,), note=error
        )
        store.put_page(article.id, page, "page", error)
        summary = Summary(
            sentences=(title, body), algorithm=error or "x", total_sentences=3, note=author
        )
        for part in (0, 1):
            store.put_summary(article.id, part, "newsrank", "2", summary)
        app = NewsReaderApp(make_config(), store, clock=fixed_clock)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # story panes: main + related, summaries, notes
            await settle(pilot)
            await pilot.press("escape", "escape", "e")  # feed error as a notification
            await pilot.press("slash", *[c for c in title[:10] if c.isalnum()], "enter")
            await settle(pilot)
            text = screen_text(app)
            assert app.is_running
            assert "\x1b" not in text and "\x9b" not in text
        store.close()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(outside, outside, outside, outside, outside, outside)
def test_arbitrary_unicode_renders_in_every_widget(
    title: str, feed: str, category: str, body: str, author: str, error: str
) -> None:
    asyncio.run(render_everywhere(title, feed, category, body, author, error))
