"""How many threads the encoder spreads one text over."""

import os

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
