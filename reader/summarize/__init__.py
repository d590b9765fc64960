"""Offline extractive summaries of news stories.

``summarize``/``summarize_story`` summarise one story with newsrank (the default, made for news)
or one of sumy's methods; ``summarize_many`` summarises a story with its related stories.
Nothing here downloads anything: sentences are split by ``OfflineTokenizer`` instead of NLTK punkt.
"""

from __future__ import annotations

from .api import summarize, summarize_many, summarize_story
from .core import ALGORITHMS, DEFAULT_ALGORITHM
from .languages import LANGUAGES, language_for
from .tokenizer import OfflineTokenizer, split_sentences, split_words

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "LANGUAGES",
    "OfflineTokenizer",
    "language_for",
    "split_sentences",
    "split_words",
    "summarize",
    "summarize_many",
    "summarize_story",
]
