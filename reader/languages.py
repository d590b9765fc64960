"""Language codes and names: the one table that turns "de", "pt-BR", "fra", "Deutsch" or
"German" into a language's name ("german"), for the summaries (sumy's languages) and for the
grouping of related stories (Snowball's, a few more)."""

from __future__ import annotations

# ISO 639-1 / 639-2 codes and a few native names.
CODES: dict[str, str] = {
    "ar": "arabic", "ara": "arabic",
    "zh": "chinese", "zho": "chinese", "chi": "chinese", "cmn": "chinese", "yue": "chinese",
    "cs": "czech", "ces": "czech", "cze": "czech", "cestina": "czech", "čeština": "czech",
    "da": "danish", "dan": "danish", "dansk": "danish",
    "nl": "dutch", "nld": "dutch", "dut": "dutch", "nederlands": "dutch",
    "en": "english", "eng": "english",
    "fi": "finnish", "fin": "finnish", "suomi": "finnish",
    "fr": "french", "fra": "french", "fre": "french", "français": "french", "francais": "french",
    "de": "german", "deu": "german", "ger": "german", "deutsch": "german",
    "el": "greek", "ell": "greek", "gre": "greek", "ελληνικά": "greek",
    "he": "hebrew", "iw": "hebrew", "heb": "hebrew", "עברית": "hebrew",
    "hu": "hungarian", "hun": "hungarian", "magyar": "hungarian",
    "it": "italian", "ita": "italian", "italiano": "italian",
    "ja": "japanese", "jpn": "japanese", "日本語": "japanese",
    "ko": "korean", "kor": "korean", "한국어": "korean",
    "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "nor": "norwegian", "norsk": "norwegian",
    "pl": "polish", "pol": "polish", "polski": "polish",
    "pt": "portuguese", "por": "portuguese", "português": "portuguese",
    "ro": "romanian", "ron": "romanian", "rum": "romanian", "română": "romanian",
    "ru": "russian", "rus": "russian", "русский": "russian",
    "sk": "slovak", "slk": "slovak", "slo": "slovak", "slovenčina": "slovak",
    "es": "spanish", "spa": "spanish", "español": "spanish", "castellano": "spanish",
    "sv": "swedish", "swe": "swedish", "svenska": "swedish",
    "th": "thai", "tha": "thai", "ไทย": "thai",
    "uk": "ukrainian", "ukr": "ukrainian", "українська": "ukrainian",
}  # fmt: skip
NAMES = frozenset(CODES.values())


def language_name(code_or_name: str | None) -> str:
    """The name of the language a code or name stands for: "en", "en-GB", "pt_BR", "fra",
    "de, en" (a feed's list: the first), "Deutsch", "German" -> "german"; "" when unknown."""
    if not code_or_name or not isinstance(code_or_name, str):
        return ""
    key = code_or_name.strip().lower().replace("_", "-")
    for candidate in (key, key.split("-")[0], key.split(",")[0].strip().split("-")[0]):
        if candidate in NAMES:
            return candidate
        if candidate in CODES:
            return CODES[candidate]
    return ""
