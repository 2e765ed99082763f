"""The declarative base every hub table shares (``hub/models.py`` and the follow-up tables in
``hub/followup_models.py``, which ``hub.models`` imports so that one import has them all)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
