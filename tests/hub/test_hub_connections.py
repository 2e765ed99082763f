"""Issue 16, point 4: the hub kept stalled connections for ever (unfinished headers or bodies
still open after 75 s; 300 of them held), so descriptors ran out. Now the served
configuration drops a connection that does not finish its headers in time or pauses in its
body, and caps open connections; normal clients are served meanwhile and afterwards."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from hub.server import BackgroundHub

LIMITS = {"header_timeout": 2.0, "body_idle_timeout": 2.0, "max_connections": 500}


@pytest.fixture
def guarded_hub(tmp_path):
    with BackgroundHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", limits=LIMITS) as running:
        yield running


def stalled(port: int, kind: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if kind == 1:  # headers begun, never finished
        sock.sendall(b"POST /v1/submissions HTTP/1.1\r\nHost: hub\r\nContent-Type: applic")
    elif kind == 2:  # headers done, the body stops after a few bytes
        sock.sendall(
            b"POST /v1/submissions HTTP/1.1\r\nHost: hub\r\nContent-Length: 5000\r\n"
            b'Content-Type: application/json\r\n\r\n{"items": ['
        )
    return sock  # kind 0: connected, says nothing


def dropped(sock: socket.socket, within: float) -> bool:
    """True when the hub closed it (EOF or reset) within ``within`` seconds."""
    sock.settimeout(within)
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def test_300_stalled_connections_are_dropped_and_clients_are_served(guarded_hub):
    port = guarded_hub.port
    socks = [stalled(port, n % 3) for n in range(300)]
    try:
        started = time.monotonic()
        # while they are held, a station is served at once
        health = httpx.get(f"{guarded_hub.url}/v1/health", timeout=5)
        assert health.status_code == 200
        assert time.monotonic() - started < 5
        # every one of them is dropped (header deadline / body idle time: 2 s here)
        deadline = started + 30
        for sock in socks:
            assert dropped(sock, max(0.5, deadline - time.monotonic())), "a stalled one stayed"
        # and afterwards the hub still answers
        assert httpx.get(f"{guarded_hub.url}/v1/health", timeout=5).status_code == 200
    finally:
        for sock in socks:
            sock.close()


def test_a_slow_but_moving_upload_is_not_cut(guarded_hub):
    """The body timeout is idle time: a body that keeps arriving is read to the end."""
    sock = socket.create_connection(("127.0.0.1", guarded_hub.port), timeout=10)
    try:
        body = b'{"enrollment_code": "XXXX-XXXX-XXXX", "station_code": "330106109201"}'
        sock.sendall(
            b"POST /v1/enroll HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        for i in range(0, len(body), 20):  # 4 chunks, 1 s apart: 3 s in all > the 2 s limit
            sock.sendall(body[i : i + 20])
            time.sleep(1.0)
        answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 "), answer  # an answer (a refusal), not a drop
    finally:
        sock.close()


def test_past_the_connection_cap_new_connections_are_closed_at_once(tmp_path):
    limits = dict(LIMITS, max_connections=20, header_timeout=3.0)
    with BackgroundHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", limits=limits) as hub:
        held = [stalled(hub.port, 0) for _ in range(20)]
        try:
            extra = socket.create_connection(("127.0.0.1", hub.port), timeout=10)
            assert dropped(extra, 2.0)  # refused at once, not held
            extra.close()
            for sock in held:  # the held ones go at their header deadline
                assert dropped(sock, 10.0)
            assert httpx.get(f"{hub.url}/v1/health", timeout=5).status_code == 200
        finally:
            for sock in held:
                sock.close()
