"""Administrative divisions (统计用区划代码) for the address cascade.

Codes nest by length: province 2 digits, city 4, county 6 (GB/T 2260), township 9 and
village 12 (统计用区划代码). A table maps each known code to its name; parents follow from
the code itself. The catalog ships the station's province down to the county and its own
county down to the villages; the rest of the country is known down to the province.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LEVELS = ("province", "city", "county", "township", "village")
LEVEL_NAMES = {
    "province": "省",
    "city": "市",
    "county": "县（市、区）",
    "township": "乡镇（街道）",
    "village": "村（社区）",
}
CODE_LENGTHS = (2, 4, 6, 9, 12)


def level_of(code: str) -> str | None:
    if not code.isdigit() or len(code) not in CODE_LENGTHS:
        return None
    return LEVELS[CODE_LENGTHS.index(len(code))]


def parent_of(code: str) -> str | None:
    i = CODE_LENGTHS.index(len(code))
    return None if i == 0 else code[: CODE_LENGTHS[i - 1]]


@dataclass(frozen=True)
class Division:
    code: str
    name: str

    @property
    def level(self) -> str:
        level = level_of(self.code)
        assert level is not None
        return level


class DivisionTable:
    """Known divisions by code, with children lists for the cascade."""

    def __init__(self, names: Mapping[str, str]) -> None:
        bad = [c for c in names if level_of(c) is None]
        if bad:
            raise ValueError(f"bad division codes: {bad[:5]}")
        self._names = dict(names)
        self._children: dict[str, list[str]] = {}
        for code in sorted(self._names):
            parent = parent_of(code)
            if parent is not None and parent not in self._names:
                raise ValueError(f"division {code} has no parent {parent} in the table")
            self._children.setdefault(parent or "", []).append(code)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DivisionTable:
        return cls({str(k): str(v) for k, v in data.items()})

    def to_json(self) -> dict[str, str]:
        return dict(sorted(self._names.items()))

    def __contains__(self, code: object) -> bool:
        return code in self._names

    def __len__(self) -> int:
        return len(self._names)

    def name(self, code: str) -> str:
        return self._names[code]

    def children(self, code: str = "") -> list[Division]:
        """Divisions directly below ``code`` ("" for the provinces), in code order."""
        return [Division(c, self._names[c]) for c in self._children.get(code, [])]

    def path(self, code: str) -> list[Division]:
        """From the province down to ``code`` itself."""
        out: list[Division] = []
        current: str | None = code
        while current:
            out.append(Division(current, self._names[current]))
            current = parent_of(current)
        return out[::-1]

    def full_name(self, code: str) -> str:
        return "".join(d.name for d in self.path(code))


def format_address(value: Any, table: DivisionTable | None) -> str:
    """An address value (``{"division": CODE, "detail": TEXT}``) as one line of text."""
    if isinstance(value, str):
        return value
    if not isinstance(value, Mapping):
        return ""
    code = str(value.get("division", ""))
    detail = str(value.get("detail", ""))
    head = table.full_name(code) if table is not None and code in table else code
    return head + detail
