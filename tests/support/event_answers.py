"""Answer sets for the shipped 一件事 bundles (each field once), and small real image files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PIL import Image

from kiosk.core.attachments import AttachmentInput
from kiosk.forms.examples import resolve_example

BIRTH, DEATH, RETIREMENT = "330000-EV-0001", "330000-EV-0002", "330000-EV-0003"


def birth_answers(today: dt.date) -> dict[str, Any]:
    return resolve_example(
        {
            "shared": {
                "baby_name": "何安安",
                "baby_sex": "女",
                "baby_birth_date": "@date:-30",
                "birth_place": {"division": "330106", "detail": "西湖区妇幼保健院"},
                "birth_cert_no": "Q330123456",
                "settle_with": "随父",
                "father_name": "何志明",
                "father_id_number": "330106199306060550",
                "mother_name": "林晓燕",
                "mother_id_number": "330106199510100484",
                "phone": "13900000010",
                "household_head": "何志明",
                "relation_to_head": "女",
                "hukou_address": {"division": "330106109203", "detail": "东山路18号"},
            },
            "members": {
                "330000-20-0003": {"special_groups": ["无"]},
                "330000-20-0009": {"bank_name": "中国农业银行", "delivery": "代办点领取"},
                "330000-20-0005": {
                    "marital_status": "已婚",
                    "child_order": "第二个孩子",
                    "children": [{"name": "何乐乐", "sex": "男", "birth_date": "2021-05-05"}],
                    "pregnant": False,
                },
            },
        },
        today,
    )


def death_answers(today: dt.date, insured: bool = True) -> dict[str, Any]:
    return resolve_example(
        {
            "shared": {
                "deceased_name": "卫老汉",
                "deceased_id_number": "330106194009090152",
                "death_date": "@date:-15",
                "in_resident_pension": insured,
                "name": "卫国平",
                "id_number": "330106196604040378",
                "sex": "男",
                "birth_date": "1966-04-04",
                "phone": "13900000023",
                "relation": "子女",
                "bank_name": "中国工商银行",
                "bank_card": "6217001540000000008",
            },
            "members": {
                "330000-05-0010": {
                    "cremation_date": "@date:-12",
                    "funeral_home": "西湖区示范殡仪馆（示例）",
                    "cremation_cert_no": "HZ2026000123",
                },
                "330000-20-0013": {"heirs_agree": True},
            },
        },
        today,
    )


def retirement_answers(today: dt.date, age: int = 66) -> dict[str, Any]:
    """A resident ``age`` years old today (a woman: the sequence number is even)."""
    born = today.replace(year=today.year - age) - dt.timedelta(days=10)
    days = (born - today).days
    return resolve_example(
        {
            "shared": {
                "name": "冯桂英",
                "id_number": f"@id:{days}:46",
                "sex": "女",
                "birth_date": born.isoformat(),
                "phone": "13900000009",
                "address": {"division": "330106109201", "detail": "老街7号"},
                "bank_name": "中国农业银行",
                "bank_card": "6228480321000000000",
            },
            "members": {
                "330000-20-0002": {"contribution_years": 15, "receives_other": False},
                "330000-20-0007": {"apply_type": "新办"},
                "330000-05-0005": {"account_holder": "本人"},
            },
        },
        today,
    )


def scans(folder: Path, *materials: str) -> list[AttachmentInput]:
    """One small, distinct PNG per bundle material id."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, material in enumerate(materials):
        path = folder / f"{material}.png"
        Image.new("RGB", (40 + i, 30), (10 * i % 255, 80, 160)).save(path)
        out.append(AttachmentInput(path, material))
    return out
