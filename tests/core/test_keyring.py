"""The data key in the real OS keyring: gnome-keyring's Secret Service over a session D-Bus."""

from __future__ import annotations

import os
import uuid

import pytest

from kiosk.context import open_context
from kiosk.core.secrets import KeyringSecretStore, KeyringUnavailable

pytestmark = pytest.mark.keyring

needs_service = pytest.mark.skipif(
    os.environ.get("KIOSK_TEST_SECRET_SERVICE") != "1",
    reason="run through ./dev test (dbus-run-session + gnome-keyring)",
)


@needs_service
def test_secret_service_backend_is_used():
    import keyring

    assert type(keyring.get_keyring()).__module__.startswith("keyring.backends.SecretService")


@needs_service
def test_store_and_read_back_a_secret():
    store = KeyringSecretStore(uuid.uuid4().hex)
    assert store.get("device-token") is None
    store.set("device-token", "tok-123")
    assert KeyringSecretStore(store._prefix[:-1]).get("device-token") == "tok-123"
    store.delete("device-token")
    assert store.get("device-token") is None


@needs_service
def test_station_data_key_lives_in_keyring_not_on_disk(tmp_path):
    ctx = open_context(tmp_path / "station")
    assert ctx.settings.secret_store == "keyring"
    key_b64 = ctx.secrets.get("data-key")
    assert key_b64
    ctx.close()
    for path in (tmp_path / "station").rglob("*"):
        if path.is_file():
            assert key_b64.encode() not in path.read_bytes()
    again = open_context(tmp_path / "station")  # same key after a restart
    assert again.secrets.get("data-key") == key_b64
    again.close()


def test_no_backend_refuses_instead_of_plaintext(monkeypatch, tmp_path):
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(KeyringUnavailable) as err:
        open_context(tmp_path / "station")
    assert "gnome-keyring" in err.value.zh
    assert not list((tmp_path / "station").glob("*.sqlite3")), "database created without a key"


@needs_service
def test_key_gone_from_the_keyring_is_refused_not_replaced(tmp_path, resident):
    from kiosk.core.data_key import DataKeyMismatch
    from tests.conftest import AGENT, PENSION

    ctx = open_context(tmp_path / "station")
    ctx.applications.submit(PENSION, resident, AGENT)
    key_b64 = ctx.secrets.get("data-key")
    ctx.secrets.delete("data-key")  # e.g. the login keyring was reset
    ctx.close()
    with pytest.raises(DataKeyMismatch):
        open_context(tmp_path / "station")
    assert KeyringSecretStore(ctx.settings.install_id).get("data-key") is None
    ctx.secrets.set("data-key", key_b64)
    open_context(tmp_path / "station").close()
