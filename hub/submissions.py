"""Batched, idempotent submissions: one answer per item, whatever happened to earlier tries.

The idempotency key is (station, client id). Per item the hub answers ``created``,
``duplicate`` (same content as before: the same case number again), ``conflict`` (same id,
different content), ``rejected`` (field errors in Chinese, validated with the kiosk's own
form engine) or ``missing_blobs`` (upload these attachments first).

A supplement after 补齐补正 is the same client id with ``revision`` one higher; it replaces
the case content and puts the case back to 收件. Replays of an older revision with the
content it had are ``duplicate`` and change nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hub.blobs import BlobService
from hub.case_numbers import next_case_no, station_case_no
from hub.catalog import FormRefused, HubCatalog
from hub.db import HubDatabase
from hub.feed import RECEIVED, append_event, lock_station
from hub.models import Case
from kiosk.forms.definition import FormDefinition
from kiosk.forms.engine import validate
from kiosk.protocol import wire as p
from kiosk.protocol.clock import utcnow
from kiosk.protocol.stages import Stage

SUPPLEMENT_STAGE = Stage.SUPPLEMENT.value


@dataclass
class SubmissionItem:
    client_id: str
    item_code: str
    form_version: int
    payload: dict[str, Any]
    blobs: list[str] = field(default_factory=list)
    revision: int = 0

    @property
    def digest(self) -> str:
        return p.content_hash(self.item_code, self.form_version, self.payload, self.blobs)


def relaxed(
    form: FormDefinition, waiting: frozenset[str], payload: dict[str, Any]
) -> FormDefinition:
    """``form`` without the requirement of the ``waiting`` fields the payload leaves empty."""
    empty = {k for k in waiting if payload.get(k) in (None, "", [], {})}
    if not empty:
        return form
    fields = tuple(
        dataclasses.replace(f, required=False, required_if=None, constraints=())
        if f.key in empty
        else f
        for f in form.fields
    )
    return dataclasses.replace(form, fields=fields)


def case_no_for(station_code: str, number: int) -> str:
    """办件编号 for an item without a 实施编码: station code and running number."""
    return station_case_no(station_code, number)


def _answer(case: Case, outcome: str) -> dict[str, Any]:
    return {"outcome": outcome, "case_no": case.case_no, "query_code": case.query_code}


def _conflict(case: Case) -> dict[str, Any]:
    return {
        "outcome": p.CONFLICT,
        "case_no": case.case_no,
        "errors": {
            "_": "省级平台已有同一申请编号、但内容不同的办件。本地内容已保留，"
            "请核对后联系乡镇工作人员处理。"
        },
    }


def _rejected(errors: dict[str, str]) -> dict[str, Any]:
    return {"outcome": p.REJECTED, "errors": errors}


class SubmissionService:
    def __init__(self, db: HubDatabase, catalog: HubCatalog, blobs: BlobService) -> None:
        self.db = db
        self.catalog = catalog
        self.blobs = blobs

    def submit(self, station: str, items: list[SubmissionItem]) -> list[dict[str, Any]]:
        with self.db.session() as s:
            self.catalog.refresh(s)
            known = self.existing(s, station, [i.client_id for i in items])
        # Validation is pure CPU: done before the write transaction, only where it matters.
        problems: dict[int, dict[str, str]] = {}
        for n, item in enumerate(items):
            case = known.get(item.client_id)
            if case is None or item.revision > case.revision:
                errors = self.check(item)
                if errors:
                    problems[n] = errors
        answers = self.db.retrying(lambda s: self.write(s, station, items, problems))
        return [{"client_id": item.client_id, **a} for item, a in zip(items, answers, strict=True)]

    def check(self, item: SubmissionItem, waiting: frozenset[str] = frozenset()) -> dict[str, str]:
        """The item's field errors by the hub's form check (pure CPU; empty when it passes).
        ``waiting``: fields left empty for the department to fill in from an earlier member's
        result (一件事): not required of this item, and checked once they are filled."""
        try:
            form = self.catalog.form_for(item.item_code, item.form_version)
        except FormRefused as exc:
            return {exc.field: exc.zh}
        return validate(relaxed(form, waiting, item.payload), item.payload)[1]

    @staticmethod
    def existing(s: Session, station: str, ids: list[str]) -> dict[str, Case]:
        """The station's cases already filed under these client ids."""
        rows = s.scalars(
            select(Case).where(Case.station_code == station, Case.client_id.in_(set(ids)))
        )
        return {c.client_id: c for c in rows}

    def write(
        self,
        s: Session,
        station: str,
        items: list[SubmissionItem],
        problems: dict[int, dict[str, str]],
        group_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every item's answer, in one transaction; new cases join ``group_id`` (一件事)."""
        cases = self.existing(s, station, [i.client_id for i in items])
        owned = self.blobs.owned(s, station, sorted({b for i in items for b in i.blobs}))
        answers: list[dict[str, Any]] = []
        new: list[tuple[int, Case]] = []
        station_row = None
        for n, item in enumerate(items):
            case = cases.get(item.client_id)
            missing = [b for b in dict.fromkeys(item.blobs) if b not in owned]
            if case is not None and item.revision <= case.revision:
                answers.append(self._replay(case, item))
            elif n in problems:
                answers.append(_rejected(problems[n]))
            elif case is not None and (
                case.stage != SUPPLEMENT_STAGE or item.revision != case.revision + 1
            ):
                answers.append(
                    _rejected({"_": f"办件当前处于“{case.stage}”，不需要补正，请勿重复提交。"})
                )
            elif missing:
                answers.append({"outcome": p.MISSING_BLOBS, "missing": missing})
            else:
                station_row = station_row or lock_station(s, station)
                if case is None:
                    case = self._new_case(s, station_row.code, item, group_id)
                    station_row.last_case += 1
                    impl = self.catalog.impl_code(item.item_code)
                    case.case_no = (
                        next_case_no(s, impl)
                        if impl
                        else case_no_for(station, station_row.last_case)
                    )
                    cases[item.client_id] = case
                    new.append((n, case))
                else:
                    self._supplement(case, item)
                    append_event(s, station_row, case.id, RECEIVED, "补正材料已收件")
                answers.append(_answer(case, p.CREATED))
        if new:
            s.flush()  # case ids for the feed
            assert station_row is not None
            for _, case in new:
                append_event(s, station_row, case.id, RECEIVED, "已收件")
        return answers

    @staticmethod
    def _replay(case: Case, item: SubmissionItem) -> dict[str, Any]:
        digest = item.digest
        hashes = case.revision_hashes or [case.content_hash]
        if item.revision < len(hashes) and hashes[item.revision] == digest:
            return _answer(case, p.DUPLICATE)
        return _conflict(case)

    @staticmethod
    def _new_case(
        s: Session, station: str, item: SubmissionItem, group_id: str | None = None
    ) -> Case:
        digest = item.digest
        case = Case(
            station_code=station,
            client_id=item.client_id,
            item_code=item.item_code,
            form_version=item.form_version,
            revision=item.revision,
            content_hash=digest,
            revision_hashes=[digest] * (item.revision + 1),
            payload=item.payload,
            blobs=sorted(set(item.blobs)),
            query_code=p.new_query_code(),
            stage=RECEIVED,
            group_id=group_id,
        )
        s.add(case)
        return case

    @staticmethod
    def _supplement(case: Case, item: SubmissionItem) -> None:
        digest = item.digest
        case.item_code = item.item_code
        case.form_version = item.form_version
        case.payload = item.payload
        case.blobs = sorted(set(item.blobs))
        case.content_hash = digest
        case.revision = item.revision
        case.revision_hashes = [*case.revision_hashes, digest]
        case.stage = RECEIVED
        case.updated_at = utcnow()
