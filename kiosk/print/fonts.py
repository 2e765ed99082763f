"""Embedded TrueType CJK fonts, and the glyph check that runs before anything is printed.

reportlab's built-in STSong-Light is *not* embedded (prints as empty boxes where the font is
missing) and Noto CJK is CFF, which reportlab refuses; so we ship TrueType fonts and embed
(subset) them in every PDF. Text is split into runs per font: the primary font for what it
has, the next font of the chain for what it lacks (生僻字 such as 𠮷 and 䶮).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from kiosk.core.errors import KioskError
from kiosk.paths import assets_dir
from kiosk.print import tounicode


@dataclass(frozen=True)
class FontSpec:
    name: str
    file: str
    subfont_index: int = 0


# Primary font first; later entries are the fallback chain (issue: rare characters).
FONT_CHAIN: tuple[FontSpec, ...] = (
    FontSpec("WQYMicroHei", "wqy-microhei.ttc", 0),
    FontSpec("LXGWWenKai", "LXGWWenKai-Regular.ttf"),  # covers 生僻字 such as 𠮷 and 䶮
)
BODY_FONT = FONT_CHAIN[0].name

# Characters that carry no glyph of their own: variation selectors (an ideographic variation
# sequence prints as its base character), zero-width joiners/spaces, the BOM.
_INVISIBLE = frozenset(
    [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
)

_lock = threading.Lock()
_registered: dict[str, TTFont] = {}
_font_of: dict[str, str | None] = {}  # per-character cache of the chain lookup


def register_fonts(folder: Path | None = None) -> dict[str, TTFont]:
    """Register the shipped fonts with reportlab once per process (thread-safe)."""
    with _lock:
        if not _registered:
            tounicode.install()
            base = folder or assets_dir() / "fonts"
            for spec in FONT_CHAIN:
                font = TTFont(spec.name, str(base / spec.file), subfontIndex=spec.subfont_index)
                pdfmetrics.registerFont(font)
                _registered[spec.name] = font
        return _registered


class MissingGlyph(KioskError):
    def __init__(self, chars: list[str]) -> None:
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in chars)
        super().__init__(
            f"打印字体中缺少以下字符：{shown}。为避免打印出空白方框，已停止打印。"
            "请联系技术员安装补充字库，或核对姓名用字。",
            # the characters may be part of a resident's name: count them, don't log them
            f"no shipped font has glyphs for {len(chars)} character(s); printing stopped",
        )
        self.chars = chars


def font_for(ch: str, fonts: dict[str, TTFont] | None = None) -> str | None:
    """First font of the chain that has ``ch`` (None if none has it)."""
    try:
        return _font_of[ch]
    except KeyError:
        pass
    fonts = fonts or register_fonts()
    found = next((s.name for s in FONT_CHAIN if ord(ch) in fonts[s.name].face.charToGlyph), None)
    _font_of[ch] = found
    return found


def printable(text: str) -> str:
    """``text`` without the invisible characters that no font draws (see ``_INVISIBLE``)."""
    if any(ord(c) in _INVISIBLE for c in text):
        return "".join(c for c in text if ord(c) not in _INVISIBLE)
    return text


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, chunk) runs along the fallback chain."""
    out: list[tuple[str, str]] = []
    run: list[str] = []
    run_font = BODY_FONT
    for ch in printable(text):
        font = BODY_FONT if ch.isspace() else (font_for(ch) or BODY_FONT)
        if font != run_font and run:
            out.append((run_font, "".join(run)))
            run.clear()
        run_font = font
        run.append(ch)
    if run:
        out.append((run_font, "".join(run)))
    return out


def markup(text: str) -> str:
    """Escape ``text`` for a reportlab Paragraph, switching to a fallback font per run."""
    return "".join(
        xml_escape(chunk)
        if font == BODY_FONT
        else f'<font name="{font}">{xml_escape(chunk)}</font>'
        for font, chunk in runs(text)
    )


def text_width(text: str, size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(chunk, font, size) for font, chunk in runs(text)))


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, size: float, align: str = "left"
) -> None:
    """Draw one line on a canvas (headers, footers) with the same per-run font fallback."""
    if align != "left":
        width = text_width(text, size)
        x -= width if align == "right" else width / 2
    for font, chunk in runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, chunk)
        x += pdfmetrics.stringWidth(chunk, font, size)


def missing_glyphs(*texts: str) -> list[str]:
    """Characters of ``texts`` that no shipped font has, sorted, without duplicates."""
    register_fonts()
    seen = {ch for t in texts for ch in printable(t)}
    return sorted(ch for ch in seen if not ch.isspace() and font_for(ch) is None)


def check_glyphs(*texts: str) -> None:
    """Raise :class:`MissingGlyph` if any character is in none of the shipped fonts."""
    missing = missing_glyphs(*texts)
    if missing:
        raise MissingGlyph(missing)
