"""好差评 waiting to be sent: a JSON-lines outbox file under the data dir.

(The local schema has no table for evaluations yet; this file is the interim store.)
Each line is an event: ``add`` (a rating the resident gave) or ``done``/``failed`` (the
hub's definite answer). Lines are appended and fsynced; a torn last line after a crash is
ignored. An evaluation of an application the hub does not have yet waits for it.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.evaluations import LEVELS, EvaluationService
from kiosk.protocol import wire as p
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import InputError

if TYPE_CHECKING:  # httpx is imported with the client, when a sync runs: not at start-up
    from kiosk.sync.client import HubClient
    from kiosk.sync.rating_outbox import RatingOutbox

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PendingEvaluation:
    id: str
    client_id: str
    level: str
    comment: str
    rated_at: str

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client_id": self.client_id,
            "level": self.level,
            "comment": self.comment,
            "rated_at": self.rated_at,
        }


class EvaluationOutbox:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "evaluations.jsonl"
        self._lock = threading.Lock()

    def _append(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
        with self._lock:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line  # a torn line from a crash stays on its own
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def _records(self) -> list[dict[str, Any]]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        out = []
        for line in raw.split(b"\n"):
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # empty or torn line
            if isinstance(rec, dict):
                out.append(rec)
        return out

    def add(self, client_id: str, level: str, comment: str = "") -> str:
        """Record a resident's rating of an application; it is sent with the next sync."""
        if level not in p.EVALUATION_LEVELS:
            raise InputError(
                f"评价等级只能是：{'、'.join(p.EVALUATION_LEVELS)}。", f"bad level {level!r}"
            )
        if len(comment) > 500:
            raise InputError("评价意见不能超过500字。", "comment too long")
        eval_id = str(uuid.uuid4())
        self._append(
            {
                "op": "add",
                "id": eval_id,
                "client_id": client_id,
                "level": level,
                "comment": comment.replace("\x00", ""),
                "rated_at": utcnow().isoformat() + "Z",
            }
        )
        return eval_id

    def state(self) -> dict[str, dict[str, Any]]:
        """Every evaluation by id, with its latest ``status`` (pending / done / failed)."""
        out: dict[str, dict[str, Any]] = {}
        for rec in self._records():
            eid = rec.get("id")
            if not isinstance(eid, str):
                continue
            if rec.get("op") == "add":
                out[eid] = {**rec, "status": "pending"}
            elif eid in out and rec.get("op") in ("done", "failed"):
                out[eid].update(
                    status=rec["op"], error=rec.get("error"), case_no=rec.get("case_no")
                )
        return out

    def pending(self) -> list[PendingEvaluation]:
        return [
            PendingEvaluation(
                e["id"], e["client_id"], e["level"], e.get("comment", ""), e["rated_at"]
            )
            for e in self.state().values()
            if e["status"] == "pending"
        ]

    def mark(self, eval_id: str, op: str, **extra: Any) -> None:
        self._append({"op": op, "id": eval_id, **extra})


def upload_evaluations(
    outbox: EvaluationOutbox | EvaluationTableOutbox | RatingOutbox, client: HubClient
) -> tuple[int, int]:
    """Send pending evaluations. Returns (sent, still waiting for their case)."""
    from kiosk.sync.client import HubRefused

    sent = waiting = 0
    for ev in outbox.pending():
        try:
            answer = client.evaluate(ev.wire())
        except HubRefused as exc:
            if exc.kind == p.PROBLEM_CASE_NOT_FOUND:
                waiting += 1  # the application is not at the hub yet
                continue
            outbox.mark(ev.id, "failed", error=exc.zh)
            log.warning("evaluation refused by the hub: %s", exc.en)
            continue
        outbox.mark(ev.id, "done", case_no=answer.get("case_no"))
        sent += 1
    return sent, waiting


class EvaluationTableOutbox:
    """The same outbox interface over the ``evaluation`` table (EvaluationService), which is
    where the agent's case view and the resident terminal record ratings."""

    def __init__(self, service: EvaluationService) -> None:
        self._service = service

    def pending(self) -> list[PendingEvaluation]:
        return [
            PendingEvaluation(
                e.id,
                e.application_id,
                LEVELS[e.level],
                e.comment,
                e.created_at.isoformat() + "Z",
            )
            for e in self._service.pending()
        ]

    def mark(self, eval_id: str, op: str, **extra: Any) -> None:
        if op == "failed":  # a definite refusal: keep it out of every later sync, and say why
            log.warning("evaluation %s refused: %s", eval_id, extra.get("error"))
        self._service.mark_synced([eval_id])
