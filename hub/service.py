"""What the hub does, independent of HTTP: enrolment, submissions, the back office, the feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hub.db import HubDatabase
from hub.models import Blob, Case, ChangeEvent, Device, EnrollmentCode
from kiosk.core.catalog import Catalog
from kiosk.core.clock import utcnow
from kiosk.core.errors import KioskError
from kiosk.forms.engine import validate
from kiosk.sync import protocol as p

STAGES = ("收件", "受理", "补齐补正", "办结", "不予受理")
NEXT_STAGES: dict[str, tuple[str, ...]] = {
    "收件": ("受理", "补齐补正", "不予受理"),
    "受理": ("补齐补正", "办结", "不予受理"),
    "补齐补正": ("受理", "不予受理"),
    "办结": (),
    "不予受理": (),
}


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class HubError(KioskError):
    def __init__(self, status: int, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.status = status


@dataclass
class SubmissionItem:
    client_id: str
    item_code: str
    form_version: int
    payload: dict[str, Any]
    blobs: list[str] = field(default_factory=list)


class HubService:
    def __init__(self, db: HubDatabase, catalog: Catalog) -> None:
        self.db = db
        self.catalog = catalog

    # --- enrolment -------------------------------------------------------------------------
    def issue_enrollment_code(self, station_code: str, valid_days: int = 7) -> str:
        if not (len(station_code) == 12 and station_code.isdigit()):
            raise HubError(422, "站点编码应为12位数字。", "station code must be 12 digits")
        code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
        with self.db.session() as s:
            s.add(
                EnrollmentCode(
                    code_hash=_token_hash(code),
                    station_code=station_code,
                    expires_at=utcnow() + dt.timedelta(days=valid_days),
                )
            )
        return code

    def enroll(self, code: str, station_code: str) -> tuple[str, str]:
        """One-time code → (device_id, bearer token)."""
        with self.db.session() as s:
            row = s.get(EnrollmentCode, _token_hash(code.strip().upper()))
            if row is None or row.station_code != station_code:
                raise HubError(
                    403,
                    "注册码无效或与站点编码不符，请向县级管理员重新申请。",
                    "invalid enrollment code for this station",
                )
            if row.used_at is not None:
                raise HubError(403, "注册码已被使用过，请重新申请注册码。", "enrollment code used")
            if row.expires_at < utcnow():
                raise HubError(403, "注册码已过期，请重新申请注册码。", "enrollment code expired")
            row.used_at = utcnow()
            token = secrets.token_urlsafe(32)
            device_id = str(uuid.uuid4())
            s.add(Device(id=device_id, station_code=station_code, token_hash=_token_hash(token)))
        return device_id, token

    def authenticate(self, token: str) -> str:
        """Bearer token → station code."""
        with self.db.session() as s:
            dev = s.scalar(select(Device).where(Device.token_hash == _token_hash(token)))
            if dev is None or dev.revoked_at is not None:
                raise HubError(
                    401,
                    "设备凭证无效或已被吊销，请技术员重新注册本站点。",
                    "unknown or revoked device token",
                )
            return dev.station_code

    # --- submissions -----------------------------------------------------------------------
    def submit(self, station_code: str, items: list[SubmissionItem]) -> list[dict[str, Any]]:
        return [self._submit_one(station_code, item) for item in items]

    def _submit_one(self, station_code: str, item: SubmissionItem) -> dict[str, Any]:
        digest = p.content_hash(item.item_code, item.form_version, item.payload, item.blobs)
        base: dict[str, Any] = {"client_id": item.client_id}
        existing = self._find(station_code, item.client_id)
        if existing is not None:
            return {**base, **self._answer_existing(existing, digest)}
        try:
            cat_item = self.catalog.get(item.item_code)
        except KioskError:
            return {
                **base,
                "outcome": p.REJECTED,
                "errors": {"item_code": f"事项编码 {item.item_code} 不存在或已停用。"},
            }
        if item.form_version != cat_item.form.version:
            return {
                **base,
                "outcome": p.REJECTED,
                "errors": {"form_version": "表单版本已更新，请按新版表单核对后重新提交。"},
            }
        _, errors = validate(cat_item.form, item.payload)
        if errors:
            return {**base, "outcome": p.REJECTED, "errors": errors}
        missing = self._missing_blobs(item.blobs)
        if missing:
            return {**base, "outcome": p.MISSING_BLOBS, "missing": missing}
        try:
            with self.db.session() as s:
                case = Case(
                    station_code=station_code,
                    client_id=item.client_id,
                    item_code=item.item_code,
                    form_version=item.form_version,
                    content_hash=digest,
                    payload=item.payload,
                    blobs=sorted(item.blobs),
                    query_code=f"{secrets.randbelow(10**6):06d}",
                )
                s.add(case)
                s.flush()
                case.case_no = f"{station_code[:6]}{utcnow():%Y%m%d}{case.id:07d}"
                s.add(
                    ChangeEvent(
                        station_code=station_code, case_id=case.id, stage="收件", note="已收件"
                    )
                )
                answer = {
                    "outcome": p.CREATED,
                    "case_no": case.case_no,
                    "query_code": case.query_code,
                }
        except IntegrityError:  # the same client id raced in on another connection
            existing = self._find(station_code, item.client_id)
            assert existing is not None
            return {**base, **self._answer_existing(existing, digest)}
        return {**base, **answer}

    def _find(self, station_code: str, client_id: str) -> Case | None:
        with self.db.session() as s:
            return s.scalar(
                select(Case).where(Case.station_code == station_code, Case.client_id == client_id)
            )

    @staticmethod
    def _answer_existing(case: Case, digest: str) -> dict[str, Any]:
        if case.content_hash == digest:
            return {"outcome": p.DUPLICATE, "case_no": case.case_no, "query_code": case.query_code}
        return {
            "outcome": p.CONFLICT,
            "case_no": case.case_no,
            "errors": {"_": "同一办件编号已提交过不同的内容，请核对后联系乡镇工作人员处理。"},
        }

    def _missing_blobs(self, shas: list[str]) -> list[str]:
        if not shas:
            return []
        with self.db.session() as s:
            have = set(s.scalars(select(Blob.sha256).where(Blob.sha256.in_(shas))))
        return [sha for sha in shas if sha not in have]

    # --- blobs -----------------------------------------------------------------------------
    def has_blob(self, sha256: str) -> bool:
        return not self._missing_blobs([sha256])

    def put_blob(self, sha256: str, data: bytes) -> bool:
        if hashlib.sha256(data).hexdigest() != sha256:
            raise HubError(422, "附件内容与校验值不符，请重新上传。", "blob hash mismatch")
        if self.has_blob(sha256):
            return False
        try:
            with self.db.session() as s:
                s.add(Blob(sha256=sha256, size=len(data), data=data))
        except IntegrityError:
            return False
        return True

    # --- back office and the change feed ----------------------------------------------------
    def advance(self, case_no: str, stage: str, note: str = "") -> Case:
        if stage not in STAGES:
            raise HubError(422, f"办件环节只能是：{'、'.join(STAGES)}。", f"unknown stage {stage}")
        with self.db.session() as s:
            case = s.scalar(select(Case).where(Case.case_no == case_no))
            if case is None:
                raise HubError(404, f"找不到办件 {case_no}。", f"no case {case_no}")
            if stage not in NEXT_STAGES[case.stage]:
                raise HubError(
                    409,
                    f"办件处于“{case.stage}”，不能转到“{stage}”。",
                    f"case {case_no} cannot go from {case.stage} to {stage}",
                )
            case.stage = stage
            case.updated_at = utcnow()
            s.add(
                ChangeEvent(station_code=case.station_code, case_id=case.id, stage=stage, note=note)
            )
            return case

    def simulate_step(self) -> int:
        """Simulation mode: move every open case one step (收件→受理→办结). Returns how many."""
        step = {"收件": ("受理", "材料齐全，予以受理（模拟）"), "受理": ("办结", "已办结（模拟）")}
        with self.db.session() as s:
            todo = list(
                s.execute(select(Case.case_no, Case.stage).where(Case.stage.in_(list(step))))
            )
        for case_no, stage in todo:
            if case_no:
                self.advance(case_no, *step[stage])
        return len(todo)

    def changes(self, station_code: str, cursor: int, limit: int) -> list[dict[str, Any]]:
        with self.db.session() as s:
            rows = s.execute(
                select(ChangeEvent, Case.client_id, Case.case_no)
                .join(Case, Case.id == ChangeEvent.case_id)
                .where(ChangeEvent.station_code == station_code, ChangeEvent.seq > cursor)
                .order_by(ChangeEvent.seq)
                .limit(limit)
            ).all()
            return [
                {
                    "seq": ev.seq,
                    "client_id": client_id,
                    "case_no": case_no,
                    "stage": ev.stage,
                    "note": ev.note,
                    "at": ev.at.isoformat(),
                }
                for ev, client_id, case_no in rows
            ]

    def stats(self) -> dict[str, int]:
        with self.db.session() as s:
            return {
                "cases": s.scalar(select(func.count()).select_from(Case)) or 0,
                "distinct_client_ids": s.scalar(select(func.count(func.distinct(Case.client_id))))
                or 0,
                "blobs": s.scalar(select(func.count()).select_from(Blob)) or 0,
                "devices": s.scalar(select(func.count()).select_from(Device)) or 0,
            }
