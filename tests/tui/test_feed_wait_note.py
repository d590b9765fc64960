"""e on a feed whose server answered 429 or 503 with Retry-After says when the next try is, in
words, from what the store keeps of that answer (its next fetch, the wait asked for)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from reader.models import View
from reader.store import Store

from .conftest import NOW, running, settle

ERROR_429 = "HTTP 429 Too Many Requests: too many requests; the server asked us to slow down."
ERROR_503 = "HTTP 503 Service Unavailable: the server is unavailable for now."


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC here: the times said are known."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def answered(store: Store, status: int, error: str, asked: float | None, next_in: timedelta) -> int:
    """The first feed, fetched five minutes before NOW and failed with ``status``; its next
    fetch ``next_in`` from NOW."""
    feed = store.feeds()[0]
    store.update_feed(
        feed.id,
        last_error=error,
        failures=1,
        last_fetched=NOW - timedelta(minutes=5),
        next_fetch=NOW + next_in,
        last_status=status,
        retry_after=asked,
    )
    return feed.id


async def said_by_e(make_app, feed_id: int) -> str:
    async with running(make_app(), (120, 30)) as (pilot, screen):
        screen.feeds_tree.focus()
        screen.feeds_tree.select_view(View("feed", feed_id=feed_id), post=False)
        await pilot.press("e")
        await settle(pilot)
        return [str(n.message) for n in screen.app._notifications][-1]


async def test_e_says_the_next_try_in_minutes(make_app, store) -> None:
    feed_id = answered(store, 429, ERROR_429, 1800, timedelta(minutes=25))
    text = await said_by_e(make_app, feed_id)
    assert text == (
        f"{ERROR_429} The server asked to wait 30 minutes; next try in about 25 minutes "
        "(at 12:25). R leaves it out until then; r tries it now."
    )


async def test_e_says_the_time_of_a_later_try(make_app, store) -> None:
    feed_id = answered(store, 503, ERROR_503, 3 * 3600, timedelta(hours=3) - timedelta(minutes=5))
    text = await said_by_e(make_app, feed_id)
    assert "The server asked to wait 3 hours; next try at 14:55. R leaves it out" in text, text


async def test_e_says_the_day_of_a_try_tomorrow(make_app, store) -> None:
    feed_id = answered(store, 429, ERROR_429, 86400, timedelta(hours=20))  # (NOW: Sat 12:00)
    text = await said_by_e(make_app, feed_id)
    assert "The server asked to wait 24 hours; next try on Sun 2 Jun at 08:00." in text, text


async def test_e_says_when_the_wait_is_over(make_app, store) -> None:
    feed_id = answered(store, 429, ERROR_429, 60, timedelta(minutes=-4))
    text = await said_by_e(make_app, feed_id)
    assert text == (
        f"{ERROR_429} The server asked to wait 1 minute; that wait is over: the next refresh "
        "tries it (r tries it now)."
    )


async def test_a_feed_backing_off_on_its_own_says_no_server_wait(make_app, store) -> None:
    # a 500: the reader's own back-off, not a wait the server asked for
    feed_id = answered(store, 500, "HTTP 500: the server failed to answer.", None, timedelta(1))
    text = await said_by_e(make_app, feed_id)
    assert text == "HTTP 500: the server failed to answer."


# A next fetch stored while the clock was far ahead: the note says the next try the refresh
# keeps to (reader.refresh.next_try: at most a week after the last fetch, or at once when that
# fetch is itself still to come), never "in 737 days".


def stored_far_ahead(store: Store, fetched: timedelta) -> int:
    """The first feed answered 429 (Retry-After 30 minutes) at NOW + ``fetched``, with a next
    fetch 737 days after NOW (the clock was ahead when it was stored)."""
    feed = store.feeds()[0]
    store.update_feed(
        feed.id,
        last_error=ERROR_429,
        failures=1,
        last_fetched=NOW + fetched,
        next_fetch=NOW + timedelta(days=737),
        last_status=429,
        retry_after=1800,
    )
    return feed.id


async def test_a_next_try_stored_far_ahead_is_cut_back_to_a_week(make_app, store) -> None:
    # fetched five minutes before NOW (Sat 1 Jun 12:00): the longest wait, a week, from then
    feed_id = stored_far_ahead(store, -timedelta(minutes=5))
    text = await said_by_e(make_app, feed_id)
    assert "737" not in text and "days" not in text, text
    assert "The server asked to wait 30 minutes; next try on Sat 8 Jun at 11:55." in text, text


async def test_a_fetch_still_to_come_makes_the_wait_over(make_app, store) -> None:
    feed_id = stored_far_ahead(store, timedelta(days=737) - timedelta(minutes=30))
    text = await said_by_e(make_app, feed_id)
    assert text == (
        f"{ERROR_429} The server asked to wait 30 minutes; that wait is over: the next refresh "
        "tries it (r tries it now)."
    )
