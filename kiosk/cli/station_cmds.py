"""Station commands: set-up, accounts, filing, the queue, sync, printing, health."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kiosk.cli.auth import ANY_ROLE, TECHNICIAN, Refused, add_login_options, login
from kiosk.cli.common import Commands, emit, open_ctx, read_secret, report_field_errors
from kiosk.cli.paper_cmds import add_agent_profile
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.errors import InputError, ValidationFailed


def cmd_gui(args: argparse.Namespace) -> int:
    from kiosk.ui.app import run_gui

    return run_gui(
        args.data_dir, demo=args.demo, kiosk_mode=args.kiosk_mode, login_check=args.login_check
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.ui.demo_walkthrough import run_demo

    summary = run_demo(Path(args.out), args.screen, args.scale)
    emit(args, summary, lambda: "\n".join(f"{k}: {v}" for k, v in summary.items()))
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    from kiosk.sync.enrollment import check_station_code

    if args.from_file:
        return _setup_from_file(args)
    if not (args.hub and args.station and args.enroll):
        raise InputError(
            "请用 --from 指定站点配置文件，或同时给出 --hub、--station、--enroll。",
            "setup needs --from FILE, or --hub, --station and --enroll",
        )
    problem = check_station_code(args.station)
    if problem:  # before touching the data dir or the keyring
        raise InputError(problem, f"bad station code {args.station!r}")
    ctx = open_ctx(args)
    login(args, ctx, TECHNICIAN, bootstrap=True)  # provisioning: technician (or first set-up)
    device_id = ctx.provision(
        args.hub, args.station, args.name or f"代办点 {args.station}", args.enroll, args.ca or ""
    )
    emit(
        args,
        {"station": args.station, "device_id": device_id},
        lambda: f"站点 {args.station} 已注册 / station enrolled (device {device_id})",
    )
    return 0


def _setup_from_file(args: argparse.Namespace) -> int:
    """Apply a provisioning file (kiosk-hub provision): the technician types only its passphrase."""
    from kiosk.deploy import provisioning

    source = Path(args.from_file) if args.from_file != "-" else provisioning.pending_file()
    if source is None:
        raise InputError(
            "本机没有安装程序留下的站点配置文件，请用 --from 指定文件位置。",
            "no pending provisioning file on this PC",
        )
    ctx = open_ctx(args)
    login(args, ctx, TECHNICIAN, bootstrap=True)  # provisioning: technician (or first set-up)
    phrase = read_secret("配置文件口令", "passphrase")
    opened = provisioning.open_file(source, phrase)  # before touching anything
    device_id = provisioning.apply(ctx, opened)
    code = opened.data.station_code
    emit(
        args,
        {"station": code, "name": opened.data.station_name, "device_id": device_id},
        lambda: (
            f"站点 {code}（{opened.data.station_name}）已注册 / station enrolled"
            f" (device {device_id})"
        ),
    )
    return 0


def cmd_agent_add(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    who = login(args, ctx, TECHNICIAN, bootstrap=True)
    if who.role == "setup" and args.role != "technician":
        raise Refused(
            "本站还没有账号：请先添加一名技术员（--role technician），再由技术员添加其他账号。",
            "the first account must be a technician",
        )
    info = ctx.agents.add(
        args.name, args.role, read_secret("新账号的 PIN 码", "new PIN"), who.actor
    )
    emit(
        args,
        {"name": info.name, "role": info.role},
        lambda: f"已添加用户 {info.name}（{info.role}）",
    )
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    try:
        data = json.loads(Path(args.data).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            f"无法读取申请数据文件 {args.data}，请确认它是 UTF-8 编码的 JSON。",
            f"cannot read data file {args.data}: {exc}",
        ) from exc
    if not isinstance(data, dict):
        raise InputError(
            "申请数据文件应为 JSON 对象（键为字段名）。", "data file must be an object"
        )
    ctx = open_ctx(args)
    agent = login(args, ctx, ANY_ROLE)
    attachments = []
    refs = []
    for spec in args.attach:
        path, _, material = spec.partition("=")
        from kiosk.core.attachments import AttachmentInput

        attachments.append(AttachmentInput(Path(path), material))
        refs.append(_file_ref(Path(path), material))
    if refs:
        from kiosk.forms.engine import bind_files

        data = bind_files(ctx.catalog.get(args.item).form, data, refs)
    try:
        view = ctx.applications.submit(args.item, data, agent.actor, attachments)
    except ValidationFailed as exc:
        report_field_errors(args, exc.field_errors)
        raise
    emit(
        args,
        {"id": view.id, "status": view.status.value},
        lambda: f"已保存并排队等待发送：{view.id}（{view.status_label}）",
    )
    return 0


def _file_ref(path: Path, material: str) -> dict[str, Any]:
    """What the payload records of an attached file (the bytes go to the blob store)."""
    import hashlib

    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"无法读取附件“{path.name}”，请确认文件存在且未被占用。",
            f"cannot read attachment {path.name}: {exc.strerror}",
        ) from exc
    sha = hashlib.sha256(content).hexdigest()
    return {"name": path.name, "material": material, "sha256": sha, "size": len(content)}


def cmd_queue(args: argparse.Namespace) -> int:
    views = open_ctx(args).applications.list()
    emit(
        args,
        [v.to_json() for v in views],
        lambda: "\n".join(
            f"{v.id}  {v.status_label:8}  {v.case_no or '-':20}  {v.item_name}"
            + (f"  ⚠ {v.last_error}" if v.last_error else "")
            for v in views
        ),
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    report = ctx.sync_engine().run_once(force=True)
    emit(
        args,
        report.to_json(),
        lambda: (
            "另一个同步正在进行，本次未执行。/ another sync is running"
            if report.busy
            else f"发送 {report.sent}，新收件 {report.created}，重复 {report.duplicate}，"
            f"冲突 {report.conflict}，"
            f"退回 {report.rejected}，状态更新 {report.status_updates}，待发送 {report.remaining}"
            + (f"\n{report.error}" if report.error else "")
        ),
    )
    return 1 if report.error else 0


def cmd_print(args: argparse.Namespace) -> int:
    from kiosk.print.kinds import DocumentKind
    from kiosk.print.paper import parse_layout

    kind = DocumentKind(args.kind)
    layout = parse_layout(args.layout) if args.layout else None
    ctx = open_ctx(args)
    who = None
    if kind is not DocumentKind.GUIDE:  # a guide is public; the others carry a resident's data
        who = login(args, ctx, ANY_ROLE)
    pdf = ctx.printing.render(kind, args.target, layout)
    # a resident's document is readable by this OS user only (a guide is public)
    atomic_write_bytes(Path(args.out), pdf, mode=0o644 if who is None else 0o600)
    if who is not None:
        ctx.access_records.printed(who.actor, kind.value, args.target, "PDF file")
    emit(args, {"out": args.out, "bytes": len(pdf)}, lambda: f"已生成 {args.out}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import diagnose, render

    if args.bundle:
        from kiosk.deploy.diagnostics import write_bundle

        info = write_bundle(args.data_dir, Path(args.bundle))
        emit(args, info, lambda: f"诊断包已写入 {info['out']}（{info['bytes'] // 1024} KB）")
        return 0
    report = diagnose(args.data_dir)  # from the data dir: it reports what stops the app opening
    emit(args, report, lambda: render(report))
    return 0 if report["ok"] else 1


def cmd_audit_verify(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    report = ctx.audit.verify(ctx.db)
    emit(
        args,
        {
            "ok": report.ok,
            "events": report.count,
            "first_broken_id": report.first_broken_id,
            "reason": report.reason,
        },
        lambda: report.message_zh,
    )
    return 0 if report.ok else 1


def cmd_maintenance(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    login(args, ctx, ANY_ROLE, scope="maintenance")
    done = ctx.run_maintenance()
    emit(
        args,
        done,
        lambda: f"备份：{done['backup'] or '今日已备份'}；清理个人信息 {done['purged']} 件",
    )
    return 0


def cmd_agent_list(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    login(args, ctx, TECHNICIAN)
    agents = ctx.agents.list()
    emit(
        args,
        [{"name": a.name, "role": a.role} for a in agents],
        lambda: "\n".join(f"{a.name}  {a.role}" for a in agents),
    )
    return 0


def cmd_service_add(args: argparse.Namespace) -> int:
    from kiosk.core.service_credentials import ServiceCredentials

    ctx = open_ctx(args)
    who = login(args, ctx, TECHNICIAN)
    info = ServiceCredentials(ctx.db, ctx.secrets, ctx.audit).create(
        args.name, args.scope, who.actor
    )
    emit(
        args,
        {"name": info.name, "scopes": list(info.scopes)},
        lambda: (
            f"已创建服务凭据 {info.name}（{'、'.join(info.scopes)}），密钥保存在本机密钥环中；"
            f"脚本中用 --service {info.name}"
        ),
    )
    return 0


def cmd_service_revoke(args: argparse.Namespace) -> int:
    from kiosk.core.service_credentials import ServiceCredentials

    ctx = open_ctx(args)
    who = login(args, ctx, TECHNICIAN)
    ServiceCredentials(ctx.db, ctx.secrets, ctx.audit).revoke(args.name, who.actor)
    emit(args, {"revoked": args.name}, lambda: f"已撤销服务凭据 {args.name}")
    return 0


SCOPES = ("backup", "maintenance")  # kiosk.core.service_credentials.SCOPES (not imported here)
PRINT_KINDS = ["receipt", "authorization", "supplement", "guide", "signature_page"]
PRINT_KINDS += ["group_receipt", "group_authorization"]  # 一件事: the target is a group id


def register_station(cmds: Commands) -> None:
    """``kiosk gui``, ``kiosk demo``, ``kiosk setup``."""
    g = cmds.add("gui", cmd_gui, help="desktop app")
    g.add_argument("--demo", action="store_true", help="demo station with an embedded local hub")
    g.add_argument(
        "--kiosk-mode", action="store_true", help="resident self-service terminal (locked down)"
    )
    g.add_argument(
        "--login-check",
        action="store_true",
        help="start as usual, exit once the login window is painted (does this copy start?)",
    )
    d = cmds.add("demo", cmd_demo, help="headless walkthrough; a picture of every page")
    d.add_argument("--out", required=True, help="an empty (or new) folder")
    d.add_argument("--screen", default="1366x768", help="WIDTHxHEIGHT of the screen")
    d.add_argument("--scale", type=float, default=1.0, help="OS scale factor: 1, 1.25, 1.5")
    s = cmds.add("setup", cmd_setup, help="provision this station (technician)")
    s.add_argument(
        "--from",
        dest="from_file",
        metavar="FILE",
        nargs="?",
        const="-",
        help="provisioning file (.kprov); without FILE: the one the installer left",
    )
    s.add_argument("--hub")
    s.add_argument("--station")
    s.add_argument("--enroll")
    s.add_argument("--name", default="")
    s.add_argument("--ca", default="")
    add_login_options(s)


def register_agents(cmds: Commands) -> None:
    """``kiosk agent add|list|service add|service revoke|profile``."""
    agent = cmds.group("agent")
    aa = cmds.add_to(
        agent, "add", cmd_agent_add, help="add an account (technician; stdin: your PIN, new PIN)"
    )
    aa.add_argument("name")
    aa.add_argument("--role", required=True, choices=["agent", "township", "technician"])
    add_login_options(aa)
    add_login_options(cmds.add_to(agent, "list", cmd_agent_list))
    svc = cmds.group("service", dest="service_cmd", parent=agent)
    sa = cmds.add_to(svc, "add", cmd_service_add, help="a scoped credential for scripts")
    sa.add_argument("name")
    sa.add_argument("--scope", action="append", required=True, choices=sorted(SCOPES))
    sr = cmds.add_to(svc, "revoke", cmd_service_revoke)
    sr.add_argument("name")
    for p in (sa, sr):
        add_login_options(p)
    add_agent_profile(cmds, agent)


def register_desk(cmds: Commands) -> None:
    """``kiosk apply``, ``kiosk queue``, ``kiosk sync``, ``kiosk print``: the agent's work."""
    ap = cmds.add("apply", cmd_apply, help="validate and queue an application (PIN on stdin)")
    ap.add_argument("--item", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--attach", action="append", default=[], metavar="PATH[=MATERIAL]")
    add_login_options(ap)
    cmds.add("queue", cmd_queue, help="applications and their status")
    sy = cmds.add("sync", cmd_sync, help="one sync cycle with the hub")
    sy.add_argument("--once", action="store_true", help="one cycle (the default)")
    pr = cmds.add("print", cmd_print, help="documents as PDF")
    pr.add_argument("kind", choices=PRINT_KINDS)
    pr.add_argument("target", help="application id (guide: item code; group_*: group id)")
    pr.add_argument("--out", required=True)
    pr.add_argument("--layout", choices=["a4", "80mm", "58mm"], help="paper (default: settings)")
    add_login_options(pr)


def register_upkeep(cmds: Commands) -> None:
    """``kiosk doctor``, ``kiosk audit verify``, ``kiosk maintenance``."""
    doc = cmds.add("doctor", cmd_doctor, help="health report")
    doc.add_argument("--bundle", metavar="OUT.zip", help="diagnostics bundle for support")
    cmds.add_to(cmds.group("audit"), "verify", cmd_audit_verify)
    mt = cmds.add("maintenance", cmd_maintenance, help="daily backup and retention purge")
    add_login_options(mt, service=True)
