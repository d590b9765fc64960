"""The public summarisation API: plain functions of text, safe on any input."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import replace

from reader.models import Summary
from reader.textutil import clean_block, clean_line

from . import newsrank
from .core import (
    DEFAULT_ALGORITHM,
    Prepared,
    Unit,
    choose,
    features_for,
    normalize_algorithm,
    prepare,
)
from .facts import Facts, Stated, figures, new_figures, restates
from .languages import detect_language, language_for
from .lists import items_line, listicle
from .scraps import SHORT_WORDS, is_most, is_scrap
from .tokenizer import split_words

log = logging.getLogger(__name__)

# A summary is at most this share of its story's sentences (at least one): "3 of 4" is the story
# again, not a summary of it. (Asking for the whole story or more still gives the whole story,
# with a note saying so.)
SUMMARY_SHARE = 0.5
# A summary of several stories keeps sentences this dissimilar from each other (cosine).
MULTI_REDUNDANCY = 0.45

MULTI_STORY_LIMIT = 300  # candidate sentences per story in a multi-story summary


# Notes of a summary that is a stand-in for one that failed: such a summary is not kept (a later
# version, or a second try, may succeed), and one kept by an older version is made again.
_FAILED = (
    "could not be read for a summary",
    "method failed on this story",
    "The summary of these stories failed",
    "The story summary failed",  # (said so before)
)


def failed(summary: Summary) -> bool:
    """Whether ``summary`` stands in for one that failed (its opening, or nothing, with a note)."""
    note = summary.note or ""
    return any(mark in note for mark in _FAILED)


STATS_ONLY = "The story is results and stat lines only; there are no sentences to summarise."


def short_story_note(words: int, said: int, where: str = "") -> str:
    """What is said of a summary that is most of its story (``is_most``), not worth reading
    first: the story is short, or a summary is most of its words; read the story whole (``where``
    it is: ", just below"). The one wording of the summary's note, the reader's story pane and
    ``newsreader summarize`` (``instead_of_summary``)."""
    if words < SHORT_WORDS:
        return f"The story is short ({words} words): read it whole{where}."
    share = round(100 * said / words)
    return f"A summary would be {share}% of the story's words: read the story whole{where}."


def instead_of_summary(sentences: Sequence[str], text: str) -> str | None:
    """What is shown in place of a summary's ``sentences`` printed above the story ``text``
    they are (nearly) all of (``is_most``, the words counted by ``split_words``): the
    ``short_story_note``, the story following just below; None for a summary worth reading."""
    if not sentences:
        return None
    words = len(split_words(text))
    said = sum(len(split_words(s)) for s in sentences)
    return short_story_note(words, said, ", just below") if is_most(said, words) else None


def _count(sentences: object, default: int) -> tuple[int, str | None]:
    if isinstance(sentences, bool) or not isinstance(sentences, int | float):
        return default, None
    if isinstance(sentences, float) and not math.isfinite(sentences):
        return default, None
    if sentences < 1:
        return 1, "A summary needs at least one sentence; showing one."
    return int(sentences), None


def _join(*notes: str | None) -> str | None:
    text = " ".join(n for n in notes if n)
    return text or None


def _short_note(available: int, asked: int) -> str | None:
    if available == 0 or available > asked:
        return None
    if available == 1:
        return "The story has only one sentence to show, so the summary is the whole story."
    return f"The story has only {available} sentences to show, so the summary is the whole story."


def _capped_note(count: int, total: int) -> str:
    kept = "its key sentence" if count == 1 else f"{count} of them"
    return f"The story has only {total} sentences; the summary keeps to {kept}."


def story_language(text: object, declared: str | None) -> str:
    """The language to summarise ``text`` in: the one its words show, else the declared one.

    Pages and feeds often declare none, or the site's language rather than the story's (an
    English story on a German site): stop words and stemming of the wrong language make the
    summary pick worse sentences, so a clear reading of the text itself wins."""
    detected = detect_language(text) if isinstance(text, str) else None
    return detected or language_for(declared)


def most_sentences(total: int) -> int:
    """The longest summary of a story of ``total`` candidate sentences: about half of it."""
    return max(1, int(total * SUMMARY_SHARE))


def summarize_story(
    text: str,
    sentences: int = 3,
    algorithm: str | None = None,
    language: str = "english",
    title: str | None = None,
    ratio: float | None = None,
    whole_note: bool = True,
) -> Summary:
    """A summary of one story: its best sentences in story order, with a note when it fell short.

    Length is ``sentences`` or, when given, ``ratio`` of the story's sentences (0 < ratio <= 1),
    and at most half of them (at least one) unless that asks for the whole story: a short story
    is not repeated almost whole.
    ``title`` (the headline) guides the choice but is never chosen. ``total_sentences`` counts the
    story's sentences that could be chosen (headline, credits and fragments left out).
    ``language`` ("de", "pt-BR", "german" ...) is used when the text does not show its own
    clearly (see ``story_language``). ``whole_note``: say when the summary is most of the story
    (``short_story_note``, the story's words counted as the reader counts them: every word of
    its text, not only those of the sentences that could be chosen); False where the length was
    asked for (N sentences asked, N given, with no advice to read the story whole).
    """
    name, algorithm_note = normalize_algorithm(algorithm)
    lang = story_language(text, language)
    head = clean_line(title) if isinstance(title, str) else None
    try:
        prepared = prepare(text, lang, head)
    except Exception:  # never let a story break the reader (our bug: in the log)
        log.exception("preparing a story for a summary failed")
        return Summary((), name, 0, "The story could not be read for a summary.")
    if not prepared.units:
        note = prepared.note
        if isinstance(text, str) and text.strip() and not any(ch.isalpha() for ch in text):
            note = "The text has no words to summarise."
        return Summary((), name, 0, _join(algorithm_note, note))
    units = prepared.units
    if all(unit.stat for unit in units):
        return Summary((), name, len(units), _join(algorithm_note, STATS_ONLY))
    count, count_note = _count(sentences, 3)
    if ratio is not None:
        if isinstance(ratio, int | float) and not isinstance(ratio, bool) and 0 < ratio <= 1:
            count, count_note = max(1, round(ratio * len(units))), None
        else:
            count_note = _join(count_note, "The summary ratio must be between 0 and 1; ignored it.")
    if count < len(units) and count > most_sentences(len(units)):
        count = most_sentences(len(units))
        count_note = _join(count_note, _capped_note(count, len(units)))
    if len(units) <= count:
        return Summary(
            tuple(u.text for u in units),
            name,
            len(units),
            _join(algorithm_note, count_note, _short_note(len(units), count)),
        )
    try:
        picked, run_note = choose(units, count, name, lang, head)
    except Exception:
        log.exception("the %s summary failed", name)
        picked = list(range(count))
        run_note = f"The {name} method failed on this story; showing its opening."
    chosen = sorted(set(picked))[:count]
    if name == DEFAULT_ALGORITHM and isinstance(text, str):
        listed = _listicle_summary(text, count, lang, head, len(units))
        if listed is not None:
            return replace(listed, note=_join(algorithm_note, count_note, listed.note))
    most = None
    if whole_note and isinstance(text, str):
        words = len(split_words(clean_block(text)))  # (the reader's count: instead_of_summary's)
        said = sum(len(units[i].words) for i in chosen)
        most = short_story_note(words, said) if is_most(said, words) else None
    return Summary(
        tuple(units[i].text for i in chosen),
        name,
        len(units),
        _join(algorithm_note, count_note, run_note, most),
    )


def _listicle_summary(
    text: str, count: int, language: str, title: str | None, total: int
) -> Summary | None:
    """For a story that is mostly a list of headed items: the best sentences of its opening
    (``count`` - 1 of them) and a line naming the items. None for any other story."""
    found = listicle(text, language, title)
    if found is None:
        return None
    intro: list[str] = []
    if count > 1 and found.intro.strip():
        # (sentences only: a kicker or a label over the list is no opening to show)
        opening = [u for u in prepare(found.intro, language, title).units if not is_scrap(u.text)]
        for position, unit in enumerate(opening):
            unit.position = position
        if opening:
            wanted = min(count - 1, len(opening))
            picked, _ = choose(opening, wanted, DEFAULT_ALGORITHM, language, title)
            intro = [opening[i].text for i in sorted(set(picked))[:wanted]]
    items = len(found.headings)
    note = f"The story is a list of {items} items; the summary names them."
    return Summary((*intro, items_line(found.headings)), DEFAULT_ALGORITHM, total, note)


def summarize(
    text: str,
    sentences: int = 3,
    algorithm: str | None = None,
    language: str = "english",
    title: str | None = None,
) -> list[str]:
    """The story's best ``sentences`` sentences in story order (fewer when the story is shorter)."""
    return list(summarize_story(text, sentences, algorithm, language, title).sentences)


def summarize_many(
    stories: list[tuple[str | None, str]],
    sentences: int = 5,
    language: str = "english",
    ranked: bool = False,
) -> Summary:
    """A summary across a main story (first) and its related stories: the most central sentences of
    all of them, without near-duplicates nor another story's sentence that states a fact of the
    main story again (one of its figures with words of it: ``facts.restates``), in story order
    (main story first); ``ranked``: what most of the other stories carry that the main story
    does not say first (``_support``), then most central first (for a caller that keeps the
    first few of those that pass its own test: what the other stories add to an opened one)."""
    texts = [item[1] for item in stories if isinstance(item, tuple | list) and len(item) == 2]
    lang = story_language(" ".join(t for t in texts[:5] if isinstance(t, str)), language)
    count, count_note = _count(sentences, 5)
    units: list[Unit] = []
    titles: list[str] = []
    for item in stories if isinstance(stories, list | tuple) else []:
        if not isinstance(item, tuple | list) or len(item) != 2:
            continue
        title, text = item
        head = clean_line(title) if isinstance(title, str) else ""
        try:
            prepared = prepare(text, lang, head, group=len(titles))
        except Exception:  # one story that cannot be read leaves the others
            log.exception("preparing a story of a group for its summary failed")
            prepared = Prepared([], 0)
        if not prepared.units:
            continue
        group = len(titles)
        titles.append(head)
        for unit in prepared.units[:MULTI_STORY_LIMIT]:
            unit.group = group
            units.append(unit)
    if not units:
        return Summary(
            (), DEFAULT_ALGORITHM, 0, _join(count_note, "There is no text to summarise.")
        )
    try:
        features = features_for(units, lang, titles, multi=True)
        params = newsrank.Params(redundancy=MULTI_REDUNDANCY)
        picked = newsrank.select(features, len(units), params)
        facts = Facts(lang)
        stated = _stated(units, facts)
        first = [k for k in range(len(units)) if units[k].group == 0 and stated[k][0]]
        # (the first story's figures and kinds of change: its sentences' and its headline's)
        told = [stated[k][0] for k in first] + [figures(titles[0])]
        changes = [facts.changes(u.text) for u in units]
        changed = facts.changes(titles[0]).union(
            *(found for unit, found in zip(units, changes, strict=True) if unit.group == 0)
        )
        # Keep only sentences unlike every sentence kept before them, and none of another
        # story that states a fact of the first story again (its figure, with words of it).
        # A sentence of another story giving a figure the first story does not give, or a kind
        # of change it does not report, states a fact of its own ("14 people were injured",
        # "thousands were evacuated after the 7.1 quake", "... as the warning was lifted"): not
        # a restatement, nor a repeat of a kept sentence by sharing most of its words (only a
        # copy of one: the same words, a high cosine).
        kept: list[int] = []
        for i in picked:
            if len(kept) >= count:
                break
            news = new_figures(stated[i][0], told) or changes[i] - changed
            fresh = bool(units[i].group and news)
            if units[i].group and not fresh and any(restates(stated[i], stated[k]) for k in first):
                continue
            if newsrank.repeats(features, i, kept, params, overlap=not fresh):
                continue
            if any(_near_duplicate(units[i].words, units[k].words) for k in kept):
                continue
            kept.append(i)
        support = _support(units, [words for _, words in stated], kept) if ranked else {}
        note = None
    except Exception:
        log.exception("the summary of a group of stories failed")
        kept = list(range(min(count, len(units))))
        support = {}
        note = "The summary of these stories failed; showing their opening sentences."
    if not ranked:
        kept.sort(key=lambda i: (units[i].group, units[i].position))
    else:  # what most stories carry (and the first does not say) first
        kept.sort(key=lambda i: -support.get(i, 0))  # (stable: most central first among equals)
    short = None
    if len(kept) < count:
        short = f"Only {len(kept)} distinct sentences were found across the stories."
    return Summary(
        tuple(units[i].text for i in kept),
        DEFAULT_ALGORITHM,
        len(units),
        _join(count_note, note, short),
    )


def _stated(units: list[Unit], facts: Facts) -> list[Stated]:
    return [(figures(u.text), facts.words(u.text)) for u in units]


# A word in at least this share of the stories is what they all tell (the event: "Iceland",
# "lava"), not a fact that some of them add.
COMMON_SHARE = 0.5
SUPPORT_WORDS = 2  # words of what a sentence adds that another story's sentence must share


def _support(units: list[Unit], words: list[frozenset[str]], kept: list[int]) -> dict[int, int]:
    """For each kept sentence, how many stories carry what it adds to the first story: its
    content words (``words``: each unit's) the first story does not have and fewer than
    COMMON_SHARE of the stories do, at least SUPPORT_WORDS of them (or all, when it has fewer)
    in a sentence of each story counted; 0 for a sentence that adds no such word."""
    groups = {u.group for u in units}
    by_group: dict[int, set[str]] = {}
    for unit, found in zip(units, words, strict=True):
        by_group.setdefault(unit.group, set()).update(found)
    first = by_group.get(0, set())
    spread: dict[str, int] = {}
    for seen in by_group.values():
        for word in seen:
            spread[word] = spread.get(word, 0) + 1
    common = {w for w, n in spread.items() if n >= max(2, COMMON_SHARE * len(groups))}
    support: dict[int, int] = {}
    for i in kept:
        adds = words[i] - first - common
        need = min(SUPPORT_WORDS, len(adds))
        carried = {units[i].group}
        if need:
            for j, theirs in enumerate(words):
                if units[j].group not in carried and len(adds & theirs) >= need:
                    carried.add(units[j].group)
        support[i] = len(carried) if need else 0
    return support


def _near_duplicate(a: list[str], b: list[str]) -> bool:
    """Word-set overlap high enough that one sentence is a copy of the other with small edits."""
    sa, sb = {w.lower() for w in a}, {w.lower() for w in b}
    if not sa or not sb:
        return False
    return len(sa & sb) / min(len(sa), len(sb)) >= 0.8
