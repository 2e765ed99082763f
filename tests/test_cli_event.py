"""``kiosk event list|show|file|status`` (一件事) as a script uses it (real subprocesses,
a station on disk, the shipped catalog)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kiosk.context import open_context
from tests.support.event_answers import BIRTH, RETIREMENT, birth_answers, retirement_answers, scans
from tests.test_cli import kiosk

pytestmark = pytest.mark.slow
PIN = "246810\n"
BIRTH_FILES = ("birth_cert", "hukou", "marriage", "signature", "baby_photo")


@pytest.fixture
def station(tmp_path):
    data = tmp_path / "station"
    ctx = open_context(data, demo=True)
    try:
        ctx.agents.add("wang", "agent", PIN.strip())
    finally:
        ctx.close()
    return data


def _today() -> dt.date:
    from kiosk.core.clock import to_local, utcnow

    return to_local(utcnow()).date()


def _write(tmp_path, data):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return str(path)


def test_list_and_show(station):
    r = kiosk(station, "event", "list", "--json")
    assert r.returncode == 0, r.stderr
    assert [b["code"] for b in json.loads(r.stdout)] == [
        "330000-EV-0001",
        "330000-EV-0002",
        "330000-EV-0003",
    ]
    r = kiosk(station, "event", "list", "--life-event", "退休", "--json")
    assert [b["name"] for b in json.loads(r.stdout)] == ["退休一件事"]
    r = kiosk(station, "event", "show", RETIREMENT, "--json")
    shown = json.loads(r.stdout)
    assert [m["item_code"] for m in shown["members"]][-1] == "330000-05-0005"
    assert "id_card" in [m["id"] for m in shown["materials"]]
    r = kiosk(station, "event", "show", "330000-EV-0099")
    assert r.returncode == 2 and "找不到“一件事”编码" in r.stderr
    # the first search builds the index, the second answers from the index file alone
    for _ in range(2):
        r = kiosk(station, "catalog", "search", "生孩子", "--json")
        assert json.loads(r.stdout)[0] == {
            "code": BIRTH,
            "name": "出生一件事",
            "score": 70.0,
            "kind": "bundle",
        }
        r = kiosk(station, "catalog", "search", "cs", "--limit", "3", "--json")
        assert [h["kind"] for h in json.loads(r.stdout)] == ["bundle", "item", "item"]


def test_file_then_status(station, tmp_path):
    attach = [f"--attach={a.material}={a.path}" for a in scans(tmp_path / "in", *BIRTH_FILES)]
    r = kiosk(
        station,
        "event",
        "file",
        BIRTH,
        "--data",
        _write(tmp_path, birth_answers(_today())),
        *attach,
        "--agent",
        "wang",
        "--json",
        stdin=PIN,
    )
    assert r.returncode == 0, r.stderr
    group = json.loads(r.stdout)
    assert len(group["members"]) == 4 and group["state"] == "待报送"
    queue = json.loads(kiosk(station, "queue", "--json").stdout)
    assert sorted(a["id"] for a in queue) == sorted(m["id"] for m in group["members"])
    for target in (group["group_id"], group["members"][2]["id"]):
        r = kiosk(station, "event", "status", target, "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["group_id"] == group["group_id"]


def test_refused_filing_names_the_member_and_stores_nothing(station, tmp_path):
    answers = retirement_answers(_today(), age=85)
    answers["members"]["330000-05-0005"]["account_holder"] = "代领人"  # but no 代领人 named
    r = kiosk(
        station,
        "event",
        "file",
        RETIREMENT,
        "--data",
        _write(tmp_path, answers),
        "--agent",
        "wang",
        "--json",
        stdin=PIN,
    )
    assert r.returncode == 2
    errors = json.loads(r.stdout)["errors"]
    assert "330000-05-0005/proxy_name" in errors
    assert errors["330000-05-0005/proxy_name"].startswith("【高龄津贴申领】")
    line = r.stderr.strip().splitlines()[-1]
    assert "“高龄津贴申领”未通过检查" in line and " / " in line
    assert json.loads(kiosk(station, "queue", "--json").stdout) == []
    r = kiosk(
        station,
        "event",
        "file",
        RETIREMENT,
        "--data",
        _write(tmp_path, answers),
        "--attach",
        "no-equals-sign",
        "--agent",
        "wang",
        stdin=PIN,
    )
    assert r.returncode == 2 and "材料编号=文件路径" in r.stderr


def test_malformed_data_file_exits_2(station, tmp_path):
    for bad in ({"shared": {}, "members": ["330000-20-0002"]}, ["not", "an", "object"]):
        r = kiosk(
            station,
            "event",
            "file",
            RETIREMENT,
            "--data",
            _write(tmp_path, bad),
            "--agent",
            "wang",
            stdin=PIN,
        )
        assert r.returncode == 2, r.stderr
        assert "“一件事”数据文件应为 JSON 对象" in r.stderr
