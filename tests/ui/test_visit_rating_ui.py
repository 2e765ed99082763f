"""一次一评 at the desk through the widgets: every one of the four dimensions must be rated;
the rating is kept (encrypted comment) and waits for the sync."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from kiosk.ui.visit_rating_dialog import VisitRatingDialog
from tests.conftest import AGENT, PENSION
from tests.ui.driving import click


def pick(qtbot, dialog, key: str, level: int) -> None:
    radio = dialog.groups[key].button(level)
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def test_rate_the_visit_on_four_dimensions(qtbot, ctx, resident):
    app_id = ctx.applications.submit(PENSION, resident, AGENT).id
    dialog = VisitRatingDialog(ctx, app_id, AGENT)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    pick(qtbot, dialog, "整体满意度", 2)
    pick(qtbot, dialog, "服务效率", 1)
    click(qtbot, dialog.ok_button)
    assert "每一项" in dialog.message.text() and dialog.isVisible()
    assert ctx.visit_ratings.for_application(app_id) is None
    pick(qtbot, dialog, "服务水平", 3)
    pick(qtbot, dialog, "服务态度", 2)
    dialog.comment.setPlainText("等了很久")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click(qtbot, dialog.ok_button)
    rating = ctx.visit_ratings.for_application(app_id)
    assert rating is not None and rating.level == 2 and rating.comment == "等了很久"
    assert rating.dimensions == {"服务效率": 1, "服务水平": 3, "服务态度": 2}
    assert not rating.synced and rating.agent == AGENT
