"""ORM models of the local station database. Personal data lives only in ``*_enc`` columns."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.core.clock import utcnow
from kiosk.store.model_base import Base as Base


class Station(Base):
    """This station's identity as enrolled at the hub (one row)."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12))  # 统计用区划代码
    name: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(64))
    hub_url: Mapped[str] = mapped_column(String(500))
    enrolled_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    role: Mapped[str] = mapped_column(String(20), default="village", server_default="village")
    device_key: Mapped[str | None] = mapped_column(String(64), default=None)  # Ed25519 public
    hub_box_key: Mapped[str | None] = mapped_column(String(64), default=None)  # X25519 public
    hub_sign_key: Mapped[str | None] = mapped_column(String(64), default=None)  # Ed25519 public
    batch_sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Agent(Base):
    __tablename__ = "agent"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # agent | township | technician
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    lockouts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # escalates
    # who signs as 受托人 on paper: real name, 身份证号, phone, service point (encrypted JSON,
    # personal data like a resident's); the login name above never appears on paper
    profile_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class ServiceCredential(Base):
    """A technician-made credential for scripts (cron backups): its secret lives in the
    keyring, only its hash here; scoped to a few commands, revocable."""

    __tablename__ = "service_credential"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    scopes: Mapped[str] = mapped_column(String(200))  # comma-separated command names
    token_hash: Mapped[str] = mapped_column(String(64))  # sha256 hex of the secret
    created_by: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class LookupFailure(Base):
    """Wrong query codes at the self-service terminal, per case number and per terminal
    (kind ``case`` / ``terminal``): stored, so a restart does not forget them."""

    __tablename__ = "lookup_failure"

    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    paused_until: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Resident(Base):
    """A resident the station has served (一键式申报: don't ask again for what is known).

    Everything personal is in ``data_enc``; lookups go through keyed hashes (blind indexes).
    """

    __tablename__ = "resident"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    id_index: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    name_phone_index: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    data_enc: Mapped[bytes] = mapped_column(LargeBinary)
    consent_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    consent_by: Mapped[str | None] = mapped_column(String(50), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Application(Base):
    """One proxy application. ``id`` is the client UUID, the idempotency key at the hub."""

    __tablename__ = "application"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(80))
    item_name: Mapped[str] = mapped_column(String(200))
    form_version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)
    resident_index: Mapped[str | None] = mapped_column(String(64), default=None)
    resident_id: Mapped[str | None] = mapped_column(
        ForeignKey("resident.id", name="fk_application_resident"), default=None
    )
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # +1 per 补正
    purged_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    exported_batch: Mapped[str | None] = mapped_column(String(36), default=None)  # on a USB stick
    exported_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    case_no: Mapped[str | None] = mapped_column(String(100), default=None)
    query_code: Mapped[str | None] = mapped_column(String(12), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    created_by: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    queued_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    synced_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # 一件事一次办: the group of applications filed together for one life event
    group_id: Mapped[str | None] = mapped_column(
        ForeignKey("application_group.id", name="fk_application_group"), default=None
    )

    # collections are loaded on purpose (selectinload) inside the session that reads them;
    # a lazy load anywhere else is a bug (a worker thread reading a detached row), so it raises
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="application", cascade="all, delete-orphan", lazy="raise"
    )
    events: Mapped[list[StatusEvent]] = relationship(
        back_populates="application",
        order_by="StatusEvent.id",
        cascade="all, delete-orphan",
        lazy="raise",
    )

    __table_args__ = (
        Index("ix_application_status", "status", "queued_at"),
        Index("ix_application_resident", "resident_index"),
        Index("ix_application_case_no", "case_no"),
        Index("ix_application_resident_id", "resident_id"),
        Index("ix_application_group_id", "group_id"),
    )


class Attachment(Base):
    """A file bound to an application; the bytes live encrypted in the blob store by sha256."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("application.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100))
    filename_enc: Mapped[bytes] = mapped_column(LargeBinary)
    material: Mapped[str] = mapped_column(String(100), default="")
    uploaded: Mapped[bool] = mapped_column(default=False)

    application: Mapped[Application] = relationship(back_populates="attachments")


class StatusEvent(Base):
    """Every status change of an application: when, who, why (电子监察)."""

    __tablename__ = "status_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[str] = mapped_column(ForeignKey("application.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(50))
    reason: Mapped[str] = mapped_column(Text, default="")

    application: Mapped[Application] = relationship(back_populates="events")


class Evaluation(Base):
    """好差评: one rating per case (5 非常满意 … 1 非常不满意), uploaded to the hub."""

    __tablename__ = "evaluation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # idempotency key at the hub
    application_id: Mapped[str] = mapped_column(ForeignKey("application.id"), unique=True)
    level: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[str] = mapped_column(Text, default="")  # JSON list of quick reasons
    comment_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    source: Mapped[str] = mapped_column(String(10))  # agent | kiosk
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    synced_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Village(Base):
    """Township mode: a village station of this township and how it last reached us."""

    __tablename__ = "village"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    device_key: Mapped[str | None] = mapped_column(String(64), default=None)
    last_contact_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    last_contact_via: Mapped[str | None] = mapped_column(String(10), default=None)  # usb|online
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    return_cursor: Mapped[int] = mapped_column(Integer, default=0)


class BatchImport(Base):
    """Township mode: every batch file imported (so a replay changes nothing)."""

    __tablename__ = "batch_import"

    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_code: Mapped[str] = mapped_column(ForeignKey("village.code"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))  # kept under <data>/batches/ to relay
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(50))
    relayed_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class RelayItem(Base):
    """Township mode: one village application carried in a batch, and what became of it."""

    __tablename__ = "relay_item"

    client_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station_code: Mapped[str] = mapped_column(ForeignKey("village.code"), index=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("batch_import.batch_id"))
    item_code: Mapped[str] = mapped_column(String(80))
    item_name: Mapped[str] = mapped_column(String(200))
    materials: Mapped[str] = mapped_column(Text, default="")  # JSON, for the hand-over list
    status: Mapped[str] = mapped_column(String(20), default="queued")
    case_no: Mapped[str | None] = mapped_column(String(100), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    queued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """Append-only audit trail; each row's ``mac`` chains it to the previous row (keyed)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class SyncState(Base):
    """Small key/value state of the sync engine (change-feed cursor …)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# result delivery (courier, hand-over at the desk) shares this Base
from kiosk.store import delivery_models as _delivery_models  # noqa: E402, F401
from kiosk.store import group_models as _group_models  # noqa: E402, F401
from kiosk.store import rating_models as _rating_models  # noqa: E402, F401
