"""Summaries in languages other than English: stemmers, stop words and what leans on context."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.api import failed, story_language
from reader.summarize.languages import LANGUAGES, detect_language, stemmer_for
from reader.summarize.scraps import leans_back

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
    assert not failed(summary)  # no "the newsrank method failed"
    assert len(summary.sentences) == 2


def test_polish_inflections_share_a_stem() -> None:
    stem = stemmer_for("polish")
    assert stem("ustawy") == stem("ustawa")
    assert stem("wiatrowych") == stem("wiatrowe")


SAMPLES = {
    "german": "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen. Das Gesetz sieht "
    "vor, dass Deutschland bis 2045 klimaneutral wird. Die Opposition kritisierte den Entwurf, "
    "weil er nicht weit genug gehe und auch die Länder zustimmen müssen.",
    "french": "Le gouvernement a présenté mercredi un projet de loi sur le climat. Il prévoit que la "
    "France atteigne la neutralité carbone en 2050. Les associations estiment que le texte ne va "
    "pas assez loin pour les transports et le logement.",
    "spanish": "El Gobierno aprobó el miércoles una nueva ley sobre el clima. La norma establece que "
    "el país será neutro en carbono en 2050. La oposición criticó el proyecto por no ir más lejos "
    "en los transportes y la vivienda.",
    "english": "The government approved a new climate law on Wednesday. It says that the country "
    "must be carbon neutral by 2050. The opposition said the plan was not enough and that it had "
    "been rushed through parliament.",
    "polish": "Rząd przyjął w środę nową ustawę o klimacie. Zakłada ona, że kraj osiągnie neutralność "
    "klimatyczną do 2050 roku. Opozycja twierdzi, że to nie jest wystarczające i że ustawa została "
    "przyjęta zbyt szybko przez Sejm.",
    "japanese": "政府は水曜日、新しい気候法を閣議決定した。法律は2050年までに温室効果ガスの排出を実質ゼロにすることを定めている。",
    "arabic": "وافقت الحكومة يوم الأربعاء على قانون جديد للمناخ. وينص القانون على أن تصل البلاد إلى الحياد الكربوني بحلول عام 2050.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_the_language_is_read_from_the_text(language: str) -> None:
    assert detect_language(SAMPLES[language]) == language


@pytest.mark.parametrize("declared", ["", "en", "english", "de-DE"])
def test_the_text_wins_over_a_missing_or_wrong_declared_language(declared: str) -> None:
    assert story_language(SAMPLES["german"], declared) == "german"
    assert story_language(SAMPLES["english"], declared) == "english"


def test_the_declared_language_stays_when_the_text_does_not_tell() -> None:
    assert detect_language("Lindvik 147 m, Geiger 144 m, Prevc 140 m.") is None
    assert story_language("Lindvik 147 m, Geiger 144 m, Prevc 140 m.", "de") == "german"
    assert story_language("", "fr") == "french"


def test_a_german_story_declared_english_is_summarised_as_german() -> None:
    text = SAMPLES["german"]
    assert summarize_story(text, 1, language="en") == summarize_story(text, 1, language="de")


@pytest.mark.parametrize(
    ("language", "sentence", "leans"),
    [
        ("german", "Denn man sucht gerade nach neuen Ideen für die Energie.", True),
        ("german", "Aber das ist natürlich irgendwie nervig.", True),
        ("german", "Das ist die größte Anlage der Welt.", True),
        ("german", "Das Gesetz tritt im Januar in Kraft.", False),
        ("german", "Die Polizei ermittelt wegen Nötigung.", False),
        ("french", "Mais le gouvernement a refusé de répondre.", True),
        ("french", "Le gouvernement a refusé de répondre.", False),
        ("spanish", "Sin embargo, el Gobierno no respondió.", True),
        ("spanish", "Sin agua no hay vida en el desierto.", False),
        ("spanish", "El Gobierno no respondió a las preguntas.", False),
        ("polish", "Jednak rząd nie odpowiedział na pytania.", True),
        ("polish", "Rząd nie odpowiedział na pytania.", False),
        ("japanese", "しかし政府は答えなかった。", False),
    ],
)
def test_sentences_that_lean_on_the_one_before_in_other_languages(
    language: str, sentence: str, leans: bool
) -> None:
    assert leans_back(sentence, language) is leans


def test_a_german_summary_does_not_open_with_a_sentence_leaning_on_a_missing_one() -> None:
    sentences = [
        "Der Stadtrat hat am Montag den neuen Haushalt für das kommende Jahr beschlossen.",
        "Aber die Stadt muss im Haushalt sparen und Schulen und Straßen trotzdem sanieren.",
        "Die Schulen der Stadt bekommen im Haushalt mehr Geld für neue Computer.",
        "Die Opposition im Stadtrat stimmte gegen den Haushalt der Stadt.",
        "Straßen und Brücken der Stadt sollen im Frühjahr saniert werden.",
        "Der Bürgermeister sprach von einem guten Tag für die Stadt.",
    ]
    summary = summarize_story(" ".join(sentences), 1, language="de")
    assert not summary.sentences[0].startswith("Aber")


def test_one_table_names_languages_for_summaries_and_for_grouping() -> None:
    """reader.languages is the one home of language codes: the summaries take the languages
    sumy has lists for (English otherwise), the grouping of related stories every language the
    table knows (Snowball stems Russian and Dutch, which sumy has no lists for)."""
    from reader.languages import language_name
    from reader.summarize.languages import knows_language, language_for

    for given, name in (("de-AT", "german"), ("fra", "french"), ("Deutsch", "german"),
                        ("pt_BR", "portuguese"), ("de, en", "german"), ("ru", "russian"),
                        ("nld", "dutch")):  # fmt: skip
        assert language_name(given) == name
        assert language_for(given) == (name if knows_language(given) else "english")
    assert knows_language("de") and not knows_language("ru") and not knows_language("klingon")
    assert language_name("klingon") == "" and language_for("klingon") == "english"
