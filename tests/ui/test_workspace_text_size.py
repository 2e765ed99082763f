"""The workspace's text size (标准 / 大) is the agent's own: chosen in the toolbar, it applies
at once, is kept in the station's settings file, comes back at that agent's next login and
not at anyone else's; the login in between is 标准."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.core.agents import AgentInfo
from kiosk.core.settings import load_settings
from kiosk.ui.main_window import MainWindow
from tests.conftest import AGENT


def _points() -> float:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app.font().pointSizeF()


def test_text_size_is_remembered_per_agent(qtbot, ctx):
    ctx.agents.add("li", "agent", "135790")
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(win)
    assert win.size_actions[100].isChecked() and _points() == 10
    win.size_actions[125].trigger()
    assert _points() == 12.5 and "font-size: 18px" in QApplication.instance().styleSheet()
    qtbot.waitUntil(
        lambda: load_settings(ctx.data_dir).workspace_text_sizes.get(AGENT) == 125, timeout=5000
    )
    win.close()
    assert _points() == 10  # the next login is anyone's

    again = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False)
    qtbot.addWidget(again)
    assert again.size_actions[125].isChecked() and _points() == 12.5
    again.close()
    other = MainWindow(ctx, AgentInfo("li", "agent"), auto_sync=False)
    qtbot.addWidget(other)
    assert other.size_actions[100].isChecked() and _points() == 10
    other.close()
