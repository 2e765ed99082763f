"""The desk devices in the headless demo (``kiosk demo``), each a simulator that speaks the
real device's protocol: the resident's card is read over the SAM protocol from a
pseudo-terminal, a page is "photographed" by the document camera (a frame made from the
item's guide, lying askew on a dark base) and straightened into a PDF attachment, and the
receipt goes as ESC/POS raster to the test printer, whose decoded output is saved as PNG.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter

from kiosk.context import AppContext
from kiosk.core.attachments import AttachmentInput
from kiosk.core.card_reader import IdCard
from kiosk.core.errors import KioskError


def resident_card(resident: dict[str, Any]) -> IdCard:
    """A demo resident's ID card, as the simulator carries it."""
    from kiosk.core.card_reader import card_from_id_number

    return card_from_id_number(
        resident["name"],
        resident["id_number"],
        resident["address"],
        issuer="杭州市公安局西湖分局",
        valid_from="2016-01-01",
        valid_until="2036-01-01",
    )


def read_card(cards: list[IdCard]) -> tuple[IdCard, float]:
    """The first card, read over the SAM protocol from the simulator (115200 baud, paced)."""
    from kiosk.devices.sam_reader import SamCardReader
    from kiosk.devices.sam_simulator import SamSimulator

    with SamSimulator(cards) as sim:
        reader = SamCardReader(sim.port)
        try:
            sim.next_card()
            t0 = time.perf_counter()
            card = reader.read(5.0)
            elapsed = (time.perf_counter() - t0) * 1000
        finally:
            reader.close()
    if card is None:
        raise KioskError("演示：模拟读卡器没有读到证件。", "demo: simulated reader read nothing")
    return card, elapsed


def camera_frame(page: Image.Image, angle: float = 6.0) -> Image.Image:
    """A document camera's view of ``page``: turned ``angle`` degrees on a dark base."""
    size = (1920, 1440)
    base = Image.new("RGB", size, (58, 60, 64))
    width = round(size[1] * 0.6)
    small = page.convert("RGB").resize((width, round(width * page.height / page.width)))
    turned = small.rotate(angle, Image.Resampling.BICUBIC, expand=True)
    mask = Image.new("L", small.size, 255).rotate(angle, expand=True)
    base.paste(turned, ((size[0] - turned.width) // 2, (size[1] - turned.height) // 2), mask)
    return base.filter(ImageFilter.GaussianBlur(0.7))


def photograph(ctx: AppContext, item_code: str, out: Path) -> tuple[Path, float]:
    """The item's guide, photographed askew, cut out and straightened into one PDF page."""
    from kiosk.devices.document_image import straighten
    from kiosk.devices.document_pdf import pages_to_pdf
    from kiosk.ui.pdf_raster import render_pages

    page = render_pages(ctx.printing.guide(item_code), 1240)[0]
    straight, found = straighten(camera_frame(page))
    target = out / "camera-attachment.pdf"
    target.write_bytes(pages_to_pdf([straight]))
    return target, found.angle if found else 0.0


def print_escpos(ctx: AppContext, app_id: str, out: Path) -> tuple[Path, int]:
    """The 80 mm receipt as ESC/POS raster to the test printer; what it printed, as PNG."""
    from kiosk.devices.escpos_printer import EscPosPrinter
    from kiosk.devices.escpos_test_printer import TestPrinter, decode
    from kiosk.print.layout import Layout
    from kiosk.ui.pdf_raster import render_pages

    pdf = ctx.printing.receipt(app_id, Layout.ROLL_80)
    with TestPrinter() as printer:
        EscPosPrinter(printer.address, 576).print_pages(render_pages(pdf, 576))
        (job,) = printer.wait_jobs(1)
    target = out / "receipt-escpos.png"
    decode(job).pages[0].save(target)
    return target, len(job)


def file_with_devices(
    ctx: AppContext, agent: str, item_code: str, resident: dict[str, Any], out: Path
) -> tuple[str, dict[str, Any]]:
    """File one application the way a desk with devices does. (app id, summary)."""
    card, read_ms = read_card([resident_card(resident)])
    attachment, tilt = photograph(ctx, item_code, out)
    answers = {**resident, **card.answers()}
    view = ctx.applications.submit(
        item_code, answers, agent, [AttachmentInput(attachment, "居民身份证或户口簿")]
    )
    return view.id, {
        "card_read_ms": round(read_ms, 1),
        "card_type": card.card_type,
        "camera_tilt_corrected_deg": round(tilt, 2),
        "attachment_kb": attachment.stat().st_size // 1024,
    }


class DemoDeskReader:
    """The GUI demo's reader: the demo residents' cards on the serial simulator, spoken to
    over the SAM protocol. Each read lifts the card that was read and places the next one
    (round and round), as an agent serving residents one after another would."""

    def __init__(self, cards: list[IdCard]) -> None:
        from kiosk.devices.sam_reader import SamCardReader
        from kiosk.devices.sam_simulator import SamSimulator

        self.simulator = SamSimulator(cards, cycle=True).start()
        self.reader = SamCardReader(self.simulator.port)

    def available(self) -> bool:
        return self.reader.available()

    def read(self, timeout_s: float = 5.0) -> IdCard | None:
        self.simulator.lift()
        self.reader.read(0.0)  # the reader sees the desk empty
        self.simulator.next_card()
        return self.reader.read(timeout_s)


def demo_desk_reader() -> Any:
    """:class:`DemoDeskReader` where pseudo-terminals exist (not on Windows), else the
    in-process simulated reader."""
    import os

    from kiosk.demo import demo_card_reader, demo_residents

    if not hasattr(os, "openpty"):
        return demo_card_reader()
    return DemoDeskReader([resident_card(r) for r in demo_residents()])
