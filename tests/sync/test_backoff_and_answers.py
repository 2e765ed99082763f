"""Backoff arithmetic and what the client accepts as an answer (no network needed)."""

from __future__ import annotations

import email.utils
import random

import httpx
import pytest

from kiosk.sync.backoff import next_delay
from kiosk.sync.client import HttpHubClient, HubAuthError, HubUnreachable, parse_retry_after
from kiosk.sync.protocol import PROTOCOL_HEADER


def test_backoff_doubles_with_full_jitter_and_a_cap():
    rng = random.Random(1)
    for attempt in range(1, 12):
        ceiling = min(900.0, 5.0 * 2 ** (attempt - 1))
        for _ in range(50):
            d = next_delay(attempt, base=5.0, cap=900.0, rng=rng)
            assert ceiling / 2 <= d <= ceiling
    assert next_delay(30, base=5.0, cap=900.0, rng=rng) <= 900.0


def test_retry_after_is_a_floor_but_never_beyond_the_cap():
    rng = random.Random(2)
    assert next_delay(1, retry_after=120, base=1.0, cap=900.0, rng=rng) == 120
    assert next_delay(1, retry_after=5000, base=1.0, cap=900.0, rng=rng) == 900.0


def test_retry_after_seconds_and_http_dates():
    assert parse_retry_after("7") == 7.0
    when = email.utils.formatdate(1_000_060, usegmt=True)
    assert parse_retry_after(when, now=1_000_000) == pytest.approx(60, abs=1)
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def _client(handler):
    return HttpHubClient("http://hub.test", lambda: "token", transport=httpx.MockTransport(handler))


HUB = {PROTOCOL_HEADER: "1"}


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, html="<html>请登录</html>"),  # captive portal
        httpx.Response(200, json={"events": [], "next_cursor": 0}),  # right shape, no header
        httpx.Response(302, headers={"Location": "http://portal/login"}),
        httpx.Response(200, headers={**HUB, "content-type": "application/json"}, content=b'{"ev'),
        httpx.Response(200, headers=HUB, json={"unexpected": True}),
        httpx.Response(502, text="Bad Gateway"),
    ],
)
def test_anything_but_a_proper_hub_answer_is_no_answer(response):
    with pytest.raises(HubUnreachable):
        _client(lambda _req: response).changes(0)


def test_a_head_without_the_offset_is_not_proof_of_a_blob():
    client = _client(lambda _req: httpx.Response(200))
    with pytest.raises(HubUnreachable):
        client.blob_status("a" * 64)


def test_revocation_is_told_apart_from_other_auth_failures():
    revoked = httpx.Response(
        401,
        headers=HUB,
        json={"type": "/problems/token-revoked", "title": "x", "status": 401, "detail": "吊销"},
    )
    with pytest.raises(HubAuthError) as err:
        _client(lambda _req: revoked).changes(0)
    assert err.value.revoked and "重新注册" in err.value.zh
    foreign_401 = httpx.Response(401, text="proxy auth")
    with pytest.raises(HubUnreachable):  # not the hub speaking
        _client(lambda _req: foreign_401).changes(0)
