from collections.abc import Iterator
from typing import Any

import pytest

from cocreate.textintel import local, vectors


@pytest.fixture(autouse=True)
def fresh_process_state(monkeypatch: Any) -> Iterator[None]:
    """Each test starts as a web process (not hosting the models) with no in-memory index:
    commands under test mark the process as a host, and rolled-back rows must not linger."""
    monkeypatch.setattr(local, "_hosting", False)
    vectors.forget_indexes()
    yield
    vectors.forget_indexes()
