"""Catalog commands: browsing is open (public information); updating needs a technician."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.cli.auth import TECHNICIAN, add_login_options, login
from kiosk.cli.common import Commands, emit, open_ctx, station_catalog, station_code
from kiosk.cli.paper_cmds import catalog_update
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.errors import InputError


def cmd_catalog_list(args: argparse.Namespace) -> int:
    catalog = station_catalog(args)
    items = catalog.items()
    if args.theme:
        items = catalog.items_in_theme(args.theme, args.subject)
    elif args.life_event:
        items = catalog.items_for_life_event(args.life_event)
    elif args.subject:
        items = [i for i in items if i.subject == args.subject]
    emit(
        args,
        [{"code": i.code, "name": i.name} for i in items],
        lambda: "\n".join(f"{i.code}  {i.name}" for i in items),
    )
    return 0


def cmd_catalog_show(args: argparse.Namespace) -> int:
    catalog = station_catalog(args)
    item = catalog.get(args.code)
    data = item.to_json()
    data.pop("examples", None)
    data.pop("form_history", None)
    if args.form_version:
        data["form"] = catalog.form_version(args.code, args.form_version).to_json()
    data["form_versions"] = item.form_versions
    emit(args, data, lambda: json.dumps(data, ensure_ascii=False, indent=2))
    return 0


def cmd_catalog_update(args: argparse.Namespace) -> int:
    from kiosk.core.catalog_bundle import import_catalog

    if not args.source:
        raise InputError(
            "请用 --from 指定目录文件（U盘上的 .json）；联网站点的目录随“立即同步”自动更新。",
            "catalog update needs --from FILE here; hub pulls run with sync",
        )
    ctx = open_ctx(args)
    try:
        login(args, ctx, TECHNICIAN)  # it changes what every form asks: a technician's job
    finally:
        ctx.close()
    version = import_catalog(Path(args.source), args.data_dir)
    count = len(station_catalog(args))
    emit(
        args,
        {"version": version, "items": count},
        lambda: f"事项目录已更新到 {version}（{count} 个事项）",
    )
    return 0


def cmd_catalog_export(args: argparse.Namespace) -> int:
    from kiosk.core.catalog_bundle import bundle_bytes

    catalog = station_catalog(args)
    atomic_write_bytes(Path(args.out), bundle_bytes(catalog), mode=0o644)
    emit(
        args,
        {"out": args.out, "version": catalog.version, "items": len(catalog)},
        lambda: f"已导出事项目录 {catalog.version} 到 {args.out}",
    )
    return 0


def cmd_catalog_search(args: argparse.Namespace) -> int:
    from kiosk.core.catalog_source import station_prefers_village
    from kiosk.core.search import search, search_station

    village = station_prefers_village(station_code(args.data_dir))
    hits = search_station(args.data_dir, args.query, args.limit, village, bundles=True)
    if hits is None:  # no index yet, or the catalog changed: load it (and index it)
        hits = search(station_catalog(args), args.query, limit=args.limit, bundles=True)
    emit(
        args,
        [{"code": h.code, "name": h.name, "score": h.score, "kind": h.kind} for h in hits],
        lambda: "\n".join(
            f"{h.score:6.1f}  {h.code}  {h.name}" + ("（一件事）" if h.is_bundle else "")
            for h in hits
        ),
    )
    return 0


def register(cmds: Commands) -> None:
    """``kiosk catalog list|show|update|export|search``."""

    cat = cmds.group("catalog")
    cl = cmds.add_to(cat, "list", cmd_catalog_list)
    cl.add_argument("--subject", choices=["个人", "法人"])
    cl.add_argument("--theme", help="e.g. 社会救助")
    cl.add_argument("--life-event", help="e.g. 出生")
    cs = cmds.add_to(cat, "show", cmd_catalog_show)
    cs.add_argument("code")
    cs.add_argument("--form-version", type=int, help="an older form version (drafts keep theirs)")
    cu = cmds.add_to(cat, "update", lambda a: catalog_update(a, cmd_catalog_update))
    cu.add_argument(
        "--from", dest="source", metavar="FILE", help="catalog bundle or 实施清单 (CSV/JSON)"
    )
    add_login_options(cu)
    ce = cmds.add_to(cat, "export", cmd_catalog_export)
    ce.add_argument("--out", required=True, help="bundle file to write (for USB)")
    cq = cmds.add_to(cat, "search", cmd_catalog_search)
    cq.add_argument("query")
    cq.add_argument("--limit", type=int, default=20)
