"""What the new-application flow runs in worker tasks for a draft: load it to continue,
save it with where the agent is, withdraw it. Services only (``ctx.applications``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.context import AppContext
from kiosk.core.applications import ApplicationView
from kiosk.core.draft_progress import DraftProgress
from kiosk.core.errors import InputError
from kiosk.core.residents import ResidentRecord
from kiosk.core.status import AppStatus
from kiosk.forms.definition import FormDefinition
from kiosk.ui.new_application.state import SIGNATURE_MATERIAL


@dataclass(frozen=True)
class LoadedDraft:
    view: ApplicationView
    payload: dict[str, Any]
    progress: DraftProgress
    resident: ResidentRecord | None
    form: FormDefinition | None
    form_problem: str | None
    has_signature: bool


def load_draft(ctx: AppContext, agent: str, draft_id: str) -> LoadedDraft:
    """Runs in a worker: everything needed to continue a draft where it was left."""
    view = ctx.applications.get(draft_id)
    if view.status not in (AppStatus.DRAFT, AppStatus.READY):
        raise InputError("这份申请已经提交过了，请在办件页面查看。", f"{draft_id} is not a draft")
    form: FormDefinition | None = None
    problem = None
    try:
        form = ctx.applications.form_for(view.item_code, view.form_version)
    except InputError as exc:
        problem = exc.zh
    resident = ctx.residents.get(view.resident_id, agent) if view.resident_id else None
    signed = any(a.material == SIGNATURE_MATERIAL for a in ctx.applications.attachments(draft_id))
    return LoadedDraft(
        view,
        ctx.applications.payload(draft_id),
        ctx.applications.progress(draft_id),
        resident,
        form,
        problem,
        signed,
    )


def save_draft(
    ctx: AppContext,
    agent: str,
    item_code: str,
    data: dict[str, Any],
    draft_id: str | None,
    resident_id: str | None,
    progress: DraftProgress,
) -> ApplicationView:
    """Runs in a worker: the answers (encrypted in the row) and where the agent is."""
    view = ctx.applications.save_draft(item_code, data, agent, draft_id, resident_id)
    ctx.applications.save_progress(view.id, progress)
    return view


def withdraw_draft(ctx: AppContext, agent: str, draft_id: str, reason: str) -> None:
    ctx.applications.withdraw(draft_id, agent, reason)
    ctx.applications.forget_progress(draft_id)
