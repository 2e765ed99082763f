"""The English of the UI lives in assets/translations/kiosk_en.ts (the source strings are
Chinese, in ``self.tr()`` calls): every string the code uses has its English there, and the
shipped .qm is what lrelease makes of that file."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "assets" / "translations" / "kiosk_en.ts"
QM = ROOT / "assets" / "translations" / "kiosk_en.qm"
BIN = ROOT / ".venv" / "bin"


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.skip(f"{name} not in .venv")
    return path


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    """(context, source) → its <translation>: what Qt looks a string up by."""
    found = {}
    for context in ET.parse(ts).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source") or "")] = translation
    return found


def test_every_string_in_use_has_its_english(tmp_path):
    """lupdate over kiosk/ui finds no string that the shipped .ts lacks or leaves unfinished
    (run ./dev i18n, then write the English into the .ts)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "kiosk" / "ui").rglob("*.py"))
    subprocess.run(
        [str(tool("pyside6-lupdate")), *sources, "-ts", str(fresh)], check=True, capture_output=True
    )
    wanted = messages(fresh)
    assert len(wanted) > 500  # the scan found the UI's strings
    shipped = messages(TS)
    assert sorted(wanted.keys() - shipped.keys()) == [], "new strings: run ./dev i18n"
    unfinished = [
        key
        for key in wanted
        if not (shipped[key].text or "").strip() or shipped[key].get("type") == "unfinished"
    ]
    assert unfinished == []


def test_no_english_is_kept_for_strings_gone_from_the_code():
    """./dev i18n drops strings the code no longer has (lupdate -no-obsolete)."""
    assert not [m for m in messages(TS).values() if m.get("type") in ("obsolete", "vanished")]


def test_shipped_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "kiosk_en.qm"
    subprocess.run(
        [str(tool("pyside6-lrelease")), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == QM.read_bytes(), "run ./dev i18n"
