"""Property-based test of the application lifecycle: no sequence of operations (including
restarts) reaches an illegal state or loses an application."""

from __future__ import annotations

import shutil
import tempfile
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from kiosk.context import open_context
from kiosk.core.errors import KioskError
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import ALLOWED, AppStatus, IllegalTransition
from kiosk.demo import demo_residents
from kiosk.store.models import Application

PENSION = "330000-20-0001"
RESIDENTS = demo_residents()


class Lifecycle(RuleBasedStateMachine):
    apps = Bundle("apps")

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="lifecycle-"))
        self.ctx = open_context(self.dir, demo=True)
        self.expected: dict[str, dict] = {}

    def teardown(self) -> None:
        self.ctx.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(target=apps, who=st.sampled_from(RESIDENTS))
    def submit(self, who):
        view = self.ctx.applications.submit(PENSION, who, "agent")
        self.expected[view.id] = dict(who)
        return view.id

    @rule(target=apps, who=st.sampled_from(RESIDENTS), complete=st.booleans())
    def save_draft(self, who, complete):
        data = dict(who) if complete else {"name": who["name"]}
        view = self.ctx.applications.save_draft(PENSION, data, "agent")
        self.expected[view.id] = data
        return view.id

    @rule(app=apps)
    def submit_draft(self, app):
        before = self.ctx.applications.get(app).status
        try:
            self.ctx.applications.submit_draft(app, "agent")
        except KioskError:
            assert self.ctx.applications.get(app).status is before  # refused: unchanged
        else:
            assert before in (AppStatus.DRAFT, AppStatus.READY)

    @rule(app=apps, target_status=st.sampled_from(list(AppStatus)))
    def hub_or_engine_moves(self, app, target_status):
        """Any transition anyone may attempt: allowed ones happen, others are refused."""
        with self.ctx.db.write() as s:
            row = s.get(Application, app)
            current = AppStatus(row.status)
            try:
                apply_transition(s, row, target_status, "同步")
            except IllegalTransition:
                assert target_status not in ALLOWED[current]
            else:
                assert target_status in ALLOWED[current]

    @rule(app=apps)
    def withdraw(self, app):
        before = self.ctx.applications.get(app).status
        try:
            self.ctx.applications.withdraw(app, "agent", "居民撤回")
        except IllegalTransition:
            assert AppStatus.WITHDRAWN not in ALLOWED[before]
        except KioskError:
            # allowed by the table, refused by the guard: it may already be at the hub
            # (sending, or left by USB); the agent is told why and nothing changes
            assert self.ctx.applications.get(app).status is before
        else:
            assert AppStatus.WITHDRAWN in ALLOWED[before]
            assert self.ctx.applications.get(app).status is AppStatus.WITHDRAWN

    @rule(app=apps, phone=st.sampled_from(["13900001111", "13700002222"]))
    def supplement(self, app, phone):
        before = self.ctx.applications.get(app)
        try:
            self.ctx.applications.supplement(app, "agent", [], {"phone": phone})
        except KioskError:
            assert self.ctx.applications.get(app).status is before.status
        else:
            self.expected[app]["phone"] = phone
            assert self.ctx.applications.get(app).revision == before.revision + 1

    @rule()
    def restart(self):
        self.ctx.close()
        self.ctx = open_context(self.dir)

    @invariant()
    def nothing_lost_and_history_consistent(self):
        views = {v.id: v for v in self.ctx.applications.list(limit=10_000)}
        assert set(views) == set(self.expected)
        for app_id, data in self.expected.items():
            payload = self.ctx.applications.payload(app_id)
            assert {k: payload.get(k) for k in data} == data
            timeline = self.ctx.applications.timeline(app_id)
            assert timeline[0].from_status is None
            for prev, nxt in pairwise(timeline):
                assert nxt.from_status == prev.to_status
                assert nxt.to_status in ALLOWED[prev.to_status]
                assert nxt.at >= prev.at  # time, actor and reason kept for every step
            assert all(e.actor.strip() and e.at is not None for e in timeline)
            assert timeline[-1].to_status == views[app_id].status

    @invariant()
    def audit_chain_intact(self):
        assert self.ctx.audit.verify(self.ctx.db).ok


Lifecycle.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLifecycle = Lifecycle.TestCase
