"""Fix reportlab's ToUnicode CMap for characters outside the BMP (生僻字 such as 𠮷).

reportlab (4.x, 5.x) writes each subset's ToUnicode entry as ``"<%02X> <%04X>" % (code, cp)``.
For U+20BB7 (𠮷) that is ``<20BB7>``: five hex digits, which a PDF reader parses as the
UTF-16 value U+20BB followed by a stray nibble, so ``pdftotext`` and copy/paste give "₻"
instead of "𠮷". The glyph itself is embedded and prints correctly; only text extraction
(search, copy, screen readers, archiving) is wrong.

A ToUnicode CMap maps codes to UTF-16BE (PDF 32000-1 §9.10.3), so a supplementary-plane
character must be written as its surrogate pair: ``<D842DFB7>``. We replace reportlab's
helper (a module-level function looked up at call time by ``TTFont.addObjects``) with one
that does exactly that; everything else of the CMap is byte-for-byte what reportlab writes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from reportlab.pdfbase import ttfonts

log = logging.getLogger(__name__)


def utf16_hex(codepoint: int) -> str:
    """The code point as UTF-16BE hex: 4 digits in the BMP, a surrogate pair (8) above it."""
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


def make_tounicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """Same CMap as ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap``, astral-safe."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def install() -> None:
    """Make reportlab write astral-safe ToUnicode CMaps (idempotent)."""
    if not hasattr(ttfonts, "makeToUnicodeCMap"):  # pragma: no cover - a future reportlab
        # Printing is unaffected; only text extraction of 生僻字 would be wrong (tests catch it).
        log.warning("reportlab has no makeToUnicodeCMap any more; ToUnicode fix not applied")
        return
    ttfonts.makeToUnicodeCMap = make_tounicode_cmap
