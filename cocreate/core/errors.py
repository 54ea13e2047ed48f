"""Domain errors. Services raise them; the API turns them into problem+json once
(core/api.py) and the web views into form errors or error pages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.functional import Promise


class DomainError(Exception):
    """A rule of the product was not met. `code` is stable and machine-readable;
    `message` is for people (translated); `fields` maps input names to messages."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        code: str,
        message: str | Promise,
        *,
        fields: Mapping[str, Sequence[str | Promise]] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields = {name: [str(m) for m in msgs] for name, msgs in (fields or {}).items()}


class ValidationFailed(DomainError):
    status = 422
    title = "Invalid input"


class NotFound(DomainError):
    """Also raised for what exists but the caller may not see, so that nothing leaks."""

    status = 404
    title = "Not found"


class Forbidden(DomainError):
    status = 403
    title = "Forbidden"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class RateLimited(DomainError):
    status = 429
    title = "Too many requests"

    def __init__(self, code: str, message: str | Promise, *, retry_after: int) -> None:
        super().__init__(code, message)
        self.retry_after = retry_after
