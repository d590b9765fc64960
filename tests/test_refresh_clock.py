"""A clock that was wrong (ahead) when a feed's next try was stored, then set right, does not park
the feed: no stored wait holds it longer than newsreader ever waits (a day of back-off or rest, a
week when the server asked with Retry-After), and one recorded by a fetch "in the future" lets it
be fetched at once. Times are passed explicitly; nothing moves the machine's clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from reader.config import Config, RefreshConfig
from reader.fetch import RETRY_AFTER_MAX
from reader.models import Feed
from reader.refresh import BACKOFF_MAX, due_feeds, not_fetched, refresh
from reader.store import Store
from tests.httpserver import LocalServer

DAY = 86400.0
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC).timestamp()  # the clock set right
AHEAD = NOW + 730 * DAY  # the clock two years ahead, when the feed was last tried
CONFIG = Config(refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0))


def at(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


def busy(fetched: float, wait: float) -> Feed:
    """A feed whose server answered 503 with Retry-After ``wait`` at ``fetched``."""
    return Feed(
        id=1,
        url="https://busy.example/feed.xml",
        title="Busy Feed",
        last_fetched=at(fetched),
        next_fetch=at(fetched + wait),
        failures=1,
        last_error="HTTP 503",
        last_status=503,
        retry_after=wait,
    )


def failing(fetched: float, wait: float) -> Feed:
    """A feed that failed at ``fetched`` (a 500) and waits ``wait`` for our own back-off."""
    return Feed(
        id=2,
        url="https://down.example/feed.xml",
        title="Down Feed",
        last_fetched=at(fetched),
        next_fetch=at(fetched + wait),
        failures=1,
        last_error="HTTP 500",
        last_status=500,
    )


def resting(fetched: float, wait: float) -> Feed:
    """A working feed asked (by <ttl> or max-age) not to be fetched for ``wait``."""
    return Feed(
        id=3,
        url="https://calm.example/feed.xml",
        title="Calm Feed",
        last_fetched=at(fetched),
        next_fetch=at(fetched + wait),
        last_status=200,
    )


def due(feed: Feed, now: float) -> bool:
    return due_feeds([feed], None, False, now) == [feed]


def test_the_reviewers_feed_is_fetched_once_the_clock_is_set_right() -> None:
    # tried while the clock was 730 days ahead; its server asked for a week
    feed = busy(AHEAD, RETRY_AFTER_MAX)
    assert not due(feed, AHEAD + 60)  # as long as the clock stays where it was: the server's week
    assert due(feed, NOW)  # was "next try in 737 days"
    left = not_fetched([feed], NOW)
    assert left.backing_off == [] and left.resting == []
    assert not_fetched([feed], NOW, by_hand=True).backing_off == []  # R fetches it


def test_every_kind_of_wait_stored_ahead_is_due_once_the_clock_is_back() -> None:
    for feed in (failing(AHEAD, 300), failing(AHEAD, BACKOFF_MAX), resting(AHEAD, 3600)):
        assert due(feed, NOW), feed.title
        assert not_fetched([feed], NOW) == not_fetched([], NOW)


def test_a_wait_longer_than_allowed_is_cut_back_to_the_limit_after_the_last_fetch() -> None:
    # fetched two hours ago at the right time, but a next try two years on (stored by a wrong
    # clock, or by a version without limits): a day after that fetch at the most
    feed = failing(NOW - 2 * 3600, 737 * DAY)
    assert not due(feed, NOW)
    (left,) = not_fetched([feed], NOW).backing_off
    assert left.next_fetch == at(NOW - 2 * 3600 + DAY)  # what `refresh` says: "in 22 hours"
    assert not due(feed, NOW + 21 * 3600)
    assert due(feed, NOW + 22 * 3600 + 1)  # the limit does not move on with the clock

    asked = busy(NOW - DAY, 30 * DAY)  # the server's wait: a week at the most
    (left,) = not_fetched([asked], NOW, by_hand=True).backing_off
    assert left.next_fetch == at(NOW + 6 * DAY)
    assert not due(asked, NOW + 6 * DAY - 60)
    assert due(asked, NOW + 6 * DAY + 1)

    ttl = resting(NOW - 3600, 400 * DAY)
    assert not due(ttl, NOW)
    assert due(ttl, NOW + 23 * 3600 + 1)


def test_waits_within_the_limits_are_kept_as_they_are() -> None:
    for feed, wait in (
        (busy(NOW, RETRY_AFTER_MAX), RETRY_AFTER_MAX),
        (failing(NOW, BACKOFF_MAX), BACKOFF_MAX),
        (failing(NOW, 300), 300),
        (resting(NOW, DAY), DAY),
    ):
        assert not due(feed, NOW + wait - 1) and due(feed, NOW + wait + 1), feed.title
        listed = not_fetched([feed], NOW + 1)
        (left,) = listed.backing_off or listed.resting
        assert left == feed  # told as stored


async def test_refresh_fetches_a_feed_whose_wait_was_stored_by_a_clock_ahead(
    srv: LocalServer, store: Store
) -> None:
    srv.route("/busy.xml", status=503, headers={"Retry-After": "3600"})
    feed, _ = store.add_feed(srv.url("/busy.xml"), "Busy Feed")
    (first,) = await refresh(store, CONFIG)
    assert first.status == "error"
    now = time.time()
    # as the first refresh would have left it with the clock 730 days ahead
    store.update_feed(
        feed.id, last_fetched=now + 730 * DAY, next_fetch=now + 730 * DAY + RETRY_AFTER_MAX
    )
    stored = store.feed(feed.id)
    assert stored is not None and not_fetched([stored], time.time()).backing_off == []
    (again,) = await refresh(store, CONFIG)  # not forced: due all the same
    assert again.status == "error"
    after = store.feed(feed.id)
    assert after is not None and after.next_fetch is not None
    assert after.next_fetch.timestamp() - time.time() <= 3600  # the server's hour, from now
