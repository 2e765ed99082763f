"""Private scratch files: a camera photo, the signature on its way into the blob store.

They hold personal data in plaintext for a moment, so they live under the data dir in a
folder only the station's user can read (0700) and are removed once used. A crash or a power
cut can leave one behind, so every start sweeps what is older than an hour.
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path

log = logging.getLogger(__name__)

TEMP_DIR = "tmp"


def private_temp_dir(data_dir: Path) -> Path:
    folder = data_dir / TEMP_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def sweep_stale(data_dir: Path, older_than_seconds: float = 3600) -> int:
    """Delete scratch files left by an earlier run; returns how many."""
    folder = data_dir / TEMP_DIR
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    stale = []  # judged before anything is deleted (deleting a file touches its folder)
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                stale.append(path)
    removed = 0
    for path in sorted(stale, key=lambda p: len(p.parts), reverse=True):  # files, then folders
        with contextlib.suppress(OSError):  # a folder still holding a fresh file stays
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
                removed += 1
    if removed:
        log.info("removed %d stale scratch file(s) left by an earlier run", removed)
    return removed
