"""Submission, the agent's hot path: validate, encrypt, store the files, then the row, its
status events and the audit event in one fsynced commit of plain prepared statements on the
writer's sqlite3 connection (``Database.write_raw``; no Session, no Core compilation)."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.core import audit
from kiosk.core.applications.base import ApplicationBase, encode_payload, files_size, log
from kiosk.core.applications.guards import EDITABLE
from kiosk.core.applications.views import ApplicationView
from kiosk.core.attachments import AttachmentInput, check_total, read_attachments, rebind_refs
from kiosk.core.catalog import CatalogItem
from kiosk.core.clock import utcnow
from kiosk.core.draft_progress import PREFIX as PROGRESS_PREFIX
from kiosk.core.errors import InputError, NotFound, ValidationFailed
from kiosk.core.lifecycle import record_raw
from kiosk.core.status import AppStatus, check_transition
from kiosk.store.db import from_sql_time, sql_time

_INSERT_APP = (
    "INSERT INTO application (id, item_code, item_name, form_version, status, payload_enc,"
    " resident_index, resident_id, created_by, created_at, updated_at, queued_at,"
    " attempts, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"
)
_DRAFT = (  # what submit_draft needs of a draft, in one read
    "SELECT a.item_code, a.item_name, a.form_version, a.status, a.payload_enc, a.resident_id,"
    " a.created_by, a.created_at, a.revision, a.case_no, a.query_code,"
    " (SELECT coalesce(sum(size), 0) FROM attachment WHERE application_id = a.id),"
    " (SELECT count(*) FROM attachment WHERE application_id = a.id)"
    " FROM application a WHERE a.id = ?"
)
_DRAFT_NOW = (  # the same draft inside the write transaction
    "SELECT status, (SELECT coalesce(sum(size), 0) FROM attachment WHERE application_id = ?)"
    " FROM application WHERE id = ?"
)
_QUEUE_DRAFT = (
    "UPDATE application SET payload_enc = ?, resident_index = ?, resident_id = ?,"
    " status = 'queued', updated_at = ?, queued_at = ?, next_attempt_at = NULL,"
    " last_error = NULL WHERE id = ?"
)
_FORGET_PROGRESS = "DELETE FROM sync_state WHERE key = ?"
_SUBMITTED = "代办员提交"


@dataclass(frozen=True)
class _DraftRow:
    item_code: str
    item_name: str
    form_version: int
    status: str
    payload_enc: bytes
    resident_id: str | None
    created_by: str
    created_at: str
    revision: int
    case_no: str | None
    query_code: str | None
    stored_bytes: int
    attachment_count: int


class SubmitCommands(ApplicationBase):
    def submit(
        self,
        item_code: str,
        data: Mapping[str, Any],
        agent: str,
        attachments: Sequence[AttachmentInput] = (),
        resident_id: str | None = None,
    ) -> ApplicationView:
        """Validate and queue a new application. Returns only once it is durably on disk."""
        item = self._proxy_item(item_code)
        clean, errors = self._validate(item.form, data)
        if errors:
            raise ValidationFailed(errors)
        files = read_attachments(tuple(attachments))
        clean = rebind_refs(clean, files)
        check_transition(AppStatus.DRAFT, AppStatus.QUEUED)
        now = utcnow()
        app_id = str(uuid.uuid4())
        payload_enc = self._cipher.encrypt(encode_payload(clean), app_id.encode())
        resident_index = self._resident_index(item.form, clean)
        shas = [self._blobs.put(f.content) for f in files]  # files first, then rows naming them
        at = sql_time(now)
        row = (app_id, item.code, item.name, item.form.version, AppStatus.QUEUED.value)
        with self._db.write_raw() as conn:  # plain prepared statements, one fsynced commit
            conn.execute(
                _INSERT_APP,
                (*row, payload_enc, resident_index, resident_id, agent, at, at, at),
            )
            record_raw(
                conn,
                app_id,
                [
                    (None, AppStatus.DRAFT, "新建"),
                    (AppStatus.DRAFT, AppStatus.QUEUED, _SUBMITTED),
                ],
                agent,
                at,
            )
            self._insert_files(conn, app_id, files, shas)
            self._audit.append(conn, agent, audit.SUBMIT, app_id, item.code)
        log.info("application %s queued (item %s)", app_id, item.code)
        self._tell_register(resident_id, app_id, item.form, clean, agent)
        view = _new_view(app_id, item, agent, now, len(files), resident_id)
        return view.changed(queued=True)

    def submit_draft(
        self,
        draft_id: str,
        agent: str,
        attachments: Sequence[AttachmentInput] = (),
        *,
        data: Mapping[str, Any] | None = None,
        resident_id: str | None = None,
    ) -> ApplicationView:
        """Validate a draft against the form version it was started with, then queue it.

        ``data``: the answers as they are on screen now (stored in place of the last saved
        draft); ``resident_id``: the register entry chosen for it. The agent's 提交 in the GUI:
        like :meth:`submit`, plain statements and one fsynced commit, which also forgets the
        draft's place in the flow; the draft's status is checked again inside the write
        transaction.
        """
        d = self._draft_row(draft_id)
        form = self.form_for(d.item_code, d.form_version)
        if data is None:
            data = json.loads(self._cipher.decrypt(bytes(d.payload_enc), draft_id.encode()))
        else:
            data = {k: v for k, v in data.items() if v not in (None, "")}  # as save_draft
        resident_id = resident_id or d.resident_id
        clean, errors = self._validate(form, data)
        if errors:
            raise ValidationFailed(errors)
        files = read_attachments(tuple(attachments), d.stored_bytes)  # its files count too
        clean = rebind_refs(clean, files)
        payload_enc = self._cipher.encrypt(encode_payload(clean), draft_id.encode())
        resident_index = self._resident_index(form, clean)
        shas = [self._blobs.put(f.content) for f in files]  # files first, then rows naming them
        now = utcnow()
        at = sql_time(now)
        with self._db.write_raw() as conn:
            now_row = conn.execute(_DRAFT_NOW, (draft_id, draft_id)).fetchone()
            status, stored = now_row if now_row else (None, 0)
            if status not in EDITABLE:  # a second click
                raise InputError("这份申请已经提交过了。", f"{draft_id} is not a draft")
            current = AppStatus(status)
            check_transition(current, AppStatus.QUEUED)
            check_total(int(stored), files_size(files))
            conn.execute(_QUEUE_DRAFT, (payload_enc, resident_index, resident_id, at, at, draft_id))
            conn.execute(_FORGET_PROGRESS, (PROGRESS_PREFIX + draft_id,))
            record_raw(conn, draft_id, [(current, AppStatus.QUEUED, _SUBMITTED)], agent, at)
            self._insert_files(conn, draft_id, files, shas)
            self._audit.append(conn, agent, audit.SUBMIT, draft_id, d.item_code)
        log.info("draft %s queued (item %s)", draft_id, d.item_code)
        self._tell_register(resident_id, draft_id, form, clean, agent)
        view = _queued_draft_view(draft_id, d, now, len(files), resident_id)
        return view.changed(queued=True, drafts=True)

    def _draft_row(self, draft_id: str) -> _DraftRow:
        """What submit_draft needs of a draft, read in one statement; refuses a non-draft."""
        with self._db.read_raw() as conn:
            found = conn.execute(_DRAFT, (draft_id,)).fetchone()
        if found is None:
            raise NotFound(f"找不到办件 {draft_id}。", f"no application {draft_id}")
        d = _DraftRow(*found)
        if d.status not in EDITABLE:
            raise InputError("这份申请已经提交过了。", f"{draft_id} is not a draft")
        return d


def _new_view(
    app_id: str,
    item: CatalogItem,
    agent: str,
    now: dt.datetime,
    n_files: int,
    resident_id: str | None,
) -> ApplicationView:
    return ApplicationView(
        id=app_id,
        item_code=item.code,
        item_name=item.name,
        form_version=item.form.version,
        status=AppStatus.QUEUED,
        case_no=None,
        query_code=None,
        last_error=None,
        created_by=agent,
        created_at=now,
        queued_at=now,
        synced_at=None,
        attachment_count=n_files,
        resident_id=resident_id,
    )


def _queued_draft_view(
    draft_id: str, d: _DraftRow, now: dt.datetime, n_files: int, resident_id: str | None
) -> ApplicationView:
    return ApplicationView(
        id=draft_id,
        item_code=d.item_code,
        item_name=d.item_name,
        form_version=d.form_version,
        status=AppStatus.QUEUED,
        case_no=d.case_no,
        query_code=d.query_code,
        last_error=None,
        created_by=d.created_by,
        created_at=from_sql_time(d.created_at),
        queued_at=now,
        synced_at=None,
        attachment_count=d.attachment_count + n_files,
        revision=d.revision,
        resident_id=resident_id,
    )
