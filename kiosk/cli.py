"""The ``kiosk`` command (docs/design.md §6). Exit 0 ok, 2 bad input, 1 other failure."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.errors import InputError, KioskError, ValidationFailed
from kiosk.logs import setup_logging
from kiosk.paths import resolve_data_dir

if TYPE_CHECKING:  # `kiosk gui` paints its login before the services are imported
    from kiosk.core.catalog import Catalog

log = logging.getLogger("kiosk.cli")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"命令参数不正确：{message} / bad arguments: {message}", file=sys.stderr)
        raise SystemExit(2)


def _read_pin() -> str:
    line = sys.stdin.readline()
    if not line:
        raise InputError("请从标准输入提供 PIN 码。", "PIN expected on stdin")
    return line.strip()


def _emit(args: argparse.Namespace, data: Any, text: Callable[[], str]) -> None:
    print(json.dumps(data, ensure_ascii=False) if args.json else text())


def _ctx(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kiosk.context import open_context

    return open_context(args.data_dir)


def _catalog(args: argparse.Namespace) -> Catalog:
    """The station's catalog (shipped + imported updates): browsing it needs no keyring."""
    from kiosk.core.catalog_bundle import load_catalog
    from kiosk.core.catalog_source import station_prefers_village

    catalog = load_catalog(args.data_dir)
    catalog.prefer_village = station_prefers_village(_station_code(args.data_dir))
    return catalog


def _station_code(data_dir: Path) -> str:
    """The station's code, read-only with the sqlite3 module: browsing the catalog loads no
    ORM (SQLAlchemy costs a quarter of a second to import) and migrates nothing."""
    import sqlite3

    path = data_dir / "kiosk.sqlite3"  # kiosk.store.db.DB_FILE (not imported: see above)
    if not path.exists():
        return ""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("select code from station order by id limit 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""  # not set up yet (no table), or being replaced: no village preference
    return str(row[0]) if row else ""


# --- subcommands -----------------------------------------------------------------------------
def cmd_gui(args: argparse.Namespace) -> int:
    from kiosk.ui.app import run_gui

    return run_gui(args.data_dir, demo=args.demo, kiosk_mode=args.kiosk_mode)


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.demo import run_demo

    summary = run_demo(Path(args.out))
    _emit(args, summary, lambda: "\n".join(f"{k}: {v}" for k, v in summary.items()))
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
    ctx = _ctx(args)
    device_id = ctx.provision(
        args.hub, args.station, args.name or f"代办点 {args.station}", args.enroll, args.ca or ""
    )
    _emit(
        args,
        {"station": args.station, "device_id": device_id},
        lambda: f"站点 {args.station} 已注册 / station enrolled (device {device_id})",
    )
    return 0


def _setup_from_file(args: argparse.Namespace) -> int:
    """Apply a provisioning file (kiosk-hub provision): the technician types only its passphrase."""
    import getpass

    from kiosk.deploy import provisioning

    source = Path(args.from_file) if args.from_file != "-" else provisioning.pending_file()
    if source is None:
        raise InputError(
            "本机没有安装程序留下的站点配置文件，请用 --from 指定文件位置。",
            "no pending provisioning file on this PC",
        )
    if sys.stdin.isatty():
        phrase = getpass.getpass("请输入配置文件口令 / passphrase: ")
    else:
        phrase = _read_secret_line("配置文件口令")
    opened = provisioning.open_file(source, phrase)  # before touching anything
    device_id = provisioning.apply(_ctx(args), opened)
    code = opened.data.station_code
    _emit(
        args,
        {"station": code, "name": opened.data.station_name, "device_id": device_id},
        lambda: (
            f"站点 {code}（{opened.data.station_name}）已注册 / station enrolled"
            f" (device {device_id})"
        ),
    )
    return 0


def cmd_agent_add(args: argparse.Namespace) -> int:
    info = _ctx(args).agents.add(args.name, args.role, _read_pin())
    _emit(
        args,
        {"name": info.name, "role": info.role},
        lambda: f"已添加用户 {info.name}（{info.role}）",
    )
    return 0


def cmd_catalog_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    items = catalog.items()
    if args.theme:
        items = catalog.items_in_theme(args.theme, args.subject)
    elif args.life_event:
        items = catalog.items_for_life_event(args.life_event)
    elif args.subject:
        items = [i for i in items if i.subject == args.subject]
    _emit(
        args,
        [{"code": i.code, "name": i.name} for i in items],
        lambda: "\n".join(f"{i.code}  {i.name}" for i in items),
    )
    return 0


def cmd_catalog_show(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    item = catalog.get(args.code)
    data = item.to_json()
    data.pop("examples", None)
    data.pop("form_history", None)
    if args.form_version:
        data["form"] = catalog.form_version(args.code, args.form_version).to_json()
    data["form_versions"] = item.form_versions
    _emit(args, data, lambda: json.dumps(data, ensure_ascii=False, indent=2))
    return 0


def cmd_catalog_update(args: argparse.Namespace) -> int:
    from kiosk.core.catalog_bundle import import_catalog

    if not args.source:
        raise InputError(
            "请用 --from 指定目录文件（U盘上的 .json）；联网站点的目录随“立即同步”自动更新。",
            "catalog update needs --from FILE here; hub pulls run with sync",
        )
    version = import_catalog(Path(args.source), args.data_dir)
    count = len(_catalog(args))
    _emit(
        args,
        {"version": version, "items": count},
        lambda: f"事项目录已更新到 {version}（{count} 个事项）",
    )
    return 0


def cmd_catalog_export(args: argparse.Namespace) -> int:
    from kiosk.core.catalog_bundle import bundle_bytes

    catalog = _catalog(args)
    atomic_write_bytes(Path(args.out), bundle_bytes(catalog), mode=0o644)
    _emit(
        args,
        {"out": args.out, "version": catalog.version, "items": len(catalog)},
        lambda: f"已导出事项目录 {catalog.version} 到 {args.out}",
    )
    return 0


def cmd_catalog_search(args: argparse.Namespace) -> int:
    from kiosk.core.catalog_source import station_prefers_village
    from kiosk.core.search import search, search_station

    village = station_prefers_village(_station_code(args.data_dir))
    hits = search_station(args.data_dir, args.query, args.limit, village)
    if hits is None:  # no index yet, or the catalog changed: load it (and index it)
        hits = search(_catalog(args), args.query, limit=args.limit)
    _emit(
        args,
        [{"code": h.code, "name": h.name, "score": h.score} for h in hits],
        lambda: "\n".join(f"{h.score:6.1f}  {h.code}  {h.name}" for h in hits),
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
    ctx = _ctx(args)
    agent = ctx.agents.authenticate(args.agent, _read_pin())
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
        view = ctx.applications.submit(args.item, data, agent.name, attachments)
    except ValidationFailed as exc:
        if args.json:
            print(json.dumps({"errors": exc.field_errors}, ensure_ascii=False))
        for key, msg in exc.field_errors.items():
            print(f"  {key}: {msg}", file=sys.stderr)
        raise
    _emit(
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
    views = _ctx(args).applications.list()
    _emit(
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
    ctx = _ctx(args)
    report = ctx.sync_engine().run_once(force=True)
    _emit(
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
    ctx = _ctx(args)
    pdf = ctx.printing.render(kind, args.target, layout)
    atomic_write_bytes(Path(args.out), pdf, mode=0o644)
    if kind is not DocumentKind.GUIDE:  # a guide is public; the others carry a resident's data
        ctx.record_print(args.agent, kind.value, args.target, "PDF file")
    _emit(args, {"out": args.out, "bytes": len(pdf)}, lambda: f"已生成 {args.out}")
    return 0


def _read_secret_line(prompt_zh: str) -> str:
    line = sys.stdin.readline().strip()
    if not line:
        raise InputError(f"请从标准输入提供{prompt_zh}。", f"{prompt_zh} expected on stdin")
    return line


def cmd_backup(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    passphrase = _read_secret_line("恢复口令") if args.passphrase_stdin else None
    if passphrase is not None and len(passphrase) < 8:
        raise InputError("恢复口令至少8个字符。", "recovery passphrase too short")
    info = ctx.backups.backup(Path(args.out), "技术员", passphrase)
    _emit(
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
        passphrase = _read_secret_line("恢复口令") if args.passphrase_stdin else None
        info = restore(args.data_dir, source, backup_key, secrets, passphrase)
        ctx = _ctx(args)  # the restored station opens (and migrates) as at the next start
        ctx.audit.note(ctx.db, "技术员", RESTORE, source.name, f"backup of {info.created}")
        ctx.close()
    _emit(
        args,
        {"restored": str(source), "created": info.created},
        lambda: f"已从 {source.name}（{info.created}）恢复；原数据已移到 replaced-* 目录保留。",
    )
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import diagnose, render

    if args.bundle:
        from kiosk.deploy.diagnostics import write_bundle

        info = write_bundle(args.data_dir, Path(args.bundle))
        _emit(args, info, lambda: f"诊断包已写入 {info['out']}（{info['bytes'] // 1024} KB）")
        return 0
    report = diagnose(args.data_dir)  # from the data dir: it reports what stops the app opening
    _emit(args, report, lambda: render(report))
    return 0 if report["ok"] else 1


# --- offline updates (kiosk/deploy): always handled by the installed base version ------------
def _update_root() -> Any:
    from kiosk.deploy.installs import UpdateRoot, default_app_root

    return UpdateRoot(default_app_root())


def cmd_update_apply(args: argparse.Namespace) -> int:
    from kiosk.core import station_lock
    from kiosk.deploy.updater import apply_update

    with station_lock.exclusive(args.data_dir, "update"):  # it migrates, may restore
        done = apply_update(Path(args.file), args.data_dir, _update_root())
    _emit(
        args,
        {"applied": done.description, "version": done.version, "backup": str(done.backup)},
        lambda: f"已安装 {done.description} 并通过自检；更新前备份：{done.backup.name}",
    )
    return 0


def cmd_update_rollback(args: argparse.Namespace) -> int:
    from kiosk.core import station_lock
    from kiosk.deploy.updater import rollback

    with station_lock.exclusive(args.data_dir, "rollback"):  # it may restore the data
        done = rollback(args.data_dir, _update_root())
    _emit(
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
    _emit(
        args,
        info,
        lambda: (
            f"安装版本 {info['base']}，正在使用 {info['running']}；"
            f"已装更新：{'、'.join(info['installed']) or '无'}"
        ),
    )
    return 0


def cmd_update_selfcheck(args: argparse.Namespace) -> int:
    from kiosk.deploy.selfcheck import run_selfcheck

    report = run_selfcheck(args.data_dir, gui=not args.no_gui, full=not args.start_only)
    _emit(
        args,
        report,
        lambda: "\n".join(f"{'✓' if c['ok'] else '✗'} {k}" for k, c in report["checks"].items()),
    )
    return 0 if report["ok"] else 1


def cmd_audit_verify(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    report = ctx.audit.verify(ctx.db)
    _emit(
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
    ctx = _ctx(args)
    done = ctx.run_maintenance()
    _emit(
        args,
        done,
        lambda: f"备份：{done['backup'] or '今日已备份'}；清理个人信息 {done['purged']} 件",
    )
    return 0


def _write_handover(ctx: Any, data: Any, out: str | None) -> str | None:
    """The 交接清单 as a PDF file (``--handover``), for printing with the materials."""
    if not out:
        return None
    from kiosk.core.atomic import atomic_write_bytes

    path = Path(out)
    atomic_write_bytes(path, ctx.printing.handover(data), mode=0o644)
    return str(path)


def cmd_batch_export(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    result = ctx.export_batch(Path(args.out), args.agent)
    handover = _write_handover(ctx, ctx.export_handover(result, args.agent), args.handover)
    m = result.manifest
    _emit(
        args,
        {
            "file": str(result.path),
            "batch_id": m.batch_id,
            "count": m.count,
            "bytes": m.bytes,
            "sequence": m.sequence,
            "handover": handover,
        },
        lambda: (
            f"已导出 {m.count} 件申请到 {result.path}（第 {m.sequence} 批，已校验）"
            + (f"；交接清单：{handover}" if handover else "")
        ),
    )
    return 0


def cmd_batch_import(args: argparse.Namespace) -> int:
    ctx = _ctx(args)
    path = Path(args.file)
    if not path.exists():
        raise InputError(f"找不到文件 {path}。", f"no such file {path}")
    station = ctx.station()
    if station is not None and station.role == "township" and path.suffix != ".kreturn":
        manifest, new = ctx.township.import_batch(path, args.agent)
        handover = _write_handover(ctx, ctx.import_handover(manifest, args.agent), args.handover)
        data: dict[str, Any] = {
            "kind": "batch",
            "station": manifest.station_code,
            "batch_id": manifest.batch_id,
            "count": manifest.count,
            "imported": new,
            "handover": handover,
        }
        text = (
            f"已导入代办点 {manifest.station_code} 的 {manifest.count} 件申请，等待报送"
            if new
            else "该批次此前已导入过，本次未做任何更改"
        )
    else:
        result = ctx.village_batches.import_return(path, args.agent)
        data = {
            "kind": "return",
            "results": result.results_applied,
            "status_updates": result.status_updates,
        }
        text = (
            f"已导入回传：{result.results_applied} 件获得办件编号，"
            f"{result.status_updates} 项状态更新"
        )
    _emit(args, data, lambda: text)
    return 0


def cmd_batch_relay(args: argparse.Namespace) -> int:
    """Township: update the village list from the hub, then relay every imported batch."""
    ctx = _ctx(args)
    client = ctx.hub_client()
    try:
        villages = ctx.township.refresh_villages(client)
        outcome = ctx.township.relay(client)
    finally:
        client.close()
    _emit(
        args,
        {
            "villages": villages,
            "batches": outcome.batches,
            "applications": outcome.applications,
            "refused": outcome.refused,
        },
        lambda: (
            f"已报送 {outcome.batches} 个批次、{outcome.applications} 件申请"
            + "".join(f"\n未报送：{r}" for r in outcome.refused)
        ),
    )
    return 1 if outcome.refused else 0


def cmd_batch_returns(args: argparse.Namespace) -> int:
    """Township: a hub-signed status-return file per village, onto the USB stick."""
    ctx = _ctx(args)
    client = ctx.hub_client()
    try:
        paths = ctx.township.export_returns(client, Path(args.out))
    finally:
        client.close()
    _emit(
        args,
        {"files": [str(p) for p in paths]},
        lambda: f"已导出 {len(paths)} 个代办点的回传文件到 {args.out}",
    )
    return 0


def cmd_batch_villages(args: argparse.Namespace) -> int:
    """Township: every village with its queue, last contact and counts (the dashboard)."""
    ctx = _ctx(args)
    rows = ctx.township.villages()
    data = [
        {
            "code": v.code,
            "last_contact_at": v.last_contact_at.isoformat() if v.last_contact_at else None,
            "last_contact_via": v.last_contact_via,
            "waiting": v.waiting,
            "overdue": v.overdue,
            "by_status": v.by_status,
        }
        for v in rows
    ]
    _emit(
        args,
        data,
        lambda: (
            "\n".join(
                f"{v.code}  待报送 {v.waiting}  超期 {v.overdue}  "
                + "，".join(f"{k} {n}" for k, n in sorted(v.by_status.items()))
                for v in rows
            )
            or "还没有代办点数据"
        ),
    )
    return 0


# --- parser ----------------------------------------------------------------------------------
def _common(suppress: bool) -> _Parser:
    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=default(None),
        help="station data directory (env KIOSK_DATA_DIR)",
    )
    common.add_argument(
        "--json", action="store_true", default=default(False), help="print results as JSON"
    )
    common.add_argument("-v", "--verbose", action="store_true", default=default(False))
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kiosk", description="村级代办 Kiosk", parents=[_common(False)])
    common = _common(True)  # sub-commands must not reset what was given before them
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="cmd", parser_class=_Parser)

    def add(name: str, func: Callable[[argparse.Namespace], int], **kw: Any) -> Any:
        p = sub.add_parser(name, parents=[common], **kw)
        p.set_defaults(func=func)
        return p

    g = add("gui", cmd_gui, help="desktop app")
    g.add_argument("--demo", action="store_true", help="demo station with an embedded local hub")
    g.add_argument(
        "--kiosk-mode", action="store_true", help="resident self-service terminal (locked down)"
    )
    d = add("demo", cmd_demo, help="headless walkthrough")
    d.add_argument("--out", required=True)
    s = add("setup", cmd_setup, help="provision this station (technician)")
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
    agent = sub.add_parser("agent", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    aa = agent.add_parser("add", parents=[common])
    aa.set_defaults(func=cmd_agent_add)
    aa.add_argument("name")
    aa.add_argument("--role", required=True, choices=["agent", "township", "technician"])
    from kiosk.cli_papers import add_agent_profile, catalog_update

    add_agent_profile(agent, common)
    cat = sub.add_parser("catalog", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    cl = cat.add_parser("list", parents=[common])
    cl.set_defaults(func=cmd_catalog_list)
    cl.add_argument("--subject", choices=["个人", "法人"])
    cl.add_argument("--theme", help="e.g. 社会救助")
    cl.add_argument("--life-event", help="e.g. 出生")
    cs = cat.add_parser("show", parents=[common])
    cs.set_defaults(func=cmd_catalog_show)
    cs.add_argument("code")
    cs.add_argument("--form-version", type=int, help="an older form version (drafts keep theirs)")
    cu = cat.add_parser("update", parents=[common])
    cu.set_defaults(func=lambda a: catalog_update(a, cmd_catalog_update))
    cu.add_argument(
        "--from", dest="source", metavar="FILE", help="catalog bundle or 实施清单 (CSV/JSON)"
    )
    ce = cat.add_parser("export", parents=[common])
    ce.set_defaults(func=cmd_catalog_export)
    ce.add_argument("--out", required=True, help="bundle file to write (for USB)")
    cq = cat.add_parser("search", parents=[common])
    cq.set_defaults(func=cmd_catalog_search)
    cq.add_argument("query")
    cq.add_argument("--limit", type=int, default=20)
    ap = add("apply", cmd_apply, help="validate and queue an application (PIN on stdin)")
    ap.add_argument("--item", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--attach", action="append", default=[], metavar="PATH[=MATERIAL]")
    ap.add_argument("--agent", required=True)
    add("queue", cmd_queue, help="applications and their status")
    sy = add("sync", cmd_sync, help="one sync cycle with the hub")
    sy.add_argument("--once", action="store_true", help="one cycle (the default)")
    pr = add("print", cmd_print, help="documents as PDF")
    kinds = ["receipt", "authorization", "supplement", "guide", "signature_page"]
    pr.add_argument("kind", choices=kinds)
    pr.add_argument("target", help="application id (guide: item code)")
    pr.add_argument("--out", required=True)
    pr.add_argument("--layout", choices=["a4", "80mm", "58mm"], help="paper (default: settings)")
    pr.add_argument("--agent", default="命令行", help="who prints (for the audit trail)")
    b = add("backup", cmd_backup, help="encrypted, verified backup")
    b.add_argument("--out", required=True)
    b.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="also protect with a recovery passphrase (for restoring on a new PC)",
    )
    r = add("restore", cmd_restore, help="restore a backup (the app must be closed)")
    r.add_argument("file", nargs="?")
    r.add_argument("--latest", action="store_true", help="the newest automatic daily backup")
    r.add_argument("--passphrase-stdin", action="store_true")
    doc = add("doctor", cmd_doctor, help="health report")
    doc.add_argument("--bundle", metavar="OUT.zip", help="diagnostics bundle for support")
    up = sub.add_parser("update", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    ua = up.add_parser("apply", parents=[common], help="apply a signed update package (.kupd)")
    ua.set_defaults(func=cmd_update_apply)
    ua.add_argument("file")
    up.add_parser("rollback", parents=[common]).set_defaults(func=cmd_update_rollback)
    up.add_parser("status", parents=[common]).set_defaults(func=cmd_update_status)
    sc = up.add_parser("selfcheck", parents=[common], help="does this version start here?")
    sc.set_defaults(func=cmd_update_selfcheck)
    sc.add_argument("--no-gui", action="store_true")
    sc.add_argument("--start-only", action="store_true", help="open the station and show login")
    au = sub.add_parser("audit", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    au.add_parser("verify", parents=[common]).set_defaults(func=cmd_audit_verify)
    add("maintenance", cmd_maintenance, help="daily backup and retention purge")
    bt = sub.add_parser("batch", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=_Parser
    )
    be = bt.add_parser("export", parents=[common])
    be.set_defaults(func=cmd_batch_export)
    be.add_argument("--out", required=True, help="folder on the USB stick")
    bi = bt.add_parser("import", parents=[common])
    bi.set_defaults(func=cmd_batch_import)
    bi.add_argument("file", help="a village batch (township) or a status-return file (village)")
    for p in (be, bi):
        p.add_argument("--handover", metavar="PDF", help="also write the hand-over list (交接清单)")
        p.add_argument("--agent", default="代办员", help="who hands over / receives")
    br = bt.add_parser("relay", parents=[common])
    br.set_defaults(func=cmd_batch_relay)
    brt = bt.add_parser("returns", parents=[common])
    brt.set_defaults(func=cmd_batch_returns)
    brt.add_argument("--out", required=True, help="folder on the USB stick")
    bv = bt.add_parser("villages", parents=[common])
    bv.set_defaults(func=cmd_batch_villages)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["gui", *(argv or sys.argv[1:])])
    if (
        args.cmd == "gui"
        and args.demo
        and args.data_dir is None
        and not os.environ.get("KIOSK_DATA_DIR")
    ):
        args.data_dir = resolve_data_dir(None).with_name("village-kiosk-demo")
    if args.cmd == "demo":
        args.data_dir = Path(args.out) / "station"
    args.data_dir = resolve_data_dir(args.data_dir)
    setup_logging(args.data_dir, args.verbose)
    try:
        return int(args.func(args))
    except KioskError as exc:
        log.error("%s failed: %s", args.cmd, exc.en)
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        log.exception("%s crashed", args.cmd)
        print(
            f"出现意外错误，详情已写入日志。/ unexpected error: {type(exc).__name__}",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
