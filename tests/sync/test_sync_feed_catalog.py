"""Change feed (order, idempotence, cursor after applying), catalog pull and evaluations."""

from __future__ import annotations

import json
import random

import pytest

from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.store.models import Application
from kiosk.sync import feed, state
from kiosk.sync.catalog_pull import CatalogFileSink
from kiosk.sync.evaluations import EvaluationOutbox
from tests.conftest import AGENT, PENSION
from tests.hub.test_hub_catalog import pension_v
from tests.support.residents import resident
from tests.sync.conftest import fast_engine

pytestmark = pytest.mark.slow
STATION = "330106109201"


def file_one(ctx, seed=1):
    return ctx.applications.submit(PENSION, resident(random.Random(seed)), AGENT).id


def cursor(ctx):
    with ctx.db.read() as s:
        return state.get_int(s, state.CURSOR)


def test_cursor_is_stored_only_after_the_events_are_applied(online_ctx, hub, sleeps, monkeypatch):
    app_id = file_one(online_ctx)
    engine = fast_engine(online_ctx, sleeps, retries=0)
    engine.run_once(force=True)
    start = cursor(online_ctx)
    case_no = online_ctx.applications.get(app_id).case_no
    hub.service.advance(case_no, "受理", "材料齐全")
    hub.service.advance(case_no, "办结", "已登记")
    real = feed._apply
    calls = []

    def crash_on_second(s, ev):
        calls.append(ev["seq"])
        if len(calls) == 2:
            raise RuntimeError("power cut while applying")
        return real(s, ev)

    monkeypatch.setattr(feed, "_apply", crash_on_second)
    with pytest.raises(RuntimeError):
        engine.run_once(force=True)
    assert cursor(online_ctx) == start  # nothing of the page was kept …
    assert online_ctx.applications.get(app_id).status is AppStatus.SUBMITTED  # … not even 受理
    monkeypatch.setattr(feed, "_apply", real)
    assert engine.run_once(force=True).status_updates == 2
    assert online_ctx.applications.get(app_id).status is AppStatus.COMPLETED
    assert cursor(online_ctx) == start + 2


def test_feed_waits_for_an_application_whose_answer_was_lost(online_ctx, hub, sleeps):
    app_id = file_one(online_ctx)
    engine = fast_engine(online_ctx, sleeps)
    # the hub got the batch but the station never heard back (still queued locally)
    payload = online_ctx.applications.payload(app_id)
    from hub.submissions import SubmissionItem

    [answer] = hub.service.submit(STATION, [SubmissionItem(app_id, PENSION, 1, payload)])
    hub.service.advance(answer["case_no"], "受理", "材料齐全")
    result = feed.pull_changes(online_ctx.db, engine._client)
    assert result.waiting_for == app_id and result.applied == 0
    assert cursor(online_ctx) == 1  # 收件 taken; stopped before 受理
    report = engine.run_once()  # not forced: the feed made the application due again
    assert report.duplicate == 1 and report.status_updates == 1
    view = online_ctx.applications.get(app_id)
    assert view.status is AppStatus.ACCEPTED and view.case_no == answer["case_no"]


def test_supplement_requested_and_sent_back(online_ctx, hub, sleeps):
    app_id = file_one(online_ctx)
    engine = fast_engine(online_ctx, sleeps)
    engine.run_once(force=True)
    case_no = online_ctx.applications.get(app_id).case_no
    hub.service.advance(case_no, "补齐补正", "请补充户籍地址")
    assert engine.run_once(force=True).status_updates == 1
    assert online_ctx.applications.get(app_id).status is AppStatus.NEED_SUPPLEMENT
    payload = online_ctx.applications.payload(app_id)
    payload["address"] = "补正后的地址（第二次）"
    with online_ctx.db.write() as s:  # the agent corrects the form and submits it again
        row = s.get(Application, app_id)
        row.payload_enc = online_ctx.cipher.encrypt(
            json.dumps(payload, ensure_ascii=False, sort_keys=True).encode(), app_id.encode()
        )
        apply_transition(s, row, AppStatus.QUEUED, AGENT, "补正后重新提交")
    report = engine.run_once(force=True)
    assert report.created == 1 and report.conflict == 0
    case = hub.service.case(case_no)
    assert case.revision == 1 and case.payload["address"] == "补正后的地址（第二次）"
    assert online_ctx.applications.get(app_id).status is AppStatus.SUBMITTED
    hub.service.advance(case_no, "受理", "补正材料齐全")
    engine.run_once(force=True)
    assert online_ctx.applications.get(app_id).status is AppStatus.ACCEPTED


def test_catalog_is_pulled_with_etag_and_applied_before_the_version_is_stored(
    online_ctx, hub, sleeps
):
    applied = []

    def apply_catalog(bundle):
        applied.append(bundle)
        return len(bundle["items"])

    engine = fast_engine(online_ctx, sleeps)
    engine._apply_catalog = apply_catalog
    first = engine.run_once(force=True)
    assert first.catalog_items >= 1 and PENSION in [i["code"] for i in applied[0]["items"]]
    assert engine.run_once(force=True).catalog_items == 0 and len(applied) == 1  # 304
    version = hub.service.catalog.publish([pension_v(2)])
    assert engine.run_once(force=True).catalog_items == 1
    assert applied[-1]["version"] == version and applied[-1]["since"] == version - 1

    def refuse(bundle):
        raise ValueError("bad bundle")

    other = dict(pension_v(2), code="330000-20-0002", name="城乡居民基本养老保险待遇申领")
    hub.service.catalog.publish([other])
    engine._apply_catalog = refuse
    file_one(online_ctx)
    report = engine.run_once(force=True)
    assert report.created == 1 and report.error is None and report.errors  # sync went on
    with online_ctx.db.read() as s:
        assert state.get_int(s, state.CATALOG_VERSION) == version  # asked again next time
    engine._apply_catalog = apply_catalog
    assert engine.run_once(force=True).catalog_items == 1


def test_default_catalog_sink_keeps_the_hub_catalog_under_the_data_dir(online_ctx, hub, sleeps):
    engine = fast_engine(online_ctx, sleeps)
    engine.run_once(force=True)
    hub.service.catalog.publish([pension_v(2)])
    engine.run_once(force=True)
    stored = CatalogFileSink(online_ctx.data_dir).load()
    assert stored["items"][PENSION]["form"]["version"] == 2
    hub.service.catalog.withdraw(PENSION)
    engine.run_once(force=True)
    stored = CatalogFileSink(online_ctx.data_dir).load()
    assert PENSION not in stored["items"] and stored["withdrawn"] == [PENSION]


def test_evaluations_are_sent_once(online_ctx, hub, sleeps):
    app_id = file_one(online_ctx)
    engine = fast_engine(online_ctx, sleeps)
    assert engine.run_once(force=True).created == 1
    rating = online_ctx.evaluations.record(app_id, 5, ["态度好"], "代办员很耐心", "agent", "wang")
    report = engine.run_once(force=True)
    assert report.evaluations_sent == 1
    assert hub.service.stats()["evaluations"] == 1
    assert online_ctx.evaluations.for_application(app_id).synced
    assert engine.run_once(force=True).evaluations_sent == 0
    again = online_ctx.evaluations.record(app_id, 1, [], "", "kiosk", "居民")
    assert again.id == rating.id and again.level == 5  # one rating per case
    assert engine.run_once(force=True).evaluations_sent == 0


def test_evaluation_outbox_survives_a_torn_last_line(tmp_path):
    outbox = EvaluationOutbox(tmp_path)
    first = outbox.add("11111111-1111-4111-8111-111111111111", "满意")
    with open(outbox.path, "ab") as fh:
        fh.write(b'{"op": "add", "id": "torn')  # the power went off mid-write
    second = EvaluationOutbox(tmp_path).add("22222222-2222-4222-8222-222222222222", "不满意")
    assert [e.id for e in EvaluationOutbox(tmp_path).pending()] == [first, second]
