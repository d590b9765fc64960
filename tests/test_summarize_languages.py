"""Summaries in languages other than English: stemmers, stop words and what leans on context."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.languages import LANGUAGES, stemmer_for

POLISH = [
    "Rząd przyjął w środę projekt ustawy o odnawialnych źródłach energii.",
    "Projekt zakłada budowę nowych farm wiatrowych na morzu i na lądzie.",
    "Ministerstwo klimatu szacuje, że inwestycje wyniosą kilkadziesiąt miliardów złotych.",
    "Opozycja krytykuje projekt ustawy i zapowiada poprawki w Sejmie.",
    "Farmy wiatrowe mają powstać głównie na północy kraju.",
    "Eksperci uważają, że ustawa przyspieszy odejście od węgla.",
    "Samorządy chcą większego udziału w zyskach z farm wiatrowych.",
    "Sejm zajmie się projektem ustawy jeszcze w tym miesiącu.",
]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_stems_without_failing(language: str) -> None:
    stem = stemmer_for(language)
    assert isinstance(stem("Wahlen"), str)


def test_polish_is_summarised_by_newsrank_not_by_its_opening() -> None:
    summary = summarize_story(" ".join(POLISH), 2, language="pl")
    assert summary.note is None  # no "the newsrank method failed"
    assert len(summary.sentences) == 2


def test_polish_inflections_share_a_stem() -> None:
    stem = stemmer_for("polish")
    assert stem("ustawy") == stem("ustawa")
    assert stem("wiatrowych") == stem("wiatrowe")
