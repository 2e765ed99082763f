"""Where the app finds its shipped assets and its per-station data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from kiosk.protocol.assets import assets_dir

__all__ = ["APP_NAME", "assets_dir", "resolve_data_dir"]

APP_NAME = "village-kiosk"


def resolve_data_dir(arg: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` beats ``KIOSK_DATA_DIR`` beats the platform's user data dir."""
    if arg:
        path = Path(arg)
    elif os.environ.get("KIOSK_DATA_DIR"):
        path = Path(os.environ["KIOSK_DATA_DIR"])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path.expanduser().resolve()
