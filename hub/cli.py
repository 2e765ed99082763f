"""``kiosk-hub``: serve the reference hub and play its back office."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from hub.db import HubDatabase
from hub.service import STAGES, HubService
from kiosk.core.catalog import Catalog
from kiosk.core.errors import KioskError

DEFAULT_DB = "sqlite:///hub.sqlite3"


def _service(db_url: str) -> HubService:
    return HubService(HubDatabase(db_url), Catalog.shipped())


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kiosk-hub", description="村级代办 参考省级网关")
    parser.add_argument(
        "--db", default=DEFAULT_DB, help="SQLAlchemy URL (sqlite:///… or postgresql+psycopg://…)"
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    serve = sub.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--port-file", type=Path, help="write the bound port here once listening")
    enroll = sub.add_parser("enroll-code", help="issue a one-time enrollment code")
    enroll.add_argument("--station", required=True)
    adv = sub.add_parser("advance", help="move a case to its next stage (back office)")
    adv.add_argument("case_no")
    adv.add_argument("--to", required=True, choices=STAGES)
    adv.add_argument("--note", default="")
    sub.add_parser("stats", help="counts").add_argument("--json", action="store_true")
    prov = sub.add_parser("provision", help="signed, encrypted provisioning file for a station")
    prov.add_argument("--station", required=True, help="12-digit station code")
    prov.add_argument("--out", required=True, type=Path)
    prov.add_argument("--hub-url", required=True, help="the hub address stations use")
    prov.add_argument("--name", default="", help="station name (代办点名称)")
    prov.add_argument("--ca", type=Path, help="CA certificate (PEM) of the hub's TLS cert")
    prov.add_argument("--key", type=Path, help="signing key (default: next to the hub DB)")
    prov.add_argument("--valid-days", type=int, default=7)
    prov.add_argument("--passphrase-stdin", action="store_true", help="else one is generated")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        if args.cmd == "serve":
            from hub.server import serve_forever

            serve_forever(args.db, args.host, args.port, args.port_file)
        elif args.cmd == "enroll-code":
            print(_service(args.db).issue_enrollment_code(args.station))
        elif args.cmd == "advance":
            case = _service(args.db).advance(args.case_no, args.to, args.note)
            print(f"{case.case_no} → {case.stage}")
        elif args.cmd == "provision":
            _provision(args)
        elif args.cmd == "stats":
            stats = _service(args.db).stats()
            print(
                json.dumps(stats) if args.json else "\n".join(f"{k}: {v}" for k, v in stats.items())
            )
    except KioskError as exc:
        print(exc.one_line(), file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
