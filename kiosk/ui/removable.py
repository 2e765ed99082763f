"""Find the USB stick: mounted, writable volumes that are not the system disk."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo

_LINUX_REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/")


def removable_volumes() -> list[Path]:
    found = []
    system = Path(sys.executable).anchor.upper()
    for vol in QStorageInfo.mountedVolumes():
        if not vol.isValid() or not vol.isReady() or vol.isReadOnly():
            continue
        root = vol.rootPath()
        if sys.platform == "win32":
            if Path(root).anchor.upper() != system:
                found.append(Path(root))
        elif root.startswith(_LINUX_REMOVABLE_ROOTS):
            found.append(Path(root))
    return found


def default_folder() -> Path:
    volumes = removable_volumes()
    return volumes[0] if volumes else Path.home()
