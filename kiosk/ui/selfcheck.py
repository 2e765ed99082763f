"""The GUI part of ``kiosk update selfcheck`` and of the cold-start benchmark: start Qt,
apply the look (shipped CJK font, theme, translations), show the login window, leave."""

from __future__ import annotations

from typing import Any

from kiosk.context import AppContext


def start_probe(ctx: AppContext) -> dict[str, Any]:
    from kiosk.ui.login import LoginDialog
    from kiosk.ui.look import apply_look, ensure_app

    app = ensure_app()
    apply_look(app, ctx.settings.language)
    login = LoginDialog(ctx)
    login.show()
    app.processEvents()
    shown = login.isVisible()
    login.close()
    app.processEvents()
    return {"ok": bool(shown), "platform": app.platformName(), "font": app.font().family()}
