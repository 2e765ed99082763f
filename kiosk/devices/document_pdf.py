"""Pages from the document camera → one PDF attachment, each page A4 and under 500 KB.

A preset fixes the resolution and colour; each page is JPEG-encoded at the preset's quality
and, if it still weighs more than :data:`PAGE_LIMIT`, again at lower qualities (never below
:data:`MIN_QUALITY`: below that small print smears). The JPEG goes into the PDF as it is
(reportlab passes DCT data through), so the size measured is the size stored.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

PAGE_LIMIT = 500 * 1024
MIN_QUALITY = 30


@dataclass(frozen=True)
class Preset:
    name: str
    dpi: int
    grey: bool
    quality: int


PRESETS = {
    "standard": Preset("标准（灰度 150 dpi）", 150, True, 70),
    "colour": Preset("彩色（150 dpi）", 150, False, 60),
    "fine": Preset("精细（灰度 200 dpi）", 200, True, 60),
}


def a4_pixels(dpi: int) -> tuple[int, int]:
    return round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)


def fit_a4(page: Image.Image, preset: Preset) -> Image.Image:
    """The page scaled to fit an A4 sheet at the preset's resolution, centred on white."""
    page = page.convert("L" if preset.grey else "RGB")
    if preset.grey:  # paper white, ink black: sharper print and a smaller file
        page = ImageOps.autocontrast(page, cutoff=(1, 2))
    width, height = a4_pixels(preset.dpi)
    if page.width > page.height * 1.15:  # a landscape page: turn the sheet, not the page
        width, height = height, width
    fitted = ImageOps.contain(page, (width, height), Image.Resampling.LANCZOS)
    sheet = Image.new(page.mode, (width, height), "white")
    sheet.paste(fitted, ((width - fitted.width) // 2, (height - fitted.height) // 2))
    return sheet


def jpeg_under_limit(sheet: Image.Image, quality: int) -> bytes:
    while True:
        buf = io.BytesIO()
        sheet.save(buf, "JPEG", quality=quality, optimize=True, dpi=(150, 150))
        if buf.tell() <= PAGE_LIMIT or quality <= MIN_QUALITY:
            return buf.getvalue()
        quality -= 10


def pages_to_pdf(pages: list[Image.Image], preset: Preset = PRESETS["standard"]) -> bytes:
    """One PDF, a page per image, each on A4 (portrait or landscape as the page is)."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, pageCompression=0)
    canvas.setTitle("材料拍照")
    for page in pages:
        sheet = fit_a4(page, preset)
        jpeg = jpeg_under_limit(sheet, preset.quality)
        size = A4 if sheet.height >= sheet.width else (A4[1], A4[0])
        canvas.setPageSize(size)
        canvas.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, width=size[0], height=size[1])
        canvas.showPage()
    canvas.save()
    return out.getvalue()
