"""The ``kiosk`` command as a technician or a script uses it (real subprocesses)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from PIL import Image

from kiosk.demo import DEMO_STATION_CODE
from tests.conftest import PENSION

pytestmark = pytest.mark.slow
TECH = ("--agent", "tech")  # the station's technician (PIN TECH_PIN)
TECH_PIN = "246810\n"
PIN = "135790\n"  # li, an agent


def kiosk(data_dir, *args, stdin=""):
    env = dict(os.environ, KIOSK_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def station(tmp_path, hub):
    data = tmp_path / "cli-station"
    # a demo-file secret store so this test does not need a Secret Service
    from kiosk.context import open_context

    open_context(data, demo=True).close()
    code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
    r = kiosk(data, "setup", "--hub", hub.url, "--station", DEMO_STATION_CODE, "--enroll", code)
    assert r.returncode == 0, r.stderr
    # the first account of a station is its technician (no login yet: nobody to log in as)
    r = kiosk(data, "agent", "add", "tech", "--role", "technician", stdin=TECH_PIN)
    assert r.returncode == 0, r.stderr
    r = kiosk(data, "agent", "add", "li", "--role", "agent", *TECH, stdin=TECH_PIN + "135790\n")
    assert r.returncode == 0, r.stderr
    return data


def write(tmp_path, data, name="data.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_apply_sync_queue_print(station, tmp_path, resident):
    r = kiosk(
        station,
        "apply",
        "--item",
        PENSION,
        "--data",
        write(tmp_path, resident),
        "--agent",
        "li",
        "--json",
        stdin="135790\n",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["status"] == "queued"
    r = kiosk(station, "sync", "--once", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["created"] == 1
    queue = json.loads(kiosk(station, "queue", "--json").stdout)
    assert queue[0]["id"] == out["id"] and queue[0]["status"] == "submitted"
    assert queue[0]["case_no"]
    pdf = tmp_path / "r.pdf"
    r = kiosk(station, "print", "receipt", out["id"], "--out", pdf, "--agent", "li", stdin=PIN)
    assert r.returncode == 0, r.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    with sqlite3.connect(station / "kiosk.sqlite3") as conn:  # who printed what: audited
        printed = conn.execute("select actor, subject from audit_event where action='print'")
        assert printed.fetchall() == [("li", out["id"])]


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"id_number": "330106196203140221"}, "id_number", "校验位"),
        ({"name": ""}, "name", "必填"),
    ],
)
def test_apply_bad_input_exits_2_and_stores_nothing(
    station, tmp_path, resident, change, field, fragment
):
    r = kiosk(
        station,
        "apply",
        "--item",
        PENSION,
        "--data",
        write(tmp_path, dict(resident, **change)),
        "--agent",
        "li",
        "--json",
        stdin="135790\n",
    )
    assert r.returncode == 2
    assert fragment in json.loads(r.stdout)["errors"][field]
    assert "/" in r.stderr.splitlines()[-1]  # one line: Chinese / English
    assert json.loads(kiosk(station, "queue", "--json").stdout) == []


def test_unknown_item_exits_2(station, tmp_path, resident):
    r = kiosk(
        station,
        "apply",
        "--item",
        "999999-99-9999",
        "--data",
        write(tmp_path, resident),
        "--agent",
        "li",
        stdin="135790\n",
    )
    assert r.returncode == 2 and "找不到事项编码" in r.stderr


def test_wrong_pin_exits_2(station, tmp_path, resident):
    r = kiosk(
        station,
        "apply",
        "--item",
        PENSION,
        "--data",
        write(tmp_path, resident),
        "--agent",
        "li",
        stdin="000000\n",
    )
    assert r.returncode == 2 and "PIN" in r.stderr


def test_unreadable_data_file_exits_2(station, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = kiosk(station, "apply", "--item", PENSION, "--data", bad, "--agent", "li", stdin="135790\n")
    assert r.returncode == 2 and "JSON" in r.stderr


def test_bad_station_code_exits_2(tmp_path, hub):
    r = kiosk(tmp_path / "s", "setup", "--hub", hub.url, "--station", "12345", "--enroll", "X")
    assert r.returncode == 2 and "12位" in r.stderr


def test_catalog_commands(tmp_path):
    items = json.loads(kiosk(tmp_path / "s", "catalog", "list", "--json").stdout)
    assert {"code": PENSION, "name": "城乡居民基本养老保险参保登记"} in items
    shown = json.loads(kiosk(tmp_path / "s", "catalog", "show", PENSION, "--json").stdout)
    keys = {f["key"]: f for f in shown["form"]["fields"]}
    assert keys["id_number"]["type"] == "id_number" and keys["id_number"]["required"]
    hits = json.loads(kiosk(tmp_path / "s", "catalog", "search", "yanglao", "--json").stdout)
    assert hits[0]["code"] == PENSION


def test_backup_doctor_audit_and_restore(station, tmp_path, resident):
    r = kiosk(
        station,
        "apply",
        "--item",
        PENSION,
        "--data",
        write(tmp_path, resident),
        "--agent",
        "li",
        "--json",
        stdin="135790\n",
    )
    app_id = json.loads(r.stdout)["id"]
    out = tmp_path / "usb" / "station.kbak"
    r = kiosk(
        station,
        "backup",
        "--out",
        out,
        "--passphrase-stdin",
        "--json",
        *TECH,
        stdin=TECH_PIN + "村口大槐树2024\n",
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["files"] >= 2
    doctor = kiosk(station, "doctor", "--json")
    report = json.loads(doctor.stdout)
    assert report["database"]["ok"] and report["keyring"]["ok"] and report["audit"]["ok"]
    assert report["queue"]["unsent"] == 1 and report["queue"]["oldest_unsent"]
    assert "数据库：正常" in kiosk(station, "doctor").stdout
    assert kiosk(station, "audit", "verify").returncode == 0
    # a new PC (fresh data dir, its own keyring key) restores with the passphrase
    new_pc = tmp_path / "new-pc"
    bad = kiosk(new_pc, "restore", out, stdin="")
    assert bad.returncode == 2 and "恢复口令" in bad.stderr
    r = kiosk(new_pc, "restore", out, "--passphrase-stdin", stdin="村口大槐树2024\n")
    assert r.returncode == 0, r.stderr
    queue = json.loads(kiosk(new_pc, "queue", "--json").stdout)
    assert [q["id"] for q in queue] == [app_id]
    # the restore itself is on the restored station's (intact) audit trail
    with sqlite3.connect(new_pc / "kiosk.sqlite3") as conn:
        last = conn.execute("select action, subject from audit_event order by id desc limit 1")
        assert last.fetchone() == ("restore", "station.kbak")
    assert kiosk(new_pc, "audit", "verify").returncode == 0
    # and the resident's data is readable there: the key went where the station looks for it
    again = kiosk(
        new_pc,
        "print",
        "receipt",
        app_id,
        "--out",
        tmp_path / "again.pdf",
        "--agent",
        "li",
        stdin=PIN,
    )
    assert again.returncode == 0, again.stderr


def test_doctor_reports_a_corrupt_database_instead_of_failing_to_open(station):
    db_file = station / "kiosk.sqlite3"
    raw = bytearray(db_file.read_bytes())
    for offset in range(4096 * 3, len(raw) - 4096, 4096):  # as tests/store/test_integrity.py
        raw[offset + 8 : offset + 40] = b"\xff" * 32
    db_file.write_bytes(bytes(raw))
    r = kiosk(station, "doctor", "--json")
    assert r.returncode == 1
    report = json.loads(r.stdout)  # a report, not a crash
    assert not report["database"]["ok"] and not report["ok"]
    assert "kiosk restore --latest" in report["database"]["detail"]
    assert report["keyring"]["ok"] and report["disk"]["ok"]
    text = kiosk(station, "doctor")
    assert text.returncode == 1 and "✗ 数据库：异常" in text.stdout
    assert "kiosk restore --latest" in text.stdout
    assert db_file.read_bytes() == bytes(raw)  # looked at, not touched


def test_doctor_reports_a_missing_data_key(station):
    secrets_file = station / "demo-secrets.json"  # the station's secret store (demo-file)
    stored = json.loads(secrets_file.read_text("utf-8"))
    del stored["data-key"]
    secrets_file.write_text(json.dumps(stored), "utf-8")
    r = kiosk(station, "doctor", "--json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert not report["keyring"]["ok"] and not report["keyring"]["found"]
    assert "kiosk restore" in report["keyring"]["detail"]
    assert report["database"]["ok"] and not report["audit"]["ok"]
    assert "data-key" not in json.loads(secrets_file.read_text("utf-8")), "no new key made"
    assert "✗ 密钥环" in kiosk(station, "doctor").stdout


HOLD_STATION = """
import sys, time
from pathlib import Path
from kiosk.core.station_lock import hold_while_running
lock = hold_while_running(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(600)
"""


def test_restore_refuses_while_the_app_runs(station, tmp_path):
    import signal

    out = tmp_path / "usb" / "station.kbak"
    assert kiosk(station, "backup", "--out", out, "--agent", "li", stdin=PIN).returncode == 0
    before = {p.name: p.read_bytes() for p in station.iterdir() if p.is_file()}
    app = subprocess.Popen(  # stands in for the GUI / self-service terminal
        [sys.executable, "-c", HOLD_STATION, str(station)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout is not None and app.stdout.readline().strip() == "held"
        r = kiosk(station, "restore", out, *TECH, stdin=TECH_PIN)
        assert r.returncode == 2
        assert "程序正在运行：请先退出代办点程序（包括自助终端）再恢复。" in r.stderr
        after = {p.name: p.read_bytes() for p in station.iterdir() if p.is_file()}
        assert {k: v for k, v in after.items() if k != "station.lock"} == {
            k: v for k, v in before.items() if k != "station.lock"
        }
        assert not list(station.glob("replaced-*"))
        rollback = kiosk(station, "update", "rollback", *TECH, stdin=TECH_PIN)  # restores data
        assert rollback.returncode == 2 and "再回退更新" in rollback.stderr
    finally:
        app.send_signal(signal.SIGKILL)  # a crashed app must not block restore forever
        app.wait(timeout=30)
    r = kiosk(station, "restore", out, *TECH, stdin=TECH_PIN)
    assert r.returncode == 0, r.stderr
    assert len(list(station.glob("replaced-*"))) == 1


def test_audit_verify_fails_after_sqlite_shell_edit(station, tmp_path, resident):
    import shutil

    kiosk(
        station,
        "apply",
        "--item",
        PENSION,
        "--data",
        write(tmp_path, resident),
        "--agent",
        "li",
        stdin="135790\n",
    )
    shell = shutil.which("sqlite3")
    if shell is None:
        pytest.skip("sqlite3 shell not installed (./dev test installs it)")
    subprocess.run(
        [
            shell,
            str(station / "kiosk.sqlite3"),
            "update audit_event set actor='nobody' where id=2;",
        ],
        check=True,
    )
    r = kiosk(station, "audit", "verify", "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["first_broken_id"] == 2


def test_catalog_export_and_update_from_usb(tmp_path):
    import hashlib

    from kiosk.core.catalog_bundle import _canonical

    data = tmp_path / "s"
    assert (
        kiosk(data, "agent", "add", "tech", "--role", "technician", stdin=TECH_PIN).returncode == 0
    )
    out = tmp_path / "bundle.json"
    r = kiosk(data, "catalog", "export", "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    bundle = json.loads(out.read_text("utf-8"))
    bundle["version"] = "2099.1.1"
    extra = dict(bundle["items"][0], code="330000-20-0777", name="演示新增事项：光荣牌申领")
    bundle["items"].append(extra)
    bundle["sha256"] = hashlib.sha256(_canonical(bundle)).hexdigest()
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(bundle, ensure_ascii=False), "utf-8")
    r = kiosk(data, "catalog", "update", "--from", newer, "--json", *TECH, stdin=TECH_PIN)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["version"] == "2099.1.1"
    hits = json.loads(kiosk(data, "catalog", "search", "光荣牌", "--json").stdout)
    assert hits[0]["code"] == "330000-20-0777"
    # the older shipped catalog can no longer be imported over it
    r = kiosk(data, "catalog", "update", "--from", out, *TECH, stdin=TECH_PIN)
    assert r.returncode == 2 and "旧" in r.stderr
    broken = tmp_path / "broken.json"
    broken.write_bytes(newer.read_bytes()[:1000])
    r = kiosk(data, "catalog", "update", "--from", broken, *TECH, stdin=TECH_PIN)
    assert r.returncode == 2 and "损坏" in r.stderr


def test_catalog_list_filters_and_older_form_version(tmp_path):
    data = tmp_path / "s"
    events = json.loads(kiosk(data, "catalog", "list", "--life-event", "身后事", "--json").stdout)
    assert {i["name"] for i in events} >= {"惠民殡葬补助申请"}
    firms = json.loads(kiosk(data, "catalog", "list", "--subject", "法人", "--json").stdout)
    assert [i["name"] for i in firms] == ["个体工商户设立登记"]
    old = json.loads(
        kiosk(data, "catalog", "show", "330000-05-0005", "--form-version", "1", "--json").stdout
    )
    assert old["form"]["version"] == 1 and old["form_versions"] == [1, 2]
    assert "bank_name" not in {f["key"] for f in old["form"]["fields"]}


def test_apply_binds_attachments_to_their_fields(station, tmp_path):
    from kiosk.core.catalog import Catalog

    item = Catalog.shipped().get("330000-05-0005")  # 高龄津贴: ID scan and signature required
    data = {
        k: v
        for k, v in item.raw["examples"]["valid"][0].items()
        if k not in {"id_scan", "signature"}
    }
    scan = tmp_path / "id.jpg"
    Image.new("RGB", (400, 250), (220, 220, 210)).save(scan, "JPEG")
    sign = tmp_path / "sign.png"
    Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(sign, "PNG")
    args = ["apply", "--item", item.code, "--data", write(tmp_path, data), "--agent", "li"]
    r = kiosk(station, *args, "--json", stdin="135790\n")
    assert r.returncode == 2 and "id_scan" in json.loads(r.stdout)["errors"]
    r = kiosk(
        station,
        *args,
        "--attach",
        f"{scan}=居民身份证",
        "--attach",
        f"{sign}=signature",
        "--json",
        stdin="135790\n",
    )
    assert r.returncode == 0, r.stderr
    [queued] = json.loads(kiosk(station, "queue", "--json").stdout)
    assert queued["attachments"] == 2 and queued["form_version"] == 2
