"""The demo catalog and its files: schemas (CI), completeness, examples, versions, browsing."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from kiosk.core.catalog import ITEM_TYPES, Catalog, parse_item, station_prefers_village
from kiosk.core.errors import InputError, NotFound
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.engine import validate
from kiosk.forms.examples import resolve_example
from kiosk.paths import assets_dir

CATALOG_DIR = assets_dir() / "catalog"
ITEM_FILES = sorted((CATALOG_DIR / "items").glob("*.json"))
CATALOG = Catalog.shipped()
TODAY = dt.date.today()


def load(path: Path):
    return json.loads(path.read_text("utf-8"))


# --- schema validation of every catalog file ------------------------------------------------------
@pytest.mark.parametrize("name", ["item", "bundle", "catalog"])
def test_schemas_are_valid_json_schemas(name):
    jsonschema.Draft202012Validator.check_schema(load(CATALOG_DIR / f"{name}.schema.json"))


@pytest.mark.parametrize("path", ITEM_FILES, ids=lambda p: p.stem)
def test_every_item_file_validates_against_the_schema(path):
    data = load(path)
    jsonschema.Draft202012Validator(load(CATALOG_DIR / "item.schema.json")).validate(data)
    assert data["code"] == path.stem, "the file is named after its item code"


def test_catalog_metadata_and_divisions_validate():
    meta = load(CATALOG_DIR / "catalog.json")
    jsonschema.validate(meta, load(CATALOG_DIR / "catalog.schema.json"))
    divisions = load(CATALOG_DIR / "divisions.json")
    bundle_schema = load(CATALOG_DIR / "bundle.schema.json")
    jsonschema.validate(divisions, bundle_schema["properties"]["divisions"])
    table = DivisionTable.from_json(divisions)  # every code has its parent
    assert table.full_name("330106109201") == "浙江省杭州市西湖区示范镇示范村"


def test_schema_rejects_what_it_should():
    data = load(ITEM_FILES[0])
    validator = jsonschema.Draft202012Validator(load(CATALOG_DIR / "item.schema.json"))
    for broken in (
        dict(data, item_type="99"),
        dict(data, case_kind="快件"),
        dict(data, form=dict(data["form"], fields=[{"key": "X", "type": "text", "label": "x"}])),
        dict(data, form=dict(data["form"], fields=[{"key": "a", "type": "photo", "label": "x"}])),
        dict(data, guide=dict(data["guide"], materials=[{"name": "x", "form": "扫描件"}])),
        dict(data, surprise=True),
    ):
        assert list(validator.iter_errors(broken)), broken


def test_parse_item_explains_problems_in_chinese():
    data = load(ITEM_FILES[0])
    with pytest.raises(InputError) as exc:
        parse_item(dict(data, item_type="99"), "x.json")
    assert "格式不正确" in exc.value.zh and "x.json" in exc.value.zh
    bad_material = json.loads(json.dumps(data))
    bad_material["form"]["fields"][-1]["material"] = "不存在的材料"
    with pytest.raises(InputError, match="material"):
        parse_item(bad_material, "y.json")


# --- the demo catalog is real and complete --------------------------------------------------------
def test_at_least_25_items_a_village_point_accepts_by_proxy():
    items = CATALOG.items()
    assert len(items) >= 25
    village = [i for i in items if i.village_acceptable]
    assert len(village) >= 25
    names = {i.name for i in items}
    for expected in (
        "城乡居民基本养老保险参保登记",
        "最低生活保障申请",
        "残疾人证申领",
        "高龄津贴申领",
        "出生登记（新生儿落户）",
        "居住证申领",
        "社会保障卡申领",
        "惠民殡葬补助申请",
    ):
        assert expected in names


@pytest.mark.parametrize("item", CATALOG.items(), ids=lambda i: i.code)
def test_every_item_has_a_complete_guide_and_attributes(item):
    g = item.guide
    for key in ("conditions", "materials", "steps", "basis", "faq"):
        assert g.get(key), f"{item.code} guide lacks {key}"
    for key in ("fee", "place", "hours", "phone", "complaint_phone"):
        assert g.get(key, "").strip(), f"{item.code} guide lacks {key}"
    for phone in (g["phone"], g["complaint_phone"]):
        assert "示例" in phone and "0000" in phone, "phone numbers must be obviously fictional"
    assert item.item_type in ITEM_TYPES and item.themes and item.department
    assert item.accepting_level and item.subject in ("个人", "法人") and item.delivery
    assert 1 <= item.star_level <= 5 and item.legal_days is not None
    assert item.legal_days >= item.promised_days
    for m in item.materials():
        assert m["count"] >= 1 and m["form"]
        if "when" in m:
            assert m.get("condition"), "a conditional material says when, in words, for print"
    # every field a person fills has a Chinese label
    for _, f in item.form.all_fields():
        assert re.search(r"[\u4e00-\u9fff]", f.label)


def test_field_types_the_issue_asks_for_are_all_used():
    used = {f.type for item in CATALOG.items() for _, f in item.form.all_fields()}
    assert {
        "text",
        "number",
        "date",
        "select",
        "multiselect",
        "yesno",
        "id_number",
        "uscc",
        "mobile",
        "bank_card",
        "address",
        "group",
        "attachment",
        "signature",
    } <= used
    assert any(f.computed for item in CATALOG.items() for _, f in item.form.all_fields())
    assert any(item.form.rules for item in CATALOG.items())
    assert any(f.required_if for item in CATALOG.items() for _, f in item.form.all_fields())


@pytest.mark.parametrize("item", CATALOG.items(), ids=lambda i: i.code)
def test_examples_valid_and_invalid(item):
    examples = item.raw.get("examples")
    assert examples and examples["valid"] and examples["invalid"]
    for data in examples["valid"]:
        _, errors = validate(item.form, resolve_example(data, TODAY), TODAY)
        assert errors == {}, errors
    for case in examples["invalid"]:
        _, errors = validate(item.form, resolve_example(case["data"], TODAY), TODAY)
        assert set(errors) == set(case["errors"]), errors
        for message in errors.values():
            assert re.search(r"[\u4e00-\u9fff]", message)


def test_the_pension_item_keeps_its_contract():
    item = CATALOG.get("330000-20-0001")
    keys = [f.key for f in item.form.fields]
    for key in (
        "name",
        "id_number",
        "sex",
        "birth_date",
        "phone",
        "address",
        "contribution_level",
        "has_other_pension",
        "other_pension_note",
    ):
        assert key in keys
    assert item.form.version == 1 and item.village_acceptable


# --- versions ------------------------------------------------------------------------------------
def test_older_form_versions_stay_loadable():
    item = CATALOG.get("330000-05-0005")
    assert item.form_versions == [1, 2]
    v1 = CATALOG.form_version(item.code, 1)
    assert v1.version == 1 and "bank_name" not in {f.key for f in v1.fields}
    assert CATALOG.form_version(item.code, 2) is item.form
    with pytest.raises(NotFound):
        CATALOG.form_version(item.code, 7)
    # a draft started on version 1 validates against version 1
    draft = {
        k: v for k, v in item.raw["examples"]["valid"][0].items() if k in {f.key for f in v1.fields}
    }
    assert validate(v1, draft, TODAY)[1] == {}


# --- browsing ------------------------------------------------------------------------------------
def test_browse_by_subject_theme_and_life_event():
    assert CATALOG.subjects() == ["个人", "法人"]
    themes = CATALOG.themes("个人")
    assert themes[:2] == ["社会保障", "社会救助"]
    assert "市场主体" not in themes and "市场主体" in CATALOG.themes("法人")
    relief = [i.name for i in CATALOG.items_in_theme("社会救助", "个人")]
    assert "最低生活保障申请" in relief and "残疾人证申领" not in relief
    events = CATALOG.life_events()
    assert events[0] == "出生" and "身后事" in events
    after_death = {i.name for i in CATALOG.items_for_life_event("身后事")}
    assert after_death == {"惠民殡葬补助申请", "城乡居民基本养老保险丧葬补助金、个人账户余额申领"}
    shops = CATALOG.items_for_life_event("开店")
    assert [i.subject for i in shops] == ["法人"]


@pytest.mark.parametrize(
    ("code", "village"),
    [("330106109201", True), ("330106109000", False), ("330106", False), ("", False)],
)
def test_station_level(code, village):
    assert station_prefers_village(code) is village
