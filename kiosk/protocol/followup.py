"""Bodies of the follow-up endpoints a station calls after filing (docs/protocol.md §4.7a,
§4.10): a changed delivery choice, the 差评 a station reads, appeals and decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from kiosk.protocol.models import UUID_PATTERN


class DeliveryChangeIn(BaseModel):
    client_id: str = Field(pattern=UUID_PATTERN)
    delivery: dict[str, Any] = Field(max_length=10)
    changed_at: dt.datetime


class DeliveryChangeOut(BaseModel):
    case_no: str | None
    delivery: dict[str, Any]


class StepOut(BaseModel):
    action: str
    words: str
    note: str
    actor: str
    at: str


class ComplaintOut(BaseModel):
    id: int
    station_code: str
    rating_kind: str
    case_no: str | None
    agent: str
    level: str
    comment: str
    state: str
    state_words: str
    opened_on: str
    due_on: str
    overdue: bool
    callback_note: str
    fix_note: str
    appeal_reason: str
    decision: str
    outcome: str
    steps: list[StepOut]


class ComplaintsOut(BaseModel):
    complaints: list[ComplaintOut]


class NoteIn(BaseModel):
    note: str = Field(min_length=1, max_length=1000)


class DecisionIn(BaseModel):
    decision: Literal["upheld", "overturned"]
    note: str = Field(min_length=1, max_length=1000)
