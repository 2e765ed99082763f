"""A resident changes how the result reaches them after filing: kept encrypted at the
station, sent with the next sync, used by the hub (back office view, the 办结 message)
until 办结; refused after it. Real hub on loopback."""

from __future__ import annotations

import random

import httpx
import pytest

from hub.notifications import FileSender
from kiosk.core.errors import InputError, ValidationFailed
from tests.conftest import AGENT, PENSION
from tests.support import pdf
from tests.support.residents import resident

pytestmark = pytest.mark.slow
TOKEN = "back-office-secret-for-tests"
POST = {
    "method": "邮寄",
    "recipient": "周玉梅",
    "phone": "13911112222",
    "address": {"division": "330106109202", "detail": "溪边村5号"},
}


def receipt_text(ctx, app_id: str, tmp_path) -> str:
    out = tmp_path / "receipt.pdf"
    out.write_bytes(ctx.printing.receipt(app_id))
    return "".join(pdf.text(out).split())


def test_change_after_filing_until_finished(online_ctx, hub, tmp_path, monkeypatch):
    ctx = online_ctx
    hub.fastapi.state.admin_token = TOKEN
    data = resident(random.Random(21))
    data["result_delivery"] = {"method": "自取（本代办点）"}
    data["progress_notify"] = {"consent": True, "phone": data["phone"]}
    app_id = ctx.applications.submit(PENSION, data, AGENT).id
    assert "自取（本代办点）" in receipt_text(ctx, app_id, tmp_path)
    with pytest.raises(ValidationFailed):
        ctx.delivery_changes.change(app_id, {"method": "邮寄"}, AGENT)
    ctx.delivery_changes.change(app_id, POST, AGENT)  # before the case reached the hub
    reprinted = receipt_text(ctx, app_id, tmp_path)  # a reprint shows the choice in force
    assert "邮寄" in reprinted and "自取（本代办点）" not in reprinted
    assert ctx.delivery_changes.pending() == []  # waits for the case number
    assert not ctx.sync_engine().run_once(force=True).error
    case_no = ctx.applications.get(app_id).case_no
    assert ctx.delivery_changes.pending() == []  # sent in the same cycle
    office = httpx.Client(
        base_url=f"{hub.url}/v1/admin", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    try:
        assert office.get(f"/cases/{case_no}").json()["delivery"] == POST
        # the filed answers are unchanged; the receipt and views read the latest choice
        assert ctx.applications.payload(app_id)["result_delivery"] == {"method": "自取（本代办点）"}
        current = ctx.delivery_changes.current(app_id, ctx.applications.payload(app_id))
        assert current["result_delivery"] == POST
        ctx.delivery_changes.change(app_id, {"method": "自取（乡镇便民服务中心）"}, AGENT)
        hub.service.advance(case_no, "受理")
        assert not ctx.sync_engine().run_once(force=True).error
        assert office.get(f"/cases/{case_no}").json()["delivery"] == {
            "method": "自取（乡镇便民服务中心）"
        }
        hub.service.advance(case_no, "办结")
        sender = FileSender(tmp_path / "sms.jsonl")
        hub.service.notifications.dispatch(sender)
        finished = [m for m in sender.messages() if "已办结" in m["text"]]
        assert len(finished) == 1 and "乡镇便民服务中心领取" in finished[0]["text"]
        # a change made before the station heard of 办结 is refused by the hub, once
        ctx.delivery_changes.change(app_id, POST, AGENT)
        assert not ctx.sync_engine().run_once(force=True).error
        assert ctx.delivery_changes.pending() == []
        assert office.get(f"/cases/{case_no}").json()["delivery"]["method"] != "邮寄"
        with pytest.raises(InputError):  # and now the station knows: no more changes
            ctx.delivery_changes.change(app_id, POST, AGENT)
    finally:
        office.close()
