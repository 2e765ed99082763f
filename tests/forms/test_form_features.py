"""The form engine's declarative features on small hand-written forms and on real items."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.core.catalog import Catalog
from kiosk.forms import rules
from kiosk.forms.definition import FormDefinition, FormDefinitionError
from kiosk.forms.diff import form_changes, migrate_answers
from kiosk.forms.divisions import DivisionTable, format_address
from kiosk.forms.engine import bind_files, compute_values, validate
from kiosk.forms.materials import material_checklist
from kiosk.forms.validators import id_check_char

TODAY = dt.date(2026, 11, 22)
CATALOG = Catalog.shipped()


def make_id(birth: str, seq: int, region: str = "330106") -> str:
    body = region + birth.replace("-", "") + f"{seq:03d}"
    return body + id_check_char(body)


def form(fields, **extra) -> FormDefinition:
    return FormDefinition.from_json({"version": 1, "fields": fields, **extra})


# --- conditions and expressions ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cond", "values", "holds"),
    [
        ({"field": "a", "eq": 3}, {"a": "3"}, True),  # numbers compare as numbers
        ({"field": "a", "eq": True}, {"a": "true"}, False),  # booleans are not strings
        ({"field": "a", "ne": "x"}, {"a": None}, False),  # nothing entered: no opinion
        ({"field": "a", "in": ["x", "y"]}, {"a": "y"}, True),
        ({"field": "a", "not_in": ["x"]}, {"a": ""}, False),
        ({"field": "a", "gte": 80}, {"a": 80}, True),
        ({"field": "a", "lt": {"ref": "b"}}, {"a": "2024-01-01", "b": "2024-02-01"}, True),
        ({"field": "a", "empty": True}, {"a": []}, True),
        ({"field": "a", "contains": "因病"}, {"a": ["因残", "因病"]}, True),
        ({"field": "a", "count_gte": 2}, {"a": [{}, {}]}, True),
        ({"field": "a", "matches": "[A-Z]\\d{2}"}, {"a": "Q12"}, True),
        (
            {"all": [{"field": "a", "gt": 1}, {"not": {"field": "b", "eq": "x"}}]},
            {"a": 2, "b": "y"},
            True,
        ),
        ({"any": [{"field": "a", "gt": 5}, {"field": "b", "eq": "x"}]}, {"a": 2, "b": "y"}, False),
    ],
)
def test_conditions(cond, values, holds):
    rules.check_condition(cond)
    assert rules.holds(cond, values, TODAY) is holds


@pytest.mark.parametrize(
    ("expr", "values", "result"),
    [
        ({"fn": "age", "args": [{"ref": "id"}]}, {"id": make_id("1946-11-22", 11)}, 80),
        ({"fn": "age", "args": [{"ref": "id"}]}, {"id": make_id("1946-11-23", 11)}, 79),
        ({"fn": "age", "args": ["2000-02-29", "2001-02-28"]}, {}, 0),
        ({"fn": "sex", "args": [{"ref": "id"}]}, {"id": make_id("1990-01-01", 12)}, "女"),
        (
            {"fn": "birth_date", "args": [{"ref": "id"}]},
            {"id": make_id("1990-01-01", 12)},
            "1990-01-01",
        ),
        ({"fn": "days_between", "args": ["2026-01-01", {"fn": "today"}]}, {}, 325),
        ({"fn": "year", "args": []}, {}, 2026),
        ({"fn": "div", "args": [{"ref": "a"}, 3]}, {"a": 1000}, 333.33),
        ({"fn": "div", "args": [1, 0]}, {}, None),
        ({"fn": "sub", "args": [{"ref": "a"}, {"ref": "b"}]}, {"a": "58000", "b": 35000}, 23000),
        ({"fn": "sum", "group": "m", "field": "x"}, {"m": [{"x": 1.5}, {"x": "2"}, {}]}, 3.5),
        (
            {"fn": "count", "group": "m", "where": {"field": "x", "gt": 1}},
            {"m": [{"x": 1}, {"x": 5}]},
            1,
        ),
        ({"fn": "age", "args": [{"ref": "id"}]}, {"id": "garbage"}, None),
    ],
)
def test_expressions(expr, values, result):
    rules.check_expression(expr)
    assert rules.evaluate(expr, values, TODAY) == result


@pytest.mark.parametrize(
    "bad",
    [
        {"field": "a"},
        {"field": "a", "eq": 1, "ne": 2},
        {"all": []},
        {"field": "a", "in": "x"},
        {"field": "a", "matches": "("},
        {"field": "a", "eq": {"fn": "launch_rockets"}},
    ],
)
def test_malformed_conditions_are_refused(bad):
    with pytest.raises(rules.RuleError):
        rules.check_condition(bad)


# --- form consistency ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "extra"),
    [
        ([{"key": "a", "type": "text", "label": "A"}] * 2, {}),
        ([{"key": "a", "type": "select", "label": "A"}], {}),
        ([{"key": "a", "type": "attachment", "label": "A"}], {}),
        ([{"key": "a", "type": "text", "label": "A", "visible_if": {"field": "zz", "eq": 1}}], {}),
        ([{"key": "a", "type": "text", "label": "A", "visible_if": {"field": "a", "eq": 1}}], {}),
        ([{"key": "a", "type": "number", "label": "A", "compute": {"ref": "nope"}}], {}),
        ([{"key": "a", "type": "group", "label": "A"}], {}),
        ([{"key": "a", "type": "text", "label": "A"}], {"checks": ["id_birth_sex_agree"]}),
        (
            [{"key": "a", "type": "text", "label": "A"}],
            {"rules": [{"assert": {"field": "b", "eq": 1}, "field": "a", "message": "m"}]},
        ),
    ],
)
def test_inconsistent_forms_are_refused(fields, extra):
    with pytest.raises((FormDefinitionError, rules.RuleError)):
        form(fields, **extra)


# --- field types ---------------------------------------------------------------------------------
MULTI = form(
    [
        {
            "key": "why",
            "type": "multiselect",
            "label": "原因",
            "options": ["因病", "因残", "因学"],
            "min_items": 1,
            "max_items": 2,
            "required": True,
        }
    ]
)


def test_multiselect_keeps_option_order_and_limits():
    clean, errors = validate(MULTI, {"why": ["因学", "因病", "因学"]}, TODAY)
    assert errors == {} and clean["why"] == ["因病", "因学"]
    assert "最多选择 2 项" in validate(MULTI, {"why": ["因病", "因残", "因学"]}, TODAY)[1]["why"]
    assert "不是可选项" in validate(MULTI, {"why": ["因懒"]}, TODAY)[1]["why"]
    assert "必填" in validate(MULTI, {"why": []}, TODAY)[1]["why"]


TABLE = DivisionTable(
    {
        "11": "北京市",
        "33": "浙江省",
        "3301": "杭州市",
        "330106": "西湖区",
        "330106109": "示范镇",
        "330106109201": "示范村",
    }
)
ADDRESS = FormDefinition.from_json(
    {
        "version": 1,
        "fields": [
            {
                "key": "home",
                "type": "address",
                "label": "住址",
                "level": "village",
                "required": True,
            },
            {"key": "local", "type": "address", "label": "本省地址", "root": "33"},
        ],
    },
    TABLE,
)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"division": "330106109201", "detail": "东头12号"}, None),
        ({"division": "11", "detail": "朝阳区某路1号"}, None),  # no finer data for 北京: fine
        ({"division": "330106", "detail": "某路1号"}, "乡镇"),  # must go on choosing
        ({"division": "330106109201", "detail": "  "}, "详细地址"),
        ({"division": "330106109299", "detail": "x"}, "不在目录"),
        ({"division": "3301061", "detail": "x"}, "代码不正确"),
        ("西湖区某地", "依次选择"),
    ],
)
def test_address_cascade(value, fragment):
    _, errors = validate(ADDRESS, {"home": value}, TODAY)
    if fragment is None:
        assert errors == {}
    else:
        assert fragment in errors["home"]


def test_address_root_and_formatting():
    _, errors = validate(
        ADDRESS,
        {"home": {"division": "11", "detail": "x"}, "local": {"division": "11", "detail": "x"}},
        TODAY,
    )
    assert "本辖区" in errors["local"]
    value = {"division": "330106109201", "detail": "东头12号"}
    assert format_address(value, TABLE) == "浙江省杭州市西湖区示范镇示范村东头12号"


FILES = form(
    [
        {
            "key": "scan",
            "type": "attachment",
            "label": "身份证照片",
            "material": "居民身份证",
            "accept": ["jpg", "pdf"],
            "max_files": 2,
            "required": True,
        },
        {"key": "sign", "type": "signature", "label": "签名", "material": "申请表"},
    ]
)


def test_attachments_and_signature():
    sha = "a" * 64
    clean, errors = validate(
        FILES, {"scan": [{"name": "ID.JPG", "sha256": sha, "size": 10, "path": "/tmp/x"}]}, TODAY
    )
    assert errors == {} and clean["scan"] == [{"name": "ID.JPG", "sha256": sha, "size": 10}]
    assert "请上传“居民身份证”" in validate(FILES, {}, TODAY)[1]["scan"]
    assert "只接受" in validate(FILES, {"scan": [{"name": "id.doc"}]}, TODAY)[1]["scan"]
    assert "最多" in validate(FILES, {"scan": ["a.jpg", "b.jpg", "c.jpg"]}, TODAY)[1]["scan"]
    two_signatures = {"scan": ["a.jpg"], "sign": ["a.png", "b.png"]}
    assert "最多上传 1" in validate(FILES, two_signatures, TODAY)[1]["sign"]
    bad_sha = {"scan": [{"name": "a.jpg", "sha256": "xyz"}]}
    assert "校验值" in validate(FILES, bad_sha, TODAY)[1]["scan"]


def test_bind_files_puts_attachments_into_their_fields():
    refs = [
        {"name": "front.jpg", "material": "居民身份证", "sha256": "b" * 64, "size": 3},
        {"name": "sig.png", "material": "sign"},  # by field key also works
        {"name": "other.pdf", "material": "别的材料"},
    ]
    data = bind_files(FILES, {}, refs)
    assert data == {
        "scan": [{"name": "front.jpg", "sha256": "b" * 64, "size": 3}],
        "sign": [{"name": "sig.png"}],
    }


# --- groups, computed fields, rules on a real item ----------------------------------------------
DIBAO = CATALOG.get("330000-05-0001")


def dibao_payload() -> dict:
    return dict(DIBAO.raw["examples"]["valid"][0])


def test_household_group_rows_are_validated_with_row_keys():
    data = dibao_payload()
    data["members"] = [dict(data["members"][0], monthly_income="很多", id_number="123")]
    _, errors = validate(DIBAO.form, data, TODAY)
    assert "members.0.monthly_income" in errors and "members.0.id_number" in errors
    assert errors["members.0.id_number"].startswith("第1位家庭成员：")


def test_household_group_unknown_row_key_is_reported():
    data = dibao_payload()
    data["members"] = [dict(data["members"][0], shoe_size=42)]
    assert "members.0.shoe_size" in validate(DIBAO.form, data, TODAY)[1]


def test_computed_household_figures_and_they_cannot_be_forged():
    data = dict(dibao_payload(), per_capita_income=1, household_size=99)
    clean, errors = validate(DIBAO.form, data, TODAY)
    assert errors == {}
    assert clean["household_size"] == 3
    assert clean["household_income"] == 600
    assert clean["per_capita_income"] == 200
    assert clean["disabled_members"] == 1
    assert compute_values(DIBAO.form, data, TODAY)["per_capita_income"] == 200


def test_required_if_follows_the_computed_disability_count():
    data = dibao_payload()
    data["disability_scan"] = []
    assert "disability_scan" in validate(DIBAO.form, data, TODAY)[1]
    data["members"] = [dict(m, health="健康") for m in data["members"]]
    assert "disability_scan" not in validate(DIBAO.form, data, TODAY)[1]


GAOLING = CATALOG.get("330000-05-0005")


@pytest.mark.parametrize(
    ("birth", "ok"),
    [("1946-11-22", True), ("1946-11-23", False), ("1930-01-01", True)],
)
def test_gaoling_needs_age_80_on_the_application_date(birth, ok):
    data = dict(GAOLING.raw["examples"]["valid"][0], id_number=make_id(birth, 46), birth_date=birth)
    _, errors = validate(GAOLING.form, data, TODAY)
    if ok:
        assert errors == {}
    else:
        assert "年满80周岁" in errors["id_number"] and "79" in errors["id_number"]


def test_birth_date_and_sex_must_agree_with_id_in_every_id_check():
    item = CATALOG.get("330000-05-0008")  # 孤儿: the child and the guardian are both checked
    data = dict(item.raw["examples"]["valid"][0], guardian_birth_date="1971-06-16")
    assert "出生日期与身份证号不一致" in validate(item.form, data, TODAY)[1]["guardian_birth_date"]


def test_rule_messages_fill_in_values():
    item = CATALOG.get("330000-20-0005")  # 生育登记
    data = dict(item.raw["examples"]["valid"][0], child_order="第一个孩子")
    _, errors = validate(item.form, data, TODAY)
    assert errors["child_order"] == "已登记现有子女1名，本次不是“第一个孩子”。"


# --- material checklist ---------------------------------------------------------------------------
def test_material_checklist_follows_the_answers():
    data = dibao_payload()
    names = [m.name for m in material_checklist(DIBAO.materials(), DIBAO.form, data, TODAY)]
    assert "残疾人证" in names and "病历、诊断证明" not in names
    data["members"][1] = dict(data["members"][1], health="重病")
    needs = {m.name: m for m in material_checklist(DIBAO.materials(), DIBAO.form, data, TODAY)}
    assert needs["病历、诊断证明"].required and needs["病历、诊断证明"].condition
    assert needs["残疾人证"].files == 1  # the scan attached in the example
    data["members"] = []
    names = [m.name for m in material_checklist(DIBAO.materials(), DIBAO.form, data, TODAY)]
    assert "残疾人证" not in names


# --- versions ------------------------------------------------------------------------------------
def test_form_changes_and_moving_a_draft():
    old, new = GAOLING.form_version(1), GAOLING.form
    changes = form_changes(old, new)
    assert "新增“开户银行”（必填）" in changes
    assert any("申请人签名" in c for c in changes)
    draft = {"name": "冯桂英", "bank_card": "6228480321000000007", "not_a_field": 1}
    kept, dropped = migrate_answers(old, new, draft)
    assert kept == {"name": "冯桂英", "bank_card": "6228480321000000007"} and dropped == []


def test_legacy_visible_if_mapping_still_works():
    legacy = form(
        [
            {"key": "a", "type": "yesno", "label": "A"},
            {"key": "b", "type": "text", "label": "B", "visible_if": {"a": True}, "required": True},
        ]
    )
    assert validate(legacy, {"a": False}, TODAY)[1] == {}
    assert "b" in validate(legacy, {"a": True}, TODAY)[1]
