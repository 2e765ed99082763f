"""The ``kiosk`` command's arguments (README: which commands need a login)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.cli.auth import add_login_options
from kiosk.cli.backup_cmds import (
    cmd_backup,
    cmd_restore,
    cmd_update_apply,
    cmd_update_rollback,
    cmd_update_selfcheck,
    cmd_update_status,
)
from kiosk.cli.batch_cmds import (
    cmd_batch_export,
    cmd_batch_import,
    cmd_batch_relay,
    cmd_batch_returns,
    cmd_batch_villages,
)
from kiosk.cli.catalog_cmds import (
    cmd_catalog_export,
    cmd_catalog_list,
    cmd_catalog_search,
    cmd_catalog_show,
    cmd_catalog_update,
)
from kiosk.cli.common import Parser
from kiosk.cli.paper_cmds import add_agent_profile, catalog_update
from kiosk.cli.station_cmds import (
    cmd_agent_add,
    cmd_agent_list,
    cmd_apply,
    cmd_audit_verify,
    cmd_demo,
    cmd_doctor,
    cmd_gui,
    cmd_maintenance,
    cmd_print,
    cmd_queue,
    cmd_service_add,
    cmd_service_revoke,
    cmd_setup,
    cmd_sync,
)

SCOPES = ("backup", "maintenance")  # kiosk.core.service_credentials.SCOPES (not imported here)


def _common(suppress: bool) -> Parser:
    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    common = Parser(add_help=False)
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
    parser = Parser(prog="kiosk", description="村级代办 Kiosk", parents=[_common(False)])
    common = _common(True)  # sub-commands must not reset what was given before them
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="cmd", parser_class=Parser)

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
    add_login_options(s)
    agent = sub.add_parser("agent", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=Parser
    )
    aa = agent.add_parser(
        "add", parents=[common], help="add an account (technician; stdin: your PIN, new PIN)"
    )
    aa.set_defaults(func=cmd_agent_add)
    aa.add_argument("name")
    aa.add_argument("--role", required=True, choices=["agent", "township", "technician"])
    add_login_options(aa)
    al = agent.add_parser("list", parents=[common])
    al.set_defaults(func=cmd_agent_list)
    add_login_options(al)
    svc = agent.add_parser("service", parents=[common]).add_subparsers(
        dest="service_cmd", required=True, parser_class=Parser
    )
    sa = svc.add_parser("add", parents=[common], help="a scoped credential for scripts")
    sa.set_defaults(func=cmd_service_add)
    sa.add_argument("name")
    sa.add_argument("--scope", action="append", required=True, choices=sorted(SCOPES))
    sr = svc.add_parser("revoke", parents=[common])
    sr.set_defaults(func=cmd_service_revoke)
    sr.add_argument("name")
    for p in (sa, sr):
        add_login_options(p)
    add_agent_profile(agent, common)
    cat = sub.add_parser("catalog", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=Parser
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
    add_login_options(cu)
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
    add_login_options(ap)
    add("queue", cmd_queue, help="applications and their status")
    sy = add("sync", cmd_sync, help="one sync cycle with the hub")
    sy.add_argument("--once", action="store_true", help="one cycle (the default)")
    pr = add("print", cmd_print, help="documents as PDF")
    kinds = ["receipt", "authorization", "supplement", "guide", "signature_page"]
    pr.add_argument("kind", choices=kinds)
    pr.add_argument("target", help="application id (guide: item code)")
    pr.add_argument("--out", required=True)
    pr.add_argument("--layout", choices=["a4", "80mm", "58mm"], help="paper (default: settings)")
    add_login_options(pr)
    b = add("backup", cmd_backup, help="encrypted, verified backup")
    b.add_argument("--out", required=True)
    b.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="also protect with a recovery passphrase (technician; for restoring on a new PC)",
    )
    add_login_options(b, service=True)
    r = add("restore", cmd_restore, help="restore a backup (the app must be closed)")
    r.add_argument("file", nargs="?")
    r.add_argument("--latest", action="store_true", help="the newest automatic daily backup")
    r.add_argument("--passphrase-stdin", action="store_true")
    add_login_options(r)
    doc = add("doctor", cmd_doctor, help="health report")
    doc.add_argument("--bundle", metavar="OUT.zip", help="diagnostics bundle for support")
    up = sub.add_parser("update", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=Parser
    )
    ua = up.add_parser("apply", parents=[common], help="apply a signed update package (.kupd)")
    ua.set_defaults(func=cmd_update_apply)
    ua.add_argument("file")
    add_login_options(ua)
    ur = up.add_parser("rollback", parents=[common])
    ur.set_defaults(func=cmd_update_rollback)
    add_login_options(ur)
    up.add_parser("status", parents=[common]).set_defaults(func=cmd_update_status)
    sc = up.add_parser("selfcheck", parents=[common], help="does this version start here?")
    sc.set_defaults(func=cmd_update_selfcheck)
    sc.add_argument("--no-gui", action="store_true")
    sc.add_argument("--start-only", action="store_true", help="open the station and show login")
    au = sub.add_parser("audit", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=Parser
    )
    au.add_parser("verify", parents=[common]).set_defaults(func=cmd_audit_verify)
    mt = add("maintenance", cmd_maintenance, help="daily backup and retention purge")
    add_login_options(mt, service=True)
    bt = sub.add_parser("batch", parents=[common]).add_subparsers(
        dest="sub", required=True, parser_class=Parser
    )
    be = bt.add_parser("export", parents=[common])
    be.set_defaults(func=cmd_batch_export)
    be.add_argument("--out", required=True, help="folder on the USB stick")
    bi = bt.add_parser("import", parents=[common])
    bi.set_defaults(func=cmd_batch_import)
    bi.add_argument("file", help="a village batch (township) or a status-return file (village)")
    for p in (be, bi):
        p.add_argument("--handover", metavar="PDF", help="also write the hand-over list (交接清单)")
    br = bt.add_parser("relay", parents=[common])
    br.set_defaults(func=cmd_batch_relay)
    brt = bt.add_parser("returns", parents=[common])
    brt.set_defaults(func=cmd_batch_returns)
    for p in (be, bi, br, brt):
        add_login_options(p)
    brt.add_argument("--out", required=True, help="folder on the USB stick")
    bv = bt.add_parser("villages", parents=[common])
    bv.set_defaults(func=cmd_batch_villages)
    return parser
