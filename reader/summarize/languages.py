"""Which language a story is summarised in: a feed's or page's declared language -> a sumy language.

Only languages sumy ships stop words for are used; anything else falls back to English. Stop words
and stemmers come from sumy (files in the wheel) and NLTK's Snowball stemmers (pure code): nothing
here reads NLTK's downloadable data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from reader.languages import language_name
from reader.textutil import stop_words as textutil_stop_words

DEFAULT_LANGUAGE = "english"

# the languages sumy has stop words for (reader.languages knows a few more)
LANGUAGES: tuple[str, ...] = (
    "arabic", "chinese", "czech", "english", "french", "german", "greek", "hebrew", "italian",
    "japanese", "korean", "polish", "portuguese", "slovak", "spanish", "swedish", "thai",
    "ukrainian",
)  # fmt: skip


def language_for(code_or_name: str | None) -> str:
    """A sumy language name for "en", "de-DE", "pt_BR", "German", "fra"...; "english" if unknown
    (or a language sumy has no lists for)."""
    name = language_name(code_or_name)
    return name if name in LANGUAGES else DEFAULT_LANGUAGE


def knows_language(code_or_name: str) -> bool:
    """Whether ``language_for`` understands ``code_or_name`` (it falls back to English for any
    name it does not know): "de", "pt-BR", "German", "english" do, "klingon" does not."""
    return language_name(code_or_name) in LANGUAGES


def stop_words(language: str) -> frozenset[str]:
    """Lower-case stop words shipped with sumy for ``language`` (a code or a name: "de",
    "German"; empty when there are none): textutil's lists, under the summaries' names."""
    return textutil_stop_words(language_for(language))


# Where sumy has no working stemmer (Polish and Greek need packages we do not ship), words are cut
# to their first letters: crude, but it joins most inflections of the same word ("wyborach",
# "wyborów" -> "wybor"), which matters in languages that inflect heavily.
TRUNCATE = 5


def _truncate(word: str) -> str:
    return word.lower()[:TRUNCATE]


@lru_cache(maxsize=32)
def stemmer_for(language: str) -> Callable[[str], str]:
    """A cached stemming function: sumy's stemmer for the language, else cutting words short.

    sumy builds some stemmers that only fail when first used (Polish, Greek: "requires
    pystempel"), so each one is tried on a word before it is trusted.
    """
    stem: Callable[[str], str]
    try:
        from sumy.nlp.stemmers import Stemmer

        stem = Stemmer(language_for(language))
        stem("testing")
    except Exception:  # a missing optional package shows up as ValueError, ImportError ...
        stem = _truncate
    cached = lru_cache(maxsize=65536)(lambda word: stem(word.lower()))
    return cached


# The most frequent words of each language written in Latin letters that summaries support: a
# story's share of them tells its language. (sumy's stop word lists are too long and overlap too
# much for this: English's holds "a", "de" and "die".)
_COMMON: dict[str, frozenset[str]] = {
    name: frozenset(words.split())
    for name, words in {
        "english": "the of and to in is that for it was on with as are be this by from at have",
        "german": "der die und das ist nicht ein eine den dem mit sich auf für von zu auch es "
        "wird im",
        "french": "le la les des est et une un du que dans pour pas qui sur au avec ce il sont",
        "spanish": "el la los las de que y en del por con para una un es se lo como más su al",
        "portuguese": "o a os as de que e do da em um uma para com não por se mais no na dos",
        "italian": "il di che e la le per un una non sono del della con si da gli è nel alla",
        "polish": "i w na nie się z do że to jest o jak po od ale przez dla są tak",
        "czech": "a v se na je že s z to do o i jako by pro ale jsou které jsem",
        "slovak": "a v sa na je že s z to do o aj ako by pre ale sú ktoré som",
        "swedish": "och att det som en på är av för med till den har inte om ett de",
    }.items()
}
# Scripts that name their language (Cyrillic only when Ukrainian letters are there: sumy has no
# Russian). Kana before Han: Japanese mixes both.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("japanese", re.compile(r"[\u3040-\u30ff]")),
    ("korean", re.compile(r"[\uac00-\ud7af]")),
    ("chinese", re.compile(r"[\u4e00-\u9fff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("thai", re.compile(r"[\u0e00-\u0e7f]")),
    ("greek", re.compile(r"[\u0370-\u03ff]")),
    ("ukrainian", re.compile(r"[іїєґІЇЄҐ]")),
)
_LETTERS = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿąćęłńśźżčďěňřšťůýžåäö]+")
DETECT_CHARS = 6000  # the opening of a story is enough
SCRIPT_SHARE = 0.3  # of the letters, for a script to name the language
COMMON_SHARE = 0.08  # of the words (shared ones split between languages), for common words to
# name the language ...
COMMON_MARGIN = 2.0  # ... with at least this many times the score of the runner-up


def detect_language(text: str) -> str | None:
    """The language a text is written in, among those summaries support, or None when unsure.

    By script (kana, hangul, Han, Arabic ...), else by the share of each language's most
    common words."""
    if not isinstance(text, str):
        return None
    sample = text[:DETECT_CHARS]
    letters = len(_LETTERS.findall(sample))
    if not letters:
        return None
    for name, pattern in _SCRIPTS:
        if len(pattern.findall(sample)) >= SCRIPT_SHARE * letters:
            return name
    words = _LATIN_WORD.findall(sample.lower())
    if len(words) < 8:
        return None
    scores = dict.fromkeys(_COMMON, 0.0)
    for word in words:
        for name, weight in _OWNERS.get(word, ()):
            scores[name] += weight
    (best, name), (second, _) = sorted(((v, k) for k, v in scores.items()), reverse=True)[:2]
    if best >= COMMON_SHARE * len(words) and best >= COMMON_MARGIN * second:
        return name
    return None


def _owners() -> dict[str, tuple[tuple[str, float], ...]]:
    """For each common word, the languages it is common in, each with 1 / their number: "la"
    (French, Spanish, Italian) counts a third for each, "und" wholly for German."""
    owners: dict[str, list[str]] = {}
    for name, common in _COMMON.items():
        for word in common:
            owners.setdefault(word, []).append(name)
    return {w: tuple((n, 1 / len(names)) for n in names) for w, names in owners.items()}


_OWNERS = _owners()
