"""Extraction hazards: hostile article pages, from the bytes up to the story the reader shows.

Each test is named after the hazard. Already tested elsewhere (not copied):
# script/style/noscript/hidden/comment (fixture page): tests/test_extract_inputs.py::test_invisible_content_never_leaks
# script-only page: tests/test_extract_inputs.py::test_script_only_page
# 1,000 nested divs: tests/test_extract_inputs.py::test_deeply_nested_markup
# 5,000 unclosed divs, "<" x 10,000, garbage: tests/test_extract_inputs.py::test_unclosed_deep_markup_and_garbage
# huge colspan/rowspan: tests/test_extract_inputs.py::test_huge_colspan_table
# PDF/image/video/JSON by Content-Type: tests/test_extract_inputs.py::test_non_page_content_types_are_refused
# PDF/image bytes without a type: tests/test_extract_inputs.py::test_binary_bodies_without_a_content_type
# too many elements: tests/test_extract_inputs.py::test_page_with_too_many_elements_is_cut_with_a_note
# oversize page cut: tests/test_extract_inputs.py::test_oversize_page_is_cut_with_a_note
# controls in page text: tests/test_extract_inputs.py::test_control_characters_are_stripped
# javascript: related-story link: tests/test_extract_layouts.py::test_teaser_list_with_source_and_age
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from reader.config import Config, RefreshConfig
from reader.extract import extract, extract_response
from reader.models import Page, ParsedEntry
from reader.reading import load_page
from reader.store import Store
from tests.httpserver import LocalServer

URL = "https://site.example.com/news/a"
PARAS = [
    "The river rose by two metres overnight and flooded the lower streets of the old town.",
    "Firefighters moved families to the school hall, where volunteers served soup until dawn.",
    "The mayor said the new flood wall had held, but that the pumps had been too slow.",
]
STORY = "<h1>Flood in the old town</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)
FEED_TEXT = "The feed's own short text about the flood."
FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"


def everything(page: Page) -> str:
    parts = []
    for s in (page.main, *page.related):
        parts += [s.title, s.text, s.author, s.source, *(b.text for b in s.blocks)]
    return "\n".join(parts)


def html(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


# --------------------------------------------------------------------------- invisible content

HIDDEN = {
    "HIDDENATTR": "<p hidden>HIDDENATTR words that a reader never sees on the page at all.</p>",
    "ARIAHIDDEN": '<p aria-hidden="true">ARIAHIDDEN words for machines, not for people.</p>',
    "DISPLAYNONE": '<p style="display:none">DISPLAYNONE words the page keeps out of sight.</p>',
    "VISHIDDEN": '<p style="visibility: hidden">VISHIDDEN words the page hides away.</p>',
    "TEMPLATE": "<template><p>TEMPLATE words that only a script would ever render.</p></template>",
    "NOSCRIPT": "<noscript><p>NOSCRIPT please enable JavaScript to read this site.</p></noscript>",
    "JSONLD": '<script type="application/ld+json">{"headline": "JSONLD"}</script>',
    "STYLE": '<style>p::before { content: "STYLE"; }</style>',
    "COMMENT": "<!-- COMMENT a note left in the markup -->",
    "SVGSCRIPT": "<svg><script>SVGSCRIPT()</script><title>SVGTITLE</title></svg>",
    "INPUT": '<input type="hidden" value="INPUT">',
    "IFRAME": '<iframe srcdoc="&lt;p&gt;IFRAME words&lt;/p&gt;"></iframe>',
    "TEXTAREA": "<textarea>TEXTAREA typed words</textarea>",
    "OPTION": "<select><option>OPTION one</option></select>",
}


def test_hidden_content_of_every_kind_never_leaks() -> None:
    page = extract(
        html(
            f"<article>{STORY}{''.join(HIDDEN.values())}</article>",
            head="<script>HEADSCRIPT()</script>",
        ),
        URL,
    )
    text = everything(page)
    assert PARAS[2] in page.main.text
    for token in [*HIDDEN, "SVGTITLE", "HEADSCRIPT"]:
        assert token not in text, token


# --------------------------------------------------------------------------- pathological markup


def test_thousand_level_nested_tables_are_bounded() -> None:
    deep = "<table><tr><td>" * 1000 + f"<p>{PARAS[0]}</p>" + "</td></tr></table>" * 1000
    tracemalloc.start()
    try:
        page = extract(html(deep + f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p>"), URL)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert PARAS[1] in page.main.text and PARAS[2] in page.main.text
    assert page.note and "nested" in page.note
    assert peak < 200_000_000


def test_ten_thousand_nested_inline_tags_are_bounded() -> None:
    deep = "<b><i>" * 5000 + PARAS[0] + "</i></b>" * 5000
    page = extract(html(f"<p>{deep}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p>"), URL)
    assert PARAS[1] in page.main.text
    assert page.note and "nested" in page.note


def test_two_megabyte_word_is_cut_to_the_page_limit() -> None:
    page = extract(html(f"<article>{STORY}<p>{'x' * 2_000_000}</p></article>"), URL)
    assert PARAS[0] in page.main.text
    assert len(page.main.text) <= 1_600_000
    assert page.note and "large" in page.note


@pytest.mark.parametrize("content_type", ["application/xhtml+xml", "application/xml", "text/xml"])
def test_xml_page_with_entity_bomb_and_external_entity_expands_nothing(
    tmp_path: Path, content_type: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE html [{laughs}<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head><body>'
        f"<article>{STORY}<p>&l9; &xxe;</p></article></body></html>"
    )
    page = extract_response(doc.encode(), content_type, URL)
    text = everything(page)
    assert "TOPSECRET" not in text and "lollol" not in text
    assert len(text) < 10_000


# --------------------------------------------------------------------------- not a web page


def test_image_bytes_served_as_html_yield_no_text() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 400
    page = extract_response(png, "text/html", URL)
    assert page.main.text == "" and page.note


def test_pdf_served_as_html_is_recognised_by_its_bytes() -> None:
    page = extract_response(b"%PDF-1.7\n1 0 obj<<>>endobj\n" + b"\x00" * 5000, "text/html", URL)
    assert page.main.text == "" and page.note and "PDF" in page.note


def article(store: Store, url: str) -> int:
    feed, _ = store.add_feed("https://site.example.com/feed.xml")
    (aid,), _ = store.upsert_entries(
        feed.id, [ParsedEntry("g1", url, "Flood", summary_text=FEED_TEXT)]
    )
    return aid


CONFIG = Config(
    refresh=RefreshConfig(timeout_seconds=2.0, feed_deadline_seconds=5.0, max_bytes=1_000_000)
)


def test_video_link_shows_the_feed_text_not_the_video(srv: LocalServer, store: Store) -> None:
    srv.route(
        "/v",
        body=b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 4000,
        headers={"Content-Type": "video/mp4"},
    )
    page, source, note = load_page(store, CONFIG, article(store, srv.url("/v")))
    assert source == "feed" and page.main.text == FEED_TEXT
    assert note and "video" in note


def test_huge_download_is_refused_by_its_declared_size(srv: LocalServer, store: Store) -> None:
    # the server claims 4 GB and then sends almost nothing: we must not even start reading
    srv.route(
        "/big.html",
        body=b"x" * 100,
        headers={"Content-Type": "text/html", "Content-Length": str(4 * 10**9)},
    )
    page, source, note = load_page(store, CONFIG, article(store, srv.url("/big.html")))
    assert source == "feed" and page.main.text == FEED_TEXT
    assert note and "larger" in note


def test_huge_file_that_is_no_page_says_what_it_is(srv: LocalServer, store: Store) -> None:
    # its type is known before its size stops it: that says more than its size
    srv.route(
        "/big.iso",
        body=b"x" * 100,
        headers={"Content-Type": "application/octet-stream", "Content-Length": str(4 * 10**9)},
    )
    page, source, note = load_page(store, CONFIG, article(store, srv.url("/big.iso")))
    assert source == "feed" and page.main.text == FEED_TEXT
    assert note and "not a web page" in note and "larger" not in note


def test_unsafe_related_story_links_are_dropped() -> None:
    doc = (FIXTURES / "teaser_list.html").read_text(encoding="utf-8")
    hostile = ["file:///etc/passwd", "data:text/html,x", "vbscript:msgbox(1)", "-oProxyCommand=x"]
    for good, bad in zip(
        [
            "https://dispatch.example.com/news/bus-fares",
            "https://other.example.org/airport-expansion",
            "/news/road-repairs",
            "javascript:void(0)",
        ],
        hostile,
        strict=True,
    ):
        assert f'href="{good}"' in doc
        doc = doc.replace(f'href="{good}"', f'href="{bad}"')
    page = extract(doc, URL)
    assert len(page.related) == 4  # the stories are still listed, without links
    for story in page.related:
        assert story.url is None or story.url.startswith(("http://", "https://")), story.url
    for link in page.main.links:
        assert link.startswith(("http://", "https://"))
