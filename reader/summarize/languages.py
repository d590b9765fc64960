"""Which language a story is summarised in: a feed's or page's declared language -> a sumy language.

Only languages sumy ships stop words for are used; anything else falls back to English. Stop words
and stemmers come from sumy (files in the wheel) and NLTK's Snowball stemmers (pure code): nothing
here reads NLTK's downloadable data.
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from functools import lru_cache

DEFAULT_LANGUAGE = "english"

# ISO 639-1 / 639-2 codes and a few native names of the languages sumy has stop words for.
_CODES: dict[str, str] = {
    "ar": "arabic", "ara": "arabic",
    "zh": "chinese", "zho": "chinese", "chi": "chinese", "cmn": "chinese", "yue": "chinese",
    "cs": "czech", "ces": "czech", "cze": "czech", "cestina": "czech", "čeština": "czech",
    "en": "english", "eng": "english",
    "fr": "french", "fra": "french", "fre": "french", "français": "french", "francais": "french",
    "de": "german", "deu": "german", "ger": "german", "deutsch": "german",
    "el": "greek", "ell": "greek", "gre": "greek", "ελληνικά": "greek",
    "he": "hebrew", "iw": "hebrew", "heb": "hebrew", "עברית": "hebrew",
    "it": "italian", "ita": "italian", "italiano": "italian",
    "ja": "japanese", "jpn": "japanese", "日本語": "japanese",
    "ko": "korean", "kor": "korean", "한국어": "korean",
    "pl": "polish", "pol": "polish", "polski": "polish",
    "pt": "portuguese", "por": "portuguese", "português": "portuguese",
    "sk": "slovak", "slk": "slovak", "slo": "slovak", "slovenčina": "slovak",
    "es": "spanish", "spa": "spanish", "español": "spanish", "castellano": "spanish",
    "sv": "swedish", "swe": "swedish", "svenska": "swedish",
    "th": "thai", "tha": "thai", "ไทย": "thai",
    "uk": "ukrainian", "ukr": "ukrainian", "українська": "ukrainian",
}  # fmt: skip
LANGUAGES: tuple[str, ...] = tuple(sorted(set(_CODES.values())))


def language_for(code_or_name: str | None) -> str:
    """A sumy language name for "en", "de-DE", "pt_BR", "German", "fra"...; "english" if unknown."""
    if not code_or_name or not isinstance(code_or_name, str):
        return DEFAULT_LANGUAGE
    key = code_or_name.strip().lower().replace("_", "-")
    if key in LANGUAGES:
        return key
    for candidate in (key, key.split("-")[0], key.split(",")[0].strip().split("-")[0]):
        if candidate in _CODES:
            return _CODES[candidate]
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=32)
def stop_words(language: str) -> frozenset[str]:
    """Lower-case stop words shipped with sumy for ``language`` (empty when there are none)."""
    name = language_for(language)
    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt")
    except OSError:
        return frozenset()
    if not data:
        return frozenset()
    return frozenset(w.strip().lower() for w in data.decode("utf-8").splitlines() if w.strip())


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
