"""Backups, restore and offline updates: restore and updates are a technician's job."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.auth import ANY_ROLE, SETUP_ACTOR, TECHNICIAN, add_login_options, login
from kiosk.cli.common import Commands, emit, open_ctx, read_secret
from kiosk.core.errors import InputError


def cmd_backup(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    if args.passphrase_stdin:  # a backup that opens on any PC: the technician's call
        who = login(args, ctx, TECHNICIAN)
        passphrase: str | None = read_secret("恢复口令", "recovery passphrase")
    else:  # sealed with this station's key: any user, or a script's service credential
        who = login(args, ctx, ANY_ROLE, scope="backup")
        passphrase = None
    if passphrase is not None and len(passphrase) < 8:
        raise InputError("恢复口令至少8个字符。", "recovery passphrase too short")
    info = ctx.backups.backup(Path(args.out), who.actor, passphrase)
    emit(
        args,
        {"out": str(info.path), "bytes": info.size, "files": info.files},
        lambda: f"备份已写入并校验：{info.path}（{info.size // 1024} KB，{info.files} 个文件）",
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kiosk.context import open_secrets_only
    from kiosk.core import station_lock
    from kiosk.core.audit import RESTORE
    from kiosk.core.backups import latest_daily, restore

    # no running app may have the data open: refused (exit 2) before anything is touched
    with station_lock.exclusive(args.data_dir, "restore"):
        actor = _restore_actor(args)
        secrets, backup_key = open_secrets_only(args.data_dir)
        if args.latest:
            latest = latest_daily(args.data_dir)
            if latest is None:
                raise InputError("本机没有自动备份可用于恢复。", "no daily backups found")
            source = latest
        elif args.file:
            source = Path(args.file)
        else:
            raise InputError("请指定备份文件，或使用 --latest。", "no backup file given")
        if not source.exists():
            raise InputError(f"找不到备份文件 {source}。", f"no such file {source}")
        passphrase = (
            read_secret("恢复口令", "recovery passphrase") if args.passphrase_stdin else None
        )
        info = restore(args.data_dir, source, backup_key, secrets, passphrase)
        ctx = open_ctx(args)  # the restored station opens (and migrates) as at the next start
        ctx.audit.note(ctx.db, actor, RESTORE, source.name, f"backup of {info.created}")
        ctx.close()
    emit(
        args,
        {"restored": str(source), "created": info.created},
        lambda: f"已从 {source.name}（{info.created}）恢复；原数据已移到 replaced-* 目录保留。",
    )
    return 0


def _restore_actor(args: argparse.Namespace) -> str:
    """A technician restores over a station; a PC with no station yet (a new PC restoring
    with the passphrase) has nothing to protect and no account to log in with."""
    if not (args.data_dir / "kiosk.sqlite3").exists():
        return SETUP_ACTOR
    ctx = open_ctx(args)
    try:
        return login(args, ctx, TECHNICIAN, bootstrap=True).actor
    finally:
        ctx.close()


def _technician(args: argparse.Namespace) -> str:
    ctx = open_ctx(args)
    try:
        return login(args, ctx, TECHNICIAN).actor
    finally:
        ctx.close()


def _update_root() -> Any:
    from kiosk.deploy.installs import UpdateRoot, default_app_root

    return UpdateRoot(default_app_root())


def cmd_update_apply(args: argparse.Namespace) -> int:
    from kiosk.core import station_lock
    from kiosk.deploy.updater import apply_update

    _technician(args)  # code from outside: a technician's job
    with station_lock.exclusive(args.data_dir, "update"):  # it migrates, may restore
        done = apply_update(Path(args.file), args.data_dir, _update_root())
    emit(
        args,
        {"applied": done.description, "version": done.version, "backup": str(done.backup)},
        lambda: f"已安装 {done.description} 并通过自检；更新前备份：{done.backup.name}",
    )
    return 0


def cmd_update_rollback(args: argparse.Namespace) -> int:
    from kiosk.core import station_lock
    from kiosk.deploy.updater import rollback

    _technician(args)
    with station_lock.exclusive(args.data_dir, "rollback"):  # it may restore the data
        done = rollback(args.data_dir, _update_root())
    emit(
        args,
        done,
        lambda: (
            f"已回退，现在运行 {done['current']} 版"
            + (
                "；数据已恢复为更新前的备份（当前数据保留在 replaced-* 目录）"
                if done["restored_data"]
                else ""
            )
        ),
    )
    return 0


def cmd_update_status(args: argparse.Namespace) -> int:
    from kiosk.deploy.updater import status

    info = status(_update_root())
    emit(
        args,
        info,
        lambda: (
            f"安装版本 {info['base']}，正在使用 {info['running']}；"
            f"已装更新：{'、'.join(info['installed']) or '无'}"
        ),
    )
    return 0


def cmd_update_selfcheck(args: argparse.Namespace) -> int:
    from kiosk.deploy.selfcheck import GuiProbe, run_selfcheck

    probe: GuiProbe | None = None
    if not args.no_gui:
        from kiosk.ui.selfcheck import start_probe

        probe = start_probe
    report = run_selfcheck(args.data_dir, gui=probe, full=not args.start_only)
    emit(
        args,
        report,
        lambda: "\n".join(f"{'✓' if c['ok'] else '✗'} {k}" for k, c in report["checks"].items()),
    )
    return 0 if report["ok"] else 1


def register(cmds: Commands) -> None:
    """``kiosk backup``, ``kiosk restore`` and ``kiosk update apply|rollback|status|selfcheck``."""
    b = cmds.add("backup", cmd_backup, help="encrypted, verified backup")
    b.add_argument("--out", required=True)
    b.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="also protect with a recovery passphrase (technician; for restoring on a new PC)",
    )
    add_login_options(b, service=True)
    r = cmds.add("restore", cmd_restore, help="restore a backup (the app must be closed)")
    r.add_argument("file", nargs="?")
    r.add_argument("--latest", action="store_true", help="the newest automatic daily backup")
    r.add_argument("--passphrase-stdin", action="store_true")
    add_login_options(r)
    up = cmds.group("update")
    ua = cmds.add_to(up, "apply", cmd_update_apply, help="apply a signed update package (.kupd)")
    ua.add_argument("file")
    add_login_options(ua)
    add_login_options(cmds.add_to(up, "rollback", cmd_update_rollback))
    cmds.add_to(up, "status", cmd_update_status)
    sc = cmds.add_to(up, "selfcheck", cmd_update_selfcheck, help="does this version start here?")
    sc.add_argument("--no-gui", action="store_true")
    sc.add_argument("--start-only", action="store_true", help="open the station and show login")
