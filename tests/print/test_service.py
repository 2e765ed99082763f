"""PrintService on a real station: documents derived from stored (encrypted) cases."""

from __future__ import annotations

import json

import pytest
from PIL import Image

from kiosk.core.applications import AttachmentInput
from kiosk.core.errors import InputError, KioskError
from kiosk.core.masking import mask_id_number
from kiosk.core.settings import load_settings
from kiosk.print.common import local_date
from kiosk.print.handover import HandoverData
from kiosk.print.kinds import DocumentKind
from kiosk.print.layout import Layout
from kiosk.print.service import deadline_in
from tests.conftest import AGENT, PENSION
from tests.print import samples
from tests.support import pdf as pdftools

ID_CARD = "居民身份证或户口簿"
BANK_CARD = "本人银行卡或社会保障卡（具有金融功能）"


def attach(tmp_path, name: str, material: str, data: bytes | None = None) -> AttachmentInput:
    path = tmp_path / name
    if data is None:  # a small real scan (the store refuses image files that are not images)
        Image.new("RGB", (300, 200), (230, 230, 230)).save(path, "JPEG")
    else:
        path.write_bytes(data)
    return AttachmentInput(path, material)


def compact_text(path) -> str:
    return "".join(pdftools.text(path).split())


@pytest.fixture
def filed(ctx, resident, tmp_path):
    """An application with a scanned ID card, an extra scan and the resident's signature."""
    attachments = [
        attach(tmp_path, "id.jpg", ID_CARD),
        attach(tmp_path, "hukou.jpg", "户籍证明"),
        attach(tmp_path, "sig.png", "签名", samples.signature_png()),
    ]
    return ctx.applications.submit(
        PENSION, dict(resident, name=samples.RARE_NAME), AGENT, attachments
    )


def test_receipt_data_from_the_stored_case(ctx, filed):
    data = ctx.printing.receipt_data(filed.id)
    assert data.resident_name == samples.RARE_NAME
    assert data.reference == filed.local_ref and not data.synced
    names = [(m.name, m.form, m.count) for m in data.materials]
    assert names == [(ID_CARD, "原件", 1), ("户籍证明", "扫描件", 1)]  # the signature is not
    assert data.missing_materials == (BANK_CARD,)
    expected_due = ctx.printing.calendar().add_working_days(local_date(data.filed_at), 5)
    assert data.due_date == expected_due.date
    assert data.delivery == "窗口领取、代办员领回（任选其一）"
    assert data.fee == "不收费" and data.case_kind == "承诺件"


def test_station_holiday_file_changes_the_expected_date(ctx, filed):
    before = ctx.printing.receipt_data(filed.id)
    start = local_date(before.filed_at)
    # declare every one of the next 60 days a holiday: the due date moves past them
    import datetime as dt

    days = [(start + dt.timedelta(days=i)).isoformat() for i in range(1, 61)]
    (ctx.data_dir / "my-holidays.json").write_text(
        json.dumps({"years": [start.year, start.year + 1], "holidays": days}), "utf-8"
    )
    ctx.settings.holidays_file = "my-holidays.json"
    after = ctx.printing.receipt_data(filed.id)
    assert after.due_date is not None and before.due_date is not None
    assert after.due_date > start + dt.timedelta(days=60) > before.due_date


def test_authorization_prints_the_captured_signature(ctx, filed, tmp_path, resident):
    data = ctx.printing.authorization_data(filed.id)
    assert data.signature_png == samples.signature_png()
    assert data.signed_on == local_date(filed.created_at)
    out = tmp_path / "auth.pdf"
    out.write_bytes(ctx.printing.render(DocumentKind.AUTHORIZATION, filed.id))
    assert pdftools.image_count(out) == 2  # the station's copy and the resident's
    text = compact_text(out)
    assert samples.RARE_NAME in text and mask_id_number(resident["id_number"]) in text
    assert resident["id_number"] not in text


def test_authorization_without_signature_attachment(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    data = ctx.printing.authorization_data(view.id)
    assert data.signature_png is None and data.signed_on is None


def test_receipt_on_the_remembered_paper(ctx, filed, tmp_path):
    ctx.printing.preferences.remember(DocumentKind.RECEIPT, "EPSON-TM-T82", Layout.ROLL_58)
    out = tmp_path / "r.pdf"
    out.write_bytes(ctx.printing.render(DocumentKind.RECEIPT, filed.id))
    assert pdftools.page_size_mm(out)[0] == pytest.approx(58, abs=0.1)
    stored = load_settings(ctx.data_dir)  # survives a restart
    assert stored.printer_receipt == "EPSON-TM-T82" and stored.paper_receipt == "58mm"


def test_a4_only_documents_refuse_rolls(ctx, filed):
    with pytest.raises(InputError) as err:
        ctx.printing.render(DocumentKind.GUIDE, PENSION, Layout.ROLL_80)
    assert "A4" in err.value.zh
    with pytest.raises(InputError):
        ctx.printing.preferences.remember(DocumentKind.AUTHORIZATION, "x", Layout.ROLL_58)
    with pytest.raises(KioskError):
        ctx.printing.render(DocumentKind.HANDOVER, filed.id)


def test_guide_through_the_service(ctx, tmp_path):
    out = tmp_path / "g.pdf"
    out.write_bytes(ctx.printing.render(DocumentKind.GUIDE, PENSION))
    assert "城乡居民基本养老保险参保登记" in compact_text(out)


def test_no_supplement_notice_without_a_request(ctx, filed):
    with pytest.raises(InputError) as err:
        ctx.printing.supplement_data(filed.id)
    assert "没有补齐补正要求" in err.value.zh


def test_handover_entry_carries_paper_not_scans_or_returned_originals(ctx, tmp_path, resident):
    view = ctx.applications.submit(
        PENSION,
        resident,
        AGENT,
        [attach(tmp_path, "a.jpg", ID_CARD), attach(tmp_path, "b.jpg", BANK_CARD)],
    )
    entry = ctx.printing.handover_entry(view.id)
    assert entry.reference == view.local_ref
    assert [(m.name, m.form) for m in entry.materials] == [(BANK_CARD, "复印件")]
    out = tmp_path / "h.pdf"
    batch = HandoverData(
        batch_id="B-1",
        station_name=ctx.printing.station(),
        station_code="330106109201",
        created_at=view.created_at,
        prepared_by=AGENT,
        entries=(entry,),
    )
    out.write_bytes(ctx.printing.handover(batch))
    assert view.local_ref in compact_text(out)


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("请于2026年12月31日前补交银行卡复印件", (2026, 12, 31)),
        ("补正期限 2027-01-08", (2027, 1, 8)),
        ("请补交银行卡复印件", None),
        ("2026年2月30日", None),
    ],
)
def test_deadline_written_in_the_request(note, expected):
    import datetime as dt

    assert deadline_in(note) == (dt.date(*expected) if expected else None)


@pytest.mark.slow
def test_reprint_after_sync_shows_case_number_and_supplement_from_the_hub(
    online_ctx, hub, resident, tmp_path
):
    view = online_ctx.applications.submit(PENSION, dict(resident, name=samples.RARE_NAME), AGENT)
    offline = tmp_path / "offline.pdf"
    offline.write_bytes(online_ctx.printing.receipt(view.id, Layout.ROLL_80))
    assert "本地受理号" in compact_text(offline)
    online_ctx.sync_engine().run_once()
    view = online_ctx.applications.get(view.id)
    assert view.case_no
    reprint = tmp_path / "reprint.pdf"
    reprint.write_bytes(online_ctx.printing.receipt(view.id, Layout.ROLL_80))
    text = compact_text(reprint)
    assert view.case_no in text and view.query_code in text and "本地受理号" not in text

    hub.service.advance(view.case_no, "补齐补正", "请补交本人银行卡复印件，原复印件不清晰。")
    online_ctx.sync_engine().run_once(force=True)
    data = online_ctx.printing.supplement_data(view.id)
    assert data.reason == "请补交本人银行卡复印件，原复印件不清晰。"
    assert [m.name for m in data.missing] == [BANK_CARD]
    expected = online_ctx.printing.calendar().add_working_days(
        local_date(data.requested_at), online_ctx.settings.supplement_days
    )
    assert data.deadline == expected.date
    out = tmp_path / "supp.pdf"
    out.write_bytes(online_ctx.printing.render(DocumentKind.SUPPLEMENT, view.id, Layout.A4))
    text = compact_text(out)
    assert "原复印件不清晰" in text and view.case_no in text and samples.RARE_NAME in text
