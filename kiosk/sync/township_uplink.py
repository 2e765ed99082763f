"""The township station's work with the hub, each a whole use case: relay the villages'
batches up (after refreshing the villages' signing keys) and fetch the villages' return
files. Opens and closes its own HTTP client, so the UI never holds one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.sync.township_relay import RelayOutcome, TownshipRelay

if TYPE_CHECKING:
    from kiosk.sync.client import HttpHubClient


class TownshipUplink:
    def __init__(self, relay: TownshipRelay, hub_client: Callable[[], HttpHubClient]) -> None:
        self._relay = relay
        self._hub_client = hub_client  # a new client per use case (closed after it)

    def relay(self) -> RelayOutcome:
        """The villages' keys from the hub, then every batch waiting to go up."""
        client = self._hub_client()
        try:
            self._relay.refresh_villages(client)
            return self._relay.relay(client)
        finally:
            client.close()

    def export_returns(self, folder: Path) -> list[Path]:
        """Each village's return file (its cases' state at the hub) into ``folder``."""
        client = self._hub_client()
        try:
            return self._relay.export_returns(client, folder)
        finally:
            client.close()
