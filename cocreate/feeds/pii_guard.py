"""A last check on text about to leave the vault. Text intelligence masks personal data; this
guard refuses a record whose masked text still holds an email, a Korean phone number or a
resident registration number, so that a masking miss holds a record back instead of leaking."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Mobile 010-1234-5678 and landlines 02-123-4567 / 031-1234-5678, with or without separators.
PHONE = re.compile(r"(?<!\d)(?:01[016789]|0[2-6][0-9]?|070)[\s.-]?\d{3,4}[\s.-]?\d{4}(?!\d)")
# 주민등록번호 / 외국인등록번호: YYMMDD-Gnnnnnn, G in 1-8.
RESIDENT_NUMBER = re.compile(
    r"(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[\s-]?[1-8]\d{6}(?!\d)"
)

PATTERNS = {"email": EMAIL, "phone": PHONE, "resident_number": RESIDENT_NUMBER}


def pii_found(*texts: str) -> list[str]:
    """The kinds of personal data found in `texts` (empty when clean)."""
    return [name for name, pattern in PATTERNS.items() if any(pattern.search(t) for t in texts)]
