"""The hub's tables for what happens after a case is filed (issue 18): courier shipments,
ratings per service occasion (一次一评), 差评 follow-up records and the notification outbox.

They live beside ``hub.models`` (same ``Base``, same Alembic history: revision 0004).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub.model_base import Base
from kiosk.protocol.clock import utcnow


class CourierShipment(Base):
    """A finished case's result sent by courier: carrier and tracking number (已寄出/已签收)."""

    __tablename__ = "courier_shipment"

    case_id: Mapped[int] = mapped_column(ForeignKey("hub_case.id"), primary_key=True)
    carrier: Mapped[str] = mapped_column(String(40), default="")
    tracking_no: Mapped[str] = mapped_column(String(40), default="")
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    signed_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class DeliveryChange(Base):
    """The resident changed how the result reaches them after filing (until 办结): the
    latest choice by the station's time of change; it overrides the answers' ``delivery``."""

    __tablename__ = "delivery_change"

    case_id: Mapped[int] = mapped_column(ForeignKey("hub_case.id"), primary_key=True)
    delivery: Mapped[dict[str, Any]] = mapped_column(JSON)
    changed_at: Mapped[dt.datetime]
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class VisitRating(Base):
    """一次一评: a resident's rating of one service occasion at the desk, with the four
    dimensions of GB/T 39734 (整体满意度, 服务效率, 服务水平, 服务态度)."""

    __tablename__ = "visit_rating"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_id: Mapped[str | None] = mapped_column(String(36), default=None)  # filed that visit
    agent: Mapped[str] = mapped_column(String(50), default="")
    level: Mapped[str] = mapped_column(String(10))  # 整体满意度
    dimensions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    comment: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    rated_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RaterContact(Base):
    """Who rated, kept apart from the rating: sealed by the station to the hub's box key,
    opened only for the follow-up call of a 差评, never shown to the rated agent."""

    __tablename__ = "rater_contact"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    rating_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class Complaint(Base):
    """差评: a 不满意/非常不满意 rating and its follow-up (回访, 整改, 申诉, closed)."""

    __tablename__ = "complaint"
    __table_args__ = (
        Index("ix_complaint_station", "station_code", "state"),
        Index("uq_complaint_rating", "station_code", "rating_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    station_code: Mapped[str] = mapped_column(String(12))
    rating_id: Mapped[str] = mapped_column(String(36))
    rating_kind: Mapped[str] = mapped_column(String(10))  # case | visit
    case_no: Mapped[str | None] = mapped_column(String(100), default=None)
    agent: Mapped[str] = mapped_column(String(50), default="")
    level: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), default="open")
    opened_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    callback_note: Mapped[str] = mapped_column(Text, default="")
    fix_note: Mapped[str] = mapped_column(Text, default="")
    appeal_reason: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(String(20), default="")  # upheld | overturned
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ComplaintStep(Base):
    """Every step of a 差评's follow-up: who did what, when (电子监察)."""

    __tablename__ = "complaint_step"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(50))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """The outbox of messages to residents: one row per event (``event_key`` unique), sent at
    most once, retried with a backoff while the sender fails."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    event_key: Mapped[str] = mapped_column(String(80), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("hub_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending|sending|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
