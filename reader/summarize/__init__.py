"""Offline extractive summaries of news stories.

``summarize``/``summarize_story`` summarise one story with newsrank (the default, made for news)
or one of sumy's methods; ``summarize_many`` summarises a story with its related stories.
Nothing here downloads anything: sentences are split by ``OfflineTokenizer`` instead of NLTK punkt.
A story's language (stop words, stemmer, sentence rules) is read from its text when that is clear
(``detect_language``), else taken from the feed's or page's declaration. A story that is mostly a
list of headed items ("five ways to ...") is summarised by its opening and a line naming the items.
"""

from __future__ import annotations

from .api import summarize, summarize_many, summarize_story
from .core import ALGORITHMS, DEFAULT_ALGORITHM
from .languages import LANGUAGES, detect_language, language_for
from .tokenizer import OfflineTokenizer, split_sentences, split_words

# Part of the key summaries are cached under (reader.reading): raise it when a change here makes
# different summaries of the same text, and cached ones are made again (favourites keep theirs).
SUMMARY_VERSION = 3

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "LANGUAGES",
    "SUMMARY_VERSION",
    "OfflineTokenizer",
    "detect_language",
    "language_for",
    "split_sentences",
    "split_words",
    "summarize",
    "summarize_many",
    "summarize_story",
]
