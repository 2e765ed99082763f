"""Errors the hub answers with: RFC 9457 problem details, ``detail`` in Chinese."""

from __future__ import annotations

from typing import Any

from kiosk.protocol.errors import KioskError

PROBLEM_BASE = "/problems/"


class HubError(KioskError):
    """A refusal with an HTTP status, a problem type (short slug) and a Chinese ``detail``."""

    def __init__(
        self,
        status: int,
        zh: str,
        en: str,
        kind: str = "",
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(zh, en)
        self.status = status
        self.kind = kind or _DEFAULT_KINDS.get(status, "error")
        self.headers = headers or {}
        self.extra = extra or {}  # more members of the problem (e.g. the group member named)

    @property
    def type_uri(self) -> str:
        return PROBLEM_BASE + self.kind


_DEFAULT_KINDS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    409: "conflict",
    413: "too-large",
    415: "unsupported-media-type",
    422: "invalid",
    429: "too-many-requests",
    503: "unavailable",
}
