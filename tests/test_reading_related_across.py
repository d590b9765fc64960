"""reader.reading: the summary across an opened story's group says honestly how many stories it
was made of, names the source of each sentence, leaves out what the opened story says already
(figures worded otherwise too), and where there is no text, how the others headlined it."""

from __future__ import annotations

from pathlib import Path

from reader import reading
from reader.config import Config
from reader.models import Story
from reader.reading import ACROSS_MIN_TEXT, across_input
from reader.store import open_store

OPENED = Story(
    title="Meridian Bank reaches mortgage settlement",
    source="Wire",
    text=(
        "Meridian Bank will pay $968 million to settle federal and state claims over its "
        "mortgage lending, the Justice Department said on Tuesday."
    ),
)


def report(source: str, text: str, title: str = "") -> Story:
    return Story(title=title or f"{source} on the settlement", source=source, text=text)


def test_a_lead_of_a_sentence_counts_and_the_count_says_how_many_stories_there_were() -> None:
    lead = (
        "Meridian Bank agreed to a settlement with regulators over its mortgage lending and "
        "the servicing of home loans."
    )
    assert len(lead) >= ACROSS_MIN_TEXT  # a feed's lead of one sentence is a text to take from
    others = [
        report("Gazette", lead),
        report("Herald", lead.replace("regulators", "49 states")),
        report("Post", ""),  # a headline only
        report("Times", "Read more."),  # a teaser
    ]
    made = across_input(OPENED, others)
    assert made is not None
    assert (made.others, made.total) == (2, 4)
    assert made.sources == ("Wire", "Gazette", "Herald")  # the opened story's text first


def test_each_sentence_is_given_its_source() -> None:
    gazette = (
        "The bank will also give $500 million in relief to homeowners. Shares of the lender "
        "rose 2% in early trading."
    )
    herald = (
        "Regulators said the deal ends a two-year inquiry into the lender's practices. "
        "The bank admitted no wrongdoing."
    )
    made = across_input(OPENED, [report("Gazette", gazette), report("Herald", herald)])
    assert made is not None
    sentences = [
        "Regulators said the deal ends a two-year inquiry into the lender's practices.",
        "The bank will also give $500 million in relief to homeowners.",
        "The bank will also give $500 million in relief to homeowners",  # (tidied)
        "Nothing anyone wrote.",
    ]
    assert reading.sentence_sources(sentences, made) == ("Herald", "Gazette", "Gazette", "")


def test_what_the_opened_story_says_is_not_said_again_however_worded() -> None:
    repeat = "Meridian Bank agreed to pay $968 million to settle state and federal claims."
    new = "The bank will also give $500 million in relief to homeowners in 12 states."
    again = "Meridian will give $500 million in relief to homeowners, officials said."
    added = reading.what_others_add(
        [repeat, new, again, OPENED.text],
        ["Gazette", "Herald", "Post", "Wire"],
        OPENED,
    )
    # the figure the opened story states (in other words), the same news from a second
    # outlet, and the opened story's own sentence are left out; the rest keeps its source
    assert added == [(new, "Herald")]
    said = reading.what_others_add([new], ["Herald"], OPENED, said=(new,))
    assert said == []  # the opened story's own summary says it


def test_with_no_text_how_the_others_headlined_it_each_with_its_sources() -> None:
    others = [
        report("Gazette", "", "Meridian to pay $968 million over mortgages"),
        report("Herald", "", "Meridian to pay $968 million over mortgages"),
        report("Post", "", "Meridian Bank reaches mortgage settlement"),  # the opened one's
        report("Times", "", "Regulators fine Meridian Bank"),
    ]
    assert across_input(OPENED, others) is None
    assert reading.group_headlines(OPENED, others) == (
        ("Meridian to pay $968 million over mortgages", "Gazette, Herald"),
        ("Regulators fine Meridian Bank", "Times"),
    )


QUAKE = Story(
    title="Strong earthquake strikes off Chile, tsunami warning issued",
    source="Top",
    text=(
        "A magnitude 7.1 earthquake struck off the coast of central Chile on Tuesday, and the "
        "navy issued a tsunami warning for the coast. The quake hit at a depth of 10 km, the "
        "geological survey said."
    ),
)
RESTATED = [
    "A powerful earthquake of magnitude 7.1 hit off central Chile on Tuesday, the geological survey said.",
    "The navy issued a tsunami warning along the coast after the 7.1 quake off Chile.",
    "The earthquake struck off the Chilean coast at a depth of about 10 km on Tuesday.",
    "Chile's navy put out a tsunami warning after the strong earthquake on Tuesday.",
    "The magnitude 7.1 quake struck off central Chile, prompting a tsunami warning from the navy.",
    "Tuesday's earthquake off Chile measured 7.1 and was 10 km deep, according to the survey.",
    "A tsunami warning was issued for Chile's coast after a 7.1 magnitude earthquake offshore.",
    "The geological survey said the 7.1 earthquake hit off Chile's central coast on Tuesday.",
    "Central Chile was shaken by a strong 7.1 earthquake off the coast on Tuesday.",
    "The Chilean navy warned of a tsunami after the offshore earthquake of magnitude 7.1.",
    "An earthquake measuring 7.1 struck at sea off central Chile, the survey reported.",
    "Officials issued a tsunami warning for the Chilean coast following the strong quake.",
]
NEWS = [
    "Power was cut to 40,000 homes in Valparaiso, the electricity company said.",
    "Peru and Ecuador said they were monitoring the tsunami risk on their own coasts.",
    "Chile lifted the tsunami warning three hours later, and people went back home.",
    "Two people were hurt by falling masonry in the port of San Antonio.",
]


def test_what_the_others_add_is_their_news_not_the_opened_storys_restated(tmp_path: Path) -> None:
    """Twelve reports restate the opened story (the most central sentences of all) and four
    add news of their own: the pane's few bullets are those four, not one of them and then
    nothing because the sentences chosen were the restatements (the reviewer's quake group)."""
    from reader.tui.widgets.deck import ACROSS_SENTENCES
    from reader.tui.widgets.story import ACROSS_SHOWN

    others = []
    for k in range(12):
        parts = [RESTATED[k], RESTATED[(k + 5) % 12]] + ([NEWS[k // 3]] if k % 3 == 0 else [])
        others.append(report(f"Outlet {k}", " ".join(parts), f"Chile quake report {k}"))
    made = across_input(QUAKE, others)
    assert made is not None
    store = open_store(tmp_path / "news.db")
    try:
        summary = reading.story_summary(
            store, Config(), None, made.texts, sentences=ACROSS_SENTENCES, ranked=True
        )
    finally:
        store.close()
    sources = reading.sentence_sources(summary.sentences, made)
    added = reading.what_others_add(summary.sentences, sources, QUAKE)[:ACROSS_SHOWN]
    assert sorted(sentence for sentence, _ in added) == sorted(NEWS)
    assert all(source.startswith("Outlet ") for _, source in added)
