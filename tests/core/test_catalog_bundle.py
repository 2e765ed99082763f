"""Catalog bundles on disk: export, import from USB, refusals, form history across updates."""

from __future__ import annotations

import copy
import hashlib
import json
import re

import pytest

from kiosk.core import catalog_bundle as cb
from kiosk.core.catalog import Catalog
from kiosk.core.errors import InputError, NotFound
from kiosk.core.search import search

GAOLING = "330000-05-0005"


def reseal(bundle: dict) -> dict:
    bundle = dict(bundle)
    bundle["sha256"] = hashlib.sha256(cb._canonical(bundle)).hexdigest()
    return bundle


def newer_bundle(version: str = "2026.12.1") -> dict:
    """The shipped catalog one release later: 高龄津贴 form v3, one item withdrawn, one new."""
    bundle = copy.deepcopy(cb.export_bundle(Catalog.shipped()))
    bundle["version"] = version
    items = {i["code"]: i for i in bundle["items"]}
    gaoling = items[GAOLING]
    v3 = copy.deepcopy(gaoling["form"])
    v3["version"] = 3
    v3["note"] = "第3版：增加居住情况"
    v3["fields"].insert(
        6,
        {"key": "lives_alone", "type": "yesno", "label": "是否独居", "required": True},
    )
    gaoling["form"] = v3
    gaoling["form_history"] = []  # the hub no longer ships the old forms …
    del items["330000-20-0010"]  # 社保卡补换 withdrawn
    new = copy.deepcopy(items["330000-20-0007"])
    new["code"] = "330000-20-0099"
    new["name"] = "长寿老人健康体检预约"
    new["aliases"] = ["体检预约"]
    items[new["code"]] = new
    bundle["items"] = list(items.values())
    return reseal(bundle)


def write(tmp_path, data, name="catalog-bundle.json") -> object:
    path = tmp_path / name
    path.write_bytes(
        json.dumps(data, ensure_ascii=False).encode() if isinstance(data, dict) else data
    )
    return path


def test_export_then_import_same_version_is_a_no_op(tmp_path):
    data_dir = tmp_path / "station"
    path = write(tmp_path, cb.export_bundle(Catalog.shipped()))
    assert cb.import_catalog(path, data_dir) == Catalog.shipped().version
    assert not cb.installed_path(data_dir).exists()


def test_newer_bundle_installs_and_keeps_every_form_version(tmp_path):
    data_dir = tmp_path / "station"
    old = cb.load_catalog(data_dir)
    assert search(old, "社保卡补办")[0].code == "330000-20-0010"  # index built on disk
    index_file = data_dir / cb.INDEX_FILE
    assert index_file.exists()

    version = cb.import_catalog(write(tmp_path, newer_bundle()), data_dir)
    assert version == "2026.12.1"
    catalog = cb.load_catalog(data_dir)
    assert catalog.version == "2026.12.1"
    item = catalog.get(GAOLING)
    assert item.form.version == 3 and item.form_versions == [1, 2, 3]
    assert "lives_alone" not in {f.key for f in catalog.form_version(GAOLING, 2).fields}
    # the withdrawn item: no new applications, but drafts on it still open
    with pytest.raises(NotFound):
        catalog.get("330000-20-0010")
    assert catalog.form_version("330000-20-0010", 1).version == 1
    # the search index follows the catalog
    assert search(catalog, "体检预约")[0].code == "330000-20-0099"
    assert all(h.code != "330000-20-0010" for h in search(catalog, "社保卡补办"))


def test_history_survives_a_second_update(tmp_path):
    data_dir = tmp_path / "station"
    cb.import_catalog(write(tmp_path, newer_bundle("2026.12.1")), data_dir)
    cb.import_catalog(write(tmp_path, newer_bundle("2027.1.1"), "b2.json"), data_dir)
    catalog = cb.load_catalog(data_dir)
    assert catalog.get(GAOLING).form_versions == [1, 2, 3]
    assert catalog.form_version("330000-20-0010", 1)


def test_older_bundle_is_refused_and_nothing_changes(tmp_path):
    data_dir = tmp_path / "station"
    cb.import_catalog(write(tmp_path, newer_bundle("2027.1.1")), data_dir)
    before = cb.installed_path(data_dir).read_bytes()
    with pytest.raises(InputError) as exc:
        cb.import_catalog(write(tmp_path, newer_bundle("2026.12.1"), "old.json"), data_dir)
    assert "旧" in exc.value.zh and "未作任何改动" in exc.value.zh
    assert cb.installed_path(data_dir).read_bytes() == before


def test_same_version_with_different_content_is_refused(tmp_path):
    data_dir = tmp_path / "station"
    cb.import_catalog(write(tmp_path, newer_bundle()), data_dir)
    other = copy.deepcopy(newer_bundle())
    other["items"][0]["name"] = "改过的名称"
    with pytest.raises(InputError, match="differs"):
        cb.import_catalog(write(tmp_path, reseal(other), "other.json"), data_dir)


@pytest.mark.parametrize("damage", ["truncate", "tamper", "format", "item", "duplicate", "empty"])
def test_damaged_bundles_are_refused_with_a_clear_message(tmp_path, damage):
    data_dir = tmp_path / "station"
    bundle = newer_bundle()
    raw = json.dumps(bundle, ensure_ascii=False).encode()
    if damage == "truncate":
        content = raw[: len(raw) // 2]
    elif damage == "tamper":
        tampered = copy.deepcopy(bundle)
        tampered["items"][0]["fee_fen"] = 99900  # sha256 not updated
        content = json.dumps(tampered, ensure_ascii=False).encode()
    elif damage == "format":
        content = json.dumps({"format": "something-else"}).encode()
    elif damage == "item":
        broken = copy.deepcopy(bundle)
        broken["items"][0]["item_type"] = "99"
        content = json.dumps(reseal(broken), ensure_ascii=False).encode()
    elif damage == "duplicate":
        dup = copy.deepcopy(bundle)
        dup["items"].append(dup["items"][0])
        content = json.dumps(reseal(dup), ensure_ascii=False).encode()
    else:
        content = b""
    with pytest.raises(InputError) as exc:
        cb.import_catalog(write(tmp_path, content), data_dir)
    assert re.search(r"[\u4e00-\u9fff]", exc.value.zh)
    assert not cb.installed_path(data_dir).exists()
    assert cb.load_catalog(data_dir).version == Catalog.shipped().version


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        cb.import_catalog(tmp_path / "nope.json", tmp_path / "station")


def test_app_upgrade_keeps_history_of_the_older_installed_catalog(tmp_path):
    """A station installed 2026.10 from USB, then the app was upgraded with a newer catalog."""
    data_dir = tmp_path / "station"
    old = copy.deepcopy(cb.export_bundle(Catalog.shipped()))
    old["version"] = "2026.10.1"
    gone = copy.deepcopy(old["items"][0])
    gone["code"] = "330000-20-0098"
    gone["name"] = "已停办的旧事项"
    old["items"].append(gone)
    cb.installed_path(data_dir).parent.mkdir(parents=True)
    cb.installed_path(data_dir).write_text(json.dumps(reseal(old), ensure_ascii=False), "utf-8")
    catalog = cb.load_catalog(data_dir)
    assert catalog.version == Catalog.shipped().version
    assert "330000-20-0098" not in catalog
    assert catalog.form_version("330000-20-0098", 1).version == 1


def test_a_corrupt_installed_catalog_falls_back_to_the_shipped_one(tmp_path):
    data_dir = tmp_path / "station"
    cb.installed_path(data_dir).parent.mkdir(parents=True)
    cb.installed_path(data_dir).write_text("{broken", "utf-8")
    assert cb.load_catalog(data_dir).version == Catalog.shipped().version


def test_bundle_round_trip_is_exact():
    shipped = Catalog.shipped()
    again = cb.parse_bundle(cb.bundle_bytes(shipped))
    assert again.content_hash() == shipped.content_hash()
    assert again.divisions is not None and len(again.divisions) == len(shipped.divisions)
