"""Related stories on Chinese, Japanese and Korean news pages are found as on an English page of
the same shape. Link texts and headlines were counted in words by spaces, so a Chinese or
Japanese headline (no spaces at all) was one word, never a headline; the boxes' headings
('相关新闻', '関連記事', '관련 기사') were not known; and a teaser was judged on topic by whole
words, which Chinese and Japanese do not separate and Korean joins to its particles ('요금이',
'요금을'), so no teaser of a site-wide list ever shared a word with the story.

The pages are small, made-up versions of what such news sites show: a menu, the story with its
source line, a box of related stories under it (marked by its class, or by its heading alone), a
comment section, an app promotion and a most-read list in the sidebar.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reader.extract import extract
from reader.extract.clutter import is_clutter_line
from reader.models import Page


@dataclass(frozen=True)
class Site:
    lang: str
    url: str
    menu: tuple[str, ...]
    title: str
    source: str  # the source line under the headline
    story: tuple[str, ...]
    related_heading: str
    related: tuple[str, ...]  # teasers of the 'related' box: all of them are related stories
    trending_heading: str
    on_topic: str  # a most-read item about the story's subject
    off_topic: tuple[str, ...]  # most-read items about other things
    more: str  # the 'more' link under the related box
    app: str  # the app promotion's link
    comments_heading: str
    comments: tuple[tuple[str, str], ...]  # (who, what)


ZH = Site(
    lang="zh-CN",
    url="https://news.example.cn/c/2026-11-27/doc-incxyzab1234567.shtml",
    menu=("首页", "新闻", "国内", "国际", "财经", "体育", "娱乐", "科技", "北京新闻"),
    title="北京地铁17号线北段正式开通运营",
    source="2026年11月27日 09:30 新京报",
    story=(
        "11月27日上午，北京地铁17号线北段正式开通运营，线路全长约27公里，共设车站12座，"
        "从未来科学城北站一路向南延伸至工人体育场站。",
        "据北京市轨道交通建设管理有限公司介绍，17号线北段开通后，昌平、朝阳等地区居民前往市中心的"
        "通勤时间将缩短约二十分钟，沿线多个大型居住区将告别“出行难”。",
        "17号线是北京首条采用8节A型车编组的地铁线路，最高运行速度每小时100公里。开通初期，"
        "列车最小发车间隔为4分30秒，早晚高峰将视客流情况加开列车。",
        "市交通委表示，今年年底前北京还将开通多条轨道交通新线，全市轨道交通运营里程将超过880公里。",
    ),
    related_heading="相关新闻",
    related=(
        "17号线北段开通首日客流超五万人次",
        "北京今年底前还将开通三条地铁新线",
        "未来科学城站周边将建公交接驳站",
        "北京地铁票价调整听证会下月举行",
    ),
    trending_heading="热门新闻",
    on_topic="17号线北段沿线楼盘成交量明显上升",
    off_topic=(
        "国足世预赛客场一比一战平对手",
        "苹果发布新款手机 起售价上涨五百元",
        "南方多地迎来强降雨 气象台发布暴雨预警",
    ),
    more="查看更多北京地铁新闻",
    app="下载示例新闻客户端，随时随地看新闻",
    comments_heading="网友评论",
    comments=(
        ("北京网友小王", "终于开通了，以后上班方便多了！"),
        ("昌平居民", "等了好几年，希望早高峰别太挤。"),
    ),
)
JA = Site(
    lang="ja",
    url="https://news.example.jp/articles/20261127/k10014567890000.html",
    menu=("トップ", "国内", "国際", "経済", "スポーツ", "エンタメ", "社会ニュース"),
    title="有楽町線延伸、豊洲―住吉間で本格着工",
    source="2026年11月27日 10時05分 共同通信",
    story=(
        "東京メトロは27日、有楽町線を豊洲駅から住吉駅まで延ばす延伸工事を本格的に始めたと発表した。"
        "新たに約4.8キロの区間を地下で結び、途中に3駅を設ける。",
        "開業は2030年代半ばを見込む。延伸によって江東区の南北の移動が便利になり、"
        "豊洲から住吉までの所要時間は現在の約20分から約9分に短くなるという。",
        "総事業費は約2690億円で、国と東京都が一部を補助する。沿線の住民からは"
        "「朝の混雑が少しでも和らげば」と期待する声が上がっている。",
        "東京メトロは工事中の騒音や振動について、近隣への説明会を来月から順に開く予定だ。",
    ),
    related_heading="関連記事",
    related=(
        "豊洲―住吉の新線、途中駅の名称案を公表 東京メトロ",
        "江東区の南北交通、地下鉄延伸で所要時間半減へ",
        "東京メトロ、南北線の品川延伸も工事認可を取得",
        "地下鉄延伸の費用負担、国と都が合意",
    ),
    trending_heading="アクセスランキング",
    on_topic="有楽町線延伸で豊洲駅周辺の再開発が加速",
    off_topic=(
        "大谷翔平、2年連続のMVP受賞",
        "円相場、一時1ドル=150円台に下落",
        "インフルエンザ患者数が全国で増加",
    ),
    more="地下鉄延伸の記事をもっと見る",
    app="ニュースアプリをダウンロードして最新情報をチェック",
    comments_heading="コメント",
    comments=(
        ("江東区在住", "やっと南北がつながる。開業が待ち遠しいです。"),
        ("通勤客", "工事の騒音が心配だが、便利になるのはうれしい。"),
    ),
)
KO = Site(
    lang="ko",
    url="https://news.example.kr/article/20261127/AKR20261127051200004.html",
    menu=("홈", "정치", "경제", "사회", "국제", "스포츠", "연예", "전국 뉴스"),
    title="서울 지하철 요금 내년 1월부터 150원 인상",
    source="2026.11.27 09:40 연합뉴스",
    story=(
        "서울시는 내년 1월부터 지하철 기본요금을 현재 1400원에서 1550원으로 150원 인상한다고 "
        "27일 밝혔다. 시내버스 요금도 같은 시기에 함께 오른다.",
        "서울시는 누적된 운송 적자와 물가 상승을 고려할 때 요금 인상이 불가피하다고 설명했다. "
        "지하철 운영기관의 적자는 지난해에만 5000억원을 넘었다.",
        "시민단체들은 서민 부담이 커진다며 반발하고 있다. 서울시는 청소년과 어르신 할인 혜택은 "
        "그대로 유지하고, 정기권 가격 인상 폭은 최소화하겠다고 밝혔다.",
        "경기도와 인천시도 수도권 통합요금제에 따라 비슷한 시기에 요금 인상을 검토하고 있다.",
    ),
    related_heading="관련 기사",
    related=(
        '지하철 요금 인상에 시민들 "교통비 부담 커진다"',
        "서울 시내버스 요금도 내년 1월 함께 오른다",
        "지하철 운영 적자 5000억원 넘어…요금 현실화 불가피",
        "경기·인천도 대중교통 요금 인상 검토",
    ),
    trending_heading="많이 본 뉴스",
    on_topic="내년 지하철요금 오르면 한 달 교통비 얼마나 늘까",
    off_topic=(
        "손흥민, 시즌 5호골 폭발…팀 승리 이끌어",
        "수능 성적표 다음 달 6일 배부",
        "올겨울 첫 한파특보…내일 아침 영하 10도",
    ),
    more="지하철 요금 관련 기사 더 보기",
    app="앱 다운로드하고 실시간 뉴스 알림 받기",
    comments_heading="댓글",
    comments=(
        ("서울시민", "월급 빼고 다 오르네요. 정기권이라도 싸게 해주세요."),
        ("출근길", "적자가 심하다니 어쩔 수 없는 것 같기도 하고요."),
    ),
)
EN = Site(
    lang="en",
    url="https://news.example.com/world/2026/11/27/beijing-metro-line-17-north-opens-204417.html",
    menu=("Home", "World", "Business", "Sport", "Culture", "Tech", "Local news"),
    title="Beijing opens northern section of Metro Line 17",
    source="November 27, 2026 9:30 AM Beijing News",
    story=(
        "The northern section of Beijing's Metro Line 17 opened to passengers on Friday morning, "
        "adding 27 kilometres and 12 stations between Future Science City North and the Workers' "
        "Stadium.",
        "The line will cut commuting times from Changping and Chaoyang to the city centre by about "
        "twenty minutes, according to the company that built it.",
        "Line 17 is the first in Beijing to run eight-car trains, at up to 100 kilometres an hour. "
        "Trains will run every four and a half minutes at first.",
        "The city's transport commission said more new lines would open by the end of the year.",
    ),
    related_heading="Related news",
    related=(
        "First day on Line 17 north draws fifty thousand riders",
        "Beijing to open three more subway lines by year end",
        "Bus interchange planned beside Future Science City station",
        "Hearing on Beijing subway fares to be held next month",
    ),
    trending_heading="Most read",
    on_topic="Homes along Line 17 northern section sell faster",
    off_topic=(
        "National team draws away in World Cup qualifier",
        "Apple unveils new phone with higher starting price",
        "Heavy rain warning issued across southern provinces",
    ),
    more="See more Beijing subway news",
    app="Download our app for breaking news alerts",
    comments_heading="Comments",
    comments=(
        ("Beijing reader Wang", "Finally open, my commute will be so much easier!"),
        ("Changping resident", "Waited years for this, hope mornings are not too crowded."),
    ),
)
SITES = [ZH, JA, KO, EN]
IDS = ["zh", "ja", "ko", "en"]


def _links(titles: tuple[str, ...], path: str, first: int) -> str:
    return "".join(
        f'<li><a href="/{path}/2026-11-2{n % 7}/doc-{first + n}.shtml">{t}</a>'
        f'<span class="time">11-2{n % 7} 1{n}:05</span></li>'
        for n, t in enumerate(titles)
    )


def page(site: Site, marked: bool) -> str:
    """The site's story page. `marked`: the boxes say what they are in their class (as most sites
    do, in English whatever the page's language); else only their headings say it."""
    related_class = "related-news" if marked else "box mt20"
    trending_class = "trending" if marked else "box"
    menu = "".join(f'<li><a href="/{n}/">{m}</a></li>' for n, m in enumerate(site.menu))
    story = "".join(f"<p>{p}</p>" for p in site.story)
    comments = "".join(
        f'<li><a class="user" href="/u/{n}">{who}</a><p>{what}</p></li>'
        for n, (who, what) in enumerate(site.comments)
    )
    trending = (*site.off_topic[:2], site.on_topic, site.off_topic[2])
    return (
        f"<html lang='{site.lang}'><head><meta charset='utf-8'><title>{site.title}</title></head>"
        f"<body><header><nav class='main-nav'><ul>{menu}</ul></nav></header>"
        "<div class='wrap'><div class='main-col'>"
        f"<article><h1>{site.title}</h1><div class='article-info'>{site.source}</div>{story}"
        "</article>"
        f"<div class='{related_class}'><h3>{site.related_heading}</h3>"
        f"<ul>{_links(site.related, 'news', 74410)}</ul>"
        f"<a class='more' href='/news/beijing-metro-line-17.html'>{site.more}</a></div>"
        f"<div class='comment-list'><h3>{site.comments_heading}</h3><ul>{comments}</ul></div>"
        "</div>"
        "<aside class='side-col'>"
        f"<div class='{trending_class}'><h3>{site.trending_heading}</h3>"
        f"<ol>{_links(trending, 'news', 73300)}</ol></div>"
        f"<div class='app-box'><a href='/mobile/app/download.html'>{site.app}</a></div>"
        "</aside></div></body></html>"
    )


def _titles(result: Page) -> list[str]:
    return [s.title for s in result.related]


@pytest.mark.parametrize("marked", [True, False], ids=["classes", "headings"])
@pytest.mark.parametrize("site", SITES, ids=IDS)
def test_the_related_box_and_the_most_read_item_on_the_subject_are_the_related_stories(
    site: Site, marked: bool
) -> None:
    result = extract(page(site, marked), site.url)
    assert result.main.title == site.title
    assert result.main.text.endswith("\n\n".join(site.story))  # (a CJK date line may stay above)
    # the related box's stories, then the one most-read item about the same thing; not the
    # menu, the other most-read items, the 'more' link, the app or the comments
    assert _titles(result) == [*site.related, site.on_topic]
    assert result.related[0].url == f"{site.url.split('/', 3)[0]}//{site.url.split('/')[2]}" + (
        "/news/2026-11-20/doc-74410.shtml"
    )


@pytest.mark.parametrize(
    "line",
    [
        "下载示例新闻客户端，随时随地看新闻",
        "查看更多北京地铁新闻",
        "网友评论（12）",
        "分享到微信",
        "ニュースアプリをダウンロードして最新情報をチェック",
        "関連記事をもっと見る",
        "コメント 5",
        "앱 다운로드하고 실시간 뉴스 알림 받기",
        "많이 본 뉴스 더 보기",
        "댓글 3",
    ],
)
def test_chinese_japanese_and_korean_furniture_lines_are_clutter(line: str) -> None:
    assert is_clutter_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "更多城市将在明年开通地铁",  # 'more cities …': a headline that starts with 'more'
        "下载量破亿的应用被下架",  # 'an app downloaded a hundred million times is taken down'
        "下载量最高的应用",
        "分享经济模式引发争议",  # 'the sharing economy …'
        "アプリの不具合で決済が一時停止",
        "偽アプリのダウンロードに注意",  # 'beware of downloading fake apps'
        "지하철 앱 오류로 승객 불편",
        "가짜 앱 설치 주의보",  # 'a warning about installing fake apps'
    ],
)
def test_headlines_about_apps_and_more_are_not_clutter(line: str) -> None:
    assert not is_clutter_line(line)
