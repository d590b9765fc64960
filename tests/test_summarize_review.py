"""Reading-quality review of summaries: datelines keep the names after them, boilerplate and
fragments are poor candidates, dangling openers wait for what they refer to, short stories are
not summarised whole."""

from __future__ import annotations

import pytest

from reader.summarize import split_sentences, summarize
from reader.summarize.scraps import strip_dateline

# ---------------------------------------------------------------------------------------------
# 1. A dateline is removed; the initials and names after it stay.


@pytest.mark.parametrize(
    ("dateline", "rest"),
    [
        ("(CNN)", "A.J. Pero, a longtime drummer with the band, died on Friday at his home."),
        ("(CNN)", "J. K. Rowling will publish a new crime novel under her own name in May."),
        (
            "Naypyidaw, Myanmar (CNN)",
            "U.S. Senator Jane Doe said on Monday that the road was open.",
        ),
        ("Tokyo (CNN)", "T.J. Miller arrived in the city on Tuesday for the film festival."),
        ("CLEVELAND, Ohio – ", "The band will go on a fiftieth anniversary tour next year."),
    ],
)
def test_a_dateline_goes_and_the_names_after_it_stay(dateline: str, rest: str) -> None:
    text = f"{dateline}{rest} The news was confirmed later by a spokesperson for the family."
    first = split_sentences(text)[0]
    assert strip_dateline(first) == rest
    assert summarize(text, 1)[0] == rest


@pytest.mark.parametrize(
    "sentence",
    [
        "The United Nations (UN) Security Council voted on Monday to extend the mission.",
        "Former President Donald Trump (R) Thursday said he would not attend the debate.",
        "The World Health Organization (WHO) Director spoke to reporters in Geneva.",
    ],
)
def test_a_name_with_an_abbreviation_in_brackets_is_no_dateline(sentence: str) -> None:
    assert strip_dateline(sentence) == sentence
