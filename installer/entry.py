"""Entry point of the frozen app (PyInstaller): dispatch to the current update, then the CLI.

A station that received an offline update runs the newest verified version installed side
by side under the update root; the version installed by the .deb / setup.exe does that
dispatch (see kiosk/deploy/launcher.py), so desktop entries and shortcuts never change.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from kiosk.deploy.launcher import dispatch

    handed_over = dispatch(sys.argv[1:])
    if handed_over is not None:
        raise SystemExit(handed_over)
    from kiosk.cli import main

    raise SystemExit(main())
