"""What every part of ApplicationService shares: its collaborators, the forms and their one
check, the row helpers and the file helpers."""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.core.attachments import PreparedFile
from kiosk.core.audit import AuditLog
from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import InputError, NotFound
from kiosk.core.printable_answers import MissingGlyphs, glyph_errors
from kiosk.core.status import AppStatus
from kiosk.forms.definition import FormDefinition
from kiosk.forms.engine import validate
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.models import Application, Attachment

log = logging.getLogger("kiosk.core.applications")

# Told after an application of a registered resident is queued: (resident id, application
# id, form, validated answers, agent). The resident register keeps what the resident gave
# for next time (ResidentService.remember_application).
ResidentHook = Callable[[str, str, FormDefinition, Mapping[str, Any], str], object]

_INSERT_ATTACHMENT = (
    "INSERT INTO attachment (application_id, sha256, size, mime, material, uploaded,"
    " filename_enc) VALUES (?, ?, ?, ?, ?, 0, ?)"
)


def encode_payload(payload: Mapping[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")


def files_size(files: Sequence[PreparedFile]) -> int:
    return sum(len(f.content) for f in files)


class ApplicationBase:
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

    # --- rows ----------------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, app_id: str) -> Application:
        row = s.get(Application, app_id)
        if row is None:
            raise NotFound(f"找不到办件 {app_id}。", f"no application {app_id}")
        return row

    @staticmethod
    def _stored_bytes(s: Session, app_id: str) -> int:
        """Bytes of the files an application already holds (for the per-application limit)."""
        total = s.scalar(
            select(func.coalesce(func.sum(Attachment.size), 0)).where(
                Attachment.application_id == app_id
            )
        )
        return int(total or 0)

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

    # --- files ---------------------------------------------------------------------------
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
