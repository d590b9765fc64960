"""Text copied from an encyclopaedia or wiki keeps its reference marks ("[12]", "[citation
needed]"): a summary shows its sentences without them, split where they end."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.scraps import strip_citations

ARTICLE = [
    "Harwick is a market town and port on the east coast of Eastshire.[1]",
    "It has a population of about 14,000, according to the census of 2021.[2][3]",
    "The town grew around its harbour in the twelfth century,[4] when wool from the farms of "
    "Eastshire was shipped from the harbour to Flanders.[citation needed]",
    "The harbour silted up in the eighteenth century[a] and the wool trade moved to larger "
    "ports in the north.[5]",
    "Today the harbour of Harwick is used by fishing boats and pleasure craft.[6][note 1]",
    "A festival of the sea is held in the town every summer.[who?]",
]


def _plain(sentence: str) -> str:
    return strip_citations(sentence)


@pytest.mark.parametrize("count", [1, 2, 3])
def test_summary_sentences_carry_no_reference_marks(count: int) -> None:
    summary = summarize_story(" ".join(ARTICLE), count, title="Harwick")
    assert len(summary.sentences) == count
    assert not any("[" in s or "]" in s for s in summary.sentences)
    # Each shown sentence is one of the article's, whole: the marks did not hide its end.
    assert set(summary.sentences) <= {_plain(s) for s in ARTICLE}
    assert summary.total_sentences == len(ARTICLE)


def test_marks_in_other_languages_are_removed() -> None:
    assert strip_citations("Die Stadt hat 14.000 Einwohner.[Quelle?] Sie liegt am Meer.[3]") == (
        "Die Stadt hat 14.000 Einwohner. Sie liegt am Meer."
    )
    assert strip_citations("La ville a un port[réf. nécessaire] et une gare.") == (
        "La ville a un port et une gare."
    )
    assert strip_citations("El puerto se cerró[¿cuándo?] y[cita requerida] el tren llegó.") == (
        "El puerto se cerró y el tren llegó."
    )


@pytest.mark.parametrize(
    "text",
    [
        'He said the plan was "unfair [sic] to everyone".',
        "The minister said [the council] would pay for the repairs.",
        "She said the cuts were [...] a mistake.",
        "The appeal in Smith v Jones [1998] was cited by the judge.",
        "Options [a] and [b] were put to the vote.",
        "He said the deal \u201cgive[s] us hope\u201d for peace.",
    ],
)
def test_editorial_brackets_stay(text: str) -> None:
    assert strip_citations(text) == text
