"""Grouping kept in the store, and rebuilt from it after a restart."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from reader.models import ParsedEntry
from reader.related import StoreGrouper, assign_new_articles, grouper_for, parse_time
from reader.store import Store, open_store
from tests.test_related_samples import FULL_TEXT

WEEK = 7 * 24.0  # the samples span four days


def entry(a: dict[str, Any]) -> ParsedEntry:
    return ParsedEntry(
        guid=f"urn:{a['id']}",
        url=a["url"],
        title=a["title"],
        published=datetime.fromisoformat(a["published"].replace("Z", "+00:00")),
        summary_text=a["text"],
    )


def stored(
    store: Store, articles: list[dict[str, Any]], feed: str = "https://wire.test/feed"
) -> dict[str, int]:
    """Store the samples as entries of one feed; returns sample id -> article id."""
    f, _ = store.add_feed(feed, "Wire")
    new_ids, _ = store.upsert_entries(f.id, [entry(a) for a in articles], language="en")
    return {a["id"]: i for a, i in zip(articles, new_ids, strict=True)}


def group_of(store: Store, article_id: int) -> int | None:
    a = store.article(article_id)
    assert a is not None
    return a.group_id


def test_new_articles_get_groups_duplicates_and_related_links(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    ids = stored(store, FULL_TEXT)
    result = assign_new_articles(store, list(ids.values()), window_hours=WEEK)
    assert result.error is None and len(result.matches) == len(FULL_TEXT)

    by_event: dict[str, set[int | None]] = {}
    for a in FULL_TEXT:
        by_event.setdefault(a["event"], set()).add(group_of(store, ids[a["id"]]))
    assert all(len(g) == 1 and None not in g for g in by_event.values())
    assert len({next(iter(g)) for g in by_event.values()}) == len(by_event)  # one group per event

    copy = store.article(ids["chile-4"])
    assert copy is not None and copy.duplicate_of == ids["chile-1"]
    related = store.related(ids["chile-3"])
    assert {a.id for a, _ in related} == {ids["chile-1"], ids["chile-2"], ids["chile-4"]}
    assert [s for _, s in related] == sorted((s for _, s in related), reverse=True)
    # links are kept both ways
    assert ids["chile-3"] in {a.id for a, _ in store.related(ids["chile-1"])}
    assert store.related(ids["probe-1"]) == []


def test_grouping_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    first = [a for a in FULL_TEXT if a["id"] != "chile-3"]
    ids = stored(store, first)
    assert assign_new_articles(store, list(ids.values()), window_hours=WEEK).error is None
    chile_group = group_of(store, ids["chile-1"])
    highest = max(g for g in (group_of(store, i) for i in ids.values()) if g is not None)
    store.close()

    reopened = open_store(path)  # a new process: nothing in memory
    late = next(a for a in FULL_TEXT if a["id"] == "chile-3")
    other = {**FULL_TEXT[-1], "id": "new-topic", "title": "Library opens on Sundays",
             "text": "The city library will open on Sundays from April.", "url": "https://x.test/lib"}  # fmt: skip
    new = stored(reopened, [late, other])
    result = assign_new_articles(reopened, list(new.values()), window_hours=WEEK)
    assert result.error is None
    assert result.loaded == len(first)  # the index was rebuilt from the store
    assert group_of(reopened, new["chile-3"]) == chile_group
    assert (group_of(reopened, new["new-topic"]) or 0) > highest  # no clash with stored groups
    related = {a.id for a, _ in reopened.related(new["chile-3"])}
    assert related == {ids["chile-1"], ids["chile-2"], ids["chile-4"]}
    reopened.close()


def test_rebuild_loads_only_the_window_and_assigns_unassigned_articles(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    old = {
        **FULL_TEXT[0],
        "id": "old",
        "published": "2024-03-01T10:00:00Z",
        "url": "https://o.test/1",
    }
    ids = stored(store, [old, *FULL_TEXT])
    grouper = StoreGrouper(store, window_hours=72)
    loaded = grouper.rebuild()  # nothing was grouped yet: everything in the window gets assigned
    newest = max(parse_time(a["published"]) or 0.0 for a in FULL_TEXT)
    inside = [
        a["id"] for a in FULL_TEXT if (parse_time(a["published"]) or 0.0) >= newest - 72 * 3600
    ]
    assert 0 < len(inside) < len(FULL_TEXT) and loaded == len(inside)
    assert grouper.index is not None and ids["old"] not in grouper.index
    assert all(ids[i] in grouper.index for i in inside)
    assert group_of(store, ids["chile-1"]) == group_of(store, ids["chile-2"]) is not None
    assert group_of(store, ids["old"]) is None


def test_merged_groups_are_relabelled_in_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "news.db")
    ids = list(stored(store, FULL_TEXT[:3]).values())
    store.save_grouping([(ids[0], 7, None), (ids[1], 8, None), (ids[2], 8, ids[1])], [], [])
    store.save_grouping([], [(ids[2], [(ids[0], 0.4), (ids[1], 0.9)])], [(8, 7)])
    assert [group_of(store, i) for i in ids] == [7, 7, 7]
    assert [round(s, 2) for _, s in store.related(ids[2])] == [0.9, 0.4]
    assert store.max_group_id() == 7


def test_a_read_only_store_gives_an_error_value(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    store = open_store(path)
    ids = stored(store, FULL_TEXT[:2])
    store.close()
    read_only = Store(path, read_only=True)
    result = grouper_for(read_only).assign(list(ids.values()))
    assert result.error and "group" in result.error.lower()
    assert result.matches == ()
    assert grouper_for(read_only).index is None  # rebuilt from the store next time


def test_two_processes_grouping_one_database_never_share_a_group_id(tmp_path: Path) -> None:
    """The reader's housekeeping and a `newsreader refresh` run from cron each keep an index of
    their own: a new group one of them starts must not take an id the other gave its group."""
    path = tmp_path / "news.db"
    first, second = open_store(path), open_store(path)  # as two processes would
    by_event: dict[str, list[dict[str, Any]]] = {}
    for a in FULL_TEXT:
        by_event.setdefault(a["event"], []).append(a)
    events = sorted(by_event)
    mine = [a for e in events[::2] for a in by_event[e]]
    theirs = [a for e in events[1::2] for a in by_event[e]]
    one, two = StoreGrouper(first, WEEK), StoreGrouper(second, WEEK)
    one.rebuild()  # both started before either grouped anything
    two.rebuild()
    ids_mine = stored(first, mine, "https://one.test/feed")
    ids_theirs = stored(second, theirs, "https://two.test/feed")
    assert one.assign(list(ids_mine.values())).error is None
    assert two.assign(list(ids_theirs.values())).error is None
    groups_mine = {group_of(first, i) for i in ids_mine.values()}
    groups_theirs = {group_of(first, i) for i in ids_theirs.values()}
    assert None not in groups_mine | groups_theirs
    assert not groups_mine & groups_theirs  # different events: never one group
    first.close()
    second.close()


def test_a_report_grouped_in_another_process_is_seen_by_the_next_grouping(tmp_path: Path) -> None:
    """The reader's housekeeping has its index; `newsreader refresh` (another process, another
    index) then stores and groups reports of an event; the housekeeping's next report of that
    event joins their group (its index reads the store again) instead of starting its own."""
    path = tmp_path / "news.db"
    reader_side, cron_side = open_store(path), open_store(path)
    chile = {a["id"]: a for a in FULL_TEXT if a["event"] == "quake-chile"}
    other = next(a for a in FULL_TEXT if a["event"] == "probe")
    housekeeping, cron = StoreGrouper(reader_side, WEEK), StoreGrouper(cron_side, WEEK)
    before = stored(reader_side, [other], "https://one.test/feed")
    assert housekeeping.assign(list(before.values())).error is None  # its index is built
    theirs = stored(cron_side, [chile["chile-1"], chile["chile-2"]], "https://two.test/feed")
    assert cron.assign(list(theirs.values())).error is None
    group = group_of(cron_side, theirs["chile-1"])
    assert group is not None and group == group_of(cron_side, theirs["chile-2"])
    mine = stored(reader_side, [chile["chile-3"]], "https://three.test/feed")
    assert housekeeping.assign(list(mine.values())).error is None
    assert group_of(reader_side, mine["chile-3"]) == group
    reader_side.close()
    cron_side.close()


def test_articles_grouped_by_the_rebuild_keep_their_group_when_their_chunk_comes(
    tmp_path: Path,
) -> None:
    """A refresh groups its new articles a chunk at a time. The first chunk after a start
    rebuilds the index, which also assigns every other ungrouped article of the window; the
    later chunks then name articles that already have a group. Grouping one twice would move
    it to a new group away from the related links it was given (a "+2" marker on a story
    that stands alone)."""
    store = open_store(tmp_path / "news.db")
    ids = stored(store, FULL_TEXT)
    order = list(ids.values())
    half = len(order) // 2
    assert assign_new_articles(store, order[:half], window_hours=WEEK).error is None
    after_rebuild = {i: group_of(store, i) for i in order}
    assert None not in after_rebuild.values()  # the rebuild grouped the second half too

    second = assign_new_articles(store, order[half:], window_hours=WEEK)
    assert second.error is None
    assert {i: group_of(store, i) for i in order} == after_rebuild
    for i in order:  # every related link stays inside its group
        assert all(group_of(store, other.id) == group_of(store, i) for other, _ in store.related(i))


def test_another_feeds_copy_is_a_copy_however_old(tmp_path: Path) -> None:
    """A section feed subscribed later re-serves the site's stories under its own guids: each
    one with the same link and headline is that story's copy, even when the story is older
    than the window (the index has let it go), and only such a one."""
    store = open_store(tmp_path / "news.db")
    old = [dict(a, id=f"old-{a['id']}", published="2026-01-01T09:00:00Z") for a in FULL_TEXT[:3]]
    new = [dict(a, published="2026-01-20T09:00:00Z") for a in FULL_TEXT[3:6]]
    ids = stored(store, old + new)
    assert assign_new_articles(store, list(ids.values()), window_hours=72).error is None

    section, _ = store.add_feed("https://wire.test/section/feed", "Wire – Section")
    again = [dict(old[0], id="again-0"), dict(old[1], id="again-1", title="A new headline")]
    copy_ids, _ = store.upsert_entries(
        section.id,
        [
            ParsedEntry(
                guid=f"section-{a['id']}",  # its own guids: articles of their own
                url=a["url"],
                title=a["title"],
                published=datetime.fromisoformat(a["published"].replace("Z", "+00:00")),
                summary_text=a["text"],
            )
            for a in again
        ],
        language="en",
    )
    result = assign_new_articles(store, copy_ids, window_hours=72)
    assert result.error is None
    first, retitled = (store.article(i) for i in copy_ids)
    assert first is not None and retitled is not None
    assert first.duplicate_of == ids["old-" + FULL_TEXT[0]["id"]]
    assert first.group_id == group_of(store, ids["old-" + FULL_TEXT[0]["id"]])
    assert retitled.duplicate_of is None  # the same link under another headline: not this rule
