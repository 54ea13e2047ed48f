"""Opaque, signed cursors over the feed's stable order (sequence numbers)."""

from __future__ import annotations

from django.core import signing
from django.utils.translation import gettext as _

from cocreate.core.errors import ValidationFailed
from cocreate.feeds.enums import FeedErrorCode

SALT = "feeds.cursor.v1"


def cursor_encode(seq: int, *, kind: str = "c") -> str:
    return signing.Signer(salt=f"{SALT}.{kind}").sign_object({"s": seq})


def cursor_decode(cursor: str | None, *, kind: str = "c") -> int:
    """The sequence number after which to continue; 0 for the start."""
    if not cursor:
        return 0
    try:
        value = signing.Signer(salt=f"{SALT}.{kind}").unsign_object(cursor[:200])
        seq = int(value["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        message = _("This cursor is not one we gave out; start again without one.")
        raise ValidationFailed(
            FeedErrorCode.BAD_CURSOR, message, fields={"cursor": [message]}
        ) from None
    if seq < 0:
        raise ValidationFailed(FeedErrorCode.BAD_CURSOR, _("Invalid cursor."))
    return seq
