"""好差评: a resident's rating of a case, sent by the station, idempotent by evaluation id."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.db import HubDatabase
from hub.errors import HubError
from hub.models import Case, Evaluation

Level = Literal["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
LEVELS: tuple[str, ...] = get_args(Level)
CREATED, DUPLICATE = "created", "duplicate"


def _digest(client_id: str, level: str, comment: str, rated_at: dt.datetime) -> str:
    canonical = json.dumps(
        [client_id, level, comment, rated_at.replace(tzinfo=None).isoformat()],
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class EvaluationService:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db

    def evaluate(
        self,
        station: str,
        evaluation_id: str,
        client_id: str,
        level: str,
        comment: str,
        rated_at: dt.datetime,
    ) -> dict[str, Any]:
        if level not in LEVELS:
            raise HubError(422, f"评价等级只能是：{'、'.join(LEVELS)}。", f"bad level {level}")
        if rated_at.tzinfo is not None:
            rated_at = rated_at.astimezone(dt.UTC).replace(tzinfo=None)
        digest = _digest(client_id, level, comment, rated_at)

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
            same_id = s.get(Evaluation, (station, evaluation_id))
            if same_id is not None:
                if same_id.content_hash != digest:
                    raise HubError(
                        409,
                        "同一评价编号已提交过不同的评价内容，已保留首次提交的评价。",
                        "evaluation id reused with other content",
                        "evaluation-conflict",
                    )
                return {"outcome": DUPLICATE, "case_no": case.case_no}
            earlier = s.scalar(select(Evaluation.id).where(Evaluation.case_id == case.id))
            if earlier is not None:
                raise HubError(
                    409,
                    "该办件已经评价过，每件办件只能评价一次。",
                    "case already evaluated",
                    "evaluation-conflict",
                )
            s.add(
                Evaluation(
                    station_code=station,
                    id=evaluation_id,
                    case_id=case.id,
                    level=level,
                    comment=comment,
                    content_hash=digest,
                    rated_at=rated_at,
                )
            )
            return {"outcome": CREATED, "case_no": case.case_no}

        return self.db.retrying(write)
