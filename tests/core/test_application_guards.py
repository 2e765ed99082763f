"""Guards of the application service: no withdrawal once the hub may hold the case, a conflict
reopens with all its files, and the per-application size limit holds across calls."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from kiosk.core.applications import AttachmentInput
from kiosk.core.errors import InputError
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import AppStatus
from kiosk.store.models import Application, Attachment
from kiosk.sync.client import HttpHubClient, HubUnreachable
from tests.conftest import AGENT, PENSION

OFFLINE = "http://127.0.0.1:9"  # nothing listens there


def scan(path: Path, size: int, seed: int = 0) -> Path:
    path.write_bytes(b"%PDF-1.4\n" + random.Random(seed).randbytes(size - 9))
    return path


def signature(path: Path) -> Path:
    Image.new("RGB", (600, 200), (250, 250, 250)).save(path, "PNG")
    return path


def state(ctx, app_id: str) -> tuple[str, int, str | None, int]:
    with ctx.db.read() as s:
        row = s.get(Application, app_id)
        n = s.scalar(select(func.count()).where(Attachment.application_id == app_id))
        return row.status, row.attempts, row.exported_batch, int(n or 0)


# --- withdrawal ----------------------------------------------------------------------------


def test_a_queued_case_on_a_usb_batch_cannot_be_withdrawn(online_ctx, resident, tmp_path):
    ctx = online_ctx
    ctx.set_hub_url(OFFLINE)  # a village without network
    app = ctx.applications.submit(
        PENSION, resident, AGENT, [AttachmentInput(scan(tmp_path / "hukou.pdf", 5000), "户口簿")]
    )
    assert not ctx.applications.get(app.id).may_have_left
    usb = tmp_path / "usb"
    usb.mkdir()
    ctx.batch_paperwork.export_batch(usb, AGENT)
    before = state(ctx, app.id)
    assert before[0] == "queued" and before[2] is not None
    assert ctx.applications.get(app.id).may_have_left
    with pytest.raises(InputError) as err:
        ctx.applications.withdraw(app.id, AGENT, "居民决定不办了")
    assert "U盘批次" in err.value.zh and "回传文件" in err.value.zh
    assert "办件编号" in err.value.zh and "乡镇" in err.value.zh
    assert state(ctx, app.id) == before  # nothing changed
    assert ctx.applications.payload(app.id)["name"] == resident["name"]
    assert [e.to_status for e in ctx.applications.timeline(app.id)][-1] is AppStatus.QUEUED


def test_a_case_sent_without_an_answer_cannot_be_withdrawn(online_ctx, hub, resident, monkeypatch):
    ctx = online_ctx
    app = ctx.applications.submit(PENSION, resident, AGENT)
    real_submit = HttpHubClient.submit

    def answer_lost(self, items):  # the hub creates the case; its answer never arrives
        real_submit(self, items)
        raise HubUnreachable("连接省级平台超时", "timeout: ReadTimeout")

    monkeypatch.setattr(HttpHubClient, "submit", answer_lost)
    engine = ctx.sync_engine()
    engine._sleep = lambda _s: None
    report = engine.run_once(force=True)
    assert report.error and hub.service.stats()["cases"] == 1
    status, attempts, _batch, _n = state(ctx, app.id)
    assert status == "queued" and attempts > 0
    assert ctx.applications.get(app.id).may_have_left
    with pytest.raises(InputError) as err:
        ctx.applications.withdraw(app.id, AGENT, "居民决定不办了")
    assert "已发往省级平台" in err.value.zh and "立即同步" in err.value.zh
    assert state(ctx, app.id)[0] == "queued"
    # the next sync brings the answer: the station and the hub agree again
    monkeypatch.setattr(HttpHubClient, "submit", real_submit)
    ctx.sync_engine().run_once(force=True)
    view = ctx.applications.get(app.id)
    assert view.status is AppStatus.SUBMITTED and view.case_no


def test_a_failed_attempt_that_never_reached_the_hub_can_still_be_withdrawn(
    online_ctx, resident, tmp_path
):
    """Offline, every sync fails before the submission request: the agent can still withdraw."""
    ctx = online_ctx
    ctx.set_hub_url(OFFLINE)
    app = ctx.applications.submit(
        PENSION, resident, AGENT, [AttachmentInput(scan(tmp_path / "hukou.pdf", 5000), "户口簿")]
    )
    engine = ctx.sync_engine()
    engine._sleep = lambda _s: None
    assert engine.run_once(force=True).error
    assert state(ctx, app.id)[:2] == ("queued", 0)
    assert not ctx.applications.get(app.id).may_have_left
    assert ctx.applications.withdraw(app.id, AGENT, "居民决定不办了").status is (
        AppStatus.WITHDRAWN
    )


def test_sending_and_supplemented_cases_cannot_be_withdrawn(ctx, resident):
    sending = ctx.applications.submit(PENSION, resident, AGENT)
    supplemented = ctx.applications.submit(PENSION, resident, AGENT)
    with ctx.db.write() as s:
        apply_transition(s, s.get(Application, sending.id), AppStatus.SENDING, "同步")
        row = s.get(Application, supplemented.id)
        for target in (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.NEED_SUPPLEMENT):
            apply_transition(s, row, target, "同步")
        row.case_no = "330106202611220000001"
    with pytest.raises(InputError) as err:
        ctx.applications.withdraw(sending.id, AGENT, "居民决定不办了")
    assert "已发往省级平台" in err.value.zh
    ctx.applications.supplement(supplemented.id, AGENT, [], {"phone": "13900009999"})
    assert ctx.applications.get(supplemented.id).status is AppStatus.QUEUED
    with pytest.raises(InputError) as err:
        ctx.applications.withdraw(supplemented.id, AGENT, "居民决定不办了")
    assert "330106202611220000001" in err.value.zh and "终止办理" in err.value.zh
    assert ctx.applications.get(supplemented.id).status is AppStatus.QUEUED


# --- reopening a conflict ------------------------------------------------------------------


def test_a_conflict_reopens_with_its_scan_and_signature(online_ctx, hub, resident, tmp_path):
    ctx = online_ctx
    hukou, sig = scan(tmp_path / "hukou.pdf", 40_000), signature(tmp_path / "signature.png")
    draft = ctx.applications.save_draft(PENSION, {"name": resident["name"]}, AGENT)
    ctx.applications.attach(draft.id, AGENT, [AttachmentInput(hukou, "居民身份证或户口簿")])
    ctx.applications.attach(draft.id, AGENT, [AttachmentInput(sig, "参保登记表（申请人签字）")])
    refs = {
        a.material: [{"name": a.filename, "sha256": a.sha256, "size": a.size}]
        for a in ctx.applications.attachments(draft.id)
    }
    data = dict(
        resident,
        id_scan=refs["居民身份证或户口簿"],
        signature=refs["参保登记表（申请人签字）"],
    )
    ctx.applications.save_draft(PENSION, data, AGENT, draft_id=draft.id)
    ctx.applications.submit_draft(draft.id, AGENT)
    with ctx.db.write() as s:  # the hub answered "conflict"
        row = s.get(Application, draft.id)
        apply_transition(s, row, AppStatus.SENDING, "同步")
        apply_transition(s, row, AppStatus.CONFLICT, "同步", "内容不同")

    copy = ctx.applications.reopen(draft.id, AGENT)
    assert copy.status is AppStatus.DRAFT and copy.attachment_count == 2
    files = {a.material: a for a in ctx.applications.attachments(copy.id)}
    assert files["居民身份证或户口簿"].filename == "hukou.pdf"
    assert files["参保登记表（申请人签字）"].filename == "signature.png"
    assert ctx.applications.attachment_bytes(copy.id, files["居民身份证或户口簿"].id) == (
        hukou.read_bytes()
    )
    assert ctx.applications.attachment_bytes(copy.id, files["参保登记表（申请人签字）"].id) == (
        sig.read_bytes()
    )
    # every file reference of the form names a file the draft holds
    payload = ctx.applications.payload(copy.id)
    held = {a.sha256 for a in files.values()}
    assert {r["sha256"] for key in ("id_scan", "signature") for r in payload[key]} == held
    # the original keeps its files (its history), and the copy is a new submission
    assert ctx.applications.get(draft.id).attachment_count == 2
    queued = ctx.applications.submit_draft(copy.id, AGENT)
    assert queued.status is AppStatus.QUEUED and queued.attachment_count == 2
    ctx.sync_engine().run_once(force=True)
    sent = ctx.applications.get(copy.id)
    assert sent.status is AppStatus.SUBMITTED and sent.case_no
    assert hub.service.stats()["cases"] == 1


# --- the per-application size limit --------------------------------------------------------

MB = 2**20


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr("kiosk.core.attachments.MAX_FILE_BYTES", 1 * MB)
    monkeypatch.setattr("kiosk.core.attachments.MAX_APPLICATION_BYTES", 3 * MB)


def test_files_added_one_by_one_stop_at_the_application_limit(
    ctx, resident, tmp_path, small_limits
):
    draft = ctx.applications.save_draft(PENSION, {"name": resident["name"]}, AGENT)
    scans = [scan(tmp_path / f"page-{i}.pdf", 900_000, seed=i) for i in range(4)]
    for page in scans[:3]:
        ctx.applications.attach(draft.id, AGENT, [AttachmentInput(page, "户口簿")])
    with pytest.raises(InputError) as err:
        ctx.applications.attach(draft.id, AGENT, [AttachmentInput(scans[3], "户口簿")])
    assert "不能超过 3 MB" in err.value.zh and "已添加 2.6 MB" in err.value.zh
    assert "还可添加 0.4 MB" in err.value.zh and "压缩" in err.value.zh
    assert "已添加的附件不受影响" in err.value.zh
    stored = ctx.applications.attachments(draft.id)
    assert [a.filename for a in stored] == ["page-0.pdf", "page-1.pdf", "page-2.pdf"]
    for info, page in zip(stored, scans, strict=False):
        assert ctx.applications.attachment_bytes(draft.id, info.id) == page.read_bytes()
    # nor can the draft be submitted with one more file
    ctx.applications.save_draft(PENSION, resident, AGENT, draft_id=draft.id)
    with pytest.raises(InputError):
        ctx.applications.submit_draft(draft.id, AGENT, [AttachmentInput(scans[3], "户口簿")])
    assert ctx.applications.get(draft.id).status is AppStatus.DRAFT
    assert ctx.applications.submit_draft(draft.id, AGENT).attachment_count == 3


def test_submitting_a_draft_rechecks_what_it_already_holds(ctx, resident, tmp_path, monkeypatch):
    draft = ctx.applications.save_draft(PENSION, resident, AGENT)
    for i in range(2):
        page = scan(tmp_path / f"page-{i}.pdf", 900_000, seed=i)
        ctx.applications.attach(draft.id, AGENT, [AttachmentInput(page, "户口簿")])
    # the limit is lower now than when the files were added (or they came in another way)
    monkeypatch.setattr("kiosk.core.attachments.MAX_APPLICATION_BYTES", 1 * MB)
    with pytest.raises(InputError) as err:
        ctx.applications.submit_draft(draft.id, AGENT)
    assert "已达上限" in err.value.zh and "删去不需要的附件" in err.value.zh
    assert state(ctx, draft.id)[0] == "draft" and state(ctx, draft.id)[3] == 2


def test_a_supplement_counts_the_files_the_case_already_has(ctx, resident, tmp_path, small_limits):
    pages = [
        AttachmentInput(scan(tmp_path / f"page-{i}.pdf", 900_000, seed=i), "户口簿")
        for i in range(3)
    ]
    app = ctx.applications.submit(PENSION, resident, AGENT, pages)
    with ctx.db.write() as s:
        row = s.get(Application, app.id)
        for target in (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.NEED_SUPPLEMENT):
            apply_transition(s, row, target, "同步", "请补充银行卡")
    bank = scan(tmp_path / "bank.pdf", 900_000, seed=9)
    with pytest.raises(InputError) as err:
        ctx.applications.supplement(app.id, AGENT, [AttachmentInput(bank, "银行卡")])
    assert "已添加 2.6 MB" in err.value.zh and "补充的文件压缩" in err.value.zh
    view = ctx.applications.get(app.id)
    assert view.status is AppStatus.NEED_SUPPLEMENT and view.attachment_count == 3
    small = scan(tmp_path / "bank-small.pdf", 200_000, seed=10)
    done = ctx.applications.supplement(app.id, AGENT, [AttachmentInput(small, "银行卡")])
    assert done.status is AppStatus.QUEUED and done.attachment_count == 4
