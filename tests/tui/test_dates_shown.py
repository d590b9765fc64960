"""How a story pane gives a story's date: one format, no age copied from a page."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from reader.tui.format import ago, when_text

NOW = datetime(2025, 6, 29, 12, 0, tzinfo=UTC)


@pytest.fixture
def local_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the process's local time zone (TZ) for one test."""

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    use("UTC")
    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("value", "shown", "age"),
    [
        ("2025-06-28T11:00:00+00:00", "2025-06-28 11:00 UTC", "1d ago"),
        ("2025-06-29T10:00:00+02:00", "2025-06-29 08:00 UTC", "4h ago"),
        ("2025-06-29T09:30:00", "2025-06-29 09:30 UTC", "2h ago"),  # no zone: UTC, as stored
        ("2025-06-28", "2025-06-28", ""),  # a date only: no made-up 00:00, no age in hours
        ("2019-03-02", "2019-03-02", ""),
        ("33 minutes ago", "", ""),  # relative to when the page was written, not to now
        ("13 hours ago", "", ""),
        ("", "", ""),
    ],
)
def test_a_story_date_is_shown_one_way(
    value: str, shown: str, age: str, local_zone: Callable[[str], None]
) -> None:
    assert when_text(value) == shown
    assert ago(value, NOW) == age


def test_a_story_date_is_shown_in_local_time(local_zone: Callable[[str], None]) -> None:
    local_zone("EST5EDT,M3.2.0,M11.1.0")  # POSIX rules: no tz database needed
    assert when_text("2025-06-28T11:00:00+00:00") == "2025-06-28 07:00 EDT"
    assert when_text("2025-01-28T11:00:00+00:00") == "2025-01-28 06:00 EST"
    assert when_text("2025-06-28") == "2025-06-28"  # a date only is not moved to another day
    local_zone("IST-5:30")
    assert when_text("2025-06-28T20:00:00+00:00") == "2025-06-29 01:30 IST"


def test_a_made_up_date_far_from_now_gives_its_whole_year() -> None:
    from reader.tui.format import age

    assert age(datetime(1, 1, 1, tzinfo=UTC), NOW) == "0001"  # not "Jan'01", read as 2001
    assert age(datetime(1950, 3, 2, tzinfo=UTC), NOW) == "1950"
    assert age(datetime(2019, 3, 2, tzinfo=UTC), NOW) == "Mar'19"
