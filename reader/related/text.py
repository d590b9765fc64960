"""Turning an article (title + lead text) into weighted features for grouping.

Per-language stop words come from sumy's bundled lists and stems from nltk's Snowball stemmers
(both ship their data inside the package: nothing is downloaded). The language is taken from the
article when given, else guessed from stop-word hits.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import accumulate, chain, pairwise
from operator import itemgetter

from reader.languages import language_name
from reader.textutil import (
    clean_block,
    clean_line,
    normalise_title,
    stop_words,
    strip_source_suffix,
)

# Words kept from the start of the text: the lead carries the event; the rest adds noise.
LEAD_WORDS = 60
# Words of the text scanned for names (capitalised words) and numbers: the lead's names are the
# event's (who, where); names further down are background shared by stories of a kind.
ENTITY_WORDS = LEAD_WORDS
# Words of the text whose 4-grams are compared to find copies (a trimmed copy keeps the start).
SHINGLE_WORDS = 150
MIN_COPY_WORDS = 25  # texts shorter than this never make two articles copies of each other
KEY_CHARS = 4000  # characters of the text compared for an exact copy (with the text's length)
# Feature weights (before IDF): a title word counts more than a lead word, names and numbers more.
TITLE_WEIGHT = 2.0
NAME_BOOST = 1.5
NUMBER_BOOST = 1.5
MAX_FEATURES = 40
BIGRAM_WEIGHT = 0.5  # weight of a pair of adjacent title words, relative to a title word

_GUESSABLE = (
    "english",
    "german",
    "french",
    "spanish",
    "italian",
    "portuguese",
    "swedish",
    "polish",
)

_LETTERS = (
    ("german", frozenset("äöüß")),
    ("spanish", frozenset("ñ¿¡")),
    ("portuguese", frozenset("ãõ")),
    ("french", frozenset("èêëçœîû")),
    ("polish", frozenset("ąęłńśźż")),
    ("swedish", frozenset("å")),
)
# numbers with their decimals ("6.8", "1,000", "10:14"), words with apostrophes, codes ("MH370")
_WORD = re.compile(r"\d+(?:[.,:]\d+)+%?|[^\W_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?:;\"“”«»()\[\]]$")
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)  # words (what normalise_title keeps)
_NON_WORDS = re.compile(r"[\W_]+", re.UNICODE)  # what normalise_title splits at
# A wire service's marks on a headline, not part of it: "UPDATE 2-", "RPT-", "REFILE-UPDATE 1-"
# (Reuters), "1st LD Writethru:" (AP), "... -- 2nd Update", "... -3-" (Dow Jones), and the
# labels sites put before an updated headline ("UPDATED:", "BREAKING:"). An updated story is
# the same story: without its mark its headline matches the first version's.
_WIRE_HEAD = re.compile(
    r"^(?:(?:(?:UPDATE|WRAPUP|RPT|REFILE|CORRECTED|CORRECTION|EXCLUSIVE|BREAKINGVIEWS|FACTBOX"
    r"|INSIGHT|ANALYSIS|COLUMN)(?: \d+)?-"
    r"|\d+(?:st|nd|rd|th) LD[- ]Writethru\s*[:-]"
    r"|(?i:updated?(?: \d+)?|breaking(?: news)?)\s*:)\s*)+"
)
_WIRE_TAIL = re.compile(r"\s+(?:-{1,2} ?(?:\d+(?:st|nd|rd|th) )?Update|-\d+-)$", re.IGNORECASE)
# the marks that say a headline is a later version of a story the same source sent before
_UPDATE_HEAD = re.compile(
    r"^(?:UPDATE \d+-|\d+(?:st|nd|rd|th) LD[- ]Writethru\s*[:-]|(?i:updated?(?: \d+)?)\s*:)"
)
_UPDATE_TAIL = re.compile(r"\s+-{1,2} ?(?:\d+(?:st|nd|rd|th) )?Update$", re.IGNORECASE)
# Amounts written short, as one outlet does and another does not: "$2bn" is "$2 billion".
# A lone "m" or "b" only after a currency sign: "100m" may be a sprint, "3M" a company.
_MONEY = r"(?:(?<=[$£€¥])|(?<=US\$))(\d+(?:[.,]\d+)?) ?"
_AMOUNT = r"(\d+(?:[.,]\d+)?) ?"
_AMOUNTS = (
    (re.compile(_AMOUNT + r"(?:bn|bln)\b|" + _MONEY + r"b\b", re.IGNORECASE), "billion"),
    (re.compile(_AMOUNT + r"(?:mn|mln)\b|" + _MONEY + r"m\b", re.IGNORECASE), "million"),
    (re.compile(_AMOUNT + r"(?:%|pct\b|percent\b|per cent\b)", re.IGNORECASE), "percent"),
)
# Capitalised words that name no one: weekdays and months (English).
_NOT_NAMES = frozenset(
    w.lower()
    for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr, *calendar.month_abbr)
    if w
)


_NO_NAMES: frozenset[str] = frozenset()


def _frozen(words: Iterable[str]) -> frozenset[str]:
    """A frozenset of the words; the one empty set when there are none (each empty frozenset
    is a new object of 216 bytes, and most headlines have no names: 20 MB in 100,000)."""
    found = frozenset(words)
    return found if found else _NO_NAMES


@dataclass(frozen=True, slots=True)
class Features:
    """What the index keeps of one article."""

    vector: dict[str, float]  # stem -> raw weight (before IDF)
    names: frozenset[str]  # stems of the names and numbers in the title and lead
    title_key: str  # normalised title, for re-posts
    title_caps: int  # bit i set: word i of title_key is capitalised or a number in the headline
    text_key: str  # digest of normalised text ("" when there is no text)
    shingles: array[int]  # hashed word 4-grams of the text's start, sorted (near-duplicate copies)
    language: str
    # names of several words ("Los Angeles City Attorney"), as their stems (those in names)
    name_runs: tuple[tuple[str, ...], ...] = ()
    # names that open the title and a sentence of the lead, which names leaves out (a capital
    # there marks no name): "Orbit" of "Orbit Systems beats ..." / "Orbit Systems reported ..."
    lead_names: frozenset[str] = _NO_NAMES
    # a headline alone: its capitalised words after the first (not numbers), its names, which
    # the names above leave out (they count only with a text); none for a headline with no
    # word in lower case but stop words (Title Case: its capitals tell nothing)
    headline_names: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        """Made from a text, not a headline alone (its vector holds more words)."""
        return bool(self.names or self.text_key)

    def interned(self) -> Features:
        """The same features with their words shared with other articles' (features made in
        another process come with copies of every word, which an index would keep)."""
        intern = sys.intern
        return replace(
            self,
            vector={intern(k): v for k, v in self.vector.items()},
            names=_frozen(map(intern, self.names)),
            name_runs=tuple(tuple(map(intern, run)) for run in self.name_runs),
            lead_names=_frozen(map(intern, self.lead_names)),
            headline_names=tuple(map(intern, self.headline_names)),
        )


@cache
def stemmer(language: str) -> Callable[[str], str]:
    """A cached Snowball stem function for the language (identity when there is none)."""
    try:
        from nltk.stem.snowball import SnowballStemmer

        stem = SnowballStemmer(language).stem
    except Exception:
        return lambda word: word
    memo: dict[str, str] = {}

    def cached(word: str) -> str:
        s = memo.get(word)
        if s is None:
            if len(memo) > 200_000:
                memo.clear()
            s = memo[word] = stem(word)
        return s

    return cached


@cache
def _stop_word_languages() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang in _GUESSABLE:
        for word in stop_words(lang):
            table.setdefault(word, []).append(lang)
    return {w: tuple(langs) for w, langs in table.items()}


def guess_language(words: list[str]) -> str:
    """The language whose stop words cover most of the words (english when nothing is clear)."""
    sample = [w.lower() for w in words[:80]]
    hits: dict[str, int] = {}
    table = _stop_word_languages()
    for w in sample:
        for lang in table.get(w, ()):
            hits[lang] = hits.get(lang, 0) + 1
    best = max(_GUESSABLE, key=lambda lang: hits.get(lang, 0))
    if hits.get(best, 0) > 1:
        return best
    # A headline may have no stop words: letters only one language uses are the next best hint.
    letters = set("".join(sample))
    for lang, marks in _LETTERS:
        if letters & marks:
            return lang
    return "english"


def _tokens(text: str) -> list[str]:
    if not _CJK.search(text):  # then none of its tokens has CJK either
        return _WORD.findall(text)
    out: list[str] = []
    for tok in _WORD.findall(text):
        if _CJK.search(tok):  # no spaces between words: character bigrams
            out.extend(tok[i : i + 2] for i in range(max(1, len(tok) - 1)))
        else:
            out.append(tok)
    return out


def _is_number(tok: str) -> bool:
    return tok[0].isdigit()


def _norm_word(tok: str) -> str:
    tok = tok.lower()
    if tok.endswith(("'s", "’s")):
        tok = tok[:-2]
    return tok


def _title_is_title_case(words: list[str]) -> bool:
    alpha = [w for w in words if w[0].isalpha() and len(w) > 3]
    return len(alpha) >= 2 and sum(1 for w in alpha if w[0].isupper()) >= 0.6 * len(alpha)


def spell_amounts(text: str) -> str:
    """Amounts in one spelling: "$2bn", "2 bln" and "$2B" as "2 billion", "£300m" as "300
    million", "14.5%" and "14.5 pct" as "14.5 percent"."""
    if not any(c.isdigit() for c in text):
        return text
    for pattern, unit in _AMOUNTS:
        text = pattern.sub(partial(_spelled, unit), text)
    return text


def _spelled(unit: str, found: re.Match[str]) -> str:
    return f"{found[1] or found[2]} {unit}"


@cache
def amount_units() -> frozenset[str]:
    """The keys of the unit words spell_amounts writes after a number ("percent", "million",
    "billion"), as each language's stemmer leaves them."""
    units = [unit for _, unit in _AMOUNTS]
    return frozenset(
        key for lang in ("english", *_GUESSABLE) for key in map(stemmer(lang), units)
    ) | frozenset(units)


def number_of(term: str) -> str | None:
    """The number a vector term is made of: the number itself, or a title phrase with a number
    in it ("6.4_percent", "tumbl_6.4"); "" for a unit word spelled after numbers ("percent");
    None for a term of words alone. One figure in a headline makes up to four terms
    ("6.4", "percent", "tumbl_6.4", "6.4_percent"), and they are one fact, not four."""
    if "_" in term:
        first, second = term.split("_", 1)
        if first[:1].isdigit():
            return first
        return second if second[:1].isdigit() else None
    if term[:1].isdigit():
        return term
    return "" if term in amount_units() else None


def is_update(title: str) -> bool:
    """Whether a headline is marked as a later version of a story its source sent before
    ("UPDATE 3-...", "... -- 2nd Update", "UPDATED: ...")."""
    title = title.strip()
    return bool(_UPDATE_HEAD.match(title) or _UPDATE_TAIL.search(title))


def strip_wire_marks(title: str) -> str:
    """The headline without a wire service's update marks or a site's "BREAKING:" label (the
    headline as it is when that would leave nothing)."""
    bare = _WIRE_TAIL.sub("", _WIRE_HEAD.sub("", title))
    return bare if any(c.isalnum() for c in bare) else title


class _Lexicon:
    """One language's stop words and stems, with what each token (and each raw word of a lead)
    contributes memoised: a lead's words recur across articles, so most are looked up, not parsed."""

    __slots__ = ("names_of", "stem", "stop", "terms")
    LIMIT = 100_000  # entries per memo before it starts over

    def __init__(self, language: str) -> None:
        self.stop = stop_words(language)
        self.stem = stemmer(language)
        # token -> (its key, None for a stop word or a too-short word; whether it is a number)
        self.terms: dict[str, tuple[str | None, bool]] = {}
        # raw word of the text -> (2: a number, 1: capitalised, 0: neither; its name keys;
        # whether a sentence ends after it)
        self.names_of: dict[str, tuple[int, tuple[str, ...], bool]] = {}

    def term(self, tok: str) -> tuple[str | None, bool]:
        word = _norm_word(tok)
        if (len(word) < 2 and not word.isdigit()) or word in self.stop:
            found: tuple[str | None, bool] = (None, False)
        elif _is_number(word):
            found = (word, True)
        else:
            found = (self.stem(word), False)
        if len(self.terms) > self.LIMIT:
            self.terms.clear()
        self.terms[tok] = found
        return found

    def names(self, raw: str) -> tuple[int, tuple[str, ...], bool]:
        word = raw.strip("\"'“”‘’«»()[]{}-—–,;:")
        kind = (2 if word[0].isdigit() else 1 if word[0].isupper() else 0) if word else 0
        keys: list[str] = []
        if kind:
            for tok in _tokens(word):
                w = _norm_word(tok)
                if w in self.stop or w in _NOT_NAMES or (len(w) < 2 and not _is_number(w)):
                    continue
                keys.append(w if _is_number(w) else self.stem(w))
        ends = bool(_SENTENCE_END.search(raw)) or raw in ("-", "—", "–")
        if len(self.names_of) > self.LIMIT:
            self.names_of.clear()
        found = self.names_of[raw] = (kind, tuple(keys), ends)
        return found


@cache
def lexicon(language: str) -> _Lexicon:
    return _Lexicon(language)


def features(title: str, text: str = "", language: str = "", source: str = "") -> Features:
    """Weighted features of an article from its title and (optional) text; ``source`` (the
    publisher or feed) is not a word of the headline when a feed appends it to every title."""
    raw_title = clean_line(title)
    title = strip_wire_marks(strip_source_suffix(raw_title, clean_line(source)))
    text = clean_block(text)
    if text and len(text) <= 2 * len(raw_title):
        said = normalise_title(text)  # some feeds repeat the headline as the entry's text
        if said in (normalise_title(raw_title), normalise_title(title)):
            text = ""  # a headline alone
    title = spell_amounts(title)
    title_toks = _tokens(title)
    lead_words = text.split(None, ENTITY_WORDS + 10)[: ENTITY_WORDS + 10]  # not the whole text
    text_toks = _tokens(spell_amounts(" ".join(lead_words)))[:ENTITY_WORDS] if text else []
    lang = language_name(language) or guess_language(title_toks + text_toks)
    lex = lexicon(lang)
    known = lex.terms

    vector: dict[str, float] = {}
    names: set[str] = set()

    # Names in a sentence-case title are visible; in Title Case headlines they are not.
    title_names = not _title_is_title_case(title_toks)
    title_keys: list[str | None] = []
    title_capitals: set[str] = set()  # keys of the title's capitalised words
    headline_names: set[str] = set()  # ... after the first
    lower_words = False  # a word (not a stop word) in lower case: the capitals are names
    for i, tok in enumerate(title_toks):
        key, number = known.get(tok) or lex.term(tok)
        title_keys.append(key)
        if key is None:
            continue
        if tok[0].isupper():
            title_capitals.add(key)
        vector[key] = vector.get(key, 0.0) + (
            TITLE_WEIGHT * NUMBER_BOOST if number else TITLE_WEIGHT
        )
        if key and (_is_number(tok) or (title_names and i > 0 and tok[0].isupper())):
            names.add(key)
        if i > 0 and not number:
            if tok[0].isupper():
                headline_names.add(key)
            elif tok[0].islower():
                lower_words = True
    # Adjacent title words as a phrase ("fire phone", "net neutrality"): stories of one event
    # share phrases, stories of one topic mostly share single words.
    if BIGRAM_WEIGHT > 0:
        for a, b in pairwise(title_keys):
            if a and b:
                pair = f"{a}_{b}"
                vector[pair] = vector.get(pair, 0.0) + TITLE_WEIGHT * BIGRAM_WEIGHT
    # Names and numbers of the text: capitalised words that do not open a sentence.
    # Capitalised words in a row are one name ("Los Angeles City Attorney's office").
    text_names: set[str] = set()
    openers: set[str] = set()  # capitalised words opening a sentence of the lead
    runs: list[list[str]] = []
    run: list[str] = []
    sentence_start = True
    names_of = lex.names_of
    for raw in lead_words[:ENTITY_WORDS]:
        kind, keys, ends = names_of.get(raw) or lex.names(raw)
        if keys and (kind == 2 or not sentence_start):
            text_names.update(keys)
            if kind == 1:
                run.extend(keys)
        elif kind == 1 and keys:
            openers.update(keys)
        if kind != 1 or not keys or sentence_start or not raw[-1].isalnum():
            if len(run) > 1:  # a name of one word is in names alone
                runs.append(run)
            run = []
        sentence_start = ends
    if len(run) > 1:
        runs.append(run)
    # A headline alone has too few names to tell events apart: names count only with a text.
    names = names | text_names if text_names else set()
    lead_names = (
        _opening_names(openers & title_capitals, title_toks, text_toks, lex) if text else ()
    )
    if names and title_names:
        runs.extend(_title_runs(title, known, lex))
    # The lead adds to the vector, names and numbers with a boost.
    for tok in text_toks[:LEAD_WORDS]:
        key, number = known.get(tok) or lex.term(tok)
        if key is None:
            continue
        weight = NUMBER_BOOST if number else NAME_BOOST if key in text_names else 1.0
        vector[key] = vector.get(key, 0.0) + weight

    # Sublinear term frequency; keep the strongest features only.
    vec = {k: (1.0 + math.log(v)) if v > 1.0 else v for k, v in vector.items()}
    if len(vec) > MAX_FEATURES:
        ranked = sorted(vec.items())  # by key, then (stable) by weight: (-weight, key) order
        ranked.sort(key=itemgetter(1), reverse=True)
        vec = dict(ranked[:MAX_FEATURES])
    # the start of the text and its length stand for the whole (a long text costs no more)
    words = _WORDS.findall(text[:KEY_CHARS].lower())
    norm = " ".join(words).encode()
    # word 4-grams as slices of the normalised text's bytes (its words are one space apart)
    head = norm.split(b" ", SHINGLE_WORDS)[:SHINGLE_WORDS] if words else []
    after = list(accumulate(len(w) + 1 for w in head))  # offset after each word's space
    starts = [0, *after]
    view = memoryview(norm)
    crc32 = zlib.crc32
    shingles = array(
        "I", sorted({crc32(view[starts[i] : after[i + 3] - 1]) for i in range(len(head) - 3)})
    )
    text_key = ""
    # only a real text identifies a copy: boilerplate like "Comments" or "Read more" is shared
    # by every entry of some feeds
    if len(words) >= MIN_COPY_WORDS:
        digest = hashlib.blake2b(f"{len(text)}:".encode(), digest_size=16)
        digest.update(norm)
        text_key = digest.hexdigest()
    title_key = normalise_title(title)
    return Features(
        vector=vec,
        names=_frozen(names),
        name_runs=joined_runs(runs),
        lead_names=_frozen(lead_names),
        headline_names=tuple(sorted(headline_names)) if not text and lower_words else (),
        title_key=title_key,
        title_caps=_caps(title, title_key),
        text_key=text_key,
        shingles=shingles,
        language=lang,
    )


def _opening_names(
    candidates: set[str], title_toks: list[str], text_toks: list[str], lex: _Lexicon
) -> set[str]:
    """The candidates (words capitalised in the title and at the start of a sentence of the
    lead) that are never written in lower case in either: "Orbit" that opens the headline and
    the lead is a name, "Shares" that opens one and is "shares" in the other is not."""
    if not candidates:
        return candidates
    known = lex.terms
    for tok in chain(title_toks, text_toks):
        if tok[0].islower():
            key = (known.get(tok) or lex.term(tok))[0]
            if key in candidates:
                candidates.discard(key)
                if not candidates:
                    break
    return candidates


def joined_runs(runs: Iterable[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """The names of several words, each once, as sorted stems; names sharing a word are one
    ("Shark Tale" in the lead, "Tale DVD" in the headline: "Shark Tale DVD")."""
    return tuple(sorted(tuple(sorted(words)) for words in name_sets(runs)))


def name_sets(runs: Iterable[Sequence[str]]) -> list[set[str]]:
    """The words of each name of several words (`joined_runs`, unsorted)."""
    joined: list[set[str]] = []
    for run in runs:
        words = set(run)
        if len(words) < 2:
            continue
        for other in [j for j in joined if not j.isdisjoint(words)]:
            words |= other
            joined.remove(other)
        joined.append(words)
    return joined


def _title_runs(
    title: str, known: dict[str, tuple[str | None, bool]], lex: _Lexicon
) -> list[list[str]]:
    """The names of several words in a sentence-case headline: capitalised words after the
    first, next to each other with nothing but spaces between them."""
    if _CJK.search(title):
        return []
    runs: list[list[str]] = []
    run: list[str] = []
    end = -1
    for i, found in enumerate(_WORD.finditer(title)):
        tok = found[0]
        key, number = known.get(tok) or lex.term(tok)
        if end != found.start() - 1 or title[end] != " ":  # more than a space before it
            runs.append(run)
            run = []
        if key and not number and i > 0 and tok[0].isupper():
            run.append(key)
        else:
            runs.append(run)
            run = []
        end = found.end()
    runs.append(run)
    return runs


def _caps(title: str, key: str) -> int:
    """Which words of the normalised title ``key`` start with a capital letter or a digit in the
    headline, as bits (0 when the words do not line up)."""
    words = [w for w in _NON_WORDS.split(unicodedata.normalize("NFKC", title)) if w]
    if len(words) != key.count(" ") + 1:
        return 0
    mask = 0
    for i, word in enumerate(words):
        if word[0].isupper() or word[0].isdigit():
            mask |= 1 << i
    return mask


def template_siblings(a_key: str, a_caps: int, b_key: str, b_caps: int) -> bool:
    """Two headlines of one template with another name in its slot: the same words but for one
    short run, and that run is names or numbers on both sides ("Interesting August Stock Options
    For AT&T" / "... For 3M", "Microsoft Earnings: What to Watch" / "Amazon Earnings: ..."). Such
    headlines report different events however many words they share."""
    a, b = a_key.split(), b_key.split()
    if a == b:
        return False
    short = min(len(a), len(b))
    head = 0
    while head < short and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < short - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head + tail < 3:
        return False

    def names_only(n: int, caps: int) -> bool:
        run = range(head, n - tail)
        return 1 <= len(run) <= 3 and all(caps >> i & 1 for i in run)

    return names_only(len(a), a_caps) and names_only(len(b), b_caps)


def features_or_error(args: tuple[str, str, str, str]) -> Features | str:
    """features(title, text, language, source), or what went wrong in words (bad outside
    text)."""
    try:
        return features(*args)
    except Exception as exc:
        return f"Could not read the article: {exc}"


def features_batch(rows: list[tuple[str, str, str, str]]) -> list[Features | str]:
    """features_or_error of each row (run in a helper process for a large batch: see
    Features.interned)."""
    return [features_or_error(row) for row in rows]
