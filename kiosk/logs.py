"""Logging: English, rotating files in the data dir, personal identifiers scrubbed."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from kiosk.core.masking import scrub

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class ScrubFilter(logging.Filter):
    """Last line of defence: mask anything that looks like a 身份证号 or phone number."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are the station user's only (0600), the first one and every rotation."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def setup_logging(data_dir: Path | None, verbose: bool = False, console: bool = True) -> None:
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    handlers: list[logging.Handler] = []
    if data_dir is not None:
        (data_dir / "logs").mkdir(mode=0o700, parents=True, exist_ok=True)
        handlers.append(
            PrivateRotatingFileHandler(
                data_dir / "logs" / "kiosk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    if console or data_dir is None:
        stderr = logging.StreamHandler()
        stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(stderr)
    for h in handlers:
        h.setFormatter(logging.Formatter(LOG_FORMAT))
        h.addFilter(ScrubFilter())
        h._kiosk = True  # type: ignore[attr-defined]
        root.addHandler(h)
    for noisy in ("httpx", "httpcore", "alembic", "uvicorn.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
