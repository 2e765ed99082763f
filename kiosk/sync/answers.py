"""The one place where what the hub said becomes local state: the per-item answers to a
submission and the change-feed events, whether they came over the network (``outbox.record``,
``feed.pull_changes``) or on a USB stick in a status-return file (``batches.import_return``).
Both paths end in exactly the same state with the same words: Chinese for the agent (the
row's ``last_error`` and its status event), English in the log.

A new kind of answer or event is handled here and nowhere else.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kiosk.core.lifecycle import apply_transition, apply_transitions_raw
from kiosk.core.status import HUB_STAGE_TO_STATUS, AppStatus, IllegalTransition
from kiosk.protocol import wire as p
from kiosk.protocol.clock import utcnow
from kiosk.store.group_models import ApplicationGroup
from kiosk.store.models import Application
from kiosk.sync.delivery_events import record_courier_step

log = logging.getLogger(__name__)

HUB_ACTOR = "省级平台"
SYNC_ACTOR = "同步"
UNCHANGED = "unchanged"
IN_FLIGHT = (AppStatus.QUEUED.value, AppStatus.SENDING.value)

# What the agent reads (status events, the row's last error).
CARRIED = "经乡镇报送"
CONFLICT_ZH = (
    "省级平台已有同一申请编号、但内容不同的办件。本地内容已保留，请核对后联系乡镇工作人员处理。"
)
REJECTED_FALLBACK_ZH = "内容不符合要求。"
MISSING_BLOBS_ZH = "附件尚未上传完整，稍后自动重试。"


def submitted_note(case_no: str | None) -> str:
    return f"省级平台已收件，办件编号 {case_no}"


def _error_text(result: Mapping[str, Any]) -> str:
    errors = result.get("errors")
    if isinstance(errors, dict) and errors:
        return "；".join(str(v) for v in errors.values())
    return ""


def conflict_text(result: Mapping[str, Any]) -> str:
    text = _error_text(result) or CONFLICT_ZH
    if result.get("case_no"):
        text += f"（平台办件编号 {result['case_no']}）"
    return text


def rejected_text(result: Mapping[str, Any]) -> str:
    reasons = _error_text(result) or REJECTED_FALLBACK_ZH
    return f"省级平台退回：{reasons} 请打开该申请，按提示修改后重新提交。"


@dataclass(frozen=True)
class AnswerChange:
    """What one definite answer does to its row: the status steps ``(from, to, reason)`` and
    the columns it sets (a case number for ``created``/``duplicate``, else the error text)."""

    outcome: str
    steps: tuple[tuple[AppStatus, AppStatus, str], ...]
    case_no: str | None = None
    query_code: str | None = None  # None: the row keeps its own
    last_error: str | None = None


def answer_change(
    status: AppStatus, result: Mapping[str, Any], *, carried: bool = False
) -> AnswerChange | None:
    """The change one answer makes to a row in ``status`` (``None``: it changes nothing).

    Only a row that is ``sending`` takes an answer (a late or replayed answer changes nothing
    else); with ``carried`` (a USB return) also one still ``queued``, since it went out on the
    stick without passing ``sending``. ``missing_blobs`` puts a carried row back in the queue;
    online the sender uploads the attachments and submits again.
    """
    outcome = str(result.get("outcome"))
    if status is not AppStatus.SENDING and not (carried and status is AppStatus.QUEUED):
        return None
    if outcome not in p.OUTCOMES or (outcome == p.MISSING_BLOBS and not carried):
        return None
    if outcome in (p.CREATED, p.DUPLICATE) and not result.get("case_no"):
        return None  # not a definite answer: no case number
    first = ((AppStatus.QUEUED, AppStatus.SENDING, CARRIED),) if status is AppStatus.QUEUED else ()
    if outcome in (p.CREATED, p.DUPLICATE):
        case_no = str(result["case_no"])
        step = (AppStatus.SENDING, AppStatus.SUBMITTED, submitted_note(case_no))
        code = result.get("query_code")
        return AnswerChange(outcome, (*first, step), case_no, str(code) if code else None)
    if outcome == p.CONFLICT:
        text, target = conflict_text(result), AppStatus.CONFLICT
    elif outcome == p.REJECTED:
        text, target = rejected_text(result), AppStatus.QUARANTINED
    else:
        text, target = MISSING_BLOBS_ZH, AppStatus.QUEUED
    return AnswerChange(outcome, (*first, (AppStatus.SENDING, target, text)), last_error=text)


def apply_answer(
    s: Session, row: Application, result: Mapping[str, Any], actor: str, *, carried: bool = False
) -> str:
    """Record one definite answer to a submission (see :func:`answer_change`). Returns its
    outcome, or ``unchanged``."""
    change = answer_change(AppStatus(row.status), result, carried=carried)
    if change is None:
        return UNCHANGED
    if change.case_no is not None:
        row.case_no = change.case_no
        row.query_code = change.query_code or row.query_code
        row.last_error = None
        row.next_attempt_at = None
        row.synced_at = utcnow()
    else:
        row.last_error = change.last_error
    for _current, target, reason in change.steps:
        apply_transition(s, row, target, actor, reason)
    return change.outcome


_SET_CASE = (
    "UPDATE application SET case_no = ?, query_code = COALESCE(?, query_code),"
    " last_error = NULL, next_attempt_at = NULL, synced_at = ? WHERE id = ?"
)
_SET_ERROR = "UPDATE application SET last_error = ? WHERE id = ?"


def apply_answers_raw(
    conn: sqlite3.Connection,
    statuses: Mapping[str, str],
    results: Mapping[str, Mapping[str, Any]],
    actor: str,
    at: str,
) -> dict[str, int]:
    """The online sender's answers to one batch (``outbox.record``): the changes of
    :func:`apply_answer`, for many rows in a few statements on the writer's plain connection
    (``statuses``: id → status, read in the same write transaction; ``at``: ``sql_time``).
    Returns the count of each outcome applied."""
    counts: dict[str, int] = {}
    cases: list[tuple[str, str | None, str, str]] = []
    errors: list[tuple[str | None, str]] = []
    moves: list[tuple[str, AppStatus, AppStatus, str]] = []
    for app_id, status in statuses.items():
        change = answer_change(AppStatus(status), results[app_id])
        if change is None:
            continue
        counts[change.outcome] = counts.get(change.outcome, 0) + 1
        if change.case_no is not None:
            cases.append((change.case_no, change.query_code, at, app_id))
        else:
            errors.append((change.last_error, app_id))
        moves += [(app_id, current, target, why) for current, target, why in change.steps]
    conn.executemany(_SET_CASE, cases)
    conn.executemany(_SET_ERROR, errors)
    apply_transitions_raw(conn, moves, actor, at)
    return counts


def apply_group_number(s: Session, group: ApplicationGroup, group_no: str | None) -> bool:
    """The hub created the 一件事 (its members' answers are applied one by one with
    :func:`apply_answer`): its number, and from now on its members go on their own."""
    if not group_no or group.group_no == group_no:
        return False
    group.group_no = str(group_no)
    group.synced_at = group.synced_at or utcnow()
    return True


_WHOLE = {"一件事": "同一件事的其他事项也暂未报送，本事项修改并重新提交后会一起发送。"}


def held_text(item_name: str | None) -> str:
    """What a member held back by its group's refused member says (``item_name``: that one)."""
    what = f"“{item_name}”" if item_name else "其中一项"
    return (
        f"同一件事中的{what}被省级平台退回，整件事暂未报送（其他事项也未受理）。"
        "该事项修改并重新提交后，整件事会一起自动发送。"
    )


def apply_group_refusal(
    s: Session,
    rows: list[Application],
    problem: Mapping[str, Any],
    actor: str,
    *,
    carried: bool = False,
) -> dict[str, int]:
    """The hub refused a whole 一件事 (nothing was created). The member it names is
    quarantined (422: refused by the form check, its field errors shown) or in conflict
    (409); the others go back to the queue, held there with a word of why: the group is
    sent whole again once the named member is fixed and queued. A refusal naming no member
    (the group id stands for another bundle) puts every member in conflict."""
    member = problem.get("member")
    named_id = member.get("client_id") if isinstance(member, Mapping) else None
    detail = str(problem.get("detail") or "")
    conflict = int(problem.get("status") or 422) == 409
    named = next((r for r in rows if r.id == named_id), None)
    counts = {"refused": 0, "held": 0}
    for row in rows:
        if named is None or row is named:
            errors = member.get("errors") if isinstance(member, Mapping) else None
            result: dict[str, Any] = (
                {"outcome": p.CONFLICT, "errors": {"_": detail}}
                if conflict
                else {"outcome": p.REJECTED, "errors": {**(errors or {"_": detail}), **_WHOLE}}
            )
            if apply_answer(s, row, result, actor, carried=carried) != UNCHANGED:
                counts["refused"] += 1
        elif row.status in IN_FLIGHT:
            row.last_error = held_text(named.item_name)
            row.next_attempt_at = None
            if row.status == AppStatus.SENDING.value:
                apply_transition(s, row, AppStatus.QUEUED, actor, row.last_error)
            counts["held"] += 1
    return counts


@dataclass(frozen=True)
class ChangeApplied:
    changed: int  # 1 if the application moved
    wait: bool = False  # the application is still in the outbox: send it, then come back


def apply_change(s: Session, ev: Mapping[str, Any], *, wait_for_outbox: bool) -> ChangeApplied:
    """One change-feed event, in feed order.

    ``wait_for_outbox`` (online): an event about an application still queued or sending
    (its answer was lost, or a supplement is on its way) stops the feed there, so that it is
    sent first; a USB return carries the answers before the events and needs no wait.
    """
    target = HUB_STAGE_TO_STATUS.get(str(ev.get("stage")))
    if target is None:
        return ChangeApplied(0)  # 收件: already known locally as "submitted"
    row = s.get(Application, str(ev.get("client_id")))
    if row is None:
        return ChangeApplied(0)  # not this station's application (any more)
    if wait_for_outbox and row.status in IN_FLIGHT:
        row.next_attempt_at = None  # send it first, then come back to this event
        return ChangeApplied(0, wait=True)
    if row.status == target.value:
        return ChangeApplied(0)
    try:
        apply_transition(s, row, target, HUB_ACTOR, str(ev.get("note") or ev.get("stage")))
    except IllegalTransition:
        log.warning("ignored hub change %s for %s in status %s", target, row.id, row.status)
        return ChangeApplied(0)
    record_courier_step(s, row, target, ev)
    if row.case_no is None and ev.get("case_no"):
        row.case_no = str(ev["case_no"])
    return ChangeApplied(1)
