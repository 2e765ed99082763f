"""Answers as shown on screens: group rows readable, every identifier masked."""

from __future__ import annotations

import json

from kiosk.core.answer_display import answer_text, plain_text
from kiosk.core.catalog import Catalog
from kiosk.forms.definition import FieldDef

DIBAO = Catalog.shipped().get("330000-05-0001")
EXAMPLE = json.loads(json.dumps(DIBAO.raw["examples"]["valid"][0]))
FORM = DIBAO.form


def test_household_rows_one_line_each_with_identifiers_masked():
    text = answer_text(FORM.field("members"), EXAMPLE["members"], masked=True)
    assert text.splitlines() == [
        "1. 陈阿水　330106********0138　配偶　残疾　无劳动能力　0元",
        "2. 陈小军　330106********0354　子女　健康　在校学生　0元",
    ]
    full = answer_text(FORM.field("members"), EXAMPLE["members"], masked=False)
    assert "330106196008080138" in full and "{" not in full


def test_no_python_repr_for_any_answer_of_the_form():
    for f in FORM.fields:
        text = answer_text(f, EXAMPLE.get(f.key), masked=True, divisions=FORM.divisions)
        assert not any(c in text for c in "{}[]'"), (f.key, text)
    assert answer_text(
        FORM.field("address"), EXAMPLE["address"], masked=True, divisions=FORM.divisions
    ) == ("浙江省杭州市西湖区示范镇东山村东山路3号")
    assert answer_text(FORM.field("bank_card"), EXAMPLE["bank_card"], masked=True).endswith("0008")
    assert EXAMPLE["bank_card"] not in answer_text(
        FORM.field("bank_card"), EXAMPLE["bank_card"], masked=True
    )


def test_unknown_shapes_are_flattened_and_scrubbed():
    rows = [{"name": "张三", "id_number": "330106199001011236", "phone": "13812345678"}]
    text = answer_text(FieldDef("others", "text", "others"), rows, masked=True)
    assert text == "张三　330106********1236　138****5678"
    assert plain_text(rows, masked=False) == "张三　330106199001011236　13812345678"
