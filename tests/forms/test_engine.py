import datetime as dt

from kiosk.core.catalog import Catalog
from kiosk.forms.engine import validate

FORM = Catalog.shipped().get("330000-20-0001").form
TODAY = dt.date(2026, 11, 22)


def test_valid_payload_is_normalised(resident):
    data = dict(resident, id_number=" " + resident["id_number"].lower() + " ", name=" 王秀英 ")
    clean, errors = validate(FORM, data, TODAY)
    assert errors == {}
    assert clean["id_number"] == resident["id_number"].upper()
    assert clean["name"] == "王秀英"


def test_required_and_select_errors_are_chinese(resident):
    data = dict(resident, name="", contribution_level="250")
    _, errors = validate(FORM, data, TODAY)
    assert errors["name"] == "“姓名”为必填项。"
    assert "请从列表中选择" in errors["contribution_level"]


def test_sex_and_birth_date_must_agree_with_id(resident):
    _, errors = validate(FORM, dict(resident, sex="男", birth_date="1962-03-15"), TODAY)
    assert "性别与身份证号不一致" in errors["sex"]
    assert "出生日期与身份证号不一致" in errors["birth_date"]


def test_conditional_field_only_when_visible(resident):
    hidden = dict(resident, other_pension_note="职工养老")
    clean, errors = validate(FORM, hidden, TODAY)
    assert errors == {} and "other_pension_note" not in clean
    shown = dict(resident, has_other_pension=True, other_pension_note="职工养老")
    clean, errors = validate(FORM, shown, TODAY)
    assert errors == {} and clean["other_pension_note"] == "职工养老"


def test_unknown_field_is_an_error(resident):
    _, errors = validate(FORM, dict(resident, shoe_size="42"), TODAY)
    assert "shoe_size" in errors


def test_yes_no_must_be_boolean(resident):
    _, errors = validate(FORM, dict(resident, has_other_pension="否"), TODAY)
    assert "has_other_pension" in errors
