"""Shared fixtures: real on-disk stations, a real hub on a loopback port."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# a background task that captures a widget is an error in the tests (kiosk/ui/worker.py)
os.environ.setdefault("KIOSK_STRICT_TASKS", "1")

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from hub.server import BackgroundHub
from kiosk.context import AppContext, open_context
from kiosk.core.malloc_arenas import limit_malloc_arenas
from kiosk.demo import DEMO_STATION_CODE, demo_residents
from tests.support.stations import end_station

PENSION = "330000-20-0001"
AGENT, PIN = "wang", "246810"


def pytest_configure(config: pytest.Config) -> None:
    """As in the app (kiosk/ui/gc_timer.py): no automatic garbage collection, which could
    run on a worker thread and free Qt objects there; the main thread collects after each
    test instead. And as in the app (kiosk/cli): two malloc arenas for the process."""
    gc.disable()
    limit_malloc_arenas()


# CI replays the same examples on every run (a property failure there is a real, repeatable
# bug, not a lottery); a developer's run explores new ones: KIOSK_HYPOTHESIS=explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("KIOSK_HYPOTHESIS", "ci"))


@pytest.fixture(autouse=True)
def _collect_on_main_thread() -> Iterator[None]:
    worker = sys.modules.get("kiosk.ui.worker")
    if worker is not None:  # a previous test ended its station: accept work again
        worker.reopen_tasks()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _restore_umask() -> Iterator[None]:
    """Opening a station makes the process umask private (kiosk/core/file_modes.py), as in
    the app; each test starts with the session's own umask (a private CUPS needs 022)."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def resident() -> dict:
    return dict(demo_residents()[0])


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """A station on disk (secrets in a demo file store; see test_keyring for the real one)."""
    context = open_context(tmp_path / "station", demo=True)
    context.agents.add(AGENT, "agent", PIN)
    yield context
    end_station(context)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[BackgroundHub]:
    with BackgroundHub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as running:
        yield running


@pytest.fixture
def online_ctx(ctx: AppContext, hub: BackgroundHub) -> AppContext:
    code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
    ctx.provision(hub.url, DEMO_STATION_CODE, "测试村代办点", code)
    return ctx
