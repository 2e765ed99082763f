"""Delivery at filing and 结果交付 at the desk, end to end with a real hub on loopback:
a case filed with 邮寄 is posted by the hub and shows carrier and number; a case filed with
自取 waits on the dashboard tile once 办结, is handed over to a proxy whose ID was checked,
with a signature; it moves to 已交付, its 交付回执 prints, and the tile empties."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageDraw

from hub.courier import Shipment
from kiosk.core.case_query import CaseFilter, find_cases
from kiosk.core.dashboard import dashboard
from kiosk.core.delivery import delivery_line
from kiosk.core.errors import InputError, ValidationFailed
from kiosk.core.handover import PROXY, Collector
from kiosk.core.status import AppStatus
from kiosk.demo import make_id_number
from kiosk.print.delivery_receipt import build_delivery_receipt
from tests.conftest import AGENT, PENSION
from tests.support import pdf
from tests.support.residents import resident

pytestmark = pytest.mark.slow
PROXY_ID = make_id_number("330106", __import__("datetime").date(1980, 5, 6), 17)


def signature_png() -> bytes:
    img = Image.new("RGB", (300, 100), "white")
    ImageDraw.Draw(img).line([(10, 80), (120, 20), (280, 70)], fill="black", width=4)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def filed(ctx, seed: int, delivery: dict, notify: dict | None = None) -> str:
    data = resident(random.Random(seed))
    data["result_delivery"] = delivery
    data["progress_notify"] = notify or {"consent": False}
    return ctx.applications.submit(PENSION, data, AGENT).id


def sync(ctx) -> None:
    report = ctx.sync_engine().run_once(force=True)
    assert not report.error, report.error


def test_post_and_pickup_from_filing_to_the_resident(online_ctx, hub, tmp_path):
    ctx = online_ctx
    post = {
        "method": "邮寄",
        "recipient": "李秀英",
        "phone": "13900001111",
        "address": {"division": "330106109201", "detail": "东头12号"},
    }
    with pytest.raises(ValidationFailed) as refused:
        filed(ctx, 1, {"method": "邮寄", "recipient": "李秀英"})
    assert {"result_delivery.phone", "result_delivery.address"} <= set(refused.value.field_errors)
    posted = filed(ctx, 1, post, {"consent": True, "phone": "13900001111"})
    pickup = filed(ctx, 2, {"method": "自取（本代办点）"})
    line = delivery_line(ctx.applications.payload(posted))
    assert line.startswith("结果领取方式：邮寄，寄往 330106109201")
    assert "收件人 李*英" in line and "电话尾号 1111" in line and "东头12号" not in line
    assert delivery_line(ctx.applications.payload(pickup)) == "结果领取方式：自取（本代办点）"
    sync(ctx)
    for app_id in (posted, pickup):
        case_no = ctx.applications.get(app_id).case_no
        hub.service.advance(case_no, "受理")
        hub.service.advance(case_no, "办结")
    hub_case = hub.service.case(ctx.applications.get(posted).case_no)
    assert hub_case.payload["result_delivery"]["method"] == "邮寄"  # the hub knows where to post
    hub.service.advance(hub_case.case_no, "已寄出", "", Shipment("中国邮政EMS", "1180012345678"))
    sync(ctx)

    view = ctx.applications.get(posted)
    assert view.status is AppStatus.DISPATCHED
    found = ctx.public_lookup(view.case_no, view.query_code)
    assert found is not None and "1180012345678" in found.delivery

    # the pickup case waits at the desk; the posted one does not
    [waiting] = ctx.handover.waiting()
    assert waiting.application_id == pickup and waiting.days == 0
    assert dashboard(ctx.db, ctx.catalog, list_overdue=False).completed_recent == 1
    page = find_cases(ctx.db, ctx.catalog, CaseFilter(preset="completed_recent"))
    assert [v.id for v in page.views] == [pickup]

    with pytest.raises(InputError):  # no signature, none on paper
        ctx.handover.hand_over(pickup, Collector("resident", "本人"), None, AGENT)
    with pytest.raises(InputError):  # a proxy's ID must be valid …
        ctx.handover.hand_over(
            pickup, Collector(PROXY, "张建国", "330106198005060000", True), b"x", AGENT
        )
    with pytest.raises(InputError):  # … and checked
        ctx.handover.hand_over(pickup, Collector(PROXY, "张建国", PROXY_ID, False), b"x", AGENT)
    with pytest.raises(InputError):  # a posted result is not handed over here
        ctx.handover.hand_over(posted, Collector("resident", "本人"), signature_png(), AGENT)
    record = ctx.handover.hand_over(
        pickup, Collector(PROXY, "张建国", PROXY_ID, True), signature_png(), AGENT
    )
    assert ctx.applications.get(pickup).status is AppStatus.HANDED_OVER
    assert record.collector == f"代领人 张*国（身份证 {PROXY_ID[:6]}********{PROXY_ID[-4:]}）"
    assert record.signature is not None and record.signed_on == "屏幕签名"
    assert ctx.handover.waiting() == []
    assert dashboard(ctx.db, ctx.catalog, list_overdue=False).completed_recent == 0
    state = ctx.delivery.state(pickup)
    assert state is not None and state.handed_over_by == AGENT

    out = tmp_path / "handover.pdf"
    out.write_bytes(build_delivery_receipt(record, "测试村代办点"))
    text = "".join(pdf.text(out).split())
    assert "办理结果交付回执" in text and record.case_no in text
    assert "张*国" in text and "张建国" not in text and PROXY_ID not in text
    assert all(f["emb"] == "yes" for f in pdf.fonts(out))
    timeline = [e.to_status for e in ctx.applications.timeline(pickup)]
    assert timeline[-2:] == [AppStatus.COMPLETED, AppStatus.HANDED_OVER]
