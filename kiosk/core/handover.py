"""结果交付 at the desk: a finished case whose result is collected here (自取) is handed over
to the resident or to a named proxy whose ID was checked; a signature (on screen, or on
paper where the item does not allow an electronic one) and the time are kept; the case
moves to 已交付 and a 交付回执 prints.

Which finished cases wait for a hand-over: 已办结 and not to be posted. The choice is in the
encrypted answers, so :meth:`HandoverService.index_finished` copies the method (no personal
data) into ``result_delivery`` for finished cases that lack it; the dashboard's count and
the case list then need no decryption.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, not_, select

from kiosk.core.audit import AuditLog
from kiosk.core.changes import Changes
from kiosk.core.clock import utcnow
from kiosk.core.crypto import DataCipher
from kiosk.core.delivery import POST, method_of
from kiosk.core.errors import InputError, NotFound
from kiosk.core.lifecycle import apply_transition
from kiosk.core.masking import mask_id_number, mask_name
from kiosk.core.status import LABELS_ZH, AppStatus
from kiosk.forms.validators import check_id_number, normalize_id_number
from kiosk.store.blobs import BlobStore
from kiosk.store.db import Database
from kiosk.store.delivery_models import ResultDelivery
from kiosk.store.models import Application, StatusEvent

RESIDENT, PROXY = "resident", "proxy"
HANDOVER = "handover"


def awaiting_condition() -> Any:
    """SQL: finished, the result collected at a desk (not posted), not yet handed over."""
    posted = exists().where(
        ResultDelivery.application_id == Application.id, ResultDelivery.method == POST
    )
    return and_(Application.status == AppStatus.COMPLETED.value, not_(posted))


@dataclass(frozen=True)
class Collector:
    kind: str  # resident | proxy
    name: str
    id_number: str = ""  # a proxy's 身份证号 (checked)
    id_checked: bool = False  # read from the ID card (card reader) or seen by the agent
    paper_signature: bool = False  # signed on paper (electronic signature not allowed)


@dataclass(frozen=True)
class Waiting:
    application_id: str
    case_no: str | None
    item_name: str
    completed_at: dt.datetime
    days: int


@dataclass(frozen=True)
class HandoverRecord:
    application_id: str
    case_no: str | None
    item_name: str
    applicant: str  # masked
    collector: str  # "本人" or "代领人 张*（身份证 3301**********1234）", masked
    handed_over_at: dt.datetime
    handed_over_by: str
    signed_on: str  # 屏幕签名 | 纸质签名
    signature: bytes | None

    @property
    def changes(self) -> Changes:
        """The case is now 已交付."""
        return Changes.of_applications(self.application_id)


class HandoverService:
    def __init__(
        self, db: Database, cipher: DataCipher, blobs: BlobStore, audit_log: AuditLog
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._blobs = blobs
        self._audit = audit_log

    def _payload(self, app: Application) -> dict[str, Any]:
        if app.purged_at is not None or not app.payload_enc:
            return {}
        data: dict[str, Any] = json.loads(self._cipher.decrypt(app.payload_enc, app.id.encode()))
        return data

    def index_finished(self) -> int:
        """Record the delivery method of finished cases that lack it. Returns how many."""
        with self._db.read() as s:
            todo = list(
                s.scalars(
                    select(Application).where(
                        Application.status == AppStatus.COMPLETED.value,
                        ~exists().where(ResultDelivery.application_id == Application.id),
                    )
                )
            )
        if not todo:
            return 0
        methods = {app.id: method_of(self._payload(app)) for app in todo}
        with self._db.write() as s:
            for app_id, method in methods.items():
                if s.get(ResultDelivery, app_id) is None:
                    s.add(ResultDelivery(application_id=app_id, method=method))
        return len(methods)

    def waiting(self, now: dt.datetime | None = None) -> list[Waiting]:
        """Finished cases waiting at the desk, the longest waiting first."""
        now = now or utcnow()
        self.index_finished()
        done_at = (
            select(func.max(StatusEvent.at))
            .where(
                StatusEvent.application_id == Application.id,
                StatusEvent.to_status == AppStatus.COMPLETED.value,
            )
            .correlate(Application)
            .scalar_subquery()
        )
        with self._db.read() as s:
            rows = s.execute(
                select(Application.id, Application.case_no, Application.item_name, done_at)
                .where(awaiting_condition())
                .order_by(done_at)
            ).all()
        return [
            Waiting(app_id, case_no, name, at or now, max(0, (now - (at or now)).days))
            for app_id, case_no, name, at in rows
        ]

    def hand_over(
        self, app_id: str, collector: Collector, signature: bytes | None, actor: str
    ) -> HandoverRecord:
        """Record the hand-over; the case moves to 已交付. Refused without a signature (or a
        paper one), for a proxy without a valid, checked 身份证号, or for a case not waiting."""
        name = collector.name.strip()
        if collector.kind not in (RESIDENT, PROXY) or not name:
            raise InputError("请选择领取人（本人或代领人）并填写姓名。", "collector missing")
        id_number = normalize_id_number(collector.id_number) if collector.id_number else ""
        if collector.kind == PROXY:
            problem = check_id_number(id_number) if id_number else "请填写代领人的身份证号。"
            if problem:
                raise InputError(f"代领人身份证号有误：{problem}", "proxy id number invalid")
            if not collector.id_checked:
                raise InputError(
                    "请先核验代领人的身份证（刷身份证或查看原件）。", "proxy id not checked"
                )
        if not signature and not collector.paper_signature:
            raise InputError(
                "请领取人在屏幕上签名；本事项不允许电子签名时，请选择“纸质签名”。",
                "no signature",
            )
        sha = self._blobs.put(signature) if signature else None
        now = utcnow()
        who = {
            "kind": collector.kind,
            "name": name,
            "id_number": id_number,
            "id_checked": collector.id_checked,
            "paper_signature": collector.paper_signature,
        }
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFound("找不到该办件。", f"no application {app_id}")
            status = AppStatus(app.status)
            if status is not AppStatus.COMPLETED:
                raise InputError(
                    f"办件当前为“{LABELS_ZH[status]}”，只有已办结、待领取的办件可以交付。",
                    f"hand-over of a case in status {status}",
                )
            row = s.get(ResultDelivery, app_id)
            if row is None:
                row = ResultDelivery(application_id=app_id, method=method_of(self._payload(app)))
                s.add(row)
            if row.method == POST:
                raise InputError(
                    "该办件选择了邮寄送达，结果由省级平台寄出，不在代办点交付。",
                    "hand-over of a posted result",
                )
            row.handed_over_at, row.handed_over_by = now, actor
            row.collector_enc = self._cipher.encrypt(
                json.dumps(who, ensure_ascii=False).encode(), (app_id + "/collector").encode()
            )
            row.signature_sha, row.updated_at = sha, now
            reason = "结果已交付：本人领取" if collector.kind == RESIDENT else "结果已交付：代领"
            apply_transition(s, app, AppStatus.HANDED_OVER, actor, reason)
            self._audit.record(s, actor, HANDOVER, app_id, collector.kind)
        record = self.record(app_id)
        assert record is not None
        return record

    def record(self, app_id: str) -> HandoverRecord | None:
        """What the 交付回执 prints (masked), or None before a hand-over."""
        with self._db.read() as s:
            app = s.get(Application, app_id)
            row = s.get(ResultDelivery, app_id)
            if app is None or row is None or row.handed_over_at is None or not row.collector_enc:
                return None
            who = json.loads(
                self._cipher.decrypt(row.collector_enc, (app_id + "/collector").encode())
            )
            payload = self._payload(app)
            at, by, sha = row.handed_over_at, row.handed_over_by or "", row.signature_sha
            case_no, item_name = app.case_no, app.item_name
        if who["kind"] == RESIDENT:
            collector = "本人"
        else:
            collector = (
                f"代领人 {mask_name(who['name'])}（身份证 {mask_id_number(who['id_number'])}）"
            )
        return HandoverRecord(
            app_id,
            case_no,
            item_name,
            mask_name(str(payload.get("name", ""))),
            collector,
            at,
            by,
            "纸质签名" if who.get("paper_signature") else "屏幕签名",
            self._blobs.get(sha) if sha else None,
        )
