"""The chaos scenario: file applications, sync them through a faulty network while the sync
process is SIGKILLed at random moments and the hub is killed and restarted, then check that
nothing was lost, duplicated, damaged or sent that the agent had not submitted.

Used by tests/sync/test_chaos.py (a few seeds, small counts) and bench/bench_sync_chaos.py
(the full count). Everything is real: the ``kiosk sync`` command in a child process, the
``kiosk-hub`` server in another, SQLite files on disk, loopback sockets.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hub.db import HubDatabase
from hub.service import HubService
from kiosk.context import AppContext, open_context
from kiosk.core.applications import AttachmentInput
from kiosk.core.lifecycle import apply_transition
from kiosk.core.settings import save_settings
from kiosk.core.status import AppStatus
from kiosk.demo import DEMO_STATION_CODE
from kiosk.store.models import Application, StatusEvent
from kiosk.sync.protocol import content_hash
from tests.support.fault_proxy import FaultPlan, FaultProxy
from tests.support.residents import resident

ROOT = Path(__file__).resolve().parents[2]
PENSION = "330000-20-0001"
AGENT, PIN = "chaos", "246810"


@dataclass
class ChaosConfig:
    seed: int
    applications: int = 40
    attachment_share: float = 0.2  # a fifth of applications carry attachments …
    attachment_bytes: tuple[int, int] = (50_000, 2_000_000)  # … of 50 KB – 2 MB
    drafts: int = 2  # saved but never submitted by the agent
    withdrawn: int = 2  # submitted, then withdrawn before any sync
    late_share: float = 0.1  # filed while a sync process is running
    kill_after: tuple[float, float] = (1.5, 6.0)  # SIGKILL the sync process after this long
    chaos_rounds: int = 10  # sync processes started under faults (then the network calms)
    hub_restarts: int = 1
    plan: FaultPlan = field(default_factory=FaultPlan.chaos)
    http_timeout: float = 3.0
    batch_size: int = 20
    max_calm_rounds: int = 8
    # a busy machine starts each sync process slowly, so a kill can come before it met the
    # network: chaos goes on (kill windows stretched) until this many faults were injected
    min_faults: int = 3
    max_extra_rounds: int = 12


@dataclass
class ChaosResult:
    rounds: int = 0
    kills: int = 0
    hub_restarts: int = 0
    calm_rounds: int = 0
    extra_rounds: int = 0  # chaos rounds added because too few faults met a sync
    seconds: float = 0.0
    applications: int = 0
    with_attachments: int = 0
    attachment_bytes: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


class HubProcess:
    """``kiosk-hub serve`` in a child process, on a fixed port once it has one."""

    def __init__(self, db_url: str, workdir: Path, workers: int = 1) -> None:
        self.db_url = db_url
        self.workdir = workdir
        self.workers = workers
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> HubProcess:
        port_file = self.workdir / "hub.port"
        port_file.unlink(missing_ok=True)
        log = open(self.workdir / "hub.log", "ab")  # noqa: SIM115 (the child keeps it)
        serve = ["serve", "--port", str(self.port), "--port-file", str(port_file)]
        if self.workers > 1:
            serve += ["--workers", str(self.workers)]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hub", "--db", self.db_url, *serve],
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"hub exited with {self.proc.returncode}")
            if port_file.exists():
                self.port = int(port_file.read_text())
                try:
                    if httpx.get(f"http://127.0.0.1:{self.port}/v1/health", timeout=1).is_success:
                        return self
                except httpx.HTTPError:
                    pass
            time.sleep(0.05)
        raise RuntimeError("hub did not start")

    def worker_pids(self) -> list[int]:
        """The worker processes of a ``--workers N`` hub (children of the supervisor)."""
        assert self.proc is not None
        pids = []
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        for pid in map(int, children.split()):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except FileNotFoundError:
                continue  # gone meanwhile
            if b"spawn_main" in cmdline:  # not multiprocessing's resource tracker
                pids.append(pid)
        return pids

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            pids = self.worker_pids() if self.workers > 1 else []
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            for pid in pids:  # orphaned workers would go on serving the socket
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)


def _file_application(ctx: AppContext, rng: random.Random, n: int, cfg: ChaosConfig) -> str:
    atts: list[AttachmentInput] = []
    if rng.random() < cfg.attachment_share:
        folder = ctx.data_dir.parent / "scans"
        folder.mkdir(exist_ok=True)
        for k in range(rng.choice([1, 1, 2])):
            path = folder / f"scan-{n}-{k}.pdf"
            path.write_bytes(rng.randbytes(rng.randrange(*cfg.attachment_bytes)))
            atts.append(AttachmentInput(path, "户口簿"))
    return ctx.applications.submit(PENSION, resident(rng, n), AGENT, atts).id


def _make_draft(ctx: AppContext, rng: random.Random, n: int) -> str:
    """A saved, unsubmitted form (the store's draft API is another issue's; set the row)."""
    app_id = ctx.applications.submit(PENSION, resident(rng, n), AGENT).id
    with ctx.db.write() as s:
        row = s.get(Application, app_id, options=[selectinload(Application.events)])
        assert row is not None
        row.status = AppStatus.DRAFT.value
        row.queued_at = None
        for ev in list(row.events)[1:]:
            s.delete(ev)
    return app_id


def _withdraw(ctx: AppContext, app_id: str) -> None:
    with ctx.db.write() as s:
        row = s.get(Application, app_id)
        assert row is not None
        apply_transition(s, row, AppStatus.WITHDRAWN, AGENT, "居民撤回")


def _faults(proxy: FaultProxy) -> int:
    return sum(n for fault, n in proxy.counts().items() if fault != "ok")


def _outstanding(ctx: AppContext) -> int:
    counts = ctx.applications.counts()
    return counts.get(AppStatus.QUEUED, 0) + counts.get(AppStatus.SENDING, 0)


def run_chaos(cfg: ChaosConfig, workdir: Path) -> ChaosResult:
    rng = random.Random(cfg.seed)
    result = ChaosResult()
    t0 = time.monotonic()
    workdir.mkdir(parents=True, exist_ok=True)
    hub_url = f"sqlite:///{workdir / 'hub.sqlite3'}"
    hub = HubProcess(hub_url, workdir).start()
    proxy = FaultProxy(("127.0.0.1", hub.port), cfg.seed, cfg.plan).start()
    ctx = open_context(workdir / "station", demo=True)
    try:
        ctx.agents.add(AGENT, "agent", PIN)
        code = HubService(HubDatabase(hub_url)).issue_enrollment_code(DEMO_STATION_CODE)
        ctx.provision(f"http://127.0.0.1:{hub.port}", DEMO_STATION_CODE, "混沌测试村", code)
        ctx.settings.http_timeout_seconds = cfg.http_timeout
        ctx.settings.sync_batch_size = cfg.batch_size
        save_settings(ctx.data_dir, ctx.settings)
        ctx.set_hub_url(proxy.url)

        late = round(cfg.applications * cfg.late_share)
        filed = [_file_application(ctx, rng, n, cfg) for n in range(cfg.applications - late)]
        drafts = [_make_draft(ctx, rng, 10_000 + n) for n in range(cfg.drafts)]
        withdrawn = [_file_application(ctx, rng, 20_000 + n, cfg) for n in range(cfg.withdrawn)]
        for app_id in withdrawn:
            _withdraw(ctx, app_id)
        n_next = cfg.applications - late

        first_restart = rng.randint(1, max(1, cfg.chaos_rounds))
        env = dict(os.environ, KIOSK_DATA_DIR=str(ctx.data_dir), PYTHONDONTWRITEBYTECODE="1")
        while True:
            result.rounds += 1
            if (
                result.rounds > cfg.chaos_rounds + result.extra_rounds
                and result.calm_rounds == 0
                and _faults(proxy) < cfg.min_faults
                and result.extra_rounds < cfg.max_extra_rounds
            ):
                result.extra_rounds += 1
            chaos_limit = cfg.chaos_rounds + result.extra_rounds
            calm = result.rounds > chaos_limit
            if calm:
                proxy.plan = FaultPlan()
                result.calm_rounds += 1
            proc = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "sync", "--json"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            started = time.monotonic()
            stretch = 1 + result.extra_rounds
            kill_at = None if calm else started + rng.uniform(*cfg.kill_after) * stretch
            restart_at = (
                started + rng.uniform(0.5, 2.5)
                if result.hub_restarts < cfg.hub_restarts
                and (result.rounds >= first_restart or calm)
                else None
            )
            file_at = started + rng.uniform(0.5, 3.0) if n_next < cfg.applications else None
            while proc.poll() is None:
                now = time.monotonic()
                if kill_at is not None and now >= kill_at:
                    proc.send_signal(signal.SIGKILL)
                    result.kills += 1
                    break
                if restart_at is not None and now >= restart_at:
                    hub.kill()  # mid-sync: whatever was in flight is cut off
                    hub.start()
                    result.hub_restarts += 1
                    restart_at = None
                if file_at is not None and now >= file_at:  # the agent files while syncing
                    per_round = max(3, -(-late // cfg.chaos_rounds))
                    for _ in range(min(per_round, cfg.applications - n_next)):
                        filed.append(_file_application(ctx, rng, n_next, cfg))
                        n_next += 1
                    file_at = None
                time.sleep(0.02)
            proc.wait()
            if calm and restart_at is not None:  # the sync was quicker: restart between syncs
                hub.kill()
                hub.start()
                result.hub_restarts += 1
            restarts_done = result.hub_restarts >= cfg.hub_restarts
            if calm and restarts_done and _outstanding(ctx) == 0 and n_next >= cfg.applications:
                break
            if result.calm_rounds >= cfg.max_calm_rounds:
                result.problems.append("did not converge on a calm network")
                break
            if result.rounds > chaos_limit and n_next < cfg.applications:
                while n_next < cfg.applications:
                    filed.append(_file_application(ctx, rng, n_next, cfg))
                    n_next += 1
        result.faults = proxy.counts()
    finally:
        proxy.stop()
        hub.kill()
    result.problems += verify(ctx, HubService(HubDatabase(hub_url)), filed, drafts + withdrawn)
    result.applications = len(filed)
    with ctx.db.read() as s:
        for app_id in filed:
            app = s.get(Application, app_id, options=[selectinload(Application.attachments)])
            if app is not None and app.attachments:
                result.with_attachments += 1
                result.attachment_bytes += sum(a.size for a in app.attachments)
    ctx.close()
    result.seconds = round(time.monotonic() - t0, 1)
    return result


def verify(
    ctx: AppContext, hub: HubService, submitted: list[str], never_sent: list[str]
) -> list[str]:
    """Everything the acceptance criteria promise, as a list of what is wrong (empty: all good)."""
    problems: list[str] = []
    cases = hub.cases(DEMO_STATION_CODE)
    by_client: dict[str, list[Any]] = {}
    for c in cases:
        by_client.setdefault(c.client_id, []).append(c)
    if set(by_client) != set(submitted):
        extra = set(by_client) - set(submitted)
        lost = set(submitted) - set(by_client)
        problems.append(f"hub cases differ: {len(lost)} missing, {len(extra)} unexpected")
    problems += [f"{cid}: {len(cs)} cases" for cid, cs in by_client.items() if len(cs) != 1]
    leaked = set(never_sent) & set(by_client)
    if leaked:
        problems.append(f"{len(leaked)} drafts/withdrawn applications reached the hub")
    with ctx.db.read() as s:
        for app_id in submitted:
            app = s.get(Application, app_id, options=[selectinload(Application.attachments)])
            hub_case = (by_client.get(app_id) or [None])[0]
            if app is None or hub_case is None:
                continue
            if app.status != AppStatus.SUBMITTED.value or app.case_no != hub_case.case_no:
                problems.append(f"{app_id}: local {app.status}/{app.case_no} vs {hub_case.case_no}")
            payload = ctx.applications.payload(app_id)
            shas = sorted({a.sha256 for a in app.attachments})
            if hub_case.payload != payload or hub_case.blobs != shas:
                problems.append(f"{app_id}: content at the hub differs from what was filed")
            if hub_case.content_hash != content_hash(
                app.item_code, app.form_version, payload, shas
            ):
                problems.append(f"{app_id}: content hash differs")
            for sha in shas:
                data = hub.blob_bytes(sha)
                if data is None or hashlib.sha256(data).hexdigest() != sha:
                    problems.append(f"{app_id}: blob {sha[:12]} missing or damaged at the hub")
                elif data != ctx.blobs.get(sha):
                    problems.append(f"{app_id}: blob {sha[:12]} differs from the local file")
            events = list(
                s.scalars(
                    select(StatusEvent)
                    .where(StatusEvent.application_id == app_id)
                    .order_by(StatusEvent.id)
                )
            )
            first_send = next((e for e in events if e.to_status == "sending"), None)
            queued = next((e for e in events if e.to_status == "queued"), None)
            if first_send is None or queued is None or queued.id > first_send.id:
                problems.append(f"{app_id}: sent before the agent submitted it")
            if queued is not None and queued.actor != AGENT:
                problems.append(f"{app_id}: queued by {queued.actor}, not the agent")
        for app_id in never_sent:
            app = s.get(Application, app_id)
            if app is None or app.status not in ("draft", "withdrawn"):
                problems.append(f"{app_id}: draft/withdrawn application changed state")
    return problems


def summary(result: ChaosResult) -> dict[str, Any]:
    return json.loads(json.dumps(result.__dict__, default=str))
