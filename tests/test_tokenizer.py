"""The offline sentence splitter and word tokenizer (no NLTK data)."""

from __future__ import annotations

import pytest

from reader.summarize import OfflineTokenizer, language_for, split_sentences, split_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones in Washington. They talked for an hour.",
            ["Mr. Smith met Dr. Jones in Washington.", "They talked for an hour."],
        ),
        (
            "The U.S. economy grew last year. Officials in the U.S. said so. The U.K. did not.",
            [
                "The U.S. economy grew last year.",
                "Officials in the U.S. said so.",
                "The U.K. did not.",
            ],
        ),
        (
            "Fruit, e.g. apples, is healthy, i.e. good for you. Eat some.",
            ["Fruit, e.g. apples, is healthy, i.e. good for you.", "Eat some."],
        ),
        (
            "Apple Inc. said on Monday it would buy Beats. Shares of Acme Corp. rose. It was a good day.",
            [
                "Apple Inc. said on Monday it would buy Beats.",
                "Shares of Acme Corp. rose.",
                "It was a good day.",
            ],
        ),
        (
            "The vote is on Jan. 5 and the count on Sept. 12 this year. Nobody expects a surprise.",
            [
                "The vote is on Jan. 5 and the count on Sept. 12 this year.",
                "Nobody expects a surprise.",
            ],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_decimals_and_numbers() -> None:
    text = "Growth was 3.5% in 2004. It rose to 4.25 points. 20 people were hurt. He ranked No. 1 again."
    assert split_sentences(text) == [
        "Growth was 3.5% in 2004.",
        "It rose to 4.25 points.",
        "20 people were hurt.",
        "He ranked No. 1 again.",
    ]


def test_initials() -> None:
    text = "J. R. R. Tolkien wrote it. George W. Bush read it. The book sold well."
    assert split_sentences(text) == [
        "J. R. R. Tolkien wrote it.",
        "George W. Bush read it.",
        "The book sold well.",
    ]


def test_quotes_and_brackets_after_the_full_stop() -> None:
    text = (
        'He said: "We will win." Then he left. (The crowd cheered.) "Really?" she asked. '
        "'Yes!' It was over."
    )
    assert split_sentences(text) == [
        'He said: "We will win."',
        "Then he left.",
        "(The crowd cheered.)",
        '"Really?" she asked.',
        "'Yes!'",
        "It was over.",
    ]


def test_ellipses() -> None:
    assert split_sentences("Wait... What happened? He paused … and went on. The end…") == [
        "Wait...",
        "What happened?",
        "He paused … and went on.",
        "The end…",
    ]


def test_cjk_sentences_without_spaces() -> None:
    assert split_sentences("今天天气很好。我们去公园吧！你去吗？好的。") == [
        "今天天气很好。",
        "我们去公园吧！",
        "你去吗？",
        "好的。",
    ]
    assert split_sentences("東京は晴れです。「本当？」と彼は聞いた。") == [
        "東京は晴れです。",
        "「本当？」と彼は聞いた。",
    ]


def test_lines_are_breaks_but_wrapped_lines_are_joined() -> None:
    text = "By Jane Doe\nPhoto: Reuters\nThe minister said the plan\nwould start in May. It did."
    assert split_sentences(text) == [
        "By Jane Doe",
        "Photo: Reuters",
        "The minister said the plan would start in May.",
        "It did.",
    ]


def test_german_abbreviations_and_dates() -> None:
    text = "Die Feier ist am 3. Oktober. Es gibt z.B. Kuchen, bzw. Torte. Der Bürgermeister kommt."
    assert split_sentences(text, "de") == [
        "Die Feier ist am 3. Oktober.",
        "Es gibt z.B. Kuchen, bzw. Torte.",
        "Der Bürgermeister kommt.",
    ]


def test_empty_and_blank() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


def test_words() -> None:
    assert split_words("O'Brien's well-known plan costs $5bn, 2004 -- l'homme") == [
        "O'Brien's",
        "well-known",
        "plan",
        "costs",
        "l'homme",
    ]
    # Scripts without spaces are cut into overlapping character pairs.
    assert split_words("天气很好") == ["天气", "气很", "很好"]
    assert split_words("Γειά σου κόσμε") == ["Γειά", "σου", "κόσμε"]


def test_sumy_compatible_interface() -> None:
    tokenizer = OfflineTokenizer("de-DE")
    assert tokenizer.language == "german"
    assert tokenizer.to_sentences("Eins ist gut. Zwei ist besser.") == (
        "Eins ist gut.",
        "Zwei ist besser.",
    )
    assert tokenizer.to_words("Zwei ist besser.") == ("Zwei", "ist", "besser")


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("en", "english"),
        ("en-US", "english"),
        ("de-DE", "german"),
        ("de_AT", "german"),
        ("fr", "french"),
        ("pt-BR", "portuguese"),
        ("zh-Hans-CN", "chinese"),
        ("ja", "japanese"),
        ("uk", "ukrainian"),
        ("German", "german"),
        ("fra", "french"),
        ("xx", "english"),
        ("nl", "english"),  # sumy ships no Dutch stop words
        ("", "english"),
        (None, "english"),
    ],
)
def test_language_for(code: str | None, name: str) -> None:
    assert language_for(code) == name


@pytest.mark.parametrize(
    ("language", "sentences"),
    [
        (
            "german",
            [
                "Das kostet 5 Mio. Euro im Jahr.",
                "Der stv. Vorsitzende und die sog. Experten waren da.",
                "Die Firma (gegr. 1990) baut im 19. Jh. gebaute Häuser um.",
                "Die Wiege des Vereins stand im 19. Jahrhundert in der Hauptstr. 5 in Köln.",
                "Sie sagte: „Das ist gut.“",
                "Dann ging sie.",
                "Das Papier schrieb die Initiative „Keine Bildung ohne Medien!“ (KBoM) für Lehrer.",
                "Die Zahl der Verletzten stieg auf 15.",
                "Rettungskräfte suchen weiter.",
            ],
        ),
        (
            "french",
            [
                "« C'est fini. »",
                "Puis il est parti le 1er janv. 1990 avec Mlle Durand.",
                "Il a dit : « Non ! »",
                "Et après ?",
            ],
        ),
        (
            "spanish",
            [
                "EE. UU. anunció sanciones, dijo el Gral. Pérez.",
                "El Pdte. del Gobierno viajó a las FF. AA. del norte.",
                "Nadie lo sabe.",
            ],
        ),
        (
            "polish",
            [
                "Dr hab. Nowak mieszka przy ul. Długiej w Warszawie.",
                "Płk. Jan Nowak dowodzi m.in. Polakami i Czechami.",
                "Wartość wynosi ok. 5 mln zł.",
            ],
        ),
        (
            "english",
            [
                "He told me.",
                # (a quotation with who said it after it is one sentence)
                '"I was lost. (Buddhism) keeps me going," she said.',
                'She shouted "Go!" (twice) and ran.',
                "Then he left for 90 min. on the bus to see the doc. in town.",
                "The U.S. said no.",
            ],
        ),
    ],
)
def test_abbreviations_quotes_and_ordinals_in_each_language(
    language: str, sentences: list[str]
) -> None:
    assert split_sentences(" ".join(sentences), language) == sentences
