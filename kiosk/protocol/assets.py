"""Where the shipped ``assets/`` folder is (the holiday list, the catalog)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def assets_dir() -> Path:
    """The shipped ``assets/`` folder: env override, PyInstaller bundle, or the source tree."""
    override = os.environ.get("KIOSK_ASSETS_DIR")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parent.parent.parent / "assets"
