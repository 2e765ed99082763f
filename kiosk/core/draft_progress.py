"""Where the agent stopped in a draft: the step of the new-application flow, the ticked
eligibility conditions and materials, whether the resident signs on paper.

Kept in the ``sync_state`` key/value table under ``draft:<id>`` (no personal data: step
numbers and the names of catalog materials), so a draft resumes where it was left, also
after a restart. The form answers themselves live encrypted in the application row.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete

from kiosk.store.db import Database
from kiosk.store.models import SyncState

PREFIX = "draft:"


@dataclass
class DraftProgress:
    step: int = 0
    conditions: list[int] = field(default_factory=list)  # indexes of confirmed conditions
    materials: list[str] = field(default_factory=list)  # names of materials the resident brought
    paper_signature: bool = False  # the resident cannot sign on screen; signs the paper form

    @classmethod
    def from_json(cls, text: str) -> DraftProgress:
        data: dict[str, Any] = json.loads(text)
        return cls(
            step=int(data.get("step", 0)),
            conditions=[int(i) for i in data.get("conditions", [])],
            materials=[str(m) for m in data.get("materials", [])],
            paper_signature=bool(data.get("paper_signature", False)),
        )


def save_progress(db: Database, draft_id: str, progress: DraftProgress) -> None:
    with db.write() as s:
        s.merge(
            SyncState(
                key=PREFIX + draft_id,
                value=json.dumps(asdict(progress), ensure_ascii=False),
            )
        )


def load_progress(db: Database, draft_id: str) -> DraftProgress:
    with db.read() as s:
        row = s.get(SyncState, PREFIX + draft_id)
        return DraftProgress() if row is None else DraftProgress.from_json(row.value)


def clear_progress(db: Database, draft_id: str) -> None:
    """Forget the flow state once the draft is submitted or withdrawn."""
    with db.write() as s:
        s.execute(delete(SyncState).where(SyncState.key == PREFIX + draft_id))
