"""Fixtures for the resident terminal: a real station with a case filed, synced to a real hub
and accepted there; a technician account; PDF-file printers; the shell, always shut down."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from kiosk.context import AppContext
from kiosk.ui.kiosk_mode.shell import KioskShell
from kiosk.ui.worker import wait_all
from tests.conftest import AGENT, PENSION

TECH, TECH_PIN = "li-tech", "975310"


@dataclass(frozen=True)
class FiledCase:
    app_id: str
    case_no: str
    query_code: str
    name: str
    id_number: str


def file_case(ctx: AppContext, hub, resident: dict) -> FiledCase:
    """File an application, send it to the hub, let the hub accept it, pull the status."""
    view = ctx.applications.submit(PENSION, resident, AGENT)
    report = ctx.sync_engine().run_once(force=True)
    assert not report.error, report.error
    view = ctx.applications.get(view.id)
    assert view.case_no and view.query_code
    hub.service.advance(view.case_no, "受理", "材料齐全，予以受理")
    report = ctx.sync_engine().run_once(force=True)
    assert not report.error, report.error
    return FiledCase(
        view.id, view.case_no, view.query_code, resident["name"], resident["id_number"]
    )


@pytest.fixture
def case(online_ctx, hub, resident) -> FiledCase:
    return file_case(online_ctx, hub, resident)


@pytest.fixture
def technician(ctx) -> tuple[str, str]:
    ctx.agents.add(TECH, "technician", TECH_PIN)
    return TECH, TECH_PIN


def pdf_printer(path: Path):
    def make() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return make


@pytest.fixture
def make_shell(qtbot, ctx, tmp_path) -> Iterator:
    shells: list[KioskShell] = []

    def make(**kw) -> KioskShell:
        kw.setdefault("printer_factory", pdf_printer(tmp_path / "printed.pdf"))
        kw.setdefault("tts_engine", "mock")
        shell = KioskShell(ctx, **kw)
        shell.setMaximumSize(1920, 1080)  # a 1080p screen: pages must fit, not grow
        shell.resize(1920, 1080)
        shell.show()
        qtbot.waitExposed(shell)
        with qtbot.waitActive(shell):  # a terminal's only window has the keyboard focus
            shell.activateWindow()
        shells.append(shell)
        return shell

    yield make
    wait_all(10000)
    for shell in shells:
        shell.shutdown()
        shell.deleteLater()
