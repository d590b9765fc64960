"""Page furniture that sits in or after the story's text is not read as part of it: photo
captions with their credits, author bios, site footers, 'read more' links (hand-written
fixtures after patterns common on news sites)."""

from __future__ import annotations

from reader.extract import extract
from reader.extract.clutter import (
    is_clutter_line,
    is_credited_caption,
    is_date_line,
    is_disclosure,
    is_footer_line,
    parse_meta_line,
)

URL = "https://news.example.org/2024/05/harbour-ferry"

_STORY = [
    "The harbour ferry will run every twenty minutes from Monday, the port authority said, after "
    "a winter in which passengers waited up to an hour on the pier for the single boat left.",
    "Two new boats were bought from a yard on the east coast and arrived last week; they carry "
    "a hundred and twenty passengers each, and bicycles on the upper deck.",
    "“People stopped taking the ferry because they could not plan their day around it,” said "
    "the authority's director, Mara Olsen. “Now they will not need a timetable at all.”",
    "The fare stays the same for this year. A monthly pass for the ferry and the buses is to "
    "follow in the autumn, once the ticket machines on both piers have been replaced.",
]


def _page(inside: str, after: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in _STORY)
    return (
        "<html><head><title>Harbour ferry every twenty minutes</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/local'>Local</a></nav></header>"
        "<article><h1>Harbour ferry every twenty minutes</h1>"
        f"{inside}{paragraphs}{after}</article></body></html>"
    )


def test_a_caption_that_ends_with_its_credit_is_not_story_text() -> None:
    figure = (
        "<div class='pic'><img src='/ferry.jpg' alt=''>"
        "<div class='text'><p>One of the two new boats at the east pier on Friday.<br>"
        "Photo: Lena Dahl/Harbour Press</p></div></div>"
        "<div class='pic'><img src='/pier.jpg' alt=''><div class='text'><p>The old boat "
        "leaves the pier for the last time. By HARBOUR PRESS AGENCY</p></div></div>"
    )
    credit = "<p>Copyright: Port Authority</p>"
    text = extract(_page(figure, credit), URL).main.text
    assert "Lena Dahl" not in text
    assert "east pier on Friday" not in text
    assert "for the last time" not in text
    assert "Port Authority" not in text
    assert text.split("\n\n") == _STORY


def test_what_a_credit_is_and_what_it_is_not() -> None:
    assert is_credited_caption("The mayor at the opening on Monday. Foto: dpa")
    assert is_credited_caption("Fans in the square after the match. (Photo: Ann Lee/Reuters)")
    assert is_credited_caption("Main image credit: Getty")
    assert is_credited_caption("Crowds at the pier. (Photo by Ann Lee/Getty Images)")
    assert is_credited_caption("A patrol boat off the point on Sunday. By U.S. COAST GUARD")
    assert not is_credited_caption("The ferry was late again. By then the pier was empty.")
    # story text: a long paragraph, a slide's text that names a web address, a word 'photo:'
    long_paragraph = " ".join(_STORY) + " Photo: AP"
    assert not is_credited_caption(long_paragraph)
    assert not is_credited_caption(
        "The new phone has a fingerprint sensor. Image credit: www.example.com/in/"
    )
    assert not is_credited_caption("He showed us the photo: his dog on the beach.")
    assert not is_credited_caption("Er sagte der Bild: Wir bleiben hier.")


def test_a_caption_that_is_all_the_page_has_is_kept() -> None:
    html = (
        "<html><head><title>Pictures of the week</title></head><body><article>"
        "<h1>Pictures of the week</h1><img src='/a.jpg' alt=''>"
        "<p>Boats leave the harbour at dawn for the first day of the herring season. Photo: AP</p>"
        "</article></body></html>"
    )
    assert "herring season" in extract(html, URL).main.text


def _with_author(inside: str, after: str, author: str = "Tom Berg") -> str:
    return _page(inside, after).replace(
        "<head>", f"<head><meta name='author' content='{author}'>", 1
    )


def test_a_writers_bio_after_the_story_is_not_story_text() -> None:
    bio = (
        "<figure class='editor'><img src='/staff/tom.jpg' alt='Tom Berg'><figcaption><cite>"
        "Tom Berg</cite></figcaption></figure><div class='note'><blockquote>Tom Berg writes "
        "about transport and the port for the Gazette. He lives on the island and takes the "
        "ferry every day.</blockquote></div>"
    )
    main = extract(_with_author("", bio), URL).main
    assert "takes the ferry every day" not in main.text
    assert main.text.split("\n\n") == _STORY
    assert "[image: Tom Berg]" not in [b.text for b in main.blocks]


def test_a_bio_that_names_its_job_is_not_story_text_without_a_byline() -> None:
    bio = "<p>Ida Moreau is a reporter covering city hall and the harbour.</p>"
    text = extract(_page("", bio), URL).main.text
    assert "Ida Moreau" not in text
    assert text.split("\n\n") == _STORY


def test_a_writers_photo_and_job_line_are_not_story_text() -> None:
    # the box with the writer's photo, name and job sits after the opening paragraph
    box = (
        "<div class='info'><div class='avatar'><img src='/staff/tom.jpg' alt='Tom Berg' "
        "width='80' height='80'></div><div class='details'><p class='name'><a "
        "href='/staff/tom-berg' rel='author'>Tom Berg</a></p><p class='position'>Editor on the "
        "city desk.</p></div></div>"
    )
    html = _with_author("", "").replace(f"<p>{_STORY[1]}</p>", f"{box}<p>{_STORY[1]}</p>")
    main = extract(html, URL).main
    assert "city desk" not in main.text
    assert main.text.split("\n\n") == _STORY
    assert all(b.kind != "image" for b in main.blocks)


def test_a_last_paragraph_about_someone_in_the_story_stays() -> None:
    # the story's subject is a reporter: named before, so the closing line is the story's
    ending = [
        "<p>The first passenger on the new boat was Ida Moreau, who had campaigned for the "
        "service for years.</p>",
        "<p>Ida Moreau is a reporter at the local radio station and plans to broadcast from "
        "the upper deck next week.</p>",
        "<p>Mara Olsen is expected to present the plans for the pass to the council in June.</p>",
    ]
    text = extract(_page("", "".join(ending)), URL).main.text
    assert "plans to broadcast from the upper deck" in text
    assert text.endswith("to the council in June.")


def test_an_about_the_author_box_after_the_story_is_not_story_text() -> None:
    box = (
        "<h3>About the author</h3><p>Born in 1983, she has worked on the transport desk since "
        "2015 and studied history in Leeds.</p><p>She sails at weekends.</p>"
    )
    text = extract(_page("", box), URL).main.text
    assert "About the author" not in text
    assert "sails at weekends" not in text
    assert text.split("\n\n") == _STORY


def test_a_section_of_the_story_headed_the_author_stays() -> None:
    # a review's section about the book's author is several paragraphs long: the story's own
    section = [
        "Nora Vik grew up on the island the ferry serves and left it at eighteen for the city, "
        "where she worked as a nurse for twenty years before she wrote a line.",
        "Her first book, a collection of stories about the pier, came out when she was fifty "
        "and sold more copies in its first month than the publisher had printed.",
        "She still writes in the mornings, at the kitchen table of the house she was born in, "
        "and takes the early boat to the mainland twice a week to see her grandchildren.",
        "The new novel took her six years; she says the ferry timetable shaped its chapters, "
        "each one as long as a crossing, and that she rewrote the ending on the water.",
        "Readers who know the island will find their neighbours in it, she admits, though every "
        "name has been changed and no one has yet complained to her face.",
    ]
    paragraphs = "".join(f"<p>{p}</p>" for p in section)
    text = extract(_page("", f"<h2>The author</h2>{paragraphs}"), URL).main.text
    assert text.split("\n\n") == [*_STORY, "The author", *section]


def test_a_site_footers_lines_are_not_story_text() -> None:
    footer = (
        "<p><a href='/impressum'>Impressum</a> | <a href='/datenschutz'>Datenschutz</a> | "
        "Copyright Harbour Gazette</p><p>Harbour Gazette © 2024</p>"
    )
    text = extract(_page("", footer), URL).main.text
    assert "Impressum" not in text
    assert "©" not in text
    assert text.split("\n\n") == _STORY


def test_what_a_footer_line_is_and_what_it_is_not() -> None:
    assert is_footer_line("Home - Contact - Terms of use - Privacy policy")
    assert is_footer_line("News · 1 May 2024 · example.org © Example Media GmbH")
    assert is_footer_line("© 2024 Example Media. All rights reserved.")
    assert not is_footer_line("Copyright infringement cases rose by a third last year.")
    assert not is_footer_line("The court ruled on copyright | the publisher appealed")
    assert not is_footer_line("Bread - Milk - Eggs")


def test_a_read_more_line_and_the_teaser_box_above_it_are_not_story_text() -> None:
    teaser = (
        "<div><h3>Night buses: the new routes</h3><p>From June, three night "
        "buses will meet the last ferry at the east pier. What changes for passengers.</p>"
        "<a class='more' href='/2024/05/night-buses'>weiterlesen <span>→</span></a></div>"
    )
    text = extract(_page("", teaser), URL).main.text
    assert "Night buses" not in text
    assert "weiterlesen" not in text
    assert text.split("\n\n") == _STORY


def test_a_read_more_line_alone_goes_and_a_sections_text_above_it_stays() -> None:
    more = "<a class='more' href='/2024/05/harbour-ferry/2'>Read more <span>→</span></a>"
    assert extract(_page("", more), URL).main.text.split("\n\n") == _STORY
    # a section of the story (longer than a teaser's excerpt) before a 'Continue reading' link
    section = (
        "<h2>What the pass will cost</h2><p>"
        + " ".join(_STORY[:3]).replace("“", "").replace("”", "")
        + "</p>"
    )
    more = "<a class='more' href='/2024/05/harbour-ferry/2'>Continue reading <span>»</span></a>"
    text = extract(_page("", section + more), URL).main.text
    assert "What the pass will cost" in text
    assert "Continue reading" not in text


def _excerpt(seed: str) -> str:
    """A blog's excerpt of another post: cut at 55 words, with '[…]'."""
    words = (seed + " and the crew said they would be back next season with more boats") * 8
    return " ".join(words.split()[:55]) + " […]"


def test_other_posts_excerpts_after_a_blog_post_are_not_story_text() -> None:
    following = "".join(
        f"<div><h2><a href='/2024/05/{n}'>Post {n}</a></h2><a href='/2024/05/{n}'><img "
        f"src='/{n}.jpg' alt=''></a><p><p>{_excerpt(seed)}</p></p></div>"
        for n, seed in enumerate(
            ["The lighthouse keeper", "A whale in the bay", "The summer regatta"], start=1
        )
    )
    text = extract(_page("", f"<div id='next-posts'>{following}</div>"), URL).main.text
    assert "[…]" not in text
    assert "crew said they would be back" not in text
    assert text.split("\n\n") == _STORY


def test_quotes_cut_with_an_elision_mark_stay() -> None:
    # two paragraphs that end with '[…]', of different lengths: quotes cut short, not excerpts
    quotes = (
        "<p>The council's report is blunt. It says the service has failed those who depend on "
        "it most […]</p><p>The director answered in a letter to the council that the new boats "
        "would end the waiting at the pier, once and for all, for every passenger who uses the "
        "ferry to get to work, to school or to the hospital on the mainland […]</p>"
    )
    text = extract(_page("", quotes), URL).main.text
    assert text.split("\n\n")[-1].startswith("The director answered")
    assert len(text.split("\n\n")) == len(_STORY) + 2


def test_a_pointer_to_the_sites_coverage_is_not_story_text() -> None:
    pointer = (
        "<p>Follow the Gazette's full coverage of the harbour at "
        "<a href='https://news.example.org/harbour'>https://news.example.org/harbour</a></p>"
    )
    text = extract(_page("", pointer), URL).main.text
    assert "full coverage" not in text
    assert text.split("\n\n") == _STORY
    # a sentence of the story that speaks of coverage stays
    assert not is_clutter_line("The radio will follow the live coverage of the regatta on Sunday.")


def test_links_written_one_after_the_other_are_not_glued_into_one_word() -> None:
    tweet = (
        "<blockquote class='twitter-tweet'><p>Twenty minutes from Monday! "
        "<a href='https://twitter.com/hashtag/ferry'>#ferry</a><a "
        "href='https://twitter.com/hashtag/harbour'>#harbour</a> "
        "<a href='https://t.co/Ab12'>https://t.co/Ab12</a><a "
        "href='https://t.co/Cd34'>pic.twitter.com/Cd34</a></p>— Port Authority (@port) "
        "<a href='https://twitter.com/port/status/1'>May 3, 2024</a></blockquote>"
    )
    word = (
        "<p>The new <a href='/boats'>boat</a><a href='/boats/2'>s</a> are on the pier, "
        "painted blue and white.</p>"
    )
    text = extract(_page(word, tweet), URL).main.text
    assert "#ferry #harbour" in text
    assert "https://t.co/Ab12 pic.twitter.com/Cd34" in text
    # two links that are parts of one word stay one word
    assert "The new boats are on the pier" in text


def test_an_affiliate_link_disclosure_is_not_story_text() -> None:
    note = (
        "<p><em>This article contains affiliate links. If you buy a ticket through one of "
        "these links, we earn a small commission at no extra cost to you.</em></p>"
    )
    text = extract(_page(note, ""), URL).main.text
    assert "affiliate" not in text
    assert text.split("\n\n") == _STORY


def test_what_a_disclosure_is_and_what_it_is_not() -> None:
    assert is_disclosure(
        "Alle mit einem Stern markierten Links sind Affiliate-Links. Kaufst du darüber ein, "
        "erhalten wir eine kleine Provision."
    )
    # news about commissions, links and agencies
    assert not is_disclosure("Amazon cut the commission it pays for affiliate links, it said.")
    assert not is_disclosure(
        "The European Commission said it would publish the links to the documents we asked for."
    )
    assert not is_disclosure("The provision, which we reported on, gives buyers a link to it.")


def test_a_byline_in_another_language_under_the_headline_is_not_story_text() -> None:
    html = (
        "<html><head><title>Die Fähre fährt alle zwanzig Minuten</title></head><body><article>"
        "<h1>Die Fähre fährt alle zwanzig Minuten</h1><p>Von Anna-Lena Berg</p>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + "</article></body></html>"
    )
    main = extract(html, URL).main
    assert main.text.split("\n\n") == _STORY
    assert main.author == "Anna-Lena Berg"
    # a headline that opens with 'Von' is not a byline
    assert parse_meta_line("Von Berlin nach Paris") is None


def test_an_about_this_series_box_and_a_reading_time_line_are_not_story_text() -> None:
    box = (
        "<h3>Über diese Reihe</h3><p>In dieser Reihe berichten unsere Büros im Ausland "
        "jede Woche über die Lage vor Ort.</p>"
    )
    time = "<p>Ten tekst przeczytasz w mniej niż minutę</p>"
    text = extract(_page(time, box), URL).main.text
    assert "Reihe" not in text
    assert "przeczytasz" not in text
    assert text.split("\n\n") == _STORY


def test_a_dateline_in_another_language_under_the_headline_is_not_story_text() -> None:
    html = (
        "<html><head><title>Die Fähre fährt alle zwanzig Minuten</title></head><body><article>"
        "<h1>Die Fähre fährt alle zwanzig Minuten</h1><p>Montag, 3. Mai 2021 um 14:05 Uhr</p>"
        + "".join(f"<p>{p}</p>" for p in _STORY)
        + "</article></body></html>"
    )
    main = extract(html, URL).main
    assert main.text.split("\n\n") == _STORY
    assert main.published == "2021-05-03"
    assert is_date_line("segunda-feira, 22 de janeiro de 2018 às 0:13")
    assert not is_date_line("The meeting on Monday, 3 May 2021 at 14:05 was short.")
