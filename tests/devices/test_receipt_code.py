"""The receipt's signed scan code, and telling a scanner's burst from a person typing."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.devices.receipt_code import (
    CodeRefused,
    ReceiptCodes,
    looks_like_code,
    make_code,
    read_code,
)
from kiosk.devices.scanner import BurstDetector

STATION = "330106109201"
KEY = Ed25519PrivateKey.generate()


def test_a_code_reads_back_on_the_station_that_signed_it():
    code = make_code(KEY, STATION, "330106202611200000001", "123456")
    assert code.startswith("KQ1:") and looks_like_code(code)
    assert code.upper() == code  # QR alphanumeric; no lowercase for a scanner to mangle
    read = read_code(code, STATION, KEY.public_key())
    assert (read.reference, read.query_code) == ("330106202611200000001", "123456")


def test_caps_lock_is_undone():
    code = make_code(KEY, STATION, "L-0A1B2C3D4E", "778899")
    assert read_code(code.swapcase(), STATION, KEY.public_key()).reference == "L-0A1B2C3D4E"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c.replace(":123456:", ":123457:"),  # another query code
        lambda c: c.replace("0000001", "0000002"),  # another case
        lambda c: c[:-3] + ("AAA" if not c.endswith("AAA") else "BBB"),  # signature
        lambda c: c.rsplit(":", 1)[0],  # no signature
        lambda c: "KQ1:" + "x" * 40,
    ],
)
def test_forged_codes_are_refused(tamper):
    code = make_code(KEY, STATION, "330106202611200000001", "123456")
    with pytest.raises(CodeRefused) as err:
        read_code(tamper(code), STATION, KEY.public_key())
    assert "无法识别" in err.value.zh


def test_another_stations_code_is_refused_plainly():
    other = Ed25519PrivateKey.generate()
    code = make_code(other, "330106109299", "330106202611200000001", "123456")
    with pytest.raises(CodeRefused) as err:
        read_code(code, STATION, KEY.public_key())
    assert "其他代办点" in err.value.zh
    # and another station's key claiming to be this station fails the signature
    with pytest.raises(CodeRefused) as err:
        read_code(make_code(other, STATION, "1", "2"), STATION, KEY.public_key())
    assert "无法识别" in err.value.zh


def test_no_code_before_the_case_has_a_query_code():
    codes = ReceiptCodes(lambda: KEY, lambda: STATION)
    assert codes.make("L-0A1B2C3D4E", None) == ""
    assert codes.read(codes.make("330106202611200000001", "654321")).query_code == "654321"


def burst(detector: BurstDetector, text: str, start: int, gap: int) -> int:
    t = start
    for ch in text:
        detector.key(ch, t)
        t += gap
    return t


def test_a_scanner_burst_is_told_from_typing():
    d = BurstDetector()
    t = burst(d, "KQ1:330106109201:X", 1000, 4)
    assert d.enter(t) == "KQ1:330106109201:X"
    t = burst(d, "KQ1:330106109201:X", t + 5000, 120)  # a person types the same
    assert d.enter(t) is None
    t = burst(d, "abc", t + 5000, 3)  # too short to be a code
    assert d.enter(t) is None
    # typed slowly, then a fast tail (a person's roll-over): only the tail is a burst
    t = burst(d, "hello ", t + 5000, 150)
    t = burst(d, "KQ1:33010610", t, 5)
    assert d.enter(t) == "KQ1:33010610"
    # Enter long after a fast run is a person pressing Enter
    t = burst(d, "KQ1:330106109201", t + 5000, 5)
    assert d.enter(t + 800) is None
