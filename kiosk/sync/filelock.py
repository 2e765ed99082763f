"""The sync lock (so the GUI timer and a CLI sync never overlap): see kiosk.core.filelock."""

from __future__ import annotations

from kiosk.core.filelock import FileLock, LockBusy

__all__ = ["FileLock", "LockBusy"]
