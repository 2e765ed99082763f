"""The paper of one 一件事 filing (issue 19), from groups filed on a real station with the
shipped bundles: one 代办委托书 that lists every member item and is signed once, and one
受理回执 that lists every sub-case with its own reference, QR code and promised date."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from kiosk.context import AppContext
from kiosk.core.agent_identity import AgentProfile
from kiosk.core.attachments import AttachmentInput
from kiosk.core.clock import to_local, utcnow
from kiosk.core.errors import InputError, NotFound
from kiosk.core.event_bundle import pending_fields
from kiosk.core.event_filing import SIGNATURE_MATERIAL
from kiosk.core.event_plan import EventAnswers
from kiosk.core.event_views import GroupView
from kiosk.core.masking import mask_id_number
from kiosk.print.common import date_zh, local_date, lookup_uri, lookup_value
from kiosk.print.group_data import GroupMemberLine, GroupReceiptData, Principal, group_local_ref
from kiosk.print.kinds import DocumentKind
from kiosk.print.layout import Layout
from tests.conftest import AGENT
from tests.print import samples
from tests.print.test_documents import check_common
from tests.support import pdf as pdftools
from tests.support.event_answers import (
    BIRTH,
    DEATH,
    RETIREMENT,
    birth_answers,
    death_answers,
    retirement_answers,
    scans,
)

REAL_NAME, AGENT_ID, AGENT_PHONE = "王建国", "330106198203150014", "13900001111"
OLD_AGE = "330000-05-0005"  # 高龄津贴: left out below 80
PAPER_ONLY = "330000-20-0013"  # 丧葬补助金: esign_allowed false (继承)
AFTER_SETTLING = "待落户后由部门补录"  # the baby's 身份证号, filled in after 出生登记


def _today() -> dt.date:
    return to_local(utcnow()).date()


def _signature(folder: Path) -> AttachmentInput:
    """The resident's one signature on the screen, as the desk's 一件事 flow files it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "signature.png"
    path.write_bytes(samples.signature_png())
    return AttachmentInput(path, SIGNATURE_MATERIAL)


def file_birth(ctx: AppContext, folder: Path, on_paper: bool = False) -> GroupView:
    """``on_paper``: the resident signed the printed 委托书, its scan is the signed forms'
    material (``signature``) and there is no screen signature."""
    files = scans(folder, "birth_cert", "hukou", "marriage", "baby_photo")
    answers = EventAnswers.from_json(birth_answers(_today()))
    if on_paper:
        files += scans(folder / "paper", "signature")
        return ctx.event_filings.file(BIRTH, answers, AGENT, files)
    return ctx.event_filings.file(BIRTH, answers, AGENT, files, signature=_signature(folder))


def file_retirement(ctx: AppContext, folder: Path) -> GroupView:
    files = scans(folder, "id_card", "photo")
    answers = EventAnswers.from_json(retirement_answers(_today(), age=66))
    return ctx.event_filings.file(RETIREMENT, answers, AGENT, files, signature=_signature(folder))


def file_death(ctx: AppContext, folder: Path) -> GroupView:
    files = scans(folder, "death_cert", "cremation_cert", "kinship")
    answers = EventAnswers.from_json(death_answers(_today()))
    return ctx.event_filings.file(DEATH, answers, AGENT, files, signature=_signature(folder))


def write(tmp_path: Path, name: str, pdf: bytes) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return path


def compact(text: str) -> str:
    return "".join(text.split())


def between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def _top_left(path: Path, word: str) -> tuple[float, float]:
    """Where ``word`` starts (points; the copies of a 委托书 share their layout)."""
    found = [w for w in pdftools.words(path) if str(w["text"]).startswith(word)]
    assert found, word
    return float(found[0]["xMin"]), float(found[0]["yMin"])


def region(path: Path, page: int, x0: float, y0: float, x1: float, y1: float) -> str:
    """The text inside a box of one page, whitespace removed (a table column read top to
    bottom, where pdftotext would interleave the cells of a row line by line)."""
    box = ["-x", str(int(x0)), "-y", str(int(y0)), "-W", str(int(x1 - x0)), "-H", str(int(y1 - y0))]
    out = subprocess.run(
        [pdftools.need("pdftotext"), "-f", str(page), "-l", str(page), *box, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return compact(out)


def column(path: Path, page: int, header: str, next_header: str | None, below: str) -> str:
    """One column of a table: from its header to the next column's (None: the last column),
    down to ``below``."""
    x0, y0 = _top_left(path, header)
    x1 = (
        _top_left(path, next_header)[0] if next_header else float(pdftools.words(path)[0]["page_w"])
    )
    _, y1 = _top_left(path, below)
    return region(path, page, x0 - 2, y0, x1 - 2, y1 - 1)


def in_order(text: str, parts: list[str]) -> bool:
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


@pytest.fixture
def profiled(ctx: AppContext) -> AppContext:
    ctx.agent_profiles.set(AGENT, AgentProfile(REAL_NAME, AGENT_ID, AGENT_PHONE, "示范村代办点"))
    return ctx


def test_birth_authorization_lists_every_member_and_is_signed_once(profiled, tmp_path):
    ctx = profiled
    group = file_birth(ctx, tmp_path / "in")
    path = write(tmp_path, "birth-auth", ctx.printing.group_authorization(group.group_id))
    check_common(path, expect_pages=2)  # the station's copy and the resident's, one page each
    assert pdftools.page_size_mm(path) == pytest.approx((210, 297), abs=1)
    fonts = pdftools.fonts(path)
    assert any("WenQuanYiMicroHei" in f["name"] for f in fonts), fonts  # CJK, embedded
    raw = birth_answers(_today())["shared"]
    bundle = ctx.catalog.event_bundle(BIRTH)
    station_copy, resident_copy = (compact(pdftools.page_text(path, n)) for n in (1, 2))
    for text in (station_copy, resident_copy):
        assert "一件事代办委托书" in text and "“出生一件事”（330000-EV-0001" in text
        assert f"一件事受理号{group_local_ref(group.group_id)}" in text  # no hub number yet
        # the mother signs (the bundle's guardian); her number masked, the baby named
        assert "委托人（监护人）" in text and raw["mother_name"] in text
        assert mask_id_number(raw["mother_id_number"]) in text
        assert raw["mother_id_number"] not in text and raw["father_id_number"] not in text
        assert "一次签名适用于上列全部事项" in text and "至上列各事项均办结" in text
        assert text.count("委托人签名") == 1 and text.count("指印") == 2
        assert "wang" not in text and REAL_NAME in text
    for page in (1, 2):  # every member, in the bundle's order, with its own reference
        items = column(path, page, "办理事项（事项编码）", "受理机关", "委托权限")
        refs = column(path, page, "办件编号", "说明", "委托权限")
        assert in_order(items, [f"{m.item_name}{m.item_code}" for m in group.members])
        assert in_order(refs, [ctx.applications.get(m.app_id).local_ref for m in group.members])
        # the baby's 身份证号 exists only after 落户: the two members needing it say so
        notes = column(path, page, "说明", None, "委托权限")
        assert notes.count(AFTER_SETTLING) == 2, notes
        for m in group.members:
            for p in pending_fields(bundle, ctx.catalog, m.item_code):
                assert f"{p.label}：{p.note}" in notes
    assert AGENT_ID in station_copy and AGENT_ID not in resident_copy
    assert pdftools.image_count(path) == 2, "the one captured signature, on both copies"
    [png] = pdftools.render(path, tmp_path / "birth-auth", dpi=60)[:1]
    assert png.stat().st_size > 0


def test_left_out_member_is_not_delegated(ctx, tmp_path):
    group = file_retirement(ctx, tmp_path / "in")
    assert [x.item_code for x in group.left_out] == [OLD_AGE]
    path = write(tmp_path, "retire-auth", ctx.printing.group_authorization(group.group_id))
    text = check_common(path, expect_pages=2)
    delegated = between(text, "委托事项（共2项）", "以下事项本次不办理")
    assert "高龄津贴" not in delegated and OLD_AGE not in delegated
    for page in (1, 2):
        items = column(path, page, "办理事项（事项编码）", "受理机关", "以下事项本次不办理")
        assert items.startswith("办理事项（事项编码）")
        names = [f"{m.item_name}{m.item_code}" for m in group.members]
        assert items == "办理事项（事项编码）" + "".join(names)  # the table holds these only
    not_delegated = between(text, "不在本委托范围内：", "委托权限")
    assert f"高龄津贴申领（{OLD_AGE}）" in not_delegated
    assert "80周岁" in not_delegated  # and why
    assert "委托人（申请人）" in text and "的下列2个事项" in text
    assert AFTER_SETTLING not in text and "部门补录" not in text


def test_a_scan_of_the_paper_signed_authorization_is_not_printed_as_a_signature(ctx, tmp_path):
    group = file_birth(ctx, tmp_path / "in", on_paper=True)
    path = write(tmp_path, "paper", ctx.printing.group_authorization(group.group_id))
    text = check_common(path, expect_pages=2)
    assert pdftools.image_count(path) == 0  # the reprint leaves the line to sign on
    assert "委托人签名" in text


def test_authorization_printed_before_filing_to_be_signed_on_paper(profiled, tmp_path):
    """The desk's paper path: print the 委托书 from the answers, the resident signs it, its
    scan is attached, then the group is filed."""
    ctx = profiled
    answers = EventAnswers.from_json(retirement_answers(_today(), age=66))
    pdf = ctx.printing.event_authorization(RETIREMENT, answers, AGENT)
    path = write(tmp_path, "draft", pdf)
    text = check_common(path, expect_pages=2)
    plan = ctx.event_filings.plan(RETIREMENT, answers)
    applying = [d for d in plan if d.applies]
    assert [d.item_code for d in plan if not d.applies] == [OLD_AGE]
    for page in (1, 2):
        items = column(path, page, "办理事项（事项编码）", "受理机关", "以下事项本次不办理")
        refs = column(path, page, "办件编号", "说明", "以下事项本次不办理")
        assert items == "办理事项（事项编码）" + "".join(
            f"{d.item_name}{d.item_code}" for d in applying
        )
        assert refs == "办件编号" + "提交后生成" * len(applying)
    assert f"高龄津贴申领（{OLD_AGE}）" in between(text, "不在本委托范围内：", "委托权限")
    assert "受理号" not in text and "LG-" not in text  # nothing is filed yet
    assert REAL_NAME in text and AGENT_ID in text and "wang" not in text
    assert pdftools.image_count(path) == 0  # signed by hand
    assert ctx.applications.list() == []  # nothing was stored


def test_a_member_signed_on_paper_makes_the_whole_authorization_handwritten(ctx, tmp_path):
    group = file_death(ctx, tmp_path / "in")
    assert PAPER_ONLY in {m.item_code for m in group.members}
    data = ctx.printing.group_authorization_data(group.group_id)
    assert [m.item_code for m in data.paper_only] == [PAPER_ONLY]
    path = write(tmp_path, "death-auth", ctx.printing.group_authorization(group.group_id))
    text = check_common(path, expect_pages=2)
    assert pdftools.image_count(path) == 0  # the screen signature is not printed
    assert "电子签名法" in text and "本委托书由委托人亲笔签名" in text
    raw = death_answers(_today())["shared"]
    assert data.principal.name == raw["name"] and data.principal.role == "申请人"
    assert ("逝者姓名", raw["deceased_name"]) in data.principal.others
    assert mask_id_number(raw["deceased_id_number"]) in text
    assert raw["deceased_id_number"] not in text


def test_group_receipt_lists_every_sub_case_with_its_own_promised_date(ctx, tmp_path):
    group = file_birth(ctx, tmp_path / "in")
    data = ctx.printing.group_receipt_data(group.group_id)
    path = write(tmp_path, "birth-receipt", ctx.printing.group_receipt(group.group_id))
    text = check_common(path, expect_pages=1)
    assert pdftools.page_size_mm(path) == pytest.approx((210, 297), abs=1)
    assert "一件事受理回执" in text and group_local_ref(group.group_id) in text
    assert "办理事项（共4项，各自办结）" in text
    calendar = ctx.printing.calendar()
    for m, line in zip(group.members, data.members, strict=True):
        app = ctx.applications.get(m.app_id)
        item = ctx.catalog.get(m.item_code)
        filed = local_date(app.queued_at or app.created_at)
        due = calendar.add_working_days(filed, item.promised_days).date
        assert line.due_date == due, m.item_name  # its own date, from its own time limit
        assert line.due_date == ctx.printing.receipt_data(m.app_id).due_date
        assert line.reference == app.local_ref and not line.synced
    # row by row: each sub-case's name, reference, time limit and date are on its own row
    items = column(path, 1, "办理事项", "办件编号", "收取材料")
    refs = column(path, 1, "办件编号", "承诺办结时限", "收取材料")
    dates = column(path, 1, "承诺办结时限", "扫码查询", "收取材料")
    assert in_order(items, [f"{m.item_name}{m.item_code}" for m in data.members])
    assert in_order(refs, [f"本地受理号：{m.reference}查询密码：" for m in data.members])
    expected_dates = [
        f"{m.time_limit}预计{date_zh(m.due_date)}" for m in data.members if m.due_date
    ]
    assert in_order(dates, [compact(d) for d in expected_dates])
    assert len(expected_dates) == len(group.members)
    assert len({m.due_date for m in data.members}) > 1  # the dates really differ
    # each material once, with the members it serves; the signature is not a material
    names = [g.line.name for g in data.materials]
    assert len(names) == len(set(names)) == 4
    assert "户口簿（落户地）" in text and "签名（一次签名" not in text
    # every sub-case's QR code leads to that case at the terminal
    template = ctx.printing.template()
    expected = sorted(
        lookup_value(template, line.reference, line.query_code, line.scan_code)
        for line in data.members
    )
    assert pdftools.qr_codes_on_page(path, tmp_path / "birth-receipt") == expected


@pytest.mark.parametrize("layout", [Layout.ROLL_80, Layout.ROLL_58])
def test_group_receipt_on_a_roll(ctx, tmp_path, layout):
    group = file_retirement(ctx, tmp_path / "in")
    pdf = ctx.printing.group_receipt(group.group_id, layout)
    path = write(tmp_path, f"roll-{layout.value}", pdf)
    text = check_common(path, expect_pages=1)
    width, _ = pdftools.page_size_mm(path)
    assert width == pytest.approx(80 if layout is Layout.ROLL_80 else 58, abs=1)
    for m in group.members:
        assert m.item_name in text and ctx.applications.get(m.app_id).local_ref in text
    assert "高龄津贴申领" in between(text, "本次不办理的事项", "本一件事暂未联网报送")
    [png] = pdftools.render(path, tmp_path / f"roll-{layout.value}", dpi=200)
    assert len(pdftools.qr_codes(png)) == len(group.members)


def test_group_kinds_render_by_group_id_and_share_their_printers(ctx, tmp_path):
    group = file_retirement(ctx, tmp_path / "in")
    receipt = write(
        tmp_path, "kind", ctx.printing.render(DocumentKind.GROUP_RECEIPT, group.group_id)
    )
    assert "一件事受理回执" in compact(pdftools.text(receipt))
    auth = ctx.printing.render(DocumentKind.GROUP_AUTHORIZATION, group.group_id)
    assert pdftools.page_count(write(tmp_path, "kind-auth", auth)) == 2
    prefs = ctx.printing.preferences
    prefs.remember(DocumentKind.RECEIPT, "desk-thermal", Layout.ROLL_80)
    assert prefs.printer(DocumentKind.GROUP_RECEIPT) == "desk-thermal"
    assert prefs.layout(DocumentKind.GROUP_RECEIPT) is Layout.ROLL_80
    roll = write(
        tmp_path, "kind-roll", ctx.printing.render(DocumentKind.GROUP_RECEIPT, group.group_id)
    )
    assert pdftools.page_size_mm(roll)[0] == pytest.approx(80, abs=1)
    prefs.remember(DocumentKind.GROUP_AUTHORIZATION, "office-laser")
    assert ctx.settings.printer_authorization == "office-laser"
    with pytest.raises(InputError) as wrong_paper:
        ctx.printing.render(DocumentKind.GROUP_AUTHORIZATION, group.group_id, Layout.ROLL_58)
    assert "一件事代办委托书只能用 A4 纸打印" in wrong_paper.value.zh
    with pytest.raises(NotFound) as refused:
        ctx.printing.group_receipt(group.members[0].app_id)  # an application, not a group
    assert "一件事" in refused.value.zh


def test_a_group_whose_bundle_was_withdrawn_still_prints(ctx, tmp_path):
    """A catalog update may withdraw a bundle while its groups are open: their paper is
    rebuilt from the members' own answers."""
    from kiosk.core.catalog import Catalog
    from kiosk.print.group_authorization import build_group_authorization
    from kiosk.print.group_documents import GroupPaper
    from kiosk.print.group_receipt import build_group_receipt

    group = file_retirement(ctx, tmp_path / "in")
    without = Catalog(ctx.catalog.items(), event_bundles=())
    paper = GroupPaper(ctx.printing, without, ctx.event_filings.get_group)
    receipt = paper.receipt_data(group.group_id)
    raw = retirement_answers(_today(), age=66)["shared"]
    assert receipt.principal.name == raw["name"]
    assert [m.item_code for m in receipt.members] == [m.item_code for m in group.members]
    text = check_common(write(tmp_path, "r", build_group_receipt(receipt)), expect_pages=1)
    auth = paper.authorization_data(group.group_id)
    text += check_common(write(tmp_path, "a", build_group_authorization(auth)), expect_pages=2)
    for m in group.members:
        assert m.item_code in text and ctx.applications.get(m.app_id).local_ref in text


def synced_receipt() -> GroupReceiptData:
    """A group the hub has numbered: every member with its case number and query code."""
    members = tuple(
        GroupMemberLine(
            item_name=name,
            item_code=code,
            reference=f"33010620261120000000{i}",
            synced=True,
            query_code=f"{i}{i}{i}456",
            accepting_body="杭州市西湖区人力资源和社会保障局",
            case_kind="承诺件",
            promised_days=days,
            due_date=dt.date(2026, 11, 20) + dt.timedelta(days=days),
        )
        for i, (name, code, days) in enumerate(
            [
                ("城乡居民基本养老保险待遇申领", "330000-20-0002", 10),
                ("老年人优待证办理", "330000-20-0007", 3),
            ],
            start=1,
        )
    )
    return GroupReceiptData(
        station_name=samples.STATION,
        agent=samples.AGENT_NAME,
        filed_at=dt.datetime(2026, 11, 20, 2, 30),
        bundle_name="退休一件事",
        bundle_code=RETIREMENT,
        reference="G330106202611200001",
        group_numbered=True,
        principal=Principal("申请人", samples.RARE_NAME, samples.ID_NUMBER),
        members=members,
    )


@pytest.mark.parametrize("layout", [Layout.A4, Layout.ROLL_80, Layout.ROLL_58])
def test_synced_group_receipt_gives_the_group_number_and_each_case_number(tmp_path, layout):
    from kiosk.print.group_receipt import build_group_receipt

    data = synced_receipt()
    path = write(tmp_path, f"synced-{layout.value}", build_group_receipt(data, layout))
    text = check_common(path, expect_pages=1)
    assert "一件事编号" in text and data.reference in text
    assert samples.RARE_NAME in text and samples.MASKED_ID in text
    assert samples.ID_NUMBER not in text
    for m in data.members:
        assert (
            m.reference in text
            and f"查询密码{'：' if layout is Layout.A4 else ''}{m.query_code}" in text
        )
    assert "暂未联网报送" not in text and "本地受理号" not in text
    [png] = pdftools.render(path, tmp_path / f"synced-{layout.value}", dpi=200)
    assert sorted(pdftools.qr_codes(png)) == sorted(
        lookup_uri(m.reference, m.query_code) for m in data.members
    )


def test_a_synced_group_prints_its_number_and_each_case_and_its_qr_opens_the_group(
    online_ctx, tmp_path
):
    """Filed offline, sent as one group to a real hub: the reprint carries the hub's group
    number, each member's case number, query code and promised date (the group view's), and
    each sub-case's QR code, scanned at the terminal, shows the whole 一件事."""
    from kiosk.core.public_lookup import lookup

    ctx = online_ctx
    group = file_retirement(ctx, tmp_path / "in")
    assert not ctx.sync_engine().run_once(force=True).error
    synced = ctx.event_filings.get_group(group.group_id)
    assert synced.group_no and all(m.case_no for m in synced.members)
    data = ctx.printing.group_receipt_data(group.group_id)
    assert data.group_numbered and data.reference == synced.group_no
    for m, line in zip(synced.members, data.members, strict=True):
        app = ctx.applications.get(m.app_id)
        assert line.synced and line.reference == m.case_no and line.query_code == app.query_code
        assert line.due_date == m.promised  # the group's own count
        assert line.scan_code == ctx.receipt_codes().make(m.case_no or "", app.query_code)
    path = write(tmp_path, "synced", ctx.printing.group_receipt(group.group_id))
    text = check_common(path, expect_pages=1)
    assert f"一件事编号{synced.group_no}" in text and "暂未联网报送" not in text
    refs = column(path, 1, "办件编号", "承诺办结时限", "收取材料")
    assert in_order(
        refs, [f"办件编号：{m.reference}查询密码：{m.query_code}" for m in data.members]
    )
    scanned = pdftools.qr_codes_on_page(path, tmp_path / "synced")
    assert scanned == sorted(m.scan_code for m in data.members)
    for code in scanned:  # at the terminal: any sub-case's code opens the whole 一件事
        read = ctx.receipt_codes().read(code)
        found = lookup(ctx.db, ctx.catalog, ctx.cipher, read.reference, read.query_code)
        assert found is not None and found.group is not None
        assert found.group.number == synced.group_no
        assert [x.item_name for x in found.group.members] == [m.item_name for m in data.members]
    # and the group's number with any member's query code, as the receipt says
    first = data.members[0]
    assert lookup(ctx.db, ctx.catalog, ctx.cipher, data.reference, first.query_code or "")
    auth = write(tmp_path, "synced-auth", ctx.printing.group_authorization(group.group_id))
    auth_text = check_common(auth, expect_pages=2)
    assert f"一件事编号{synced.group_no}" in auth_text
    for page in (1, 2):
        refs = column(auth, page, "办件编号", "说明", "以下事项本次不办理")
        assert in_order(refs, [m.case_no or "" for m in synced.members])
