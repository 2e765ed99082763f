"""Backups as the station uses them: on demand, daily with rotation, and restore."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from kiosk.core import audit, station_lock
from kiosk.core.audit import AuditLog
from kiosk.core.crypto import DataCipher
from kiosk.core.secrets import SecretStore
from kiosk.store.backup import BackupInfo, restore_backup, verify_backup, write_backup
from kiosk.store.db import Database

log = logging.getLogger(__name__)
DAILY_PREFIX = "daily-"
KEEP_DAILY = 7


def latest_daily(data_dir: Path) -> Path | None:
    """The newest automatic daily backup in the station's ``backups/``, if any."""
    found = sorted((data_dir / "backups").glob(f"{DAILY_PREFIX}*.kbak"))
    return found[-1] if found else None


def daily_date(path: Path) -> dt.date | None:
    """The day a daily backup was made, from its name (``daily-YYYYMMDD.kbak``)."""
    try:
        return dt.datetime.strptime(path.stem.removeprefix(DAILY_PREFIX), "%Y%m%d").date()
    except ValueError:
        return None


class BackupService:
    def __init__(
        self,
        data_dir: Path,
        db: Database,
        cipher: DataCipher,
        data_key: bytes,
        audit_log: AuditLog,
        station: str,
    ) -> None:
        self._data_dir = data_dir
        self._db = db
        self._cipher = cipher
        self._data_key = data_key
        self._audit = audit_log
        self._station = station
        self.folder = data_dir / "backups"

    def backup(self, out: Path, actor: str, passphrase: str | None = None) -> BackupInfo:
        info = write_backup(
            self._data_dir, out, self._cipher.backup_key, self._station, self._data_key, passphrase
        )
        with self._db.write() as s:
            self._audit.record(
                s, actor, audit.BACKUP, out.name, "with passphrase" if passphrase else ""
            )
        log.info("backup written: %s (%d bytes)", out.name, info.size)
        return info

    def daily(self, today: dt.date | None = None) -> BackupInfo | None:
        """Once a day: a backup in ``backups/``, keeping the newest seven."""
        today = today or dt.date.today()
        target = self.folder / f"{DAILY_PREFIX}{today:%Y%m%d}.kbak"
        if target.exists():
            return None
        info = self.backup(target, "系统")
        for old in sorted(self.folder.glob(f"{DAILY_PREFIX}*.kbak"))[:-KEEP_DAILY]:
            old.unlink()
        return info

    def latest(self) -> Path | None:
        return latest_daily(self._data_dir)

    def verify(self, path: Path, passphrase: str | None = None) -> BackupInfo:
        return verify_backup(path, self._cipher.backup_key, passphrase)


def restore(
    data_dir: Path,
    path: Path,
    backup_key: bytes | None,
    secrets: SecretStore,
    passphrase: str | None = None,
) -> BackupInfo:
    """Restore into ``data_dir``; refused (:class:`StationInUse`) while an app runs on it."""
    from kiosk.core.crypto import DATA_KEY_NAME, encode_key

    with station_lock.exclusive(data_dir, "restore"):
        info, data_key = restore_backup(path, data_dir, backup_key, passphrase)
        if data_key is not None:  # a backup from another PC: its data key comes with it
            new, old = encode_key(data_key), secrets.get(DATA_KEY_NAME)
            if old and old != new:  # what was set aside in replaced-*/ stays readable
                kept = f"{DATA_KEY_NAME}.replaced-{dt.datetime.now():%Y%m%d-%H%M%S}"
                secrets.set(kept, old)
                log.warning("restore: this PC's previous data key kept as %s", kept)
            secrets.set(DATA_KEY_NAME, new)
    return info
