"""How a finished case's result reaches the resident, in plain words (issue 18).

The choice made at filing sits in the application's answers under ``result_delivery``
(``{"method": "自取（本代办点）"|"自取（乡镇便民服务中心）"|"邮寄", "recipient", "phone",
"address": {"division", "detail"}}``, kiosk/forms/answer_extras.py);
:func:`delivery_line` turns it into one printable line (the receipt uses it). Courier steps
reported by the hub and the hand-over at the desk are in ``result_delivery``
(:class:`DeliveryState`); :func:`courier_words` says where a posted result is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core.masking import mask_name
from kiosk.forms.answer_extras import DELIVERY, PICKUP_STATION, PICKUP_TOWNSHIP
from kiosk.forms.answer_extras import POST as POST_WORDS
from kiosk.forms.divisions import DivisionTable
from kiosk.store.db import Database
from kiosk.store.delivery_models import ResultDelivery

ANSWER_KEY = DELIVERY
STATION, TOWNSHIP, POST = "station", "township", "post"
METHOD_CODES = {PICKUP_STATION: STATION, PICKUP_TOWNSHIP: TOWNSHIP, POST_WORDS: POST}


def method_of(answers: Mapping[str, Any]) -> str:
    """``station`` | ``township`` | ``post`` (no choice recorded: collected here)."""
    choice = answers.get(ANSWER_KEY)
    if isinstance(choice, Mapping):
        return METHOD_CODES.get(str(choice.get("method") or ""), STATION)
    own = answers.get("delivery")  # an item's own 领卡方式 question (代办点领取 / 邮寄到家)
    if isinstance(own, str) and "邮寄" in own:
        return POST
    return STATION


@dataclass(frozen=True)
class DeliveryState:
    application_id: str
    method: str
    carrier: str | None = None
    tracking_no: str | None = None
    dispatched_at: dt.datetime | None = None
    signed_at: dt.datetime | None = None
    handed_over_at: dt.datetime | None = None
    handed_over_by: str | None = None

    @property
    def courier(self) -> str:
        """Where a posted result is, in plain words ('' when nothing was posted)."""
        if not (self.carrier or self.tracking_no):
            return ""
        return courier_words(self.carrier, self.tracking_no, self.signed_at is not None)


def courier_words(carrier: str | None, tracking_no: str | None, signed: bool = False) -> str:
    """e.g. '办理结果已由 中国邮政EMS 寄出，快递单号 1180012345678' (+ '，已签收')."""
    words = f"办理结果已由 {carrier or '快递'} 寄出"
    if tracking_no:
        words += f"，快递单号 {tracking_no}"
    return words + ("，已签收" if signed else "")


def delivery_line(answers: Mapping[str, Any], divisions: DivisionTable | None = None) -> str:
    """One line for paper: how the resident gets the result (the receipt prints it).

    Personal data is masked: a posted result names the recipient by surname and the phone's
    last four digits; the address shows its division (named with ``divisions`` when given)
    and no house number. No choice recorded: "".
    """
    choice = answers.get(ANSWER_KEY)
    if not isinstance(choice, Mapping):
        return ""
    method = str(choice.get("method") or "")
    if method in (PICKUP_STATION, PICKUP_TOWNSHIP):
        return "结果领取方式：" + method
    if method != POST_WORDS:
        return ""
    parts = ["结果领取方式：邮寄"]
    address = choice.get("address")
    code = str(address.get("division", "")) if isinstance(address, Mapping) else ""
    if code:
        where = divisions.full_name(code) if divisions is not None and code in divisions else code
        parts.append(f"寄往 {where}")
    recipient = str(choice.get("recipient") or "").strip()
    if recipient:
        parts.append(f"收件人 {mask_name(recipient)}")
    phone = "".join(c for c in str(choice.get("phone") or "") if c.isdigit())
    if len(phone) >= 4:
        parts.append(f"电话尾号 {phone[-4:]}")
    return "，".join(parts)


def _state(row: ResultDelivery) -> DeliveryState:
    return DeliveryState(
        row.application_id,
        row.method,
        row.carrier,
        row.tracking_no,
        row.dispatched_at,
        row.signed_at,
        row.handed_over_at,
        row.handed_over_by,
    )


class DeliveryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def state(self, application_id: str) -> DeliveryState | None:
        with self.db.read() as s:
            row = s.get(ResultDelivery, application_id)
            return None if row is None else _state(row)
