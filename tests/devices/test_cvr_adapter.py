"""The vendor-library adapter (CVR_* API by ctypes, in a helper process) against a shared
library built here from C source that exports the same functions."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.core.card_reader import CardReadError
from kiosk.devices.cvr_adapter import CvrCardReader
from kiosk.devices.id_text import PERMIT_HMT

SOURCE = Path(__file__).parent / "fixtures" / "fake_cvr.c"

RESIDENT = {
    "name": "王秀英",
    "sex": "女",
    "nation": "汉",
    "birth": "19620314",
    "address": "浙江省杭州市西湖区示范村东头12号",
    "id": "330106196203140220",
    "dept": "杭州市公安局西湖分局",
    "start": "2016.01.01",
    "end": "长期",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.skip("gcc not installed (scripts/debian-test.txt)")
    out = tmp_path_factory.mktemp("cvr") / "libfakecvr.so"
    subprocess.run([gcc, "-shared", "-fPIC", "-O1", "-o", str(out), str(SOURCE)], check=True)
    return out


@pytest.fixture
def card_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "card.txt"
    monkeypatch.setenv("CVR_FAKE_CARD", str(path))  # the helper process inherits it
    return path


def place(path: Path, fields: dict[str, str]) -> None:
    path.write_bytes("".join(f"{k}={v}\n" for k, v in fields.items()).encode("gbk"))


@pytest.fixture
def reader(library):
    r = CvrCardReader(str(library), 1001, poll_s=0.05)
    yield r
    r.close()


def test_reads_a_card_through_the_vendor_library(reader, card_file):
    place(card_file, RESIDENT)
    card = reader.read(5.0)
    assert card.name == "王秀英" and card.id_number == "330106196203140220"
    assert card.sex == "女" and card.ethnicity == "汉" and card.birth_date == "1962-03-14"
    assert card.valid_from == "2016-01-01" and card.valid_until == "长期"


def test_no_card_then_lift_before_the_next_read(reader, card_file):
    assert reader.read(0.3) is None
    place(card_file, RESIDENT)
    assert reader.read(5.0) is not None
    with pytest.raises(CardReadError) as err:
        reader.read(0.3)
    assert "取下" in err.value.zh
    card_file.unlink()
    assert reader.read(0.3) is None
    permit_fields = {"type": "J", "id": "810000199005010358", "birth": "19900501", "sex": "男"}
    permit_fields |= {"name": "陈嘉欣", "nation": "", "pass": "H12345678", "issues": "01"}
    place(card_file, RESIDENT | permit_fields)
    permit = reader.read(5.0)
    assert permit.card_type == PERMIT_HMT and permit.permit_number == "H12345678"


def test_a_bad_number_from_the_library_is_refused(reader, card_file):
    place(card_file, dict(RESIDENT, id="330106196203140221"))
    with pytest.raises(CardReadError) as err:
        reader.read(5.0)
    assert "校验位" in err.value.zh


def test_a_crashing_library_is_reported_and_restarted(reader, card_file):
    place(card_file, dict(RESIDENT, crash="1"))
    with pytest.raises(CardReadError) as err:
        reader.read(5.0)
    assert "不能使用" in err.value.zh
    place(card_file, RESIDENT)  # the next read starts a new helper
    assert reader.read(5.0).name == "王秀英"


def test_wrong_port_and_missing_library(library, tmp_path):
    with pytest.raises(CardReadError) as err:
        CvrCardReader(str(library), 7).check()  # no such port
    assert "不能使用" in err.value.zh
    missing = CvrCardReader(str(tmp_path / "nope.so"))
    with pytest.raises(CardReadError) as err:
        missing.read(0.5)
    assert "读卡库" in err.value.zh
