"""What happens to an application after submission at the desk: withdrawal, 补齐补正
(supplement), reopening a refused or conflicting one."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core import audit
from kiosk.core.applications.base import encode_payload, files_size, log
from kiosk.core.applications.guards import cannot_withdraw
from kiosk.core.applications.queries import ApplicationQueries
from kiosk.core.applications.views import ApplicationView, view_of
from kiosk.core.attachments import AttachmentInput, check_total, read_attachments, rebind_refs
from kiosk.core.changes import Changes
from kiosk.core.errors import InputError, ValidationFailed
from kiosk.core.lifecycle import apply_transition, record_creation
from kiosk.core.status import AppStatus, check_transition
from kiosk.store.models import Application, Attachment


class CaseActions(ApplicationQueries):
    def withdraw(self, app_id: str, agent: str, reason: str) -> ApplicationView:
        if not reason.strip():
            raise InputError("请填写撤回原因。", "withdrawal needs a reason")
        with self._db.write() as s:
            row = self._row(s, app_id)
            if row.status != AppStatus.SENDING.value:  # sending: say why, below
                check_transition(AppStatus(row.status), AppStatus.WITHDRAWN)  # submitted, done …
            was_draft = row.status == AppStatus.DRAFT.value
            refused = cannot_withdraw(row)
            if refused is not None:
                log.info("withdrawal of %s refused: %s", row.id, refused.en)
                raise refused
            apply_transition(s, row, AppStatus.WITHDRAWN, agent, reason.strip())
            self._audit.record(s, agent, audit.WITHDRAW, row.id, row.item_code)
            s.flush()
            return view_of(row).changed(drafts=was_draft)

    def supplement(
        self,
        app_id: str,
        agent: str,
        attachments: Sequence[AttachmentInput],
        changes: Mapping[str, Any] | None = None,
    ) -> ApplicationView:
        """补齐补正: add the missing materials (and corrections) and send the case again."""
        view = self.get(app_id)
        if view.status is not AppStatus.NEED_SUPPLEMENT:
            raise InputError(
                "只有“需补齐补正”的办件可以补充材料。", f"{app_id} not awaiting supplement"
            )
        if not attachments and not changes:
            raise InputError("请至少补充一份材料或更正一项内容。", "empty supplement")
        payload = self.payload(app_id)
        if changes:
            payload.update(changes)
            form = self.form_for(view.item_code, view.form_version)
            clean, errors = self._validate(form, payload)
            if errors:
                raise ValidationFailed(errors)
            payload = clean
        with self._db.read() as s:
            stored = self._stored_bytes(s, app_id)  # every file of the case, all revisions
        files = read_attachments(tuple(attachments), stored, supplement=True)
        payload = rebind_refs(payload, files)
        with self._db.write() as s:
            row = self._row(s, app_id)
            check_total(self._stored_bytes(s, row.id), files_size(files), supplement=True)
            row.payload_enc = self._cipher.encrypt(encode_payload(payload), row.id.encode())
            row.revision += 1
            self._store_files(s, row.id, files)
            self._queue(s, row, agent, f"补齐补正：补充 {len(files)} 份材料")
            self._audit.record(s, agent, audit.SUPPLEMENT, row.id, f"revision {row.revision}")
            s.flush()
            return view_of(row).changed(queued=True)

    @staticmethod
    def _queue(s: Session, row: Application, agent: str, reason: str) -> None:
        apply_transition(s, row, AppStatus.QUEUED, agent, reason)
        row.queued_at = row.updated_at
        row.next_attempt_at = None
        row.last_error = None

    def reopen(self, app_id: str, agent: str) -> ApplicationView:
        """A quarantined or conflicting application back to a draft the agent can correct.

        A conflict means the hub already holds different content under this id: the draft gets
        a new id (the old one is withdrawn) so the corrected version is a new submission.
        """
        with self._db.write() as s:
            row = self._row(s, app_id)
            if row.status == AppStatus.QUARANTINED.value:
                apply_transition(s, row, AppStatus.DRAFT, agent, "退回修改")
                self._audit.record(s, agent, audit.EDIT, row.id, "reopen")
                s.flush()
                return view_of(row).changed(drafts=True)
            if row.status != AppStatus.CONFLICT.value:
                raise InputError("只有被退回或冲突的办件可以重新编辑。", f"{app_id} cannot reopen")
            payload = json.loads(self._cipher.decrypt(row.payload_enc, row.id.encode()))
            item = self._catalog.get(row.item_code)
            copy = self._new_row(
                item, row.form_version, payload, agent, row.resident_id, row.resident_index
            )
            copy.group_id = row.group_id  # 一件事: the copy takes its place in the group
            s.add(copy)
            record_creation(s, copy, agent, f"由冲突办件 {row.id} 复制")
            copied = self._copy_attachments(s, row.id, copy.id)
            apply_transition(s, row, AppStatus.WITHDRAWN, agent, f"数据冲突，已另建草稿 {copy.id}")
            self._audit.record(
                s, agent, audit.CREATE, copy.id, f"copy of {row.id} with {copied} attachments"
            )
            s.flush()
            view = view_of(copy, copied).changed(drafts=True)  # a new draft in its place …
            return replace(view, changes=view.changes | Changes.of_applications(row.id))

    def _copy_attachments(self, s: Session, from_id: str, to_id: str) -> int:
        """The files of one application on another: the same blobs (content-addressed, so
        the payload's ``{"name", "sha256", "size"}`` references stay true), file names
        re-encrypted for the new id."""
        rows = list(
            s.scalars(
                select(Attachment)
                .where(Attachment.application_id == from_id)
                .order_by(Attachment.id)
            )
        )
        for a in rows:
            name = self._cipher.decrypt(a.filename_enc, from_id.encode())
            s.add(
                Attachment(
                    application_id=to_id,
                    sha256=a.sha256,
                    size=a.size,
                    mime=a.mime,
                    material=a.material,
                    uploaded=a.uploaded,  # the hub's copy of a blob serves any application
                    filename_enc=self._cipher.encrypt(name, to_id.encode()),
                )
            )
        return len(rows)
