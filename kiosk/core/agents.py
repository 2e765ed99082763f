"""Local users (代办员, 乡镇工作人员, 技术员): PINs, lockout, roles."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select

from kiosk.core import audit
from kiosk.core.audit import AuditLog
from kiosk.core.clock import utcnow
from kiosk.core.errors import InputError, KioskError
from kiosk.core.pins import hash_pin, is_keyed, verify_pin
from kiosk.store.db import Database
from kiosk.store.models import Agent

log = logging.getLogger(__name__)

ROLES = {"agent": "代办员", "township": "乡镇工作人员", "technician": "技术员"}
MAX_FAILED = 5


@cache
def _dummy_hash() -> str:
    return hash_pin("000000")


LOCKOUT = dt.timedelta(minutes=5)
# each further lock-out of the same account lasts longer: 5 min, 30 min, 2 h, then a day
LOCKOUTS = (LOCKOUT, dt.timedelta(minutes=30), dt.timedelta(hours=2), dt.timedelta(days=1))


def lockout_for(lockouts: int) -> dt.timedelta:
    """How long the ``lockouts``-th lock-out (1-based) lasts."""
    return LOCKOUTS[min(max(lockouts, 1), len(LOCKOUTS)) - 1]


def _duration_zh(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes >= 24 * 60:
        return f"{minutes // (24 * 60)}天"
    if minutes >= 60:
        return f"{minutes // 60}小时"
    return f"{minutes}分钟"


@dataclass(frozen=True)
class AgentInfo:
    name: str
    role: str


class LoginFailed(KioskError):
    exit_code = 2


class AgentService:
    def __init__(self, db: Database, audit_log: AuditLog, pin_key: bytes | None = None) -> None:
        self._db = db
        self._audit = audit_log
        self._pin_key = pin_key  # from the keyring (the data key): keys every PIN hash

    def any(self) -> bool:
        """Whether any account exists (before the first one, setup is open to the PC's user)."""
        with self._db.read() as s:
            return s.scalar(select(Agent.id).limit(1)) is not None

    def add(self, name: str, role: str, pin: str, actor: str = "技术员") -> AgentInfo:
        name = name.strip()
        if not name or len(name) > 50:
            raise InputError("用户名不能为空，且不超过50个字。", "agent name empty or too long")
        if role not in ROLES:
            raise InputError(
                f"角色只能是：{'、'.join(ROLES)}。", f"unknown role {role!r}; use {sorted(ROLES)}"
            )
        if not re.fullmatch(r"\d{6,12}", pin):
            raise InputError("PIN 码应为6到12位数字。", "PIN must be 6-12 digits")
        with self._db.write() as s:
            if s.scalar(select(Agent).where(Agent.name == name)):
                raise InputError(f"用户“{name}”已存在。", f"agent {name!r} already exists")
            s.add(Agent(name=name, role=role, pin_hash=hash_pin(pin, self._pin_key)))
            self._audit.record(s, actor[:50], audit.CREATE, f"agent:{name}", role)
        log.info("agent added (role=%s)", role)
        return AgentInfo(name, role)

    def authenticate(self, name: str, pin: str) -> AgentInfo:
        now = utcnow()
        failure: LoginFailed | None = None
        with self._db.write() as s:
            agent = s.scalar(select(Agent).where(Agent.name == name.strip(), Agent.active))
            if agent is None:
                verify_pin(pin, _dummy_hash())  # same cost whether or not the user exists
                failure = LoginFailed("用户名或 PIN 码不正确。", "unknown user or wrong PIN")
            elif agent.locked_until and agent.locked_until > now:
                minutes = int((agent.locked_until - now).total_seconds() // 60) + 1
                failure = LoginFailed(
                    f"PIN 码连续输错{MAX_FAILED}次，账号已锁定，请约 {minutes} 分钟后再试。",
                    "account locked after repeated wrong PINs",
                )
            elif not verify_pin(pin, agent.pin_hash, self._pin_key):
                agent.failed_attempts += 1
                left = MAX_FAILED - agent.failed_attempts
                if left <= 0:  # locked; every further lock-out lasts longer
                    agent.failed_attempts = 0
                    agent.lockouts = (agent.lockouts or 0) + 1
                    length = lockout_for(agent.lockouts)
                    agent.locked_until = now + length
                    msg = f"PIN 码连续输错{MAX_FAILED}次，账号已锁定{_duration_zh(length)}。"
                else:
                    msg = f"用户名或 PIN 码不正确，还可尝试 {left} 次。"
                failure = LoginFailed(msg, "wrong PIN")
            else:
                agent.failed_attempts = 0
                agent.lockouts = 0
                agent.locked_until = None
                if self._pin_key is not None and not is_keyed(agent.pin_hash):
                    agent.pin_hash = hash_pin(pin, self._pin_key)  # an older, unkeyed hash
                info = AgentInfo(agent.name, agent.role)
            self._audit.record(s, name.strip()[:50], audit.LOGIN_FAILED if failure else audit.LOGIN)
        if failure is not None:  # raised after the commit, so the failure counter sticks
            log.warning("login refused: %s", failure.en)
            raise failure
        return info

    def list(self) -> list[AgentInfo]:
        with self._db.read() as s:
            return [
                AgentInfo(a.name, a.role) for a in s.scalars(select(Agent).order_by(Agent.name))
            ]
