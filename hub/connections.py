"""Connection hygiene for the served hub (issue 16): uvicorn keeps a connection that never
finishes its request headers or body for ever (only idle keep-alive connections time out),
so a few hundred stalled clients use up the process's descriptors. This protocol adds:

- a header deadline: a new connection, or a request whose first bytes arrived, must deliver
  its complete headers within ``header_timeout`` seconds;
- a body idle timeout: while a request body is being received, a pause longer than
  ``body_idle_timeout`` seconds closes the connection;
- a connection cap: past ``max_connections`` open connections a new one is closed at once
  (before it costs a task), so the ones already served go on.

Limits on header size are h11's (``h11_max_incomplete_event_size``); limits on body size and
on requests per station are the app's (hub/limits.py). A reverse proxy in front of the hub
must do the same at its edge (docs/protocol.md, "In front of the hub").
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
BODY_IDLE_TIMEOUT = 20.0
MAX_CONNECTIONS = 800  # below the usual 1024 descriptors, with room for the database
MAX_HEADER_BYTES = 16 * 1024


class GuardedH11Protocol(H11Protocol):
    header_timeout = HEADER_TIMEOUT
    body_idle_timeout = BODY_IDLE_TIMEOUT
    max_connections = MAX_CONNECTIONS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_for = ""  # "headers" | "body" | ""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self.logger.warning("connection refused: %d open", len(self.connections))
            transport.abort()
            return
        self._arm("headers", self.header_timeout)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._watch(fresh_data=True)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch(fresh_data=False)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    # --- the deadline --------------------------------------------------------------------
    def _watch(self, fresh_data: bool) -> None:
        if self.transport.is_closing():
            self._disarm()
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            if fresh_data or self._waiting_for != "body":  # idle time: restarts with data
                self._arm("body", self.body_idle_timeout)
        elif state is h11.IDLE and fresh_data and self.conn.trailing_data[0]:
            if self._waiting_for != "headers":  # partial headers: a deadline, not idle time
                self._arm("headers", self.header_timeout)
        elif state is h11.IDLE and self._waiting_for == "headers" and not fresh_data:
            pass  # still waiting for the first request's headers
        else:
            self._disarm()  # the app is working, or uvicorn's keep-alive timer runs

    def _arm(self, what: str, seconds: float) -> None:
        self._disarm()
        self._waiting_for = what
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._waiting_for = ""

    def _expired(self) -> None:
        what = self._waiting_for
        self._deadline = None
        self._waiting_for = ""
        if not self.transport.is_closing():
            self.logger.info("closing a connection that stalled while sending its %s", what)
            self.transport.abort()


def guarded_protocol(
    header_timeout: float = HEADER_TIMEOUT,
    body_idle_timeout: float = BODY_IDLE_TIMEOUT,
    max_connections: int = MAX_CONNECTIONS,
) -> type[GuardedH11Protocol]:
    """The protocol class with these limits (uvicorn builds one instance per connection).
    The defaults are the module's own class, which pickles by name for worker processes."""
    if (header_timeout, body_idle_timeout, max_connections) == (
        HEADER_TIMEOUT,
        BODY_IDLE_TIMEOUT,
        MAX_CONNECTIONS,
    ):
        return GuardedH11Protocol
    return type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {
            "header_timeout": header_timeout,
            "body_idle_timeout": body_idle_timeout,
            "max_connections": max_connections,
        },
    )
