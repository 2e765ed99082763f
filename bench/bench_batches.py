"""Removable-media batches: village export and township import vs shutil.copyfile of the same bytes.

A village station (offline) holds N queued applications, a fifth of them with a 1 MB
attachment (random bytes named .pdf, so nothing is downscaled). Timed, each a few times:
(a) the village exports everything to a "USB" folder (encrypt, sign, fsync, read back and
verify), and once more without looking up each application's paper materials for the
manifest, to show what the bytes cost; (b) the township imports each exported file
(signature check, copy into its data dir, check the copy, one row per application); (c) the
township relays the batches to a real hub on loopback (reported separately: it includes the
hub's decrypting and storing).
Baseline in the same run: ``shutil.copyfile`` of a file of the batch's size into the same
folder, followed by an fsync of the copy (the export fsyncs its file too), several times.
Peak RSS (``ru_maxrss``, the process high-water mark; the hub runs in this process) is
taken after each step, so a step that held every attachment at once shows as a jump.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from hub.server import BackgroundHub
from kiosk.context import AppContext, open_context
from kiosk.core.applications import AttachmentInput
from kiosk.demo import DEMO_STATION_CODE, PENSION_ITEM
from tests.support.residents import resident

TOWNSHIP_CODE = DEMO_STATION_CODE[:9] + "000"
OFFLINE = "http://127.0.0.1:9"
AGENT = "bench"
ATTACHMENT = 1024 * 1024
SMOKE_ATTACHMENT = 64 * 1024


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _station(work: Path, hub: BackgroundHub, name: str, code: str, role: str) -> AppContext:
    ctx = open_context(work / name, demo=True)
    ctx.agents.add(AGENT, role, "246810")
    ctx.provision(hub.url, code, name, hub.service.issue_enrollment_code(code))
    return ctx


def _file(ctx: AppContext, n: int, scans: Path, size: int = ATTACHMENT) -> int:
    rng = random.Random(6)
    scans.mkdir(exist_ok=True)
    with_attachment = 0
    for i in range(n):
        atts = []
        if i % 5 == 0:
            path = scans / f"scan-{i}.pdf"
            path.write_bytes(b"%PDF-1.4\n" + rng.randbytes(size - 9))
            atts.append(AttachmentInput(path, "户口簿"))
            with_attachment += 1
        ctx.applications.submit(PENSION_ITEM, resident(rng, i), AGENT, atts)
        if atts:
            atts[0].path.unlink()  # the station keeps its own encrypted copy
    return with_attachment


def _copy_baseline(size: int, work: Path, usb: Path, reps: int) -> list[float]:
    source = work / "same-bytes.bin"
    with open(source, "wb") as fh:
        left = size
        while left:
            chunk = os.urandom(min(left, 4 * 1024 * 1024))
            fh.write(chunk)
            left -= len(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    out = []
    for k in range(reps):
        target = usb / f"copy-{k}.bin"
        t0 = time.perf_counter()
        shutil.copyfile(source, target)
        with open(target, "rb+") as fh:
            os.fsync(fh.fileno())
        out.append(time.perf_counter() - t0)
    return out


def _stats(values: list[float]) -> dict[str, float]:
    return {"min_s": round(min(values), 3), "median_s": round(statistics.median(values), 3)}


def _exports(
    village: Any, usb: Path, n: int, reps: int, rss: dict[str, float]
) -> tuple[list[float], list[Path]]:
    """``reps`` exports of the village's queue (each with its paper list): times and files."""
    exports, paths = [], []
    for k in range(reps):
        t0 = time.perf_counter()
        result = village.batch_paperwork.export_batch(usb, AGENT)
        exports.append(time.perf_counter() - t0)
        assert result.manifest.count == n, result.manifest.count
        paths.append(result.path)
        if k == 0:
            rss["after_first_export"] = _rss_mb()
    rss["after_exports"] = _rss_mb()
    return exports, paths


def _import_and_relay(
    township: Any, paths: list[Path], n: int, rss: dict[str, float]
) -> tuple[list[float], list[float]]:
    """The township imports every batch, then relays them: import and relay times."""
    client = township.hub_client()
    relays: list[float] = []
    real = client.relay_batch

    def timed_relay(path: Path) -> list[dict[str, Any]]:
        t0 = time.perf_counter()
        answer = real(path)
        relays.append(time.perf_counter() - t0)
        return answer

    client.relay_batch = timed_relay
    try:
        township.township.refresh_villages(client)
        imports = []
        for path in paths:
            t0 = time.perf_counter()
            manifest, new = township.township.import_batch(path, "李接收")
            imports.append(time.perf_counter() - t0)
            assert new and manifest.count == n
        rss["after_imports"] = _rss_mb()
        outcome = township.township.relay(client)
        assert outcome.batches == len(paths) and not outcome.refused, outcome
        rss["after_relays"] = _rss_mb()
    finally:
        client.close()
    return imports, relays


def run(quick: bool = False, smoke: bool = False) -> dict[str, Any]:
    n = 10 if smoke else 100 if quick else 1000
    reps = 2 if quick or smoke else 3
    with tempfile.TemporaryDirectory(prefix="bench-batches-") as tmp:
        work = Path(tmp)
        usb = work / "usb"
        usb.mkdir()
        hub = BackgroundHub(f"sqlite:///{work / 'hub.sqlite3'}").start()
        try:
            village = _station(work, hub, "village", DEMO_STATION_CODE, "agent")
            village.set_hub_url(OFFLINE)
            township = _station(work, hub, "township", TOWNSHIP_CODE, "township")
            t0 = time.perf_counter()
            attachments = _file(
                village, n, work / "scans", SMOKE_ATTACHMENT if smoke else ATTACHMENT
            )
            filing_s = time.perf_counter() - t0
            rss = {"after_filing": _rss_mb()}

            exports, paths = _exports(village, usb, n, reps, rss)
            # the same file without the per-application paper list (handover_entry): how
            # much of the export is the bytes (not imported below; sequences stay in order)
            t0 = time.perf_counter()
            bare = village.village_batches.export(usb, AGENT)
            export_bare_s = time.perf_counter() - t0
            bare.path.unlink()
            size = paths[0].stat().st_size

            imports, relays = _import_and_relay(township, paths, n, rss)
            cases = hub.service.stats()["cases"]
            assert cases == n, cases
            village.close()
            township.close()
        finally:
            hub.stop()
        copies = _copy_baseline(size, work, usb, 2 if smoke else 5)
    mb = size / 2**20
    copy_med = statistics.median(copies)
    export_med, import_med = statistics.median(exports), statistics.median(imports)
    return {
        "applications": n,
        "with_1mb_attachment": attachments,
        "batch_file_mb": round(mb, 1),
        "filing_s": round(filing_s, 1),
        "filing_ms_per_app": round(filing_s / n * 1000, 1),
        "export": _stats(exports),
        "export_without_paper_list_s": round(export_bare_s, 3),
        "import": _stats(imports),
        "copyfile_fsync": _stats(copies),
        "ratio_export_to_copy": round(export_med / copy_med, 1),
        "ratio_import_to_copy": round(import_med / copy_med, 1),
        "ratio_export_without_paper_list_to_copy": round(export_bare_s / copy_med, 1),
        "export_apps_per_s": round(n / export_med, 1),
        "export_mb_per_s": round(mb / export_med, 1),
        "import_apps_per_s": round(n / import_med, 1),
        "import_mb_per_s": round(mb / import_med, 1),
        "copy_mb_per_s": round(mb / copy_med, 1),
        "relay_first_s (creates cases)": round(relays[0], 2),
        "relay_again_s (all duplicate)": round(statistics.median(relays[1:]), 2),
        "peak_rss_mb": rss,
    }
