"""The top of the text is the story, not its headline said again (with its kicker, another
dash or other words) nor its byline and dateline ('Stand: 28.04.2020 18:00 Uhr', 'Von …',
'By Ann Lee, August 14, 2020 2:30 pm'), which go to the story's fields (hand-written fixtures
after patterns seen on German and American news sites)."""

from __future__ import annotations

from pathlib import Path

from reader.extract import extract

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _story(name: str) -> tuple[str, list[str]]:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    return html, extract(html, f"https://news.example.net/{name}").main.text.split("\n\n")


def test_kicker_headline_dateline_and_byline_leave_the_top_of_the_text() -> None:
    _, paragraphs = _story("head_kicker_dateline.html")
    text = "\n\n".join(paragraphs)
    assert "Hafen bekommt neue Kräne" not in text
    assert "Stand:" not in text
    assert "Von Anna Berger" not in text
    assert paragraphs[0].startswith("Der Hafen soll bis zum Herbst")  # the standfirst stays
    assert any(p.startswith("Der Hafen der Stadt bekommt") for p in paragraphs)
    # a sentence that opens with 'By' is no byline
    assert "By then, nobody in the harbour remembered the old cranes." in paragraphs


def test_the_names_and_date_of_a_byline_under_the_standfirst_are_kept() -> None:
    story = extract(
        (FIXTURES / "head_kicker_dateline.html").read_text(encoding="utf-8"),
        "https://news.example.net/hafen",
    ).main
    assert "Anna Berger" in story.author
    assert story.published.startswith("2020-04-28")


def test_a_headline_with_another_dash_and_a_byline_with_a_date_leave_the_top() -> None:
    _, paragraphs = _story("head_repeated_title_en.html")
    text = "\n\n".join(paragraphs)
    assert "Council approves harbour wall" not in text
    assert "By Ann Lee" not in text
    assert any(p.startswith("The town council voted on Tuesday") for p in paragraphs)


def _with_credit_line(line: str) -> str:
    paragraphs = "".join(
        f"<p>{p}</p>"
        for p in (
            "The ferry company will add a second boat to the island route from June, it said on "
            "Monday, after a summer of queues at both harbours.",
            "The boat, bought second-hand from a Norwegian operator, carries forty cars and can "
            "cross in fifty minutes even in a strong westerly wind.",
            "Islanders welcomed the news but asked for a later last crossing in the evenings, "
            "when many of them come back from work on the mainland.",
        )
    )
    return (
        '<html><head><meta property="og:site_name" content="Diario Costa Norte">'
        "<title>Second ferry for the island route</title></head><body><article>"
        "<h1>Second ferry for the island route</h1>"
        "<p>A second boat will sail from June, after a summer of queues.</p>"
        f"<p>{line}</p>{paragraphs}</article></body></html>"
    )


def test_the_sites_name_as_the_storys_credit_leaves_the_top() -> None:
    story = extract(_with_credit_line("Costa Norte Digital"), "https://costa.example/ferry").main
    assert "Costa Norte Digital" not in story.text
    assert story.text.startswith("A second boat will sail from June")


def test_a_word_of_the_sites_name_at_the_top_stays() -> None:
    story = extract(_with_credit_line("Norte"), "https://costa.example/ferry").main
    assert "\n\nNorte\n\n" in story.text
