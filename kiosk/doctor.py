"""``kiosk doctor``: the station's health at a glance, for the technician."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

from sqlalchemy import func, select

from kiosk import __version__
from kiosk.context import AppContext
from kiosk.core.clock import format_local, utcnow
from kiosk.core.status import LABELS_ZH, AppStatus
from kiosk.store.migrate import current_revision, head_revision
from kiosk.store.models import Application

UNSENT = (AppStatus.QUEUED.value, AppStatus.SENDING.value)


def _printers() -> dict[str, Any]:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return {"ok": False, "detail": "未找到 CUPS（lpstat），无法列出打印机"}
    try:
        res = subprocess.run([lpstat, "-e"], capture_output=True, text=True, timeout=5)
        default = subprocess.run([lpstat, "-d"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"ok": False, "detail": f"查询打印机失败：{exc}"}
    names = res.stdout.split()
    return {
        "ok": bool(names),
        "printers": names,
        "default": default.stdout.strip(),
        "detail": "" if names else "没有已安装的打印机",
    }


def diagnose(ctx: AppContext) -> dict[str, Any]:
    report: dict[str, Any] = {"version": __version__, "data_dir": str(ctx.data_dir)}
    with ctx.db.engine.connect() as conn:
        quick = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
        rev = current_revision(conn)
    report["database"] = {
        "ok": quick == ["ok"],
        "check": quick[:3],
        "schema": rev,
        "schema_current": rev == head_revision(),
        "size_bytes": ctx.db.path.stat().st_size,
    }
    counts = ctx.applications.counts()
    with ctx.db.read() as s:
        oldest = s.scalar(
            select(func.min(Application.queued_at)).where(Application.status.in_(UNSENT))
        )
    report["queue"] = {
        "by_status": {LABELS_ZH[k]: v for k, v in counts.items()},
        "unsent": sum(counts.get(AppStatus(v), 0) for v in UNSENT),
        "oldest_unsent": format_local(oldest),
        "oldest_unsent_hours": round((utcnow() - oldest).total_seconds() / 3600, 1)
        if oldest
        else None,
    }
    usage = shutil.disk_usage(ctx.data_dir)
    report["disk"] = {"free_mb": usage.free // 2**20, "ok": usage.free > 500 * 2**20}
    try:
        ok = ctx.secrets.get("data-key") is not None
        report["keyring"] = {"ok": ok, "store": ctx.settings.secret_store}
    except Exception as exc:
        report["keyring"] = {"ok": False, "detail": str(exc)}
    audit = ctx.audit.verify(ctx.db)
    report["audit"] = {"ok": audit.ok, "events": audit.count, "detail": audit.message_zh}
    latest = ctx.backups.latest()
    report["backup"] = {"latest": latest.name if latest else None, "ok": latest is not None}
    station = ctx.station()
    report["station"] = {
        "code": station.code if station else None,
        "hub": ctx.settings.hub_url or None,
    }
    report["printer"] = _printers()
    report["ok"] = all(report[k]["ok"] for k in ("database", "disk", "keyring", "audit"))
    return report


def render(report: dict[str, Any]) -> str:
    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    db, q = report["database"], report["queue"]
    lines = [
        f"村级代办 Kiosk {report['version']}  数据目录 {report['data_dir']}",
        f"{mark(db['ok'])} 数据库：{'正常' if db['ok'] else '异常 ' + str(db['check'])}"
        f"（结构版本 {db['schema']}，{db['size_bytes'] // 1024} KB）",
        f"  待发送 {q['unsent']} 件"
        + (f"，最早一件排队于 {q['oldest_unsent']}" if q["oldest_unsent"] else ""),
        "  " + "，".join(f"{k} {v}" for k, v in q["by_status"].items()),
        f"{mark(report['disk']['ok'])} 磁盘剩余 {report['disk']['free_mb']} MB",
        f"{mark(report['keyring']['ok'])} 密钥环：{report['keyring'].get('store', '')}"
        f" {report['keyring'].get('detail', '')}",
        f"{mark(report['audit']['ok'])} {report['audit']['detail']}",
        f"{mark(report['backup']['ok'])} 最近备份：{report['backup']['latest'] or '无'}",
        f"{mark(report['printer']['ok'])} 打印机：{' '.join(report['printer'].get('printers', []))}"
        f" {report['printer'].get('detail', '')}",
    ]
    return "\n".join(lines)
