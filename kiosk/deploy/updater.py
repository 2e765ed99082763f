"""Apply an offline update, check that it starts, and roll back when it does not.

``kiosk update apply FILE`` (run by the installed base version, see launcher.py):

1. verify the package (signature by a trusted key, every file's size and SHA-256);
2. back up the station (encrypted, verified) and keep a copy of its settings;
3. unpack the new version beside the old one (``versions/<v>/``) and/or stage the catalog;
4. run the new version's ``kiosk update selfcheck`` on the station's data: it runs the data
   migrations, checks database, keyring, audit chain, catalog and fonts, and starts Qt;
5. only then make it current. If any step fails, the new files are removed, the pre-update
   backup, settings and catalog are put back, and the old version keeps running.

``kiosk update rollback`` goes back to the previous version later; if the update had
changed the database schema, the pre-update backup is restored (today's data is kept aside
in ``replaced-*``, never deleted).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError, KioskError
from kiosk.core.settings import SETTINGS_FILE
from kiosk.deploy import catalog_files, trust
from kiosk.deploy.installs import InstallState, UpdateRoot, executable_name, version_key
from kiosk.deploy.launcher import DISPATCHED_ENV
from kiosk.deploy.update_package import UpdatePackage, extract, open_package

log = logging.getLogger(__name__)

SELFCHECK_TIMEOUT = 300.0
DB_NAME = "kiosk.sqlite3"
KEEP_VERSIONS = 2  # the current one and the one before it


class UpdateFailed(KioskError):
    pass


def own_command() -> list[str]:
    """How to run the version that is running now (frozen bundle, or from source)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "kiosk"]


def version_command(root: UpdateRoot, version: str | None) -> list[str]:
    return own_command() if version is None else [str(root.executable(version))]


def schema_revision(data_dir: Path) -> str | None:
    path = data_dir / DB_NAME
    if not path.exists():
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("select version_num from alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def run_selfcheck(
    command: list[str], data_dir: Path, timeout: float = SELFCHECK_TIMEOUT
) -> dict[str, Any]:
    """The version's own verdict on this station; never raises for a failing version."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{DISPATCHED_ENV: "1"})
    try:
        res = subprocess.run(
            [*command, "--data-dir", str(data_dir), "--json", "update", "selfcheck"],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return {"ok": False, "detail": f"no answer within {timeout:.0f} s"}
    except OSError as exc:
        return {"ok": False, "detail": f"cannot start: {exc}"}
    try:
        report: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        report = {"ok": False}
    report["exit_code"] = res.returncode
    if res.returncode != 0:
        report["ok"] = False
        report.setdefault("detail", res.stderr.strip()[-500:])
    return report


@dataclass(frozen=True)
class Applied:
    description: str
    version: str | None
    backup: Path
    selfcheck: dict[str, Any]


def effective_version(state: InstallState, root: UpdateRoot, base_version: str) -> str:
    current = state.current
    if (
        current
        and root.executable(current).exists()
        and version_key(current) > version_key(base_version)
    ):
        return current
    return base_version


def apply_update(
    package_path: Path,
    data_dir: Path,
    root: UpdateRoot,
    *,
    base_version: str = __version__,
    selfcheck: Callable[[list[str], Path], dict[str, Any]] = run_selfcheck,
    shipped_keys: Path | None = None,
) -> Applied:
    from kiosk.context import open_secrets_only

    package = open_package(package_path, trust.trusted_keys(data_dir, shipped_keys))
    state = root.load()
    running = effective_version(state, root, base_version)
    new = package.app_version
    if package.has_catalog:
        catalog_files.check_forward(data_dir, str(package.manifest.get("catalog_version") or ""))
    if new is not None and version_key(new) <= version_key(running):
        raise InputError(
            f"本机已是 {running} 版，不需要安装 {new} 版。",
            f"update {new} is not newer than {running}",
        )
    # 2. back up first: nothing below may lose a resident's data
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    backup = data_dir / "backups" / f"pre-update-{stamp}-{running}-to-{new or 'catalog'}.kbak"
    running_cmd = version_command(root, running if running != base_version else None)
    _backup_with(running_cmd, data_dir, backup)
    settings_copy = backup.with_suffix(".settings.toml")
    if (data_dir / SETTINGS_FILE).exists():
        shutil.copy2(data_dir / SETTINGS_FILE, settings_copy)
    schema_before = schema_revision(data_dir)
    _, backup_key = open_secrets_only(data_dir)

    version_dir: Path | None = None
    catalog_installed = False
    try:
        # 3. unpack side by side (verifying every file), stage the catalog
        if new is not None:
            version_dir = root.version_dir(new)
            _unpack_app(package, version_dir, new)
        if package.has_catalog:
            _install_catalog(package, data_dir)
            catalog_installed = True
        # 4. the new version checks itself on this station's data
        report = selfcheck(version_command(root, new) if new is not None else running_cmd, data_dir)
        if not report.get("ok"):
            raise UpdateFailed(
                "新版本未通过自检，已自动回退到原来的版本，数据未受影响。"
                "请把诊断包（kiosk doctor --bundle）交给技术支持。",
                f"selfcheck of {new or running} failed: {json.dumps(report)[:800]}",
            )
    except BaseException as exc:
        log.error("update %s failed, rolling back: %s", package_path.name, exc)
        _undo(data_dir, backup, backup_key, settings_copy, schema_before, catalog_installed)
        if version_dir is not None:
            shutil.rmtree(version_dir, ignore_errors=True)
        state = root.load()
        root.record(state, "failed", version=new, package=package_path.name, reason=str(exc))
        root.save(state)
        raise
    # 5. make it current
    state = root.load()
    if new is not None:
        state.previous, state.current = state.current, new
    root.record(
        state,
        "applied",
        version=new,
        catalog=package.has_catalog,
        from_version=running,
        backup=str(backup),
        settings=str(settings_copy),
        schema_before=schema_before,
    )
    root.save(state)
    _prune(root, state)
    log.info("update applied: %s (backup %s)", package.describe(), backup.name)
    return Applied(package.describe(), new, backup, report)


def _unpack_app(package: UpdatePackage, version_dir: Path, new: str) -> None:
    """The new version's files side by side with the running one (every file verified)."""
    shutil.rmtree(version_dir, ignore_errors=True)
    partial = version_dir.with_name(f".{new}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    extract(package, "app", partial)
    partial.rename(version_dir)


def _install_catalog(package: UpdatePackage, data_dir: Path) -> None:
    staged = Path(tempfile.mkdtemp(prefix=".catalog-", dir=data_dir)) / "items"
    extract(package, "catalog/items", staged)
    catalog_files.validate_folder(staged)
    catalog_files.install(data_dir, staged, str(package.manifest.get("catalog_version") or ""))
    shutil.rmtree(staged.parent, ignore_errors=True)


def _backup_with(command: list[str], data_dir: Path, out: Path) -> None:
    """The pre-update backup, made by the version that runs now: only it is sure to open a
    database whose schema an earlier update may have moved past the installed base."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{DISPATCHED_ENV: "1"})
    ok, detail = False, ""
    credential = _backup_credential(data_dir, "create")  # `kiosk backup` needs a login
    try:
        args = ["--data-dir", str(data_dir), "backup", "--out", str(out), "--service", credential]
        res = subprocess.run(
            [*command, *args],
            capture_output=True,
            text=True,
            timeout=SELFCHECK_TIMEOUT,
            env=env,
        )
        ok, detail = res.returncode == 0, res.stderr.strip()[-500:]
    except (OSError, subprocess.TimeoutExpired) as exc:
        detail = str(exc)
    finally:
        _backup_credential(data_dir, credential)
    if not ok or not out.exists():
        raise UpdateFailed(
            "更新前的备份没有成功，为保护数据，本次不更新。请用 kiosk doctor 检查后重试。",
            f"pre-update backup failed: {detail}",
        )


def _backup_credential(data_dir: Path, revoke: str) -> str:
    """A one-off service credential (scope: backup) for the pre-update backup, made under
    the technician's login that runs this update; ``revoke``: the name of one to revoke."""
    from kiosk.context import open_context
    from kiosk.core.service_credentials import ServiceCredentials

    ctx = open_context(data_dir)
    try:
        store = ServiceCredentials(ctx.db, ctx.secrets, ctx.audit)
        if revoke != "create":
            store.revoke(revoke, "update")
            return revoke
        name = f"update-{utcnow().strftime('%Y%m%d-%H%M%S-%f')}"
        return store.create(name, ["backup"], "update").name
    finally:
        ctx.close()


def _undo(
    data_dir: Path,
    backup: Path,
    backup_key: bytes | None,
    settings_copy: Path,
    schema_before: str | None,
    catalog_installed: bool,
) -> None:
    """Put the station back as it was before the update."""
    from kiosk.core.backups import restore
    from kiosk.core.secrets import open_secret_store
    from kiosk.core.settings import load_settings

    if catalog_installed:
        catalog_files.restore_previous(data_dir)
    if settings_copy.exists():
        atomic_write_bytes(data_dir / SETTINGS_FILE, settings_copy.read_bytes())
    if schema_revision(data_dir) != schema_before or not _db_ok(data_dir):
        settings = load_settings(data_dir)
        secrets = open_secret_store(settings.secret_store, settings.install_id, data_dir)
        restore(data_dir, backup, backup_key, secrets)
        log.warning("station data restored from %s", backup.name)


def _db_ok(data_dir: Path) -> bool:
    path = data_dir / DB_NAME
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _prune(root: UpdateRoot, state: InstallState) -> None:
    keep = {v for v in (state.current, state.previous) if v}
    for version in root.installed():
        if version not in keep:
            shutil.rmtree(root.version_dir(version), ignore_errors=True)


def rollback(data_dir: Path, root: UpdateRoot) -> dict[str, Any]:
    """Back to the version before the last update; its data if the schema had changed."""
    from kiosk.context import open_secrets_only

    state = root.load()
    applied = [h for h in state.history if h.get("event") == "applied"]
    last = applied[-1] if applied else None
    if last is None or last.get("rolled_back"):
        raise InputError("没有可以回退的更新。", "nothing to roll back")
    restored_data = False
    if last.get("version"):
        state.current, state.previous = state.previous, None
    if last.get("catalog"):
        catalog_files.restore_previous(data_dir)
    settings_copy = Path(str(last.get("settings", "")))
    if last.get("settings") and settings_copy.exists():
        atomic_write_bytes(data_dir / SETTINGS_FILE, settings_copy.read_bytes())
    if schema_revision(data_dir) != last.get("schema_before"):
        from kiosk.core.backups import restore
        from kiosk.core.secrets import open_secret_store
        from kiosk.core.settings import load_settings

        secrets, backup_key = open_secrets_only(data_dir)
        settings = load_settings(data_dir)
        secrets = open_secret_store(settings.secret_store, settings.install_id, data_dir)
        restore(data_dir, Path(str(last["backup"])), backup_key, secrets)
        restored_data = True
    last["rolled_back"] = True
    root.record(state, "rolled_back", version=last.get("version"), restored_data=restored_data)
    root.save(state)
    return {
        "current": state.current or "installed",
        "restored_data": restored_data,
        "backup": last.get("backup"),
    }


def status(root: UpdateRoot, base_version: str = __version__) -> dict[str, Any]:
    state = root.load()
    return {
        "base": base_version,
        "running": effective_version(state, root, base_version),
        "current": state.current,
        "previous": state.previous,
        "installed": root.installed(),
        "root": str(root.root),
        "executable": executable_name(),
        "history": state.history[-10:],
    }


def describe_package(package: UpdatePackage) -> str:
    return package.describe()
