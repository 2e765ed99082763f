"""``kiosk-hub serve --workers 2`` on PostgreSQL: two processes, one database, no state of
its own in either.

What a request needs must come from the database, never from a worker's memory: an
enrolment code is used once however many workers race for it; a station's case numbers and
feed sequence stay dense when its requests land on different workers; an item withdrawn
through another process is refused at once; an upload resumes where it stopped whichever
worker holds the connection. And with one of the two workers SIGKILLed in the middle of a
sync, every application still arrives exactly once.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from hub.db import HubDatabase
from hub.models import Case
from hub.service import HubService
from kiosk.context import AppContext, open_context
from kiosk.core.applications import AttachmentInput
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from tests.support.chaos import AGENT, PIN, HubProcess, verify
from tests.support.postgres import PostgresCluster
from tests.support.residents import resident

pytestmark = pytest.mark.slow
PENSION = "330000-20-0001"


@pytest.fixture
def pg_url(pg_cluster: PostgresCluster) -> str:
    return pg_cluster.create_database()


@pytest.fixture
def two_workers(pg_url: str, tmp_path: Path) -> Iterator[HubProcess]:
    hub = HubProcess(pg_url, tmp_path, workers=2).start()
    try:
        deadline = time.monotonic() + 60
        while len(hub.worker_pids()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        yield hub
    finally:
        hub.kill()


def _fresh_post(url: str, **kw: object) -> httpx.Response:
    """One request on a connection of its own: the kernel may give it to either worker."""
    with httpx.Client(timeout=30) as http:
        return http.post(url, **kw)  # type: ignore[arg-type]


def test_workers_keep_nothing_a_request_needs(two_workers: HubProcess, pg_url: str) -> None:
    hub, base = two_workers, f"http://127.0.0.1:{two_workers.port}/v1"
    assert len(hub.worker_pids()) == 2
    service = HubService(HubDatabase(pg_url, pool_size=2))
    try:
        code = service.issue_enrollment_code(DEMO_STATION_CODE)
        body = {"enrollment_code": code, "station_code": DEMO_STATION_CODE}
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: _fresh_post(f"{base}/enroll", json=body), range(8)))
        statuses = sorted(r.status_code for r in answers)
        assert statuses == [200] + [403] * 7, [r.text[:200] for r in answers]
        token = next(r.json()["token"] for r in answers if r.status_code == 200)
        auth = {"Authorization": f"Bearer {token}"}

        rng = random.Random(5)

        def submit(n: int) -> list[str]:
            items = [
                {
                    "client_id": str(uuid.uuid4()),
                    "item_code": PENSION,
                    "form_version": 1,
                    "payload": resident(rng, n * 10 + k),
                }
                for k in range(3)
            ]
            r = _fresh_post(f"{base}/submissions", json={"items": items}, headers=auth)
            assert r.status_code == 200, r.text
            assert {x["outcome"] for x in r.json()["results"]} == {"created"}, r.text
            return [x["case_no"] for x in r.json()["results"]]

        with ThreadPoolExecutor(4) as pool:
            case_nos = [c for batch in pool.map(submit, range(12)) for c in batch]
        assert len(set(case_nos)) == 36, case_nos  # none twice …
        runs: dict[str, list[int]] = {}  # … and each day's running number dense
        for c in case_nos:  # 实施编码 + date + a 6-digit running number
            runs.setdefault(c[:-6], []).append(int(c[-6:]))
        for numbers in runs.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1)), runs
        with httpx.Client(timeout=30) as http:
            events = http.get(f"{base}/changes", params={"cursor": 0}, headers=auth).json()
        assert [e["seq"] for e in events["events"]] == list(range(1, 37))

        # another process (the back office's, or another worker) withdraws the item: the
        # very next submission is refused, whichever worker takes it
        service.catalog.withdraw(PENSION)
        item = {
            "client_id": str(uuid.uuid4()),
            "item_code": PENSION,
            "form_version": 1,
            "payload": resident(rng, 999),
        }
        for _ in range(4):
            r = _fresh_post(f"{base}/submissions", json={"items": [item]}, headers=auth)
            assert r.json()["results"][0]["outcome"] == "rejected", r.text

        # a resumable upload: each range on a fresh connection, the offset from the database
        data = rng.randbytes(300_000)
        sha = hashlib.sha256(data).hexdigest()
        for start in range(0, len(data), 100_000):
            chunk = data[start : start + 100_000]
            headers = {
                **auth,
                "Content-Range": f"bytes {start}-{start + len(chunk) - 1}/{len(data)}",
            }
            with httpx.Client(timeout=30) as http:
                r = http.put(f"{base}/blobs/{sha}", content=chunk, headers=headers)
            assert r.status_code in (201, 202), r.text
            assert int(r.headers["Upload-Offset"]) == start + len(chunk)
        assert service.blob_bytes(sha) == data
    finally:
        service.db.close()


def _station(workdir: Path, hub_url: str, code: str) -> AppContext:
    ctx = open_context(workdir / "station", demo=True)
    ctx.agents.add(AGENT, "agent", PIN)
    ctx.provision(hub_url, DEMO_STATION_CODE, "多进程测试村", code)
    ctx.settings.sync_batch_size = 5
    return ctx


def test_a_worker_killed_mid_sync_loses_and_doubles_nothing(
    two_workers: HubProcess, pg_url: str, tmp_path: Path
) -> None:
    service = HubService(HubDatabase(pg_url, pool_size=2))
    code = service.issue_enrollment_code(DEMO_STATION_CODE)
    ctx = _station(tmp_path, f"http://127.0.0.1:{two_workers.port}", code)
    try:
        rng = random.Random(7)
        scans = tmp_path / "scans"
        scans.mkdir()
        filed = []
        for n in range(30):
            atts = []
            if n % 3 == 0:
                path = scans / f"scan-{n}.pdf"
                path.write_bytes(rng.randbytes(400_000))
                atts.append(AttachmentInput(path, "户口簿"))
            filed.append(ctx.applications.submit(PENSION, resident(rng, n), AGENT, atts).id)

        engine = ctx.sync_engine()
        done = threading.Event()
        sync = threading.Thread(target=lambda: (engine.run_once(force=True), done.set()))
        sync.start()
        victim = two_workers.worker_pids()[0]
        killed_at_cases = -1
        deadline = time.monotonic() + 120
        while not done.is_set() and time.monotonic() < deadline:
            with service.db.session() as s:
                cases = s.query(Case).count()
            if cases > 0:  # the sync is under way: cut one worker off
                os.kill(victim, signal.SIGKILL)
                killed_at_cases = cases
                break
            time.sleep(0.01)
        sync.join(timeout=180)
        assert killed_at_cases >= 0, "the sync ended before a case reached the hub"
        assert killed_at_cases < len(filed), "the kill came after the sync was over"
        for _ in range(5):  # what the cut request left queued goes at the next cycle
            counts = ctx.applications.counts()
            if not counts.get(AppStatus.QUEUED) and not counts.get(AppStatus.SENDING):
                break
            engine.run_once(force=True)
        assert verify(ctx, service, filed, []) == []
        assert victim not in two_workers.worker_pids()  # and the supervisor replaced it
    finally:
        ctx.close()
        service.db.close()
