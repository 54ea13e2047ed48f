"""Checks on submitted text: what is stored is what the person wrote, minus surrounding white
space, with line endings unified and control characters refused."""

from __future__ import annotations

import hashlib
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_submitted(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def has_control_characters(text: str) -> bool:
    return bool(_CONTROL.search(text))


def body_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def full_text(title: str, body: str) -> str:
    """A contribution's whole text as it is analysed: the title, if any, on its own line above
    the body."""
    return f"{title}\n{body}" if title else body
