"""The text block of the three card types, both ways, and what makes a block unusable."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kiosk.core.card_reader import CardReadError
from kiosk.devices import sam_frames as sf
from kiosk.devices.id_text import (
    FOREIGNER,
    PERMIT_HMT,
    RESIDENT,
    TEXT_BYTES,
    TYPE_OFFSET,
    encode_text,
    parse_text,
)
from kiosk.devices.sam_simulator import cards_from_file

CARDS = cards_from_file(Path(__file__).parent / "fixtures" / "cards.json")


@pytest.mark.parametrize("card", CARDS, ids=lambda c: c.card_type + c.name)
def test_every_card_type_round_trips(card):
    block = encode_text(card)
    assert len(block) == TEXT_BYTES
    assert parse_text(block) == card


def test_resident_block_is_the_standard_layout():
    """Byte offsets as every vendor SDK reads them: name 0-30, sex 30, nation 32, birth 36…"""
    block = encode_text(CARDS[0])
    assert block[0:6].decode("utf-16-le") == "王秀英"
    assert block[30:32].decode("utf-16-le") == "2"  # 女
    assert block[32:36].decode("utf-16-le") == "01"  # 汉
    assert block[36:52].decode("utf-16-le") == "19620314"
    assert block[122:158].decode("utf-16-le") == "330106196203140220"
    assert block[204:220].decode("utf-16-le") == "长期      "  # space-padded
    assert block[TYPE_OFFSET : TYPE_OFFSET + 2].decode("utf-16-le") == " "


def test_types_and_their_own_fields():
    resident, permit, foreigner, tibetan = (parse_text(encode_text(c)) for c in CARDS)
    assert resident.card_type == RESIDENT and resident.valid_until == "长期"
    assert permit.card_type == PERMIT_HMT and permit.permit_number == "H12345678"
    assert foreigner.card_type == FOREIGNER and foreigner.name_en == "SMITH, JOHN ROBERT"
    assert foreigner.nationality == "USA" and foreigner.birth_date == "1978-10-11"
    assert tibetan.ethnicity == "藏"


def test_a_bad_check_digit_is_refused():
    card = dataclasses.replace(CARDS[0], id_number="330106196203140221")
    with pytest.raises(CardReadError) as err:
        parse_text(encode_text(card))
    assert "校验位" in err.value.zh


def test_birth_date_must_match_the_number():
    card = dataclasses.replace(CARDS[0], birth_date="1962-03-15")
    with pytest.raises(CardReadError) as err:
        parse_text(encode_text(card))
    assert "出生日期" in err.value.zh


def test_unknown_type_flag_and_short_block():
    block = bytearray(encode_text(CARDS[0]))
    block[TYPE_OFFSET : TYPE_OFFSET + 2] = "Y".encode("utf-16-le")
    with pytest.raises(CardReadError) as err:
        parse_text(bytes(block))
    assert "不认识" in err.value.zh
    with pytest.raises(CardReadError) as err:
        parse_text(bytes(block[:200]))
    assert "不完整" in err.value.zh


def test_expired_card_is_known_as_such():
    import datetime as dt

    tibetan = parse_text(encode_text(CARDS[3]))
    assert tibetan.expired(dt.date(2026, 1, 1))
    assert not parse_text(encode_text(CARDS[0])).expired(dt.date(2026, 1, 1))


def test_frames():
    frame = sf.command(sf.FIND_CARD)
    assert frame.hex() == "aaaaaa966900032001" + "22"  # 00 03 20 01 → xor 0x22
    parsed = sf.parse(frame[5:])
    assert parsed.cmd == sf.FIND_CARD
    answer = sf.answer(sf.OK, sf.read_base_data(b"t" * 256, b"p" * 1024))
    assert answer[5:10].hex() == "0508000090"  # the well-known length of a base read: 1288
    with pytest.raises(sf.FrameError):
        sf.parse(answer[5:-1] + bytes([answer[-1] ^ 1]))
