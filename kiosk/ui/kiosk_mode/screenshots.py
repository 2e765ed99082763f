"""Screenshots of the terminal's main screens in each look, for people to look at."""

from __future__ import annotations

from pathlib import Path

from kiosk.context import AppContext
from kiosk.ui.app import apply_look, ensure_app
from kiosk.ui.kiosk_mode.shell import KioskShell
from kiosk.ui.kiosk_mode.theme import Look, LookChanges
from kiosk.ui.screenshots import _settle, grab

LOOKS: dict[str, LookChanges] = {
    "100": {},
    "150": {"scale": 150},
    "contrast": {"contrast": True},
}


def save_kiosk_screenshots(
    ctx: AppContext, out: Path, case_no: str, query_code: str, guide_code: str
) -> list[Path]:
    """Home, a guide, a case's progress and its rating screen, at 100 % and 150 % text size
    and in high contrast: ``kiosk-<look>-<screen>.png``."""
    app = ensure_app()
    apply_look(app, ctx.settings.language)
    shell = KioskShell(ctx, lockdown=True)
    shell.show_full_screen()
    shots: list[Path] = []
    try:
        for name, changes in LOOKS.items():
            shell.set_look(Look(language=ctx.settings.language).with_(**changes))
            shots.append(grab(shell, out / f"kiosk-{name}-home.png"))
            shell.open_guide(guide_code)
            shots.append(grab(shell, out / f"kiosk-{name}-guide.png"))
            shell.go("lookup")
            shell.lookup.fill(case_no, query_code)
            shell.lookup.submit()
            for _ in range(50):
                _settle(app)
                if shell.lookup.case is not None:
                    break
            if shell.lookup.case is None:
                raise RuntimeError(f"case {case_no} not found for the screenshot")
            shots.append(grab(shell, out / f"kiosk-{name}-lookup.png"))
            shell.open_evaluation(shell.lookup.case)
            _settle(app)
            shell.evaluate.faces[4].click()
            shell.evaluate.reasons["态度好"].click()
            shots.append(grab(shell, out / f"kiosk-{name}-evaluate.png"))
            shell.go_home()
    finally:
        shell.shutdown()
    return shots
