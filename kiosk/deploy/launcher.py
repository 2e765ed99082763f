"""The base installation's launcher: hand over to the current offline update, if any.

Only the base (the copy the .deb / setup.exe installed) dispatches; a version under the
update root never does, so a broken update cannot hide the way back. ``kiosk update …``
commands and ``kiosk doctor --bundle`` always run in the base: rolling back and collecting
diagnostics never depend on the update that failed.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from kiosk import __version__
from kiosk.deploy.installs import UpdateRoot, default_app_root, version_key

log = logging.getLogger(__name__)
DISPATCHED_ENV = "KIOSK_DISPATCHED"


def choose(root: UpdateRoot, base_version: str) -> Path | None:
    """The executable to hand over to, or None to run the base itself."""
    state = root.load()
    if not state.current:
        return None
    try:
        exe = root.executable(state.current)
    except ValueError:
        return None
    if not exe.exists():
        return None  # removed by hand: the base keeps the station running
    if version_key(state.current) <= version_key(base_version):
        return None  # the base was upgraded past the offline update (a newer .deb / setup)
    return exe


def dispatch(
    argv: list[str],
    *,
    root: UpdateRoot | None = None,
    self_exe: Path | None = None,
    base_version: str = __version__,
) -> int | None:
    """Run the current update with ``argv`` and return its exit code, or None to go on."""
    if self_exe is None:
        if not getattr(sys, "frozen", False):
            return None  # running from source: nothing to dispatch to
        self_exe = Path(sys.executable)
    if os.environ.get(DISPATCHED_ENV) or argv[:1] == ["update"]:
        return None
    if argv[:1] == ["doctor"] and "--bundle" in argv:
        return None  # diagnostics must work when the update is what is broken
    root = root or UpdateRoot(default_app_root())
    if root.contains(self_exe):
        return None
    target = choose(root, base_version)
    if target is None:
        return None
    env = dict(os.environ, **{DISPATCHED_ENV: "1"})
    try:
        return subprocess.call([str(target), *argv], env=env)
    except OSError as exc:  # not executable, wrong architecture …: run the base instead
        log.error("cannot start %s (%s); running the installed version", target, exc)
        return None
