"""Versions installed side by side, and which one is current.

The app installed by the .deb / setup.exe (the *base*) lives where the package put it and is
never changed by an offline update. Updates are unpacked, verified and checked into a
user-writable *update root*::

    <root>/versions/<version>/kiosk[.exe]   one-folder bundles, side by side
    <root>/state.json                        {"current": "0.2.0", "previous": null, …}

``current`` null means "run the base". The base's launcher (kiosk/deploy/launcher.py) reads
``state.json`` at every start and hands over to the current version.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.core.atomic import atomic_write_text
from kiosk.core.clock import utcnow

APP_ROOT_NAME = "village-kiosk-app"
STATE_FILE = "state.json"
VERSION_RE = re.compile(r"^\d+(\.\d+){1,3}([.+-][0-9A-Za-z.]+)?$")


def version_key(version: str) -> tuple[int, ...]:
    """ "0.10.1" > "0.9.3"; a suffix (0.2.0-rc1) sorts before the plain release."""
    head = re.match(r"^(\d+(?:\.\d+)*)", version)
    nums = tuple(int(p) for p in head.group(1).split(".")) if head else (0,)
    nums = nums + (0,) * (4 - len(nums))
    return (*nums, 0 if len(version) > (head.end() if head else 0) else 1)


def executable_name() -> str:
    return "kiosk.exe" if sys.platform == "win32" else "kiosk"


def default_app_root() -> Path:
    override = os.environ.get("KIOSK_APP_ROOT")
    if override:
        return Path(override).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_ROOT_NAME, appauthor=False))


@dataclass
class InstallState:
    current: str | None = None  # None: the base installation
    previous: str | None = None
    history: list[dict[str, Any]] = field(default_factory=list)


class UpdateRoot:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions = root / "versions"

    def load(self) -> InstallState:
        path = self.root / STATE_FILE
        if not path.exists():
            return InstallState()
        try:
            data = json.loads(path.read_text("utf-8"))
            return InstallState(
                current=data.get("current"),
                previous=data.get("previous"),
                history=list(data.get("history", [])),
            )
        except (OSError, ValueError, AttributeError):
            return InstallState()  # an unreadable pointer falls back to the base, never fails

    def save(self, state: InstallState) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        state.history = state.history[-50:]
        atomic_write_text(self.root / STATE_FILE, json.dumps(asdict(state), indent=2))

    def record(self, state: InstallState, event: str, **detail: Any) -> None:
        at = utcnow().isoformat(timespec="seconds")
        state.history.append({"at": at, "event": event, **detail})

    def version_dir(self, version: str) -> Path:
        if not VERSION_RE.match(version):
            raise ValueError(f"bad version string {version!r}")
        return self.versions / version

    def executable(self, version: str) -> Path:
        return self.version_dir(version) / executable_name()

    def installed(self) -> list[str]:
        if not self.versions.is_dir():
            return []
        found = [
            p.name
            for p in self.versions.iterdir()
            if p.is_dir() and VERSION_RE.match(p.name) and (p / executable_name()).exists()
        ]
        return sorted(found, key=version_key)

    def contains(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.versions.resolve())
            return True
        except ValueError:
            return False
