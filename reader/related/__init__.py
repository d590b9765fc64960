"""Which stories belong together: grouping articles that report the same event.

Public API:
- `group(articles) -> list[list[id]]`: batch grouping (every id in exactly one group).
- `RelatedIndex(window_hours=72)`: the incremental index used by the refresh; `add(item) -> Match`.
"""

from __future__ import annotations

from reader.related.index import Match, RelatedIndex, group, parse_time

__all__ = ["Match", "RelatedIndex", "group", "parse_time"]
