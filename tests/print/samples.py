"""Document inputs shared by the print tests: a resident named with 生僻字, real-looking data."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image, ImageDraw

from kiosk.print.authorization import AuthorizationData
from kiosk.print.common import MaterialLine
from kiosk.print.handover import HandoverData, HandoverEntry
from kiosk.print.receipt import ReceiptData
from kiosk.print.supplement import SupplementData

RARE_NAME = "张𠮷䶮"  # 𠮷 U+20BB7 is outside the BMP, 䶮 U+4DAE inside it
ID_NUMBER = "330106197506300176"
MASKED_ID = "330106********0176"
CASE_NO = "330106202611200000001"
STATION = "西湖区示范村代办点（演示）"
AGENT_NAME = "王建国"  # the agent's real name; the login name ("wang") never reaches paper
IMPL_CODE = "11330106025011099F2000011000000"
BODY = "杭州市西湖区人力资源和社会保障局"


def signature_png() -> bytes:
    """A hand-drawn-looking signature on a transparent background, as a pad would save it."""
    im = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    ImageDraw.Draw(im).line(
        [(20, 150), (120, 40), (200, 160), (300, 50), (420, 150), (560, 80)],
        fill=(0, 0, 80, 255),
        width=8,
    )
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def receipt(**kw) -> ReceiptData:
    base = dict(
        station_name=STATION,
        agent=AGENT_NAME,
        filed_at=dt.datetime(2026, 11, 20, 2, 30),  # UTC: 10:30 in Shanghai
        item_name="城乡居民基本养老保险参保登记",
        item_code="330000-20-0001",
        reference=CASE_NO,
        synced=True,
        resident_name=RARE_NAME,
        resident_id_number=ID_NUMBER,
        promised_days=5,
        query_code="123456",
        case_kind="承诺件",
        department="县人力资源和社会保障局",
        due_date=dt.date(2026, 11, 27),
        materials=(
            MaterialLine("居民身份证或户口簿", "原件", 1, "核验后退回"),
            MaterialLine("本人银行卡或社会保障卡（具有金融功能）", "复印件", 1, "用于代扣缴费"),
        ),
        missing_materials=("户口簿首页",),
        delivery="窗口领取、代办员领回（任选其一）",
        impl_code=IMPL_CODE,
        accepting_body=BODY,
        legal_days=20,
        agent_phone="13900001111",
        service_point="示范村便民服务代办点",
        station_phone="0571-87000001",
        department_phone="0571-87001209",
    )
    base.update(kw)
    return ReceiptData(**base)


def authorization(**kw) -> AuthorizationData:
    base = dict(
        station_name=STATION,
        agent="wang",
        resident_name=RARE_NAME,
        resident_id_number=ID_NUMBER,
        item_name="城乡居民基本养老保险参保登记",
        item_code="330000-20-0001",
        reference=CASE_NO,
        resident_phone="13900000002",
        signature_png=signature_png(),
        signed_on=dt.date(2026, 11, 20),
    )
    base.update(kw)
    return AuthorizationData(**base)


def supplement(**kw) -> SupplementData:
    base = dict(
        station_name=STATION,
        agent="wang",
        item_name="城乡居民基本养老保险参保登记",
        item_code="330000-20-0001",
        reference=CASE_NO,
        resident_name=RARE_NAME,
        requested_at=dt.datetime(2026, 11, 21, 1, 0),
        reason="请补交本人银行卡复印件，原复印件不清晰。",
        missing=(
            MaterialLine("本人银行卡或社会保障卡（具有金融功能）", "复印件", 1, "用于代扣缴费"),
        ),
        deadline=dt.date(2026, 12, 4),
    )
    base.update(kw)
    return SupplementData(**base)


def handover(n: int = 18) -> HandoverData:
    entries = tuple(
        HandoverEntry(
            reference=f"33010620261120{i:07d}" if i % 3 else f"L-{i:010X}",
            item_name="城乡居民基本养老保险参保登记",
            resident_name=RARE_NAME if i == 1 else "王秀英",
            materials=(
                (
                    MaterialLine("本人银行卡或社会保障卡（具有金融功能）", "复印件", 1),
                    MaterialLine("户口簿", "复印件", 2),
                )
                if i % 2
                else ()
            ),
        )
        for i in range(1, n + 1)
    )
    return HandoverData(
        batch_id="B-20261122-0001",
        station_name=STATION,
        station_code="330106109201",
        created_at=dt.datetime(2026, 11, 22, 2, 0),
        prepared_by="wang",
        entries=entries,
        batch_file="batch-330106109201-20261122.kiosk",
    )
