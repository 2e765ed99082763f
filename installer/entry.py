"""Entry point of the frozen app (PyInstaller): dispatch to the current update, then the CLI.

A station that received an offline update runs the newest verified version installed side
by side under the update root; the version installed by the .deb / setup.exe does that
dispatch (see kiosk/deploy/launcher.py), so desktop entries and shortcuts never change.
"""

from __future__ import annotations

import multiprocessing
import sys


def _demo_requested(argv: list[str]) -> bool:
    return bool(argv) and (argv[0] == "demo" or (argv[0] == "gui" and "--demo" in argv))


if __name__ == "__main__":
    multiprocessing.freeze_support()
    from kiosk.deploy.launcher import dispatch

    handed_over = dispatch(sys.argv[1:])
    if handed_over is not None:
        raise SystemExit(handed_over)
    if _demo_requested(sys.argv[1:]):
        import importlib.util

        if importlib.util.find_spec("hub") is None:
            print(
                "演示模式（内置演示平台）不包含在现场安装包中，请在培训电脑上用源码版运行。"
                " / demo mode (embedded hub) is not part of the field bundle",
                file=sys.stderr,
            )
            raise SystemExit(2)
    from kiosk.cli import main

    raise SystemExit(main())
