"""Hub load: 500 simulated stations × 20 applications, 50 at a time, PostgreSQL, 1 and 2 workers.

A throwaway PostgreSQL server (fsync on) and the reference hub (``kiosk-hub serve``, one
process, then ``--workers 2``) run on loopback, in alternation, each round on a fresh
database. Each simulated station enrols with its one-time code, sends its 20 applications
in batches of 5 (as a station syncing through the day does) and reads its change feed.
Reported per worker count: applications/s (median and worst round), p50/p99/max latency of
a submission, errors (target ≥ 200/s, zero errors), the hub's bare HTTP floor (GET
/v1/health at the same concurrency) as the same-run baseline, and the apps/s ratio of 2
workers to 1. This machine's 2 cores also run the database and the load generator, so
that ratio is a floor, not a target.
"""

from __future__ import annotations

import random
import statistics
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
PER_STATION, BATCH = 20, 5


def _station_code(n: int) -> str:
    return f"330106{100 + n // 900:03d}{n % 900 + 100:03d}"


def _round(
    pg: PostgresCluster, workers: int, stations: int, concurrency: int, payloads: list[Any]
) -> dict[str, Any]:
    per_station, batch = PER_STATION, BATCH
    with tempfile.TemporaryDirectory() as tmp:
        url = pg.create_database()
        service = HubService(HubDatabase(url, pool_size=2))
        codes = {
            _station_code(n): service.issue_enrollment_code(_station_code(n))
            for n in range(stations)
        }
        service.db.close()
        hub = HubProcess(url, Path(tmp), workers=workers).start()
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

        requests = stations * (per_station // batch + 2)
        try:
            with ThreadPoolExecutor(concurrency) as pool:  # warm the connections
                list(pool.map(floor, range(concurrency * 4)))
                t0 = time.perf_counter()
                list(pool.map(floor, range(requests)))
                floor_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                list(pool.map(one_station, list(codes)))
                load_s = time.perf_counter() - t0
            stats = HubService(HubDatabase(url, pool_size=2)).stats()
        finally:
            hub.kill()
    return {
        "apps_per_s": stations * per_station / load_s,
        "requests_per_s": requests / load_s,
        "floor_requests_per_s": requests / floor_s,
        "latencies": latencies,
        "errors": errors,
        "cases": stats["cases"],
    }


def run(quick: bool = False, smoke: bool = False) -> dict[str, object]:
    stations = 4 if smoke else 40 if quick else 500
    concurrency = 4 if smoke else 50
    rounds = 1 if smoke else 2
    rng = random.Random(4)
    payloads = [resident(rng, i) for i in range(200)]
    results: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
    with PostgresCluster(fsync=True) as pg:
        for _ in range(rounds):  # alternated: drift on a shared machine hits both alike
            for workers in (1, 2):
                results[workers].append(_round(pg, workers, stations, concurrency, payloads))
    out: dict[str, object] = {
        "stations": stations,
        "applications_per_round": stations * PER_STATION,
        "concurrency": concurrency,
        "batch": BATCH,
        "rounds_per_worker_count": rounds,
        "target_applications_per_s": 200,
    }
    for workers, rs in results.items():
        apps = [r["apps_per_s"] for r in rs]
        lat = [x for r in rs for x in r["latencies"]]
        errors = [e for r in rs for e in r["errors"]]
        expected = stations * PER_STATION
        out |= {
            f"w{workers}_applications_per_s_median": round(statistics.median(apps), 1),
            f"w{workers}_applications_per_s_worst": round(min(apps), 1),
            f"w{workers}_submit_p50_ms": round(pct(lat, 50), 1),
            f"w{workers}_submit_p99_ms": round(pct(lat, 99), 1),
            f"w{workers}_submit_max_ms": round(max(lat), 1),
            f"w{workers}_errors": len(errors),
            f"w{workers}_first_errors": errors[:3],
            f"w{workers}_hub_cases_exact": all(r["cases"] == expected for r in rs),
            f"w{workers}_baseline_health_requests_per_s": round(
                statistics.median(r["floor_requests_per_s"] for r in rs), 1
            ),
            f"w{workers}_ratio_to_http_floor": round(
                statistics.median(r["requests_per_s"] / r["floor_requests_per_s"] for r in rs), 3
            ),
        }
    w1 = statistics.median(r["apps_per_s"] for r in results[1])
    w2 = statistics.median(r["apps_per_s"] for r in results[2])
    out["ratio_2_workers_to_1"] = round(w2 / w1, 3)
    return out
