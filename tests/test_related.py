"""Grouping articles that report the same event (reader.related)."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import pytest

from reader.related import Match, RelatedIndex, group, parse_time
from reader.related import index as related_index
from reader.related.text import features, strip_source_suffix
from tests.test_related_samples import FULL_TEXT, HEADLINES, art


def partition(groups: list[list[Any]]) -> set[frozenset[Any]]:
    return {frozenset(g) for g in groups}


def events(articles: list[dict[str, Any]]) -> set[frozenset[Any]]:
    by: dict[str, list[Any]] = defaultdict(list)
    for a in articles:
        by[a["event"]].append(a["id"])
    return partition(list(by.values()))


def replay(
    index: RelatedIndex, articles: list[dict[str, Any]]
) -> tuple[list[list[Any]], list[Match]]:
    """Feed articles one by one, keeping group ids the way a store would (merges included)."""
    group_of: dict[Any, int] = {}
    matches = []
    for a in articles:
        m = index.add(a)
        matches.append(m)
        for gone in m.absorbed:
            for k, g in group_of.items():
                if g == gone:
                    group_of[k] = m.group_id
        group_of[m.id] = m.group_id
    by: dict[int, list[Any]] = defaultdict(list)
    for k, g in group_of.items():
        by[g].append(k)
    return list(by.values()), matches


def by_time(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(articles, key=lambda a: parse_time(a["published"]) or 0.0)


# ---------------------------------------------------------------------- batch grouping


def test_full_text_groups_are_the_events() -> None:
    assert partition(group(FULL_TEXT)) == events(FULL_TEXT)


def test_headlines_of_one_event_group_and_other_events_stay_apart() -> None:
    assert partition(group(HEADLINES)) == events(HEADLINES)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("quake-chile", "quake-indonesia"),
        ("rehab-harlow", "rehab-vance"),
        ("earnings-orbit", "earnings-helix"),
        ("storm-florida", "storm-luzon"),
    ],
)
def test_same_kind_different_event_never_groups(a: str, b: str) -> None:
    kind = [x for x in FULL_TEXT if x["event"] in (a, b)]
    for g in group(kind):
        assert len({x["event"] for x in kind if x["id"] in g}) == 1


def reports(
    event: str, n: int, titles: list[str], sentences: list[str], day: int, seed: int
) -> list[dict[str, Any]]:
    """n outlets' reports of one event: each a headline and four of the event's facts."""
    rng = random.Random(seed)
    return [
        art(f"{event}-{i}", event, rng.choice(titles), " ".join(rng.sample(sentences, 4)),
            published=f"2024-03-{day:02d}T{8 + i % 12:02d}:{i % 60:02d}:00Z")
        for i in range(n)
    ]  # fmt: skip


def test_many_reports_of_one_event_stay_together_and_apart_from_a_similar_event() -> None:
    fire = reports(
        "fire-oslo", 30,
        ["Fire destroys warehouse in Oslo harbour", "Huge blaze at Oslo port warehouse",
         "Oslo harbour fire: 40 firefighters battle flames", "Warehouse fire in Oslo sends smoke over city"],
        ["A fire destroyed a warehouse in Oslo harbour on Monday night, police said.",
         "About 40 firefighters fought the blaze at the Sjursoya terminal for six hours.",
         "Nobody was hurt, the Oslo fire service said, but residents were told to keep windows shut.",
         "Thick smoke drifted over central Oslo and the E18 motorway was closed.",
         "The warehouse, owned by Nordhavn Logistics, stored paper and furniture.",
         "Police in Oslo said the cause of the fire was not yet known.",
         "Ferries to Kiel and Copenhagen were delayed as the port was closed.",
         "Mayor Anne Lindqvist thanked the firefighters at the Sjursoya site."],
        11, seed=1,
    )  # fmt: skip
    other = reports(
        "fire-lyon", 8,
        ["Fire destroys warehouse near Lyon", "Huge blaze at Lyon depot", "Lyon warehouse fire: 60 firefighters called"],
        ["A fire destroyed a warehouse in the Lyon suburb of Venissieux on Monday night, police said.",
         "About 60 firefighters fought the blaze at the Transalp depot for five hours.",
         "Nobody was hurt, the Rhone fire service said, but residents were told to keep windows shut.",
         "Thick smoke drifted over Venissieux and the A7 motorway was closed.",
         "The warehouse, owned by Transalp, stored tyres and plastics.",
         "Police in Lyon said the cause of the fire was not yet known."],
        11, seed=2,
    )  # fmt: skip
    groups = group(fire + other)
    for g in groups:
        assert len({a["event"] for a in fire + other if a["id"] in g}) == 1
    largest = max(len([a for a in fire if a["id"] in g]) for g in groups)
    assert largest >= 0.9 * len(fire)


def test_every_id_exactly_once_singletons_included() -> None:
    articles = [*FULL_TEXT, *HEADLINES, art("lonely", "x", "Local bakery wins bread award")]
    groups = group(articles)
    ids = [i for g in groups for i in g]
    assert sorted(map(str, ids)) == sorted(a["id"] for a in articles)
    assert ["lonely"] in groups


def test_minimal_and_odd_input_does_not_raise() -> None:
    articles: list[Any] = [
        {"id": 1, "title": "Only a title"},
        {"id": 2, "title": "Only a title", "text": None, "published": "not a date"},
        {"id": 3, "title": "", "text": "", "published": ""},
        {"id": 4, "title": "Bell\x07 and \x1b[31mred\x1b[0m title", "published": "2024-03-12"},
        {
            "id": 5,
            "title": "\u6771\u4eac\u3067\u5730\u9707",
            "published": "2024-03-12T10:00:00+09:00",
        },
        {"title": "no id"},
        "not an article",
    ]
    groups = group(articles)
    assert sorted(int(str(i)) for g in groups for i in g) == [1, 2, 3, 4, 5]
    assert group([]) == []


def test_batch_result_does_not_depend_on_input_order() -> None:
    articles = [*FULL_TEXT, *HEADLINES]
    expected = partition(group(articles))
    rng = random.Random(3)
    for _ in range(5):
        shuffled = articles[:]
        rng.shuffle(shuffled)
        assert partition(group(shuffled)) == expected


def test_words_are_stemmed_and_stop_words_dropped_per_language() -> None:
    de = features("Die Regierung beschließt neue Regeln für Mieten", language="de")
    assert de.language == "german"
    assert "die" not in de.vector and "für" not in de.vector
    en = features("Earthquakes shook the islands", "")
    assert en.language == "english"
    assert "the" not in en.vector
    assert features("Earthquake shakes island").vector.keys() & en.vector.keys() >= {"earthquak"}
    # guessed from the text when the feed does not say
    assert (
        features(
            "Erdbeben", "Ein schweres Erdbeben hat am Dienstag die Küste erschüttert."
        ).language
        == "german"
    )


def test_german_reports_of_one_event_group() -> None:
    articles = [
        art("d1", "beben", "Schweres Erdbeben erschüttert Chile", published="2024-03-12T10:00:00"),
        art("d2", "beben", "Chile: Erdbeben der Stärke 6,8 erschüttert die Küste", published="2024-03-12T11:00:00"),
        art("d3", "bahn", "Bahn streicht Verbindungen wegen Streiks", published="2024-03-12T12:00:00"),
        art("d4", "bahn", "Streik bei der Bahn: Verbindungen gestrichen", published="2024-03-12T13:00:00"),
    ]  # fmt: skip
    assert partition(group(articles)) == events(articles)


# ---------------------------------------------------------------------- duplicates


def test_syndicated_copy_is_flagged_as_duplicate() -> None:
    index = RelatedIndex()
    _, matches = replay(index, by_time(FULL_TEXT))
    dup = {m.id: m.duplicate_of for m in matches}
    assert dup["chile-4"] == "chile-1"  # same wire text under another outlet's headline
    assert dup["chile-2"] is None and dup["chile-3"] is None  # own reporting of the same event
    assert all(dup[a["id"]] is None for a in FULL_TEXT if a["event"] != "quake-chile")


def test_repost_under_new_url_and_updated_copy_are_duplicates() -> None:
    index = RelatedIndex()
    first = FULL_TEXT[0]
    index.add(first)
    repost = {**first, "id": "chile-1-again", "url": "https://wire.test/new-guid"}
    m = index.add(repost)
    assert m.duplicate_of == first["id"] and m.group_id == index.group_of(first["id"])
    updated = {
        **first,
        "id": "chile-1-update",
        "published": "2024-03-12T18:00:00Z",
        "title": first["title"] + " (update 2)",
        "text": first["text"] + "\n\nA 5.2 aftershock was felt in Valparaiso in the evening.",
    }
    m = index.add(updated)
    assert m.duplicate_of in (first["id"], "chile-1-again")
    assert m.related[0][1] > 0.8


def test_headline_only_repost_is_a_duplicate_but_short_generic_titles_are_not() -> None:
    index = RelatedIndex()
    index.add(art("a", "x", "Toyota to pay $1.2 billion to settle US safety probe"))
    assert (
        index.add(
            art("b", "x", "Toyota to pay $1.2 billion to settle US safety probe")
        ).duplicate_of
        == "a"
    )
    index.add(art("c", "y", "Morning briefing"))
    assert (
        index.add(art("d", "z", "Morning briefing", published="2024-03-13T10:00:00Z")).duplicate_of
        is None
    )


@pytest.mark.parametrize(
    ("first", "update"),
    [
        ("UPDATE 1-Toyota to pay $1.2 billion to settle US safety probe",
         "UPDATE 2-Toyota to pay $1.2 billion to settle US safety probe"),
        ("Toyota to pay $1.2 billion to settle US safety probe",
         "REFILE-UPDATE 3-Toyota to pay $1.2 billion to settle US safety probe"),
        ("Toyota to pay $1.2 billion to settle US safety probe",
         "Toyota to pay $1.2 billion to settle US safety probe -- 2nd Update"),
        ("Toyota to pay $1.2 billion to settle US safety probe",
         "UPDATED: Toyota to pay $1.2 billion to settle US safety probe"),
    ],
)  # fmt: skip
def test_a_wire_update_of_a_headline_is_a_duplicate_of_the_first_version(
    first: str, update: str
) -> None:
    index = RelatedIndex()
    index.add(art("v1", "x", first))
    assert index.add(art("v2", "x", update)).duplicate_of == "v1"


def test_wire_marks_are_not_words_of_the_headline() -> None:
    """ "UPDATE 2-" is the wire's mark; "T-Mobile" and "E-cigarette" are words."""
    marked = features("UPDATE 2-Amazon aims to break from pack with 3D-ready Fire phone")
    assert not {"2", "updat", "update"} & marked.vector.keys()
    assert (
        marked.vector.keys()
        == features("Amazon aims to break from pack with 3D-ready Fire phone").vector.keys()
    )
    assert {"mobil", "mobile"} & features("T-Mobile raises prices").vector.keys()
    # a headline that is nothing but a mark keeps it
    assert features("UPDATE").vector


def test_a_text_that_repeats_the_headline_counts_as_a_headline_alone() -> None:
    title = "UPDATE 2-Amazon aims to break from pack with 3D-ready Fire phone"
    for text in (title, title.upper(), "Amazon aims to break from pack with 3D-ready Fire phone"):
        repeated = features(title, text)
        assert not repeated.has_text and repeated == features(title), text
    assert features(title, title + " It ships in July.").has_text


def test_trimmed_syndicated_copy_of_a_long_story_is_a_duplicate() -> None:
    paragraphs = [
        f"Officials in district {i} of Northport said on Monday that {i * 7} homes were flooded "
        f"after the river rose {i % 5 + 1} metres overnight, and that schools there would stay shut."
        for i in range(1, 40)
    ]
    original = art("long", "flood", "Floods hit Northport districts", "\n\n".join(paragraphs))
    trimmed = art("short", "flood", "Northport flooding: homes under water", "\n\n".join(paragraphs[:15]),
                  published="2024-03-12T12:00:00Z")  # fmt: skip
    index = RelatedIndex()
    index.add(original)
    m = index.add(trimmed)
    assert m.duplicate_of == "long"
    # a huge text is read without trouble (only its start matters)
    big = art("huge", "other", "Annual report published", "Revenue rose. " * 50_000)
    assert index.add(big).error is None


# ---------------------------------------------------------------------- incremental path


def test_incremental_agrees_with_batch() -> None:
    articles = by_time([*FULL_TEXT, *HEADLINES])
    incremental, _ = replay(RelatedIndex(), articles)
    assert partition(incremental) == partition(group(articles))


def test_incremental_agrees_with_batch_on_many_generated_headlines() -> None:
    rng = random.Random(11)
    subjects = [
        "Apple",
        "Tesla",
        "Boeing",
        "Nokia",
        "Pfizer",
        "Netflix",
        "Airbus",
        "Intel",
        "Shell",
        "Uber",
    ]
    actions = [
        "cuts jobs",
        "beats forecasts",
        "recalls cars",
        "wins contract",
        "faces probe",
        "buys rival",
    ]
    extras = [
        "report",
        "shares fall",
        "analysts say",
        "in Europe",
        "after talks",
        "",
        "update",
        "CEO says",
    ]
    articles = []
    for i in range(400):
        s, a = rng.choice(subjects), rng.choice(actions)
        title = f"{s} {a} {rng.choice(extras)} {rng.choice(extras)}".strip()
        published = f"2024-03-{10 + i // 100:02d}T{(i % 24):02d}:{i % 60:02d}:00Z"
        articles.append(art(f"g{i}", f"{s}-{a}", title, published=published))
    articles = by_time(articles)
    incremental, _ = replay(RelatedIndex(), articles)
    batch = group(articles)
    assert partition(incremental) == partition(batch)
    assert 1 < len(batch) < len(articles)


def test_bounded_candidate_search_finds_the_same_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Common terms (in many groups) only rescore candidates found by rarer terms."""
    articles = [*FULL_TEXT, *HEADLINES]
    expected = partition(group(articles))
    monkeypatch.setattr(related_index, "MAX_POSTING", 1)
    monkeypatch.setattr(related_index, "RETRIEVE_TERMS", 3)
    assert partition(group(articles)) == expected


def test_related_list_is_ranked_with_similarities() -> None:
    index = RelatedIndex()
    _, matches = replay(index, by_time(FULL_TEXT))
    m = next(x for x in matches if x.id == "chile-3")
    assert {i for i, _ in m.related} == {"chile-1", "chile-2", "chile-4"}
    scores = [s for _, s in m.related]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    lonely = next(x for x in matches if x.id == "probe-1")
    assert lonely.related == () and not lonely.is_duplicate


def test_remove_takes_an_article_out_of_its_group() -> None:
    index = RelatedIndex()
    replay(index, by_time(FULL_TEXT))
    gid = index.group_of("chile-2")
    assert gid is not None and "chile-2" in index.members(gid)
    assert index.remove("chile-2") is True
    assert "chile-2" not in index and "chile-2" not in index.members(gid)
    assert index.remove("chile-2") is False
    m = index.add(next(a for a in FULL_TEXT if a["id"] == "chile-2"))
    assert m.group_id == index.group_of("chile-1")


def test_bad_article_gives_an_error_value() -> None:
    index = RelatedIndex()
    m = index.add({"title": "no id"})
    assert m.error and m.id is None
    m = index.add({"id": ["unhashable"], "title": "x"})
    assert m.error


# ---------------------------------------------------------------------- time window


def test_same_story_outside_the_window_starts_a_new_group() -> None:
    a = art(
        "old",
        "x",
        "Facebook to buy virtual reality firm Oculus for $2 billion",
        published="2024-03-01T10:00:00Z",
    )
    b = art("near", "x", "Facebook buys Oculus VR for $2 billion", published="2024-03-03T09:00:00Z")
    c = art("far", "x", "Facebook buys Oculus VR for $2 billion", published="2024-03-07T10:00:00Z")
    groups = partition(group([a, b, c], window_hours=72))
    assert frozenset({"old", "near"}) in groups and frozenset({"far"}) in groups
    # with a window of 24 h even the second report is too late
    assert partition(group([a, b], window_hours=24)) == {frozenset({"old"}), frozenset({"near"})}


def test_articles_older_than_the_window_expire_from_the_index() -> None:
    index = RelatedIndex(window_hours=72)
    index.add(
        art(
            "a",
            "x",
            "Toyota to pay $1.2 billion to settle US probe",
            published="2024-03-01T10:00:00Z",
        )
    )
    index.add(art("b", "y", "Airline strike grounds flights", published="2024-03-03T10:00:00Z"))
    assert len(index) == 2
    index.add(art("c", "z", "Quiet day on the markets", published="2024-03-05T10:00:00Z"))
    assert "a" not in index and "b" in index and len(index) == 2
    late = index.add(
        art("d", "x", "Toyota agrees $1.2bn settlement with US", published="2024-03-01T12:00:00Z")
    )
    assert late.related == () and "d" not in index  # too old to be kept, grouped alone
    assert index.expire(parse_time("2024-03-10T00:00:00Z")) == 2 and len(index) == 0


def test_parse_time() -> None:
    assert parse_time("2024-03-12") == parse_time("2024-03-12T00:00:00Z")
    assert parse_time("2024-03-12T10:00:00+02:00") == parse_time("2024-03-12T08:00:00Z")
    assert parse_time("yesterday") is None and parse_time(None) is None and parse_time("") is None


# ---------------------------------------------------------------------- join checks


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = sum(w * w for w in a.values()) ** 0.5
    nb = sum(w * w for w in b.values()) ** 0.5
    return dot / (na * nb)


def test_a_shared_phrase_counts_more_than_the_same_words_apart() -> None:
    first = features("Regulators propose net neutrality rules").vector
    phrase = features("Critics attack net neutrality rules").vector
    scattered = features("Critics attack rules, neutrality net").vector
    assert _cosine(first, phrase) > _cosine(first, scattered)


def _spread_group() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Ten members that each share one word with a newcomer: close to the group's sum, to none."""
    shared = [f"kel{c}vor" for c in "abcdefghij"]
    members = [
        art(f"m{i}", "spread", f"{word} zu{i}pha qa{i}dren lo{i}mit")
        for i, word in enumerate(shared)
    ]
    return members, art("new", "other", " ".join(shared))


def test_an_article_close_to_no_member_does_not_join(monkeypatch: pytest.MonkeyPatch) -> None:
    members, newcomer = _spread_group()

    def joins() -> bool:
        index = RelatedIndex(with_related=False)
        for m in members:
            index.add(m, group_id=1)
        return index.add(newcomer).group_id == 1

    assert not joins()
    monkeypatch.setattr(related_index, "MEMBER_FLOOR", 0.0)  # the centroid link alone is enough
    assert joins()


def test_one_shared_word_is_a_coincidence_not_an_event(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short headline sharing only a number with a group's members (a 6.1 quake, 6.1 percent
    unemployment) does not join it; one sharing two words with a member does."""
    quake = [
        art("q1", "quake", "Magnitude 6.1 quake hits Chile"),
        art("q2", "quake", "Chile quake measured at 6.1"),
    ]

    def joins(title: str) -> bool:
        index = RelatedIndex(with_related=False)
        first = [index.add(a).group_id for a in quake]
        assert first[0] == first[1]
        return index.add(art("new", "other", title)).group_id == first[0]

    assert joins("Strong 6.1 quake rattles Chile coast")
    assert not joins("Unemployment at 6.1 percent")
    monkeypatch.setattr(related_index, "MIN_SHARED", 1)  # one shared word is enough
    assert joins("Unemployment at 6.1 percent")


def test_a_text_without_capitalised_names_is_held_to_the_text_setting() -> None:
    """Forum posts and some blogs write in lower case: no names are found in their text, but
    it is a text all the same (many words, so posts of a kind share more of them), and it must
    meet the bar set for texts, not the lower one for bare headlines."""
    ups = {
        "id": "ups",
        "title": "which ups for a small homelab rack?",
        "published": "2025-06-10T10:00:00Z",
        "text": "my homelab rack has two servers, a switch and a nas. i want a ups that keeps it "
        "all running for ten minutes and shuts the servers down cleanly. which ups would you "
        "buy, and is a rack mounted one worth the money for a home setup like this?",
    }
    switch = {
        "id": "switch",
        "title": "is a 10gbe switch worth it for my homelab rack?",
        "published": "2025-06-10T12:00:00Z",
        "text": "my homelab rack has three servers and a nas on 1gbe. i am thinking about a "
        "10gbe switch so backups and vm migrations go faster. is the money worth it for a home "
        "setup like this, or should i wait until used switches get cheaper?",
    }
    assert not features(ups["title"], ups["text"]).names  # nothing capitalised to go by
    probe = RelatedIndex()
    probe.add(ups)
    cosine = dict(probe.add(switch).related)["ups"]
    index = RelatedIndex(threshold=cosine - 0.05, merge_threshold=cosine - 0.05)
    index.text_threshold = index.text_merge_threshold = cosine + 0.05
    index.add(ups)
    assert index.add(switch).group_id != index.group_of("ups")


@pytest.mark.parametrize(
    ("title", "source", "bare"),
    [
        ("Nadal keeps Spain alive in Davis Cup - Sportsnet.ca", "", "Nadal keeps Spain alive in Davis Cup"),
        ("Floods close the northern pier | The Guardian", "The Guardian", "Floods close the northern pier"),
        ("Floods close the northern pier – Guardian", "The Guardian", "Floods close the northern pier"),
        ("Spain beat Russia in the final - Nadal leads", "", "Spain beat Russia in the final - Nadal leads"),
        ("Spain beat Russia in the final - Nadal leads", "Reuters", "Spain beat Russia in the final - Nadal leads"),
        ("Covid-19 cases rise again in the north", "", "Covid-19 cases rise again in the north"),
        ("Short - bbc.co.uk", "", "Short - bbc.co.uk"),  # nothing left to be a headline
    ],
)  # fmt: skip
def test_a_sites_name_after_the_headline_is_not_part_of_it(
    title: str, source: str, bare: str
) -> None:
    assert strip_source_suffix(title, source) == bare
    if bare != title:
        assert features(title, source=source) == features(bare)


def test_the_same_long_headline_with_different_leads_is_one_story() -> None:
    """One report's feed gives the site's own lead, the other an agency's: the texts differ,
    the headline (less the site's name) is the same."""
    title = "Nadal keeps Spain alive against Russia in Davis Cup Finals"
    first = art(
        "a",
        "x",
        title,
        "Rafael Nadal beat Karen Khachanov in straight sets on Thursday to level the tie.",
        publisher="Local Desk",
    )
    second = art(
        "b",
        "x",
        f"{title} - Sportsnet.ca",
        "MADRID (AP) — The world No. 1 kept the hosts in the competition with a 6-4, 6-4 win "
        "in front of a home crowd, before the doubles decided the quarterfinal.",
        published="2024-03-12T13:00:00Z",
        publisher="Sportsnet",
    )
    other = art(
        "c",
        "y",
        "Spain reach the Davis Cup final after beating Russia in Madrid",
        "Spain will meet Canada in Sunday's final after Nadal and Granollers won the doubles.",
        published="2024-03-13T20:00:00Z",
        publisher="Local Desk",
    )
    assert sorted(sorted(map(str, g)) for g in group([first, second])) == [["a", "b"]]
    later = dict(second, published="2024-03-14T10:00:00Z")  # two days apart: not a copy
    assert sorted(sorted(map(str, g)) for g in group([first, later])) == [["a"], ["b"]]
    index = RelatedIndex()
    assert index.add(first).group_id == index.add(second).group_id  # as the refresh does
    assert index.add(other).group_id != index.group_of("a")


def test_an_article_alone_merges_with_a_group_only_where_a_member_confirms_it() -> None:
    """A merge of the new article's own group of one is a join in effect: one shared word
    ("plan") is no event, however the merge's mean link comes out."""

    def index() -> RelatedIndex:
        # joins made impossible, merges easy: the merge path alone decides
        made = RelatedIndex(threshold=0.99, merge_threshold=0.05)
        made.add({"id": "coke", "title": "Coke plans", "published": "2026-03-02T09:00:00Z"})
        return made

    one_word = index()
    one_word.add({"id": "harbour", "title": "Harbour plan", "published": "2026-03-02T10:00:00Z"})
    assert one_word.group_of("harbour") != one_word.group_of("coke")
    same_event = index()  # the control: two words shared, and a close vector
    same_event.add({"id": "buyout", "title": "Coke plans buyout",
                    "published": "2026-03-02T10:00:00Z"})  # fmt: skip
    assert same_event.group_of("buyout") == same_event.group_of("coke")


def test_template_headlines_with_another_name_in_the_slot_stay_apart() -> None:
    """A publisher's templates ("... Stock Options For X", "Why X (TICK) Stock Is Up Today")
    differ only in the company: each is its own story. A headline reworded in a common word by
    the same publisher is still the same story."""
    day = "2024-06-12"
    articles = [
        art("t1", "opt-wmt", "Interesting August Stock Options For WMT", published=day),
        art("t2", "opt-att", "Interesting August Stock Options For AT&T", published=day),
        art("t3", "opt-3m", "Interesting August Stock Options For 3M", published=day),
        art("t4", "opt-xom", "Interesting August Stock Options For Exxon Mobil", published=day),
        art("t5", "up-scty", "Why SolarCity (SCTY) Stock Is Up Today", published=day),
        art("t6", "up-fdx", "Why FedEx (FDX) Stock Is Up Today", published=day),
        art("t7", "up-bbry", "Why BlackBerry (BBRY) Stock Is Up Today", published=day),
        art("r1", "shares", "European shares slip as Ukraine crisis deepens", published=day),
        art("r2", "shares", "European shares dip as Ukraine crisis deepens", published=day),
        art("r3", "cube", "Google Doodle celebrates 40th birthday of Rubik's Cube", published=day),
        art("r4", "cube", "Google Doodle Celebrates 40th Birthday Of Rubik's Cube", published=day),
    ]
    for a in articles:
        a["publisher"] = "Motley Desk"
    assert partition(group(articles)) == events(articles)


@pytest.mark.parametrize(
    ("short", "spelled"),
    [
        ("Facebook pays $2bn for Oculus", "Facebook pays $2 billion for Oculus"),
        ("Shire rejects US$30B bid", "Shire rejects US$30 billion bid"),
        ("Bank profit up 14.5 pct", "Bank profit up 14.5%"),
        ("Sales fell 3 per cent", "Sales fell 3 percent"),
        ("Takeover worth £300m agreed", "Takeover worth £300 million agreed"),
    ],
)
def test_amounts_written_short_are_the_same_words_as_spelled_out(short: str, spelled: str) -> None:
    assert features(short).vector == features(spelled).vector


def test_a_lone_m_or_b_without_a_currency_is_left_alone() -> None:
    """ "100m" may be a sprint, "3M" a company: only money takes the short units."""
    assert (
        features("Bolt wins the 100m final").vector
        != features("Bolt wins the 100 million final").vector
    )
    assert "3m" in features("Interesting August Stock Options For 3M").vector
