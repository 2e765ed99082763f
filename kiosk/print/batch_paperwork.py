"""The paper that travels with a USB batch: the village's export (each case's paper listed
in the manifest), the 交接清单 printed on export and on import at the township, and the
township's 代办点批次汇总. Names are printed as people's real names, never logins."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.changes import NOTHING, Changes
from kiosk.core.clock import utcnow
from kiosk.core.station_info import StationInfo
from kiosk.print.common import MaterialLine
from kiosk.print.handover import HandoverData, HandoverEntry

if TYPE_CHECKING:  # the batch services are handed in; print does not build them
    from kiosk.core.agents import AgentService
    from kiosk.print.service import PrintService
    from kiosk.sync.batch_file import BatchManifest
    from kiosk.sync.batches import VillageBatches
    from kiosk.sync.township_relay import TownshipRelay


@dataclass(frozen=True)
class VillageExport:
    """An export and the hand-over entries built for its manifest, so the printed 交接清单
    reuses them instead of reading every application again."""

    path: Path
    manifest: BatchManifest
    app_ids: list[str]
    entries: tuple[HandoverEntry, ...] = ()

    @property
    def changes(self) -> Changes:
        """The exported applications are now on the stick (lists and counts show it)."""
        return Changes.of_applications(*self.app_ids) if self.app_ids else NOTHING


class BatchPaperwork:
    def __init__(
        self,
        printing: Callable[[], PrintService],
        station: Callable[[], StationInfo | None],
        agents: AgentService,
        village_batches: Callable[[], VillageBatches],
        township: Callable[[], TownshipRelay],
    ) -> None:
        self._printing = printing  # built on first use (fonts, reportlab)
        self._station = station
        self._agents = agents
        self._village_batches = village_batches
        self._township = township

    def export_batch(
        self, out_dir: Path, actor: str, progress: Callable[[int, int], None] | None = None
    ) -> VillageExport:
        """Village: the queue onto a USB stick, with the paper of each case in the manifest."""
        printing = self._printing()
        entries: dict[str, HandoverEntry] = {}

        def paper_of(app_id: str) -> list[dict[str, object]]:
            entries[app_id] = printing.handover_entry(app_id)
            return [asdict(m) for m in entries[app_id].materials]

        result = self._village_batches().export(out_dir, actor, progress, paper_of)
        return VillageExport(
            result.path,
            result.manifest,
            result.app_ids,
            tuple(entries[i] for i in result.app_ids),
        )

    def export_list(self, result: VillageExport, prepared_by: str) -> HandoverData:
        """The 交接清单 printed when a village exports a batch (masked resident names)."""
        station = self._station()
        return HandoverData(
            batch_id=result.manifest.batch_id,
            station_name=station.name if station else "",
            station_code=result.manifest.station_code,
            created_at=utcnow(),
            prepared_by=self.paper_name(prepared_by),
            entries=result.entries,
            batch_file=result.path.name,
        )

    def import_list(self, manifest: BatchManifest, received_by: str) -> HandoverData:
        """The 交接清单 printed when the township imports a batch (the file holds no names)."""
        township = self._station()
        entries = []
        for row in self._township().batch_items(manifest.batch_id):
            carried = json.loads(row.materials or "{}")
            entries.append(
                HandoverEntry(
                    carried.get("reference") or row.client_id[:8],
                    row.item_name,
                    "",
                    tuple(MaterialLine(**m) for m in carried.get("paper", [])),
                )
            )
        return HandoverData(
            batch_id=manifest.batch_id,
            station_name=f"代办点 {manifest.station_code}",
            station_code=manifest.station_code,
            created_at=utcnow(),
            prepared_by="",
            entries=tuple(entries),
            receiver=f"{township.name}（接收人：{self.paper_name(received_by)}）"
            if township
            else "",
        )

    def paper_name(self, who: str) -> str:
        """How a person given by login or by name is printed: a user's real name (profile),
        never their login name; a name typed where no user has it stays as typed."""
        if any(a.name == who for a in self._agents.list()):
            return self._printing().agent_name(who)
        return who

    def township_report(self) -> bytes:
        """代办点批次汇总 PDF of this township station (the dashboard, printable)."""
        station = self._station()
        name, code = (station.name, station.code) if station else ("", "")
        return self._printing().township_report(self._township().villages(), name, code)
