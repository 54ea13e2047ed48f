"""The analysis service: what web processes need from Kiwi and the sentence encoder at request
time (search query morphemes, similar ideas for text being typed), answered by the one process
that already holds the models, over a Unix socket (ADR 0003).

`cocreate worker` starts it in a thread (settings.WORKER_SERVICES) beside the task runner, so
the models are loaded once per machine, in the worker. Web processes call `ask()`; when the
socket is missing, slow or broken, `ask()` raises `Unavailable` and callers use their fallback
(plain-word search; word-overlap suggestions). A web process never imports Kiwi or the encoder.

Protocol: one request per connection, one JSON line each way:
{"op": "terms", "text": ...} -> {"terms": [...]}
{"op": "similar", "text": ..., "kind": ..., "k": ..., "exclude": [...]} -> {"hits": [[id, score]]}
{"op": "ping"} -> {"ok": true, "pid": ...}
"""

from __future__ import annotations

import json
import logging
import os
import socket
import socketserver
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections

from cocreate.textintel import local

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 64 * 1024
MAX_TEXT_CHARS = 5000
MAX_K = 50
POOL_THREADS = 8


class Unavailable(Exception):
    """The analysis service did not answer in time, or answered with an error."""


def socket_path() -> Path:
    return Path(settings.TEXTINTEL_ANALYSIS_SOCKET)


# --- client ---------------------------------------------------------------------------------


def ask(op: str, payload: dict[str, Any] | None = None, *, timeout: float | None = None) -> Any:
    path = socket_path()
    if not path.exists():
        raise Unavailable(f"no analysis service at {path}")
    request = json.dumps({"op": op, **(payload or {})}, ensure_ascii=False).encode() + b"\n"
    wait = settings.TEXTINTEL_ANALYSIS_TIMEOUT if timeout is None else timeout
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(wait)
            conn.connect(str(path))
            conn.sendall(request)
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError as exc:
        raise Unavailable(str(exc)) from exc
    try:
        answer = json.loads(data)
    except ValueError as exc:
        raise Unavailable("unreadable answer") from exc
    if not isinstance(answer, dict) or "error" in answer:
        raise Unavailable(str(answer.get("error") if isinstance(answer, dict) else answer))
    return answer


# --- server ---------------------------------------------------------------------------------


def _text(request: dict[str, Any]) -> str:
    text = request.get("text")
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    return text[:MAX_TEXT_CHARS]


def answer(request: dict[str, Any]) -> dict[str, Any]:
    op = request.get("op")
    if op == "ping":
        return {"ok": True, "pid": os.getpid()}
    if op == "terms":
        return {"terms": local.terms(_text(request))}
    if op == "similar":
        k = request.get("k", 5)
        exclude = request.get("exclude", [])
        kind = request.get("kind", "idea")
        if not isinstance(k, int) or not isinstance(exclude, list) or not isinstance(kind, str):
            raise ValueError("bad arguments")
        hits = local.similar(
            _text(request),
            kind=kind,
            k=max(1, min(k, MAX_K)),
            exclude_ids=[int(i) for i in exclude[:1000]],
        )
        return {"hits": [[h.contribution_id, h.score] for h in hits]}
    raise ValueError(f"unknown op {op!r}")


class _Handler(socketserver.StreamRequestHandler):
    # a client that connects and says nothing frees its thread after this many seconds
    timeout = 5

    def handle(self) -> None:
        line = self.rfile.readline(MAX_REQUEST_BYTES + 1)
        try:
            if len(line) > MAX_REQUEST_BYTES:
                raise ValueError("request too large")
            request = json.loads(line)
            if not isinstance(request, dict):
                raise ValueError("request must be an object")
            close_old_connections()
            reply = answer(request)
        except Exception as exc:  # noqa: BLE001 - the client falls back; the service keeps serving
            logger.warning("analysis service: %s", exc)
            reply = {"error": str(exc)[:200]}
        finally:
            close_old_connections()
        self.wfile.write(json.dumps(reply, ensure_ascii=False).encode() + b"\n")


class _Server(socketserver.UnixStreamServer):
    """Requests are answered by a small pool of long-lived threads, not a new thread each: a
    typing user sends one every few hundred milliseconds."""

    # connections waiting to be accepted (socketserver's default of 5 refuses a burst from
    # several web workers at once)
    request_queue_size = 128

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool = ThreadPoolExecutor(max_workers=POOL_THREADS, thread_name_prefix="analysis")

    def process_request(self, request: Any, client_address: Any) -> None:
        self.pool.submit(self._answer, request, client_address)

    def _answer(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - one broken connection must not stop the others
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def start(path: Path | None = None) -> socketserver.BaseServer:
    """Serve on `path` (the configured socket by default) from a background thread."""
    path = path or socket_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    server = _Server(str(path), _Handler)
    path.chmod(0o600)
    threading.Thread(target=server.serve_forever, daemon=True, name="textintel-analysis").start()
    logger.info("analysis service listening on %s", path)
    return server


def stop(server: socketserver.BaseServer, path: Path | None = None) -> None:
    server.shutdown()
    server.server_close()
    path = path or socket_path()
    if path.exists():
        path.unlink()


def run(stop_event: threading.Event) -> None:
    """Entry point for `cocreate worker` (settings.WORKER_SERVICES): this process hosts the
    models; load them now so the first web request does not wait for them."""
    if settings.TASKS_BACKEND == "rq":
        # RQ forks a child for every job, and GNU OpenMP cannot run in a child once the parent
        # has run it on several threads: the encoder keeps to one thread here.
        os.environ.setdefault("TEXTINTEL_ENCODER_THREADS", "1")
    local.host_models()
    server = start()
    try:
        local.warm_up()
    except Exception:  # a missing model must not stop the task worker; requests fall back
        logger.exception("analysis service: the models could not be loaded")
    try:
        stop_event.wait()
    finally:
        stop(server)
