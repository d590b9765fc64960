"""Summaries: every method on a fixture story, headline and scrap exclusion, bad input, languages."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.models import Summary
from reader.summarize import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    split_sentences,
    summarize,
    summarize_many,
    summarize_story,
)
from reader.textutil import clean_block

TITLE = "Storm floods coastal town as river bursts its banks"
SCRAPS = [
    "By Jane Doe and Tom Lee",
    "Last updated 14 March 2024, 09:12 GMT",
    "Photo: Harbour residents wade through the water (AP Photo/John Smith)",
    "Flood water in the market square. Getty Images",
    "Click here to follow our live coverage of the storm.",
    "Read more: How to protect your home from floods",
    "(with agency inputs)",
    "Advertisement",
]
BODY = [
    "A powerful storm flooded the coastal town of Harwick on Tuesday after the river burst its banks.",
    "Hundreds of residents were moved to emergency shelters as the water rose through the night.",
    "The river reached its highest level in forty years, according to the national weather service.",
    "Rescue teams used boats to reach families trapped in houses near the harbour.",
    "The mayor said the town had never seen flooding on this scale and asked for national help.",
    "Schools and shops stayed closed, and the main bridge over the river was shut to traffic.",
    "Forecasters expect more heavy rain on Wednesday, which could raise the river again.",
    "Insurance companies said the damage to homes and businesses could run into millions.",
    "Volunteers filled sandbags at the sports hall and handed out blankets and hot food.",
    "The storm also cut power to thousands of homes along the coast for several hours.",
    "Engineers will inspect the flood walls once the water level falls, officials said.",
    "Residents have been told not to return to their homes until the river is safe.",
]


def story_text() -> str:
    """The headline, a byline and credits, then the body in paragraphs, with scraps in between."""
    paragraphs = [
        TITLE,
        f"{SCRAPS[0]}\n{SCRAPS[1]}",
        " ".join(BODY[0:3]),
        SCRAPS[2],
        " ".join(BODY[3:6]),
        f"{SCRAPS[3]}\n{SCRAPS[4]}",
        " ".join(BODY[6:9]),
        SCRAPS[5],
        SCRAPS[7],
        " ".join(BODY[9:12]) + " " + SCRAPS[6],
    ]
    return "\n\n".join(paragraphs)


def in_story_order(sentences: list[str] | tuple[str, ...]) -> bool:
    positions = [BODY.index(s) for s in sentences]
    return positions == sorted(positions)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_each_algorithm_picks_body_sentences_in_story_order(algorithm: str) -> None:
    result = summarize_story(story_text(), sentences=3, algorithm=algorithm, title=TITLE)
    assert result.algorithm == algorithm
    assert len(result.sentences) == 3
    assert all(s in BODY for s in result.sentences), result.sentences
    assert in_story_order(result.sentences)
    assert result.total_sentences == len(BODY)
    assert result.note is None


def test_default_is_first_and_none_selects_it() -> None:
    assert ALGORITHMS[0] == DEFAULT_ALGORITHM
    assert {"lexrank", "textrank", "lsa", "luhn", "kl", "reduction", "edmundson"} <= set(ALGORITHMS)
    assert summarize_story(story_text(), algorithm=None).algorithm == DEFAULT_ALGORITHM
    assert summarize(story_text(), 3, None, "english", TITLE) == list(
        summarize_story(story_text(), 3, DEFAULT_ALGORITHM, "english", TITLE).sentences
    )


def test_default_prefers_the_lead_of_a_news_story() -> None:
    # The opening sentence states what happened; the rest elaborates on it.
    assert BODY[0] in summarize(story_text(), 2, title=TITLE)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_headline_and_scraps_are_never_chosen(algorithm: str) -> None:
    # Ask for more sentences than the story has: everything that can be chosen comes back.
    result = summarize_story(story_text(), sentences=40, algorithm=algorithm, title=TITLE)
    assert list(result.sentences) == BODY
    assert result.note is not None and "whole story" in result.note


def test_headline_repeated_inside_the_text_is_not_a_candidate() -> None:
    text = f"{TITLE}.\n\n{' '.join(BODY[:4])}"
    for algorithm in ALGORITHMS:
        chosen = summarize(text, 4, algorithm, title=TITLE)
        assert all(TITLE not in s for s in chosen)
    # Without a title the same line is not known to be the headline: it is a deck over a lead
    # saying the same, and only one of the two is a candidate.
    result = summarize_story(text, 5)
    assert result.total_sentences == 4
    assert not (f"{TITLE}." in result.sentences and BODY[0] in result.sentences)


def test_ratio_of_the_story() -> None:
    result = summarize_story(story_text(), title=TITLE, ratio=0.5)
    assert len(result.sentences) == len(BODY) // 2
    assert summarize_story(story_text(), title=TITLE, ratio=0.01).sentences[0] in BODY
    bad = summarize_story(story_text(), sentences=2, title=TITLE, ratio=7.0)
    assert len(bad.sentences) == 2 and bad.note and "ratio" in bad.note


def test_unknown_algorithm_falls_back_with_a_note() -> None:
    result = summarize_story(story_text(), algorithm="no-such-method")
    assert result.algorithm == DEFAULT_ALGORITHM
    assert len(result.sentences) == 3
    assert result.note and "no-such-method" in result.note


@pytest.mark.parametrize("algorithm", ALGORITHMS)
@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "12345 67 -- !!! ??? 3.14",
        "The only sentence of this story is here.",
        "First of two sentences is this one. And here is the second one of them.",
        "混合文字のテキストです。This sentence is in English and rather plain. Это предложение по-русски.",
        "\x00\x1b[31mred\x1b[0m text with controls in it. Another plain sentence follows it here.",
    ],
)
def test_bad_input_never_raises(algorithm: str, text: str) -> None:
    result = summarize_story(text, sentences=3, algorithm=algorithm)
    assert isinstance(result, Summary)
    assert len(result.sentences) <= 3
    if result.sentences:
        assert result.note  # fewer sentences than asked: said plainly
    else:
        assert result.note
    assert all("\x1b" not in s and "\x00" not in s for s in result.sentences)


def test_bad_input_results() -> None:
    assert summarize("") == []
    assert summarize_story("").note == "There is no text to summarise."
    assert summarize_story("1234 5678 !!!").note == "The text has no words to summarise."
    one = "The only sentence of this story is here."
    assert summarize(one, 3) == [one]
    mixed = "混合文字のテキストです。This sentence is in English and rather plain. Это предложение по-русски."
    assert summarize(mixed, 2) and all(s in split_sentences(mixed) for s in summarize(mixed, 2))
    assert summarize_story(None).sentences == ()  # type: ignore[arg-type]
    assert len(summarize_story(story_text(), sentences=0).sentences) == 1
    assert len(summarize_story(story_text(), sentences="x").sentences) == 3  # type: ignore[arg-type]


def test_very_long_story() -> None:
    # 50,000 words: summarised, not frozen, not raising.
    rounds = 50_000 // sum(len(s.split()) for s in BODY) + 1
    text = "\n\n".join(" ".join(f"{s[:-1]} in part {i}." for s in BODY) for i in range(rounds))
    result = summarize_story(text, 3)
    assert len(result.sentences) == 3
    assert all(s.rsplit(" in part ", 1)[0] + "." in BODY for s in result.sentences)
    # 50,000 words without a full stop: cut into pieces, three of which are shown.
    # (words of letters: tokens with digits in them would make every piece a stat line)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = (
        f"w{letters[i % 26]}{letters[i // 26 % 26]}{letters[i // 676 % 26]}" for i in range(50_000)
    )
    blob = summarize_story(" ".join(words), 3)
    assert len(blob.sentences) == 3
    assert all(0 < len(s.split()) <= 60 for s in blob.sentences)


def test_long_story_with_a_stock_method_is_trimmed_with_a_note() -> None:
    text = "\n\n".join(f"{s[:-1]} in part {i}." for i in range(40) for s in BODY)
    result = summarize_story(text, 3, algorithm="lexrank")
    assert len(result.sentences) == 3
    assert result.note and "long" in result.note


GERMAN = (
    "Der Stadtrat hat am Montag einen neuen Haushalt für das kommende Jahr beschlossen. "
    "Die Ausgaben für Schulen steigen um zehn Prozent, z. B. für neue Computer und Lehrer. "
    "Die Opposition kritisierte den Plan als zu teuer für die Stadt. "
    "Der Bürgermeister verteidigte den Haushalt und sprach von Investitionen in die Zukunft. "
    "Die Feier zur Eröffnung der neuen Schule ist am 3. Oktober geplant. "
    "Bürger können den Haushalt ab Dienstag im Rathaus einsehen."
)


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_german_story_with_language_code(algorithm: str) -> None:
    sentences = split_sentences(GERMAN, "de")
    assert len(sentences) == 6  # z. B. and "3. Oktober" do not end sentences
    chosen = summarize(GERMAN, 2, algorithm, language="de", title="Stadtrat beschließt Haushalt")
    assert len(chosen) == 2
    assert all(s in sentences for s in chosen)
    assert chosen == sorted(chosen, key=sentences.index)


def test_chinese_story() -> None:
    text = "北京今天下了大雪，交通受到影响。很多航班被取消，乘客在机场等待。气象部门说大雪明天会停。学校通知学生在家学习。"
    chosen = summarize(text, 2, language="zh")
    assert len(chosen) == 2
    assert all(s in split_sentences(text) for s in chosen)


def test_runs_with_an_empty_nltk_data_path(tmp_path: Path) -> None:
    """No punkt or other NLTK data is needed: summarise with NLTK's data path pointing nowhere."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    script = textwrap.dedent(
        f"""
        import nltk
        nltk.data.path[:] = [{str(empty)!r}]
        try:
            nltk.data.find("tokenizers/punkt_tab")
        except LookupError:
            pass
        else:
            raise SystemExit("punkt is available, the test would prove nothing")
        from reader.summarize import ALGORITHMS, summarize_story, summarize_many
        text = {story_text()!r}
        for algorithm in ALGORITHMS:
            for language in ("english", "de", "fr", "zh", "ja", "el", "uk", "ar", "th"):
                result = summarize_story(text, 2, algorithm, language, title={TITLE!r})
                assert len(result.sentences) == 2, (algorithm, language, result)
        assert summarize_many([(None, text), ({TITLE!r}, text)], 3).sentences
        print("ok")
        """
    )
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / min(len(wa), len(wb))


def test_story_summary_across_related_stories_has_no_near_duplicates() -> None:
    related = " ".join(
        s.replace("Harwick", "the town of Harwick").replace("Tuesday", "Tuesday night")
        for s in BODY[:6]
    )
    other = (
        "Emergency services in Harwick said no one had been seriously hurt in the floods. "
        "The government promised money to repair the bridge and the flood walls. "
        "Farmers upstream reported fields under water and lost livestock."
    )
    result = summarize_many(
        [(TITLE, story_text()), ("Harwick under water", related), (None, other)], 5
    )
    assert result.algorithm == DEFAULT_ALGORITHM
    assert len(result.sentences) == 5
    pool = set(BODY) | set(split_sentences(related)) | set(split_sentences(other))
    assert all(s in pool for s in result.sentences)
    for i, a in enumerate(result.sentences):
        for b in result.sentences[i + 1 :]:
            assert _overlap(a, b) < 0.8, (a, b)
    assert not any(s in SCRAPS or s == TITLE for s in result.sentences)


def test_story_summary_bad_input() -> None:
    assert summarize_many([]).sentences == ()
    assert summarize_many([]).note
    result = summarize_many([(None, ""), ("t", "1234"), "junk", (None, story_text())], 3)  # type: ignore[list-item]
    assert len(result.sentences) == 3
    same = summarize_many([(None, story_text()), (None, story_text())], 20)
    assert len(same.sentences) == len(set(same.sentences)) == len(BODY)
    assert same.note and "distinct" in same.note


@settings(max_examples=60, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "The",
                "river",
                "rose",
                "fast",
                "Mr.",
                "U.S.",
                "3.5",
                "said",
                "。",
                "你好",
                "Γειά",
                "…",
                ". ",
                "! ",
                "? ",
                "\n",
                "\n\n",
                " ",
                '"',
                "(",
                ")",
                ":",
                "By",
                "Photo:",
                "\x1b[2J",
            ]
        ),
        max_size=120,
    ).map("".join),
    sentences=st.integers(min_value=-3, max_value=8),
    algorithm=st.sampled_from([*ALGORITHMS, None, "bogus"]),
    title=st.one_of(st.none(), st.text(max_size=30)),
)
def test_any_text_gives_a_summary_of_its_own_sentences(
    text: str, sentences: int, algorithm: str | None, title: str | None
) -> None:
    result = summarize_story(text, sentences, algorithm, "en", title)
    assert isinstance(result, Summary)
    assert len(result.sentences) <= max(1, sentences)
    assert result.sentences or result.note
    flat = " ".join(clean_block(text).split())  # the story as shown: control sequences removed
    for sentence in result.sentences:
        assert sentence.strip()
        assert " ".join(sentence.split()) in flat


def test_a_sentence_the_story_repeats_is_offered_once() -> None:
    from reader.summarize import summarize_story

    repeated = "He declared that he would impose appropriate tariffs within a week."
    text = (
        f"The president cut off trade talks with the neighbouring country on Friday. {repeated} "
        "The new tax on technology firms takes effect on Monday. "
        f"Officials in the capital said talks could resume later. {repeated}"
    )
    summary = summarize_story(text, sentences=5)
    assert summary.sentences.count(repeated) == 1
    assert summary.total_sentences == 4
