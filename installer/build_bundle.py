"""Build the PyInstaller bundles, cached under build/ by a hash of what goes into them.

    python installer/build_bundle.py            # the kiosk bundle; prints its folder
    python installer/build_bundle.py --hello    # the bare PySide6 baseline (bench_bundle)

A build whose inputs did not change is reused at once (CI and repeated test runs).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "bundle"
KEEP = 2  # cached builds of each kind kept on disk

KIOSK_INPUTS = [
    "kiosk",
    "hub",
    "assets",
    "installer/entry.py",
    "installer/bundle_common.py",
    "installer/kiosk.spec",
    "installer/build_bundle.py",
    "requirements.lock",
    "pyproject.toml",
]
HELLO_INPUTS = [
    "installer/hello",
    "installer/bundle_common.py",
    "installer/build_bundle.py",
    "requirements.lock",
]


def source_hash(inputs: list[str]) -> str:
    digest = hashlib.sha256()
    digest.update(f"{sys.version_info[:3]} {sys.platform}".encode())
    for rel in inputs:
        path = ROOT / rel
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if not f.is_file() or "__pycache__" in f.parts or f.suffix in {".pyc", ".pyo"}:
                continue
            digest.update(str(f.relative_to(ROOT)).encode() + b"\0")
            digest.update(hashlib.sha256(f.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _prune(kind: str, keep: Path) -> None:
    olds = sorted(
        (p for p in CACHE.glob(f"{kind}-*") if p != keep), key=lambda p: p.stat().st_mtime
    )
    for old in olds[: max(0, len(olds) - (KEEP - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def build(kind: str = "kiosk", quiet: bool = True) -> Path:
    """The bundle folder (``…/dist/kiosk``), built if its inputs changed."""
    spec = ROOT / ("installer/kiosk.spec" if kind == "kiosk" else "installer/hello/hello.spec")
    digest = source_hash(KIOSK_INPUTS if kind == "kiosk" else HELLO_INPUTS)
    out = CACHE / f"{kind}-{digest}"
    folder = out / "dist" / kind
    stamp = out / "complete"
    if stamp.exists() and folder.is_dir():
        return folder
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    env = dict(os.environ, KIOSK_SOURCE_HASH=digest, PYTHONHASHSEED="0")
    env.pop("PYTHONPATH", None)
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN" if quiet else "INFO",
        "--distpath",
        str(out / "dist"),
        "--workpath",
        str(out / "work"),
        str(spec),
    ]
    t0 = time.monotonic()
    log = out / "pyinstaller.log"
    with open(log, "w") as fh:
        res = subprocess.run(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    if res.returncode != 0:
        tail = log.read_text(errors="replace")[-4000:]
        raise RuntimeError(f"PyInstaller failed ({res.returncode}); log {log}:\n{tail}")
    shutil.rmtree(out / "work", ignore_errors=True)
    stamp.write_text(f"{time.monotonic() - t0:.1f}\n")
    _prune(kind, out)
    return folder


def build_seconds(folder: Path) -> float | None:
    stamp = folder.parent.parent / "complete"
    try:
        return float(stamp.read_text().strip())
    except (OSError, ValueError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(prog="build_bundle")
    parser.add_argument("--hello", action="store_true", help="the bare PySide6 baseline")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    folder = build("hello" if args.hello else "kiosk", quiet=not args.verbose)
    print(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
