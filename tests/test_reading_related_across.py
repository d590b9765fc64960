"""reader.reading: the summary across an opened story's group says honestly how many stories it
was made of, names the source of each sentence, leaves out what the opened story says already
(figures worded otherwise too), and where there is no text, how the others headlined it."""

from __future__ import annotations

from reader import reading
from reader.models import Story
from reader.reading import ACROSS_MIN_TEXT, across_input

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
