"""A very short story (a two-paragraph brief) comes out as clean as a long one: the readers'
comments under it and its 'By: …' label are not its text, and both its paragraphs stay.

The text extractor swaps a text shorter than its minimum (250 characters) for its 'baseline'
rescue, the whole <article> run into one paragraph (headline, byline and all); when that run
held a newsletter line it was dropped as clutter and the page's visible lines were shown
instead, comments included. Hand-written pages after common CMS templates (a WordPress theme,
a Drupal node, a hand-made site)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from reader.extract import extract
from reader.extract.html_page import _fallback
from reader.extract.tree import parse_html
from reader.textutil import word_count
from tests.httpserver import LocalServer
from tests.processes import newsreader as run

WORDPRESS = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="UTF-8">
<title>Harbour ferry returns after winter repairs &#8211; Westport Gazette</title></head>
<body class="post-template-default single single-post postid-4821">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Westport Gazette</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li>
<li><a href="/whats-on/">What's on</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-4821" class="post-4821 post type-post status-publish hentry category-news">
<header class="entry-header"><h1 class="entry-title">Harbour ferry returns after winter repairs</h1>
<div class="entry-meta"><span class="byline">By: <span class="author vcard"><a class="url fn n" href="/author/tom-price/">Tom Price</a></span></span></div></header>
<div class="entry-content">
<p>The passenger ferry between Westport and Carrick Island resumed sailings on Monday after six
weeks in dry dock.</p>
<p>The operator said the timetable would return to four crossings a day from next week.</p>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in
<a href="/category/news/" rel="category tag">News</a></span></footer>
</article>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on &ldquo;Harbour ferry returns after winter repairs&rdquo;</h2>
<ol class="comment-list">
<li id="comment-311" class="comment even thread-even depth-1">
<article id="div-comment-311" class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">islander_jo</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#comment-311"><time datetime="2024-03-04T09:12:00+00:00">
4 March 2024 at 9:12 am</time></a></div></footer>
<div class="comment-content"><p>Finally! The bus replacement was a nightmare.</p></div>
<div class="reply"><a rel="nofollow" class="comment-reply-link" href="#comment-311">Reply</a></div>
</article></li>
<li id="comment-312" class="comment odd alt thread-odd depth-1">
<article id="div-comment-312" class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">deckhand77</b> <span class="says">says:</span></div>
</footer><div class="comment-content"><p>Still no cafe on board though.</p></div></article></li>
</ol>
<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<p class="comment-notes">Your email address will not be published.</p></form></div>
</div>
</main></div></div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Westport Gazette.
Proudly powered by WordPress.</div></footer>
</div></body></html>"""

# a Drupal node: the comments inside the <article>, a newsletter line under the body
DRUPAL = """<!DOCTYPE html>
<html lang="en" dir="ltr"><head><meta charset="utf-8">
<title>Library extends weekend opening hours | Northfield Courier</title></head>
<body class="path-node page-node-type-article">
<div class="dialog-off-canvas-main-canvas">
<header role="banner"><div class="region region-header"><a href="/" rel="home">Northfield Courier</a></div>
<nav role="navigation"><ul class="menu"><li><a href="/local">Local</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<main role="main"><div class="region region-content">
<article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">Library extends weekend opening hours</span></h1>
<div class="node__meta"><div class="field field--name-field-byline">By: Priya Shah</div></div>
<div class="node__content">
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field__item">
<p>The central library will open later on Saturdays from April.</p>
<p>Sunday hours will start an hour earlier.</p>
<p><strong>Sign up for our newsletter to get Northfield news in your inbox.</strong></p>
</div>
<section class="comment-wrapper"><h2 class="comment-wrapper__title">Comments</h2>
<article role="article" class="comment js-comment by-anonymous"><footer class="comment__meta">
<p class="comment__author"><span>bookworm_85</span></p></footer>
<div class="comment__content"><p>Great news for students!</p></div></article>
<article role="article" class="comment js-comment by-anonymous"><footer class="comment__meta">
<p class="comment__author"><span>ratepayer</span></p></footer>
<div class="comment__content"><p>Who is paying for this?</p></div></article>
</section>
</div>
</article>
</div></main>
<footer role="contentinfo"><p>&copy; Northfield Courier 2024</p></footer>
</div></body></html>"""

# a hand-made site: no telling classes, the byline a bold paragraph, the comments under a heading
HANDMADE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves new skate park - Valley Times</title></head>
<body><div id="wrapper">
<div id="header"><a href="/"><img src="/logo.png" alt="Valley Times"></a></div>
<div id="main"><div class="article">
<h1>Council approves new skate park</h1>
<p><strong>By: Ann Lee</strong></p>
<p>Councillors voted on Tuesday to build a skate park beside the leisure centre.</p>
<p>Work should start in the summer.</p>
<h3>Reader comments (2)</h3>
<ul>
<li><b>skater_dan</b>: Brilliant, finally!</li>
<li><b>Quiet Resident</b>: What about the noise?</li>
</ul>
</div></div>
<div id="footer">Valley Times, 12 High Street</div>
</div></body></html>"""

# (page, its two paragraphs, the writer, the story's words counted by hand)
BRIEFS = {
    "wordpress": (
        WORDPRESS,
        "The passenger ferry between Westport and Carrick Island resumed sailings on Monday "
        "after six weeks in dry dock.",
        "The operator said the timetable would return to four crossings a day from next week.",
        "Tom Price",
        33,
    ),
    "drupal": (
        DRUPAL,
        "The central library will open later on Saturdays from April.",
        "Sunday hours will start an hour earlier.",
        "Priya Shah",
        17,
    ),
    "handmade": (
        HANDMADE,
        "Councillors voted on Tuesday to build a skate park beside the leisure centre.",
        "Work should start in the summer.",
        "Ann Lee",
        19,
    ),
}
COMMENTS = (
    "islander_jo",
    "nightmare",
    "deckhand77",
    "cafe on board",
    "bookworm_85",
    "Great news for students",
    "ratepayer",
    "paying for this",
    "skater_dan",
    "Brilliant",
    "Quiet Resident",
    "the noise",
)
URL = "https://news.example.org/2024/03/brief"


@pytest.mark.parametrize("layout", list(BRIEFS))
def test_a_two_paragraph_brief_loses_its_comments_and_by_label(layout: str) -> None:
    html, first, second, writer, words = BRIEFS[layout]
    main = extract(html, URL).main
    assert main.text == f"{first}\n\n{second}"
    assert word_count(main.text) == words
    assert main.author == writer
    assert "By:" not in main.text
    assert not [c for c in COMMENTS if c in main.text]


BRIEF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Bridge closed for overnight inspection - Riverside Post</title></head>
<body><header class="site-header"><a class="logo" href="/">Riverside Post</a></header>
<main><article class="story">
<h1 class="story__headline">Bridge closed for overnight inspection</h1>
<div class="story__body">
<p>The Mill Lane bridge will close on Thursday night while engineers inspect its supports.</p>
<p>By Friday morning traffic should be moving again, the council said.</p>
</div></article></main></body></html>"""


def test_a_short_brief_without_clutter_loses_nothing() -> None:
    main = extract(BRIEF, URL).main
    assert main.title == "Bridge closed for overnight inspection"
    assert main.text == (
        "The Mill Lane bridge will close on Thursday night while engineers inspect its "
        "supports.\n\nBy Friday morning traffic should be moving again, the council said."
    )
    assert word_count(main.text) == 25


def test_the_visible_lines_of_a_page_leave_out_comments_and_bylines() -> None:
    """When the extractor finds no text, the page's visible lines stand in: not its comments
    (under a 'Comments' heading or in boxes classed as comments) nor a byline further down."""
    tree, _ = parse_html(DRUPAL)
    assert tree is not None
    story = _fallback(copy.deepcopy(tree), URL, None)
    assert "The central library will open later on Saturdays from April." in story.text
    assert "Sunday hours will start an hour earlier." in story.text
    assert not [c for c in COMMENTS if c in story.text]
    assert "By: Priya Shah" not in story.text
    assert story.author == "Priya Shah"
    # the comments under a heading in the story's own box
    tree, _ = parse_html(HANDMADE)
    assert tree is not None
    story = _fallback(tree, URL, None)
    assert "Work should start in the summer." in story.text
    assert not [c for c in COMMENTS if c in story.text]
    # the comments known by their classes only ('2 thoughts on …' is no 'Comments' heading)
    tree, _ = parse_html(WORDPRESS)
    assert tree is not None
    story = _fallback(tree, URL, None)
    assert "four crossings a day from next week." in story.text
    assert not [c for c in COMMENTS if c in story.text]
    assert story.author == "Tom Price"


def test_newsreader_shows_and_counts_only_the_brief(tmp_path: Path) -> None:
    """`newsreader extract` and `newsreader summarize` on the page served over HTTP: the two
    paragraphs, and the word count of the summary's note is theirs (17 words, not with the
    comments)."""
    with LocalServer() as server:
        server.route(
            "/local/library-hours",
            body=DRUPAL.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        url = server.url("/local/library-hours")
        db = str(tmp_path / "n.db")
        shown = run("extract", url, "--db", db)
        assert shown.returncode == 0, shown.stderr
        assert "The central library will open later on Saturdays from April." in shown.stdout
        assert "Sunday hours will start an hour earlier." in shown.stdout
        assert not [c for c in COMMENTS if c in shown.stdout]
        assert "By:" not in shown.stdout
        summary = run("summarize", url, "--db", db)
        assert summary.returncode == 0, summary.stderr
        assert "(17 words)" in summary.stdout
        assert not [c for c in COMMENTS if c in summary.stdout]
