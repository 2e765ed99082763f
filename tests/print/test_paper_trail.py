"""The papers a township clerk holds the station to, from a real station's stored cases.

- The agent's real name, ID number and phone come from the profile the technician sets
  (``kiosk agent profile``); the login name never appears on any printout.
- Receipt and 委托书 carry the implementing body, the 实施编码, both time limits, phones and
  the materials with what became of them; the paper signature page for items that may not
  be signed on screen.
- After a catalog update that gives an item a new code (its old code kept as a former code),
  drafts, queued and synced applications filed under the old code still open, print and sync.
"""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
from PIL import Image

from kiosk.context import open_context
from kiosk.core.applications import AttachmentInput
from kiosk.core.catalog import Catalog, parse_item
from kiosk.core.catalog_bundle import export_bundle, import_catalog, load_catalog
from kiosk.core.masking import mask_id_number
from kiosk.core.status import AppStatus
from kiosk.print.kinds import DocumentKind
from kiosk.print.layout import Layout
from kiosk.print.service import _delivery
from tests.conftest import AGENT, PENSION
from tests.support import pdf as pdftools
from tests.support.stations import end_station

REAL_NAME, AGENT_ID, AGENT_PHONE = "王建国", "330106198203150014", "13900001111"
PAPER_ONLY = "330000-20-0013"


def text_of(tmp_path, name: str, pdf: bytes) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    return "".join(pdftools.text(path).split())


TECH, TECH_PIN = "tech", "864213"  # setting a profile is a technician's job


def set_profile(ctx) -> None:
    if not any(a.name == TECH for a in ctx.agents.list()):
        ctx.agents.add(TECH, "technician", TECH_PIN)
    kiosk = [sys.executable, "-m", "kiosk", "--data-dir", str(ctx.data_dir)]
    who = ["--real-name", REAL_NAME, "--id-number", AGENT_ID, "--phone", AGENT_PHONE]
    who += ["--service-point", "示范村便民服务代办点", "--agent", TECH]
    done = subprocess.run(
        [*kiosk, "agent", "profile", AGENT, *who],
        capture_output=True,
        text=True,
        timeout=120,
        input=TECH_PIN + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert AGENT_ID not in done.stdout  # masked in what the command shows


@pytest.fixture
def profiled(ctx):
    set_profile(ctx)
    ctx.settings.printer_name = ""
    (ctx.data_dir / "print-template.toml").write_text(
        '[station]\ncontact = "0571-87000001"\n', "utf-8"
    )
    return ctx


def test_profile_is_checked_and_stored_encrypted(ctx):
    from kiosk.core.agent_identity import AgentProfile
    from kiosk.core.errors import InputError

    assert ctx.agent_profiles is not None
    with pytest.raises(InputError) as err:
        ctx.agent_profiles.set(AGENT, AgentProfile(REAL_NAME, "330106198203150012", AGENT_PHONE))
    assert "校验位" in err.value.zh
    ctx.agent_profiles.set(AGENT, AgentProfile(REAL_NAME, AGENT_ID, AGENT_PHONE))
    raw = (ctx.data_dir / "kiosk.sqlite3").read_bytes()
    assert AGENT_ID.encode() not in raw and REAL_NAME.encode() not in raw
    assert ctx.agent_profiles.get(AGENT).id_number == AGENT_ID


def test_receipt_and_authorization_from_a_stored_case(profiled, resident, tmp_path):
    ctx = profiled
    scan = tmp_path / "id.jpg"
    Image.new("RGB", (300, 200), "white").save(scan, "JPEG")
    view = ctx.applications.submit(
        PENSION, resident, AGENT, [AttachmentInput(scan, "居民身份证或户口簿")]
    )
    item = ctx.catalog.get(PENSION)
    for layout in Layout:
        text = text_of(tmp_path, f"r-{layout.value}", ctx.printing.receipt(view.id, layout))
        for expected in (
            item.impl_code,
            "受理机关",
            item.implementing_body.name,
            f"法定时限{item.legal_days}个工作日",
            f"承诺时限{item.promised_days}个工作日",
            "代办点0571-87000001",
            item.department_phone,
            REAL_NAME,
            AGENT_PHONE,
            "示范村便民服务代办点",
            "原件核验退还",
            "窗口领取、代办员领回（任选其一）",  # no choice in the answers: what the item offers
        ):
            assert expected in text, (layout, expected)
        assert AGENT not in text and resident["id_number"] not in text, layout

    auth = ctx.printing.render(DocumentKind.AUTHORIZATION, view.id)
    path = tmp_path / "auth.pdf"
    path.write_bytes(auth)
    station_copy, resident_copy = ("".join(pdftools.page_text(path, n).split()) for n in (1, 2))
    for text in (station_copy, resident_copy):
        assert REAL_NAME in text and item.impl_code in text and "委托期限" in text
        assert AGENT not in text and "指印" in text and "（盖章）" in text
    assert AGENT_ID in station_copy and mask_id_number(AGENT_ID) in resident_copy
    assert AGENT_ID not in resident_copy


def test_without_a_profile_the_login_name_is_still_not_printed(ctx, resident, tmp_path):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    for kind in (DocumentKind.RECEIPT, DocumentKind.AUTHORIZATION):
        text = text_of(tmp_path, kind.value, ctx.printing.render(kind, view.id))
        assert AGENT not in text and "实名未登记" in text


def test_paper_only_item_prints_a_signature_page(profiled, tmp_path):
    ctx = profiled
    draft = ctx.applications.save_draft(PAPER_ONLY, {}, AGENT)
    text = text_of(
        tmp_path, "sig", ctx.printing.render(DocumentKind.SIGNATURE_PAGE, draft.id, Layout.A4)
    )
    item = ctx.catalog.get(PAPER_ONLY)
    for expected in ("申请人签字页", item.name, item.impl_code, REAL_NAME, "电子签名法", "指印"):
        assert expected in text, expected
    assert AGENT not in text


def test_delivery_printed_from_the_residents_choice():
    item = Catalog.shipped().get(PENSION)
    assert _delivery(item, {"delivery": "自取"}) == "自取"
    assert _delivery(item, {"delivery": "邮寄", "delivery_address": "示范村3组12号"}) == (
        "邮寄（示范村3组12号）"
    )
    assert _delivery(item, {"delivery": {"method": "邮寄", "address": "示范村3组12号"}}) == (
        "邮寄（示范村3组12号）"
    )
    assert _delivery(item, {}) == "窗口领取、代办员领回（任选其一）"


def rekeyed_bundle(data_dir) -> dict:
    """The station's catalog, one version on, where the pension item is known by its
    实施编码 and its old code is a former code."""
    current = load_catalog(data_dir)
    items = []
    for item in current.items():
        data = copy.deepcopy(item.to_json())
        if item.code == PENSION:
            data["code"] = item.impl_code
            data["former_codes"] = [PENSION]
        items.append(parse_item(data, data["code"], current.divisions))
    new = Catalog(
        items,
        version=current.version + ".9",
        released=current.released,
        synonyms=current.synonyms,
        divisions=current.divisions,
    )
    return export_bundle(new)


def test_old_code_applications_open_print_and_sync_after_the_code_changes(
    online_ctx, hub, resident, tmp_path
):
    ctx = online_ctx
    synced = ctx.applications.submit(PENSION, resident, AGENT)
    ctx.sync_engine().run_once(force=True)
    queued = ctx.applications.submit(PENSION, dict(resident), AGENT)
    draft = ctx.applications.save_draft(PENSION, dict(resident), AGENT)
    impl = ctx.catalog.get(PENSION).impl_code
    bundle = rekeyed_bundle(ctx.data_dir)
    import_catalog(bundle, ctx.data_dir)
    hub.service.catalog.publish([i for i in bundle["items"] if i["code"] == impl])
    data_dir = ctx.data_dir
    end_station(ctx)

    ctx = open_context(data_dir, demo=True)
    try:
        assert ctx.catalog.get(PENSION).code == impl and PENSION in ctx.catalog
        for app in (synced, queued, draft):
            view = ctx.applications.get(app.id)
            assert view.item_code == PENSION  # stored as filed
            text = text_of(tmp_path, f"r-{app.id}", ctx.printing.receipt(app.id))
            assert impl in text and resident["name"] in text
            auth = ctx.printing.render(DocumentKind.AUTHORIZATION, app.id)
            assert auth.startswith(b"%PDF")
        form = ctx.catalog.form_version(PENSION, ctx.applications.get(draft.id).form_version)
        assert form.fields
        ctx.sync_engine().run_once(force=True)  # the queued one, under its old code
        sent = ctx.applications.get(queued.id)
        assert sent.status is AppStatus.SUBMITTED and sent.case_no.startswith(impl)
        assert ctx.applications.get(synced.id).case_no.startswith(impl)
    finally:
        end_station(ctx)


def test_handover_list_names_the_agent_not_the_login(online_ctx, resident, tmp_path):
    ctx = online_ctx
    set_profile(ctx)
    ctx.set_hub_url("http://127.0.0.1:9")  # a village without network: batches on USB
    ctx.applications.submit(PENSION, resident, AGENT)
    usb = tmp_path / "usb"
    usb.mkdir()
    result = ctx.batch_paperwork.export_batch(usb, AGENT)
    data = ctx.batch_paperwork.export_list(result, AGENT)
    assert data.prepared_by == REAL_NAME
    text = text_of(tmp_path, "handover", ctx.printing.handover(data))
    assert REAL_NAME in text and AGENT not in text
    typed = "李接收"  # a name typed in, not a user: printed as typed
    assert ctx.batch_paperwork.paper_name(typed) == typed
