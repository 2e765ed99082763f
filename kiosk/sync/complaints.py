"""差评 as a station sees them (fetched from the hub): a village its own, with the state of
the follow-up and the outcome (never who rated); a township those of its villages, and the
appeals it has to decide. Online only: the follow-up happens at the hub."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk.protocol.errors import InputError

if TYPE_CHECKING:
    from kiosk.sync.client import HttpHubClient

UPHELD, OVERTURNED = "upheld", "overturned"


@dataclass(frozen=True)
class ComplaintStep:
    words: str
    note: str
    actor: str
    at: str


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    station_code: str
    case_no: str | None
    kind: str  # case (一事一评) | visit (一次一评)
    agent: str
    level: str
    comment: str
    state: str
    state_words: str
    opened_on: dt.date
    due_on: dt.date
    overdue: bool
    outcome: str
    steps: tuple[ComplaintStep, ...]

    @property
    def kind_words(self) -> str:
        return "一次一评" if self.kind == "visit" else "一事一评"

    @property
    def appealable(self) -> bool:
        return self.state in ("open", "called_back")


def _row(d: dict[str, Any]) -> ComplaintRow:
    return ComplaintRow(
        int(d["id"]),
        str(d["station_code"]),
        d.get("case_no"),
        str(d.get("rating_kind", "case")),
        str(d.get("agent", "")),
        str(d["level"]),
        str(d.get("comment", "")),
        str(d["state"]),
        str(d.get("state_words", d["state"])),
        dt.date.fromisoformat(str(d["opened_on"])),
        dt.date.fromisoformat(str(d["due_on"])),
        bool(d.get("overdue")),
        str(d.get("outcome", "")),
        tuple(
            ComplaintStep(str(s["words"]), str(s.get("note", "")), str(s["actor"]), str(s["at"]))
            for s in d.get("steps", [])
            if isinstance(s, dict)
        ),
    )


class ComplaintBoard:
    def __init__(self, client: Callable[[], HttpHubClient]) -> None:
        self._client = client

    def _call(self, fn: Callable[[HttpHubClient], Any]) -> Any:
        client = self._client()
        try:
            return fn(client)
        finally:
            client.close()

    def list(self) -> list[ComplaintRow]:
        rows = self._call(lambda c: c.complaints())
        return [_row(r) for r in rows]

    def appeal(self, complaint_id: int, reason: str) -> ComplaintRow:
        """申诉: this (village) station disputes a 差评; its township decides."""
        if not reason.strip():
            raise InputError("请写明申诉理由。", "appeal needs a reason")
        body = {"note": reason.strip()}
        return _row(self._call(lambda c: c.complaint_step(complaint_id, "appeal", body)))

    def decide(self, complaint_id: int, upheld: bool, note: str) -> ComplaintRow:
        """The township reviewer decides a village's appeal."""
        if not note.strip():
            raise InputError("请写明裁定理由。", "decision needs a note")
        body = {"decision": UPHELD if upheld else OVERTURNED, "note": note.strip()}
        return _row(self._call(lambda c: c.complaint_step(complaint_id, "decision", body)))
