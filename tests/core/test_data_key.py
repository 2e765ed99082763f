"""The data key must be the database's own: a lost or different key is refused, never
replaced by a fresh one over stored applications."""

from __future__ import annotations

import base64
import os
import sqlite3

import pytest

from kiosk.context import open_context
from kiosk.core.crypto import DATA_KEY_NAME
from kiosk.core.data_key import CHECK_KEY, DataKeyMismatch
from kiosk.core.secrets import DemoFileSecretStore
from tests.conftest import AGENT, PENSION


def _count(ctx_dir) -> int:
    with sqlite3.connect(ctx_dir / "kiosk.sqlite3") as conn:
        return conn.execute("select count(*) from application").fetchone()[0]


@pytest.fixture
def filed(ctx, resident):
    view = ctx.applications.submit(PENSION, resident, AGENT)
    ctx.close()
    return ctx.data_dir, view.id, DemoFileSecretStore(ctx.data_dir)


def test_the_same_key_opens_again(filed, resident):
    data_dir, app_id, _ = filed
    again = open_context(data_dir)
    assert again.applications.payload(app_id)["name"] == resident["name"]
    again.close()


def test_a_lost_key_is_refused_and_nothing_is_written(filed, resident):
    data_dir, app_id, secrets = filed
    key = secrets.get(DATA_KEY_NAME)
    secrets.delete(DATA_KEY_NAME)  # a reset keyring, another Windows user …
    with pytest.raises(DataKeyMismatch) as err:
        open_context(data_dir)
    assert "不会新建密钥" in err.value.zh and "--passphrase-stdin" in err.value.zh
    assert secrets.get(DATA_KEY_NAME) is None, "no fresh key was stored"
    assert _count(data_dir) == 1
    secrets.set(DATA_KEY_NAME, key)  # the right key back (the original user logs in)
    again = open_context(data_dir)
    assert again.applications.payload(app_id)["id_number"] == resident["id_number"]
    again.close()


def test_a_different_key_is_refused(filed):
    data_dir, _, secrets = filed
    secrets.set(DATA_KEY_NAME, base64.b64encode(os.urandom(32)).decode())
    with pytest.raises(DataKeyMismatch):
        open_context(data_dir)
    assert _count(data_dir) == 1


def test_a_database_from_before_the_check_is_checked_by_decrypting(filed):
    data_dir, _, secrets = filed
    with sqlite3.connect(data_dir / "kiosk.sqlite3") as conn:
        conn.execute("delete from sync_state where key=?", (CHECK_KEY,))
    right = secrets.get(DATA_KEY_NAME)
    secrets.set(DATA_KEY_NAME, base64.b64encode(os.urandom(32)).decode())
    with pytest.raises(DataKeyMismatch):
        open_context(data_dir)  # the wrong key is not stamped as the right one
    secrets.set(DATA_KEY_NAME, right)
    open_context(data_dir).close()  # the right key is, and the check is stored
    with sqlite3.connect(data_dir / "kiosk.sqlite3") as conn:
        assert conn.execute("select 1 from sync_state where key=?", (CHECK_KEY,)).fetchone()


def test_a_station_with_no_personal_data_left_gets_a_new_key(tmp_path):
    station = open_context(tmp_path / "s", demo=True)
    station.agents.add(AGENT, "agent", "135790")  # agents and the audit trail only
    station.close()
    DemoFileSecretStore(tmp_path / "s").delete(DATA_KEY_NAME)
    again = open_context(tmp_path / "s")
    assert again.secrets.get(DATA_KEY_NAME)
    again.close()
