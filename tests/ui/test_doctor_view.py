"""站点体检 page: every check with ✓/✗/？ and, for a failed one, what to do."""

from __future__ import annotations

from kiosk import doctor
from kiosk.core.crypto import DATA_KEY_NAME
from kiosk.ui.doctor_view import DoctorView


def test_failed_checks_say_what_to_do_and_unknown_printer_is_not_a_failure(qtbot, ctx, monkeypatch):
    unknown = {"ok": None, "printers": [], "default": "", "detail": doctor.PRINTER_UNKNOWN}
    monkeypatch.setattr(doctor, "printers", lambda: dict(unknown))
    ctx.run_maintenance()
    view = DoctorView(ctx)
    qtbot.addWidget(view)
    view.run()
    qtbot.waitUntil(lambda: view.report is not None, timeout=20000)
    assert view.report["ok"]
    assert view.rows["打印机"].text() == f"？ 打印机：{doctor.PRINTER_UNKNOWN}"
    assert view.rows["自动备份"].text().startswith("✓ 自动备份：daily-")
    assert "关键项目正常" in view.summary.text()

    ctx.secrets.delete(DATA_KEY_NAME)
    view.report = None
    view.run()
    qtbot.waitUntil(lambda: view.report is not None, timeout=20000)
    keyring = view.rows["密钥环"]
    assert keyring.text().startswith("✗ 密钥环：") and "kiosk restore" in keyring.text()
    assert keyring.property("role") == "error"
    assert view.rows["审计记录"].text().startswith("✗")
    assert "有项目异常" in view.summary.text()


def test_a_fresh_station_is_all_green_or_neutral(qtbot, ctx, monkeypatch):
    """Set up today (its printer plugged in): no daily backup yet is neutral (？), not a
    fault, and nobody is sent to a command line; the summary says the essentials are fine."""
    plugged = {"ok": True, "printers": ["HP_LaserJet"], "default": "HP_LaserJet", "detail": ""}
    monkeypatch.setattr(doctor, "printers", lambda: dict(plugged))
    view = DoctorView(ctx)
    qtbot.addWidget(view)
    view.run()
    qtbot.waitUntil(lambda: view.report is not None, timeout=20000)
    backup = view.rows["自动备份"].text()
    assert backup.startswith("？ 自动备份：还没有备份"), backup
    assert not any(label.text().startswith("✗") for label in view.rows.values()), [
        label.text() for label in view.rows.values()
    ]
    assert "kiosk" not in "".join(label.text() for label in view.rows.values())
    assert "关键项目正常" in view.summary.text()
