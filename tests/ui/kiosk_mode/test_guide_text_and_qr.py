"""The guide as text for the screen, the printer, the voice and the phone (QR)."""

from __future__ import annotations

from PySide6.QtGui import QPixmap

from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.ui.kiosk_mode import guide_text
from kiosk.ui.kiosk_mode.qr import qr_image
from tests.conftest import PENSION
from tests.support.pdf import qr_codes


def pension() -> CatalogItem:
    return Catalog.shipped().get(PENSION)


def long_item() -> CatalogItem:
    """The pension item with a guide far too long for one QR code."""
    raw = dict(pension().raw)
    guide = dict(raw["guide"])
    guide["materials"] = [
        {"name": f"第{i}份证明材料（需村委会盖章，写明用途和有效期）", "form": "原件", "count": 1}
        for i in range(40)
    ]
    raw["guide"] = guide
    return CatalogItem.from_json(raw)


def test_sections_checklist_and_speech(qapp):
    doc = guide_text.build(pension())
    titles = [s.title for s in doc.sections]
    assert titles[:3] == ["基本信息", "谁可以办（受理条件）", "要带的材料（材料清单）"]
    [materials] = [s for s in doc.sections if s.materials]
    assert [m.name for m in materials.materials] == [
        "居民身份证或户口簿",
        "本人银行卡或社会保障卡（具有金融功能）",
        "参保登记表（申请人签字）",
    ]
    assert materials.materials[0].line == "居民身份证或户口簿（原件 1 份）"
    assert "承诺时限：5 个工作日" in doc.sections[0].lines
    spoken = guide_text.speech_text(doc)
    assert spoken.startswith("城乡居民基本养老保险参保登记。")
    assert "必须：居民身份证或户口簿（原件 1 份），核验后退回" in spoken
    assert "国发〔2014〕8号" not in spoken  # the legal basis is printed, not read out
    html = guide_text.to_html(doc)
    assert "国发〔2014〕8号" in html and html.count("☐") == 3


def test_qr_code_scans_back_to_the_guide_summary(qapp, tmp_path):
    payload = guide_text.qr_payload(pension())
    assert payload.startswith("办事指南：城乡居民基本养老保险参保登记")
    assert "居民身份证或户口簿" in payload and "0571-0000-1234" in payload
    png = tmp_path / "qr.png"
    assert QPixmap.fromImage(qr_image(payload, 340)).save(str(png))
    assert "\n".join(qr_codes(png)) == payload  # zbarimg prints one line per text line


def test_a_long_guide_still_gives_a_scannable_code(qapp, tmp_path):
    payload = guide_text.qr_payload(long_item())
    assert len(payload.encode()) <= guide_text.QR_BYTE_BUDGET
    assert payload.startswith("办事指南：") and "等" in payload  # shortened, and says so
    png = tmp_path / "qr.png"
    QPixmap.fromImage(qr_image(payload, 340)).save(str(png))
    assert "\n".join(qr_codes(png)) == payload  # zbarimg prints one line per text line


def test_an_online_guide_address_wins(qapp):
    raw = dict(pension().raw, url="https://example.invalid/guide/330000-20-0001")
    assert guide_text.qr_payload(CatalogItem.from_json(raw)) == raw["url"]
