"""Writes the files in this folder, with the code of commit 90b2e37 (before the formats
shared kiosk/protocol/envelope.py), so tests/sync/test_envelope_formats.py proves that files
written before still open. Test keys only. How it was run::

    git archive 90b2e37 | tar -x -C OLD
    cd /tmp && PYTHONPATH=OLD .venv/bin/python tests/sync/envelope_fixtures/make_fixtures.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.core import sealed
from kiosk.deploy import provisioning, update_package
from kiosk.store import backup
from kiosk.sync import batch_file, return_file, sealed_codes

HERE = Path(__file__).resolve().parent
PASSPHRASE = "ABCD-EFGH-JKMN-PQRS"
CLIENT = "0b5c7f2e-9a43-4d61-8f0e-2c1d3b4a5e6f"


def raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode()


def main() -> None:
    station, hub_sign, hub_box = (
        Ed25519PrivateKey.generate(),
        Ed25519PrivateKey.generate(),
        X25519PrivateKey.generate(),
    )
    keys = {
        "station_sign": raw_private(station),
        "hub_sign": raw_private(hub_sign),
        "hub_box": raw_private(hub_box),
        "backup_key": base64.b64encode(b"k" * 32).decode(),
        "data_key": base64.b64encode(b"d" * 32).decode(),
        "passphrase": PASSPHRASE,
        "client_id": CLIENT,
    }
    scan = hashlib.sha256(b"scan").hexdigest()
    item = batch_file.BatchItem(
        CLIENT, "330000-20-0001", "事项", 1, 0, {"name": "张三"}, {scan: b"scan"}
    )
    batch_file.write_batch(
        HERE / "old.kbatch",
        station_code="330106109201",
        sequence=7,
        items=[item],
        signing_key=station,
        hub_key=hub_box.public_key(),
        ratings=["rating-1"],
    )
    ephemeral, results = sealed_codes.seal(
        [{"client_id": CLIENT, "outcome": "created", "case_no": "C1", "query_code": "ACDEFGHJ"}],
        batch_file.raw_public(station.public_key()),
    )
    body = return_file.StatusReturn(
        "330106109201",
        "2026-12-01T08:00:00",
        results,
        [{"seq": 1, "client_id": CLIENT, "case_no": "C1", "stage": "受理", "note": "", "at": ""}],
        ["rating-1"],
        ephemeral,
    )
    (HERE / "old.kreturn").write_bytes(return_file.sign_return(body, hub_sign))
    (HERE / "old.sealed").write_text(
        sealed.seal_b64(hub_box.public_key(), b"13900001111", "rater", b"aad")
    )
    data = provisioning.Provisioning(
        "330106109201",
        "代办点",
        "https://hub.example.gov.cn",
        "ABCD-EFGH-JKMN",
        "",
        "2026-12-01T08:00:00",
        "2026-12-08T08:00:00",
    )
    provisioning.write_file(HERE / "old.kprov", data, hub_sign, PASSPHRASE)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "items").mkdir()
        (work / "items" / "x.json").write_text("{}")
        update_package.build_package(
            HERE / "old.kupdate", hub_sign, catalog_dir=work / "items", catalog_version="9"
        )
        data_dir = work / "station"
        data_dir.mkdir()
        con = sqlite3.connect(data_dir / backup.DB_NAME)
        con.execute("create table t(x)")
        con.commit()
        con.close()
        backup.write_backup(
            data_dir, HERE / "old.kbak", b"k" * 32, "330106109201", b"d" * 32, PASSPHRASE
        )
    (HERE / "keys.json").write_text(json.dumps(keys, indent=1))


if __name__ == "__main__":
    main()
