"""ASGI middleware: request size limits (413 before the body is read) and the protocol header.

Every answer of the hub carries ``Kiosk-Hub-Protocol``, so a station can tell the hub's
answers from a captive portal's or a proxy's, whatever their status code.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.protocol.wire import PROTOCOL_HEADER, PROTOCOL_VERSION

MAX_JSON_BYTES = 4 * 1024 * 1024
MAX_RELAY_BYTES = 2 * 1024 * 1024 * 1024  # one village batch file carried on USB


class _TooLarge(BaseException):
    """Raised from ``receive`` past the limit. A BaseException so that no handler on the way
    (FastAPI turns body-parsing exceptions into 400) mistakes it for a bad body."""


def _too_large_body(limit: int) -> bytes:
    return json.dumps(
        {
            "type": "/problems/request-too-large",
            "title": "Content Too Large",
            "status": 413,
            "detail": f"请求内容超过 {limit // 1024} KB 的上限，请减少每批发送的数量或压缩附件。",
        },
        ensure_ascii=False,
    ).encode()


class BodyLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        blob_limit: int,
        json_limit: int = MAX_JSON_BYTES,
        relay_limit: int = MAX_RELAY_BYTES,
    ) -> None:
        self.app = app
        self.blob_limit = blob_limit
        self.json_limit = json_limit
        self.relay_limit = relay_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_blob = scope["method"] == "PUT" and str(scope["path"]).startswith("/v1/blobs/")
        is_relay = scope["method"] == "POST" and str(scope["path"]) == "/v1/relay/batches"
        limit = self.blob_limit if is_blob else self.relay_limit if is_relay else self.json_limit
        started = False

        async def send_tagged(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.append((PROTOCOL_HEADER.lower().encode(), str(PROTOCOL_VERSION).encode()))
                message = {**message, "headers": headers}
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_413(send_tagged, limit)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted_receive, send_tagged)
        except _TooLarge:
            if not started:
                await _send_413(send_tagged, limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_413(send: Any, limit: int) -> None:
    body = _too_large_body(limit)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
