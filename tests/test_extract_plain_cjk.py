"""Plain text in scripts written without spaces (Chinese, Japanese, Thai) is a story: the plain-text
extractor counted words by spaces, so each paragraph looked like a one-word line of furniture and
was dropped ("No story text was found on this page")."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.extract.plain import extract_plain
from reader.textutil import word_count
from tests.test_cli import run
from tests.test_cli_network import config_for

CHINESE = [
    "北京市政府周二宣布，将在明年春季开工建设一座横跨永定河的新大桥，这项争论了十多年的工程终于尘埃落定。",
    "据官员介绍，大桥预计耗资四十亿元人民币，计划于二零二八年通车。施工将在最终许可发放后的明年春天开始。",
    "支持者认为，新大桥将缓解现有两座桥梁的交通压力，并将新建住宅区与老城区连接起来。反对者则表示，这笔钱应该用于学校建设。",
    "市长称这次投票是城市历史性的一天，并承诺在年底前就最终设计方案举行公开咨询。",
    "交通专家指出，这座大桥的建成将使两岸居民的通勤时间平均缩短二十分钟，对城市发展具有重要意义。",
]
JAPANESE = [
    "東京都は火曜日、隅田川に新しい歩道橋を建設する計画を承認したと発表した。十年以上続いた議論に終止符が打たれた。",
    "当局者によると、橋の建設費は約四十億円と見込まれ、二〇二八年の開通を予定している。工事は最終的な許可が下りた後、来春に始まる。",
    "支持者は、新しい橋が既存の二つの橋の混雑を緩和し、新しい住宅地と旧市街を結ぶと主張している。反対派は、その資金を学校に回すべきだと述べた。",
]
THAI = [
    "สภาเมืองลงมติเมื่อวันอังคารให้สร้างสะพานคนเดินข้ามแม่น้ำแห่งใหม่ ซึ่งเป็นการยุติการถกเถียงที่ยาวนานกว่าสิบปี",
    "เจ้าหน้าที่กล่าวว่าสะพานจะมีค่าใช้จ่ายประมาณสี่สิบล้านยูโรและคาดว่าจะเปิดใช้ในปี 2028 การก่อสร้างจะเริ่มในฤดูใบไม้ผลิหน้า",
    "ผู้สนับสนุนกล่าวว่าสะพานจะช่วยลดการจราจรบนสะพานสองแห่งที่มีอยู่และเชื่อมต่อย่านที่อยู่อาศัยใหม่กับเมืองเก่า",
]


@pytest.mark.parametrize("paragraphs", [CHINESE, JAPANESE, THAI], ids=["zh", "ja", "th"])
def test_every_paragraph_of_a_text_without_spaces_is_the_story(paragraphs: list[str]) -> None:
    page = extract_plain("\n\n".join(paragraphs))
    assert page.note is None
    assert page.main.text == "\n\n".join(paragraphs)
    assert page.main.title == ""  # no line of it is a headline


def test_a_chinese_headline_and_source_line_are_told_from_the_paragraphs() -> None:
    text = "\n\n".join(["北京新大桥获批", *CHINESE, "责任编辑：王明"])
    page = extract_plain(text)
    assert page.main.title == "北京新大桥获批"
    assert page.main.text == "\n\n".join(CHINESE)  # the editor's credit at the end is furniture


def test_words_are_counted_in_scripts_without_spaces() -> None:
    assert word_count("北京新大桥获批") == 4  # seven characters: about two to a word
    assert word_count("新华社") == 2
    assert word_count("东京都は火曜日、2028年に開通。") == 7  # 4 + the number + 2
    assert word_count("อ่านต่อ") == 3  # 'read more': seven Thai letters, about three to a word
    assert word_count(CHINESE[0]) > 8 and word_count(THAI[0]) > 30
    for text in ("Council approves new bridge", "a — b", "  ", "Zürich, 12:30 · 2h"):
        assert word_count(text) == len(text.split())  # spaced text: as before


@pytest.mark.parametrize("paragraphs", [CHINESE, THAI], ids=["zh", "th"])
def test_extract_and_summarize_a_text_file_without_spaces(
    paragraphs: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    args = config_for(tmp_path, [])
    extracted = run("extract", str(path), *args)
    assert extracted.returncode == 0, extracted.stderr
    assert "(no text)" not in extracted.stdout
    assert all(p in extracted.stdout for p in paragraphs)
    summarized = run("summarize", str(path), *args)
    assert summarized.returncode == 0, summarized.stderr
    assert "No story text" not in summarized.stdout + summarized.stderr
    assert paragraphs[0] in summarized.stdout
