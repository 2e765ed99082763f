"""PrintService: turn applications, catalog items and batches into their documents (PDF bytes).

Documents are regenerated whenever they are (re)printed, never stored: they hold personal
data (docs/design.md §5: no plaintext personal data on disk) and every input is already stored,
encrypted, in the station database. A reprint is therefore the same document, except that
an offline receipt's local reference becomes the case number once the case has synced.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.agent_identity import AgentProfile
from kiosk.core.applications import ApplicationService, ApplicationView
from kiosk.core.attachment_refs import AttachmentRef
from kiosk.core.catalog import Catalog, CatalogItem
from kiosk.core.delivery import delivery_line
from kiosk.core.errors import InputError, KioskError
from kiosk.core.settings import Settings
from kiosk.core.status import AppStatus
from kiosk.core.workdays import HolidayCalendar, station_calendar
from kiosk.forms import answer_extras
from kiosk.print.applicant import resident_of
from kiosk.print.common import fee_text, local_date
from kiosk.print.kinds import DocumentKind
from kiosk.print.materials import SIGNATURE_MATERIAL, materials_received, mentioned_materials
from kiosk.print.paper import Layout
from kiosk.print.preferences import PrintPreferences
from kiosk.print.template import PrintTemplate, load_template
from kiosk.print.township_report import VillageLike, build_township_report

if TYPE_CHECKING:  # the builders import reportlab: loaded when a document is first made
    from kiosk.core.event_plan import EventAnswers
    from kiosk.core.event_views import GroupView
    from kiosk.print.authorization import AuthorizationData
    from kiosk.print.group_data import GroupAuthorizationData, GroupReceiptData
    from kiosk.print.group_documents import GroupPaper
    from kiosk.print.handover import HandoverData, HandoverEntry
    from kiosk.print.receipt import ReceiptData
    from kiosk.print.supplement import SupplementData
log = logging.getLogger(__name__)

_DATE_IN_TEXT = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_IMAGE_MIMES = ("image/png", "image/jpeg")
# printed where an agent's real name belongs until the technician registers it
UNREGISTERED_AGENT = "（实名未登记，请代办员手写签名）"


def _delivery(item: CatalogItem, payload: Mapping[str, Any]) -> str:
    """The resident's choice: the filing's (answers key ``result_delivery``, chosen at the
    desk), else the item's own question (some forms ask "delivery": 代办点领取 / 邮寄到家),
    else what the item offers."""
    if isinstance(payload.get(answer_extras.DELIVERY), Mapping):
        return delivery_line(payload)
    chosen = payload.get("delivery") or payload.get("delivery_method")
    address = payload.get("delivery_address")
    if isinstance(chosen, Mapping):
        address = chosen.get("address") or address
        chosen = chosen.get("method") or chosen.get("label")
    if isinstance(chosen, str) and chosen:
        return f"{chosen}（{address}）" if isinstance(address, str) and address else chosen
    options = [str(o) for o in item.raw.get("delivery") or []]
    if len(options) == 1:
        return options[0]
    return "、".join(options) + "（任选其一）" if options else ""


def _no_groups(group_id: str) -> GroupView:
    raise KioskError(
        "本站点未启用“一件事”办件，无法打印一件事文书。",
        f"PrintService was built without group queries ({group_id})",
    )


def deadline_in(text: str) -> dt.date | None:
    """A date written in a note ("请于2026年12月4日前补交…"), if any."""
    m = _DATE_IN_TEXT.search(text)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


class PrintService:
    def __init__(
        self,
        applications: ApplicationService,
        catalog: Catalog,
        station_name: Callable[[], str],
        *,
        settings: Settings | None = None,
        data_dir: Path | None = None,
        attachments: Callable[[str], list[AttachmentRef]] | None = None,
        blob: Callable[[str], bytes] | None = None,
        agent_profile: Callable[[str], AgentProfile | None] | None = None,
        scan_code: Callable[[str, str | None], str] | None = None,
        answers_in_force: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
        groups: Callable[[str], GroupView] | None = None,
    ) -> None:
        """``attachments``: an application's attachment list; ``blob``: decrypted bytes by
        sha256; ``groups``: a 一件事 group by id (``ctx.event_filings.get_group``) (all wired
        by the composition root: print never touches the database)."""
        self._apps = applications
        self._catalog = catalog
        self._station_name = station_name
        self._settings = settings or Settings()
        self._data_dir = data_dir
        self._attachment_refs = attachments
        self._blob = blob
        self._agent_profile = agent_profile
        self._scan_code = scan_code  # the receipt QR's signed code (kiosk/devices/receipt_code)
        # the answers with a delivery choice changed after filing (kiosk/core/delivery_change)
        self._answers_in_force = answers_in_force
        self._groups = groups
        self._group_paper: GroupPaper | None = None
        self.preferences = PrintPreferences(self._settings, data_dir)

    # --- shared inputs ---------------------------------------------------------------------
    def template(self) -> PrintTemplate:
        return load_template(self._data_dir)

    def calendar(self) -> HolidayCalendar:
        return station_calendar(self._settings.holidays_file, self._data_dir)

    def station(self) -> str:
        return self.template().station_name(self._station_name())

    def agent(self, login: str) -> AgentProfile | None:
        """The agent's identity on paper; the login name itself is never printed."""
        return self._agent_profile(login) if self._agent_profile is not None else None

    def agent_name(self, login: str) -> str:
        profile = self.agent(login)
        return profile.real_name if profile else UNREGISTERED_AGENT

    def station_phone(self) -> str:
        return self.template().text("station", "contact")

    def _attachments(self, app_id: str) -> list[AttachmentRef]:
        return self._attachment_refs(app_id) if self._attachment_refs is not None else []

    def case_inputs(self, app_id: str) -> tuple[ApplicationView, dict[str, Any], CatalogItem]:
        """An application's view, its answers in force and its catalog item."""
        return self._loaded(app_id)

    def _loaded(self, app_id: str) -> tuple[ApplicationView, dict[str, Any], CatalogItem]:
        view = self._apps.get(app_id)
        payload = self._apps.payload(app_id)
        if self._answers_in_force is not None:
            payload = self._answers_in_force(app_id, payload)
        return view, payload, self._catalog.get(view.item_code)

    # --- documents of an application -------------------------------------------------------
    def receipt_data(self, app_id: str) -> ReceiptData:
        from kiosk.print.receipt import ReceiptData

        view, payload, item = self._loaded(app_id)
        name, id_number, _ = resident_of(item, payload)
        filed_at = view.queued_at or view.created_at
        due = (
            self.calendar().add_working_days(local_date(filed_at), item.promised_days)
            if item.promised_days
            else None
        )
        materials = materials_received(item.guide, (a.material for a in self._attachments(app_id)))
        profile = self.agent(view.created_by)
        return ReceiptData(
            station_name=self.station(),
            agent=profile.real_name if profile else UNREGISTERED_AGENT,
            agent_phone=profile.phone if profile else "",
            service_point=profile.service_point if profile else "",
            station_phone=self.station_phone(),
            department_phone=item.department_phone,
            impl_code=item.impl_code,
            accepting_body=item.accepting_body,
            legal_days=item.legal_days,
            filed_at=filed_at,
            item_name=view.item_name,
            item_code=view.item_code,
            reference=view.case_no or view.local_ref,
            synced=view.case_no is not None,
            resident_name=name,
            resident_id_number=id_number,
            promised_days=item.promised_days,
            query_code=view.query_code,
            case_kind=item.case_kind,
            department=item.department,
            due_date=due.date if due else None,
            due_date_approximate=due.approximate if due else False,
            materials=materials.received,
            missing_materials=materials.missing,
            delivery=_delivery(item, payload),
            fee=fee_text(item.raw.get("fee_fen"), str(item.guide.get("fee") or "")),
            scan_code=(
                self._scan_code(view.case_no or view.local_ref, view.query_code)
                if self._scan_code is not None
                else ""
            ),
        )

    def receipt(self, app_id: str, layout: Layout = Layout.A4) -> bytes:
        from kiosk.print.receipt import build_receipt

        return build_receipt(self.receipt_data(app_id), layout, self.template())

    def signature(self, app_id: str, material: str = SIGNATURE_MATERIAL) -> bytes | None:
        """The resident's captured signature (latest image attachment of ``material``, 签名
        for a single application; a 一件事 member names its bundle's signature material)."""
        refs = [a for a in self._attachments(app_id) if a.material == material]
        refs = [a for a in refs if a.mime in _IMAGE_MIMES]
        if not refs or self._blob is None:
            return None
        return self._blob(refs[-1].sha256)

    def authorization_data(self, app_id: str) -> AuthorizationData:
        from kiosk.print.authorization import AuthorizationData

        view, payload, item = self._loaded(app_id)
        name, id_number, phone = resident_of(item, payload)
        signature = self.signature(app_id) if item.esign_allowed else None
        profile = self.agent(view.created_by)
        return AuthorizationData(
            station_name=self.station(),
            agent=profile.real_name if profile else UNREGISTERED_AGENT,
            agent_id_number=profile.id_number if profile else "",
            agent_phone=profile.phone if profile else "",
            service_point=profile.service_point if profile else "",
            station_phone=self.station_phone(),
            resident_name=name,
            resident_id_number=id_number,
            resident_phone=phone,
            item_name=view.item_name,
            item_code=view.item_code,
            impl_code=item.impl_code,
            accepting_body=item.accepting_body,
            esign_allowed=item.esign_allowed,
            reference=view.case_no or view.local_ref,
            signature_png=signature,
            signed_on=local_date(view.created_at) if signature else None,
            term_from=local_date(view.queued_at or view.created_at),
        )

    def authorization(self, app_id: str) -> bytes:
        from kiosk.print.authorization import build_authorization

        return build_authorization(self.authorization_data(app_id), self.template())

    def signature_page(self, app_id: str) -> bytes:
        """The paper signature page of an item that may not be signed on screen."""
        from kiosk.print.signature_page import SignaturePageData, build_signature_page

        view, payload, item = self._loaded(app_id)
        name, id_number, _ = resident_of(item, payload)
        data = SignaturePageData(
            station_name=self.station(),
            agent=self.agent_name(view.created_by),
            item_name=view.item_name,
            item_code=view.item_code,
            impl_code=item.impl_code,
            accepting_body=item.accepting_body,
            reference=view.case_no or view.local_ref,
            resident_name=name,
            resident_id_number=id_number,
            filed_at=view.queued_at or view.created_at,
        )
        return build_signature_page(data, self.template())

    def supplement_data(self, app_id: str) -> SupplementData:
        from kiosk.print.supplement import SupplementData

        view, payload, item = self._loaded(app_id)
        requests = [
            e for e in self._apps.timeline(app_id) if e.to_status is AppStatus.NEED_SUPPLEMENT
        ]
        if not requests:
            raise InputError(
                f"办件 {view.case_no or view.local_ref} 没有补齐补正要求，无需打印补正告知书。",
                f"application {app_id} has no supplement request",
            )
        request = requests[-1]
        deadline = deadline_in(request.reason)
        approximate = False
        if deadline is None and self._settings.supplement_days > 0:
            due = self.calendar().add_working_days(
                local_date(request.at), self._settings.supplement_days
            )
            deadline, approximate = due.date, due.approximate
        name, _, _ = resident_of(item, payload)
        return SupplementData(
            station_name=self.station(),
            agent=self.agent_name(view.created_by),
            item_name=view.item_name,
            item_code=view.item_code,
            reference=view.case_no or view.local_ref,
            resident_name=name,
            requested_at=request.at,
            reason=request.reason,
            missing=tuple(mentioned_materials(item.guide, request.reason)),
            deadline=deadline,
            deadline_approximate=approximate,
        )

    def supplement(self, app_id: str, layout: Layout = Layout.A4) -> bytes:
        from kiosk.print.supplement import build_supplement

        return build_supplement(self.supplement_data(app_id), layout, self.template())

    # --- documents of a 一件事 group (kiosk/print/group_documents.py) ----------------------
    def _paper(self) -> GroupPaper:
        from kiosk.print.group_documents import GroupPaper

        if self._group_paper is None:
            self._group_paper = GroupPaper(self, self._catalog, self._groups or _no_groups)
        return self._group_paper

    def group_authorization_data(self, group_id: str) -> GroupAuthorizationData:
        return self._paper().authorization_data(group_id)

    def group_authorization(self, group_id: str) -> bytes:
        """One 代办委托书 for the whole group (A4, two copies): every member item, one
        signature; members left out are named as not delegated."""
        from kiosk.print.group_authorization import build_group_authorization

        return build_group_authorization(self.group_authorization_data(group_id), self.template())

    def event_authorization_data(
        self, bundle_code: str, answers: EventAnswers, agent: str
    ) -> GroupAuthorizationData:
        return self._paper().draft_authorization_data(bundle_code, answers, agent)

    def event_authorization(self, bundle_code: str, answers: EventAnswers, agent: str) -> bytes:
        """The 一件事代办委托书 BEFORE filing, to be signed by hand and scanned back: the
        members that apply to ``answers`` (the others named as not delegated), references
        "提交后生成". ``agent``: the login of the agent filing it."""
        from kiosk.print.group_authorization import build_group_authorization

        data = self.event_authorization_data(bundle_code, answers, agent)
        return build_group_authorization(data, self.template())

    def group_receipt_data(self, group_id: str) -> GroupReceiptData:
        return self._paper().receipt_data(group_id)

    def group_receipt(self, group_id: str, layout: Layout = Layout.A4) -> bytes:
        """One 受理回执 for the whole group: every sub-case with its own reference, query
        code, promised time limit and date, and QR code."""
        from kiosk.print.group_receipt import build_group_receipt

        return build_group_receipt(self.group_receipt_data(group_id), layout, self.template())

    # --- documents without an application --------------------------------------------------
    def guide(self, item_code: str) -> bytes:
        from kiosk.print.guide import GuideData, build_guide

        item = self._catalog.get(item_code)
        return build_guide(GuideData.from_item(item), self.template(), self._station_name())

    def handover_entry(self, app_id: str) -> HandoverEntry:
        """One case of a batch: the paper that travels with it is what was received, except
        scans (already in the batch file) and originals returned to the resident."""
        from kiosk.print.handover import HandoverEntry

        view, payload, item = self._loaded(app_id)
        name, _, _ = resident_of(item, payload)
        received = materials_received(
            item.guide, (a.material for a in self._attachments(app_id))
        ).received
        paper = tuple(m for m in received if m.form != "扫描件" and "退回" not in m.note)
        return HandoverEntry(view.case_no or view.local_ref, view.item_name, name, paper)

    def handover(self, data: HandoverData) -> bytes:
        from kiosk.print.handover import build_handover

        return build_handover(data, self.template())

    def township_report(
        self, villages: Sequence[VillageLike], township_name: str, township_code: str
    ) -> bytes:
        """代办点批次汇总 (A4): the township's villages, from ``ctx.township.villages()``."""
        footer = self.template().text("footer", "text")
        return build_township_report(villages, township_name, township_code, footer=footer)

    # --- one entry point for the CLI and the UI --------------------------------------------
    def render(self, kind: DocumentKind, target: str, layout: Layout | None = None) -> bytes:
        """``target``: application id (receipt, authorization, supplement, signature page),
        group id (group receipt, group authorization) or item code (guide)."""
        layout = layout or self.preferences.layout(kind)
        kind.check_layout(layout)
        if kind is DocumentKind.RECEIPT:
            return self.receipt(target, layout)
        if kind is DocumentKind.AUTHORIZATION:
            return self.authorization(target)
        if kind is DocumentKind.SUPPLEMENT:
            return self.supplement(target, layout)
        if kind is DocumentKind.GUIDE:
            return self.guide(target)
        if kind is DocumentKind.SIGNATURE_PAGE:
            return self.signature_page(target)
        if kind is DocumentKind.GROUP_RECEIPT:
            return self.group_receipt(target, layout)
        if kind is DocumentKind.GROUP_AUTHORIZATION:
            return self.group_authorization(target)
        if kind is DocumentKind.DELIVERY_RECEIPT:
            raise KioskError(
                "交付回执在结果交付时生成，请在办件页面点“打印交付回执”。",
                "delivery receipts are rendered from the hand-over record, not by target id",
            )
        raise KioskError(
            "交接清单由批次功能生成，请在批次页面打印。",
            f"{kind.value} documents are rendered from batch data, not by target id",
        )
