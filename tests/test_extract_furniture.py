"""Page furniture that sits in or after the story's text is not read as part of it: photo
captions with their credits, author bios, site footers, 'read more' links (hand-written
fixtures after patterns common on news sites)."""

from __future__ import annotations

from reader.extract import extract
from reader.extract.clutter import is_credited_caption

URL = "https://news.example.org/2024/05/harbour-ferry"

_STORY = [
    "The harbour ferry will run every twenty minutes from Monday, the port authority said, after "
    "a winter in which passengers waited up to an hour on the pier for the single boat left.",
    "Two new boats were bought from a yard on the east coast and arrived last week; they carry "
    "a hundred and twenty passengers each, and bicycles on the upper deck.",
    "“People stopped taking the ferry because they could not plan their day around it,” said "
    "the authority's director, Mara Olsen. “Now they will not need a timetable at all.”",
    "The fare stays the same for this year. A monthly pass for the ferry and the buses is to "
    "follow in the autumn, once the ticket machines on both piers have been replaced.",
]


def _page(inside: str, after: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in _STORY)
    return (
        "<html><head><title>Harbour ferry every twenty minutes</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/local'>Local</a></nav></header>"
        "<article><h1>Harbour ferry every twenty minutes</h1>"
        f"{inside}{paragraphs}{after}</article></body></html>"
    )


def test_a_caption_that_ends_with_its_credit_is_not_story_text() -> None:
    figure = (
        "<div class='pic'><img src='/ferry.jpg' alt=''>"
        "<div class='text'><p>One of the two new boats at the east pier on Friday.<br>"
        "Photo: Lena Dahl/Harbour Press</p></div></div>"
    )
    credit = "<p>Copyright: Port Authority</p>"
    text = extract(_page(figure, credit), URL).main.text
    assert "Lena Dahl" not in text
    assert "east pier on Friday" not in text
    assert "Port Authority" not in text
    assert text.split("\n\n") == _STORY


def test_what_a_credit_is_and_what_it_is_not() -> None:
    assert is_credited_caption("The mayor at the opening on Monday. Foto: dpa")
    assert is_credited_caption("Fans in the square after the match. (Photo: Ann Lee/Reuters)")
    assert is_credited_caption("Main image credit: Getty")
    # story text: a long paragraph, a slide's text that names a web address, a word 'photo:'
    long_paragraph = " ".join(_STORY) + " Photo: AP"
    assert not is_credited_caption(long_paragraph)
    assert not is_credited_caption(
        "The new phone has a fingerprint sensor. Image credit: www.example.com/in/"
    )
    assert not is_credited_caption("He showed us the photo: his dog on the beach.")
    assert not is_credited_caption("Er sagte der Bild: Wir bleiben hier.")


def test_a_caption_that_is_all_the_page_has_is_kept() -> None:
    html = (
        "<html><head><title>Pictures of the week</title></head><body><article>"
        "<h1>Pictures of the week</h1><img src='/a.jpg' alt=''>"
        "<p>Boats leave the harbour at dawn for the first day of the herring season. Photo: AP</p>"
        "</article></body></html>"
    )
    assert "herring season" in extract(html, URL).main.text
