"""Filing an event bundle (一件事一次办) on the station: ``ctx.event_filings``.

``plan`` says which members apply and why the others do not (pure, for the UI to show while
the form is filled); ``check`` validates the one answer set, the bundle form once and each
member against its own form; ``file`` does both and then, in ONE write transaction, creates
the ``application_group`` row and every member application (QUEUED, ``group_id`` set), each
member's attachment rows and status events and the audit events. Every file is read once
and stored once as a blob; each member that needs it references it. A member that fails
validation refuses the whole filing (nothing is stored) and is named in the error.
Group queries (``get_group``, ``group_of``, ``group_by_no``) are :class:`GroupQueries`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kiosk.core import audit
from kiosk.core.applications.base import encode_payload
from kiosk.core.attachments import AttachmentInput, PreparedFile, check_total, read_attachments
from kiosk.core.audit import AuditLog
from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.core.changes import Changes
from kiosk.core.clock import to_local, utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import InputError
from kiosk.core.event_bundle import EventBundle, member_form
from kiosk.core.event_errors import EventValidationFailed, member_error_key
from kiosk.core.event_groups import GroupQueries
from kiosk.core.event_plan import (
    EventAnswers,
    MemberDecision,
    bind_member_files,
    check_member,
    decide_members,
    member_payload,
)
from kiosk.core.event_views import GroupView, LeftOut, left_out_json
from kiosk.core.lifecycle import record_raw
from kiosk.core.printable_answers import MissingGlyphs, glyph_errors
from kiosk.core.status import AppStatus
from kiosk.forms.definition import FieldDef
from kiosk.forms.engine import validate
from kiosk.protocol.workdays import HolidayCalendar
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database, sql_time

log = logging.getLogger(__name__)

AUDIT_GROUP = "submit_group"  # the group's own audit event (each member has its SUBMIT)
_INSERT_GROUP = (
    "INSERT INTO application_group (id, bundle_code, bundle_name, catalog_version, left_out,"
    " resident_index, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_MEMBER = (
    "INSERT INTO application (id, item_code, item_name, form_version, status, payload_enc,"
    " resident_index, created_by, created_at, updated_at, queued_at, attempts, revision,"
    " group_id) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, 0, 0, ?)"
)
_INSERT_ATTACHMENT = (
    "INSERT INTO attachment (application_id, sha256, size, mime, material, uploaded,"
    " filename_enc) VALUES (?, ?, ?, ?, ?, 0, ?)"
)
_SUBMITTED = "代办员提交（一件事）"
SIGNATURE_MATERIAL = "签名"  # as a single filing's signature (kiosk/core/attachment_refs.py)
EVENT_SIGNATURE = "signature"  # a bundle's material for the members' own signature fields


@dataclass(frozen=True)
class _Member:
    """One applying member, validated and ready to be written."""

    item: CatalogItem
    clean: dict[str, Any]
    files: tuple[tuple[PreparedFile, str], ...]  # (file, the material's name in this item)


class EventFilingService(GroupQueries):
    def __init__(
        self,
        db: Database,
        cipher: DataCipher,
        catalog: Catalog,
        blobs: BlobStore,
        audit_log: AuditLog,
        missing_glyphs: MissingGlyphs | None = None,
        calendar: Callable[[], HolidayCalendar | None] = lambda: None,
    ) -> None:
        super().__init__(db, catalog, calendar)
        self._cipher = cipher
        self._blobs = blobs
        self._audit = audit_log
        self._missing_glyphs = missing_glyphs

    # --- before filing ---------------------------------------------------------------------
    def bundles(self) -> list[EventBundle]:
        return self._catalog.event_bundles()

    def bundle(self, code: str) -> EventBundle:
        return self._catalog.event_bundle(code)

    def plan(self, bundle_code: str, answers: EventAnswers) -> list[MemberDecision]:
        """Which members apply to these answers, and why the others do not (pure)."""
        bundle = self._catalog.event_bundle(bundle_code)
        self._check_skip(bundle, answers.skip)
        return decide_members(self._catalog, bundle, answers.shared, answers.skip, _today())

    def check(
        self,
        bundle_code: str,
        answers: EventAnswers,
        attachments: Sequence[AttachmentInput] = (),
    ) -> dict[str, str]:
        """Every error of the answer set (empty: it can be filed), keys as in
        :class:`EventValidationFailed`: the bundle's field, or ``ITEM_CODE/field``.
        ``attachments``: the files chosen so far (their names are checked, not read)."""
        chosen: dict[str, list[PreparedFile]] = {}
        for a in attachments:
            chosen.setdefault(a.material, []).append(PreparedFile(a, b"", "", a.path.name))
        try:
            self._prepare(self._catalog.event_bundle(bundle_code), answers, chosen)
        except EventValidationFailed as exc:
            return exc.field_errors
        return {}

    # --- filing ----------------------------------------------------------------------------
    def file(
        self,
        bundle_code: str,
        answers: EventAnswers,
        agent: str,
        attachments: Sequence[AttachmentInput] = (),
        signature: AttachmentInput | None = None,
    ) -> GroupView:
        """Validate everything, then store the group and its members in one transaction.

        ``attachments``: each file once, its ``material`` the bundle material's id.
        ``signature``: the resident's one signature (an image) on the group's one 委托书;
        stored once and bound to every member as its material ``签名``, as a single filing's."""
        bundle = self._catalog.event_bundle(bundle_code)
        files = self._read_files(bundle, attachments)
        has_own = any(m.id == EVENT_SIGNATURE for m in bundle.materials)
        if signature is not None and has_own and not files.get(EVENT_SIGNATURE):
            # the members' own signature fields (申报表签字) are signed by this one signature
            signed_forms = AttachmentInput(signature.path, EVENT_SIGNATURE)
            files = self._read_files(bundle, (*attachments, signed_forms))
        members, left = self._prepare(bundle, answers, files)
        if signature is not None:
            (signed,) = read_attachments((signature,))
            members = [
                dataclasses.replace(m, files=(*m.files, (signed, SIGNATURE_MATERIAL)))
                for m in members
            ]
            files = {**files, SIGNATURE_MATERIAL: [signed]}
        shas = {id(f): self._blobs.put(f.content) for fs in files.values() for f in fs}  # once
        now = utcnow()
        at = sql_time(now)
        group_id = str(uuid.uuid4())
        ids = [str(uuid.uuid4()) for _ in members]
        with self._db.write_raw() as conn:  # one fsynced commit: all of it or nothing
            conn.execute(
                _INSERT_GROUP,
                (
                    group_id,
                    bundle.code,
                    bundle.name,
                    self._catalog.version,
                    left_out_json(left),
                    self._resident_index(_resident_field(bundle), answers.shared),
                    agent,
                    at,
                ),
            )
            for app_id, m in zip(ids, members, strict=True):
                self._insert_member(conn, app_id, group_id, m, agent, at, shas)
            self._audit.append(conn, agent, AUDIT_GROUP, group_id, bundle.code)
        log.info("group %s (%s) queued with %d members", group_id, bundle.code, len(members))
        view = self.get_group(group_id)
        return _with_changes(view, Changes.of_applications(*ids, queued=True))

    def _insert_member(
        self,
        conn: Any,
        app_id: str,
        group_id: str,
        m: _Member,
        agent: str,
        at: str,
        shas: Mapping[int, str],
    ) -> None:
        payload = self._cipher.encrypt(encode_payload(m.clean), app_id.encode())
        id_field = m.item.form.first_of_type("id_number")
        row = (app_id, m.item.code, m.item.name, m.item.form.version, payload)
        index = self._resident_index(id_field, m.clean)
        conn.execute(_INSERT_MEMBER, (*row, index, agent, at, at, at, group_id))
        steps = [(None, AppStatus.DRAFT, "新建"), (AppStatus.DRAFT, AppStatus.QUEUED, _SUBMITTED)]
        record_raw(conn, app_id, steps, agent, at)
        conn.executemany(
            _INSERT_ATTACHMENT,
            [
                (
                    app_id,
                    shas[id(f)],
                    len(f.content),
                    f.mime,
                    material,
                    self._cipher.encrypt(f.name.encode(), app_id.encode()),
                )
                for f, material in m.files
            ],
        )
        self._audit.append(conn, agent, audit.SUBMIT, app_id, m.item.code)

    # --- validation ------------------------------------------------------------------------
    def _prepare(
        self,
        bundle: EventBundle,
        answers: EventAnswers,
        files: Mapping[str, list[PreparedFile]],
    ) -> tuple[list[_Member], list[LeftOut]]:
        """The applying members, validated, with their files; or every error at once."""
        self._check_skip(bundle, answers.skip)
        today = _today()
        shared, shared_errors = validate(bundle.form, answers.shared, today)
        errors: dict[str, str] = dict(shared_errors)
        decisions = decide_members(self._catalog, bundle, shared, answers.skip, today)
        refs = {mid: [_ref(f) for f in fs] for mid, fs in files.items()}
        members: list[_Member] = []
        named: list[str] = []
        for d in decisions:
            if not d.applies:
                continue
            item = self._catalog.get(d.item_code)
            own = answers.members.get(item.code, {})
            payload = member_payload(bundle, item, shared, own, today)
            form = member_form(bundle, item)
            payload = bind_member_files(bundle, item, form, payload, refs)
            clean, problems = check_member(bundle, item, payload, today)
            for key, msg in glyph_errors(form, clean, self._missing_glyphs).items():
                problems.setdefault(key, msg)
            own_errors = {
                where: f"【{item.name}】{msg}"
                for key, msg in problems.items()
                if (where := member_error_key(bundle, item.code, key)) not in shared_errors
            }
            if own_errors:  # not only what the bundle form's check already says
                named.append(item.name)
            for where, msg in own_errors.items():
                errors.setdefault(where, msg)
            if problems:
                continue
            mine = _member_files(bundle, item, files)
            check_total(0, sum(len(f.content) for f, _ in mine))
            members.append(_Member(item, clean, mine))
        if errors:
            raise EventValidationFailed(bundle.name, errors, named)
        left = [LeftOut(d.item_code, d.item_name, d.reason) for d in decisions if not d.applies]
        if not members:
            reasons = "；".join(f"{x.item_name}：{x.reason}" for x in left)
            raise InputError(
                f"按所填情况，“{bundle.name}”中没有需要办理的事项（{reasons}），无需提交。",
                f"no member of {bundle.code} applies",
            )
        return members, left

    def _check_skip(self, bundle: EventBundle, skip: frozenset[str]) -> None:
        for code in sorted(skip):
            if code not in bundle.member_codes:
                raise InputError(
                    f"事项 {code} 不属于“{bundle.name}”，无需选择不办。",
                    f"{code} is not a member of {bundle.code}",
                )
            if not bundle.member(code).optional:
                name = self._catalog.get(code).name
                raise InputError(
                    f"“{name}”是“{bundle.name}”必办的事项，不能选择不办。",
                    f"{code} is not optional in {bundle.code}",
                )

    def _read_files(
        self, bundle: EventBundle, attachments: Sequence[AttachmentInput]
    ) -> dict[str, list[PreparedFile]]:
        known = {m.id: m for m in bundle.materials}
        for a in attachments:
            if a.material not in known:
                names = "、".join(f"{m.id}（{m.name}）" for m in bundle.materials)
                raise InputError(
                    f"附件“{a.path.name}”的材料“{a.material}”不是“{bundle.name}”的材料，"
                    f"请从以下材料中选择：{names}。",
                    f"{a.material!r} is not a material of {bundle.code}",
                )
        out: dict[str, list[PreparedFile]] = {}
        for f in read_attachments(tuple(attachments)):
            out.setdefault(f.source.material, []).append(f)
        return out

    def _resident_index(self, id_field: FieldDef | None, values: Mapping[str, Any]) -> str | None:
        if id_field is not None and values.get(id_field.key):
            return self._cipher.blind_index(str(values[id_field.key]))
        return None


def _resident_field(bundle: EventBundle) -> FieldDef | None:
    """Whose 身份证号 finds the group: the field called ``id_number`` (the applicant), else
    the bundle form's first 身份证号 field."""
    return next(
        (f for f in bundle.form.fields if f.key == "id_number"),
        bundle.form.first_of_type("id_number"),
    )


def _member_files(
    bundle: EventBundle, item: CatalogItem, files: Mapping[str, list[PreparedFile]]
) -> tuple[tuple[PreparedFile, str], ...]:
    """The files of the bundle materials this member names, with the member's name for it."""
    out = []
    for mat in bundle.materials:
        name = mat.name_in(item.code)
        if name is not None:
            out += [(f, name) for f in files.get(mat.id, [])]
    return tuple(out)


def _ref(f: PreparedFile) -> dict[str, Any]:
    return {"name": f.name, "sha256": hashlib.sha256(f.content).hexdigest(), "size": len(f.content)}


def _today() -> dt.date:
    return to_local(utcnow()).date()


def _with_changes(view: GroupView, changes: Changes) -> GroupView:
    return dataclasses.replace(view, changes=changes)
