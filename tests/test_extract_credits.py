"""Photo credits and a gallery's controls are not the story's text: bare credit lines ('Foto: …',
'Archivfoto: …', 'Image credit: …', 'Featured image by …', 'Agencies'), a gallery's counter
('2/5') and directions ('Klicken Sie weiter!'), a credit run on at the end of a paragraph, a
strip of other stories' teasers each with its credit (hand-written fixture after patterns
seen on German, Indian and American news sites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract import clutter, extract

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def test_credits_and_gallery_controls_leave_the_text() -> None:
    html = (FIXTURES / "credits_gallery.html").read_text(encoding="utf-8")
    story = extract(html, "https://stadtbote.example/stadtbad").main
    paragraphs = story.text.split("\n\n")
    for words in (
        "Klicken Sie",
        "Agencies",
        "2/5",
        "Foto:",
        "Archivfoto",
        "Image credit",
        "Featured image",
        "Die Sauna wird teurer",
    ):
        assert words not in story.text, words
    assert paragraphs[0].startswith("Das neue Stadtbad soll Anfang Mai öffnen")
    assert any(p.startswith("Die Baukosten sind") for p in paragraphs)
    assert any(p.endswith("mit Blick auf den Stadtpark.") for p in paragraphs)
    assert paragraphs[-1].startswith("Die Eintrittspreise sollen")


@pytest.mark.parametrize(
    "line",
    ["Photo 3 of 12", "Bild 2 von 8", "Featured image by Ann Lee/Coast News", "Agenturen"],
)
def test_gallery_and_credit_lines_are_furniture(line: str) -> None:
    assert clutter.is_clutter_line(line)


def test_a_paragraph_that_mentions_a_photo_keeps_its_words() -> None:
    """Credits are labels: a sentence about a photo, or a single 'Foto:' in a paragraph that
    goes on, is story text."""
    line = "The photo: a family on the beach, taken in 1950, was found in an attic last year."
    assert not clutter.is_credit_strip(line)
    assert clutter.strip_credit_end(line) == line
