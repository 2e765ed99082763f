"""Start the terminal: the shell full screen; on a demo station also a technician account
and one filed case to look up, both printed to the console (never shown on screen)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from kiosk.context import AppContext
from kiosk.ui.kiosk_mode.shell import KioskShell
from kiosk.ui.sync_controller import sync_controller

log = logging.getLogger(__name__)

FIRST_SYNC_MS = 2000  # a terminal started in the morning pulls the night's answers at once

DEMO_TECHNICIAN = "demo-tech"
DEMO_TECHNICIAN_PIN = "864200"


def ensure_demo_technician(ctx: AppContext) -> None:
    if not any(a.name == DEMO_TECHNICIAN for a in ctx.agents.list()):
        ctx.agents.add(DEMO_TECHNICIAN, "technician", DEMO_TECHNICIAN_PIN)


def demo_case(ctx: AppContext) -> tuple[str, str] | None:
    """A demo case with a case number and query code (filed and synced if there is none)."""
    from kiosk.demo import DEMO_AGENT, PENSION_ITEM, demo_residents

    def known() -> tuple[str, str] | None:
        for view in ctx.applications.list():
            if view.case_no and view.query_code:
                return view.case_no, view.query_code
        return None

    found = known()
    if found is None:
        ctx.applications.submit(PENSION_ITEM, demo_residents()[0], DEMO_AGENT)
        ctx.sync_engine().run_once(force=True)
        found = known()
    return found


def run_kiosk_mode(ctx: AppContext, app: QApplication, demo: bool = False) -> int:
    if demo:
        ensure_demo_technician(ctx)
        print(
            f"演示技术员 / demo technician: {DEMO_TECHNICIAN}  PIN {DEMO_TECHNICIAN_PIN}"
            "  (右上角连点5下 / tap the top-right corner 5 times)",
            file=sys.stderr,
        )
        try:
            case = demo_case(ctx)
        except Exception:  # the demo terminal still starts without a sample case
            log.exception("could not prepare a demo case")
            case = None
        if case:
            print(
                f"演示办件 / demo case: {case[0]}  查询码 / query code {case[1]}", file=sys.stderr
            )
    shell = KioskShell(ctx)
    # the station's own sync controller: status pulls keep the lookup fresh, ratings go up,
    # the daily backup runs; problems go to the log for the technician, never to residents
    sync = sync_controller(ctx)
    sync.run_automatically(first_sync_ms=FIRST_SYNC_MS)
    shell.show_full_screen()
    code = app.exec()
    sync.stop()
    return int(code)
