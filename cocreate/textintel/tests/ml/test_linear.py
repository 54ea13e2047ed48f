"""The linear models' own fast paths give what scikit-learn's transforms give."""

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from cocreate.textintel.ml.linear import char_grams, l2_rows

TEXTS = [
    "배송이 빨랐어요 ㅋㅋㅋ",
    "Love this dress!  The fabric is soft",
    "a I x",
    "  tabs\tand\nnew lines  ",
    "",
    "안 맞아요. 안 맞아요.",
    "ÀÉÎ mixed CASE words",
]


@pytest.mark.parametrize("ngrams", [(2, 5), (1, 3), (3, 4)])
def test_char_grams_equal_scikit_learn(ngrams):
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=ngrams, sublinear_tf=True, min_df=1, dtype=np.float32
    ).fit(TEXTS[:4])
    texts = [*TEXTS, "words never seen before", "ㅋ"]
    expected = vectorizer.transform(texts).toarray()
    assert np.allclose(char_grams(vectorizer, texts).toarray(), expected, atol=1e-6)
    # the per-word cache gives the same the second time
    assert np.allclose(char_grams(vectorizer, texts).toarray(), expected, atol=1e-6)


def test_l2_rows_equal_normalize_with_empty_rows():
    dense = np.array([[0, 0, 0], [1, 2, 0], [0, 0, 0], [3, 0, 4], [0, 0, 0]], dtype=np.float32)
    x = csr_matrix(dense)
    assert np.allclose(l2_rows(x.copy()).toarray(), normalize(x).toarray())
    empty = csr_matrix((3, 4), dtype=np.float32)
    assert l2_rows(empty).nnz == 0
