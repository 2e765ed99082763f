"""好差评 (GB/T 39734-2020): a resident's rating, sent by the station, idempotent by its id.

Two kinds: ``case`` (一事一评, one per case, the case's outcome) and ``visit`` (一次一评, one
per service occasion at the desk: 整体满意度 as ``level`` plus 服务效率, 服务水平, 服务态度 in
``dimensions``; ``client_id`` names the application filed that visit). Who rated comes as
``rater``, sealed by the station to the hub's box key, and is kept apart in ``rater_contact``
(hub/complaints.py opens it for a 差评's call-back only). A 不满意/非常不满意 rating opens a
差评 record in the same transaction.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.errors import HubError
from hub.followup_models import RaterContact, VisitRating
from hub.models import Case, Evaluation
from kiosk.protocol.wire import Dimension, Level

if TYPE_CHECKING:
    from hub.complaints import ComplaintService

LEVELS: tuple[str, ...] = get_args(Level)
DIMENSIONS: tuple[str, ...] = get_args(Dimension)
CASE, VISIT = "case", "visit"
CREATED, DUPLICATE = "created", "duplicate"
MIN_SEALED = 58  # a sealed box's 48 bytes of overhead and a few of content
MAX_SEALED = 4096


def _digest(client_id: str, level: str, comment: str, rated_at: dt.datetime) -> str:
    canonical = json.dumps(
        [client_id, level, comment, rated_at.replace(tzinfo=None).isoformat()],
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _visit_digest(
    client_id: str,
    level: str,
    comment: str,
    rated_at: dt.datetime,
    dimensions: dict[str, str],
    agent: str,
) -> str:
    base = _digest(client_id, level, comment, rated_at)
    extra = json.dumps([base, sorted(dimensions.items()), agent], ensure_ascii=False)
    return hashlib.sha256(extra.encode()).hexdigest()


def _conflict() -> HubError:
    return HubError(
        409,
        "同一评价编号已提交过不同的评价内容，已保留首次提交的评价。",
        "evaluation id reused with other content",
        "evaluation-conflict",
    )


def _sealed_bytes(rater: str | None) -> bytes | None:
    if not rater:
        return None
    try:
        raw = base64.b64decode(rater, validate=True)
    except (binascii.Error, ValueError):
        raise HubError(
            422, "评价人信息格式不正确，请升级代办软件。", "rater is not base64", "bad-rater"
        ) from None
    if not MIN_SEALED <= len(raw) <= MAX_SEALED:  # (the wire model says as much)
        raise HubError(422, "评价人信息格式不正确，请升级代办软件。", "bad rater size", "bad-rater")
    return raw


class EvaluationService:
    def __init__(self, db: HubDatabase, complaints: ComplaintService | None = None) -> None:
        self.db = db
        self.complaints = complaints

    def evaluate(
        self,
        station: str,
        evaluation_id: str,
        client_id: str,
        level: str,
        comment: str,
        rated_at: dt.datetime,
        kind: str = CASE,
        dimensions: dict[str, str] | None = None,
        agent: str = "",
        rater: str | None = None,
    ) -> dict[str, Any]:
        if level not in LEVELS:
            raise HubError(422, f"评价等级只能是：{'、'.join(LEVELS)}。", f"bad level {level}")
        dims = dict(dimensions or {})
        if kind == VISIT:
            if set(dims) != set(DIMENSIONS) or not set(dims.values()) <= set(LEVELS):
                raise HubError(
                    422,
                    f"一次一评须对{'、'.join(DIMENSIONS)}逐项评价。",
                    "visit rating needs every dimension",
                    "bad-dimensions",
                )
        elif kind != CASE:
            raise HubError(422, "评价类型只能是一事一评或一次一评。", f"bad kind {kind}")
        if rated_at.tzinfo is not None:
            rated_at = rated_at.astimezone(dt.UTC).replace(tzinfo=None)
        sealed = _sealed_bytes(rater)
        if kind == CASE:
            digest = _digest(client_id, level, comment, rated_at)
        else:
            digest = _visit_digest(client_id, level, comment, rated_at, dims, agent)

        def write(s: Session) -> dict[str, Any]:
            case = s.scalar(
                select(Case).where(Case.station_code == station, Case.client_id == client_id)
            )
            if case is None:
                raise HubError(
                    404,
                    "该办件尚未报送到省级平台，评价会在办件报送后自动上传。",
                    "evaluation for a case the hub does not have (yet)",
                    "case-not-found",
                )
            created: Evaluation | VisitRating | None
            if kind == CASE:
                created = self._case_rating(s, station, evaluation_id, case, level, comment, digest)
            else:
                created = self._visit_rating(
                    s, station, evaluation_id, client_id, level, comment, dims, agent, digest
                )
            if created is None:  # the same rating again
                return {"outcome": DUPLICATE, "case_no": case.case_no}
            created.content_hash, created.rated_at = digest, rated_at
            if sealed is not None:
                s.add(RaterContact(station_code=station, rating_id=evaluation_id, sealed=sealed))
            if self.complaints is not None:
                self.complaints.open_for_rating(
                    s,
                    station=station,
                    rating_id=evaluation_id,
                    kind=kind,
                    case_no=case.case_no,
                    agent=agent,
                    level=level,
                    comment=comment,
                )
            return {"outcome": CREATED, "case_no": case.case_no}

        return self.db.retrying(write)

    @staticmethod
    def _case_rating(
        s: Session,
        station: str,
        evaluation_id: str,
        case: Case,
        level: str,
        comment: str,
        digest: str,
    ) -> Evaluation | None:
        same_id = s.get(Evaluation, (station, evaluation_id))
        if same_id is not None:
            if same_id.content_hash != digest:
                raise _conflict()
            return None
        earlier = s.scalar(select(Evaluation.id).where(Evaluation.case_id == case.id))
        if earlier is not None:
            raise HubError(
                409,
                "该办件已经评价过，每件办件只能评价一次。",
                "case already evaluated",
                "evaluation-conflict",
            )
        row = Evaluation(
            station_code=station, id=evaluation_id, case_id=case.id, level=level, comment=comment
        )
        s.add(row)
        return row

    @staticmethod
    def _visit_rating(
        s: Session,
        station: str,
        evaluation_id: str,
        client_id: str,
        level: str,
        comment: str,
        dims: dict[str, str],
        agent: str,
        digest: str,
    ) -> VisitRating | None:
        same_id = s.get(VisitRating, (station, evaluation_id))
        if same_id is not None:
            if same_id.content_hash != digest:
                raise _conflict()
            return None
        row = VisitRating(
            station_code=station,
            id=evaluation_id,
            client_id=client_id,
            agent=agent,
            level=level,
            dimensions=dims,
            comment=comment,
        )
        s.add(row)
        return row
