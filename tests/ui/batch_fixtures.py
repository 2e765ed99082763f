"""Stations for the batch pages: a village enrolled once then offline, a township online."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from hub.server import BackgroundHub
from kiosk.context import AppContext
from kiosk.demo import DEMO_STATION_CODE
from tests.support.stations import end_station
from tests.sync.test_batches_e2e import OFFLINE, TOWNSHIP_CODE, station, usb

__all__ = ["DEMO_STATION_CODE", "TOWNSHIP_CODE", "error_boxes", "township", "usb", "village"]


@pytest.fixture
def village(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = station(tmp_path, hub, "示范村代办点", DEMO_STATION_CODE, "agent")
    ctx.set_hub_url(OFFLINE)  # enrolled once by the technician; no network since
    yield ctx
    end_station(ctx)


@pytest.fixture
def township(tmp_path: Path, hub: BackgroundHub) -> Iterator[AppContext]:
    ctx = station(tmp_path, hub, "西湖镇便民服务中心", TOWNSHIP_CODE, "township")
    yield ctx
    end_station(ctx)


def error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()
    ]
