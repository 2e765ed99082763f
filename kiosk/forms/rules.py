"""Declarative conditions and expressions used by form definitions (no ``eval``, pure data).

A **condition** is JSON:

* ``{"field": KEY, OP: OPERAND}`` with OP one of ``eq ne in not_in gt gte lt lte empty
  contains matches count_gte count_lte``;
* ``{"all": [COND, ...]}``, ``{"any": [COND, ...]}``, ``{"not": COND}``.

An **expression** (an OPERAND, or a computed field's ``compute``) is JSON:

* a literal (number, string, bool, null);
* ``{"ref": KEY}``: the value of another field;
* ``{"fn": NAME, "args": [EXPR, ...]}`` with NAME one of ``today age birth_date sex
  days_between year add sub mul div round``;
* ``{"fn": "sum", "group": KEY, "field": KEY}`` and ``{"fn": "count", "group": KEY}``
  (optionally ``"where": COND``) over a household-member repeat group.

``age`` of an 身份证号 or an ISO date is in full years on the application date (or on its
second argument); ``days_between(a, b)`` is ``b - a`` in days; ``today`` is the application
date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from kiosk.forms import validators as v

Values = Mapping[str, Any]

FIELD_OPS = frozenset(
    {
        "eq",
        "ne",
        "in",
        "not_in",
        "gt",
        "gte",
        "lt",
        "lte",
        "empty",
        "contains",
        "matches",
        "count_gte",
        "count_lte",
    }
)
FUNCTIONS = frozenset(
    {
        "today",
        "age",
        "birth_date",
        "sex",
        "days_between",
        "year",
        "add",
        "sub",
        "mul",
        "div",
        "round",
        "sum",
        "count",
    }
)


class RuleError(ValueError):
    """A condition or expression in a form definition is malformed."""


# --- structure checks (used when a catalog is loaded) ------------------------------------------
def check_condition(cond: Any, where: str = "") -> None:
    if not isinstance(cond, dict) or not cond:
        raise RuleError(f"{where}: a condition must be a non-empty object")
    if "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        parts = cond[key]
        if set(cond) != {key} or not isinstance(parts, list) or not parts:
            raise RuleError(f"{where}: '{key}' takes a non-empty list and nothing else")
        for i, part in enumerate(parts):
            check_condition(part, f"{where}.{key}[{i}]")
        return
    if "not" in cond:
        if set(cond) != {"not"}:
            raise RuleError(f"{where}: 'not' takes one condition and nothing else")
        check_condition(cond["not"], f"{where}.not")
        return
    ops = set(cond) - {"field"}
    if "field" not in cond or not isinstance(cond["field"], str):
        raise RuleError(f"{where}: a field condition needs 'field'")
    if len(ops) != 1 or not ops <= FIELD_OPS:
        raise RuleError(f"{where}: exactly one operator of {sorted(FIELD_OPS)} expected")
    op = ops.pop()
    operand = cond[op]
    if op in {"in", "not_in"} and not isinstance(operand, list):
        raise RuleError(f"{where}: '{op}' takes a list")
    if op == "empty" and not isinstance(operand, bool):
        raise RuleError(f"{where}: 'empty' takes true or false")
    if op == "matches":
        try:
            re.compile(str(operand))
        except re.error as exc:
            raise RuleError(f"{where}: bad regular expression: {exc}") from exc
    if op not in {"in", "not_in", "empty", "matches"}:
        check_expression(operand, f"{where}.{op}")


def check_expression(expr: Any, where: str = "") -> None:
    if expr is None or isinstance(expr, bool | int | float | str):
        return
    if not isinstance(expr, dict):
        raise RuleError(f"{where}: an expression is a literal, {{'ref'}} or {{'fn'}}")
    if "ref" in expr:
        if set(expr) != {"ref"} or not isinstance(expr["ref"], str):
            raise RuleError(f"{where}: {{'ref': KEY}} expected")
        return
    fn = expr.get("fn")
    if fn not in FUNCTIONS:
        raise RuleError(f"{where}: unknown function {fn!r}")
    if fn in {"sum", "count"}:
        if not isinstance(expr.get("group"), str):
            raise RuleError(f"{where}: '{fn}' needs 'group'")
        if fn == "sum" and not isinstance(expr.get("field"), str):
            raise RuleError(f"{where}: 'sum' needs 'field'")
        if "where" in expr:
            check_condition(expr["where"], f"{where}.where")
        return
    for i, arg in enumerate(expr.get("args", [])):
        check_expression(arg, f"{where}.args[{i}]")


def condition_refs(cond: Any) -> Iterator[str]:
    """Every field key a condition reads (for catalog checks and UI dependency tracking)."""
    if not isinstance(cond, dict):
        return
    for key in ("all", "any"):
        for part in cond.get(key, []):
            yield from condition_refs(part)
    if "not" in cond:
        yield from condition_refs(cond["not"])
    if "field" in cond:
        yield cond["field"]
        for op in FIELD_OPS & set(cond):
            if op not in {"in", "not_in", "empty", "matches"}:
                yield from expression_refs(cond[op])


def expression_refs(expr: Any) -> Iterator[str]:
    if not isinstance(expr, dict):
        return
    if "ref" in expr:
        yield expr["ref"]
    if "group" in expr:
        yield expr["group"]
    for arg in expr.get("args", []):
        yield from expression_refs(arg)


# --- evaluation ------------------------------------------------------------------------------
def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = v.normalize_id_number(value)
    if len(text) == 18 and v.check_id_number(text) is None:
        return v.id_birth_date(text)
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def evaluate(expr: Any, values: Values, today: dt.date) -> Any:
    """Value of an expression; ``None`` when an input is missing or invalid."""
    if not isinstance(expr, dict):
        return expr
    if "ref" in expr:
        return values.get(expr["ref"])
    fn = expr["fn"]
    if fn in {"sum", "count"}:
        rows = values.get(expr["group"])
        if not isinstance(rows, list):
            return 0
        rows = [
            r
            for r in rows
            if isinstance(r, dict)
            and ("where" not in expr or holds(expr["where"], {**values, **r}, today))
        ]
        if fn == "count":
            return len(rows)
        total = 0.0
        for row in rows:
            n = _number(row.get(expr["field"]))
            total += n or 0.0
        return int(total) if total.is_integer() else round(total, 2)
    args = [evaluate(a, values, today) for a in expr.get("args", [])]
    if fn == "today":
        return today.isoformat()
    if fn in {"age", "birth_date"}:
        birth = _date(args[0]) if args else None
        if birth is None:
            return None
        if fn == "birth_date":
            return birth.isoformat()
        on = _date(args[1]) if len(args) > 1 else today
        return None if on is None else _age(birth, on)
    if fn == "year":
        day = _date(args[0]) if args else today
        return None if day is None else day.year
    if fn == "days_between":
        days = [_date(a) for a in args[:2]]
        if len(days) < 2 or days[0] is None or days[1] is None:
            return None
        return (days[1] - days[0]).days
    if fn == "sex":
        text = v.normalize_id_number(str(args[0] or "")) if args else ""
        return v.id_sex(text) if v.check_id_number(text) is None else None
    nums = [_number(a) for a in args]
    if any(n is None for n in nums) or not nums:
        return None
    a = [n for n in nums if n is not None]
    result: float
    if fn == "add":
        result = sum(a)
    elif fn == "sub":
        result = a[0] - sum(a[1:])
    elif fn == "mul":
        result = 1.0
        for n in a:
            result *= n
    elif fn == "div":
        if len(a) < 2 or a[1] == 0:
            return None
        result = round(a[0] / a[1], 2)
    else:  # round
        result = round(a[0], int(a[1]) if len(a) > 1 else 0)
    return int(result) if float(result).is_integer() else result


def _compare(left: Any, right: Any) -> int | None:
    """-1/0/1, comparing numbers as numbers and dates as dates; None if incomparable."""
    ln, rn = _number(left), _number(right)
    if ln is not None and rn is not None:
        return (ln > rn) - (ln < rn)
    if isinstance(left, str) and isinstance(right, str):
        ld, rd = _date(left), _date(right)
        if ld is not None and rd is not None:
            return (ld > rd) - (ld < rd)
        return (left > right) - (left < right)
    return None


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    ln, rn = _number(left), _number(right)
    if ln is not None and rn is not None:
        return ln == rn
    return bool(left == right)


def holds(cond: Any, values: Values, today: dt.date) -> bool:
    """Whether a condition holds. A comparison with a missing value is false."""
    if "all" in cond:
        return all(holds(c, values, today) for c in cond["all"])
    if "any" in cond:
        return any(holds(c, values, today) for c in cond["any"])
    if "not" in cond:
        return not holds(cond["not"], values, today)
    value = values.get(cond["field"])
    op = next(iter(set(cond) - {"field"}))
    operand = cond[op]
    if op == "empty":
        return _empty(value) is operand
    if op in {"in", "not_in"}:
        inside = any(_equal(value, o) for o in operand)
        return inside if op == "in" else (not _empty(value) and not inside)
    if op == "matches":
        return isinstance(value, str) and re.fullmatch(str(operand), value) is not None
    right = evaluate(operand, values, today)
    if op == "contains":
        return isinstance(value, list) and any(_equal(x, right) for x in value)
    if op in {"count_gte", "count_lte"}:
        count = len(value) if isinstance(value, list) else 0
        n = _number(right)
        return n is not None and (count >= n if op == "count_gte" else count <= n)
    if op == "eq":
        return _equal(value, right)
    if op == "ne":
        return not _empty(value) and not _equal(value, right)
    if _empty(value) or right is None:
        return False
    c = _compare(value, right)
    if c is None:
        return False
    return {"gt": c > 0, "gte": c >= 0, "lt": c < 0, "lte": c <= 0}[op]


def legacy_visible_if(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The skeleton's ``{"key": value, ...}`` (all equal) as a condition."""
    parts = [{"field": k, "eq": want} for k, want in mapping.items()]
    return parts[0] if len(parts) == 1 else {"all": parts}


def is_condition(data: Mapping[str, Any]) -> bool:
    return bool({"field", "all", "any", "not"} & set(data))


def format_message(template: str, values: Values) -> str:
    """Fill ``{key}`` placeholders from the values (unknown keys are left as they are)."""

    def sub(m: re.Match[str]) -> str:
        value = values.get(m.group(1))
        return m.group(0) if value is None else str(value)

    return re.sub(r"\{([a-z][a-z0-9_]*)\}", sub, template)
