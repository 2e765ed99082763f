"""Provisioning files: issued by the real hub, applied to a real station; tampering refused."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import pytest

from hub.provision import default_key_path, issue
from kiosk.context import open_context
from kiosk.core.errors import InputError
from kiosk.demo import DEMO_STATION_CODE
from kiosk.deploy import provisioning, signing, trust
from kiosk.protocol.files import provisioning as provisioning_file
from kiosk.sync.enrollment import DEVICE_TOKEN
from tests.support.authority import authority_key

PHRASE = "K7QM-2WZP-9XHD-R4TN"


@contextlib.contextmanager
def refused(zh: str):
    """The Chinese message (what the technician reads) says why."""
    with pytest.raises(InputError) as info:
        yield
    assert zh in info.value.zh, info.value.zh


@pytest.fixture
def issued(tmp_path, hub):
    return issue(
        hub.service,
        station_code=DEMO_STATION_CODE,
        station_name="示范村代办点",
        hub_url=hub.url,
        out=tmp_path / "station.kprov",
        key_path=authority_key(tmp_path / "hub" / "hub-signing.key"),  # the shipped test key
        passphrase=PHRASE,
    )


@pytest.fixture
def station(tmp_path):
    ctx = open_context(tmp_path / "station", demo=True)
    yield ctx
    ctx.close()


def _rewrite(path, mutate):
    header = json.loads(path.read_bytes())
    mutate(header)
    path.write_text(json.dumps(header))


def test_apply_enrolls_station_and_stores_token_not_the_code(issued, station, hub):
    opened = provisioning.open_file(issued.path, "k7qm 2wzp 9xhd r4tn")  # as typed, any case
    device_id = provisioning.apply(station, opened)
    info = station.station()
    assert info is not None and info.code == DEMO_STATION_CODE and info.name == "示范村代办点"
    assert info.device_id == device_id and station.settings.hub_url == hub.url
    assert station.secrets.get(DEVICE_TOKEN)
    identity = hub.service.authenticate(station.secrets.get(DEVICE_TOKEN))
    assert identity.station_code == DEMO_STATION_CODE
    # the hub key is pinned, and the station is now able to sync
    assert trust.pinned_keys(station.data_dir) == {opened.signer}
    assert station.sync_engine().run_once(force=True).error in (None, "")
    # the enrollment code was one-time: the same file cannot enrol a second PC
    with pytest.raises(Exception, match=r"used|使用"):
        provisioning.apply(station, opened)


def test_file_is_encrypted_and_wrong_passphrase_is_refused(issued):
    raw = issued.path.read_bytes()
    assert issued.path.stat().st_mode & 0o077 == 0
    for secret in (b"https://", b"127.0.0.1", b"-----BEGIN"):
        assert secret not in raw
    with refused("口令不对"):
        provisioning.open_file(issued.path, "AAAA-BBBB-CCCC-DDDD")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda h: h.update(station_code="330106109299"),  # header label swapped
        lambda h: h["kdf"].update(n=2**14),  # weaker KDF
        lambda h: h.update(
            ciphertext=base64.b64encode(
                bytes([base64.b64decode(h["ciphertext"])[0] ^ 1])
                + base64.b64decode(h["ciphertext"])[1:]
            ).decode()
        ),  # one bit flipped
        lambda h: h.update(ciphertext=h["ciphertext"][: len(h["ciphertext"]) // 2]),  # truncated
    ],
    ids=["label", "kdf", "bitflip", "truncated"],
)
def test_tampered_file_is_refused_and_station_untouched(issued, station, mutate):
    _rewrite(issued.path, mutate)
    with pytest.raises(InputError):
        provisioning.open_file(issued.path, PHRASE)
    assert station.station() is None and not station.settings.hub_url


def test_not_a_provisioning_file(tmp_path):
    (tmp_path / "x.kprov").write_text("hello")
    with refused("不是本系统"):
        provisioning.open_file(tmp_path / "x.kprov", PHRASE)


def test_forged_signature_with_known_passphrase_is_refused(issued, tmp_path):
    """Someone who knows the passphrase re-encrypts an edited payload: the signature fails."""
    opened = provisioning.open_file(issued.path, PHRASE)
    key = signing.load_or_create_key(tmp_path / "hub" / "hub-signing.key")
    forged = tmp_path / "forged.kprov"
    provisioning.write_file(forged, opened.data, key, PHRASE)
    header = json.loads(forged.read_bytes())
    salt = base64.b64decode(header["kdf"]["salt"])
    nonce = base64.b64decode(header["nonce"])
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(provisioning_file._key(PHRASE, salt, provisioning_file.SCRYPT))
    body = json.loads(
        aes.decrypt(nonce, base64.b64decode(header["ciphertext"]), provisioning_file._aad(header))
    )
    body["payload"]["hub_url"] = "http://127.0.0.2:9"  # a rogue hub
    header["ciphertext"] = base64.b64encode(
        aes.encrypt(nonce, signing.canonical_json(body), provisioning_file._aad(header))
    ).decode()
    forged.write_text(json.dumps(header))
    with refused("签名无效"):
        provisioning.open_file(forged, PHRASE)


def test_file_from_an_untrusted_hub_is_refused(station, tmp_path, hub):
    """A file signed by a key neither shipped nor pinned is refused: no trust on first use."""
    rogue = issue(
        hub.service,
        station_code=DEMO_STATION_CODE,
        station_name="示范村代办点",
        hub_url=hub.url,
        out=tmp_path / "rogue.kprov",
        key_path=tmp_path / "rogue" / "hub-signing.key",  # a fresh key nobody trusts
        passphrase=PHRASE,
    )
    opened = provisioning.open_file(rogue.path, PHRASE)
    with refused("不是由本站点信任"):
        provisioning.apply(station, opened)
    assert station.station() is None
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "province.pub").write_text(base64.b64encode(b"\x02" * 32).decode() + "\n")
    fresh = open_context(tmp_path / "fresh", demo=True)
    with refused("不是由本站点信任"):
        provisioning.check_trusted(opened, fresh.data_dir, shipped)
    (shipped / "hub.pub").write_text(base64.b64encode(opened.signer).decode())
    assert provisioning.check_trusted(opened, fresh.data_dir, shipped) == "shipped"
    fresh.close()


def test_expired_file_is_refused(issued, station):
    opened = provisioning.open_file(issued.path, PHRASE)
    later = dt.datetime.fromisoformat(opened.data.expires_at) + dt.timedelta(minutes=1)
    with refused("已过期"):
        provisioning.apply(station, opened, now=later)
    assert station.station() is None


def test_ca_certificate_is_installed(tmp_path, hub, station):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    done = issue(
        hub.service,
        station_code=DEMO_STATION_CODE,
        station_name="",
        hub_url=hub.url,
        out=tmp_path / "s.kprov",
        key_path=tmp_path / "k.key",
        ca_file=ca,
    )
    opened = provisioning.open_file(done.path, done.passphrase)
    assert opened.data.ca_pem == ca.read_text()
    assert opened.data.station_name == f"代办点 {DEMO_STATION_CODE}"


def test_signing_key_kept_next_to_hub_db_and_reused(tmp_path):
    db = tmp_path / "hubdata" / "hub.sqlite3"
    assert default_key_path(f"sqlite:///{db}") == db.parent / "hub-signing.key"
    key = signing.load_or_create_key(db.parent / "hub-signing.key")
    again = signing.load_or_create_key(db.parent / "hub-signing.key")
    assert signing.public_bytes(key.public_key()) == signing.public_bytes(again.public_key())
    assert (db.parent / "hub-signing.key").stat().st_mode & 0o077 == 0


@pytest.mark.slow
def test_cli_round_trip_hub_provision_then_kiosk_setup(tmp_path, hub):
    """kiosk-hub provision → kiosk setup --from FILE: the technician types only the passphrase."""
    db_url = str(hub.fastapi.state.service.db.engine.url)
    out = tmp_path / "usb" / "station.kprov"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "hub.cli",
            "--db",
            db_url,
            "provision",
            "--station",
            DEMO_STATION_CODE,
            "--out",
            str(out),
            "--hub-url",
            hub.url,
            "--name",
            "示范村",
            "--key",
            str(authority_key(tmp_path / "authority" / "hub-signing.key")),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr
    phrase = next(
        line.split(":", 1)[1].strip() for line in r.stdout.splitlines() if "passphrase" in line
    )
    data = tmp_path / "station"
    open_context(data, demo=True).close()  # demo secret store: no Secret Service needed here

    def setup(stdin):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "kiosk",
                "--data-dir",
                str(data),
                "--json",
                "setup",
                "--from",
                str(out),
            ],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    bad = setup("WRONG-WRONG-WRONG\n")
    assert bad.returncode == 2 and "口令不对" in bad.stderr
    ok = setup(phrase + "\n")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["station"] == DEMO_STATION_CODE


@pytest.mark.slow
def test_setup_uses_the_file_the_installer_left(tmp_path, issued):
    """setup.exe /PROVISION=… leaves the file machine-wide; `kiosk setup --from` finds it."""
    machine = tmp_path / "machine-share"
    (machine / "village-kiosk" / "provision").mkdir(parents=True)
    data = tmp_path / "station"
    open_context(data, demo=True).close()
    env = dict(os.environ, XDG_DATA_DIRS=str(machine), QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "kiosk", "--data-dir", str(data), "setup", "--from"]
    none = subprocess.run(cmd, input=PHRASE + "\n", capture_output=True, text=True, env=env)
    assert none.returncode == 2 and "没有安装程序留下" in none.stderr
    shutil.copy(issued.path, machine / "village-kiosk" / "provision" / "station.kprov")
    ok = subprocess.run(cmd, input=PHRASE + "\n", capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert DEMO_STATION_CODE in ok.stdout
