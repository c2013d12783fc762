"""Errors raised by services: a stable machine code plus a message in the user's language.

Services raise these; the API turns them into ``{"error": {"code", "message", "fields"}}``
with a 4xx status, and the console shows the message next to the field.
"""

from typing import Any


class ServiceError(Exception):
    status = 400
    default_code = "invalid"

    def __init__(self, message: Any, *, code: str | None = None, field: str | None = None,
                 fields: dict[str, Any] | None = None, status: int | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code or self.default_code
        self.fields = dict(fields or {})
        if field:
            self.fields.setdefault(field, [message])
        if status is not None:
            self.status = status


class NotFound(ServiceError):
    status = 404
    default_code = "not_found"


class Forbidden(ServiceError):
    status = 403
    default_code = "forbidden"


class Conflict(ServiceError):
    status = 409
    default_code = "conflict"
