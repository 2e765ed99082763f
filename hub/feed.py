"""The change feed and the back office that feeds it.

Each station has its own dense sequence (``station.last_seq``), taken under a row lock in
the same transaction that writes the event, so events become visible in ``seq`` order and
a station that stores its cursor never skips one that committed late.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.courier import Shipment, record_shipment
from hub.db import HubDatabase
from hub.errors import HubError
from hub.models import Case, ChangeEvent, Station
from kiosk.protocol.clock import utcnow
from kiosk.protocol.stages import BACK_OFFICE_STAGES, NEXT_STAGES, Stage

RECEIVED = Stage.RECEIVED.value  # stored as plain text


def lock_station(s: Session, station_code: str) -> Station:
    """The station row, locked until commit (PostgreSQL; SQLite has one writer anyway)."""
    row = s.get(Station, station_code, with_for_update=True)
    if row is None:
        row = Station(code=station_code, last_seq=0, last_case=0)
        s.add(row)
        s.flush()
    return row


def append_event(
    s: Session,
    station: Station,
    case_id: int,
    stage: str,
    note: str,
    detail: dict[str, Any] | None = None,
) -> ChangeEvent:
    station.last_seq += 1
    event = ChangeEvent(
        station_code=station.code,
        seq=station.last_seq,
        case_id=case_id,
        stage=stage,
        note=note,
        detail=detail,
    )
    s.add(event)
    return event


EventHook = Callable[[Session, Case, ChangeEvent], None]


class Feed:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db
        # called in the transaction that records a back-office stage (notifications …)
        self.on_event: list[EventHook] = []

    def changes(self, station_code: str, cursor: int, limit: int) -> list[dict[str, Any]]:
        with self.db.session() as s:
            rows = s.execute(
                select(ChangeEvent, Case.client_id, Case.case_no)
                .join(Case, Case.id == ChangeEvent.case_id)
                .where(ChangeEvent.station_code == station_code, ChangeEvent.seq > cursor)
                .order_by(ChangeEvent.seq)
                .limit(limit)
            ).all()
            return [
                {
                    "seq": ev.seq,
                    "client_id": client_id,
                    "case_no": case_no,
                    "stage": ev.stage,
                    "note": ev.note,
                    "at": ev.at.isoformat(),
                    **({"detail": ev.detail} if ev.detail else {}),
                }
                for ev, client_id, case_no in rows
            ]

    def advance(
        self, case_no: str, stage: str, note: str = "", shipment: Shipment | None = None
    ) -> Case:
        """Move a case on (back office). 已寄出 needs the ``shipment`` (carrier, number)."""
        if stage not in BACK_OFFICE_STAGES:
            raise HubError(
                422,
                f"办件环节只能转到：{'、'.join(BACK_OFFICE_STAGES)}。",
                f"unknown stage {stage}",
            )
        with self.db.session() as s:
            case = s.scalar(select(Case).where(Case.case_no == case_no))
            if case is None:
                raise HubError(404, f"找不到办件 {case_no}。", f"no case {case_no}")
            station = lock_station(s, case.station_code)
            s.refresh(case)  # re-read under the lock: another clerk may have moved it
            if stage not in NEXT_STAGES[case.stage]:
                raise HubError(
                    409,
                    f"办件处于“{case.stage}”，不能转到“{stage}”。",
                    f"case {case_no} cannot go from {case.stage} to {stage}",
                    "stage-conflict",
                )
            detail = record_shipment(s, case, stage, shipment)
            case.stage = stage
            case.updated_at = utcnow()
            event = append_event(s, station, case.id, stage, note or stage, detail)
            for hook in self.on_event:
                hook(s, case, event)
            return case

    def simulate_step(self) -> int:
        """Simulation mode: move every open case one step (收件→受理→办结). Returns how many."""
        step = {
            Stage.RECEIVED.value: (Stage.ACCEPTED.value, "材料齐全，予以受理（模拟）"),
            Stage.ACCEPTED.value: (Stage.COMPLETED.value, "已办结（模拟）"),
        }
        with self.db.session() as s:
            todo = list(
                s.execute(select(Case.case_no, Case.stage).where(Case.stage.in_(list(step))))
            )
        moved = 0
        for case_no, stage in todo:
            if not case_no:
                continue
            try:
                self.advance(case_no, *step[stage])
                moved += 1
            except HubError:  # moved meanwhile by someone else: leave it
                continue
        return moved
