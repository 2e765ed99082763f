"""一件事: which fields of a member the department fills in from an earlier member's result
(the baby's 身份号码 exists only after 出生登记/落户). The station leaves them empty; the
group request names them (``pending``: docs/protocol.md §4.3a) so the hub does not require
them of that member, and keeps them for the department.

Where they come from is the bundle's field map (``from_result`` sources) in the station's
catalog; a catalog without event bundles names none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.protocol.errors import KioskError

# (bundle code, member item code) -> {field key: item code of the member whose result fills it}
PendingOf = Callable[[str, str], dict[str, str]]


def bundle_pending(catalog: Callable[[], Any]) -> PendingOf:
    """The ``from_result`` fields of the station's event bundles (``catalog()`` is read at
    each call: a catalog update takes effect at once)."""

    def pending(bundle_code: str, item_code: str) -> dict[str, str]:
        find = getattr(catalog(), "event_bundle", None)
        if find is None:
            return {}
        try:
            bundle = find(bundle_code)
        except KioskError:
            return {}  # a bundle this catalog no longer has: its members are checked whole
        return {
            str(key): str(source.member)
            for key, source in bundle.sources(item_code).items()
            if source.kind == "from_result"
        }

    return pending


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def pending_fields(
    bundle_code: str, members: list[tuple[str, str, dict[str, Any]]], pending_of: PendingOf | None
) -> list[dict[str, str]]:
    """``{client_id, field, source}`` for each field a member leaves empty for an earlier
    member's result; ``members``: (client id, item code, payload) in the group."""
    if pending_of is None:
        return []
    by_item = {item_code: client_id for client_id, item_code, _ in members}
    out = []
    for client_id, item_code, payload in members:
        for key, source_item in pending_of(bundle_code, item_code).items():
            source = by_item.get(source_item)
            if source and source != client_id and _empty(payload.get(key)):
                out.append({"client_id": client_id, "field": key, "source": source})
    return out
