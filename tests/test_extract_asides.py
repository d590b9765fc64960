"""What sits beside the story is not read as part of it: pull quotes that repeat the text, boxes
of a table layout, photo captions (fixtures in tests/fixtures/extract)."""

from __future__ import annotations

import re
from pathlib import Path

from lxml.html import fromstring

from reader.extract import extract
from reader.extract.enrich import enrich
from reader.models import Block

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
URL = "https://site.example.com/story/1"
_MARKER = re.compile(r" \[\d+\]")

_PARAGRAPHS = [
    "The river authority opened the new weir on Friday, two years after the old one gave way "
    "during the spring floods and left the lower town without a working lock.",
    "Engineers spent most of last summer driving steel piles into the riverbed, working at night "
    "so that the barges carrying grain to the mill could still pass during the day.",
    "“We built it to last a hundred years, and to be mended in a week when something breaks,” "
    "said the chief engineer, Lena Brandt, who has worked on the river for most of her life.",
    "The lock keepers will move back into their cottage next month, once the last of the scaffolding "
    "has been taken down and the path along the bank has been laid again.",
    "Boat owners say the waiting times at the lock have already fallen by half, and the authority "
    "hopes that more visitors will come up the river now that the passage is reliable.",
]


def _article(pull_quote: str, at: int) -> str:
    parts = [f"<p>{p}</p>" for p in _PARAGRAPHS]
    parts.insert(at, pull_quote)
    return (
        "<html><head><title>A new weir for the lower town</title></head><body><article>"
        "<h1>A new weir for the lower town</h1>" + "".join(parts) + "</article></body></html>"
    )


def test_a_pull_quote_that_repeats_a_paragraph_is_shown_once() -> None:
    quote = "We built it to last a hundred years, and to be mended in a week when something breaks"
    pull = f"<blockquote class='pull'><p>“{quote},” said Lena Brandt.</p></blockquote>"
    for at in (2, 4):  # before and after the paragraph it repeats
        main = extract(_article(pull, at), URL).main
        assert main.text.count(quote) == 1
        assert main.text.split("\n\n") == _PARAGRAPHS


def test_a_pull_quote_goes_but_the_opening_and_short_lines_said_twice_stay() -> None:
    # a standfirst that the first paragraph says again, and a short tip repeated as a summary
    standfirst = (
        "The river authority opened the new weir on Friday, two years after the old one gave way"
    )
    tip = "Check the lock's opening times before you set out."
    pull = (
        "<blockquote><p>Engineers spent most of last summer driving steel piles into the "
        "riverbed, working at night.</p></blockquote>"
    )
    html = _article(f"<p>{standfirst}.</p>", 0).replace(
        "</article>", f"{pull}<p>{tip} The lock closes at dusk.</p><p>{tip}</p></article>"
    )
    text = extract(html, URL).main.text
    assert text.startswith(standfirst + ".\n\n" + _PARAGRAPHS[0])
    assert text.endswith(f"{_PARAGRAPHS[-1]}\n\n{tip} The lock closes at dusk.\n\n{tip}")


def test_pull_quote_boxes_of_a_table_layout_are_not_added_at_the_end() -> None:
    main = extract((FIXTURES / "table_layout_pullquotes.html").read_bytes(), URL).main
    paragraphs = main.text.split("\n\n")
    assert paragraphs[-1].startswith("Until then a temporary beacon")
    assert main.text.count("A harbour without a light") == 1
    assert "Jensen said of the delays" not in main.text
    assert len(paragraphs) == 6


def test_photo_captions_and_credits_are_not_story_text() -> None:
    paragraphs = [f"<p>{p}</p>" for p in _PARAGRAPHS]
    html = (
        "<html><head><title>A new weir for the lower town</title></head><body><article>"
        "<h1>A new weir for the lower town</h1>"
        "<div class='box2'><img src='/weir.jpg' alt='The new weir'><div class='info2'>The new "
        "weir seen from the east bank on the morning it opened. (credit: River Authority/Jo "
        "Hale)</div></div>"
        + "".join(paragraphs[:2])
        + "<p><em>Cover image: the weir at dusk, seen from the old mill.</em></p>"
        + "<p><a href='/lock.jpg'><img src='/lock.jpg' alt='The lock'></a></p>"
        "<p><em>The lock gates by Tom Reyes</em></p>"
        + "".join(paragraphs[2:4])
        + "<p><a href='/bank.jpg'><img src='/bank.jpg' alt='The bank'></a></p>"
        + paragraphs[4]
        + "<p><em>The author lives in the lower town.</em></p>"
        "</article></body></html>"
    )
    text = extract(html, URL).main.text
    assert "credit" not in text
    assert "Cover image" not in text
    assert "Tom Reyes" not in text
    # a paragraph under a photo, and an italic line with no photo above it, are the story's
    assert text.split("\n\n") == [*_PARAGRAPHS, "The author lives in the lower town."]


def test_a_photo_credit_in_a_table_layouts_box_is_not_story_text() -> None:
    main = extract((FIXTURES / "table_layout_pullquotes.html").read_bytes(), URL).main
    assert "Per Lund" not in main.text
    assert main.text.split("\n\n")[-1].startswith("Until then a temporary beacon")


def test_a_strip_of_linked_headlines_above_the_story_is_not_its_opening() -> None:
    # the text extractor sometimes takes the box around the story and a strip of other
    # stories' headlines (each a link) above it: enrich() sees the extracted blocks
    titles = [
        "Flood barrier holds as the river reaches a record level",
        "Ferry service to the islands resumes after the storm",
        "Ten walks along the river for a winter weekend",
    ]
    items = "".join(
        f"<article class='promo-item'><a href='/news/{n}'><img src='/p{n}.jpg'>"
        f"<h3 class='promo-item-title'>{title}</h3></a></article>"
        for n, title in enumerate(titles)
    )
    body = fromstring(
        "<html><body><main class='page-content'><div class='container'>"
        "<section class='pushdown-promo'><h3 class='pushdown-promo-title'>River Week</h3>"
        f"<div class='pushdown-items'>{items}</div></section></div><main><section><article>"
        "<h1>A new weir for the lower town</h1>"
        + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
        + "</article></section></main></main></body></html>"
    ).find("body")
    extracted = [
        Block("h", "River Week", 3),
        *(Block("h", title, 3) for title in titles),
        *(Block("p", p) for p in _PARAGRAPHS),
    ]
    blocks, _ = enrich(extracted, body, URL)
    assert [b.text for b in blocks] == _PARAGRAPHS
    # the story's own section heading and a single linked line stay
    extracted = [Block("h", "River Week", 3), Block("h", titles[0], 3), *extracted[4:]]
    blocks, _ = enrich(extracted, body, URL)
    assert blocks[0].text.startswith("River Week") and len(blocks) == 2 + len(_PARAGRAPHS)


def test_a_promo_that_is_one_link_at_the_end_of_the_story_is_not_story_text() -> None:
    main = extract((FIXTURES / "promo_link_tail.html").read_bytes(), URL).main
    assert "Use the code" not in main.text
    assert main.text.split("\n\n")[-1].startswith("Disclaimer: The views")
    # only a paragraph that is nothing but the link goes; one that links a few of its words,
    # or a short linked word or two, is the story's
    last = "More details are in the authority's <a href='/report'>annual report on the weir</a>."
    body = fromstring(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in _PARAGRAPHS)
        + f"<p>{last}</p><p><a href='/x'>Lena Brandt</a></p></article></body></html>"
    ).find("body")
    texts = [
        *_PARAGRAPHS,
        "More details are in the authority's annual report on the weir.",
        "Lena Brandt",
    ]
    blocks, _ = enrich([Block("p", t) for t in texts], body, URL)
    assert [_MARKER.sub("", b.text) for b in blocks] == texts


def test_a_run_of_linked_headlines_inside_the_story_is_not_story_text() -> None:
    # a tabloid's "don't miss" run: other stories' headlines, each a link, glued by <br> and a tag
    run = (
        "<p><a href='/news/1'>Mayor furious at council over harbour parking plan</a> "
        "[<strong>INSIGHT]|<br></strong><a href='/sport/2'>Rowing club makes final decision "
        "on regatta date</a> [<strong>VIDEO]<br></strong><a href='/news/3'>Lock keeper "
        "'threatened with eviction' by landlord</a> [<strong>REACTION]</strong></p>"
    )
    main = extract(_article(run, 3), URL).main
    assert main.text.split("\n\n") == [_MARKER.sub("", p) for p in _PARAGRAPHS]
    # a paragraph that links a few of its words, even two headlines' worth, is the story's
    own = (
        "<p>The plan was first put forward in <a href='/a'>the council's report on the harbour "
        "</a> and argued over in <a href='/b'>a public meeting at the town hall</a>, where "
        "residents asked for more places to park, a safer crossing by the school and a bus to "
        "the station in the evenings, and the authority promised an answer before the summer.</p>"
    )
    assert "residents asked for more places" in extract(_article(own, 3), URL).main.text


def test_a_link_is_marked_after_whole_words_only() -> None:
    body = fromstring(
        "<html><body><article><p>Hunters need 300 <a href='/antelope'>Antelope</a>s and "
        "200 <a href='/horn'>Horns</a> for the quest.</p></article></body></html>"
    ).find("body")
    text = "Hunters need 300 Antelopes and 200 Horns for the quest."
    blocks, links = enrich([Block("p", text)], body, URL)
    assert blocks[0].text == "Hunters need 300 Antelopes and 200 Horns [1] for the quest."
    assert links == ["https://site.example.com/horn"]


def test_icons_and_spacers_are_not_pictures_of_the_story() -> None:
    pictures = (
        "<img src='/media/weir-at-dawn.jpg' alt='The new weir at dawn'>"
        "<img src='/static/icons/facebook.png' alt='Share on Facebook'>"
        "<img src='/img/f.png' width='16' height='16' alt='Icon Twitter'>"
        "<img src='/img/spacer.gif' alt='Forum rules'>"
        "<img src='/u/avatars/42.png' alt='lupa'>"
        # loaded later: a placeholder with the picture's aspect ratio and the real one elsewhere
        "<img src='data:image/gif;base64,R0lGOD' data-src='/media/lock.jpg' width='3' "
        "height='2' alt='The lock keepers cottage'>"
    )
    main = extract(_article(f"<p>{pictures}</p>", 2), URL).main
    images = [b.text for b in main.blocks if b.kind == "image"]
    assert images == ["[image: The new weir at dawn]", "[image: The lock keepers cottage]"]


def test_a_bold_line_opening_a_paragraph_on_its_own_line_is_a_subheading() -> None:
    glued = (
        "<p><strong>Boats wait less at the lock</strong><br><br> Boat owners say the waiting "
        "times at the lock have already fallen by half since the weir opened in spring.</p>"
    )
    blocks = extract(_article(glued, 3), URL).main.blocks
    at = next(n for n, b in enumerate(blocks) if b.text == "Boats wait less at the lock")
    assert blocks[at].kind == "h"
    assert blocks[at + 1].kind == "p" and blocks[at + 1].text.startswith("Boat owners say")
    # a bold lead-in that runs on in the same line is the paragraph's own
    run_on = (
        "<p><strong>Update:</strong> the lock closes for two days in May for the annual "
        "inspection of its gates, the authority said on Monday.</p>"
    )
    blocks = extract(_article(run_on, 3), URL).main.blocks
    assert any(b.kind == "p" and b.text.startswith("Update: the lock closes") for b in blocks)
    assert not any(b.kind == "h" and b.text.startswith("Update") for b in blocks)
