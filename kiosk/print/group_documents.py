"""The inputs of a 一件事 group's 委托书 and receipt, read through the services.

The group (``GroupView``: members, left-out members, the hub's group number) comes from the
station's group queries; each member's own inputs (reference, query code, promised days,
受理机关, materials received) are the ones its single receipt would print
(:meth:`PrintService.receipt_data`), so a sub-case says the same on both papers. The resident
who signs (委托人) is the bundle's applicant: the bundle form's ``name``/``id_number`` when it
asks them (身后、退休), else the guardian a member names (出生: the mother, who also signs the
社保卡 application as 监护人).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from kiosk.core.catalog import Catalog
from kiosk.core.clock import to_local, utcnow
from kiosk.core.errors import NotFound
from kiosk.core.event_bundle import EventBundle, pending_fields
from kiosk.core.event_plan import EventAnswers, decide_members, member_payload
from kiosk.core.event_views import GroupMemberView, GroupView
from kiosk.core.masking import mask_id_number
from kiosk.print.applicant import resident_of
from kiosk.print.common import MaterialLine, local_date
from kiosk.print.group_data import (
    GroupAuthorizationData,
    GroupMaterial,
    GroupMemberLine,
    GroupReceiptData,
    LeftOutLine,
    Principal,
    group_local_ref,
)

if TYPE_CHECKING:
    from kiosk.print.receipt import ReceiptData
    from kiosk.print.service import PrintService

SIGNATURE_ID = "signature"  # the bundle material of the members' signed forms
NOT_YET = "提交后生成"  # a member's reference on a 委托书 printed before filing


def shared_answers(
    bundle: EventBundle, payloads: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The one answer set, read back from the members' payloads through the field map."""
    out: dict[str, Any] = {}
    for code, payload in payloads.items():
        for key, source in bundle.sources(code).items():
            if source.kind == "field" and key in payload and source.field not in out:
                out[source.field] = payload[key]
    return out


def _name_before(bundle: EventBundle, key: str) -> str | None:
    """The 姓名 field asked just before the id_number field ``key``."""
    keys = [f.key for f in bundle.form.fields]
    names = [f.key for f in bundle.form.fields if f.type == "text" and "姓名" in f.label]
    before = [k for k in names if keys.index(k) < keys.index(key)]
    return before[-1] if before else (names[0] if names else None)


def _principal_keys(bundle: EventBundle) -> tuple[str | None, str | None, str]:
    """(name field, id_number field, role) of the resident who signs."""
    fields = {f.key: f for f in bundle.form.fields}
    if "id_number" in fields and fields["id_number"].type == "id_number":
        return (
            ("name" if "name" in fields else _name_before(bundle, "id_number")),
            "id_number",
            ("申请人"),
        )
    for code in bundle.member_codes:
        sources = bundle.sources(code)
        guardian = sources.get("guardian_id_number")
        if guardian is not None and guardian.kind == "field":
            name = sources.get("guardian_name")
            name_key = name.field if name is not None and name.kind == "field" else None
            return name_key or _name_before(bundle, guardian.field), guardian.field, "监护人"
    first = bundle.form.first_of_type("id_number")
    if first is None:
        names = [f.key for f in bundle.form.fields if f.type == "text" and "姓名" in f.label]
        return (names[0] if names else None), None, "申请人"
    return _name_before(bundle, first.key), first.key, "申请人"


def principal_of(bundle: EventBundle, shared: Mapping[str, Any]) -> Principal:
    name_key, id_key, role = _principal_keys(bundle)
    phone = bundle.form.first_of_type("mobile")
    others = []
    for f in bundle.form.fields:
        value = shared.get(f.key)
        if f.key in (name_key, id_key) or not isinstance(value, str) or not value:
            continue
        if f.type == "id_number":
            others.append((f.label, mask_id_number(value)))
        elif f.type == "text" and "姓名" in f.label:
            others.append((f.label, value))
    return Principal(
        role=role,
        name=str(shared.get(name_key, "")) if name_key else "",
        id_number=str(shared.get(id_key, "")) if id_key else "",
        phone=str(shared.get(phone.key, "")) if phone is not None else "",
        others=tuple(others),
    )


def _later(bundle: EventBundle, catalog: Catalog, item_code: str) -> tuple[str, ...]:
    """The member's fields a department fills in from an earlier member's result, as the
    bundle says them (出生: "参保人公民身份号码：待落户后由部门补录")."""
    return tuple(f"{p.label}：{p.note}" for p in pending_fields(bundle, catalog, item_code))


class GroupPaper:
    """Builds the group documents' inputs for :class:`PrintService` (``ctx.printing``)."""

    def __init__(
        self, printing: PrintService, catalog: Catalog, group: Callable[[str], GroupView]
    ) -> None:
        self._printing = printing
        self._catalog = catalog
        self._group = group

    def _bundle(self, view: GroupView) -> EventBundle | None:
        """The group's bundle; None once a catalog update has withdrawn it (the group and
        its members stay printable, from the members' own answers)."""
        try:
            return self._catalog.event_bundle(view.bundle_code)
        except NotFound:
            return None

    def _member(
        self, bundle: EventBundle | None, m: GroupMemberView, principal: Principal, r: ReceiptData
    ) -> GroupMemberLine:
        item = self._catalog.get(m.item_code)
        due, approximate = r.due_date, r.due_date_approximate
        if m.promised is not None and m.promised != due:  # the group's own count wins
            due, approximate = m.promised, False
        return GroupMemberLine(
            item_name=m.item_name,
            item_code=m.item_code,
            reference=r.reference,
            synced=r.synced,
            query_code=r.query_code,
            impl_code=r.impl_code,
            accepting_body=r.accepting_body or r.department,
            case_kind=r.case_kind,
            promised_days=r.promised_days,
            legal_days=r.legal_days,
            due_date=due,
            due_date_approximate=approximate,
            subject=r.resident_name if r.resident_name != principal.name else "",
            later=_later(bundle, self._catalog, m.item_code) if bundle is not None else (),
            esign_allowed=item.esign_allowed,
            scan_code=r.scan_code,
        )

    def _principal(self, bundle: EventBundle | None, view: GroupView) -> Principal:
        if bundle is None:  # withdrawn: the first member's applicant
            first = self._printing.receipt_data(view.members[0].app_id)
            return Principal("申请人", first.resident_name, first.resident_id_number)
        payloads = {m.item_code: self._printing.case_inputs(m.app_id)[1] for m in view.members}
        return principal_of(bundle, shared_answers(bundle, payloads))

    def _signature(self, view: GroupView) -> bytes | None:
        """The resident's one captured signature (material 签名 on every member, as a single
        filing's). A 委托书 signed on paper and scanned (the bundle's ``signature`` material)
        is not a signature image: the reprint leaves the line to sign on."""
        for m in view.members:
            found = self._printing.signature(m.app_id)
            if found is not None:
                return found
        return None

    def _materials(
        self, bundle: EventBundle | None, view: GroupView, receipts: Mapping[str, ReceiptData]
    ) -> tuple[GroupMaterial, ...]:
        """Each material once (by bundle material), with the members it serves."""
        lines: dict[str, MaterialLine] = {}
        used: dict[str, list[str]] = {}
        for m in view.members:
            for line in receipts[m.app_id].materials:
                mat = bundle.material_for(m.item_code, line.name) if bundle else None
                if mat is not None and mat.id == SIGNATURE_ID:
                    continue  # the signature is not a material the resident brought
                key = mat.id if mat is not None else line.name
                if key not in lines:
                    lines[key] = MaterialLine(
                        mat.name if mat is not None else line.name,
                        mat.form if mat is not None and mat.form else line.form,
                        line.count,
                        line.note,
                    )
                used.setdefault(key, []).append(m.item_name)
        return tuple(GroupMaterial(lines[k], tuple(used[k])) for k in lines)

    def authorization_data(self, group_id: str) -> GroupAuthorizationData:
        view = self._group(group_id)
        bundle = self._bundle(view)
        principal = self._principal(bundle, view)
        receipts = {m.app_id: self._printing.receipt_data(m.app_id) for m in view.members}
        members = tuple(
            self._member(bundle, m, principal, receipts[m.app_id]) for m in view.members
        )
        esign = all(m.esign_allowed for m in members)
        signature = self._signature(view) if esign else None
        profile = self._printing.agent(view.created_by)
        return GroupAuthorizationData(
            station_name=self._printing.station(),
            agent=self._printing.agent_name(view.created_by),
            bundle_name=view.bundle_name,
            bundle_code=view.bundle_code,
            reference=view.group_no or group_local_ref(view.group_id),
            group_numbered=view.group_no is not None,
            principal=principal,
            members=members,
            left_out=tuple(LeftOutLine(x.item_name, x.item_code, x.reason) for x in view.left_out),
            signature_png=signature,
            signed_on=local_date(view.created_at) if signature else None,
            agent_id_number=profile.id_number if profile else "",
            agent_phone=profile.phone if profile else "",
            service_point=profile.service_point if profile else "",
            station_phone=self._printing.station_phone(),
            term_from=local_date(view.created_at),
        )

    def draft_authorization_data(
        self, bundle_code: str, answers: EventAnswers, agent: str
    ) -> GroupAuthorizationData:
        """The 委托书 of a 一件事 not filed yet (to be signed on paper, scanned and attached
        before filing): the members that apply to these answers, the others as not delegated,
        no references yet."""
        bundle = self._catalog.event_bundle(bundle_code)
        today = to_local(utcnow()).date()
        principal = principal_of(bundle, answers.shared)
        members = []
        left = []
        for d in decide_members(self._catalog, bundle, answers.shared, answers.skip, today):
            if not d.applies:
                left.append(LeftOutLine(d.item_name, d.item_code, d.reason))
                continue
            item = self._catalog.get(d.item_code)
            own = answers.members.get(item.code, {})
            payload = member_payload(bundle, item, answers.shared, own, today)
            subject = resident_of(item, payload)[0]
            members.append(
                GroupMemberLine(
                    item_name=item.name,
                    item_code=item.code,
                    reference=NOT_YET,
                    synced=False,
                    accepting_body=item.accepting_body or item.department,
                    case_kind=item.case_kind,
                    promised_days=item.promised_days,
                    subject=subject if subject != principal.name else "",
                    later=_later(bundle, self._catalog, item.code),
                    esign_allowed=item.esign_allowed,
                )
            )
        profile = self._printing.agent(agent)
        return GroupAuthorizationData(
            station_name=self._printing.station(),
            agent=self._printing.agent_name(agent),
            bundle_name=bundle.name,
            bundle_code=bundle.code,
            reference="",
            principal=principal,
            members=tuple(members),
            left_out=tuple(left),
            agent_id_number=profile.id_number if profile else "",
            agent_phone=profile.phone if profile else "",
            service_point=profile.service_point if profile else "",
            station_phone=self._printing.station_phone(),
            term_from=today,
        )

    def receipt_data(self, group_id: str) -> GroupReceiptData:
        view = self._group(group_id)
        bundle = self._bundle(view)
        principal = self._principal(bundle, view)
        receipts = {m.app_id: self._printing.receipt_data(m.app_id) for m in view.members}
        profile = self._printing.agent(view.created_by)
        return GroupReceiptData(
            station_name=self._printing.station(),
            agent=self._printing.agent_name(view.created_by),
            filed_at=view.created_at,
            bundle_name=view.bundle_name,
            bundle_code=view.bundle_code,
            reference=view.group_no or group_local_ref(view.group_id),
            group_numbered=view.group_no is not None,
            principal=principal,
            members=tuple(
                self._member(bundle, m, principal, receipts[m.app_id]) for m in view.members
            ),
            left_out=tuple(LeftOutLine(x.item_name, x.item_code, x.reason) for x in view.left_out),
            materials=self._materials(bundle, view, receipts),
            agent_phone=profile.phone if profile else "",
            service_point=profile.service_point if profile else "",
            station_phone=self._printing.station_phone(),
        )
