"""A province's 实施清单 imported on the hub and on a station, with the shipped county sample.

The sample (assets/catalog/implementation-list-330106.csv) lists 105 items of one county:
the 28 shipped items (3 of them with a shorter 承诺时限 and a new 事项版本) and 77 more. The
hub (``kiosk-hub catalog import``) publishes the new and changed ones in one version; a
station (``kiosk catalog update --from``) installs them; a bad row is refused on its own line
and nothing of it is applied.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys

from hub.catalog_import import import_list
from kiosk.core.catalog import Catalog
from kiosk.core.catalog_bundle import load_catalog
from kiosk.core.implementation_list import COLUMNS, plan_import, read_rows
from kiosk.paths import assets_dir
from tests.conftest import AGENT, PENSION

SAMPLE = assets_dir() / "catalog" / "implementation-list-330106.csv"
TIGHTER = {"330000-05-0003": 7, "330000-20-0004": 10, "330000-20-0006": 7}


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(COLUMNS))
        w.writeheader()
        w.writerows(rows)


TECH, TECH_PIN = "tech", "864213"  # catalog updates are a technician's job


def kiosk(*args, data_dir, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
    )


def update_as_technician(listing, data_dir) -> subprocess.CompletedProcess[str]:
    return kiosk(
        "catalog",
        "update",
        "--from",
        str(listing),
        "--json",
        "--agent",
        TECH,
        data_dir=data_dir,
        stdin=TECH_PIN + "\n",
    )


def test_the_sample_is_a_county_list_of_at_least_100_valid_items():
    rows, _ = read_rows(SAMPLE)
    assert len(rows) >= 100
    plan = plan_import(rows, Catalog.shipped().items())
    assert plan.refused == []
    assert len(plan.accepted) == len(rows) - 28
    assert {code for code, _ in plan.changed} == set(TIGHTER)
    assert all(fields == ["version", "promised_days"] for _, fields in plan.changed)
    assert {r["实施主体行政区划"][:6] for r in sample_rows()} == {"330106"}  # one county
    for code in plan.accepted:  # every new item carries the identity fields
        item = plan.items[code]
        assert item["impl_code"].startswith(item["implementing_body"]["uscc"])
        assert item["basic_code"] and item["handling_codes"] and item["version"]


def test_station_installs_the_list_and_refuses_bad_rows_one_line_each(ctx, resident, tmp_path):
    rows = sample_rows()
    bad_check = dict(rows[40], 实施编码=rows[40]["实施编码"] + "X")  # USCC not inside: refused
    bad_check["实施主体编码"] = rows[40]["实施主体编码"][:-1] + "0"  # wrong check digit
    too_long = dict(rows[41], 承诺办结时限="90")  # longer than the 法定时限
    duplicate = dict(rows[42])
    listing = tmp_path / "list.csv"
    write_csv(listing, [*rows, bad_check, too_long, duplicate])
    draft = ctx.applications.save_draft(PENSION, dict(resident), AGENT)
    before = load_catalog(ctx.data_dir)
    ctx.agents.add(TECH, "technician", TECH_PIN)
    refused = kiosk("catalog", "update", "--from", str(listing), data_dir=ctx.data_dir)
    assert refused.returncode == 2 and load_catalog(ctx.data_dir).version == before.version

    done = update_as_technician(listing, ctx.data_dir)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert len(report["accepted"]) == len(rows) - 28
    assert len(report["changed"]) == 3 and len(report["refused"]) == 3
    n = len(rows)
    assert (
        report["refused"][0].startswith(f"第 {n + 1} 行")
        and "统一社会信用代码" in (report["refused"][0])
    )
    assert "承诺办结时限不能长于法定办结时限" in report["refused"][1]
    assert "重复" in report["refused"][2]

    after = load_catalog(ctx.data_dir)
    assert after.version == report["version"] and after.version != before.version
    assert len(after) == len(before) + len(rows) - 28
    for code, days in TIGHTER.items():
        assert after.get(code).promised_days == days and after.get(code).item_version == "4"
    new = after.get(report["accepted"][0])
    assert new.implementing_body is not None and new.form.first_of_type("id_number")
    # the refused row's item is not there in any form
    assert bad_check["实施编码"] not in after and rows[41]["实施编码"] in after
    assert after.get(rows[41]["实施编码"]).promised_days == int(rows[41]["承诺办结时限"])
    # a draft started before the import still opens with its form
    assert ctx.applications.get(draft.id).item_code == PENSION

    again = update_as_technician(listing, ctx.data_dir)
    second = json.loads(again.stdout)
    assert second["accepted"] == [] and second["changed"] == []
    assert second["version"] == after.version  # nothing new: no new version


def test_json_list_with_nested_body(tmp_path):
    rows, _ = read_rows(SAMPLE)
    row = next(r for r in rows if r["name"] == "法律援助申请")
    nested = {k: v for k, v in row.items() if not k.startswith("body_")}
    nested["implementing_body"] = {
        "name": row["body_name"],
        "uscc": row["body_uscc"],
        "division_code": row["body_division"],
    }
    path = tmp_path / "list.json"
    path.write_text(
        json.dumps({"format": "implementation-list", "format_version": 1, "items": [nested]}),
        "utf-8",
    )
    parsed, _ = read_rows(path)
    plan = plan_import(parsed, Catalog.shipped().items())
    assert plan.refused == [] and len(plan.accepted) == 1
    assert plan.items[plan.accepted[0]]["implementing_body"]["uscc"] == row["body_uscc"]


def test_hub_publishes_the_list_in_one_version(hub, tmp_path):
    version_before = hub.service.catalog.version()
    plan = import_list(hub.service.catalog, SAMPLE)
    assert plan.refused == [] and len(plan.changed) == 3
    assert hub.service.catalog.version() == version_before + 1
    feed = hub.service.catalog.feed(version_before)
    assert len(feed["items"]) == len(plan.accepted) + len(plan.changed)
    # the hub answers new items' case numbers from their 实施编码 (as a request sees it)
    code = plan.accepted[0]
    with hub.service.db.session() as s:
        hub.service.catalog.refresh(s)
    assert hub.service.catalog.impl_code(code) == plan.items[code]["impl_code"]
    # the CLI says the same, one line per outcome
    hub_cli = [sys.executable, "-m", "hub", "--db", f"sqlite:///{tmp_path / 'hub.sqlite3'}"]
    done = subprocess.run(
        [*hub_cli, "catalog", "import", str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("新增 0 项，变更 0 项")
