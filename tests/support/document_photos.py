"""Fixture frames for the document camera: a document page photographed at a known tilt on a
dark, noisy, unevenly lit camera base (made here, seeded, so the truth is known)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import segno
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT = Path(__file__).resolve().parents[2] / "assets" / "fonts" / "LXGWWenKai-Regular.ttf"
WORDS = "代办受理回执材料申请人村居民养老保险登记"


def document_page(payload: str, title: str = "居民身份证复印件", seed: int = 7) -> Image.Image:
    """An A4 page at 150 dpi: a title, 28 lines of small print and a QR code of ``payload``."""
    page = Image.new("L", (1240, 1754), 250)
    draw = ImageDraw.Draw(page)
    font, big = ImageFont.truetype(str(FONT), 34), ImageFont.truetype(str(FONT), 60)
    draw.text((300, 120), title, font=big, fill=20)
    rnd = random.Random(seed)
    for i in range(28):
        line = "".join(rnd.choice(WORDS) for _ in range(24))
        draw.text((110, 260 + i * 48), line, font=font, fill=30)
    buf = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buf, kind="png", scale=8, border=2)
    qr = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    page.paste(qr, (1240 - qr.width - 100, 1754 - qr.height - 100))
    return page


def photo(page: Image.Image, angle: float, size: tuple[int, int] = (1920, 1440)) -> Image.Image:
    """``page`` lying ``angle`` degrees counter-clockwise on the camera's base."""
    base = Image.blend(
        Image.new("L", size, 70), Image.effect_noise(size, 12).point(lambda v: v // 4), 0.3
    )
    width = round(size[1] * 0.61)
    small = page.resize((width, round(width * page.height / page.width)))
    turned = small.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=0)
    mask = Image.new("L", small.size, 255).rotate(angle, expand=True, fillcolor=0)
    base.paste(turned, ((size[0] - turned.width) // 2 + 40, (size[1] - turned.height) // 2), mask)
    light = Image.linear_gradient("L").resize(size).rotate(30).point(lambda v: v // 6)
    return ImageChops.subtract(base, light).convert("RGB").filter(ImageFilter.GaussianBlur(0.8))
