"""What an application's state allows at the station: editing a draft, withdrawing a case
the hub may already hold."""

from __future__ import annotations

from kiosk.core.errors import InputError
from kiosk.core.status import AppStatus
from kiosk.store.models import Application

EDITABLE = (AppStatus.DRAFT.value, AppStatus.READY.value)  # a draft, not yet submitted

# Where the application went that it can no longer be withdrawn at the station, and what to do.
LEFT_BY_USB = "usb"
LEFT_ONLINE = "online"
LEFT_CASE = "case"
_AFTER_CASE_NO = "有了办件编号后，请凭办件编号联系乡镇便民服务中心，由受理部门终止办理。"


def left_station(app: Application) -> str | None:
    """How the hub may already hold this application (None: only this station has it).

    ``attempts`` counts submission requests that went out (the outbox commits it before
    sending), so ``attempts > 0`` while queued means an earlier request may have created it
    without the answer arriving. A quarantined case the hub refused was not created there.
    """
    if app.case_no is not None:
        return LEFT_CASE
    status = app.status
    if status == AppStatus.SENDING.value:
        return LEFT_ONLINE
    if status == AppStatus.QUEUED.value:
        if app.exported_batch is not None:
            return LEFT_BY_USB
        if app.attempts:
            return LEFT_ONLINE
    return None


def cannot_withdraw(app: Application) -> InputError | None:
    """Why the station may not withdraw this application on its own (None: it may)."""
    left = left_station(app)
    if left is None:
        return None
    if left == LEFT_CASE:
        zh = (
            f"这份申请已由省级平台收件（办件编号 {app.case_no}），本站点不能再撤回。"
            "如居民不再办理，请凭办件编号联系乡镇便民服务中心，由受理部门终止办理。"
        )
    elif left == LEFT_BY_USB:
        zh = (
            "这份申请已导出到U盘批次、交乡镇报送，省级平台可能已经收件，本站点不能再撤回。"
            "请在“U盘批次”中导入乡镇带回的回传文件（联网后也可以立即同步），" + _AFTER_CASE_NO
        )
    else:
        zh = (
            "这份申请已发往省级平台，平台可能已经收件，本站点不能再撤回。"
            "请先立即同步（F5）取回结果，" + _AFTER_CASE_NO
        )
    return InputError(zh, f"{app.id} may already be at the hub ({left}); not withdrawn")
