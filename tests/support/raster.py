"""Compare what a raster printer printed with a reference rendering of the same page."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter


def unexplained_fraction(printed: Image.Image, reference: Image.Image) -> float:
    """Share of the printed dots that no dot within one pixel of the reference explains.

    Two renderers (QtPdf for the printer, poppler for the reference) place anti-aliased
    edges a pixel apart; a dot is explained when the reference's 3×3 neighbourhood holds
    its value. Sizes must agree to within a row (a rounding of the page height)."""
    assert abs(printed.width - reference.width) == 0, (printed.size, reference.size)
    assert abs(printed.height - reference.height) <= 1, (printed.size, reference.size)
    height = min(printed.height, reference.height)
    a = reference.convert("L").crop((0, 0, reference.width, height))
    b = printed.convert("L").crop((0, 0, reference.width, height))
    darkest, lightest = a.filter(ImageFilter.MinFilter(3)), a.filter(ImageFilter.MaxFilter(3))
    too_dark = ImageChops.subtract(darkest, b).point(lambda v: 255 if v else 0)
    too_light = ImageChops.subtract(b, lightest).point(lambda v: 255 if v else 0)
    bad = ImageChops.lighter(too_dark, too_light).histogram()[255]
    return bad / (a.width * a.height)
