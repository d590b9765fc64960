"""Chinese and Japanese pages in the HTML extractor: words are counted as textutil.word_count
counts them (no spaces between them), and a sentence ends with '。' as well as '.'
(hand-written pages after the pattern of Japanese and Chinese news sites)."""

from __future__ import annotations

from reader.extract import extract

_JA_TITLE = "港に新しいクレーン"
_JA_OPENING = "市議会は火曜日、港に新しいクレーンを二台置く計画を承認した。"
_JA_REST = [
    "クレーンはノルウェーの会社から中古で買うもので、秋までに岸壁に据えられる。"
    "費用は約三億円で、国の補助金が半分を賄う。",
    "港で働く人たちは計画を歓迎したが、工事の間は船の出入りが遅れるのではないかと心配する声も"
    "ある。市は夜間に工事を進めると説明した。",
    "港の貨物は十年前に比べて二倍に増えており、古いクレーン一台では船を待たせることが多かった。",
]
_LITTLE = "Only a little text was found"


def _page(title: str, paragraphs: list[str], lang: str = "ja", after: str = "") -> tuple[str, str]:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html lang='{lang}'><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{body}</article>{after}</body></html>"
    ), f"https://news.example.jp/{lang}/1"


def test_a_japanese_opening_sentence_that_holds_the_headline_is_kept() -> None:
    page = extract(*_page(_JA_TITLE, [_JA_OPENING, *_JA_REST]))
    paragraphs = page.main.text.split("\n\n")
    assert paragraphs[0] == _JA_OPENING  # a sentence ('。'), not the headline said again
    assert paragraphs[1:] == _JA_REST
    assert page.main.title == _JA_TITLE


def test_a_japanese_headline_said_again_above_the_text_still_goes() -> None:
    # (a line with the headline and no full stop is the headline, as in English)
    page = extract(*_page(_JA_TITLE, [f"{_JA_TITLE}（写真）", _JA_OPENING, *_JA_REST]))
    assert page.main.text.split("\n\n")[0] == _JA_OPENING


def test_a_short_japanese_story_is_not_called_a_teaser() -> None:
    # 260 characters, some 130 words: a short story, not "a little text"
    page = extract(*_page(_JA_TITLE, [_JA_OPENING, *_JA_REST]))
    assert _LITTLE not in (page.note or "")


def test_a_chinese_page_with_one_line_is_still_said_to_have_little_text() -> None:
    page = extract(*_page("港口新起重机", ["市议会周二批准了新起重机的计划。"], lang="zh"))
    assert _LITTLE in (page.note or "")


def test_a_japanese_sentence_in_an_author_box_is_no_byline() -> None:
    bio = "港と海運を長く取材してきた経済部の記者で、船の話なら何でも書く。"
    after = f"<div class='author-note'>{bio}</div>"
    page = extract(*_page(_JA_TITLE, [_JA_OPENING, *_JA_REST], after=after))
    assert page.main.author != bio
    assert page.main.author == ""


_ZH_STORY = [
    "市议会周二批准了在港口安装两台新起重机的计划，起重机将从挪威一家公司购买二手设备，"
    "预计秋季前安装完毕。",
    "港口工人对此表示欢迎，但也有人担心施工期间船只进出会受到影响。市政府表示将在夜间施工，"
    "以减少对港口运营的干扰。施工将分三个阶段进行，第一阶段拆除旧起重机的基础，第二阶段加固码头，"
    "第三阶段安装新设备并进行测试。整个工程预计耗资三亿元，其中一半由国家补贴。港口管理局表示，"
    "工程期间将每周公布进度，并设立热线电话回答市民的问题。",
]


def test_two_chinese_quotes_cut_with_an_ellipsis_are_not_taken_for_excerpts() -> None:
    # one short and one long paragraph ending in '[…]': quotes cut short, not a blog's
    # excerpts (which are cut at one length)
    quotes = [
        "报告写道，港口货运量比十年前增加了一倍 […]",
        "市长在会上引用了一位老码头工人的话，他说多年来只有一台旧起重机，船只常常要在港外等上好几天，"
        "工人们也常常要加班到深夜，这种情况早就该改变了，而新的起重机终于让大家看到了希望 […]",
    ]
    page = extract(*_page("港口新起重机", [*_ZH_STORY, *quotes], lang="zh"))
    assert page.main.text.split("\n\n")[-2:] == quotes


def test_chinese_excerpts_of_other_posts_after_the_story_still_go() -> None:
    excerpts = [
        "今年夏天渡轮公司增开了第二条航线，岛上居民终于不用在码头排上两个小时的队了 […]",
        "老灯塔修复工程本月完工，游客可以在周末登上塔顶看海，门票收入将用于日常维护 […]",
        "渔民协会提出延长码头夜间照明时间，市政府表示将在下个月的会议上讨论这个问题 […]",
    ]
    page = extract(*_page("港口新起重机", [*_ZH_STORY, *excerpts], lang="zh"))
    assert page.main.text.split("\n\n") == _ZH_STORY
