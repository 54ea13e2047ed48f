"""The analysis service over its Unix socket: a real server thread, a real socket."""

import json
import os
import socket
import tempfile
from pathlib import Path

import pytest

from cocreate.textintel import service


@pytest.fixture
def socket_file(settings):
    # Unix socket paths are limited to about 100 bytes: keep it short.
    folder = Path(tempfile.mkdtemp(prefix="ti", dir="/tmp"))
    path = folder / "a.sock"
    settings.TEXTINTEL_ANALYSIS_SOCKET = str(path)
    yield path
    if path.exists():
        path.unlink()
    folder.rmdir()


@pytest.fixture
def running(socket_file):
    server = service.start(socket_file)
    yield socket_file
    service.stop(server, socket_file)


def test_ping(running):
    answer = service.ask("ping")
    assert answer == {"ok": True, "pid": os.getpid()}


def test_socket_is_private(running):
    assert oct(running.stat().st_mode & 0o777) == "0o600"


def test_unknown_operation_is_an_error_not_a_crash(running):
    with pytest.raises(service.Unavailable, match="unknown op"):
        service.ask("drop_tables")
    assert service.ask("ping")["ok"]


@pytest.mark.parametrize(
    "raw",
    [
        b"not json\n",
        b"[1, 2]\n",
        b'{"op": "terms", "text": 5}\n',
        b'{"op": "similar", "text": "x", "k": "9"}\n',
    ],
)
def test_malformed_requests_get_an_error_answer(running, raw):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(5)
        conn.connect(str(running))
        conn.sendall(raw)
        answer = json.loads(conn.makefile("rb").readline())
    assert "error" in answer


def test_oversized_request_is_refused(running):
    with pytest.raises(service.Unavailable, match="too large"):
        service.ask("terms", {"text": "가" * (service.MAX_REQUEST_BYTES // 2)})


def test_missing_socket_is_unavailable(socket_file):
    with pytest.raises(service.Unavailable):
        service.ask("ping")


def test_stale_socket_file_is_unavailable(socket_file):
    socket_file.write_text("")
    with pytest.raises(service.Unavailable):
        service.ask("ping", timeout=0.5)


def test_stopping_removes_the_socket(socket_file):
    server = service.start(socket_file)
    assert socket_file.exists()
    service.stop(server, socket_file)
    assert not socket_file.exists()


# --- with the models (the service answers as the worker's thread would) --------------------


@pytest.mark.django_db(transaction=True)
def test_terms_are_kiwi_morphemes(running):
    answer = service.ask("terms", {"text": "배송이 정말 빨랐어요"}, timeout=60)
    assert "배송" in answer["terms"]
    assert "빠르" in answer["terms"]
    assert "이" not in answer["terms"]


@pytest.mark.django_db(transaction=True)
def test_web_search_goes_through_the_service(running, user, product):
    from cocreate.contributions.tests.factories import make_review
    from cocreate.textintel import selectors, services

    review = make_review(author=user, product=product, body="배송이 정말 빨랐어요")
    services.enrichment_run([review.pk], vectors=False)
    found = selectors.search("빠른 배송")
    assert found.terms.method == "morphemes"
    assert [r.contribution.pk for r in found.results] == [review.pk]


@pytest.mark.django_db(transaction=True)
def test_similar_through_the_service(running, user, category):
    from cocreate.contributions.tests.factories import make_idea
    from cocreate.textintel import services
    from cocreate.textintel.similarity import similar_contributions

    idea = make_idea(
        author=user,
        category=category,
        status="published",
        title="캠핑 의자 컵홀더",
        body="캠핑 의자 팔걸이에 컵홀더가 있으면 좋겠어요",
    )
    services.vectors_update([idea.pk])
    hits = similar_contributions("의자에 컵 놓는 곳을 만들어 주세요")
    assert [h.contribution_id for h in hits] == [idea.pk]
    assert hits[0].method == "embedding"
    assert 0 < hits[0].score <= 1


def test_more_clients_than_threads_are_all_answered(running):
    from concurrent.futures import ThreadPoolExecutor

    clients = service.POOL_THREADS * 3
    with ThreadPoolExecutor(max_workers=clients) as pool:
        answers = list(pool.map(lambda _: service.ask("ping", timeout=10), range(clients)))
    assert answers == [{"ok": True, "pid": os.getpid()}] * clients


def test_a_client_that_sends_nothing_does_not_stop_the_others(running):
    silent = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    silent.connect(str(running))
    try:
        # a pool thread waits on the silent client; the rest still answer
        assert service.ask("ping", timeout=5)["ok"] is True
    finally:
        silent.close()


@pytest.mark.django_db
def test_warm_up_loads_the_models_and_sets_them_aside_from_the_collector():
    import gc

    from cocreate.textintel import local
    from cocreate.textintel.ml.artifacts import _cache
    from cocreate.textintel.morph import kiwi_loaded

    gc.unfreeze()
    try:
        local.warm_up()
        assert kiwi_loaded()
        assert {"sentiment-ko", "sentiment-en", "kind", "category"} <= set(_cache)
        assert gc.get_freeze_count() > 0  # a full collection no longer walks them
    finally:
        gc.unfreeze()
