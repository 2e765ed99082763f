"""``kiosk doctor --bundle OUT.zip``: what a technician hands in when something is wrong.

Versions, settings (no secrets), the health report (database, queue, keyring, audit,
backups, printers), update history and the logs — every log line scrubbed again of
anything that looks like a 身份证号 or phone number. It works even when the station cannot
be opened (a broken keyring, a damaged database): that is when it is needed most.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import platform
import sys
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.clock import utcnow
from kiosk.core.masking import scrub
from kiosk.deploy import trust
from kiosk.protocol import envelope as signing

log = logging.getLogger(__name__)

# Settings that are not secret but need not leave the station either.
SETTINGS_LEFT_OUT = {"install_id"}
PACKAGES = ("PySide6-Essentials", "SQLAlchemy", "cryptography", "keyring", "reportlab", "httpx")
MAX_LOG_BYTES = 20_000_000


def _versions() -> dict[str, Any]:
    info: dict[str, Any] = {
        "app": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "build-info.json").exists():
        info["build"] = json.loads((Path(bundle) / "build-info.json").read_text("utf-8"))
    for name in PACKAGES:
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = None
    return info


def _settings(data_dir: Path) -> dict[str, Any]:
    from kiosk.core.settings import load_settings

    try:
        data = dataclasses.asdict(load_settings(data_dir))
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {k: v for k, v in data.items() if k not in SETTINGS_LEFT_OUT}


def _health(data_dir: Path) -> dict[str, Any]:
    """``kiosk doctor``'s report: from the data dir, so a station that cannot open (a damaged
    database, a missing data key) is described section by section."""
    from kiosk.doctor import diagnose

    try:
        report = diagnose(data_dir)
    except Exception as exc:
        return {"ok": False, "error": scrub(f"{type(exc).__name__}: {exc}")}
    report["data_dir"] = "<data dir>"
    return report


def _updates() -> dict[str, Any]:
    from kiosk.deploy.installs import UpdateRoot, default_app_root
    from kiosk.deploy.updater import status

    try:
        return status(UpdateRoot(default_app_root()))
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def _trust(data_dir: Path) -> dict[str, Any]:
    try:
        return {
            "shipped": [signing.fingerprint(k) for k in trust.shipped_keys()],
            "pinned": [signing.fingerprint(k) for k in trust.pinned_keys(data_dir)],
        }
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


def _listing(data_dir: Path) -> list[dict[str, Any]]:
    """Names and sizes of what is in the data dir (blob names are content hashes)."""
    out = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and "blobs" not in path.relative_to(data_dir).parts:
            stat = path.stat()
            out.append({"path": path.relative_to(data_dir).as_posix(), "bytes": stat.st_size})
    return out


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def write_bundle(data_dir: Path, out: Path) -> dict[str, Any]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "README.txt",
            "村级代办 Kiosk 诊断包 / diagnostics bundle\n"
            f"created {utcnow().isoformat(timespec='seconds')} UTC\n"
            "Contains no secrets and no residents' personal data (logs scrubbed again).\n",
        )
        zf.writestr("versions.json", _dump(_versions()))
        zf.writestr("settings.json", _dump(_settings(data_dir)))
        zf.writestr("health.json", _dump(_health(data_dir)))
        zf.writestr("updates.json", _dump(_updates()))
        zf.writestr("trust.json", _dump(_trust(data_dir)))
        zf.writestr("files.json", _dump(_listing(data_dir)))
        zf.writestr(
            "environment.json",
            _dump(
                {
                    k: v
                    for k, v in os.environ.items()
                    if k.startswith(("QT_", "KIOSK_", "XDG_SESSION", "LANG", "LC_"))
                    or k in {"DISPLAY", "WAYLAND_DISPLAY", "DESKTOP_SESSION"}
                }
            ),
        )
        logs = sorted((data_dir / "logs").glob("*.log*")) if (data_dir / "logs").is_dir() else []
        for path in logs:
            raw = path.read_bytes()[-MAX_LOG_BYTES:]
            text = raw.decode("utf-8", errors="replace")
            zf.writestr(f"logs/{path.name}", "\n".join(scrub(line) for line in text.splitlines()))
    data = buf.getvalue()
    atomic_write_bytes(out, data, mode=0o644)
    log.info("diagnostics bundle written: %s (%d bytes)", out.name, len(data))
    return {"out": str(out), "bytes": len(data), "logs": len(logs)}
