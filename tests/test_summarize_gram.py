"""newsrank's sparse products give what dense ones give (speed itself is in benchmarks/)."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.summarize.newsrank import DENSE_BELOW, RARE, gram


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=DENSE_BELOW, max_value=DENSE_BELOW + 150),
    st.integers(min_value=100, max_value=400),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_sparse_gram_equals_the_dense_product(rows: int, columns: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = np.zeros((rows, columns), dtype=np.float32)
    for row in range(rows):  # a dozen words a sentence, a few words in many sentences
        cols = np.minimum(rng.zipf(1.4, 12) - 1, columns - 1)
        x[row, cols] = rng.random(12).astype(np.float32) + 0.1
    df = (x != 0).sum(axis=0)
    assume((df > RARE).any() and ((df > 0) & (df <= RARE)).any())
    np.testing.assert_allclose(gram(x), x @ x.T, rtol=1e-5, atol=1e-5)


def test_gram_of_a_matrix_without_rare_or_without_frequent_words() -> None:
    dense = np.ones((DENSE_BELOW + 5, 3), dtype=np.float32)
    np.testing.assert_allclose(gram(dense), dense @ dense.T)
    rare = np.eye(DENSE_BELOW + 5, dtype=np.float32)
    np.testing.assert_allclose(gram(rare), rare @ rare.T)
