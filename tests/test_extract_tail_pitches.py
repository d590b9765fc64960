"""What a page puts under the story in any language is not part of it: calls to subscribe or
support the site, 'continues after the advertisement' lines, lists of other stories under a
heading ('Otras noticias de …', 'Más leídas', 'Siehe auch'), a shop's offer, a sign-up box
(hand-written fixtures after patterns seen on Spanish, Portuguese, German and English news
sites)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import fromstring

from reader.extract import clutter, extract

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _story_paragraphs(html: str, count: int = 4) -> list[str]:
    """The first paragraphs of the fixture's article: the story's own text."""
    return [" ".join(p.text_content().split()) for p in fromstring(html).iter("p")][:count]


@pytest.mark.parametrize(
    ("name", "gone"),
    [
        (
            "tail_pitch_pt.html",
            ["Assine o", "CONTINUA DEPOIS", "chegou até aqui", "Apoie o Diário"],
        ),
        (
            "tail_related_es.html",
            ["Otras noticias", "Dragado", "Más leídas", "dólar", "comentar", "suscribite", "AQUÍ"],
        ),
        (
            "tail_pitch_de.html",
            ["Tipp:", "Siehe auch", "Blitzangebot", "30,99", "unterstützen", "Vielen Dank"],
        ),
        (
            "tail_signup_en.html",
            ["Featured image", "join the", "Join now", "homepage", "Sign-up", "Welcome", "80,000"],
        ),
    ],
)
def test_what_follows_the_story_is_left_out(name: str, gone: list[str]) -> None:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    story = extract(html, f"https://news.example.net/{name}").main
    for paragraph in _story_paragraphs(html):
        assert paragraph in story.text
    for words in gone:
        assert words not in story.text, words


@pytest.mark.parametrize(
    "line",
    [
        "CONTINUA DEPOIS DA PUBLICIDADE CONTINUA DEPOIS DA PUBLICIDADE",
        "Continúa después de la publicidad",
        "Story continues below advertisement",
        "Weiter nach der Anzeige",
        "La suite après la publicité",
    ],
)
def test_a_continues_after_the_ad_line_is_furniture(line: str) -> None:
    assert clutter.is_clutter_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Abonnez-vous pour lire la suite et soutenir notre rédaction.",
        "Sostienici: abbonati a partire da un euro al mese.",
        "Suscríbete para seguir leyendo sin límites.",
    ],
)
def test_french_and_italian_pitches_are_recognised(line: str) -> None:
    assert clutter.is_pitch(line)


def test_a_story_that_speaks_of_support_keeps_its_paragraphs() -> None:
    """A paragraph of the story that mentions subscribers or support is not a pitch, nor a
    sentence that ends the story with a thank-you."""
    paragraphs = [
        "The newspaper lost a third of its subscribers in two years, its owners said, and will "
        "close its printing plant in the spring after eighty years in the town.",
        "Readers who want to support the paper can still buy it at the kiosk, the editor said, "
        "but the daily edition will only be published online from May onwards.",
        "The union said that forty jobs would be lost and asked the owners to find buyers for "
        "the plant and its presses before closing it down for good.",
        "“Thank you for reading us all these years,” the last printed front page will say.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>Paper closes plant</title></head><body><article><h1>Paper closes plant</h1>{body}</article></body></html>"
    story = extract(html, "https://news.example.net/paper").main
    for paragraph in paragraphs:
        assert paragraph in story.text


@pytest.mark.parametrize(
    "line",
    [
        "Filed under: Politics |",
        "medium.com",
        "Sehen Sie auch: Woran Sie erkennen, dass Ihr Therapeut nicht der Richtige ist",
        "Mehr Informationen zu den Wahlen: «Die Insel wählt im November»",
    ],
)
def test_a_see_also_line_a_filing_line_and_a_bare_site_name_are_furniture(line: str) -> None:
    assert clutter.is_clutter_line(line)


def test_a_sentence_naming_a_site_is_not_a_bare_site_name() -> None:
    assert not clutter.is_clutter_line("Amazon.com said on Monday that sales rose.")


def test_a_run_of_linked_headlines_of_the_same_site_ends_no_story() -> None:
    """Short paragraphs at the end, each mostly a link to another page of the site ('Dragado.
    El canal de acceso tendrá …'), with no heading over them, are other stories' teasers."""
    name = "tail_linked_run_es.html"
    html = (FIXTURES / name).read_text(encoding="utf-8")
    story = extract(html, "https://www.litoral.example/puerto/gruas").main
    for paragraph in _story_paragraphs(html):
        assert paragraph in story.text
    for words in ("Dragado", "estibadores", "dólar"):
        assert words not in story.text, words


def test_a_story_ending_with_a_linked_sentence_keeps_it() -> None:
    """One closing paragraph that is mostly a link (where to read the report) stays."""
    html = (FIXTURES / "tail_linked_run_es.html").read_text(encoding="utf-8")
    start = html.index("<p>Dragado.")
    end = html.index("</div>", start)
    closing = (
        '<p>El informe completo: <a href="/puerto/informe-2024">informe anual del puerto</a></p>'
    )
    story = extract(
        html[:start] + closing + html[end:], "https://www.litoral.example/puerto/gruas"
    ).main
    assert story.text.endswith("El informe completo: informe anual del puerto")


def test_a_media_box_credit_that_ends_the_text_goes() -> None:
    """An audio or video box under the story: its title and the line with who made it and
    when ('Anna Berger, NDR 28.04.2020 21:38 Uhr'); a last sentence with a date stays."""
    story_paragraphs = [
        "The harbour authority has approved the plans for a new ferry terminal, which is "
        "to replace the wooden shed that has served passengers since the 1960s.",
        "Construction is due to begin in the autumn and to take about eighteen months, "
        "during which a temporary waiting room will be set up on the quay.",
        "The terminal will have a café, a covered bicycle park and a charging point for "
        "electric cars, the authority said in a statement.",
        "The first ferry is due to leave the new terminal on 1.6.2027.",
    ]
    body = "".join(f"<p>{p}</p>" for p in story_paragraphs)
    html = (
        "<html><head><title>New ferry terminal approved</title></head><body><article>"
        f"<h1>New ferry terminal approved</h1>{body}"
        "<h3>Ferry terminal plans</h3><p>Anna Berger, NDR 28.04.2020 21:38 Uhr</p>"
        "</article></body></html>"
    )
    story = extract(html, "https://news.example.net/ferry").main
    assert "Anna Berger" not in story.text
    assert "Ferry terminal plans" not in story.text
    assert story.text.endswith(story_paragraphs[-1])


def test_a_pitch_in_a_list_of_key_points_goes() -> None:
    points = [
        "The council will vote on the harbour wall in March.",
        "The wall would cost about twelve million dollars.",
    ]
    items = "".join(f"<li>{p}</li>" for p in points)
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story about the harbour wall, long enough to be read as the "
        "story's own text, with a few more words about the town and its fishermen.</p>"
        for n in range(1, 6)
    )
    html = (
        "<html><head><title>Harbour wall vote</title></head><body><article>"
        f"<h1>Harbour wall vote</h1><ul>{items}"
        "<li>Visit Coast News's homepage for more stories.</li></ul>"
        f"{paragraphs}</article></body></html>"
    )
    story = extract(html, "https://news.example.net/wall").main
    assert "homepage" not in story.text
    for point in points:
        assert point in story.text


def test_a_link_that_is_no_address_in_a_linked_run_breaks_nothing() -> None:
    """One of the linked headlines at the end has a broken IPv6 host ("http://[bad/x", which
    urllib refuses with ValueError): the page is still read, the run still goes."""
    html = (FIXTURES / "tail_linked_run_es.html").read_text(encoding="utf-8")
    at = html.index("<p>Dragado.")
    href = html.index('href="', at) + len('href="')
    html = html[:href] + "http://[bad/x" + html[html.index('"', href) :]
    story = extract(html, "https://www.litoral.example/puerto/gruas").main
    for paragraph in _story_paragraphs(html):
        assert paragraph in story.text
    assert "estibadores" not in story.text and "dólar" not in story.text
