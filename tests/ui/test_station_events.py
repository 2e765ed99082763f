"""Screens refresh themselves when the station's data changes: a sync, a filing or an action
publishes what it changed on the station's one signal (kiosk/ui/station_events.py), and a
screen that subscribes in its own module follows syncs without the main window knowing it.
The timed sync, probe and maintenance belong to the station and end with it."""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.core.agents import AgentInfo
from kiosk.core.changes import DRAFTS, Changes
from kiosk.ui.main_window import MainWindow
from kiosk.ui.station_events import station_events
from kiosk.ui.sync_controller import sync_controller
from kiosk.ui.worker import close_station, run_task, wait_all
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident


class CaseNumberScreen(QWidget):
    """A new screen that must follow syncs: all of its wiring is these lines of its own."""

    def __init__(self, ctx, app_id: str) -> None:
        super().__init__()
        self.ctx, self.app_id = ctx, app_id
        self.label = QLabel("")
        QVBoxLayout(self).addWidget(self.label)
        self.seen: list[Changes] = []
        station_events(ctx).changed.connect(self._station_changed)

    def _station_changed(self, changes: Changes, _origin: object) -> None:
        self.seen.append(changes)
        if changes.touches(self.app_id):
            ctx, app_id = self.ctx, self.app_id
            run_task(lambda: ctx.applications.get(app_id).case_no, on_done=self._show)

    def _show(self, case_no: str | None) -> None:
        self.label.setText(case_no or "")


def test_changes_combine_and_say_whom_they_touch():
    one = Changes.of_applications("a", queued=True)
    assert one.touches("a") and not one.touches("b") and one.queued
    both = one | Changes.of_applications("b")
    assert both.ids == {"a", "b"} and both.queued
    assert (one | Changes(applications=True)).touches("z")  # "any" stays any
    assert not DRAFTS.touches("a") and DRAFTS and not Changes()


@pytest.mark.slow
def test_a_subscribed_screen_refreshes_after_a_real_sync(qtbot, online_ctx, hub):
    app_id = online_ctx.applications.submit(PENSION, resident(random.Random(3)), AGENT).id
    window = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    screen = CaseNumberScreen(online_ctx, app_id)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.label.text() == ""
    window.sync_action.trigger()  # F5
    qtbot.waitUntil(lambda: screen.label.text() != "", timeout=20_000)
    case_no = online_ctx.applications.get(app_id).case_no
    assert case_no and screen.label.text() == case_no
    assert any(c.sync_state and c.applications for c in screen.seen)
    wait_all()


@pytest.mark.slow
def test_the_case_list_on_screen_follows_a_sync(qtbot, online_ctx, hub):
    app_id = online_ctx.applications.submit(PENSION, resident(random.Random(4)), AGENT).id
    window = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    window.navigate("cases")
    cases = window.case_list
    qtbot.waitUntil(lambda: len(cases.views) == 1, timeout=10_000)
    assert cases.views[0].id == app_id and not cases.views[0].case_no
    window.sync_now(force=True)  # the window never tells the list: the list listens
    qtbot.waitUntil(lambda: bool(cases.views and cases.views[0].case_no), timeout=20_000)
    assert cases.views[0].case_no == online_ctx.applications.get(app_id).case_no
    wait_all()


def test_a_filing_elsewhere_refreshes_the_dashboard(qtbot, ctx):
    window = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    assert dashboard.data.board.waiting == 0
    app_id = ctx.applications.submit(PENSION, resident(random.Random(5)), AGENT).id
    station_events(ctx).publish(Changes.of_applications(app_id, queued=True))
    qtbot.waitUntil(lambda: dashboard.data.board.waiting == 1, timeout=10_000)
    wait_all()


def test_the_station_owns_its_timers(qtbot, online_ctx):
    controller = sync_controller(online_ctx)
    window = MainWindow(online_ctx, AgentInfo(AGENT, "agent"), auto_sync=True)
    qtbot.addWidget(window)
    window.show()
    assert window.sync is controller  # one per station, whatever the window
    assert controller.timer.isActive() and controller.probe_timer.isActive()
    assert controller.maintenance_timer.isActive()
    window.close()  # logging out: nothing runs behind the login
    assert not controller.is_running()
    controller.run_automatically()  # (as a next window would)
    assert controller.is_running()
    assert close_station(online_ctx)
    assert not controller.is_running()
    assert sync_controller(online_ctx) is not controller  # a station opened again starts anew
