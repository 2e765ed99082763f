"""Every document kind on every paper it supports, checked with the tools a person would use:
pdffonts (all fonts embedded), pdftotext (the fields are there, nothing runs off the page),
pdftoppm (it renders; rolls are as long as their content) and zbarimg (codes decode)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PIL import Image

from kiosk.core.catalog import Catalog
from kiosk.print.authorization import build_authorization
from kiosk.print.common import lookup_uri
from kiosk.print.guide import GuideData, build_guide
from kiosk.print.handover import batch_qr_value, build_handover
from kiosk.print.layout import Layout
from kiosk.print.receipt import build_receipt
from kiosk.print.supplement import build_supplement
from tests.print import samples
from tests.support import pdf as pdftools
from tests.support.guides import long_guide

ROLL_WIDTH_MM = {Layout.ROLL_80: 80.0, Layout.ROLL_58: 58.0}


def write(tmp_path, name, data: bytes):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    return path


def compact(text: str) -> str:
    return "".join(text.split())


def check_common(path, expect_pages: int | None = None) -> str:
    """Fonts embedded, no text beyond the page edges; returns the whitespace-free text."""
    fonts = pdftools.fonts(path)
    assert fonts, "no fonts in the PDF"
    assert all(f["emb"] == "yes" for f in fonts), fonts
    assert {f["name"].split("+")[-1].split("-")[0] for f in fonts} <= {
        "WenQuanYiMicroHei",
        "LXGWWenKai",
    }, fonts  # never an unembedded base-14 font such as Helvetica
    for w in pdftools.words(path):
        assert w["xMin"] >= -0.5 and w["xMax"] <= w["page_w"] + 0.5, w
        assert w["yMin"] >= -0.5 and w["yMax"] <= w["page_h"] + 0.5, w
    if expect_pages is not None:
        assert pdftools.page_count(path) == expect_pages
    return compact(pdftools.text(path))


def last_ink_mm_from_bottom(png, dpi: int) -> float:
    img = Image.open(png).convert("L")
    w, h = img.size
    px = img.load()
    for y in range(h - 1, -1, -1):
        if any(px[x, y] < 128 for x in range(0, w, 2)):
            return (h - 1 - y) / dpi * 25.4
    return h / dpi * 25.4


def check_roll(path, layout: Layout, tmp_path) -> None:
    width, height = pdftools.page_size_mm(path)
    assert width == pytest.approx(ROLL_WIDTH_MM[layout], abs=0.1)
    [png] = pdftools.render(path, tmp_path / f"roll-{layout.value}", dpi=100)
    # the page ends just after the content: the roll is cut there, no blank paper wasted
    assert last_ink_mm_from_bottom(png, 100) < 13, "blank paper after the content"
    assert height < 400


# --- 受理回执 -------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", list(Layout))
def test_receipt_on_every_paper(layout, tmp_path):
    data = samples.receipt()
    path = write(tmp_path, f"receipt-{layout.value}", build_receipt(data, layout))
    text = check_common(path, expect_pages=1)
    for expected in (
        "城乡居民基本养老保险参保登记",
        "330000-20-0001",
        samples.CASE_NO,
        "123456",
        samples.RARE_NAME,  # 𠮷 extracts as 𠮷 (ToUnicode fix), not as "₻"
        samples.MASKED_ID,
        samples.STATION,
        samples.AGENT_NAME,
        "13900001111",
        "示范村便民服务代办点",
        "2026-11-2010:30",
        "实施编码",
        samples.IMPL_CODE,
        "受理机关",
        samples.BODY,
        "法定时限20个工作日（不含听证",
        "承诺时限5个工作日",
        "2026年11月27日（星期五）",
        "窗口领取",
        "不收费",
        "咨询电话",
        "代办点0571-87000001",
        "0571-87001209",
        "居民身份证或户口簿",
        "原件核验退还",
        "复印件留存",
        "好差评",
    ):
        assert expected in text, expected
    assert samples.ID_NUMBER not in text and "wang" not in text
    assert "户口簿首页" not in text  # "still to bring" is for the agent's screen only
    pages = pdftools.render(path, tmp_path / f"receipt-{layout.value}", dpi=150)
    assert pdftools.qr_codes(pages[0]) == [lookup_uri(samples.CASE_NO, "123456")]
    if layout.is_roll:
        check_roll(path, layout, tmp_path)
    else:
        assert pdftools.page_size_mm(path) == pytest.approx((210, 297), abs=0.5)


@pytest.mark.parametrize("layout", [Layout.A4, Layout.ROLL_58])
def test_offline_receipt_says_local_reference_and_how_to_get_the_case_number(layout, tmp_path):
    data = samples.receipt(reference="L-0A1B2C3D4E", synced=False, query_code=None)
    path = write(tmp_path, "offline", build_receipt(data, layout))
    text = check_common(path, expect_pages=1)
    assert "本地受理号" in text and "L-0A1B2C3D4E" in text
    assert "联网报送后生成" in text and "补打回执" in text
    [png] = pdftools.render(path, tmp_path / "offline", dpi=150)
    assert pdftools.qr_codes(png) == ["KIOSKCASE:L-0A1B2C3D4E:"]


def test_receipt_due_date_outside_the_holiday_list_is_marked_approximate(tmp_path):
    data = samples.receipt(due_date=samples.dt.date(2027, 1, 8), due_date_approximate=True)
    text = check_common(write(tmp_path, "approx", build_receipt(data)))
    assert "如遇法定节假日顺延" in text


def test_receipt_without_materials_says_so(tmp_path):
    data = samples.receipt(materials=(), missing_materials=())
    text = check_common(write(tmp_path, "nomat", build_receipt(data, Layout.ROLL_80)))
    assert "本次未登记收取材料" in text


# --- 补齐补正告知书 -------------------------------------------------------------------------
@pytest.mark.parametrize("layout", list(Layout))
def test_supplement_notice_on_every_paper(layout, tmp_path):
    path = write(tmp_path, f"supp-{layout.value}", build_supplement(samples.supplement(), layout))
    text = check_common(path, expect_pages=1)
    for expected in (
        "补齐补正告知书",
        samples.RARE_NAME,
        samples.CASE_NO,
        "请补交本人银行卡复印件，原复印件不清晰。",
        "2026年12月4日（星期五）前",
        "本人银行卡或社会保障卡",  # (a wrapped table cell may extract out of order)
        "需补交的材料",
    ):
        assert expected in text, expected
    assert pdftools.render(path, tmp_path / f"supp-{layout.value}", dpi=80)
    if layout.is_roll:
        check_roll(path, layout, tmp_path)


# --- 代办委托书 ------------------------------------------------------------------------------
AGENT_ID = "330106198203150014"


def agent_authorization(**kw):
    base = dict(
        agent="王建国",
        agent_id_number=AGENT_ID,
        agent_phone="13900001111",
        service_point="示范村便民服务代办点",
        station_phone="0571-87000001",
        impl_code="11330106025011099F2000011000000",
        accepting_body="杭州市西湖区人力资源和社会保障局",
        term_from=dt.date(2026, 11, 20),
    )
    base.update(kw)
    return samples.authorization(**base)


def test_authorization_with_captured_signature(tmp_path):
    path = write(tmp_path, "auth", build_authorization(agent_authorization()))
    check_common(path, expect_pages=2)
    station_copy, resident_copy = (compact(pdftools.page_text(path, n)) for n in (1, 2))
    for text in (station_copy, resident_copy):
        for expected in (
            "代办委托书",
            samples.RARE_NAME,
            samples.MASKED_ID,
            "139****0002",
            "王建国",
            "13900001111",
            "示范村便民服务代办点",
            samples.STATION,
            "0571-87000001",
            "城乡居民基本养老保险参保登记（330000-20-0001）",
            "11330106025011099F2000011000000",
            "杭州市西湖区人力资源和社会保障局",
            samples.CASE_NO,
            "委托权限",
            "代为领取办理结果并转交本人",
            "委托期限",
            "自2026年11月20日起，至本事项办结",
            "委托人签名",
            "受托人签名",
            "指印",
            "（盖章）",
            "2026年11月20日",
        ):
            assert expected in text, expected
        assert samples.ID_NUMBER not in text and "13900000002" not in text
        assert "wang" not in text  # the login name never appears on paper
        assert text.count("指印") == 2
    assert "第一联代办点留存" in station_copy and AGENT_ID in station_copy
    assert "第二联委托人留存" in resident_copy and AGENT_ID not in resident_copy
    assert "330106********0014" in resident_copy
    assert pdftools.image_count(path) == 2, "the resident's signature, on both copies"
    assert pdftools.render(path, tmp_path / "auth", dpi=80)


def test_authorization_without_signature_leaves_lines_to_sign(tmp_path):
    data = agent_authorization(signature_png=None, signed_on=None)
    path = write(tmp_path, "auth-blank", build_authorization(data))
    text = check_common(path, expect_pages=2)
    assert pdftools.image_count(path) == 0
    assert "委托人签名" in text and "日期：2026年11月20日" not in text


def test_authorization_of_a_paper_only_item_ignores_the_screen_signature(tmp_path):
    data = agent_authorization(esign_allowed=False)
    path = write(tmp_path, "auth-paper", build_authorization(data))
    text = check_common(path, expect_pages=2)
    assert pdftools.image_count(path) == 0
    assert "电子签名法" in text and "纸面亲笔签名" in text


def test_authorization_with_a_broken_signature_image_is_refused():
    from kiosk.core.errors import KioskError

    with pytest.raises(KioskError) as err:
        build_authorization(samples.authorization(signature_png=b"not an image"))
    assert "签名" in err.value.zh


# --- 办事指南 --------------------------------------------------------------------------------
def test_long_guide_paginates_with_headers_and_page_numbers(tmp_path):
    data = long_guide()
    path = write(tmp_path, "guide", build_guide(data, station_name=samples.STATION))
    text = check_common(path)
    n = pdftools.page_count(path)
    assert n >= 4
    for page in range(1, n + 1):
        page_text = compact(pdftools.page_text(path, page))
        assert f"第{page}页共{n}页" in page_text
        assert samples.STATION in page_text and "办事指南" in page_text
    for heading in (
        "基本信息",
        "受理条件",
        "申请材料",
        "办理流程",
        "收费标准",
        "设定依据",
        "常见问题",
    ):
        assert heading in text, heading
    assert "申请材料第40项" in text and "问25" in text  # nothing lost at the end
    assert "适用情形：" in text and "样表：" in text
    assert "12345" in text  # complaint phone
    assert "gracefully" not in text  # unknown sections are skipped, not dumped
    pages = pdftools.render(path, tmp_path / "guide", dpi=50)
    assert len(pages) == n


def test_guide_of_a_shipped_item_and_of_an_item_with_almost_nothing(tmp_path):
    item = Catalog.shipped().get("330000-20-0001")
    text = check_common(write(tmp_path, "pension", build_guide(GuideData.from_item(item))))
    for expected in (
        item.name,
        "年满16周岁",
        "居民身份证或户口簿",
        "代办点收件并核验材料",
        "国发〔2014〕8号",
        "四星：网上申报、信任在先、办结核验",
    ):
        assert expected in text, expected
    bare = GuideData(code="330000-01-0002", name="某项行政许可")
    text = check_common(write(tmp_path, "bare", build_guide(bare)), expect_pages=1)
    assert "某项行政许可" in text and "受理条件" not in text


# --- 交接清单 --------------------------------------------------------------------------------
def test_handover_list_with_barcodes_and_signature_lines(tmp_path):
    data = samples.handover(18)
    path = write(tmp_path, "handover", build_handover(data))
    text = check_common(path)
    n = pdftools.page_count(path)
    assert n >= 2
    for expected in (
        "材料交接清单",
        "B-20261122-0001",
        "330106109201",
        "18件，纸质材料27份",
        "batch-330106109201-20261122.kiosk",
        "村代办员签字",
        "乡镇接收人签字",
        "张*䶮",  # names masked on a list that travels
    ):
        assert expected in text, expected
    assert samples.RARE_NAME not in text
    found: set[str] = set()
    for png in pdftools.render(path, tmp_path / "handover", dpi=300):
        found.update(pdftools.barcodes(png))
    expected_codes = {batch_qr_value(data)} | {e.reference for e in data.entries}
    assert found == expected_codes


def test_handover_of_one_case_fits_one_page(tmp_path):
    data = dataclasses.replace(samples.handover(1))
    path = write(tmp_path, "one", build_handover(data))
    check_common(path, expect_pages=1)


def test_documents_build_concurrently(tmp_path):
    """The preview, a print and the CLI may build documents at the same time (threads)."""
    from concurrent.futures import ThreadPoolExecutor

    # different characters per document: each build subsets the font files differently
    names = [samples.RARE_NAME, "王秀英", "欧阳娜娜", "龚鑫淼", "堃昇琪", "赵钱孙李周吴郑"]

    def build(i: int) -> bytes:
        data = samples.receipt(resident_name=names[i % 6], reference=f"3301062026112{i:08d}")
        return build_receipt(data, list(Layout)[i % 3])

    with ThreadPoolExecutor(6) as pool:
        pdfs = list(pool.map(build, range(24)))
    names = names * 4
    for i, pdf in enumerate(pdfs):
        path = write(tmp_path, f"c{i}", pdf)
        text = check_common(path, expect_pages=1)
        assert names[i] in text and f"3301062026112{i:08d}" in text
