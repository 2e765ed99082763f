"""一次一评 at the desk (GB/T 39734): one rating of one service occasion, with 整体满意度 and
the dimensions 服务效率, 服务水平, 服务态度 (5 非常满意 … 1 非常不满意). The 一事一评 of a case
stays in ``evaluation``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.core.clock import utcnow
from kiosk.store.model_base import Base


class VisitRating(Base):
    __tablename__ = "visit_rating"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # idempotency key at the hub
    application_id: Mapped[str] = mapped_column(ForeignKey("application.id"), index=True)
    agent: Mapped[str] = mapped_column(String(50))  # who served
    level: Mapped[int] = mapped_column(Integer)  # 整体满意度
    dimensions: Mapped[str] = mapped_column(Text)  # JSON {"服务效率": 5, …}
    comment_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    source: Mapped[str] = mapped_column(String(10))  # agent | kiosk
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    synced_at: Mapped[dt.datetime | None] = mapped_column(default=None)
