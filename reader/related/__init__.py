"""Which stories belong together: grouping articles that report the same event.

Public API:
- `group(articles) -> list[list[id]]`: batch grouping (every id in exactly one group).
- `RelatedIndex(window_hours=72)`: the incremental index used by the refresh; `add(item) -> Match`.
- `assign_new_articles(store, article_ids) -> Grouping`: assign stored articles and save the result
  (the index is rebuilt from the store, window only, on first use after a start).
"""

from __future__ import annotations

from reader.related.index import Match, RelatedIndex, group, parse_time
from reader.related.persist import Grouping, StoreGrouper, assign_new_articles, grouper_for

__all__ = [
    "Grouping",
    "Match",
    "RelatedIndex",
    "StoreGrouper",
    "assign_new_articles",
    "group",
    "grouper_for",
    "parse_time",
]
