"""Headlines, teasers and source lines in Chinese and Japanese are counted in words as
textutil.word_count counts them (no spaces between words), as English ones are by spaces: a
headline glued to the story's first lines, the headline said again in other words, a run of other
stories' headlines inside the story, a teaser's link, a sentence beside a date. Each case beside
the English one it mirrors (hand-written after Japanese and Chinese news and blog pages)."""

from __future__ import annotations

import pytest

from reader.extract import extract
from reader.extract.clutter import parse_meta_line, split_source_age
from reader.extract.related import link_kind, not_a_story

# a tiny teaser page: headline, subheading, one paragraph and a link to the rest, in lines that
# are not paragraphs (the extractor glues them into one block)
TINY = {
    "ja": (
        "港の防潮堤計画を承認",
        "工事は春に始まる",
        "市議会は火曜日、冬の嵐を受けて港に新しい防潮堤を築く計画を承認した。",
        "続きを読む",
    ),
    "en": (
        "Harbour wall approved",
        "Work starts in spring",
        "The council voted on Tuesday to build a new sea wall along the harbour front after "
        "three winters of storms.",
        "Continue reading…",
    ),
}
LAYOUTS = {
    "spans": "<div><span>{h}</span><br><span>{s}</span><br><span>{p}</span> {more}</div>",
    "divs": "<article><div>{h}</div><div>{s}</div><div>{p}</div><div>{more}</div></article>",
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("lang", list(TINY))
def test_a_headline_glued_to_the_first_lines_of_a_tiny_page_comes_off(
    lang: str, layout: str
) -> None:
    headline, sub, paragraph, more = TINY[lang]
    link = f'<a href="/2024/02/harbour-wall/full">{more}</a>'
    body = LAYOUTS[layout].format(h=headline, s=sub, p=paragraph, more=link)
    html = f"<html><head><title>{headline}</title></head><body>{body}</body></html>"
    page = extract(html, "https://coast.example.jp/2024/02/harbour-wall")
    # (the headline was taken for the whole block: the title was all of it, the text empty)
    assert page.main.title == headline
    assert paragraph in page.main.text
    assert not page.main.text.startswith(headline)
    assert more not in page.main.text


JA_STORY = [
    "東京メトロは27日、有楽町線を豊洲駅から住吉駅まで延ばす延伸工事を本格的に始めたと発表した。"
    "新たに約4.8キロの区間を地下で結び、途中に3駅を設ける。",
    "開業は2030年代半ばを見込む。延伸によって江東区の南北の移動が便利になり、"
    "豊洲から住吉までの所要時間は現在の約20分から約9分に短くなるという。",
    "総事業費は約2690億円で、国と東京都が一部を補助する。沿線の住民からは"
    "「朝の混雑が少しでも和らげば」と期待する声が上がっている。",
    "東京メトロは工事中の騒音や振動について、近隣への説明会を来月から順に開く予定だ。",
]
JA_TITLE = "有楽町線延伸、豊洲―住吉間で本格着工"


def _ja_page(inside: str, at: int) -> str:
    parts = [f"<p>{p}</p>" for p in JA_STORY]
    parts.insert(at, inside)
    return (
        f"<html lang='ja'><head><title>{JA_TITLE}</title></head><body><article>"
        f"<h1>{JA_TITLE}</h1>{''.join(parts)}</article></body></html>"
    )


def test_the_headline_said_again_in_other_words_under_it_goes() -> None:
    # the same words in another order, as a subheading: not the story's text
    again = "<h2>豊洲―住吉間で有楽町線延伸が本格着工</h2>"
    page = extract(_ja_page(again, 0), "https://news.example.jp/articles/1")
    assert page.main.text.split("\n\n") == JA_STORY


def test_another_subheading_under_the_headline_stays() -> None:
    other = "<h2>江東区の南北、地下鉄で結ぶ</h2>"
    page = extract(_ja_page(other, 0), "https://news.example.jp/articles/1")
    assert page.main.text.split("\n\n")[0] == "江東区の南北、地下鉄で結ぶ"


def test_a_run_of_other_stories_headlines_inside_the_story_is_not_its_text() -> None:
    run = (
        "<p><a href='/news/1'>市長、港の駐車場計画で議会に反発</a>｜<br>"
        "<a href='/sport/2'>ボート部、レガッタの日程を最終決定</a>｜<br>"
        "<a href='/news/3'>水門の管理人、家主から立ち退きを迫られる</a></p>"
    )
    page = extract(_ja_page(run, 3), "https://news.example.jp/articles/1")
    assert page.main.text.split("\n\n") == JA_STORY


def test_a_long_headline_over_a_short_path_links_to_an_article() -> None:
    # a headline of many words names an article, whatever its address (in English too)
    url = "https://news.example.cn/beijing/metro-line"
    assert link_kind(url, "北京地铁17号线北段正式开通运营") == "article"
    assert link_kind(url, "Beijing opens northern section of Metro Line 17") == "article"
    assert link_kind(url, "北京地铁") == "short"  # two words: a section's name


def test_a_dated_headline_is_not_an_issue_of_the_paper() -> None:
    assert not_a_story("2026/11/27 北京地铁17号线北段正式开通运营") is None
    assert not_a_story("2026/11/27 Beijing opens northern section of Metro Line 17") is None
    assert not_a_story("2026/11/27 新京报") == "issue"
    assert not_a_story("2026/11/27 Beijing News") == "issue"


def test_a_sentence_beside_a_date_or_an_age_is_not_a_source() -> None:
    assert parse_meta_line("北京地铁17号线北段今天上午正式开通运营 | 2026-11-27") is None
    assert parse_meta_line("新京报 | 2026-11-27") == ("新京报", "", "2026-11-27")
    assert split_source_age("北京市轨道交通建设管理有限公司今天上午发布消息 · 2h ago") is None
    assert split_source_age("新京报 · 2h ago") == ("新京报", "2h ago")
