"""What the case view shows of one case, loaded in a worker from the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kiosk.context import AppContext
from kiosk.core.applications import ApplicationView, AttachmentInfo, TimelineEntry
from kiosk.core.attachment_facts import AttachmentFacts, read_facts
from kiosk.core.delivery import ANSWER_KEY as DELIVERY_KEY
from kiosk.core.delivery import DeliveryState
from kiosk.core.errors import InputError
from kiosk.core.evaluations import EvaluationView
from kiosk.core.event_views import GroupView
from kiosk.core.status import AppStatus
from kiosk.forms.definition import FormDefinition


@dataclass(frozen=True)
class CaseData:
    view: ApplicationView
    payload: dict[str, Any]
    timeline: list[TimelineEntry]
    attachments: list[AttachmentInfo]
    evaluation: EvaluationView | None
    form: FormDefinition | None
    guide: dict[str, Any]
    delivery: DeliveryState | None = None
    delivery_choice: dict[str, Any] | None = None  # in force (changed after filing, or filed)
    facts: dict[int, AttachmentFacts] = field(default_factory=dict)  # pages, signing time
    group: GroupView | None = None  # filed with other items as one 一件事


def load_case(ctx: AppContext, app_id: str) -> CaseData:
    """Runs in a worker."""
    view = ctx.applications.get(app_id)
    try:
        form: FormDefinition | None = ctx.applications.form_for(view.item_code, view.form_version)
    except InputError:
        form = None
    try:
        guide = ctx.catalog.get(view.item_code).guide or {}
    except InputError:
        guide = {}
    payload = ctx.applications.payload(app_id)
    attachments = ctx.applications.attachments(app_id)
    return CaseData(
        view,
        payload,
        ctx.applications.timeline(app_id),
        attachments,
        ctx.evaluations.for_application(app_id),
        form,
        guide,
        ctx.delivery.state(app_id),
        _choice(ctx, app_id, payload),
        read_facts(ctx.applications, app_id, attachments),
        ctx.event_filings.group_of(app_id),
    )


def _choice(ctx: AppContext, app_id: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    choice = ctx.delivery_changes.current(app_id, payload).get(DELIVERY_KEY)
    return choice if isinstance(choice, dict) else None


def last_note(timeline: list[TimelineEntry], status: AppStatus) -> str:
    for entry in reversed(timeline):
        if entry.to_status is status:
            return entry.reason
    return ""
