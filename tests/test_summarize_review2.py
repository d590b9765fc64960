"""Second reading review of summaries (about 70 real pages): a quotation is one sentence with who
said it, summaries that are the opening or most of a short story are said to be so, sentences
that lean on the one before wait for it, stat lines joined in one paragraph stay out, and list
stories name their items however they are numbered."""

from __future__ import annotations

from reader.summarize import split_sentences

# ---------------------------------------------------------------------------------------------
# A quotation of a few sentences followed by who said it is one sentence: split, its first part
# is a line without a speaker ("Joe Biden no está bien.") and its last one a tail without a start.


def test_a_quotation_with_its_speaker_after_it_is_one_sentence() -> None:
    quote = (
        '"Seamos honestos. Joe Biden no está bien. No es apto para el cargo", indicó el senador.'
    )
    text = f"{quote} El presidente respondió por la tarde a los periodistas."
    assert split_sentences(text, "spanish") == [
        quote,
        "El presidente respondió por la tarde a los periodistas.",
    ]
    german = "„Das ist gut. Es ist sehr gut“, sagte der Minister. Dann ging er nach Hause."
    assert split_sentences(german, "german")[0].endswith("sagte der Minister.")
    english = "“We won. We won twice,” the coach said on Sunday. The team flew home."
    assert len(split_sentences(english)) == 2


def test_a_quotation_that_ends_its_sentence_or_runs_on_is_split_as_before() -> None:
    # Nothing after the closing mark says who spoke: the sentences inside are the story's.
    text = "He said: “The data is clear. We act now.” He left the room at noon."
    assert len(split_sentences(text)) == 3
    # A quotation that is never closed in the paragraph (it goes on in the next one).
    assert len(split_sentences("“The first part. The second part of the speech.")) == 2
    # A speech quoted at length is split as any text.
    long = " ".join(f"Sentence number {n} of the long speech goes here." for n in range(12))
    assert len(split_sentences(f'"{long}", she said.')) > 1
