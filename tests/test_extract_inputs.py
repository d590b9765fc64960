"""Bad and hostile input: wrong content types, empty/script-only/huge pages, broken encodings,
deep nesting, huge spans, hidden content, unsafe links. Extraction never raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import reader.extract as extract_module
from reader.extract import extract, extract_response, looks_like_html
from reader.extract.decode import decode

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://site.example.com/a"
PARAS = [
    "The river rose by two metres overnight and flooded the lower streets of the old town.",
    "Firefighters moved families to the school hall, where volunteers served soup until dawn.",
    "The mayor said the new flood wall had held, but that the pumps had been too slow.",
]
STORY = "<h1>Flood in the old town</h1>" + "".join(f"<p>{p}</p>" for p in PARAS)


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("content_type", "word"),
    [
        ("application/pdf", "PDF"),
        ("image/png", "image"),
        ("image/jpeg; charset=binary", "image"),
        ("video/mp4", "video"),
        ("application/json; charset=utf-8", "JSON"),
        ("application/octet-stream", "file"),
    ],
)
def test_non_page_content_types_are_refused(content_type: str, word: str) -> None:
    body = page(STORY).encode()  # even if the bytes look like HTML, the type decides
    result = extract_response(body, content_type, URL)
    assert result.main.text == ""
    assert result.related == ()
    assert result.note and word in result.note
    assert result.main.url == URL


def test_html_and_text_content_types_are_read() -> None:
    html = extract_response(page(STORY).encode(), "text/html; charset=utf-8", URL)
    assert PARAS[1] in html.main.text
    text = extract_response("\n".join(PARAS).encode(), "text/plain", URL)
    assert PARAS[2] in text.main.text
    untyped = extract_response(page(STORY).encode(), None, URL)
    assert PARAS[0] in untyped.main.text


@pytest.mark.parametrize("data", [b"", "", "   \n\t ", b"\x00\x00", page("")])
def test_empty_pages(data: str | bytes) -> None:
    result = extract(data, URL)
    assert result.main.text == ""
    assert result.note


def test_script_only_page() -> None:
    html = page(
        '<div id="root"></div><script>document.getElementById("root").innerHTML = "SCRIPT-TEXT";'
        " window.__STATE__ = {title: 'SCRIPT-TITLE'};</script>",
        head="<script src='/app.js'></script><style>body{color:red}</style>",
    )
    result = extract(html, URL)
    assert result.main.text == ""
    assert result.note and "JavaScript" in result.note
    assert "SCRIPT" not in result.main.title


def test_invisible_content_never_leaks() -> None:
    html = (FIXTURES / "semantic_aside.html").read_text(encoding="utf-8")
    result = extract(html, URL)
    everything = "\n".join(
        [
            s.title + s.text + "".join(b.text for b in s.blocks)
            for s in (result.main, *result.related)
        ]
    )
    assert "tolls would stay at their old level" in everything
    for token in ("SCRIPT-LEAK", "STYLE-LEAK", "HIDDEN-LEAK", "NOSCRIPT-LEAK", "COMMENT-LEAK"):
        assert token not in everything


def test_links_are_numbered_and_only_http() -> None:
    result = extract((FIXTURES / "semantic_aside.html").read_bytes(), URL)
    links = result.main.links
    assert links == ("https://example.org/report",)
    assert all(link.startswith(("http://", "https://")) for link in links)
    marked = [b.text for b in result.main.blocks if "[1]" in b.text]
    assert marked and "city's engineering report [1]" in marked[0]
    assert "[1]" not in result.main.text  # markers live in blocks, text stays clean
    assert "javascript" not in "".join(b.text for b in result.main.blocks)


def test_relative_links_resolve_against_the_page_url() -> None:
    html = page(
        "<article><h1>Title of the story</h1>"
        + "".join(f"<p>{p} <a href='/more/{i}'>more</a></p>" for i, p in enumerate(PARAS))
        + "</article>"
    )
    result = extract(html, "https://news.example.com/x/y")
    assert result.main.links[0] == "https://news.example.com/more/0"


def test_control_characters_are_stripped() -> None:
    html = page(
        "<article><h1>Bad \x1b[31mtitle\x07</h1>"
        + "".join(f"<p>{p} \x1b]0;evil\x07 \u202e</p>" for p in PARAS)
        + "</article>"
    )
    result = extract(html, URL)
    for story_text in (result.main.text, result.main.title):
        assert "\x1b" not in story_text and "\x07" not in story_text and "\u202e" not in story_text
    assert PARAS[0] in result.main.text


def test_oversize_page_is_cut_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "MAX_BYTES", 20_000)
    filler = "".join(
        f"<p>Filler paragraph number {i} with some words in it.</p>" for i in range(3000)
    )
    data = page(STORY + filler).encode()
    assert len(data) > 100_000
    result = extract(data, URL)
    assert result.note and "large" in result.note
    assert PARAS[0] in result.main.text
    assert "Filler paragraph number 2999" not in result.main.text


def test_deeply_nested_markup() -> None:
    deep = "<div>" * 1000 + f"<p>{PARAS[0]}</p>" + "</div>" * 1000
    result = extract(page(deep + f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p>"), URL)
    assert PARAS[0] in result.main.text
    assert PARAS[2] in result.main.text
    assert result.note and "nested" in result.note


def test_unclosed_deep_markup_and_garbage() -> None:
    for data in (
        "<div>" * 5000 + "words " * 50,
        "<" * 10_000,
        "<html><body><p>" + "\ufffd" * 1000,
        b"\xff\xfe\x00<\x00h\x00",
    ):
        result = extract(data, URL)
        assert isinstance(result.main.text, str)


def test_huge_colspan_table() -> None:
    rows = "".join(
        f"<tr><td colspan='100000000'>cell {r}</td><td rowspan='99999999'>x</td></tr>"
        for r in range(200)
    )
    html = page(STORY + f"<table>{rows}</table>")
    result = extract(html, URL)
    assert PARAS[0] in result.main.text
    assert len(result.main.text) < 50_000


# --------------------------------------------------------------------------- encodings

TEXT = "Café crème, naïve façade — Grüße aus Köln; the mayor’s “new” plan costs 5 €."


def _doc(charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return page(
        "<article><h1>Encoding test page</h1>" + f"<p>{TEXT} {PARAS[0]}</p>" * 3 + "</article>",
        meta,
    )


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (_doc("utf-8").encode("utf-8"), "declared utf-8"),
        (_doc("windows-1252").encode("cp1252"), "declared cp1252"),
        (_doc("utf-8").encode("cp1252"), "cp1252 bytes labelled utf-8"),
        (_doc("iso-8859-1").encode("utf-8"), "utf-8 bytes labelled latin-1"),
        (_doc(None).encode("cp1252"), "undeclared cp1252"),
        (b"\xef\xbb\xbf" + _doc("windows-1252").encode("utf-8"), "utf-8 BOM beats the label"),
        (_doc(None).encode("utf-16"), "utf-16 with BOM"),
    ],
)
def test_encodings(data: bytes, label: str) -> None:
    result = extract(data, URL)
    assert TEXT in result.main.text, label


def test_content_type_charset_is_used() -> None:
    data = _doc(None).encode("cp1252")
    result = extract_response(data, "text/html; charset=windows-1252", URL)
    assert TEXT in result.main.text


def test_undeclared_cyrillic_is_detected() -> None:
    russian = "Городской совет утвердил новый бюджет на следующий год после долгого обсуждения."
    data = page("<article><h1>Новости города</h1>" + f"<p>{russian}</p>" * 4 + "</article>").encode(
        "cp1251"
    )
    text, encoding = decode(data)
    assert russian in text, encoding


def test_broken_utf8_bytes_are_replaced_not_fatal() -> None:
    data = _doc("utf-8").encode("utf-8").replace("Grüße".encode(), b"Gr\xfc\xdfe \xc3")
    result = extract(data, URL)
    assert PARAS[0] in result.main.text


def test_plain_text_detection() -> None:
    assert looks_like_html(page(STORY))
    assert looks_like_html("<p>one</p><p>two</p>")
    assert not looks_like_html("A line of text\nwith a < sign and a > sign\nand <3 hearts")
    seed = (FIXTURES / "seed_multistory.txt").read_text(encoding="utf-8")
    assert not looks_like_html(seed)


def test_page_with_too_many_elements_is_cut_with_a_note() -> None:
    items = "".join(f"<div><span>item {i}</span></div>" for i in range(20_000))
    result = extract(page(STORY + items), URL)
    assert result.note and "large" in result.note
    assert PARAS[0] in result.main.text
    assert "item 19999" not in result.main.text


def test_json_ld_metadata_is_read_but_never_shown() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Flood",'
        ' "datePublished": "2024-02-03T10:00:00Z", "author": {"@type": "Person",'
        ' "name": "Ada Brook"}}</script>'
    )
    result = extract(page("<article>" + STORY + "</article>", head=ld), URL)
    assert result.main.published == "2024-02-03"
    assert "NewsArticle" not in result.main.text


_MARKUP = st.sampled_from(
    ["<p>", "</p>", "<div class='related'>", "</div>", "<h1>", "</h1>", "<article>", "<aside>",
     "<a href='javascript:x'>", "</a>", "<table><tr><td colspan=9999>", "<script>", "</script>",
     "<!--", "-->", "<meta charset='utf-16'>", "&#0;", "&amp;", "\x00", "\x1b[2J", "Related Articles",
     "Reuters · 2 hours ago", "News187 hours ago", "•", "\n", " ", "word ", "A headline line here\n"]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_MARKUP, max_size=60).map("".join), st.booleans())
def test_never_raises_on_arbitrary_markup(text: str, as_bytes: bool) -> None:
    result = extract(text.encode("utf-8", "surrogatepass") if as_bytes else text, URL)
    for story in (result.main, *result.related):
        assert "\x1b" not in story.text and "\x00" not in story.text
        assert all(link.startswith(("http://", "https://")) for link in story.links)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3000))
def test_never_raises_on_random_bytes(data: bytes) -> None:
    result = extract(data)
    assert isinstance(result.main.text, str)


def test_block_kinds() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    html = page(
        "<article><h1>Code, tables and lists</h1>"
        + paras
        + "<h2>Example</h2><pre><code>def f(x):\n    return x + 1\n</code></pre>"
        + "<p>A table with the rainfall for the year follows below this line.</p>"
        + "<table><tr><th>City</th><th>Rain</th></tr><tr><td>Oslo</td><td>12 mm</td></tr></table>"
        + "<ul><li>first point</li><li>second point<ul><li>nested point</li></ul></li></ul>"
        + "<blockquote>A quoted line from someone who was there.</blockquote>"
        + paras
        + "</article>"
    )
    blocks = extract(html, URL).main.blocks
    by_kind = {(b.kind, b.text, b.level) for b in blocks}
    assert ("h", "Example", 2) in by_kind
    assert ("pre", "def f(x):\n    return x + 1", 0) in by_kind
    assert ("table", "City | Rain\nOslo | 12 mm", 0) in by_kind
    assert ("li", "first point", 1) in by_kind
    assert ("li", "nested point", 2) in by_kind
    assert ("quote", "A quoted line from someone who was there.", 0) in by_kind


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "image"),
        (b"\x00\x00\x00\x18ftypmp42" + bytes(200), "video"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_bodies_without_a_content_type(data: bytes, word: str) -> None:
    for result in (extract(data, URL), extract_response(data, None, URL)):
        assert result.main.text == ""
        assert result.note and word in result.note


def test_text_plain_response_holding_an_html_page_is_read_as_html() -> None:
    result = extract_response(page(STORY).encode(), "text/plain; charset=utf-8", URL)
    assert PARAS[0] in result.main.text
    assert "<p>" not in result.main.text


def test_text_plain_response_mentioning_tags_stays_text() -> None:
    text = "How to write a paragraph\n\nUse the <p> tag and close it with </p> in your page.\n"
    result = extract_response(text.encode(), "text/plain", URL)
    assert "<p> tag" in result.main.text


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body>" + "<script>x" * 20_000,  # unclosed scripts (a naive regex is quadratic)
        "<script" * 50_000,  # tags that never close their '>'
        "<div" * 50_000 + "<div>" * 500,
        "<ul><li>" * 5_000,
    ],
)
def test_pathological_markup_returns(markup: str) -> None:
    result = extract(markup, URL)
    assert result.main.text == "" or len(result.main.text) < len(markup)
    assert result.note


def test_a_section_label_run_into_its_paragraph_is_dropped_from_plain_text() -> None:
    text = "\n".join(
        [
            "Alibaba unveils an image model",
            "HighlightsAlibaba Group Holding Ltd. introduced Qwen VLo, an upgraded model.",
            "ADVERTISEMENTThe company said it will compete with other leaders in the market.",
            "Summaryville council also met on Monday and approved the new harbour plan.",
        ]
    )
    story = extract_response(text.encode(), "text/plain", URL).main
    paragraphs = story.text.split("\n\n")
    assert paragraphs[0].startswith("Alibaba Group Holding Ltd. introduced")
    assert paragraphs[1].startswith("The company said")
    assert paragraphs[2].startswith("Summaryville council")  # a word, not a label


def test_a_page_of_utf8_with_a_few_latin1_bytes_keeps_both() -> None:
    # put together from parts saved in two encodings: "große Zwiebeln" in UTF-8 and one
    # "für" in Latin-1; read as one legacy charset, every UTF-8 letter turned into "Ã…"
    recipe = "Drei große Zwiebeln, zwei Äpfel und Olivenöl zum Anbraten werden gewürfelt."
    data = (
        _doc("utf-8")
        .encode("utf-8")
        .replace(
            TEXT.encode(),
            (TEXT + " " + recipe).encode() + " Zeit f\xfcr den Topf.".encode("latin-1"),
        )
    )
    text, encoding = decode(data)
    assert recipe in text and "Zeit für den Topf." in text, encoding
    assert "Ã" not in text
    # a page in Latin-1 throughout is read as Latin-1, as before
    latin = _doc(None).encode("cp1252")
    assert TEXT in decode(latin)[0]
