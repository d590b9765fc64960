"""Summaries never spend two of their sentences on one fact: paraphrases, the same quotation."""

from __future__ import annotations

from reader.summarize import summarize, summarize_many

TITLE = "Canada orders surveillance firm Lumicam to close over security concerns"
# The lead and the minister's statement say the same thing in other words ("halt all operations in
# the country" / "cease all operations in Canada"): a cosine over TF-IDF vectors finds them unlike.
PARAPHRASED = [
    "Canada's industry minister Anne Dubois said Lumicam's continued operations would be "
    "detrimental to Canada's national security.",
    "In a significant development, the Canadian government has ordered Chinese video camera maker "
    "Lumicam to halt all operations in the country and close its Canadian business over security "
    "concerns.",
    "'Following a security review under the Investment Act, the government has ordered Lumicam "
    "Canada to cease all operations in Canada and close its Canadian business,' she said.",
    "The review looked at how the company handled footage from cameras sold to police forces.",
    "Lumicam said it was disappointed by the decision and would consider an appeal in court.",
    "About two hundred people work for the firm in Toronto, Montreal and Vancouver.",
    "Its cameras are used in shopping centres, airports and many apartment buildings.",
    "The United States banned sales of the company's equipment two years ago.",
    "Britain has removed the cameras from sensitive government sites since then.",
    "Officials did not say when the Canadian offices would have to shut their doors.",
    "Privacy groups welcomed the order but asked for rules covering every camera maker.",
    "The opposition said the government had taken far too long to act on the warnings.",
    "Shares in the company fell by four percent in Shenzhen after the announcement.",
]


def test_a_paraphrase_of_a_chosen_sentence_is_not_chosen_too() -> None:
    picked = summarize(" ".join(PARAPHRASED), 3, title=TITLE)
    both = [s for s in picked if "close its Canadian business" in s]
    assert len(both) == 1, picked
    assert len(picked) == 3


QUOTED = [
    "In a joint statement on Friday, the defence ministries of Arland and Belmar accused foreign "
    "troops near the border town of Kessel of arming bandit groups and blocking refugees.",
    "The Pentagon rejected these accusations as “patently false,” and aid workers in the Rukal "
    "camp told reporters the claims were untrue.",
    "Commander Sean Porter, a spokesman for the coalition, told reporters on Saturday that the "
    "ministries' claim “is patently false,” and that “no one is kept from leaving the camp.”",
    "About forty thousand people live in the camp, most of them women and children.",
    "Food and medicine have reached the camp only twice since the spring.",
    "The United Nations has asked both governments to let aid convoys through.",
    "Winter temperatures in the desert fall below freezing at night.",
    "Many families have lived in tents there for more than three years.",
    "Arland said buses were waiting to take people back to their home towns.",
    "Few residents have taken the buses, fearing arrest when they return.",
    "Human rights groups said several returnees had been detained last year.",
    "The coalition keeps a small base about twenty kilometres from the camp.",
    "Talks on the future of the camp are due to resume next month in Geneva.",
]


def test_the_same_quotation_is_not_shown_twice() -> None:
    picked = summarize(" ".join(QUOTED), 3, title="Arland and Belmar say troops block refugees")
    assert sum("patently false" in s for s in picked) == 1, picked


def test_a_story_summary_across_reports_skips_paraphrases() -> None:
    summary = summarize_many([(TITLE, " ".join(PARAPHRASED))], 3)
    assert sum("close its Canadian business" in s for s in summary.sentences) == 1


LETTERS = [
    "DEAR ABBY: My husband of more than twenty years just bought plane tickets to India for us.",
    "He booked himself into business class and put me in an economy seat at the back.",
    "He says he needs the rest because he works harder than I do, and I should be grateful.",
    "Am I wrong to feel hurt by this? Feeling Second Class in Ohio",
    "DEAR FEELING: You are not wrong, and your husband owes you a better explanation than that.",
    "Tell him that a long flight is tiring for both of you and ask him to share the upgrade.",
    "DEAR ABBY: My older sister has just been diagnosed with cancer and will start treatment soon.",
    "I asked her whether she had been screened regularly, and she was offended by the question.",
    "DEAR CONCERNED SISTER: If you and your sister are close, your question was not offensive.",
    "She may be frightened, so give her time and tell her you asked because you love her.",
    "DEAR ABBY: My husband and I were leaving a restaurant we have visited for fifteen years.",
    "The owner asked us to stop bringing our own wine, although we have always done so.",
    "DEAR REGULARS: The owner is entitled to set the rules, even for his most loyal guests.",
]


def test_one_opening_label_is_not_chosen_for_every_sentence() -> None:
    picked = summarize(" ".join(LETTERS), 3, title="Dear Abby: Husband flies business class")
    assert sum(s.startswith("DEAR ABBY:") for s in picked) == 1, picked
