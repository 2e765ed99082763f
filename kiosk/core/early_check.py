"""The desk app's start: the station database's integrity check begun before SQLAlchemy and
the services are imported (kiosk.store.integrity), so the two overlap. Imports nothing heavy."""

from __future__ import annotations

from pathlib import Path

from kiosk.store.db_file import DB_FILE
from kiosk.store.integrity import start_early


def begin_integrity_check(data_dir: Path) -> None:
    start_early(data_dir / DB_FILE)
