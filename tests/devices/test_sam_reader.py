"""The serial ID-card reader against the pseudo-terminal simulator, at 115200 baud paced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core.card_reader import CardReadError
from kiosk.devices import sam_frames as sf
from kiosk.devices.sam_reader import SamCardReader
from kiosk.devices.sam_simulator import SamSimulator, cards_from_file

CARDS = cards_from_file(Path(__file__).parent / "fixtures" / "cards.json")


@pytest.fixture
def sim():
    with SamSimulator(CARDS) as simulator:
        yield simulator


@pytest.fixture
def reader(sim):
    r = SamCardReader(sim.port)
    yield r
    r.close()


def zh(exc_info) -> str:
    return exc_info.value.zh


def test_reads_each_fixture_card_over_the_wire(sim, reader):
    assert reader.sam_status() == "正常"
    for card in CARDS:
        sim.lift()
        assert reader.read(0.2) is None  # the reader sees the desk empty between residents
        sim.next_card()
        assert reader.read(3.0) == card
    assert sim.commands[-3:] == [sf.FIND_CARD, sf.SELECT_CARD, sf.READ_BASE]
    # the base read alone is 1,295 bytes back; the reader counted what really crossed
    assert reader.bytes_received >= len(CARDS) * 1295


def test_no_card_within_the_timeout_is_none(sim, reader):
    assert reader.read(0.3) is None
    assert sf.SELECT_CARD not in sim.commands


def test_the_card_must_be_lifted_before_the_next_read(sim, reader):
    sim.next_card()
    first = reader.read(2.0)
    assert first == CARDS[0]
    with pytest.raises(CardReadError) as err:
        reader.read(0.4)  # still lying there: not read twice
    assert "取下" in zh(err)
    assert sim.commands.count(sf.READ_BASE) == 1
    sim.lift()
    assert reader.read(0.3) is None  # the reader saw it go
    sim.place(CARDS[0])
    assert reader.read(2.0) == CARDS[0]  # put back on purpose: read again


def test_a_garbled_answer_is_asked_again(sim, reader):
    sim.next_card()
    sim.garble(1)
    assert reader.read(2.0) == CARDS[0]
    sim.lift()
    sim.next_card()
    sim.garble(5)
    with pytest.raises(CardReadError) as err:
        reader.read(2.0)
    assert "错误数据" in zh(err)


def test_a_silent_reader_times_out_with_a_message(sim, reader):
    sim.mute(3)
    with pytest.raises(CardReadError) as err:
        reader.read(2.0)
    assert "没有响应" in zh(err)


def test_card_pulled_mid_read(sim, reader):
    sim.next_card()
    sim.pull_mid_read()
    with pytest.raises(CardReadError) as err:
        reader.read(2.0)
    assert "移开" in zh(err)
    sim.place(CARDS[1])  # put down again: the next read works
    assert reader.read(2.0) == CARDS[1]


def test_unplugged_reader_and_a_missing_port(sim, reader):
    sim.next_card()
    assert reader.read(2.0) == CARDS[0]
    sim.unplug()
    with pytest.raises(CardReadError) as err:
        reader.read(1.0)
    assert "未连接" in zh(err)
    assert not os.path.exists(sim.port) or not reader.available()
    with pytest.raises(CardReadError) as err:
        SamCardReader("/dev/ttyNOSUCH-reader").read(0.1)
    assert "未连接" in zh(err)


def test_the_photo_is_dropped_without_a_decoder_and_decoded_with_one(sim):
    sim.next_card()
    plain = SamCardReader(sim.port)
    try:
        assert plain.read(2.0).photo is None
    finally:
        plain.close()
    sim.lift()
    sim.place(CARDS[0])
    seen: list[int] = []

    def decoder(block: bytes) -> bytes:
        seen.append(len(block))
        return b"\x89PNG decoded"

    decoding = SamCardReader(sim.port, photo_decoder=decoder)
    try:
        card = decoding.read(2.0)
    finally:
        decoding.close()
    assert seen == [1024] and card.photo == b"\x89PNG decoded"
    assert "photo" not in card.answers()
