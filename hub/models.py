"""The hub's tables: stations, devices, enrolment codes, cases, blobs and the change feed."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kiosk.core.clock import utcnow


class Base(DeclarativeBase):
    pass


class EnrollmentCode(Base):
    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(12))
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Device(Base):
    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(12), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Case(Base):
    __tablename__ = "hub_case"
    __table_args__ = (UniqueConstraint("station_code", "client_id", name="uq_case_client"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    station_code: Mapped[str] = mapped_column(String(12), index=True)
    client_id: Mapped[str] = mapped_column(String(36))
    item_code: Mapped[str] = mapped_column(String(40))
    form_version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    blobs: Mapped[list[str]] = mapped_column(JSON, default=list)
    case_no: Mapped[str | None] = mapped_column(String(40), unique=True, default=None)
    query_code: Mapped[str] = mapped_column(String(12))
    stage: Mapped[str] = mapped_column(String(20), default="收件")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Blob(Base):
    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ChangeEvent(Base):
    """Ordered feed of case status changes; a station reads only its own."""

    __tablename__ = "change_event"

    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    station_code: Mapped[str] = mapped_column(String(12), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("hub_case.id"))
    stage: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
