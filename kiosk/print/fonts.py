"""Embedded TrueType CJK fonts, and the glyph check that runs before anything is printed.

reportlab's built-in STSong-Light is *not* embedded (prints as empty boxes where the font is
missing) and Noto CJK is CFF, which reportlab refuses; so we ship TrueType fonts and embed
(subset) them in every PDF.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from kiosk.core.errors import KioskError
from kiosk.paths import assets_dir


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

_lock = threading.Lock()
_registered: dict[str, TTFont] = {}


def register_fonts(folder: Path | None = None) -> dict[str, TTFont]:
    """Register the shipped fonts with reportlab once per process (thread-safe)."""
    with _lock:
        if not _registered:
            base = folder or assets_dir() / "fonts"
            for spec in FONT_CHAIN:
                font = TTFont(spec.name, str(base / spec.file), subfontIndex=spec.subfont_index)
                pdfmetrics.registerFont(font)
                _registered[spec.name] = font
        return dict(_registered)


class MissingGlyph(KioskError):
    def __init__(self, chars: list[str]) -> None:
        shown = "、".join(f"“{c}”(U+{ord(c):04X})" for c in chars)
        super().__init__(
            f"打印字体中缺少以下字符：{shown}。为避免打印出空白方框，已停止打印。"
            "请联系技术员安装补充字库，或核对姓名用字。",
            f"no shipped font has glyphs for {', '.join(f'U+{ord(c):04X}' for c in chars)}",
        )


def _covered(ch: str, fonts: dict[str, TTFont]) -> bool:
    return ch.isspace() or any(ord(ch) in f.face.charToGlyph for f in fonts.values())


def font_for(ch: str, fonts: dict[str, TTFont]) -> str | None:
    """First font of the chain that has ``ch`` (None if none has it)."""
    for spec in FONT_CHAIN:
        if ord(ch) in fonts[spec.name].face.charToGlyph:
            return spec.name
    return None


def markup(text: str) -> str:
    """Escape ``text`` for a reportlab Paragraph, switching to a fallback font per run."""
    fonts = register_fonts()
    out: list[str] = []
    run: list[str] = []
    run_font = BODY_FONT

    def flush() -> None:
        if run:
            chunk = xml_escape("".join(run))
            out.append(
                chunk if run_font == BODY_FONT else f'<font name="{run_font}">{chunk}</font>'
            )
            run.clear()

    for ch in text:
        font = BODY_FONT if ch.isspace() else (font_for(ch, fonts) or BODY_FONT)
        if font != run_font:
            flush()
            run_font = font
        run.append(ch)
    flush()
    return "".join(out)


def check_glyphs(*texts: str) -> None:
    """Raise :class:`MissingGlyph` if any character is in none of the shipped fonts."""
    fonts = register_fonts()
    missing = sorted({ch for t in texts for ch in t if not _covered(ch, fonts)})
    if missing:
        raise MissingGlyph(missing)
