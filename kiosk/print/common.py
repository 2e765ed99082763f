"""Small helpers shared by the document builders: the glyph guard, dates, money, QR content."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from kiosk.core.clock import to_local
from kiosk.print.fonts import check_glyphs
from kiosk.print.template import PrintTemplate

WEEKDAYS = "一二三四五六日"


@dataclasses.dataclass(frozen=True)
class MaterialLine:
    """One kind of paper or scanned material: what, in which form, how many."""

    name: str
    form: str = ""  # 原件 / 复印件 / 扫描件 …
    count: int = 1
    note: str = ""

    def describe(self) -> str:
        form = self.form or "材料"
        return f"{self.name}（{form} {self.count} 份" + (f"，{self.note}）" if self.note else "）")

    def describe_received(self) -> str:
        """For the receipt: what was received and what became of it."""
        return f"{self.name}（{self.form or '材料'} {self.count} 份，{self.handling}）"

    @property
    def handling(self) -> str:
        """What happened to the paper: 原件核验退还 / 复印件留存 / 扫描上传."""
        if self.form == "原件":
            kept = any(w in self.note for w in ("留存", "收取", "收回", "存档"))
            return "原件留存" if kept else "原件核验退还"
        if self.form == "复印件":
            return "复印件留存"
        if self.form == "原件和复印件":
            return "原件核验退还，复印件留存"
        return "扫描上传"


def texts_of(value: Any) -> Iterator[str]:
    """Every string inside a document's input (dataclasses, mappings, sequences)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from texts_of(getattr(value, f.name))
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from texts_of(k)
            yield from texts_of(v)
    elif isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from texts_of(v)


def guard(data: Any, template: PrintTemplate, *sections: str) -> None:
    """Refuse to print (MissingGlyph) if any text of ``data`` or the template has no glyph."""
    template_texts = [
        t for s in ("station", "footer", *sections) for t in texts_of(template.values[s])
    ]
    check_glyphs(*texts_of(data), *template_texts)


def date_zh(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def local_date(moment: dt.datetime) -> dt.date:
    return to_local(moment).date()


def fee_text(fee_fen: int | None, guide_fee: str = "") -> str:
    if guide_fee:
        return guide_fee
    if not fee_fen:
        return "不收费"
    return f"{fee_fen // 100}.{fee_fen % 100:02d} 元"


def lookup_uri(reference: str, query_code: str | None) -> str:
    """What the receipt's QR code encodes: scanned at a self-service terminal to look up status."""
    return f"KIOSKCASE:{reference}:{query_code or ''}"


def lookup_value(
    template: PrintTemplate, reference: str, query_code: str | None, signed: str = ""
) -> str:
    """The QR content: the template's provincial lookup URL if set, else the station's signed
    code (``signed``, see kiosk/devices/receipt_code.py), else :func:`lookup_uri`."""
    url = template.text("receipt", "status_lookup_url")
    if not url:
        return signed or lookup_uri(reference, query_code)
    return url.replace("{reference}", reference).replace("{query_code}", query_code or "")
