"""The station's data key, checked against the database it protects.

The key lives in the OS keyring; the database it encrypts lives on disk. They can come apart:
a reset keyring, a technician logged in as another Windows user (Credential Manager is per
user), a database copied to another PC. Creating a fresh key then would make every stored
application unreadable while new ones went in under the second key. So the database keeps a
check value (a MAC of a constant under the key) and the station refuses to start with a
missing or different key. It never writes a new key over existing personal data.
"""

from __future__ import annotations

import base64
import hmac
import logging
import sqlite3

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.core.crypto import DATA_KEY_NAME, DataCipher, encode_key
from kiosk.core.errors import KioskError
from kiosk.core.secrets import SecretStore
from kiosk.store.db import Database

log = logging.getLogger(__name__)

CHECK_KEY = "data_key_check"
_HAS_PERSONAL_DATA = (  # what only the key can open (purged cases keep no personal data)
    "SELECT EXISTS (SELECT 1 FROM application WHERE purged_at IS NULL)"
    " OR EXISTS (SELECT 1 FROM resident)"
)
_SAMPLE = (
    "SELECT id, payload_enc FROM application WHERE purged_at IS NULL AND length(payload_enc) > 0"
    " ORDER BY created_at DESC LIMIT 1"
)


class DataKeyMismatch(KioskError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            "找不到本机数据的加密密钥（系统密钥环里没有，或不是原来的那一把）。"
            "为保护已保存的申请，程序不会新建密钥，本机数据没有任何改动。"
            "请用原来的系统用户登录后再打开；若密钥环已被重置，请技术员用带恢复口令的备份恢复："
            "kiosk restore 备份文件 --passphrase-stdin。",
            f"data key does not match the station database: {detail}",
        )


def check_value(cipher: DataCipher) -> str:
    return cipher.keyed_digest(b"kiosk/data-key-check/v1")


def _stored_check(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (CHECK_KEY,)).fetchone()
    return str(row[0]) if row else None


def _decrypts_latest(conn: sqlite3.Connection, cipher: DataCipher) -> bool:
    """For a database from before the check existed: does the key open its newest payload?"""
    row = conn.execute(_SAMPLE).fetchone()
    if row is None:
        return True
    try:
        cipher.decrypt(bytes(row[1]), str(row[0]).encode())
    except KioskError:
        return False
    return True


def _refuse_other_key(stored_check: str, cipher: DataCipher) -> None:
    if not hmac.compare_digest(stored_check, check_value(cipher)):
        raise DataKeyMismatch("the key's check value differs from the database's")


def open_data_key(secrets: SecretStore, db: Database) -> bytes:
    """The data key for this database: loaded, or created for a station without personal data.

    Raises :class:`DataKeyMismatch` when the database holds data the key cannot be the key of.
    """
    with db.read_raw() as conn:  # the usual start: key and check both there, nothing to write
        stored_check = _stored_check(conn)
    encoded = secrets.get(DATA_KEY_NAME) if stored_check is not None else None
    if stored_check is not None and encoded is not None:
        key = base64.b64decode(encoded)
        _refuse_other_key(stored_check, DataCipher(key))
        return key
    with db.write_raw() as conn:  # one writer: a GUI and a CLI starting together agree
        stored_check = _stored_check(conn)
        encoded = secrets.get(DATA_KEY_NAME)
        if encoded is None:
            if conn.execute(_HAS_PERSONAL_DATA).fetchone()[0]:
                raise DataKeyMismatch("no data key in the secret store")
            key = AESGCM.generate_key(bit_length=256)
            secrets.set(DATA_KEY_NAME, encode_key(key))
            if secrets.get(DATA_KEY_NAME) is None:  # a keyring that silently drops writes
                raise KioskError(
                    "密钥保存失败，请检查系统密钥环。", "data key did not persist in keyring"
                )
            if stored_check is not None:  # only purged cases and the audit trail were left
                log.warning("data key was missing; new key for a station without personal data")
                stored_check = None
        else:
            key = base64.b64decode(encoded)
        cipher = DataCipher(key)
        if stored_check is None:
            if not _decrypts_latest(conn, cipher):
                raise DataKeyMismatch("the key does not decrypt the newest application")
            conn.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (CHECK_KEY, check_value(cipher)),
            )
        else:
            _refuse_other_key(stored_check, cipher)
    return key
