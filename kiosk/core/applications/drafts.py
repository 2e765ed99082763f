"""Drafts before submission: saving what was typed, files added and taken off, where the
agent stopped in the flow, re-basing on the item's current form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.core import audit
from kiosk.core.applications.base import encode_payload, files_size
from kiosk.core.applications.guards import EDITABLE
from kiosk.core.applications.queries import ApplicationQueries
from kiosk.core.applications.views import ApplicationView, view_of
from kiosk.core.attachments import AttachmentInput, check_total, read_attachments
from kiosk.core.clock import utcnow
from kiosk.core.draft_attachments import remove_attachment
from kiosk.core.draft_progress import DraftProgress, clear_progress, load_progress, save_progress
from kiosk.core.errors import InputError
from kiosk.core.lifecycle import record_creation


class DraftCommands(ApplicationQueries):
    def save_draft(
        self,
        item_code: str,
        data: Mapping[str, Any],
        agent: str,
        draft_id: str | None = None,
        resident_id: str | None = None,
    ) -> ApplicationView:
        """Save whatever has been typed so far (no validation); survives restarts."""
        item = self._proxy_item(item_code)
        payload = {k: v for k, v in data.items() if v not in (None, "")}
        with self._db.write() as s:
            if draft_id is None:
                row = self._new_row(item, item.form.version, payload, agent, resident_id, None)
                s.add(row)
                record_creation(s, row, agent, "保存草稿")
                self._audit.record(s, agent, audit.CREATE, row.id, item.code)
            else:
                row = self._row(s, draft_id)
                if row.status not in EDITABLE:
                    raise InputError("只有草稿可以修改。", f"{draft_id} is not a draft")
                row.payload_enc = self._cipher.encrypt(encode_payload(payload), row.id.encode())
                row.resident_id = resident_id or row.resident_id
                row.updated_at = utcnow()
                self._audit.record(s, agent, audit.EDIT, row.id, item.code)
            s.flush()
            return view_of(row).changed(drafts=True)

    def attach(
        self, app_id: str, agent: str, attachments: Sequence[AttachmentInput]
    ) -> ApplicationView:
        """Add files (scans, photos, the signature) to a draft as soon as they are chosen."""
        with self._db.read() as s:
            stored = self._stored_bytes(s, app_id)
        files = read_attachments(tuple(attachments), stored)
        with self._db.write() as s:
            row = self._row(s, app_id)
            if row.status not in EDITABLE:
                raise InputError(
                    "只能给草稿添加附件；已提交的办件请走补齐补正。", f"{app_id} is not a draft"
                )
            check_total(self._stored_bytes(s, row.id), files_size(files))  # as committed now
            self._store_files(s, row.id, files)
            row.updated_at = utcnow()
            self._audit.record(s, agent, audit.EDIT, row.id, f"attach {len(files)}")
            s.flush()
            s.refresh(row)
            return view_of(row).changed(drafts=True)

    def remove_attachment(self, app_id: str, attachment_id: int, agent: str) -> None:
        """Take one file (a wrongly chosen scan, an old signature) off a draft."""
        remove_attachment(self._db, self._audit, app_id, attachment_id, agent)

    def progress(self, draft_id: str) -> DraftProgress:
        """Where the agent stopped in this draft's flow (a fresh start if nothing is kept)."""
        return load_progress(self._db, draft_id)

    def save_progress(self, draft_id: str, progress: DraftProgress) -> None:
        save_progress(self._db, draft_id, progress)

    def forget_progress(self, draft_id: str) -> None:
        """The flow's place is no longer needed (withdrawn; submit_draft forgets it itself)."""
        clear_progress(self._db, draft_id)

    def move_draft_to_current_form(self, draft_id: str, agent: str) -> list[str]:
        """Re-base a draft on the item's current form. Returns what changed, in Chinese."""
        with self._db.read() as s:
            row = self._row(s, draft_id)
            item_code, version = row.item_code, row.form_version
        item = self._catalog.get(item_code)
        data = self.payload(draft_id)
        keys = {f.key: f for f in item.form.fields}
        dropped = [k for k in data if k not in keys]
        changes = [f"表单由第 {version} 版更新为第 {item.form.version} 版"]
        changes += [f"“{k}”在新版表单中已取消，原填写内容不再提交" for k in dropped]
        changes += [
            f"新增“{f.label}”" + ("（必填）" if f.required else "")
            for f in item.form.fields
            if f.key not in data and f.required
        ]
        with self._db.write() as s:
            row = self._row(s, draft_id)
            kept = {k: v for k, v in data.items() if k in keys}
            row.payload_enc = self._cipher.encrypt(encode_payload(kept), row.id.encode())
            row.form_version = item.form.version
            row.updated_at = utcnow()
            self._audit.record(
                s, agent, audit.EDIT, row.id, f"form v{version}->v{item.form.version}"
            )
        return changes
