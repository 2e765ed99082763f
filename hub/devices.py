"""Device enrolment: one-time codes, bearer tokens, rotation and revocation.

Tokens are stored only as SHA-256 hashes. Rotation is two-phase so a lost answer never
locks a station out: the new token is kept as ``next_token_hash`` next to the old one, and
the old one stops working the first time the device authenticates with the new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select, update

from hub.db import HubDatabase
from hub.errors import HubError
from hub.models import Device, EnrollmentCode, Station
from kiosk.protocol.clock import utcnow

log = logging.getLogger(__name__)

STATION_RE = re.compile(r"\d{12}")
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


@dataclass(frozen=True)
class DeviceIdentity:
    device_id: str
    station_code: str


class DeviceService:
    def __init__(self, db: HubDatabase) -> None:
        self.db = db

    def issue_enrollment_code(self, station_code: str, valid_days: int = 7) -> str:
        if not STATION_RE.fullmatch(station_code):
            raise HubError(422, "站点编码应为12位数字。", "station code must be 12 digits")
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
        code = "-".join(raw[i : i + 4] for i in range(0, 12, 4))
        with self.db.session() as s:
            s.add(
                EnrollmentCode(
                    code_hash=token_hash(normalise_code(code)),
                    station_code=station_code,
                    expires_at=utcnow() + dt.timedelta(days=valid_days),
                )
            )
        return code

    def enroll(self, code: str, station_code: str, sign_key: str | None = None) -> tuple[str, str]:
        """One-time code → (device_id, bearer token). ``sign_key``: the station's Ed25519
        public key (base64), which its removable-media batches are signed with."""
        with self.db.session() as s:
            row = s.get(EnrollmentCode, token_hash(normalise_code(code)), with_for_update=True)
            # one answer whether the code is unknown, another station's, used or expired: a
            # different one for "used" would tell a guesser that the code exists
            why = (
                "unknown"
                if row is None or row.station_code != station_code
                else "used"
                if row.used_at is not None
                else "expired"
                if row.expires_at < utcnow()
                else ""
            )
            if why or row is None:
                log.info("enrollment refused for %s: code %s", station_code, why)
                raise HubError(
                    403,
                    "注册码无效、已使用或已过期，或与站点编码不符，请向县级管理员重新申请。",
                    "enrollment code refused",
                    "enrollment-invalid",
                )
            row.used_at = utcnow()
            token = secrets.token_urlsafe(32)
            device_id = str(uuid.uuid4())
            if s.get(Station, station_code) is None:
                s.add(Station(code=station_code, last_seq=0))
            s.add(
                Device(
                    id=device_id,
                    station_code=station_code,
                    token_hash=token_hash(token),
                    sign_key=sign_key,
                )
            )
        return device_id, token

    def authenticate(self, token: str) -> DeviceIdentity:
        """Bearer token → the device and its station, or 401 (revoked / unknown)."""
        digest = token_hash(token)
        with self.db.session() as s:
            dev = s.scalar(
                select(Device).where(
                    or_(Device.token_hash == digest, Device.next_token_hash == digest)
                )
            )
            if dev is not None and dev.revoked_at is not None:
                raise HubError(
                    401,
                    "本站点的设备凭证已被省级平台吊销。请技术员向县级管理员申请新的注册码，"
                    "在“站点配置”中重新注册本站点；已保存的申请不会丢失。",
                    "device token revoked",
                    "token-revoked",
                )
            if dev is None:
                raise HubError(
                    401,
                    "设备凭证无效，请技术员重新注册本站点。",
                    "unknown device token",
                    "token-invalid",
                )
            if dev.next_token_hash == digest:  # first use of a rotated token
                dev.token_hash, dev.next_token_hash = digest, None
            return DeviceIdentity(dev.id, dev.station_code)

    def rotate(self, device_id: str) -> str:
        """A new token for this device; the current one keeps working until the new one is used."""
        token = secrets.token_urlsafe(32)
        with self.db.session() as s:
            dev = s.get(Device, device_id, with_for_update=True)
            if dev is None or dev.revoked_at is not None:
                raise HubError(401, "设备凭证无效。", "device gone", "token-invalid")
            dev.next_token_hash = token_hash(token)
            dev.rotated_at = utcnow()
        return token

    def revoke(self, target: str) -> int:
        """Revoke a device (by id) or every device of a station (by 12-digit code)."""
        column = Device.station_code if STATION_RE.fullmatch(target) else Device.id
        with self.db.session() as s:
            result = s.execute(
                update(Device)
                .where(column == target, Device.revoked_at.is_(None))
                .values(revoked_at=utcnow(), next_token_hash=None)
            )
            count = int(getattr(result, "rowcount", 0) or 0)
        if not count:
            raise HubError(
                404, f"找不到可吊销的设备：{target}。", f"no active device {target}", "not-found"
            )
        return count
