"""Frozen dataclasses passed between the layers of newsreader.

The core modules (config, store, fetch, feeds, extract, summarize, related) produce and consume
these; the TUI only reads them. Nothing here imports Textual or touches the disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from reader.textutil import short_url

# --------------------------------------------------------------------------- feeds & articles


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription as stored in the database."""

    id: int
    url: str
    title: str
    category: str = ""
    site_url: str = ""
    origin: str = "config"  # "config" (from config.toml) or "user" (added via CLI/OPML)
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: datetime | None = None
    last_error: str | None = None
    failures: int = 0
    next_fetch: datetime | None = None
    dead: bool = False
    full_article: bool = False
    active: bool = True  # False once removed from the config (articles and favourites are kept)
    unread: int = 0
    total: int = 0
    # what the server answered to the last fetch: its HTTP status (0: no answer came; None: not
    # known, fetched before schema 9), and the wait in seconds it asked for (Retry-After)
    last_status: int | None = None
    retry_after: float | None = None

    @property
    def display_title(self) -> str:
        """The feed's title, else its address made short (see ``short_url``)."""
        return self.title or short_url(self.url)

    @property
    def failing(self) -> bool:
        """The last refresh failed (``last_error`` says why). A feed read despite a flaw (bad
        markup, a wrong charset, entries capped) keeps that warning in ``last_error`` too."""
        return bool(self.last_error) and (self.failures > 0 or self.dead)


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file a feed attaches to an entry (a podcast's audio, a video): RSS ``<enclosure>``,
    Atom ``link rel="enclosure"``, Media RSS audio/video ``media:content``, JSON Feed
    ``attachments``."""

    url: str
    type: str = ""  # its media type as the feed says it ("audio/mpeg"), lower case; "" unknown
    length: int | None = None  # bytes, as the feed says (None: not said)


@dataclass(frozen=True, slots=True)
class Article:
    """One headline/story as stored in the database."""

    id: int
    feed_id: int
    guid: str
    url: str
    title: str
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    content_html: str = ""
    summary_text: str = ""  # plain text of the feed's summary/content, for lists and fallback
    is_read: bool = False
    is_favourite: bool = False
    favourited_at: datetime | None = None
    first_seen: datetime | None = None
    feed_title: str = ""
    feed_category: str = ""
    language: str = ""
    related_count: int = 0
    group_id: int | None = None
    duplicate_of: int | None = None
    enclosures: tuple[Enclosure, ...] = ()  # (read by Store.article; lists leave them out)
    page_text: str = ""  # the story's page, where fetched (read by Store.articles_for_grouping)


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """An entry as read from a feed document, before it is stored."""

    guid: str
    url: str
    title: str
    author: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    content_html: str = ""
    summary_text: str = ""
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str = ""
    site_url: str = ""
    language: str = ""
    entries: tuple[ParsedEntry, ...] = ()
    warning: str | None = None  # feedparser's bozo message, in words
    ttl_minutes: int | None = None
    error: str | None = None  # not a feed at all (web page, empty, garbage): no entries, in words


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True, slots=True)
class Block:
    """A structural block of extracted text."""

    kind: str  # "p", "h", "li", "quote", "pre", "table", "image"
    text: str
    level: int = 0  # heading level, list depth


@dataclass(frozen=True, slots=True)
class Story:
    """One readable story extracted from a page (the main one or a related one)."""

    title: str = ""
    source: str = ""
    published: str = ""  # as the page gives it: ISO date when known, else e.g. "2 hours ago"
    url: str | None = None
    text: str = ""  # plain text, paragraphs separated by a blank line
    author: str = ""
    blocks: tuple[Block, ...] = ()
    links: tuple[str, ...] = ()  # numbered references, [1] is links[0]
    language: str = ""
    # its article's enclosures: listed (and numbered) before ``links`` (reading.story_links)
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    main: Story
    related: tuple[Story, ...] = ()
    note: str | None = None  # why extraction fell short, in words a user understands
    broken: bool = False  # the extractor failed on the page (a fault of ours): try it again later


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True, slots=True)
class Summary:
    sentences: tuple[str, ...]
    algorithm: str
    total_sentences: int
    note: str | None = None  # e.g. "The story is too short to summarise."


# --------------------------------------------------------------------------- refresh

# why the database refused something (reader.store.StoreError.reason)
StoreReason = Literal["busy", "read_only", "full", "corrupt", "newer", "gone", "other"]


@dataclass(frozen=True, slots=True)
class FeedResult:
    feed_id: int
    url: str
    title: str
    new: int = 0
    updated: int = 0
    status: str = "ok"  # "ok", "not-modified", "error", "skipped", "dead"
    error: str | None = None
    moved_to: str | None = None
    not_saved: str = ""  # why the database did not save what was fetched ("": it did)
    # which kind of refusal that was (StoreError.reason; None: saved, or not said)
    not_saved_reason: StoreReason | None = None


@dataclass(frozen=True, slots=True)
class RefreshEvent:
    """Progress of a refresh, consumed by the CLI progress bar and the TUI."""

    kind: str  # "started", "feed-started", "feed-finished", "finished"
    total: int = 0
    done: int = 0
    result: FeedResult | None = None
    results: tuple[FeedResult, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- views


@dataclass(frozen=True, slots=True)
class View:
    """Which headlines to list: a smart view, a category, a feed, or a full-text search."""

    kind: str = "all"  # "all", "unread", "today", "favourites", "category", "feed", "search"
    feed_id: int | None = None
    category: str = ""
    query: str = ""
    unread_only: bool = False  # only its unread headlines (read ones hidden)

    @property
    def label(self) -> str:
        if self.kind == "search":
            return f"Search: {self.query}"
        if self.kind == "category":
            return self.category or "Uncategorised"
        return {"all": "All", "unread": "Unread", "today": "Today", "favourites": "Favourites"}.get(
            self.kind, self.kind.title()
        )


@dataclass(frozen=True, slots=True)
class Cursor:
    """Keyset position in a headline list: the (sort key, id) of the last row seen."""

    key: float
    id: int


@dataclass(frozen=True, slots=True)
class Stats:
    feeds: int
    articles: int
    unread: int
    favourites: int
    db_bytes: int
    last_refresh: datetime | None
