"""The review page and the case view show every answer that exists (issue 14): the computed
年龄 with its value, an attachment field by its stored files, the signature as signed;
"—" only for what really is empty."""

from __future__ import annotations

from kiosk.core.applications import AttachmentInfo
from kiosk.core.catalog import Catalog
from kiosk.demo import PENSION_ITEM, demo_residents
from kiosk.ui.new_application.review_step import answer_rows
from kiosk.ui.new_application.state import SIGNATURE_MATERIAL


def _file(n: int, material: str, name: str) -> AttachmentInfo:
    return AttachmentInfo(n, "0" * 64, 3000, "image/png", material, name)


def test_computed_files_and_signature_are_shown(qapp):
    form = Catalog.shipped().get(PENSION_ITEM).form
    data = dict(demo_residents()[0])
    scan = _file(1, "居民身份证或户口簿", "身份证正反面.png")
    signed = _file(2, SIGNATURE_MATERIAL, "signature.png")
    rows = dict(answer_rows(form, data, [scan, signed]))
    labels = {f.key: f.label for f in form.fields}
    assert rows[labels["age"]].isdigit() and int(rows[labels["age"]]) > 50  # born 1962
    assert rows[labels["id_scan"]] == "身份证正反面.png（3 KB）"
    assert rows[labels["signature"]] == "已签名（在屏幕上）"

    nothing = dict(answer_rows(form, data, [], paper_signature=True))
    assert nothing[labels["id_scan"]] == "—"  # really none
    assert nothing[labels["signature"]] == "在纸质委托书上签字或按手印"


def test_pages_and_signing_time_when_the_files_say_them(qapp):
    import datetime as dt

    from kiosk.core.attachment_facts import AttachmentFacts

    form = Catalog.shipped().get(PENSION_ITEM).form
    data = dict(demo_residents()[0])
    scan = _file(1, "居民身份证或户口簿", "身份证正反面.pdf")
    signed = _file(2, SIGNATURE_MATERIAL, "signature.png")
    facts = {
        1: AttachmentFacts(pages=3),
        2: AttachmentFacts(pages=1, signed_at=dt.datetime(2026, 12, 6, 2, 41)),  # UTC
    }
    rows = dict(answer_rows(form, data, [scan, signed], facts=facts))
    labels = {f.key: f.label for f in form.fields}
    assert rows[labels["id_scan"]] == "身份证正反面.pdf（3 页，3 KB）"
    assert rows[labels["signature"]] == "已签名（2026-12-06 10:41）"  # Beijing time


def test_delivery_and_sms_choices_are_named_not_keyed(qapp):
    """结果领取方式 and 办理进度短信 (asked of every item, beside its form) by their names."""
    form = Catalog.shipped().get(PENSION_ITEM).form
    data = dict(demo_residents()[0])
    data["result_delivery"] = {
        "method": "邮寄",
        "recipient": "李秀英",
        "phone": "13900001111",
        "address": {"division": "330106109201", "detail": "东头12号"},
    }
    data["progress_notify"] = {"consent": True, "phone": "13900001111"}
    rows = dict(answer_rows(form, data, []))
    assert "result_delivery" not in rows and "progress_notify" not in rows
    assert rows["结果领取方式"].startswith("邮寄，寄往 ")
    assert "李*英" in rows["结果领取方式"] and "东头12号" not in rows["结果领取方式"]
    assert rows["办理进度短信"] == "发短信到 139****1111"
    data["progress_notify"] = {"consent": False}
    data["result_delivery"] = {"method": "自取（本代办点）"}
    rows = dict(answer_rows(form, data, []))
    assert rows["办理进度短信"] == "不发短信" and rows["结果领取方式"] == "自取（本代办点）"
