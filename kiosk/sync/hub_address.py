"""Moved to :mod:`kiosk.protocol.hub_address` (the hub's ``provision`` checks the same rule)."""

from kiosk.protocol.hub_address import (
    WHY_EN,
    WHY_ZH,
    hub_url_problem,
    is_loopback,
    require_secure_hub_url,
)

__all__ = [
    "WHY_EN",
    "WHY_ZH",
    "hub_url_problem",
    "is_loopback",
    "require_secure_hub_url",
]
