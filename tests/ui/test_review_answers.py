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
