"""Refuse at filing what could not be printed later (issue 16): an answer with a character
that no shipped font has is better refused while the resident is still at the desk than at
print time. The glyph lookup is injected (kiosk/print owns the fonts; core never imports it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from kiosk.forms.definition import FormDefinition

MissingGlyphs = Callable[[str], list[str]]  # the characters of a text no shipped font has


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def glyph_errors(
    form: FormDefinition, clean: Mapping[str, Any], missing: MissingGlyphs | None
) -> dict[str, str]:
    """Field errors for answers that hold a character no shipped font can print."""
    if missing is None:
        return {}
    errors: dict[str, str] = {}
    fields = {f.key: f for f in form.fields}
    for key, value in clean.items():
        field = fields.get(key)
        if field is None or field.is_file:
            continue
        texts = [t for t in _strings(value) if not t.isascii()]  # ASCII: always printable
        chars = sorted({c for t in texts for c in missing(t)})
        if chars:
            shown = "、".join(f"“{c}”（U+{ord(c):04X}）" for c in chars)
            errors[key] = (
                f"“{field.label}”中的 {shown} 打印字体中没有，回执会打印不出来："
                "请核对用字，或联系技术员安装补充字库。"
            )
    return errors
