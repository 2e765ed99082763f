"""Look at PDFs the way a person's tools do: poppler's pdffonts/pdftotext/pdftoppm, zbarimg."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} not installed (./dev test installs it)")
    return path


def fonts(pdf: Path) -> list[dict[str, str]]:
    out = subprocess.run(
        [need("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type... encoding emb sub uni object ID: read the yes/no columns from the right
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def text(pdf: Path) -> str:
    return subprocess.run(
        [need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def render(pdf: Path, out_prefix: Path, dpi: int = 150) -> list[Path]:
    subprocess.run(
        [need("pdftoppm"), "-r", str(dpi), "-png", str(pdf), str(out_prefix)], check=True
    )
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))


def qr_codes(png: Path) -> list[str]:
    res = subprocess.run([need("zbarimg"), "-q", "--raw", str(png)], capture_output=True, text=True)
    return [line for line in res.stdout.splitlines() if line]
