"""Application lifecycle (docs/design.md §4): the states and the transitions between them."""

from __future__ import annotations

from enum import StrEnum

from kiosk.protocol.errors import KioskError
from kiosk.protocol.stages import Stage


class AppStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    QUEUED = "queued"
    SENDING = "sending"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    NEED_SUPPLEMENT = "need_supplement"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CONFLICT = "conflict"
    QUARANTINED = "quarantined"
    # after 办结: the result reaches the resident (issue 18)
    DISPATCHED = "dispatched"  # 已寄出 by courier (the hub reports it)
    SIGNED = "signed"  # 已签收 (the hub reports the carrier's delivery)
    HANDED_OVER = "handed_over"  # 已交付 at the desk (recorded at this station)


S = AppStatus

ALLOWED: dict[AppStatus, frozenset[AppStatus]] = {
    S.DRAFT: frozenset({S.READY, S.QUEUED, S.WITHDRAWN}),
    S.READY: frozenset({S.DRAFT, S.QUEUED, S.WITHDRAWN}),
    S.QUEUED: frozenset({S.SENDING, S.WITHDRAWN}),
    # sending → queued: the attempt failed without a definite answer; it will be retried.
    S.SENDING: frozenset({S.QUEUED, S.SUBMITTED, S.CONFLICT, S.QUARANTINED}),
    S.SUBMITTED: frozenset({S.ACCEPTED, S.NEED_SUPPLEMENT, S.COMPLETED, S.REJECTED}),
    S.ACCEPTED: frozenset({S.NEED_SUPPLEMENT, S.COMPLETED, S.REJECTED}),
    S.NEED_SUPPLEMENT: frozenset({S.QUEUED, S.ACCEPTED, S.COMPLETED, S.REJECTED}),
    S.COMPLETED: frozenset({S.DISPATCHED, S.HANDED_OVER}),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.CONFLICT: frozenset({S.DRAFT, S.WITHDRAWN}),
    S.QUARANTINED: frozenset({S.DRAFT, S.WITHDRAWN}),
    S.DISPATCHED: frozenset({S.SIGNED}),
    S.SIGNED: frozenset(),
    S.HANDED_OVER: frozenset(),
}

LABELS_ZH: dict[AppStatus, str] = {
    S.DRAFT: "草稿",
    S.READY: "待提交",
    S.QUEUED: "排队待发送",
    S.SENDING: "发送中",
    S.SUBMITTED: "已报送",
    S.ACCEPTED: "已受理",
    S.NEED_SUPPLEMENT: "需补齐补正",
    S.COMPLETED: "已办结",
    S.REJECTED: "不予受理",
    S.WITHDRAWN: "已撤回",
    S.CONFLICT: "数据冲突",
    S.QUARANTINED: "被退回待修改",
    S.DISPATCHED: "已寄出",
    S.SIGNED: "已签收",
    S.HANDED_OVER: "已交付",
}

# Hub case stages (docs/design.md §9) mapped onto local statuses.
HUB_STAGE_TO_STATUS: dict[str, AppStatus] = {
    Stage.ACCEPTED: S.ACCEPTED,
    Stage.SUPPLEMENT: S.NEED_SUPPLEMENT,
    Stage.COMPLETED: S.COMPLETED,
    Stage.REFUSED: S.REJECTED,
    Stage.DISPATCHED: S.DISPATCHED,
    Stage.SIGNED: S.SIGNED,
}

# At the hub and not yet decided (the dashboard's and the case list's overdue counts).
OPEN_AT_HUB: tuple[str, ...] = (S.SUBMITTED.value, S.ACCEPTED.value)

# A finished case: 办结 and, after it, the result on its way or in the resident's hands.
FINISHED_WITH_RESULT: tuple[AppStatus, ...] = (S.COMPLETED, S.DISPATCHED, S.SIGNED, S.HANDED_OVER)


class IllegalTransition(KioskError):
    def __init__(self, current: AppStatus, target: AppStatus) -> None:
        super().__init__(
            f"办件当前状态为“{LABELS_ZH[current]}”，不能变为“{LABELS_ZH[target]}”。",
            f"illegal status transition {current} -> {target}",
        )


def check_transition(current: AppStatus, target: AppStatus) -> None:
    if target not in ALLOWED[current]:
        raise IllegalTransition(current, target)
