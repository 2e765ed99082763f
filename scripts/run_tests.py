"""Run the test suite with the real components it drives.

* a session D-Bus with gnome-keyring's Secret Service, unlocked, so keyring tests hit the
  real OS keyring (``dbus-run-session``);
* QT_QPA_PLATFORM=offscreen for pytest-qt; Xvfb is started by the tests that need it;
* pytest's exit code 5 ("no tests collected") is not a failure of the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    pytest_cmd = [sys.executable, "-m", "pytest", *argv]
    if shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
        inner = (
            "eval $(printf 'ci-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
            " >/dev/null; export GNOME_KEYRING_CONTROL; "
            'exec "$@"'
        )
        cmd = ["dbus-run-session", "--", "sh", "-c", inner, "sh", *pytest_cmd]
        env["KIOSK_TEST_SECRET_SERVICE"] = "1"
    else:
        print("note: no dbus-run-session/gnome-keyring: keyring tests will be skipped")
        cmd = pytest_cmd
    code = subprocess.call(cmd, cwd=ROOT, env=env)
    return 0 if code == 5 else code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
