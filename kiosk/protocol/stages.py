"""The hub's case stages (docs/protocol.md §4.5): the one definition the hub records and the
station maps onto its own statuses (``kiosk.core.status.HUB_STAGE_TO_STATUS``)."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    """A case's stage at the hub; the value is the word on the wire and in the feed."""

    RECEIVED = "收件"
    ACCEPTED = "受理"
    SUPPLEMENT = "补齐补正"
    COMPLETED = "办结"
    REFUSED = "不予受理"
    DISPATCHED = "已寄出"  # the result sent by courier (证照快递送达)
    SIGNED = "已签收"  # the carrier reports it delivered


STAGES: tuple[Stage, ...] = tuple(Stage)
# What the back office may move a case to (收件 is where every case starts).
BACK_OFFICE_STAGES: tuple[Stage, ...] = tuple(s for s in Stage if s is not Stage.RECEIVED)
# Where a case may go from each stage.
NEXT_STAGES: dict[str, tuple[Stage, ...]] = {
    Stage.RECEIVED: (Stage.ACCEPTED, Stage.SUPPLEMENT, Stage.REFUSED),
    Stage.ACCEPTED: (Stage.SUPPLEMENT, Stage.COMPLETED, Stage.REFUSED),
    Stage.SUPPLEMENT: (Stage.ACCEPTED, Stage.REFUSED),
    Stage.COMPLETED: (Stage.DISPATCHED,),
    Stage.REFUSED: (),
    Stage.DISPATCHED: (Stage.SIGNED,),
    Stage.SIGNED: (),
}
# A case the station can no longer change (its delivery choice included).
CLOSED_STAGES: tuple[Stage, ...] = (Stage.COMPLETED, Stage.REFUSED, Stage.DISPATCHED, Stage.SIGNED)
