"""Second reading review of summaries (about 70 real pages): a quotation is one sentence with who
said it, summaries that are the opening or most of a short story are said to be so, sentences
that lean on the one before wait for it, stat lines joined in one paragraph stay out, and list
stories name their items however they are numbered."""

from __future__ import annotations

import pytest

from reader.summarize import split_sentences, summarize, summarize_story
from reader.summarize.api import instead_of_summary
from reader.summarize.lists import items_line, listicle
from reader.summarize.scraps import announces, leans_back, links_back

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


# ---------------------------------------------------------------------------------------------
# A sentence opening with a connective needs the very sentence before it in the summary; one
# opening with a pronoun (or a preposition and a pronoun) needs an earlier one.

ROAD = [
    "The harbour council met on Monday to discuss the winter road plan.",
    "Engineers said the harbour road had cracked in several places after the storms.",
    "Residents of the old quarter asked for a bus service during the works.",
    "The mayor said the harbour road plan would cost four million euros.",
    "Shops near the quay fear losing customers while the harbour road is shut.",
    "A ferry company offered extra sailings for people living on the islands.",
    "Fishermen will keep access to the quay through a side gate.",
    "The works on the harbour road are due to start in the second week of December.",
    "And the council voted to close the harbour road for the whole winter to repair the road.",
    "The last repairs on the quay were made nine years ago.",
    "A public meeting will be held in the town hall next Thursday.",
    "Police will put up signs for drivers on the coast road.",
]


def test_a_sentence_going_on_from_one_left_out_is_not_chosen() -> None:
    text = "\n\n".join(" ".join(ROAD[k : k + 4]) for k in (0, 4, 8))
    summary = summarize(text, 3, title="Harbour road to close for the winter")
    assert len(summary) == 3
    for sentence in summary:
        if links_back(sentence):
            assert ROAD[ROAD.index(sentence) - 1] in summary


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("english", "And Louisiana Democrats re-elected the governor by a wide margin."),
        ("english", "It is for that reason that the agency hired two companies."),
        ("english", "However, the vote was delayed until May."),
        ("german", "Denn man sucht gerade nach neuen Ideen für die Energie."),
        ("spanish", "Sin embargo, el Gobierno no respondió."),
        ("spanish", "De hecho, el ministro ordenó la intervención de la oficina."),
        ("french", "En revanche, le gouvernement a refusé de répondre."),
        ("portuguese", "No entanto, o tribunal não respondeu às perguntas."),
        ("italian", "Tuttavia il governo non ha risposto alle domande."),
        ("polish", "Dlatego rząd nie odpowiedział na pytania."),
    ],
)
def test_connectives_go_on_from_the_sentence_before(language: str, sentence: str) -> None:
    assert links_back(sentence, language)
    assert leans_back(sentence, language)


@pytest.mark.parametrize(
    ("language", "sentence", "leans"),
    [
        ("german", "Es bezeichnet den Entwurf des Gesetzes als ungeeignet.", True),
        ("german", "Es gibt keine schnelle Lösung für das Problem.", False),
        ("spanish", "A él se sumará la prueba nacional en el mes de junio.", True),
        ("spanish", "A su llegada, el presidente saludó a los vecinos.", False),
        ("spanish", "Así como en otros años, la prueba se hará en junio.", False),
        ("french", "Avec lui, le club a gagné trois titres.", True),
        ("french", "Il y a trois candidats dans la course.", False),
        ("portuguese", "Dele depende a aprovação do projeto na câmara.", True),
        ("english", "So far the council has not said when the road reopens.", False),
        ("english", "So-called smart meters were fitted in every flat.", False),
    ],
)
def test_pronouns_and_a_preposition_before_one_lean_back(
    language: str, sentence: str, leans: bool
) -> None:
    assert leans_back(sentence, language) is leans
    assert not links_back(sentence, language)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("polish", "Oto kraje, w których średnia godzina pracy wnosi najwięcej do PKB."),
        ("english", "Here are the countries where an hour of work is worth the most."),
        ("french", "Voici les pays où une heure de travail rapporte le plus."),
        ("german", "Hier sind die Länder, in denen eine Arbeitsstunde am meisten bringt."),
    ],
)
def test_a_sentence_announcing_a_list_is_no_summary_sentence(language: str, sentence: str) -> None:
    assert announces(sentence, language)
    facts = [
        "Workers in Ireland add the most to the economy for each hour they work.",
        "An hour of work in Mexico adds about twenty dollars to the economy.",
        "The study compared the output of workers in thirty-eight countries.",
        "Economists said the figures reflect the size of large foreign firms.",
        "Poland ranks in the middle of the table with about forty dollars.",
    ]
    summary = summarize_story(" ".join([sentence, *facts]), 2, language=language)
    assert sentence not in summary.sentences


# ---------------------------------------------------------------------------------------------
# A summary of a short story, or one that is most of its story's words, says so: the reader
# shows the story instead of printing most of it twice (instead_of_summary: what the story pane
# and `newsreader summarize` print in its place).


def test_a_short_story_s_summary_says_the_story_is_short() -> None:
    text = " ".join(ROAD[:8])  # eight sentences, about a hundred words
    summary = summarize_story(text, 3)
    assert len(summary.sentences) == 3
    assert summary.note and "short" in summary.note
    instead = instead_of_summary(summary.sentences, text)
    assert instead is not None and instead.startswith("The story is short (")
    assert instead.endswith("read it whole, just below.")


def test_a_summary_of_most_of_a_story_s_words_says_so() -> None:
    long = [
        f"The {n}th report of the harbour council on the state of the old road found cracks in "
        f"the surface, loose stones along the quay and water in the drains after the storms "
        f"of the winter, and asked the town for money to mend all of it before the spring."
        for n in range(4)
    ]
    short = [f"Report {n} was filed." for n in range(4)]  # (a scrap each: too few words)
    more = [f"The council met on day {n} of the month in the town hall." for n in range(3)]
    text = "\n\n".join([*long, *more, *short])
    summary = summarize_story(text, 3)
    said = sum(len(s.split()) for s in summary.sentences)
    assert said > 0.4 * len(text.split())
    assert summary.note and "%" in summary.note
    instead = instead_of_summary(summary.sentences, text)
    assert instead is not None and instead.startswith("A summary would be ")
    assert instead.endswith("% of the story's words: read the story whole, just below.")


def test_a_summary_that_is_a_small_part_of_a_long_story_is_a_summary() -> None:
    text = (
        "\n\n".join(" ".join(ROAD) for _ in range(1))
        + "\n\n"
        + " ".join(
            f"The council heard from resident number {n} about the noise of the works."
            for n in range(20)
        )
    )
    summary = summarize_story(text, 2)
    assert summary.note is None
    assert summary.sentences and instead_of_summary(summary.sentences, text) is None


# ---------------------------------------------------------------------------------------------
# The standfirst (a line with no full stop over the lead) is shown right under the headline:
# a summary never opens by saying it again.


def test_the_standfirst_over_the_lead_is_not_chosen() -> None:
    standfirst = (
        "Penalties for those who refuse to close the harbour road are to be raised to a "
        "maximum of ten thousand euros for repeat offenders"
    )
    text = "\n\n".join([standfirst, *(" ".join(ROAD[k : k + 2]) for k in range(0, 12, 2))])
    summary = summarize_story(text, 3, title="Harbour road to close for the winter")
    assert len(summary.sentences) == 3 and standfirst not in summary.sentences
    # A first paragraph that ends as a sentence does may be the lead: it stays a candidate.
    lead = summarize_story(text.replace("offenders", "offenders."), 1)
    assert lead.sentences == (standfirst + ".",)


# ---------------------------------------------------------------------------------------------
# List stories: items numbered "3.Charlotte", "3) ", "#3 ", subheadings without numbers, or as
# many paragraphs as the headline counts; every item named, none as "and 1 more".

ITEM_TEXT = (
    "Guides at the harbour museum say it is one of the most visited places in the old town. "
    "Entry is free on the first Sunday of the month."
)
PLACES = ["The lighthouse", "The fish market", "The old customs house", "The sea wall walk"]
INTRO_TEXT = (
    "Harbourtown has more to offer than its beaches, and these are the places to see first."
)


@pytest.mark.parametrize(
    "mark", ["{n}.{p}", "{n}) {p}", "#{n} {p}", "{n}. {p}"], ids=["glued", ")", "#", ". "]
)
def test_numbered_items_in_any_style_are_a_list(mark: str) -> None:
    items = [mark.format(n=n, p=p) for n, p in enumerate(PLACES, 1)]
    text = "\n\n".join([INTRO_TEXT, *(f"{item}\n\n{ITEM_TEXT}" for item in items)])
    found = listicle(text)
    assert found is not None
    assert found.headings == tuple(f"{n}. {p}" for n, p in enumerate(PLACES, 1))


def test_subheadings_without_numbers_are_a_list_and_news_sections_are_not() -> None:
    sections = [f"{p}\n\n{ITEM_TEXT}" for p in PLACES]
    text = "\n\n".join([INTRO_TEXT, *sections])
    found = listicle(text, title="A day in Harbourtown")
    assert found is not None and found.headings == tuple(PLACES)
    # Three are a list only when the headline announces one.
    three = "\n\n".join([INTRO_TEXT, *sections[:3]])
    assert listicle(three, title="A day in Harbourtown") is None
    assert listicle(three, title="See these places in Harbourtown") is not None
    # Sections of a news story run to several paragraphs each.
    long = "\n\n".join([INTRO_TEXT, *(f"{p}\n\n" + "\n\n".join([ITEM_TEXT] * 6) for p in PLACES)])
    assert listicle(long, title="A day in Harbourtown") is None


def test_a_headline_counting_its_items_makes_its_paragraphs_the_items() -> None:
    paragraphs = [f"VISIT {p.lower()}, open daily until six. {ITEM_TEXT}" for p in PLACES]
    text = "\n\n".join([INTRO_TEXT, *paragraphs])
    summary = summarize_story(text, 3, title="4 Things to Do in Harbourtown")
    assert summary.sentences[-1].count(";") == 3
    assert all(f"VISIT {p.lower()}" in summary.sentences[-1] for p in PLACES)
    assert listicle(text, title="Harbour road to close for the winter") is None


def test_eleven_items_are_all_named_never_and_1_more() -> None:
    headings = tuple(f"{n}. Item number {n}" for n in range(1, 12))
    line = items_line(headings)
    assert "more" not in line and line.endswith("11. Item number 11.")
    assert items_line((*headings, "12. Item number 12")).endswith("and 2 more.")


def test_a_sentence_ending_with_a_web_address_is_kept_without_it() -> None:
    event = (
        "Cheer on the young riders at the harbour show jumping finals on Saturday; www.usef.org."
    )
    text = " ".join([event, *ROAD[:6]])
    kept = summarize_story(text, 6).sentences
    assert "Cheer on the young riders at the harbour show jumping finals on Saturday." in kept
    assert not any("www." in sentence for sentence in kept)


def test_a_sentence_opening_with_a_pronoun_waits_for_the_one_before_it() -> None:
    # "A él se sumará ...": in a summary of a small part of its story, a pronoun's sentence is
    # chosen only with the sentence before it (an earlier one may be about someone else).
    road = [*ROAD[:8], ROAD[8].replace("And the council", "Its council"), *ROAD[9:]]
    text = "\n\n".join(" ".join(road[k : k + 4]) for k in (0, 4, 8))
    summary = summarize(text, 3, title="Harbour road to close for the winter")
    assert len(summary) == 3
    for sentence in summary:
        if leans_back(sentence):
            assert road[road.index(sentence) - 1] in summary


def test_the_end_of_a_quotation_before_who_said_it_needs_its_start() -> None:
    from reader.summarize.scraps import ends_quotation

    assert ends_quotation('Não houve constatação de riscos", aponta ainda o jornalista.')
    assert not ends_quotation('He said "no" to the plan, and left.')


def test_a_three_sentence_summary_of_a_short_story_keeps_a_connective_with_its_sentence() -> None:
    text = "\n\n".join(" ".join(ROAD[k : k + 3]) for k in (0, 3, 6)) + "\n\n" + ROAD[9]
    summary = summarize(text, 3, title="Harbour road to close for the winter")
    assert len(summary) == 3
    assert ROAD[8] not in summary or ROAD[7] in summary


def test_headed_items_under_a_kicker_and_many_short_sections() -> None:
    # Question subheadings are items too; a kicker over the list is no opening sentence.
    heads = [*PLACES, "Why go in winter?"]
    texts = [f"{h}\n\nThe {n}th stop on the walk. {ITEM_TEXT}" for n, h in enumerate(heads, 1)]
    text = "\n\n".join(["A guide to the old town", *texts])
    summary = summarize_story(text, 3, title="A day in Harbourtown")
    assert summary.sentences == ("; ".join(heads),)  # (it ends with its question mark)
    # An explainer in many short sections is summarised by its sentences, unless its headline
    # announces a list; a date in a headline counts nothing.
    many = [f"Part {chr(65 + n)} of the guide" for n in range(14)]
    explainer = "\n\n".join([INTRO_TEXT, *(f"{h}\n\n{ITEM_TEXT}" for h in many)])
    assert listicle(explainer, title="A day in Harbourtown") is None
    assert listicle(explainer, title="The best of Harbourtown") is not None
    assert listicle("\n\n".join(text.split("\n\n")[:7]), title="Notes 11.18.19") is None


def test_a_quotation_without_its_speaker_waits_for_the_sentence_before_it() -> None:
    quote = (
        "“Closing the harbour road for the winter is the only way to repair the cracks before "
        "the storms of next year damage it beyond repair.”"
    )
    story = [
        "The town of Harwick will close its harbour road for the winter, the council said.",
        "Engineers found deep cracks in the road after the autumn storms.",
        "The repairs are expected to cost about four million euros.",
        "Shops near the quay fear they will lose customers while the road is shut.",
        "A ferry company offered extra sailings for people living on the islands.",
        "The mayor spoke to reporters outside the town hall on Tuesday evening.",
        quote,
        *ROAD[6:],
    ]
    summary = summarize("\n\n".join(story), 3, title="Harbour road to close for the winter")
    assert len(summary) == 3
    assert quote not in summary or story[5] in summary


def test_a_dateline_of_a_place_in_parts_and_a_colon_goes() -> None:
    from reader.summarize.scraps import strip_dateline

    rest = "Getting to the Moon, while not easy, has been done."
    assert strip_dateline(f"Washington, DC, United States: {rest}") == rest
    label = "Men's singles, second round: Reed (Harwick) bt Moss (Eastbury) 6-3 6-4."
    assert strip_dateline(label) == label
