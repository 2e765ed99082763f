"""Applying what the hub said to local applications: the same code for an online sync and for
a status-return file carried on USB, so both end in exactly the same state."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import HUB_STAGE_TO_STATUS, AppStatus, IllegalTransition
from kiosk.protocol import wire as p
from kiosk.protocol.clock import utcnow
from kiosk.store.models import Application
from kiosk.sync.delivery_events import record_courier_step

log = logging.getLogger(__name__)
HUB_ACTOR = "省级平台"


def apply_result(s: Session, row: Application, result: dict[str, Any], actor: str) -> str:
    """Record one submission answer on a row that was sent (or carried). Returns the outcome.

    Rows already past ``submitted`` (a replayed answer) are left as they are.
    """
    outcome = str(result.get("outcome"))
    status = AppStatus(row.status)
    if status not in (AppStatus.QUEUED, AppStatus.SENDING):
        return "unchanged"
    if status is AppStatus.QUEUED:  # carried on USB: it went out without passing "sending"
        apply_transition(s, row, AppStatus.SENDING, actor, "经乡镇报送")
    if outcome in (p.CREATED, p.DUPLICATE):
        row.case_no = result.get("case_no")
        row.query_code = result.get("query_code")
        row.last_error = None
        row.synced_at = utcnow()
        apply_transition(
            s, row, AppStatus.SUBMITTED, actor, f"省级平台已收件，办件编号 {row.case_no}"
        )
    elif outcome == p.CONFLICT:
        row.last_error = "省级平台已有同一编号但内容不同的办件，请核对后联系乡镇工作人员。"
        apply_transition(s, row, AppStatus.CONFLICT, actor, row.last_error)
    elif outcome == p.REJECTED:
        errors = result.get("errors") or {}
        row.last_error = "省级平台退回：" + "；".join(str(v) for v in errors.values())
        apply_transition(s, row, AppStatus.QUARANTINED, actor, row.last_error)
    else:
        row.last_error = "附件尚未上传完整，稍后自动重试。"
        apply_transition(s, row, AppStatus.QUEUED, actor, row.last_error)
    return outcome


def apply_change(s: Session, ev: dict[str, Any]) -> int:
    """One change-feed event (in feed order). Returns 1 if it changed the application."""
    target = HUB_STAGE_TO_STATUS.get(str(ev.get("stage")))
    if target is None:
        return 0  # 收件 is already known locally as "submitted"
    row = s.get(Application, ev.get("client_id"))
    if row is None or row.status == target.value:
        return 0
    try:
        apply_transition(s, row, target, HUB_ACTOR, str(ev.get("note") or ev.get("stage")))
    except IllegalTransition:
        log.warning("ignored hub change %s for %s in status %s", target, row.id, row.status)
        return 0
    record_courier_step(s, row, target, ev)
    if row.case_no is None and ev.get("case_no"):
        row.case_no = ev["case_no"]
    return 1
