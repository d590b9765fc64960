"""Stories a reader meets that are not plain news prose: announcements, questions in other
scripts, text without full stops, capitals, datelines."""

from __future__ import annotations

import pytest

from reader.summarize import summarize_story
from reader.summarize.scraps import is_poor, is_scrap, strip_marker


def test_a_sentence_announcing_what_follows_is_not_the_summary() -> None:
    text = "\n\n".join(
        [
            "The Latest on the storm that flooded the coastal town of Harwick (all times local):",
            "The storm flooded the coastal town of Harwick on Tuesday and hundreds of residents "
            "left their homes.",
            "Rescue teams used boats to reach families trapped in houses near the harbour of the "
            "town.",
            "The mayor of Harwick said the town had never seen a storm like it.",
            "Schools in the town stayed closed on Wednesday.",
            "Forecasters expect more rain in the town this week.",
        ]
    )
    summary = summarize_story(text, 1)
    assert not summary.sentences[0].endswith(":")


def test_an_arabic_question_waits_for_its_answer() -> None:
    question = "ماذا يحدث في السودان اليوم بعد الاحتجاجات الكبيرة في العاصمة الخرطوم؟"
    text = " ".join(
        [
            question,
            "خرج آلاف المحتجين إلى شوارع العاصمة الخرطوم للمطالبة بإصلاحات سياسية واقتصادية.",
            "قالت الحكومة إنها ستدرس مطالب المحتجين في العاصمة.",
            "أغلقت المدارس في الخرطوم أبوابها يوم الأحد.",
            "دعت المعارضة إلى مزيد من الاحتجاجات في العاصمة الأسبوع المقبل.",
        ]
    )
    summary = summarize_story(text, 1, language="ar")
    assert summary.sentences != (question,)


CLAUSES = [
    "the river rose through the night and the low streets were cleared",
    "residents were taken to the school hall by bus",
    "volunteers filled sandbags at the sports ground until morning",
    "the mayor asked the army for help with boats and pumps",
    "power was cut to thousands of homes along the coast",
    "forecasters expect more heavy rain on Wednesday",
    "insurers said the damage could run into millions",
    "engineers will inspect the flood walls once the water falls",
]


def test_a_long_story_without_full_stops_is_summarised_from_its_pieces() -> None:
    # A transcript or a caption dump: one paragraph, commas but no full stops, a stray sentence.
    run_on = ", ".join(f"{clause} in area {i}" for i in range(6) for clause in CLAUSES)
    text = f"{run_on.capitalize()}. Please send help to the town now! {run_on.capitalize()}"
    summary = summarize_story(text, 3)
    assert len(summary.sentences) == 3
    assert summary.total_sentences >= 5
    assert len(set(summary.sentences)) == 3


@pytest.mark.parametrize(
    ("sentence", "poor"),
    [
        (
            "Finally, the config file: cert = /etc/stunnel/cert.pem client = no "
            "pid = /var/run/stunnel.pid #debug = 7 accept = 273 connect = 873",
            True,
        ),
        ("Then run x = load(path) and y = x.sum() to get the total.", True),
        ("Run pip install foo, then call foo.bar() to reproduce the figures.", False),
        ("The ratio rose to 3/4 on 12/05/2020 and prices were $5/kg in the 24/7 shop.", False),
        ("He said the movement has the hashtags #MeToo and #TimesUp on Twitter.", False),
        ("Cargo airports in Incheon, South Korea; Anchorage, Alaska; and Dubai followed.", False),
    ],
)
def test_code_and_configuration_are_poor_summary_sentences(sentence: str, poor: bool) -> None:
    assert is_poor(sentence) is poor


def test_a_bullet_before_a_figure_is_not_shown() -> None:
    assert strip_marker("• 2½ cups or 500 g of rice, soaked for an hour") == (
        "2½ cups or 500 g of rice, soaked for an hour"
    )
    assert strip_marker("-5 degrees were measured at the station") == (
        "-5 degrees were measured at the station"
    )


@pytest.mark.parametrize(
    ("sentence", "scrap"),
    [
        ("Auf dem Foto zu sehen: Die neue Bürgermeisterin mit dem Parteichef links.", True),
        ("Im Bild oben: Der Bürgermeister beim Zählen der Stimmen am Sonntag.", True),
        ("In the photo above: the mayor with the party leader at the count on Sunday.", True),
        ("Sur la photo : le maire et le chef du parti dimanche soir à la mairie.", True),
        ("Im Bildungsausschuss wurde am Montag lange über die Schulen beraten.", False),
        ("In the photo business, margins are thin: prices fell again this year.", False),
    ],
)
def test_captions_announced_in_words_are_scraps(sentence: str, scrap: bool) -> None:
    assert is_scrap(sentence) is scrap


@pytest.mark.parametrize(
    "sentence",
    [
        "Das Gespräch führte Nicole Collignon.",
        "Die Fragen stellte Anna Berg.",
        "This interview has been edited and condensed for clarity.",
        "The conversation was lightly edited for length and clarity.",
        "Propos recueillis par Jeanne Martin.",
    ],
)
def test_interview_credits_are_scraps(sentence: str) -> None:
    assert is_scrap(sentence)


def test_a_sentence_saying_only_the_headline_again_is_not_the_summary() -> None:
    title = "State attorney general reportedly investigating shared office firm Cowork"
    again = "Cowork is reportedly being investigated by the state attorney general."
    text = " ".join(
        [
            again,
            "The inquiry into Cowork is said to focus on loans the founder made to the firm.",
            "A spokesperson said Cowork had received questions and was cooperating fully.",
            "The firm cut a fifth of its staff last month after a failed listing.",
            "Its largest investor has promised new money to keep the offices open.",
            "Landlords in several cities have asked for rent guarantees.",
        ]
    )
    summary = summarize_story(text, 2, title=title)
    assert again not in summary.sentences
    assert len(summary.sentences) == 2
