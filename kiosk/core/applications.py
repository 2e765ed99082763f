"""ApplicationService: validate, encrypt, store and queue proxy applications."""

from __future__ import annotations

import datetime as dt
import json
import logging
import mimetypes
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kiosk.core.catalog import Catalog
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import InputError, NotFound, ValidationFailed
from kiosk.core.lifecycle import apply_transition
from kiosk.core.status import LABELS_ZH, AppStatus
from kiosk.forms.engine import validate
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.models import Application, Attachment, StatusEvent

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_APPLICATION_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentInput:
    path: Path
    material: str = ""


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
        }


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    from_status: AppStatus | None
    to_status: AppStatus
    actor: str
    reason: str


def _view(app: Application) -> ApplicationView:
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
        attachment_count=len(app.attachments),
    )


def encode_payload(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


class ApplicationService:
    def __init__(
        self, db: Database, cipher: DataCipher, catalog: Catalog, blobs: BlobStore
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._catalog = catalog
        self._blobs = blobs

    def check(self, item_code: str, data: Mapping[str, Any]) -> dict[str, str]:
        """Field errors for a payload (empty when valid); for live validation in forms."""
        item = self._catalog.get(item_code)
        return validate(item.form, data)[1]

    def submit(
        self,
        item_code: str,
        data: Mapping[str, Any],
        agent: str,
        attachments: Sequence[AttachmentInput] = (),
    ) -> ApplicationView:
        """Validate and queue. Returns only after the row is durably on disk."""
        item = self._catalog.get(item_code)
        if not item.proxy_allowed:
            raise InputError(
                f"事项“{item.name}”不允许代办，请引导居民到窗口办理。",
                f"item {item_code} does not allow proxy filing",
            )
        clean, errors = validate(item.form, data)
        if errors:
            raise ValidationFailed(errors)
        files = self._read_attachments(attachments)
        app_id = str(uuid.uuid4())
        aad = app_id.encode()
        id_field = item.form.first_of_type("id_number")
        resident_index = (
            self._cipher.blind_index(clean[id_field.key])
            if id_field and id_field.key in clean
            else None
        )
        now = utcnow()
        shas = [
            self._blobs.put(content) for _, content, _ in files
        ]  # before the row refers to them
        with self._db.write() as s:
            app = Application(
                id=app_id,
                item_code=item.code,
                item_name=item.name,
                form_version=item.form.version,
                status=AppStatus.DRAFT.value,
                payload_enc=self._cipher.encrypt(encode_payload(clean), aad),
                resident_index=resident_index,
                created_by=agent,
                created_at=now,
                updated_at=now,
                attempts=0,
            )
            s.add(app)
            s.add(
                StatusEvent(
                    application_id=app_id,
                    from_status=None,
                    to_status="draft",
                    at=now,
                    actor=agent,
                    reason="新建",
                )
            )
            for (inp, content, mime), sha in zip(files, shas, strict=True):
                s.add(
                    Attachment(
                        application_id=app_id,
                        sha256=sha,
                        size=len(content),
                        mime=mime,
                        filename_enc=self._cipher.encrypt(inp.path.name.encode(), aad),
                        material=inp.material,
                    )
                )
            apply_transition(s, app, AppStatus.QUEUED, agent, "代办员提交")
            app.queued_at = now
            s.flush()
            view = _view(app)
        log.info("application %s queued (item %s)", app_id, item.code)
        return view

    def _read_attachments(
        self, attachments: Sequence[AttachmentInput]
    ) -> list[tuple[AttachmentInput, bytes, str]]:
        out = []
        total = 0
        for inp in attachments:
            try:
                content = inp.path.read_bytes()
            except OSError as exc:
                raise InputError(
                    f"无法读取附件“{inp.path.name}”，请确认文件存在且未被占用。",
                    f"cannot read attachment {inp.path.name}: {exc.strerror}",
                ) from exc
            if len(content) > MAX_FILE_BYTES:
                raise InputError(
                    f"附件“{inp.path.name}”超过 {MAX_FILE_BYTES // 2**20} MB，"
                    "请压缩或分页扫描后再导入。",
                    f"attachment {inp.path.name} exceeds {MAX_FILE_BYTES} bytes",
                )
            total += len(content)
            if total > MAX_APPLICATION_BYTES:
                raise InputError(
                    f"附件合计超过 {MAX_APPLICATION_BYTES // 2**20} MB，请减少或压缩附件。",
                    "attachments of one application exceed the total limit",
                )
            mime = mimetypes.guess_type(inp.path.name)[0] or "application/octet-stream"
            out.append((inp, content, mime))
        return out

    def get(self, app_id: str) -> ApplicationView:
        with self._db.read() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound(f"找不到办件 {app_id}。", f"no application {app_id}")
            return _view(app)

    def payload(self, app_id: str) -> dict[str, Any]:
        """Decrypted form data of one application (for the case view, receipts, sync)."""
        with self._db.read() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound(f"找不到办件 {app_id}。", f"no application {app_id}")
            data: dict[str, Any] = json.loads(
                self._cipher.decrypt(app.payload_enc, app.id.encode())
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

    def counts(self) -> dict[AppStatus, int]:
        with self._db.read() as s:
            rows = s.execute(select(Application.status, func.count()).group_by(Application.status))
            return {AppStatus(st): n for st, n in rows}
