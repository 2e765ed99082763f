"""Acceptance: applications synced through a faulty network while the sync process is
SIGKILLed at random moments and the hub is killed and restarted mid-sync.

At the end the hub holds exactly one case per application, with the same content; every
local application has its case number; every attachment's hash matches; and nothing the
agent had not submitted (drafts, withdrawn applications) was sent. A few seeds at a small
count here; ``./dev bench sync_chaos`` runs the full 2,000.
"""

from __future__ import annotations

import random

import pytest

from hub.models import Blob, Case
from kiosk.core.applications import AttachmentInput
from tests.support.chaos import AGENT as CHAOS_AGENT
from tests.support.chaos import ChaosConfig, run_chaos, summary, verify
from tests.support.residents import resident

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("seed", [11, 23, 37])
def test_nothing_lost_nothing_duplicated_whatever_the_network_does(seed, tmp_path):
    # kill early enough to catch a sync in flight on a fast machine too (a start takes ~0.3 s)
    cfg = ChaosConfig(seed=seed, applications=30, chaos_rounds=8, kill_after=(0.3, 2.5))
    result = run_chaos(cfg, tmp_path)
    info = summary(result)
    assert result.problems == [], info
    assert result.applications == 30
    assert result.kills >= 3 and result.hub_restarts == 1, info
    assert sum(n for fault, n in result.faults.items() if fault != "ok") >= 3, info


def test_the_checks_of_the_chaos_run_do_catch_damage(online_ctx, hub, tmp_path):
    """The verifier itself must fail on what it is meant to catch."""
    online_ctx.agents.add(CHAOS_AGENT, "agent", "135790")
    scan = tmp_path / "scan.bin"
    scan.write_bytes(b"x" * 5000)
    rng = random.Random(1)
    ids = [
        online_ctx.applications.submit(
            "330000-20-0001", resident(rng, n), CHAOS_AGENT, [AttachmentInput(scan)]
        ).id
        for n in range(2)
    ]
    online_ctx.sync_engine().run_once(force=True)
    assert verify(online_ctx, hub.service, ids, []) == []
    with hub.service.db.session() as s:
        case = s.query(Case).filter_by(client_id=ids[0]).one()
        case.payload = dict(case.payload, address="被改过的地址")
        blob = s.get(Blob, case.blobs[0])
        blob.data = b"y" * 5000
    problems = verify(online_ctx, hub.service, ids, [ids[1]])
    assert any("content at the hub differs" in p for p in problems)
    assert any("missing or damaged" in p for p in problems)
    assert any("drafts/withdrawn" in p for p in problems)
    assert any("hub cases differ" in p for p in problems) is False
    assert verify(online_ctx, hub.service, [*ids, "0" * 36], [])[0].startswith("hub cases differ")
