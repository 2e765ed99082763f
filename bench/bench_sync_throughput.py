"""Sync throughput: the engine vs a bare httpx loop sending the same bytes, same batches, same hub.

(a) N applications (a fifth with scans of 8–64 KB) are synced over loopback by the real
engine (outbox in SQLite, encryption, status events, HEAD before each blob). Then a bare
httpx loop — no database, no checks — sends the same payloads and the same blobs in the
same batch compositions to the same hub process (as another station, with the blob store
emptied in between so it does the same work). Target: engine ≥ 0.7 × the bare loop.
(b) The engine again, through the fault proxy (10% dropped connections, 5% 503 with or
without Retry-After of 1–2 s), with the real retry/backoff policy: it must complete and be
exact; its throughput against (a) is reported (issue 22 target: ≥ 0.5× the clean run).
"""

from __future__ import annotations

import io
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from kiosk.context import AppContext, open_context
from kiosk.core.applications import AttachmentInput
from kiosk.sync.engine import SyncEngine
from tests.support.chaos import HubProcess
from tests.support.fault_proxy import FaultPlan, FaultProxy
from tests.support.residents import resident

PENSION = "330000-20-0001"
STATION_A, STATION_B, STATION_C = "330106109201", "330106109202", "330106109203"


def _station(workdir: Path, name: str, hub: HubProcess, code: str, hub_url: str) -> AppContext:
    ctx = open_context(workdir / name, demo=True)
    ctx.agents.add("bench", "agent", "246810")
    ctx.provision(hub_url, code[0], f"{name} 代办点", code[1])
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
    ctx: AppContext, record: list[list[dict[str, Any]]] | None
) -> tuple[float, int, int]:
    engine: SyncEngine = ctx.sync_engine()
    client = engine._client
    if record is not None:
        real = client.submit

        def recording(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
            record.append(items)
            return real(items)

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
    hub_url: str, token: str, batches: list[list[dict[str, Any]]], blobs: dict[str, bytes]
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
            r = http.post("/submissions", json={"items": items})
            assert r.status_code == 200 and all(
                x["outcome"] == "created" for x in r.json()["results"]
            ), r.text[:300]
        return time.perf_counter() - t0


def _forget_blobs(hub_db: Path) -> None:
    with sqlite3.connect(hub_db) as conn:
        conn.execute("DELETE FROM blob_owner")
        conn.execute("DELETE FROM blob")


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    n = 20 if smoke else 400 if quick else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        hub_db = work / "hub.sqlite3"
        hub = HubProcess(f"sqlite:///{hub_db}", work).start()
        try:
            from hub.db import HubDatabase
            from hub.service import HubService

            service = HubService(HubDatabase(f"sqlite:///{hub_db}"))
            url = f"http://127.0.0.1:{hub.port}"
            a = _station(work, "a", hub, (STATION_A, service.issue_enrollment_code(STATION_A)), url)
            t_file = time.perf_counter()
            _file(a, n, 1, work / "scans")
            file_s = time.perf_counter() - t_file
            batches: list[list[dict[str, Any]]] = []
            engine_s, _, _ = _engine_run(a, batches)
            blobs = {sha: a.blobs.get(sha) for b in batches for it in b for sha in it["blobs"]}
            blob_bytes = sum(len(v) for v in blobs.values())
            _forget_blobs(hub_db)
            code = service.issue_enrollment_code(STATION_B)
            token = httpx.post(
                f"{url}/v1/enroll", json={"enrollment_code": code, "station_code": STATION_B}
            ).json()["token"]
            bare_s = _bare_loop(url, token, batches, blobs)

            # (b) the same through a faulty network
            c = _station(work, "c", hub, (STATION_C, service.issue_enrollment_code(STATION_C)), url)
            _file(c, n, 1, work / "scans")
            plan = FaultPlan(drop_request=0.05, drop_response=0.05, error_503=0.05)
            with FaultProxy(("127.0.0.1", hub.port), seed=5, plan=plan) as proxy:
                c.set_hub_url(proxy.url)
                faulty_s, rounds, retries = _engine_run(c, None)
                faults = proxy.counts()
            cases = service.stats()["cases"]
            a.close()
            c.close()
        finally:
            hub.kill()
    requests = sum(faults.values())
    return {
        "applications": n,
        "batches": len(batches),
        "attachments": len(blobs),
        "attachment_mb": round(blob_bytes / 2**20, 1),
        "filing_s": round(file_s, 1),
        "engine_s": round(engine_s, 2),
        "bare_loop_s": round(bare_s, 2),
        "engine_apps_per_s": round(n / engine_s, 1),
        "bare_apps_per_s": round(n / bare_s, 1),
        "ratio_engine_to_bare": round(bare_s / engine_s, 3),
        "target_ratio": 0.7,
        "faulty_engine_s": round(faulty_s, 2),
        "faulty_cycles": rounds,
        "faulty_requests": requests,
        "faults_injected": {k: v for k, v in faults.items() if k != "ok"},
        "slowdown_under_faults": round(faulty_s / engine_s, 2),
        "throughput_faulty_to_clean": round(engine_s / faulty_s, 3),
        "target_faulty_to_clean": 0.5,
        "faulty_retries": retries,
        "hub_cases_total": cases,
        "hub_cases_expected": 3 * n,
        "exact": cases == 3 * n,
    }
