"""The declarative base every station table shares (``kiosk/store/models.py`` and the tables
in ``delivery_models.py`` and ``rating_models.py``, which ``models`` imports so that one import
has them all)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
