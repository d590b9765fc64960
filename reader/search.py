"""How a search box is read: the one home for it (the store's full-text query, the reader's
marks of the words found).

Read as web search engines read one: every word must be there, ``"a phrase"`` its words in that
order, ``a OR b`` either of the two words beside it (``spain OR russia election``: an election in
either), and ``-word`` must not be there, whatever the rest says. The last word typed is a
prefix ("hikvis" finds "Hikvision"), unless it is one letter, a phrase, left out, or ends in a
sign ("C++").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.textutil import clean_line

_SEARCH_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class SearchTerms:
    clauses: tuple[tuple[str, ...], ...]  # every clause must match: any one of its terms
    excluded: tuple[str, ...]  # terms that must not be there
    prefix: bool  # the last term of the last clause (the last word typed) is a prefix


def parse_search(text: str) -> SearchTerms:
    """The terms of what a user typed (a term is a word or a phrase)."""
    clauses: list[list[str]] = []
    excluded: list[str] = []
    either = False  # an OR since the last term: the next term joins the last clause
    prefix = False
    for match in _SEARCH_TERM.finditer(clean_line(text)):
        minus, phrase, word = match.groups()
        if word == "OR":
            either = bool(clauses)
            continue
        minus_word = word is not None and word.startswith("-") and len(word) > 1
        term = phrase if phrase is not None else word.removeprefix("-") if minus_word else word
        term = term.replace('"', " ").strip()
        if not term:
            continue
        if minus or minus_word:
            excluded.append(term)
            prefix = False
        else:
            if either:
                clauses[-1].append(term)
            else:
                clauses.append([term])
            prefix = phrase is None and term[-1].isalnum() and len(term) > 1
        either = False
    return SearchTerms(
        tuple(tuple(c) for c in clauses), tuple(excluded), prefix=prefix and bool(clauses)
    )


def fts_query(text: str) -> str:
    """A safe FTS5 query for what a user typed ("" when it looks for nothing): every term is
    quoted, so no FTS5 syntax gets through."""
    terms = parse_search(text)
    if not terms.clauses:
        return ""
    clauses = [[f'"{t}"' for t in clause] for clause in terms.clauses]
    if terms.prefix:
        clauses[-1][-1] += "*"
    expression = " AND ".join(f"({' OR '.join(c)})" for c in clauses)
    if terms.excluded:
        left_out = " OR ".join(f'"{t}"' for t in terms.excluded)
        expression = f"({expression}) NOT ({left_out})"
    return expression
