"""Provisioning files: what a technician carries to a village on a USB stick.

``kiosk-hub provision`` writes one per station; ``kiosk setup --from FILE`` applies it. The
file is encrypted with a passphrase (scrypt + AES-256-GCM; the technician types it once) and
its content is signed with the hub's Ed25519 key. See docs/provisioning.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.deploy import trust
from kiosk.forms.station_code import check_station_code
from kiosk.protocol import envelope as signing
from kiosk.protocol.atomic import atomic_write_bytes
from kiosk.protocol.clock import format_local
from kiosk.protocol.errors import InputError
from kiosk.protocol.files import provisioning as files
from kiosk.protocol.files.provisioning import (
    FORMAT,
    SUFFIX,
    Opened,
    Provisioning,
    generate_passphrase,
    normalize_passphrase,
    write_file,
)

if TYPE_CHECKING:
    from kiosk.context import AppContext

log = logging.getLogger(__name__)

CA_FILE = "hub-ca.pem"
__all__ = [
    "CA_FILE",
    "FORMAT",
    "SUFFIX",
    "Opened",
    "Provisioning",
    "apply",
    "check_trusted",
    "generate_passphrase",
    "normalize_passphrase",
    "open_file",
    "pending_file",
    "write_file",
]


def pending_file() -> Path | None:
    """The file an installer left for this PC (setup.exe /PROVISION=…): machine-wide,
    ``C:\\ProgramData\\village-kiosk\\provision\\station.kprov`` on Windows,
    ``/usr/local/share/village-kiosk/provision/station.kprov`` on Linux."""
    import platformdirs

    path = Path(platformdirs.site_data_dir("village-kiosk", appauthor=False))
    path = path / "provision" / f"station{SUFFIX}"
    return path if path.is_file() else None


def open_file(path: Path, passphrase: str) -> Opened:
    """Decrypt and check the signature and the station code. Nothing is changed."""
    opened = files.open_file(path, passphrase)
    problem = check_station_code(opened.data.station_code)
    if problem:
        raise InputError(problem, f"bad station code {opened.data.station_code!r}")
    return opened


def check_trusted(opened: Opened, data_dir: Path, shipped: Path | None = None) -> str:
    """Refuse a signer this station does not trust; returns how it is trusted."""
    fp = signing.fingerprint(opened.signer)
    ship = trust.shipped_keys(shipped)
    pinned = trust.pinned_keys(data_dir)
    if opened.signer in ship or opened.signer in pinned:
        return "shipped" if opened.signer in ship else "pinned"
    # never trust on first use: the key that would sign code updates and choose where the
    # residents' data goes must come with the installation or from a signer already trusted
    raise InputError(
        f"配置文件不是由本站点信任的省级平台签发的（签名密钥指纹 {fp}），已拒绝。"
        "请确认文件来源，或向县级管理员索取正确的配置文件。",
        f"provisioning file signed by untrusted key {fp}",
    )


def apply(
    ctx: AppContext, opened: Opened, *, shipped: Path | None = None, now: dt.datetime | None = None
) -> str:
    """Enrol at the hub with the file's one-time code; pin the hub's key. Returns device id."""
    data = opened.data
    how = check_trusted(opened, ctx.data_dir, shipped)
    if data.expired(now):
        until = format_local(dt.datetime.fromisoformat(data.expires_at))
        raise InputError(
            f"配置文件已过期（有效期至 {until}），请向县级管理员重新索取。",
            f"provisioning file expired at {data.expires_at}",
        )
    ca_file = ""
    if data.ca_pem.strip():
        if "-----BEGIN CERTIFICATE-----" not in data.ca_pem:
            raise InputError("配置文件中的 CA 证书格式不对。", "CA certificate is not PEM")
        target = ctx.data_dir / CA_FILE
        atomic_write_bytes(target, data.ca_pem.encode(), mode=0o644)
        ca_file = str(target)
    device_id = ctx.provision(
        data.hub_url, data.station_code, data.station_name, data.enrollment_code, ca_file
    )
    trust.pin_key(ctx.data_dir, opened.signer, f"provisioning {data.station_code} ({how})")
    log.info(
        "station provisioned from file (signer %s, %s)", signing.fingerprint(opened.signer), how
    )
    return device_id
