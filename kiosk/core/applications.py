"""ApplicationService: drafts, validation, durable queueing, withdrawal, supplements."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session, object_session, selectinload

from kiosk.core import audit
from kiosk.core.attachments import (
    AttachmentInput,
    PreparedFile,
    check_total,
    read_attachments,
    rebind_refs,
)
from kiosk.core.audit import AuditLog
from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.draft_attachments import remove_attachment
from kiosk.core.draft_progress import PREFIX as PROGRESS_PREFIX
from kiosk.core.draft_progress import (
    DraftProgress,
    clear_progress,
    load_progress,
    save_progress,
)
from kiosk.core.errors import InputError, NotFound, ValidationFailed
from kiosk.core.lifecycle import apply_transition
from kiosk.core.printable_answers import MissingGlyphs, glyph_errors
from kiosk.core.status import LABELS_ZH, AppStatus, check_transition
from kiosk.forms.definition import FormDefinition
from kiosk.forms.engine import validate
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database, from_sql_time, sql_time
from kiosk.store.models import Application, Attachment, StatusEvent

__all__ = ["ApplicationService", "ApplicationView", "AttachmentInput", "TimelineEntry"]

log = logging.getLogger(__name__)

# Told after an application of a registered resident is queued: (resident id, application
# id, form, validated answers, agent). The resident register keeps what the resident gave
# for next time (ResidentService.remember_application).
ResidentHook = Callable[[str, str, FormDefinition, Mapping[str, Any], str], object]


@dataclass(frozen=True)
class ApplicationView:
    """What screens and the CLI show of an application (no personal data)."""

    id: str
    item_code: str
    item_name: str
    form_version: int
    status: AppStatus
    case_no: str | None
    query_code: str | None
    last_error: str | None
    created_by: str
    created_at: dt.datetime
    queued_at: dt.datetime | None
    synced_at: dt.datetime | None
    attachment_count: int
    revision: int = 0
    resident_id: str | None = None
    purged: bool = False
    # The hub may already hold it (sent, on a USB batch, or has a case number): the station
    # can no longer withdraw it on its own.
    may_have_left: bool = False

    @property
    def status_label(self) -> str:
        return LABELS_ZH[self.status]

    @property
    def local_ref(self) -> str:
        """Reference printed on receipts while offline, before the hub assigns a case number."""
        return "L-" + self.id.replace("-", "")[:10].upper()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "item_code": self.item_code,
            "item_name": self.item_name,
            "form_version": self.form_version,
            "status": self.status.value,
            "status_label": self.status_label,
            "case_no": self.case_no,
            "query_code": self.query_code,
            "last_error": self.last_error,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "attachments": self.attachment_count,
            "revision": self.revision,
        }


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    sha256: str
    size: int
    mime: str
    material: str
    filename: str


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    from_status: AppStatus | None
    to_status: AppStatus
    actor: str
    reason: str


# Where the application went that it can no longer be withdrawn at the station, and what to do.
_LEFT_BY_USB = "usb"
_LEFT_ONLINE = "online"
_LEFT_CASE = "case"
_AFTER_CASE_NO = "有了办件编号后，请凭办件编号联系乡镇便民服务中心，由受理部门终止办理。"


def _left_station(app: Application) -> str | None:
    """How the hub may already hold this application (None: only this station has it).

    ``attempts`` counts submission requests that went out (the outbox commits it before
    sending), so ``attempts > 0`` while queued means an earlier request may have created it
    without the answer arriving. A quarantined case the hub refused was not created there.
    """
    if app.case_no is not None:
        return _LEFT_CASE
    status = app.status
    if status == AppStatus.SENDING.value:
        return _LEFT_ONLINE
    if status == AppStatus.QUEUED.value:
        if app.exported_batch is not None:
            return _LEFT_BY_USB
        if app.attempts:
            return _LEFT_ONLINE
    return None


def _cannot_withdraw(app: Application) -> InputError | None:
    left = _left_station(app)
    if left is None:
        return None
    if left == _LEFT_CASE:
        zh = (
            f"这份申请已由省级平台收件（办件编号 {app.case_no}），本站点不能再撤回。"
            "如居民不再办理，请凭办件编号联系乡镇便民服务中心，由受理部门终止办理。"
        )
    elif left == _LEFT_BY_USB:
        zh = (
            "这份申请已导出到U盘批次、交乡镇报送，省级平台可能已经收件，本站点不能再撤回。"
            "请在“U盘批次”中导入乡镇带回的回传文件（联网后也可以立即同步），" + _AFTER_CASE_NO
        )
    else:
        zh = (
            "这份申请已发往省级平台，平台可能已经收件，本站点不能再撤回。"
            "请先立即同步（F5）取回结果，" + _AFTER_CASE_NO
        )
    return InputError(zh, f"{app.id} may already be at the hub ({left}); not withdrawn")


def _attachment_count(app: Application) -> int:
    """Loaded on purpose when the query asked for it (selectinload), else counted in the
    row's own session; never a lazy load (the relationship is ``lazy="raise"``)."""
    if "attachments" in inspect(app).dict:
        return len(app.attachments)
    s = object_session(app)
    if s is None:
        raise RuntimeError(f"application {app.id} is outside its session; count unknown")
    total = s.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.application_id == app.id)
    )
    return int(total or 0)


def _view(app: Application, attachment_count: int | None = None) -> ApplicationView:
    return ApplicationView(
        id=app.id,
        item_code=app.item_code,
        item_name=app.item_name,
        form_version=app.form_version,
        status=AppStatus(app.status),
        case_no=app.case_no,
        query_code=app.query_code,
        last_error=app.last_error,
        created_by=app.created_by,
        created_at=app.created_at,
        queued_at=app.queued_at,
        synced_at=app.synced_at,
        attachment_count=_attachment_count(app) if attachment_count is None else attachment_count,
        revision=app.revision,
        resident_id=app.resident_id,
        purged=app.purged_at is not None,
        may_have_left=_left_station(app) is not None,
    )


# The submit hot path's statements (plain SQL on Database.write_raw; times via sql_time).
_INSERT_APP = (
    "INSERT INTO application (id, item_code, item_name, form_version, status, payload_enc,"
    " resident_index, resident_id, created_by, created_at, updated_at, queued_at,"
    " attempts, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)"
)
_INSERT_EVENT = (
    "INSERT INTO status_event (application_id, from_status, to_status, at, actor, reason)"
    " VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_ATTACHMENT = (
    "INSERT INTO attachment (application_id, sha256, size, mime, material, uploaded,"
    " filename_enc) VALUES (?, ?, ?, ?, ?, 0, ?)"
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


def _size(files: Sequence[PreparedFile]) -> int:
    return sum(len(f.content) for f in files)


def encode_payload(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


class ApplicationService:
    def __init__(
        self,
        db: Database,
        cipher: DataCipher,
        catalog: Catalog,
        blobs: BlobStore,
        audit_log: AuditLog,
        on_resident_submit: ResidentHook | None = None,
        missing_glyphs: MissingGlyphs | None = None,
    ) -> None:
        self._missing_glyphs = missing_glyphs  # refuse at filing what could not be printed
        self._db = db
        self._cipher = cipher
        self._catalog = catalog
        self._blobs = blobs
        self._audit = audit_log
        self._on_resident_submit = on_resident_submit

    # --- forms -------------------------------------------------------------------------
    def form_for(self, item_code: str, version: int) -> FormDefinition:
        """The form an application was started with (drafts keep their version)."""
        item = self._catalog.get(item_code)
        if item.form.version == version:
            return item.form
        try:
            return self._catalog.form_version(item_code, version)
        except NotFound:
            pass
        raise InputError(
            f"事项“{item.name}”的表单已更新到第 {item.form.version} 版，"
            f"这份草稿按第 {version} 版填写。"
            "请用“转为新版表单”核对后再提交，已填内容会保留。",
            f"form version {version} of {item_code} is no longer available",
        )

    def check(
        self, form: FormDefinition | str, data: Mapping[str, Any], *, printable: bool = True
    ) -> dict[str, str]:
        """Field errors for answers (empty when valid): the one check screens use, the same
        as submission applies.

        ``form``: a form definition (a draft's own version, the delivery form) or an item
        code (its current form). ``printable=False``: the pure checks only, for live checks
        on the GUI thread (the font look-up reads the font files); submission and
        supplements always refuse what could not be printed.
        """
        definition = self._catalog.get(form).form if isinstance(form, str) else form
        if not printable:
            return validate(definition, data)[1]
        return self._validate(definition, data)[1]

    def _validate(
        self, form: FormDefinition, data: Mapping[str, Any]
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """``forms.engine.validate``, plus: every answer must be printable with the fonts."""
        clean, errors = validate(form, data)
        for key, msg in glyph_errors(form, clean, self._missing_glyphs).items():
            errors.setdefault(key, msg)
        return clean, errors

    def _proxy_item(self, item_code: str) -> CatalogItem:
        item = self._catalog.get(item_code)
        if not item.proxy_allowed:
            raise InputError(
                f"事项“{item.name}”不允许代办，请引导居民到窗口办理。",
                f"item {item_code} does not allow proxy filing",
            )
        return item

    def _tell_register(
        self,
        resident_id: str | None,
        app_id: str,
        form: FormDefinition,
        clean: Mapping[str, Any],
        agent: str,
    ) -> None:
        """The application is already queued: a register that cannot be updated is logged,
        never reported as a failed submission (the agent would file it twice)."""
        if resident_id is None or self._on_resident_submit is None:
            return
        try:
            self._on_resident_submit(resident_id, app_id, form, clean, agent)
        except Exception as exc:
            log.warning(
                "resident register not updated after application %s (%s)",
                app_id,
                type(exc).__name__,
            )

    def _resident_index(self, form: FormDefinition, clean: Mapping[str, Any]) -> str | None:
        id_field = form.first_of_type("id_number")
        if id_field and clean.get(id_field.key):
            return self._cipher.blind_index(str(clean[id_field.key]))
        return None

    # --- writing -------------------------------------------------------------------------
    def _store_files(self, s: Session, app_id: str, files: Sequence[PreparedFile]) -> None:
        for f, sha in zip(files, [self._blobs.put(f.content) for f in files], strict=True):
            s.add(
                Attachment(
                    application_id=app_id,
                    sha256=sha,
                    size=len(f.content),
                    mime=f.mime,
                    material=f.source.material,
                    filename_enc=self._cipher.encrypt(f.name.encode(), app_id.encode()),
                )
            )

    def _new_row(
        self,
        item: CatalogItem,
        form_version: int,
        payload: Mapping[str, Any],
        agent: str,
        resident_id: str | None,
        resident_index: str | None,
    ) -> Application:
        now = utcnow()
        app_id = str(uuid.uuid4())
        return Application(
            id=app_id,
            item_code=item.code,
            item_name=item.name,
            form_version=form_version,
            status=AppStatus.DRAFT.value,
            payload_enc=self._cipher.encrypt(encode_payload(payload), app_id.encode()),
            resident_index=resident_index,
            resident_id=resident_id,
            created_by=agent,
            created_at=now,
            updated_at=now,
            attempts=0,
            revision=0,
        )

    def _insert_files(
        self,
        conn: sqlite3.Connection,
        app_id: str,
        files: Sequence[PreparedFile],
        shas: Sequence[str],
    ) -> None:
        """Attachment rows for files already in the blob store (plain-statement write paths)."""
        conn.executemany(
            _INSERT_ATTACHMENT,
            [
                (
                    app_id,
                    sha,
                    len(f.content),
                    f.mime,
                    f.source.material,
                    self._cipher.encrypt(f.name.encode(), app_id.encode()),
                )
                for f, sha in zip(files, shas, strict=True)
            ],
        )

    def submit(
        self,
        item_code: str,
        data: Mapping[str, Any],
        agent: str,
        attachments: Sequence[AttachmentInput] = (),
        resident_id: str | None = None,
    ) -> ApplicationView:
        """Validate and queue a new application. Returns only once it is durably on disk.

        The hot path of the agent's day: plain prepared INSERTs in one write transaction
        (no Session, no Core compilation), committed with synchronous=FULL.
        """
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
        with self._db.write_raw() as conn:  # plain prepared statements, one fsynced commit
            conn.execute(
                _INSERT_APP,
                (
                    app_id,
                    item.code,
                    item.name,
                    item.form.version,
                    AppStatus.QUEUED.value,
                    payload_enc,
                    resident_index,
                    resident_id,
                    agent,
                    at,
                    at,
                    at,
                ),
            )
            conn.executemany(
                _INSERT_EVENT,
                [
                    (app_id, None, AppStatus.DRAFT.value, at, agent, "新建"),
                    (
                        app_id,
                        AppStatus.DRAFT.value,
                        AppStatus.QUEUED.value,
                        at,
                        agent,
                        "代办员提交",
                    ),
                ],
            )
            self._insert_files(conn, app_id, files, shas)
            self._audit.append(conn, agent, audit.SUBMIT, app_id, item.code)
        log.info("application %s queued (item %s)", app_id, item.code)
        self._tell_register(resident_id, app_id, item.form, clean, agent)
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
            attachment_count=len(files),
            resident_id=resident_id,
        )

    def _queue(self, s: Session, row: Application, agent: str, reason: str) -> None:
        apply_transition(s, row, AppStatus.QUEUED, agent, reason)
        row.queued_at = row.updated_at
        row.next_attempt_at = None
        row.last_error = None

    # --- drafts --------------------------------------------------------------------------
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
                s.add(
                    StatusEvent(
                        application_id=row.id,
                        from_status=None,
                        to_status="draft",
                        at=row.created_at,
                        actor=agent,
                        reason="保存草稿",
                    )
                )
                self._audit.record(s, agent, audit.CREATE, row.id, item.code)
            else:
                row = self._row(s, draft_id)
                if row.status not in (AppStatus.DRAFT.value, AppStatus.READY.value):
                    raise InputError("只有草稿可以修改。", f"{draft_id} is not a draft")
                row.payload_enc = self._cipher.encrypt(encode_payload(payload), row.id.encode())
                row.resident_id = resident_id or row.resident_id
                row.updated_at = utcnow()
                self._audit.record(s, agent, audit.EDIT, row.id, item.code)
            s.flush()
            return _view(row)

    def attach(
        self, app_id: str, agent: str, attachments: Sequence[AttachmentInput]
    ) -> ApplicationView:
        """Add files (scans, photos, the signature) to a draft as soon as they are chosen."""
        with self._db.read() as s:
            stored = self._stored_bytes(s, app_id)
        files = read_attachments(tuple(attachments), stored)
        with self._db.write() as s:
            row = self._row(s, app_id)
            if row.status not in (AppStatus.DRAFT.value, AppStatus.READY.value):
                raise InputError(
                    "只能给草稿添加附件；已提交的办件请走补齐补正。", f"{app_id} is not a draft"
                )
            check_total(self._stored_bytes(s, row.id), _size(files))  # as committed now
            self._store_files(s, row.id, files)
            row.updated_at = utcnow()
            self._audit.record(s, agent, audit.EDIT, row.id, f"attach {len(files)}")
            s.flush()
            s.refresh(row)
            return _view(row)

    def attachments(self, app_id: str) -> builtins.list[AttachmentInfo]:
        with self._db.read() as s:
            rows = s.scalars(
                select(Attachment)
                .where(Attachment.application_id == app_id)
                .order_by(Attachment.id)
            )
            return [
                AttachmentInfo(
                    a.id,
                    a.sha256,
                    a.size,
                    a.mime,
                    a.material,
                    self._cipher.decrypt(a.filename_enc, app_id.encode()).decode(),
                )
                for a in rows
            ]

    def attachment_bytes(self, app_id: str, attachment_id: int) -> bytes:
        with self._db.read() as s:
            att = s.get(Attachment, attachment_id)
            if att is None or att.application_id != app_id:
                raise NotFound("找不到该附件。", f"no attachment {attachment_id}")
            sha = att.sha256
        return self._blobs.get(sha)

    def drafts(self) -> list[ApplicationView]:
        return self.list([AppStatus.DRAFT, AppStatus.READY])

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
        with self._db.read_raw() as conn:
            found = conn.execute(_DRAFT, (draft_id,)).fetchone()
        if found is None:
            raise NotFound(f"找不到办件 {draft_id}。", f"no application {draft_id}")
        d = _DraftRow(*found)
        if d.status not in (AppStatus.DRAFT.value, AppStatus.READY.value):
            raise InputError("这份申请已经提交过了。", f"{draft_id} is not a draft")
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
            if status not in (AppStatus.DRAFT.value, AppStatus.READY.value):  # a second click
                raise InputError("这份申请已经提交过了。", f"{draft_id} is not a draft")
            check_transition(AppStatus(status), AppStatus.QUEUED)
            check_total(int(stored), _size(files))
            conn.execute(_QUEUE_DRAFT, (payload_enc, resident_index, resident_id, at, at, draft_id))
            conn.execute(_FORGET_PROGRESS, (PROGRESS_PREFIX + draft_id,))
            conn.execute(
                _INSERT_EVENT,
                (draft_id, status, AppStatus.QUEUED.value, at, agent, "代办员提交"),
            )
            self._insert_files(conn, draft_id, files, shas)
            self._audit.append(conn, agent, audit.SUBMIT, draft_id, d.item_code)
        log.info("draft %s queued (item %s)", draft_id, d.item_code)
        self._tell_register(resident_id, draft_id, form, clean, agent)
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
            attachment_count=d.attachment_count + len(files),
            revision=d.revision,
            resident_id=resident_id,
        )

    def progress(self, draft_id: str) -> DraftProgress:
        """Where the agent stopped in this draft's flow (a fresh start if nothing is kept)."""
        return load_progress(self._db, draft_id)

    def save_progress(self, draft_id: str, progress: DraftProgress) -> None:
        save_progress(self._db, draft_id, progress)

    def forget_progress(self, draft_id: str) -> None:
        """The flow's place is no longer needed (submitted, withdrawn, reopened elsewhere)."""
        clear_progress(self._db, draft_id)

    def remove_attachment(self, app_id: str, attachment_id: int, agent: str) -> None:
        """Take one file (a wrongly chosen scan, an old signature) off a draft."""
        remove_attachment(self._db, self._audit, app_id, attachment_id, agent)

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

    # --- after submission ----------------------------------------------------------------
    def withdraw(self, app_id: str, agent: str, reason: str) -> ApplicationView:
        if not reason.strip():
            raise InputError("请填写撤回原因。", "withdrawal needs a reason")
        with self._db.write() as s:
            row = self._row(s, app_id)
            if row.status != AppStatus.SENDING.value:  # sending: say why, below
                check_transition(AppStatus(row.status), AppStatus.WITHDRAWN)  # submitted, done …
            refused = _cannot_withdraw(row)
            if refused is not None:
                log.info("withdrawal of %s refused: %s", row.id, refused.en)
                raise refused
            apply_transition(s, row, AppStatus.WITHDRAWN, agent, reason.strip())
            self._audit.record(s, agent, audit.WITHDRAW, row.id, row.item_code)
            s.flush()
            return _view(row)

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
            check_total(self._stored_bytes(s, row.id), _size(files), supplement=True)
            row.payload_enc = self._cipher.encrypt(encode_payload(payload), row.id.encode())
            row.revision += 1
            self._store_files(s, row.id, files)
            self._queue(s, row, agent, f"补齐补正：补充 {len(files)} 份材料")
            self._audit.record(s, agent, audit.SUPPLEMENT, row.id, f"revision {row.revision}")
            s.flush()
            return _view(row)

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
                return _view(row)
            if row.status != AppStatus.CONFLICT.value:
                raise InputError("只有被退回或冲突的办件可以重新编辑。", f"{app_id} cannot reopen")
            payload = json.loads(self._cipher.decrypt(row.payload_enc, row.id.encode()))
            item = self._catalog.get(row.item_code)
            copy = self._new_row(
                item, row.form_version, payload, agent, row.resident_id, row.resident_index
            )
            s.add(copy)
            s.add(
                StatusEvent(
                    application_id=copy.id,
                    from_status=None,
                    to_status="draft",
                    at=copy.created_at,
                    actor=agent,
                    reason=f"由冲突办件 {row.id} 复制",
                )
            )
            copied = self._copy_attachments(s, row.id, copy.id)
            apply_transition(s, row, AppStatus.WITHDRAWN, agent, f"数据冲突，已另建草稿 {copy.id}")
            self._audit.record(
                s, agent, audit.CREATE, copy.id, f"copy of {row.id} with {copied} attachments"
            )
            s.flush()
            return _view(copy, copied)

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

    # --- reading -------------------------------------------------------------------------
    @staticmethod
    def _stored_bytes(s: Session, app_id: str) -> int:
        """Bytes of the files an application already holds (for the per-application limit)."""
        total = s.scalar(
            select(func.coalesce(func.sum(Attachment.size), 0)).where(
                Attachment.application_id == app_id
            )
        )
        return int(total or 0)

    @staticmethod
    def _row(s: Session, app_id: str) -> Application:
        row = s.get(Application, app_id)
        if row is None:
            raise NotFound(f"找不到办件 {app_id}。", f"no application {app_id}")
        return row

    def get(self, app_id: str) -> ApplicationView:
        with self._db.read() as s:
            return _view(self._row(s, app_id))

    def payload(self, app_id: str) -> dict[str, Any]:
        """Decrypted form data of one application (for the case view, receipts, sync)."""
        with self._db.read() as s:
            row = self._row(s, app_id)
            if row.purged_at is not None:
                return {}
            data: dict[str, Any] = json.loads(
                self._cipher.decrypt(row.payload_enc, row.id.encode())
            )
            return data

    def timeline(self, app_id: str) -> list[TimelineEntry]:
        with self._db.read() as s:
            rows = s.scalars(
                select(StatusEvent)
                .where(StatusEvent.application_id == app_id)
                .order_by(StatusEvent.id)
            )
            return [
                TimelineEntry(
                    at=e.at,
                    from_status=AppStatus(e.from_status) if e.from_status else None,
                    to_status=AppStatus(e.to_status),
                    actor=e.actor,
                    reason=e.reason,
                )
                for e in rows
            ]

    def list(
        self, statuses: Sequence[AppStatus] | None = None, limit: int = 500
    ) -> list[ApplicationView]:
        with self._db.read() as s:
            q = (
                select(Application)
                .options(selectinload(Application.attachments))
                .order_by(Application.created_at.desc())
                .limit(limit)
            )
            if statuses:
                q = q.where(Application.status.in_([st.value for st in statuses]))
            return [_view(a) for a in s.scalars(q)]

    def for_resident(self, resident_id: str) -> builtins.list[ApplicationView]:
        with self._db.read() as s:
            q = (
                select(Application)
                .options(selectinload(Application.attachments))
                .where(Application.resident_id == resident_id)
                .order_by(Application.created_at.desc())
            )
            return [_view(a) for a in s.scalars(q)]

    def counts(self) -> dict[AppStatus, int]:
        with self._db.read() as s:
            rows = s.execute(select(Application.status, func.count()).group_by(Application.status))
            return {AppStatus(st): n for st, n in rows}
