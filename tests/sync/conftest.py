"""A station talking to a real hub through the fault proxy, with a fast retry policy."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from hub.server import BackgroundHub
from kiosk.context import AppContext
from kiosk.sync.engine import SyncEngine, SyncPolicy
from tests.support.fault_proxy import FaultProxy


class Sleeps(list):
    """Records the engine's sleeps instead of sleeping (the backoff is what is tested)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def proxy(hub: BackgroundHub) -> Iterator[FaultProxy]:
    with FaultProxy(("127.0.0.1", hub.port), seed=7) as running:
        yield running


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def fast_engine(ctx: AppContext, sleeps: Sleeps, **policy: object) -> SyncEngine:
    """The context's engine, with a quick policy and recorded sleeps."""
    engine = ctx.sync_engine()
    engine.policy = SyncPolicy(**{"retries": 2, "retry_base": 0.5, **policy})  # type: ignore[arg-type]
    engine._sleep = sleeps
    engine._rng = random.Random(3)
    return engine


@pytest.fixture
def proxied_ctx(online_ctx: AppContext, proxy: FaultProxy) -> AppContext:
    online_ctx.settings.http_timeout_seconds = 2.0
    online_ctx.set_hub_url(proxy.url)
    return online_ctx
