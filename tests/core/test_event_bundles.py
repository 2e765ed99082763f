"""Event bundles (一件事, issue 19) in the catalog: the shipped files pass the schema and the
items they are built from, a bad file is refused, the catalog's hash covers them, catalog
files carry them, browsing and search find them (before any item)."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from kiosk.core.catalog import Catalog, member_form
from kiosk.core.catalog_bundle import _canonical, export_bundle, merge_history, parse_bundle
from kiosk.core.errors import InputError
from kiosk.core.event_bundle_load import parse_event_bundle
from kiosk.core.search import search
from kiosk.paths import assets_dir

CATALOG = assets_dir() / "catalog"
EVENT_FILES = sorted((CATALOG / "events").glob("*.json"))
BIRTH, DEATH, RETIREMENT = "330000-EV-0001", "330000-EV-0002", "330000-EV-0003"


def _items() -> dict:
    return {i.code: i for i in Catalog.shipped().items()}


def test_shipped_bundles_pass_the_schema_and_their_items():
    assert [p.stem for p in EVENT_FILES] == [BIRTH, DEATH, RETIREMENT]
    items = _items()
    for path in EVENT_FILES:
        bundle = parse_event_bundle(json.loads(path.read_text("utf-8")), path.name, items=items)
        assert bundle.code == path.stem
        for code in bundle.member_codes:
            assert code in items and items[code].proxy_allowed


def test_members_as_the_policy_lists_them():
    cat = Catalog.shipped()
    assert cat.event_bundle(BIRTH).member_codes == (
        "330000-07-0001",
        "330000-20-0003",
        "330000-20-0009",
        "330000-20-0005",
    )
    assert cat.event_bundle(DEATH).member_codes == ("330000-05-0010", "330000-20-0013")
    assert "户口注销" in cat.event_bundle(DEATH).description  # not shipped: said, not invented
    retirement = cat.event_bundle(RETIREMENT)
    assert retirement.member("330000-05-0005").condition == {"field": "id_number", "min_age": 80}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.pop("members"), ""),
        (lambda d: d["members"][0].update(bogus=1), "members/0"),
        (lambda d: d.update(code="EV-1"), "code"),
        (lambda d: d["field_map"]["330000-20-0003"].update(name={"nonsense": 1}), "field_map"),
        (lambda d: d["field_map"]["330000-20-0003"].update(name="no_such_field"), "field_map"),
        (lambda d: d["members"].append({"item_code": "330000-99-0001"}), "members"),
        (
            lambda d: d["members"][3].update(condition={"field": "phone", "min_age": 18}),
            "members/330000-20-0005/condition",
        ),
        (
            lambda d: d["materials"][0]["members"].update({"330000-07-0001": "不存在的材料"}),
            "materials",
        ),
    ],
)
def test_a_bad_bundle_file_is_refused(tmp_path: Path, change, where):
    folder = tmp_path / "catalog"
    shutil.copytree(CATALOG, folder)
    path = folder / "events" / f"{BIRTH}.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(InputError) as refused:
        Catalog.load_dir(folder)
    assert f"{BIRTH}.json" in refused.value.zh and where in refused.value.zh


def test_content_hash_covers_bundles_and_catalog_files_carry_them():
    shipped = Catalog.shipped()
    fewer = Catalog(
        shipped.items(),
        version=shipped.version,
        synonyms=shipped.synonyms,
        event_bundles=shipped.event_bundles()[:2],
    )
    assert fewer.content_hash() != shipped.content_hash()
    again = parse_bundle(export_bundle(shipped))
    assert [b.to_json() for b in again.event_bundles()] == [
        b.to_json() for b in shipped.event_bundles()
    ]
    assert again.content_hash() == shipped.content_hash()
    # an older catalog file (no event_bundles key) keeps the station's bundles
    old = export_bundle(shipped)
    old.pop("event_bundles")
    old.pop("sha256")
    old["sha256"] = hashlib.sha256(_canonical(old)).hexdigest()
    merged = merge_history(shipped, parse_bundle(old))
    assert [b.code for b in merged.event_bundles()] == [BIRTH, DEATH, RETIREMENT]
    # a bad bundle inside a catalog file refuses the whole file
    bad = copy.deepcopy(export_bundle(shipped))
    bad["event_bundles"][0]["field_map"]["330000-20-0003"]["name"] = "no_such_field"
    bad["sha256"] = hashlib.sha256(_canonical(bad)).hexdigest()
    with pytest.raises(InputError):
        parse_bundle(bad)


def test_browse_by_life_event():
    cat = Catalog.shipped()
    assert [b.code for b in cat.bundles_for_life_event("出生")] == [BIRTH]
    assert [b.code for b in cat.bundles_for_life_event("身后事")] == [DEATH]
    assert [b.code for b in cat.bundles_for_life_event("退休")] == [RETIREMENT]
    assert cat.bundles_for_life_event("结婚") == []
    assert {"出生", "退休", "身后事"} <= set(cat.life_events())


@pytest.mark.parametrize("village", [False, True])
@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("出生", BIRTH),
        ("chusheng", BIRTH),
        ("cs", BIRTH),
        ("生孩子", BIRTH),
        ("去世", DEATH),
        ("退休", RETIREMENT),
    ],
)
def test_search_finds_the_bundle_first(query: str, code: str, village: bool):
    cat = Catalog.shipped()
    hits = search(cat, query, limit=10, prefer_village=village, bundles=True)
    assert hits[0].code == code and hits[0].kind == "bundle" and hits[0].is_bundle
    assert all(h.kind == "item" for h in hits[1:])  # the other hits are items, said so
    # callers that open every hit as an item get items only, as many as before
    items = search(cat, query, limit=2, prefer_village=village)
    assert [h.code for h in items] == [h.code for h in hits[1:3]]


def test_search_still_finds_items_by_name():
    hits = search(Catalog.shipped(), "社保卡", limit=5, bundles=True)
    assert hits[0].kind == "item" and hits[0].name == "社会保障卡申领"


def test_member_form_relaxes_only_what_comes_from_an_earlier_result():
    cat = Catalog.shipped()
    bundle = cat.event_bundle(BIRTH)
    item = cat.get("330000-20-0003")
    form = member_form(bundle, item)
    assert item.form.field("id_number").required
    assert not form.field("id_number").required
    assert form.field("name").required
    assert form.field("age").compute == {"fn": "age", "args": [{"ref": "birth_date"}]}
    assert member_form(bundle, cat.get("330000-07-0001")).field("father_id_number").required


def test_a_station_with_an_offline_catalog_update_keeps_the_bundles(tmp_path: Path):
    from kiosk.deploy.catalog_files import FOLDER, station_catalog

    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    shutil.copy(CATALOG / "items" / "330000-20-0002.json", folder)
    assert [b.code for b in station_catalog(tmp_path).event_bundles()] == [
        BIRTH,
        DEATH,
        RETIREMENT,
    ]


def test_pending_fields_say_what_the_paper_prints_instead():
    from kiosk.core.event_bundle import pending_fields

    cat = Catalog.shipped()
    bundle = cat.event_bundle(BIRTH)
    assert pending_fields(bundle, cat, "330000-07-0001") == []
    (pending,) = pending_fields(bundle, cat, "330000-20-0003")
    assert (pending.key, pending.label, pending.note) == (
        "id_number",
        "参保人公民身份号码",
        "待落户后由部门补录",
    )


def test_a_bundle_whose_member_is_gone_is_left_out(caplog):
    shipped = Catalog.shipped()
    items = [i for i in shipped.items() if i.code != "330000-05-0005"]  # 高龄津贴 withdrawn
    cat = Catalog(items, version="9", event_bundles=shipped.event_bundles())
    assert [b.code for b in cat.event_bundles()] == [BIRTH, DEATH]
    assert "330000-EV-0003" in caplog.text
