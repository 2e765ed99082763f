"""The workspace's pages: how each is built the first time it is opened (so the window
paints quickly even with 100k cases) and wired to the window's navigation. Pages refresh
themselves on the station's change signal (:mod:`kiosk.ui.station_events`): nothing here
tells a page to refresh."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from kiosk.ui.main_window import MainWindow


def build_page(window: MainWindow, key: str) -> QWidget:
    """The page ``key`` of ``window`` (raises KeyError for a key with no page)."""
    ctx, agent = window.ctx, window.agent
    if key == "new":
        from kiosk.ui.new_application import NewApplicationFlow

        flow = NewApplicationFlow(ctx, agent, window.card_reader)
        flow.open_case.connect(window.open_case)
        flow.event_chosen.connect(window.new_event)
        return flow
    if key == "event":
        from kiosk.ui.event_flow import EventFlowPage

        event = EventFlowPage(ctx, agent.name)
        event.open_case.connect(window.open_case)
        return event
    if key == "cases":
        from kiosk.ui.case_list import CaseListPage

        cases = CaseListPage(ctx, agent)
        cases.open_case.connect(window.open_case)
        cases.open_statistics.connect(window.open_statistics)
        return cases
    if key == "case":
        from kiosk.ui.case_view import CaseView

        view = CaseView(ctx, agent)
        view.card_reader = window.card_reader  # 结果交付: a proxy's ID card
        view.back.connect(window.case_back)
        view.resume_draft.connect(window.resume_draft)
        return view
    if key == "doctor":
        from kiosk.ui.doctor_view import DoctorView

        return DoctorView(ctx)
    if key == "batches":
        from kiosk.ui.township import TownshipPage

        return TownshipPage(ctx, agent.name)
    if key == "complaints":
        from kiosk.ui.complaints_page import ComplaintsPage

        return ComplaintsPage(ctx, agent)
    if key == "usb":
        from kiosk.ui.village_batches import VillageBatchesPage

        return VillageBatchesPage(ctx, agent)
    raise KeyError(key)
