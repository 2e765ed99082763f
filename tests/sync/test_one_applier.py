"""One applier of the hub's answers (kiosk/sync/answers.py): an answer that came online and
the same answer carried back on USB leave the application in the same state with the same
words; answers that are not definite change nothing."""

from __future__ import annotations

import random

import httpx
import pytest

from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.protocol.wire import PROTOCOL_HEADER
from kiosk.store.models import Application
from kiosk.sync import answers, outbox
from kiosk.sync.client import HttpHubClient, HubUnreachable
from tests.conftest import AGENT, PENSION
from tests.support.residents import resident

REJECTED = {"outcome": "rejected", "errors": {"name": "姓名与身份证不符"}}
CONFLICT = {"outcome": "conflict", "case_no": "C-1", "errors": None}
CREATED = {"outcome": "created", "case_no": "330000-20-000120261201000001", "query_code": "ACDE"}


def _filed(ctx, seed, status=AppStatus.SENDING):
    app_id = ctx.applications.submit(PENSION, resident(random.Random(seed)), AGENT).id
    if status is AppStatus.SENDING:
        with ctx.db.write() as s:
            row = s.get(Application, app_id)
            apply_transition(s, row, AppStatus.SENDING, "同步", "开始发送")
    return app_id


def _row(ctx, app_id):
    with ctx.db.read() as s:
        row = s.get(Application, app_id)
        return (
            AppStatus(row.status),
            row.last_error,
            row.case_no,
            row.query_code,
            row.next_attempt_at,
            row.synced_at is not None,
        )


def _answered(ctx, app_id):
    """The answer's status event (the last): from, to, reason, actor."""
    e = ctx.applications.timeline(app_id)[-1]
    return e.from_status, e.to_status, e.reason


@pytest.mark.parametrize("answer", [REJECTED, CONFLICT, CREATED], ids=lambda a: a["outcome"])
def test_online_and_usb_answers_end_in_the_same_state(ctx, answer):
    online = _filed(ctx, 1)
    carried = _filed(ctx, 2, status=AppStatus.QUEUED)  # went out on the stick, never "sending"
    counts = outbox.record(ctx.db, {online: {"client_id": online, **answer}})
    assert counts[answer["outcome"]] == 1
    with ctx.db.write() as s:
        row = s.get(Application, carried)
        outcome = answers.apply_answer(
            s, row, {"client_id": carried, **answer}, "U盘回传", carried=True
        )
    assert outcome == answer["outcome"]
    # online the sender writes a batch's answers in bulk (answers.apply_answers_raw), the
    # USB return row by row (apply_answer): the same columns, the same event
    assert _row(ctx, online) == _row(ctx, carried)
    assert _answered(ctx, online) == _answered(ctx, carried)
    status, last_error, case_no, _, _, synced = _row(ctx, online)
    assert synced == (answer["outcome"] == "created") == (case_no is not None)
    expected = {
        "rejected": (AppStatus.QUARANTINED, answers.rejected_text(answer)),
        "conflict": (AppStatus.CONFLICT, answers.conflict_text(answer)),
        "created": (AppStatus.SUBMITTED, None),
    }[answer["outcome"]]
    assert (status, last_error) == expected
    if answer["outcome"] == "rejected":
        assert "姓名与身份证不符" in last_error and "按提示修改后重新提交" in last_error


def test_answers_that_are_not_definite_change_nothing(ctx):
    no_case = _filed(ctx, 3)
    unknown = _filed(ctx, 4)
    counts = outbox.record(
        ctx.db,
        {
            no_case: {"client_id": no_case, "outcome": "created", "case_no": ""},
            unknown: {"client_id": unknown, "outcome": "accepted-maybe"},
        },
    )
    assert not any(counts.values())
    assert _row(ctx, no_case)[0] is AppStatus.SENDING and _row(ctx, unknown)[0] is AppStatus.SENDING
    assert not outbox.is_definite({"outcome": "created"})
    assert outbox.is_definite({"client_id": "x", "outcome": "missing_blobs", "missing": []})


def _client(body):
    def handler(_req):
        return httpx.Response(200, headers={PROTOCOL_HEADER: "1"}, json=body)

    return HttpHubClient("http://hub.test", lambda: "token", transport=httpx.MockTransport(handler))


@pytest.mark.parametrize(
    ("call", "body"),
    [
        (lambda c: c.changes(0), {"events": [{"client_id": "x"}], "next_cursor": 1}),
        (lambda c: c.submit([{}]), {"results": [{"client_id": "x", "outcome": "maybe"}]}),
        (lambda c: c.submit([{}, {}]), {"results": [{"client_id": "x", "outcome": "rejected"}]}),
        (lambda c: c.enroll("CODE", "330106109201"), {"device_id": "d", "token": "t"}),
        (lambda c: c.catalog(0), {"version": 3, "items": []}),
    ],
    ids=["event-without-seq", "unknown-outcome", "fewer-results", "no-hub-keys", "no-since"],
)
def test_an_answer_that_does_not_fit_the_protocol_models_is_no_answer(call, body):
    with pytest.raises(HubUnreachable):
        call(_client(body))
