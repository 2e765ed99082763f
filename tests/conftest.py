"""Shared fixtures: real on-disk stations, a real hub on a loopback port."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from hub.server import BackgroundHub
from kiosk.context import AppContext, open_context
from kiosk.demo import DEMO_STATION_CODE, demo_residents

PENSION = "330000-20-0001"
AGENT, PIN = "wang", "246810"


@pytest.fixture
def resident() -> dict:
    return dict(demo_residents()[0])


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A station on disk (secrets in a demo file store; see test_keyring for the real one)."""
    context = open_context(tmp_path / "station", demo=True)
    context.agents.add(AGENT, "agent", PIN)
    yield context
    context.close()


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[BackgroundHub]:
    with BackgroundHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as running:
        yield running


@pytest.fixture
def online_ctx(ctx: AppContext, hub: BackgroundHub) -> AppContext:
    code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
    ctx.provision(hub.url, DEMO_STATION_CODE, "测试村代办点", code)
    return ctx
