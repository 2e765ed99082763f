"""A working day in one process: filings through the workspace's pages, a sync after each,
the case view and a printed receipt. Nothing a background task held may outlive the day.

``KIOSK_SOAK_FILINGS`` sets the length (CI: a short day; ``bench/bench_soak.py``: 300
filings, reporting RSS at start and end).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from kiosk.core.agents import AgentInfo
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE, demo_residents
from kiosk.ui import worker
from kiosk.ui.main_window import MainWindow
from kiosk.ui.new_application.flow import CHECK, DONE, FILES, FORM, ITEM, RESIDENT, REVIEW, SIGN
from kiosk.ui.print_preview import PrintPreviewDialog
from tests.conftest import AGENT
from tests.support.keyboard import type_text
from tests.ui.driving import click, draw_signature, press_next, settle, type_into

pytestmark = pytest.mark.slow

FILINGS = int(os.environ.get("KIOSK_SOAK_FILINGS", "12"))
# filings before RSS is first read: the first few dozen fill caches (fonts, PDF renderer,
# search index, allocator arenas) and level off after about 20
WARMUP = int(os.environ.get("KIOSK_SOAK_WARMUP", "4"))


def rss_mb() -> float:
    """Resident memory after a full collection and after glibc has handed back the free
    pages it keeps (malloc_trim): what the day really holds, not the allocator's slack."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def file_one(qtbot, flow, resident: dict, scan: Path) -> str:
    """One application from the resident's ID number to 提交, as the agent does it."""
    if flow.current() == DONE:
        click(qtbot, flow.done_step.next_button)
    qtbot.waitUntil(lambda: flow.current() == RESIDENT, timeout=10_000)
    step = flow.resident_step
    step.id_number.clear()
    type_text(qtbot, step.id_number, resident["id_number"])
    qtbot.keyClick(step.id_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.current() == ITEM, timeout=10_000)
    type_text(qtbot, flow.item_step.search_box, "ylbxcb")
    qtbot.keyClick(flow.item_step.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.current() == CHECK, timeout=10_000)
    for box in [*flow.check_step.condition_boxes, *(b for _m, b in flow.check_step.material_boxes)]:
        click(qtbot, box)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FORM, timeout=10_000)
    form = flow.form_step.form_view
    type_into(qtbot, form.editors["contribution_level"].input, "1000")
    type_into(qtbot, form.editors["has_other_pension"].input, False)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FILES, timeout=10_000)
    files = flow.files_step.files
    files.material.setCurrentIndex(files.material.findData("居民身份证或户口簿"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(scan))])
    files.dropEvent(
        QDropEvent(
            QPointF(20, 20),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    qtbot.waitUntil(lambda: files.list.count() == 1, timeout=10_000)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == SIGN, timeout=10_000)
    draw_signature(qtbot, flow.sign_step.pad)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == REVIEW, timeout=10_000)
    settle(qtbot, 1)
    draft_id = str(flow.state.draft_id)
    press_next(qtbot, flow)  # 提交
    qtbot.waitUntil(lambda: flow.current() == DONE, timeout=10_000)
    return draft_id


def test_a_working_day_leaves_no_task_behind(qtbot, ctx, hub_process, tmp_path, monkeypatch):
    url, code = hub_process  # the hub in its own process, as in the field (another machine)
    ctx.provision(url, DEMO_STATION_CODE, "测试村代办点", code)
    people = demo_residents()[:5]
    for person in people:  # returning residents who consented last time
        ctx.residents.remember(person, AGENT, consent=True)
    scan = tmp_path / "户口簿.png"
    Image.new("RGB", (1200, 1600), "white").save(scan)
    previews: list[PrintPreviewDialog] = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: previews.append(self))

    window = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot)
    start_rss = 0.0
    filed: list[str] = []
    for n in range(FILINGS):
        window.new_application()
        flow = window.new_page
        filed.append(file_one(qtbot, flow, people[n % len(people)], scan))
        window.sync_now(force=True)
        qtbot.waitUntil(lambda: not window.is_syncing(), timeout=30_000)
        window.open_case(filed[-1])
        view = window.case_view
        qtbot.waitUntil(
            lambda v=view: v.data is not None and v.data.view.id == filed[-1], timeout=10_000
        )
        view.print_document("receipt")
        qtbot.waitUntil(lambda: bool(previews), timeout=10_000)
        dialog = previews.pop()
        qtbot.waitUntil(lambda d=dialog: d.document.pageCount() == 1, timeout=10_000)
        dialog.close()
        dialog.deleteLater()
        settle(qtbot, 1)
        if n == min(WARMUP, FILINGS) - 1:
            start_rss = rss_mb()
        if n % 20 == 19:
            print(f"soak: after {n + 1} filings RSS {rss_mb():.1f} MB", flush=True)
    settle(qtbot)
    end_rss = rss_mb()
    measured = FILINGS - min(WARMUP, FILINGS)
    print(
        f"soak: {measured} filings after {WARMUP}: "
        f"RSS start {start_rss:.1f} MB end {end_rss:.1f} MB"
    )

    counts = ctx.applications.counts()
    assert counts.get(AppStatus.SUBMITTED, 0) == FILINGS, counts
    assert worker.runner().in_flight() == 0
    alive = [o for o in gc.get_objects() if isinstance(o, worker._Task)]
    assert not alive, f"{len(alive)} background tasks still alive after the day"
