"""The resident register: find a returning resident and prefill forms, with their consent.

Personal data is encrypted; the register is searched by keyed hashes of the 身份证号 and of
name + phone, so the database never holds a searchable plaintext identifier.

What a consenting resident gives on an application (household members, bank card …) is
remembered when it is submitted (``remember_application``) and offered on their next form
(``prefill``). The household is the form's repeat group keyed ``members`` (docs/catalog.md,
key conventions); the register keeps it as ``household``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.errors import InputError, NotFound
from kiosk.core.masking import mask_id_number, mask_name
from kiosk.forms.definition import FieldDef, FormDefinition
from kiosk.forms.divisions import DivisionTable, format_address
from kiosk.forms.validators import check_id_number, normalize_id_number
from kiosk.store.db import Database
from kiosk.store.models import Resident

# What the register keeps of a form's answers (the resident's own facts, not the case's).
PERSONAL_KEYS = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "phone",
    "address",
    "household",
    "bank_card",
    "bank_name",
)
HOUSEHOLD = "household"  # the register's key for the household members (户成员)
HOUSEHOLD_GROUP = "members"  # a form's repeat group of the applicant's household members

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResidentRecord:
    id: str
    data: dict[str, Any]
    consent_at: dt.datetime | None
    consent_by: str | None
    household: list[dict[str, Any]] = field(default_factory=list)

    @property
    def display(self) -> str:
        """Masked label safe for lists and logs: 王*英 330106********0220."""
        return (
            f"{mask_name(str(self.data.get('name', '')))} "
            f"{mask_id_number(str(self.data.get('id_number', '')))}".strip()
        )


def _name_phone_key(name: str, phone: str) -> str:
    return f"{name.strip()}|{phone.strip()}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def household_field(form: FormDefinition) -> FieldDef | None:
    """The form's repeat group of the applicant's household members, if it has one."""
    for f in form.fields:
        if (
            f.type == "group"
            and f.key == HOUSEHOLD_GROUP
            and any(s.key == "name" for s in f.fields)
        ):
            return f
    return None


def register_facts(form: FormDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """What the register keeps of a submitted form's answers: the resident's own facts
    (``PERSONAL_KEYS``) and the household members, not the case's answers."""
    keys = {f.key for f in form.fields}
    facts = {
        k: answers[k]
        for k in PERSONAL_KEYS
        if k != HOUSEHOLD and k in keys and not _empty(answers.get(k))
    }
    group = household_field(form)
    rows = answers.get(group.key) if group is not None else None
    if group is not None and isinstance(rows, list) and rows:
        sub = {f.key for f in group.fields if not f.is_file}
        members = [
            {k: v for k, v in row.items() if k in sub and not _empty(v)}
            for row in rows
            if isinstance(row, Mapping)
        ]
        facts[HOUSEHOLD] = [m for m in members if m.get("name")]
    return facts


def _merge_household(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The latest list of members wins; what was known of a member (matched by 身份证号)
    and not asked this time (e.g. 健康状况 on a form that does not ask it) is kept."""
    known = {str(m["id_number"]): m for m in old if m.get("id_number")}
    return [{**known.get(str(m.get("id_number", "")), {}), **m} for m in new]


def _fit(field: FieldDef, value: Any, divisions: DivisionTable | None) -> Any:
    """``value`` as ``field`` takes it, or None when it does not fit (a stored address
    object offered to a free-text address field becomes its text; a select only takes one
    of its options)."""
    if _empty(value) or field.computed or field.is_file:
        return None
    t = field.type
    if t in {"text", "textarea"}:
        if isinstance(value, Mapping):
            return format_address(value, divisions) or None
        return (
            value if isinstance(value, str | int | float) and not isinstance(value, bool) else None
        )
    if t in {"id_number", "mobile", "bank_card", "uscc", "date"}:
        return value if isinstance(value, str) else None
    if t == "select":
        return value if value in field.options else None
    if t == "multiselect":
        ok = isinstance(value, list) and all(v in field.options for v in value)
        return list(value) if ok else None
    if t == "yesno":
        return value if isinstance(value, bool) else None
    if t == "number":
        return (
            value if isinstance(value, int | float | str) and not isinstance(value, bool) else None
        )
    if t == "address":
        return dict(value) if isinstance(value, Mapping) and value.get("division") else None
    return None


def _household_rows(
    group: FieldDef, members: Any, divisions: DivisionTable | None
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for member in members if isinstance(members, list) else []:
        if not isinstance(member, Mapping):
            continue
        row = {}
        for sub in group.fields:
            fitted = _fit(sub, member.get(sub.key), divisions)
            if fitted is not None:
                row[sub.key] = fitted
        if row.get("name"):
            rows.append(row)
    return rows[: group.max_items] if group.max_items is not None else rows


def prefill_answers(form: FormDefinition, known: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a form can take from what is known of a resident (register entry, ID
    card): only the form's own fields, each only as the field takes it, and the household
    members in the form's household group."""
    out: dict[str, Any] = {}
    group = household_field(form)
    for f in form.fields:
        if f is group:
            rows = _household_rows(f, known.get(HOUSEHOLD), form.divisions)
            if rows:
                out[f.key] = rows
            continue
        fitted = _fit(f, known.get(f.key), form.divisions)
        if fitted is not None:
            out[f.key] = fitted
    return out


def _same_person(registered: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    """Is the applicant on the form the resident in the register? (The agent may have
    chosen a resident and then filed for someone else.)"""
    on_form = normalize_id_number(str(answers.get("id_number") or ""))
    known = str(registered.get("id_number") or "")
    if known:
        return on_form == known
    name = str(answers.get("name") or "").strip()
    return bool(name) and name == str(registered.get("name") or "").strip()


class ResidentService:
    def __init__(self, db: Database, cipher: DataCipher, audit_log: AuditLog) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log

    def _record(self, row: Resident) -> ResidentRecord:
        data: dict[str, Any] = json.loads(self._cipher.decrypt(row.data_enc, row.id.encode()))
        return ResidentRecord(
            row.id, data, row.consent_at, row.consent_by, list(data.get(HOUSEHOLD, []))
        )

    def remember(self, answers: Mapping[str, Any], agent: str, consent: bool) -> ResidentRecord:
        """Keep (or update) a resident's facts for next time. Needs the resident's consent."""
        if not consent:
            raise InputError(
                "居民未同意保存个人信息，不能登记到居民库。",
                "resident did not consent to being remembered",
            )
        data = {k: answers[k] for k in PERSONAL_KEYS if answers.get(k) not in (None, "", [])}
        id_number = normalize_id_number(str(data.get("id_number", "")))
        if id_number:
            problem = check_id_number(id_number)
            if problem:
                raise InputError(problem, "invalid id number for resident register")
            data["id_number"] = id_number
        elif not (data.get("name") and data.get("phone")):
            raise InputError(
                "登记居民需要身份证号，或姓名加手机号。",
                "resident needs an id number or name + phone",
            )
        id_index = self._cipher.blind_index(id_number) if id_number else None
        np_index = (
            self._cipher.blind_index(_name_phone_key(data["name"], data["phone"]))
            if data.get("name") and data.get("phone")
            else None
        )
        now = utcnow()
        with self._db.write() as s:
            row = (
                s.scalar(select(Resident).where(Resident.id_index == id_index))
                if id_index
                else None
            )
            if row is None and np_index:
                row = s.scalar(select(Resident).where(Resident.name_phone_index == np_index))
            if row is None:
                row = Resident(id=str(uuid.uuid4()), created_at=now, data_enc=b"")
                s.add(row)
                action = audit.CREATE
            else:
                old = json.loads(self._cipher.decrypt(row.data_enc, row.id.encode()))
                data = {**old, **data}
                action = audit.EDIT
            row.data_enc = self._cipher.encrypt(
                json.dumps(data, ensure_ascii=False).encode(), row.id.encode()
            )
            row.id_index = id_index or row.id_index
            row.name_phone_index = np_index or row.name_phone_index
            row.consent_at, row.consent_by, row.updated_at = now, agent, now
            self._audit.record(s, agent, action, row.id, "resident")
            s.flush()
            return self._record(row)

    def find_by_id_number(self, id_number: str, agent: str) -> ResidentRecord | None:
        key = self._cipher.blind_index(normalize_id_number(id_number))
        return self._find(Resident.id_index == key, agent)

    def find_by_name_phone(self, name: str, phone: str, agent: str) -> ResidentRecord | None:
        key = self._cipher.blind_index(_name_phone_key(name, phone))
        return self._find(Resident.name_phone_index == key, agent)

    def _find(self, condition: Any, agent: str) -> ResidentRecord | None:
        with self._db.write() as s:  # a look at a resident's record is itself audited
            row = s.scalar(select(Resident).where(condition))
            if row is None:
                return None
            self._audit.record(s, agent, audit.VIEW_RESIDENT, row.id)
            return self._record(row)

    def get(self, resident_id: str, agent: str) -> ResidentRecord:
        found = self._find(Resident.id == resident_id, agent)
        if found is None:
            raise NotFound("找不到该居民记录。", f"no resident {resident_id}")
        return found

    def set_household(
        self, resident_id: str, members: list[dict[str, Any]], agent: str
    ) -> ResidentRecord:
        """Replace the household members (户成员) list; each member's 身份证号 is checked."""
        for i, m in enumerate(members, 1):
            if not m.get("name") or not m.get("relation"):
                raise InputError(f"第 {i} 位家庭成员缺少姓名或与申请人关系。", "member incomplete")
            if m.get("id_number"):
                problem = check_id_number(str(m["id_number"]))
                if problem:
                    raise InputError(f"第 {i} 位家庭成员：{problem}", "member id invalid")
                m["id_number"] = normalize_id_number(str(m["id_number"]))
        record = self.get(resident_id, agent)
        return self.remember({**record.data, HOUSEHOLD: members}, agent, consent=True)

    def remember_application(
        self,
        resident_id: str,
        app_id: str,
        form: FormDefinition,
        answers: Mapping[str, Any],
        agent: str,
    ) -> ResidentRecord | None:
        """After an application of a registered resident is submitted: keep what they gave
        (household members, bank card, phone …) for their next form.

        Only for a resident who consented to the register, and only when the form's
        applicant is that resident; returns None when nothing was kept.
        """
        facts = register_facts(form, answers)
        if not facts:
            return None
        with self._db.write() as s:
            row = s.get(Resident, resident_id)
            if row is None or row.consent_at is None:
                return None
            old: dict[str, Any] = json.loads(self._cipher.decrypt(row.data_enc, row.id.encode()))
            if not _same_person(old, answers):
                log.info("application %s is not for its chosen resident: not remembered", app_id)
                return None
            data = {**old, **{k: v for k, v in facts.items() if k != HOUSEHOLD}}
            if HOUSEHOLD in facts:
                data[HOUSEHOLD] = _merge_household(list(old.get(HOUSEHOLD, [])), facts[HOUSEHOLD])
            if not old.get("id_number") and data.get("id_number"):
                number = normalize_id_number(str(data["id_number"]))
                index = self._cipher.blind_index(number)
                taken = s.scalar(select(Resident.id).where(Resident.id_index == index))
                if taken is None or taken == row.id:
                    data["id_number"], row.id_index = number, index
                else:  # the number belongs to another register entry: leave both alone
                    del data["id_number"]
            if data.get("name") and data.get("phone"):
                row.name_phone_index = self._cipher.blind_index(
                    _name_phone_key(str(data["name"]), str(data["phone"]))
                )
            row.data_enc = self._cipher.encrypt(
                json.dumps(data, ensure_ascii=False).encode(), row.id.encode()
            )
            row.updated_at = utcnow()
            self._audit.record(s, agent, audit.EDIT, row.id, f"resident from application {app_id}")
            s.flush()
            return self._record(row)

    @staticmethod
    def prefill(form: FormDefinition, record: ResidentRecord) -> dict[str, Any]:
        """The answers a form can take from the register (一键式申报), household included."""
        return prefill_answers(form, record.data)
