"""Which stories belong together: grouping articles that report the same event.

Public API:
- `group(articles) -> list[list[id]]`: batch grouping (every id in exactly one group).
- `RelatedIndex(window_hours=72)`: the incremental index used by the refresh; `add(item) -> Match`.
- `assign_new_articles(store, article_ids) -> Grouping`: assign stored articles and save the result
  (the index is rebuilt from the store, window only, on first use after a start).
- `regroup_window(store, window_hours, stop) -> Regroup`: the window grouped again in publication
  order when articles arrived after newer ones or the rules changed (`RULES_VERSION`).
"""

from __future__ import annotations

from reader.related.index import Match, RelatedIndex, group, parse_time
from reader.related.persist import (
    RULES_VERSION,
    Grouping,
    StoreGrouper,
    assign_new_articles,
    grouper_for,
)
from reader.related.regroup import Regroup, regroup_due, regroup_window

__all__ = [
    "RULES_VERSION",
    "Grouping",
    "Match",
    "Regroup",
    "RelatedIndex",
    "StoreGrouper",
    "assign_new_articles",
    "group",
    "grouper_for",
    "parse_time",
    "regroup_due",
    "regroup_window",
]
