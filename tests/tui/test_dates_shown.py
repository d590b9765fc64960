"""How a story pane gives a story's date: one format, no age copied from a page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.tui.format import ago, when_text

NOW = datetime(2025, 6, 29, 12, 0, tzinfo=UTC)


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
def test_a_story_date_is_shown_one_way(value: str, shown: str, age: str) -> None:
    assert when_text(value) == shown
    assert ago(value, NOW) == age
