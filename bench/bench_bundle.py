"""Bundle size and start time of the kiosk (PyInstaller one-folder) vs a bare PySide6
hello-world bundled the same way (same PyInstaller, same Qt trimming and excludes), same run.

Issue targets: size ≤ 1.3× the hello bundle and ≤ 150 MB; start ≤ 1.5× the hello bundle.
The size comes with a table per component (Qt library, Qt plugin folder, Qt translations,
Python runtime, each package's native and data files, each package's compiled Python in the
executable's archive), kiosk against hello, biggest difference first (bench/bundle_sizes.py).
Start = a new process until its first window is shown offscreen, then exit: for the kiosk
that is open the station (database, keyring, catalog), Qt, the shipped CJK font, the theme
and the login window (`kiosk update selfcheck --start-only`); for hello, a QLabel. And the
workspace's own start to its painted login (`kiosk gui --login-check`: the station lock,
the theme, the login; the station opens only after that paint). The first
start after the build is reported separately (it reads the files from disk; the OS page cache
is not dropped, so later starts are warm).
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.bundle_sizes import bundle_table, compare

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "installer"))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def zipped_bytes(folder: Path) -> int:
    """What goes on the USB stick, compressed (deflate, level 6)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not p.is_symlink():
                zf.write(p, p.relative_to(folder).as_posix())
    return buf.tell()


def one_start_ms(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    res = subprocess.run(cmd, env=env, capture_output=True, timeout=120)
    took = (time.perf_counter() - t0) * 1000
    if res.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {res.stderr.decode(errors='replace')[-800:]}")
    return took


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    """The bundles are built (or taken from the cache). The smoke run builds nothing: it
    times the same two programs from source (``python -m kiosk``, ``python hello.py``) and
    sizes the source folders, so the measuring code and the kiosk's start path still run."""
    from build_bundle import KIOSK_INPUTS, build, build_seconds, source_hash

    t0 = time.monotonic()
    if smoke:
        source_hash(KIOSK_INPUTS)  # what decides whether a cached build is reused
        hello, kiosk = ROOT / "installer" / "hello", ROOT / "kiosk"
        hello_cmd = [sys.executable, str(hello / "hello.py"), "--exit"]
        kiosk_prog = [sys.executable, "-m", "kiosk"]
    else:
        hello = build("hello")
        kiosk = build("kiosk")
        hello_cmd = [str(hello / "hello"), "--exit"]
        kiosk_prog = [str(kiosk / "kiosk")]
    built_s = time.monotonic() - t0
    runs = 2 if smoke else 4 if quick else 11
    with tempfile.TemporaryDirectory(prefix="bench-bundle-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = {
            "HOME": str(home),
            "QT_QPA_PLATFORM": "offscreen",
            "LANG": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
        }
        if smoke:
            env["PYTHONPATH"] = str(ROOT)
        station = Path(tmp) / "station"
        from kiosk.context import open_context

        open_context(station, demo=True).close()  # an existing station, as at every start
        kiosk_cmd = [*kiosk_prog, "--data-dir", str(station), "update", "selfcheck", "--start-only"]
        login_cmd = [*kiosk_prog, "--data-dir", str(station), "gui", "--login-check"]
        hello_first = one_start_ms(hello_cmd, env)
        kiosk_first = one_start_ms(kiosk_cmd, env)
        login_first = one_start_ms(login_cmd, env)
        hello_warm: list[float] = []
        kiosk_warm: list[float] = []
        login_warm: list[float] = []
        for _ in range(runs - 1):  # alternated: drift on a shared machine hits all alike
            hello_warm.append(one_start_ms(hello_cmd, env))
            kiosk_warm.append(one_start_ms(kiosk_cmd, env))
            login_warm.append(one_start_ms(login_cmd, env))
    size_k, size_h = folder_bytes(kiosk), folder_bytes(hello)
    if smoke:  # no bundle: the table's code runs on the installed Qt and the hello source
        import PySide6

        table_k = bundle_table(Path(PySide6.__file__).parent / "Qt" / "translations")
        table_h = bundle_table(hello)
    else:
        table_k = bundle_table(kiosk, kiosk / "kiosk")
        table_h = bundle_table(hello, hello / "hello")
    out: dict[str, object] = {
        "kiosk_bundle_MB": round(size_k / 1e6, 1),
        "hello_bundle_MB": round(size_h / 1e6, 1),
        "size_ratio": round(size_k / size_h, 2),
        "size_target": "≤ 1.3× and ≤ 150 MB",
        "kiosk_start_ms_median": round(statistics.median(kiosk_warm)),
        "hello_start_ms_median": round(statistics.median(hello_warm)),
        "start_ratio": round(statistics.median(kiosk_warm) / statistics.median(hello_warm), 2),
        "kiosk_start_ms_max": round(max(kiosk_warm)),
        "hello_start_ms_max": round(max(hello_warm)),
        "start_target": "≤ 1.5×",
        "login_painted_ms_median": round(statistics.median(login_warm)),
        "login_painted_ms_max": round(max(login_warm)),
        "login_ratio": round(statistics.median(login_warm) / statistics.median(hello_warm), 2),
        "login_ratio_worst": round(
            max(lw / hw for lw, hw in zip(login_warm, hello_warm, strict=True)), 2
        ),
        "login_target": "≤ 3× (issue 22: the login painted from the bundle)",
        "login_first_start_ms": round(login_first),
        "kiosk_first_start_ms": round(kiosk_first),
        "hello_first_start_ms": round(hello_first),
        "first_start_ratio": round(kiosk_first / hello_first, 2),
        "starts_measured": runs - 1,
        "build_s (0 = cached)": round(built_s, 1),
        "kiosk_build_s_when_built": build_seconds(kiosk),
        "hello_build_s_when_built": build_seconds(hello),
        "cores": os.cpu_count(),
        "from_source (smoke: no bundle built)": smoke,
        "components (MB: kiosk, hello, extra)": compare(table_k, table_h),
    }
    if not quick and not smoke:
        zk, zh = zipped_bytes(kiosk), zipped_bytes(hello)
        out.update(
            {
                "kiosk_zip_MB": round(zk / 1e6, 1),
                "hello_zip_MB": round(zh / 1e6, 1),
                "zip_ratio": round(zk / zh, 2),
            }
        )
    return out
