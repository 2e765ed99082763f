"""How a finished case's result reaches the resident (issue 18): one row per application.

``method`` is the choice made at filing (自取 here / at the township hall, or 邮寄); the
recipient's name, phone and address stay in the application's encrypted answers (key
``delivery``). Courier steps come from the hub (carrier and tracking number are no personal
data); a hand-over at the desk records who collected, encrypted, and the signature's blob.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.core.clock import utcnow
from kiosk.store.model_base import Base


class ResultDelivery(Base):
    __tablename__ = "result_delivery"

    application_id: Mapped[str] = mapped_column(ForeignKey("application.id"), primary_key=True)
    method: Mapped[str] = mapped_column(String(20), default="")  # station|township|post
    carrier: Mapped[str | None] = mapped_column(String(40), default=None)
    tracking_no: Mapped[str | None] = mapped_column(String(40), default=None)
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    signed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    handed_over_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    handed_over_by: Mapped[str | None] = mapped_column(String(50), default=None)
    collector_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    signature_sha: Mapped[str | None] = mapped_column(String(64), default=None)
    # the resident changed the choice after filing (until 办结): encrypted, sent to the hub
    choice_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    choice_changed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    choice_synced_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
