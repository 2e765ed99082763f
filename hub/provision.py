"""``kiosk-hub provision``: a signed, passphrase-encrypted provisioning file for one station."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from hub.service import HubService
from kiosk.forms.station_code import check_station_code
from kiosk.protocol import envelope as signing
from kiosk.protocol.clock import utcnow
from kiosk.protocol.errors import InputError
from kiosk.protocol.files import provisioning
from kiosk.protocol.hub_address import require_secure_hub_url

KEY_FILE = "hub-signing.key"


def default_key_path(db_url: str) -> Path:
    """The signing key lives next to a SQLite hub database, else in the working folder."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser().resolve().parent / KEY_FILE
    return Path.cwd() / KEY_FILE


@dataclass(frozen=True)
class Issued:
    path: Path
    passphrase: str
    fingerprint: str
    expires_at: str


def issue(
    service: HubService,
    *,
    station_code: str,
    station_name: str,
    hub_url: str,
    out: Path,
    key_path: Path,
    ca_file: Path | None = None,
    passphrase: str | None = None,
    valid_days: int = 7,
) -> Issued:
    problem = check_station_code(station_code)
    if problem:
        raise InputError(problem, f"bad station code {station_code!r}")
    require_secure_hub_url(hub_url)  # a provisioning file sends a station to real residents

    ca_pem = ""
    if ca_file is not None:
        try:
            ca_pem = ca_file.read_text("ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"无法读取 CA 证书 {ca_file}。", f"cannot read {ca_file}") from exc
        if "-----BEGIN CERTIFICATE-----" not in ca_pem:
            raise InputError(f"{ca_file} 不是 PEM 格式的证书。", f"{ca_file} is not PEM")
    key = signing.load_or_create_key(key_path)
    code = service.issue_enrollment_code(station_code, valid_days=valid_days)
    now = utcnow()
    data = provisioning.Provisioning(
        station_code=station_code,
        station_name=station_name or f"代办点 {station_code}",
        hub_url=hub_url.rstrip("/"),
        enrollment_code=code,
        ca_pem=ca_pem,
        issued_at=now.isoformat(timespec="seconds"),
        expires_at=(now + dt.timedelta(days=valid_days)).isoformat(timespec="seconds"),
    )
    phrase = passphrase or provisioning.generate_passphrase()
    provisioning.write_file(out, data, key, phrase)
    return Issued(
        out, phrase, signing.fingerprint(signing.public_bytes(key.public_key())), data.expires_at
    )
