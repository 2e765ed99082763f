"""Telling residents (issue 18): an outbox of SMS messages, one per event, sent at most once.

Events: a case 受理, 补齐补正, 办结, 已寄出 (from the back office, in the transaction that
records the stage: ``Feed.on_event``) and the end of a 差评's follow-up (to the rater). A
message is queued only for a resident who consented (the answers' ``notify``: consent and
number, recorded at the station) and keyed by its event (``notification.event_key``
unique), so an event queues one message whatever is replayed.

Sending goes through a :class:`Sender` (an SMS gateway adapter; :class:`FileSender` writes
JSON lines for tests and demos). The message id given to the sender is the event key: a
gateway that deduplicates by client message id (as SMS gateways do) delivers it once even
when the hub died between handing it over and recording it. A row is leased (``sending``,
next attempt pushed back) before the send; a failure is retried with an exponential backoff
and given up (``failed``) after ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.delivery_changes import effective_delivery
from hub.followup_models import Notification
from hub.models import Case, CatalogItem, ChangeEvent
from kiosk.forms import answer_extras
from kiosk.forms.validators import check_mobile
from kiosk.protocol.clock import utcnow
from kiosk.protocol.stages import Stage

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_CAP = dt.timedelta(hours=1)
PREFIX = "【村级代办】"
TEMPLATES = {
    Stage.ACCEPTED.value: "您的“{item}”（办件编号 {case_no}）已受理，办结后会再通知您。",
    Stage.SUPPLEMENT.value: (
        "您的“{item}”（办件编号 {case_no}）需要补齐补正：{note}。请带上材料到村代办点办理。"
    ),
    Stage.COMPLETED.value: "您的“{item}”（办件编号 {case_no}）已办结。{pickup}",
    Stage.DISPATCHED.value: (
        "您的“{item}”办理结果已由{carrier}寄出，快递单号 {tracking_no}，请注意查收。"
    ),
    "followup": "您对“{item}”的评价已处理：{outcome}。感谢您的监督。",
}
KINDS = {
    Stage.ACCEPTED.value: "accepted",
    Stage.SUPPLEMENT.value: "supplement",
    Stage.COMPLETED.value: "finished",
    Stage.DISPATCHED.value: "dispatched",
}
PICKUP = {
    "自取（本代办点）": "请带身份证到村代办点领取结果。",
    "自取（乡镇便民服务中心）": "请带身份证到乡镇便民服务中心领取结果。",
    "邮寄": "结果将邮寄给您，寄出后会再通知您。",
}


class SendFailed(Exception):
    """The gateway did not take the message (it may be tried again)."""


class Sender(Protocol):
    """An SMS gateway adapter. ``message_id`` is stable per event: a gateway must treat a
    second send with the same id as the same message (deliver it once)."""

    def send(self, message_id: str, phone: str, text: str) -> None: ...


class FileSender:
    """Messages as JSON lines in a file (tests, demos): one line per message id, fsynced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _ids(self) -> set[str]:
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except FileNotFoundError:
            return set()
        out = set()
        for line in lines:
            try:
                out.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line after a crash
        return out

    def send(self, message_id: str, phone: str, text: str) -> None:
        with self._lock:
            if message_id in self._ids():
                return  # already delivered: the same message, not a second one
            record = {"id": message_id, "phone": phone, "text": text, "at": utcnow().isoformat()}
            line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def messages(self) -> list[dict[str, Any]]:
        try:
            lines = self.path.read_text("utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]


def consented_phone(payload: dict[str, Any]) -> str | None:
    """The number a resident agreed to be told on, or None (no consent, no valid number)."""
    notify = payload.get(answer_extras.NOTIFY)
    if not isinstance(notify, dict) or notify.get("consent") is not True:
        return None
    phone = str(notify.get("phone") or "")
    return phone if phone and check_mobile(phone) is None else None


def _item_name(s: Session, code: str) -> str:
    row = s.get(CatalogItem, code)
    return str(row.data.get("name", code)) if row is not None else code


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0


class NotificationService:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db
        self.now: Callable[[], dt.datetime] = utcnow

    # --- queued in the transaction of the event ----------------------------------------------
    def on_stage(self, s: Session, case: Case, event: ChangeEvent) -> None:
        if event.stage not in TEMPLATES or consented_phone(case.payload) is None:
            return
        method = str(effective_delivery(s, case).get("method", ""))
        detail = event.detail or {}
        text = TEMPLATES[event.stage].format(
            item=_item_name(s, case.item_code),
            case_no=case.case_no,
            note=event.note if event.note and event.note != event.stage else "详见村代办点通知",
            pickup=PICKUP.get(method, "请联系村代办点领取结果。"),
            carrier=detail.get("carrier", "快递"),
            tracking_no=detail.get("tracking_no", ""),
        )
        self._queue(s, f"{event.station_code}:{event.seq}", case.id, KINDS[event.stage], text)

    def on_followup(self, s: Session, case: Case, complaint_id: int, outcome: str) -> None:
        """The end of a 差评's follow-up, to the resident (the rater, who consented)."""
        if consented_phone(case.payload) is None:
            return
        text = TEMPLATES["followup"].format(item=_item_name(s, case.item_code), outcome=outcome)
        self._queue(s, f"complaint:{complaint_id}:closed", case.id, "followup", text)

    def _queue(self, s: Session, key: str, case_id: int, kind: str, text: str) -> None:
        if s.scalar(select(Notification.id).where(Notification.event_key == key)) is not None:
            return
        s.add(
            Notification(
                event_key=key,
                case_id=case_id,
                kind=kind,
                text=PREFIX + text,
                next_attempt_at=self.now(),
            )
        )

    # --- sending ---------------------------------------------------------------------------------
    def _lease(self, limit: int) -> list[tuple[int, str, str, str | None]]:
        """Due messages, leased: marked ``sending`` and pushed back before anything is sent."""
        now = self.now()
        out: list[tuple[int, str, str, str | None]] = []
        with self.db.session() as s:
            rows = s.scalars(
                select(Notification)
                .where(
                    or_(Notification.state == "pending", Notification.state == "sending"),
                    Notification.next_attempt_at <= now,
                )
                .order_by(Notification.id)
                .limit(limit)
            ).all()
            for row in rows:
                case = s.get(Case, row.case_id)
                phone = consented_phone(case.payload) if case is not None else None
                row.attempts += 1
                row.state = "sending"
                backoff = min(BACKOFF_BASE * 2 ** (row.attempts - 1), BACKOFF_CAP)
                row.next_attempt_at = now + backoff
                out.append((row.id, row.event_key, row.text, phone))
        return out

    def _finish(self, row_id: int, state: str, error: str = "") -> None:
        with self.db.session() as s:
            row = s.get(Notification, row_id)
            if row is None:
                return
            if state == "retry":
                if row.attempts >= MAX_ATTEMPTS:
                    row.state = "failed"
                row.last_error = error[:500]
                return
            row.state, row.last_error = state, error[:500]
            if state == "sent":
                row.sent_at = self.now()

    def dispatch(self, sender: Sender, limit: int = 100) -> DispatchReport:
        """One pass over the due messages."""
        report = DispatchReport()
        for row_id, key, text, phone in self._lease(limit):
            if phone is None:  # consent withdrawn (a supplement changed the answers)
                self._finish(row_id, "skipped")
                report.skipped += 1
                continue
            try:
                sender.send(key, phone, text)
            except SendFailed as exc:
                self._finish(row_id, "retry", str(exc))
                report.retried += 1
                continue
            self._finish(row_id, "sent")
            report.sent += 1
        return report

    def counts(self) -> dict[str, int]:
        with self.db.session() as s:
            out: dict[str, int] = {}
            for state in s.scalars(select(Notification.state)):
                out[state] = out.get(state, 0) + 1
            return out
