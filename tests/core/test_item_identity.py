"""Item identity: the shipped items carry the province's codes, and what the codes embed is
checked (USCC check digit, division code), nothing else about their shape."""

from __future__ import annotations

import copy
import json

import pytest

from kiosk.core.catalog import Catalog, parse_item
from kiosk.core.errors import InputError
from kiosk.core.item_identity import case_number, division_problem, uscc_problem
from kiosk.paths import assets_dir

ITEMS = sorted((assets_dir() / "catalog" / "items").glob("*.json"))


def test_every_shipped_item_carries_its_identity():
    catalog = Catalog.shipped()
    assert len(catalog) == len(ITEMS) == 28
    impl_codes = set()
    for item in catalog.items():
        body = item.implementing_body
        assert body is not None and body.name and item.accepting_body == body.name
        assert uscc_problem(body.uscc) is None and division_problem(body.division_code) is None
        assert body.uscc in item.impl_code and item.basic_code and item.item_version
        assert item.handling_codes and all(
            h.startswith(item.impl_code) for h in item.handling_codes
        )
        impl_codes.add(item.impl_code)
    assert len(impl_codes) == 28
    paper_only = {i.code for i in catalog.items() if not i.esign_allowed}
    assert paper_only == {"330000-01-0001", "330000-20-0013"}  # land rights; inheritance


@pytest.mark.parametrize(
    ("uscc", "problem"),
    [
        ("11330106025011099F", None),
        ("11330106025011099E", "校验位"),  # last character off by one
        ("11330106025011099", "18位"),
        ("1133010602501109IF", "18位"),  # I is not a USCC character
        ("11990106025011099F", "行政区划"),  # no province 99
    ],
)
def test_uscc(uscc, problem):
    found = uscc_problem(uscc)
    assert (found is None) if problem is None else (problem in found)


@pytest.mark.parametrize(
    ("code", "ok"),
    [("330106", True), ("330106109201", True), ("3301", False), ("990106", False)],
)
def test_division_codes(code, ok):
    assert (division_problem(code) is None) is ok


def test_bad_identity_is_refused_with_its_path():
    data = json.loads(ITEMS[0].read_text("utf-8"))
    bad = copy.deepcopy(data)
    bad["implementing_body"]["uscc"] = bad["implementing_body"]["uscc"][:-1] + "0"
    with pytest.raises(InputError) as err:
        parse_item(bad, "bad.json")
    assert "implementing_body/uscc" in err.value.zh
    other = copy.deepcopy(data)
    other["impl_code"] = "X" * 31  # opaque, but it must carry the body's USCC
    with pytest.raises(InputError) as err:
        parse_item(other, "other.json")
    assert "impl_code" in err.value.zh
    free = copy.deepcopy(data)
    free["impl_code"] = (
        "511A0138000000-511602000000-000-" + data["implementing_body"]["uscc"] + "-1-00"
    )
    assert parse_item(free, "sichuan.json").impl_code.startswith("511A")  # any shape


def test_former_codes_resolve():
    data = json.loads(ITEMS[0].read_text("utf-8"))
    data["former_codes"] = [data["code"]]
    data["code"] = data["impl_code"]
    catalog = Catalog([parse_item(data, "rekeyed.json")])
    old = data["former_codes"][0]
    assert old in catalog and catalog.resolve(old) == data["impl_code"]
    assert catalog.get(old).code == data["impl_code"]
    assert catalog.form_version(old, catalog.get(old).form.version).fields


def test_case_number_shape():
    assert case_number("11330106025011099F2000011000000", "20261206", 7) == (
        "11330106025011099F200001100000020261206000007"
    )


def test_a_new_code_keeps_the_old_codes_form_versions():
    from kiosk.core.catalog_bundle import merge_history

    data = json.loads((assets_dir() / "catalog" / "items" / "330000-20-0001.json").read_text())
    older = Catalog([parse_item(data, "v1.json")])
    newer_data = copy.deepcopy(data)
    newer_data["former_codes"] = [data["code"]]
    newer_data["code"] = data["impl_code"]
    newer_data["form"] = dict(copy.deepcopy(data["form"]), version=data["form"]["version"] + 1)
    newer = Catalog([parse_item(newer_data, "v2.json")])
    merged = merge_history(older, newer)
    old_version = data["form"]["version"]
    assert merged.form_version(data["code"], old_version).version == old_version
    assert not merged.retired  # the item lives on under its new code
