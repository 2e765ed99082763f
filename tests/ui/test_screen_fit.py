"""Every page and dialog fits the screens villages have (issue 14): 1024×768, 1366×768 and
1920×1080 at 100/125/150 % OS scaling, in Chinese and English, and on the terminal at each of
its text sizes 标准/大/特大. The checks are in tests/support/screen_fit.py; the pages come
from the same tours ``kiosk demo --out`` photographs (kiosk/ui/tour.py,
kiosk/ui/kiosk_mode/tour.py).

Each run checks every page at 1024×768 and 1366×768 at 100 % and at 1366×768 at 150 % (the
terminal: 标准 and 特大), plus a rotating sample of the other combinations;
``KIOSK_SCREEN_FIT=full`` checks the whole matrix.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from sqlalchemy import delete

from hub.server import BackgroundHub
from kiosk.context import AppContext, open_context
from kiosk.demo import DEMO_STATION_CODE, demo_residents, give_long_timeline
from kiosk.store.models import LookupFailure
from kiosk.ui.app import apply_look, install_translators
from kiosk.ui.kiosk_mode.shell import KioskShell
from kiosk.ui.kiosk_mode.theme import Look
from kiosk.ui.kiosk_mode.tour import tour as terminal_tour
from kiosk.ui.tour import agent_tour, login_tour, technician_tour, township_tour
from tests.conftest import AGENT, PENSION, PIN
from tests.support.screen_fit import (
    SCALES,
    SCREENS,
    Problem,
    Screen,
    check_page,
    fit_window,
    report,
)
from tests.support.stations import end_station

TECH = "li-tech"
TOWNSHIP = "zhou-town"
SIZES = {100: "标准", 125: "大", 150: "特大"}  # the terminal's; the workspace has 标准 and 大
LANGS = ("zh_CN", "en")


def _every() -> list[tuple[Screen, str, int]]:
    return [
        (Screen(s.width, s.height, scale), lang, size)
        for s in SCREENS
        for scale in SCALES
        for lang in LANGS
        for size in SIZES
    ]


def _chosen(kind: str) -> list[tuple[Screen, str, int]]:
    if os.environ.get("KIOSK_SCREEN_FIT") == "full":
        full = _every()
        return [c for c in full if kind == "terminal" or c[2] in (100, 125)]
    small, mid, big = (Screen(1024, 768), Screen(1366, 768), Screen(1920, 1080))
    if kind == "terminal":  # a dedicated full-screen device: its text size is its scaling
        always = [(small, "zh_CN", 100), (mid, "zh_CN", 100), (small, "zh_CN", 150)]
        always += [(mid, "zh_CN", 150)]
        extra = [(mid, "en", 125), (small, "en", 150), (big, "en", 150), (big, "zh_CN", 125)]
    else:
        always = [
            (small, "zh_CN", 100),
            (mid, "zh_CN", 100),
            (Screen(1366, 768, 1.5), "zh_CN", 100),
        ]
        extra = [
            (Screen(1366, 768, 1.5), "en", 100),
            (Screen(1024, 768, 1.25), "en", 100),
            (Screen(1920, 1080, 1.5), "zh_CN", 100),
            (Screen(1366, 768, 1.25), "en", 100),
        ]
    day = dt.date.today().toordinal()
    return [*always, extra[day % len(extra)]]


# Combinations known not to fit (none now; 2026-12-07's two, English at 1024x768 with 特大
# text and the case page at 1024x768, 125 %, English, were fixed: rows of buttons wrap, a
# button is never narrower than its words). Not strict: a machine with narrower fonts may fit.
TOO_NARROW: set[str] = set()


def _params(kind: str) -> list[Any]:
    return [
        pytest.param(
            c,
            id=_id(c),
            marks=[pytest.mark.xfail(strict=False, reason="known not to fit; see TOO_NARROW")]
            if _id(c) in TOO_NARROW
            else [],
        )
        for c in _chosen(kind)
    ]


def _id(combo: tuple[Screen, str, int]) -> str:
    screen, lang, size = combo
    return f"{screen.width}x{screen.height}-{round(screen.scale * 100)}-{lang}-text{size}"


@pytest.fixture(scope="module")
def station(tmp_path_factory) -> Iterator[tuple[AppContext, str, str]]:
    """A station with three cases sent to a real hub, one with a long timeline."""
    tmp: Path = tmp_path_factory.mktemp("screen-fit")
    ctx = open_context(tmp / "station", demo=True)
    ctx.agents.add(AGENT, "agent", PIN)
    ctx.agents.add(TECH, "technician", "975310")
    ctx.agents.add(TOWNSHIP, "township", "135790")
    with BackgroundHub(f"sqlite:///{tmp / 'hub.sqlite3'}") as hub:
        code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
        ctx.provision(hub.url, DEMO_STATION_CODE, "西湖区示范村代办点（演示）", code)
        ids = [ctx.applications.submit(PENSION, r, AGENT).id for r in demo_residents()]
        assert not ctx.sync_engine().run_once(force=True).error
        view = ctx.applications.get(ids[0])
        assert view.case_no and view.query_code
        give_long_timeline(hub, view.case_no)
        assert not ctx.sync_engine().run_once(force=True).error
        yield ctx, view.case_no, view.query_code
    end_station(ctx)


@pytest.fixture
def look(qapp) -> Iterator[None]:
    """The app's font, stylesheet and translations as the app sets them; put back after."""
    font, sheet = QFont(qapp.font()), qapp.styleSheet()
    yield
    install_translators(qapp, "zh_CN")
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


# Known and not fixed yet (say so, never hide it), keyed (page, combination); an empty
# combination: every combination. Nothing is known now: the lookup's letter keyboard lies
# under its fields, the rating faces wrap, the wizard's devices button wraps its words.
KNOWN: dict[tuple[str, str], str] = {}


def _known(page: str, combo: str) -> bool:
    return (page, "") in KNOWN or (page, combo) in KNOWN


def _fail_on(problems: list[Problem], combo: str = "") -> None:
    known = [p for p in problems if _known(p.page, combo)]
    if known:
        print(f"known, not fixed ({len(known)}):\n" + report(known))
    problems = [p for p in problems if not _known(p.page, combo)]
    assert not problems, f"{len(problems)} problems:\n" + report(problems)


@pytest.mark.parametrize("combo", _params("terminal"))
def test_every_terminal_screen_fits(qapp, look, station, combo) -> None:
    ctx, case_no, query_code = station
    screen, lang, size = combo
    with ctx.db.write() as s:  # the tour tries one wrong code a combination: after five the
        s.execute(delete(LookupFailure))  # terminal would pause lookups (issue 16)
    apply_look(qapp, lang)
    shell = KioskShell(ctx, tts_engine="mock")
    problems: list[Problem] = []
    try:
        shell.set_look(Look(language=lang).with_(scale=size))
        fit_window(shell, screen)
        shell.show()
        for stop in terminal_tour(shell, case_no, query_code):
            fit_window(shell, screen)
            root = shell.overlay if stop.name == "countdown" else None
            problems += check_page(
                shell, stop.name, screen, primary=stop.primary, terminal=True, only=root
            )
    finally:
        shell.shutdown()
        shell.deleteLater()
    _fail_on(problems, _id(combo))


@pytest.mark.parametrize("combo", _params("workspace"))
def test_every_workspace_page_and_dialog_fits(qapp, look, station, combo) -> None:
    ctx, _case_no, _code = station
    screen, lang, size = combo
    apply_look(qapp, lang)
    for agent in (AGENT, TECH, TOWNSHIP):  # 大 is remembered per agent
        ctx.settings.workspace_text_sizes[agent] = size
    problems: list[Problem] = []
    for tour in (
        login_tour(ctx),
        agent_tour(ctx, AGENT),
        township_tour(ctx, TOWNSHIP),
        technician_tour(ctx, TECH),
    ):
        for stop in tour:
            if stop.dialog:
                screen_max = screen.logical
                stop.window.setMaximumSize(screen_max)
                stop.window.resize(stop.window.size().boundedTo(screen_max))
            else:
                fit_window(stop.window, screen)
            problems += check_page(stop.window, stop.name, screen, primary=stop.primary)
    QApplication.processEvents()
    ctx.settings.workspace_text_sizes.clear()
    _fail_on(problems, _id(combo))


def test_the_wizards_devices_button_fits_1366_at_150_in_english(qapp, look, station) -> None:
    """Checked on every run (the workspace matrix samples this combination one day in four):
    the printer page's devices button once cut its words here."""
    ctx, _case_no, _code = station
    screen = Screen(1366, 768, 1.5)
    apply_look(qapp, "en")
    tour = technician_tour(ctx, TECH)
    try:
        stop = next(s for s in tour if s.name == "wizard-printer")
        stop.window.setMaximumSize(screen.logical)
        stop.window.resize(stop.window.size().boundedTo(screen.logical))
        devices = stop.window.currentPage().devices_button  # type: ignore[attr-defined]
        assert devices.text() == "Set up other devices…"
        problems = check_page(stop.window, stop.name, screen, primary=stop.primary)
        assert not problems, report(problems)
    finally:
        tour.close()


def test_the_check_reports_a_page_too_big_for_the_screen(qapp, look, station) -> None:
    """The check can fail: a page whose minimum size grows past 1366×768 is reported with
    the page, the widgets and the overflow in pixels (workspace: its tiles are cut off at
    the right, since pages scroll only up and down; terminal: the window outgrows the
    screen)."""
    ctx, _case_no, _code = station
    apply_look(qapp, "zh_CN")
    screen = Screen(1366, 768)
    tour = agent_tour(ctx, AGENT)
    stop = next(tour)
    try:
        assert stop.name == "dashboard"
        fit_window(stop.window, screen)
        assert check_page(stop.window, "dashboard", screen) == []
        stop.window.dashboard.setMinimumSize(1500, 900)  # type: ignore[attr-defined]
        fit_window(stop.window, screen)
        problems = check_page(stop.window, "dashboard", screen)
        text = report(problems)
        cut = [p for p in problems if p.what == "off screen" and p.page == "dashboard"]
        assert cut and all(p.px > 0 for p in cut), text
        assert any(p.widget.startswith("tile_") for p in cut), text
    finally:
        tour.close()

    shell = KioskShell(ctx, tts_engine="mock")
    try:
        fit_window(shell, screen)
        shell.show()
        assert check_page(shell, "home", screen, terminal=True) == []
        shell.home.setMinimumSize(1400, 900)
        fit_window(shell, screen)
        problems = check_page(shell, "home", screen, terminal=True)
        text = report(problems)
        window = [p for p in problems if p.widget == "window"]
        assert window and window[0].page == "home" and window[0].px == 900 - 768, text
        assert "larger than 1366×768" in text
    finally:
        shell.shutdown()
        shell.deleteLater()
