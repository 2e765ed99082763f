"""What the paper of one 一件事 filing (an application group, issue 19) is made from.

One 代办委托书 for the whole group (the resident signs once) and one 受理回执 that lists every
sub-case with its own reference, query code and promised date. The builders
(``group_authorization.py``, ``group_receipt.py``) take these plain dataclasses; the service
(``group_documents.py``) fills them from the stored group and its member applications.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.core.event_views import group_local_ref as group_local_ref
from kiosk.print.common import MaterialLine, date_zh


@dataclass(frozen=True)
class GroupMemberLine:
    """One sub-case of the group, as both documents print it."""

    item_name: str
    item_code: str
    reference: str  # case number once synced, the member's local reference while offline
    synced: bool
    query_code: str | None = None
    impl_code: str = ""
    accepting_body: str = ""  # 受理机关 (else the department)
    case_kind: str = ""  # 承诺件 / 即办件
    promised_days: int = 0  # 承诺办结时限 (working days; 0: 即办)
    legal_days: int | None = None
    due_date: dt.date | None = None  # 预计办结
    due_date_approximate: bool = False  # beyond the holiday list: 如遇法定节假日顺延
    subject: str = ""  # whom the member is for, when not the principal (the baby: 何安安)
    later: tuple[str, ...] = ()  # fields a department fills in later (待落户后由部门补录)
    esign_allowed: bool = True
    scan_code: str = ""  # the receipt QR's signed code (kiosk/devices/receipt_code)

    @property
    def reference_label(self) -> str:
        return "办件编号" if self.synced else "本地受理号"

    @property
    def time_limit(self) -> str:
        return f"{self.promised_days} 个工作日" if self.promised_days else "即办"

    @property
    def due_text(self) -> str:
        if self.due_date is None:
            return "报送后确定" if self.promised_days else "即办"
        text = date_zh(self.due_date)
        return text + "（如遇法定节假日顺延）" if self.due_date_approximate else text


@dataclass(frozen=True)
class LeftOutLine:
    """A member of the bundle not filed this time, and why (not delegated, not received)."""

    item_name: str
    item_code: str
    reason: str


@dataclass(frozen=True)
class GroupMaterial:
    """A material received once for the group, and the members it serves."""

    line: MaterialLine
    used_by: tuple[str, ...]  # member item names


@dataclass(frozen=True)
class Principal:
    """The resident who signs the group's 委托书 (委托人)."""

    role: str  # 申请人 / 监护人
    name: str
    id_number: str  # printed masked
    phone: str = ""  # printed masked
    others: tuple[tuple[str, str], ...] = ()  # the other people named (label, value), masked


@dataclass(frozen=True)
class GroupAuthorizationData:
    station_name: str
    agent: str  # the agent's real name (profile), never the login name
    bundle_name: str
    bundle_code: str
    reference: str  # the hub's group number, else the group's local reference
    principal: Principal
    members: tuple[GroupMemberLine, ...]
    left_out: tuple[LeftOutLine, ...] = ()
    signature_png: bytes | None = None  # the captured signature (only if every member allows)
    signed_on: dt.date | None = None
    agent_id_number: str = ""  # full on the station's copy, masked on the resident's
    agent_phone: str = ""
    service_point: str = ""
    station_phone: str = ""
    term_from: dt.date | None = None  # the filing date
    group_numbered: bool = False  # the hub has numbered the group (reference is group_no)

    @property
    def reference_label(self) -> str:
        return "一件事编号" if self.group_numbered else "一件事受理号"

    @property
    def paper_only(self) -> tuple[GroupMemberLine, ...]:
        """Members whose law wants a handwritten signature (then the whole 委托书 is signed
        by hand: one signature covers every member)."""
        return tuple(m for m in self.members if not m.esign_allowed)


@dataclass(frozen=True)
class GroupReceiptData:
    station_name: str
    agent: str
    filed_at: dt.datetime  # UTC
    bundle_name: str
    bundle_code: str
    reference: str  # the hub's group number, else the group's local reference
    group_numbered: bool  # the hub has numbered the group
    principal: Principal
    members: tuple[GroupMemberLine, ...]
    left_out: tuple[LeftOutLine, ...] = ()
    materials: tuple[GroupMaterial, ...] = ()
    agent_phone: str = ""
    service_point: str = ""
    station_phone: str = ""

    @property
    def reference_label(self) -> str:
        return "一件事编号" if self.group_numbered else "一件事受理号"

    @property
    def all_synced(self) -> bool:
        return all(m.synced for m in self.members)
