import io
import sqlite3

import pytest
from PIL import Image

from kiosk.core.applications import AttachmentInput
from kiosk.core.errors import InputError, NotFound, ValidationFailed
from kiosk.core.status import AppStatus, IllegalTransition
from tests.conftest import AGENT, PENSION


def _rows(ctx) -> int:
    with sqlite3.connect(ctx.data_dir / "kiosk.sqlite3") as conn:
        return conn.execute("select count(*) from application").fetchone()[0]


def photo(path, size=(3000, 2000)):
    Image.new("RGB", size, (200, 180, 160)).save(path, "PNG")
    return path


def test_submit_queues_durably(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    assert view.status is AppStatus.QUEUED
    # a separate connection (another process, after a crash) sees it
    with sqlite3.connect(ctx.data_dir / "kiosk.sqlite3") as conn:
        (status,) = conn.execute("select status from application where id=?", (view.id,)).fetchone()
        (mode,) = conn.execute("pragma journal_mode").fetchone()
    assert status == "queued" and mode == "wal"
    assert ctx.applications.payload(view.id)["name"] == resident["name"]
    steps = [(e.from_status, e.to_status) for e in ctx.applications.timeline(view.id)]
    assert steps == [(None, AppStatus.DRAFT), (AppStatus.DRAFT, AppStatus.QUEUED)]


def test_invalid_payload_stores_nothing(ctx, resident):
    with pytest.raises(ValidationFailed) as err:
        ctx.applications.submit(PENSION, dict(resident, id_number="330106196203140221"), AGENT)
    assert "id_number" in err.value.field_errors
    assert _rows(ctx) == 0


def test_unknown_item_stores_nothing(ctx, resident):
    with pytest.raises(NotFound):
        ctx.applications.submit("000000-00-0000", resident, AGENT)
    assert _rows(ctx) == 0


def test_no_plaintext_personal_data_on_disk(ctx, resident, tmp_path):
    import logging

    from kiosk.logs import setup_logging

    setup_logging(ctx.data_dir)
    # even a careless log line must not leak an identifier (the scrub filter masks it)
    logging.getLogger("kiosk.test").warning(
        "resident %s phone %s", resident["id_number"], resident["phone"]
    )
    scan = tmp_path / "hukou-scan.pdf"
    scan.write_bytes(b"%PDF-1.4 " + resident["name"].encode() + resident["id_number"].encode())
    view = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan, "户口簿")])
    record = ctx.residents.remember(resident, AGENT, consent=True)
    ctx.residents.find_by_id_number(resident["id_number"], AGENT)
    ctx.backups.backup(ctx.data_dir / "backups" / "manual.kbak", AGENT)
    ctx.applications.payload(view.id)
    assert record.data["name"] == resident["name"]
    needles = [
        resident["name"],
        resident["id_number"],
        resident["phone"],
        resident["address"],
        "hukou-scan",
    ]
    files = [p for p in ctx.data_dir.rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files), "the WAL file is part of the check"
    assert any(p.suffix == ".kbak" for p in files) and any(p.suffix == ".log" for p in files)
    for path in files:
        raw = path.read_bytes()
        for needle in needles:
            assert needle.encode() not in raw, f"{needle!r} in plaintext in {path.name}"
    setup_logging(None)


def test_large_photos_are_downscaled_but_legible(ctx, resident, tmp_path):
    view = ctx.applications.submit(
        PENSION, resident, AGENT, [AttachmentInput(photo(tmp_path / "id.png"), "身份证")]
    )
    [att] = _attachments(ctx, view.id)
    assert att.mime == "image/jpeg"
    with Image.open(io.BytesIO(ctx.blobs.get(att.sha256))) as img:
        assert max(img.size) == 2000 and min(img.size) == 1333


def test_small_images_and_pdfs_are_kept_as_they_are(ctx, resident, tmp_path):
    small = photo(tmp_path / "small.png", (800, 600))
    view = ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(small)])
    [att] = _attachments(ctx, view.id)
    assert att.mime == "image/png" and ctx.blobs.get(att.sha256) == small.read_bytes()


def test_attachment_limits_and_broken_files(ctx, resident, tmp_path, monkeypatch):
    scan = tmp_path / "id.pdf"
    scan.write_bytes(b"%PDF-1.4" + bytes(range(256)) * 10)
    monkeypatch.setattr("kiosk.core.attachments.MAX_FILE_BYTES", 100)
    with pytest.raises(InputError) as err:
        ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(scan)])
    assert "超过" in err.value.zh
    with pytest.raises(InputError):
        ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(tmp_path / "nope.png")])
    fake = tmp_path / "fake.jpg"
    fake.write_bytes(b"not really a jpeg")
    with pytest.raises(InputError) as err:
        ctx.applications.submit(PENSION, resident, AGENT, [AttachmentInput(fake)])
    assert "图片" in err.value.zh
    assert _rows(ctx) == 0


def _attachments(ctx, app_id):
    from sqlalchemy import select

    from kiosk.store.models import Attachment

    with ctx.db.read() as s:
        return list(s.scalars(select(Attachment).where(Attachment.application_id == app_id)))


def test_draft_survives_restart_and_keeps_its_form_version(ctx, resident, tmp_path):
    from kiosk.context import open_context

    draft = ctx.applications.save_draft(PENSION, {"name": resident["name"]}, AGENT)
    ctx.close()
    again = open_context(ctx.data_dir)
    [found] = again.applications.drafts()
    assert found.id == draft.id and found.form_version == 1
    assert again.applications.payload(draft.id) == {"name": resident["name"]}
    with pytest.raises(ValidationFailed):  # incomplete drafts cannot be submitted
        again.applications.submit_draft(draft.id, AGENT)
    again.applications.save_draft(PENSION, resident, AGENT, draft_id=draft.id)
    submitted = again.applications.submit_draft(draft.id, AGENT)
    assert submitted.status is AppStatus.QUEUED and submitted.id == draft.id
    again.close()


def test_draft_of_an_old_form_version_is_explained(ctx, resident, monkeypatch):
    draft = ctx.applications.save_draft(PENSION, resident, AGENT)
    with ctx.db.write() as s:
        from kiosk.store.models import Application

        s.get(Application, draft.id).form_version = 0  # started on a form that is gone
    with pytest.raises(InputError) as err:
        ctx.applications.submit_draft(draft.id, AGENT)
    assert "表单已更新" in err.value.zh
    changes = ctx.applications.move_draft_to_current_form(draft.id, AGENT)
    assert "表单由第 0 版更新为第 1 版" in changes[0]
    assert ctx.applications.submit_draft(draft.id, AGENT).status is AppStatus.QUEUED


def test_withdraw_needs_reason_and_is_final(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    with pytest.raises(InputError):
        ctx.applications.withdraw(view.id, AGENT, " ")
    done = ctx.applications.withdraw(view.id, AGENT, "居民决定暂不办理")
    assert done.status is AppStatus.WITHDRAWN
    assert ctx.applications.timeline(view.id)[-1].reason == "居民决定暂不办理"
    with pytest.raises(IllegalTransition):
        ctx.applications.withdraw(view.id, AGENT, "again")


def test_supplement_round_trip_adds_materials(ctx, resident, tmp_path):
    from kiosk.core.lifecycle import apply_transition
    from kiosk.store.models import Application

    view = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:  # what the sync engine does when the hub asks for 补齐补正
        row = s.get(Application, view.id)
        for target in (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.NEED_SUPPLEMENT):
            apply_transition(s, row, target, "同步")
    with pytest.raises(InputError):
        ctx.applications.supplement(view.id, AGENT, [])
    scan = tmp_path / "bank.pdf"
    scan.write_bytes(b"%PDF-1.4 bank card copy")
    again = ctx.applications.supplement(
        view.id, AGENT, [AttachmentInput(scan, "银行卡复印件")], {"phone": "13900009999"}
    )
    assert again.status is AppStatus.QUEUED and again.revision == 1
    assert again.attachment_count == 1
    assert ctx.applications.payload(view.id)["phone"] == "13900009999"


def test_quarantined_reopens_as_draft_and_conflict_as_new_copy(ctx, resident):
    from kiosk.core.lifecycle import apply_transition
    from kiosk.store.models import Application

    a = ctx.applications.submit(PENSION, resident, AGENT)
    b = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:
        for app_id, end in ((a.id, AppStatus.QUARANTINED), (b.id, AppStatus.CONFLICT)):
            row = s.get(Application, app_id)
            apply_transition(s, row, AppStatus.SENDING, "同步")
            apply_transition(s, row, end, "同步", "hub said so")
    assert ctx.applications.reopen(a.id, AGENT).status is AppStatus.DRAFT
    copy = ctx.applications.reopen(b.id, AGENT)
    assert copy.id != b.id and copy.status is AppStatus.DRAFT
    assert ctx.applications.payload(copy.id) == ctx.applications.payload(b.id)
    assert ctx.applications.get(b.id).status is AppStatus.WITHDRAWN


def test_draft_keeps_its_files_and_signature(ctx, resident, tmp_path):
    draft = ctx.applications.save_draft(PENSION, {"name": resident["name"]}, AGENT)
    sig = photo(tmp_path / "signature.png", (600, 200))
    view = ctx.applications.attach(draft.id, AGENT, [AttachmentInput(sig, "签名")])
    assert view.attachment_count == 1
    [info] = ctx.applications.attachments(draft.id)
    assert info.material == "签名" and info.filename == "signature.png"
    assert ctx.applications.attachment_bytes(draft.id, info.id) == sig.read_bytes()
    ctx.applications.save_draft(PENSION, resident, AGENT, draft_id=draft.id)
    submitted = ctx.applications.submit_draft(draft.id, AGENT)
    assert submitted.attachment_count == 1
    with pytest.raises(InputError):
        ctx.applications.attach(draft.id, AGENT, [AttachmentInput(sig)])
