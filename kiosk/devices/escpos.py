"""ESC/POS for receipt printers that have no driver: raster images, cut, status.

Everything is printed as a raster image (``GS v 0``), so rare characters come out exactly
as on the PDF: the printer's own fonts are never used. The image is sent in bands of at
most :data:`BAND_ROWS` rows (many printers' buffers hold no more), then the paper is fed and
cut (``GS V 66 n``). Status is asked with ``DLE EOT n`` (real-time: answered even while the
printer is offline).
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

ESC, GS, DLE, EOT = b"\x1b", b"\x1d", b"\x10", b"\x04"
INIT = ESC + b"@"
RASTER = GS + b"v0"  # GS v 0 m xL xH yL yH d1...dk
CUT_AFTER_FEED = GS + b"V" + bytes([66])  # GS V 66 n: feed n dots, then partial cut
BAND_ROWS = 256
THRESHOLD = 160  # grey levels below this print black: crisp text, no dithering noise

# DLE EOT n: which status; each answer has bits 1 and 4 set (0x12) and 0 and 7 clear
ASK_PRINTER, ASK_OFFLINE, ASK_ERROR, ASK_PAPER = 1, 2, 3, 4
OFFLINE_COVER_OPEN = 0x04
OFFLINE_PAPER_STOP = 0x20
OFFLINE_ERROR = 0x40
PAPER_NEAR_END = 0x0C
PAPER_END = 0x60


def status_request(n: int) -> bytes:
    return DLE + EOT + bytes([n])


def is_status_byte(b: int) -> bool:
    return b & 0x93 == 0x12


@dataclass(frozen=True)
class PrinterStatus:
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    error: bool = False
    answered: bool = True  # False: the line gives no status back (some USB device files)

    @classmethod
    def from_bytes(cls, offline: int, paper: int) -> PrinterStatus:
        return cls(
            cover_open=bool(offline & OFFLINE_COVER_OPEN),
            paper_out=bool(paper & PAPER_END) or bool(offline & OFFLINE_PAPER_STOP),
            paper_near_end=bool(paper & PAPER_NEAR_END),
            error=bool(offline & OFFLINE_ERROR),
        )

    @property
    def ready(self) -> bool:
        return not (self.cover_open or self.paper_out or self.error)

    def words(self) -> str:
        if not self.answered:
            return "打印机不回报状态（USB 设备文件），无法确认纸张和机盖"
        parts = [
            text
            for flag, text in (
                (self.cover_open, "机盖打开"),
                (self.paper_out, "缺纸"),
                (self.error, "打印机故障"),
                (self.paper_near_end, "纸将用完"),
            )
            if flag
        ]
        return "、".join(parts) or "正常"


def to_mono(image: Image.Image, width: int) -> Image.Image:
    """``image`` scaled to ``width`` dots (height in proportion) on white, in 1 bit."""
    if image.mode in ("RGBA", "LA", "P"):
        white = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(white, image.convert("RGBA"))
    grey = image.convert("L")
    if grey.width != width:
        height = max(1, round(grey.height * width / grey.width))
        grey = grey.resize((width, height), Image.Resampling.LANCZOS)
    return grey.point(lambda v: 255 if v >= THRESHOLD else 0).convert("1", dither=None)


def raster(image: Image.Image) -> bytes:
    """``GS v 0`` bands for a 1-bit image (1 = black dot on paper, MSB first)."""
    mono = image if image.mode == "1" else image.convert("1", dither=None)
    width_bytes = (mono.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, mono.height), 1)
    padded.paste(mono, (0, 0))
    # Pillow packs "1" images with 1 = white; ESC/POS wants 1 = black
    data = bytes(b ^ 0xFF for b in padded.tobytes())
    out = bytearray()
    for top in range(0, mono.height, BAND_ROWS):
        rows = min(BAND_ROWS, mono.height - top)
        band = data[top * width_bytes : (top + rows) * width_bytes]
        out += RASTER + bytes([0]) + width_bytes.to_bytes(2, "little")
        out += rows.to_bytes(2, "little") + band
    return bytes(out)


def job(pages: list[Image.Image], width: int, feed_dots: int = 96) -> bytes:
    """A whole print job: initialise, each page as a raster then fed and cut."""
    out = bytearray(INIT)
    for page in pages:
        out += raster(to_mono(page, width))
        out += CUT_AFTER_FEED + bytes([min(255, feed_dots)])
    return bytes(out)
