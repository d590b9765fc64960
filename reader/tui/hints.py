"""What an empty headline list says: the truth from the feeds' state, and the keys that work now.

A list is empty on a first start, offline, when every feed failed, or when a view has nothing
yet; each says which, and names the keys of the active keymap (never a key that would not help:
R leaves out feeds whose server asked to wait, r on a view fetches its feeds at once). While a
refresh runs, it says so instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from reader import lazy
from reader.models import Feed, FeedResult, StoreReason, View
from reader.store import StoreBusy, StoreError
from reader.textutil import clean_line, counted
from reader.tui import keymap

REASONS_SHOWN = 2  # the most common errors named; the others are counted


def _reason(error: str) -> str:
    """An error as part of a sentence: "could not connect to the server"."""
    text = clean_line(error, 100).rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def why_not_saved(error: BaseException | FeedResult | str) -> tuple[str, str]:
    """Why the database did not save a change, as part of a sentence, and what to do about it
    ("" when nothing helps from here): ("the database is busy: python3 (process 42) is writing
    to it", "Try again in a moment."). ``error``: the StoreError, or the refresh result that
    carries its text and reason (``FeedResult.not_saved``, ``not_saved_reason``); the reason
    decides the words. A bare text (``FeedResult.not_saved`` alone) is read for its words."""
    reason, text, holder = _refusal(error)
    if reason == "busy":
        who = clean_line(holder, 80) or "another program"
        return f"the database is busy: {who} is writing to it", "Try again in a moment."
    if reason == "corrupt":
        return "the database is damaged", "Restart newsreader to repair it."
    if reason == "read_only":
        return "the database is read-only", ""
    if reason == "full":
        return "the disk holding the database is full", "Free some space and try again."
    if reason == "newer":
        return (
            "a newer newsreader wrote the database",
            "Upgrade newsreader to the version that wrote it to save changes.",
        )
    if reason == "gone":  # waiting does not help: nothing can be saved until a new start
        return (
            "the database file was deleted or replaced while newsreader was running, so "
            "nothing can be saved",
            "Quit and start newsreader again.",
        )
    return _reason(text), "Try again in a moment."


def _refusal(error: BaseException | FeedResult | str) -> tuple[StoreReason, str, str]:
    """(the kind of refusal, its text, who holds the database when it is busy)."""
    if isinstance(error, StoreError):
        return error.reason, str(error), error.holder if isinstance(error, StoreBusy) else ""
    if isinstance(error, FeedResult):
        text = error.not_saved
        reason = error.not_saved_reason or _reason_in_words(text)
    elif isinstance(error, str):
        text, reason = error, _reason_in_words(error)
    else:  # not the database's refusal: its text says what it was
        return "other", str(error), ""
    held = re.search(r"Held now by: (.+?)\.(?: |$)", text) if reason == "busy" else None
    return reason, text, held[1] if held else ""


def _reason_in_words(text: str) -> StoreReason:
    """The kind of refusal a StoreError's text alone says (for a text that came without its
    reason): the words store.py phrases each kind in."""
    if " is busy: " in text:
        return "busy"
    if " is damaged" in text:
        return "corrupt"
    if "read-only" in text:
        return "read_only"
    if "is full" in text:
        return "full"
    if "deleted or replaced while newsreader was running" in text:
        return "gone"
    return "other"


def not_saved(what: str, error: BaseException | str) -> str:
    """ "Not saved: <what> (<why>). <what to do>" for a change the database refused."""
    why, advice = why_not_saved(error)
    return f"Not saved: {what} ({why}). {advice}".rstrip()


def reasons(failing: Sequence[Feed]) -> str:
    """The failing feeds' errors, the most common first, each with how many feeds had it:
    "could not connect to the server (11), the host name could not be found (1)"."""
    common = Counter(_reason(f.last_error or "") for f in failing).most_common()
    named = [f"{why} ({n})" if len(failing) > 1 else why for why, n in common[:REASONS_SHOWN]]
    rest = sum(n for _, n in common[REASONS_SHOWN:])
    if rest:
        named.append(f"{counted(rest, 'feed')} for other reasons")
    return ", ".join(named)


def offline(feeds: Sequence[Feed]) -> bool:
    """Whether this computer looks offline: every feed (gone ones aside) failed to connect or
    to find its server on the last refresh. One feed failing so, while others loaded, is that
    feed's trouble."""
    lazy.load("reader.refresh")  # not needed for the first frame
    from reader.refresh import unreachable

    live = [f for f in feeds if not f.dead]
    return bool(live) and all(f.failing and unreachable(f.last_error) for f in live)


def trouble(
    feeds: Sequence[Feed], keys: Mapping[str, str], subscriptions: Sequence[Feed] | None = None
) -> str:
    """What failing feeds mean for an empty list, in words; "" when none failed. ``feeds``:
    the view's; ``subscriptions``: every feed (whether the computer may be offline; default
    ``feeds``)."""
    failing = [f for f in feeds if f.failing and not f.dead]
    if not failing:
        return ""
    one = keymap.first_key_of("refresh", keys)
    why = keymap.first_key_of("feed_error", keys)
    if len(failing) < len(feeds):
        return (
            f"{len(failing)} of {counted(len(feeds), 'feed')} failed on the last refresh: "
            f"{reasons(failing)}; {why} lists the errors."
        )
    which = "The feed" if len(feeds) == 1 else f"All {counted(len(feeds), 'feed')}"
    text = f"{which} failed on the last refresh: {reasons(failing)}."
    if offline(subscriptions if subscriptions is not None else feeds):
        text += " This computer may be offline."
    them = "it" if len(feeds) == 1 else "them"
    return f"{text} {one} tries {them} again now; {why} lists the errors."


def _span(seconds: float) -> str:
    """A wait in words, rounded: "40 seconds", "25 minutes", "3 hours", "2 days"."""
    if seconds < 60:
        return counted(max(1, round(seconds)), "second")
    if seconds < 90 * 60:
        return counted(max(1, round(seconds / 60)), "minute")
    if seconds < 48 * 3600:
        return counted(round(seconds / 3600), "hour")
    return counted(round(seconds / 86400), "day")


def next_try(feed: Feed, now: datetime, keys: Mapping[str, str]) -> str:
    """When a feed whose server answered 429 or 503 with Retry-After is tried again, from what
    the store keeps of that answer (its ``next_fetch`` as of ``now``, ``reader.schedule.as_of``;
    ``retry_after``, the wait asked for), as a sentence for e ("" for any other feed): "The server asked to wait 30 minutes; next try
    in about 25 minutes (at 14:05). R leaves it out until then; r tries it now." (or "next try
    at 18:00", "on Sun 2 Jun at 08:00"). Times are local."""
    from reader.schedule import as_of, server_asked_to_wait

    if not server_asked_to_wait(feed):
        return ""
    # the next try as the refresh has it: a time stored while the clock was far ahead is cut
    # back to the longest wait (``reader.schedule.next_try``), never "in 737 days"
    feed = as_of(feed, now.timestamp())
    if feed.next_fetch is None:
        return ""
    asked = "The server asked to wait"
    if feed.retry_after is not None and feed.retry_after >= 1:
        asked += f" {_span(feed.retry_after)}"
    left = feed.next_fetch.timestamp() - now.timestamp()
    one = keymap.first_key_of("refresh", keys)
    if left <= 0:
        return f"{asked}; that wait is over: the next refresh tries it ({one} tries it now)."
    when = next_try_when(feed.next_fetch, now)
    every = keymap.first_key_of("refresh_all", keys)
    return f"{asked}; next try {when}. {every} leaves it out until then; {one} tries it now."


def next_try_when(when: datetime, now: datetime) -> str:
    """When a feed waiting its turn is tried again, in words (local time): "in about 25
    minutes (at 14:05)", "at 18:00", "on Sun 2 Jun at 08:00"."""
    left = when.timestamp() - now.timestamp()
    local = when.astimezone()
    at = f"at {local:%H:%M}"
    if left >= 90 * 60 and local.date() != now.astimezone().date():
        at = f"on {local:%a} {local.day} {local:%b} {at}"
    return f"in about {_span(left)} ({at})" if left < 90 * 60 else at


def nothing_due(
    feeds: Sequence[Feed], now: datetime, refresh_key: str, add_key: str, *, forced: bool = False
) -> str:
    """What R (or r, ``forced``, on ``feeds``) says when it fetched nothing: the feeds it left
    out and why (as `newsreader refresh` says), and what fetches them anyway: r on a feed
    waiting its turn; for a feed gone for good, adding its address again. R fetches every
    feed but those (see ``MainScreen._every_feed``) whose server asked to wait. When the
    first of them is tried again is said as e says it (``next_try_when``)."""
    lazy.load("reader.refresh")  # not needed for the first frame
    from reader.refresh import not_fetched

    left = not_fetched(feeds, now.timestamp(), force=forced, by_hand=True)
    parts = []
    if left.backing_off:  # (the soonest first)
        n = len(left.backing_off)
        part = f"{counted(n, 'feed')} failed and {'its server' if n == 1 else 'their servers'} "
        part += "asked to wait"
        first = left.backing_off[0].next_fetch
        if first is not None and first > now:
            part += f"; next try {next_try_when(first, now)}"
        parts.append(f"{part}. {refresh_key} on a feed fetches it now")
    waiting = bool(parts)
    if len(left.gone) == 1:
        name = clean_line(left.gone[0].display_title, 60)
        parts.append(
            f"{name} is gone for good (its server said so), so it is not fetched again; "
            f"adding its address again with {add_key} tries it"
        )
    elif left.gone:
        parts.append(
            f"{counted(len(left.gone), 'feed')} are gone for good (their servers said so), so "
            f"they are not fetched again; adding one's address again with {add_key} tries it"
        )
    if not parts:
        return "There are no feeds to refresh."
    text = "; ".join(parts)
    return f"No feed was due: {text}." if waiting else f"Nothing fetched: {text}."


def empty_hint(
    view: View,
    feeds: Sequence[Feed] | None,
    keys: Mapping[str, str],
    hiding_read: bool = False,
    fetching: int | None = None,
) -> str:
    """What an empty list of ``view`` says. ``feeds``: every subscription, as the feeds tree
    has them (None: not read yet); ``fetching``: the feeds a refresh running now fetches (None:
    no refresh). While one runs, the feeds' errors and the advice to refresh are out of date:
    the list says it is fetching, and that headlines come in as they are stored."""

    def key(action_id: str) -> str:
        return keymap.first_key_of(action_id, keys)

    if fetching is not None and view.kind not in ("search", "favourites"):
        what = counted(fetching, "feed") if fetching else "feeds"
        return f"Fetching {what}… their headlines are listed here as they come in."

    if hiding_read:
        return f"Nothing unread here. Read headlines are hidden: {key('hide_read')} shows them."
    if view.kind == "search":
        return f"No stories match this search. {key('back')} goes back."
    if view.kind == "favourites":
        return f"No favourites yet: {key('favourite')} on a headline or a story keeps it here."
    add = f"{key('add_feed')} adds a feed (its address, or a website's)."
    if feeds is not None and not feeds:
        return f"You follow no feeds yet. {add}"
    mine = list(feeds or ())
    if view.kind == "category":
        mine = [f for f in mine if f.category == view.category]
    elif view.kind == "feed":
        mine = [f for f in mine if f.id == view.feed_id]
    said = trouble(mine, keys, feeds or ())
    every_failed = bool(mine) and all(f.failing and not f.dead for f in mine)
    if view.kind == "feed":
        if said:
            return f"No headlines from this feed. {said}"
        return (
            f"No headlines from this feed. {key('refresh')} refreshes it; {key('feed_error')} "
            "shows any error."
        )
    if view.kind == "category":
        base = f"No headlines in this category. {key('refresh')} refreshes its feeds."
    elif view.kind == "unread":
        base = f"Nothing unread. {key('refresh_all')} fetches new headlines."
    elif view.kind == "today":
        base = f"Nothing from today yet. {key('refresh_all')} fetches new headlines."
    else:
        base = f"No headlines here yet. {key('refresh_all')} refreshes every feed."
    if every_failed:  # the trouble says what works (r on them)
        base = base.split(". ")[0] + "."
    return " ".join(p for p in (base, said, add if view.kind == "all" else "") if p)


_WHERE_IN_CONFIG = re.compile(r"^.*?, (?=line \d+: )")  # "/home/me/config.toml, line 39: "


def config_warning(warning: str) -> str:
    """A config warning without the file's path: "line 39: feed 'x' is listed twice (...)"."""
    return _WHERE_IN_CONFIG.sub("", clean_line(warning, 300))


def config_warnings_short(warnings: Sequence[str], key: str) -> str:
    """The config's warnings (a feed listed twice, ...) in one short line for the start: how
    many, the first without the file's path, cut, and the key that shows them in full (``key``,
    e: the start's toast at 80x24 must leave the list readable)."""
    first = config_warning(warnings[0])
    head = re.split(r" \(|; ", first, maxsplit=1)[0]  # what, without the details after it
    first = clean_line(head if len(head) >= 20 else first, 60)
    if len(warnings) == 1:
        return f"Config warning: {first} ({key} shows it in full)"
    return f"{counted(len(warnings), 'config warning')}, the first: {first} ({key} shows them)"


def config_heading(problems: Sequence[str], warnings: Sequence[str]) -> str:
    """What the config's list holds: "Config: 12 problems, 1 warning"."""
    parts = [counted(len(problems), "problem")] if problems else []
    if warnings:
        parts.append(counted(len(warnings), "warning"))
    return f"Config: {', '.join(parts)}"


def config_problems_short(problems: Sequence[str], feeds: str, key: str) -> str:
    """The start's one toast for a config with several problems (one toast each would fill
    the screen, and those beyond it were never seen): how many, the first without the file's
    path, what stands in, and the key that lists them all (``key``, e)."""
    first = clean_line(config_warning(problems[0]), 120).rstrip(".")
    return (
        f"The config could not be read in full: {counted(len(problems), 'problem')}, the "
        f"first: {first}. Built-in settings stand in for what could not be read, and {feeds}. "
        f"{key} lists them all; fix the file and start again."
    )
