"""Where the trained models live, and loading them once per process.

Each model is two committed files under `artifacts/`: `<name>-<version>.joblib` (the fitted
model) and `<name>-<version>.json` (what it was trained on and its measured quality). The
versions below are the ones the product uses; `cocreate textintel_train` rewrites exactly these
files (bump a version when a model changes in a way stored predictions should show)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import joblib

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"

VERSIONS: dict[str, str] = {
    "sentiment-ko": "2",
    "sentiment-en": "1",
    "sentiment-en-encoder": "1",
    "kind": "1",
    "category": "2",
    "aspects": "1",
    "similarity": "1",
    "duplicates": "4",
}

_cache: dict[str, Any] = {}
_lock = threading.Lock()


def model_id(name: str) -> str:
    """ "name@version", as stored beside every prediction."""
    return f"{name}@{VERSIONS[name]}"


def path_for(name: str, suffix: str, directory: Path | None = None) -> Path:
    return (directory or ARTIFACT_DIR) / f"{name}-{VERSIONS[name]}.{suffix}"


def save(name: str, obj: Any, report: dict[str, Any], directory: Path | None = None) -> Path:
    target = path_for(name, "joblib", directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(obj, target, compress=3)
    report = {"model": model_id(name), **report}
    path_for(name, "json", directory).write_text(
        json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    with _lock:
        _cache.pop(name, None)
    return target


def load(name: str) -> Any:
    """The shipped model `name`, loaded on first use and kept for the life of the process."""
    obj = _cache.get(name)
    if obj is None:
        with _lock:
            obj = _cache.get(name)
            if obj is None:
                obj = joblib.load(path_for(name, "joblib"))
                _cache[name] = obj
    return obj


def report(name: str) -> dict[str, Any]:
    """The measured quality written beside the model."""
    return json.loads(path_for(name, "json").read_text(encoding="utf-8"))


def forget() -> None:
    """Drop every loaded model (tests that retrain into the artifact folder)."""
    with _lock:
        _cache.clear()
