"""Run the GUI tests again and again while CPU hogs keep every core busy (a village PC with
antivirus and a printer driver), with faulthandler on, and report every crash or failure.

    python scripts/soak_ui.py [--rounds N] [--hogs H] [--minutes M] [pytest args…]

Exit 0 only if every round passed. A round that dies of a signal (segfault, abort) prints
the faulthandler trace. CI runs one round (``.ci/run``); issue 15 asked for five in a row.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOG = "while True: pass"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="soak_ui")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--hogs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--minutes", type=float, default=0, help="stop starting rounds after")
    args, pytest_args = parser.parse_known_args(argv)
    env = dict(os.environ, PYTHONFAULTHANDLER="1")
    hogs = [subprocess.Popen([sys.executable, "-c", HOG]) for _ in range(args.hogs)]
    started = time.monotonic()
    failed = 0
    try:
        for n in range(1, args.rounds + 1):
            if args.minutes and time.monotonic() - started > args.minutes * 60:
                print(f"soak: time budget reached after {n - 1} rounds")
                break
            t0 = time.monotonic()
            cmd = [
                sys.executable,
                "scripts/run_tests.py",
                "tests/ui",
                "-q",
                "-p",
                "no:cacheprovider",
            ]
            proc = subprocess.run(
                [*cmd, *pytest_args], cwd=ROOT, env=env, capture_output=True, text=True
            )
            took = time.monotonic() - t0
            tail = proc.stdout.strip().splitlines()[-1:] or [""]
            crashed = proc.returncode < 0 or "Fatal Python error" in proc.stderr + proc.stdout
            verdict = "CRASH" if crashed else ("ok" if proc.returncode == 0 else "FAILED")
            print(f"soak round {n}: {verdict} in {took:.0f} s under {args.hogs} hogs: {tail[0]}")
            if proc.returncode != 0:
                failed += 1
                print(proc.stdout[-6000:])
                print(proc.stderr[-6000:], file=sys.stderr)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    print(f"soak: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
