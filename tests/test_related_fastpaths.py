"""The shortcuts that keep grouping fast give what the plain computation gives (reader.related)."""

from __future__ import annotations

import math
import random
import re
import zlib

from reader.related import RelatedIndex
from reader.related import index as related_index
from reader.related import text as related_text
from reader.related.text import KEY_CHARS, SHINGLE_WORDS, features
from reader.textutil import clean_block
from tests.test_related_samples import FULL_TEXT, HEADLINES

# words of several byte lengths in UTF-8 (the shingles are slices of the encoded text)
ACCENTED = (
    "Die Bürgermeisterin von Zürich eröffnete am Montag die neue Brücke über die Limmat. "
    "L'Élysée a confirmé que le président se rendra à Genève jeudi pour la conférence. "
    "東京の知事は 月曜日に新しい橋を開通させた と発表した。 Ärzte warnen vor Hitze."
)
SAMPLES = [*FULL_TEXT, *HEADLINES, {"title": "Zürich opens bridge", "text": ACCENTED}]


def test_features_are_the_same_with_cold_and_warm_memos() -> None:
    cold = []
    for a in SAMPLES:
        related_text.lexicon.cache_clear()  # every article parsed from scratch
        cold.append(features(a["title"], a["text"]))
    warm = [features(a["title"], a["text"]) for a in SAMPLES]
    assert warm == cold
    assert [list(f.vector) for f in warm] == [list(f.vector) for f in cold]


def test_shingles_are_the_crc32_of_each_four_words_of_the_text_start() -> None:
    for a in SAMPLES:
        norm = re.sub(r"[\W_]+", " ", clean_block(a["text"])[:KEY_CHARS].lower())
        words = norm.split()[:SHINGLE_WORDS]
        want = {zlib.crc32(" ".join(words[i : i + 4]).encode()) for i in range(len(words) - 3)}
        assert list(features(a["title"], a["text"]).shingles) == sorted(want)


def test_scores_count_every_term_an_article_shares_with_a_candidate_group() -> None:
    index = RelatedIndex(window_hours=100_000, with_related=False)
    for a in SAMPLES:
        index.add(a | {"id": f"seen-{a.get('id', 'x')}"})
    for a in FULL_TEXT:
        vec = index._weigh(features(a["title"], a["text"]))
        scores = index._score(vec)
        assert scores
        for gid, score in scores.items():
            group = index._groups[gid]
            full = sum(w * group.terms.get(t, 0.0) for t, w in vec.items()) / group.denom
            assert math.isclose(score, full, rel_tol=1e-12)


def test_the_rough_dot_product_is_the_exact_one_up_to_rounding() -> None:
    rng = random.Random(5)
    for _ in range(300):
        terms = [f"t{i}" for i in range(rng.randint(1, 500))]
        a = {t: rng.random() for t in rng.sample(terms, rng.randint(1, len(terms)))}
        b = {t: rng.random() * 40 for t in rng.sample(terms, rng.randint(1, len(terms)))}
        exact = related_index._dot(a, b)
        assert abs(related_index._rough_dot(a, b) - exact) <= 1e-12 * exact
