"""``kiosk update selfcheck``: does this version start on this station's data?

Run by an update (the new version's executable) before it becomes current: it opens the
station (running the data migrations), checks database, keyring, audit chain, catalog and
print fonts, and starts the Qt app offscreen up to the login window. Exit 0 = good.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__

if TYPE_CHECKING:
    from kiosk.context import AppContext

log = logging.getLogger(__name__)


GuiProbe = Callable[["AppContext"], dict[str, Any]]


def run_selfcheck(
    data_dir: Path, *, gui: GuiProbe | None = None, full: bool = True
) -> dict[str, Any]:
    """``gui``: starts the Qt app up to the login window and reports (``kiosk.ui.selfcheck.
    start_probe``, handed in by the command: deploy never imports the UI); None: no GUI."""
    from kiosk.context import open_context

    t0 = time.perf_counter()
    checks: dict[str, Any] = {}
    result: dict[str, Any] = {"version": __version__, "checks": checks}
    ctx = open_context(data_dir)  # migrations to this version's schema run here
    try:
        checks["catalog"] = {"ok": bool(ctx.catalog.items()), "items": len(ctx.catalog.items())}
        if full:
            from kiosk.doctor import diagnose
            from kiosk.print.fonts import register_fonts

            report = diagnose(ctx)
            db = report["database"]
            checks["database"] = {"ok": db["ok"] and db["schema_current"], "schema": db["schema"]}
            for key in ("keyring", "audit", "disk"):
                checks[key] = {"ok": bool(report[key]["ok"])}
            register_fonts()
            checks["fonts"] = {"ok": True}
        if gui is not None:
            checks["gui"] = gui(ctx)
    finally:
        ctx.close()
    result["seconds"] = round(time.perf_counter() - t0, 3)
    result["ok"] = all(c["ok"] for c in checks.values())
    return result
