"""Compare what a raster printer printed with a reference rendering of the same page."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

TILE = 16


@dataclass(frozen=True)
class Difference:
    fraction: float  # share of all dots no dot within one pixel of the reference explains
    worst_tile: float  # the same share in the worst 16×16 tile: a changed glyph shows here


def compare(printed: Image.Image, reference: Image.Image) -> Difference:
    """Two renderers (QtPdf for the printer, poppler for the reference) place anti-aliased
    edges a pixel apart; a dot is explained when the reference's 3×3 neighbourhood holds its
    value. Sizes must agree to within a row (a rounding of the page height)."""
    assert printed.width == reference.width, (printed.size, reference.size)
    assert abs(printed.height - reference.height) <= 1, (printed.size, reference.size)
    height = min(printed.height, reference.height)
    a = reference.convert("L").crop((0, 0, reference.width, height))
    b = printed.convert("L").crop((0, 0, reference.width, height))
    darkest, lightest = a.filter(ImageFilter.MinFilter(3)), a.filter(ImageFilter.MaxFilter(3))
    too_dark = ImageChops.subtract(darkest, b).point(lambda v: 255 if v else 0)
    too_light = ImageChops.subtract(b, lightest).point(lambda v: 255 if v else 0)
    bad = ImageChops.lighter(too_dark, too_light)
    worst = 0
    for top in range(0, height, TILE):
        for left in range(0, a.width, TILE):
            worst = max(worst, bad.crop((left, top, left + TILE, top + TILE)).histogram()[255])
    return Difference(bad.histogram()[255] / (a.width * a.height), worst / TILE**2)
