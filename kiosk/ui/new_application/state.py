"""What the flow knows about the application in progress (shared by its steps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.core.applications import ApplicationView
from kiosk.core.catalog import CatalogItem
from kiosk.core.draft_progress import DraftProgress
from kiosk.core.residents import ResidentRecord, prefill_answers
from kiosk.forms.definition import FormDefinition

SIGNATURE_MATERIAL = "签名"


@dataclass
class FlowState:
    agent: str
    resident: ResidentRecord | None = None
    # answers known about the resident without a register entry (ID card, typed in)
    answers: dict[str, Any] = field(default_factory=dict)
    item: CatalogItem | None = None
    form: FormDefinition | None = None  # the form the draft is filled on (its version)
    form_data: dict[str, Any] = field(default_factory=dict)
    draft_id: str | None = None
    draft_item_code: str | None = None
    progress: DraftProgress = field(default_factory=DraftProgress)
    submitted: ApplicationView | None = None
    has_signature: bool = False

    @property
    def resident_id(self) -> str | None:
        return self.resident.id if self.resident else None

    def prefill(self) -> dict[str, Any]:
        """The form's answers from what is known: the register entry (household members
        included), then what the ID card or the agent gave."""
        if self.form is None:
            return {}
        registered = prefill_answers(self.form, self.resident.data) if self.resident else {}
        typed = {k: v for k, v in self.answers.items() if v not in (None, "")}
        return {**registered, **prefill_answers(self.form, typed)}
