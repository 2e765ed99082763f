"""The resident step filled from a card read over the SAM serial protocol (pseudo-terminal
simulator at 115200 baud): a new resident's card opens the register form filled in; an
expired card is read and said to be expired; the card must be lifted before the next."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk.core.agents import AgentInfo
from kiosk.devices.sam_reader import SamCardReader
from kiosk.devices.sam_simulator import SamSimulator, cards_from_file
from kiosk.ui.main_window import MainWindow
from kiosk.ui.new_application.flow import RESIDENT
from tests.conftest import AGENT
from tests.ui.driving import show_active

CARDS = cards_from_file(Path(__file__).parents[1] / "devices" / "fixtures" / "cards.json")


def flow_with(qtbot, ctx, reader):
    win = MainWindow(ctx, AgentInfo(AGENT, "agent"), auto_sync=False, card_reader=reader)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    win.new_application()
    return win.new_page


def test_a_card_on_the_serial_reader_fills_the_resident_step(qtbot, ctx):
    with SamSimulator(CARDS) as sim:
        reader = SamCardReader(sim.port)
        try:
            flow = flow_with(qtbot, ctx, reader)
            step = flow.resident_step
            assert flow.current() == RESIDENT and step.card_button.isVisible()
            sim.next_card()
            t0 = time.perf_counter()
            step.read_card()
            qtbot.waitUntil(lambda: step.reg_name.text() == "王秀英", timeout=10000)
            print(f"card to filled resident step: {(time.perf_counter() - t0) * 1000:.0f} ms")
            assert step.reg_id.text() == CARDS[0].id_number
            assert step.reg_address.text() == CARDS[0].address
            assert "过有效期" not in step.reg_message.text()
            # the same card still on the reader: not read again into the next application
            step.clear_choice()
            step.read_card()
            qtbot.waitUntil(lambda: "取下" in step.result.text(), timeout=15000)
        finally:
            reader.close()


def test_an_expired_card_is_said_to_be_expired(qtbot, ctx):
    expired = CARDS[3]  # valid until 2025-01-02
    with SamSimulator([expired]) as sim:
        reader = SamCardReader(sim.port)
        try:
            flow = flow_with(qtbot, ctx, reader)
            step = flow.resident_step
            sim.next_card()
            step.read_card()
            qtbot.waitUntil(lambda: "过有效期" in step.reg_message.text(), timeout=10000)
            assert step.reg_name.text() == expired.name
        finally:
            reader.close()


def test_the_other_card_types_fill_the_register_form(qtbot, ctx):
    permit, foreigner = CARDS[1], CARDS[2]
    with SamSimulator([permit, foreigner]) as sim:
        reader = SamCardReader(sim.port)
        try:
            flow = flow_with(qtbot, ctx, reader)
            step = flow.resident_step
            for card in (permit, foreigner):
                sim.lift()
                reader.read(0.0)  # the desk is empty between the two
                sim.next_card()
                step.clear_choice()
                step.read_card()
                qtbot.waitUntil(lambda c=card: step.reg_name.text() == c.name, timeout=10000)
                assert step.reg_id.text() == card.id_number
        finally:
            reader.close()
