"""Parallel clients for the concurrency benchmarks: one thread per chunk of work, each with its
own database connection, all released at once; every call is timed, and a domain error ends
that call only, counted by its code."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import close_old_connections, connection

from cocreate.core.errors import DomainError


@dataclass
class ClientsRun:
    seconds: float
    errors: dict[str, int]
    latencies_ms: list[float]


def clients_run(
    chunks: Sequence[Sequence[int]],
    prepare: Callable[[Sequence[int]], Sequence[Callable[[], object]]],
) -> ClientsRun:
    """`prepare(chunk)` runs in the client's thread before the common start and returns the
    calls that client then makes one after another."""
    barrier = threading.Barrier(len(chunks) + 1)
    lock = threading.Lock()
    errors: dict[str, int] = {}
    latencies: list[float] = []

    def client(chunk: Sequence[int]) -> None:
        try:
            try:
                calls = prepare(chunk)
            except Exception:
                barrier.abort()  # the others must not wait for a client that cannot start
                raise
            mine: list[float] = []
            mine_errors: dict[str, int] = {}
            barrier.wait()
            for call in calls:
                began = time.perf_counter()
                try:
                    call()
                except DomainError as exc:
                    mine_errors[exc.code] = mine_errors.get(exc.code, 0) + 1
                mine.append((time.perf_counter() - began) * 1000)
            with lock:
                latencies.extend(mine)
                for code, n in mine_errors.items():
                    errors[code] = errors.get(code, 0) + n
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    close_old_connections()
    barrier.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return ClientsRun(time.perf_counter() - began, errors, latencies)
