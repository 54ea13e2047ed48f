"""What the duplicates pair model reads of the latent terms, and their cache."""

import numpy as np
import pytest
from scipy.sparse import csr_matrix

from cocreate.textintel.ml import duplicates
from cocreate.textintel.ml.encoder import latent_terms
from cocreate.textintel.ml.similarity_training import LatentCache


def test_pair_matrix_puts_the_difference_and_the_shared_terms_beside_the_features():
    scaled = np.array([[1.0, -2.0], [0.5, 0.0]])
    left = csr_matrix(np.array([[0.6, 0.8, 0.0], [1.0, 0.0, 0.0]], dtype=np.float32))
    right = csr_matrix(np.array([[0.6, 0.0, 0.8], [1.0, 0.0, 0.0]], dtype=np.float32))
    x = duplicates.pair_matrix(scaled, left, right, 2.0).toarray()
    assert x.shape == (2, 2 + 3 + 3)
    assert np.allclose(x[:, :2], scaled)
    assert np.allclose(x[0, 2:5], 2.0 * np.array([0.0, 0.8, 0.8]))  # where they differ
    assert np.allclose(x[0, 5:], 2.0 * np.array([0.36, 0.0, 0.0]))  # what they share
    assert np.allclose(x[1, 2:5], 0.0)  # identical texts differ nowhere


def test_pair_terms_reads_each_text_once_and_keeps_the_pair_order():
    asked = []

    def terms(texts):
        asked.append(list(texts))
        return csr_matrix(np.eye(len(texts), dtype=np.float32))

    left, right = duplicates.pair_terms(["b", "a", "b"], ["c", "b", "a"], terms)
    assert asked == [["a", "b", "c"]]
    assert left.toarray().argmax(axis=1).tolist() == [1, 0, 1]
    assert right.toarray().argmax(axis=1).tolist() == [2, 1, 0]


def test_latent_cache_gives_back_what_the_encoder_computed(tmp_path):
    texts = ["배송 조회가 안 돼요", "환불은 어떻게 하나요?"]
    first = LatentCache(tmp_path).terms(texts)
    assert (tmp_path / "latent-terms.npz").exists()
    reread = LatentCache(tmp_path).terms([texts[1], texts[0]])
    computed = latent_terms(texts)
    # read back from the file, exactly what was computed: a model trained on cached terms is
    # the model trained on fresh ones
    assert (first != computed).nnz == 0
    assert np.array_equal(reread[0].indices, computed[1].indices)
    assert (reread[0] != computed[1]).nnz == 0
    assert (reread[1] != computed[0]).nnz == 0


def test_latent_cache_reads_back_every_stored_row(tmp_path):
    rng = np.random.default_rng(7)
    cache = LatentCache(tmp_path)
    for n in range(300):
        size = int(rng.integers(1, 40))
        indices = np.sort(rng.choice(16384, size, replace=False)).astype(np.int32)
        cache.rows[f"text {n}"] = (indices, rng.random(size).astype(np.float32))
    cache.save()
    reread = LatentCache(tmp_path).rows
    assert sorted(reread) == sorted(cache.rows)
    for key, (indices, values) in cache.rows.items():
        assert np.array_equal(reread[key][0], indices)
        assert np.array_equal(reread[key][1], values)


@pytest.mark.parametrize(
    ("left", "right", "left_only", "right_only"),
    [
        (
            "이 텀블러에 손잡이를 달아 주세요",
            "이 텀블러에 빨대를 달아 주세요",
            ["손잡이"],
            ["빨대"],
        ),
        ("환불은 어떻게 하나요?", "교환은 어떻게 하나요?", ["환불"], ["교환"]),
        ("사이즈가 너무 작아요", "사이즈가 너무 커요", ["작다"], ["크다"]),  # predicates as lemmas
        ("배송비 3000원 너무 비싸요", "배송비 5000원 너무 비싸요", ["3000"], ["5000"]),
        ("The zipper broke after a week", "The strap broke after a week", ["zipper"], ["strap"]),
        (
            "Please add a handle to this tumbler",
            "I wish the tumbler had a handle",
            ["add"],
            ["wish"],
        ),
        ("의자에 컵홀더를 달아 주세요", "컵홀더 달린 의자", ["달다"], ["달리다"]),
        ("배송이 느려요", "배송이 느려요", [], []),
        ("Doesn't open, it's broken", "It won't open at all", ["broken"], []),  # no "doesn", "s"
    ],
)
def test_differing_words_are_the_content_words_only_one_side_has(
    left, right, left_only, right_only
):
    assert duplicates.differing_words(left, right) == (left_only, right_only)


def test_differing_words_are_few_and_short():
    long_word = "abcdefghij" * 6  # one 60-letter word (a run of one letter would be shortened)
    left = " ".join(f"{w}를 사요" for w in ["사과", "배", "감", "귤", "포도", "수박", "참외"])
    first, second = duplicates.differing_words(left + " " + long_word, "딸기")
    assert len(first) == duplicates.MAX_DIFFERING
    assert second == ["딸기"]
    assert all(len(w) <= duplicates.MAX_WORD_CHARS for w in first)
    _, second = duplicates.differing_words("딸기", long_word)
    assert second == [long_word[: duplicates.MAX_WORD_CHARS]]


def test_hubness_is_measured_among_sentences_of_the_texts_language():
    korean_pool = np.tile(np.eye(4, dtype=np.float32)[0], (12, 1)).astype(np.float16)
    english_pool = np.tile(np.eye(4, dtype=np.float32)[1], (12, 1)).astype(np.float16)
    vectors = np.eye(4, dtype=np.float32)[[1, 1]]  # both sit on the English sentences
    texts = ["배송이 느려요", "The delivery is slow"]
    found = duplicates.language_hubness(texts, vectors, korean_pool, english_pool)
    assert found.tolist() == [
        0.0,
        1.0,
    ]  # the Korean text against Korean, the English against English
    alone = duplicates.language_hubness(texts, vectors, korean_pool, None)
    assert alone.tolist() == [0.0, 0.0]  # no English pool: one pool for all (duplicates@3)
