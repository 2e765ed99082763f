"""一件事 at the desk (issue 19), driven as an agent would: pick the life event by search, fill
one form (each field asked once), scan each material once, the resident signs once, and
every member item is filed together; a member's own field left empty stops the filing
under that member; an optional member can be left out and the filed group says why."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from kiosk.core.clock import to_local, utcnow
from kiosk.core.status import AppStatus
from kiosk.store.db import DB_FILE
from kiosk.ui.event_flow import EventFlowPage
from kiosk.ui.event_flow.page import FORM, MATERIALS, REVIEW, SIGN
from kiosk.ui.station_events import station_events
from tests.conftest import AGENT
from tests.support.event_answers import BIRTH, RETIREMENT, birth_answers, retirement_answers, scans
from tests.ui.driving import draw_signature

BIRTH_SCANS = ("birth_cert", "parents_id", "hukou", "marriage", "baby_photo")


def _today() -> dt.date:
    return to_local(utcnow()).date()


def _rows(ctx, sql: str) -> list[tuple]:
    conn = sqlite3.connect(ctx.data_dir / DB_FILE)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _page(qtbot, ctx) -> EventFlowPage:
    page = EventFlowPage(ctx, AGENT)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


def _choose(qtbot, page: EventFlowPage, query: str, code: str) -> None:
    page.choose.search_box.setText(query)
    assert page.choose.selected_code() == code  # found first
    page.go_next()
    assert page.current() == FORM


def _fill(qtbot, page: EventFlowPage, raw: dict) -> None:
    assert page.form.shared is not None
    page.form.shared.set_data(raw["shared"])
    for code, own in raw["members"].items():
        page.form.own[code].set_data(own)
    page.form.replan()


def _attach(page: EventFlowPage, files) -> None:
    combo = page.materials.files.material
    for f in files:
        combo.setCurrentIndex(combo.findData(f.material))
        assert page.materials.files.add_paths([f.path]) == []


def _opened_pdf_text(qtbot, monkeypatch, click, tmp_path: Path) -> str:
    """Press a print button; the text of the PDF its preview shows."""
    import subprocess

    from kiosk.ui.print_preview import PrintPreviewDialog

    opened: list[PrintPreviewDialog] = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: opened.append(self))
    click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    path = tmp_path / "preview.pdf"
    path.write_bytes(opened[-1].pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(done.stdout.split())


def test_a_birth_is_filed_as_one_visit(qtbot, ctx, tmp_path: Path, monkeypatch):
    page = _page(qtbot, ctx)
    published = []
    station_events(ctx).changed.connect(lambda changes, _o: published.append(changes))
    _choose(qtbot, page, "生孩子", BIRTH)
    bundle = ctx.catalog.event_bundle(BIRTH)
    # each field is asked once: no member's own form asks what the shared form asks
    shared_keys = set(page.form.shared.editors)
    for code, view in page.form.own.items():
        assert not set(view.editors) & set(bundle.sources(code)), code
        assert not set(view.editors) & shared_keys - {"delivery"}, code
    _fill(qtbot, page, birth_answers(_today()))
    page.go_next()
    qtbot.waitUntil(lambda: page.current() == MATERIALS, timeout=20_000)
    _attach(page, scans(tmp_path / "scans", *BIRTH_SCANS))
    page.go_next()
    assert page.current() == SIGN
    assert all(n in page.sign.items.text() for n in ("出生登记", "生育登记"))
    page.go_next()  # not signed yet: refused, stays
    assert page.current() == SIGN and "签名" in page.message.text()
    draw_signature(qtbot, page.sign.pad)
    page.go_next()
    assert page.current() == REVIEW
    page.go_next()  # 提交全部事项
    qtbot.waitUntil(lambda: page.group is not None, timeout=30_000)

    group = page.group
    assert [m.item_code for m in group.members] == list(bundle.member_codes)
    assert all(m.status is AppStatus.QUEUED for m in group.members)
    assert page.review.cases.count() == len(bundle.member_codes)
    assert published and published[-1].queued  # the sync starts, the dashboard counts again
    ids = ",".join(f"'{m.app_id}'" for m in group.members)
    # each scan stored once (one blob each), bound to every member that needs it
    blobs = _rows(ctx, f"SELECT DISTINCT sha256 FROM attachment WHERE application_id IN ({ids})")
    assert len(blobs) == len(BIRTH_SCANS) + 1  # + the one signature
    members = f"application_id IN ({ids})"
    signed = _rows(
        ctx, f"SELECT application_id FROM attachment WHERE material = '签名' AND {members}"
    )
    assert len(signed) == len(group.members)  # one signature serves every member
    names = "('落户地户口簿', '户口簿', '居民身份证或户口簿')"
    hukou = _rows(ctx, f"SELECT COUNT(*) FROM attachment WHERE material IN {names} AND {members}")
    assert hukou[0][0] == 3  # the 户口簿 scanned once, used by the three items that need it
    # one receipt that lists every sub-case, one 委托书 that lists every member item
    receipt = _opened_pdf_text(qtbot, monkeypatch, page.review.receipt_button.click, tmp_path)
    authorization = _opened_pdf_text(
        qtbot, monkeypatch, page.review.authorization_button.click, tmp_path
    )
    for m in group.members:
        assert m.item_name in receipt and m.local_ref in receipt
        assert m.item_name in authorization


def test_a_member_field_left_empty_stops_the_filing_under_that_member(qtbot, ctx):
    page = _page(qtbot, ctx)
    _choose(qtbot, page, "chusheng", BIRTH)
    raw = birth_answers(_today())
    del raw["members"]["330000-20-0009"]["bank_name"]
    _fill(qtbot, page, raw)
    page.go_next()
    qtbot.waitUntil(lambda: "需要修改" in page.message.text(), timeout=20_000)
    assert page.current() == FORM
    editor = page.form.own["330000-20-0009"].editors["bank_name"]
    assert editor.error.text()  # said under 社会保障卡申领, where the field is asked
    assert _rows(ctx, "SELECT COUNT(*) FROM application")[0][0] == 0  # nothing stored


def test_an_optional_member_left_out_is_said_with_why(qtbot, ctx, tmp_path: Path, monkeypatch):
    page = _page(qtbot, ctx)
    _choose(qtbot, page, "cs", BIRTH)
    _fill(qtbot, page, birth_answers(_today()))
    page.form.members.optional["330000-20-0005"].setChecked(False)  # 孕期已办生育登记
    qtbot.waitUntil(lambda: "✘" in page.form.members.rows["330000-20-0005"].text(), timeout=20_000)
    assert not page.form.own_boxes["330000-20-0005"].isVisible()
    page.go_next()
    qtbot.waitUntil(lambda: page.current() == MATERIALS, timeout=20_000)
    _attach(page, scans(tmp_path / "scans", *BIRTH_SCANS))
    page.go_next()
    page.sign.paper.setChecked(True)  # signs the printed 委托书 instead …
    page.go_next()
    assert page.current() == SIGN and "扫描" in page.message.text()  # … which is scanned
    to_sign = _opened_pdf_text(qtbot, monkeypatch, page.sign.print_button.click, tmp_path)
    assert "出生登记" in to_sign and "提交后生成" in to_sign  # printed before filing
    page.sign.add_paper_scan(scans(tmp_path / "paper", "signature")[0].path)
    page.go_next()
    assert "不办理“生育登记”" in page.review.summary.text()  # and why
    page.go_next()
    qtbot.waitUntil(lambda: page.group is not None or "缺" in page.message.text(), timeout=30_000)
    assert page.group is not None, page.message.text()
    assert "330000-20-0005" not in [m.item_code for m in page.group.members]
    assert [x.item_code for x in page.group.left_out] == ["330000-20-0005"]


def test_the_retirement_members_follow_the_age_as_it_is_typed(qtbot, ctx):
    page = _page(qtbot, ctx)
    _choose(qtbot, page, "退休", RETIREMENT)
    row = page.form.members.rows["330000-05-0005"]  # 高龄津贴: at 80 or older
    _fill(qtbot, page, retirement_answers(_today(), age=66))
    qtbot.waitUntil(lambda: row.text().startswith("✘"), timeout=20_000)
    _fill(qtbot, page, retirement_answers(_today(), age=81))
    qtbot.waitUntil(lambda: row.text().startswith("✔"), timeout=20_000)


def test_the_item_search_offers_the_life_event_and_opens_it(qtbot, ctx):
    from kiosk.core.agents import AgentInfo
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.new_application.item_step import BUNDLE_ROLE

    window = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    window.new_application()
    step = window.new_page.item_step
    step.search_box.setText("去世")
    first = step.items.item(0)
    assert first.data(BUNDLE_ROLE) == "330000-EV-0002" and "一件事" in first.text()
    step.items.itemActivated.emit(first)
    assert window.current_page() == "event"
    page = window.page("event")
    assert page.current() == FORM and page.form.bundle.code == "330000-EV-0002"


def test_a_member_case_shows_its_group_and_the_others(qtbot, ctx, tmp_path: Path, monkeypatch):
    from kiosk.core.agents import AgentInfo
    from kiosk.core.event_plan import EventAnswers
    from kiosk.core.lifecycle import apply_transition
    from kiosk.store.models import Application
    from kiosk.ui.case_view import CaseView

    answers = EventAnswers.from_json(retirement_answers(_today(), age=66))
    files = scans(tmp_path / "in", "id_card", "hukou", "bank_card", "photo", "signature")
    known = {m.id for m in ctx.catalog.event_bundle(RETIREMENT).materials}
    group = ctx.event_filings.file(
        RETIREMENT, answers, AGENT, [f for f in files if f.material in known]
    )
    first, second = group.members[0], group.members[1]
    with ctx.db.write() as s:  # the back office refused the second one (不予受理)
        row = s.get(Application, second.app_id)
        for target in (AppStatus.SENDING, AppStatus.SUBMITTED, AppStatus.REJECTED):
            apply_transition(s, row, target, "同步")
    view = CaseView(ctx, AgentInfo(AGENT, "agent"))
    qtbot.addWidget(view)
    view.show()
    view.load(first.app_id)
    qtbot.waitUntil(lambda: view.data is not None, timeout=20_000)
    text = view.group_label.text()
    assert view.group_label.isVisible() and "退休一件事" in text
    assert second.item_name in text and "未获办理" in text  # what is left, in words
    assert first.item_name not in text.split("同批办理：")[1]  # the others, not itself
    # its 委托书 is the group's one: the resident signed once for every member
    from kiosk.ui.print_preview import PrintPreviewDialog

    opened: list[PrintPreviewDialog] = []
    monkeypatch.setattr(PrintPreviewDialog, "open", lambda self: opened.append(self))
    view.authorization_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened[-1].objectName() == "group_authorizationPreview"
