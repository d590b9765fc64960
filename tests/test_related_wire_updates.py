"""A wire story's update with a new headline ("UPDATE 3-… death toll rises to 3") stays with its
earlier version's group, however the group grew meanwhile: other outlets' reports of the event,
worded their own ways, bring the group's wording away from the update's new facts, and the
update's link to the group fell under the threshold while its earlier version from the same
source is close to it. An update mark from the same source on another event stays apart."""

from __future__ import annotations

from typing import Any

from reader.related import group

QUAKE = "A magnitude 6.9 earthquake struck off the coast of Peru near Arequipa on Tuesday"
OUTLETS = [
    ("Peru earthquake: 6.9 tremor rattles Arequipa", f"{QUAKE}, shaking buildings in the city."),
    ("Strong quake hits southern Peru", f"{QUAKE}. Schools in Arequipa were closed."),
    ("Arequipa residents run into streets as quake strikes", f"{QUAKE}. Power was cut."),
    ("Magnitude 6.9 earthquake jolts Peru coast", f"{QUAKE}. The navy checked for a tsunami."),
    ("Tsunami alert after Peru quake near Arequipa", f"{QUAKE}, and a tsunami alert followed."),
    ("Peru: 6.9-magnitude quake shakes Arequipa region", f"{QUAKE}. Roads were blocked."),
    ("Quake off Peru sends Arequipa residents to higher ground", f"{QUAKE}. Thousands left."),
]  # fmt: skip


def item(n: int, title: str, text: str, publisher: str, hour: int) -> dict[str, Any]:
    return {
        "id": n,
        "title": title,
        "text": text,
        "publisher": publisher,
        "published": f"2026-11-24T{hour:02d}:00:00Z",
    }


def quake_day(update_title: str, update_text: str) -> list[dict[str, Any]]:
    first = item(
        0,
        "Earthquake of magnitude 6.9 strikes off Peru, tsunami alert issued",
        f"{QUAKE}, officials said, and a tsunami alert was issued for the coast.",
        "Global Wire",
        8,
    )
    outlets = [
        item(n, title, text, f"Outlet {n}", 9 + n) for n, (title, text) in enumerate(OUTLETS, 1)
    ]
    return [first, *outlets, item(99, update_title, update_text, "Global Wire", 20)]


def group_of(groups: list[list[Any]], article_id: int) -> list[Any]:
    return next(g for g in groups if article_id in g)


def test_an_update_with_new_facts_stays_with_its_first_version() -> None:
    articles = quake_day(
        "UPDATE 3-Peru earthquake death toll rises to 4, tsunami alert lifted",
        "Four people died after a magnitude 6.9 earthquake struck off Peru near Arequipa, "
        "officials said, as the navy lifted its tsunami alert.",
    )
    together = group_of(group(articles), 99)
    assert 0 in together and 1 in together


def test_an_update_of_another_event_from_the_same_source_stays_apart() -> None:
    articles = quake_day(
        "UPDATE 2-Wildfire near Valencia forces 2,000 to leave their homes",
        "A wildfire near Valencia in eastern Spain forced about 2,000 people to leave their "
        "homes on Tuesday, officials said, as firefighters fought the flames.",
    )
    assert group_of(group(articles), 99) == [99]


def test_an_update_from_another_source_is_judged_as_any_report() -> None:
    """Without a member from its own source, an update's mark says nothing about the group."""
    articles = quake_day(
        "UPDATE 3-Peru earthquake death toll rises to 4, tsunami alert lifted",
        "Four people died after a magnitude 6.9 earthquake struck off Peru near Arequipa, "
        "officials said, as the navy lifted its tsunami alert.",
    )
    articles[-1]["publisher"] = "Another Wire"
    assert group_of(group(articles), 99) == [99]
