"""A province's 实施清单 (implementation list), as CSV or JSON, mapped onto catalog items.

The format (docs/catalog.md, "Implementation lists") mirrors the national basic-data fields
of a 政务服务事项: 事项名称, 基本编码, 实施编码, 业务办理项编码, 事项版本, 事项类型, 实施主体 with
its 统一社会信用代码 and 行政区划代码, 办件类型, 法定/承诺办结时限, 收费, 服务对象, 受理层级,
是否可代办, 是否可电子签名, 咨询电话, 申请材料. CSV files use the Chinese column names
(``COLUMNS``); JSON files carry ``{"format": "implementation-list", "format_version": 1,
"version", "items": [{<English keys>}]}``.

``plan_import`` checks every row on its own and says per row what would happen: a row whose
实施编码 (or 本地编码) matches an item updates that item's identity, time limits and fees
("changed", with the fields that differ); an unknown row becomes a new item with a generic
application form (``kiosk.core.generic_form``); a row with any problem is refused whole, with
one line saying why. Nothing is written here: the hub publishes and the station installs the
planned items in one transaction or one atomic file write, so no row is ever half-applied.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.catalog import ITEM_TYPES, LEVELS_ZH, CatalogItem, parse_item
from kiosk.core.errors import InputError, KioskError
from kiosk.core.generic_form import generic_item
from kiosk.core.item_identity import division_problem, uscc_problem

FORMAT = "implementation-list"
# CSV column (Chinese, as provincial exports name them) → JSON key
COLUMNS = {
    "事项名称": "name",
    "本地编码": "code",
    "基本编码": "basic_code",
    "实施编码": "impl_code",
    "业务办理项编码": "handling_codes",
    "事项版本": "version",
    "事项类型": "item_type",
    "实施主体": "body_name",
    "实施主体编码": "body_uscc",
    "实施主体行政区划": "body_division",
    "咨询电话": "phone",
    "主管部门": "department",
    "办件类型": "case_kind",
    "法定办结时限": "legal_days",
    "承诺办结时限": "promised_days",
    "收费金额": "fee_yuan",
    "服务对象": "subject",
    "受理层级": "accepting_level",
    "是否可代办": "proxy_allowed",
    "是否可电子签名": "esign_allowed",
    "主题分类": "themes",
    "申请材料": "materials",
}
REQUIRED: tuple[str, ...] = (
    *("name", "basic_code", "impl_code", "item_type", "body_name", "body_uscc"),
    *("body_division", "case_kind", "legal_days", "promised_days"),
)
# fields a matching row updates on an existing item
UPDATED: tuple[str, ...] = (
    *("name", "basic_code", "impl_code", "handling_codes", "version", "item_type"),
    *("implementing_body", "case_kind", "legal_days", "promised_days", "fee_fen"),
    *("proxy_allowed", "esign_allowed"),
)
_YES = {"是": True, "否": False, "true": True, "false": False, "1": True, "0": False}
_SUBJECTS = {"自然人": "个人", "个人": "个人", "法人": "法人"}
_LEVELS = {zh: key for key, zh in LEVELS_ZH.items()} | {k: k for k in LEVELS_ZH}
_TYPES = {name: code for code, name in ITEM_TYPES.items()} | {c: c for c in ITEM_TYPES}


class RowRefused(Exception):
    pass


@dataclass
class ImportPlan:
    """What an implementation list would do to a catalog (nothing is applied yet)."""

    version: str = ""
    items: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → new item JSON
    accepted: list[str] = field(default_factory=list)  # new item codes
    changed: list[tuple[str, list[str]]] = field(default_factory=list)  # code, fields
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line per refused row

    def report_lines(self) -> list[str]:
        lines = [
            f"新增 {len(self.accepted)} 项，变更 {len(self.changed)} 项，"
            f"未变 {len(self.unchanged)} 项，拒绝 {len(self.refused)} 行"
        ]
        lines += [f"新增 {code}" for code in self.accepted]
        lines += [f"变更 {code}：{'、'.join(fields)}" for code, fields in self.changed]
        lines += [f"拒绝 {line}" for line in self.refused]
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "changed": [{"code": c, "fields": f} for c, f in self.changed],
            "unchanged": self.unchanged,
            "refused": self.refused,
        }


def read_rows(path: Path) -> tuple[list[dict[str, Any]], str]:
    """The rows of a CSV or JSON implementation list (English keys) and its version."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"无法读取实施清单文件 {path.name}，请确认文件存在、U盘已插好。",
            f"cannot read implementation list {path}: {exc.strerror}",
        ) from exc
    text = raw.decode("utf-8-sig", errors="strict") if raw else ""
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        unknown = [c for c in reader.fieldnames or () if c.strip() not in COLUMNS]
        if unknown or not reader.fieldnames:
            raise InputError(
                f"实施清单 {path.name} 的表头有未知列：{'、'.join(unknown) or '（空）'}。"
                "请按 docs/catalog.md 中的列名导出。",
                f"unknown CSV columns {unknown}",
            )
        rows = [{COLUMNS[k.strip()]: (v or "").strip() for k, v in r.items()} for r in reader]
        return rows, ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"实施清单 {path.name} 不是有效的 JSON 或 CSV 文件。", f"not JSON: {exc}"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{path.name} 不是实施清单文件。", f"{path.name}: format is not {FORMAT}")
    items = data.get("items")
    if not isinstance(items, list):
        raise InputError(f"实施清单 {path.name} 没有事项列表。", "items missing")
    return [r if isinstance(r, dict) else {} for r in items], str(data.get("version", ""))


def is_implementation_list(path: Path) -> bool:
    if path.suffix.lower() == ".csv":
        return True
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8-sig", errors="ignore")
    except OSError:
        return False
    return f'"{FORMAT}"' in head


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key, "")
    return str(value).strip() if value is not None else ""


def _int(row: Mapping[str, Any], key: str, what: str) -> int:
    value = row.get(key)
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise RowRefused(f"{what}应为整数（工作日）") from None
    if number < 0:
        raise RowRefused(f"{what}不能为负数")
    return number


def _flag(row: Mapping[str, Any], key: str, default: bool) -> bool:
    value = row.get(key, "")
    if isinstance(value, bool):
        return value
    if value in ("", None):
        return default
    if str(value).strip() not in _YES:
        raise RowRefused(f"“{key}”应填“是”或“否”")
    return _YES[str(value).strip()]


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value or "").replace("；", ";").split(";") if p.strip()]


def _fee_fen(row: Mapping[str, Any]) -> int:
    if "fee_fen" in row:
        return int(row["fee_fen"])
    text = _text(row, "fee_yuan")
    if text in ("", "0", "不收费"):
        return 0
    try:
        return round(float(text) * 100)
    except ValueError:
        raise RowRefused("收费金额应为数字（元）或“不收费”") from None


def row_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row as item fields, or RowRefused saying what is wrong (in Chinese)."""
    body = row.get("implementing_body")
    if isinstance(body, Mapping):  # JSON rows may nest the body
        row = {**row, "body_name": body.get("name"), "body_uscc": body.get("uscc")}
        row |= {"body_division": body.get("division_code"), "phone": body.get("phone", "")}
    missing = [k for k in REQUIRED if not _text(row, k)]
    if missing:
        names = {v: k for k, v in COLUMNS.items()}
        raise RowRefused("缺少" + "、".join(names.get(k, k) for k in missing))
    uscc, division = _text(row, "body_uscc"), _text(row, "body_division")
    problem = uscc_problem(uscc) or division_problem(division)
    if problem:
        raise RowRefused(problem)
    impl = _text(row, "impl_code")
    if uscc not in impl:
        raise RowRefused("实施编码中没有实施主体的统一社会信用代码")
    item_type = _TYPES.get(_text(row, "item_type"))
    if item_type is None:
        raise RowRefused(f"事项类型“{_text(row, 'item_type')}”不是国家规定的类型")
    legal, promised = (
        _int(row, "legal_days", "法定办结时限"),
        _int(row, "promised_days", "承诺办结时限"),
    )
    if promised > legal > 0 or (legal == 0 and promised > 0):
        raise RowRefused("承诺办结时限不能长于法定办结时限")
    kind = _text(row, "case_kind")
    if kind not in ("即办件", "承诺件"):
        raise RowRefused("办件类型应为“即办件”或“承诺件”")
    level = _LEVELS.get(_text(row, "accepting_level") or "县（市、区）")
    subject = _SUBJECTS.get(_text(row, "subject") or "个人")
    if level is None or subject is None:
        raise RowRefused("受理层级或服务对象填写不正确")
    out: dict[str, Any] = {
        "name": _text(row, "name"),
        "basic_code": _text(row, "basic_code"),
        "impl_code": impl,
        "handling_codes": _list(row.get("handling_codes")),
        "version": _text(row, "version") or "1",
        "item_type": item_type,
        "implementing_body": {"name": _text(row, "body_name"), "uscc": uscc}
        | {"division_code": division}
        | ({"phone": _text(row, "phone")} if _text(row, "phone") else {}),
        "case_kind": kind,
        "legal_days": legal,
        "promised_days": promised,
        "fee_fen": _fee_fen(row),
        "proxy_allowed": _flag(row, "proxy_allowed", True),
        "esign_allowed": _flag(row, "esign_allowed", True),
        # only for new items
        "_department": _text(row, "department") or _text(row, "body_name"),
        "_level": level,
        "_subject": subject,
        "_themes": _list(row.get("themes")),
        "_materials": _list(row.get("materials")),
        "_code": _text(row, "code"),
    }
    return out


def _merged(existing: CatalogItem, fields: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    data = existing.to_json()
    if "form" in existing.raw:  # the form exactly as published (the hub compares it)
        data["form"] = copy.deepcopy(existing.raw["form"])
    changed = [k for k in UPDATED if data.get(k) != fields[k]]
    for k in UPDATED:
        data[k] = fields[k]
    return data, changed


def plan_import(rows: Iterable[Mapping[str, Any]], items: Iterable[CatalogItem]) -> ImportPlan:
    """What each row does to ``items`` (the catalog's current items)."""
    current = list(items)
    by_impl = {i.impl_code: i for i in current if i.impl_code}
    by_code = {c: i for i in current for c in i.codes}
    plan = ImportPlan()
    seen: set[str] = set()
    for n, row in enumerate(rows, start=1):
        label = f"第 {n} 行（{_text(row, 'impl_code') or _text(row, 'name') or '空行'}）"
        try:
            fields = row_fields(row)
            if fields["impl_code"] in seen:
                raise RowRefused("实施编码与前面的行重复")
            existing = by_impl.get(fields["impl_code"]) or by_code.get(fields["_code"])
            if existing is not None:
                data, changed = _merged(existing, fields)
            else:
                data, changed = generic_item(fields), []
            item = parse_item(data, label)  # the schema and every check, as any import
        except RowRefused as exc:
            plan.refused.append(f"{label}：{exc}")
            continue
        except KioskError as exc:
            plan.refused.append(f"{label}：{exc.zh}")
            continue
        seen.add(fields["impl_code"])
        plan.items[item.code] = data
        if existing is None:
            plan.accepted.append(item.code)
        elif changed:
            plan.changed.append((item.code, changed))
        else:
            plan.unchanged.append(item.code)
    return plan
