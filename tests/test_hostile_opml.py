"""Hostile subscription lists: an OPML file nested tens of thousands deep is read in time and
memory that grow with its depth, not with the depth squared."""

from __future__ import annotations

import tracemalloc

from reader.opml import parse_opml


def _nested(depth: int, labels: str = "level {n}") -> bytes:
    head = "".join(f'<outline text="{labels.format(n=n)}">' for n in range(depth))
    feed = '<outline type="rss" text="Deep" xmlUrl="https://deep.example/feed"/>'
    return f"<opml><body>{head}{feed}{'</outline>' * depth}</body></opml>".encode()


def test_a_feed_20000_folders_deep_is_named_by_its_three_nearest_folders() -> None:
    (feed,) = parse_opml(_nested(20_000))
    assert feed.url == "https://deep.example/feed"
    assert feed.category == "level 19997 / level 19998 / level 19999"


def test_unlabelled_folders_between_do_not_push_the_named_ones_out() -> None:
    depth = 20_000
    head = '<outline text="Tech"><outline text="Linux">' + "<outline>" * depth
    feed = '<outline type="rss" text="Deep" xmlUrl="https://deep.example/feed"/>'
    doc = f"<opml><body>{head}{feed}{'</outline>' * (depth + 2)}</body></opml>".encode()
    (parsed,) = parse_opml(doc)
    assert parsed.category == "Tech / Linux"


def test_the_folders_kept_while_reading_do_not_grow_with_the_depth_squared() -> None:
    # Outlines 5,000 deep: about 3 MB while reading (the tree, each level once), where a copy
    # of the whole path at every level holds 5,000² / 2 references (100 MB; 100,000 deep, the
    # 3.4 MB file under the 5 MB cap, 40 GB)
    doc = _nested(5_000)
    tracemalloc.start()
    try:
        parse_opml(doc)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 25_000_000
