"""Composition root: open one station's data dir and wire its services together.

The GUI and the CLI are both clients of this; neither builds services by hand. Nothing here
reads or writes the database itself: each use case lives in the service named for it.
"""

from __future__ import annotations

import base64
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.access_records import AccessRecords
from kiosk.core.agent_profiles import AgentProfiles
from kiosk.core.agents import AgentService
from kiosk.core.applications import ApplicationService
from kiosk.core.attachment_refs import attachment_refs
from kiosk.core.audit import AuditLog
from kiosk.core.backups import BackupService
from kiosk.core.case_service import CaseService
from kiosk.core.catalog import Catalog, station_prefers_village
from kiosk.core.catalog_bundle import load_catalog
from kiosk.core.crypto import DATA_KEY_NAME, DataCipher
from kiosk.core.data_key import open_data_key
from kiosk.core.delivery import DeliveryService
from kiosk.core.delivery_change import DeliveryChangeService
from kiosk.core.device_keys import load_or_create_signing_key
from kiosk.core.errors import KioskError
from kiosk.core.evaluations import EvaluationService
from kiosk.core.event_filing import EventFilingService
from kiosk.core.file_modes import PRIVATE_DIR, private_process, tighten
from kiosk.core.handover import HandoverService
from kiosk.core.public_lookup import PublicCase, lookup
from kiosk.core.residents import ResidentService
from kiosk.core.secrets import SecretStore, open_secret_store
from kiosk.core.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from kiosk.core.station_info import (
    StationInfo,
    hub_box_key,
    read_station,
    station_code,
    station_name,
)
from kiosk.core.statistics_service import StatisticsService
from kiosk.core.temp_files import sweep_stale
from kiosk.core.visit_ratings import VisitRatingService
from kiosk.core.workdays import HolidayCalendar, station_calendar
from kiosk.deploy.catalog_files import FOLDER as UPDATE_CATALOG_FOLDER
from kiosk.deploy.catalog_files import station_catalog
from kiosk.store.blobs import BlobStore
from kiosk.store.db import CLOSE_WAIT_SECONDS, Database
from kiosk.sync.catalog_pull import CatalogFileSink
from kiosk.sync.group_pending import bundle_pending
from kiosk.sync.rating_outbox import RatingOutbox

if TYPE_CHECKING:  # imported when first used: httpx, reportlab and the sync engine cost
    # start-up time that a command such as ``kiosk queue`` never needs
    from kiosk.devices.receipt_code import ReceiptCodes
    from kiosk.print.batch_paperwork import BatchPaperwork
    from kiosk.print.service import PrintService
    from kiosk.sync.batches import VillageBatches  # (and the outbox, the wire models)
    from kiosk.sync.client import HttpHubClient
    from kiosk.sync.complaints import ComplaintBoard
    from kiosk.sync.engine import SyncEngine
    from kiosk.sync.state import SyncStatus
    from kiosk.sync.township_relay import TownshipRelay
    from kiosk.sync.township_uplink import TownshipUplink

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    data_dir: Path
    settings: Settings
    db: Database
    secrets: SecretStore
    cipher: DataCipher
    catalog: Catalog
    blobs: BlobStore
    applications: ApplicationService
    agents: AgentService
    residents: ResidentService
    evaluations: EvaluationService
    audit: AuditLog
    backups: BackupService
    access_records: AccessRecords  # who printed what, who saw full identifiers
    make_printing: Callable[[], PrintService] = field(repr=False)
    _engine: SyncEngine | None = field(default=None, repr=False)
    _engine_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _printing: PrintService | None = field(default=None, repr=False)
    _printing_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    agent_profiles: AgentProfiles | None = None  # real names etc. for paper (None: tests)

    @property
    def printing(self) -> PrintService:
        """Documents (reportlab, fonts): built on first use, not at every start."""
        with self._printing_lock:
            if self._printing is None:
                self._printing = self.make_printing()
            return self._printing

    def station(self) -> StationInfo | None:
        return read_station(self.db)

    def hub_client(self) -> HttpHubClient:
        from kiosk.sync.client import HttpHubClient
        from kiosk.sync.enrollment import DEVICE_TOKEN

        if not self.settings.hub_url:
            raise KioskError("尚未配置省级平台地址，请技术员先完成站点配置。", "no hub URL set")
        return HttpHubClient(
            self.settings.hub_url,
            lambda: self.secrets.get(DEVICE_TOKEN),
            timeout=self.settings.http_timeout_seconds,
            ca_file=self.settings.ca_file,
        )

    def ensure_sound(self) -> None:
        """Waits for the database's integrity check if it still runs (``check_later``);
        raises :class:`kiosk.store.db.DatabaseCorrupt` if it failed."""
        self.db.ensure_sound()

    def sync_status(self) -> SyncStatus:
        """What the status bar shows about syncing, read from the database: no engine and no
        HTTP client (httpx is imported at the first sync or probe, not at start-up)."""
        from kiosk.sync.state import load_status

        return load_status(self.db)

    def sync_engine(self) -> SyncEngine:
        with self._engine_lock:
            if self._engine is None or self._engine.cancelled:
                self._engine = self._new_sync_engine()
            return self._engine

    def _new_sync_engine(self) -> SyncEngine:
        from kiosk.sync.delivery_upload import upload_delivery_changes
        from kiosk.sync.engine import SyncEngine
        from kiosk.sync.enrollment import rotate_device_token

        client = self.hub_client()
        engine = SyncEngine(
            self.db,
            self.cipher,
            self.blobs,
            client,
            self.data_dir / "sync.lock",
            batch_size=self.settings.sync_batch_size,
            # until the catalog import is wired in, the hub's catalog is kept as a file
            apply_catalog=CatalogFileSink(self.data_dir),
            evaluations=self.rating_outbox(),
            rotate_token=lambda: rotate_device_token(self.secrets, client),
        )
        changes = self.delivery_changes
        engine.after_filing = lambda hub: upload_delivery_changes(changes, hub)
        engine.pending_of = bundle_pending(lambda: self.catalog)  # 一件事 (issue 19)
        return engine

    def cancel_sync(self) -> None:
        """From any thread: stop the sync in flight (the station is closing, or its window
        is). Nothing is lost: items on the wire are sent again next time. A later sync uses
        a fresh engine."""
        with self._engine_lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.cancel()

    def provision(
        self,
        hub_url: str,
        station_code: str,
        station_name: str,
        enrollment_code: str,
        ca_file: str = "",
    ) -> str:
        from kiosk.sync.station_provisioning import provision_station

        device_id = provision_station(
            self.db,
            self.settings,
            self.data_dir,
            self.secrets,
            self.hub_client,
            hub_url=hub_url,
            station_code=station_code,
            station_name=station_name,
            enrollment_code=enrollment_code,
            ca_file=ca_file,
        )
        self._engine = None
        self.catalog.prefer_village = station_prefers_village(station_code)
        return device_id

    def set_hub_url(self, hub_url: str) -> None:
        from kiosk.sync.station_provisioning import change_hub_url

        change_hub_url(self.settings, self.data_dir, hub_url)
        self._engine = None

    def remember_text_size(self, agent: str, size: int) -> None:
        """The workspace text size (percent) this agent chose, kept in the settings file."""
        self.settings.workspace_text_sizes[agent] = size
        save_settings(self.data_dir, self.settings)

    def run_maintenance(self) -> dict[str, object]:
        """Daily backup (rotated) and the retention purge; safe to call often."""
        from kiosk.core.retention import purge_expired

        info = self.backups.daily()
        purged = purge_expired(self.db, self.audit, self.blobs, self.settings.retention_days)
        return {"backup": info.path.name if info else None, "purged": purged}

    def calendar(self) -> HolidayCalendar:
        """The station's one working-day calendar (the ``holidays_file`` setting)."""
        return station_calendar(self.settings.holidays_file, self.data_dir)

    def receipt_codes(self) -> ReceiptCodes:
        """The receipt's signed scan code (kiosk/devices/receipt_code.py)."""
        from kiosk.devices.receipt_code import ReceiptCodes

        db = self.db
        return ReceiptCodes(
            lambda: load_or_create_signing_key(self.secrets), lambda: station_code(db)
        )

    def case_of_receipt(self, scanned: str) -> str:
        """The application id a receipt's scanned code names (signed by this station)."""
        return self.cases.by_reference(self.receipt_codes().read(scanned).reference)

    def public_lookup(self, case_no: str, query_code: str) -> PublicCase | None:
        """A resident's own case by case number + query code (self-service terminal)."""
        return lookup(
            self.db,
            self.catalog,
            self.cipher,
            case_no,
            query_code,
            calendar=self.calendar(),
            terminal=self.settings.install_id,
        )

    @property
    def village_batches(self) -> VillageBatches:
        from kiosk.sync.batches import VillageBatches

        batches = VillageBatches(
            self.db,
            self.cipher,
            self.blobs,
            self.audit,
            lambda: load_or_create_signing_key(self.secrets),
            self.rating_outbox(),
        )
        batches.pending_of = bundle_pending(lambda: self.catalog)  # 一件事 (issue 19)
        return batches

    @property
    def visit_ratings(self) -> VisitRatingService:
        """一次一评 at the desk (the four dimensions of GB/T 39734)."""
        return VisitRatingService(self.db, self.cipher, self.audit)

    def rating_outbox(self) -> RatingOutbox:
        """Both kinds of rating, with who rated sealed to the hub's key."""

        db = self.db
        return RatingOutbox(
            self.evaluations,
            self.visit_ratings,
            self.applications.payload,
            lambda app_id: self.applications.get(app_id).created_by,
            lambda: hub_box_key(db),
        )

    def complaint_board(self) -> ComplaintBoard:
        """差评 of this station (a township: of its villages), from the hub."""
        from kiosk.sync.complaints import ComplaintBoard

        return ComplaintBoard(self.hub_client)

    @property
    def handover(self) -> HandoverService:
        """结果交付 at the desk: what waits, the hand-over, the 交付回执's data."""
        return HandoverService(self.db, self.cipher, self.blobs, self.audit)

    @property
    def delivery_changes(self) -> DeliveryChangeService:
        """The resident's new choice of how the result reaches them, until 办结."""
        return DeliveryChangeService(self.db, self.cipher, self.audit, self.catalog.divisions)

    @property
    def delivery(self) -> DeliveryService:
        """How results reach residents: courier steps, hand-over at the desk."""
        return DeliveryService(self.db)

    @property
    def event_filings(self) -> EventFilingService:
        """一件事一次办: the bundles, which members apply, filing a group, group queries."""
        return EventFilingService(
            self.db,
            self.cipher,
            self.catalog,
            self.blobs,
            self.audit,
            missing_glyphs=_missing_glyphs,
            calendar=self.calendar,
        )

    @property
    def cases(self) -> CaseService:
        """The case list's pages, the dashboard's counts, a resident's cases."""
        return CaseService(self.db, self.catalog, self.cipher, self.residents, self.calendar)

    @property
    def statistics(self) -> StatisticsService:
        """The monthly report and its audited export."""
        return StatisticsService(self.db, self.audit)

    @property
    def township_uplink(self) -> TownshipUplink:
        """A township's relay up to the hub and the villages' return files from it."""
        from kiosk.sync.township_uplink import TownshipUplink

        return TownshipUplink(self.township, self.hub_client)

    @property
    def township(self) -> TownshipRelay:
        from kiosk.sync.township_relay import TownshipRelay

        return TownshipRelay(
            self.db, self.data_dir, self.audit, self.catalog, calendar=self.calendar()
        )

    @property
    def batch_paperwork(self) -> BatchPaperwork:
        """A village's USB export with each case's paper, the 交接清单 on export and on
        import, the township's report (reportlab: imported at first use)."""
        from kiosk.print.batch_paperwork import BatchPaperwork

        return BatchPaperwork(
            lambda: self.printing,
            self.station,
            self.agents,
            lambda: self.village_batches,
            lambda: self.township,
        )

    def close(self, wait_seconds: float = CLOSE_WAIT_SECONDS) -> None:
        """Close the station's database. The UI first ends its background work
        (``kiosk.ui.worker.TaskRunner.close``); work still using the database makes this
        wait (bounded) and then refuse rather than pull a connection from under it."""
        self.cancel_sync()
        self.db.close(wait_seconds)


def _station_settings(data_dir: Path, demo: bool = False) -> Settings:
    """The station's settings; on first use they are saved at once, because the install id
    in them names the station's keyring entries (the data key must be found again)."""
    private_process()  # files made from here on (backups, blobs, rotated logs) start private
    data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    tighten(data_dir)  # 0700 / 0600: not readable by another user of this PC
    settings = load_settings(data_dir)
    if not (data_dir / SETTINGS_FILE).exists():
        if demo:
            settings.demo = True
            settings.secret_store = "demo-file"
        save_settings(data_dir, settings)
    return settings


def open_context(data_dir: Path, *, demo: bool = False, check_later: bool = False) -> AppContext:
    """The station in ``data_dir``. ``check_later``: the database's integrity check runs in
    a thread while the station starts; writes wait for it (see :meth:`Database.open`)."""
    settings = _station_settings(data_dir, demo)
    secrets = open_secret_store(settings.secret_store, settings.install_id, data_dir)
    sweep_stale(data_dir)  # plaintext scratch files a crash left behind
    secrets.get(DATA_KEY_NAME)  # no usable keyring: refuse before anything is created on disk
    db = Database.open(data_dir, check_later=check_later)
    try:
        data_key = open_data_key(secrets, db)  # refuses a key that is not this database's
    except BaseException:
        db.close()
        raise
    cipher = DataCipher(data_key)
    catalog = load_catalog(data_dir)  # imported updates + shipped; search index in data_dir
    if (data_dir / UPDATE_CATALOG_FOLDER).is_dir():  # a catalog delivered by an offline update
        catalog = station_catalog(data_dir)
    blobs = BlobStore(data_dir / "blobs", cipher)
    audit_log = AuditLog(cipher)
    profiles = AgentProfiles(db, cipher, audit_log)
    residents = ResidentService(db, cipher, audit_log)
    applications = ApplicationService(
        db,
        cipher,
        catalog,
        blobs,
        audit_log,
        on_resident_submit=residents.remember_application,
        missing_glyphs=_missing_glyphs,
    )
    ctx = AppContext(
        data_dir=data_dir,
        settings=settings,
        db=db,
        secrets=secrets,
        cipher=cipher,
        catalog=catalog,
        blobs=blobs,
        applications=applications,
        agents=AgentService(db, audit_log, cipher.pin_key),
        residents=residents,
        evaluations=EvaluationService(db, cipher, audit_log),
        audit=audit_log,
        backups=BackupService(data_dir, db, cipher, data_key, audit_log, station_code(db)),
        access_records=AccessRecords(db, audit_log),
        make_printing=lambda: _print_service(
            applications,
            catalog,
            lambda: station_name(db),
            settings=settings,
            data_dir=data_dir,
            attachments=lambda app_id: attachment_refs(applications, app_id),
            blob=blobs.get,
            agent_profile=profiles.get,
            scan_code=lambda ref, query: ctx.receipt_codes().make(ref, query),
            answers_in_force=lambda app_id, answers: ctx.delivery_changes.current(app_id, answers),
            groups=lambda group_id: ctx.event_filings.get_group(group_id),
        ),
        agent_profiles=profiles,
    )
    station = ctx.station()
    catalog.prefer_village = station_prefers_village(station.code if station else "")
    return ctx


def _missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` no shipped print font has (fonts loaded on first use)."""
    from kiosk.print.fonts import missing_glyphs

    return missing_glyphs(text)


def _print_service(*args: Any, **kwargs: Any) -> PrintService:
    from kiosk.print.service import PrintService

    return PrintService(*args, **kwargs)


def open_secrets_only(data_dir: Path) -> tuple[SecretStore, bytes | None]:
    """The secret store and backup key without opening the database (for restore, which
    may be the first thing a new PC does: the key it installs must be found at next start)."""
    settings = _station_settings(data_dir)
    secrets = open_secret_store(settings.secret_store, settings.install_id, data_dir)
    stored = secrets.get(DATA_KEY_NAME)
    if not stored:
        return secrets, None
    return secrets, DataCipher(base64.b64decode(stored)).backup_key
