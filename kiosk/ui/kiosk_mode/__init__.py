"""Resident self-service terminal (``kiosk gui --kiosk-mode``): guides, search, progress
lookup and 好差评 on a locked-down touch screen. Entry point: :func:`run_kiosk_mode`."""

from __future__ import annotations

from kiosk.ui.kiosk_mode.run import run_kiosk_mode

__all__ = ["run_kiosk_mode"]
