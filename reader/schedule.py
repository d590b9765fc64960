"""When a feed is fetched next: the limits on every wait and how a stored next try is read.

Kept apart from the fetching code (``reader.refresh``, ``reader.fetch``, which import httpx) so
that whatever only shows a feed's next try (``newsreader feeds``, the reader's hints) reads it
exactly as a refresh does without loading them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from reader.models import Feed

BACKOFF_BASE = 300.0  # first retry after a failure: 5 minutes, doubling per failed retry
BACKOFF_MAX = 86400.0  # ... up to a day
INTERVAL_MAX = 86400.0  # <ttl> / max-age never park a feed for more than a day
RETRY_AFTER_MAX = 7 * 86400.0  # a server cannot park a feed for longer than a week


def backoff_seconds(failures: int) -> float:
    """Delay before the next attempt after ``failures`` consecutive failures, each tried once
    the wait after the one before had run out (see ``refresh.backoff_after``)."""
    return min(BACKOFF_BASE * 2 ** max(0, failures - 1), BACKOFF_MAX)


def server_asked_to_wait(feed: Feed) -> bool:
    """Whether a failing feed waits because its server said how long (Retry-After on a 429 or
    503), not for our own back-off (``backoff_seconds``, which a wait of any other length is)."""
    if feed.failures <= 0 or feed.next_fetch is None or feed.last_fetched is None:
        return False
    if feed.last_status is not None:  # (as the store keeps it since schema 9)
        return feed.last_status in (429, 503) and feed.retry_after is not None
    # fetched before: a wait of another length than our own back-off is the server's
    wait = feed.next_fetch.timestamp() - feed.last_fetched.timestamp()
    return abs(wait - backoff_seconds(feed.failures)) > 1.0


def longest_wait(feed: Feed) -> float:
    """The longest a refresh leaves ``feed`` alone: a week when its server asked for a wait
    (Retry-After, ``RETRY_AFTER_MAX``), a day for our own back-off (``BACKOFF_MAX``) and for a
    rest (<ttl>, max-age: ``INTERVAL_MAX``)."""
    if server_asked_to_wait(feed):
        return RETRY_AFTER_MAX
    return BACKOFF_MAX if feed.failures > 0 else INTERVAL_MAX


def next_try(feed: Feed, now: float) -> float | None:
    """When a refresh that is not forced fetches ``feed`` next (unix time; None: whenever one
    runs), as of ``now``: its stored ``next_fetch``, unless that is further ahead than
    ``longest_wait``, which only a clock that was wrong (ahead) when it was stored, or is wrong
    (behind) now, makes it. Such a time is cut back to the longest wait after the last fetch;
    a last fetch that is itself still to come (the clock has gone back since) or unknown says
    nothing of how long the feed has waited already, and it is due at once (its next wait is
    then counted from a fetch at the right time)."""
    if feed.next_fetch is None:
        return None
    stored = feed.next_fetch.timestamp()
    longest = longest_wait(feed)
    if stored - now <= longest:
        return stored
    fetched = feed.last_fetched.timestamp() if feed.last_fetched is not None else None
    if fetched is None or fetched > now:
        return now
    return min(stored, fetched + longest)


def as_of(feed: Feed, now: float) -> Feed:
    """``feed`` with the next fetch it has as of ``now`` (``next_try``), for the lists of those
    a refresh leaves out and what they say, and wherever a feed's next try is shown."""
    due = next_try(feed, now)
    if feed.next_fetch is None or due is None or due == feed.next_fetch.timestamp():
        return feed
    return replace(feed, next_fetch=datetime.fromtimestamp(due, UTC))
