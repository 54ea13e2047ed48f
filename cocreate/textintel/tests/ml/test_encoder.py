"""How many threads the encoder spreads one text over."""

import os

import pytest

from cocreate.textintel.ml.encoder import MAX_THREADS, encoder_threads


def test_encoder_threads_configured(monkeypatch):
    monkeypatch.setenv("TEXTINTEL_ENCODER_THREADS", "3")
    assert encoder_threads() == 3
    monkeypatch.setenv("TEXTINTEL_ENCODER_THREADS", "0")
    assert encoder_threads() == 1


def test_encoder_threads_default_follows_the_cpus(monkeypatch):
    monkeypatch.delenv("TEXTINTEL_ENCODER_THREADS", raising=False)
    available = len(os.sched_getaffinity(0))
    assert encoder_threads() == max(1, min(MAX_THREADS, available))


def test_truncated_keeps_the_longest_start_that_fits():
    from cocreate.textintel.ml.encoder import get_encoder, truncated

    encoder = get_encoder()
    short = "층간소음 대책을 마련해 주세요"
    assert truncated(short, 32) == short
    long = "아파트 층간소음 때문에 밤마다 잠을 못 자요. 바닥 두께 기준을 높여 주세요. " * 10
    cut = truncated(long, 32)
    assert long.startswith(cut)
    assert encoder.token_count(cut, True) <= 32
    assert encoder.token_count(long[: len(cut) + 1], True) > 32


def test_similar_query_reads_the_start_of_a_long_text():
    from cocreate.textintel.ml import api

    title = "텀블러에 손잡이를 달아 주세요"
    body = " 들고 다니기 불편해요." * 200
    whole_start = api.embed([title])[0]
    query = api.embed_query(title + body, max_tokens=12)
    assert query.shape == whole_start.shape
    assert float(query @ whole_start) > 0.8


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_child_gets_an_encoder_thread_of_its_own():
    """RQ runs each job in a forked child; the parent's encoder thread does not exist there."""
    import time

    from cocreate.textintel import local

    assert local._encoder_thread.submit(lambda: 1).result(timeout=5) == 1  # parent's started
    pid = os.fork()
    if pid == 0:  # the child: answer through the exit code, never return into pytest
        try:
            os._exit(0 if local._encoder_thread.submit(lambda: 7).result(timeout=5) == 7 else 1)
        except BaseException:  # noqa: BLE001 - whatever fails, the child must exit here
            os._exit(2)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise AssertionError("the child's encoder thread never answered")
    assert os.waitstatus_to_exitcode(status) == 0


def test_latent_terms_are_sparse_normalised_rows_in_the_order_given():
    import numpy as np

    from cocreate.textintel.ml.encoder import LATENT_TOP, latent_dimensions, latent_terms

    texts = ["텀블러에 손잡이를 달아 주세요", "배송이 너무 늦어요", "텀블러에 손잡이를 달아 주세요"]
    terms = latent_terms(texts)
    assert terms.shape == (3, latent_dimensions())
    assert all(0 < terms[i].nnz <= LATENT_TOP for i in range(3))
    assert np.allclose(np.sqrt(terms.multiply(terms).sum(axis=1)).A.ravel(), 1.0, atol=1e-5)
    # the same text gives the same row; different texts share some concepts, not all
    assert (terms[0] != terms[2]).nnz == 0
    shared = float(terms[0].multiply(terms[1]).sum())
    assert 0 <= shared < 0.9
    assert latent_terms([]).shape == (0, latent_dimensions())
