"""差评 follow-up (国办发〔2019〕51号): a 不满意/非常不满意 rating opens a record with a deadline
in working days (``KIOSK_HUB_COMPLAINT_DAYS``, 5 by default, counted on the shared working-day
calendar, ``KIOSK_HUB_HOLIDAYS`` or the shipped list). Then:

* 回访 (``callback``): the back office called the resident back and notes what was said;
* 整改 (``rectify``): what was changed;
* 申诉 (``appeal``): the rated station disputes it; the township reviewer of that village
  (or the back office) decides: ``overturned`` closes it as not counted, ``upheld`` sends it
  back to the follow-up;
* 办结 (``close``): after the call-back, with the outcome.

A record past its due date and not closed is ``overdue``. The rater's contact is kept apart
(``rater_contact``, sealed) and opened only by the back office, each time recorded as a step.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.errors import HubError
from hub.followup_models import Complaint, ComplaintStep, RaterContact
from hub.models import Case
from hub.relay import HubKeys
from kiosk.protocol.clock import to_local, utcnow
from kiosk.protocol.sealed import SealBroken, open_sealed
from kiosk.protocol.workdays import HolidayCalendar, load_calendar, resolve_holiday_file

DAYS_ENV, HOLIDAYS_ENV = "KIOSK_HUB_COMPLAINT_DAYS", "KIOSK_HUB_HOLIDAYS"
DEFAULT_DAYS = 5
BAD_LEVELS = ("不满意", "非常不满意")
RATER_PURPOSE = "rater"

OPEN, CALLED_BACK, RECTIFIED, APPEALED, CLOSED = (
    "open",
    "called_back",
    "rectified",
    "appealed",
    "closed",
)
STATE_WORDS = {
    OPEN: "待回访",
    CALLED_BACK: "已回访",
    RECTIFIED: "已整改",
    APPEALED: "申诉中",
    CLOSED: "已办结",
}
UPHELD, OVERTURNED = "upheld", "overturned"
# action -> (states it may start from, state it leads to)
MOVES: dict[str, tuple[tuple[str, ...], str]] = {
    "callback": ((OPEN,), CALLED_BACK),
    "rectify": ((CALLED_BACK,), RECTIFIED),
    "appeal": ((OPEN, CALLED_BACK), APPEALED),
    "close": ((CALLED_BACK, RECTIFIED), CLOSED),
}
ACTION_WORDS = {
    "open": "差评登记",
    "callback": "回访",
    "rectify": "整改",
    "appeal": "申诉",
    "decide": "申诉裁定",
    "close": "办结",
    "contact": "查看评价人联系方式",
}


@dataclass(frozen=True)
class ComplaintPolicy:
    days: int
    calendar: HolidayCalendar

    @classmethod
    def from_env(cls) -> ComplaintPolicy:
        raw = os.environ.get(DAYS_ENV, "").strip()
        try:
            days = int(raw) if raw else DEFAULT_DAYS
        except ValueError:
            raise HubError(
                500, f"{DAYS_ENV} 应为整数（工作日天数）。", f"bad {DAYS_ENV}: {raw!r}"
            ) from None
        if not 1 <= days <= 60:
            raise HubError(500, f"{DAYS_ENV} 应在 1 到 60 之间。", f"{DAYS_ENV} out of range")
        path = resolve_holiday_file(os.environ.get(HOLIDAYS_ENV, ""), None)
        return cls(days, load_calendar(Path(path)))

    def due(self, opened: dt.date) -> dt.date:
        return self.calendar.add_working_days(opened, self.days).date


def _today() -> dt.date:
    return to_local(utcnow()).date()


def _step(s: Session, complaint: Complaint, action: str, note: str, actor: str) -> None:
    s.add(ComplaintStep(complaint_id=complaint.id, action=action, note=note, actor=actor))


class ComplaintService:
    def __init__(self, db: HubDatabase, keys: HubKeys) -> None:
        self.db = db
        self.keys = keys
        self.today: Callable[[], dt.date] = _today
        self._policy: ComplaintPolicy | None = None
        # called in the transaction that closes a 差评 (the rater is told: notifications)
        self.on_closed: list[Callable[[Session, Case, int, str], None]] = []

    @property
    def policy(self) -> ComplaintPolicy:
        if self._policy is None:
            self._policy = ComplaintPolicy.from_env()
        return self._policy

    # --- opened by a rating (in the rating's own transaction) ------------------------------
    def open_for_rating(
        self,
        s: Session,
        *,
        station: str,
        rating_id: str,
        kind: str,
        case_no: str | None,
        agent: str,
        level: str,
        comment: str,
    ) -> Complaint | None:
        if level not in BAD_LEVELS:
            return None
        existing = s.scalar(
            select(Complaint).where(
                Complaint.station_code == station, Complaint.rating_id == rating_id
            )
        )
        if existing is not None:
            return existing
        opened = self.today()
        row = Complaint(
            station_code=station,
            rating_id=rating_id,
            rating_kind=kind,
            case_no=case_no,
            agent=agent,
            level=level,
            comment=comment,
            state=OPEN,
            opened_on=opened,
            due_on=self.policy.due(opened),
        )
        s.add(row)
        s.flush()
        _step(s, row, "open", f"{level}：{comment}" if comment else level, "省级平台")
        return row

    # --- follow-up ----------------------------------------------------------------------------
    def act(
        self,
        complaint_id: int,
        action: str,
        note: str,
        actor: str,
        station: str | None = None,
    ) -> dict[str, Any]:
        """One follow-up step. ``station``: the rated station (appeals) acting, checked."""
        if action not in MOVES:
            raise HubError(422, "不支持的差评处理操作。", f"unknown action {action}")
        if not note.strip():
            raise HubError(422, f"请填写{ACTION_WORDS[action]}情况说明。", f"{action} needs a note")
        starts, target = MOVES[action]

        def write(s: Session) -> dict[str, Any]:
            row = self._get(s, complaint_id)
            if station is not None and row.station_code != station:
                raise _not_found(complaint_id)
            if row.state not in starts:
                raise _wrong_state(row, action)
            if action == "callback":
                row.callback_note = note
            elif action == "rectify":
                row.fix_note = note
            elif action == "appeal":
                row.appeal_reason = note
            else:
                row.outcome = note
                row.closed_at = utcnow()
            row.state = target
            row.updated_at = utcnow()
            _step(s, row, action, note, actor)
            s.flush()
            if target == CLOSED:
                self._closed(s, row)
            return self._view(s, row)

        return self.db.retrying(write)

    def decide(
        self,
        complaint_id: int,
        decision: str,
        note: str,
        actor: str,
        township: str | None = None,
    ) -> dict[str, Any]:
        """The township reviewer (or the back office) decides an appeal."""
        if decision not in (UPHELD, OVERTURNED):
            raise HubError(
                422, "裁定结果只能是“维持差评”或“撤销差评”。", f"bad decision {decision}"
            )
        if not note.strip():
            raise HubError(422, "请填写裁定理由。", "decision needs a note")

        def write(s: Session) -> dict[str, Any]:
            row = self._get(s, complaint_id)
            if township is not None and not _serves(township, row.station_code):
                raise _not_found(complaint_id)
            if row.state != APPEALED:
                raise _wrong_state(row, "decide")
            row.decision = decision
            if decision == OVERTURNED:
                row.state = CLOSED
                row.outcome = f"申诉成立，差评撤销：{note}"
                row.closed_at = utcnow()
                self._closed(s, row)
            else:
                row.state = CALLED_BACK if row.callback_note else OPEN
            row.updated_at = utcnow()
            words = "撤销差评" if decision == OVERTURNED else "维持差评"
            _step(s, row, "decide", f"{words}：{note}", actor)
            s.flush()
            return self._view(s, row)

        return self.db.retrying(write)

    def _closed(self, s: Session, row: Complaint) -> None:
        if not row.case_no:
            return
        case = s.scalar(select(Case).where(Case.case_no == row.case_no))
        if case is not None:
            for hook in self.on_closed:
                hook(s, case, row.id, row.outcome)

    def rater_contact(self, complaint_id: int, actor: str) -> dict[str, Any]:
        """Who rated (back office only, for the call-back); every opening is a step."""
        with self.db.session() as s:
            row = self._get(s, complaint_id)
            sealed = s.get(RaterContact, (row.station_code, row.rating_id))
            if sealed is None:
                return {}
            try:
                plain = open_sealed(
                    self.keys.box(), sealed.sealed, RATER_PURPOSE, row.rating_id.encode()
                )
            except SealBroken:
                return {}
            _step(s, row, "contact", "", actor)
            data = json.loads(plain)
            return data if isinstance(data, dict) else {}

    # --- views ----------------------------------------------------------------------------------
    def get(self, complaint_id: int) -> dict[str, Any]:
        with self.db.session() as s:
            return self._view(s, self._get(s, complaint_id))

    def list_all(self, stations: list[str] | None = None, state: str = "") -> list[dict[str, Any]]:
        with self.db.session() as s:
            q = select(Complaint).order_by(Complaint.id)
            if stations is not None:
                q = q.where(Complaint.station_code.in_(stations))
            if state:
                q = q.where(Complaint.state == state)
            return [self._view(s, row) for row in s.scalars(q)]

    def for_viewer(self, station_code: str) -> list[dict[str, Any]]:
        """A village sees its own 差评, a township those of its villages (never the rater)."""
        with self.db.session() as s:
            q = select(Complaint).order_by(Complaint.id)
            if station_code.endswith("000"):
                q = q.where(Complaint.station_code.like(station_code[:9] + "%"))
            else:
                q = q.where(Complaint.station_code == station_code)
            return [self._view(s, row) for row in s.scalars(q)]

    @staticmethod
    def _get(s: Session, complaint_id: int) -> Complaint:
        row = s.get(Complaint, complaint_id)
        if row is None:
            raise _not_found(complaint_id)
        return row

    def _view(self, s: Session, row: Complaint) -> dict[str, Any]:
        steps = s.scalars(
            select(ComplaintStep)
            .where(ComplaintStep.complaint_id == row.id)
            .order_by(ComplaintStep.id)
        )
        return {
            "id": row.id,
            "station_code": row.station_code,
            "rating_kind": row.rating_kind,
            "case_no": row.case_no,
            "agent": row.agent,
            "level": row.level,
            "comment": row.comment,
            "state": row.state,
            "state_words": STATE_WORDS[row.state],
            "opened_on": row.opened_on.isoformat(),
            "due_on": row.due_on.isoformat(),
            "overdue": row.state != CLOSED and self.today() > row.due_on,
            "callback_note": row.callback_note,
            "fix_note": row.fix_note,
            "appeal_reason": row.appeal_reason,
            "decision": row.decision,
            "outcome": row.outcome,
            "steps": [
                {
                    "action": st.action,
                    "words": ACTION_WORDS.get(st.action, st.action),
                    "note": st.note,
                    "actor": st.actor,
                    "at": st.at.isoformat(),
                }
                for st in steps
                if st.action != "contact"  # who looked up the rater is the back office's own
            ],
        }


def _serves(township: str, village: str) -> bool:
    return township.endswith("000") and village[:9] == township[:9] and village != township


def _not_found(complaint_id: int) -> HubError:
    return HubError(404, f"找不到差评记录 {complaint_id}。", f"no complaint {complaint_id}")


def _wrong_state(row: Complaint, action: str) -> HubError:
    return HubError(
        409,
        f"该差评当前为“{STATE_WORDS[row.state]}”，不能进行“{ACTION_WORDS[action]}”。",
        f"complaint {row.id} in state {row.state} cannot {action}",
        "complaint-state",
    )
