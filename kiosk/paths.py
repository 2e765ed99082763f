"""Where the app finds its shipped assets and its per-station data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "village-kiosk"


def assets_dir() -> Path:
    """The shipped ``assets/`` folder: env override, PyInstaller bundle, or the source tree."""
    override = os.environ.get("KIOSK_ASSETS_DIR")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` beats ``KIOSK_DATA_DIR`` beats the platform's user data dir."""
    if arg:
        path = Path(arg)
    elif os.environ.get("KIOSK_DATA_DIR"):
        path = Path(os.environ["KIOSK_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path.expanduser().resolve()
