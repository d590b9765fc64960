"""Reading-quality review of summaries: datelines keep the names after them, boilerplate and
fragments are poor candidates, dangling openers wait for what they refer to, short stories are
not summarised whole."""

from __future__ import annotations

import pytest

from reader.summarize import split_sentences, summarize, summarize_story
from reader.summarize.scraps import is_poor, leans_back, strip_dateline

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
        ("06.11.23 - ", "Voters in the town chose a new mayor on Sunday by a wide margin."),
        ("27.1.2022 – ", "Voters in the town chose a new mayor on Sunday by a wide margin."),
        ("(EFE).- ", "Nicaragua closed the year with a foreign debt of fourteen billion dollars."),
        ("PanARMENIAN.Net - ", "Verified video footage shows security forces firing on crowds."),
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


# ---------------------------------------------------------------------------------------------
# 2. Boilerplate and fragments are poor candidates: chosen only when nothing better is left.

PODCAST = [
    "The Garden Hour podcast visited the Chelsea Flower Show in London on Tuesday.",
    "Presenters Anna Black and Tom Green spoke to growers about the dry spring.",
    "Most of the growers said their plants had flowered two weeks early this year.",
    "Several said they would plant more drought-tolerant varieties next season.",
    "The Garden Hour podcast is produced weekly throughout the year, and daily during the "
    "Chelsea Flower Show, the Hampton Court Show and the RHS Malvern Show in May.",
    "This week's Garden Hour podcast is sponsored by Green Thumb Tools of London, "
    "which runs the Spring Garden Fair on 18-24 May.",
]


def test_production_and_sponsorship_credits_are_not_chosen() -> None:
    text = "\n\n".join(PODCAST)
    chosen = summarize(text, 3, title="Growers at Chelsea Flower Show say spring came early")
    assert chosen and not set(chosen) & set(PODCAST[4:])


ROUNDUP_PROSE = [
    "Northside stayed unbeaten with a narrow win over Lakeview on Friday night.",
    "The home side trailed by six points at half-time before a strong finish.",
    "Coach Maria Lopez said her young team had shown real character.",
]
BOX_SCORES = [
    "Northside (3-0): Jamie Cole 21 points, 4 steals, 6 rebounds.",
    "Lakeview (1-2): Dana Price 18 points, 3 assists.",
    "Westfield (2-1): Chris Young 2 goals, 1 assist.",
]
TABLE_ROWS = [
    "QB | Sam Lee | 64 | 100% | 2 touchdowns, 1 interception (Lakeview game).",
    "RB | Jo Park | 41 | 64% | 88 yards, 1 touchdown (Lakeview game).",
]


@pytest.mark.parametrize("rows", [BOX_SCORES, TABLE_ROWS], ids=["stat lines", "table rows"])
def test_stat_lines_and_table_rows_are_not_chosen(rows: list[str]) -> None:
    text = "\n\n".join([*rows, *ROUNDUP_PROSE, *rows])
    chosen = summarize(text, 3, title="Northside beat Lakeview")
    assert chosen and set(chosen) <= set(ROUNDUP_PROSE)
    # A story of nothing else has no summary, and the note says why.
    only = summarize_story("\n\n".join(rows), 1)
    assert only.sentences == () and only.note and "stat lines" in only.note


QUOTED = [
    "The carmaker unveiled its new compact sedan at the Tokyo motor show on Wednesday.",
    "The car goes on sale in Japan in March and in Europe later in the year.",
    "The company expects the sedan to sell well among younger city drivers.",
    "“The sedan is not dead.",
    "The lower stance and sharper lines from our sports models give the new sedan a bold "
    "look,” said Jane Roe, the company's vice president for design in Japan and Europe.",
]


def test_the_end_of_a_quotation_is_not_chosen_without_its_start() -> None:
    chosen = summarize(" ".join(QUOTED), 2, title="Carmaker shows new compact sedan")
    assert QUOTED[4] not in chosen
    assert chosen[0] == QUOTED[0]


def test_a_fragment_that_starts_in_lower_case_is_not_chosen() -> None:
    fragment = (
        "raise the tax on bank profits to eight percent next year, the Spanish government "
        "said, adding that Spanish banks would pay the tax on their profits from January."
    )
    text = "\n\n".join(
        [
            "Spain will raise its tax on bank profits next year, the government said.",
            fragment,
            "The tax on bank profits is expected to bring in three billion euros a year.",
            "Spanish banks said the tax would make lending more expensive for households.",
        ]
    )
    chosen = summarize(text, 2, title="Spain to raise tax on bank profits")
    assert fragment not in chosen and len(chosen) == 2


# ---------------------------------------------------------------------------------------------
# A sentence that leans on the one before it does not start a summary without it.

SCAM = [
    "They are very convincing when they call.",
    "They know your name and the name of your bank.",
    "But they are not real.",
    "Police say a telephone scam has cost older people in the county more than two million "
    "pounds since 2022.",
    "The callers pretend to be bank staff and ask for account details and passwords.",
    "Banks never ask customers for passwords on the telephone, police officers said.",
]


POOL = [
    "The city council voted on Tuesday to close the old swimming pool in the park.",
    "It will close in May after ninety years, the council said, and the old swimming pool in "
    "the park will become a garden.",
    "Residents had asked the council to keep the pool open.",
    "Shops near the park stayed open late on Tuesday.",
    "The weather was fine.",
    "A band played.",
]


def test_a_sentence_opening_with_a_pronoun_does_not_start_the_summary_alone() -> None:
    chosen = summarize(" ".join(SCAM), 2, title="Police warn of telephone scam")
    assert len(chosen) == 2 and chosen[0] not in SCAM[:3]
    # Not a ban: after an earlier sentence of its story it is chosen as before.
    assert summarize(" ".join(POOL), 2, title="Council to close pool") == POOL[:2]


POOL = [
    "The city council voted on Tuesday to close the old swimming pool in the park.",
    "It will close in May after ninety years, the council said, and the old swimming pool in "
    "the park will become a garden.",
    "Residents had asked the council to keep the pool open.",
    "Shops near the park stayed open late on Tuesday.",
    "The weather was fine.",
    "A band played.",
]


LEAD_QUESTION = [
    "What is the only thing crazier than a January heatwave in the Swiss Alps, with skiers "
    "racing in shirt sleeves on Saturday?",
    "A World Cup ski race held on green grass at the Swiss resort of Adelboden on Saturday.",
    "Organisers moved the race to higher slopes with artificial snow.",
    "Skiers said the grass on the lower slopes was a sad sight.",
]


def test_a_question_is_not_chosen_without_its_answer() -> None:
    text = " ".join(LEAD_QUESTION)
    title = "Swiss ski race held on grass"
    assert summarize(text, 1, title=title) == [LEAD_QUESTION[1]]
    # Nor with its answer while the story has other sentences: a summary states, it does not ask.
    picked = summarize(text, 2, title=title)
    assert LEAD_QUESTION[1] in picked
    assert LEAD_QUESTION[0] not in picked


# ---------------------------------------------------------------------------------------------
# 3. A short story is not summarised almost whole: at most about half of its sentences.

SHORT = [
    "The city library will open on Sundays from next month, the council said on Monday.",
    "The library has been closed on Sundays since budget cuts in 2011.",
    "Volunteers will help staff run the library on Sunday afternoons.",
    "The council said it would review the plan after six months.",
    "Readers had asked for longer opening hours in a survey last year.",
]


@pytest.mark.parametrize(("total", "asked", "most"), [(3, 2, 1), (4, 3, 2), (5, 3, 2), (5, 4, 2)])
def test_a_summary_is_at_most_half_of_a_short_story(total: int, asked: int, most: int) -> None:
    result = summarize_story(" ".join(SHORT[:total]), sentences=asked)
    assert len(result.sentences) == most
    assert set(result.sentences) <= set(SHORT)
    assert result.total_sentences == total
    assert result.note and str(total) in result.note  # fewer than asked: said plainly


def test_asking_for_the_whole_story_still_gives_it_with_a_note() -> None:
    # The cap is for summaries; a story no longer than the summary asked for is shown whole.
    result = summarize_story(" ".join(SHORT[:3]), sentences=3)
    assert list(result.sentences) == SHORT[:3]
    assert result.note and "whole story" in result.note
    # A longer story keeps to half even when asked for one sentence fewer than it has.
    assert len(summarize(" ".join(SHORT), 4)) == 2


# ---------------------------------------------------------------------------------------------
# The rules are narrow: ordinary news sentences are neither poor nor leaning.


@pytest.mark.parametrize(
    "sentence",
    [
        "The Dow fell 1.2% to 33,000, the S&P 500 lost 0.9% and the Nasdaq dropped 1.5%.",
        "The quarterback completed 25 of 34 passes for 312 yards and 3 touchdowns on Sunday.",
        "The new rules: fines of up to 500 euros from 2025 for drivers who use phones.",
        "The drug is produced by a Belgian company under licence from the university.",
        "iPhone sales rose by a tenth in the three months to June.",
        '"We will win this case," the lawyer said outside the court on Monday.',
    ],
)
def test_ordinary_sentences_are_not_poor(sentence: str) -> None:
    assert not is_poor(sentence)


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("They said the road would reopen on Monday.", True),
        ("It's the third storm this month.", True),
        ("And the band will tour again next year.", True),
        ("This is the first time the race has been held on grass.", True),
        ("This week the council will vote on the budget.", False),
        ("US retail sales fell 0.3% in January.", False),
        ("Theirry Henry scored twice.", False),
    ],
)
def test_leaning_openers(sentence: str, leans: bool) -> None:
    assert leans_back(sentence) is leans
