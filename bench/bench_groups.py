"""一件事 at the hub: a 3-member group (POST /v1/groups) vs the same 3 applications as one batch.

The group is the 退休一件事 of the shipped catalog (养老保险待遇申领, 老年人优待证, 高龄津贴),
each member its item's own example answers. Each round files ``per_round`` groups and
``per_round`` batches of the same three applications (fresh ids), in alternating order so
drift on a shared machine hits both alike, on one hub (SQLite, loopback, real HTTP). The
group's extra work is the whole-or-nothing transaction, its row and its number; the target
is a ratio ≤ 1.5. Also timed: a resend of a filed group (every member ``duplicate``).
Reported: median and worst round of the ratio, and the per-request p50/p95 of each.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from bench.stats import pct
from hub.server import BackgroundHub
from tests.hub.helpers import enroll
from tests.support.groups import RETIREMENT, RETIREMENT_MEMBERS, example_payload, form_version


def _members() -> list[dict[str, Any]]:
    return [
        {
            "client_id": str(uuid.uuid4()),
            "item_code": code,
            "form_version": form_version(code),
            "payload": example_payload(code),
            "blobs": [],
        }
        for code in RETIREMENT_MEMBERS
    ]


def _group() -> dict[str, Any]:
    return {
        "group_id": str(uuid.uuid4()),
        "bundle_code": RETIREMENT,
        "catalog_version": "1",
        "members": _members(),
    }


def _timed(client: httpx.Client, path: str, body: dict[str, Any], out: list[float]) -> Any:
    t0 = time.perf_counter()
    resp = client.post(path, json=body)
    out.append((time.perf_counter() - t0) * 1000)
    if resp.status_code != 200:
        raise RuntimeError(f"{path}: {resp.status_code} {resp.text[:200]}")
    return resp.json()


def run(quick: bool = False, smoke: bool = False) -> dict[str, Any]:
    rounds = 3 if smoke else 8 if quick else 20
    per_round = 4 if smoke else 10 if quick else 25
    group_ms: list[float] = []
    batch_ms: list[float] = []
    resend_ms: list[float] = []
    ratios: list[float] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        BackgroundHub(f"sqlite:///{Path(tmp) / 'hub.sqlite3'}") as hub,
    ):
        client = enroll(hub)
        _timed(client, "/groups", _group(), [])  # warm up: catalog, forms, connection
        filed: list[dict[str, Any]] = []
        for r in range(rounds):
            g: list[float] = []
            b: list[float] = []
            for first in ("g", "b") if r % 2 == 0 else ("b", "g"):
                for _ in range(per_round):
                    if first == "g":
                        body = _group()
                        answer = _timed(client, "/groups", body, g)
                        assert answer["group_no"], answer
                        filed.append(body)
                    else:
                        _timed(client, "/submissions", {"items": _members()}, b)
            ratios.append(sum(g) / sum(b))
            group_ms += g
            batch_ms += b
        for body in filed[: per_round * 2]:
            answer = _timed(client, "/groups", body, resend_ms)
            assert {m["outcome"] for m in answer["members"]} == {"duplicate"}
        client.close()
        stats = hub.service.stats()
    return {
        "ratio_group_vs_batch_median": round(statistics.median(ratios), 3),
        "ratio_group_vs_batch_worst": round(max(ratios), 3),
        "group_ms_p50": round(statistics.median(group_ms), 2),
        "group_ms_p95": round(pct(group_ms, 95), 2),
        "batch_ms_p50": round(statistics.median(batch_ms), 2),
        "batch_ms_p95": round(pct(batch_ms, 95), 2),
        "resend_ms_p50": round(statistics.median(resend_ms), 2),
        "groups": stats["groups"],
        "cases": stats["cases"],
        "rounds": rounds,
    }
