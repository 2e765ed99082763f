"""A document camera's frame → the page alone, straight: auto-crop and deskew (Pillow only).

The page is the large bright region on the camera's darker base. On a copy shrunk to
:data:`WORK_PX` the page is separated by Otsu's threshold, text holes are closed, specks
removed; the page's tilt is the direction of the region's principal axis (second moments:
for a rectangle that is its long side), folded into ±45°. The full frame is turned back by
that angle, the page found again and cut out a hair inside its edge.

No OpenCV and no numpy: at WORK_PX the moments are a few hundred thousand additions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import cast

from PIL import Image, ImageFilter, ImageOps

WORK_PX = 360  # long side of the copy the page is looked for on
INSET = 0.006  # cut this share inside the page's edge (its shadow and a ragged border)
MIN_PAGE_SHARE = 0.08  # a bright region smaller than this share of the frame is no page


@dataclass(frozen=True)
class PageFound:
    angle: float  # degrees the page is turned counter-clockwise in the frame
    box: tuple[int, int, int, int]  # the page in the straightened frame (left, top, right, bottom)


def otsu(histogram: list[int]) -> int:
    total = sum(histogram)
    weighted = sum(i * n for i, n in enumerate(histogram))
    best, best_t = -1.0, 128
    below = below_sum = 0
    for t, n in enumerate(histogram[:255]):
        below += n
        below_sum += t * n
        above = total - below
        if below == 0 or above == 0:
            continue
        m_below, m_above = below_sum / below, (weighted - below_sum) / above
        between = below * above * (m_below - m_above) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


def page_mask(grey_small: Image.Image) -> Image.Image:
    t = otsu(grey_small.histogram())
    mask = grey_small.point(lambda v: 255 if v > t else 0)
    mask = mask.filter(ImageFilter.MaxFilter(7)).filter(ImageFilter.MinFilter(7))  # text holes
    return mask.filter(ImageFilter.MinFilter(5)).filter(ImageFilter.MaxFilter(5))  # specks


def tilt(mask: Image.Image) -> float | None:
    """The bright region's tilt in degrees (counter-clockwise, within ±45), or None."""
    w, h = mask.size
    data = mask.tobytes()
    n = sx = sy = sxx = syy = sxy = 0
    for y in range(h):
        row = data[y * w : (y + 1) * w]
        xs = [x for x, v in enumerate(row) if v]
        if not xs:
            continue
        k = len(xs)
        rx = sum(xs)
        n += k
        sx += rx
        sy += y * k
        sxx += sum(x * x for x in xs)
        syy += y * y * k
        sxy += y * rx
    if n < MIN_PAGE_SHARE * w * h:
        return None
    mx, my = sx / n, sy / n
    mu20, mu02, mu11 = sxx / n - mx * mx, syy / n - my * my, sxy / n - mx * my
    theta = 0.5 * math.degrees(math.atan2(2 * mu11, mu20 - mu02))  # axis vs x, y down
    return -(((theta + 45) % 90) - 45)  # y points down: clockwise on screen is positive theta


def _small(image: Image.Image) -> tuple[Image.Image, float]:
    grey = ImageOps.exif_transpose(image).convert("L")
    scale = WORK_PX / max(grey.size)
    return grey.resize(
        (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
    ), scale


def find_page(image: Image.Image) -> PageFound | None:
    """Where the page is and how it is turned, or None if no page stands out."""
    small, scale = _small(image)
    angle = tilt(page_mask(small))
    if angle is None:
        return None
    low = cast(tuple[int, int], small.getextrema())[0]
    fill = min(low + 10, 255)
    turned = small.rotate(-angle, Image.Resampling.BILINEAR, expand=True, fillcolor=fill)
    box = page_mask(turned).getbbox()
    if box is None:
        return None
    inset_x, inset_y = (box[2] - box[0]) * INSET, (box[3] - box[1]) * INSET
    return PageFound(
        angle,
        (
            round((box[0] + inset_x) / scale),
            round((box[1] + inset_y) / scale),
            round((box[2] - inset_x) / scale),
            round((box[3] - inset_y) / scale),
        ),
    )


def straighten(image: Image.Image) -> tuple[Image.Image, PageFound | None]:
    """The page cut out of ``image`` and turned straight (the frame as is if none is found)."""
    image = ImageOps.exif_transpose(image).convert("RGB")
    found = find_page(image)
    if found is None:
        return image, None
    bands = cast(tuple[tuple[int, int], ...], image.getextrema())
    fill = (min(bands[0][0] + 10, 255), min(bands[1][0] + 10, 255), min(bands[2][0] + 10, 255))
    turned = image.rotate(-found.angle, Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
    return turned.crop(found.box), found
