"""The demo/test provisioning authority: its public key ships in assets/trust/ (marked as a
test key), its private key is in tests/fixtures/trust/, so tests (and demos) can issue files
stations trust."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

KEY = Path(__file__).resolve().parents[1] / "fixtures" / "trust" / "demo-test-authority.key"


def authority_key(dest: Path) -> Path:
    """Put the test authority's signing key at ``dest`` (where a hub looks for its key)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(KEY, dest)
    if os.name == "posix":
        os.chmod(dest, 0o600)
    return dest
