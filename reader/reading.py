"""Opening a story: the orchestration the reader calls from its worker threads.

Core module (no Textual). Every function here blocks (disk, network, summariser) and is meant to run
off the UI thread; none of them raises for bad input or a failing network: problems come back as a
``note`` in words a user understands, and the feed's own text stands in when the page cannot be read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import mimetypes
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from reader import lazy
from reader.config import Config
from reader.models import Article, Block, Enclosure, Page, Story, Summary, View
from reader.store import Store, StoreError
from reader.textutil import (
    clean_block,
    clean_line,
    find_words,
    html_to_text,
    normalise_title,
    normalise_url,
    safe_link,
    squeezed,
)

# Notes shown above a story's text, saying where it came from.
PAGE_PART = 0  # summary cache part of a page's main story; related stories on the page are 1..n
GROUP_PART = -1  # summary cache part of a multi-story summary
SAME_EVENT = 0.3  # similarity from which a related report is called "same event", not "related"
PANE_FLOOR = 0.1  # a report this far from the story (close to another of its group) is listed,
# not opened in a pane of its own
GROUP_LISTED = 100  # reports of a story's group listed under it at most
GROUP_SUMMARY_LIMIT = 20  # reports of one event in the summary across them (most recent first)
ACROSS_MIN_TEXT = 100  # characters: a teaser of a few words is left out of that summary


def feed_story(article: Article, body_text: str = "") -> Story:
    """The story as the feed gives it: the longest of its content, summary or saved body text,
    without the "Continue reading…" or "[link] [comments]" lines the feed added."""
    lazy.load("reader.extract")
    from reader.extract.clutter import trim_feed_text  # (see fetch_and_extract)

    candidates = [
        html_to_text(article.content_html),
        clean_block(article.summary_text),
        clean_block(body_text),
    ]
    text = trim_feed_text(max(candidates, key=len))
    title = clean_line(article.title)
    if normalise_title(text) == normalise_title(title):  # a feed repeating the headline as text
        text = ""
    blocks, links = feed_links(text, article.content_html)
    return Story(
        title=title,  # (none: the pane names it by its text, and a page's title can take over)
        source=clean_line(article.feed_title),
        published=article.published.isoformat() if article.published else "",
        url=safe_link(article.url, allow_mailto=True) or None,
        text=text,
        author=clean_line(article.author),
        blocks=blocks,
        links=links,
        language=article.language,
        enclosures=article.enclosures,
    )


def feed_page(store: Store, article: Article) -> Page:
    """A page made of the feed's own text (instant; no network)."""
    try:
        body = store.body_text(article.id)
    except StoreError:
        body = ""
    return Page(main=feed_story(article, body))


def cached_page(
    store: Store, article_id: int, *, article: Article | None = None
) -> tuple[Page, str, str | None] | None:
    """The cached extraction of an article, or None (never raises). What the article's feed
    gives is its own, as it is now (a refresh since may have brought it): its enclosures, and
    its links after the page's; a story cached as the feed's text is made again from it.
    ``article``: the article, when the caller has read it already (it is not read again)."""
    try:
        cached = store.get_page(article_id)
        if cached is None:
            return None
        if article is None:
            article = store.article(article_id)
    except StoreError:
        return None
    page, source, note = cached
    if article is None:
        return cached
    if source == "feed":
        main = feed_page(store, article).main
    else:
        main = with_feed_parts(page.main, article)
    return replace(page, main=main), source, note


def _headline(feed_title: str, page_title: str) -> str:
    """The feed's headline, the one the user picked in the list (a page's own title often
    carries the site's name or differs), unless the feed cut it short."""
    if feed_title and not feed_title.rstrip().endswith(("...", "…")):
        return feed_title
    return page_title or feed_title


def _merge(extracted: Story, fallback: Story) -> Story:
    """The extracted story, with the feed's metadata filling what the page did not say."""
    return replace(
        extracted,
        title=_headline(fallback.title, clean_line(extracted.title)),
        source=fallback.source or clean_line(extracted.source),  # the feed the user follows
        # the feed's date, the one the lists show (the page's may be "2 hours ago")
        published=fallback.published or extracted.published,
        url=extracted.url or fallback.url,
        author=clean_line(extracted.author) or fallback.author,
        language=extracted.language or fallback.language,
    )


def fetch_and_extract(
    url: str, config: Config, stop: threading.Event | None = None
) -> tuple[Page | None, str | None]:
    """Fetch ``url`` and extract its stories: (page, None) or (None, why it failed). ``stop``
    (set by the reader as it quits) ends a slow fetch at once."""
    # imported here, not at the top: the reader's first frame does not wait for these libraries
    lazy.load("reader.extract")
    lazy.load("reader.fetch")
    from reader.extract import extract_response, not_a_page
    from reader.fetch import fetch_page_sync

    try:
        result = fetch_page_sync(url, config.refresh, stop)
    except Exception as exc:  # a bug in a lower layer must not take the reader down
        return None, f"the page could not be fetched ({clean_line(str(exc), 120)})"
    if result.error and not_a_page(result.content_type) is not None:
        # an episode's audio is larger than any page: what it is says more than its size
        return extract_response(b"", result.content_type, result.url or url), None
    if result.error:
        return None, clean_line(result.error, 200)
    if not result.body:
        return None, "the page was empty"
    try:
        page = extract_response(result.body, result.content_type, result.url or url)
    except Exception as exc:
        return None, f"the page could not be read ({clean_line(str(exc), 120)})"
    return page, None


# fetch's "HTTP 404 Not Found: there is nothing at this address." (see fetch._status_error)
_HTTP_STATUS = re.compile(r"\bHTTP ([1-5]\d\d)\b")
_PASSING_4XX = frozenset({408, 425, 429})  # timed out, too early, too many requests


def lasting_failure(note: str | None) -> bool:
    """Whether a failure to load a page is one that trying again soon will not mend: the server
    answered that the address is wrong, gone or not for us (a 4xx other than a timeout or a rate
    limit). Timeouts, refused connections and server errors may pass."""
    found = _HTTP_STATUS.search(note or "")
    if found is None:
        return False
    status = int(found.group(1))
    return 400 <= status < 500 and status not in _PASSING_4XX


def load_page(
    store: Store, config: Config, article_id: int, stop: threading.Event | None = None
) -> tuple[Page, str, str | None]:
    """The story to show for an article: (page, source 'page'|'feed', note).

    The cached extraction when there is one; else the page is fetched and extracted and cached.
    When fetching or extracting fails, or the page yields less text than the feed carries, the feed's
    own text is shown and the note says so (network failures are not cached, so a later open retries).
    """
    cached = cached_page(store, article_id)
    if cached is not None:
        return cached
    try:
        article = store.article(article_id)
    except StoreError as exc:
        return Page(main=Story(title="(unavailable)")), "feed", str(exc)
    if article is None:
        return (
            Page(main=Story(title="(unavailable)")),
            "feed",
            "This story is no longer in the database.",
        )
    fallback = feed_page(store, article)
    url = safe_link(article.url)
    if not url:
        return fallback, "feed", "Showing the text from the feed (the story has no web link)."
    attached = _attached_file(article, url)
    if attached:  # a podcast whose item links its audio: no page to fetch (nor a file to pull)
        return (
            fallback,
            "feed",
            f"Showing the text from the feed: the story's link is the episode's {attached}, not "
            "a page (o opens it; L lists it with the story's other links).",
        )
    page, error = fetch_and_extract(url, config, stop)
    if page is None:
        why = f" ({error.rstrip('. ')})" if error else ""
        return (
            fallback,
            "feed",
            f"Showing the text from the feed; the page could not be loaded{why}.",
        )
    if page.broken:  # not kept: the next open tries the page again
        return (
            fallback,
            "feed",
            "Showing the text from the feed: newsreader's extractor failed on the page; opening "
            "the story again retries it.",
        )
    main = _merge(page.main, fallback.main)
    if len(main.text) < len(fallback.main.text):
        note: str | None = "Showing the text from the feed: it has more than the page gave."
        if page.note:
            note = f"{note} ({clean_line(page.note, 200)})"
        shown, source = Page(main=fallback.main, related=page.related, note=note), "feed"
    else:
        note = clean_line(page.note, 300) or None
        shown, source = Page(main=main, related=page.related, note=note), "page"
    with contextlib.suppress(StoreError):  # shown anyway; it will be fetched again next time
        store.put_page(article_id, shown, source, note)
        if source == "page":  # the story's reports in other feeds are found by its page now
            _note_full_text(store, config, article, shown.main.text)
    if source == "page":  # (not kept with it: cached_page adds them as the feed gives them now)
        shown = replace(shown, main=with_feed_parts(shown.main, article))
    return shown, source, note


def _note_full_text(store: Store, config: Config, article: Article, text: str) -> None:
    """The grouping takes the page's text for the feed's (``Store.articles_for_grouping``): the
    window is grouped again in the background where that changes what the article is grouped
    by (``reader.related.persist.note_full_text``). Store errors are raised."""
    lazy.load("reader.related")
    from reader.related.persist import note_full_text

    note_full_text(store, article, text, config.related.window_hours)


def _attached_file(article: Article, url: str) -> str:
    """What the article's link is when it is one of its enclosures ("audio", "video",
    "picture", "file"), else ""."""
    key = normalise_url(url)
    for enclosure in article.enclosures:
        if normalise_url(enclosure.url) == key:
            major = _media_type(enclosure).partition("/")[0].removeprefix("x-")
            return {"audio": "audio", "video": "video", "image": "picture"}.get(major, "file")
    return ""


def keep_story(
    store: Store, config: Config, article_id: int, stop: threading.Event | None = None
) -> str | None:
    """Fetch and keep an article's full story and its summary, as opening it would (a favourite
    saved from the list, never opened, then outlives its page and its feed); what went wrong,
    in words, or None. Nothing is fetched again when the story was kept before."""
    page, source, note = load_page(store, config, article_id, stop)
    if stop is not None and stop.is_set():
        return None
    if page.main.text.strip():
        load_summary(
            store,
            config,
            article_id,
            PAGE_PART,
            page.main.text,
            page.main.title,
            language=page.main.language,
        )
    return note if source == "feed" else None


def load_target(
    target: str, config: Config, stop: threading.Event | None = None
) -> tuple[Page | None, str | None]:
    """A page or file opened directly (``newsreader open|extract|summarize PATH_OR_URL``):
    (page, None) or (None, what went wrong).

    The one home for "open a path or URL". A URL is fetched with the feed fetcher's limits; a local
    file is read with the same size cap, and anything but a regular file (a FIFO, a device such as
    /dev/zero, a folder) is refused before it is opened, so nothing can hang or fill memory.
    """
    target = target.strip()
    url = safe_link(target)
    if url:
        page, error = fetch_and_extract(url, config, stop)
        if page is None:
            return None, f"Could not fetch {url}: {(error or 'it failed').rstrip('. ')}."
        return page, None
    if "://" in target and not target.lower().startswith("file://"):
        return None, f"Only http, https and local files can be opened: {clean_line(target, 200)!r}"
    lazy.load("reader.extract")
    lazy.load("reader.fetch")
    from reader.extract import extract_response
    from reader.fetch import local_path, read_local

    path = local_path(target)
    shown = clean_line(str(path), 200)
    result = read_local(target, config.refresh.max_bytes)  # refuses pipes, caps the size
    if result.error:
        if target in result.error:  # named as given: a long name shortened, the reason kept
            return None, clean_line(result.error.replace(target, shown), 500)
        return None, f"Could not read {shown}: {clean_line(result.error, 300)}"
    body = result.body or b""
    content_type = mimetypes.guess_type(path.name)[0]  # None: the extractor sniffs HTML or text
    try:
        return extract_response(body, content_type, None), None
    except Exception as exc:  # the extractor's bug must not take the reader down
        return None, f"Could not read {shown}: {clean_line(str(exc), 120)}."


# --------------------------------------------------------------------------- a story's links


def link_marks(story: Story) -> tuple[tuple[int, int], ...]:
    """Where the numbers of a story's links go in its text: (offset in ``story.text``, n) for
    each " [n]" its blocks carry after a link's words, in order, n being the link
    ``story_links(story)[n - 1]`` (after its enclosures; a number with no link is left out).
    None when the text is not the one its blocks make (a text changed since its links were
    numbered): the numbers would land in the wrong places."""
    if not story.links or not story.blocks:
        return ()
    lazy.load("reader.extract")
    from reader.extract.enrich import LINK_MARK  # (the extractor's own: one home for it)

    parts: list[str] = []
    marks: list[tuple[int, int]] = []
    listed = len(story.enclosures)  # (numbered before the links: see story_links)
    at = 0  # where the block being read starts in the text
    for block in story.blocks:
        if block.kind == "image":  # (as blocks_to_text: images are not in the text)
            continue
        if parts:
            at += 2  # the blank line between two blocks
        prefix = "• " if block.kind == "li" else ""
        kept, removed = [prefix], 0
        last = 0
        for found in LINK_MARK.finditer(block.text):
            kept.append(block.text[last : found.start()])
            number = int(found.group().strip(" []"))
            if 1 <= number <= len(story.links):
                marks.append((at + len(prefix) + found.start() - removed, listed + number))
            removed += found.end() - found.start()
            last = found.end()
        kept.append(block.text[last:])
        text = "".join(kept)
        parts.append(text)
        at += len(text)
    if "\n\n".join(parts) != story.text:
        return ()
    return tuple(marks)


def story_links(story: Story) -> tuple[str, ...]:
    """A story's links as they can be opened (numbered from 1: [n] is the n-th): its enclosures
    first (a podcast's audio is what its story is for), then the links its text numbers and the
    others; each a web or mail address with no control characters, or "" for one that is
    neither (never opened)."""
    attached = tuple(safe_link(e.url) for e in story.enclosures)
    return attached + tuple(safe_link(link, allow_mailto=True) for link in story.links)


def link_kinds(story: Story) -> tuple[str, ...]:
    """What each of ``story_links`` is, beside its address: an enclosure as ``enclosure_label``
    says it, "image" for a picture of the feed's text, "" for a link."""
    images = {
        int(found.group(1))
        for block in story.blocks
        if block.kind == "image" and (found := _IMAGE_LINK.fullmatch(block.text))
    }
    return tuple(enclosure_label(e) for e in story.enclosures) + tuple(
        "image" if n in images else "" for n in range(1, len(story.links) + 1)
    )


def enclosure_label(enclosure: Enclosure) -> str:
    """An enclosure in words: "Podcast: audio/mpeg · 105 MB" (a video, a picture, another
    file: "Video", "Image", "Attachment")."""
    kind = _media_type(enclosure)
    major = kind.partition("/")[0].removeprefix("x-")  # ("x-audio/mp3": an old spelling)
    name = {"audio": "Podcast", "video": "Video", "image": "Image"}.get(major, "Attachment")
    size = file_size(enclosure.length) if enclosure.length else ""
    return f"{name}: " + " · ".join(part for part in (kind or "file", size) if part)


def _media_type(enclosure: Enclosure) -> str:
    """An enclosure's media type: as the feed gave it, else as its file name says ("")."""
    kind = clean_line(enclosure.type, 60)
    return kind or mimetypes.guess_type(enclosure.url.split("?")[0])[0] or ""


def file_size(length: int) -> str:
    """A size in bytes for people: "830 bytes", "12 kB", "4.5 MB", "105 MB", "1.2 GB"."""
    if length < 1000:
        return f"{length} byte{'s' if length != 1 else ''}"
    for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12)):
        value = length / scale
        if value < 1000 or unit == "TB":
            return f"{value:.1f} {unit}" if value < 10 else f"{round(value)} {unit}"
    return ""  # (not reached)


# --------------------------------------------------------------------------- a feed's links

_IMAGE_LINK = re.compile(r"\[image\] \[(\d+)\]")  # the block a picture of a feed's text is
FEED_LINKS_MAX = 300  # links and pictures of one feed entry's HTML that are numbered
_TINY = 3  # pixels: a picture this small is a tracking pixel or a spacer


class _LinkReader(HTMLParser):
    """The links (``<a href>``, with their words) and pictures (``<img src>``) of an HTML
    fragment, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, bool]] = []  # (address, words, a picture)
        self._open: list[str] | None = None  # the words of the link being read
        self._href = ""

    def _close(self) -> None:
        if self._open is not None:
            self.found.append((self._href, clean_line(" ".join(self._open)), False))
            self._open = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.found) > 2 * FEED_LINKS_MAX:
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "a":
            self._close()  # (a link left open ends at the next one)
            self._href, self._open = values.get("href", ""), []
        elif tag == "img" and not any(
            values.get(side, "").strip().isdigit() and int(values[side]) < _TINY
            for side in ("width", "height")
        ):
            self.found.append((values.get("src", ""), "", True))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._close()

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _html_links(fragment: str) -> list[tuple[str, str, bool]]:
    """(address, words, a picture) of each link and picture of ``fragment`` that can be
    opened (web or mail addresses), in order."""
    if not fragment or ("<a" not in fragment.lower() and "<img" not in fragment.lower()):
        return []
    reader = _LinkReader()
    try:
        reader.feed(fragment)
        reader.close()
    except Exception:  # (HTMLParser is lenient: keep what was read before a failure)
        pass
    reader._close()
    found = []
    for href, words, image in reader.found:
        url = safe_link(href.strip(), allow_mailto=not image)
        if url:
            found.append((url, words, image))
    return found


def feed_links(text: str, fragment: str) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """The blocks and links of a story whose ``text`` was made of a feed's HTML ``fragment``,
    numbered as a page's are (see ``link_marks``): each link whose words are found in the text,
    in turn, gets its number after them; the links whose words are not (a link around a
    picture, a "[comments]" line the text left out) and then the pictures follow, numbered
    but not in the text. A picture is an "image" block that holds its number."""
    found = _html_links(fragment)[:FEED_LINKS_MAX]
    if not found:
        return (), ()
    links: list[str] = []
    marks: list[tuple[int, int]] = []  # (offset in the text, n): " [n]" goes there
    rest: list[tuple[str, bool]] = []
    position = 0
    for url, words, image in found:
        at = -1 if image or not words else find_words(text, words, position)
        if at < 0:
            rest.append((url, image))
            continue
        if url not in links:
            links.append(url)
        position = at + len(words)
        marks.append((position, links.index(url) + 1))
    images = _number_rest(links, rest)
    blocks: list[Block] = []
    start = 0
    if text:
        for paragraph in text.split("\n\n"):
            end = start + len(paragraph)
            inside = [(at - start, n) for at, n in marks if start <= at <= end]
            marked, last = [], 0
            for at, n in inside:
                marked.append(paragraph[last:at] + f" [{n}]")
                last = at
            marked.append(paragraph[last:])
            blocks.append(Block("p", "".join(marked)))
            start = end + 2
    return tuple(blocks + images), tuple(links)


def with_feed_parts(story: Story, article: Article) -> Story:
    """A page's story with what its article's feed gives: its enclosures, and the links of the
    feed's text that the page's links do not have, after them (a "Comments" link)."""
    links = list(story.links)
    found = _html_links(article.content_html)[:FEED_LINKS_MAX]
    images = _number_rest(links, [(url, image) for url, _, image in found], normalise_url)
    return replace(
        story,
        links=tuple(links),
        blocks=(*story.blocks, *images),
        enclosures=article.enclosures,
    )


def _number_rest(
    links: list[str],
    rest: Sequence[tuple[str, bool]],
    key: Callable[[str], str] | None = None,
) -> list[Block]:
    """Number the links and then the pictures of ``rest`` (address, a picture) that ``links``
    does not have yet (compared by ``key``, else as they are), adding them to ``links`` in turn;
    the "image" blocks of the pictures, each holding its number."""
    have = {key(link) if key else link for link in links}
    images: list[Block] = []
    for url, image in sorted(rest, key=lambda one: one[1]):  # (links, then pictures)
        seen_as = key(url) if key else url
        if seen_as in have:
            continue
        have.add(seen_as)
        links.append(url)
        if image:
            images.append(Block("image", f"[image] [{len(links)}]"))
    return images


# --------------------------------------------------------------------------- summaries


def algorithms() -> tuple[str, ...]:
    """The summary algorithms on offer, the default first."""
    lazy.load("reader.summarize")
    from reader.summarize import ALGORITHMS

    return tuple(ALGORITHMS)


def resolve_algorithm(config: Config, algorithm: str | None = None) -> str:
    """The summary method to run: the one asked for (any spelling: "lex-rank"), else the
    config's, else the default."""
    lazy.load("reader.summarize")
    from reader.summarize.core import normalize_algorithm

    names = algorithms()
    for choice in (algorithm, config.summary.algorithm):
        name, note = normalize_algorithm(choice)
        if choice and note is None and name in names:
            return name
    return names[0]


def resolve_language(config: Config, declared: str = "") -> str:
    """The sumy language name: the config's, or (for "auto") the story's declared one, else english."""
    wanted = config.summary.language
    code = declared if wanted == "auto" else wanted
    lazy.load("reader.summarize")
    from reader.summarize import language_for

    try:
        return language_for(code or "en") or "english"
    except Exception:
        return "english"


def _unavailable(algorithm: str, why: str) -> Summary:
    return Summary(sentences=(), algorithm=algorithm, total_sentences=0, note=why)


def _cached_summary(
    store: Store,
    config: Config,
    article_id: int | None,
    part: int,
    algo: str,
    compute: Callable[[], Summary],
    text: str | None = None,
) -> Summary:
    """The cached summary for (article, part, algorithm, length and ``text``), else
    ``compute()`` (cached when it chose sentences). Store and summariser failures become a note;
    nothing raises. A summary that stands in for a failed one is neither kept nor taken from the
    cache."""
    lazy.load("reader.summarize")
    from reader.summarize.api import failed

    length = _length_key(config, text)
    if article_id is not None:
        for key in (length, *_kept_keys(store, article_id, length)):
            try:
                cached = store.get_summary(article_id, part, algo, key)
            except (StoreError, ValueError, KeyError):
                cached = None
            if cached is not None and not failed(cached):
                return cached
    try:
        summary = compute()
    except Exception as exc:
        return _unavailable(algo, f"The summary could not be made ({clean_line(str(exc), 120)}).")
    if article_id is not None and summary.sentences and not failed(summary):
        with contextlib.suppress(StoreError):
            store.put_summary(article_id, part, algo, length, summary)
    return summary


def _length_key(config: Config, text: str | None, version: int | None = None) -> str:
    """The summary cache's key for the config's summary length (and the text), made by the
    summariser's ``version`` (default: the current one, SUMMARY_VERSION): a summariser that
    makes other summaries now does not find those it made before. (Keys made before versions
    were counted have no version in them.)"""
    key = Store.summary_length_key(config.summary.sentences, config.summary.ratio, text)
    if version is None:
        lazy.load("reader.summarize")
        from reader.summarize import SUMMARY_VERSION

        version = SUMMARY_VERSION
    return f"{key}~v{version}" if version else key


def _kept_keys(store: Store, article_id: int, current: str) -> list[str]:
    """The keys a favourite's summary may have been kept under by earlier summariser versions,
    newest first: a favourite keeps the summary it was saved with (it is the user's, not a
    cache), where any other story's is made again by the current summariser."""
    try:
        article = store.article(article_id)
    except StoreError:
        return []
    if article is None or not article.is_favourite:
        return []
    base, _, version = current.rpartition("~v")
    if not base or not version.isdigit():
        return []
    return [f"{base}~v{v}" if v else base for v in range(int(version) - 1, -1, -1)]


def keep_summary(
    store: Store, config: Config, article_id: int, text: str, summary: Summary
) -> None:
    """Keep a summary made of ``text`` as the story's, where ``load_summary`` finds it (a story
    from a page, saved as an article of its own with the summary its pane showed)."""
    store.put_summary(article_id, PAGE_PART, summary.algorithm, _length_key(config, text), summary)


def saved_summary(store: Store, article_id: int) -> Summary | None:
    """A summary of the story made earlier (any method or length), to show beside it where none
    is made now (an export): not a failed one's stand-in, nor the whole of a short story."""
    lazy.load("reader.summarize")
    from reader.summarize.api import failed

    summary = store.any_summary(article_id)
    if summary is None or failed(summary) or len(summary.sentences) >= summary.total_sentences:
        return None
    return summary


def favourite_summary(store: Store, article: Article) -> Summary | None:
    """The summary saved with a favourite (``saved_summary``), where the reader's pane would
    show it: not where the pane says to read the story whole instead (``instead_of_summary``: a
    short story, or a summary that is most of it), counting the words of the story the pane
    shows (the page kept for it, else the feed's text; with no text kept, the summary is all
    there is). Store errors are raised."""
    lazy.load("reader.summarize")
    from reader.summarize.api import instead_of_summary

    summary = saved_summary(store, article.id)
    if summary is None:
        return None
    cached = cached_page(store, article.id, article=article)
    story = cached[0].main if cached is not None else feed_page(store, article).main
    text = clean_block(story.text)
    return summary if not text or instead_of_summary(summary.sentences, text) is None else None


def load_summary(
    store: Store,
    config: Config,
    article_id: int | None,
    part: int,
    text: str,
    title: str = "",
    algorithm: str | None = None,
    language: str = "",
) -> Summary:
    """The summary of one story (cached per article, part, algorithm, length and text). Never
    raises."""
    lazy.load("reader.summarize")
    from reader.summarize import summarize_story

    algo = resolve_algorithm(config, algorithm)
    return _cached_summary(
        store,
        config,
        article_id,
        part,
        algo,
        lambda: summarize_story(
            text,
            sentences=config.summary.sentences,
            algorithm=algo,
            language=resolve_language(config, language),
            title=title or None,
            ratio=config.summary.ratio or None,
        ),
        text,
    )


def story_summary(
    store: Store,
    config: Config,
    article_id: int | None,
    stories: Sequence[tuple[str, str]],
    language: str = "",
    sentences: int | None = None,
    ranked: bool = False,
) -> Summary:
    """One summary of a group of related stories ((title, text) pairs), cached on the lead article
    for that set of stories (a story joining the group makes a new one); ``sentences`` long
    (default: the config's, at least 5); ``ranked``: most central first, not in story order."""
    count = sentences or max(config.summary.sentences, 5)
    lazy.load("reader.summarize")
    from reader.summarize import summarize_many

    digest = hashlib.blake2b(digest_size=6)
    for title, text in stories:
        digest.update(f"{len(title)}:{title}{len(text)}:{text}".encode(errors="replace"))
    return _cached_summary(
        store,
        config,
        article_id,
        GROUP_PART,
        f"multi{'-ranked' if ranked else ''}:{count}:{digest.hexdigest()}",
        lambda: summarize_many(
            list(stories),
            sentences=count,
            language=resolve_language(config, language),
            ranked=ranked,
        ),
    )


# ---------------------------------------------------------------------- the stories beside one

# Kinds of stories beside an opened one, in the order they get a pane: the page's stories with a
# text, then reports of the same event from other feeds, then the page's bare links (teasers),
# then the weaker reports; a page's sidebar of links must not push the same event's reports out.
# LISTED ones get no pane (they are listed under the story).
PAGE_STORY, SAME_EVENT_REPORT, PAGE_LINK, RELATED_REPORT, LISTED = range(5)


@dataclass(frozen=True, slots=True)
class RelatedCandidate:
    """A story to show beside an opened one: a story of its page (``part`` 1..n, its place on
    the page) or a report of the same story from another feed (``part`` 0)."""

    story: Story  # what is known of it before it is loaded
    rank: int  # PAGE_STORY … LISTED
    article: Article | None = None  # the stored article it is (a page's story may be one too)
    part: int = 0
    similarity: float | None = None  # a report's cosine with the opened story
    same_story: bool = False  # a report of its group beyond the closest ones (no similarity)
    pending: bool = False  # a page's story known only by its link: loaded when shown
    carried: tuple[str, ...] = ()  # the feeds of its copies, shown with it, not beside it

    @property
    def from_page(self) -> bool:
        return self.part > 0


@dataclass(frozen=True, slots=True)
class RelatedPlan:
    """The stories beside an opened one: those that get a pane, in order, and the reports listed
    under it (best first), each taking a pane when one beside it is closed."""

    beside: tuple[RelatedCandidate, ...] = ()
    listed: tuple[RelatedCandidate, ...] = ()
    opened_carried: tuple[str, ...] = ()  # the feeds of the opened story's own copies

    @property
    def summary_articles(self) -> list[Article]:
        """The stored stories beside it whose text (read from the store) joins the summary
        across the stories: the reports, and the page's teasers that are stored articles."""
        return [
            c.article
            for c in self.beside
            if c.article is not None and (not c.from_page or c.pending)
        ]


@dataclass(frozen=True, slots=True)
class Reports:
    """The reports of an opened story's event in the store, each story once: ``pairs`` are
    (article, similarity to the opened one or None), closest first; ``carried`` names, by the
    id of the report kept (the opened article's own too), the feeds of its copies left out (a
    wire story syndicated by several outlets, an update re-posted under a new address)."""

    pairs: tuple[tuple[Article, float | None], ...] = ()
    carried: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    feed_id: int | None = None  # the opened article's feed (its own reports come after others')


def find_reports(store: Store, article_id: int) -> Reports:
    """The reports of the same story from other feeds (``Reports``), closest first: those the
    grouping kept as the article's closest, and the rest of its group (it can hold more reports
    than the closest ones kept for each article, and groups merged later keep no links across
    them), their similarity to the article worked out now (``_weighed_words``). A story and its
    copies are one report: the original (the one the lists show) stands for them, its copies
    named as carrying it; the article's own copies are the article. An unsubscribed feed's
    stories are none of them (its favourite opened shows the subscribed feeds' reports).
    Store errors are raised."""
    own = set(store.duplicates_of(article_id))
    found: list[tuple[Article, float | None]] = list(store.related(article_id))
    article = store.article(article_id)
    if article is not None and article.group_id is not None:
        found += [(a, None) for a in store.group_articles(article.group_id, GROUP_LISTED)]
    scores: dict[int, float] = {}
    for report, score in found:
        if score is not None:
            scores.setdefault(report.id, score)
    carried: dict[int, tuple[str, ...]] = {article_id: _feeds_of(store, own)}
    done = {article_id} | own
    pairs: list[tuple[Article, float | None]] = []
    mine: dict[str, float] | None = None  # the article's weighed words, worked out once
    for report, _ in found:
        if report.id in done:
            continue
        # (an unsubscribed feed's copies are not among them: they are not shown)
        copies = set(store.duplicates_of(report.id))
        if report.duplicate_of in copies:  # a copy: its original (the one the lists show)
            original = store.article(report.duplicate_of)
            if original is not None:
                copies = (copies | {report.id}) - {original.id}
                report = original
        done |= copies | {report.id}
        carried[report.id] = _feeds_of(store, copies)
        score = scores.get(report.id)
        if score is None and article is not None:
            full = store.article(report.id) if not report.summary_text else report
            if mine is None:
                mine = _weighed_words(article)
            score = _cosine(mine, _weighed_words(full)) if full is not None else None
        pairs.append((report, score))
    pairs.sort(key=_closest_first)  # (stable)
    return Reports(tuple(pairs), carried, article.feed_id if article is not None else None)


def _closest_first(pair: tuple[Article, float | None]) -> tuple[bool, float]:
    """The order of (report, similarity) pairs: closest first, those with none last."""
    return pair[1] is None, -(pair[1] or 0.0)


def _weighed_words(article: Article) -> dict[str, float]:
    """A stored article's headline and lead as the grouping weighs them
    (``reader.related.text.features``: names, numbers and the headline count more), without
    the index's rarity weights: their cosine (``_cosine``) stands in, a little higher, for the
    similarity the grouping keeps for an article's closest reports. {} when it has no words to
    weigh."""
    lazy.load("reader.related")
    from reader.related.persist import article_item
    from reader.related.text import features_or_error

    item = article_item(article)
    found = features_or_error(
        (item["title"], item["text"], item["language"] or "", item["publisher"])
    )
    return {} if isinstance(found, str) else found.vector


def _cosine(a: dict[str, float], b: dict[str, float]) -> float | None:
    if not a or not b:
        return None
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    norms = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return round(dot / norms, 4) if norms else None


def _feeds_of(store: Store, article_ids: set[int]) -> tuple[str, ...]:
    """The feeds of these articles, each once, oldest article first."""
    names = []
    for other in sorted(article_ids):
        found = store.article(other)
        if found is not None and clean_line(found.feed_title):
            names.append(clean_line(found.feed_title))
    return tuple(dict.fromkeys(names))


def rank_related(
    opened_title: str,
    article_id: int | None,
    page_stories: Sequence[Story],
    reports: Sequence[tuple[Article, float | None]],
    known: Mapping[str, Article],
    beside: int,
    carried: Mapping[int, Sequence[str]] | None = None,
    own_feed: int | None = None,
) -> RelatedPlan:
    """Which stories go beside the opened one (``article_id``, titled ``opened_title``), at most
    ``beside`` of them, and which are listed under it. ``page_stories``: the stories of its page
    (``known``: the stored article each is, by URL); ``reports``: ``Reports.pairs``, with
    ``carried`` (``Reports.carried``: the feeds of each one's copies). A story whose article was
    seen is left out, as is a page's story whose title was; a report under the very headline of
    the opened story or of another report is that story carried by one more feed.

    Every report of the group may take a pane that is free: first the closest report of each
    other feed (those of the same event, SAME_EVENT or closer, before the page's bare links),
    then the rest of the other feeds' reports, then the opened story's own feed's (``own_feed``),
    those far from the story (under PANE_FLOOR, close to another of the group) last of each."""
    carried = carried or {}
    seen = {clean_line(opened_title).lower()} - {""}  # (an untitled story: none)
    seen_ids: set[int | None] = {article_id}
    candidates: list[RelatedCandidate] = []
    for part, story in enumerate(page_stories, start=1):
        key = clean_line(story.title).lower()
        stored = known.get(story.url or "")
        if key in seen or (stored and stored.id in seen_ids):
            continue
        seen.add(key)
        has_text = bool(story.text.strip())
        pending = not has_text and (stored is not None or bool(safe_link(story.url or "")))
        if stored is not None:  # the story is that article: its source and date
            seen_ids.add(stored.id)
            story = replace(
                story,
                source=story.source or clean_line(stored.feed_title),
                published=stored.published.isoformat() if stored.published else "",
            )
        rank = PAGE_STORY if has_text else PAGE_LINK
        candidates.append(RelatedCandidate(story, rank, stored, part, pending=pending))
    by_title: dict[str, int | None] = {clean_line(opened_title).lower(): article_id}
    feeds: dict[int | None, list[str]] = {article_id: list(carried.get(article_id or 0, ()))}
    closest_first = sorted(reports, key=_closest_first)
    outlets: set[int] = set()
    order: dict[int, tuple[bool, bool, bool]] = {}  # report -> its place among its rank's
    for article, score in closest_first:
        key = clean_line(article.title).lower()
        if article.id in seen_ids:
            continue
        if key in seen:  # the same headline: one more feed carrying that report, if it is one
            if key in by_title:
                feeds[by_title[key]].append(clean_line(article.feed_title))
                feeds[by_title[key]] += carried.get(article.id, ())
            continue
        seen.add(key)
        seen_ids.add(article.id)
        by_title[key] = article.id
        feeds[article.id] = list(carried.get(article.id, ()))
        story = Story(
            title=clean_line(article.title),
            source=clean_line(article.feed_title),
            published=article.published.isoformat() if article.published else "",
            url=safe_link(article.url) or None,  # (a listed report's link is in L's list)
        )
        own = own_feed is not None and article.feed_id == own_feed
        first = not own and article.feed_id not in outlets
        outlets.add(article.feed_id)
        far = score is None or score < PANE_FLOOR
        strong = first and score is not None and score >= SAME_EVENT
        rank = SAME_EVENT_REPORT if strong else RELATED_REPORT
        order[article.id] = (own, not first, far)
        candidates.append(
            RelatedCandidate(story, rank, article, similarity=score, same_story=score is None)
        )
    candidates = [
        replace(c, carried=_names(feeds[c.article.id]))
        if c.part == 0 and c.article is not None
        else c
        for c in candidates
    ]
    # stable: each kind keeps its order (a page's, its stories'; reports', closest first)

    def place(c: RelatedCandidate) -> tuple[int, tuple[bool, ...]]:
        report = c.article.id if c.article is not None and c.part == 0 else None
        return c.rank, order.get(report, ()) if report is not None else ()

    candidates.sort(key=place)
    shown = [c for c in candidates if c.rank != LISTED][: max(0, beside)]
    chosen = {id(c) for c in shown}
    # reports past the panes: listed, and opened when room is made (the group's rest last)
    rest = [
        c for c in candidates if id(c) not in chosen and (c.similarity is not None or c.same_story)
    ]
    rest.sort(key=lambda c: -(c.similarity or 0.0))
    return RelatedPlan(tuple(shown), tuple(rest), _names(feeds[article_id]))


def _names(feeds: Sequence[str]) -> tuple[str, ...]:
    """Feed names, each once, in order (none empty)."""
    return tuple(dict.fromkeys(name for name in feeds if name))


def group_stories(store: Store, article_id: int | None, articles: Sequence[Article]) -> list[Story]:
    """The stored reports whose text joins the summary across an opened story (``article_id``)
    and the stories beside it: ``articles`` (those beside it), then the rest of its group, at
    most GROUP_SUMMARY_LIMIT of them, each as its cached page's story or else its feed's text.
    Store errors are raised."""
    lead = store.article(article_id) if article_id else None
    done = {article_id}
    if lead is not None and lead.duplicate_of is not None:  # a copy: its original is itself
        done.add(lead.duplicate_of)
    members = list(articles)
    if lead is not None and lead.group_id is not None:
        members += store.group_articles(lead.group_id, GROUP_SUMMARY_LIMIT)
    stories: list[Story] = []
    for article in members:
        if article.id in done or len(done) > GROUP_SUMMARY_LIMIT:
            continue
        done.add(article.id)
        full = store.article(article.id)
        if full is not None:
            page = cached_page(store, full.id, article=full)
            story = page[0].main if page else feed_page(store, full).main
            # (named by its feed, as the panes name it: a bullet from it says where it is from)
            stories.append(replace(story, source=clean_line(full.feed_title) or story.source))
    return stories


@dataclass(frozen=True, slots=True)
class AcrossInput:
    """What the summary across stories is made of: (title, text) pairs, the opened story's
    first when it has text; ``others`` counts the other stories among them, ``total`` the other
    stories there were (those with only a headline or a line among them); ``sources`` names the
    source of each text."""

    texts: tuple[tuple[str, str], ...]
    others: int
    total: int = 0
    sources: tuple[str, ...] = ()


def across_input(opened: Story, others: Sequence[Story]) -> AcrossInput | None:
    """The input of the summary across an opened story and ``others`` (the stories beside it,
    then ``group_stories``): teasers (a few words, under ACROSS_MIN_TEXT characters) are left
    out, as a bullet of theirs has nothing in it to make sense of. None when no other is left.
    One other report is enough: its own pane's summary is of that report, not of what it adds
    to this one (another outlet's minister, figures, later news)."""
    kept = [story for story in others if len(story.text.strip()) >= ACROSS_MIN_TEXT]
    if not kept:
        return None
    stories = [opened, *kept] if opened.text.strip() else kept
    return AcrossInput(
        tuple((story.title, story.text) for story in stories),
        len(kept),
        len(others),
        tuple(clean_line(story.source) for story in stories),
    )


def others_sentences(config: Config, across: AcrossInput, total: int, language: str = "") -> int:
    """Of the ``total`` sentences a summary across stories (``across``) was chosen from, the
    other stories' (what its heading counts, "1 of 3 sentences"): the opened story's own, there
    first when it has a text, are left out, counted as ``summarize_many`` counts them (in the
    language it reads the stories in). One other report of one sentence beside an opened story
    of four was "1 of 5 sentences"."""
    if len(across.texts) <= across.others:
        return total  # (the opened story had no text: every sentence is another story's)
    lazy.load("reader.summarize")
    from reader.summarize.api import MULTI_STORY_LIMIT, story_language
    from reader.summarize.core import prepare

    texts = [text for _, text in across.texts]
    lang = story_language(" ".join(texts[:5]), resolve_language(config, language))
    title, text = across.texts[0]
    try:
        own = len(prepare(text, lang, clean_line(title)).units)
    except Exception:  # (left out of the summary as well)
        own = 0
    return max(0, total - min(own, MULTI_STORY_LIMIT))


def carried_text(source: str, carried: Sequence[str]) -> str:
    """What the feeds carrying copies of a story (``carried``) are said as, beside the story's
    own ``source``: "also carried by CBS Local, AP"; a copy in its own feed (an update
    re-posted under a new address) is "another version in this feed". "" for none."""
    own = clean_line(source).casefold()
    others = [name for name in dict.fromkeys(carried) if name.casefold() != own]
    parts = [f"also carried by {', '.join(others)}"] if others else []
    if any(name.casefold() == own for name in carried):
        parts.append("another version in this feed")
    return " · ".join(parts)


def alike(similarity: float | None) -> str:
    """How alike a report's words are to the opened story's: "wording 62% alike" (the cosine
    of their headlines' and leads' weighted words: 100% the same text, 20% the same news told
    in other words), "" when not known."""
    return f"wording {round(100 * similarity)}% alike" if similarity is not None else ""


def sentence_sources(sentences: Sequence[str], across: AcrossInput) -> tuple[str, ...]:
    """The source of each sentence of a summary across stories (``across``): the story whose
    text holds it (the summariser may have tidied it: else the one sharing most of its words);
    "" where none does."""
    flat = [squeezed(f"{title}. {text}") for title, text in across.texts]
    words = [set(_content_words(text)) for text in flat]
    found = []
    for sentence in sentences:
        key = squeezed(sentence)
        where = next((n for n, text in enumerate(flat) if key and key in text), None)
        if where is None:
            mine = set(_content_words(sentence))
            shared = [len(mine & theirs) for theirs in words]
            best = max(range(len(shared)), key=shared.__getitem__) if shared else None
            where = best if best is not None and mine and shared[best] * 2 >= len(mine) else None
        sources = across.sources
        found.append(sources[where] if where is not None and where < len(sources) else "")
    return tuple(found)


ADDS_SHARE = 0.5  # of a sentence's words new to the opened story: what it adds (else a repeat)


def what_others_add(
    sentences: Sequence[str], sources: Sequence[str], opened: Story, said: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """The sentences of the summary across stories that say something the opened story does
    not, with their sources, in the summary's order (``story_summary``'s ranked one: what most
    reports carry first): not one of its own summary's (``said``) or of its text, nor one that
    states a fact of its headline or text again in other words (a figure of one of its
    sentences with words of it: "saw its eighth eruption in a year" under "It is the eighth
    eruption on the peninsula since December 2023"), nor one whose words (figures and names
    too) are mostly the opened story's, headline and text ("SunTrust will pay $968 million to
    settle" under a story that says it); and what a sentence kept before it adds is not added
    again (the same figure, or mostly the same new words, from a second outlet). A sentence
    giving a figure the opened story does not give ("14 people were injured", "thousands were
    evacuated": ``facts.figures``), or a kind of change it does not report (a warning lifted,
    people dead or hurt: ``Facts.changes``), states a fact of its own, whatever it tells again
    beside it."""
    lazy.load("reader.summarize")
    from reader.summarize import language_for, split_sentences
    from reader.summarize.facts import Facts, is_mark

    language = language_for(opened.language or None)
    facts = Facts(language)
    stated = [opened.title, *split_sentences(clean_block(opened.text), language)]
    mine = facts.terms(f"{opened.title}. {opened.text}")
    told = squeezed(opened.text)
    kept: list[tuple[str, str]] = []
    added: list[frozenset[str]] = []  # what each kept sentence adds
    for n, sentence in enumerate(sentences):
        key = squeezed(sentence)
        if sentence in said or (key and key in told):
            continue
        if facts.restates(sentence, [*stated, *(s for s, _ in kept)]):
            continue
        words = facts.terms(sentence)
        new = words - mine
        # a figure the opened story does not give, or a kind of change it does not report,
        # with a word it does not have, is news however much of the event the sentence tells
        # again around it ("14 people were injured"; "thousands were evacuated after the 7.1
        # quake struck off Chile"; "... as authorities lifted the tsunami warning")
        fresh = any(map(is_mark, new)) and not all(map(is_mark, new))
        if words and not fresh and len(new) < ADDS_SHARE * len(words):
            continue  # mostly the opened story's words
        if any(len(new & before) >= ADDS_SHARE * len(new) for before in added if new):
            continue  # what a sentence kept before adds
        added.append(new)
        kept.append((sentence, sources[n] if n < len(sources) else ""))
    return kept


def group_headlines(opened: Story, others: Sequence[Story]) -> tuple[tuple[str, str], ...]:
    """How the other stories of a group headlined it, where there is no text to summarise
    across them: (headline, sources), each headline once (the feeds carrying the same one
    named together), the opened story's own left out."""
    by_title: dict[str, tuple[str, list[str]]] = {}
    own = clean_line(opened.title).casefold()
    for story in others:
        title = clean_line(story.title)
        if not title or title.casefold() == own:
            continue
        _, sources = by_title.setdefault(title.casefold(), (title, []))
        if clean_line(story.source) and clean_line(story.source) not in sources:
            sources.append(clean_line(story.source))
    return tuple((title, ", ".join(sources)) for title, sources in by_title.values())


_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]{4,}", re.UNICODE)


def _content_words(text: str) -> list[str]:
    """The words that carry what a sentence says: figures ("968", "1.5") and words of four
    letters or more, in lower case, a plural's "s" dropped ("mortgages" is "mortgage")."""
    words = []
    for word in _WORD_RE.findall(text.casefold()):
        words.append(word.replace(",", "") if word[0].isdigit() else word.removesuffix("s"))
    return words


# ---------------------------------------------------------------------- where the reader was

PLACE_KEY = "reader.place"
_SMART_VIEWS = ("all", "unread", "today", "favourites")


def last_place(store: Store) -> tuple[View, int | None]:
    """The view and the headline the reader was on when it last closed: (View, article id).
    All (and no headline) when nothing was saved, what was saved is unreadable, or its feed or
    category is gone. Never raises."""
    try:
        raw = store.get_meta(PLACE_KEY)
        data = json.loads(raw) if raw else {}
        if not isinstance(data, dict):
            return View("all"), None
        article = data.get("article")
        article = article if isinstance(article, int) and not isinstance(article, bool) else None
        kind, feed_id, category = data.get("kind"), data.get("feed_id"), data.get("category")
        if kind in _SMART_VIEWS:
            return View(kind), article
        feed = store.feed(feed_id) if kind == "feed" and isinstance(feed_id, int) else None
        if feed is not None and feed.active:  # (not a feed unsubscribed from meanwhile)
            return View("feed", feed_id=feed.id), article
        in_use = kind == "category" and any(f.category == category for f in store.feeds())
        if in_use and isinstance(category, str):
            return View("category", category=category), article
    except (StoreError, ValueError, TypeError):
        pass
    return View("all"), None


def kept_choice(store: Store, key: str, name: str, setting_name: str, setting: object) -> object:
    """A choice made in the reader and kept under meta ``key`` (as ``name``), with the config's
    setting it was made under (as ``setting_name``): None when there is none, or when that
    setting has changed since (then the config's wins). Never raises."""
    try:
        saved = json.loads(store.get_meta(key) or "{}")
    except (StoreError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get(setting_name) != setting:
        return None
    return saved.get(name)


def keep_choice(
    store: Store, key: str, name: str, value: object, setting_name: str, setting: object
) -> None:
    """Keep a choice made in the reader for the next start (see ``kept_choice``). Never raises:
    losing it loses nothing the user saved."""
    with contextlib.suppress(StoreError):
        store.set_meta(key, json.dumps({name: value, setting_name: setting}))


def save_place(store: Store, view: View, article_id: int | None) -> None:
    """Remember the view and headline for the next start (a search is not kept: All is).
    Never raises: losing the place loses nothing the user saved."""
    if view.kind not in (*_SMART_VIEWS, "feed", "category"):
        view = View("all")
    place = {"kind": view.kind, "feed_id": view.feed_id, "category": view.category}
    with contextlib.suppress(StoreError):
        store.set_meta(PLACE_KEY, json.dumps({**place, "article": article_id}))
