"""Start-up pays only for what it shows: the command-line paths that answer at once must
not import the heavy libraries they never use (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.context import open_context

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from kiosk.cli import main
out = io.StringIO()
with redirect_stdout(out):
    code = main(sys.argv[1:])
heavy = ("pypinyin", "reportlab", "httpx", "sqlalchemy", "PySide6", "PIL")
loaded = sorted(m for m in heavy if m in sys.modules)
parsed = "kiosk.core.catalog_bundle" in sys.modules  # the catalog was loaded and parsed
print(json.dumps({"code": code, "out": out.getvalue(), "loaded": loaded, "parsed": parsed}))
"""


def _run(*argv: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.slow
def test_catalog_search_imports_no_heavy_library(tmp_path: Path) -> None:
    data = str(tmp_path / "station")
    open_context(Path(data), demo=True).close()  # a set-up station, its index built
    first = _run("--data-dir", data, "catalog", "search", "低保", "--json")
    again = _run("--data-dir", data, "catalog", "search", "低保", "--json")
    for result in (first, again):
        hits = json.loads(str(result["out"]))
        assert result["code"] == 0 and hits[0]["name"] == "最低生活保障申请", result
    assert again["loaded"] == [] and not again["parsed"], again  # the index answered alone


@pytest.mark.slow
def test_a_stale_index_is_not_trusted_and_is_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "station"
    open_context(data, demo=True).close()
    argv = ("--data-dir", str(data), "catalog", "search", "cjrz", "--json")
    _run(*argv)  # builds the index
    with sqlite3.connect(data / "catalog.sqlite3") as conn:  # as if the catalog had changed
        conn.execute("update meta set value = 'an older catalog' where key = 'source'")
    stale = _run(*argv)
    assert json.loads(str(stale["out"]))[0]["name"] == "残疾人证申领"
    assert stale["parsed"]  # not trusted: the catalog was loaded …
    again = _run(*argv)
    assert not again["parsed"] and again["loaded"] == []  # … and indexed again


@pytest.mark.slow
def test_queue_imports_no_printing_nor_http(tmp_path: Path) -> None:
    data = tmp_path / "station"
    open_context(data, demo=True).close()
    result = _run("--data-dir", str(data), "queue", "--json")
    assert result["code"] == 0 and json.loads(str(result["out"])) == []
    loaded = set(result["loaded"])  # type: ignore[call-overload]
    assert not loaded & {"reportlab", "httpx", "pypinyin", "PySide6"}, loaded
