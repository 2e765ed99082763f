"""Run one test file in a child pytest (offscreen) and read the figures it prints."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_test_for(test: str, pattern: re.Pattern[str], **env: str) -> re.Match[str]:
    """The match of ``pattern`` in the test's output; raises if the test failed or printed
    no figures."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", test, "-q", "-s", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **env),
        capture_output=True,
        text=True,
        timeout=3600,
    )
    found = pattern.search(proc.stdout)
    if proc.returncode != 0 or found is None:
        raise RuntimeError(f"{test} failed ({proc.returncode}):\n{proc.stdout[-3000:]}")
    return found
