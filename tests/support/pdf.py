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


def qr_codes_on_page(pdf: Path, out_prefix: Path, dpis: tuple[int, ...] = (200, 300)) -> list[str]:
    """Every QR code on the PDF's first page, as a scan at any of ``dpis`` finds it.

    zbarimg misses a dense code now and then at one sampling and reads it at another (about
    1 in 40 codes of ~0.5 mm modules, at any single resolution from 150 to 600 dpi), so a
    page is scanned at two: a code neither finds is a real defect, not the decoder's luck."""
    found: set[str] = set()
    for dpi in dpis:
        prefix = out_prefix.with_name(f"{out_prefix.name}-{dpi}")
        found.update(qr_codes(render(pdf, prefix, dpi=dpi)[0]))
    return sorted(found)


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        [need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_count(pdf: Path) -> int:
    return int(info(pdf)["Pages"])


def page_size_mm(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page in millimetres."""
    w, _, rest = info(pdf)["Page size"].partition(" x ")
    h = rest.split()[0]
    return float(w) / 72 * 25.4, float(h) / 72 * 25.4


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        [need("pdftotext"), "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def words(pdf: Path) -> list[dict[str, float | str]]:
    """Every word with its box and its page's size (pdftotext -bbox), to catch clipped text."""
    import xml.etree.ElementTree as ET

    # poppler writes the <title> of an astral-plane title as lone surrogates: ignore them
    out = subprocess.run(
        [need("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8", errors="replace")
    root = ET.fromstring(out.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    rows: list[dict[str, float | str]] = []
    for page in root.iter("page"):
        pw, ph = float(page.get("width", 0)), float(page.get("height", 0))
        for w in page.iter("word"):
            rows.append(
                {
                    "text": w.text or "",
                    "xMin": float(w.get("xMin", 0)),
                    "yMin": float(w.get("yMin", 0)),
                    "xMax": float(w.get("xMax", 0)),
                    "yMax": float(w.get("yMax", 0)),
                    "page_w": pw,
                    "page_h": ph,
                }
            )
    return rows


def image_count(pdf: Path) -> int:
    out = subprocess.run(
        [need("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return sum(1 for line in out if line.split()[2] == "image")  # not the alpha masks (smask)


def barcodes(png: Path) -> list[str]:
    """Every symbol zbarimg finds (QR codes and Code 128 barcodes)."""
    return qr_codes(png)
