"""The main story's title and byline: the site's name, labels and organisations left out."""

from __future__ import annotations

import json
from html import escape

import pytest

from reader.extract import extract
from reader.extract.meta import PageFacts, clean_byline, clean_title

BODY = " ".join(
    f"Paragraph {n} tells the story in plain words, with enough detail to be the main text "
    "of the page and nothing that looks like a menu, a footer or a list of links."
    for n in range(1, 4)
)


def page(
    title: str = "",
    *,
    h1: str = "",
    head: str = "",
    before: str = "",
    author: str = "",
    ld: object = None,
    og_title: bool = True,
) -> str:
    """A small news page: <head> bits (og:title is the <title>, as on most sites), an optional
    h1, three paragraphs of text."""
    if og_title and title and "og:title" not in head:
        head = og("og:title", title) + head
    meta = f'<meta name="author" content="{escape(author)}">' if author else ""
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    paragraphs = "".join(f"<p>{escape(s.strip())}.</p>" for s in BODY.split(".") if s.strip())
    return (
        f"<html><head><title>{escape(title)}</title>{meta}{head}{script}</head><body>"
        f"{before}<article>{f'<h1>{escape(h1)}</h1>' if h1 else ''}{paragraphs}</article>"
        "</body></html>"
    )


def og(prop: str, value: str) -> str:
    return f'<meta property="{prop}" content="{escape(value)}">'


# --- titles ----------------------------------------------------------------------------------


def test_site_name_after_the_headline_goes() -> None:
    html = page(
        "Dubai builds the largest solar plant - Sunportal",
        h1="Largest solar plant rises in Dubai",
        head=og("og:site_name", "Sunportal"),
    )
    assert extract(html).main.title == "Dubai builds the largest solar plant"


def test_host_name_after_the_headline_goes() -> None:
    headline = "Heat pumps in old houses - when they pay off"
    html = page(f"{headline} | heatsite.de", h1="Does a heat pump suit an old house?")
    assert extract(html, "https://www.heatsite.de/heat/old-houses").main.title == headline
    # without the page's address, og:url names the host
    html = page(
        f"{headline} | heatsite.de",
        h1="Does a heat pump suit an old house?",
        head=og("og:url", "https://www.heatsite.de/heat/old-houses"),
    )
    assert extract(html).main.title == headline


def test_a_bare_domain_name_is_a_site_name() -> None:
    html = page("Cells plant grows again - Battery-Journal.de", h1="A different h1 here")
    assert extract(html).main.title == "Cells plant grows again"


def test_site_name_before_the_headline_goes() -> None:
    html = page(
        "Daily Planet | Mayor opens the new bridge over the river",
        head=og("og:site_name", "Daily Planet"),
    )
    assert extract(html).main.title == "Mayor opens the new bridge over the river"


def test_the_part_that_is_the_h1_is_the_title() -> None:
    # a section label before the bar; the page's logo is an h1 as well
    headline = "Is Football Violence a Crime?"
    html = page(
        f"{headline} - TDP",
        h1=headline,
        head=og("og:title", f"Opinion | {headline}") + og("og:site_name", "TDP"),
        before="<header><h1>The Daily PaperOpinion</h1></header>",
    )
    assert extract(html).main.title == headline


def test_a_title_that_is_only_the_site_name_gives_way_to_the_h1() -> None:
    headline = "Beijing 2022 is a chance for biathlon in China"
    html = page(
        headline,
        h1=headline,
        head=og("og:site_name", "Biathlon Union - IBU") + og("og:title", "Biathlon Union - IBU"),
    )
    assert extract(html).main.title == headline


def test_an_h1_that_links_home_is_the_logo_not_the_headline() -> None:
    headline = "Remembrance day: stones laid for the women of the quarter"
    logo = '<h1><a href="https://www.w-mag.example/"></a><i>W-Mag</i></h1>'
    html = page(headline, before=logo, og_title=False)
    assert extract(html).main.title == headline


def test_a_title_of_dots_gives_way_to_og_title() -> None:
    html = page("...", h1="...", head=og("og:title", "Hello again!"))
    assert extract(html).main.title == "Hello again!"


def test_a_headline_with_a_dash_in_it_is_kept() -> None:
    # nothing names a site: no part goes
    title = "Star Wars review – shoots for the moon, lands among the stars"
    html = page(title, head=og("og:site_name", "Games Weekly"))
    assert extract(html).main.title == title


@pytest.mark.parametrize(
    ("title", "facts", "expected"),
    [
        # the copyright holder is the site
        (
            "Lemon cake from the tray | Baking makes happy",
            PageFacts(holders=("Baking makes happy",)),
            "Lemon cake from the tray",
        ),
        # a site name with its tagline after it
        (
            "Visiting Vera at home — Heart and Blood - Interior | Design | Travel",
            PageFacts(sites=("Heart and Blood",)),
            "Visiting Vera at home",
        ),
        # the h1 says a little more than the <title> part
        (
            "Cells plant grows - Battery News",
            PageFacts(sites=("Battery News",), h1s=("Cells plant grows in Tennessee",)),
            "Cells plant grows in Tennessee",
        ),
        # the h1 and og:title agree on a headline the title has nothing in common with
        (
            "escenic",
            PageFacts(h1s=("Plumber jailed",), og_titles=("Plumber jailed",)),
            "Plumber jailed",
        ),
        # empty: the <title> is the best there is
        ("", PageFacts(head_title="Letters - 26 October - Blog"), "Letters - 26 October - Blog"),
    ],
)
def test_clean_title(title: str, facts: PageFacts, expected: str) -> None:
    assert clean_title(title, facts) == expected


# --- bylines ---------------------------------------------------------------------------------


def test_byline_label_goes() -> None:
    html = page("A story about rivers", before="<div class='post-author'>Posted by Ned Deily</div>")
    assert extract(html).main.author == "Ned Deily"


def test_byline_publisher_and_site_go() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "A story about rivers",
        "author": [
            {"@type": "Person", "name": "Troy Smith"},
            {"@type": "Person", "name": "Troy L Smith"},
            {"@type": "Person", "name": "Ann Lee"},
        ],
        "publisher": {"@type": "Organization", "name": "Example Media Group"},
    }
    html = page("A story about rivers", ld=ld, head=og("og:site_name", "Example Times"))
    assert extract(html, "https://www.example.com/a").main.author == "Troy L Smith, Ann Lee"


@pytest.mark.parametrize(
    ("byline", "facts", "expected"),
    [
        ("Condé Nast; Louise Matsakis", PageFacts(holders=("Condé Nast",)), "Louise Matsakis"),
        (
            "Frankfurter Allgemeine Zeitung GmbH; Benjamin Fischer; Marcus Theurer",
            PageFacts(),
            "Benjamin Fischer, Marcus Theurer",
        ),
        (
            "Troy Smith; Troy L Smith; Cleveland com",
            PageFacts(hosts=("cleveland.com",)),
            "Troy L Smith",
        ),
        ("Denis Dilba; Heise Online", PageFacts(), "Denis Dilba"),
        ("Jill Disis; CNN Business", PageFacts(sites=("CNN",)), "Jill Disis"),
        (
            "Tanza Loudenback; Business Insider",
            PageFacts(sites=("Business Insider DE",)),
            "Tanza Loudenback",
        ),
        ("Von:Moritz Pieczewski-Freimuth", PageFacts(), "Moritz Pieczewski-Freimuth"),
        ("Veröffentlicht vonChris Jung", PageFacts(), "Chris Jung"),
        ("Autor: Petra Ruland", PageFacts(), "Petra Ruland"),
        ("Źródło: Statista.com", PageFacts(), ""),
        ("Posted on", PageFacts(), ""),
        ("Article by", PageFacts(), ""),
        (
            "Noticias de El Salvador; Informate con la verdad",
            PageFacts(sites=("Noticias de El Salvador - La Prensa",)),
            "",
        ),
        ("Ilana Muhlstein; MS; RDN", PageFacts(), "Ilana Muhlstein"),
        ("Lisa Kaczke and Trevor J. Mitchell", PageFacts(), "Lisa Kaczke, Trevor J. Mitchell"),
        ("Bruce Y Lee", PageFacts(), "Bruce Y Lee"),
        ("Henning Lobin www.lobin.de", PageFacts(), "Henning Lobin"),
        ("Ann Lee ann.lee@example.org", PageFacts(), "Ann Lee"),
        ("Redacci; Oacute; N Diario Siete", PageFacts(sites=("Diario Siete",)), ""),
        ("Bundesministerium für Wirtschaft; Klimaschutz", PageFacts(), ""),
        ("12345", PageFacts(), ""),
        ("Super User", PageFacts(), ""),
        ("wordpressadmin |", PageFacts(), ""),
        # names that begin like a label or end like a domain are names
        ("Parker Jones; Bynum Avery", PageFacts(), "Parker Jones, Bynum Avery"),
        ("Wei Li; Jintao Hu", PageFacts(), "Wei Li, Jintao Hu"),
        # a site's name inside a writer's name is no reason to drop it
        ("Joanna Smith", PageFacts(sites=("Anna",)), "Joanna Smith"),
        # the copyright holder alone is the writer of a personal site
        ("Regan", PageFacts(holders=("Regan",)), "Regan"),
        # a writer whose name is in the host name keeps it
        (
            "Daniel Weinmann; Boris Hart",
            PageFacts(hosts=("hart.example",)),
            "Daniel Weinmann, Boris Hart",
        ),
    ],
)
def test_clean_byline(byline: str, facts: PageFacts, expected: str) -> None:
    assert clean_byline(byline, facts) == expected


def test_bylines_without_page_facts() -> None:
    assert clean_byline("By Jane Roe") == "Jane Roe"
    assert clean_byline("") == ""
