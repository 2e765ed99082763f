"""Hub load: 500 simulated stations × 20 applications, 50 at a time, against PostgreSQL.

A throwaway PostgreSQL server (fsync on) and the reference hub (``kiosk-hub serve``) run on
loopback. Each simulated station enrols with its one-time code, sends its 20 applications
in batches of 5 (as a station syncing through the day does) and reads its change feed.
Reported: applications/s, p50/p99 latency of a submission, errors (target ≥ 200/s, zero
errors), and as the same-run baseline the hub's bare HTTP floor (GET /v1/health at the
same concurrency).
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from bench.stats import pct
from hub.db import HubDatabase
from hub.service import HubService
from tests.support.chaos import HubProcess
from tests.support.postgres import PostgresCluster
from tests.support.residents import resident

PENSION = "330000-20-0001"


def _station_code(n: int) -> str:
    return f"330106{100 + n // 900:03d}{n % 900 + 100:03d}"


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    stations = 4 if smoke else 40 if quick else 500
    per_station, batch = 20, 5
    concurrency = 4 if smoke else 50
    rng = random.Random(4)
    payloads = [resident(rng, i) for i in range(200)]
    with PostgresCluster(fsync=True) as pg, tempfile.TemporaryDirectory() as tmp:
        url = pg.create_database("hub_load")
        service = HubService(HubDatabase(url, pool_size=2))
        codes = {
            _station_code(n): service.issue_enrollment_code(_station_code(n))
            for n in range(stations)
        }
        service.db.close()
        hub = HubProcess(url, Path(tmp)).start()
        base = f"http://127.0.0.1:{hub.port}/v1"
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        local = threading.local()

        def client() -> httpx.Client:
            if not hasattr(local, "http"):
                local.http = httpx.Client(base_url=base, timeout=60)
            http: httpx.Client = local.http
            return http

        def one_station(code: str) -> None:
            http = client()
            r = http.post("/enroll", json={"enrollment_code": codes[code], "station_code": code})
            if r.status_code != 200:
                with lock:
                    errors.append(f"enroll {r.status_code}")
                return
            auth = {"Authorization": f"Bearer {r.json()['token']}"}
            for start in range(0, per_station, batch):
                items = [
                    {
                        "client_id": str(uuid.uuid4()),
                        "item_code": PENSION,
                        "form_version": 1,
                        "payload": payloads[(start + k + hash(code)) % len(payloads)],
                    }
                    for k in range(batch)
                ]
                t0 = time.perf_counter()
                r = http.post("/submissions", json={"items": items}, headers=auth)
                took = time.perf_counter() - t0
                ok = r.status_code == 200 and all(
                    x["outcome"] == "created" for x in r.json()["results"]
                )
                with lock:
                    latencies.append(took * 1000)
                    if not ok:
                        errors.append(f"submit {r.status_code} {r.text[:120]}")
            r = http.get("/changes", headers=auth)
            if r.status_code != 200 or len(r.json()["events"]) != per_station:
                with lock:
                    errors.append(f"changes {r.status_code}")

        def floor(_: Any) -> None:
            client().get("/health")

        try:
            with ThreadPoolExecutor(concurrency) as pool:  # warm the connections
                list(pool.map(floor, range(concurrency * 4)))
                t0 = time.perf_counter()
                list(pool.map(floor, range(stations * (per_station // batch + 2))))
                floor_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                list(pool.map(one_station, list(codes)))
                load_s = time.perf_counter() - t0
            stats = HubService(HubDatabase(url, pool_size=2)).stats()
        finally:
            hub.kill()
    n_apps = stations * per_station
    requests = stations * (per_station // batch + 2)
    return {
        "stations": stations,
        "applications": n_apps,
        "concurrency": concurrency,
        "batch": batch,
        "seconds": round(load_s, 2),
        "applications_per_s": round(n_apps / load_s, 1),
        "target_applications_per_s": 200,
        "requests_per_s": round(requests / load_s, 1),
        "submit_p50_ms": round(pct(latencies, 50), 1),
        "submit_p99_ms": round(pct(latencies, 99), 1),
        "errors": len(errors),
        "first_errors": errors[:3],
        "hub_cases": stats["cases"],
        "baseline_health_requests_per_s": round(requests / floor_s, 1),
        "ratio_to_http_floor": round((requests / load_s) / (requests / floor_s), 3),
    }
