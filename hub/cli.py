"""``kiosk-hub``: serve the reference hub and play its back office."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from hub import complaints_cli
from hub.courier import Shipment
from hub.db import HubDatabase
from hub.service import HubService
from kiosk.core.catalog import Catalog
from kiosk.protocol.errors import InputError, KioskError
from kiosk.protocol.stages import BACK_OFFICE_STAGES

DEFAULT_DB = "sqlite:///hub.sqlite3"


def _service(db_url: str) -> HubService:
    return HubService(HubDatabase(db_url), Catalog.shipped())


def _read_items(paths: list[Path]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in paths:
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for f in files:
            try:
                data = json.loads(f.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(f"无法读取事项文件 {f}。", f"cannot read {f}: {exc}") from exc
            items.extend(data if isinstance(data, list) else [data])
    return items


def _provision(args: argparse.Namespace) -> None:
    from hub.provision import default_key_path, issue

    phrase = sys.stdin.readline().strip() if args.passphrase_stdin else None
    done = issue(
        _service(args.db),
        station_code=args.station,
        station_name=args.name,
        hub_url=args.hub_url,
        out=args.out,
        key_path=args.key or default_key_path(args.db),
        ca_file=args.ca,
        passphrase=phrase,
        valid_days=args.valid_days,
    )
    print(f"配置文件 / provisioning file: {done.path}")
    print(f"口令 / passphrase: {done.passphrase}")
    print(f"签名密钥指纹 / signing key fingerprint: {done.fingerprint}")
    print(f"有效期至 / valid until (UTC): {done.expires_at}")


def _show_case(service: HubService, case_no: str, as_json: bool) -> None:
    case = service.case(case_no)
    if case is None:
        raise InputError(f"找不到办件 {case_no}。", f"no case {case_no}")
    due = service.due_date(case)
    out = {
        "case_no": case.case_no,
        "item_code": case.item_code,
        "stage": case.stage,
        "due_date": due.isoformat() if due else None,
    }
    if as_json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(f"{case.case_no}  {case.stage}  预计办结 {out['due_date'] or '即办'}")


def _show_group(service: HubService, group_no: str, as_json: bool) -> None:
    """一件事: the group and each member's case, stage and promised date."""
    found = service.groups.find(group_no)
    if found is None:
        raise InputError(f"找不到一件事 {group_no}。", f"no group {group_no}")
    group, cases = found
    members = []
    for case in cases:
        due = service.due_date(case)
        members.append(
            {
                "case_no": case.case_no,
                "item_code": case.item_code,
                "item_name": service.catalog.name_of(case.item_code),
                "stage": case.stage,
                "due_date": due.isoformat() if due else None,
                "pending": [p["field"] for p in group.pending if p["client_id"] == case.client_id],
            }
        )
    if as_json:
        out = {"group_no": group.group_no, "bundle_code": group.bundle_code, "members": members}
        print(json.dumps(out, ensure_ascii=False))
        return
    print(f"{group.group_no}  {group.bundle_code}  {len(members)} 项")
    for m in members:
        waiting = f"  待补录 {'、'.join(m['pending'])}" if m["pending"] else ""
        print(
            f"  {m['case_no']}  {m['item_name']}  {m['stage']}"
            f"  预计办结 {m['due_date'] or '即办'}{waiting}"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-hub", description="村级代办 参考省级网关")
    parser.add_argument(
        "--db",
        default=os.environ.get("KIOSK_HUB_DB", DEFAULT_DB),
        help="SQLAlchemy URL: sqlite:///FILE or postgresql+psycopg://… (env KIOSK_HUB_DB)",
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--port-file", type=Path, help="write the bound port here once listening")
    serve.add_argument(
        "--simulate",
        type=float,
        metavar="SECONDS",
        help="simulation mode: every SECONDS move open cases one step (收件→受理→办结)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="N worker processes sharing the socket and the database (PostgreSQL only)",
    )
    serve.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--tls-key", help="private key of --tls-cert (PEM)")
    serve.add_argument(
        "--notify-file",
        type=Path,
        default=os.environ.get("KIOSK_HUB_NOTIFY_FILE") or None,
        help="send residents' SMS notifications to this file (JSON lines; demo, tests)",
    )
    notify = sub.add_parser("notify", help="one pass over the notification outbox")
    notify.add_argument("--file", type=Path, required=True, help="file sender (JSON lines)")
    enroll = sub.add_parser("enroll-code", help="issue a one-time enrollment code")
    enroll.add_argument("--station", required=True)
    enroll.add_argument("--days", type=int, default=7, help="valid for this many days")
    revoke = sub.add_parser("revoke", help="revoke a device (by id) or all devices of a station")
    revoke.add_argument("target", help="device id, or 12-digit station code")
    adv = sub.add_parser("advance", help="move a case to its next stage (back office)")
    adv.add_argument("case_no")
    adv.add_argument("--to", required=True, choices=BACK_OFFICE_STAGES)
    adv.add_argument("--note", default="")
    show = sub.add_parser("case", help="a case's stage and promised completion date")
    show.add_argument("case_no")
    show.add_argument("--json", action="store_true")
    grp = sub.add_parser("group", help="一件事: a group's members, their stages and dates")
    grp.add_argument("group_no")
    grp.add_argument("--json", action="store_true")
    adv.add_argument("--carrier", help="已寄出: the courier company (快递公司)")
    adv.add_argument("--tracking", help="已寄出: the tracking number (快递单号)")
    sub.add_parser("stats", help="counts").add_argument("--json", action="store_true")
    cat = sub.add_parser("catalog", help="publish catalog items to the stations")
    cat_sub = cat.add_subparsers(dest="catalog_cmd", required=True)
    pub = cat_sub.add_parser("publish", help="publish item files (JSON) or folders of them")
    pub.add_argument("paths", nargs="+", type=Path)
    imp = cat_sub.add_parser("import", help="publish a province's implementation list (CSV/JSON)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--json", action="store_true")
    wd = cat_sub.add_parser("withdraw", help="withdraw an item")
    wd.add_argument("code")
    complaints_cli.add_parser(sub)
    sub.add_parser("migrate", help="create or upgrade the database schema")
    prov = sub.add_parser("provision", help="signed, encrypted provisioning file for a station")
    prov.add_argument("--station", required=True, help="12-digit station code")
    prov.add_argument("--out", required=True, type=Path)
    prov.add_argument("--hub-url", required=True, help="the hub address stations use")
    prov.add_argument("--name", default="", help="station name (代办点名称)")
    prov.add_argument("--ca", type=Path, help="CA certificate (PEM) of the hub's TLS cert")
    prov.add_argument("--key", type=Path, help="signing key (default: next to the hub DB)")
    prov.add_argument("--valid-days", type=int, default=7)
    prov.add_argument("--passphrase-stdin", action="store_true", help="else one is generated")
    return parser


def _serve(args: argparse.Namespace) -> None:
    if args.workers < 1:
        raise InputError("--workers 至少为 1。", "--workers must be at least 1")
    if args.workers > 1:
        from hub.workers import serve_workers

        serve_workers(
            args.db,
            args.host,
            args.port,
            args.workers,
            args.port_file,
            simulate=args.simulate,
            ssl_certfile=args.tls_cert,
            ssl_keyfile=args.tls_key,
        )
        return
    from hub.server import serve_forever

    serve_forever(
        args.db,
        args.host,
        args.port,
        args.port_file,
        simulate=args.simulate,
        ssl_certfile=args.tls_cert,
        ssl_keyfile=args.tls_key,
        notify_file=args.notify_file,
    )


def _catalog(args: argparse.Namespace) -> None:
    service = _service(args.db)
    if args.catalog_cmd == "import":
        from hub.catalog_import import import_list

        plan = import_list(service.catalog, args.file)
        print(
            json.dumps(plan.to_json() | {"version": plan.version}, ensure_ascii=False)
            if args.json
            else "\n".join(plan.report_lines())
        )
        return
    if args.catalog_cmd == "publish":
        version = service.catalog.publish(_read_items(args.paths))
    else:
        version = service.catalog.withdraw(args.code)
    print(f"事项目录版本 {version} / catalog version {version}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        if args.cmd == "serve":
            _serve(args)
        elif args.cmd == "notify":
            from hub.notifications import FileSender

            report = _service(args.db).notifications.dispatch(FileSender(args.file))
            print(f"已发送 {report.sent} 条，待重试 {report.retried} 条 / {report}")
        elif args.cmd == "migrate":
            HubDatabase(args.db).close()
            print("数据库已是最新结构 / schema up to date")
        elif args.cmd == "enroll-code":
            print(_service(args.db).issue_enrollment_code(args.station, args.days))
        elif args.cmd == "revoke":
            n = _service(args.db).revoke(args.target)
            print(f"已吊销 {n} 台设备 / revoked {n} device(s)")
        elif args.cmd == "advance":
            shipment = None
            if args.carrier is not None or args.tracking is not None:
                shipment = Shipment(args.carrier or "", args.tracking or "")
            case = _service(args.db).advance(args.case_no, args.to, args.note, shipment)
            print(f"{case.case_no} → {case.stage}")
        elif args.cmd == "case":
            _show_case(_service(args.db), args.case_no, args.json)
        elif args.cmd == "group":
            _show_group(_service(args.db), args.group_no, args.json)
        elif args.cmd == "complaints":
            complaints_cli.run(args, _service(args.db))
        elif args.cmd == "provision":
            _provision(args)
        elif args.cmd == "stats":
            stats = _service(args.db).stats()
            print(
                json.dumps(stats, ensure_ascii=False)
                if args.json
                else "\n".join(f"{k}: {v}" for k, v in stats.items())
            )
        elif args.cmd == "catalog":
            _catalog(args)
    except KioskError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
