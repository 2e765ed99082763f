"""一件事一次办 (issue 19): the applications filed together for one life event.

One row per filing of an event bundle (a birth, a death, a retirement). Each member is an
ordinary ``application`` row (its own item, client id, content hash, status and case number)
that names its group in ``application.group_id``; the group holds what the members share.
``id`` is the group's client UUID, the idempotency key of the group at the hub;
``group_no`` is the number the hub gives the group (the resident looks it up with it).
``left_out``: JSON list of ``{"item_code", "reason"}`` for the bundle's members that did not
apply (no personal data), so the case view can say why one is missing.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.core.clock import utcnow
from kiosk.store.model_base import Base


class ApplicationGroup(Base):
    __tablename__ = "application_group"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    bundle_code: Mapped[str] = mapped_column(String(80))
    bundle_name: Mapped[str] = mapped_column(String(200))
    catalog_version: Mapped[str] = mapped_column(String(40))
    group_no: Mapped[str | None] = mapped_column(String(100), default=None)
    left_out: Mapped[str] = mapped_column(Text, default="[]")
    resident_index: Mapped[str | None] = mapped_column(String(64), default=None)
    created_by: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    synced_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    __table_args__ = (Index("ix_application_group_group_no", "group_no"),)
