"""The main text keeps the page's structure: one paragraph per block, a space at every block
edge, headings and lists of the body, text of a body split around an ad (fixtures in
tests/fixtures/extract)."""

from __future__ import annotations

import re
from pathlib import Path

from reader.extract import extract
from reader.models import Page

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://site.example.com/story/1"
# a sentence's end glued to the next one's start ("…harbour wall.Engineers"), or a word to a
# date ("coastby", "peaksMarch")
GLUED = re.compile(r"[a-z][.!?”][A-Z“]|[a-z](?:by|March)\b")


def load(name: str) -> Page:
    return extract((FIXTURES / name).read_bytes(), URL)


def test_a_layout_table_gives_one_paragraph_per_block() -> None:
    page = load("table_layout.html")
    main = page.main
    paragraphs = main.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The first tidal power plant on the northern coast")
    assert paragraphs[-1].endswith("should take about eighteen months.")
    assert not GLUED.search(main.text)
    assert "|" not in main.text
    assert "Home" not in main.text and "Sponsored" not in main.text
    assert main.author == "Dana Whitlock"
    assert main.published == "2025-03-03"


def test_teasers_after_a_layout_tables_story_are_cut() -> None:
    main = load("table_layout_teasers.html").main
    paragraphs = main.text.split("\n\n")
    assert paragraphs[0].startswith("City.Net - The new flood barrier held")
    assert paragraphs[-1] == (
        "Forecasters expect the level to fall slowly over the week, with more rain possible "
        "upstream on Thursday."
    )
    assert main.published == "2025-03-03"


def test_words_in_a_data_tables_cells_and_a_quotes_paragraphs_are_not_glued() -> None:
    body = "".join(
        f"<p>Paragraph {n} of the report on the harbour works tells what the crews did on day "
        f"{n}, and what they plan to do next, in some detail.</p>"
        for n in range(1, 6)
    )
    html = (
        "<html><body><article><h1>Harbour works report</h1>"
        f"{body}<table><tr><th>Crew<br>name</th><th>Hours</th></tr>"
        "<tr><td><p>North</p><p>quay</p></td><td>12</td></tr></table>"
        "<blockquote><p>The work is on time.</p><p>The budget holds.</p></blockquote>"
        f"{body.replace('report', 'summary')}</article></body></html>"
    )
    main = extract(html, URL).main
    assert "Crew name | Hours" in main.text
    assert "North quay | 12" in main.text
    assert "The work is on time. The budget holds." in main.text


def test_a_body_split_around_a_full_width_ad_is_read_to_its_end() -> None:
    main = load("split_body.html").main
    paragraphs = main.text.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith("The city council voted on Tuesday")
    assert paragraphs[3].startswith("Opponents had wanted the depot to become housing")
    assert paragraphs[-1].endswith("moved to their new premises.")
    assert "Advertisement" not in main.text


def test_a_list_of_links_to_other_stories_does_not_end_the_text() -> None:
    main = load("split_body.html").main
    assert "harbour ferry" not in main.text
    assert "census" not in main.text
    assert not [b for b in main.blocks if b.kind == "li"]
    # a list of the story's own, with a link in each item, stays
    items = "".join(
        f"<li>Step {n}: fill in the form and send it with <a href='/f{n}'>the notice</a> to "
        f"the office that handles your district's permits.</li>"
        for n in range(1, 4)
    )
    body = "".join(
        f"<p>Paragraph {n} explains what a permit is for and who must ask for one before "
        f"building a shed, a fence or a garage.</p>"
        for n in range(1, 5)
    )
    html = (
        "<html><body><article><h1>How to get a building permit</h1>"
        f"{body}<ul>{items}</ul></article></body></html>"
    )
    main = extract(html, URL).main
    assert [b.kind for b in main.blocks].count("li") == 3


def test_the_standfirst_is_found_with_plain_quotes_in_the_meta_description() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n} of the review tells how the novel follows an architect and a woman "
        f"from his childhood street across forty years of the city's history.</p>"
        for n in range(1, 6)
    )
    html = (
        "<html><head><title>Ruin and architecture</title>"
        '<meta property="og:description" content="By Ann Lee (Books, 21 June 2018)">'
        '<meta name="description" content=" L\'un des écrivains les plus célèbres du pays, '
        'Hwang, est un homme heureux. Inscrit sur une liste noire (...)"></head><body>'
        "<div class='cartouche'><h1>Ruin and architecture</h1><div class='chapo'><p>L’un des "
        "écrivains les plus célèbres du pays, Hwang, est un homme heureux. Inscrit sur une "
        "liste noire, il a vu la présidente tomber.</p></div></div>"
        f"<main><div class='article-content'>{paragraphs}</div></main></body></html>"
    )
    main = extract(html, URL).main
    assert main.text.startswith("L’un des écrivains les plus célèbres du pays")


def test_headings_and_lists_of_a_body_without_an_article_container_are_kept() -> None:
    # a page builder's body: paragraphs, headings and lists in a <span> of generated classes,
    # where the text extractor finds no container and picks up loose paragraphs only
    main = load("builder_span_body.html").main
    paragraphs = main.text.split("\n\n")
    assert "Which plants survive the cold?" in paragraphs
    assert "Conclusion" in paragraphs
    at = next(n for n, p in enumerate(paragraphs) if p.endswith("The most useful steps are these:"))
    assert paragraphs[at + 1] == (
        "• Wrap the pots in hessian or bubble wrap so the soil does not freeze through"
    )
    assert paragraphs[at + 4] == "Five jobs for a dry winter day:"
    assert [b.kind for b in main.blocks].count("li") == 8
    assert [b.level for b in main.blocks if b.kind == "h"] == [2, 2, 3, 2]
    assert "Home" not in main.text and "About us" not in main.text


def test_a_gallerys_heading_and_a_list_of_links_between_paragraphs_stay_out() -> None:
    page = (FIXTURES / "builder_span_body.html").read_text()
    page = page.replace(
        "<h2>What the pots need</h2>",
        "<h2>Winter balconies in pictures</h2><div class='gallery'><img src='/g.jpg' alt=''>"
        "</div><h2>What the pots need</h2>",
    ).replace(
        "<h2>Conclusion</h2>",
        "<ul><li><a href='/a'>Ten hardy herbs for a windy balcony</a></li>"
        "<li><a href='/b'>Why your tomatoes split in the rain</a></li></ul><h2>Conclusion</h2>",
    )
    main = extract(page, URL).main
    assert "Winter balconies in pictures" not in main.text
    assert "What the pots need" in main.text
    assert "hardy herbs for a windy balcony" not in main.text
    assert "Conclusion" in main.text


def test_a_tags_heading_late_in_the_text_ends_it() -> None:
    # WordPress: the story's keyword links under a bold 'Tags' line, then the comment rules
    body = "".join(
        f"<p>Round {n} of the season is held at the city circuit, where the drivers will race "
        f"twice on Sunday after qualifying on the Saturday afternoon.</p>"
        for n in range(1, 7)
    )
    tags = ", ".join(f"<a href='/tag/t{n}' rel='tag'>racing calendar {n}</a>" for n in range(1, 6))
    html = (
        "<html><body><div id='content'><h1>Racing calendar 2018</h1>"
        f"{body}<p style='border-top:1px solid'></p><strong>Tags<br>{tags}</strong>"
        "<p>NOTICE: Comments with unreadable text or without respect for other users will not "
        "be approved by the moderator.</p></div></body></html>"
    )
    text = extract(html, URL).main.text
    assert "Round 6 of the season" in text
    assert "Tags" not in text and "racing calendar 1" not in text and "NOTICE" not in text


def test_a_links_hover_card_and_a_tooltip_are_not_read_into_the_sentence() -> None:
    text = load("hover_cards.html").main.text
    assert "said board chair Dana Whitlock (Independent), after a long meeting." in text
    assert "would use rock armour along the outer face" in text
    assert "winter market" not in text and "MORE" not in text and "boulders" not in text


def test_a_forms_hidden_thank_you_message_is_not_read() -> None:
    # a brief story, then a share form's success message, hidden until the form is sent
    text = load("hidden_messages.html").main.text
    assert "Thank you" not in text
    # hidden on small screens only ('hidden lg:inline'): still the story's text
    assert "from winter storms, at a cost shared with the county." in text
