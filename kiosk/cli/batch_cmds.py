"""USB batches (villages with no network) and the township's relay: a logged-in user."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.auth import ANY_ROLE, TOWNSHIP, add_login_options, login
from kiosk.cli.common import Commands, emit, open_ctx
from kiosk.core.errors import InputError


def _write_handover(ctx: Any, data: Any, out: str | None) -> str | None:
    """The 交接清单 as a PDF file (``--handover``), for printing with the materials."""
    if not out:
        return None
    from kiosk.core.atomic import atomic_write_bytes

    path = Path(out)
    atomic_write_bytes(path, ctx.printing.handover(data), mode=0o600)
    return str(path)


def cmd_batch_export(args: argparse.Namespace) -> int:
    ctx = open_ctx(args)
    who = login(args, ctx, ANY_ROLE)
    result = ctx.batch_paperwork.export_batch(Path(args.out), who.actor)
    handover = _write_handover(
        ctx, ctx.batch_paperwork.export_list(result, who.actor), args.handover
    )
    m = result.manifest
    emit(
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
    ctx = open_ctx(args)
    who = login(args, ctx, ANY_ROLE)
    path = Path(args.file)
    if not path.exists():
        raise InputError(f"找不到文件 {path}。", f"no such file {path}")
    station = ctx.station()
    if station is not None and station.role == "township" and path.suffix != ".kreturn":
        manifest, new = ctx.township.import_batch(path, who.actor)
        handover = _write_handover(
            ctx, ctx.batch_paperwork.import_list(manifest, who.actor), args.handover
        )
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
        result = ctx.village_batches.import_return(path, who.actor)
        data = {
            "kind": "return",
            "results": result.results_applied,
            "status_updates": result.status_updates,
        }
        text = (
            f"已导入回传：{result.results_applied} 件获得办件编号，"
            f"{result.status_updates} 项状态更新"
        )
    emit(args, data, lambda: text)
    return 0


def cmd_batch_relay(args: argparse.Namespace) -> int:
    """Township: update the village list from the hub, then relay every imported batch."""
    ctx = open_ctx(args)
    login(args, ctx, TOWNSHIP)
    client = ctx.hub_client()
    try:
        villages = ctx.township.refresh_villages(client)
        outcome = ctx.township.relay(client)
    finally:
        client.close()
    emit(
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
    ctx = open_ctx(args)
    login(args, ctx, TOWNSHIP)
    client = ctx.hub_client()
    try:
        paths = ctx.township.export_returns(client, Path(args.out))
    finally:
        client.close()
    emit(
        args,
        {"files": [str(p) for p in paths]},
        lambda: f"已导出 {len(paths)} 个代办点的回传文件到 {args.out}",
    )
    return 0


def cmd_batch_villages(args: argparse.Namespace) -> int:
    """Township: every village with its queue, last contact and counts (the dashboard)."""
    ctx = open_ctx(args)
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
    emit(
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


def register(cmds: Commands) -> None:
    """``kiosk batch export|import|relay|returns|villages``: USB batches between a village
    and its township."""
    bt = cmds.group("batch")
    be = cmds.add_to(bt, "export", cmd_batch_export)
    be.add_argument("--out", required=True, help="folder on the USB stick")
    bi = cmds.add_to(bt, "import", cmd_batch_import)
    bi.add_argument("file", help="a village batch (township) or a status-return file (village)")
    for p in (be, bi):
        p.add_argument("--handover", metavar="PDF", help="also write the hand-over list (交接清单)")
    br = cmds.add_to(bt, "relay", cmd_batch_relay)
    brt = cmds.add_to(bt, "returns", cmd_batch_returns)
    for p in (be, bi, br, brt):
        add_login_options(p)
    brt.add_argument("--out", required=True, help="folder on the USB stick")
    cmds.add_to(bt, "villages", cmd_batch_villages)
