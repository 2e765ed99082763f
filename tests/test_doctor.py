"""``kiosk doctor``'s report, section by section, on stations that are healthy and not."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from kiosk import doctor
from kiosk.core.crypto import DATA_KEY_NAME
from kiosk.core.settings import save_settings
from kiosk.doctor import BACKUP_MAX_AGE_DAYS, PRINTER_UNKNOWN, diagnose, render
from kiosk.store.models import Application
from tests.conftest import AGENT, PENSION

PRINTER_OK = {"ok": True, "printers": ["HP_LaserJet"], "default": "HP_LaserJet", "detail": ""}


@pytest.fixture
def with_printer(monkeypatch):
    monkeypatch.setattr(doctor, "printers", lambda: dict(PRINTER_OK))


def corrupt(db_file):
    """Scribble over the b-tree pages in the middle (as tests/store/test_integrity.py)."""
    raw = bytearray(db_file.read_bytes())
    for offset in range(4096 * 3, len(raw) - 4096, 4096):
        raw[offset + 8 : offset + 40] = b"\xff" * 32
    db_file.write_bytes(bytes(raw))


def test_a_healthy_station_with_a_fresh_backup_is_all_ok(ctx, resident, with_printer):
    ctx.applications.submit(PENSION, resident, AGENT, [])
    ctx.run_maintenance()  # the daily backup
    key = ctx.secrets.get(DATA_KEY_NAME)
    report = diagnose(ctx.data_dir)
    assert report["ok"] and report["essential_ok"], render(report)
    assert report["database"]["schema_current"] and report["queue"]["unsent"] == 1
    assert report["keyring"] == {
        "ok": True,
        "store": "demo-file",
        "found": True,
        "detail": "已找到本机的数据密钥",
    }
    assert report["audit"]["ok"] and report["audit"]["events"] >= 1
    assert report["backup"]["ok"] and report["backup"]["age_days"] == 0
    assert key not in json.dumps(report)  # found, never shown
    assert "全部正常" in render(report)
    # an open context is diagnosed from its data dir (the disk's free space is the machine's:
    # other programs write meanwhile, so it is compared apart, to within 64 MB)
    again = diagnose(ctx)
    free_then, free_now = report["disk"].pop("free_mb"), again["disk"].pop("free_mb")
    assert abs(free_then - free_now) < 64 and again == report


def test_backups_older_than_two_days_or_none_at_all_are_a_problem(ctx, with_printer):
    report = diagnose(ctx.data_dir)
    assert not report["backup"]["ok"] and not report["ok"] and report["essential_ok"]
    assert "运行 kiosk maintenance 或保持程序开机运行" in report["backup"]["detail"]
    ctx.backups.daily(dt.date(2026, 3, 1))
    ok = diagnose(ctx.data_dir, today=dt.date(2026, 3, 1 + BACKUP_MAX_AGE_DAYS))
    assert ok["backup"]["ok"] and ok["ok"]
    old = diagnose(ctx.data_dir, today=dt.date(2026, 3, 2 + BACKUP_MAX_AGE_DAYS))
    assert not old["backup"]["ok"] and not old["ok"]
    assert old["backup"]["age_days"] == 3 and "daily-20260301" in old["backup"]["detail"]
    assert "→ 最近一次自动备份是 3 天前" in render(old)


def test_a_corrupt_database_is_reported_not_raised(ctx, resident, with_printer):
    ctx.applications.submit(PENSION, resident, AGENT, [])
    data_dir = ctx.data_dir
    ctx.close()
    corrupt(data_dir / "kiosk.sqlite3")
    report = diagnose(data_dir)
    assert not report["ok"] and not report["essential_ok"]
    db = report["database"]
    assert not db["ok"] and db["check"] != ["ok"]
    assert "kiosk restore --latest" in db["detail"]
    assert report["queue"]["unsent"] is None and not report["queue"]["ok"]
    assert not report["audit"]["ok"] and "数据库" in report["audit"]["detail"]
    assert report["keyring"]["ok"] and report["disk"]["ok"]  # the rest is still checked
    text = render(report)
    assert "✗ 数据库：异常" in text and "待发送 ？ 件" in text


def test_not_a_database_at_all(ctx):
    data_dir = ctx.data_dir
    ctx.close()
    (data_dir / "kiosk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    db = diagnose(data_dir)["database"]
    assert not db["ok"] and "kiosk restore" in db["detail"]


def test_a_missing_data_key_is_reported_and_not_replaced(ctx):
    data_dir = ctx.data_dir
    ctx.secrets.delete(DATA_KEY_NAME)
    ctx.close()
    report = diagnose(data_dir)
    keyring = report["keyring"]
    assert not keyring["ok"] and not keyring["found"]
    assert "kiosk restore" in keyring["detail"] and "恢复口令" in keyring["detail"]
    assert not report["audit"]["ok"] and "密钥环" in report["audit"]["detail"]
    assert report["database"]["ok"] and not report["ok"]
    assert ctx.secrets.get(DATA_KEY_NAME) is None  # the doctor never makes a new key


def test_a_key_that_is_not_this_databases_is_reported(ctx):
    import base64
    import os

    data_dir = ctx.data_dir
    ctx.secrets.set(DATA_KEY_NAME, base64.b64encode(os.urandom(32)).decode())
    ctx.close()
    keyring = diagnose(data_dir)["keyring"]
    assert keyring["found"] and not keyring["ok"] and "不是本机数据库" in keyring["detail"]


def test_an_unusable_keyring_is_reported(ctx, monkeypatch):
    import keyring
    from keyring.backends import fail

    ctx.settings.secret_store = "keyring"
    save_settings(ctx.data_dir, ctx.settings)
    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    report = diagnose(ctx.data_dir)
    assert not report["keyring"]["ok"] and report["keyring"]["store"] == "keyring"
    assert "gnome-keyring" in report["keyring"]["detail"]  # KeyringUnavailable's advice
    assert report["database"]["ok"] and not report["ok"]


def test_a_broken_settings_file_is_reported(ctx):
    (ctx.data_dir / "settings.toml").write_text("this is [not toml", "utf-8")
    report = diagnose(ctx.data_dir)
    assert not report["keyring"]["ok"] and "设置文件" in report["keyring"]["detail"]
    assert report["database"]["ok"] and not report["ok"]
    assert "设置文件" in render(report)


def test_an_empty_data_dir(tmp_path):
    report = diagnose(tmp_path / "nothing-here")
    assert not report["ok"]
    assert "kiosk restore" in report["database"]["detail"]
    assert "settings.toml" in report["keyring"]["detail"]
    assert not (tmp_path / "nothing-here").exists()  # looking creates nothing
    render(report)


def test_an_application_stuck_in_the_queue_for_days(ctx, resident, with_printer):
    app = ctx.applications.submit(PENSION, resident, AGENT, [])
    with ctx.db.write() as s:
        s.get(Application, app.id).queued_at -= dt.timedelta(days=4)
    queue = diagnose(ctx.data_dir)["queue"]
    assert not queue["ok"] and queue["oldest_unsent_hours"] > 95
    assert "kiosk sync" in queue["detail"] and "U盘" in queue["detail"]


def test_the_database_is_only_read(ctx, resident):
    ctx.applications.submit(PENSION, resident, AGENT, [])
    data_dir = ctx.data_dir
    ctx.close()
    before = (data_dir / "kiosk.sqlite3").read_bytes()
    diagnose(data_dir)
    assert (data_dir / "kiosk.sqlite3").read_bytes() == before


# --- printers --------------------------------------------------------------------------------
def fake_run(stdout=b"", returncode=0, raises=None):
    calls = []

    def run(cmd, **kw):
        calls.append((cmd, kw))
        if raises:
            raise raises
        return subprocess.CompletedProcess(cmd, returncode, stdout, b"")

    run.calls = calls
    return run


def test_windows_printers_from_powershell(monkeypatch):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: f"C:\\ps\\{name}.exe")
    out = "False|Microsoft Print to PDF\r\nTrue|惠普 LaserJet 1020\r\n\r\n".encode()
    run = fake_run(out)
    found = doctor.printers("win32", run)
    assert found["ok"] and found["default"] == "惠普 LaserJet 1020"
    assert found["printers"] == ["Microsoft Print to PDF", "惠普 LaserJet 1020"]
    cmd, kw = run.calls[0]
    assert cmd[0].endswith("powershell.exe") and kw["timeout"] > 0  # never waits forever
    none = doctor.printers("win32", fake_run(b""))
    assert none["ok"] is False and "添加" in none["detail"]


@pytest.mark.parametrize(
    "run",
    [
        fake_run(raises=subprocess.TimeoutExpired("powershell", 15)),
        fake_run(raises=OSError("blocked by policy")),
        fake_run(b"", returncode=1),
    ],
)
def test_windows_printers_unknown_rather_than_failed(monkeypatch, run, ctx):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: f"C:\\ps\\{name}.exe")
    found = doctor.printers("win32", run)
    assert found["ok"] is None and found["detail"] == PRINTER_UNKNOWN
    monkeypatch.setattr(doctor, "printers", lambda: found)
    ctx.run_maintenance()
    report = diagnose(ctx.data_dir)
    assert report["ok"], "an unknown printer is not a failure"
    assert f"？ 打印机：\n    → {PRINTER_UNKNOWN}" in render(report)


def test_windows_without_powershell(monkeypatch):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    assert doctor.printers("win32", fake_run())["ok"] is None


def test_linux_printers_from_cups(monkeypatch):
    monkeypatch.setattr(doctor.shutil, "which", lambda name: f"/usr/bin/{name}")

    def run(cmd, **kw):
        out = "HP_LaserJet\nPDF\n" if cmd[1] == "-e" else "system default destination: PDF\n"
        return subprocess.CompletedProcess(cmd, 0, out, "")

    found = doctor.printers("linux", run)
    assert found == {"ok": True, "printers": ["HP_LaserJet", "PDF"], "default": "PDF", "detail": ""}
    stopped = doctor.printers(
        "linux", lambda cmd, **kw: subprocess.CompletedProcess(cmd, 1, "", "scheduler")
    )
    assert stopped["ok"] is False and "cups" in stopped["detail"]
    monkeypatch.setattr(doctor.shutil, "which", lambda name: None)
    assert "CUPS" in doctor.printers("linux", run)["detail"]
