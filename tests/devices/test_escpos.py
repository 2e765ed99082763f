"""ESC/POS raster printing against the test printer: bytes, bands, cut, status, transports."""

from __future__ import annotations

import os
import threading
import tty

import pytest
from PIL import Image, ImageChops, ImageDraw

from kiosk.devices import escpos
from kiosk.devices.escpos_printer import EscPosPrinter, PrinterNotReady
from kiosk.devices.escpos_test_printer import TestPrinter, decode
from kiosk.devices.escpos_transport import PrinterOffline, open_transport


def page(width: int = 576, height: int = 700) -> Image.Image:
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, width - 11, 60), fill=0)
    for y in range(100, height - 20, 37):
        draw.line((20, y, width - 20, y + 15), fill=0, width=3)
    draw.ellipse((200, 300, 380, 480), outline=0, width=5)
    return image


def same(a: Image.Image, b: Image.Image) -> bool:
    return (
        a.size == b.size and ImageChops.difference(a.convert("L"), b.convert("L")).getbbox() is None
    )


@pytest.fixture
def printer():
    with TestPrinter() as p:
        yield p


def test_raster_round_trips_through_the_printer_exactly(printer):
    pages = [page(), page(height=300)]
    EscPosPrinter(printer.address, 576).print_pages(pages)
    (job,) = printer.wait_jobs(1)
    decoded = decode(job)
    assert decoded.inits == 1 and decoded.cuts == 2
    assert decoded.status_requests == [escpos.ASK_OFFLINE, escpos.ASK_PAPER]
    assert same(decoded.pages[0], escpos.to_mono(pages[0], 576))
    assert same(decoded.pages[1], escpos.to_mono(pages[1], 576))
    # 700 rows go out in bands no printer buffer chokes on
    assert job.count(escpos.RASTER) == 3 + 2


def test_pages_are_scaled_to_the_paper_width(printer):
    EscPosPrinter(printer.address, 384).print_pages([page(width=768, height=400)])
    (job,) = printer.wait_jobs(1)
    assert decode(job).pages[0].size == (384, 200)


@pytest.mark.parametrize(("flag", "words"), [("cover_open", "机盖打开"), ("paper_out", "缺纸")])
def test_a_printer_that_cannot_print_says_why_and_gets_nothing(printer, flag, words):
    setattr(printer, flag, True)
    target = EscPosPrinter(printer.address)
    assert getattr(target.status(), flag)
    with pytest.raises(PrinterNotReady) as err:
        target.print_pages([page()])
    assert words in err.value.zh
    jobs = printer.wait_jobs(2)
    assert all(escpos.RASTER not in job for job in jobs)


def test_paper_near_end_still_prints_and_is_reported(printer):
    printer.paper_near_end = True
    state = EscPosPrinter(printer.address).print_pages([page()])
    assert state.ready and state.paper_near_end and "纸将用完" in state.words()
    (job,) = printer.wait_jobs(1)
    assert decode(job).cuts == 1


def test_a_printer_that_is_off(printer):
    address = printer.address
    printer.stop()
    with pytest.raises(PrinterOffline) as err:
        EscPosPrinter(address).print_pages([page()])
    assert "连不上" in err.value.zh


def test_bad_address_is_explained():
    with pytest.raises(Exception) as err:
        open_transport("lpt1")
    assert "写法不对" in err.value.zh


def _pty() -> tuple[int, int, str]:
    master, slave = os.openpty()
    tty.setraw(slave)
    return master, slave, os.ttyname(slave)


def _drain(master: int, n: int) -> bytes:
    got = b""
    while len(got) < n:
        got += os.read(master, 65536)
    return got


def test_serial_printer_answers_status_and_takes_the_job():
    master, slave, path = _pty()
    try:
        transport = open_transport(f"serial://{path}?baud=19200")
        asked: list[bytes] = []

        def printer_side() -> None:  # the printer reads the request, then answers
            asked.append(_drain(master, 3))
            os.write(master, bytes([0x12 | escpos.OFFLINE_COVER_OPEN]))

        answering = threading.Thread(target=printer_side)
        answering.start()
        assert transport.ask(escpos.status_request(escpos.ASK_OFFLINE), 5.0) == bytes([0x16])
        answering.join()
        assert asked == [escpos.status_request(escpos.ASK_OFFLINE)]
        data = escpos.job([page(height=50)], 576)
        transport.write(data)
        assert decode(_drain(master, len(data))).pages[0].size == (576, 50)
        transport.close()
    finally:
        os.close(master)
        os.close(slave)


def test_usb_device_file_without_status_still_prints():
    master, slave, path = _pty()
    try:
        image = page(height=64)
        expected = escpos.job([image], 576)
        printer = EscPosPrinter(f"file://{path}")
        state = printer.print_pages([image])
        assert not state.answered and state.ready
        got = _drain(master, 6 + len(expected))
        assert got.endswith(expected)
    finally:
        os.close(master)
        os.close(slave)


def test_a_serial_printer_that_is_not_there():
    with pytest.raises(PrinterOffline) as err:
        EscPosPrinter("serial:///dev/ttyNOSUCH0?baud=9600").status()
    assert "连不上" in err.value.zh
