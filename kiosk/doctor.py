"""``kiosk doctor``: the station's health at a glance, for the technician.

It works from the data dir alone, section by section, without opening the app: a damaged
database, a missing data key or a broken settings file is exactly what it must report, so
each section catches its own errors and says in Chinese what to do. The database is only
ever opened read-only here. The overall ``ok`` is false if any section failed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from kiosk import __version__
from kiosk.core import file_modes
from kiosk.core.clock import format_local, utcnow
from kiosk.core.errors import KioskError
from kiosk.core.status import LABELS_ZH, AppStatus

if TYPE_CHECKING:
    from kiosk.context import AppContext
    from kiosk.store.db import Database

log = logging.getLogger(__name__)

UNSENT = (AppStatus.QUEUED.value, AppStatus.SENDING.value)
ESSENTIAL = ("database", "disk", "keyring", "audit")  # without these the station cannot work
MIN_FREE_BYTES = 500 * 2**20
BACKUP_MAX_AGE_DAYS = 2
QUEUE_MAX_WAIT_HOURS = 72
PRINTER_UNKNOWN = "未知（请在打印预览中检查）"
PRINTER_TIMEOUT = 15  # PowerShell starts slowly on a cheap PC

FIX_SUPPORT = "请把诊断包（kiosk doctor --bundle）交给县级技术支持。"
FIX_BACKUP = "运行 kiosk maintenance 或保持程序开机运行（每天自动备份一次）。"


SECTION_ZH = {
    "database": "数据库",
    "queue": "待发送申请",
    "disk": "磁盘空间",
    "keyring": "密钥环",
    "audit": "审计记录",
    "backup": "自动备份",
    "station": "站点",
    "printer": "打印机",
    "devices": "读卡器和热敏打印机",
}


def _failed(section: str, exc: Exception) -> str:
    """What to tell the technician when a check itself went wrong."""
    log.warning("doctor: %s check failed: %s: %s", section, type(exc).__name__, exc)
    if isinstance(exc, KioskError):
        return exc.zh
    return f"{SECTION_ZH[section]}检查出错（{type(exc).__name__}: {exc}）。{FIX_SUPPORT}"


# --- database --------------------------------------------------------------------------------
def _database(data_dir: Path) -> tuple[dict[str, Any], Database | None]:
    """Health of ``kiosk.sqlite3`` and, if it can be read, a read-only handle on it."""
    from kiosk.store.db import DB_FILE, Database, DatabaseCorrupt
    from kiosk.store.migrate import current_revision, head_revision

    path = data_dir / DB_FILE
    section: dict[str, Any] = {
        "ok": False,
        "check": [],
        "schema": None,
        "schema_current": False,
        "size_bytes": 0,
        "detail": "",
    }
    if not path.exists():
        section["check"] = ["missing"]
        section["detail"] = (
            "没有数据库文件：本机还没有配置，请启动程序完成站点配置；"
            "如果以前用过，请用 kiosk restore 从备份恢复。"
        )
        return section, None
    section["size_bytes"] = path.stat().st_size
    db = Database.open_read_only(path)
    try:
        with db.engine.connect() as conn:
            quick = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check")]
            if quick == ["ok"]:
                section["schema"] = current_revision(conn)
    except DBAPIError as exc:  # not a database at all, or unreadable
        quick = [str(exc.orig)]
    except Exception:
        db.close()
        raise
    section["check"] = quick[:3]
    if quick != ["ok"]:
        db.close()
        section["detail"] = DatabaseCorrupt(path, "; ".join(quick[:3])).zh
        return section, None
    section["ok"] = True
    section["schema_current"] = section["schema"] == head_revision()
    if not section["schema_current"]:
        section["detail"] = "数据库结构是旧版本，下次启动程序时会自动升级。"
    return section, db


def _queue(db: Database | None) -> dict[str, Any]:
    from kiosk.store.models import Application

    section: dict[str, Any] = {
        "ok": False,
        "by_status": {},
        "unsent": None,  # not known
        "oldest_unsent": "",
        "oldest_unsent_hours": None,
        "detail": "",
    }
    if db is None:
        section["detail"] = "数据库不能读取，无法统计待发送的申请（见数据库一项）。"
        return section
    with db.read() as s:
        counts: dict[str, int] = {
            str(st): int(n)
            for st, n in s.execute(
                select(Application.status, func.count()).group_by(Application.status)
            )
        }
        oldest = s.scalar(
            select(func.min(Application.queued_at)).where(Application.status.in_(UNSENT))
        )
    labels = {status.value: label for status, label in LABELS_ZH.items()}
    section["by_status"] = {labels.get(k, k): v for k, v in counts.items()}
    section["unsent"] = sum(counts.get(v, 0) for v in UNSENT)
    section["oldest_unsent"] = format_local(oldest)
    hours = round((utcnow() - oldest).total_seconds() / 3600, 1) if oldest else None
    section["oldest_unsent_hours"] = hours
    section["ok"] = hours is None or hours <= QUEUE_MAX_WAIT_HOURS
    if not section["ok"]:
        section["detail"] = (
            f"最早一件申请已等了 {hours:.0f} 小时还没有发出：请检查网络和省级平台地址"
            "（kiosk sync 看原因），或用U盘批次（kiosk batch export）交到乡镇。"
        )
    return section


def _disk(data_dir: Path) -> dict[str, Any]:
    where = data_dir
    while not where.exists() and where.parent != where:
        where = where.parent
    usage = shutil.disk_usage(where)
    ok = usage.free > MIN_FREE_BYTES
    return {
        "ok": ok,
        "free_mb": usage.free // 2**20,
        "detail": ""
        if ok
        else "磁盘剩余空间不足 500 MB：请删除不需要的文件，或把较早的备份复制到U盘后删除"
        "（不要删除数据目录中的其他文件）。",
    }


# --- keyring and audit -----------------------------------------------------------------------
def _keyring(data_dir: Path) -> tuple[dict[str, Any], bytes | None]:
    """Is this station's data key in its secret store? (The key itself is never shown.)"""
    from kiosk.core.crypto import DATA_KEY_NAME
    from kiosk.core.secrets import open_secret_store
    from kiosk.core.settings import SETTINGS_FILE, load_settings

    section: dict[str, Any] = {"ok": False, "store": "", "found": False, "detail": ""}
    if not (data_dir / SETTINGS_FILE).exists():
        section["detail"] = (
            "没有站点设置文件（settings.toml），找不到本机的数据密钥：本机还没有配置，"
            "请启动程序完成站点配置；如果以前用过，请用 kiosk restore 从备份恢复。"
        )
        return section, None
    settings = load_settings(data_dir)
    section["store"] = settings.secret_store
    try:
        secrets = open_secret_store(settings.secret_store, settings.install_id, data_dir)
        stored = secrets.get(DATA_KEY_NAME)
    except Exception as exc:  # KeyringUnavailable says what to install
        section["detail"] = _failed("keyring", exc)
        return section, None
    if not stored:
        section["detail"] = (
            "系统密钥环中没有本机的数据密钥，已保存的居民信息无法解密。请不要重新配置站点；"
            "请用 kiosk restore 和恢复口令从备份恢复，或联系县级技术支持。"
        )
        return section, None
    section["found"] = True
    try:
        key = base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        section["detail"] = "系统密钥环中的数据密钥已损坏（格式不对）。" + FIX_SUPPORT
        return section, None
    section["ok"] = True
    section["detail"] = "已找到本机的数据密钥"
    return section, key


def _key_matches(db: Database | None, key: bytes | None, section: dict[str, Any]) -> None:
    """The key found must be this database's own (kiosk/core/data_key.py keeps its check)."""
    from kiosk.core.crypto import DataCipher
    from kiosk.core.data_key import CHECK_KEY, check_value

    if db is None or key is None:
        return
    with db.read_raw() as conn:
        row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CHECK_KEY,)).fetchone()
    if row is not None and row[0] != check_value(DataCipher(key)):
        section["ok"] = False
        section["detail"] = (
            "系统密钥环中的数据密钥不是本机数据库的那一把（密钥环被重置，或换了系统用户）。"
            "请用原来的系统用户登录；否则请用 kiosk restore 和恢复口令从备份恢复。"
        )


def _audit(db: Database | None, key: bytes | None) -> dict[str, Any]:
    from kiosk.core.audit import AuditLog
    from kiosk.core.crypto import DataCipher

    if db is None or key is None:
        missing = ("数据库", "数据库") if db is None else ("数据密钥", "密钥环")
        return {
            "ok": False,
            "events": None,
            "detail": f"未能核验审计记录：{missing[0]}不可用（见上面的{missing[1]}一项）。",
        }
    report = AuditLog(DataCipher(key)).verify(db)
    return {"ok": report.ok, "events": report.count, "detail": report.message_zh}


# --- backups, station, printers --------------------------------------------------------------
def _backup(data_dir: Path, today: dt.date) -> dict[str, Any]:
    from kiosk.core.backups import daily_date, latest_daily

    latest = latest_daily(data_dir)
    if latest is None:
        return {
            "ok": False,
            "latest": None,
            "age_days": None,
            "detail": "还没有自动备份：" + FIX_BACKUP,
        }
    made = daily_date(latest) or dt.date.fromtimestamp(latest.stat().st_mtime)
    age = (today - made).days
    ok = age <= BACKUP_MAX_AGE_DAYS
    return {
        "ok": ok,
        "latest": latest.name,
        "age_days": age,
        "detail": f"{latest.name}（{age} 天前）"
        if ok
        else f"最近一次自动备份是 {age} 天前（{latest.name}）：" + FIX_BACKUP,
    }


def _station(data_dir: Path, db: Database | None) -> dict[str, Any]:
    from kiosk.core.settings import load_settings
    from kiosk.store.models import Station

    code = None
    if db is not None:
        with db.read() as s:
            row = s.scalar(select(Station))
            code = row.code if row else None
    return {"code": code, "hub": load_settings(data_dir).hub_url or None}


Runner = Callable[..., Any]  # subprocess.run


def _printers_cups(run: Runner) -> dict[str, Any]:
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return {
            "ok": False,
            "printers": [],
            "default": "",
            "detail": "未找到打印服务 CUPS（lpstat）：请安装 cups 并添加打印机。",
        }
    res = run([lpstat, "-e"], capture_output=True, text=True, timeout=5)
    default = run([lpstat, "-d"], capture_output=True, text=True, timeout=5)
    if res.returncode != 0:
        return {
            "ok": False,
            "printers": [],
            "default": "",
            "detail": "打印服务 CUPS 没有运行：请重启电脑，或请技术员启动 cups 服务。",
        }
    names = res.stdout.split()
    default_name = (
        default.stdout.strip().rpartition(":")[2].strip() if ":" in default.stdout else ""
    )
    return {
        "ok": bool(names),
        "printers": names,
        "default": default_name,
        "detail": ""
        if names
        else "没有已安装的打印机：请接好打印机电源和USB线，在系统中添加后再检查。",
    }


WINDOWS_QUERY = (
    "[Console]::OutputEncoding=[Text.Encoding]::UTF8; "
    "Get-CimInstance Win32_Printer | ForEach-Object { '{0}|{1}' -f $_.Default,$_.Name }"
)


def parse_windows_printers(out: str) -> tuple[list[str], str]:
    """``True|name`` lines (Win32_Printer's Default and Name) → (names, default)."""
    names, default = [], ""
    for line in out.splitlines():
        flag, sep, name = line.strip().partition("|")
        if not sep or not name:
            continue
        names.append(name)
        if flag.lower() == "true":
            default = name
    return names, default


def _printers_windows(run: Runner) -> dict[str, Any]:
    unknown: dict[str, Any] = {"ok": None, "printers": [], "default": "", "detail": PRINTER_UNKNOWN}
    shell = shutil.which("powershell")
    if shell is None:
        return unknown
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashes up in the GUI
    try:
        res = run(
            [shell, "-NoProfile", "-NonInteractive", "-Command", WINDOWS_QUERY],
            capture_output=True,
            timeout=PRINTER_TIMEOUT,
            creationflags=flags,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("doctor: printer query failed: %s", exc)
        return unknown
    if res.returncode != 0:
        return unknown
    out = res.stdout.decode("utf-8", "replace") if isinstance(res.stdout, bytes) else res.stdout
    names, default = parse_windows_printers(out)
    return {
        "ok": bool(names),
        "printers": names,
        "default": default,
        "detail": ""
        if names
        else "没有已安装的打印机：请接好打印机，在“设置—打印机”中添加后再检查。",
    }


def printers(platform: str = sys.platform, run: Runner = subprocess.run) -> dict[str, Any]:
    """Installed printers: CUPS on Linux, Win32_Printer on Windows (unknown if unreadable)."""
    if platform == "win32":
        return _printers_windows(run)
    return _printers_cups(run)


# --- the report -----------------------------------------------------------------------------
def _guard(name: str, section: Callable[[], dict[str, Any]], **empty: Any) -> dict[str, Any]:
    try:
        return section()
    except Exception as exc:
        return {**empty, "ok": False, "detail": _failed(name, exc)}


def diagnose(source: Path | AppContext, today: dt.date | None = None) -> dict[str, Any]:
    """The health report of the station in ``source`` (its data dir, or an open context's).

    Nothing here needs the app to open: each section reports its own failure."""
    data_dir = Path(source) if isinstance(source, str | Path) else source.data_dir
    today = today or dt.date.today()
    report: dict[str, Any] = {"version": __version__, "data_dir": str(data_dir)}
    db: Database | None = None
    key: bytes | None = None
    try:
        report["database"], db = _database(data_dir)
    except Exception as exc:
        report["database"] = {
            "ok": False,
            "check": [type(exc).__name__],
            "schema": None,
            "schema_current": False,
            "size_bytes": 0,
            "detail": _failed("database", exc),
        }
    try:
        report["queue"] = _guard(
            "queue",
            lambda: _queue(db),
            by_status={},
            unsent=None,
            oldest_unsent="",
            oldest_unsent_hours=None,
        )
        report["disk"] = _guard("disk", lambda: _disk(data_dir), free_mb=None)
        report["permissions"] = _guard("permissions", lambda: file_modes.report(data_dir))
        try:
            report["keyring"], key = _keyring(data_dir)
            _key_matches(db, key, report["keyring"])
        except Exception as exc:
            report["keyring"] = {"ok": False, "store": "", "found": False}
            report["keyring"]["detail"] = _failed("keyring", exc)
        report["audit"] = _guard("audit", lambda: _audit(db, key), events=None)
        report["backup"] = _guard(
            "backup", lambda: _backup(data_dir, today), latest=None, age_days=None
        )
        report["station"] = _guard("station", lambda: _station(data_dir, db), code=None, hub=None)
        report["station"].pop("ok", None)
        report["printer"] = _guard("printer", lambda: printers(), printers=[], default="")
        from kiosk.devices.health import devices

        report["devices"] = _guard("devices", lambda: devices(data_dir))
    finally:
        if db is not None:
            db.close()
    sections = [v for v in report.values() if isinstance(v, dict)]
    report["ok"] = all(s.get("ok") is not False for s in sections)
    report["essential_ok"] = all(report[k]["ok"] is True for k in ESSENTIAL)
    return report


def render(report: dict[str, Any]) -> str:
    def mark(ok: bool | None) -> str:
        return "？" if ok is None else "✓" if ok else "✗"

    def line(section: dict[str, Any], text: str) -> str:
        detail = section.get("detail") or ""
        if not section.get("ok") and detail:
            text += "\n    → " + detail
        elif detail and detail not in text:
            text += "  " + detail
        return f"{mark(section.get('ok'))} {text}"

    db, q, disk = report["database"], report["queue"], report["disk"]
    keyring, audit, backup = report["keyring"], report["audit"], report["backup"]
    printer = report["printer"]
    db_text = (
        f"数据库：正常（结构版本 {db['schema']}，{db['size_bytes'] // 1024} KB）"
        if db["ok"]
        else f"数据库：异常 {db.get('check', [])}"
    )
    unsent = "？" if q.get("unsent") is None else q["unsent"]
    queue_text = f"待发送 {unsent} 件" + (
        f"，最早一件排队于 {q['oldest_unsent']}" if q.get("oldest_unsent") else ""
    )
    lines = [
        f"村级代办 Kiosk {report['version']}  数据目录 {report['data_dir']}",
        line(db, db_text),
        line(q, queue_text),
    ]
    if q.get("by_status"):
        lines.append("  " + "，".join(f"{k} {v}" for k, v in q["by_status"].items()))
    free = disk.get("free_mb")
    lines += [
        line(disk, f"磁盘剩余 {free if free is not None else '？'} MB"),
        line(report["permissions"], "文件权限：仅本用户可读"),
        line(keyring, f"密钥环（{keyring.get('store') or '？'}）"),
        line(audit, audit["detail"] if audit["ok"] else "审计记录"),
        line(
            backup,
            "最近备份：" + (backup["detail"] if backup["ok"] else backup.get("latest") or "无"),
        ),
        line(printer, "打印机：" + " ".join(printer.get("printers", []))),
    ]
    if "devices" in report:
        from kiosk.devices.health import render_lines

        lines += render_lines(report["devices"])
    station = report.get("station", {})
    if station.get("code") or station.get("hub"):
        lines.append(
            f"  站点 {station.get('code') or '未配置'}  平台 {station.get('hub') or '未配置'}"
        )
    verdict = (
        "全部正常。"
        if report["ok"]
        else "有 ✗ 的项目请按 → 后的提示处理，然后重新运行 kiosk doctor。"
    )
    lines.append(verdict)
    return "\n".join(lines)
