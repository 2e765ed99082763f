"""Sends the residents' changed delivery choices (kiosk/core/delivery_change.py) to the hub,
after the ratings in each sync cycle. Idempotent at the hub: the latest change wins."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.core.delivery_change import DeliveryChangeService
from kiosk.protocol import wire as p

if TYPE_CHECKING:
    from kiosk.sync.client import HttpHubClient

log = logging.getLogger(__name__)


def upload_delivery_changes(service: DeliveryChangeService, client: HttpHubClient) -> int:
    """Returns how many changes the hub took (or already had)."""
    from kiosk.sync.client import HubRefused

    sent = 0
    for change in service.pending():
        try:
            client.change_delivery(change.wire())
        except HubRefused as exc:
            if exc.kind == p.PROBLEM_CASE_NOT_FOUND:
                continue  # the hub does not have the case yet: next time
            # a definite refusal (办结 meanwhile, invalid): keep it out of later syncs
            log.warning("delivery change refused by the hub: %s", exc.en)
        service.confirm(change.application_id, change.changed_at)
        sent += 1
    return sent
