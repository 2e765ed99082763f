"""Sync throughput: the engine vs a bare httpx loop sending the same bytes, and under faults.

Each round, alternated so drift on a shared machine hits all three alike, on one hub
process (its blob store emptied before each run so every run does the same work):
(a) N applications (a fifth with scans of 8–64 KB) synced over loopback by the real engine
(outbox in SQLite, encryption, status events);
(b) a bare httpx loop — no database, no checks — sending the same payloads and the same
blobs in the same batch compositions (as another station); target: engine ≥ 0.9 × bare;
(c) the engine again on a fresh station through the fault proxy (10 % dropped connections,
5 % 503 with or without Retry-After of 1–2 s) with the real retry policy: it must complete
and be exact; target ≥ 0.5 × (a)'s throughput.
Each station has synced once before its applications are filed (the catalog is current),
as a station in service has. Reported: median and worst round of each ratio, apps/s, and the
p99/max of one submission.
"""

from __future__ import annotations

import io
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench.stats import pct
from kiosk.context import AppContext, open_context
from kiosk.core.applications import AttachmentInput
from kiosk.sync.engine import SyncEngine
from tests.support.chaos import HubProcess
from tests.support.fault_proxy import FaultPlan, FaultProxy
from tests.support.residents import resident

PENSION = "330000-20-0001"


def _station(workdir: Path, name: str, hub: HubProcess, code: str, hub_url: str) -> AppContext:
    ctx = open_context(workdir / name, demo=True)
    ctx.agents.add("bench", "agent", "246810")
    ctx.provision(hub_url, code[0], f"{name} 代办点", code[1])
    # a station in service has synced before: its first sync (the whole item catalog, the
    # token's age) is not part of sending applications, so it happens before the timing
    report = ctx.sync_engine().run_once(force=True)
    assert report.error is None, report.error
    return ctx


def _file(ctx: AppContext, n: int, seed: int, scans: Path) -> None:
    rng = random.Random(seed)
    scans.mkdir(exist_ok=True)
    for i in range(n):
        atts = []
        if rng.random() < 0.2:
            path = scans / f"{seed}-{i}.jpg"
            path.write_bytes(_jpeg(rng, rng.randrange(8_000, 64_000)))
            atts.append(AttachmentInput(path, "身份证"))
        ctx.applications.submit(PENSION, resident(rng, i), "bench", atts)


def _jpeg(rng: random.Random, size: int) -> bytes:
    """A real JPEG (photo handling refuses anything else named .jpg) of about ``size`` bytes:
    noise compresses poorly, so a square of ``size`` grey pixels comes out near that size."""
    from PIL import Image

    side = max(16, int(size**0.5))
    img = Image.frombytes("L", (side, side), rng.randbytes(side * side))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _engine_run(
    ctx: AppContext, record: list[list[dict[str, Any]]] | None, took: list[float]
) -> tuple[float, int, int]:
    engine: SyncEngine = ctx.sync_engine()
    client = engine._client
    real = client.submit

    def recording(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if record is not None:
            record.append(items)
        t0 = time.perf_counter()
        try:
            return real(items)
        finally:
            took.append((time.perf_counter() - t0) * 1000)

    client.submit = recording  # type: ignore[method-assign]
    t0 = time.perf_counter()
    rounds = retries = 0
    while True:
        rounds += 1
        report = engine.run_once(force=True)
        retries += report.retries
        if report.remaining == 0 and not report.error:
            break
        time.sleep(0.2)
    return time.perf_counter() - t0, rounds, retries


def _bare_loop(
    hub_url: str,
    token: str,
    batches: list[list[dict[str, Any]]],
    blobs: dict[str, bytes],
    took: list[float],
) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=f"{hub_url}/v1", headers=headers, timeout=60) as http:
        t0 = time.perf_counter()
        for batch in batches:
            items = []
            for it in batch:
                for sha in it["blobs"]:
                    r = http.put(f"/blobs/{sha}", content=blobs[sha])
                    assert r.status_code in (200, 201), r.text
                items.append(dict(it, client_id=str(uuid.uuid4())))
            t1 = time.perf_counter()
            r = http.post("/submissions", json={"items": items})
            took.append((time.perf_counter() - t1) * 1000)
            assert r.status_code == 200 and all(
                x["outcome"] == "created" for x in r.json()["results"]
            ), r.text[:300]
        return time.perf_counter() - t0


def _forget_blobs(hub_db: Path) -> None:
    with sqlite3.connect(hub_db) as conn:
        conn.execute("DELETE FROM blob_owner")
        conn.execute("DELETE FROM blob")


def _station_code(n: int) -> str:
    return f"330106109{200 + n:03d}"


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    n = 20 if smoke else 400 if quick else 2000
    rounds = 1 if smoke else 2 if quick else 3
    clean: list[float] = []
    bare: list[float] = []
    faulty: list[float] = []
    took: dict[str, list[float]] = {"engine": [], "bare": [], "faulty": []}
    retries: list[int] = []
    faults: dict[str, int] = {}
    filing: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hub_db = work / "hub.sqlite3"
        hub = HubProcess(f"sqlite:///{hub_db}", work).start()
        try:
            from hub.db import HubDatabase
            from hub.service import HubService

            service = HubService(HubDatabase(f"sqlite:///{hub_db}"))
            url = f"http://127.0.0.1:{hub.port}"
            code_b = _station_code(0)
            token = httpx.post(
                f"{url}/v1/enroll",
                json={
                    "enrollment_code": service.issue_enrollment_code(code_b),
                    "station_code": code_b,
                },
            ).json()["token"]
            for r in range(rounds):
                # (a) the engine on a clean network
                code = _station_code(1 + 2 * r)
                a = _station(work, f"a{r}", hub, (code, service.issue_enrollment_code(code)), url)
                t_file = time.perf_counter()
                _file(a, n, 1, work / "scans")
                filing.append(time.perf_counter() - t_file)
                batches: list[list[dict[str, Any]]] = []
                _forget_blobs(hub_db)
                clean.append(_engine_run(a, batches, took["engine"])[0])
                blobs = {sha: a.blobs.get(sha) for b in batches for it in b for sha in it["blobs"]}
                blob_bytes = sum(len(v) for v in blobs.values())
                a.close()
                # (b) the bare loop, the same bytes in the same batches
                _forget_blobs(hub_db)
                bare.append(_bare_loop(url, token, batches, blobs, took["bare"]))
                # (c) the engine through a faulty network
                code = _station_code(2 + 2 * r)
                c = _station(work, f"c{r}", hub, (code, service.issue_enrollment_code(code)), url)
                _file(c, n, 1, work / "scans")
                _forget_blobs(hub_db)
                plan = FaultPlan(drop_request=0.05, drop_response=0.05, error_503=0.05)
                with FaultProxy(("127.0.0.1", hub.port), seed=5 + r, plan=plan) as proxy:
                    c.set_hub_url(proxy.url)
                    faulty_s, _cycles, n_retries = _engine_run(c, None, took["faulty"])
                    for k, v in proxy.counts().items():
                        faults[k] = faults.get(k, 0) + v
                faulty.append(faulty_s)
                retries.append(n_retries)
                c.close()
            cases = service.stats()["cases"]
        finally:
            hub.kill()
    to_bare = [b / e for b, e in zip(bare, clean, strict=True)]
    faulty_to_clean = [e / f for e, f in zip(clean, faulty, strict=True)]
    return {
        "applications_per_run": n,
        "rounds": rounds,
        "batches_per_run": len(batches),
        "attachments_per_run": len(blobs),
        "attachment_mb_per_run": round(blob_bytes / 2**20, 1),
        "filing_s_median": round(statistics.median(filing), 1),
        "engine_apps_per_s_median": round(n / statistics.median(clean), 1),
        "engine_apps_per_s_worst": round(n / max(clean), 1),
        "bare_apps_per_s_median": round(n / statistics.median(bare), 1),
        "ratio_engine_to_bare_median": round(statistics.median(to_bare), 3),
        "ratio_engine_to_bare_worst": round(min(to_bare), 3),
        "target_engine_to_bare": 0.9,
        "engine_submit_p99_ms": round(pct(took["engine"], 99), 1),
        "engine_submit_max_ms": round(max(took["engine"]), 1),
        "bare_submit_p99_ms": round(pct(took["bare"], 99), 1),
        "bare_submit_max_ms": round(max(took["bare"]), 1),
        "faulty_apps_per_s_median": round(n / statistics.median(faulty), 1),
        "faulty_apps_per_s_worst": round(n / max(faulty), 1),
        "throughput_faulty_to_clean_median": round(statistics.median(faulty_to_clean), 3),
        "throughput_faulty_to_clean_worst": round(min(faulty_to_clean), 3),
        "target_faulty_to_clean": 0.5,
        "faulty_retries": retries,
        "faults_injected": {k: v for k, v in faults.items() if k != "ok"},
        "hub_cases_total": cases,
        "hub_cases_expected": 3 * n * rounds,
        "exact": cases == 3 * n * rounds,
    }
