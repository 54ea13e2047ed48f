"""Model work done in this process: only in processes that host the models (the task worker,
management commands, the analysis service). Every import of Kiwi or the encoder happens inside
these functions, never when a module is imported, so a web process that never calls them never
loads them."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from cocreate.textintel.vectors import SimilarHit, VectorIndex, index_for

_hosting = False
# Every call into the encoder runs on this one thread: the encoder is not known to be safe for
# concurrent calls, and its OpenMP threads belong to the thread that calls it (a new calling
# thread, such as each request of the analysis service, would start a new team of them).
_encoder_thread: ThreadPoolExecutor


def _new_encoder_thread() -> None:
    global _encoder_thread
    _encoder_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="textintel-encoder")


_new_encoder_thread()
# A forked child (an RQ job) has none of its parent's threads: it starts its own.
os.register_at_fork(after_in_child=_new_encoder_thread)


def host_models() -> None:
    """Mark this process as the one that holds the models (called by `cocreate worker`). Its
    numeric library computes on one thread: the encoder brings its own threads, and idle BLAS
    threads spinning beside them slowed one similar-ideas query by half."""
    global _hosting
    _hosting = True
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(1, user_api="blas")


def hosting() -> bool:
    return _hosting


def terms(text: str) -> list[str]:
    from cocreate.textintel.morph import search_terms

    return search_terms(text)


def terms_batch(texts: Sequence[str]) -> list[list[str]]:
    from cocreate.core.text import detect_language, normalize
    from cocreate.textintel.morph import analyse_batch, content_terms

    normalised = [normalize(t) for t in texts]
    korean = [i for i, t in enumerate(normalised) if detect_language(t) == "ko"]
    out: list[list[str]] = [english_terms(t) for t in normalised]
    for i, morphs in zip(korean, analyse_batch([normalised[i] for i in korean]), strict=True):
        out[i] = content_terms(morphs)
    return out


def english_terms(text: str) -> list[str]:
    """Plain lower-cased words: English (and anything not Korean) is not run through Kiwi."""
    from cocreate.textintel.search import clean_term

    return [w for w in (clean_term(word) for word in text.split()) if w]


_dimensions: int | None = None


def similarity_model() -> tuple[str, int]:
    """The similarity model's name and the length of its vectors."""
    global _dimensions
    from cocreate.textintel.ml.api import SIMILARITY_MODEL

    if _dimensions is None:
        _dimensions = int(embed(["dimensions"]).shape[1])
    return SIMILARITY_MODEL, _dimensions


def duplicate_min_cosine() -> float:
    from cocreate.textintel.ml.api import DUPLICATE_MIN_COSINE

    return float(DUPLICATE_MIN_COSINE)


def duplicate_decisions(
    left: Sequence[str], right: Sequence[str], left_vectors: np.ndarray, right_vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(probability, is a duplicate) of each pair, by the duplicates model (on the encoder's
    thread: the model reads the texts' latent terms, which the encoder computes)."""
    from cocreate.textintel.ml.api import duplicate_decisions as decide

    return _encoder_thread.submit(decide, left, right, left_vectors, right_vectors).result()


def differing_words(left: str, right: str) -> tuple[list[str], list[str]]:
    """The content words only the left text has, and those only the right one has (Kiwi)."""
    from cocreate.textintel.ml.duplicates import differing_words as differing

    return differing(left, right)


def duplicate_model() -> str:
    from cocreate.textintel.ml.api import DUPLICATE_MODEL

    return DUPLICATE_MODEL


def english_sentiment_model() -> str:
    """The id of the second-pass English sentiment model (reads the texts' vectors)."""
    from cocreate.textintel.ml import sentiment_encoder
    from cocreate.textintel.ml.artifacts import model_id

    return model_id(sentiment_encoder.NAME)


def english_sentiments(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """P(positive) of each English text by the second-pass model, given its `embed` row."""
    from cocreate.textintel.ml import sentiment_encoder

    return sentiment_encoder.positive_probabilities(texts, vectors)


def embed(texts: Sequence[str]) -> np.ndarray:
    """`embed` rows of the texts, computed on the process's one encoder thread."""
    from cocreate.textintel.ml.api import embed as ml_embed

    batch = list(texts)
    return _encoder_thread.submit(lambda: np.asarray(ml_embed(batch), dtype=np.float32)).result()


def index() -> VectorIndex:
    return index_for(*similarity_model())


def similar(
    text: str, *, kind: str, k: int, exclude_ids: Iterable[int] = (), public_only: bool = True
) -> list[SimilarHit]:
    from cocreate.textintel.ml.api import embed_query

    vector = _encoder_thread.submit(embed_query, text).result()
    return index().query(vector, kind=kind, k=k, exclude_ids=exclude_ids, public_only=public_only)


def warm_up() -> Any:
    """Load Kiwi, the classifiers, the encoder and the index now rather than on the first
    request, then set what was loaded aside from the cyclic garbage collector: it stays for
    the process's life, and a full collection walking it took about 0.15 s in the middle of an
    enrichment batch (a tenth of the batch's time). A forked job shares it unchanged."""
    from cocreate.textintel.ml.api import analyse

    analyse(["배송이 빨라요", "Fast delivery"])
    embed(["warm up"])
    index().refresh(force=True)
    gc.collect()
    gc.freeze()
