"""Fonts: per-run fallback, the glyph check before printing, and text extraction of 生僻字."""

from __future__ import annotations

import pytest
from reportlab.pdfgen.canvas import Canvas

from kiosk.print.fonts import (
    BODY_FONT,
    FONT_CHAIN,
    MissingGlyph,
    check_glyphs,
    missing_glyphs,
    register_fonts,
    runs,
)
from kiosk.print.receipt import build_receipt
from kiosk.print.template import load_template
from kiosk.print.tounicode import make_tounicode_cmap, utf16_hex
from tests.print import samples
from tests.support import pdf as pdftools

FALLBACK = FONT_CHAIN[1].name


def test_rare_characters_switch_to_the_fallback_font_per_run():
    assert runs("张𠮷䶮昇") == [(BODY_FONT, "张"), (FALLBACK, "𠮷䶮"), (BODY_FONT, "昇")]
    # a variation selector prints as its base character, not as a "missing glyph"
    assert runs("葛\U000e0100") == [(BODY_FONT, "葛")]
    check_glyphs("张𠮷䶮堃昇葛\U000e0100")


def test_a_character_no_font_has_is_named_in_chinese():
    assert missing_glyphs("王\U000f0001二\U000f0001") == ["\U000f0001"]
    with pytest.raises(MissingGlyph) as err:
        check_glyphs("王\U000f0001")
    assert "U+F0001" in err.value.zh and "停止打印" in err.value.zh
    assert err.value.chars == ["\U000f0001"]
    assert "F0001" not in err.value.en  # the English text is logged: no part of a name


@pytest.mark.parametrize(
    ("codepoint", "hex_"),
    [(0x5F20, "5F20"), (0x4DAE, "4DAE"), (0x20BB7, "D842DFB7"), (0x2A6D6, "D869DED6")],
)
def test_tounicode_entries_are_utf16(codepoint, hex_):
    assert utf16_hex(codepoint) == hex_
    cmap = make_tounicode_cmap("X", [0, codepoint])
    assert f"<01> <{hex_}>" in cmap


def test_astral_plane_characters_extract_as_themselves(tmp_path):
    """reportlab alone writes <20BB7> for 𠮷 and pdftotext shows "₻"; with the fix, 𠮷."""
    register_fonts()
    path = tmp_path / "rare.pdf"
    canvas = Canvas(str(path), initialFontName=BODY_FONT)
    canvas.setFont(FALLBACK, 20)
    canvas.drawString(50, 700, "𠮷䶮")
    canvas.save()
    text = pdftools.text(path).strip()
    assert text == "𠮷䶮"


def test_unprintable_name_stops_every_document_before_anything_is_built():
    with pytest.raises(MissingGlyph):
        build_receipt(samples.receipt(resident_name="王\U000f0001"))


def test_unprintable_template_text_is_refused_too():
    template = load_template(None).with_values(footer={"text": "页脚\U000f0002"})
    with pytest.raises(MissingGlyph):
        build_receipt(samples.receipt(), template=template)
