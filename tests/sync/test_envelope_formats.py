"""Every signed or encrypted file format goes through kiosk/protocol/envelope.py; files written
by the code before that (tests/fixtures/envelope, made by make_fixtures.py from commit
90b2e37) still open, and what the code writes now opens the same way."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.deploy import update_package
from kiosk.protocol import envelope, sealed
from kiosk.protocol.errors import KioskError
from kiosk.protocol.files import batch, provisioning, query_codes, status_return
from kiosk.store import backup

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "envelope"
KEYS = json.loads((HERE / "keys.json").read_text())
STATION = "330106109201"


def _raw(name: str) -> bytes:
    return base64.b64decode(KEYS[name])


STATION_KEY = Ed25519PrivateKey.from_private_bytes(_raw("station_sign"))
HUB_SIGN = Ed25519PrivateKey.from_private_bytes(_raw("hub_sign"))
HUB_BOX = X25519PrivateKey.from_private_bytes(_raw("hub_box"))
CLIENT = KEYS["client_id"]


def test_an_old_batch_opens_and_a_changed_byte_is_refused(tmp_path):
    path = HERE / "old.kbatch"
    manifest = batch.verify_batch(path, STATION_KEY.public_key())
    assert (manifest.station_code, manifest.sequence, manifest.ratings) == (
        STATION,
        7,
        ["rating-1"],
    )
    (item,) = batch.open_batch(path, HUB_BOX, STATION_KEY.public_key())
    assert item.client_id == CLIENT and item.payload == {"name": "张三"}
    assert item.blobs == {hashlib.sha256(b"scan").hexdigest(): b"scan"}
    broken = bytearray(path.read_bytes())
    broken[-100] ^= 1
    (tmp_path / "b.kbatch").write_bytes(bytes(broken))
    with pytest.raises(batch.BatchRefused):
        list(batch.open_batch(tmp_path / "b.kbatch", HUB_BOX, STATION_KEY.public_key()))


def test_an_old_status_return_opens_with_its_sealed_query_codes():
    body = status_return.read_return(
        (HERE / "old.kreturn").read_bytes(), HUB_SIGN.public_key(), STATION
    )
    assert body.events[0]["stage"] == "受理" and body.ratings == ["rating-1"]
    (result,) = query_codes.open_sealed(body.results, body.sealed_by, STATION_KEY)
    assert result["query_code"] == "ACDEFGHJ" and result["case_no"] == "C1"
    with pytest.raises(batch.BatchRefused):
        status_return.read_return((HERE / "old.kreturn").read_bytes(), HUB_SIGN.public_key(), "3")


def test_a_new_status_return_is_the_same_bytes_as_before():
    body = status_return.read_return(
        (HERE / "old.kreturn").read_bytes(), HUB_SIGN.public_key(), STATION
    )
    # Ed25519 is deterministic: the same body signed by the same key gives the same file
    assert status_return.sign_return(body, HUB_SIGN) == (HERE / "old.kreturn").read_bytes()


def test_an_old_sealed_message_opens():
    raw = base64.b64decode((HERE / "old.sealed").read_text())
    assert sealed.open_sealed(HUB_BOX, raw, "rater", b"aad") == b"13900001111"
    with pytest.raises(sealed.SealBroken):
        sealed.open_sealed(HUB_BOX, raw, "other purpose", b"aad")


def test_an_old_provisioning_file_opens_and_a_wrong_passphrase_is_refused():
    opened = provisioning.open_file(HERE / "old.kprov", KEYS["passphrase"])
    assert opened.data.station_code == STATION
    assert opened.signer == envelope.public_bytes(HUB_SIGN.public_key())
    with pytest.raises(KioskError, match="wrong passphrase"):
        provisioning.open_file(HERE / "old.kprov", "WRONG-WRONG-WRONG")


def test_an_old_update_package_opens():
    trusted = {envelope.public_bytes(HUB_SIGN.public_key())}
    package = update_package.open_package(HERE / "old.kupdate", trusted)
    assert package.manifest["catalog_version"] == "9" and package.has_catalog
    assert [f.path for f in package.files] == ["catalog/items/x.json"]


def test_an_old_backup_opens_with_the_station_key_and_with_the_passphrase():
    info = backup.verify_backup(HERE / "old.kbak", backup_key=_raw("backup_key"))
    assert info.station == STATION
    info = backup.verify_backup(HERE / "old.kbak", passphrase=KEYS["passphrase"])
    assert info.station == STATION
    with pytest.raises(KioskError):
        backup.verify_backup(HERE / "old.kbak", backup_key=b"x" * 32)


def test_what_is_written_now_opens_with_the_same_code(tmp_path):
    data_dir = tmp_path / "station"
    data_dir.mkdir()
    con = sqlite3.connect(data_dir / backup.DB_NAME)
    con.execute("create table t(x)")
    con.commit()
    con.close()
    backup.write_backup(data_dir, tmp_path / "new.kbak", b"k" * 32, STATION, b"d" * 32, "PASS-WORD")
    restored = tmp_path / "restored"
    shutil.copytree(data_dir, restored)
    _, data_key = backup.restore_backup(tmp_path / "new.kbak", restored, None, "PASS-WORD")
    assert data_key == b"d" * 32
    item = batch.BatchItem(CLIENT, "330000-20-0001", "事项", 1, 0, {"a": 1}, {})
    batch.write_batch(
        tmp_path / "new.kbatch",
        station_code=STATION,
        sequence=1,
        items=[item],
        signing_key=STATION_KEY,
        hub_key=HUB_BOX.public_key(),
    )
    (got,) = batch.open_batch(tmp_path / "new.kbatch", HUB_BOX, STATION_KEY.public_key())
    assert got.payload == {"a": 1}
    data = provisioning.open_file(HERE / "old.kprov", KEYS["passphrase"]).data
    provisioning.write_file(tmp_path / "new.kprov", data, HUB_SIGN, "NEW-PASS-PHRASE")
    assert provisioning.open_file(tmp_path / "new.kprov", "new pass phrase").data == data
