"""Issue 18 adds personal data at the station: the recipient, phone and address of a posted
result, the number a resident is told on, who collected a result (a proxy's name and
身份证号), who rated and what they wrote. None of it may be readable on disk: not in the
SQLite file or its WAL, not in the logs, not in a USB batch (grep, like the existing test)."""

from __future__ import annotations

import datetime as dt
import logging
import random

import pytest

from kiosk.core.handover import PROXY, Collector
from kiosk.demo import make_id_number
from kiosk.logs import setup_logging
from tests.conftest import AGENT, PENSION
from tests.core.test_handover import signature_png
from tests.support.residents import resident

pytestmark = pytest.mark.slow
RECIPIENT, POST_PHONE, DETAIL = "欧阳娜娜", "13712345678", "青石巷七弄九号"
NOTIFY_PHONE = "13698765432"
PROXY_NAME, PROXY_ID = "司马建国", make_id_number("330106", dt.date(1975, 8, 9), 31)
COMMENT = "窗口等候时间太长了"


def test_no_plaintext_delivery_handover_or_rating_data_on_disk(online_ctx, hub, tmp_path):
    ctx = online_ctx
    setup_logging(ctx.data_dir)
    try:
        posted = dict(resident(random.Random(5)))
        posted["result_delivery"] = {
            "method": "邮寄",
            "recipient": RECIPIENT,
            "phone": POST_PHONE,
            "address": {"division": "330106109201", "detail": DETAIL},
        }
        posted["progress_notify"] = {"consent": True, "phone": NOTIFY_PHONE}
        post_id = ctx.applications.submit(PENSION, posted, AGENT).id
        pickup = dict(resident(random.Random(6)))
        pickup["result_delivery"] = {"method": "自取（本代办点）"}
        pickup_id = ctx.applications.submit(PENSION, pickup, AGENT).id
        report = ctx.sync_engine().run_once(force=True)
        assert not report.error, report.error
        for app_id in (post_id, pickup_id):
            case_no = ctx.applications.get(app_id).case_no
            hub.service.advance(case_no, "受理")
            hub.service.advance(case_no, "办结")
        assert not ctx.sync_engine().run_once(force=True).error
        ctx.handover.hand_over(
            pickup_id, Collector(PROXY, PROXY_NAME, PROXY_ID, True), signature_png(), AGENT
        )
        assert ctx.handover.record(pickup_id) is not None
        # rated after the last sync: the rating travels on USB
        ctx.visit_ratings.record(
            pickup_id, 2, {"服务效率": 2, "服务水平": 3, "服务态度": 2}, COMMENT, AGENT, "agent"
        )
        usb = tmp_path / "usb"
        usb.mkdir()
        batch = ctx.batch_paperwork.export_batch(usb, AGENT)
        assert len(batch.manifest.ratings) == 1
        assert ctx.applications.payload(post_id)["result_delivery"]["recipient"] == RECIPIENT
        # a careless log line: phone and ID numbers are masked by the log filter
        logging.getLogger("kiosk.test").warning(
            "posting to %s, proxy %s, notify %s", POST_PHONE, PROXY_ID, NOTIFY_PHONE
        )
    finally:
        setup_logging(None)

    needles = [RECIPIENT, POST_PHONE, DETAIL, NOTIFY_PHONE, PROXY_NAME, PROXY_ID, COMMENT]
    files = [p for p in [*ctx.data_dir.rglob("*"), *usb.rglob("*")] if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files), "the WAL file is part of the check"
    assert any(p.suffix == ".log" for p in files) and any(p.suffix == ".kbatch" for p in files)
    for path in files:
        raw = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in raw, f"{needle!r} in plaintext in {path.name}"
