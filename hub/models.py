"""The hub's tables: stations, devices, enrolment codes, the catalog, cases, blobs, the feed.

The schema is created and upgraded by the Alembic revisions in ``hub/migrations`` (never by
``create_all``), so a PostgreSQL hub in production is upgraded the same way as the tests'.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from hub.model_base import Base as Base
from kiosk.protocol.clock import utcnow
from kiosk.protocol.stages import Stage


class Station(Base):
    """One village station. ``last_seq`` numbers its change feed, ``last_case`` its cases."""

    __tablename__ = "station"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_case: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_code"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(12))
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Device(Base):
    """An enrolled kiosk. ``next_token_hash`` is a rotated token not yet used by the device."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(12), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    next_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    rotated_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # Ed25519 public key (base64) the station signs its removable-media batches with
    sign_key: Mapped[str | None] = mapped_column(String(64), default=None)


class CatalogItem(Base):
    """The current version of one catalog item, as published to stations."""

    __tablename__ = "catalog_item"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    form_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    catalog_version: Mapped[int] = mapped_column(Integer, index=True)
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FormVersion(Base):
    """Every form version of an item the hub has seen: older ones validate queued work."""

    __tablename__ = "form_version"

    item_code: Mapped[str] = mapped_column(String(80), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    form: Mapped[dict[str, Any]] = mapped_column(JSON)
    seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Case(Base):
    __tablename__ = "hub_case"
    __table_args__ = (UniqueConstraint("station_code", "client_id", name="uq_case_client"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    station_code: Mapped[str] = mapped_column(String(12), index=True)
    client_id: Mapped[str] = mapped_column(String(36))
    item_code: Mapped[str] = mapped_column(String(80))
    form_version: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    # content hash of every revision received, by revision number (replays of old batches)
    revision_hashes: Mapped[list[str]] = mapped_column(JSON, default=list)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    blobs: Mapped[list[str]] = mapped_column(JSON, default=list)
    case_no: Mapped[str | None] = mapped_column(String(100), unique=True, default=None)
    query_code: Mapped[str] = mapped_column(String(12))
    stage: Mapped[str] = mapped_column(String(20), default=Stage.RECEIVED.value)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # 一件事: the station's group id (with ``station_code``: a ``hub_group``), None for a
    # case filed on its own
    group_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)


class Group(Base):
    """一件事一次办: the cases a station filed together for one life event (created whole or
    not at all). ``group_no`` is the number the resident looks the group up with."""

    __tablename__ = "hub_group"
    __table_args__ = (UniqueConstraint("station_code", "group_id", name="uq_group_client"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    station_code: Mapped[str] = mapped_column(String(12))
    group_id: Mapped[str] = mapped_column(String(36))
    group_no: Mapped[str] = mapped_column(String(100), unique=True)
    bundle_code: Mapped[str] = mapped_column(String(80))
    catalog_version: Mapped[str] = mapped_column(String(40))
    # the members' client ids, in the order filed
    members: Mapped[list[str]] = mapped_column(JSON, default=list)
    # fields the department fills in from an earlier member's result: {client_id, field, source}
    pending: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CaseSequence(Base):
    """The running number of case numbers per 实施编码 and day (办件编号 = code + date + seq)."""

    __tablename__ = "case_sequence"

    prefix: Mapped[str] = mapped_column(String(100), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Blob(Base):
    """Attachment bytes, stored once by content hash whichever station sent them."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class BlobOwner(Base):
    """Which station has uploaded a blob: a station sees (HEAD, cites) only its own."""

    __tablename__ = "blob_owner"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)


class BlobUpload(Base):
    """A resumable upload in progress: ``received`` bytes stored so far as chunks."""

    __tablename__ = "blob_upload"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    total: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class BlobChunk(Base):
    __tablename__ = "blob_chunk"
    __table_args__ = (Index("ix_blob_chunk_upload", "station_code", "sha256", "offset"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    station_code: Mapped[str] = mapped_column(String(12))
    sha256: Mapped[str] = mapped_column(String(64))
    offset: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ChangeEvent(Base):
    """Ordered feed of case status changes; a station reads only its own, by ``seq``."""

    __tablename__ = "change_event"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("hub_case.id"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # what else the station needs to show the step (已寄出: carrier and tracking number)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)


class Evaluation(Base):
    """好差评: one rating of a case, idempotent by the kiosk's evaluation id."""

    __tablename__ = "evaluation"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("hub_case.id"), unique=True)  # one per case
    level: Mapped[str] = mapped_column(String(10))
    comment: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    rated_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class HubKey(Base):
    """The hub's own key pairs (base64 raw private keys): ``box`` (X25519) decrypts batch
    files, ``sign`` (Ed25519) signs status-return files. Created on first use."""

    __tablename__ = "hub_key"

    name: Mapped[str] = mapped_column(String(20), primary_key=True)
    private_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RelayResult(Base):
    """What the hub answered for one application carried on USB and relayed by a township:
    the latest answer per (village station, client id), returned in status-return files."""

    __tablename__ = "relay_result"

    station_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36))
    relayed_by: Mapped[str] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(String(20))
    errors: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RelayBatch(Base):
    """A batch file relayed by a township (audit: who brought which village's batch when)."""

    __tablename__ = "relay_batch"

    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(12))
    sequence: Mapped[int] = mapped_column(Integer)
    relayed_by: Mapped[str] = mapped_column(String(12))
    count: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# the follow-up tables (courier, ratings, 差评, notifications) share this Base
from hub import followup_models as _followup_models  # noqa: E402, F401
