"""``kiosk demo``: the headless walkthrough. Provision a demo station against its own local
hub, file offline, sync, pull status, print receipts, and a picture of every page. It lives
in the UI package because it drives the windows; ``kiosk/demo.py`` (the demo data) imports
no UI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hub.server import BackgroundHub
from kiosk.context import open_context
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.errors import InputError, KioskError
from kiosk.demo import (
    DEMO_AGENT,
    DEMO_PIN,
    DEMO_STATION_CODE,
    DEMO_STATION_NAME,
    PENSION_ITEM,
    demo_residents,
    ensure_demo_agent,
)
from kiosk.demo_devices import file_with_devices, print_escpos
from kiosk.ui.demo_screens import parse_screen, prepare_platform, save_every_page


def run_demo(out: Path, screen: str = "1366x768", scale: float = 1.0) -> dict[str, Any]:
    """Provision, file offline, sync, pull status, print, and a picture of every page of both
    modes at ``screen`` (WxH) and ``scale``. Returns a summary. Refuses, before writing
    anything, a folder that is not empty."""
    size = parse_screen(screen)
    if not 1.0 <= scale <= 3.0:
        raise InputError(
            f"缩放比例 {scale:g} 不对，请用 1 到 3 之间的数，例如 1.25 或 1.5。",
            f"bad scale {scale:g}; use 1 to 3, e.g. 1.25 or 1.5",
        )
    # (the command line has already started its log in out/station: that is not a leftover)
    station = out / "station"
    leftovers = out.exists() and any(p.name != "station" for p in out.iterdir())
    if leftovers or any(station.glob("*.sqlite3")):
        raise InputError(
            f"目录 {out} 不是空的（可能是上次演示的结果）：请换一个空目录，或先删除其中的文件。",
            f"{out} is not empty (a previous demo run?); choose an empty directory",
        )
    platform = prepare_platform(scale)  # before any window: no display is no abort
    out.mkdir(parents=True, exist_ok=True)
    ctx = open_context(out / "station", demo=True)
    hub_db = f"sqlite:///{out / 'hub.sqlite3'}"
    with BackgroundHub(hub_db) as hub:
        code = hub.service.issue_enrollment_code(DEMO_STATION_CODE)
        ctx.provision(hub.url, DEMO_STATION_CODE, DEMO_STATION_NAME, code)
        port = hub.port
    ensure_demo_agent(ctx)
    agent = ctx.agents.authenticate(DEMO_AGENT, DEMO_PIN)
    first, *others = demo_residents()  # the first comes through the desk's devices
    first_id, devices = file_with_devices(ctx, agent.name, PENSION_ITEM, first, out)
    ids = [first_id] + [ctx.applications.submit(PENSION_ITEM, r, agent.name).id for r in others]
    offline = ctx.sync_engine().run_once()  # hub is down: everything stays queued
    with BackgroundHub(hub_db, port=port) as hub:
        online = ctx.sync_engine().run_once(force=True)
        case_nos = [ctx.applications.get(i).case_no or "" for i in ids]
        if online.error or not all(case_nos):
            raise KioskError("演示：同步到本地省级平台失败。", f"demo sync failed: {online.error}")
        hub.service.advance(case_nos[0], "受理", "材料齐全，予以受理")
        hub.service.advance(case_nos[1], "受理", "材料齐全，予以受理")
        hub.service.advance(case_nos[1], "办结", "已登记参保")
        pulled = ctx.sync_engine().run_once(force=True)
        hub_stats = hub.service.stats()
    receipts = []
    for i in ids:
        path = out / f"receipt-{ctx.applications.get(i).case_no}.pdf"
        atomic_write_bytes(path, ctx.printing.receipt(i), mode=0o644)
        receipts.append(path.name)
    escpos_png, escpos_bytes = print_escpos(ctx, first_id, out)
    devices |= {"escpos_receipt": escpos_png.name, "escpos_bytes": escpos_bytes}
    shown = ctx.applications.get(ids[0])
    shots = save_every_page(ctx, out, size, scale, shown.case_no or "", shown.query_code or "")
    summary = {
        "station": DEMO_STATION_CODE,
        "applications": len(ids),
        "offline_sync_error": offline.error,
        "created_at_hub": online.created,
        "status_updates": pulled.status_updates,
        "statuses": {
            ctx.applications.get(i).case_no: ctx.applications.get(i).status_label for i in ids
        },
        "hub": hub_stats,
        "receipts": receipts,
        "screen": f"{size[0]}x{size[1]} @ {scale:g}",
        "platform": platform or "default",
        "screenshots": [p.name for p in shots],
        "devices": devices,
    }
    ctx.close()
    return summary
