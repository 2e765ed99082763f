"""Build a signed offline update package (.kupd) — release tooling, next to the hub's key.

    python installer/make_update.py --key hub-signing.key --app dist/kiosk --version 0.2.0 \
        --out kiosk-0.2.0.kupd
    python installer/make_update.py --key hub-signing.key --catalog items/ \
        --catalog-version 2027.1 --out catalog-2027.1.kupd
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.deploy import signing
from kiosk.deploy.update_package import build_package


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_update", description=__doc__.splitlines()[0])
    parser.add_argument("--key", type=Path, required=True, help="the hub's signing key (PEM)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--app", type=Path, help="one-folder bundle (dist/kiosk)")
    parser.add_argument("--version", help="the bundle's app version")
    parser.add_argument("--platform", help="target, e.g. linux-x86_64 (default: this machine)")
    parser.add_argument("--catalog", type=Path, help="folder of catalog item *.json")
    parser.add_argument("--catalog-version", default="")
    parser.add_argument("--notes", default="")
    args = parser.parse_args(argv)
    if not args.key.exists():
        parser.error(f"no signing key at {args.key} (kiosk-hub provision creates it)")
    key = signing.load_or_create_key(args.key)
    out = build_package(
        args.out,
        key,
        app_dir=args.app,
        app_version=args.version,
        catalog_dir=args.catalog,
        catalog_version=args.catalog_version,
        target_platform=args.platform,
        notes=args.notes,
    )
    fp = signing.fingerprint(signing.public_bytes(key.public_key()))
    print(f"{out} ({out.stat().st_size // 1024} KB), signed by {fp}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
