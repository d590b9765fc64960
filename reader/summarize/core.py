"""Extractive summaries of stories: sumy's methods and newsrank, offline, never raising on bad input."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from reader.textutil import clean_block, clean_line

from . import newsrank
from .languages import stemmer_for, stop_words
from .scraps import (
    announces,
    asks,
    ends_quotation,
    is_credit,
    is_poor,
    is_scrap,
    is_stat,
    leans_back,
    links_back,
    repeats_headline,
    stat_tail,
    strip_citations,
    strip_dateline,
    strip_marker,
)
from .tokenizer import OfflineTokenizer, shouting, split_lines, split_words

DEFAULT_ALGORITHM = "newsrank"
ALGORITHMS: tuple[str, ...] = (
    DEFAULT_ALGORITHM,
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "kl",
    "reduction",
    "edmundson",
)
_ALIASES = {"default": DEFAULT_ALGORITHM, "lex-rank": "lexrank", "text-rank": "textrank",
            "kl-sum": "kl", "klsum": "kl", "lead": "lead"}  # fmt: skip
# Stock methods are pure Python and slow on long stories: beyond these many sentences they choose
# among newsrank's best ones (KL-Sum re-scores the whole story for every pick).
STOCK_LIMIT = 200
STOCK_LIMITS = {"kl": 60, "lsa": 120}
# newsrank builds an n x n matrix: beyond this many sentences only the first ones are candidates.
GRAPH_LIMIT = 1500
# Longer "sentences" (text without full stops) are cut into pieces of about PIECE words.
RUN_ON = 120
PIECE = 40
RUN_ON_SHARE = 0.5  # of the story's words in such pieces: the story is written without stops
# A line of at most two sentences and this many words that carries a photo credit is a caption.
CAPTION_WORDS = 40
_DIGIT = re.compile(r"\d")
_QUOTE_START = re.compile(r"^[\"“‘'«„]")


@dataclass(slots=True)
class Unit:
    """One candidate sentence of a story."""

    text: str
    position: int  # among the story's candidate sentences
    paragraph_first: bool
    words: list[str]
    group: int = 0
    loud: bool = False  # the story is written in capitals
    stat: bool = False  # a results or stat line (or the next entry of one in its paragraph)


@dataclass(slots=True)
class Prepared:
    units: list[Unit]
    total: int  # sentences in the story (scraps and headline included)
    note: str | None = None


def normalize_algorithm(algorithm: str | None) -> tuple[str, str | None]:
    """The algorithm to run and, when the request was not understood, a note saying so."""
    if algorithm is None or not isinstance(algorithm, str) or not algorithm.strip():
        return DEFAULT_ALGORITHM, None
    key = algorithm.strip().lower().replace("_", "-").replace(" ", "")
    key = _ALIASES.get(key, key)
    if key in ALGORITHMS or key == "lead":
        return key, None
    name = clean_line(algorithm, 40)
    return DEFAULT_ALGORITHM, f"Unknown summary method {name!r}; used {DEFAULT_ALGORITHM} instead."


def prepare(text: str, language: str, title: str | None, group: int = 0) -> Prepared:
    """Candidate sentences of a story: headline, scraps and fragments left out."""
    if not isinstance(text, str):
        return Prepared([], 0, "There is no text to summarise.")
    text = strip_citations(clean_block(text))
    head = clean_line(title) if isinstance(title, str) else ""
    paragraphs = [_sentences(p, language) for p in re.split(r"\n\s*\n", text)]
    total = sum(len(p) for p in paragraphs)
    # Pieces cut from run-on "sentences" are candidates only where they are most of the story
    # (text without full stops); elsewhere they are flattened lists, tables and menus.
    flat = [item for p in paragraphs for item in p]
    cut = sum(len(sentence.split()) for sentence, _, piece, _ in flat if piece)
    pieces = cut > RUN_ON_SHARE * sum(len(sentence.split()) for sentence, _, _, _ in flat)
    loud = shouting(text)  # written in capitals: capitals mark no label or caption
    units = _units(paragraphs, head, group, strict=True, pieces=pieces, loud=loud)
    if not units:  # a story of fragments only: better to show them than nothing
        units = _units(paragraphs, head, group, strict=False, loud=loud)
    if head and len(units) > 1:
        units = _without_headline_again(units, head, language)
    units = _without_deck_again(units, language)
    units = _without_standfirst(units)
    note = None
    if total == 0:
        note = "There is no text to summarise."
    elif not units:
        note = (
            "The story has no sentences worth summarising (only a headline, credits or fragments)."
        )
    return Prepared(units, total, note)


# A sentence that says the headline again in other words: it holds most of the headline's content
# words and adds fewer than this many of its own ("WeWork is reportedly being investigated by the
# New York State Attorney General." under "New York State Attorney General reportedly
# investigating WeWork").
HEADLINE_NEW_WORDS = 2
HEADLINE_SHARE = 0.6


def _without_headline_again(units: list[Unit], head: str, language: str) -> list[Unit]:
    stem = stemmer_for(language)
    stops = stop_words(language)

    def content(words: list[str]) -> set[str]:
        return {stem(w) for w in words if w.lower() not in stops and len(w) > 1}

    title = content(split_words(head))
    if len(title) < 3:
        return units
    kept = [
        u
        for u in units
        if not (
            len(content(u.words) - title) < HEADLINE_NEW_WORDS
            and len(content(u.words) & title) >= HEADLINE_SHARE * len(title)
        )
    ]
    if not kept:
        return units
    for position, unit in enumerate(kept):
        unit.position = position
    return kept


# A deck (standfirst) is a paragraph of one sentence above the lead, and often says what the lead
# says in other words ("Ministers will raise the pension age to 68 by 2037, eight years sooner
# than planned." over "The state pension age will rise to 68 by 2037, eight years earlier than
# planned, the government announced on Wednesday."): when the two share this share of the
# shorter one's content words and figures, and this share of both's (Jaccard), the one with
# fewer is left out. A second paragraph that leans on the first ("It will close in May ...")
# is no restatement, and neither is a first sentence with more in its paragraph. (A headline
# left in the text above the lead is such a deck too, when no title says it is the headline.)
DECK_SHARE = 0.6
DECK_JACCARD = 0.4
_FIGURE = re.compile(r"\d+(?:[.,:/]\d+)*")


def _without_deck_again(units: list[Unit], language: str) -> list[Unit]:
    if len(units) < 3 or not units[1].paragraph_first or leans_back(units[1].text, language):
        return units
    if is_poor(units[0].text) or is_poor(units[1].text):
        return units  # a fragment or a stat line is no deck or lead: newsrank passes it over
    stem = stemmer_for(language)
    stops = stop_words(language)

    def content(unit: Unit) -> set[str]:
        words = {
            stem(w)[: newsrank.PREFIX] for w in unit.words if w.lower() not in stops and len(w) > 1
        }
        return words | {f"#{figure}" for figure in _FIGURE.findall(unit.text)}

    deck, lead = content(units[0]), content(units[1])
    shared = len(deck & lead)
    if min(len(deck), len(lead)) < 3 or shared < DECK_SHARE * min(len(deck), len(lead)):
        return units
    if shared < DECK_JACCARD * len(deck | lead):
        return units
    kept = units[1:] if len(deck) <= len(lead) else units[:1] + units[2:]
    kept[0].paragraph_first = True
    for position, unit in enumerate(kept):
        unit.position = position
    return kept


Sentence = tuple[str, bool, bool, bool]


# A standfirst: the story's first paragraph, one line with no full stop ("Penalties for those who
# refuse to self-isolate are to be increased to a maximum of £10,000"), over the lead. The reader
# shows it right under the headline, so a summary that opens with it says it twice.
_END_MARK = re.compile(r"[.!?…。！？؟]\W*$")


def _without_standfirst(units: list[Unit]) -> list[Unit]:
    if len(units) < 3 or not units[1].paragraph_first or _END_MARK.search(units[0].text):
        return units
    kept = units[1:]
    for position, unit in enumerate(kept):
        unit.position = position
    return kept


def _sentences(paragraph: str, language: str) -> list[Sentence]:
    """Sentences of a paragraph, each with whether it is part of a caption or credit line,
    whether it is a piece cut from a run-on "sentence" (a flattened list, text without stops)
    and whether it is a stat line ("Melbourne (3-0): Osas Osaro 3 goals, 1 assist.") or the next
    entry of one in the same line ("Aden O'Hara 2 goals, 2 assists.")."""
    out: list[Sentence] = []
    for line in split_lines(paragraph, language):
        caption = (
            len(line) <= 2
            and sum(len(s.split()) for s in line) <= CAPTION_WORDS
            and any(is_credit(s) for s in line)
        )
        stats = False
        for s in line:
            stat = is_stat(s) or (stats and stat_tail(s))
            stats = stat
            pieces = _run_on(s)
            out.extend((piece, caption, len(pieces) > 1, stat) for piece in pieces)
    return out


def _run_on(sentence: str) -> list[str]:
    """A "sentence" of more than RUN_ON words (text without full stops) cut into readable pieces,
    preferably after a comma, semicolon or colon."""
    tokens = sentence.split()
    if len(tokens) <= RUN_ON:
        return [sentence]
    pieces: list[str] = []
    start = 0
    while start < len(tokens):
        end = min(len(tokens), start + PIECE)
        if end < len(tokens):
            for cut in range(end, start + PIECE // 2, -1):
                if tokens[cut - 1].endswith((",", ";", ":")):
                    end = cut
                    break
        pieces.append(" ".join(tokens[start:end]))
        start = end
    return pieces


def _units(
    paragraphs: list[list[Sentence]],
    head: str,
    group: int,
    strict: bool,
    pieces: bool = False,
    loud: bool = False,
) -> list[Unit]:
    units: list[Unit] = []
    head_words = [w.lower() for w in split_words(head)] if head else []
    seen: set[str] = set()  # pages often repeat a sentence (pull quotes, teasers)
    for sentences in paragraphs:
        first = True
        for sentence, caption, piece, stat in sentences:
            if caption or (piece and strict and not pieces):
                continue
            sentence = strip_marker(sentence)
            words = split_words(sentence)
            if repeats_headline([w.lower() for w in words], head_words):
                continue
            if is_scrap(sentence, strict, words, loud):
                continue
            shown = strip_dateline(sentence, loud)
            if shown != sentence:
                words = split_words(shown)
                if is_scrap(shown, strict, words, loud):
                    continue  # "Astronaut (NR): Jaden Siemans 7 saves." is no dateline's story
            key = " ".join(shown.lower().split())
            if key in seen:
                continue
            seen.add(key)
            units.append(Unit(shown, len(units), first, words, group, loud, stat))
            first = False
    return units


def _stems(units: list[Unit], language: str) -> list[list[str]]:
    stem = stemmer_for(language)
    stops = stop_words(language)
    return [[stem(w) for w in u.words if w.lower() not in stops and len(w) > 1] for u in units]


def features_for(
    units: list[Unit], language: str, titles: list[str], multi: bool
) -> newsrank.Features:
    stem = stemmer_for(language)
    stops = stop_words(language)
    title_stems = [
        [stem(w) for w in split_words(t) if w.lower() not in stops and len(w) > 1] for t in titles
    ]
    # A story in capitals is read in lower case where case is a signal: its capitals name no one
    # ("THE MAYOR SAID"), and "THEY SAID" opens with a pronoun as "They said" does.
    folds = [u.text.lower() if u.loud else u.text for u in units]
    return newsrank.features(
        _stems(units, language),
        title_stems,
        [u.position for u in units],
        [len(u.words) for u in units],
        [_capitalised(folded) for folded in folds],
        [bool(_DIGIT.search(u.text)) for u in units],
        [bool(_QUOTE_START.match(u.text)) for u in units],
        [wants_next(u.text) for u in units],
        [u.group for u in units] if multi else None,
        [_quoted(u.text, stem, stops) for u in units],
        [_label(u.text) for u in units],
        [
            u.stat or is_poor(u.text) or asks(u.text, language) or announces(u.text, language)
            for u in units
        ],
        [
            links_back(folded, language) or leans_back(folded, language) or speakerless(u.text)
            for folded, u in zip(folds, units, strict=True)
        ],
        [ends_quotation(u.text) for u in units],
    )


# A quotation that is the whole sentence: “This means you will need to self-isolate.”
_WHOLE_QUOTE = re.compile(r"^[\"“«„‘][^\"“”«»„]+[\"”»“’]$")


def speakerless(text: str) -> bool:
    """A sentence that is a quotation and nothing else: who says it is in the sentence before."""
    return bool(_WHOLE_QUOTE.match(text.strip()))


def wants_next(text: str) -> bool:
    """A question (?, Arabic ؟, full-width ？), which wants its answer, or a sentence ending with a
    colon ("The Latest on the stabbing (all times local):"), which wants what it announces."""
    return text.rstrip("\"'”’»)").endswith(("?", "؟", "？", ":", "："))


# An opening label of a few words and a colon: "DEAR ABBY: ...", "Q: ...", "UPDATE: ...".
_OPENING_LABEL = re.compile(r"^([^\W\d_][\w'’.-]*(?: [\w'’.-]+){0,2}):\s")


def _label(text: str) -> str:
    """The sentence's opening label, lower case ("" when it has none)."""
    match = _OPENING_LABEL.match(text)
    return match.group(1).lower() if match else ""


# Quotations: “…”, "…", ‘…’ (not an apostrophe), «…», „…“.
_QUOTATION = re.compile(
    r"“([^”]{3,400})”|\"([^\"]{3,400})\"|‘([^’]{3,400})’(?!\w)|«([^»]{3,400})»|„([^“”]{3,400})[“”]"
)


def _quoted(text: str, stem: Callable[[str], str], stops: frozenset[str]) -> list[str]:
    """Stemmed content words inside the sentence's quotation marks."""
    out: list[str] = []
    for match in _QUOTATION.finditer(text):
        quote = next(g for g in match.groups() if g)
        out.extend(stem(w) for w in split_words(quote) if w.lower() not in stops and len(w) > 1)
    return out


def _capitalised(text: str) -> float:
    """Share of the words after the first that start with a capital letter (names, places)."""
    words = text.split()
    if len(words) < 2:
        return 0.0
    return sum(1 for w in words[1:] if w[:1].isupper()) / len(words)


def rank_newsrank(units: list[Unit], count: int, language: str, title: str | None) -> list[int]:
    f = features_for(units, language, [title] if title else [], multi=False)
    return newsrank.select(f, count)


def _stock_summarizer(algorithm: str, language: str, units: list[Unit]) -> Any:
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
        "reduction": ReductionSummarizer,
    }
    stem = stemmer_for(language)
    stops = stop_words(language)
    if algorithm == "edmundson":
        summarizer: Any = EdmundsonSummarizer(stem, cue_weight=0.0, key_weight=1.0)
        counts = Counter(w for ws in _stems(units, language) for w in ws)
        keys = [w for w, _ in counts.most_common(10)] or ["news"]
        summarizer.bonus_words = keys
        summarizer.null_words = stops or frozenset({"the"})
        return summarizer
    summarizer = classes[algorithm](stem)
    summarizer.stop_words = stops
    return summarizer


def rank_stock(
    algorithm: str, units: list[Unit], count: int, language: str, title: str | None
) -> list[int]:
    """Indexes of the units sumy's ``algorithm`` picks (its own document model, our tokenizer)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = OfflineTokenizer(language)
    paragraphs: list[list[Any]] = []
    index: dict[str, int] = {}
    for i, unit in enumerate(units):
        if unit.paragraph_first or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(Sentence(unit.text, tokenizer))
        index.setdefault(unit.text.strip(), i)
    if title:
        heading = Sentence(title, tokenizer, is_heading=True)
        if paragraphs:
            paragraphs[0].insert(0, heading)
    document = ObjectDocumentModel([Paragraph(p) for p in paragraphs if p])
    summarizer = _stock_summarizer(algorithm, language, units)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        # sumy's LSA warns about short stories and LexRank divides by zero on degenerate graphs;
        # neither may reach the terminal.
        warnings.simplefilter("ignore")
        picked = summarizer(document, count)
    return [index[str(s).strip()] for s in picked if str(s).strip() in index]


def choose(
    units: list[Unit], count: int, algorithm: str, language: str, title: str | None
) -> tuple[list[int], str | None]:
    """Indexes (any order) of the chosen units and a note when a long story was trimmed."""
    note = None
    if len(units) > GRAPH_LIMIT:
        units = units[:GRAPH_LIMIT]
        note = f"The story is very long; the summary covers its first {GRAPH_LIMIT} sentences."
    if algorithm == "lead":
        return list(range(min(count, len(units)))), note
    if algorithm == DEFAULT_ALGORITHM:
        return rank_newsrank(units, count, language, title), note
    pool = list(range(len(units)))
    limit = STOCK_LIMITS.get(algorithm, STOCK_LIMIT)
    if len(units) > limit:
        # Keep the most promising sentences (newsrank's order) so sumy's methods stay fast.
        pool = sorted(rank_newsrank(units, limit, language, title))
        note = f"The story is long; {algorithm} chose among its {limit} most central sentences."
    subset = [units[i] for i in pool]
    picked = rank_stock(algorithm, subset, count, language, title)
    return [pool[i] for i in picked], note
