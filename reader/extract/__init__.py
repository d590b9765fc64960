"""Page HTML/text -> clean story(ies), boilerplate removed.

Public API:
    extract(html, url=None) -> Page
    extract_response(body, content_type, url) -> Page

`Page.main` is the page's own story, `Page.related` the other stories the page carries (full
related articles or teasers: title, url, source, published and whatever text the page has).
Each Story has `text` (paragraphs separated by one blank line, no link markers or images) and
`blocks` (kinds p, h, li, quote, pre, table, image; [n] markers after linked words, where n-1
indexes `links`, http/https only). `published` is an ISO date when the page gives one, else the
age as shown ("2 hours ago").

Neither function raises for bad input: problems come back as `Page.note` (a sentence for the
user) with an empty or partial story. Work is bounded: at most MAX_BYTES are read, the HTML is
cut at 1.5 M characters / 15,000 elements, deep nesting is flattened, table spans are capped.
Safe to call from several threads at once.
"""

from __future__ import annotations

import logging
import re

from reader.extract.decode import decode
from reader.extract.plain import extract_plain
from reader.extract.tree import LARGE
from reader.models import Page, Story

log = logging.getLogger(__name__)

__all__ = ["MAX_BYTES", "extract", "extract_response", "looks_like_html"]

MAX_BYTES = 5_000_000  # bytes read from a page; the rest is cut (with a note)

_HTML_SIGNS = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|br|span|a\s|article|section|table|h[1-6]"
    r"|ul|li|script|style|main|header|footer|img)\b",
    re.I,
)
_DOCUMENT_START = re.compile(r"\s*<(?:!doctype\s+html|html)\b", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup (a few tags), False for plain text."""
    return len(_HTML_SIGNS.findall(text[:20_000], 0)) >= 2 or bool(
        re.match(r"\s*<(?:!doctype|html)", text, re.I)
    )


def _empty(url: str | None, note: str) -> Page:
    return Page(main=Story(url=url), note=note)


def _broken(url: str | None) -> Page:
    """The extractor itself failed on the page (a fault of ours, not of the page's): marked, so
    that the reader does not keep it as the story's text and a later open tries it again."""
    return Page(
        main=Story(url=url), note="newsreader's extractor failed on this page.", broken=True
    )


def extract(html: str | bytes, url: str | None = None) -> Page:
    """Extract the main story and related stories of an HTML or plain-text page."""
    try:
        return _extract(html, url, None, None)
    except Exception:  # last line of defence: never let a bad page crash the caller
        log.exception("extracting %s failed", url or "a page")  # our bug: in the log
        return _broken(url)


def not_a_page(content_type: str | None) -> str | None:
    """Why a response of ``content_type`` has no story to show (an audio file, a PDF, a style
    sheet), in words; None for a web page or text (or no type given)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime and mime not in _TEXT_TYPES and not mime.startswith("text/"):
        return f"This link is {_describe(mime)} ({mime}), not a web page; there is no text to show."
    if mime in ("text/css", "text/javascript", "text/csv", "text/calendar"):
        return f"This link is {_describe(mime)} ({mime}), not a story."
    return None


def extract_response(body: bytes, content_type: str | None, url: str | None) -> Page:
    """Extract from an HTTP response body, refusing content that is not a web page or text."""
    refused = not_a_page(content_type)
    if refused is not None:
        return _empty(url, refused)
    mime = (content_type or "").split(";")[0].strip().lower()
    match = _CHARSET.search(content_type or "")
    try:
        return _extract(body, url, match.group(1) if match else None, mime or None)
    except Exception:
        log.exception("extracting %s failed", url or "a page")
        return _broken(url)


def _describe(mime: str) -> str:
    if mime == "application/pdf":
        return "a PDF document"
    if mime.startswith("image/"):
        return "an image"
    if mime.startswith("video/"):
        return "a video"
    if mime.startswith("audio/"):
        return "an audio file"
    if "json" in mime:
        return "JSON data"
    if mime in ("text/css", "text/javascript", "application/javascript"):
        return "code"
    return "a file"


_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"PK\x03\x04", "an archive"),
    (b"\x1f\x8b", "a compressed file"),
    (b"ID3", "an audio file"),
    (b"OggS", "a media file"),
    (b"\x1aE\xdf\xa3", "a video"),
)


def _sniff_binary(data: bytes) -> str | None:
    """What a response that is not text is, from its first bytes (servers mislabel files)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image" if data[8:12] == b"WEBP" else "a media file"
    if data[4:8] == b"ftyp":
        return "a video"
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"<\x00" in head or b"\x00<" in head:
        return None  # UTF-16 text
    controls = sum(1 for byte in head if byte < 9 or (13 < byte < 32 and byte != 27))
    if controls > len(head) // 20:
        return "a binary file"  # text has next to no control bytes
    return None


def _extract(data: str | bytes, url: str | None, charset: str | None, mime: str | None) -> Page:
    notes: list[str] = []
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            data = data[:MAX_BYTES]
            notes.append(LARGE)
        kind = _sniff_binary(data)
        if kind:
            return _empty(url, f"This link is {kind}, not a web page; there is no text to show.")
        text, _ = decode(data, charset)
    else:
        text = data[: MAX_BYTES * 2]
        if len(data) > len(text):
            notes.append(LARGE)
    if not text.strip():
        return _empty(url, "The page is empty.")
    plain = not looks_like_html(text) or (
        mime == "text/plain" and not _DOCUMENT_START.match(text)  # an HTML page sent as text
    )
    if plain:
        page = extract_plain(text, url)
    else:
        from reader.extract.html_page import extract_html

        page = extract_html(text, url)
    if page.note:
        notes.append(page.note.replace(LARGE, "").strip() if LARGE in notes else page.note)
    note = " ".join(dict.fromkeys(n for n in notes if n)) or None
    return Page(main=page.main, related=page.related, note=note)
