"""What the duplicates pair model reads of the latent terms, and their cache."""

import numpy as np
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
