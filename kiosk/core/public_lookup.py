"""What a resident may see of a case at a self-service terminal: its own progress, masked.

Looked up by case number + query code (from the receipt or its QR code). A wrong query code
reveals nothing, not even whether the case number exists.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
from dataclasses import dataclass

from sqlalchemy import select

from kiosk.core.catalog import Catalog
from kiosk.core.clock import to_local
from kiosk.core.crypto import DataCipher
from kiosk.core.delivery import courier_words
from kiosk.core.lookup_guard import LookupGuard
from kiosk.core.masking import mask_name
from kiosk.core.public_group import PublicGroup, group_of, member_by_group_code
from kiosk.core.status import AppStatus
from kiosk.core.workdays import HolidayCalendar, due_date
from kiosk.store.db import Database
from kiosk.store.delivery_models import ResultDelivery
from kiosk.store.models import Application, StatusEvent

PLAIN_WORDS = {
    AppStatus.QUEUED: "代办点已收件，等待报送",
    AppStatus.SENDING: "正在报送",
    AppStatus.SUBMITTED: "已报送到政务服务网，等待受理",
    AppStatus.ACCEPTED: "已受理",
    AppStatus.NEED_SUPPLEMENT: "需要补充材料，请联系村代办员",
    AppStatus.COMPLETED: "已办结",
    AppStatus.REJECTED: "不予受理，请联系村代办员了解原因",
    AppStatus.WITHDRAWN: "已撤回",
    AppStatus.DISPATCHED: "办理结果已寄出",
    AppStatus.SIGNED: "办理结果已签收",
    AppStatus.HANDED_OVER: "办理结果已领取",
}


@dataclass(frozen=True)
class PublicStep:
    at: dt.datetime  # local time
    words: str


@dataclass(frozen=True)
class PublicCase:
    application_id: str
    case_no: str
    item_name: str
    applicant: str  # masked
    status: AppStatus
    summary: str  # e.g. "已受理，预计 12月3日 前办结"
    steps: list[PublicStep]
    due: dt.date | None = None  # the promised completion date, when one is known
    delivery: str = ""  # e.g. "办理结果已由 中国邮政EMS 寄出，快递单号 1180012345678"
    carrier: str = ""
    tracking_no: str = ""
    group: PublicGroup | None = None  # filed with other items as one 一件事


def parse_scanned(text: str) -> tuple[str, str] | None:
    """A receipt QR (``KIOSKCASE:<case_no>:<query_code>``) typed in by a USB scanner."""
    parts = text.strip().split(":")
    if len(parts) == 3 and parts[0].upper() == "KIOSKCASE" and parts[1] and parts[2]:
        return parts[1], parts[2]
    return None


def normalise_code(code: str) -> str:
    """As typed or scanned: spaces and hyphens dropped, letters upper-case (old 6-digit codes
    are unchanged by this)."""
    return "".join(code.split()).replace("-", "").upper()


def lookup(
    db: Database,
    catalog: Catalog,
    cipher: DataCipher,
    case_no: str,
    query_code: str,
    calendar: HolidayCalendar | None = None,
    terminal: str = "terminal",
) -> PublicCase | None:
    """The case if ``query_code`` matches, else None (no hint of why). Guarded: a paused case
    number or terminal raises :class:`LookupPaused` before anything is compared.

    Case numbers carry the 实施编码, whose USCC part has capital letters; the terminal's
    keyboard types small ones, and a resident copying from paper may too: both are read in
    capitals (as the hub issues them)."""
    number = case_no.strip().upper()
    guard = LookupGuard(db)
    guard.check(number, terminal)
    typed = normalise_code(query_code).encode()
    with db.read() as s:
        app = s.scalar(select(Application).where(Application.case_no == number))
        if app is None:  # a 一件事's number: any of its members' query codes opens it
            app = member_by_group_code(s, number, typed)
            stored = typed if app is not None else b""
        else:
            stored = normalise_code(app.query_code or "").encode()
        matched = app is not None and bool(stored) and hmac.compare_digest(stored, typed)
        group = group_of(s, app, PLAIN_WORDS, catalog.member_order) if matched and app else None
    if not matched or app is None:
        guard.failed(number, terminal)
        return None
    with db.read() as s:
        events = list(
            s.scalars(
                select(StatusEvent)
                .where(StatusEvent.application_id == app.id)
                .order_by(StatusEvent.id)
            )
        )
        shipment = s.get(ResultDelivery, app.id)
        delivery = (
            courier_words(shipment.carrier, shipment.tracking_no, shipment.signed_at is not None)
            if shipment is not None and (shipment.carrier or shipment.tracking_no)
            else ""
        )
    status = AppStatus(app.status)
    steps = [
        PublicStep(to_local(e.at), PLAIN_WORDS[AppStatus(e.to_status)])
        for e in events
        if AppStatus(e.to_status) in PLAIN_WORDS
    ]
    summary = PLAIN_WORDS.get(status, "")
    due: dt.date | None = None
    if status in (AppStatus.SUBMITTED, AppStatus.ACCEPTED):
        try:
            days = catalog.get(app.item_code).promised_days
        except Exception:
            days = 0
        promised = due_date(calendar, app.queued_at, days) if app.queued_at else None
        if promised is not None:
            due = promised.date
            summary += f"，预计 {due.month}月{due.day}日 前办结"
    name = ""
    if app.purged_at is None and app.payload_enc:
        name = str(json.loads(cipher.decrypt(app.payload_enc, app.id.encode())).get("name", ""))
    return PublicCase(
        app.id,
        app.case_no or "",
        app.item_name,
        mask_name(name),
        status,
        summary,
        steps,
        due,
        delivery,
        (shipment.carrier or "") if shipment is not None else "",
        (shipment.tracking_no or "") if shipment is not None else "",
        group,
    )
