"""The one error of a refused 一件事 filing: every field error of the answer set, the members
that failed named (nothing was stored)."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.errors import ValidationFailed
from kiosk.core.event_bundle import EventBundle


class EventValidationFailed(ValidationFailed):
    """``field_errors``: the bundle form's field key (typed once, shown there), or
    ``ITEM_CODE/field`` for a member's own field; each message starts with the member's
    name (【事项名称】) when a member's check found it."""

    def __init__(self, bundle_name: str, errors: dict[str, str], members: Sequence[str]) -> None:
        super().__init__(errors)
        self.members = tuple(members)
        where = f"，其中{'、'.join(f'“{m}”' for m in members)}未通过检查" if members else ""
        self.zh = (
            f"“{bundle_name}”有 {len(errors)} 处需要修改{where}。"
            "请按提示更正后再提交，所有事项都没有保存。"
        )
        self.en = f"event bundle filing refused ({len(errors)} errors; members: {list(members)})"


def member_error_key(bundle: EventBundle, item_code: str, member_key: str) -> str:
    """Where an error of a member's field is shown: on the bundle field it was filled from,
    else under the member (``ITEM_CODE/field``)."""
    top, _, rest = member_key.partition(".")
    s = bundle.sources(item_code).get(top)
    if s is not None and s.kind == "field":
        return s.field + (f".{rest}" if rest else "")
    return f"{item_code}/{member_key}"
