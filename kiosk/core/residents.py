"""The resident register: find a returning resident and prefill forms, with their consent.

Personal data is encrypted; the register is searched by keyed hashes of the 身份证号 and of
name + phone, so the database never holds a searchable plaintext identifier.
"""

from __future__ import annotations

import datetime as dt
import json
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
from kiosk.forms.definition import FormDefinition
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


class ResidentService:
    def __init__(self, db: Database, cipher: DataCipher, audit_log: AuditLog) -> None:
        self._db = db
        self._cipher = cipher
        self._audit = audit_log

    def _record(self, row: Resident) -> ResidentRecord:
        data: dict[str, Any] = json.loads(self._cipher.decrypt(row.data_enc, row.id.encode()))
        return ResidentRecord(
            row.id, data, row.consent_at, row.consent_by, list(data.get("household", []))
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
        return self.remember({**record.data, "household": members}, agent, consent=True)

    @staticmethod
    def prefill(form: FormDefinition, record: ResidentRecord) -> dict[str, Any]:
        """The answers a form can take from the register (一键式申报)."""
        keys = {f.key for f in form.fields}
        return {k: v for k, v in record.data.items() if k in keys}
