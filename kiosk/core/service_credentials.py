"""Service credentials for scripted use of the command line (a cron backup): made by a
technician, scoped to a few commands, revocable. The secret is kept in the OS keyring (the
script's user reads it from there), only its hash in the database; never a command-line flag.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError, KioskError
from kiosk.core.secrets import SecretStore
from kiosk.store.db import Database
from kiosk.store.models import ServiceCredential

# what a script may do: never agents, passphrase backups, restore, updates or provisioning
SCOPES = {"backup": "备份（不带恢复口令）", "maintenance": "每日维护"}


def _secret_name(name: str) -> str:
    return f"service-credential:{name}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CredentialRefused(KioskError):
    exit_code = 2


@dataclass(frozen=True)
class CredentialInfo:
    name: str
    scopes: tuple[str, ...]
    created_by: str
    revoked: bool


class ServiceCredentials:
    def __init__(self, db: Database, secret_store: SecretStore, audit_log: AuditLog) -> None:
        self._db = db
        self._secrets = secret_store
        self._audit = audit_log

    def create(self, name: str, scopes: list[str], actor: str) -> CredentialInfo:
        name = name.strip()
        if not name or len(name) > 40 or not name.replace("-", "").isalnum():
            raise InputError("凭据名称只能用字母、数字和连字符。", "bad credential name")
        bad = sorted(set(scopes) - set(SCOPES))
        if not scopes or bad:
            raise InputError(
                f"凭据用途只能是：{'、'.join(SCOPES)}。", f"scopes must be among {sorted(SCOPES)}"
            )
        token = secrets.token_urlsafe(32)
        with self._db.write() as s:
            if s.get(ServiceCredential, name) is not None:
                raise InputError(f"凭据“{name}”已存在。", f"credential {name!r} exists")
            s.add(
                ServiceCredential(
                    name=name,
                    scopes=",".join(sorted(set(scopes))),
                    token_hash=_digest(token),
                    created_by=actor[:50],
                )
            )
            self._audit.record(s, actor[:50], audit.CREATE, f"service:{name}", ",".join(scopes))
            self._secrets.set(_secret_name(name), token)  # inside: no row without its secret
        return CredentialInfo(name, tuple(sorted(set(scopes))), actor, False)

    def revoke(self, name: str, actor: str) -> None:
        with self._db.write() as s:
            row = s.get(ServiceCredential, name)
            if row is None or row.revoked_at is not None:
                raise InputError(f"没有有效的凭据“{name}”。", f"no active credential {name!r}")
            row.revoked_at = utcnow()
            self._audit.record(s, actor[:50], audit.REVOKE, f"service:{name}")
        self._secrets.delete(_secret_name(name))

    def list(self) -> list[CredentialInfo]:
        with self._db.read() as s:
            rows = s.scalars(select(ServiceCredential).order_by(ServiceCredential.name))
            return [
                CredentialInfo(
                    r.name, tuple(r.scopes.split(",")), r.created_by, r.revoked_at is not None
                )
                for r in rows
            ]

    def check(self, name: str, scope: str) -> str:
        """The actor name for a script using credential ``name`` for ``scope``, or refused."""
        token = self._secrets.get(_secret_name(name)) or ""
        with self._db.read() as s:
            row = s.get(ServiceCredential, name)
            valid = (
                row is not None
                and row.revoked_at is None
                and bool(token)
                and hmac.compare_digest(row.token_hash, _digest(token))
            )
            scopes = row.scopes.split(",") if row is not None else []
        if not valid:
            raise CredentialRefused(
                f"服务凭据“{name}”无效或已被撤销，请技术员重新创建。",
                f"service credential {name!r} invalid or revoked",
            )
        if scope not in scopes:
            raise CredentialRefused(
                f"服务凭据“{name}”不能用于此命令（只能用于：{'、'.join(scopes)}）。",
                f"service credential {name!r} not scoped for {scope}",
            )
        return f"service:{name}"
